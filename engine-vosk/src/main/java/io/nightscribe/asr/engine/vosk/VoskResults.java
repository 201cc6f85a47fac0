package io.nightscribe.asr.engine.vosk;

import io.nightscribe.asr.engine.RecognizedWord;
import io.nightscribe.asr.json.JsonFields;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads Vosk's result JSON ({@code {"result":[{"conf":0.98,"end":1.23,"start":0.9,"word":"hello"}],
 * "text":"hello"}}, times in seconds) into words timed in milliseconds. Silence gives {@code
 * {"text":""}} and no words.
 */
final class VoskResults {
  private static final String WHAT = "Vosk result";

  private VoskResults() {}

  static List<RecognizedWord> words(String json) {
    JsonNode root = JsonFields.parse(json, WHAT);
    JsonNode result = root.get("result");
    List<RecognizedWord> words = new ArrayList<>();
    if (result == null || !result.isArray()) {
      return words;
    }
    for (JsonNode word : result) {
      long start = Math.round(JsonFields.number(word, "start", WHAT) * 1000);
      long end = Math.round(JsonFields.number(word, "end", WHAT) * 1000);
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
