package io.nightscribe.asr.dataset;

import java.util.Random;

/**
 * Mixes Gaussian white noise into 16-bit speech at a signal-to-noise ratio. The noise comes from
 * {@link Random}, whose algorithm its specification fixes, seeded per clip: the same clip and seed
 * give the same samples on any JVM (sox's own noise is drawn from the clock). Stateless and
 * thread-safe.
 */
public final class NoiseMixer {
  private NoiseMixer() {}

  /**
   * {@code speech} with noise whose power is {@code snrDb} dB below the speech's mean power (over
   * the whole clip, pauses included), clipped to 16 bits. Silence stays silent.
   */
  public static short[] mix(short[] speech, int snrDb, long seed) {
    double sumOfSquares = 0;
    for (short sample : speech) {
      sumOfSquares += (double) sample * sample;
    }
    short[] mixed = speech.clone();
    if (sumOfSquares == 0) {
      return mixed;
    }
    double noiseRms = Math.sqrt(sumOfSquares / speech.length) / Math.pow(10, snrDb / 20.0);
    Random random = new Random(seed);
    for (int i = 0; i < mixed.length; i++) {
      long value = Math.round(speech[i] + random.nextGaussian() * noiseRms);
      mixed[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
    }
    return mixed;
  }
}
