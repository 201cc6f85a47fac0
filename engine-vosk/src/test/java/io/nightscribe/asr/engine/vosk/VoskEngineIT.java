package io.nightscribe.asr.engine.vosk;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.chunk.Segmentation;
import io.nightscribe.asr.chunk.Segmenter;
import io.nightscribe.asr.chunk.TranscriptAssembler;
import io.nightscribe.asr.engine.AsrEngine;
import io.nightscribe.asr.engine.AsrModel;
import io.nightscribe.asr.engine.AsrSession;
import io.nightscribe.asr.engine.AudioChunk;
import io.nightscribe.asr.engine.ChunkHypothesis;
import io.nightscribe.asr.engine.ComputeDevice;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.engine.PauseSegmentation;
import io.nightscribe.asr.engine.RecognizedWord;
import io.nightscribe.asr.model.BuiltinModels;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.testing.ArrayPcmStream;
import io.nightscribe.asr.testing.SpeechFixtures;
import io.nightscribe.asr.text.WordErrorRate;
import io.nightscribe.asr.transcript.TranscriptRecord.Segment;
import io.nightscribe.asr.vad.SpeechDetectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in Vosk model on flite speech, cut at pauses (by the Silero detector, in batches as the
 * executor makes them) or in fixed windows, and merged.
 */
class VoskEngineIT {
  private static final Path WORK = Path.of("target", "vosk-it");
  private static final List<String> SENTENCES = SpeechFixtures.READ_SENTENCES;

  private static AsrModel model;

