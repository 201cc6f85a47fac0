package io.nightscribe.asr.audio;

/**
 * Measures {@link AudioLevels} from the blocks of a {@link PcmStream} as they are read, in constant
 * memory: a sum of squares for the loudness, a count of clipped samples, and a histogram of the 20
 * ms frames' levels in half-decibel bins for the speech share.
 *
 * <p>Speech is told from silence by energy, not by the speech detector of segmentation at pauses:
 * it costs nothing next to decoding, works the same whatever the segmentation, and what drift needs
 * is a stable measure of the input, not accurate speech boundaries. A frame counts as speech when
 * its level is above {@value #SPEECH_FLOOR_DBFS} dBFS and {@value #SPEECH_ABOVE_NOISE_DB} dB above
 * the input's noise floor (the level 10% of its frames stay below): clean speech with digital
 * pauses has a floor near silence, a noisy telephone line a floor just under the speech. An input
 * whose loud frames (the level 90% stay below) are not above that threshold has no pauses to find,
 * and every frame above {@value #SPEECH_FLOOR_DBFS} dBFS counts.
 *
 * <p>Not thread-safe: one meter per input, fed by the thread decoding it.
 */
public final class AudioLevelMeter {
  /** The level given to digital silence, dBFS. */
  public static final double SILENCE_DBFS = -120;

  /** A sample at or beyond this magnitude counts as clipped. */
  public static final double CLIPPING_LEVEL = 0.999;

  /** Frames below this level are never speech, dBFS. */
  public static final double SPEECH_FLOOR_DBFS = -50;

  /** Frames must be this far above the input's noise floor to be speech, dB. */
  public static final double SPEECH_ABOVE_NOISE_DB = 12;

  private static final int FRAME_SAMPLES = AudioDecoder.TARGET_SAMPLE_RATE_HZ / 50;
  private static final int BINS_PER_DB = 2;
  private static final int BINS = (int) -SILENCE_DBFS * BINS_PER_DB + 1;

  private final long[] frameLevels = new long[BINS];
  private long frames;
  private long samples;
  private long clipped;
  private double sumOfSquares;
  private double frameSumOfSquares;
  private int frameFill;

  /** A stream that reads {@code stream} and feeds every block it returns to this meter. */
  public PcmStream measure(PcmStream stream) {
    return new PcmStream() {
      @Override
      public int sampleRateHz() {
        return stream.sampleRateHz();
      }

      @Override
      public AudioProbe probe() {
        return stream.probe();
      }

      @Override
      public float[] nextBlock() {
        float[] block = stream.nextBlock();
        if (block != null) {
          add(block);
        }
        return block;
      }

      @Override
      public void close() {
        stream.close();
      }
    };
  }

  /** Adds the next samples of the input. */
  public void add(float[] block) {
    for (float sample : block) {
      double square = (double) sample * sample;
      sumOfSquares += square;
      frameSumOfSquares += square;
      if (Math.abs(sample) >= CLIPPING_LEVEL) {
        clipped++;
      }
      if (++frameFill == FRAME_SAMPLES) {
        endFrame();
      }
    }
    samples += block.length;
  }

  /**
   * The levels of every sample added so far (a partial last frame is left out of the speech share).
   */
  public AudioLevels levels() {
    if (samples == 0) {
      return new AudioLevels(SILENCE_DBFS, 0, 0);
    }
    double noiseFloor = levelAtShare(0.10);
    double threshold = Math.max(SPEECH_FLOOR_DBFS, noiseFloor + SPEECH_ABOVE_NOISE_DB);
    if (levelAtShare(0.90) <= threshold) {
      // no stretch clearly quieter than the rest: energy cannot find pauses, so every frame
      // above the absolute floor counts
      threshold = SPEECH_FLOOR_DBFS;
    }
    long speech = 0;
    for (int bin = 0; bin < BINS; bin++) {
      if (levelOf(bin) > threshold) {
        speech += frameLevels[bin];
      }
    }
    return new AudioLevels(
        decibels(sumOfSquares / samples),
        (double) clipped / samples,
        frames == 0 ? 0 : (double) speech / frames);
  }

  private void endFrame() {
    double level = decibels(frameSumOfSquares / FRAME_SAMPLES);
    frameLevels[binOf(level)]++;
    frames++;
    frameSumOfSquares = 0;
    frameFill = 0;
  }

  /** The level below which {@code share} of the frames lie. */
  private double levelAtShare(double share) {
    long wanted = (long) Math.ceil(share * frames);
    long seen = 0;
    for (int bin = 0; bin < BINS; bin++) {
      seen += frameLevels[bin];
      if (seen >= wanted && seen > 0) {
        return levelOf(bin);
      }
    }
    return SILENCE_DBFS;
  }

  private static double decibels(double meanSquare) {
    return meanSquare <= 0 ? SILENCE_DBFS : Math.max(SILENCE_DBFS, 10 * Math.log10(meanSquare));
  }

  private static int binOf(double level) {
    int bin = (int) Math.round((level - SILENCE_DBFS) * BINS_PER_DB);
    return Math.max(0, Math.min(BINS - 1, bin));
  }

  private static double levelOf(int bin) {
    return SILENCE_DBFS + (double) bin / BINS_PER_DB;
  }
}
