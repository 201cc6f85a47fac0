package io.nightscribe.asr.dataset;

import io.nightscribe.asr.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Random choices that depend only on a seed, what is being chosen ({@code purpose}) and for what
 * ({@code subject}): each draw is read from the SHA-256 of the three, so it does not depend on the
 * order of the draws, on other subjects, on threads, or on the Java version. Adding a sentence to
 * the pool leaves the choices made for the others as they were. Immutable and thread-safe.
 *
 * @param seed the seed a dataset records
 */
public record SeededDraws(long seed) {

  /** A number in [0, 1). */
  public double uniform(String purpose, String subject) {
    return (bits(purpose, subject) >>> 11) * 0x1.0p-53;
  }

  /** An integer from {@code min} to {@code max}, both included. */
  public int between(int min, int max, String purpose, String subject) {
    if (max < min) {
      throw new IllegalArgumentException("Invalid range: " + min + " to " + max);
    }
    return min + (int) Math.floor(uniform(purpose, subject) * ((long) max - min + 1));
  }

  /** One of {@code items}, each as likely. */
  public <T> T pick(List<T> items, String purpose, String subject) {
    if (items.isEmpty()) {
      throw new IllegalArgumentException("Cannot pick " + purpose + ": nothing to pick from");
    }
    return items.get(between(0, items.size() - 1, purpose, subject));
  }

  /** 64 random bits, to seed a generator of many numbers (noise samples). */
  public long bits(String purpose, String subject) {
    String input = seed + "\n" + purpose + "\n" + subject;
    byte[] digest = Sha256.newDigest().digest(input.getBytes(StandardCharsets.UTF_8));
    return ByteBuffer.wrap(digest).getLong();
  }

  /**
   * {@code count} of {@code items} (all of them when there are fewer), each as likely: those whose
   * draw for {@code purpose} is lowest, in that order. {@code subject} names an item and must tell
   * items apart.
   */
  public <T> List<T> choose(List<T> items, int count, String purpose, Function<T, String> subject) {
    if (count < 0) {
      throw new IllegalArgumentException("Invalid count: " + count);
    }
    record Ranked<T>(T item, String subject, long rank) {}
    Comparator<Ranked<T>> byRank = (a, b) -> Long.compareUnsigned(a.rank(), b.rank());
    return items.stream()
        .map(
            item -> {
              String name = subject.apply(item);
              return new Ranked<>(item, name, bits(purpose, name));
            })
        .sorted(byRank.thenComparing(Ranked::subject))
        .limit(count)
        .map(Ranked::item)
        .toList();
  }
}