  @BeforeAll
  static void loadModel() {
    ModelPackage builtin = new BuiltinModels(WORK.resolve("models")).get(VoskSmallEnUs.NAME);
    AsrEngine vosk =
        ServiceLoader.load(AsrEngine.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(engine -> engine.name().equals("vosk"))
            .findFirst()
            .orElseThrow();
    model = vosk.load(builtin);
  }

  @AfterAll
  static void closeModel() {
    if (model != null) {
      model.close();
    }
  }

  @Test
  void transcribesEachSentenceWithFewErrorsAndOrderedTimes() throws Exception {
    for (int i = 0; i < SENTENCES.size(); i++) {
      // given
      float[] audio = speech(i);
      long audioMillis = audio.length / 16L;

      // when
      List<Segment> segments = transcribe("s" + i, audio, DecodingSettings.DEFAULTS);

      // then
      List<RecognizedWord> words = words(segments);
      String text = text(words);
      WordErrorRate wer = WordErrorRate.of(SENTENCES.get(i), text);
      System.out.printf("sentence %d: WER %.3f '%s'%n", i, wer.rate(), text);
      assertThat(wer.rate()).as(text).isLessThanOrEqualTo(0.20);
      long previousStart = -1;
      for (RecognizedWord word : words) {
        assertThat(word.startMillis()).isGreaterThan(previousStart);
        assertThat(word.endMillis()).isLessThanOrEqualTo(audioMillis);
        previousStart = word.startMillis();
      }
    }
  }

  @Test
  void longConcatenationAcrossChunksDoublesAndLosesNoWords() throws Exception {
    // given ~90 s: the four sentences, each followed by 1.5 s of silence, repeated
    List<float[]> parts = new ArrayList<>();
    StringBuilder reference = new StringBuilder();
    int total = 0;
    while (total < 90 * 16_000) {
      for (int i = 0; i < SENTENCES.size(); i++) {
        float[] sentence = speech(i);
        parts.add(sentence);
        parts.add(new float[24_000]);
        total += sentence.length + 24_000;
        reference.append(SENTENCES.get(i)).append(' ');
      }
    }
    float[] audio = concat(parts);

    for (DecodingSettings settings :
        List.of(
            DecodingSettings.fixedWindows(20_000, 2_000, 120_000, Map.of()),
            DecodingSettings.DEFAULTS)) {
      // when
      long started = System.nanoTime();
      List<Segment> segments = transcribe("long", audio, settings);
      double seconds = (System.nanoTime() - started) / 1e9;

      // then
      String text = text(words(segments));
      WordErrorRate wer = WordErrorRate.of(reference.toString(), text);
      System.out.printf(
          "long, %s: %.1f s audio in %.1f s (RTF %.3f), WER %.3f (S%d D%d I%d)%n",
          settings.segmentation().isPresent() ? "at pauses" : "fixed windows",
          audio.length / 16_000.0,
          seconds,
          seconds / (audio.length / 16_000.0),
          wer.rate(),
          wer.substitutions(),
          wer.deletions(),
          wer.insertions());
      assertThat(wer.rate()).as(text).isLessThanOrEqualTo(0.20);
      assertThat(wer.rate()).as(text).isLessThanOrEqualTo(separateSentencesWer() + 0.03);
      List<String> spoken = WordErrorRate.normalize(text);
      for (int i = 1; i < spoken.size(); i++) {
        assertThat(spoken.get(i)).as("word %d of %s", i, text).isNotEqualTo(spoken.get(i - 1));
      }
    }
  }

  @Test
  void cutAtPausesTheSilenceBetweenSentencesIsNotHeard() throws Exception {
    // given the sentences with 4 s of silence between them: longer than is ever joined
    List<float[]> parts = new ArrayList<>();
    int speech = 0;
    for (int i = 0; i < SENTENCES.size(); i++) {
      parts.add(speech(i));
      parts.add(new float[64_000]);
      speech += speech(i).length;
    }
    float[] audio = concat(parts);

    // when
    List<AudioChunk> chunks = chunks("gaps", audio, DecodingSettings.DEFAULTS);

    // then one chunk per sentence, holding it and a little padding, never the silence
    assertThat(chunks).hasSize(SENTENCES.size());
    long heard = chunks.stream().mapToLong(AudioChunk::durationMillis).sum();
    assertThat(heard).isBetween(speech / 16L - 1_000, speech / 16L + 2_000);
  }

  @Test
  void speechCutWithoutAPauseIsHeardOnceAndLosesNoWord() throws Exception {
    // given the sentences back to back, and chunks of at most 4 s: most cuts fall in speech
    List<float[]> parts = new ArrayList<>();
    StringBuilder reference = new StringBuilder();
    int total = 0;
    for (int i = 0; i < SENTENCES.size(); i++) {
      parts.add(speech(i));
      total += speech(i).length;
      reference.append(SENTENCES.get(i)).append(' ');
    }
    DecodingSettings shortChunks =
        new DecodingSettings(
            4_000,
            1_000,
            120_000,
            Map.of(),
            Optional.of(
                new PauseSegmentation(PauseSegmentation.SILERO_VAD, 50, 300, 200, 2_000, 2_000)));
    float[] audio = concat(parts);

    // when
    List<AudioChunk> chunks = chunks("tight", audio, shortChunks);
    String text = text(words(transcribe("tight", audio, shortChunks)));

    // then
    assertThat(chunks.size()).isGreaterThan(total / 16 / 4_000);
    WordErrorRate wer = WordErrorRate.of(reference.toString(), text);
    assertThat(wer.rate()).as(text).isLessThanOrEqualTo(separateSentencesWer() + 0.03);
  }

  @Test
  void aBatchGetsTheSameAnswerFromAFreshSessionAsAfterOtherBatches() throws Exception {
    // given two sources cut at pauses, each one batch
    DecodingSettings settings = DecodingSettings.DEFAULTS;
    List<AudioChunk> first =
        chunks("first", concat(List.of(speech(0), new float[48_000], speech(1))), settings);
    List<AudioChunk> second =
        chunks("second", concat(List.of(speech(2), new float[16_000], speech(3))), settings);

    // when the second is heard alone, and after the first by the same session
    List<ChunkHypothesis> alone;
    try (AsrSession session = model.openSession(ComputeDevice.CPU, settings)) {
      alone = session.transcribe(second);
    }
    List<ChunkHypothesis> afterAnother;
    try (AsrSession session = model.openSession(ComputeDevice.CPU, settings)) {
      session.transcribe(first);
      afterAnother = session.transcribe(second);
    }

    // then the words, times and confidences are the same to the last bit
    assertThat(afterAnother).isEqualTo(alone);
    assertThat(alone.stream().mapToInt(answer -> answer.words().size()).sum()).isGreaterThan(10);
  }

  @Test
  void theSameAudioGivesTheSameWordsAndConfidencesWhateverWasDecodedBeforeOrBeside()
      throws Exception {
    // given every sentence transcribed once, in order, on one thread
    List<List<Segment>> inOrder = new ArrayList<>();
    for (int i = 0; i < SENTENCES.size(); i++) {
      inOrder.add(transcribe("s" + i, speech(i), DecodingSettings.DEFAULTS));
    }

    // when the same model transcribes them again in reverse order, two at a time
    ExecutorService workers = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<Segment>>> again = new ArrayList<>();
      for (int i = 0; i < SENTENCES.size(); i++) {
        float[] sentence = speech(SENTENCES.size() - 1 - i);
        String id = "s" + (SENTENCES.size() - 1 - i);
        again.add(workers.submit(() -> transcribe(id, sentence, DecodingSettings.DEFAULTS)));
      }

      // then each gets the very same words, times and confidences (Kaldi's dither would differ)
      for (int i = 0; i < SENTENCES.size(); i++) {
        assertThat(again.get(i).get())
            .as(SENTENCES.get(SENTENCES.size() - 1 - i))
            .isEqualTo(inOrder.get(SENTENCES.size() - 1 - i));
      }
    } finally {
      workers.shutdownNow();
    }
  }

