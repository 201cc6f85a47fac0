package io.nightscribe.asr.chunk;

import io.nightscribe.asr.engine.AudioChunk;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.engine.PauseSegmentation;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Queue;

/**
 * Decides where one source's audio is cut at pauses, from the speech probability of each frame as
 * the frames arrive; {@link PauseSegmenter} cuts the audio where it says. Positions are sample
 * indices into the source.
 *
 * <ol>
 *   <li>Speech stretches: speech starts at a frame whose probability reaches the threshold and ends
 *       at the first frame of a pause: {@code minPauseMillis} of frames below the threshold less
 *       {@link PauseSegmentation#HYSTERESIS_PERCENT} points.
 *   <li>Segments: a stretch opens a segment padded by {@code padMillis} on each side; the next
 *       stretch joins it when the pause between them is at most {@code joinPauseMillis} and the
 *       segment stays within {@code preferredMillis}, pauses included. A segment that outgrows the
 *       preferred length is cut at its last joining pause. Padding never crosses the middle of a
 *       pause, so segments cut at a pause never overlap; a longer pause is not in any segment.
 *   <li>Long speech: a segment of one stretch reaching the chunk length is cut at its quietest
 *       frame in the second half of the chunk when that frame is below the pause threshold;
 *       otherwise it is force-cut at the chunk length, the next segment starting {@code
 *       overlapMillis} earlier (the transcript assembler merges the overlap, as with fixed
 *       windows).
 * </ol>
 *
 * Not thread-safe; one per source.
 */
final class SegmentPlanner {
  /** Where a segment lies in its source: samples {@code [start, end)}. */
  record Cut(long start, long end) {}

  private final int frameSamples;
  private final float speechStarts;
  private final float speechEnds;
  private final int pauseFrames;
  private final long padSamples;
  private final long preferredSamples;
  private final long joinPauseSamples;
  private final long maxSamples;
  private final long overlapSamples;
  private final Queue<Cut> cuts = new ArrayDeque<>();

  private long frames;
  private boolean inSpeech;
  private int quietFrames;
  private long segmentStart = -1;
  private long stretchEnd = -1;
  private long lastJoinEnd = -1;
  private long lastJoinStart = -1;
  private long earliestStart;
  private float[] probabilities = new float[256];
  private long firstProbabilityFrame;

  /**
   * @param frameSamples samples per scored frame
   * @param settings cut at pauses as their segmentation says, at most {@code chunkMillis} long
   */
  SegmentPlanner(int frameSamples, DecodingSettings settings) {
    PauseSegmentation pauses =
        settings
            .segmentation()
            .orElseThrow(() -> new IllegalArgumentException("Settings cut fixed windows"));
    this.frameSamples = frameSamples;
    this.speechStarts = pauses.thresholdPercent() / 100f;
    this.speechEnds = (pauses.thresholdPercent() - PauseSegmentation.HYSTERESIS_PERCENT) / 100f;
    this.pauseFrames = (int) Math.max(1, ceilDiv(samples(pauses.minPauseMillis()), frameSamples));
    this.padSamples = samples(pauses.padMillis());
    this.preferredSamples = samples(pauses.preferredMillis());
    this.joinPauseSamples = samples(pauses.joinPauseMillis());
    this.maxSamples = samples(settings.chunkMillis());
    this.overlapSamples = samples(settings.overlapMillis());
  }

  /** Takes the next frame's speech probability. */
  void frame(float probability) {
    long frame = frames++;
    remember(frame, probability);
    if (!inSpeech && probability >= speechStarts) {
      inSpeech = true;
      quietFrames = 0;
      stretchStarts(frame * frameSamples);
    } else if (inSpeech) {
      quietFrames = probability < speechEnds ? quietFrames + 1 : 0;
      if (quietFrames >= pauseFrames) {
        inSpeech = false;
        stretchEnd = (frame - quietFrames + 1) * frameSamples;
      }
    }
    long now = frames * frameSamples;
    if (inSpeech) {
      keepWithinLimits(now);
    } else if (segmentStart >= 0 && now - stretchEnd > Math.max(joinPauseSamples, padSamples)) {
      emit(Math.min(stretchEnd + padSamples, now));
    }
    forgetBefore(segmentStart >= 0 ? segmentStart / frameSamples : frames);
  }

