package io.nightscribe.asr.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.engine.PauseSegmentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Where audio is cut, from frame probabilities. Frames are 512 samples (32 ms); the settings are
 * small so patterns stay readable: chunks of 6.4 s overlapping 0.32 s, stretches ended by 10 quiet
 * frames, 3 frames of padding, segments joined up to 3.2 s across pauses of up to 20 frames.
 */
class SegmentPlannerTest {
  private static final int FRAME = 512;
  private static final DecodingSettings SETTINGS =
      new DecodingSettings(
          6_400,
          320,
          20_000,
          Map.of(),
          Optional.of(new PauseSegmentation("test", 50, 320, 96, 3_200, 640)));

  @Test
  void silenceGivesNoSegment() {
    assertThat(cuts(frames().quiet(200))).isEmpty();
  }

  @Test
  void aStretchIsPaddedOnBothSides() {
    // speech in frames 10-29, then a pause longer than may be joined
    assertThat(cuts(frames().quiet(10).speech(20).quiet(40))).containsExactly(new Frames(7, 33));
  }

  @Test
  void aDipShorterThanThePauseDoesNotEndAStretch() {
    assertThat(cuts(frames().quiet(10).speech(20).quiet(9).speech(20).quiet(40)))
        .containsExactly(new Frames(7, 62));
  }

  @Test
  void probabilitiesBetweenTheThresholdsContinueWhatWasGoingOn() {
    // 0.4 is below the start threshold (0.5) and above the end threshold (0.35)
    assertThat(cuts(frames().level(0.4f, 10).speech(5).level(0.4f, 30).quiet(40)))
        .containsExactly(new Frames(7, 48));
  }

  @Test
  void stretchesAPauseApartAreJoinedWhileTheSegmentIsShortEnough() {
    // two stretches 15 frames apart: one segment, the pause inside it
    assertThat(cuts(frames().quiet(10).speech(20).quiet(15).speech(20).quiet(40)))
        .containsExactly(new Frames(7, 68));
  }

  @Test
  void aLongPauseEndsTheSegmentAndIsNotInAny() {
    // 40 quiet frames: longer than the 20 that may be joined
    assertThat(cuts(frames().quiet(10).speech(20).quiet(40).speech(20).quiet(40)))
        .containsExactly(new Frames(7, 33), new Frames(67, 93));
  }

  @Test
  void aSegmentOutgrowingThePreferredLengthIsCutAtItsLastJoiningPause() {
    // 3.2 s is 100 frames: the third stretch takes the segment past it
    Frames plan = frames().quiet(10).speech(40).quiet(12).speech(20).quiet(12).speech(40).quiet(40);

    assertThat(cuts(plan)).containsExactly(new Frames(7, 85), new Frames(91, 137));
  }

  @Test
  void paddingNeverCrossesTheMiddleOfAPause() {
    // padding of 10 frames on each side of a pause of 10: the cut falls in its middle
    DecodingSettings widePadding =
        new DecodingSettings(
            6_400,
            320,
            20_000,
            Map.of(),
            Optional.of(new PauseSegmentation("test", 50, 320, 320, 3_200, 640)));
    Frames plan = frames().quiet(10).speech(95).quiet(10).speech(20).quiet(40);

    // joining the second stretch would take the segment past 3.2 s
    assertThat(cuts(plan, widePadding)).containsExactly(new Frames(0, 110), new Frames(110, 145));
  }

  @Test
  void longSpeechIsCutAtItsQuietestFrameInTheSecondHalfOfAChunk() {
    // 6.4 s is 200 frames; one frame at 0.3 (below the pause threshold) at frame 157
    Frames plan = frames().speech(157).level(0.3f, 1).speech(100).quiet(40);

    assertThat(cuts(plan)).containsExactly(new Frames(0, 157), new Frames(157, 261));
  }

  @Test
  void longSpeechWithoutAPauseIsForceCutIntoOverlappingChunks() {
    Frames plan = frames().speech(450).quiet(40);

    // 200 frames each, the next starting 10 frames (320 ms) earlier
    assertThat(cuts(plan))
        .containsExactly(new Frames(0, 200), new Frames(190, 390), new Frames(380, 453));
  }

  @Test
  void audioEndingInSpeechEndsTheLastSegmentThere() {
    List<SegmentPlanner.Cut> cuts = plan(frames().quiet(10).speech(20), 30 * FRAME - 100, SETTINGS);

    assertThat(cuts).containsExactly(new SegmentPlanner.Cut(7 * FRAME, 30 * FRAME - 100));
  }

  @Test
  void audioMayBeDroppedUpToTheEarliestSegmentNotYetTaken() {
    SegmentPlanner planner = new SegmentPlanner(FRAME, SETTINGS);
    frames().quiet(10).forEach(planner::frame);
    // nothing planned: a stretch starting now would pad back 3 frames
    assertThat(planner.retainFrom()).isEqualTo(7 * FRAME);
    frames().speech(20).quiet(5).forEach(planner::frame);
    // a segment is open from frame 7
    assertThat(planner.retainFrom()).isEqualTo(7 * FRAME);
  }

  private static List<Frames> cuts(Frames frames) {
    return cuts(frames, SETTINGS);
  }

  private static List<Frames> cuts(Frames frames, DecodingSettings settings) {
    return plan(frames, (long) frames.size() * FRAME, settings).stream()
        .map(cut -> new Frames(cut.start() / FRAME, cut.end() / FRAME))
        .toList();
  }

  private static List<SegmentPlanner.Cut> plan(
      Frames frames, long totalSamples, DecodingSettings settings) {
    SegmentPlanner planner = new SegmentPlanner(FRAME, settings);
    List<SegmentPlanner.Cut> cuts = new ArrayList<>();
    for (float probability : frames.probabilities) {
      planner.frame(probability);
      drain(planner, cuts);
    }
    planner.finish(totalSamples);
    drain(planner, cuts);
    return cuts;
  }

  private static void drain(SegmentPlanner planner, List<SegmentPlanner.Cut> cuts) {
    for (SegmentPlanner.Cut cut = planner.nextCut(); cut != null; cut = planner.nextCut()) {
      cuts.add(cut);
    }
  }

  private static Frames frames() {
    return new Frames(0, 0);
  }

  /** A pattern of frame probabilities, or (as a result) a segment in whole frames. */
  private record Frames(long from, long to, List<Float> probabilities) {
    Frames(long from, long to) {
      this(from, to, new ArrayList<>());
    }

    Frames speech(int count) {
      return level(0.9f, count);
    }

    Frames quiet(int count) {
      return level(0.05f, count);
    }

    Frames level(float probability, int count) {
      for (int i = 0; i < count; i++) {
        probabilities.add(probability);
      }
      return this;
    }

    int size() {
      return probabilities.size();
    }

    void forEach(java.util.function.Consumer<Float> frame) {
      probabilities.forEach(frame);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Frames that && from == that.from && to == that.to;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(from * 31 + to);
    }

    @Override
    public String toString() {
      return "[" + from + ", " + to + ")";
    }
  }
}
