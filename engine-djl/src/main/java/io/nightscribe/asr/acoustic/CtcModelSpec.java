package io.nightscribe.asr.acoustic;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.json.JsonFields;
import io.nightscribe.asr.model.ModelPackage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * What a CTC acoustic model package says in model.json about how to feed it and read it, whatever
 * its file format (TorchScript, ONNX, DJL parameters):
 *
 * <pre>{@code
 * {"engine": "djl", "format": "onnx", "sampleRateHz": 16000,
 *  "modelFile": "model.onnx",
 *  "frontEnd": {"type": "raw-waveform", "normalize": true},
 *  "vocabulary": ["<pad>", "<s>", "</s>", "<unk>", "|", "E", "T", ...],   (or "vocabularyFile")
 *  "blankId": 0, "wordDelimiter": "|", "lengthInput": "mask", "frameSamples": 320,
 *  "decoding": {"method": "beam", "beamWidth": "16", "wordList": "words.txt"}}
 * }</pre>
 *
 * <p>The model reads a float batch [B, T] (raw waveform) or [B, T, D] (features), plus, as
 * "lengthInput" says, nothing ("none"), an int64 mask [B, T] of 1 for real input ("mask"), or the
 * int64 valid lengths [B] ("lengths"); it answers logits or log-probabilities [B, T', V]. Each
 * output frame covers {@code frameSamples} samples.
 *
 * @param modelFile the network file inside the package
 * @param frontEnd how samples become model input
 * @param vocabulary the output tokens, by id
 * @param blankId the CTC blank's id
 * @param wordDelimiter the token that separates words (" " or wav2vec2's "|")
 * @param lengthInput "none", "mask" or "lengths"
 * @param frameSamples samples per output frame, for word timings
 * @param architecture for the "djl" format, the network to build (see {@link ConvCtcNetwork}); an
 *     empty map otherwise
 * @param decodingDefaults engine options used when a run sets none (method, beamWidth, wordList)
 */
public record CtcModelSpec(
    String modelFile,
    FrontEnd frontEnd,
    List<String> vocabulary,
    int blankId,
    String wordDelimiter,
    String lengthInput,
    int frameSamples,
    Map<String, Integer> architecture,
    Map<String, String> decodingDefaults) {

  /** The length inputs a model may take. */
  public static final List<String> LENGTH_INPUTS = List.of("none", "mask", "lengths");

  public CtcModelSpec {
    Objects.requireNonNull(modelFile, "modelFile");
    Objects.requireNonNull(frontEnd, "frontEnd");
    vocabulary = List.copyOf(vocabulary);
    if (blankId < 0 || blankId >= vocabulary.size()) {
      throw new IllegalArgumentException(
          "Invalid CTC model: blankId "
              + blankId
              + " outside a vocabulary of "
              + vocabulary.size());
    }
    if (!LENGTH_INPUTS.contains(lengthInput)) {
      throw new IllegalArgumentException(
          "Invalid CTC model: lengthInput '" + lengthInput + "' (one of " + LENGTH_INPUTS + ")");
    }
    if (frameSamples < 1) {
      throw new IllegalArgumentException("Invalid CTC model: frameSamples " + frameSamples);
    }
    architecture = java.util.Collections.unmodifiableMap(new TreeMap<>(architecture));
    decodingDefaults = java.util.Collections.unmodifiableMap(new TreeMap<>(decodingDefaults));
  }

  /**
   * Reads the spec from a package's model.json (and its vocabulary file, when it names one).
   *
   * @throws NightscribeException CONFIGURATION naming the field that is missing or wrong
   */
  public static CtcModelSpec of(ModelPackage modelPackage) {
    Map<String, String> properties = modelPackage.descriptor().properties();
    String what = modelPackage.directory().resolve("model.json").toString();
    try {
      JsonNode frontEnd = JsonFields.parse(require(properties, "frontEnd", what), what);
      return new CtcModelSpec(
          require(properties, "modelFile", what),
          frontEnd(frontEnd, modelPackage.descriptor().sampleRateHz(), what),
          vocabulary(properties, modelPackage.directory(), what),
          Integer.parseInt(properties.getOrDefault("blankId", "0")),
          properties.getOrDefault("wordDelimiter", " "),
          properties.getOrDefault("lengthInput", "none"),
          Integer.parseInt(require(properties, "frameSamples", what)),
          integers(properties.get("architecture"), what),
          strings(properties.get("decoding"), what));
    } catch (IllegalArgumentException | NightscribeException e) {
      throw NightscribeException.configuration(
          "Cannot load CTC model " + modelPackage.name() + ": " + e.getMessage() + " in " + what,
          e);
    }
  }

  /** The model.json keys (besides engine, format and sampleRateHz) that describe this spec. */
  public Map<String, Object> describe() {
    Map<String, Object> json = new TreeMap<>();
    json.put("modelFile", modelFile);
    json.put("frontEnd", frontEnd.describe());
    json.put("vocabulary", vocabulary);
    json.put("blankId", blankId);
    json.put("wordDelimiter", wordDelimiter);
    json.put("lengthInput", lengthInput);
    json.put("frameSamples", frameSamples);
    if (!architecture.isEmpty()) {
      json.put("architecture", architecture);
    }
    if (!decodingDefaults.isEmpty()) {
      json.put("decoding", decodingDefaults);
    }
    return json;
  }

  private static FrontEnd frontEnd(JsonNode node, int sampleRateHz, String what) {
    String type = JsonFields.text(node, "type", what + " frontEnd");
    return switch (type) {
      case RawWaveform.TYPE -> new RawWaveform(node.path("normalize").asBoolean(false));
      case LogMelSpectrogram.TYPE -> {
        Map<String, Double> parameters = new TreeMap<>();
        for (String key :
            List.of("fftSize", "windowSamples", "hopSamples", "melBands", "minHz", "maxHz")) {
          parameters.put(key, JsonFields.number(node, key, what + " frontEnd"));
        }
        parameters.put("normalize", node.path("normalize").asDouble(1));
        yield LogMelSpectrogram.of(sampleRateHz, parameters);
      }
      default ->
          throw new IllegalArgumentException(
              "unknown frontEnd type '"
                  + type
                  + "' (use "
                  + RawWaveform.TYPE
                  + " or "
                  + LogMelSpectrogram.TYPE
                  + ")");
    };
  }

  private static List<String> vocabulary(Map<String, String> properties, Path folder, String what) {
    if (properties.containsKey("vocabulary")) {
      List<String> tokens = new ArrayList<>();
      JsonFields.parse(properties.get("vocabulary"), what + " vocabulary")
          .forEach(token -> tokens.add(token.asString()));
      return tokens;
    }
    Path file = folder.resolve(require(properties, "vocabularyFile", what));
    try {
      if (file.toString().endsWith(".json")) {
        // a Hugging Face vocab.json: {"<pad>": 0, "|": 4, ...}
        JsonNode ids = JsonFields.parse(Files.readAllBytes(file), file.toString());
        String[] tokens = new String[ids.size()];
        ids.properties().forEach(entry -> tokens[entry.getValue().asInt()] = entry.getKey());
        return List.of(tokens);
      }
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("unreadable vocabularyFile " + file + " (" + e + ")", e);
    }
  }

  private static Map<String, Integer> integers(String json, String what) {
    Map<String, Integer> values = new TreeMap<>();
    if (json != null) {
      JsonFields.parse(json, what)
          .properties()
          .forEach(entry -> values.put(entry.getKey(), entry.getValue().asInt()));
    }
    return values;
  }

  private static Map<String, String> strings(String json, String what) {
    Map<String, String> values = new TreeMap<>();
    if (json != null) {
      JsonFields.parse(json, what)
          .properties()
          .forEach(entry -> values.put(entry.getKey(), entry.getValue().asString()));
    }
    return values;
  }

  private static String require(Map<String, String> properties, String key, String what) {
    String value = properties.get(key);
    if (value == null) {
      throw new IllegalArgumentException("model.json has no \"" + key + "\"");
    }
    return value;
  }
}
