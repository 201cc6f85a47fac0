package io.nightscribe.asr.training;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.acoustic.ConvCtcNetwork;
import io.nightscribe.asr.json.JsonFields;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Everything that decides what a training produces, read from the JSON file given to {@code
 * nightscribe train --config}. Where outputs go and whether MLflow is told are not here: they do
 * not change the model. Two trainings with equal configs on the same dataset make the same model.
 *
 * @param dataset the dataset manifest (s3:// or file://, from {@code nightscribe dataset build})
 * @param seed decides weight initialization, batch order and augmentation
 * @param devPercent share of sentences held out to watch training, by a hash of their text
 * @param testPercent share of sentences held out to score the final model, by a hash of their text
 * @param channels width of the network's hidden layers
 * @param blocks residual blocks of the network
 * @param kernel time width of its convolutions (odd)
 * @param stride frame-rate reduction of its first convolution
 * @param epochs passes over the training split
 * @param batchSeconds audio per batch, padding included
 * @param maxUtteranceSeconds longer utterances are left out
 * @param learningRate peak Adam learning rate
 * @param warmupSteps steps of linear warm-up before the learning rate decays linearly to a tenth
 * @param gradientClip maximum global gradient norm
 * @param frequencyMasks SpecAugment masks over mel bands per utterance
 * @param frequencyMaskWidth widest of those masks, in bands
 * @param timeMasks SpecAugment masks over time per utterance
 * @param timeMaskWidth widest of those masks, in frames
 * @param threads CPU threads of the tensor engine (results may differ with another count)
 * @param checkpointEverySteps steps between checkpoints within an epoch
 * @param beamWidth beam width the package's default decoding uses
 * @param wordWeight weight of a word's log prior (from its count in the training text) in the
 *     package's default decoding
 * @param wordBonus score per word in the package's default decoding
 * @param wordList a word list (one word per line) that decoding is constrained to, with the
 *     training text's words; empty for none
 */
public record TrainingConfig(
    String dataset,
    long seed,
    int devPercent,
    int testPercent,
    int channels,
    int blocks,
    int kernel,
    int stride,
    int epochs,
    int batchSeconds,
    int maxUtteranceSeconds,
    double learningRate,
    int warmupSteps,
    double gradientClip,
    int frequencyMasks,
    int frequencyMaskWidth,
    int timeMasks,
    int timeMaskWidth,
    int threads,
    int checkpointEverySteps,
    int beamWidth,
    double wordWeight,
    double wordBonus,
    String wordList) {

  /** The settings that only decide the package's default decoding, not its weights. */
  public static final java.util.List<String> DECODING_KEYS =
      java.util.List.of("beamWidth", "wordBonus", "wordList", "wordWeight");

  public TrainingConfig {
    require(
        devPercent >= 0 && testPercent > 0 && devPercent + testPercent < 100,
        "devPercent and testPercent must leave data to train on (testPercent at least 1)");
    require(epochs >= 1, "epochs must be at least 1");
    require(batchSeconds >= maxUtteranceSeconds, "batchSeconds must hold the longest utterance");
    require(maxUtteranceSeconds >= 1, "maxUtteranceSeconds must be at least 1");
    require(learningRate > 0 && gradientClip > 0, "learningRate and gradientClip must be positive");
    require(warmupSteps >= 0 && checkpointEverySteps >= 1, "warmupSteps and checkpointEverySteps");
    require(threads >= 1, "threads must be at least 1");
    require(beamWidth >= 1, "beamWidth must be at least 1");
    require(wordWeight >= 0 && Double.isFinite(wordBonus), "wordWeight must not be negative");
    require(
        frequencyMasks >= 0 && timeMasks >= 0 && frequencyMaskWidth >= 0 && timeMaskWidth >= 0,
        "SpecAugment masks and widths must not be negative");
    new ConvCtcNetwork(1, channels, blocks, kernel, stride, CharacterVocabulary.tokens().size());
  }

  /**
   * Reads a config file's JSON; every key but "dataset" has a default (see {@link #describe()} of
   * {@code TrainingConfig.read("{\"dataset\":\"...\"}")}).
   *
   * @throws NightscribeException CONFIGURATION naming the key that is wrong
   */
  public static TrainingConfig read(byte[] json, String what) {
    JsonNode root = JsonFields.parse(json, what);
    try {
      for (var field : root.properties()) {
        if (!DEFAULTS.containsKey(field.getKey()) && !TEXT_KEYS.contains(field.getKey())) {
          throw new IllegalArgumentException(
              "unknown key \""
                  + field.getKey()
                  + "\" (known: "
                  + String.join(", ", TEXT_KEYS)
                  + ", "
                  + String.join(", ", DEFAULTS.keySet())
                  + ")");
        }
      }
      return new TrainingConfig(
          JsonFields.text(root, "dataset", what),
          (long) number(root, "seed"),
          (int) number(root, "devPercent"),
          (int) number(root, "testPercent"),
          (int) number(root, "channels"),
          (int) number(root, "blocks"),
          (int) number(root, "kernel"),
          (int) number(root, "stride"),
          (int) number(root, "epochs"),
          (int) number(root, "batchSeconds"),
          (int) number(root, "maxUtteranceSeconds"),
          number(root, "learningRate"),
          (int) number(root, "warmupSteps"),
          number(root, "gradientClip"),
          (int) number(root, "frequencyMasks"),
          (int) number(root, "frequencyMaskWidth"),
          (int) number(root, "timeMasks"),
          (int) number(root, "timeMaskWidth"),
          (int) number(root, "threads"),
          (int) number(root, "checkpointEverySteps"),
          (int) number(root, "beamWidth"),
          number(root, "wordWeight"),
          number(root, "wordBonus"),
          root.has("wordList") ? root.get("wordList").asString() : DEFAULT_WORD_LIST);
    } catch (IllegalArgumentException | NightscribeException e) {
      throw NightscribeException.configuration(
          "Invalid training config " + what + ": " + e.getMessage(), e);
    }
  }

  /** Every setting, for the training's identity, MLflow params and the model card. */
  public Map<String, Object> describe() {
    Map<String, Object> settings = new TreeMap<>();
    settings.put("dataset", dataset);
    settings.put("seed", seed);
    settings.put("devPercent", devPercent);
    settings.put("testPercent", testPercent);
    settings.put("channels", channels);
    settings.put("blocks", blocks);
    settings.put("kernel", kernel);
    settings.put("stride", stride);
    settings.put("epochs", epochs);
    settings.put("batchSeconds", batchSeconds);
    settings.put("maxUtteranceSeconds", maxUtteranceSeconds);
    settings.put("learningRate", BigDecimal.valueOf(learningRate));
    settings.put("warmupSteps", warmupSteps);
    settings.put("gradientClip", BigDecimal.valueOf(gradientClip));
    settings.put("frequencyMasks", frequencyMasks);
    settings.put("frequencyMaskWidth", frequencyMaskWidth);
    settings.put("timeMasks", timeMasks);
    settings.put("timeMaskWidth", timeMaskWidth);
    settings.put("threads", threads);
    settings.put("checkpointEverySteps", checkpointEverySteps);
    settings.put("beamWidth", beamWidth);
    settings.put("wordWeight", BigDecimal.valueOf(wordWeight));
    settings.put("wordBonus", BigDecimal.valueOf(wordBonus));
    settings.put("wordList", wordList);
    return settings;
  }

  /** The network these settings train. */
  public ConvCtcNetwork network(int inputDims) {
    return new ConvCtcNetwork(
        inputDims, channels, blocks, kernel, stride, CharacterVocabulary.tokens().size());
  }

  private static final java.util.List<String> TEXT_KEYS = java.util.List.of("dataset", "wordList");

  private static final String DEFAULT_WORD_LIST = "/usr/share/dict/american-english";

  private static final Map<String, Double> DEFAULTS = defaults();

  private static Map<String, Double> defaults() {
    Map<String, Double> defaults = new LinkedHashMap<>();
    defaults.put("seed", 1.0);
    defaults.put("devPercent", 5.0);
    defaults.put("testPercent", 10.0);
    defaults.put("channels", 256.0);
    defaults.put("blocks", 8.0);
    defaults.put("kernel", 11.0);
    defaults.put("stride", 2.0);
    defaults.put("epochs", 10.0);
    defaults.put("batchSeconds", 240.0);
    defaults.put("maxUtteranceSeconds", 20.0);
    defaults.put("learningRate", 0.002);
    defaults.put("warmupSteps", 200.0);
    defaults.put("gradientClip", 5.0);
    defaults.put("frequencyMasks", 2.0);
    defaults.put("frequencyMaskWidth", 10.0);
    defaults.put("timeMasks", 2.0);
    defaults.put("timeMaskWidth", 20.0);
    defaults.put("threads", 2.0);
    defaults.put("checkpointEverySteps", 50.0);
    defaults.put("beamWidth", 32.0);
    defaults.put("wordWeight", 0.8);
    defaults.put("wordBonus", 3.0);
    return defaults;
  }

  private static double number(JsonNode root, String key) {
    JsonNode value = root.get(key);
    if (value == null) {
      return DEFAULTS.get(key);
    }
    if (!value.isNumber()) {
      throw new IllegalArgumentException("\"" + key + "\" must be a number");
    }
    return value.asDouble();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
