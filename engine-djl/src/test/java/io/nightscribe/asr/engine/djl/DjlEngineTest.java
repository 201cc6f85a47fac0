package io.nightscribe.asr.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import io.nightscribe.asr.ErrorCategory;
import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.acoustic.ConvCtcNetwork;
import io.nightscribe.asr.engine.AsrEngines;
import io.nightscribe.asr.engine.AsrModel;
import io.nightscribe.asr.engine.AsrSession;
import io.nightscribe.asr.engine.AudioChunk;
import io.nightscribe.asr.engine.ChunkHypothesis;
import io.nightscribe.asr.engine.ComputeDevice;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.engine.RecognizedWord;
import io.nightscribe.asr.model.ModelPackages;
import io.nightscribe.asr.testing.RandomCtcPackage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A DJL-format package of nightscribe's network, randomly initialized, loaded as a run loads it.
 */
class DjlEngineTest {
  private static final List<String> LETTERS = RandomCtcPackage.TOKENS;

  @TempDir static Path folder;
  private static AsrModel model;

  @BeforeAll
  static void loadARandomNetwork() throws Exception {
    ConvCtcNetwork network = new ConvCtcNetwork(80, 32, 2, 5, 2, LETTERS.size());
    RandomCtcPackage.write(folder, network, 11);
    model = AsrEngines.installed().load(ModelPackages.load(folder));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void inSingleModeAChunkGetsTheSameHypothesisToTheLastBitAloneAsInABatch() {
    List<AudioChunk> batch = mixedLengths();

    try (AsrSession session = model.openSession(ComputeDevice.CPU, greedy("single"))) {
      List<ChunkHypothesis> together = session.transcribe(batch);
      List<ChunkHypothesis> alone = transcribeOneByOne(session, batch);

      // records' equals compares confidences as doubles: no tolerance, so replays are
      // byte-identical
      assertThat(together).isEqualTo(alone);
      assertThat(together)
          .extracting(answer -> answer.chunk().sourceId() + answer.chunk().index())
          .containsExactly("a0", "b0", "a1", "c0", "d0");
      assertThat(wordCount(together))
          .as("a random network spells something, or the comparison proves nothing")
          .isPositive();
    }
  }

  /**
   * A pass's shape changes how its products round: in a batched mode a chunk's confidences agree
   * with its own pass's to about 1e-7, not to the last bit. {@link DjlBatchedReplayTest} shows why
   * replays are byte-identical all the same: the executor gives a chunk the same batch every time.
   */
  @ParameterizedTest
  @ValueSource(strings = {"buckets", "sorted"})
  void inABatchedModeAChunkGetsTheSameWordsAndTimingsAloneAsInABatch(String batching) {
    List<AudioChunk> batch = mixedLengths();

    try (AsrSession session = model.openSession(ComputeDevice.CPU, greedy(batching))) {
      List<ChunkHypothesis> together = session.transcribe(batch);
      List<ChunkHypothesis> alone = transcribeOneByOne(session, batch);

      assertThat(together)
          .usingRecursiveFieldByFieldElementComparator(SameWords.CONFIDENCES_TO_1E_6)
          .isEqualTo(alone);
      assertThat(together)
          .extracting(answer -> answer.chunk().sourceId() + answer.chunk().index())
          .containsExactly("a0", "b0", "a1", "c0", "d0");
      assertThat(wordCount(together))
          .as("a random network spells something, or the comparison proves nothing")
          .isPositive();
    }
  }

  @Test
  void wordsAreLowerCaseAndInsideTheirChunk() {
    AudioChunk chunk = noise("a", 0, 3_000);
    try (AsrSession session = model.openSession(ComputeDevice.CPU, beam(Map.of()))) {
      List<RecognizedWord> words = session.transcribe(List.of(chunk)).get(0).words();

      assertThat(words).isNotEmpty();
      assertThat(words)
          .allSatisfy(
              word -> {
                assertThat(word.text()).isEqualTo(word.text().toLowerCase(java.util.Locale.ROOT));
                assertThat(word.endMillis()).isLessThanOrEqualTo(chunk.durationMillis());
                assertThat(word.confidence()).isBetween(0.0, 1.0);
              });
    }
  }

  @Test
  void paddedRunsTheBatchAsOnePassAndAnswersInOrder() {
    List<AudioChunk> batch = List.of(noise("a", 0, 2_000), noise("b", 0, 900));
    try (AsrSession session =
        model.openSession(ComputeDevice.CPU, beam(Map.of("batching", "padded")))) {
      assertThat(session.transcribe(batch))
          .extracting(answer -> answer.chunk().sourceId())
          .containsExactly("a", "b");
    }
  }

  @Test
  void namesDjlTheEngineAndItsNativeVersions() {
    assertThat(model.engineVersion()).isEqualTo("djl 0.35.1 PyTorch 2.7.1 (cpu)");
  }

  @Test
  void givesEveryWorkerTheCpuWithoutCuda() {
    assertThat(Engine.getEngine("PyTorch").getGpuCount()).isZero();
    assertThat(model.devicesFor(3))
        .containsExactly(ComputeDevice.CPU, ComputeDevice.CPU, ComputeDevice.CPU);
  }

  @Test
  void refusesAGpuThisMachineDoesNotHave() {
    assertThatThrownBy(() -> model.openSession(ComputeDevice.gpu(0), DecodingSettings.DEFAULTS))
        .isInstanceOf(NightscribeException.class)
        .hasMessage(
            "Cannot open a DJL session on gpu(0): PyTorch sees 0 CUDA devices"
                + " (use the devices the model assigns, or cpu)");
  }

  @Test
  void refusesAnUnknownEngineOption() {
    assertThatThrownBy(() -> model.openSession(ComputeDevice.CPU, beam(Map.of("beamwidth", "8"))))
        .isInstanceOf(NightscribeException.class)
        .hasMessage(
            "Invalid DJL engine option: unknown option 'beamwidth'"
                + " (allowed: batching, beamWidth, method, wordBonus, wordList, wordWeight)")
        .extracting(e -> ((NightscribeException) e).category())
        .isEqualTo(ErrorCategory.CONFIGURATION);
  }

  @Test
  void refusesAMissingWordList() {
    assertThatThrownBy(
            () -> model.openSession(ComputeDevice.CPU, beam(Map.of("wordList", "missing.txt"))))
        .isInstanceOf(NightscribeException.class)
        .hasMessageStartingWith("Cannot read word list " + folder.resolve("missing.txt"))
        .hasMessageEndingWith(
            "(give wordList relative to the model package " + folder + ", or absolute)");
  }

  /**
   * 2.5 s and 2.6 s share a padded length (a bucket in buckets mode); the others are padded to
   * lengths of their own.
   */
  private static List<AudioChunk> mixedLengths() {
    return List.of(
        noise("a", 0, 2_600),
        noise("b", 0, 1_000),
        noise("a", 1, 2_500),
        noise("c", 0, 700),
        noise("d", 0, 3_200));
  }

  private static List<ChunkHypothesis> transcribeOneByOne(
      AsrSession session, List<AudioChunk> batch) {
    List<ChunkHypothesis> alone = new ArrayList<>();
    for (AudioChunk chunk : batch) {
      alone.addAll(session.transcribe(List.of(chunk)));
    }
    return alone;
  }

  private static int wordCount(List<ChunkHypothesis> answers) {
    return answers.stream().mapToInt(answer -> answer.words().size()).sum();
  }

  private static DecodingSettings greedy(String batching) {
    return DecodingSettings.fixedWindows(30_000, 2_000, 120_000, Map.of("batching", batching));
  }

  static DecodingSettings beam(Map<String, String> options) {
    Map<String, String> all = new TreeMap<>(Map.of("method", "beam", "beamWidth", "4"));
    all.putAll(options);
    return DecodingSettings.fixedWindows(30_000, 2_000, 120_000, all);
  }

  /** Seeded noise, so every run hears the same audio. */
  static AudioChunk noise(String source, int index, int millis) {
    Random random = new Random(source.hashCode() * 31L + index);
    float[] samples = new float[millis * 16];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (float) (random.nextGaussian() * 0.1);
    }
    return new AudioChunk(source, index, index * 28_000L, samples);
  }
}
