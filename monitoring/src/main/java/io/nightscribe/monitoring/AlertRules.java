package io.nightscribe.monitoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Prometheus alert rules nightscribe ships: {@code
 * monitoring/prometheus/nightscribe-rules.yml}, which the build packages into this module's jar
 * unchanged, so that what promtool tests is what a cluster gets.
 */
public final class AlertRules {
  /** The rule file's name, beside this class on the class path. */
  public static final String RESOURCE = "nightscribe-rules.yml";

  private AlertRules() {}

  /**
   * The rule file as committed (a Prometheus rule file: {@code groups:} of rules), UTF-8.
   *
   * @throws IllegalStateException when the class path lacks it (a monitoring jar built without it)
   */
  public static String yaml() {
    try (InputStream in = AlertRules.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "Cannot read the alert rules: "
                + RESOURCE
                + " is not on the class path beside "
                + AlertRules.class.getName()
                + " (rebuild the monitoring module, which packages monitoring/prometheus/"
                + RESOURCE
                + ")");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the alert rules " + RESOURCE, e);
    }
  }
}
