package io.nightscribe.asr.dataset;

import java.util.Objects;

/**
 * What is done to a synthesized clip after synthesis, so that a model trained on it hears more than
 * clean studio speech.
 *
 * @param kind what is done
 * @param amount how much, in the kind's unit: dB of signal-to-noise ratio, percent of the original
 *     speed, percent of reverberance; 0 for {@link Kind#NONE}
 */
public record Augmentation(Kind kind, int amount) {
  /** The clean clip. */
  public static final Augmentation NONE = new Augmentation(Kind.NONE, 0);

  /** What is done. */
  public enum Kind {
    /** Nothing. */
    NONE,
    /** Gaussian white noise mixed in at {@code amount} dB below the speech. */
    NOISE,
    /** Played at {@code amount} percent of its speed, pitch moving with it (sox {@code speed}). */
    SPEED,
    /** A room added, {@code amount} percent reverberance (sox {@code reverb}). */
    REVERB
  }

  public Augmentation {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.NONE ? amount != 0 : amount <= 0) {
      throw new IllegalArgumentException("Invalid " + kind + " amount: " + amount);
    }
  }

  public static Augmentation noise(int snrDb) {
    return new Augmentation(Kind.NOISE, snrDb);
  }

  public static Augmentation speed(int percent) {
    return new Augmentation(Kind.SPEED, percent);
  }

  public static Augmentation reverb(int reverberancePercent) {
    return new Augmentation(Kind.REVERB, reverberancePercent);
  }
}
