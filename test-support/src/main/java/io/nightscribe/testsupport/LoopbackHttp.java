package io.nightscribe.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** HTTP to the loopback servers: one client, readiness polling, plain request helpers. */
final class LoopbackHttp {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(100);

  private LoopbackHttp() {}

  /** Sends {@code request}; an I/O failure becomes an {@link IllegalStateException}. */
  static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot reach " + request.uri() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted calling " + request.uri(), e);
    }
  }

  /** A request builder for {@code uri} with the default timeout. */
  static HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT);
  }

  /**
   * Waits until {@code url} answers 200, failing early with the log's tail when {@code process}
   * exits; stops the process when it never gets ready.
   */
  static void awaitOk(URI url, Process process, Path log, Duration timeout, String what) {
    HttpRequest probe = request(url).timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Cannot start " + what + ": it exited with " + process.exitValue() + "; " + tail(log));
      }
      try {
        if (CLIENT.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notUpYet) {
        // connection refused until the server binds its port
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        LocalProcesses.destroyTree(process, Duration.ofSeconds(5));
        throw new IllegalStateException("Interrupted waiting for " + what, e);
      }
      sleep(POLL);
    }
    LocalProcesses.destroyTree(process, Duration.ofSeconds(5));
    throw new IllegalStateException(
        "Cannot start " + what + ": not ready within " + timeout.toSeconds() + " s; " + tail(log));
  }

  /** Sleeps, keeping the interrupt flag for the caller's next blocking call. */
  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The executable {@code name} from {@code override} or the PATH, or null. */
  static Path executable(String override, String name) {
    if (override != null && !override.isBlank()) {
      Path path = Path.of(override);
      return Files.isExecutable(path) ? path : null;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return Path.of(dir, name);
      }
    }
    return null;
  }

  private static String tail(Path log) {
    return LocalProcesses.tail(log);
  }

  /** The last {@code lines} lines of a text, for failure messages. */
  static String lastLines(String text, int lines) {
    List<String> all = text.lines().toList();
    return String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
