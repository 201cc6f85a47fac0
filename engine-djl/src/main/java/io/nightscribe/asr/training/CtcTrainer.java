package io.nightscribe.asr.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.acoustic.ConvCtcNetwork;
import io.nightscribe.asr.acoustic.FrontEnd;
import io.nightscribe.asr.ctc.GreedyCtcDecoder;
import io.nightscribe.asr.ctc.LogProbabilities;
import io.nightscribe.asr.text.WordErrorRate;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link ConvCtcNetwork} with the CTC loss on a corpus' training split, checkpointing as
 * it goes so that a killed training, started again, continues from its last checkpoint and ends
 * with the very same weights. Everything random is drawn from the config's seed: initialization
 * (the engine's generator, seeded once), batch order (per epoch) and SpecAugment masks (per step).
 * Not thread-safe: one training at a time per JVM (DJL allows one gradient collector).
 */
public final class CtcTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(CtcTrainer.class);
  private static final String ENGINE = "PyTorch";

  private final TrainingConfig config;
  private final String trainingId;
  private final FrontEnd frontEnd;
  private final CheckpointFolder checkpoints;
  private final TrainingListener listener;

  /**
   * @param trainingId identity of this training (config and dataset); guards the checkpoint
   * @param listener told of every step and epoch (logging, MLflow)
   */
  public CtcTrainer(
      TrainingConfig config,
      String trainingId,
      FrontEnd frontEnd,
      CheckpointFolder checkpoints,
      TrainingListener listener) {
    this.config = config;
    this.trainingId = trainingId;
    this.frontEnd = frontEnd;
    this.checkpoints = checkpoints;
    this.listener = listener;
  }

  /** Hears how a training goes. */
  public interface TrainingListener {
    /** A training step ended. */
    default void stepEnded(long step, int epoch, double loss, long millis) {}

    /** An epoch ended and was checkpointed. */
    void epochEnded(TrainingProgress.EpochMetrics metrics);
  }

  /**
   * What a training produced.
   *
   * @param network the architecture
   * @param parameters the trained parameters, as DJL saves them
   * @param progress the finished progress, every epoch's metrics included
   * @param device where it trained
   */
  public record TrainedNetwork(
      ConvCtcNetwork network, byte[] parameters, TrainingProgress progress, String device) {}

  /** The device training uses: the first GPU when CUDA is there, else the CPU. */
  public static Device device() {
    return Engine.getEngine(ENGINE).getGpuCount() > 0 ? Device.gpu(0) : Device.cpu();
  }

  /** What training runs on, for its records: the device, and DJL's and the engine's versions. */
  public static Map<String, String> environment() {
    return Map.of(
        "device",
        device().toString(),
        "engine",
        "djl " + Engine.getDjlVersion() + " PyTorch " + Engine.getEngine(ENGINE).getVersion());
  }

  /**
   * Trains, or resumes from the checkpoint folder, up to the configured epochs.
   *
   * @throws NightscribeException CONFIGURATION when the checkpoint belongs to another training
   */
  public TrainedNetwork train(TrainingCorpus corpus) {
    List<Utterance> train = corpus.split(DataSplit.TRAIN);
    List<Utterance> dev = corpus.split(DataSplit.DEV);
    if (train.isEmpty()) {
      throw NightscribeException.configuration(
          "Cannot train: the training split is empty (use a larger dataset, or lower devPercent"
              + " and testPercent)");
    }
    int dims = train.get(0).features().dimensions();
    ConvCtcNetwork network = config.network(dims);
    int maxBatchFrames = config.batchSeconds() * 16_000 / frontEnd.samplesPerFrame();
    int batchesPerEpoch = BatchPlan.of(train, maxBatchFrames, config.seed(), 0).size();
    long totalSteps = (long) batchesPerEpoch * config.epochs();
    Device device = device();
    Engine engine = Engine.getEngine(ENGINE);
    try (NDManager manager = NDManager.newBaseManager(device, ENGINE)) {
      engine.setRandomSeed((int) config.seed());
      Block block = network.build();
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 64, dims));
      TrainingProgress progress = TrainingProgress.start(trainingId);
      AdamOptimizer optimizer;
      Optional<Path> checkpoint = checkpoints.latest();
      if (checkpoint.isPresent()) {
        progress = CheckpointFolder.progress(checkpoint.get());
        if (!progress.trainingId().equals(trainingId)) {
          throw NightscribeException.configuration(
              "Cannot resume from "
                  + checkpoint.get()
                  + ": it belongs to training "
                  + progress.trainingId()
                  + ", not "
                  + trainingId
                  + " (the config or dataset changed: use another --checkpoints folder)");
        }
        loadParameters(block, manager, checkpoint.get().resolve(CheckpointFolder.NETWORK_FILE));
        optimizer = newOptimizer(block, manager);
        loadOptimizer(
            optimizer, manager, checkpoint.get().resolve(CheckpointFolder.OPTIMIZER_FILE));
        LOG.info(
            "Resuming training {} at epoch {}, batch {} (step {}) from {}",
            trainingId,
            progress.epoch() + 1,
            progress.batch(),
            progress.step(),
            checkpoint.get());
      } else {
        optimizer = newOptimizer(block, manager);
      }
      ParameterStore parameters = new ParameterStore(manager, false);
      CtcLoss loss = new CtcLoss(CharacterVocabulary.BLANK);
      SpecAugment augment = SpecAugment.of(config);
      while (progress.epoch() < config.epochs()) {
        int epoch = progress.epoch();
        List<List<Integer>> batches = BatchPlan.of(train, maxBatchFrames, config.seed(), epoch);
        long epochStart = System.nanoTime();
        List<Long> stepMillis = new ArrayList<>();
        double lossSum = 0;
        int lossCount = 0;
        for (int b = progress.batch(); b < batches.size(); b++) {
          long stepStart = System.nanoTime();
          long step = progress.step() + 1;
          List<Utterance> batch = batches.get(b).stream().map(train::get).toList();
          double batchLoss;
          try (NDManager stepManager = manager.newSubManager()) {
            SplittableRandom random = new SplittableRandom(config.seed() * 7_919L + step);
            NDArray input = features(stepManager, batch, dims, Optional.of(augment), random);
            try (GradientCollector collector = engine.newGradientCollector()) {
              NDArray logProbabilities =
                  block.forward(parameters, new NDList(input), true).singletonOrThrow();
              BatchLoss scored = score(loss, network, batch, logProbabilities);
              NDArray gradient = stepManager.create(scored.gradient(), logProbabilities.getShape());
              collector.backward(logProbabilities.mul(gradient).sum());
              batchLoss = scored.meanLoss();
            }
            optimizer.update(step, learningRate(step, totalSteps), config.gradientClip());
          }
          lossSum += batchLoss;
          lossCount++;
          long millis = (System.nanoTime() - stepStart) / 1_000_000;
          stepMillis.add(millis);
          listener.stepEnded(step, epoch + 1, batchLoss, millis);
          progress = new TrainingProgress(trainingId, epoch, b + 1, step, progress.epochs());
          if (step % config.checkpointEverySteps() == 0 && b + 1 < batches.size()) {
            save(progress, block, optimizer);
          }
        }
        Evaluation devScore =
            evaluate(block, parameters, manager, network, dev, maxBatchFrames, loss);
        List<TrainingProgress.EpochMetrics> epochs = new ArrayList<>(progress.epochs());
        TrainingProgress.EpochMetrics metrics =
            new TrainingProgress.EpochMetrics(
                epoch + 1,
                lossCount == 0 ? Double.NaN : lossSum / lossCount,
                devScore.loss(),
                devScore.wer(),
                median(stepMillis),
                (System.nanoTime() - epochStart) / 1e9);
        epochs.add(metrics);
        progress = new TrainingProgress(trainingId, epoch + 1, 0, progress.step(), epochs);
        save(progress, block, optimizer);
        listener.epochEnded(metrics);
      }
      return new TrainedNetwork(
          network,
          parameterBytes(block),
          progress,
          device.isGpu() ? "gpu(" + device.getDeviceId() + ")" : "cpu");
    }
  }

  private double learningRate(long step, long totalSteps) {
    double warmup =
        config.warmupSteps() == 0 ? 1 : Math.min(1, (double) step / config.warmupSteps());
    double decay = 1 - 0.9 * Math.min(1, (double) step / Math.max(1, totalSteps));
    return config.learningRate() * warmup * decay;
  }

  private record BatchLoss(float[] gradient, double meanLoss) {}

  private BatchLoss score(
      CtcLoss loss, ConvCtcNetwork network, List<Utterance> batch, NDArray logProbabilities) {
    Shape shape = logProbabilities.getShape();
    int frames = (int) shape.get(1);
    int vocabulary = (int) shape.get(2);
    float[] values = logProbabilities.toFloatArray();
    float[] gradient = new float[values.length];
    double[] losses = new double[batch.size()];
    IntStream.range(0, batch.size())
        .parallel()
        .forEach(
            i -> {
              Utterance utterance = batch.get(i);
              int offset = i * frames * vocabulary;
              int valid = network.outputFrames(utterance.frames());
              CtcLoss.Result result =
                  loss.compute(
                      java.util.Arrays.copyOfRange(values, offset, offset + valid * vocabulary),
                      valid,
                      vocabulary,
                      utterance.labels());
              double weight = 1.0 / (batch.size() * utterance.labels().length);
              float[] own = result.gradient();
              for (int j = 0; j < own.length; j++) {
                gradient[offset + j] = (float) (own[j] * weight);
              }
              losses[i] = result.isFinite() ? result.loss() / utterance.labels().length : 0;
            });
    double sum = 0;
    for (double value : losses) {
      sum += value;
    }
    return new BatchLoss(gradient, sum / batch.size());
  }

  private record Evaluation(double loss, double wer) {}

  private Evaluation evaluate(
      Block block,
      ParameterStore parameters,
      NDManager manager,
      ConvCtcNetwork network,
      List<Utterance> utterances,
      int maxBatchFrames,
      CtcLoss loss) {
    if (utterances.isEmpty()) {
      return new Evaluation(Double.NaN, Double.NaN);
    }
    double lossSum = 0;
    long errors = 0;
    long words = 0;
    GreedyCtcDecoder greedy = new GreedyCtcDecoder(CharacterVocabulary.BLANK);
    for (List<Integer> indices : BatchPlan.of(utterances, maxBatchFrames, 0, 0)) {
      List<Utterance> batch = indices.stream().map(utterances::get).toList();
      try (NDManager batchManager = manager.newSubManager()) {
        NDArray input = features(batchManager, batch, network.inputDims(), Optional.empty(), null);
        NDArray logProbabilities =
            block.forward(parameters, new NDList(input), false).singletonOrThrow();
        BatchLoss scored = score(loss, network, batch, logProbabilities);
        lossSum += scored.meanLoss() * batch.size();
        float[] values = logProbabilities.toFloatArray();
        int frames = (int) logProbabilities.getShape().get(1);
        int vocabulary = (int) logProbabilities.getShape().get(2);
        for (int i = 0; i < batch.size(); i++) {
          int offset = i * frames * vocabulary;
          int valid = network.outputFrames(batch.get(i).frames());
          String hypothesis =
              CharacterVocabulary.decode(
                  greedy.bestLabelling(
                      new LogProbabilities(
                          java.util.Arrays.copyOfRange(values, offset, offset + valid * vocabulary),
                          valid,
                          vocabulary)));
          WordErrorRate wer = WordErrorRate.of(batch.get(i).entry().text(), hypothesis);
          errors += wer.errors();
          words += wer.referenceWords();
        }
      }
    }
    return new Evaluation(lossSum / utterances.size(), (double) errors / Math.max(1, words));
  }

  private static NDArray features(
      NDManager manager,
      List<Utterance> batch,
      int dims,
      Optional<SpecAugment> augment,
      SplittableRandom random) {
    int longest = batch.stream().mapToInt(Utterance::frames).max().orElse(1);
    float[] padded = new float[batch.size() * longest * dims];
    for (int i = 0; i < batch.size(); i++) {
      var features = batch.get(i).features();
      int offset = i * longest * dims;
      if (augment.isPresent()) {
        augment.get().apply(features, padded, offset, random);
      } else {
        System.arraycopy(features.values(), 0, padded, offset, features.values().length);
      }
    }
    return manager.create(padded, new Shape(batch.size(), longest, dims));
  }

  private static AdamOptimizer newOptimizer(Block block, NDManager manager) {
    List<Pair<String, Parameter>> parameters = new ArrayList<>();
    block.getParameters().forEach(parameters::add);
    for (Pair<String, Parameter> pair : parameters) {
      if (pair.getValue().requiresGradient()) {
        pair.getValue().getArray().setRequiresGradient(true);
      }
    }
    return new AdamOptimizer(parameters, manager);
  }

  private void save(TrainingProgress progress, Block block, AdamOptimizer optimizer) {
    checkpoints.save(
        progress,
        folder -> {
          try (OutputStream out =
              Files.newOutputStream(folder.resolve(CheckpointFolder.NETWORK_FILE))) {
            out.write(parameterBytes(block));
          }
          try (DataOutputStream out =
              new DataOutputStream(
                  new BufferedOutputStream(
                      Files.newOutputStream(folder.resolve(CheckpointFolder.OPTIMIZER_FILE))))) {
            optimizer.save(out);
          }
        });
    LOG.debug("Checkpoint at epoch {}, batch {}", progress.epoch() + 1, progress.batch());
  }

  private static byte[] parameterBytes(Block block) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      block.saveParameters(out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("A byte array cannot fail to write", e);
    }
    return bytes.toByteArray();
  }

  private static void loadParameters(Block block, NDManager manager, Path file) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      block.loadParameters(manager, new DataInputStream(in));
    } catch (IOException | ai.djl.MalformedModelException e) {
      throw NightscribeException.configuration(
          "Cannot resume from " + file + ": " + e.getMessage() + " (delete the checkpoint folder)",
          e);
    }
  }

  private static void loadOptimizer(AdamOptimizer optimizer, NDManager manager, Path file) {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      optimizer.load(in, manager);
    } catch (IOException e) {
      throw NightscribeException.configuration(
          "Cannot resume from " + file + ": " + e.getMessage() + " (delete the checkpoint folder)",
          e);
    }
  }

  private static double median(List<Long> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
