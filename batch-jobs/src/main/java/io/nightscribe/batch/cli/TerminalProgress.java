package io.nightscribe.batch.cli;

import io.nightscribe.runs.execution.RunProgress;
import java.io.PrintStream;
import java.time.Duration;

/**
 * A one-line progress bar on a terminal: objects done, audio hours transcribed, and the time left,
 * estimated from the bytes still to read. Redrawn at most five times a second.
 */
final class TerminalProgress implements RunProgress {
  private static final int WIDTH = 30;
  private final PrintStream terminal;
  private int total;
  private int done;
  private int quarantined;
  private long pendingBytes;
  private long doneBytes;
  private long audioMillis;
  private long startNanos;
  private long lastDrawNanos;

  TerminalProgress(PrintStream terminal) {
    this.terminal = terminal;
  }

  @Override
  public synchronized void start(
      String runId, int totalInputs, int alreadyDone, long pendingBytes) {
    this.total = totalInputs;
    this.done = alreadyDone;
    this.pendingBytes = pendingBytes;
    this.startNanos = System.nanoTime();
    draw(true);
  }

  @Override
  public synchronized void transcribed(String key, long sizeBytes, long audioMillis) {
    done++;
    doneBytes += sizeBytes;
    this.audioMillis += audioMillis;
    draw(false);
  }

  @Override
  public synchronized void quarantined(String key, long sizeBytes) {
    done++;
    quarantined++;
    doneBytes += sizeBytes;
    draw(false);
  }

  @Override
  public synchronized void finish() {
    draw(true);
    terminal.println();
  }

  private void draw(boolean force) {
    long now = System.nanoTime();
    if (!force && now - lastDrawNanos < 200_000_000L) {
      return;
    }
    lastDrawNanos = now;
    int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
    String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
    terminal.printf(
        "\r[%s] %d/%d objects%s  %.2f h audio  ETA %s   ",
        bar,
        done,
        total,
        quarantined > 0 ? " (" + quarantined + " quarantined)" : "",
        audioMillis / 3_600_000.0,
        eta(now));
    terminal.flush();
  }

  private String eta(long now) {
    if (doneBytes == 0 || pendingBytes == 0) {
      return "--:--:--";
    }
    double elapsedSeconds = (now - startNanos) / 1e9;
    long remaining = (long) (elapsedSeconds * (pendingBytes - doneBytes) / doneBytes);
    Duration left = Duration.ofSeconds(Math.max(0, remaining));
    return String.format(
        "%d:%02d:%02d", left.toHours(), left.toMinutesPart(), left.toSecondsPart());
  }
}
