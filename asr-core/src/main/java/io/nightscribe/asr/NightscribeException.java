package io.nightscribe.asr;

import java.util.Objects;

/**
 * The one unchecked exception of nightscribe. Its {@link ErrorCategory} decides the handling; its
 * message names what failed, on which object, and why ("Cannot decode s3://b/k.mp3: truncated MP3
 * frame at 12.4 s").
 */
public class NightscribeException extends RuntimeException {
  private final ErrorCategory category;

  public NightscribeException(ErrorCategory category, String message) {
    super(message);
    this.category = Objects.requireNonNull(category, "category");
  }

  public NightscribeException(ErrorCategory category, String message, Throwable cause) {
    super(message, cause);
    this.category = Objects.requireNonNull(category, "category");
  }

  public ErrorCategory category() {
    return category;
  }

  public static NightscribeException badInput(String message) {
    return new NightscribeException(ErrorCategory.BAD_INPUT, message);
  }

  public static NightscribeException badInput(String message, Throwable cause) {
    return new NightscribeException(ErrorCategory.BAD_INPUT, message, cause);
  }

  public static NightscribeException configuration(String message) {
    return new NightscribeException(ErrorCategory.CONFIGURATION, message);
  }

  public static NightscribeException configuration(String message, Throwable cause) {
    return new NightscribeException(ErrorCategory.CONFIGURATION, message, cause);
  }

  public static NightscribeException transientFailure(String message, Throwable cause) {
    return new NightscribeException(ErrorCategory.TRANSIENT, message, cause);
  }

  public static NightscribeException internal(String message, Throwable cause) {
    return new NightscribeException(ErrorCategory.INTERNAL, message, cause);
  }
}
