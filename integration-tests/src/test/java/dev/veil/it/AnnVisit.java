package dev.veil.it;

import dev.veil.annotations.Encrypted;
import dev.veil.annotations.Mode;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

/**
 * An entity without {@code @Table}: JPA names its table after the entity name, and so must the
 * generated policy, or Hibernate would write this table's protected columns in the clear.
 */
@Entity(name = "ann_visits")
class AnnVisit {
  /** Why a patient came; stored by name. */
  enum Reason {
    CHECKUP,
    EMERGENCY
  }

  @Id Integer id;

  @Encrypted(mode = Mode.DETERMINISTIC, key = "pii")
  long mrn;

  @Encrypted(mode = Mode.DETERMINISTIC, key = "pii")
  @Enumerated(EnumType.STRING)
  Reason reason;

  String clinic;

  protected AnnVisit() {}

  AnnVisit(int id, long mrn, Reason reason, String clinic) {
    this.id = id;
    this.mrn = mrn;
    this.reason = reason;
    this.clinic = clinic;
  }
}
