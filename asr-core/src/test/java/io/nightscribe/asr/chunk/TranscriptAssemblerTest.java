package io.nightscribe.asr.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.engine.ChunkHypothesis;
import io.nightscribe.asr.engine.ChunkHypothesis.AudioChunkRef;
import io.nightscribe.asr.engine.RecognizedWord;
import io.nightscribe.asr.transcript.TranscriptRecord.Segment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A fake engine "hears" a known time line of words through overlapping chunks: each chunk reports
 * every word that intersects it, clipped at its edges (a recognizer times only the part it heard),
 * timed relative to the chunk. A word straddling the middle of an overlap is then heard twice with
 * different timings. Merging must give back the time line, each word once.
 */
class TranscriptAssemblerTest {
  private final TranscriptAssembler assembler = new TranscriptAssembler();

  @Test
  void keepsEveryWordExactlyOnceAcrossBoundariesForManyLayouts() {
    Random random = new Random(42);
    for (int trial = 0; trial < 500; trial++) {
      // given a random time line and random chunking
      List<RecognizedWord> truth = timeline(random, 1 + random.nextInt(60));
      long chunkMillis = 1_000 + random.nextInt(9_000);
      long overlapMillis = random.nextInt((int) chunkMillis / 2 + 1);
      long total = truth.get(truth.size() - 1).endMillis() + random.nextInt(2_000);
      List<ChunkHypothesis> heard = hear(truth, total, chunkMillis, overlapMillis);
      Collections.shuffle(heard, random);

      // when
      List<RecognizedWord> merged = words(assembler.assemble(heard));

      // then every word once, in order, timed within what was said
      assertThat(merged)
          .as("trial %d", trial)
          .extracting(RecognizedWord::text)
          .containsExactlyElementsOf(truth.stream().map(RecognizedWord::text).toList());
      for (int i = 0; i < truth.size(); i++) {
        assertThat(merged.get(i).startMillis()).isGreaterThanOrEqualTo(truth.get(i).startMillis());
        assertThat(merged.get(i).endMillis()).isLessThanOrEqualTo(truth.get(i).endMillis());
      }
    }
  }

  @Test
  void wordStraddlingTheBoundaryGoesToTheChunkHoldingItsCenter() {
    // given chunks [0, 10000) and [8000, 18000): boundary 9000
    RecognizedWord straddling = new RecognizedWord("bridge", 8_700, 9_200, 0.8); // center 8950
    List<ChunkHypothesis> heard = hear(List.of(straddling), 18_000, 10_000, 2_000);

    // when
    List<RecognizedWord> merged = words(assembler.assemble(heard));

    // then chunk 0 owns it whole
    assertThat(merged).containsExactly(straddling);
    assertThat(heard.get(0).words()).hasSize(1);
    assertThat(heard.get(1).words()).hasSize(1);
  }

  @Test
  void sameWordTimedDifferentlyByTwoChunksIsKeptOnce() {
    // given chunk 0 hears "bridge" at 8900-9050 (center 8975 < 9000), chunk 1 at 8960-9100
    // (center 9030 >= 9000): each would own its copy
    ChunkHypothesis first =
        hypothesis(0, 0, 10_000, List.of(new RecognizedWord("bridge", 8_900, 9_050, 0.9)));
    ChunkHypothesis second =
        hypothesis(1, 8_000, 10_000, List.of(new RecognizedWord("Bridge", 960, 1_100, 0.7)));

    // when
    List<RecognizedWord> merged = words(assembler.assemble(List.of(second, first)));

    // then
    assertThat(merged).containsExactly(new RecognizedWord("bridge", 8_900, 9_050, 0.9));
  }

