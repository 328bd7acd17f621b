package dev.veil.cli;

import dev.veil.errors.VeilErrors;
import dev.veil.errors.VeilSqlState;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.UUID;

/**
 * The primary-key column types a bulk job can page by: how it reads a value, binds it back in the
 * next batch's predicate, and writes it to and reads it from a checkpoint as text.
 */
enum KeyType {
  INTEGER,
  DECIMAL,
  TEXT,
  UUID_VALUE,
  BYTES,
  DATE,
  TIMESTAMP;

  /** The type of a key column as {@code DatabaseMetaData.getColumns} reports it. */
  static KeyType of(String column, int sqlType, String typeName) throws SQLException {
    if ("uuid".equalsIgnoreCase(typeName)) {
      return UUID_VALUE;
    }
    return switch (sqlType) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> INTEGER;
      case Types.NUMERIC, Types.DECIMAL -> DECIMAL;
      case Types.CHAR,
          Types.VARCHAR,
          Types.LONGVARCHAR,
          Types.NCHAR,
          Types.NVARCHAR,
          Types.LONGNVARCHAR ->
          TEXT;
      case Types.BINARY, Types.VARBINARY -> BYTES;
      case Types.DATE -> DATE;
      case Types.TIMESTAMP -> TIMESTAMP;
      default ->
          throw VeilErrors.of(
              VeilSqlState.CONFIGURATION,
              "primary key column "
                  + column
                  + " is of type "
                  + typeName
                  + ", which a bulk job cannot page by; it supports integer, decimal, character,"
                  + " binary, UUID, date and timestamp keys");
    };
  }

  Object read(ResultSet rows, int index) throws SQLException {
    return switch (this) {
      case INTEGER -> rows.getLong(index);
      case DECIMAL -> rows.getBigDecimal(index);
      case TEXT -> rows.getString(index);
      case UUID_VALUE -> rows.getObject(index, UUID.class);
      case BYTES -> rows.getBytes(index);
      case DATE -> rows.getObject(index, LocalDate.class);
      case TIMESTAMP -> rows.getObject(index, LocalDateTime.class);
    };
  }

  void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    switch (this) {
      case INTEGER -> statement.setLong(index, (Long) value);
      case DECIMAL -> statement.setBigDecimal(index, (BigDecimal) value);
      case TEXT -> statement.setString(index, (String) value);
      case BYTES -> statement.setBytes(index, (byte[]) value);
      case UUID_VALUE, DATE, TIMESTAMP -> statement.setObject(index, value);
    }
  }

  /** The value as text that {@link #fromText} reads back exactly; also how messages show it. */
  String toText(Object value) {
    return this == BYTES ? Base64.getEncoder().encodeToString((byte[]) value) : value.toString();
  }

  Object fromText(String text) {
    return switch (this) {
      case INTEGER -> Long.parseLong(text);
      case DECIMAL -> new BigDecimal(text);
      case TEXT -> text;
      case UUID_VALUE -> UUID.fromString(text);
      case BYTES -> Base64.getDecoder().decode(text);
      case DATE -> LocalDate.parse(text);
      case TIMESTAMP -> LocalDateTime.parse(text);
    };
  }
}
