package dev.veil.crypto;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import dev.veil.policy.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The canonical plaintext encoding of each {@link ColumnType}. The column's declared type, never
 * the Java type handed in, decides the bytes: {@code 5}, {@code 5L} and {@code "5"} on an {@code
 * int} column encode alike, and {@code 1.0} equals {@code 1.00} on a {@code decimal} column, so
 * that a deterministic ciphertext always finds its row.
 *
 * <p>Encodings: string as UTF-8; int and long as big-endian two's complement of 4 and 8 bytes;
 * decimal as the 4-byte scale and the unscaled value of the number stripped of trailing zeros;
 * double as IEEE-754 bits with {@code -0.0} folded to {@code 0.0} and one NaN; boolean as one byte;
 * date as the epoch day; time as the nano of day; timestamp as epoch second and nano of a local
 * date-time; uuid as 16 bytes; bytes as they are.
 *
 * <p>Messages name the column type and the Java type, never the value.
 */
public final class ValueCodec {
  private ValueCodec() {}

  /** Encodes a non-null value as {@code type}; refuses a value that does not fit exactly. */
  public static byte[] encode(ColumnType type, Object value) throws SQLException {
    return switch (type) {
      case STRING -> toStringValue(value).getBytes(StandardCharsets.UTF_8);
      case INT -> ByteBuffer.allocate(4).putInt(toInt(value)).array();
      case LONG -> ByteBuffer.allocate(8).putLong(toLong(value)).array();
      case DECIMAL -> encodeDecimal(toDecimal(value));
      case DOUBLE -> ByteBuffer.allocate(8).putLong(doubleBits(toDouble(value))).array();
      case BOOLEAN -> new byte[] {(byte) (toBoolean(value) ? 1 : 0)};
      case DATE -> ByteBuffer.allocate(8).putLong(toDate(value).toEpochDay()).array();
      case TIME -> ByteBuffer.allocate(8).putLong(toTime(value).toNanoOfDay()).array();
      case TIMESTAMP -> encodeTimestamp(toTimestamp(value));
      case BYTES -> toBytes(value);
      case UUID -> encodeUuid(toUuid(value));
    };
  }

  /**
   * The largest canonical encoding of a {@code type} value, in bytes, or empty when it has no
   * bound: fixed-size types have their size; {@code string} takes up to 4 UTF-8 bytes for each of
   * at most {@code declaredLength} characters and {@code bytes} at most {@code declaredLength}
   * bytes, both unbounded when {@code declaredLength} is 0; {@code decimal} is always unbounded.
   */
  public static OptionalInt maxEncodedLength(ColumnType type, int declaredLength) {
    return switch (type) {
      case INT -> OptionalInt.of(4);
      case LONG, DOUBLE, DATE, TIME -> OptionalInt.of(8);
      case BOOLEAN -> OptionalInt.of(1);
      case TIMESTAMP -> OptionalInt.of(12);
      case UUID -> OptionalInt.of(16);
      // Capped at 1 GiB so that overhead and base64 still fit an int; no column type in use is
      // bounded between that and unbounded.
      case STRING ->
          declaredLength > 0
              ? OptionalInt.of((int) Math.min(4L * declaredLength, 1 << 30))
              : OptionalInt.empty();
      case BYTES -> declaredLength > 0 ? OptionalInt.of(declaredLength) : OptionalInt.empty();
      case DECIMAL -> OptionalInt.empty();
    };
  }

