package dev.veil.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.policy.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ValueCodecTest {
  private static final long SEED = 0x5EED_7E57L;
  private static final int SAMPLES = 2_000;

  @ParameterizedTest
  @EnumSource(ColumnType.class)
  void roundTripsRandomValuesOfEveryType(ColumnType type) throws SQLException {
    Random random = new Random(SEED + type.ordinal());
    for (int i = 0; i < SAMPLES; i++) {
      Object value = randomValue(type, random);
      Object decoded = ValueCodec.decode(type, ValueCodec.encode(type, value));
      assertThat(decoded).as("%s sample %d", type, i).isEqualTo(canonical(type, value));
    }
  }

  @ParameterizedTest
  @EnumSource(ColumnType.class)
  void encodesEqualValuesToEqualBytesWhateverTheJavaType(ColumnType type) throws SQLException {
    Random random = new Random(SEED * 31 + type.ordinal());
    for (int i = 0; i < SAMPLES; i++) {
      Object value = randomValue(type, random);
      byte[] expected = ValueCodec.encode(type, value);
      for (Object alias : aliases(type, value)) {
        assertThat(ValueCodec.encode(type, alias))
            .as("%s %s as %s", type, value, alias.getClass().getSimpleName())
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void setIntAndSetLongGiveTheSameBytesOnIntAndLongColumns() throws SQLException {
    assertThat(ValueCodec.encode(ColumnType.INT, 5))
        .isEqualTo(ValueCodec.encode(ColumnType.INT, 5L));
    assertThat(ValueCodec.encode(ColumnType.LONG, 5))
        .isEqualTo(ValueCodec.encode(ColumnType.LONG, 5L));
    assertThat(ValueCodec.encode(ColumnType.LONG, (short) 5))
        .isEqualTo(ValueCodec.encode(ColumnType.LONG, "5"));
  }

  @Test
  void decimalIgnoresTrailingZerosAndScale() throws SQLException {
    byte[] one = ValueCodec.encode(ColumnType.DECIMAL, new BigDecimal("1.0"));
    assertThat(ValueCodec.encode(ColumnType.DECIMAL, new BigDecimal("1.00"))).isEqualTo(one);
    assertThat(ValueCodec.encode(ColumnType.DECIMAL, 1)).isEqualTo(one);
    assertThat(ValueCodec.encode(ColumnType.DECIMAL, 1.0d)).isEqualTo(one);
    assertThat(ValueCodec.encode(ColumnType.DECIMAL, "1.000")).isEqualTo(one);
    assertThat(
            ValueCodec.decode(
                ColumnType.DECIMAL, ValueCodec.encode(ColumnType.DECIMAL, new BigDecimal("1E+3"))))
        .isEqualTo(new BigDecimal("1000"));
  }

  @Test
  void doubleFoldsNegativeZeroAndNaN() throws SQLException {
    assertThat(ValueCodec.encode(ColumnType.DOUBLE, -0.0d))
        .isEqualTo(ValueCodec.encode(ColumnType.DOUBLE, 0.0d));
    assertThat(ValueCodec.encode(ColumnType.DOUBLE, Double.longBitsToDouble(0x7ff8000000000123L)))
        .isEqualTo(ValueCodec.encode(ColumnType.DOUBLE, Double.NaN));
  }

  @Test
  void refusesValuesThatDoNotFitExactly() {
    assertThatThrownBy(() -> ValueCodec.encode(ColumnType.INT, 1L << 40))
        .isInstanceOf(SQLDataException.class)
        .hasMessageContaining("int");
    assertThatThrownBy(() -> ValueCodec.encode(ColumnType.LONG, 1.5d))
        .isInstanceOf(SQLDataException.class);
    assertThatThrownBy(() -> ValueCodec.encode(ColumnType.BOOLEAN, 2))
        .isInstanceOf(SQLDataException.class);
    assertThatThrownBy(() -> ValueCodec.encode(ColumnType.DATE, new java.util.Date()))
        .isInstanceOf(SQLDataException.class);
  }

  @Test
  void refusalMessagesNeverContainTheValue() {
    String secret = "123-45-6789";
    assertThatThrownBy(() -> ValueCodec.encode(ColumnType.INT, secret))
        .isInstanceOf(SQLDataException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
    assertThatThrownBy(() -> ValueCodec.encode(ColumnType.UUID, secret))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
  }

  @Test
  void decodeFailuresCarryNeitherTheValueNorACauseThatHoldsIt() {
    byte[] bytes = java.nio.ByteBuffer.allocate(8).putLong(6004228701417583669L).array();
    assertThatThrownBy(() -> ValueCodec.decode(ColumnType.DATE, bytes))
        .isInstanceOf(SQLDataException.class)
        .hasNoCause()
        .hasMessageNotContaining("6004228701417583669");
  }

  @Test
  void rejectsMalformedEncodingsOnDecode() {
    assertThatThrownBy(() -> ValueCodec.decode(ColumnType.LONG, new byte[3]))
        .isInstanceOf(SQLDataException.class);
    assertThatThrownBy(() -> ValueCodec.decode(ColumnType.BOOLEAN, new byte[] {7}))
        .isInstanceOf(SQLDataException.class);
    assertThatThrownBy(
            () -> ValueCodec.decode(ColumnType.STRING, new byte[] {(byte) 0xC3, (byte) 0x28}))
        .isInstanceOf(SQLDataException.class);
  }

  static Object randomValue(ColumnType type, Random random) {
    return switch (type) {
      case STRING -> randomString(random);
      case INT -> random.nextInt();
      case LONG -> random.nextLong();
      case DECIMAL ->
          new BigDecimal(
              new BigInteger(random.nextInt(120) + 1, random)
                  .multiply(BigInteger.valueOf(random.nextBoolean() ? 1 : -1)),
              random.nextInt(40) - 10);
      case DOUBLE ->
          random.nextInt(10) == 0
              ? (double) random.nextInt(100)
              : Double.longBitsToDouble(random.nextLong());
      case BOOLEAN -> random.nextBoolean();
      case DATE -> LocalDate.ofEpochDay(random.nextInt(2_000_000) - 1_000_000L);
      case TIME -> LocalTime.ofNanoOfDay(Math.floorMod(random.nextLong(), 86_400_000_000_000L));
      case TIMESTAMP ->
          LocalDateTime.of(
              LocalDate.ofEpochDay(random.nextInt(200_000) - 100_000L),
              LocalTime.ofNanoOfDay(Math.floorMod(random.nextLong(), 86_400_000_000_000L)));
      case BYTES -> {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        yield bytes;
      }
      case UUID -> new UUID(random.nextLong(), random.nextLong());
    };
  }

  private static String randomString(Random random) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(40);
    for (int i = 0; i < length; i++) {
      int codePoint =
          switch (random.nextInt(4)) {
            case 0 -> 'a' + random.nextInt(26);
            case 1 -> 0x20 + random.nextInt(0x5f);
            case 2 -> 0xa0 + random.nextInt(0xd000);
            default -> 0x1f600 + random.nextInt(80);
          };
      text.appendCodePoint(codePoint);
    }
    return text.toString();
  }

  private static Object canonical(ColumnType type, Object value) {
    return switch (type) {
      case DECIMAL -> ValueCodec.canonicalDecimal((BigDecimal) value);
      case DOUBLE -> {
        double d = (Double) value;
        yield d == 0.0 ? 0.0d : d;
      }
      default -> value;
    };
  }

  /** The same value as other Java types an application might bind. */
  private static java.util.List<Object> aliases(ColumnType type, Object value) {
    return switch (type) {
      case INT ->
          java.util.List.of(
              ((Integer) value).longValue(),
              String.valueOf(value),
              BigDecimal.valueOf((Integer) value).setScale(2));
      case LONG -> java.util.List.of(BigInteger.valueOf((Long) value), String.valueOf(value));
      case DECIMAL ->
          java.util.List.of(
              ((BigDecimal) value).setScale(Math.max(((BigDecimal) value).scale(), 0) + 3),
              value.toString());
      case STRING -> java.util.List.of(new StringBuilder((String) value));
      // java.sql.Date cannot express years before 1 CE; those dates are bound as LocalDate.
      case DATE ->
          ((LocalDate) value).getYear() < 1
              ? java.util.List.of(value.toString())
              : java.util.List.of(java.sql.Date.valueOf((LocalDate) value), value.toString());
      case TIMESTAMP ->
          ((LocalDateTime) value).getYear() < 1
              ? java.util.List.of()
              : java.util.List.of(java.sql.Timestamp.valueOf((LocalDateTime) value));
      case UUID -> java.util.List.of(value.toString());
      case BOOLEAN -> java.util.List.of((Boolean) value ? 1 : 0, value.toString());
      case BYTES -> java.util.List.of(((byte[]) value).clone());
      default -> java.util.List.of();
    };
  }

  @Test
  void stringsAreUtf8() throws SQLException {
    assertThat(ValueCodec.encode(ColumnType.STRING, "ä"))
        .isEqualTo("ä".getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @EnumSource(value = ColumnType.class, names = "DECIMAL", mode = EnumSource.Mode.EXCLUDE)
  void maxEncodedLengthBoundsEveryEncodingAndIsExactForFixedSizeTypes(ColumnType type)
      throws SQLException {
    Random random = new Random(SEED * 17 + type.ordinal());
    for (int i = 0; i < SAMPLES; i++) {
      Object value = randomValue(type, random);
      int declared =
          value instanceof String text
              ? text.length()
              : value instanceof byte[] bytes ? bytes.length : 0;
      int encoded = ValueCodec.encode(type, value).length;
      int max = ValueCodec.maxEncodedLength(type, Math.max(1, declared)).getAsInt();
      if (type == ColumnType.STRING || type == ColumnType.BYTES) {
        assertThat(encoded).as("%s sample %d", type, i).isLessThanOrEqualTo(max);
      } else {
        assertThat(encoded).as("%s sample %d", type, i).isEqualTo(max);
      }
    }
  }

  @Test
  void maxEncodedLengthHasNoBoundForDecimalsOrUndeclaredLengths() {
    assertThat(ValueCodec.maxEncodedLength(ColumnType.DECIMAL, 10)).isEmpty();
    assertThat(ValueCodec.maxEncodedLength(ColumnType.STRING, 0)).isEmpty();
    assertThat(ValueCodec.maxEncodedLength(ColumnType.BYTES, 0)).isEmpty();
    assertThat(ValueCodec.maxEncodedLength(ColumnType.STRING, 11)).hasValue(44);
  }
}
