package io.nightscribe.asr.testing;

/**
 * The audio {@link FakeAsrEngine} understands: word n is a 500 ms slot of constant amplitude (n +
 * 1) / 100000.
 */
public final class FakeSpeech {
  public static final long WORD_MILLIS = 500;
  public static final int SAMPLES_PER_WORD = 8_000;

  private FakeSpeech() {}

  /** {@code words} consecutive word slots: w0 w1 w2 ... */
  public static float[] words(int words) {
    float[] samples = new float[words * SAMPLES_PER_WORD];
    for (int w = 0; w < words; w++) {
      java.util.Arrays.fill(
          samples, w * SAMPLES_PER_WORD, (w + 1) * SAMPLES_PER_WORD, (w + 1) / 100_000f);
    }
    return samples;
  }

  /**
   * {@code words} word slots with {@code pauseSlots} silent slots after every {@code everyWords}
   * words: w0 w1 (pause) w2 w3 (pause) ...
   */
  public static float[] withPauses(int words, int everyWords, int pauseSlots) {
    int pauses = (words - 1) / everyWords;
    float[] samples = new float[(words + pauses * pauseSlots) * SAMPLES_PER_WORD];
    int slot = 0;
    for (int w = 0; w < words; w++) {
      if (w > 0 && w % everyWords == 0) {
        slot += pauseSlots;
      }
      java.util.Arrays.fill(
          samples, slot * SAMPLES_PER_WORD, (slot + 1) * SAMPLES_PER_WORD, (w + 1) / 100_000f);
      slot++;
    }
    return samples;
  }

  /** The word a sample value names, or null for silence. */
  static String wordOf(float sample) {
    long n = Math.round(sample * 100_000) - 1;
    return n < 0 ? null : "w" + n;
  }

  /** The transcript {@code words} slots should give: "w0 w1 ... w(n-1)". */
  public static String expectedText(int words) {
    StringBuilder text = new StringBuilder();
    for (int w = 0; w < words; w++) {
      text.append(w == 0 ? "" : " ").append('w').append(w);
    }
    return text.toString();
  }
}
