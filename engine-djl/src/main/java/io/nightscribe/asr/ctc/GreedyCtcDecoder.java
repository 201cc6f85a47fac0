package io.nightscribe.asr.ctc;

import java.util.Arrays;

/**
 * The labelling of the single most likely path: the best token of every frame, repeats collapsed,
 * blanks dropped. Fast; can miss a labelling whose probability is spread over many paths (see
 * {@link PrefixBeamSearchDecoder}).
 *
 * @param blankId the CTC blank's id
 */
public record GreedyCtcDecoder(int blankId) implements CtcDecoder {

  @Override
  public int[] bestLabelling(LogProbabilities logProbabilities) {
    int[] labelling = new int[logProbabilities.frames()];
    int length = 0;
    int previous = blankId;
    for (int frame = 0; frame < logProbabilities.frames(); frame++) {
      int best = 0;
      for (int token = 1; token < logProbabilities.tokens(); token++) {
        if (logProbabilities.at(frame, token) > logProbabilities.at(frame, best)) {
          best = token;
        }
      }
      if (best != blankId && best != previous) {
        labelling[length++] = best;
      }
      previous = best;
    }
    return Arrays.copyOf(labelling, length);
  }
}
