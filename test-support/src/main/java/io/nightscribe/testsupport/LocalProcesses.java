package io.nightscribe.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the loopback servers share: free ports, process trees, temp dirs, log tails. */
final class LocalProcesses {
  private LocalProcesses() {}

  /** A port free on 127.0.0.1 right now. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free port on 127.0.0.1", e);
    }
  }

  /** Terminates {@code process} and every descendant, forcibly after {@code grace}. */
  static void destroyTree(Process process, Duration grace) {
    List<ProcessHandle> tree = process.descendants().toList();
    process.destroy();
    tree.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
      for (ProcessHandle child : tree) {
        child.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (Exception timeoutOrInterrupt) {
      tree.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  /** Runs {@code command} to completion; fails with its output when it exits non-zero. */
  static void run(List<String> command, Path log, Duration timeout) {
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        destroyTree(process, Duration.ofSeconds(2));
        throw new IllegalStateException(
            "Cannot run " + command.get(0) + ": no exit within " + timeout + "; see " + log);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "Cannot run "
                + String.join(" ", command)
                + ": exit "
                + process.exitValue()
                + "; "
                + tail(log));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted running " + command.get(0), e);
    }
  }

  /** The last lines of a log, on one line, for failure messages. */
  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return "log "
          + log
          + " ends: "
          + String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    } catch (IOException e) {
      return "log " + log + " unreadable: " + e.getMessage();
    }
  }

  /** Where logs go: the build's target/ when there is one (kept for a look after a failure). */
  static Path logDir(Path fallback) {
    Path target = Path.of("target");
    return Files.isDirectory(target) ? target.toAbsolutePath() : fallback;
  }

  /** Deletes a directory tree, ignoring what cannot be deleted (it is a temp dir). */
  static void deleteQuietly(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException ignored) {
      // best effort: the OS cleans /tmp eventually
    }
  }
}
