package io.nightscribe.asr.json;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the canonical JSON every record and manifest of nightscribe uses, so that the same value
 * always gives the same bytes: UTF-8 without a byte-order mark, object keys in sorted order (by
 * UTF-16 code units, {@link String#compareTo}), no whitespace, integers as plain integers, and
 * strings escaped minimally ({@code "}, {@code \}, and control characters below U+0020; everything
 * else, non-ASCII included, is written as is).
 *
 * <p>Values may be {@link String}, {@link Integer}, {@link Long}, {@link Boolean}, {@link
 * BigDecimal} (written in plain notation, never with an exponent), {@code null}, {@link List} and
 * {@link Map} with String keys. Doubles are refused: they are rounded first with {@link #fixed4}.
 * Stateless and thread-safe.
 */
public final class CanonicalJson {
  /** Decimal places of every confidence and other fraction in canonical JSON. */
  public static final int FRACTION_DIGITS = 4;

  private CanonicalJson() {}

  /**
   * A fraction rounded to {@value #FRACTION_DIGITS} places, half to even (the IEEE default, which
   * has no upward bias over many words), always written with all four places ("0.9100").
   */
  public static BigDecimal fixed4(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("Invalid number for canonical JSON: " + value);
    }
    return BigDecimal.valueOf(value).setScale(FRACTION_DIGITS, RoundingMode.HALF_EVEN);
  }

  /** The canonical UTF-8 bytes of {@code value}. */
  public static byte[] bytes(Object value) {
    return string(value).getBytes(StandardCharsets.UTF_8);
  }

  /** The canonical text of {@code value}. */
  public static String string(Object value) {
    StringBuilder out = new StringBuilder(256);
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String text) {
      writeString(text, out);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof BigDecimal decimal) {
      out.append(decimal.toPlainString());
    } else if (value instanceof Map<?, ?> map) {
      writeObject(map, out);
    } else if (value instanceof List<?> list) {
      writeArray(list, out);
    } else {
      throw new IllegalArgumentException(
          "Invalid value for canonical JSON: " + value.getClass().getName());
    }
  }

  private static void writeObject(Map<?, ?> map, StringBuilder out) {
    TreeMap<String, Object> sorted = new TreeMap<>();
    map.forEach((key, item) -> sorted.put((String) key, item));
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> entry : sorted.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      writeString(entry.getKey(), out);
      out.append(':');
      write(entry.getValue(), out);
    }
    out.append('}');
  }

  private static void writeArray(List<?> list, StringBuilder out) {
    out.append('[');
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      write(list.get(i), out);
    }
    out.append(']');
  }

  private static void writeString(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
