package dev.veil.jdbc;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Calendar;

/**
 * Shapes that JDBC defines on top of a value: streams, scales, and calendars, which say in which
 * time zone a date, time or timestamp is to be read as the local value a protected column holds.
 */
final class Reads {
  private static final LocalDate TIME_EPOCH = LocalDate.of(1970, 1, 1);

  private Reads() {}

  static InputStream bytes(byte[] value) {
    return value == null ? null : new ByteArrayInputStream(value);
  }

  static Reader chars(String value) {
    return value == null ? null : new StringReader(value);
  }

  static BigDecimal scaled(BigDecimal value, int scale) {
    return value == null ? null : value.setScale(scale, RoundingMode.HALF_UP);
  }

  /** A stored local date read as midnight in the calendar's zone, as JDBC specifies. */
  static java.sql.Date date(LocalDate value, Calendar calendar) {
    if (value == null) {
      return null;
    }
    return new java.sql.Date(value.atStartOfDay(zone(calendar)).toInstant().toEpochMilli());
  }

  static java.sql.Time time(LocalTime value, Calendar calendar) {
    if (value == null) {
      return null;
    }
    return new java.sql.Time(
        value.atDate(TIME_EPOCH).atZone(zone(calendar)).toInstant().toEpochMilli());
  }

  static java.sql.Timestamp timestamp(LocalDateTime value, Calendar calendar) {
    if (value == null) {
      return null;
    }
    return java.sql.Timestamp.from(value.atZone(zone(calendar)).toInstant());
  }

  /** The local value an application means by binding {@code value} with {@code calendar}. */
  static Object local(java.util.Date value, Calendar calendar) {
    if (value == null) {
      return null;
    }
    LocalDateTime local =
        LocalDateTime.ofInstant(Instant.ofEpochMilli(value.getTime()), zone(calendar));
    if (value instanceof java.sql.Timestamp timestamp) {
      return local.withNano(timestamp.getNanos());
    }
    return value instanceof java.sql.Time ? local.toLocalTime() : local.toLocalDate();
  }

  private static ZoneId zone(Calendar calendar) {
    return calendar == null ? ZoneId.systemDefault() : calendar.getTimeZone().toZoneId();
  }
}
