/**
 * Annotations that declare, on entity classes, which columns Veil protects, and the processor that
 * writes the policy file from them at compile time. The module is reserved in the build so that
 * applications can depend on it from the first release; its contents arrive with the annotation
 * processor.
 */
package dev.veil.annotations;
