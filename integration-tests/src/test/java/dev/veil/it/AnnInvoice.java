package dev.veil.it;

import dev.veil.annotations.Encrypted;
import dev.veil.annotations.Mode;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.math.BigDecimal;

/**
 * An entity named only by its Java names, which Hibernate's snake-case naming strategy turns into
 * {@code ann_invoice.total_due} and {@code ann_invoice.address2_line}: the module compiles with
 * {@code -Aveil.naming=snake-case}, so the generated policy names those columns too.
 */
@Entity
class AnnInvoice {
  @Id Integer id;

  @Encrypted(mode = Mode.RANDOMIZED, key = "pii")
  BigDecimal totalDue;

  @Encrypted(mode = Mode.DETERMINISTIC, key = "pii")
  String address2Line;

  String currencyCode;

  protected AnnInvoice() {}

  AnnInvoice(int id, BigDecimal totalDue, String address2Line, String currencyCode) {
    this.id = id;
    this.totalDue = totalDue;
    this.address2Line = address2Line;
    this.currencyCode = currencyCode;
  }
}
