package io.nightscribe.asr.chunk;

import io.nightscribe.asr.ErrorCategory;
import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.engine.ChunkHypothesis;
import io.nightscribe.asr.engine.ChunkHypothesis.AudioChunkRef;
import io.nightscribe.asr.engine.RecognizedWord;
import io.nightscribe.asr.transcript.TranscriptRecord.Segment;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Merges the hypotheses of one source's overlapping chunks into segments timed on the source.
 *
 * <p>Overlap rule: between chunk {@code i} and {@code i+1} the boundary is the middle of their
 * overlap; chunk {@code i} owns {@code [boundary(i-1,i), boundary(i,i+1))} and a word is kept only
 * from the chunk that owns its center. These parts tile the whole source, so a word timed the same
 * in both chunks is kept exactly once. Because two decodings of the same speech can time a word
 * slightly differently, a word kept from chunk {@code i+1} that repeats the last kept word of chunk
 * {@code i} (same text, intervals intersecting or touching) is dropped as the same word said once.
 *
 * <p>Segments: a new segment starts after a pause longer than {@link #MAX_PAUSE_MILLIS} or when the
 * current one holds {@link #MAX_WORDS_PER_SEGMENT} words; a segment's confidence is the mean of its
 * words' confidences. Stateless and thread-safe.
 */
public final class TranscriptAssembler {
  /** A silence longer than this ends a segment. */
  public static final long MAX_PAUSE_MILLIS = 1_000;

  /** A segment holds at most this many words. */
  public static final int MAX_WORDS_PER_SEGMENT = 30;

  /**
   * Builds the segments of one source.
   *
   * @param hypotheses every chunk of the source, in any order, words timed relative to their chunk
   * @return segments in time order, words timed relative to the source; empty when nothing was said
   * @throws NightscribeException INTERNAL when the chunks are not exactly 0..n-1 of one source
   */
  public List<Segment> assemble(Collection<ChunkHypothesis> hypotheses) {
    List<ChunkHypothesis> chunks = new ArrayList<>(hypotheses);
    chunks.sort(Comparator.comparingInt(h -> h.chunk().index()));
    checkComplete(chunks);
    return segments(mergeWords(chunks));
  }

  /** The words of all chunks on the source's time line, each kept once. */
  List<RecognizedWord> mergeWords(List<ChunkHypothesis> chunks) {
    List<RecognizedWord> merged = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      AudioChunkRef chunk = chunks.get(i).chunk();
      long ownStart = i == 0 ? Long.MIN_VALUE : boundary(chunks.get(i - 1).chunk(), chunk);
      long ownEnd =
          i == chunks.size() - 1 ? Long.MAX_VALUE : boundary(chunk, chunks.get(i + 1).chunk());
      int chunkStart = merged.size();
      for (RecognizedWord word : chunks.get(i).words()) {
        RecognizedWord onSource = word.shiftedBy(chunk.startMillis());
        long center = onSource.centerMillis();
        if (center < ownStart || center >= ownEnd) {
          continue;
        }
        if (merged.size() == chunkStart
            && chunkStart > 0
            && sameWord(merged.get(chunkStart - 1), onSource)) {
          continue;
        }
        merged.add(onSource);
      }
    }
    return merged;
  }

  /**
   * Where ownership of the source's time line passes from chunk {@code earlier} to the next chunk
   * {@code later}: the middle of their overlap, or of the gap between them. An engine that
   * attributes words to chunks itself (hearing several chunks as one stream) uses the same rule.
   */
  public static long boundary(AudioChunkRef earlier, AudioChunkRef later) {
    long earlierEnd = earlier.startMillis() + earlier.durationMillis();
    return Math.floorDiv(later.startMillis() + earlierEnd, 2);
  }

  private static boolean sameWord(RecognizedWord kept, RecognizedWord next) {
    return kept.text().toLowerCase(Locale.ROOT).equals(next.text().toLowerCase(Locale.ROOT))
        && next.startMillis() <= kept.endMillis();
  }

  private static List<Segment> segments(List<RecognizedWord> words) {
    List<Segment> segments = new ArrayList<>();
    List<RecognizedWord> current = new ArrayList<>();
    for (RecognizedWord word : words) {
      boolean pause =
          !current.isEmpty()
              && word.startMillis() - current.get(current.size() - 1).endMillis()
                  > MAX_PAUSE_MILLIS;
      if (pause || current.size() == MAX_WORDS_PER_SEGMENT) {
        segments.add(segment(current));
        current = new ArrayList<>();
      }
      current.add(word);
    }
    if (!current.isEmpty()) {
      segments.add(segment(current));
    }
    return segments;
  }

  private static Segment segment(List<RecognizedWord> words) {
    double confidence =
        words.stream().mapToDouble(RecognizedWord::confidence).average().orElseThrow();
    String text = String.join(" ", words.stream().map(RecognizedWord::text).toList());
    return new Segment(
        words.get(0).startMillis(),
        words.get(words.size() - 1).endMillis(),
        text,
        confidence,
        words);
  }

  private static void checkComplete(List<ChunkHypothesis> chunks) {
    for (int i = 0; i < chunks.size(); i++) {
      AudioChunkRef chunk = chunks.get(i).chunk();
      if (chunk.index() != i || !chunk.sourceId().equals(chunks.get(0).chunk().sourceId())) {
        throw new NightscribeException(
            ErrorCategory.INTERNAL,
            "Cannot assemble transcript of "
                + chunks.get(0).chunk().sourceId()
                + ": expected chunk "
                + i
                + " of that source, found chunk "
                + chunk.index()
                + " of "
                + chunk.sourceId());
      }
    }
  }
}
