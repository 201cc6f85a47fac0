package io.nightscribe.asr.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.acoustic.ConvCtcNetwork;
import io.nightscribe.asr.audio.FfmpegAudioDecoder;
import io.nightscribe.asr.dataset.Pcm16Wav;
import io.nightscribe.asr.engine.AsrEngines;
import io.nightscribe.asr.engine.ComputeDevice;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.model.ModelPackages;
import io.nightscribe.asr.pipeline.ExecutorSettings;
import io.nightscribe.asr.pipeline.PackageTranscriber;
import io.nightscribe.asr.pipeline.TranscriptionInput;
import io.nightscribe.asr.pipeline.TranscriptionOutcome;
import io.nightscribe.asr.storage.FileObjectStore;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.asr.testing.RandomCtcPackage;
import io.nightscribe.asr.testing.SpeechFixtures;
import io.nightscribe.asr.transcript.TranscriptRecord;
import io.nightscribe.asr.vad.SpeechDetectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batched DJL run replays to the last bit: the executor makes each batch from one source's
 * chunks, as the audio and the settings say, so a chunk shares its forward passes with the same
 * chunks whichever worker, thread or timing handles it. {@link DjlEngineTest} shows why that
 * matters: in a batched mode a chunk's confidences differ in the last bits between alone and in a
 * batch. Real speech (Debian's pocketsphinx-testdata) cut at pauses, a random network.
 */
class DjlBatchedReplayTest {
  private static final Path LIBRIVOX = Path.of("/usr/share/pocketsphinx/test/data/librivox");

  @TempDir static Path folder;
  private static ModelPackage network;
  private static List<TranscriptionInput> inputs;

  @BeforeAll
  static void writeRecordingsAndANetwork() throws Exception {
    Path model = Files.createDirectories(folder.resolve("model"));
    RandomCtcPackage.write(model, new ConvCtcNetwork(80, 32, 2, 5, 2, 29), 11);
    network = ModelPackages.load(model);
    List<Path> sentences;
    try (var files = Files.list(LIBRIVOX)) {
      sentences = files.filter(file -> file.toString().endsWith(".wav")).sorted().toList();
    }
    inputs = new ArrayList<>();
    Random random = new Random(5);
    for (int call = 0; call < 4; call++) {
      List<Path> order = new ArrayList<>(sentences);
      Collections.shuffle(order, random);
      Path wav = folder.resolve("call-" + call + ".wav");
      Files.write(wav, Pcm16Wav.encode(withPauses(order, random), 16_000));
      inputs.add(
          new TranscriptionInput(wav.getFileName().toString(), StorageUri.ofPath(wav, false)));
    }
  }

  @Test
  void aBatchedRunGivesTheSameTranscriptsWhateverTheThreadsDo() {
    DecodingSettings settings = DecodingSettings.DEFAULTS;
    assertThat(settings.engineOptions()).doesNotContainKey("batching");

    Map<String, TranscriptRecord> oneWorker = run(settings, ExecutorSettings.onCpu(1));
    Map<String, TranscriptRecord> twoWorkers = run(settings, ExecutorSettings.onCpu(2));
    Map<String, TranscriptRecord> crowded =
        run(settings, new ExecutorSettings(List.of(ComputeDevice.CPU, ComputeDevice.CPU), 2, 2));

    // records compare confidences as doubles, before the transcript rounds them to four places
    assertThat(twoWorkers).isEqualTo(oneWorker);
    assertThat(crowded).isEqualTo(oneWorker);
    assertThat(oneWorker.values())
        .as("a random network spells something, or the comparison proves nothing")
        .allSatisfy(record -> assertThat(record.segments()).isNotEmpty());
  }

  private static Map<String, TranscriptRecord> run(
      DecodingSettings settings, ExecutorSettings threads) {
    Map<String, TranscriptRecord> transcripts = new ConcurrentHashMap<>();
    PackageTranscriber transcriber =
        new PackageTranscriber(
            AsrEngines.installed(), SpeechDetectors.installed(), new FfmpegAudioDecoder(), threads);
    try (var loaded = transcriber.load(network, settings, "c".repeat(64))) {
      loaded.run(
          new FileObjectStore(),
          inputs.iterator(),
          outcome ->
              transcripts.put(
                  outcome.input().key(),
                  ((TranscriptionOutcome.Transcribed) outcome).transcript()));
    }
    return transcripts;
  }

  /** The sentences one after another, each followed by 0.3 to 2.5 s of silence. */
  private static short[] withPauses(List<Path> sentences, Random random) throws Exception {
    List<Short> samples = new ArrayList<>();
    for (Path sentence : sentences) {
      for (float sample : SpeechFixtures.readWav16kMono(sentence)) {
        samples.add((short) Math.round(sample * 32767));
      }
      int pause = 16 * (300 + random.nextInt(2_200));
      for (int i = 0; i < pause; i++) {
        samples.add((short) 0);
      }
    }
    short[] pcm = new short[samples.size()];
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] = samples.get(i);
    }
    return pcm;
  }
}
