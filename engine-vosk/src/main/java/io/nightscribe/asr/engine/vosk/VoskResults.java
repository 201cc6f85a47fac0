package io.nightscribe.asr.engine.vosk;

import io.nightscribe.asr.engine.AudioChunk;
import io.nightscribe.asr.engine.RecognizedWord;
import io.nightscribe.asr.json.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleToLongFunction;
import tools.jackson.databind.JsonNode;

/**
 * Reads Vosk's result JSON ({@code {"result":[{"conf":0.98,"end":1.23,"start":0.9,"word":"hello"}],
 * "text":"hello"}}, times in seconds since the recognizer was created) into words timed in
 * milliseconds. Silence gives {@code {"text":""}} and no words.
 */
final class VoskResults {
  private static final String WHAT = "Vosk result";

  private VoskResults() {}

  /** The words, timed from the recognizer's first sample. */
  static List<RecognizedWord> words(String json) {
    return words(json, seconds -> Math.round(seconds * 1000));
  }

  /**
   * The words, timed from sample {@code originSamples} of all the recognizer heard. Vosk's times
   * are whole 30 ms frames after a sample count, printed to the microsecond, so they convert to
   * exact sample positions whatever the origin.
   */
  static List<RecognizedWord> words(String json, long originSamples) {
    return words(
        json,
        seconds -> {
          long sample = Math.round(seconds * AudioChunk.SAMPLE_RATE_HZ) - originSamples;
          return Math.floorDiv(sample * 1000, AudioChunk.SAMPLE_RATE_HZ);
        });
  }

  private static List<RecognizedWord> words(String json, DoubleToLongFunction millis) {
    JsonNode root = JsonFields.parse(json, WHAT);
    JsonNode result = root.get("result");
    List<RecognizedWord> words = new ArrayList<>();
    if (result == null || !result.isArray()) {
      return words;
    }
    for (JsonNode word : result) {
      long start = millis.applyAsLong(JsonFields.number(word, "start", WHAT));
      long end = millis.applyAsLong(JsonFields.number(word, "end", WHAT));
      double confidence = JsonFields.number(word, "conf", WHAT);
      words.add(
          new RecognizedWord(
              JsonFields.text(word, "word", WHAT),
              Math.max(0, start),
              Math.max(Math.max(0, start), end),
              Math.max(0, Math.min(1, confidence))));
    }
    return words;
  }
}
