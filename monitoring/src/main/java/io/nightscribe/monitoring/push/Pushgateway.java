package io.nightscribe.monitoring.push;

import io.nightscribe.monitoring.LabelKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes a pipeline's metrics to a Prometheus Pushgateway with {@code PUT}: the group {@code
 * job/pipeline} (plus the target's other grouping labels) is replaced by what the push carries, so
 * series a run no longer has do not linger. A push that fails (gateway down, refused, slow) is
 * logged and reported as {@code false}, never thrown: monitoring never fails a night. Thread-safe.
 */
public final class Pushgateway {
  private static final Logger log = LoggerFactory.getLogger(Pushgateway.class);
  private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final PushTarget target;
  private final HttpClient http;

  public Pushgateway(PushTarget target) {
    this.target = target;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  public PushTarget target() {
    return target;
  }

  /**
   * Replaces the group of {@code pipeline} with {@code scrapeText} (Prometheus text format 0.0.4).
   *
   * @return whether the gateway took it
   */
  public boolean put(String pipeline, String scrapeText) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(groupUri(pipeline))
            .timeout(TIMEOUT)
            .header("Content-Type", TEXT_FORMAT)
            .PUT(HttpRequest.BodyPublishers.ofString(scrapeText, StandardCharsets.UTF_8));
    target
        .basicAuth()
        .ifPresent(
            auth ->
                request.header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(
                                (auth.username() + ":" + auth.password())
                                    .getBytes(StandardCharsets.UTF_8))));
    target.bearerToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 == 2) {
        return true;
      }
      log.warn(
          "Cannot push the metrics of pipeline {} to {}: HTTP {} {} (the night goes on)",
          pipeline,
          target.baseUri(),
          response.statusCode(),
          response.body().strip());
    } catch (IOException e) {
      log.warn(
          "Cannot push the metrics of pipeline {} to {}: {} (check"
              + " management.prometheus.metrics.export.pushgateway.address; the night goes on)",
          pipeline,
          target.baseUri(),
          e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  /**
   * {@code /metrics/job@base64/<job>/pipeline@base64/<pipeline>/...}: base64 (URL-safe) lets values
   * hold '/' and any other character.
   */
  URI groupUri(String pipeline) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("job", target.job());
    labels.put(LabelKeys.PIPELINE, pipeline);
    labels.putAll(target.groupingKey());
    StringBuilder path = new StringBuilder("/metrics");
    labels.forEach(
        (label, value) -> path.append('/').append(label).append("@base64/").append(base64(value)));
    String base = target.baseUri().toString().replaceAll("/+$", "");
    return URI.create(base + path);
  }

  private static String base64(String value) {
    // the Pushgateway reads "=" as an empty value's padding: an empty value is a single "="
    return value.isEmpty()
        ? "="
        : Base64.getUrlEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