  /** The audio ended after {@code totalSamples}: the last segment is cut there at the latest. */
  void finish(long totalSamples) {
    if (segmentStart < 0) {
      return;
    }
    // in speech, keepWithinLimits kept the segment shorter than a chunk up to the last frame
    emit(inSpeech ? totalSamples : Math.min(stretchEnd + padSamples, totalSamples));
  }

  /** The next planned segment, or null when none is planned yet. */
  Cut nextCut() {
    return cuts.poll();
  }

  /**
   * The earliest sample a segment not yet taken may hold, planned or not: audio before it may be
   * dropped.
   */
  long retainFrom() {
    Cut planned = cuts.peek();
    if (planned != null) {
      return planned.start();
    }
    if (segmentStart >= 0) {
      return segmentStart;
    }
    return Math.max(earliestStart, frames * frameSamples - padSamples);
  }

  private void stretchStarts(long start) {
    if (segmentStart < 0) {
      segmentStart = Math.max(earliestStart, start - padSamples);
    } else if (start - stretchEnd <= joinPauseSamples && start - segmentStart <= preferredSamples) {
      lastJoinEnd = stretchEnd;
      lastJoinStart = start;
    } else {
      cutAtPause(stretchEnd, start);
    }
  }

  private void keepWithinLimits(long now) {
    if (lastJoinStart >= 0 && now - segmentStart > preferredSamples) {
      cutAtPause(lastJoinEnd, lastJoinStart);
    }
    while (lastJoinStart < 0 && now - segmentStart >= maxSamples) {
      long cut = quietestFrameStart();
      if (cut > segmentStart) {
        cuts.add(new Cut(segmentStart, cut));
        segmentStart = cut;
      } else {
        long end = segmentStart + maxSamples;
        cuts.add(new Cut(segmentStart, end));
        segmentStart = end - overlapSamples;
      }
    }
  }

  /** Ends the segment in the pause {@code [pauseStart, pauseEnd)} and opens one at its end. */
  private void cutAtPause(long pauseStart, long pauseEnd) {
    long middle = (pauseStart + pauseEnd) / 2;
    emit(Math.min(pauseStart + padSamples, middle));
    segmentStart = Math.max(earliestStart, pauseEnd - padSamples);
  }

  private void emit(long end) {
    cuts.add(new Cut(segmentStart, Math.min(end, segmentStart + maxSamples)));
    earliestStart = end;
    segmentStart = -1;
    lastJoinEnd = -1;
    lastJoinStart = -1;
  }

  /**
   * The start of the least speech-like frame wholly inside the second half of the chunk starting at
   * the segment's start, or -1 when no frame there is below the pause threshold.
   */
  private long quietestFrameStart() {
    long from = ceilDiv(segmentStart + maxSamples / 2, frameSamples);
    long to = (segmentStart + maxSamples) / frameSamples;
    long quietest = -1;
    float lowest = speechEnds;
    for (long frame = Math.max(from, firstProbabilityFrame);
        frame < Math.min(to, frames);
        frame++) {
      float probability = probabilities[(int) (frame - firstProbabilityFrame)];
      if (probability < lowest) {
        lowest = probability;
        quietest = frame;
      }
    }
    return quietest < 0 ? -1 : quietest * frameSamples;
  }

  private void remember(long frame, float probability) {
    int index = (int) (frame - firstProbabilityFrame);
    if (index == probabilities.length) {
      probabilities = Arrays.copyOf(probabilities, probabilities.length * 2);
    }
    probabilities[index] = probability;
  }

  private void forgetBefore(long frame) {
    int drop = (int) Math.min(frames - firstProbabilityFrame, frame - firstProbabilityFrame);
    if (drop <= 0) {
      return;
    }
    System.arraycopy(
        probabilities, drop, probabilities, 0, (int) (frames - firstProbabilityFrame) - drop);
    firstProbabilityFrame += drop;
  }

  private static long samples(long millis) {
    return millis * AudioChunk.SAMPLE_RATE_HZ / 1000;
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
