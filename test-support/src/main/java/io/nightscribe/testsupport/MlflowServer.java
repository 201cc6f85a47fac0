package io.nightscribe.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MLflow tracking server ({@code mlflow server} from the project's virtualenv) on 127.0.0.1,
 * started once per JVM by {@link #shared()} and stopped, with its whole process tree, at JVM exit.
 *
 * <p>SQLite backend and proxied artifacts ({@code --serve-artifacts}) in a temp dir, so runs get
 * {@code mlflow-artifacts:/<experiment>/<run>/artifacts} roots. MLflow's background job runner
 * (seven huey consumers) is switched off: nothing here needs it and it costs a core.
 */
public final class MlflowServer {
  private static final Logger LOG = LoggerFactory.getLogger(MlflowServer.class);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Object LOCK = new Object();
  private static MlflowServer shared;
  private static RuntimeException sharedFailure;

  private final URI trackingUri;
  private final Path dataDir;
  private final Path log;
  private final Duration startupTime;
  private final Process process;

  private MlflowServer(
      URI trackingUri, Path dataDir, Path log, Duration startupTime, Process process) {
    this.trackingUri = trackingUri;
    this.dataDir = dataDir;
    this.log = log;
    this.startupTime = startupTime;
    this.process = process;
  }

  /**
   * The JVM's server, started on first call (8-30 s).
   *
   * @throws IllegalStateException if mlflow is not installed or does not start; later calls throw
   *     the same failure without trying again
   */
  public static MlflowServer shared() {
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
        Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "mlflow-server-stop"));
      }
      return shared;
    }
  }

  /**
   * A server of the caller's own, started now (8-30 s), that the caller stops with {@link #stop}:
   * for a test that stops MLflow under a running client. Stopped at JVM exit at the latest.
   */
  public static MlflowServer startPrivate() {
    MlflowServer server = start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "mlflow-server-stop"));
    return server;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI trackingUri() {
    return trackingUri;
  }

  /** Where the server stores artifacts ({@code --artifacts-destination}). */
  public Path artifactsDir() {
    return dataDir.resolve("artifacts");
  }

  /** The server's stdout and stderr. */
  public Path log() {
    return log;
  }

  /** From process start to the first healthy answer. */
  public Duration startupTime() {
    return startupTime;
  }

  /** The {@code mlflow} executable this server runs. */
  public static Path executable() {
    return PythonVenv.location().resolve("bin").resolve("mlflow");
  }

  private static MlflowServer start() {
    Path mlflow = executable();
    if (!Files.isExecutable(mlflow)) {
      throw new IllegalStateException(
          "Cannot start MLflow server: "
              + mlflow
              + " is missing (scripts/test.sh creates the virtualenv; or set "
              + PythonVenv.ENVIRONMENT_VARIABLE
              + ")");
    }
    try {
      Path dataDir = Files.createTempDirectory("nightscribe-mlflow-");
      int port = LocalProcesses.freePort();
      Path log = LocalProcesses.logDir(dataDir).resolve("mlflow-server-" + port + ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command(mlflow, dataDir, port))
              .directory(dataDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().put("MLFLOW_SERVER_ENABLE_JOB_EXECUTION", "false");
      long started = System.nanoTime();
      Process process = builder.start();
      URI uri = URI.create("http://127.0.0.1:" + port);
      awaitHealthy(uri, process, log);
      Duration startup = Duration.ofNanos(System.nanoTime() - started);
      LOG.info("MLflow server at {} healthy after {} ms; log {}", uri, startup.toMillis(), log);
      return new MlflowServer(uri, dataDir, log, startup, process);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start MLflow server from " + mlflow, e);
    }
  }

  private static List<String> command(Path mlflow, Path dataDir, int port) {
    return List.of(
        mlflow.toString(),
        "server",
        "--backend-store-uri",
        "sqlite:///" + dataDir.resolve("mlflow.db"),
        "--serve-artifacts",
        "--artifacts-destination",
        dataDir.resolve("artifacts").toString(),
        "--host",
        "127.0.0.1",
        "--port",
        Integer.toString(port),
        "--workers",
        "1");
  }

  private static void awaitHealthy(URI uri, Process process, Path log) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health =
        HttpRequest.newBuilder(uri.resolve("/health")).timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Cannot start MLflow server: it exited with "
                + process.exitValue()
                + "; "
                + LocalProcesses.tail(log));
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
        Thread.sleep(POLL.toMillis());
      } catch (IOException notUpYet) {
        // connection refused until uvicorn binds the port
        sleepQuietly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        LocalProcesses.destroyTree(process, Duration.ofSeconds(5));
        throw new IllegalStateException("Interrupted waiting for the MLflow server", e);
      }
    }
    LocalProcesses.destroyTree(process, Duration.ofSeconds(5));
    throw new IllegalStateException(
        "Cannot start MLflow server: not healthy within "
            + STARTUP_TIMEOUT.toSeconds()
            + " s; "
            + LocalProcesses.tail(log));
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      // the next send sees the interrupt flag and ends the wait
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the server and its process tree and deletes its data; stopping again does nothing. */
  public void stop() {
    LocalProcesses.destroyTree(process, Duration.ofSeconds(10));
    LocalProcesses.deleteQuietly(dataDir);
  }
}
