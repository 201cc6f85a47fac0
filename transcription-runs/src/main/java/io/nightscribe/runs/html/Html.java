package io.nightscribe.runs.html;

/** Escaping for the self-contained HTML pages nightscribe writes (replay pages, night reports). */
public final class Html {
  private Html() {}

  /** {@code text} safe inside an element or a double-quoted attribute. */
  public static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
