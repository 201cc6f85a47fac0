package io.nightscribe.lifecycle.training;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.evaluation.WerEstimate;
import io.nightscribe.asr.json.CanonicalJson;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.training.CtcTrainer;
import io.nightscribe.asr.training.DataSplit;
import io.nightscribe.asr.training.TrainingConfig;
import io.nightscribe.asr.training.TrainingCorpus;
import io.nightscribe.asr.training.TrainingProgress;
import io.nightscribe.runs.record.CodeVersion;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a training made and measured, written as training.json (for machines) and MODEL_CARD.md (for
 * people): dataset and digest, seed and settings, epochs, test WER with its interval overall and
 * per slice, the package digest, and the commands that reproduce it.
 */
record TrainingReport(
    String trainingId,
    TrainingConfig config,
    String dataset,
    String datasetDigest,
    TrainingCorpus corpus,
    CtcTrainer.TrainedNetwork trained,
    ModelPackage model,
    WerEstimate test,
    CodeVersion code,
    Optional<String> datasetBuildCommand,
    String configFile) {

  static final String REPORT_FILE = "training.json";
  static final String CARD_FILE = "MODEL_CARD.md";

  /** Writes training.json and MODEL_CARD.md into {@code output}; answers training.json's path. */
  Path write(Path output) {
    try {
      Files.createDirectories(output);
      Files.write(output.resolve(REPORT_FILE), CanonicalJson.bytes(json()));
      Files.writeString(output.resolve(CARD_FILE), card(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw NightscribeException.configuration(
          "Cannot write the training report into " + output + ": " + e.getMessage(), e);
    }
    return output.resolve(REPORT_FILE);
  }

  private Map<String, Object> json() {
    Map<String, Object> json = new TreeMap<>();
    json.put("trainingId", trainingId);
    json.put("config", config.describe());
    Map<String, Object> data = new TreeMap<>();
    data.put("manifest", dataset);
    data.put("digest", datasetDigest);
    Map<String, Object> splits = new TreeMap<>();
    corpus.counts().forEach((split, count) -> splits.put(split.label(), count));
    data.put("utterances", splits);
    data.put("leftOut", new TreeMap<>(corpus.leftOut()));
    datasetBuildCommand.ifPresent(command -> data.put("buildCommand", command));
    json.put("dataset", data);
    json.put(
        "epochs",
        trained.progress().epochs().stream().map(TrainingProgress.EpochMetrics::describe).toList());
    Map<String, Object> model = new TreeMap<>();
    model.put("name", this.model.name());
    model.put("sha256", this.model.sha256());
    model.put("architecture", trained.network().describe());
    model.put("parameterBytes", trained.parameters().length);
    json.put("model", model);
    Map<String, Object> testJson = new TreeMap<>();
    testJson.put("overall", interval(test.overall()));
    Map<String, Object> slices = new TreeMap<>();
    test.slices().forEach((slice, interval) -> slices.put(slice, interval(interval)));
    testJson.put("slices", slices);
    testJson.put("bootstrapSamples", test.bootstrapSamples());
    testJson.put("bootstrapSeed", test.seed());
    json.put("test", testJson);
    json.put("device", trained.device());
    json.put("code", Map.of("version", code.version(), "gitCommit", code.gitCommit()));
    return json;
  }

  private static Map<String, Object> interval(WerEstimate.Interval interval) {
    Map<String, Object> json = new TreeMap<>();
    json.put("wer", CanonicalJson.fixed4(interval.wer()));
    json.put("ciLow", CanonicalJson.fixed4(interval.low()));
    json.put("ciHigh", CanonicalJson.fixed4(interval.high()));
    json.put("utterances", interval.utterances());
    json.put("referenceWords", interval.referenceWords());
    return json;
  }

  private String card() {
    StringBuilder card = new StringBuilder();
    card.append("# Model card: ").append(model.name()).append("\n\n");
    card.append(
            "A small English CTC acoustic model (DJL, PyTorch engine) trained by `nightscribe train`"
                + " on an offline corpus of synthesized read speech with a small real-speech slice."
                + " Characters out (a-z, apostrophe, space), log-mel features in; decoding is a beam"
                + " search constrained to the package's word list.\n\n")
        .append("| | |\n|---|---|\n")
        .append("| Package sha256 | `")
        .append(model.sha256())
        .append("` |\n")
        .append("| Training id | `")
        .append(trainingId)
        .append("` |\n")
        .append("| Dataset digest | `")
        .append(datasetDigest)
        .append("` (content: keys, texts, audio sha256, slices) |\n")
        .append("| Seed | ")
        .append(config.seed())
        .append(" |\n")
        .append("| Network | ConvCtcNetwork ")
        .append(CanonicalJson.string(trained.network().describe()))
        .append(", ")
        .append(String.format(Locale.ROOT, "%.1f MB", trained.parameters().length / 1e6))
        .append(" of parameters |\n")
        .append("| Trained on | ")
        .append(trained.device())
        .append(", ")
        .append(config.threads())
        .append(config.threads() == 1 ? " thread |\n" : " threads |\n")
        .append("| Code | ")
        .append(code.version())
        .append(" ")
        .append(code.gitCommit())
        .append(" |\n\n");
    card.append("## Data\n\n");
    Map<DataSplit, Integer> counts = corpus.counts();
    card.append(
            "Splits by a hash of each sentence's text, so test sentences were never in the training text: ")
        .append(counts.get(DataSplit.TRAIN))
        .append(" train, ")
        .append(counts.get(DataSplit.DEV))
        .append(" dev, ")
        .append(counts.get(DataSplit.TEST))
        .append(" test utterances");
    if (!corpus.leftOut().isEmpty()) {
      card.append(" (left out: ").append(corpus.leftOut()).append(")");
    }
    card.append(".\n\n");
    card.append("## Test word error rate (95% bootstrap interval, ")
        .append(test.bootstrapSamples())
        .append(" resamples)\n\n")
        .append("| Slice | WER | 95% CI | Utterances | Words |\n|---|---|---|---|---|\n");
    row(card, "all", test.overall());
    test.slices().forEach((slice, interval) -> row(card, slice, interval));
    card.append("\nDecoded as a nightly run decodes: the package's default ")
        .append(model.descriptor().properties().get("decoding"))
        .append(
            ". Synthesized speech is what this model mostly heard; the real slice (recordings, some"
                + " at 8 kHz telephone quality) says how it does on people.\n");
    card.append(
        "\n## Training\n\n| Epoch | Train loss | Dev loss | Dev WER (greedy) |\n|---|---|---|---|\n");
    for (TrainingProgress.EpochMetrics epoch : trained.progress().epochs()) {
      card.append("| ")
          .append(epoch.epoch())
          .append(" | ")
          .append(fixed(epoch.trainLoss(), 3))
          .append(" | ")
          .append(fixed(epoch.devLoss(), 3))
          .append(" | ")
          .append(fixed(epoch.devWer(), 3))
          .append(" |\n");
    }
    card.append("\n## Settings\n\n```json\n")
        .append(CanonicalJson.string(config.describe()))
        .append("\n```\n\n");
    card.append("## Reproduce\n\n```sh\n");
    datasetBuildCommand.ifPresent(command -> card.append("scripts/").append(command).append('\n'));
    card.append("scripts/nightscribe train --config ")
        .append(configFile)
        .append(" --output OUTPUT/\n```\n\n")
        .append(
            "The config holds the settings above; its \"dataset\" names the built manifest (edit it"
                + " if the dataset is built elsewhere: the training id and the package depend on the"
                + " dataset's content, not its location). The same dataset digest and settings on a CPU"
                + " with the same thread count give the same package sha256.\n");
    return card.toString();
  }

  private static void row(StringBuilder card, String slice, WerEstimate.Interval interval) {
    card.append("| ")
        .append(slice)
        .append(" | ")
        .append(percent(interval.wer()))
        .append(" | ")
        .append(percent(interval.low()))
        .append(" to ")
        .append(percent(interval.high()))
        .append(" | ")
        .append(interval.utterances())
        .append(" | ")
        .append(interval.referenceWords())
        .append(" |\n");
  }

  private static String percent(double fraction) {
    return fixed(fraction * 100, 1) + "%";
  }

  private static String fixed(double value, int places) {
    return Double.isFinite(value)
        ? BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_EVEN).toPlainString()
        : "n/a";
  }
}
