package io.nightscribe.asr.training;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.acoustic.CtcModelSpec;
import io.nightscribe.asr.acoustic.FrontEnd;
import io.nightscribe.asr.json.CanonicalJson;
import io.nightscribe.asr.model.ModelPackages;
import io.nightscribe.asr.text.WordErrorRate;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes what a training made as a model package: model.json (engine "djl", format "djl", the CTC
 * spec, default decoding and the lineage), the network's parameters, and the word list decoding is
 * constrained to. Every byte follows from the training's inputs, so retraining gives the same
 * package digest.
 */
public final class TrainedPackage {
  /** The parameters file in the package. */
  public static final String PARAMETERS_FILE = "acoustic.params";

  /** The word list file in the package: "word TAB count in the training text" per line, sorted. */
  public static final String WORDS_FILE = "words.txt";

  private TrainedPackage() {}

  /**
   * Writes the package into {@code folder} (created; files already there are replaced).
   *
   * @param name the model's name
   * @param lineage what produced it, written as model.json keys "lineage.KEY"
   * @param words the word list, with each word's count in the training text
   */
  public static void write(
      Path folder,
      CtcTrainer.TrainedNetwork trained,
      FrontEnd frontEnd,
      TrainingConfig config,
      String name,
      Map<String, String> lineage,
      SortedMap<String, Long> words) {
    CtcModelSpec spec =
        new CtcModelSpec(
            PARAMETERS_FILE,
            frontEnd,
            CharacterVocabulary.tokens(),
            CharacterVocabulary.BLANK,
            CharacterVocabulary.WORD_DELIMITER,
            "none",
            frontEnd.samplesPerFrame() * trained.network().stride(),
            trained.network().describe(),
            Map.of(
                "method",
                "beam",
                "beamWidth",
                String.valueOf(config.beamWidth()),
                "wordList",
                WORDS_FILE,
                "wordWeight",
                String.valueOf(config.wordWeight()),
                "wordBonus",
                String.valueOf(config.wordBonus())));
    Map<String, Object> json = new TreeMap<>(spec.describe());
    json.put("engine", "djl");
    json.put("format", "djl");
    json.put("sampleRateHz", 16_000);
    json.put("name", name);
    json.put("version", lineage.getOrDefault("trainingRun", "local"));
    json.put("license", "Apache-2.0");
    lineage.forEach((key, value) -> json.put("lineage." + key, value));
    StringBuilder wordLines = new StringBuilder();
    words.forEach((word, count) -> wordLines.append(word).append('\t').append(count).append('\n'));
    try {
      Files.createDirectories(folder);
      Files.write(folder.resolve(PARAMETERS_FILE), trained.parameters());
      Files.writeString(folder.resolve(WORDS_FILE), wordLines, StandardCharsets.UTF_8);
      Files.write(folder.resolve(ModelPackages.DESCRIPTOR_FILE), CanonicalJson.bytes(json));
    } catch (IOException e) {
      throw NightscribeException.configuration(
          "Cannot write the model package into " + folder + ": " + e.getMessage(), e);
    }
  }

  /**
   * The words decoding may emit, with their counts in the training text: every word of that text,
   * and the words of {@code wordList} that the vocabulary can spell (lower-cased; count 0 unless
   * the training text has them).
   */
  public static SortedMap<String, Long> words(List<Utterance> training, Path wordList) {
    SortedMap<String, Long> words = new TreeMap<>();
    for (Utterance utterance : training) {
      for (String word : WordErrorRate.normalize(utterance.entry().text())) {
        words.merge(word, 1L, Long::sum);
      }
    }
    if (!wordList.toString().isEmpty()) {
      try (BufferedReader lines = Files.newBufferedReader(wordList, StandardCharsets.UTF_8)) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          String word = line.strip().toLowerCase(Locale.ROOT);
          if (word.matches("[a-z]+('[a-z]+)?")) {
            words.putIfAbsent(word, 0L);
          }
        }
      } catch (IOException e) {
        throw NightscribeException.configuration(
            "Cannot read the word list "
                + wordList
                + ": "
                + e.getMessage()
                + " (install wamerican, or set \"wordList\" in the config)",
            e);
      }
    }
    return words;
  }
}
