package io.nightscribe.asr.pipeline;

import io.nightscribe.asr.storage.StorageUri;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A storage location with the partition date in it: {@code s3://raw-audio/twi/{date:yyyy/MM/dd}/}.
 * {@code {date}} alone is the ISO date (2026-11-21); {@code {date:PATTERN}} uses a {@link
 * DateTimeFormatter} pattern. Immutable.
 */
public final class DatedLocationTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{date(?::([^}]+))?}");
  private final String template;

  private DatedLocationTemplate(String template) {
    this.template = template;
  }

  /**
   * @throws IllegalArgumentException when a date pattern is invalid, naming it
   */
  public static DatedLocationTemplate parse(String template) {
    Objects.requireNonNull(template, "template");
    Matcher matcher = PLACEHOLDER.matcher(template);
    while (matcher.find()) {
      if (matcher.group(1) != null) {
        try {
          DateTimeFormatter.ofPattern(matcher.group(1));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "Invalid date pattern '"
                  + matcher.group(1)
                  + "' in location "
                  + template
                  + ": "
                  + e.getMessage(),
              e);
        }
      }
    }
    return new DatedLocationTemplate(template);
  }

  /** The location of {@code date}'s partition. */
  public StorageUri resolve(LocalDate date) {
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder resolved = new StringBuilder();
    while (matcher.find()) {
      String pattern = matcher.group(1);
      String text =
          pattern == null ? date.toString() : date.format(DateTimeFormatter.ofPattern(pattern));
      matcher.appendReplacement(resolved, Matcher.quoteReplacement(text));
    }
    matcher.appendTail(resolved);
    return StorageUri.parse(resolved.toString());
  }

  @Override
  public String toString() {
    return template;
  }
}
