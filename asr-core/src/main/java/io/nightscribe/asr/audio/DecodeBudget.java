package io.nightscribe.asr.audio;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What decoding one input may cost before the input is quarantined instead: how much audio it may
 * yield, and how much decoding time it may take. The time grows with the audio (declared by the
 * container, or decoded so far, whichever is more) so a long file is not cut off while a stalled or
 * runaway one is.
 *
 * <p>Only time spent inside the decoder counts, not time its reader waits for the engine to take
 * more audio.
 *
 * @param maxAudio the longest audio one input may hold: an input whose header declares more is
 *     refused before decoding, and one that decodes past it is stopped there (a cap on decoded
 *     samples, and so on memory and engine time)
 * @param timeFloor decoding time every input may take, however short
 * @param timePerAudioMinute decoding time added per minute of audio
 */
public record DecodeBudget(Duration maxAudio, Duration timeFloor, Duration timePerAudioMinute) {

  /**
   * Twelve hours of audio; one minute of decoding plus two seconds per audio minute, 30 times
   * slower than real time, where FFmpeg decodes 550 to 1400 times faster than real time.
   */
  public static final DecodeBudget DEFAULTS =
      new DecodeBudget(Duration.ofHours(12), Duration.ofMinutes(1), Duration.ofSeconds(2));

  public DecodeBudget {
    Objects.requireNonNull(maxAudio, "maxAudio");
    Objects.requireNonNull(timeFloor, "timeFloor");
    Objects.requireNonNull(timePerAudioMinute, "timePerAudioMinute");
    if (maxAudio.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "Invalid decode budget: max audio " + maxAudio + " (at least 1 s)");
    }
    if (timeFloor.isNegative() || timeFloor.isZero()) {
      throw new IllegalArgumentException(
          "Invalid decode budget: time floor " + timeFloor + " (more than 0)");
    }
    if (timePerAudioMinute.isNegative()) {
      throw new IllegalArgumentException(
          "Invalid decode budget: time per audio minute " + timePerAudioMinute + " (0 or more)");
    }
  }

  /** The decoding time allowed for {@code audioMillis} of audio, in nanoseconds. */
  long allowedNanos(long audioMillis) {
    long perMinuteNanos = timePerAudioMinute.toNanos();
    long audio = Math.max(0, audioMillis);
    // millis * nanos overflows past about 100 days of audio at 1 s per minute: saturate
    long growth =
        audio > Long.MAX_VALUE / Math.max(1, perMinuteNanos)
            ? Long.MAX_VALUE / 2
            : audio * perMinuteNanos / 60_000;
    return Math.min(Long.MAX_VALUE / 2, timeFloor.toNanos() + growth);
  }

  /** "1 min plus 2 s per audio minute", for messages. */
  String describeTime() {
    return seconds(timeFloor) + " plus " + seconds(timePerAudioMinute) + " per audio minute";
  }

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