  @Test
  void singleChunkEmptyChunksAndNoChunks() {
    RecognizedWord word = new RecognizedWord("alone", 100, 300, 0.5);
    assertThat(words(assembler.assemble(List.of(hypothesis(0, 0, 5_000, List.of(word))))))
        .containsExactly(word);
    assertThat(
            assembler.assemble(
                List.of(
                    hypothesis(0, 0, 5_000, List.of()), hypothesis(1, 4_000, 2_000, List.of()))))
        .isEmpty();
    assertThat(assembler.assemble(List.of())).isEmpty();
  }

  @Test
  void splitsSegmentsAtLongPausesAndAtThirtyWords() {
    // given 35 words 100 ms apart, a 1001 ms pause, then 2 words
    List<RecognizedWord> words = new ArrayList<>();
    for (int i = 0; i < 35; i++) {
      words.add(new RecognizedWord("w" + i, i * 300L, i * 300L + 200, i % 2 == 0 ? 1.0 : 0.5));
    }
    long afterPause = 34 * 300L + 200 + 1_001;
    words.add(new RecognizedWord("late", afterPause, afterPause + 100, 0.25));
    words.add(new RecognizedWord("end", afterPause + 1_000, afterPause + 1_100, 0.75));

    // when
    List<Segment> segments =
        assembler.assemble(List.of(hypothesis(0, 0, afterPause + 2_000, words)));

    // then
    assertThat(segments).extracting(s -> s.words().size()).containsExactly(30, 5, 2);
    assertThat(segments.get(1).text()).isEqualTo("w30 w31 w32 w33 w34");
    assertThat(segments.get(1).startMillis()).isEqualTo(9_000);
    assertThat(segments.get(1).endMillis()).isEqualTo(10_400);
    assertThat(segments.get(0).confidence()).isEqualTo(0.75);
    assertThat(segments.get(2).confidence()).isEqualTo(0.5);
  }

  @Test
  void refusesAnIncompleteSetOfChunks() {
    List<ChunkHypothesis> gap =
        List.of(hypothesis(0, 0, 5_000, List.of()), hypothesis(2, 8_000, 5_000, List.of()));

    assertThatThrownBy(() -> assembler.assemble(gap))
        .hasMessage(
            "Cannot assemble transcript of src: expected chunk 1 of that source, found chunk 2 of src");
  }

  private static List<RecognizedWord> timeline(Random random, int count) {
    List<RecognizedWord> words = new ArrayList<>();
    long at = random.nextInt(500);
    for (int i = 0; i < count; i++) {
      long length = 50 + random.nextInt(700);
      words.add(new RecognizedWord("w" + i, at, at + length, random.nextInt(10_001) / 10_000.0));
      at += length + random.nextInt(random.nextInt(10) == 0 ? 3_000 : 300);
    }
    return words;
  }

  private static List<ChunkHypothesis> hear(
      List<RecognizedWord> truth, long totalMillis, long chunkMillis, long overlapMillis) {
    List<ChunkHypothesis> heard = new ArrayList<>();
    long step = chunkMillis - overlapMillis;
    for (int index = 0; index == 0 || index * step + overlapMillis < totalMillis; index++) {
      long start = index * step;
      long end = Math.min(totalMillis, start + chunkMillis);
      List<RecognizedWord> words = new ArrayList<>();
      for (RecognizedWord word : truth) {
        if (word.endMillis() > start && word.startMillis() < end) {
          long clippedStart = Math.max(start, word.startMillis());
          long clippedEnd = Math.min(end, word.endMillis());
          words.add(
              new RecognizedWord(
                  word.text(), clippedStart - start, clippedEnd - start, word.confidence()));
        }
      }
      heard.add(hypothesis(index, start, end - start, words));
    }
    return heard;
  }

  private static ChunkHypothesis hypothesis(
      int index, long startMillis, long durationMillis, List<RecognizedWord> words) {
    return new ChunkHypothesis(new AudioChunkRef("src", index, startMillis, durationMillis), words);
  }

  private static List<RecognizedWord> words(List<Segment> segments) {
    return segments.stream().flatMap(s -> s.words().stream()).toList();
  }
}
