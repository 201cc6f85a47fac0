package io.nightscribe.asr.acoustic;

import java.util.Map;

/**
 * The samples themselves, one value per frame: what wav2vec2-style exports read. With {@code
 * normalize}, each chunk is scaled to zero mean and unit variance first, as wav2vec2's feature
 * extractor does.
 *
 * @param normalize whether to standardize each chunk
 */
public record RawWaveform(boolean normalize) implements FrontEnd {
  /** The model.json "type" of this front end. */
  public static final String TYPE = "raw-waveform";

  @Override
  public Features compute(float[] samples) {
    float[] values = samples.clone();
    if (normalize && values.length > 0) {
      double mean = 0;
      for (float value : values) {
        mean += value;
      }
      mean /= values.length;
      double variance = 0;
      for (float value : values) {
        variance += (value - mean) * (value - mean);
      }
      double scale = 1 / Math.sqrt(variance / values.length + 1e-7);
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) ((values[i] - mean) * scale);
      }
    }
    return new Features(values, values.length, 1);
  }

  @Override
  public int frames(int samples) {
    return samples;
  }

  @Override
  public int samplesPerFrame() {
    return 1;
  }

  @Override
  public Map<String, Object> describe() {
    return Map.of("type", TYPE, "normalize", normalize);
  }
}
