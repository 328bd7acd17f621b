package dev.veil.it;

import dev.veil.annotations.Encrypted;
import dev.veil.annotations.Mode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A JPA entity whose policy entries {@code PolicyProcessor} writes at test-compile time. */
@Entity
@Table(name = "ann_patients")
class AnnPatient {
  @Id Integer id;

  @Encrypted(mode = Mode.DETERMINISTIC, key = "pii")
  @Column(name = "ssn", length = 512)
  String ssn;

  @Encrypted(mode = Mode.RANDOMIZED, key = "pii")
  @Column(name = "full_name", length = 512)
  String name;

  @Encrypted(mode = Mode.RANDOMIZED, key = "pii")
  LocalDate dob;

  String note;

  @OneToMany(mappedBy = "patient")
  List<AnnVisit> visits = new ArrayList<>();

  protected AnnPatient() {}

  AnnPatient(int id, String ssn, String name, LocalDate dob, String note) {
    this.id = id;
    this.ssn = ssn;
    this.name = name;
    this.dob = dob;
    this.note = note;
  }
}
