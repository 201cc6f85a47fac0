package io.nightscribe.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a standalone master's {@code /json/} answer (Spark's deploy JsonProtocol). */
final class SparkMasterJson {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private SparkMasterJson() {}

  /**
   * @throws IllegalArgumentException when {@code json} is not a master state
   */
  static SparkMasterState parse(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("Invalid Spark master JSON: " + e.getOriginalMessage(), e);
    }
    if (!root.path("status").isString()) {
      throw new IllegalArgumentException(
          "Invalid Spark master JSON: no status in " + abbreviate(json));
    }
    return new SparkMasterState(
        root.path("status").asString(),
        root.path("workers").values().stream().map(SparkMasterJson::worker).toList(),
        root.path("activeapps").values().stream().map(SparkMasterJson::app).toList());
  }

  private static SparkWorkerInfo worker(JsonNode node) {
    return new SparkWorkerInfo(
        node.path("id").asString(),
        node.path("host").asString(),
        node.path("port").asInt(),
        node.path("state").asString(),
        node.path("cores").asInt(),
        node.path("coresused").asInt(),
        node.path("memory").asInt(),
        node.path("memoryused").asInt(),
        addresses(node.path("resources")),
        addresses(node.path("resourcesused")));
  }

  /** {@code {"gpu": {"name": "gpu", "addresses": ["0", "1"]}}} to {@code gpu -> [0, 1]}. */
  private static Map<String, List<String>> addresses(JsonNode resources) {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    resources
        .properties()
        .forEach(
            entry ->
                byName.put(
                    entry.getKey(),
                    entry.getValue().path("addresses").values().stream()
                        .map(JsonNode::asString)
                        .toList()));
    return byName;
  }

  private static SparkAppInfo app(JsonNode node) {
    Map<String, Integer> perExecutor = new LinkedHashMap<>();
    node.path("resourcesperexecutor")
        .values()
        .forEach(req -> perExecutor.put(req.path("name").asString(), req.path("amount").asInt()));
    return new SparkAppInfo(
        node.path("id").asString(),
        node.path("name").asString(),
        node.path("state").asString(),
        node.path("cores").asInt(),
        node.path("memoryperexecutor").asInt(),
        perExecutor);
  }

  private static String abbreviate(String json) {
    String flat = json.replaceAll("\\s+", " ");
    return flat.length() <= 120 ? flat : flat.substring(0, 120) + "...";
  }
}
