package io.nightscribe.asr.acoustic;

import java.util.Objects;

/**
 * What a front end makes of a chunk's samples: {@code frames} rows of {@code dimensions} values,
 * row-major. A raw-waveform front end has one dimension per sample.
 *
 * @param values the feature matrix, owned by this record (engines read it, never write it)
 * @param frames number of rows
 * @param dimensions values per row
 */
public record Features(float[] values, int frames, int dimensions) {
  public Features {
    Objects.requireNonNull(values, "values");
    if (frames < 0 || dimensions < 1 || values.length != frames * dimensions) {
      throw new IllegalArgumentException(
          "Invalid features: " + values.length + " values for " + frames + " x " + dimensions);
    }
  }
}
