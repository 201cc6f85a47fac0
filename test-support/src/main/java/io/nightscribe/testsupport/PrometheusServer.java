package io.nightscribe.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Prometheus server (Debian's {@code prometheus}) on 127.0.0.1, started once per JVM by
 * {@link #shared()} and stopped at JVM exit, its TSDB in a temp dir.
 *
 * <p>It scrapes the JVM's {@link PushgatewayServer#shared() Pushgateway} with {@code honor_labels:
 * true} (so pushed {@code job} and grouping labels stay as pushed) every second, and evaluates
 * rules every second. {@link #loadRules} and {@link #scrape} rewrite its configuration and reload
 * it through the lifecycle API; both apply to every test of the JVM, so load the same rule files
 * everywhere or keep tests apart by labels.
 *
 * <p>Queries are instant queries over the HTTP API; {@link #awaitValue} and {@link #awaitFiring}
 * poll until a scrape and an evaluation have happened.
 */
public final class PrometheusServer {
  /** Overrides the prometheus binary. */
  public static final String BIN_ENV = "NIGHTSCRIBE_PROMETHEUS";

  /** Scrape and rule evaluation interval. */
  public static final Duration INTERVAL = Duration.ofSeconds(1);

  private static final String BINARY = "prometheus";
  private static final Logger LOG = LoggerFactory.getLogger(PrometheusServer.class);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Object LOCK = new Object();
  private static PrometheusServer shared;
  private static RuntimeException sharedFailure;

  private final URI uri;
  private final Path dir;
  private final Path config;
  private final Path log;
  private final Duration startupTime;
  private final Process process;
  private final String pushgateway;
  private final List<Path> ruleFiles = new ArrayList<>();
  private final Map<String, URI> extraTargets = new LinkedHashMap<>();

  private PrometheusServer(
      URI uri,
      Path dir,
      Path config,
      Path log,
      Duration startupTime,
      Process process,
      String pushgateway) {
    this.uri = uri;
    this.dir = dir;
    this.config = config;
    this.log = log;
    this.startupTime = startupTime;
    this.process = process;
    this.pushgateway = pushgateway;
  }

  /**
   * The JVM's Prometheus, started on first call (1-3 s) together with the shared Pushgateway.
   *
   * @throws IllegalStateException if a binary is missing or does not start; later calls throw the
   *     same failure without trying again
   */
  public static PrometheusServer shared() {
    synchronized (LOCK) {
      if (sharedFailure != null) {
        throw sharedFailure;
      }
      if (shared == null) {
        try {
          shared = start(PushgatewayServer.shared());
        } catch (RuntimeException e) {
          sharedFailure = e;
          throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "prometheus-stop"));
      }
      return shared;
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI uri() {
    return uri;
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
   * Evaluates the rules of {@code files} from now on (instead of those loaded before) and waits
   * until Prometheus has loaded them.
   *
   * @throws IllegalStateException when Prometheus refuses the files (with its reason)
   */
  public void loadRules(Path... files) {
    synchronized (LOCK) {
      ruleFiles.clear();
      for (Path file : files) {
        if (!Files.isReadable(file)) {
          throw new IllegalArgumentException("Cannot load rules: " + file + " is not readable");
        }
        ruleFiles.add(file.toAbsolutePath());
      }
      reload();
      awaitRulesFrom(ruleFiles);
    }
  }

  /** Scrapes {@code metricsUri} (e.g. a service's /actuator/prometheus) as job {@code job}. */
  public void scrape(String job, URI metricsUri) {
    synchronized (LOCK) {
      extraTargets.put(Objects.requireNonNull(job), Objects.requireNonNull(metricsUri));
      reload();
    }
  }

  /** The value of an instant query answering one sample or a scalar; empty when none. */
  public OptionalDouble query(String promql) {
    List<Sample> samples = querySamples(promql);
    if (samples.size() > 1) {
      throw new IllegalStateException(
          "Query " + promql + " answered " + samples.size() + " samples: " + samples);
    }
    return samples.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(samples.get(0).value());
  }

  /** Every sample of an instant query (a scalar is one sample without labels). */
  public List<Sample> querySamples(String promql) {
    Map<String, Object> data =
        MiniJson.object(
            apiGet("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
                .get("data"),
            "data");
    String type = String.valueOf(data.get("resultType"));
    Object result = data.get("result");
    List<Sample> samples = new ArrayList<>();
    if ("scalar".equals(type)) {
      samples.add(new Sample(Map.of(), number(MiniJson.array(result, "result").get(1))));
    } else if ("vector".equals(type)) {
      for (Object item : MiniJson.array(result, "result")) {
        Map<String, Object> sample = MiniJson.object(item, "sample");
        samples.add(
            new Sample(
                labels(sample.get("metric")),
                number(MiniJson.array(sample.get("value"), "value").get(1))));
      }
    } else {
      throw new IllegalStateException("Query " + promql + " answered a " + type);
    }
    return samples;
  }

  /** Polls {@code promql} until it answers one sample; that sample's value. */
  public double awaitValue(String promql, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      OptionalDouble value = query(promql);
      if (value.isPresent()) {
        return value.getAsDouble();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Query " + promql + " answered nothing within " + timeout.toSeconds() + " s");
      }
      LoopbackHttp.sleep(POLL);
    }
  }

  /** The alerts pending or firing now. */
  public List<Alert> alerts() {
    Map<String, Object> data = MiniJson.object(apiGet("/api/v1/alerts").get("data"), "data");
    List<Alert> alerts = new ArrayList<>();
    for (Object item : MiniJson.array(data.get("alerts"), "alerts")) {
      Map<String, Object> alert = MiniJson.object(item, "alert");
      alerts.add(
          new Alert(
              labels(alert.get("labels")),
              labels(alert.get("annotations")),
              String.valueOf(alert.get("state")),
              number(alert.get("value"))));
    }
    return alerts;
  }

  /**
   * Polls until alert {@code name} fires with (at least) {@code labels}; that alert.
   *
   * @throws IllegalStateException on timeout, listing the alerts there were
   */
  public Alert awaitFiring(String name, Map<String, String> labels, Duration timeout) {
    Predicate<Alert> wanted =
        alert ->
            "firing".equals(alert.state())
                && name.equals(alert.labels().get("alertname"))
                && alert.labels().entrySet().containsAll(labels.entrySet());
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<Alert> alerts = alerts();
      Optional<Alert> found = alerts.stream().filter(wanted).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Alert "
                + name
                + labels
                + " did not fire within "
                + timeout.toSeconds()
                + " s; alerts now: "
                + alerts);
      }
      LoopbackHttp.sleep(POLL);
    }
  }

  /**
   * One sample of a query answer.
   *
   * @param labels its labels, {@code __name__} included for plain selectors
   * @param value its value
   */
  public record Sample(Map<String, String> labels, double value) {}

  /**
   * An alert as {@code /api/v1/alerts} shows it.
   *
   * @param labels {@code alertname}, the rule's labels and the series' labels
   * @param annotations rendered annotations
   * @param state {@code pending} or {@code firing}
   * @param value the expression's value when it was last evaluated
   */
  public record Alert(
      Map<String, String> labels, Map<String, String> annotations, String state, double value) {}

  private static PrometheusServer start(PushgatewayServer pushgateway) {
    Path binary = LoopbackHttp.executable(System.getenv(BIN_ENV), BINARY);
    if (binary == null) {
      throw new IllegalStateException(
          "Cannot start Prometheus: no "
              + BINARY
              + " executable (apt-get install prometheus;"
              + " scripts/setup.sh does it; or set "
              + BIN_ENV
              + ")");
    }
    try {
      Path dir = Files.createTempDirectory("nightscribe-prometheus-");
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(config, configText(pushgateway.address(), List.of(), Map.of()));
      int port = LocalProcesses.freePort();
      Path log = LocalProcesses.logDir(dir).resolve("prometheus-" + port + ".log");
      List<String> command =
          List.of(
              binary.toString(),
              "--config.file=" + config,
              "--storage.tsdb.path=" + dir.resolve("data"),
              "--web.listen-address=127.0.0.1:" + port,
              "--web.enable-lifecycle",
              "--log.level=info");
      long started = System.nanoTime();
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      URI uri = URI.create("http://127.0.0.1:" + port);
      LoopbackHttp.awaitOk(uri.resolve("/-/ready"), process, log, STARTUP_TIMEOUT, "Prometheus");
      Duration startup = Duration.ofNanos(System.nanoTime() - started);
      LOG.info(
          "Prometheus at {} ready after {} ms, scraping the Pushgateway at {}; log {}",
          uri,
          startup.toMillis(),
          pushgateway.address(),
          log);
      return new PrometheusServer(uri, dir, config, log, startup, process, pushgateway.address());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start Prometheus from " + binary, e);
    }
  }

  private static String configText(
      String pushgateway, List<Path> rules, Map<String, URI> extraTargets) {
    String interval = INTERVAL.toSeconds() + "s";
    StringBuilder yaml = new StringBuilder();
    yaml.append("global:\n")
        .append("  scrape_interval: ")
        .append(interval)
        .append("\n  scrape_timeout: ")
        .append(interval)
        .append("\n  evaluation_interval: ")
        .append(interval)
        .append("\nrule_files:\n");
    rules.forEach(rule -> yaml.append("  - ").append(quoted(rule.toString())).append('\n'));
    if (rules.isEmpty()) {
      yaml.append("  []\n");
    }
    yaml.append("scrape_configs:\n")
        .append("  - job_name: pushgateway\n")
        .append("    honor_labels: true\n")
        .append("    static_configs:\n")
        .append("      - targets: [")
        .append(quoted(pushgateway))
        .append("]\n");
    extraTargets.forEach(
        (job, target) ->
            yaml.append("  - job_name: ")
                .append(quoted(job))
                .append("\n    scheme: ")
                .append(target.getScheme())
                .append("\n    metrics_path: ")
                .append(quoted(target.getRawPath()))
                .append("\n    static_configs:\n      - targets: [")
                .append(quoted(target.getRawAuthority()))
                .append("]\n"));
    return yaml.toString();
  }

  private static String quoted(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private void reload() {
    try {
      Files.writeString(config, configText(pushgateway, ruleFiles, extraTargets));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the Prometheus configuration " + config, e);
    }
    HttpResponse<String> response =
        LoopbackHttp.send(
            LoopbackHttp.request(uri.resolve("/-/reload"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "Prometheus refused its new configuration: HTTP "
              + response.statusCode()
              + ": "
              + response.body().strip()
              + "; "
              + LocalProcesses.tail(log));
    }
  }

  private void awaitRulesFrom(List<Path> files) {
    long deadline = System.nanoTime() + RELOAD_TIMEOUT.toNanos();
    while (true) {
      Map<String, Object> data = MiniJson.object(apiGet("/api/v1/rules").get("data"), "data");
      List<String> loaded = new ArrayList<>();
      for (Object group : MiniJson.array(data.get("groups"), "groups")) {
        loaded.add(String.valueOf(MiniJson.object(group, "group").get("file")));
      }
      if (files.stream().allMatch(file -> loaded.contains(file.toString()))) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Prometheus did not load rules from " + files + "; it has " + loaded);
      }
      LoopbackHttp.sleep(POLL);
    }
  }

  private Map<String, Object> apiGet(String pathAndQuery) {
    HttpResponse<String> response =
        LoopbackHttp.send(LoopbackHttp.request(uri.resolve(pathAndQuery)).GET().build());
    Map<String, Object> body;
    try {
      body = MiniJson.object(MiniJson.parse(response.body()), "answer");
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "Prometheus answered "
              + pathAndQuery
              + " with HTTP "
              + response.statusCode()
              + ": "
              + LoopbackHttp.lastLines(response.body(), 3),
          e);
    }
    if (!"success".equals(body.get("status"))) {
      throw new IllegalStateException(
          "Prometheus refused "
              + pathAndQuery
              + ": "
              + body.get("errorType")
              + ": "
              + body.get("error"));
    }
    return body;
  }

  private static Map<String, String> labels(Object value) {
    Map<String, String> labels = new TreeMap<>();
    if (value != null) {
      MiniJson.object(value, "labels").forEach((k, v) -> labels.put(k, String.valueOf(v)));
    }
    return labels;
  }

  private static double number(Object value) {
    // the API writes sample values as strings ("1", "NaN", "+Inf", "1e+00")
    String text = String.valueOf(value);
    return switch (text) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  private void stop() {
    LocalProcesses.destroyTree(process, Duration.ofSeconds(10));
    LocalProcesses.deleteQuietly(dir);
  }
}