  /** Decodes bytes written by {@link #encode} into the canonical Java value of {@code type}. */
  public static Object decode(ColumnType type, byte[] bytes) throws SQLException {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      Object value =
          switch (type) {
            case STRING ->
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in)
                    .toString();
            case INT -> fixed(in, 4).getInt();
            case LONG -> fixed(in, 8).getLong();
            case DECIMAL -> decodeDecimal(in);
            case DOUBLE -> Double.longBitsToDouble(fixed(in, 8).getLong());
            case BOOLEAN -> decodeBoolean(fixed(in, 1).get());
            case DATE -> LocalDate.ofEpochDay(fixed(in, 8).getLong());
            case TIME -> LocalTime.ofNanoOfDay(fixed(in, 8).getLong());
            case TIMESTAMP -> decodeTimestamp(fixed(in, 12));
            case BYTES -> bytes.clone();
            case UUID -> {
              ByteBuffer b = fixed(in, 16);
              yield new UUID(b.getLong(), b.getLong());
            }
          };
      return value;
    } catch (CharacterCodingException | RuntimeException e) {
      // No cause: java.time and friends put the offending value in their messages.
      throw VeilErrors.of(
          VeilSqlState.DECRYPTION_FAILED,
          "a decrypted value is not a valid "
              + type.policyName()
              + " encoding ("
              + e.getClass().getSimpleName()
              + "); was the column's declared type changed?");
    }
  }

  private static ByteBuffer fixed(ByteBuffer in, int length) {
    if (in.remaining() != length) {
      throw new IllegalArgumentException("expected " + length + " bytes, got " + in.remaining());
    }
    return in;
  }

  private static boolean decodeBoolean(byte b) {
    if (b != 0 && b != 1) {
      throw new IllegalArgumentException("boolean byte out of range");
    }
    return b == 1;
  }

  static String toStringValue(Object value) throws SQLException {
    if (value instanceof CharSequence || value instanceof Character) {
      return value.toString();
    }
    if (isIntegral(value)) {
      return value.toString();
    }
    throw mismatch(ColumnType.STRING, value);
  }

  static int toInt(Object value) throws SQLException {
    long v = toLongChecked(ColumnType.INT, value);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw VeilErrors.of(
          VeilSqlState.INVALID_VALUE, "the value does not fit the column's declared type int");
    }
    return (int) v;
  }

  static long toLong(Object value) throws SQLException {
    return toLongChecked(ColumnType.LONG, value);
  }

  private static long toLongChecked(ColumnType type, Object value) throws SQLException {
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    BigDecimal exact;
    if (value instanceof BigInteger big) {
      exact = new BigDecimal(big);
    } else if (value instanceof BigDecimal decimal) {
      exact = decimal;
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw notExact(type);
      }
      exact = new BigDecimal(d);
    } else if (value instanceof CharSequence text) {
      try {
        exact = new BigDecimal(text.toString().strip());
      } catch (NumberFormatException e) {
        throw notExact(type);
      }
    } else {
      throw mismatch(type, value);
    }
    try {
      return exact.longValueExact();
    } catch (ArithmeticException e) {
      throw notExact(type);
    }
  }

  static BigDecimal toDecimal(Object value) throws SQLException {
    BigDecimal decimal;
    if (value instanceof BigDecimal d) {
      decimal = d;
    } else if (value instanceof BigInteger big) {
      decimal = new BigDecimal(big);
    } else if (isIntegral(value)) {
      decimal = BigDecimal.valueOf(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw notExact(ColumnType.DECIMAL);
      }
      // The shortest decimal that round-trips the double, as a person would have written it.
      decimal = value instanceof Float ? new BigDecimal(value.toString()) : BigDecimal.valueOf(d);
    } else if (value instanceof CharSequence text) {
      try {
        decimal = new BigDecimal(text.toString().strip());
      } catch (NumberFormatException e) {
        throw notExact(ColumnType.DECIMAL);
      }
    } else {
      throw mismatch(ColumnType.DECIMAL, value);
    }
    return canonicalDecimal(decimal);
  }

  /**
   * The one representative of a number among its scales: no trailing zeros, never a negative scale.
   */
  static BigDecimal canonicalDecimal(BigDecimal decimal) {
    BigDecimal stripped = decimal.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  private static byte[] encodeDecimal(BigDecimal decimal) {
    byte[] unscaled = decimal.unscaledValue().toByteArray();
    return ByteBuffer.allocate(4 + unscaled.length).putInt(decimal.scale()).put(unscaled).array();
  }

  private static BigDecimal decodeDecimal(ByteBuffer in) {
    int scale = in.getInt();
    byte[] unscaled = new byte[in.remaining()];
    in.get(unscaled);
    if (unscaled.length == 0) {
      throw new IllegalArgumentException("empty decimal");
    }
    return new BigDecimal(new BigInteger(unscaled), scale);
  }

  static double toDouble(Object value) throws SQLException {
    if (value instanceof Number number
        && !(value instanceof BigDecimal)
        && !(value instanceof BigInteger)) {
      return number.doubleValue();
    }
    if (value instanceof BigDecimal || value instanceof BigInteger) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof CharSequence text) {
      try {
        return Double.parseDouble(text.toString().strip());
      } catch (NumberFormatException e) {
        throw notExact(ColumnType.DOUBLE);
      }
    }
    throw mismatch(ColumnType.DOUBLE, value);
  }

  private static long doubleBits(double d) {
    // SQL compares -0.0 equal to 0.0, and every NaN alike; so must the ciphertext.
    return Double.doubleToLongBits(d == 0.0 ? 0.0 : d);
  }

  static boolean toBoolean(Object value) throws SQLException {
    if (value instanceof Boolean b) {
      return b;
    }
    if (isIntegral(value)) {
      long v = ((Number) value).longValue();
      if (v == 0 || v == 1) {
        return v == 1;
      }
      throw notExact(ColumnType.BOOLEAN);
    }
    if (value instanceof CharSequence text) {
      String s = text.toString().strip();
      if (s.equalsIgnoreCase("true") || s.equals("1")) {
        return true;
      }
      if (s.equalsIgnoreCase("false") || s.equals("0")) {
        return false;
      }
      throw notExact(ColumnType.BOOLEAN);
    }
    throw mismatch(ColumnType.BOOLEAN, value);
  }

  static LocalDate toDate(Object value) throws SQLException {
    if (value instanceof LocalDate date) {
      return date;
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate();
    }
    if (value instanceof CharSequence text) {
      try {
        return LocalDate.parse(text.toString().strip());
      } catch (DateTimeParseException e) {
        throw notExact(ColumnType.DATE);
      }
    }
    throw mismatch(ColumnType.DATE, value);
  }

  static LocalTime toTime(Object value) throws SQLException {
    if (value instanceof LocalTime time) {
      return time;
    }
    if (value instanceof java.sql.Time time) {
      return time.toLocalTime();
    }
    if (value instanceof CharSequence text) {
      try {
        return LocalTime.parse(text.toString().strip());
      } catch (DateTimeParseException e) {
        throw notExact(ColumnType.TIME);
      }
    }
    throw mismatch(ColumnType.TIME, value);
  }

  static LocalDateTime toTimestamp(Object value) throws SQLException {
    if (value instanceof LocalDateTime dateTime) {
      return dateTime;
    }
    if (value instanceof java.sql.Timestamp timestamp) {
      return timestamp.toLocalDateTime();
    }
    if (value instanceof CharSequence text) {
      try {
        return LocalDateTime.parse(text.toString().strip().replace(' ', 'T'));
      } catch (DateTimeParseException e) {
        throw notExact(ColumnType.TIMESTAMP);
      }
    }
    throw mismatch(ColumnType.TIMESTAMP, value);
  }

  private static byte[] encodeTimestamp(LocalDateTime dateTime) {
    return ByteBuffer.allocate(12)
        .putLong(dateTime.toEpochSecond(ZoneOffset.UTC))
        .putInt(dateTime.getNano())
        .array();
  }

  private static LocalDateTime decodeTimestamp(ByteBuffer in) {
    long seconds = in.getLong();
    int nanos = in.getInt();
    return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
  }

  static byte[] toBytes(Object value) throws SQLException {
    if (value instanceof byte[] bytes) {
      return bytes.clone();
    }
    throw mismatch(ColumnType.BYTES, value);
  }

  static UUID toUuid(Object value) throws SQLException {
    if (value instanceof UUID uuid) {
      return uuid;
    }
    if (value instanceof CharSequence text) {
      try {
        return UUID.fromString(text.toString().strip());
      } catch (IllegalArgumentException e) {
        throw notExact(ColumnType.UUID);
      }
    }
    throw mismatch(ColumnType.UUID, value);
  }

  private static byte[] encodeUuid(UUID uuid) {
    return ByteBuffer.allocate(16)
        .putLong(uuid.getMostSignificantBits())
        .putLong(uuid.getLeastSignificantBits())
        .array();
  }

  private static boolean isIntegral(Object value) {
    return value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger;
  }

  private static SQLException mismatch(ColumnType type, Object value) {
    return VeilErrors.of(
        VeilSqlState.INVALID_VALUE,
        "a "
            + value.getClass().getSimpleName()
            + " cannot be stored in a column declared as "
            + type.policyName()
            + "; bind a value of the declared type");
  }

  private static SQLException notExact(ColumnType type) {
    return VeilErrors.of(
        VeilSqlState.INVALID_VALUE,
        "the value is not an exact " + type.policyName() + "; bind a value of the declared type");
  }
}
