package io.nightscribe.asr.engine.djl;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.engine.DecodingSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The DJL engine's options (DecodingSettings.engineOptions), over the package's model.json
 * "decoding" defaults.
 *
 * @param method "greedy" or "beam"
 * @param beamWidth labellings a beam search keeps
 * @param wordList the words a beam search may emit; empty for any spelling
 * @param batching how a batch is grouped into forward passes; unless set, {@link Batching#SORTED}
 *     for audio cut at pauses and {@link Batching#SINGLE} for fixed windows (see {@link Batching})
 * @param wordWeight weight of each word's log prior (its count in the word list file) in a beam
 *     search with a word list; 0 weighs every word alike
 * @param wordBonus score added per word in a beam search with a word list
 */
record CtcEngineOptions(
    String method,
    int beamWidth,
    Optional<Path> wordList,
    Batching batching,
    double wordWeight,
    double wordBonus) {
  static final List<String> KEYS =
      List.of("batching", "beamWidth", "method", "wordBonus", "wordList", "wordWeight");
  static final String GREEDY = "greedy";
  static final String BEAM = "beam";

  /**
   * Reads the options of {@code settings} over {@code packageDefaults}; a relative word list is
   * resolved in {@code packageFolder}.
   *
   * @throws NightscribeException CONFIGURATION naming the option that is unknown or wrong
   */
  static CtcEngineOptions of(
      DecodingSettings settings, Map<String, String> packageDefaults, Path packageFolder) {
    Map<String, String> runOptions = settings.engineOptions();
    Batching defaultBatching =
        settings.segmentation().isPresent() ? Batching.SORTED : Batching.SINGLE;
    Map<String, String> options = new TreeMap<>(packageDefaults);
    options.putAll(runOptions);
    for (String key : options.keySet()) {
      if (!KEYS.contains(key)) {
        throw invalid("unknown option '" + key + "' (allowed: " + String.join(", ", KEYS) + ")");
      }
    }
    String method = options.getOrDefault("method", GREEDY);
    if (!method.equals(GREEDY) && !method.equals(BEAM)) {
      throw invalid("method '" + method + "' (use greedy or beam)");
    }
    if (method.equals(GREEDY) && runOptions.containsKey("wordList")) {
      throw invalid("wordList constrains a beam search only (set method=beam)");
    }
    return new CtcEngineOptions(
        method,
        beamWidth(options.getOrDefault("beamWidth", "16")),
        Optional.ofNullable(options.get("wordList"))
            .filter(unused -> method.equals(BEAM))
            .map(packageFolder::resolve),
        batching(options.getOrDefault("batching", defaultBatching.optionValue())),
        number("wordWeight", options.getOrDefault("wordWeight", "0"), 0),
        number("wordBonus", options.getOrDefault("wordBonus", "0"), Double.NEGATIVE_INFINITY));
  }

  private static double number(String key, String value, double minimum) {
    try {
      double number = Double.parseDouble(value);
      if (Double.isFinite(number) && number >= minimum) {
        return number;
      }
    } catch (NumberFormatException notANumber) {
      // reported below, with the allowed values
    }
    throw invalid(
        key + " '" + value + "' (use a number" + (minimum == 0 ? ", at least 0" : "") + ")");
  }

  private static int beamWidth(String value) {
    try {
      int width = Integer.parseInt(value);
      if (width >= 1) {
        return width;
      }
    } catch (NumberFormatException notANumber) {
      // reported below, with the allowed values
    }
    throw invalid("beamWidth '" + value + "' (use a whole number, at least 1)");
  }

  private static Batching batching(String value) {
    return Batching.ofOptionValue(value)
        .orElseThrow(
            () -> invalid("batching '" + value + "' (use single, buckets, sorted or padded)"));
  }

  private static NightscribeException invalid(String problem) {
    return NightscribeException.configuration("Invalid DJL engine option: " + problem);
  }
}
