package io.nightscribe.asr.manifest;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.Sha256;
import io.nightscribe.asr.audio.AudioProbe;
import io.nightscribe.asr.json.CanonicalJson;
import io.nightscribe.asr.json.JsonFields;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The run manifests (inputs.jsonl, outputs.jsonl, errors.jsonl) as canonical JSON Lines: one {@link
 * CanonicalJson} object per line, each line ending in "\n", lines sorted by key (ties, which a run
 * should not produce, by the whole line) so the bytes do not depend on the order in which workers
 * finished. An empty manifest is zero bytes. Stateless and thread-safe.
 *
 * <p>An input line reads {@code
 * {"etag":"9b2c","key":"2024/05/01/a.wav","probe":{"channels":1,"codec":"pcm_s16le","container":"wav","durationMillis":5000,"sampleRateHz":16000},"sha256":"…","sizeBytes":160044,"versionId":null}};
 * an unprobed input has {@code "probe":null}.
 */
public final class JsonLinesManifest {
  private JsonLinesManifest() {}

  /** Encodes inputs.jsonl. */
  public static EncodedManifest writeInputs(Collection<InputEntry> entries) {
    return write(entries, InputEntry::key, JsonLinesManifest::inputFields);
  }

  /** Encodes outputs.jsonl. */
  public static EncodedManifest writeOutputs(Collection<OutputEntry> entries) {
    return write(entries, OutputEntry::key, JsonLinesManifest::outputFields);
  }

  /** Encodes errors.jsonl. */
  public static EncodedManifest writeErrors(Collection<ErrorEntry> entries) {
    return write(entries, ErrorEntry::key, JsonLinesManifest::errorFields);
  }

  /** Encodes a dataset's manifest.jsonl; its sha256 is the dataset digest. */
  public static EncodedManifest writeDataset(Collection<DatasetEntry> entries) {
    return write(entries, DatasetEntry::key, JsonLinesManifest::datasetFields);
  }

  /**
   * Reads a dataset's manifest.jsonl back.
   *
   * @throws NightscribeException BAD_INPUT naming the line that is not a dataset entry
   */
  public static List<DatasetEntry> readDataset(byte[] jsonLines) {
    return read(jsonLines, "dataset manifest", JsonLinesManifest::readDatasetEntry);
  }

  /**
   * Reads inputs.jsonl back.
   *
   * @throws NightscribeException BAD_INPUT naming the line that is not an input entry
   */
  public static List<InputEntry> readInputs(byte[] jsonLines) {
    return read(jsonLines, "inputs manifest", JsonLinesManifest::readInput);
  }

  /** Reads outputs.jsonl back. */
  public static List<OutputEntry> readOutputs(byte[] jsonLines) {
    return read(jsonLines, "outputs manifest", JsonLinesManifest::readOutput);
  }

  /** Reads errors.jsonl back. */
  public static List<ErrorEntry> readErrors(byte[] jsonLines) {
    return read(jsonLines, "errors manifest", JsonLinesManifest::readError);
  }

  private static <T> EncodedManifest write(
      Collection<T> entries, Function<T, String> key, Function<T, Map<String, Object>> fields) {
    record Line(String key, String json) {}
    List<Line> lines = new ArrayList<>(entries.size());
    for (T entry : entries) {
      lines.add(new Line(key.apply(entry), CanonicalJson.string(fields.apply(entry))));
    }
    lines.sort(Comparator.comparing(Line::key).thenComparing(Line::json));
    StringBuilder out = new StringBuilder();
    for (Line line : lines) {
      out.append(line.json()).append('\n');
    }
    byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
    return new EncodedManifest(bytes, Sha256.hex(bytes));
  }

  private static <T> List<T> read(
      byte[] jsonLines, String what, BiFunction<JsonNode, String, T> reader) {
    String text = new String(jsonLines, StandardCharsets.UTF_8);
    List<T> entries = new ArrayList<>();
    int lineNumber = 0;
    for (String line : text.split("\n")) {
      lineNumber++;
      if (line.isEmpty()) {
        continue;
      }
      String lineName = what + " line " + lineNumber;
      try {
        entries.add(reader.apply(JsonFields.parse(line, lineName), lineName));
      } catch (IllegalArgumentException e) {
        throw NightscribeException.badInput("Cannot read " + lineName + ": " + e.getMessage(), e);
      }
    }
    return entries;
  }

