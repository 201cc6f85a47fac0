package io.nightscribe.asr.engine.vosk;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.chunk.Chunker;
import io.nightscribe.asr.chunk.TranscriptAssembler;
import io.nightscribe.asr.engine.AsrEngine;
import io.nightscribe.asr.engine.AsrModel;
import io.nightscribe.asr.engine.AsrSession;
import io.nightscribe.asr.engine.AudioChunk;
import io.nightscribe.asr.engine.ChunkHypothesis;
import io.nightscribe.asr.engine.ComputeDevice;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.engine.RecognizedWord;
import io.nightscribe.asr.model.BuiltinModels;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.testing.ArrayPcmStream;
import io.nightscribe.asr.testing.SpeechFixtures;
import io.nightscribe.asr.text.WordErrorRate;
import io.nightscribe.asr.transcript.TranscriptRecord.Segment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The built-in Vosk model on flite speech, through chunking and merging. */
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
    float[] audio = concat(parts, total);
    DecodingSettings settings = new DecodingSettings(20_000, 2_000, 120_000, Map.of());

    // when
    long started = System.nanoTime();
    List<Segment> segments = transcribe("long", audio, settings);
    double seconds = (System.nanoTime() - started) / 1e9;

    // then
    String text = text(words(segments));
    WordErrorRate wer = WordErrorRate.of(reference.toString(), text);
    System.out.printf(
        "long: %.1f s audio in %.1f s (RTF %.3f), WER %.3f (S%d D%d I%d)%n",
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

  private static List<Segment> transcribe(String id, float[] audio, DecodingSettings settings) {
    Chunker chunker = new Chunker(id, new ArrayPcmStream(audio, 4_096), settings);
    List<ChunkHypothesis> hypotheses = new ArrayList<>();
    try (AsrSession session = model.openSession(ComputeDevice.CPU, settings)) {
      for (AudioChunk chunk = chunker.next(); chunk != null; chunk = chunker.next()) {
        hypotheses.addAll(session.transcribe(List.of(chunk)));
      }
    }
    return new TranscriptAssembler().assemble(hypotheses);
  }

  private static float[] speech(int sentence) throws Exception {
    Path wav =
        SpeechFixtures.flite(
            SENTENCES.get(sentence), WORK.resolve("sentence-" + sentence + ".wav"));
    return SpeechFixtures.readWav16kMono(wav);
  }

  private static float[] concat(List<float[]> parts, int total) {
    float[] all = new float[total];
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
