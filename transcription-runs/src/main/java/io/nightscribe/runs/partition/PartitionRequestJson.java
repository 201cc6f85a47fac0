package io.nightscribe.runs.partition;

import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.asr.transcript.SettingsDigest;
import io.nightscribe.runs.ledger.JobKind;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A partition request as JSON, for a front end that hands it to another process: the command line
 * to the Spark driver it submits. The decoding settings travel in their canonical form, so the
 * other side digests them to the same config hash. Thread-safe.
 */
public final class PartitionRequestJson {
  private final JsonMapper json;

  public PartitionRequestJson(JsonMapper json) {
    this.json = json;
  }

  public String write(PartitionRequest request) {
    ObjectNode node = json.createObjectNode();
    node.put("jobKind", request.jobKind().value());
    node.put("pipeline", request.pipeline());
    node.put("date", request.date().map(LocalDate::toString).orElse(null));
    node.put("input", request.input().toString());
    node.put("transcripts", request.transcripts().toString());
    node.put("outputRoot", request.outputRoot().toString());
    node.put("modelReference", request.modelReference());
    node.set(
        "decoding",
        json.readTree(
            new String(SettingsDigest.canonicalJson(request.decoding()), StandardCharsets.UTF_8)));
    node.put("backfillId", request.backfillId().orElse(null));
    node.put("rerun", request.rerun());
    return json.writeValueAsString(node);
  }

  /**
   * @throws IllegalArgumentException when the JSON does not describe a request
   */
  public PartitionRequest read(String text) {
    JsonNode node = json.readTree(text);
    return new PartitionRequest(
        JobKind.of(required(node, "jobKind")),
        required(node, "pipeline"),
        optional(node, "date").map(LocalDate::parse),
        StorageUri.parse(required(node, "input")),
        StorageUri.parse(required(node, "transcripts")),
        StorageUri.parse(required(node, "outputRoot")),
        required(node, "modelReference"),
        json.treeToValue(node.required("decoding"), DecodingSettings.class),
        optional(node, "backfillId"),
        node.path("rerun").asBoolean(false));
  }

  private static String required(JsonNode node, String field) {
    return optional(node, field)
        .orElseThrow(() -> new IllegalArgumentException("Invalid partition request: no " + field));
  }

  private static Optional<String> optional(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asString());
  }
}
