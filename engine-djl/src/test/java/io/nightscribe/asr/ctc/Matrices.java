package io.nightscribe.asr.ctc;

/** Hand-made CTC outputs for decoder tests. */
final class Matrices {
  private Matrices() {}

  /** Log-probabilities from rows of probabilities, one row per frame. */
  static LogProbabilities of(double[]... rows) {
    int tokens = rows[0].length;
    float[] values = new float[rows.length * tokens];
    for (int frame = 0; frame < rows.length; frame++) {
      for (int token = 0; token < tokens; token++) {
        values[frame * tokens + token] = (float) Math.log(rows[frame][token]);
      }
    }
    return new LogProbabilities(values, rows.length, tokens);
  }
}
