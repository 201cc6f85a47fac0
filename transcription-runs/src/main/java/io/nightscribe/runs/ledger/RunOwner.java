package io.nightscribe.runs.ledger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The process that runs a run, as {@code pid@host}. On the same host a dead owner is known at once,
 * so a run killed on a laptop or a VM restarts immediately instead of waiting out the heartbeat.
 */
public record RunOwner(long pid, String host) {

  public static RunOwner current() {
    return new RunOwner(ProcessHandle.current().pid(), localHost());
  }

  /** Parses {@code pid@host}; anything else (an older or foreign value) is unknown. */
  public static Optional<RunOwner> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int at = text.indexOf('@');
    if (at <= 0 || at == text.length() - 1) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new RunOwner(Long.parseLong(text.substring(0, at)), text.substring(at + 1)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** True when this owner ran on this host and its process no longer exists. */
  public boolean isGoneFromThisHost() {
    return host.equals(localHost())
        && ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
  }

  @Override
  public String toString() {
    return pid + "@" + host;
  }

  private static String localHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
