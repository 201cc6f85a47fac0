package io.nightscribe.testsupport;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code toxiproxy-server} per JVM on 127.0.0.1 at a free port, started on the first {@link
 * #shared()} and stopped at JVM exit: a real TCP proxy that a test puts between the code under test
 * and a real service, then disturbs with toxics (latency, resets, bandwidth, stalls).
 *
 * <p>The binary is {@code $NIGHTSCRIBE_TOXIPROXY} when set, else what {@code scripts/tools.sh
 * toxiproxy} prints: that script builds it once (about 1.5 minutes) and answers at once when it is
 * cached. Each test makes its own proxies ({@link #proxy}) and deletes them when done. Logs go to
 * {@code target/toxiproxy-*.log}. Thread-safe.
 */
public final class ToxiproxyServer {
  /** Overrides the toxiproxy-server binary. */
  public static final String BINARY_ENV = "NIGHTSCRIBE_TOXIPROXY";

  private static final Logger log = LoggerFactory.getLogger(ToxiproxyServer.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

  private final ToxiproxyClient client;
  private final Path logFile;

  private static final class Holder {
    static final ToxiproxyServer INSTANCE = start();
  }

  private ToxiproxyServer(ToxiproxyClient client, Path logFile) {
    this.client = client;
    this.logFile = logFile;
  }

  /**
   * The server of this JVM, started on first use.
   *
   * @throws IllegalStateException when toxiproxy-server can be neither found nor built
   */
  public static ToxiproxyServer shared() {
    return Holder.INSTANCE;
  }

  /**
   * A new proxy listening on a free 127.0.0.1 port and forwarding to {@code upstreamPort} on
   * 127.0.0.1. Its name is {@code name} plus a random suffix, so tests never share one.
   */
  public FaultyLink proxy(String name, int upstreamPort) {
    int port = LocalProcesses.freePort();
    String unique = name + "-" + UUID.randomUUID().toString().substring(0, 8);
    try {
      Proxy proxy = client.createProxy(unique, "127.0.0.1:" + port, "127.0.0.1:" + upstreamPort);
      return new FaultyLink(proxy, port, this);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create toxiproxy proxy " + unique, e);
    }
  }

  /** How many client connections proxy {@code name} has accepted so far, from the server's log. */
  long acceptedClients(String name) {
    String marker = "\"name\":\"" + name + "\"";
    try {
      return Files.readAllLines(logFile, StandardCharsets.UTF_8).stream()
          .filter(line -> line.contains(marker) && line.contains("Accepted client"))
          .count();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + logFile, e);
    }
  }

  private static ToxiproxyServer start() {
    Path binary = binary();
    int port = LocalProcesses.freePort();
    try {
      Path logFile =
          Files.createTempFile(
              LocalProcesses.logDir(Path.of(System.getProperty("java.io.tmpdir"))),
              "toxiproxy-",
              ".log");
      ProcessBuilder builder =
          new ProcessBuilder(binary.toString(), "-host", "127.0.0.1", "-port", String.valueOf(port))
              .redirectErrorStream(true)
              .redirectOutput(logFile.toFile());
      // info names every accepted client (what acceptedClients counts) without per-packet lines
      builder.environment().put("LOG_LEVEL", "info");
      Process process = builder.start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> LocalProcesses.destroyTree(process, Duration.ofSeconds(5)),
                  "toxiproxy-stop"));
      ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", port);
      awaitAnswer(process, client, logFile);
      log.info("toxiproxy-server listens on 127.0.0.1:{} (log {})", port, logFile);
      return new ToxiproxyServer(client, logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + binary, e);
    }
  }

  private static void awaitAnswer(Process process, ToxiproxyClient client, Path logFile) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "toxiproxy-server exited with "
                + process.exitValue()
                + "; "
                + LocalProcesses.tail(logFile));
      }
      try {
        client.version();
        return;
      } catch (IOException notYet) {
        pause(Duration.ofMillis(100));
      }
    }
    LocalProcesses.destroyTree(process, Duration.ofSeconds(2));
    throw new IllegalStateException(
        "toxiproxy-server did not answer in "
            + START_TIMEOUT
            + "; "
            + LocalProcesses.tail(logFile));
  }

  /** The binary named by the environment, else the one scripts/tools.sh builds or has cached. */
  private static Path binary() {
    String override = System.getenv(BINARY_ENV);
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    Path tools = repositoryRoot().resolve("scripts/tools.sh");
    try {
      Path output = Files.createTempFile("tools-toxiproxy-", ".out");
      Path errors = Files.createTempFile("tools-toxiproxy-", ".err");
      Process process =
          new ProcessBuilder(tools.toString(), "toxiproxy")
              .redirectOutput(output.toFile())
              .redirectError(errors.toFile())
              .start();
      if (!process.waitFor(BUILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "Cannot build toxiproxy-server with "
                + tools
                + ": "
                + Files.readString(errors).strip()
                + " (or set "
                + BINARY_ENV
                + " to a toxiproxy-server binary)");
      }
      List<String> paths = Files.readAllLines(output);
      Files.deleteIfExists(output);
      Files.deleteIfExists(errors);
      return Path.of(
          paths.stream()
              .filter(line -> line.endsWith("/toxiproxy-server"))
              .findFirst()
              .orElseThrow(
                  () -> new IllegalStateException(tools + " printed no toxiproxy-server path")));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + tools, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted building toxiproxy-server", e);
    }
  }

  /** The checkout holding scripts/tools.sh: the working directory or one of its parents. */
  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("scripts/tools.sh"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "Cannot find scripts/tools.sh above "
            + Path.of("").toAbsolutePath()
            + ": run from the nightscribe checkout or set "
            + BINARY_ENV);
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  /**
   * One proxy: where clients connect instead of the real service, and the toxics on it. Close it to
   * delete the proxy (its connections are cut).
   */
  public static final class FaultyLink implements AutoCloseable {
    private final Proxy proxy;
    private final int port;
    private final ToxiproxyServer server;

    private FaultyLink(Proxy proxy, int port, ToxiproxyServer server) {
      this.proxy = proxy;
      this.port = port;
      this.server = server;
    }

    /** The port clients connect to on 127.0.0.1. */
    public int port() {
      return port;
    }

    /** {@code uri} with its port replaced by this proxy's. */
    public URI through(URI uri) {
      return URI.create(
          uri.getScheme()
              + "://127.0.0.1:"
              + port
              + (uri.getRawPath() == null ? "" : uri.getRawPath()));
    }

    /** The toxics of this proxy, to add and remove them with toxiproxy's own Java client. */
    public ToxicList toxics() {
      return proxy.toxics();
    }

    /** Removes every toxic: from now on the link passes data untouched. */
    public void heal() {
      try {
        for (var toxic : proxy.toxics().getAll()) {
          toxic.remove();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot remove the toxics of " + proxy.getName(), e);
      }
    }

    /** Client connections accepted so far. */
    public long acceptedClients() {
      return server.acceptedClients(proxy.getName());
    }

    /**
     * Waits until at least {@code count} client connections have come in.
     *
     * @throws IllegalStateException when they have not within {@code timeout}
     */
    public void awaitClients(long count, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (acceptedClients() < count) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "No " + count + " client connections through " + proxy.getName() + " in " + timeout);
        }
        pause(Duration.ofMillis(50));
      }
    }

    @Override
    public void close() {
      try {
        proxy.delete();
      } catch (IOException e) {
        log.warn("Cannot delete toxiproxy proxy {}: {}", proxy.getName(), e.getMessage());
      }
    }
  }
}
