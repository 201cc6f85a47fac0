package io.nightscribe.asr.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.acoustic.Features;
import io.nightscribe.asr.acoustic.LogMelSpectrogram;
import io.nightscribe.asr.manifest.DatasetEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop on a small made-up corpus: learning, determinism, and resuming. */
class CtcTrainerTest {
  private static final int DIMS = 8;

  @TempDir Path folder;

  private final TrainingConfig config =
      TrainingConfig.read(
          """
          {"dataset": "file:///made-up/manifest.jsonl", "seed": 9, "channels": 16, "blocks": 1,
           "kernel": 3, "epochs": 4, "batchSeconds": 4, "maxUtteranceSeconds": 2,
           "warmupSteps": 2, "learningRate": 0.01, "checkpointEverySteps": 3, "threads": 1}
          """
              .getBytes(StandardCharsets.UTF_8),
          "test config");
  private final TrainingCorpus corpus = corpus();

  @Test
  void lossFallsAndTrainingAgainGivesTheSameWeights() {
    List<TrainingProgress.EpochMetrics> epochs = new ArrayList<>();
    CtcTrainer.TrainedNetwork first = trainer("a", epochs::add).train(corpus);
    CtcTrainer.TrainedNetwork second = trainer("b", metrics -> {}).train(corpus);

    assertThat(epochs).hasSize(4);
    assertThat(epochs.get(3).trainLoss()).isLessThan(epochs.get(0).trainLoss());
    assertThat(second.parameters()).isEqualTo(first.parameters());
  }

  @Test
  void aTrainingThatDiesMidEpochResumesFromItsCheckpointToTheSameWeights() {
    byte[] uninterrupted = trainer("whole", metrics -> {}).train(corpus).parameters();
    CtcTrainer.TrainingListener dying =
        new CtcTrainer.TrainingListener() {
          @Override
          public void stepEnded(long step, int epoch, double loss, long millis) {
            if (step == 8) {
              throw new IllegalStateException("killed");
            }
          }

          @Override
          public void epochEnded(TrainingProgress.EpochMetrics metrics) {}
        };

    assertThatThrownBy(() -> trainer("resumed", dying).train(corpus)).hasMessage("killed");
    TrainingProgress saved =
        CheckpointFolder.progress(
            new CheckpointFolder(folder.resolve("resumed")).latest().orElseThrow());
    assertThat(saved.step()).isEqualTo(6);
    byte[] resumed = trainer("resumed", metrics -> {}).train(corpus).parameters();

    assertThat(resumed).isEqualTo(uninterrupted);
  }

  @Test
  void aCheckpointOfAnotherTrainingIsRefused() {
    trainer("shared", metrics -> {}).train(corpus);

    assertThatThrownBy(
            () ->
                new CtcTrainer(
                        config,
                        "another-training",
                        LogMelSpectrogram.standard(),
                        new CheckpointFolder(folder.resolve("shared")),
                        metrics -> {})
                    .train(corpus))
        .isInstanceOf(NightscribeException.class)
        .hasMessageContaining("it belongs to training train-test");
  }

  private CtcTrainer trainer(String checkpoints, CtcTrainer.TrainingListener listener) {
    return new CtcTrainer(
        config,
        "train-test",
        LogMelSpectrogram.standard(),
        new CheckpointFolder(folder.resolve(checkpoints)),
        listener);
  }

  /** Utterances whose features say their labels: token k lights dimension k % DIMS. */
  private static TrainingCorpus corpus() {
    Random random = new Random(5);
    List<Utterance> utterances = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      int[] labels = new int[2 + random.nextInt(3)];
      for (int j = 0; j < labels.length; j++) {
        labels[j] = 3 + random.nextInt(5);
      }
      int framesPerLabel = 8;
      int frames = labels.length * framesPerLabel;
      float[] values = new float[frames * DIMS];
      for (int t = 0; t < frames; t++) {
        for (int d = 0; d < DIMS; d++) {
          values[t * DIMS + d] = (float) (0.3 * random.nextGaussian());
        }
        values[t * DIMS + labels[t / framesPerLabel] % DIMS] += 2;
      }
      utterances.add(
          new Utterance(
              new DatasetEntry(
                  "u" + i,
                  "file:///made-up/u" + i + ".wav",
                  CharacterVocabulary.decode(labels),
                  "0".repeat(64),
                  "synthetic"),
              i % 6 == 0 ? DataSplit.DEV : DataSplit.TRAIN,
              labels,
              new Features(values, frames, DIMS)));
    }
    return new TrainingCorpus(utterances, Map.of());
  }
}
