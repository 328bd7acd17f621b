package dev.veil.crypto;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import dev.veil.policy.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Turns a decrypted canonical value (see {@link ValueCodec#decode}) into what a {@code ResultSet}
 * getter promises, following the JDBC conversion table where it is lossless and refusing where it
 * is not.
 */
public final class ValueConversions {
  private ValueConversions() {}

  /** The value {@code ResultSet.getObject(int)} returns: JDBC's default class for the type. */
  public static Object defaultObject(ColumnType type, Object value) {
    return switch (type) {
      case DATE -> java.sql.Date.valueOf((LocalDate) value);
      case TIME -> java.sql.Time.valueOf((LocalTime) value);
      case TIMESTAMP -> java.sql.Timestamp.valueOf((LocalDateTime) value);
      default -> value;
    };
  }

  /** The JDBC class name {@link #defaultObject} returns, for {@code ResultSetMetaData}. */
  public static String defaultClassName(ColumnType type) {
    return switch (type) {
      case STRING -> String.class.getName();
      case INT -> Integer.class.getName();
      case LONG -> Long.class.getName();
      case DECIMAL -> BigDecimal.class.getName();
      case DOUBLE -> Double.class.getName();
      case BOOLEAN -> Boolean.class.getName();
      case DATE -> java.sql.Date.class.getName();
      case TIME -> java.sql.Time.class.getName();
      case TIMESTAMP -> java.sql.Timestamp.class.getName();
      case BYTES -> byte[].class.getName();
      case UUID -> UUID.class.getName();
    };
  }

  /** The {@link Types} constant for the declared type, for {@code ResultSetMetaData}. */
  public static int sqlType(ColumnType type) {
    return switch (type) {
      case STRING -> Types.VARCHAR;
      case INT -> Types.INTEGER;
      case LONG -> Types.BIGINT;
      case DECIMAL -> Types.DECIMAL;
      case DOUBLE -> Types.DOUBLE;
      case BOOLEAN -> Types.BOOLEAN;
      case DATE -> Types.DATE;
      case TIME -> Types.TIME;
      case TIMESTAMP -> Types.TIMESTAMP;
      case BYTES -> Types.VARBINARY;
      case UUID -> Types.OTHER;
    };
  }

  /** The SQL type name for the declared type, for {@code ResultSetMetaData}. */
  public static String sqlTypeName(ColumnType type) {
    return switch (type) {
      case STRING -> "VARCHAR";
      case INT -> "INTEGER";
      case LONG -> "BIGINT";
      case DECIMAL -> "DECIMAL";
      case DOUBLE -> "DOUBLE PRECISION";
      case BOOLEAN -> "BOOLEAN";
      case DATE -> "DATE";
      case TIME -> "TIME";
      case TIMESTAMP -> "TIMESTAMP";
      case BYTES -> "VARBINARY";
      case UUID -> "UUID";
    };
  }

  /**
   * Converts a canonical value of {@code type} to {@code target}.
   *
   * @throws SQLException {@code 22023} when the conversion is not defined or would lose information
   */
  public static <T> T convert(ColumnType type, Object value, Class<T> target) throws SQLException {
    Object converted = convertTo(type, value, target);
    if (converted == null) {
      throw VeilErrors.of(
          VeilSqlState.INVALID_VALUE,
          "a column declared as "
              + type.policyName()
              + " cannot be read as "
              + target.getSimpleName());
    }
    return target.cast(converted);
  }

  private static Object convertTo(ColumnType type, Object value, Class<?> target)
      throws SQLException {
    if (target == Object.class) {
      return defaultObject(type, value);
    }
    if (target.isInstance(value)) {
      return value instanceof byte[] bytes ? bytes.clone() : value;
    }
    if (target == String.class) {
      return asString(type, value);
    }
    if (target == Integer.class) {
      return ValueCodec.toInt(numeric(type, value));
    }
    if (target == Long.class) {
      return ValueCodec.toLong(numeric(type, value));
    }
    if (target == Short.class) {
      return (short)
          narrow(ValueCodec.toLong(numeric(type, value)), Short.MIN_VALUE, Short.MAX_VALUE, target);
    }
    if (target == Byte.class) {
      return (byte)
          narrow(ValueCodec.toLong(numeric(type, value)), Byte.MIN_VALUE, Byte.MAX_VALUE, target);
    }
    if (target == BigDecimal.class) {
      return ValueCodec.toDecimal(numeric(type, value));
    }
    if (target == BigInteger.class) {
      return BigInteger.valueOf(ValueCodec.toLong(numeric(type, value)));
    }
    if (target == Double.class) {
      return ValueCodec.toDouble(numeric(type, value));
    }
    if (target == Float.class) {
      return (float) ValueCodec.toDouble(numeric(type, value));
    }
    if (target == Boolean.class) {
      return ValueCodec.toBoolean(value);
    }
    return temporal(type, value, target);
  }

  private static Object temporal(ColumnType type, Object value, Class<?> target) {
    LocalDateTime dateTime =
        switch (type) {
          case DATE -> ((LocalDate) value).atStartOfDay();
          case TIMESTAMP -> (LocalDateTime) value;
          default -> null;
        };
    if (target == LocalDate.class && dateTime != null) {
      return dateTime.toLocalDate();
    }
    if (target == java.sql.Date.class && dateTime != null) {
      return java.sql.Date.valueOf(dateTime.toLocalDate());
    }
    if (target == LocalDateTime.class && dateTime != null) {
      return dateTime;
    }
    if (target == java.sql.Timestamp.class && dateTime != null) {
      return java.sql.Timestamp.valueOf(dateTime);
    }
    LocalTime time =
        switch (type) {
          case TIME -> (LocalTime) value;
          case TIMESTAMP -> ((LocalDateTime) value).toLocalTime();
          default -> null;
        };
    if (target == LocalTime.class && time != null) {
      return time;
    }
    if (target == java.sql.Time.class && time != null) {
      return java.sql.Time.valueOf(time);
    }
    return null;
  }

  private static long narrow(long value, long min, long max, Class<?> target) throws SQLException {
    if (value < min || value > max) {
      throw VeilErrors.of(
          VeilSqlState.INVALID_VALUE,
          "the stored value does not fit in a " + target.getSimpleName());
    }
    return value;
  }

  private static Object numeric(ColumnType type, Object value) throws SQLException {
    return switch (type) {
      case INT, LONG, DECIMAL, DOUBLE, STRING -> value;
      case BOOLEAN -> ((Boolean) value) ? 1 : 0;
      default ->
          throw VeilErrors.of(
              VeilSqlState.INVALID_VALUE,
              "a column declared as " + type.policyName() + " cannot be read as a number");
    };
  }

  private static String asString(ColumnType type, Object value) {
    return switch (type) {
      case DECIMAL -> ((BigDecimal) value).toPlainString();
      case TIMESTAMP -> java.sql.Timestamp.valueOf((LocalDateTime) value).toString();
      case BYTES -> HexFormat.of().formatHex((byte[]) value);
      default -> value.toString();
    };
  }
}
