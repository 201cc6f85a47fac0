package io.nightscribe.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code moto_server} per JVM (PyPI {@code moto[server]}), run from the project's Python venv
 * on 127.0.0.1 at a free port: the S3 of tests that need bucket versioning, which s3proxy lacks.
 * Started on the first {@link #shared()}, destroyed when the JVM exits.
 *
 * <p>The venv is {@code $NIGHTSCRIBE_VENV}, else {@code ~/.cache/nightscribe/mlflow-venv}; {@code
 * scripts/test.sh} creates it. Thread-safe.
 */
public final class MotoS3Server {
  private static final Logger log = LoggerFactory.getLogger(MotoS3Server.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final S3Endpoint endpoint;
  private final HttpClient http = HttpClient.newHttpClient();

  private static final class Holder {
    static final MotoS3Server INSTANCE = start();
  }

  private MotoS3Server(S3Endpoint endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * The server of this JVM, started on first use.
   *
   * @throws IllegalStateException when the venv has no moto_server, naming scripts/test.sh
   */
  public static MotoS3Server shared() {
    return Holder.INSTANCE;
  }

  /** Where it listens and the credentials to sign with (moto accepts any). */
  public S3Endpoint endpoint() {
    return endpoint;
  }

  /** Creates a bucket named {@code prefix} plus a random suffix, with versioning enabled. */
  public String createUniqueVersionedBucket(String prefix) {
    String bucket = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    send(HttpRequest.newBuilder(endpoint.uri().resolve("/" + bucket)), "");
    send(
        HttpRequest.newBuilder(endpoint.uri().resolve("/" + bucket + "?versioning")),
        "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            + "<Status>Enabled</Status></VersioningConfiguration>");
    return bucket;
  }

  private void send(HttpRequest.Builder request, String body) {
    try {
      HttpResponse<String> response =
          http.send(
              request.PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(
            "moto refused " + response.uri() + ": " + response.statusCode() + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted talking to moto", e);
    }
  }

  private static MotoS3Server start() {
    Path motoServer = PythonVenv.location().resolve("bin/moto_server");
    if (!Files.isExecutable(motoServer)) {
      throw new IllegalStateException(
          "Cannot start moto: no "
              + motoServer
              + " (run scripts/test.sh, which creates the venv, or set NIGHTSCRIBE_VENV)");
    }
    int port = freePort();
    URI uri = URI.create("http://127.0.0.1:" + port);
    try {
      Path logFile = Files.createTempFile("moto-server-", ".log");
      Process process =
          new ProcessBuilder(motoServer.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
              .redirectErrorStream(true)
              .redirectOutput(logFile.toFile())
              .start();
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> destroy(process, logFile), "moto-server-stop"));
      awaitAnswer(process, uri, logFile);
      log.info("moto_server listens on {} (log {})", uri, logFile);
      return new MotoS3Server(new S3Endpoint(uri, "testing", "testing", "us-east-1"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + motoServer, e);
    }
  }

  private static void awaitAnswer(Process process, URI uri, Path logFile) throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "moto_server exited with " + process.exitValue() + ": " + Files.readString(logFile));
      }
      try {
        http.send(
            HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        sleep();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted waiting for moto_server", e);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "moto_server did not answer on " + uri + " in " + START_TIMEOUT);
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free port on 127.0.0.1", e);
    }
  }

  private static void destroy(Process process, Path logFile) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      Files.deleteIfExists(logFile);
    } catch (IOException e) {
      log.debug("Cannot delete {}", logFile, e);
    }
  }
}
