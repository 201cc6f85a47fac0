package io.nightscribe.asr.dataset;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * How one synthetic clip is made.
 *
 * @param id the clip's id in the dataset, from its text
 * @param sentence what is said
 * @param voice who says it
 * @param ratePercent speaking rate, percent of the voice's own
 * @param pitch espeak-ng's base pitch (0 to 99); empty for flite
 * @param augmentation what is done to the clip afterwards
 * @param noiseSeed seeds the noise of a {@link Augmentation.Kind#NOISE} augmentation
 */
public record UtterancePlan(
    String id,
    Sentence sentence,
    Voice voice,
    int ratePercent,
    OptionalInt pitch,
    Augmentation augmentation,
    long noiseSeed) {
  public UtterancePlan {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sentence, "sentence");
    Objects.requireNonNull(voice, "voice");
    Objects.requireNonNull(pitch, "pitch");
    Objects.requireNonNull(augmentation, "augmentation");
    if (ratePercent <= 0) {
      throw new IllegalArgumentException("Invalid rate: " + ratePercent + "%");
    }
    if (pitch.isPresent() != (voice.synthesizer() == Synthesizer.ESPEAK_NG)) {
      throw new IllegalArgumentException("Invalid pitch for " + voice + ": " + pitch);
    }
  }
}
