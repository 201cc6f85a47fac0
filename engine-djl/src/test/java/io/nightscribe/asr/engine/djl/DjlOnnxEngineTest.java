package io.nightscribe.asr.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.engine.AsrEngines;
import io.nightscribe.asr.engine.AsrModel;
import io.nightscribe.asr.engine.AsrSession;
import io.nightscribe.asr.engine.AudioChunk;
import io.nightscribe.asr.engine.ChunkHypothesis;
import io.nightscribe.asr.engine.ComputeDevice;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.engine.RecognizedWord;
import io.nightscribe.asr.model.ModelPackages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wav2vec2-style ONNX export (raw waveform and attention mask in, logits over an upper-case
 * vocabulary with "|" between words out, 20 ms frames), described only by model.json. The fixture
 * script builds it with weights that make its output known: a window of mean +0.5 is "A", -0.5 is
 * "B", silence is "|".
 */
class DjlOnnxEngineTest {
  private static final int SEGMENT = 3_200; // 200 ms, ten frames

  @TempDir static Path folder;
  private static AsrModel model;

  @BeforeAll
  static void buildTheFixture() throws Exception {
    generateOnnxModel(folder);
    Files.writeString(
        folder.resolve("model.json"),
        """
        {"engine": "djl", "format": "onnx", "sampleRateHz": 16000, "name": "wav2vec2-fixture",
         "modelFile": "model.onnx", "frontEnd": {"type": "raw-waveform", "normalize": false},
         "vocabularyFile": "vocab.json", "blankId": 0, "wordDelimiter": "|",
         "lengthInput": "mask", "frameSamples": 320}
        """);
    Files.writeString(folder.resolve("words.txt"), "ab\nba\n");
    model = AsrEngines.installed().load(ModelPackages.load(folder));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void decodesLowerCaseWordsBetweenDelimitersTimedOnTwentyMillisecondFrames() {
    try (AsrSession session = model.openSession(ComputeDevice.CPU, DecodingSettings.DEFAULTS)) {
      List<RecognizedWord> words = session.transcribe(List.of(abPauseA("x", 0))).get(0).words();

      assertThat(words).extracting(RecognizedWord::text).containsExactly("ab", "a");
      assertThat(words).extracting(RecognizedWord::startMillis).containsExactly(0L, 600L);
      assertThat(words).extracting(RecognizedWord::endMillis).containsExactly(400L, 900L);
      assertThat(words).allSatisfy(word -> assertThat(word.confidence()).isBetween(0.9, 1.0));
    }
  }

  @Test
  void givesAChunkTheSameWordsAloneAsPaddedBesideALongerOne() {
    AudioChunk shorter = abPauseA("x", 0);
    AudioChunk longer = new AudioChunk("y", 0, 0, repeat(abPauseA("y", 0).samples(), 3));
    for (String batching : List.of("single", "buckets", "padded")) {
      DecodingSettings settings =
          DecodingSettings.fixedWindows(30_000, 2_000, 120_000, Map.of("batching", batching));
      try (AsrSession session = model.openSession(ComputeDevice.CPU, settings)) {
        List<ChunkHypothesis> batch = session.transcribe(List.of(longer, shorter));

        assertThat(batch.get(1))
            .usingRecursiveComparison(SameWords.CONFIDENCES_TO_1E_6)
            .isEqualTo(session.transcribe(List.of(shorter)).get(0));
        assertThat(batch.get(0).words()).extracting(RecognizedWord::text).hasSize(6);
      }
    }
  }

  @Test
  void aBeamSearchWithAWordListEmitsOnlyListedWords() {
    // "a" is not listed: the likeliest listed spelling of the last "A" is "ba", with a "B" in the
    // pause (5 nats less likely there than "|"), rather than 15 frames of "|" (5 nats each)
    DecodingSettings settings =
        DecodingSettings.fixedWindows(
            30_000, 2_000, 120_000, Map.of("method", "beam", "wordList", "words.txt"));
    try (AsrSession session = model.openSession(ComputeDevice.CPU, settings)) {
      assertThat(session.transcribe(List.of(abPauseA("x", 0))).get(0).words())
          .extracting(RecognizedWord::text)
          .containsExactly("ab", "ba");
    }
  }

  @Test
  void namesOnnxRuntime() {
    assertThat(model.engineVersion()).startsWith("djl 0.35.1 OnnxRuntime ").endsWith(" (cpu)");
  }

  /** "A" 200 ms, "B" 200 ms, silence 200 ms, "A" 300 ms: words "ab" and "a". */
  private static AudioChunk abPauseA(String source, int index) {
    float[] samples = new float[SEGMENT * 4 + SEGMENT / 2];
    Arrays.fill(samples, 0, SEGMENT, 0.5f);
    Arrays.fill(samples, SEGMENT, 2 * SEGMENT, -0.5f);
    Arrays.fill(samples, 3 * SEGMENT, samples.length, 0.5f);
    return new AudioChunk(source, index, 0, samples);
  }

  /** {@code samples} {@code times} over, with 200 ms of silence after each. */
  private static float[] repeat(float[] samples, int times) {
    float[] repeated = new float[(samples.length + SEGMENT) * times];
    for (int i = 0; i < times; i++) {
      System.arraycopy(samples, 0, repeated, i * (samples.length + SEGMENT), samples.length);
    }
    return repeated;
  }

  private static void generateOnnxModel(Path folder) throws Exception {
    String venv = System.getenv("NIGHTSCRIBE_VENV");
    Path python =
        (venv == null || venv.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache/nightscribe/mlflow-venv")
                : Path.of(venv))
            .resolve("bin/python");
    Path script = Path.of(DjlOnnxEngineTest.class.getResource("wav2vec2_ctc_fixture.py").toURI());
    Process process =
        new ProcessBuilder(python.toString(), script.toString(), folder.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(
          "Cannot build the ONNX fixture with "
              + python
              + " (run scripts/setup.sh, which installs onnx in the venv, or set"
              + " NIGHTSCRIBE_VENV): "
              + output);
    }
  }
}