  private static Map<String, Object> inputFields(InputEntry entry) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("key", entry.key());
    map.put("versionId", entry.versionId().orElse(null));
    map.put("etag", entry.etag());
    map.put("sizeBytes", entry.sizeBytes());
    map.put("sha256", entry.sha256());
    map.put("probe", entry.probe().map(JsonLinesManifest::probeFields).orElse(null));
    return map;
  }

  private static Map<String, Object> probeFields(AudioProbe probe) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("container", probe.container());
    fields.put("codec", probe.codec());
    fields.put("sampleRateHz", probe.sampleRateHz());
    fields.put("channels", probe.channels());
    fields.put("durationMillis", probe.durationMillis());
    // only damaged inputs say so: the lines of undamaged ones keep the bytes they always had
    if (probe.skippedPackets() > 0) {
      fields.put("skippedPackets", probe.skippedPackets());
    }
    return fields;
  }

  private static Map<String, Object> outputFields(OutputEntry entry) {
    return Map.of(
        "key", entry.key(),
        "sha256", entry.sha256(),
        "sourceKey", entry.sourceKey(),
        "sourceSha256", entry.sourceSha256());
  }

  private static Map<String, Object> errorFields(ErrorEntry entry) {
    return Map.of("key", entry.key(), "reason", entry.reason(), "stage", entry.stage());
  }

  private static Map<String, Object> datasetFields(DatasetEntry entry) {
    return Map.of(
        "key", entry.key(),
        "audio", entry.audio(),
        "text", entry.text(),
        "sha256", entry.sha256(),
        "slice", entry.slice());
  }

  private static DatasetEntry readDatasetEntry(JsonNode node, String what) {
    return new DatasetEntry(
        JsonFields.text(node, "key", what),
        JsonFields.text(node, "audio", what),
        JsonFields.text(node, "text", what),
        JsonFields.text(node, "sha256", what),
        JsonFields.text(node, "slice", what));
  }

  /**
   * A probe as {@link AudioProbe}'s fields in JSON (an inputs.jsonl line's "probe", or the ledger's
   * record of it); a probe written before skipped packets were counted has none.
   */
  public static AudioProbe readProbe(JsonNode probe, String what) {
    return new AudioProbe(
        JsonFields.text(probe, "container", what),
        JsonFields.text(probe, "codec", what),
        (int) JsonFields.integer(probe, "sampleRateHz", what),
        (int) JsonFields.integer(probe, "channels", what),
        JsonFields.integer(probe, "durationMillis", what),
        probe.has("skippedPackets") ? JsonFields.integer(probe, "skippedPackets", what) : 0);
  }

  private static InputEntry readInput(JsonNode node, String what) {
    JsonNode probe = node.get("probe");
    Optional<AudioProbe> audioProbe =
        probe == null || probe.isNull() ? Optional.empty() : Optional.of(readProbe(probe, what));
    return new InputEntry(
        JsonFields.text(node, "key", what),
        JsonFields.optionalText(node, "versionId", what),
        JsonFields.text(node, "etag", what),
        JsonFields.integer(node, "sizeBytes", what),
        JsonFields.text(node, "sha256", what),
        audioProbe);
  }

  private static OutputEntry readOutput(JsonNode node, String what) {
    return new OutputEntry(
        JsonFields.text(node, "key", what),
        JsonFields.text(node, "sha256", what),
        JsonFields.text(node, "sourceKey", what),
        JsonFields.text(node, "sourceSha256", what));
  }

  private static ErrorEntry readError(JsonNode node, String what) {
    return new ErrorEntry(
        JsonFields.text(node, "key", what),
        JsonFields.text(node, "reason", what),
        JsonFields.text(node, "stage", what));
  }
}