  private static double separateSentencesWer() throws Exception {
    int errors = 0;
    int words = 0;
    for (int i = 0; i < SENTENCES.size(); i++) {
      String text = text(words(transcribe("s" + i, speech(i), DecodingSettings.DEFAULTS)));
      WordErrorRate wer = WordErrorRate.of(SENTENCES.get(i), text);
      errors += wer.errors();
      words += wer.referenceWords();
    }
    return (double) errors / words;
  }

  /** Cuts, batches (as the executor does: consecutive chunks up to the batch size) and merges. */
  private static List<Segment> transcribe(String id, float[] audio, DecodingSettings settings) {
    List<ChunkHypothesis> hypotheses = new ArrayList<>();
    try (AsrSession session = model.openSession(ComputeDevice.CPU, settings)) {
      List<AudioChunk> batch = new ArrayList<>();
      long batchMillis = 0;
      for (AudioChunk chunk : chunks(id, audio, settings)) {
        if (!batch.isEmpty() && batchMillis + chunk.durationMillis() > settings.maxBatchMillis()) {
          hypotheses.addAll(session.transcribe(batch));
          batch = new ArrayList<>();
          batchMillis = 0;
        }
        batch.add(chunk);
        batchMillis += chunk.durationMillis();
      }
      if (!batch.isEmpty()) {
        hypotheses.addAll(session.transcribe(batch));
      }
    }
    return new TranscriptAssembler().assemble(hypotheses);
  }

  private static List<AudioChunk> chunks(String id, float[] audio, DecodingSettings settings) {
    List<AudioChunk> chunks = new ArrayList<>();
    try (Segmentation segmentation = Segmentation.of(settings, SpeechDetectors.installed());
        Segmenter segmenter = segmentation.open(id, new ArrayPcmStream(audio, 4_096))) {
      for (AudioChunk chunk = segmenter.next(); chunk != null; chunk = segmenter.next()) {
        chunks.add(chunk);
      }
    }
    return chunks;
  }

  private static float[] speech(int sentence) throws Exception {
    Path wav =
        SpeechFixtures.flite(
            SENTENCES.get(sentence), WORK.resolve("sentence-" + sentence + ".wav"));
    return SpeechFixtures.readWav16kMono(wav);
  }

  private static float[] concat(List<float[]> parts) {
    float[] all = new float[parts.stream().mapToInt(part -> part.length).sum()];
    int at = 0;
    for (float[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  private static List<RecognizedWord> words(List<Segment> segments) {
    return segments.stream().flatMap(s -> s.words().stream()).toList();
  }

  private static String text(List<RecognizedWord> words) {
    return String.join(" ", words.stream().map(RecognizedWord::text).toList());
  }
}
