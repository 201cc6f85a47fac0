package io.nightscribe.monitoring.push;

import io.nightscribe.monitoring.LabelKeys;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where and how runs push their metrics: the Pushgateway, the job, the grouping labels besides
 * {@code pipeline} (which each run adds for itself), the credentials and how often a long night
 * pushes.
 *
 * @param baseUri the Pushgateway, e.g. {@code http://pushgateway:9091}
 * @param job the {@code job} of every push ({@code nightscribe} in the contract)
 * @param groupingKey more grouping labels, never {@code pipeline} or {@code job}
 * @param basicAuth user and password for HTTP basic authentication, if the gateway asks for them
 * @param bearerToken a bearer token, if the gateway asks for one (not together with basic auth)
 * @param pushInterval how often a running night pushes between its first and last push
 */
public record PushTarget(
    URI baseUri,
    String job,
    Map<String, String> groupingKey,
    Optional<BasicAuth> basicAuth,
    Optional<String> bearerToken,
    Duration pushInterval) {

  /** The job of the metric contract (docs/monitoring.md). */
  public static final String DEFAULT_JOB = "nightscribe";

  public PushTarget {
    Objects.requireNonNull(baseUri, "baseUri");
    if (!"http".equals(baseUri.getScheme()) && !"https".equals(baseUri.getScheme())) {
      throw new IllegalArgumentException(
          "Invalid Pushgateway address " + baseUri + ": the scheme must be http or https");
    }
    if (job == null || job.isBlank()) {
      throw new IllegalArgumentException("Invalid Pushgateway job: it is blank");
    }
    groupingKey = Map.copyOf(new TreeMap<>(groupingKey));
    for (String label : groupingKey.keySet()) {
      if (label.equals(LabelKeys.PIPELINE) || label.equals("job")) {
        throw new IllegalArgumentException(
            "Invalid Pushgateway grouping key: "
                + label
                + " is set by nightscribe itself (leave it out of grouping-key)");
      }
    }
    Objects.requireNonNull(basicAuth, "basicAuth");
    Objects.requireNonNull(bearerToken, "bearerToken");
    if (basicAuth.isPresent() && bearerToken.isPresent()) {
      throw new IllegalArgumentException(
          "Invalid Pushgateway credentials: give a user and password or a token, not both");
    }
    if (pushInterval == null || pushInterval.isNegative() || pushInterval.isZero()) {
      throw new IllegalArgumentException("Invalid Pushgateway push rate: " + pushInterval);
    }
  }

  /** Everything but the token, which would otherwise reach any log line that prints a target. */
  @Override
  public String toString() {
    return "PushTarget[baseUri="
        + baseUri
        + ", job="
        + job
        + ", groupingKey="
        + groupingKey
        + ", basicAuth="
        + basicAuth
        + ", bearerToken="
        + bearerToken.map(token -> "hidden").orElse("none")
        + ", pushInterval="
        + pushInterval
        + "]";
  }

  /** User and password for HTTP basic authentication. */
  public record BasicAuth(String username, String password) {
    public BasicAuth {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "BasicAuth[" + username + ", password hidden]";
    }
  }
}
