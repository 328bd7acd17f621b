package dev.veil.it;

import dev.veil.annotations.Encrypted;
import dev.veil.annotations.Mode;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

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

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "patient_id")
  AnnPatient patient;

  protected AnnVisit() {}

  AnnVisit(int id, long mrn, Reason reason, String clinic) {
    this.id = id;
    this.mrn = mrn;
    this.reason = reason;
    this.clinic = clinic;
  }

  /** A visit of {@code patient}, added to its visits so both sides of the association agree. */
  AnnVisit(int id, long mrn, Reason reason, String clinic, AnnPatient patient) {
    this(id, mrn, reason, clinic);
    this.patient = patient;
    patient.visits.add(this);
  }
}
