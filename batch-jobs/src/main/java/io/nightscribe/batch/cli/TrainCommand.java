package io.nightscribe.batch.cli;

import io.nightscribe.asr.training.TrainingConfig;
import io.nightscribe.lifecycle.training.ModelTraining;
import io.nightscribe.lifecycle.training.TrainingOutcome;
import io.nightscribe.lifecycle.training.TrainingRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** {@code nightscribe train}: trains a CTC acoustic model with DJL. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train a small CTC acoustic model with DJL, on the GPU when CUDA is there, else on the CPU.",
      "Reads the dataset the config names (a manifest from 'nightscribe dataset build'), verifies every clip's sha256,",
      "splits it by a hash of each sentence (test sentences are never trained on), and trains with every seed set",
      "from the config. A checkpoint is written every checkpointEverySteps steps and at each epoch's end: run the",
      "same command again after a crash or a kill and it resumes where it stopped, ending with the same weights.",
      "Then writes into --output: package/ (model.json, acoustic.params, words.txt; lineage in model.json),",
      "evaluation/test.jsonl and dev.jsonl (frozen sets for 'nightscribe models evaluate'), training.json and",
      "MODEL_CARD.md with the test WER and its 95%% bootstrap interval, overall and per slice.",
      "With an MLflow server configured, the training is an MLflow run (experiment nightscribe/training): params,",
      "per-epoch metrics, the dataset as an input with its digest, the package and report as artifacts; with",
      "--register NAME the package becomes a new version of NAME, tagged with its lineage and test WER, and gets",
      "--alias (challenger). Config keys (JSON; all but dataset optional): dataset, seed, devPercent, testPercent,",
      "channels, blocks, kernel, stride, epochs, batchSeconds, maxUtteranceSeconds, learningRate, warmupSteps,",
      "gradientClip, frequencyMasks, frequencyMaskWidth, timeMasks, timeMaskWidth, threads, checkpointEverySteps,",
      "beamWidth, wordWeight, wordBonus, wordList (see docs/training.md)."
    },
    footer = {
      "",
      "Examples:",
      "  nightscribe train --config models/nightscribe-ctc-en/config.json --output file:///tmp/ctc/",
      "  nightscribe train --config train.json --output /data/models/ctc-7 --register en-ctc",
      "",
      "Exit codes: 0 trained; 1 failed (storage, MLflow); 2 usage or configuration error (bad config, a",
      "checkpoint of another training, no MLflow server for --register)."
    })
public class TrainCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "The training config (JSON): the dataset, seed and settings.")
  Path config;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "FOLDER",
      description =
          "Local folder (or file:// URI) for the package, evaluation sets, report and card.")
  String output;

  @Option(
      names = "--checkpoints",
      paramLabel = "FOLDER",
      description =
          "Checkpoint folder (default: OUTPUT/checkpoints); the same one resumes a training.")
  Path checkpoints;

  @Option(
      names = "--register",
      paramLabel = "NAME",
      description = "Register the package as a new version of this model (needs an MLflow server).")
  String registerAs;

  @Option(
      names = "--alias",
      paramLabel = "ALIAS",
      defaultValue = "challenger",
      description = "The alias the registered version gets (default: ${DEFAULT-VALUE}).")
  String alias;

  @Option(
      names = "--settings",
      paramLabel = "FILE",
      description =
          "nightscribe's YAML configuration (MLflow, ledger). Default: $NIGHTSCRIBE_CONFIG, else"
              + " ./nightscribe.yml.")
  Path settings;

  @Option(names = "--json", description = "Print the result as JSON on standard output.")
  boolean json;

  @Override
  public Integer call() {
    if (registerAs != null && !registerAs.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "Invalid --register '" + registerAs + "': use letters, digits, '.', '_' or '-'");
    }
    Path outputFolder =
        Path.of(output.startsWith("file:") ? java.net.URI.create(output).getPath() : output)
            .toAbsolutePath()
            .normalize();
    // the tensor engine reads its thread count once, when it starts: before anything loads it
    TrainingConfig trainingConfig = ModelTraining.readConfig(config);
    System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(trainingConfig.threads()));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    TrainingRequest request =
        new TrainingRequest(
            trainingConfig,
            config,
            outputFolder,
            checkpoints != null
                ? checkpoints.toAbsolutePath().normalize()
                : outputFolder.resolve("checkpoints"),
            Optional.ofNullable(registerAs),
            alias);
    PrintWriter out = spec.commandLine().getOut();
    try (var application =
        ApplicationContexts.modelOperations(ContextOptions.configFile(settings))) {
      TrainingOutcome outcome = application.getBean(ModelTraining.class).train(request);
      if (json) {
        out.println(application.getBean(JsonMapper.class).writeValueAsString(fields(outcome)));
      } else {
        print(out, outcome);
      }
      return NightscribeCommand.OK;
    }
  }

  private static Map<String, Object> fields(TrainingOutcome outcome) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("trainingId", outcome.trainingId());
    fields.put("datasetDigest", outcome.datasetDigest());
    fields.put("package", outcome.packageFolder().toString());
    fields.put("sha256", outcome.packageSha256());
    fields.put("epochs", outcome.epochs().size());
    fields.put("testWer", outcome.test().overall().wer());
    fields.put(
        "testWerCi",
        new double[] {outcome.test().overall().low(), outcome.test().overall().high()});
    Map<String, Double> slices = new LinkedHashMap<>();
    outcome.test().slices().forEach((slice, interval) -> slices.put(slice, interval.wer()));
    fields.put("testWerBySlice", slices);
    fields.put("mlflowRunId", outcome.mlflowRunId().orElse(null));
    fields.put("registered", outcome.registeredVersion().orElse(null));
    fields.put("report", outcome.report().toString());
    return fields;
  }

  private static void print(PrintWriter out, TrainingOutcome outcome) {
    out.printf(
        Locale.ROOT, "Trained %s: %d epochs%n", outcome.trainingId(), outcome.epochs().size());
    out.printf(
        Locale.ROOT,
        "  package   %s (sha256 %s)%n",
        outcome.packageFolder(),
        outcome.packageSha256());
    out.printf(
        Locale.ROOT,
        "  test WER  %.1f%% (95%% CI %.1f-%.1f%%, %d utterances)%n",
        outcome.test().overall().wer() * 100,
        outcome.test().overall().low() * 100,
        outcome.test().overall().high() * 100,
        outcome.test().overall().utterances());
    outcome
        .test()
        .slices()
        .forEach(
            (slice, interval) ->
                out.printf(
                    Locale.ROOT,
                    "    %-10s %.1f%% (95%% CI %.1f-%.1f%%, %d utterances)%n",
                    slice,
                    interval.wer() * 100,
                    interval.low() * 100,
                    interval.high() * 100,
                    interval.utterances()));
    outcome.mlflowRunId().ifPresent(id -> out.printf("  MLflow    run %s%n", id));
    outcome.registeredVersion().ifPresent(version -> out.printf("  registry  %s%n", version));
    out.printf("  report    %s%n", outcome.report());
  }
}
