package io.nightscribe.asr.transcript;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.engine.RecognizedWord;
import io.nightscribe.asr.json.CanonicalJson;
import io.nightscribe.asr.json.JsonFields;
import io.nightscribe.asr.transcript.TranscriptRecord.ModelIdentity;
import io.nightscribe.asr.transcript.TranscriptRecord.Segment;
import io.nightscribe.asr.transcript.TranscriptRecord.Source;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The canonical JSON form of a {@link TranscriptRecord}: the same record always gives the same
 * bytes, which is what lets a replay compare outputs byte for byte.
 *
 * <p>Format (see {@link CanonicalJson}): UTF-8, keys sorted, no whitespace, times as integer
 * milliseconds, confidences with exactly four decimals rounded half to even, an absent versionId as
 * {@code null}, plus a top-level {@code "text"} (the record's full text) and {@code
 * "schemaVersion": 1}. Stateless and thread-safe.
 */
public final class TranscriptJson {
  /** The version of this layout, written into every transcript. */
  public static final int SCHEMA_VERSION = 1;

  private static final String WHAT = "transcript";

  private TranscriptJson() {}

  /** The canonical bytes of {@code record}. */
  public static byte[] encode(TranscriptRecord record) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("source", source(record.source()));
    root.put("model", model(record.model()));
    root.put("configHash", record.configHash());
    root.put("segments", record.segments().stream().map(TranscriptJson::segment).toList());
    root.put("text", record.text());
    return CanonicalJson.bytes(root);
  }

  /**
   * Reads a transcript back (for replay and lineage). Confidences come back as their four-decimal
   * values, so encoding the result gives the same bytes again.
   *
   * @throws io.nightscribe.asr.NightscribeException BAD_INPUT when the bytes are not a transcript
   */
  public static TranscriptRecord decode(byte[] json) {
    JsonNode root = JsonFields.parse(json, WHAT);
    JsonNode source = JsonFields.object(root, "source", WHAT);
    JsonNode model = JsonFields.object(root, "model", WHAT);
    List<Segment> segments = new ArrayList<>();
    for (JsonNode segment : JsonFields.array(root, "segments", WHAT)) {
      segments.add(readSegment(segment));
    }
    try {
      return new TranscriptRecord(
          new Source(
              JsonFields.text(source, "uri", WHAT),
              JsonFields.optionalText(source, "versionId", WHAT),
              JsonFields.text(source, "sha256", WHAT),
              JsonFields.integer(source, "durationMillis", WHAT),
              JsonFields.text(source, "codec", WHAT),
              (int) JsonFields.integer(source, "sampleRateHz", WHAT),
              (int) JsonFields.integer(source, "channels", WHAT)),
          new ModelIdentity(
              JsonFields.text(model, "name", WHAT),
              JsonFields.text(model, "version", WHAT),
              JsonFields.text(model, "sha256", WHAT)),
          JsonFields.text(root, "configHash", WHAT),
          segments);
    } catch (IllegalArgumentException e) {
      throw NightscribeException.badInput("Cannot read transcript: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> source(Source source) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("uri", source.uri());
    map.put("versionId", source.versionId().orElse(null));
    map.put("sha256", source.sha256());
    map.put("durationMillis", source.durationMillis());
    map.put("codec", source.codec());
    map.put("sampleRateHz", source.sampleRateHz());
    map.put("channels", source.channels());
    return map;
  }

  private static Map<String, Object> model(ModelIdentity model) {
    return Map.of("name", model.name(), "version", model.version(), "sha256", model.sha256());
  }

  private static Map<String, Object> segment(Segment segment) {
    return Map.of(
        "startMillis", segment.startMillis(),
        "endMillis", segment.endMillis(),
        "text", segment.text(),
        "confidence", CanonicalJson.fixed4(segment.confidence()),
        "words", segment.words().stream().map(TranscriptJson::word).toList());
  }

  private static Map<String, Object> word(RecognizedWord word) {
    return Map.of(
        "text", word.text(),
        "startMillis", word.startMillis(),
        "endMillis", word.endMillis(),
        "confidence", CanonicalJson.fixed4(word.confidence()));
  }

  private static Segment readSegment(JsonNode node) {
    List<RecognizedWord> words = new ArrayList<>();
    for (JsonNode word : JsonFields.array(node, "words", WHAT)) {
      words.add(
          new RecognizedWord(
              JsonFields.text(word, "text", WHAT),
              JsonFields.integer(word, "startMillis", WHAT),
              JsonFields.integer(word, "endMillis", WHAT),
              JsonFields.number(word, "confidence", WHAT)));
    }
    return new Segment(
        JsonFields.integer(node, "startMillis", WHAT),
        JsonFields.integer(node, "endMillis", WHAT),
        JsonFields.text(node, "text", WHAT),
        JsonFields.number(node, "confidence", WHAT),
        words);
  }
}
