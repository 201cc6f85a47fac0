package io.nightscribe.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (the Debian binaries, {@code initdb} + {@code pg_ctl}) on 127.0.0.1,
 * started once per JVM by {@link #shared()} and stopped at JVM exit, its data in a temp dir.
 *
 * <p>PostgreSQL refuses to run as root: when the JVM is root, every binary runs as the {@code
 * postgres} OS user (through {@code runuser}) on a data dir it owns. Authentication is {@code
 * trust}, so any password works; {@link #password()} is there for the JDBC URL's sake.
 */
public final class PostgresServer {
  /** Overrides the directory holding initdb, pg_ctl and createdb. */
  public static final String BIN_ENV = "NIGHTSCRIBE_PG_BIN";

  private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
  private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
  private static final String OS_USER = "postgres";
  private static final String USER = "nightscribe";
  private static final String DATABASE = "nightscribe";
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  private static final Object LOCK = new Object();
  private static PostgresServer shared;
  private static RuntimeException sharedFailure;

  private final Path bin;
  private final Path dir;
  private final Path log;
  private final int port;
  private final Duration startupTime;

  private PostgresServer(Path bin, Path dir, Path log, int port, Duration startupTime) {
    this.bin = bin;
    this.dir = dir;
    this.log = log;
    this.port = port;
    this.startupTime = startupTime;
  }

  /**
   * The JVM's server, started on first call (about 2 s), with database {@value #DATABASE}.
   *
   * @throws IllegalStateException if PostgreSQL is not installed or does not start; later calls
   *     throw the same failure without trying again
   */
  public static PostgresServer shared() {
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
        Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "postgres-stop"));
      }
      return shared;
    }
  }

  /**
   * A server of the caller's own, started now (about 2 s), that the caller stops with {@link
   * #stop}: for a test that stops PostgreSQL under a running client. Stopped at JVM exit at the
   * latest.
   */
  public static PostgresServer startPrivate() {
    PostgresServer server = start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-stop"));
    return server;
  }

  /** JDBC URL of the default database. */
  public String jdbcUrl() {
    return jdbcUrl(DATABASE);
  }

  /** JDBC URL of database {@code name} on this server. */
  public String jdbcUrl(String name) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
  }

  public String user() {
    return USER;
  }

  public String password() {
    return USER;
  }

  public int port() {
    return port;
  }

  /** From initdb to a server accepting connections. */
  public Duration startupTime() {
    return startupTime;
  }

  /**
   * Creates an empty database for one test class and returns its JDBC URL.
   *
   * @param name lowercase letters, digits and '_', not yet used on this server
   */
  public String newDatabase(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Invalid database name '" + name + "': use lowercase letters, digits and '_'");
    }
    runAsOwner(
        List.of(
            bin.resolve("createdb").toString(),
            "-h",
            "127.0.0.1",
            "-p",
            Integer.toString(port),
            "-U",
            USER,
            name),
        log);
    return jdbcUrl(name);
  }

  private static PostgresServer start() {
    Path bin = findBin();
    try {
      Path dir = Files.createTempDirectory("nightscribe-postgres-");
      // in the data dir, not target/: the postgres OS user may not reach the build directory
      Path log = Files.createFile(dir.resolve("postgres.log"));
      if (isRoot()) {
        giveToPostgres(dir);
        giveToPostgres(log);
      }
      int port = LocalProcesses.freePort();
      long started = System.nanoTime();
      Path data = dir.resolve("data");
      runAsOwner(
          List.of(
              bin.resolve("initdb").toString(),
              "-D",
              data.toString(),
              "-U",
              USER,
              "--auth=trust",
              "-E",
              "UTF8",
              "--locale=C.UTF-8",
              "--no-sync"),
          log);
      pgCtlStart(bin, dir, log, port);
      PostgresServer server =
          new PostgresServer(bin, dir, log, port, Duration.ofNanos(System.nanoTime() - started));
      server.newDatabase(DATABASE);
      LOG.info("PostgreSQL at 127.0.0.1:{} up after {} ms", port, server.startupTime.toMillis());
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start PostgreSQL from " + bin, e);
    }
  }

  private static void pgCtlStart(Path bin, Path dir, Path log, int port) {
    String options =
        "-h 127.0.0.1 -p " + port + " -k " + dir + " -c fsync=off -c full_page_writes=off";
    runAsOwner(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-l",
            log.toString(),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start"),
        log);
  }

  /**
   * Stops the server at once (immediate mode: every connection is cut, as in a crash), waits {@code
   * downtime}, and starts it again on the same port with the same data: a database restart under a
   * running client. Committed data survives; open transactions are lost.
   */
  public synchronized void restart(Duration downtime) {
    pgCtlStop();
    try {
      Thread.sleep(downtime.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted restarting PostgreSQL", e);
    }
    pgCtlStart(bin, dir, log, port);
    LOG.info("PostgreSQL at 127.0.0.1:{} restarted", port);
  }

  private void pgCtlStop() {
    runAsOwner(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-m",
            "immediate",
            "-w",
            "stop"),
        log);
  }

  private static Path findBin() {
    String override = System.getenv(BIN_ENV);
    if (override != null && !override.isBlank()) {
      return requireBinaries(Path.of(override));
    }
    try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
      return requireBinaries(
          versions
              .filter(v -> v.getFileName().toString().matches("\\d+"))
              .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
              .map(v -> v.resolve("bin"))
              .orElse(DEBIAN_ROOT.resolve("<version>/bin")));
    } catch (IOException noPostgres) {
      return requireBinaries(DEBIAN_ROOT.resolve("<version>/bin"));
    }
  }

  private static Path requireBinaries(Path bin) {
    if (!Files.isExecutable(bin.resolve("initdb")) || !Files.isExecutable(bin.resolve("pg_ctl"))) {
      throw new IllegalStateException(
          "Cannot start PostgreSQL: no initdb/pg_ctl in "
              + bin
              + " (install postgresql: scripts/test.sh does it; or set "
              + BIN_ENV
              + ")");
    }
    return bin;
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void giveToPostgres(Path path) throws IOException {
    UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
    Files.setOwner(path, users.lookupPrincipalByName(OS_USER));
  }

  private static void runAsOwner(List<String> command, Path log) {
    List<String> full = new ArrayList<>();
    if (isRoot()) {
      full.addAll(List.of("runuser", "-u", OS_USER, "--"));
    }
    full.addAll(command);
    LocalProcesses.run(full, log, COMMAND_TIMEOUT);
  }

  /**
   * Stops the server at once (immediate mode) and deletes its data; stopping again does nothing.
   */
  public synchronized void stop() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try {
      pgCtlStop();
    } catch (RuntimeException e) {
      LOG.warn("Cannot stop PostgreSQL at 127.0.0.1:{}: {}", port, e.getMessage());
    }
    LocalProcesses.deleteQuietly(dir);
  }
}
