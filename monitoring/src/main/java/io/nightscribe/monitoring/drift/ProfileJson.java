package io.nightscribe.monitoring.drift;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The canonical JSON of a {@link RunProfile}, so a model package can carry its reference profile
 * and the same profile always gives the same bytes: UTF-8, keys sorted, no whitespace, samples as
 * plain decimals with exactly {@value Samples#DECIMALS} places (as nightscribe's transcripts write
 * confidences), ascending.
 *
 * <pre>{@code
 * {"categorical":{"codec":{"mp3":40,"wav":2},"sampleRateHz":{"16000":42}},
 *  "numeric":{"confidence":[0.6100,0.8300],"loudnessDbfs":[-31.2000,-24.0500]},
 *  "objects":42,
 *  "rates":{"emptyTranscript":{"events":1,"trials":42}},
 *  "schemaVersion":1}
 * }</pre>
 *
 * (one line in reality). Features this version does not know are skipped when reading, so a profile
 * written by a newer nightscribe still compares on the features both know. Thread-safe.
 */
public final class ProfileJson {
  /** The version of this layout, written into every profile. */
  public static final int SCHEMA_VERSION = 1;

  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private ProfileJson() {}

  /** The canonical bytes of {@code profile}. */
  public static byte[] encode(RunProfile profile) {
    Map<String, Object> root = new TreeMap<>();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("objects", profile.objects());
    Map<String, Object> numeric = new TreeMap<>();
    profile.numeric().forEach((feature, samples) -> numeric.put(feature.key(), decimals(samples)));
    root.put("numeric", numeric);
    Map<String, Object> categorical = new TreeMap<>();
    profile
        .categorical()
        .forEach((feature, mix) -> categorical.put(feature.key(), new TreeMap<>(mix.counts())));
    root.put("categorical", categorical);
    Map<String, Object> rates = new TreeMap<>();
    profile
        .rates()
        .forEach(
            (feature, rate) ->
                rates.put(
                    feature.key(),
                    new TreeMap<>(Map.of("events", rate.events(), "trials", rate.trials()))));
    root.put("rates", rates);
    return MAPPER.writeValueAsBytes(root);
  }

  /**
   * Reads a profile back; encoding the result gives the same bytes when the input was canonical.
   *
   * @throws IllegalArgumentException "Invalid drift profile: ..." when the bytes are not a profile
   */
  public static RunProfile decode(byte[] json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "Invalid drift profile: not JSON (" + e.getOriginalMessage() + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw invalid("not a JSON object");
    }
    long version = integer(root, "schemaVersion");
    if (version != SCHEMA_VERSION) {
      throw invalid("schemaVersion " + version + " (this version reads " + SCHEMA_VERSION + ")");
    }
    return new RunProfile(
        integer(root, "objects"),
        readNumeric(object(root, "numeric")),
        readCategorical(object(root, "categorical")),
        readRates(object(root, "rates")));
  }

  private static List<BigDecimal> decimals(Samples samples) {
    List<BigDecimal> decimals = new ArrayList<>(samples.size());
    for (double value : samples.sorted()) {
      decimals.add(BigDecimal.valueOf(value).setScale(Samples.DECIMALS, RoundingMode.HALF_EVEN));
    }
    return decimals;
  }

  private static Map<NumericFeature, Samples> readNumeric(JsonNode node) {
    Map<NumericFeature, Samples> numeric = new EnumMap<>(NumericFeature.class);
    for (NumericFeature feature : NumericFeature.values()) {
      JsonNode array = node.get(feature.key());
      if (array == null) {
        continue;
      }
      if (!array.isArray()) {
        throw invalid("numeric." + feature.key() + " is not an array");
      }
      double[] values = new double[array.size()];
      for (int i = 0; i < values.length; i++) {
        JsonNode value = array.get(i);
        if (!value.isNumber()) {
          throw invalid("numeric." + feature.key() + "[" + i + "] is not a number");
        }
        values[i] = value.doubleValue();
      }
      numeric.put(feature, Samples.of(values));
    }
    return numeric;
  }

  private static Map<CategoricalFeature, CategoryMix> readCategorical(JsonNode node) {
    Map<CategoricalFeature, CategoryMix> categorical = new EnumMap<>(CategoricalFeature.class);
    for (CategoricalFeature feature : CategoricalFeature.values()) {
      JsonNode counts = node.get(feature.key());
      if (counts == null) {
        continue;
      }
      if (!counts.isObject()) {
        throw invalid("categorical." + feature.key() + " is not an object");
      }
      Map<String, Long> mix = new TreeMap<>();
      for (Map.Entry<String, JsonNode> entry : counts.properties()) {
        mix.put(entry.getKey(), integer(counts, entry.getKey()));
      }
      categorical.put(feature, new CategoryMix(mix));
    }
    return categorical;
  }

  private static Map<RateFeature, Rate> readRates(JsonNode node) {
    Map<RateFeature, Rate> rates = new EnumMap<>(RateFeature.class);
    for (RateFeature feature : RateFeature.values()) {
      JsonNode rate = node.get(feature.key());
      if (rate == null) {
        continue;
      }
      if (!rate.isObject()) {
        throw invalid("rates." + feature.key() + " is not an object");
      }
      rates.put(feature, new Rate(integer(rate, "events"), integer(rate, "trials")));
    }
    return rates;
  }

  private static JsonNode object(JsonNode node, String name) {
    JsonNode field = node.get(name);
    if (field == null || !field.isObject()) {
      throw invalid("'" + name + "' is missing or not an object");
    }
    return field;
  }

  private static long integer(JsonNode node, String name) {
    JsonNode field = node.get(name);
    if (field == null || !field.isIntegralNumber() || !field.canConvertToLong()) {
      throw invalid("'" + name + "' is missing or not an integer");
    }
    return field.longValue();
  }

  private static IllegalArgumentException invalid(String why) {
    return new IllegalArgumentException("Invalid drift profile: " + why);
  }
}
