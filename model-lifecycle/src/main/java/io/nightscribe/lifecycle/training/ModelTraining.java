package io.nightscribe.lifecycle.training;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.Sha256;
import io.nightscribe.asr.acoustic.LogMelSpectrogram;
import io.nightscribe.asr.audio.AudioDecoder;
import io.nightscribe.asr.evaluation.UtteranceScore;
import io.nightscribe.asr.evaluation.WerEstimate;
import io.nightscribe.asr.json.CanonicalJson;
import io.nightscribe.asr.manifest.DatasetDigest;
import io.nightscribe.asr.manifest.DatasetEntry;
import io.nightscribe.asr.manifest.JsonLinesManifest;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.model.ModelPackages;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.asr.training.CheckpointFolder;
import io.nightscribe.asr.training.CtcTrainer;
import io.nightscribe.asr.training.DataSplit;
import io.nightscribe.asr.training.TrainedPackage;
import io.nightscribe.asr.training.TrainingConfig;
import io.nightscribe.asr.training.TrainingCorpus;
import io.nightscribe.asr.training.TrainingProgress;
import io.nightscribe.asr.training.Utterance;
import io.nightscribe.lifecycle.gate.EvaluationSet;
import io.nightscribe.lifecycle.gate.ModelEvaluator;
import io.nightscribe.registry.models.RegisteredModels;
import io.nightscribe.runs.record.CodeVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code nightscribe train}: reads a config and its dataset, trains (or resumes), writes the model
 * package with its lineage, scores it on the test split with a bootstrap interval, writes
 * training.json and the model card, and, when MLflow is configured, tracks it all there and
 * registers the package. Thread-safe as its parts; one training per JVM at a time.
 */
public class ModelTraining {
  /** The MLflow experiment of trainings. */
  public static final String EXPERIMENT = "nightscribe/training";

  private static final Logger LOG = LoggerFactory.getLogger(ModelTraining.class);

  private final ObjectStores stores;
  private final AudioDecoder decoder;
  private final ModelEvaluator evaluator;
  private final Optional<RegisteredModels> registry;
  private final CodeVersion code;
  private final Clock clock;
  private final int bootstrapSamples;
  private final long bootstrapSeed;

  public ModelTraining(
      ObjectStores stores,
      AudioDecoder decoder,
      ModelEvaluator evaluator,
      Optional<RegisteredModels> registry,
      CodeVersion code,
      Clock clock,
      int bootstrapSamples,
      long bootstrapSeed) {
    this.stores = stores;
    this.decoder = decoder;
    this.evaluator = evaluator;
    this.registry = registry;
    this.code = code;
    this.clock = clock;
    this.bootstrapSamples = bootstrapSamples;
    this.bootstrapSeed = bootstrapSeed;
  }

  /** The training config of {@code file}. */
  public static TrainingConfig readConfig(Path file) {
    try {
      return TrainingConfig.read(Files.readAllBytes(file), file.toString());
    } catch (IOException e) {
      throw NightscribeException.configuration(
          "Cannot read training config " + file + ": " + e.getMessage(), e);
    }
  }

  /** Trains as {@code request} says. */
  public TrainingOutcome train(TrainingRequest request) {
    if (request.registerAs().isPresent() && registry.isEmpty()) {
      throw NightscribeException.configuration(
          "Cannot register the trained model: no MLflow server is configured (set"
              + " nightscribe.mlflow.tracking-uri or NIGHTSCRIBE_MLFLOW_URI)");
    }
    TrainingConfig config = request.config();
    StorageUri manifestUri = StorageUri.parse(config.dataset());
    byte[] manifest = readManifest(manifestUri);
    List<DatasetEntry> entries = JsonLinesManifest.readDataset(manifest);
    String datasetDigest = DatasetDigest.of(entries);
    String manifestSha256 = Sha256.hex(manifest);
    String trainingId = trainingId(config, datasetDigest);
    LogMelSpectrogram frontEnd = LogMelSpectrogram.standard();
    LOG.info(
        "Training {} on {} ({} utterances, dataset digest {})",
        trainingId,
        manifestUri,
        entries.size(),
        datasetDigest);
    TrainingTracker tracker =
        registry
            .map(
                models ->
                    (TrainingTracker)
                        new MlflowTrainingTracker(models, request.checkpoints(), clock))
            .orElse(TrainingTracker.NONE);
    Map<String, String> trainedOn = CtcTrainer.environment();
    tracker.started(
        trainingId,
        parameters(config, manifestUri, manifestSha256, datasetDigest),
        Map.of(
            "nightscribe.device", trainedOn.get("device"),
            "nightscribe.engine", trainedOn.get("engine")));
    tracker.dataset(manifestUri, datasetDigest, manifestSha256, entries.size());
    try {
      TrainingCorpus corpus =
          TrainingCorpus.load(
              entries,
              stores,
              decoder,
              frontEnd,
              config,
              Math.max(1, Runtime.getRuntime().availableProcessors()));
      CtcTrainer trainer =
          new CtcTrainer(
              config,
              trainingId,
              frontEnd,
              new CheckpointFolder(request.checkpoints()),
              new CtcTrainer.TrainingListener() {
                @Override
                public void stepEnded(long step, int epoch, double loss, long millis) {
                  if (step % 50 == 0) {
                    LOG.info(
                        "Epoch {} step {}: loss {} ({} ms)",
                        epoch,
                        step,
                        String.format("%.3f", loss),
                        millis);
                  }
                }

                @Override
                public void epochEnded(TrainingProgress.EpochMetrics metrics) {
                  LOG.info(
                      "Epoch {} of {}: train loss {}, dev loss {}, dev WER (greedy) {}",
                      metrics.epoch(),
                      config.epochs(),
                      String.format("%.3f", metrics.trainLoss()),
                      String.format("%.3f", metrics.devLoss()),
                      String.format("%.3f", metrics.devWer()));
                  tracker.epochEnded(metrics);
                }
              });
      CtcTrainer.TrainedNetwork trained = trainer.train(corpus);
      Path packageFolder = request.output().resolve("package");
      List<Utterance> training = corpus.split(DataSplit.TRAIN);
      TrainedPackage.write(
          packageFolder,
          trained,
          frontEnd,
          config,
          request.registerAs().orElse("nightscribe-ctc-en"),
          lineage(trainingId, datasetDigest, config),
          TrainedPackage.words(training, Path.of(config.wordList())));
      ModelPackage model = ModelPackages.load(packageFolder);
      Path testSplit = writeSplit(request.output(), corpus, DataSplit.TEST);
      writeSplit(request.output(), corpus, DataSplit.DEV);
      EvaluationSet testSet =
          EvaluationSet.read(stores, StorageUri.parse(testSplit.toUri().toString()));
      List<UtteranceScore> scores = evaluator.score(model, testSet);
      WerEstimate test = WerEstimate.of(scores, bootstrapSamples, bootstrapSeed);
      LOG.info(
          "Test WER {} (95% CI {} to {}) on {} utterances; by slice {}",
          String.format("%.4f", test.overall().wer()),
          String.format("%.4f", test.overall().low()),
          String.format("%.4f", test.overall().high()),
          test.overall().utterances(),
          test.slices());
      TrainingReport report =
          new TrainingReport(
              trainingId,
              config,
              manifestUri.toString(),
              datasetDigest,
              corpus,
              trained,
              model,
              test,
              code,
              datasetBuildCommand(manifestUri),
              request.configFile().toString());
      Path reportFile = report.write(request.output());
      Optional<String> registered =
          tracker.finished(model, test, request.output(), request.registerAs(), request.alias());
      return new TrainingOutcome(
          trainingId,
          datasetDigest,
          packageFolder,
          model.sha256(),
          trained.progress().epochs(),
          test,
          tracker.runId(),
          registered,
          reportFile);
    } catch (RuntimeException e) {
      tracker.failed();
      throw e;
    }
  }

