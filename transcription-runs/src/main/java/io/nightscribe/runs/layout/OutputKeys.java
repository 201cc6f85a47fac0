package io.nightscribe.runs.layout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Turns an input's key (an arbitrary S3 key: any string) into the key of its output, and back. An
 * output key is read as a path by file systems, S3 front ends and people: it has no {@code .},
 * {@code ..} or empty segment, no leading slash, no backslash and no control character, so it can
 * never climb out of, or alias another name in, the folder it is resolved against.
 *
 * <p>A key that already is such a path keeps its name exactly (transcripts written before stay
 * where they are). Any other key is written with percent escapes, uppercase hex:
 *
 * <ul>
 *   <li>{@code %} as {@code %25}, backslash as {@code %5C}, control characters (U+0000-U+001F,
 *       U+007F) as {@code %00}-{@code %1F}, {@code %7F};
 *   <li>each dot of a {@code .} or {@code ..} segment as {@code %2E};
 *   <li>a {@code /} that would start an empty segment (the key's first character, or one right
 *       after another {@code /}) as {@code %2F}. A key's last {@code /} stays: the suffix after it
 *       makes a segment.
 * </ul>
 *
 * A key counts as such a path only when it also contains none of those escapes itself; a key like
 * {@code a%2Eb} is therefore escaped too ({@code a%252Eb}), so no two keys ever share an output
 * name. Any other {@code %} (as in {@code my%20call.wav}) is kept. The inverse finds escapes by the
 * same test: an output key holding one of them was escaped, and every {@code %} in it starts one.
 * Stateless.
 */
public final class OutputKeys {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  private static final Set<String> ESCAPES = escapes();

  private OutputKeys() {}

  /** The output name of {@code inputKey}, before the layout adds its suffix. */
  public static String escape(String inputKey) {
    if (isPlainPath(inputKey)) {
      return inputKey;
    }
    List<String> segments = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < inputKey.length(); i++) {
      // a '/' first or after another '/' would make an empty segment: it belongs to the next one
      if (inputKey.charAt(i) == '/' && i > 0 && inputKey.charAt(i - 1) != '/') {
        segments.add(inputKey.substring(start, i));
        start = i + 1;
      }
    }
    segments.add(inputKey.substring(start));
    StringJoiner out = new StringJoiner("/");
    segments.forEach(segment -> out.add(escapeSegment(segment)));
    return out.toString();
  }

  private static String escapeSegment(String segment) {
    if (segment.equals(".") || segment.equals("..")) {
      return "%2E".repeat(segment.length());
    }
    StringBuilder out = new StringBuilder(segment.length() + 8);
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%' || c == '\\' || c == '/' || isControl(c)) {
        out.append('%').append(HEX.toHexDigits((byte) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The input key whose output name is {@code outputName}: the inverse of {@link #escape}. */
  public static String unescape(String outputName) {
    if (!containsEscape(outputName)) {
      return outputName;
    }
    // escaped names spell every '%' as an escape, so each one starts a pair of hex digits
    StringBuilder out = new StringBuilder(outputName.length());
    for (int i = 0; i < outputName.length(); i++) {
      char c = outputName.charAt(i);
      if (c == '%' && i + 3 <= outputName.length()) {
        out.append((char) HexFormat.fromHexDigits(outputName, i + 1, i + 3));
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** True when {@code key} is already a path that means just itself, and needs no escape. */
  static boolean isPlainPath(String key) {
    if (key.startsWith("/") || key.contains("//") || containsEscape(key)) {
      return false;
    }
    for (String segment : key.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '\\' || isControl(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isControl(char c) {
    return c < 0x20 || c == 0x7F;
  }

  private static boolean containsEscape(String key) {
    for (int i = key.indexOf('%'); i >= 0 && i + 3 <= key.length(); i = key.indexOf('%', i + 1)) {
      if (ESCAPES.contains(key.substring(i, i + 3))) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> escapes() {
    Set<String> all = new HashSet<>();
    for (char c = 0; c < 0x20; c++) {
      all.add("%" + HEX.toHexDigits((byte) c));
    }
    for (char c : new char[] {'%', '\\', 0x7F, '.', '/'}) {
      all.add("%" + HEX.toHexDigits((byte) c));
    }
    return Set.copyOf(all);
  }
}
