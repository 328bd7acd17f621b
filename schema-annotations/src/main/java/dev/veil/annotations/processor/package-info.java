/**
 * The annotation processor that writes the policy file from {@link dev.veil.annotations.Encrypted}
 * annotations: {@link dev.veil.annotations.processor.PolicyProcessor}, registered as a service so
 * that javac finds it on the class path or processor path.
 */
package dev.veil.annotations.processor;