  /**
   * The training's identity: what decides its weights, that is its settings without the dataset's
   * location and the package's default decoding, and the dataset's content.
   */
  static String trainingId(TrainingConfig config, String datasetDigest) {
    Map<String, Object> identity = new TreeMap<>(config.describe());
    identity.remove("dataset");
    TrainingConfig.DECODING_KEYS.forEach(identity::remove);
    identity.put("datasetDigest", datasetDigest);
    return "train-" + Sha256.hex(CanonicalJson.bytes(identity)).substring(0, 16);
  }

  private Map<String, String> parameters(
      TrainingConfig config, StorageUri manifestUri, String manifestSha256, String datasetDigest) {
    Map<String, String> params = new TreeMap<>();
    config.describe().forEach((key, value) -> params.put("config." + key, String.valueOf(value)));
    params.put("dataset.uri", manifestUri.toString());
    params.put("dataset.digest", datasetDigest);
    params.put("dataset.manifest_sha256", manifestSha256);
    params.put("code.version", code.version());
    params.put("code.git_commit", code.gitCommit());
    return params;
  }

  private static Map<String, String> lineage(
      String trainingId, String datasetDigest, TrainingConfig config) {
    Map<String, String> lineage = new TreeMap<>();
    lineage.put("trainingRun", trainingId);
    lineage.put("datasetDigest", datasetDigest);
    lineage.put("seed", String.valueOf(config.seed()));
    return lineage;
  }

  private byte[] readManifest(StorageUri manifestUri) {
    try {
      return stores.forUri(manifestUri).readAllBytes(manifestUri);
    } catch (NightscribeException e) {
      throw NightscribeException.configuration(
          "Cannot read the training dataset "
              + manifestUri
              + ": "
              + e.getMessage()
              + " (set \"dataset\" to a manifest.jsonl made by 'nightscribe dataset build')",
          e);
    }
  }

  /** The command that rebuilds the dataset, from the dataset.json beside its manifest. */
  private Optional<String> datasetBuildCommand(StorageUri manifestUri) {
    try {
      StorageUri description = manifestUri.parent().resolve("dataset.json");
      var json =
          io.nightscribe.asr.json.JsonFields.parse(
              stores.forUri(description).readAllBytes(description), description.toString());
      return Optional.of(
          "nightscribe dataset build --output "
              + manifestUri.parent().toString()
              + " --sentences "
              + json.path("synthetic").path("sentences").asLong()
              + " --seed "
              + json.path("seed").asLong());
    } catch (RuntimeException e) {
      LOG.debug("No dataset.json beside {}: {}", manifestUri, e.getMessage());
      return Optional.empty();
    }
  }

  private static Path writeSplit(Path output, TrainingCorpus corpus, DataSplit split) {
    Path file = output.resolve("evaluation").resolve(split.label() + ".jsonl");
    try {
      Files.createDirectories(file.getParent());
      Files.write(
          file,
          JsonLinesManifest.writeDataset(
                  corpus.split(split).stream().map(Utterance::entry).toList())
              .bytes());
    } catch (IOException e) {
      throw NightscribeException.configuration("Cannot write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }
}
