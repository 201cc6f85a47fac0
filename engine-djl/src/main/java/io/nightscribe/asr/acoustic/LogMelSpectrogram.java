package io.nightscribe.asr.acoustic;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Log mel filterbank energies: Hann-windowed frames, power spectrum by FFT, triangular filters
 * spaced on the HTK mel scale, natural log with a floor, then (optionally) each band standardized
 * over the chunk, which makes features independent of the recording's gain.
 *
 * <p>Pure Java and single-threaded per call, so training and transcription compute bit-identical
 * features on every machine. Immutable and thread-safe.
 */
public final class LogMelSpectrogram implements FrontEnd {
  /** The model.json "type" of this front end. */
  public static final String TYPE = "log-mel";

  private static final double LOG_FLOOR = 1e-10;
  private static final double STD_FLOOR = 1e-5;

  private final int sampleRateHz;
  private final int fftSize;
  private final int windowSamples;
  private final int hopSamples;
  private final int melBands;
  private final int minHz;
  private final int maxHz;
  private final boolean normalize;
  private final double[] window;
  private final double[][] filters;
  private final int[] filterFirstBin;
  private final double[] cosines;
  private final double[] sines;

  /**
   * @param sampleRateHz sample rate of the audio
   * @param fftSize FFT length, a power of two not below {@code windowSamples}
   * @param windowSamples analysis window length
   * @param hopSamples step between frames
   * @param melBands number of filters (feature dimensions)
   * @param minHz lowest filter edge, in Hz
   * @param maxHz highest filter edge, in Hz, at most half the sample rate
   * @param normalize whether to standardize each band over the chunk
   */
  public LogMelSpectrogram(
      int sampleRateHz,
      int fftSize,
      int windowSamples,
      int hopSamples,
      int melBands,
      int minHz,
      int maxHz,
      boolean normalize) {
    if (Integer.bitCount(fftSize) != 1 || windowSamples < 1 || windowSamples > fftSize) {
      throw new IllegalArgumentException(
          "Invalid log-mel front end: fftSize "
              + fftSize
              + " must be a power of two at least the window ("
              + windowSamples
              + ")");
    }
    if (hopSamples < 1
        || melBands < 1
        || minHz < 0
        || maxHz <= minHz
        || maxHz > sampleRateHz / 2.0) {
      throw new IllegalArgumentException(
          "Invalid log-mel front end: hop "
              + hopSamples
              + ", bands "
              + melBands
              + ", "
              + minHz
              + "-"
              + maxHz
              + " Hz at "
              + sampleRateHz
              + " Hz");
    }
    this.sampleRateHz = sampleRateHz;
    this.fftSize = fftSize;
    this.windowSamples = windowSamples;
    this.hopSamples = hopSamples;
    this.melBands = melBands;
    this.minHz = minHz;
    this.maxHz = maxHz;
    this.normalize = normalize;
    this.window = new double[windowSamples];
    for (int i = 0; i < windowSamples; i++) {
      window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / windowSamples);
    }
    this.cosines = new double[fftSize / 2];
    this.sines = new double[fftSize / 2];
    for (int i = 0; i < fftSize / 2; i++) {
      cosines[i] = Math.cos(-2 * Math.PI * i / fftSize);
      sines[i] = Math.sin(-2 * Math.PI * i / fftSize);
    }
    this.filters = new double[melBands][];
    this.filterFirstBin = new int[melBands];
    buildFilters();
  }

  /** The front end nightscribe's models use: 25 ms windows every 10 ms, 80 bands, 20-7600 Hz. */
  public static LogMelSpectrogram standard() {
    return new LogMelSpectrogram(16_000, 512, 400, 160, 80, 20, 7600, true);
  }

  /** Reads the parameters model.json gives (the keys {@link #describe()} writes). */
  public static LogMelSpectrogram of(int sampleRateHz, Map<String, Double> parameters) {
    return new LogMelSpectrogram(
        sampleRateHz,
        parameters.get("fftSize").intValue(),
        parameters.get("windowSamples").intValue(),
        parameters.get("hopSamples").intValue(),
        parameters.get("melBands").intValue(),
        parameters.get("minHz").intValue(),
        parameters.get("maxHz").intValue(),
        parameters.get("normalize") != 0);
  }

  @Override
  public Features compute(float[] samples) {
    int frames = frames(samples.length);
    float[] values = new float[frames * melBands];
    double[] real = new double[fftSize];
    double[] imaginary = new double[fftSize];
    double[] power = new double[fftSize / 2 + 1];
    for (int frame = 0; frame < frames; frame++) {
      java.util.Arrays.fill(real, 0);
      java.util.Arrays.fill(imaginary, 0);
      int start = frame * hopSamples;
      int available = Math.min(windowSamples, samples.length - start);
      for (int i = 0; i < available; i++) {
        real[i] = samples[start + i] * window[i];
      }
      fft(real, imaginary);
      for (int bin = 0; bin < power.length; bin++) {
        power[bin] = real[bin] * real[bin] + imaginary[bin] * imaginary[bin];
      }
      for (int band = 0; band < melBands; band++) {
        double energy = 0;
        double[] weights = filters[band];
        int first = filterFirstBin[band];
        for (int i = 0; i < weights.length; i++) {
          energy += weights[i] * power[first + i];
        }
        values[frame * melBands + band] = (float) Math.log(Math.max(energy, LOG_FLOOR));
      }
    }
    if (normalize) {
      standardize(values, frames);
    }
    return new Features(values, frames, melBands);
  }

  @Override
  public int frames(int samples) {
    return samples <= windowSamples
        ? 1
        : 1 + (samples - windowSamples + hopSamples - 1) / hopSamples;
  }

  @Override
  public int samplesPerFrame() {
    return hopSamples;
  }

  /** Number of values per frame. */
  public int melBands() {
    return melBands;
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("type", TYPE);
    description.put("fftSize", fftSize);
    description.put("windowSamples", windowSamples);
    description.put("hopSamples", hopSamples);
    description.put("melBands", melBands);
    description.put("minHz", minHz);
    description.put("maxHz", maxHz);
    description.put("normalize", normalize ? 1 : 0);
    return description;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LogMelSpectrogram that
        && describe().equals(that.describe())
        && sampleRateHz == that.sampleRateHz;
  }

  @Override
  public int hashCode() {
    return describe().hashCode() * 31 + sampleRateHz;
  }

  @Override
  public String toString() {
    return "log-mel " + describe();
  }

  private void standardize(float[] values, int frames) {
    for (int band = 0; band < melBands; band++) {
      double sum = 0;
      for (int frame = 0; frame < frames; frame++) {
        sum += values[frame * melBands + band];
      }
      double mean = sum / frames;
      double squares = 0;
      for (int frame = 0; frame < frames; frame++) {
        double centered = values[frame * melBands + band] - mean;
        squares += centered * centered;
      }
      double scale = 1 / Math.max(Math.sqrt(squares / frames), STD_FLOOR);
      for (int frame = 0; frame < frames; frame++) {
        int at = frame * melBands + band;
        values[at] = (float) ((values[at] - mean) * scale);
      }
    }
  }

  private void buildFilters() {
    double lowMel = mel(minHz);
    double highMel = mel(maxHz);
    double[] edges = new double[melBands + 2];
    for (int i = 0; i < edges.length; i++) {
      edges[i] = hertz(lowMel + (highMel - lowMel) * i / (melBands + 1));
    }
    double binHz = (double) sampleRateHz / fftSize;
    for (int band = 0; band < melBands; band++) {
      double left = edges[band];
      double center = edges[band + 1];
      double right = edges[band + 2];
      int first = (int) Math.ceil(left / binHz);
      int last = Math.min(fftSize / 2, (int) Math.floor(right / binHz));
      double[] weights = new double[Math.max(0, last - first + 1)];
      for (int bin = first; bin <= last; bin++) {
        double hz = bin * binHz;
        weights[bin - first] =
            Math.max(
                0, hz <= center ? (hz - left) / (center - left) : (right - hz) / (right - center));
      }
      filters[band] = weights;
      filterFirstBin[band] = first;
    }
  }

  private static double mel(double hz) {
    return 2595 * Math.log10(1 + hz / 700);
  }

  private static double hertz(double mel) {
    return 700 * (Math.pow(10, mel / 2595) - 1);
  }

  /** In-place iterative radix-2 FFT. */
  private void fft(double[] real, double[] imaginary) {
    int n = fftSize;
    for (int i = 1, j = 0; i < n; i++) {
      int bit = n >> 1;
      for (; (j & bit) != 0; bit >>= 1) {
        j ^= bit;
      }
      j ^= bit;
      if (i < j) {
        double swap = real[i];
        real[i] = real[j];
        real[j] = swap;
        swap = imaginary[i];
        imaginary[i] = imaginary[j];
        imaginary[j] = swap;
      }
    }
    for (int length = 2; length <= n; length <<= 1) {
      int stride = n / length;
      for (int start = 0; start < n; start += length) {
        for (int k = 0; k < length / 2; k++) {
          double cos = cosines[k * stride];
          double sin = sines[k * stride];
          int even = start + k;
          int odd = even + length / 2;
          double oddReal = real[odd] * cos - imaginary[odd] * sin;
          double oddImaginary = real[odd] * sin + imaginary[odd] * cos;
          real[odd] = real[even] - oddReal;
          imaginary[odd] = imaginary[even] - oddImaginary;
          real[even] += oddReal;
          imaginary[even] += oddImaginary;
        }
      }
    }
  }
}
