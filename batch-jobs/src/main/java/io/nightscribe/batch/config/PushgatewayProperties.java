package io.nightscribe.batch.config;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.monitoring.push.PushTarget;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Spring Boot's own Pushgateway keys, {@code management.prometheus.metrics.export.pushgateway.*}
 * (so {@code MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ENABLED} and {@code ..._ADDRESS} work
 * as Boot users know them), read for nightscribe's own pushes: each night pushes its own registry
 * with {@code PUT} under the grouping key {@code pipeline=<name>}. Boot's pusher of the global
 * registry never runs (its client library is not on the class path).
 *
 * @param enabled whether nights push at all (default false)
 * @param address the Pushgateway as {@code host:port} (Boot's default localhost:9091)
 * @param scheme {@code http} (default) or {@code https}
 * @param job the {@code job} label (default {@code nightscribe}, as the alert rules expect)
 * @param groupingKey grouping labels besides {@code pipeline}, which each night sets itself
 * @param pushRate how often a running night pushes between its first and last push (default 1m)
 * @param username user for HTTP basic authentication, with {@code password}
 * @param password password for HTTP basic authentication
 * @param token bearer token, instead of a user and password
 * @param shutdownOperation read for Boot's sake only: a night's last push is always a PUT, so its
 *     final values stay until the next night of the pipeline replaces them
 * @param format read for Boot's sake only: nights push the text format
 */
@ConfigurationProperties("management.prometheus.metrics.export.pushgateway")
public record PushgatewayProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("localhost:9091") String address,
    @DefaultValue("http") String scheme,
    String job,
    Map<String, String> groupingKey,
    @DefaultValue("1m") Duration pushRate,
    String username,
    String password,
    String token,
    String shutdownOperation,
    String format) {

  private static final String PREFIX = "management.prometheus.metrics.export.pushgateway.";

  public PushgatewayProperties {
    groupingKey = groupingKey == null ? Map.of() : Map.copyOf(groupingKey);
  }

  /**
   * Where nights push, or empty when pushing is not enabled.
   *
   * @throws NightscribeException CONFIGURATION when a key holds a value nightscribe cannot use
   */
  public Optional<PushTarget> target() {
    if (!enabled) {
      return Optional.empty();
    }
    URI base;
    try {
      base = new URI(scheme.toLowerCase(java.util.Locale.ROOT) + "://" + address.strip());
      if (base.getHost() == null) {
        throw new IllegalArgumentException("no host");
      }
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      throw NightscribeException.configuration(
          "Invalid " + PREFIX + "address: " + address + " (give host:port, e.g. pushgateway:9091)",
          e);
    }
    Optional<PushTarget.BasicAuth> basicAuth =
        Optional.ofNullable(username)
            .filter(user -> !user.isEmpty())
            .map(user -> new PushTarget.BasicAuth(user, password == null ? "" : password));
    try {
      return Optional.of(
          new PushTarget(
              base,
              job == null || job.isBlank() ? PushTarget.DEFAULT_JOB : job,
              groupingKey,
              basicAuth,
              Optional.ofNullable(token).filter(value -> !value.isEmpty()),
              pushRate));
    } catch (IllegalArgumentException e) {
      throw NightscribeException.configuration(e.getMessage() + " (fix " + PREFIX + "*)", e);
    }
  }
}
