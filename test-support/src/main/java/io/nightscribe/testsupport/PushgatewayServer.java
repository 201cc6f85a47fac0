package io.nightscribe.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Prometheus Pushgateway (Debian's {@code prometheus-pushgateway}) on 127.0.0.1, started
 * once per JVM by {@link #shared()} and stopped at JVM exit. Metrics live in memory only (no
 * persistence file); the admin API is on, for {@link #wipe()}.
 *
 * <p>Pushes are plain HTTP with the text exposition format: {@link #put} replaces a whole group
 * (what nightscribe's runs do), {@link #post} replaces only the metric names it sends. Tests that
 * share the server keep apart by grouping key (use a pipeline name of their own).
 */
public final class PushgatewayServer {
  /** Overrides the pushgateway binary. */
  public static final String BIN_ENV = "NIGHTSCRIBE_PUSHGATEWAY";

  private static final String BINARY = "prometheus-pushgateway";
  private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
  private static final Logger LOG = LoggerFactory.getLogger(PushgatewayServer.class);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
  private static final Object LOCK = new Object();
  private static PushgatewayServer shared;
  private static RuntimeException sharedFailure;

  private final URI uri;
  private final Path dir;
  private final Path log;
  private final Duration startupTime;
  private final Process process;

  private PushgatewayServer(URI uri, Path dir, Path log, Duration startupTime, Process process) {
    this.uri = uri;
    this.dir = dir;
    this.log = log;
    this.startupTime = startupTime;
    this.process = process;
  }

  /**
   * The JVM's Pushgateway, started on first call (well under a second).
   *
   * @throws IllegalStateException if the binary is missing or does not start; later calls throw the
   *     same failure without trying again
   */
  public static PushgatewayServer shared() {
    synchronized (LOCK) {
      if (sharedFailure != null) {
        throw sharedFailure;
      }
      if (shared == null) {
        try {
          shared = start();
        } catch (RuntimeException e) {
          sharedFailure = e;
          throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "pushgateway-stop"));
      }
      return shared;
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI uri() {
    return uri;
  }

  /** {@code 127.0.0.1:<port>}, as a Prometheus scrape target. */
  public String address() {
    return uri.getAuthority();
  }

  /** The server's output. */
  public Path log() {
    return log;
  }

  /** From process start to the first ready answer. */
  public Duration startupTime() {
    return startupTime;
  }

  /**
   * Replaces the whole group {@code job} + {@code groupingKey} with {@code metrics} (HTTP PUT):
   * series of the group that {@code metrics} lacks are gone afterwards.
   *
   * @param metrics text exposition format 0.0.4, without timestamps
   * @throws IllegalStateException when the Pushgateway refuses it (with its answer)
   */
  public void put(String job, Map<String, String> groupingKey, String metrics) {
    send("PUT", job, groupingKey, metrics);
  }

  /**
   * Adds {@code metrics} to the group (HTTP POST): replaces the group's metrics of the same names
   * only.
   */
  public void post(String job, Map<String, String> groupingKey, String metrics) {
    send("POST", job, groupingKey, metrics);
  }

  /** Deletes the group {@code job} + {@code groupingKey}. */
  public void delete(String job, Map<String, String> groupingKey) {
    expect2xx(
        LoopbackHttp.send(LoopbackHttp.request(groupUri(job, groupingKey)).DELETE().build()),
        "delete from");
  }

  /** Deletes every group. */
  public void wipe() {
    expect2xx(
        LoopbackHttp.send(
            LoopbackHttp.request(uri.resolve("/api/v1/admin/wipe"))
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build()),
        "wipe");
  }

  /** What Prometheus would scrape now: every group, with job and grouping labels. */
  public String metrics() {
    HttpResponse<String> response =
        LoopbackHttp.send(LoopbackHttp.request(uri.resolve("/metrics")).GET().build());
    expect2xx(response, "scrape");
    return response.body();
  }

  private void send(String method, String job, Map<String, String> groupingKey, String metrics) {
    String body = metrics.endsWith("\n") ? metrics : metrics + "\n";
    HttpRequest request =
        LoopbackHttp.request(groupUri(job, groupingKey))
            .header("Content-Type", TEXT_FORMAT)
            .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    expect2xx(LoopbackHttp.send(request), "push to");
  }

  /** /metrics/job@base64/J/label@base64/V...: base64 lets values hold '/' and be empty. */
  private URI groupUri(String job, Map<String, String> groupingKey) {
    StringBuilder path = new StringBuilder("/metrics/job@base64/").append(base64(job));
    new TreeMap<>(groupingKey)
        .forEach(
            (label, value) ->
                path.append('/').append(label).append("@base64/").append(base64(value)));
    return uri.resolve(path.toString());
  }

  private static String base64(String value) {
    // the Pushgateway takes '=' alone for an empty value
    return value.isEmpty()
        ? "="
        : Base64.getUrlEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  private void expect2xx(HttpResponse<String> response, String what) {
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          "Cannot "
              + what
              + " the Pushgateway at "
              + response.uri()
              + ": HTTP "
              + response.statusCode()
              + ": "
              + response.body().strip());
    }
  }

  private static PushgatewayServer start() {
    Path binary = LoopbackHttp.executable(System.getenv(BIN_ENV), BINARY);
    if (binary == null) {
      throw new IllegalStateException(
          "Cannot start the Pushgateway: no "
              + BINARY
              + " executable (apt-get install prometheus-pushgateway;"
              + " scripts/setup.sh does it; or set "
              + BIN_ENV
              + ")");
    }
    try {
      Path dir = Files.createTempDirectory("nightscribe-pushgateway-");
      int port = LocalProcesses.freePort();
      Path log = LocalProcesses.logDir(dir).resolve("pushgateway-" + port + ".log");
      List<String> command =
          List.of(
              binary.toString(),
              "--web.listen-address=127.0.0.1:" + port,
              // Debian's default persists to /var/lib/prometheus: keep every test JVM's state apart
              "--persistence.file=",
              "--web.enable-admin-api",
              "--log.level=info");
      long started = System.nanoTime();
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      URI uri = URI.create("http://127.0.0.1:" + port);
      LoopbackHttp.awaitOk(uri.resolve("/-/ready"), process, log, STARTUP_TIMEOUT, "Pushgateway");
      Duration startup = Duration.ofNanos(System.nanoTime() - started);
      LOG.info("Pushgateway at {} ready after {} ms; log {}", uri, startup.toMillis(), log);
      return new PushgatewayServer(uri, dir, log, startup, process);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the Pushgateway from " + binary, e);
    }
  }

  private void stop() {
    LocalProcesses.destroyTree(process, Duration.ofSeconds(5));
    LocalProcesses.deleteQuietly(dir);
  }
}
