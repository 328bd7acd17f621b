/**
 * Annotations that declare, on entity classes and records, which columns Veil protects: {@link
 * dev.veil.annotations.Encrypted} on a field or record component, and {@link
 * dev.veil.annotations.VeilTable} to name the table where JPA's {@code @Table} is not used. The
 * annotation processor in {@code dev.veil.annotations.processor} writes them out as the policy file
 * {@code META-INF/veil/policy.yaml} at compile time.
 */
package dev.veil.annotations;
