package dev.veil.it;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A row of {@code rc_patients} as MyBatis maps it: by its property names. */
public class RcPatient {
  private Integer id;
  private String ssn;
  private LocalDate dob;
  private BigDecimal balance;
  private String note;

  /** For MyBatis, which sets the properties one by one. */
  public RcPatient() {}

  RcPatient(Integer id, String ssn, LocalDate dob, BigDecimal balance, String note) {
    this.id = id;
    this.ssn = ssn;
    this.dob = dob;
    this.balance = balance;
    this.note = note;
  }

  public Integer getId() {
    return id;
  }

  public void setId(Integer id) {
    this.id = id;
  }

  public String getSsn() {
    return ssn;
  }

  public void setSsn(String ssn) {
    this.ssn = ssn;
  }

  public LocalDate getDob() {
    return dob;
  }

  public void setDob(LocalDate dob) {
    this.dob = dob;
  }

  public BigDecimal getBalance() {
    return balance;
  }

  public void setBalance(BigDecimal balance) {
    this.balance = balance;
  }

  public String getNote() {
    return note;
  }

  public void setNote(String note) {
    this.note = note;
  }
}
