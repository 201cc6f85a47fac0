package io.nightscribe.asr;

import java.util.regex.Pattern;

/**
 * Takes credentials out of text that may name a location: the user info of a URL ({@code
 * http://user:password@host} becomes {@code http://***@host}) and the value of a query parameter
 * that holds a secret ({@code jdbc:postgresql://db/x?password=p} becomes {@code ...?password=***}).
 * The one place that decides what a secret inside a URL looks like: apply it to whatever is shown,
 * logged or recorded that could carry a configured URL or a message about one. Stateless.
 */
public final class Redaction {
  private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/?#@\\s\"']+@");
  private static final Pattern SECRET_PARAMETER =
      Pattern.compile(
          "(?i)((?:[?&;]|\\b)(?:password|passwd|pwd|secret|token|access_token|sslpassword"
              + "|x-amz-signature|x-amz-credential|x-amz-security-token)=)[^&;#\\s\"']*");

  private Redaction() {}

  /** {@code text} with every URL's user info and every secret query parameter replaced by ***. */
  public static String redact(String text) {
    if (text == null || (text.indexOf('@') < 0 && text.indexOf('=') < 0)) {
      return text;
    }
    String withoutUserInfo = USER_INFO.matcher(text).replaceAll("***@");
    return SECRET_PARAMETER.matcher(withoutUserInfo).replaceAll("$1***");
  }
}
