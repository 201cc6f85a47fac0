package io.nightscribe.runs.drift;

import io.nightscribe.asr.audio.AudioLevels;
import io.nightscribe.asr.engine.RecognizedWord;
import io.nightscribe.asr.pipeline.TranscriptionOutcome;
import io.nightscribe.asr.transcript.TranscriptRecord;
import java.util.Optional;

/**
 * What one transcribed input looked like and what the model made of it: the values the run's drift
 * profile is built from, stored with the input's ledger row (as JSON) so that every attempt and
 * every Spark task contributes. The rest of the profile (duration, sample rate, codec) comes from
 * the row's probe.
 *
 * @param loudnessDbfs RMS level of the decoded audio, dBFS
 * @param clippingShare share of samples at full scale
 * @param speechShare share of 20 ms frames loud enough to be speech
 * @param words words in the transcript
 * @param confidence mean word confidence, or null when the transcript has no words
 * @param outOfVocabularyWords words outside the model's word list, or null when the model has none
 */
public record ObjectFeatures(
    double loudnessDbfs,
    double clippingShare,
    double speechShare,
    int words,
    Double confidence,
    Integer outOfVocabularyWords) {

  /** The features of a transcribed input; words are checked against {@code vocabulary}. */
  public static ObjectFeatures of(
      TranscriptionOutcome.Transcribed done, Optional<Vocabulary> vocabulary) {
    AudioLevels levels = done.levels();
    int words = 0;
    int unknown = 0;
    double confidence = 0;
    for (TranscriptRecord.Segment segment : done.transcript().segments()) {
      for (RecognizedWord word : segment.words()) {
        words++;
        confidence += word.confidence();
        if (vocabulary.isPresent() && !vocabulary.get().contains(word.text())) {
          unknown++;
        }
      }
    }
    return new ObjectFeatures(
        levels.loudnessDbfs(),
        levels.clippingShare(),
        levels.speechShare(),
        words,
        words == 0 ? null : confidence / words,
        vocabulary.isPresent() ? unknown : null);
  }
}
