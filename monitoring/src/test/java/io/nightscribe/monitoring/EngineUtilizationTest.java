package io.nightscribe.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EngineUtilizationTest {
  private static final long S = 1_000_000_000L;
  private final EngineUtilization engines = new EngineUtilization();

  @Test
  void nothingRanIsZero() {
    assertThat(engines.ratio(5 * S)).isZero();
  }

  @Test
  void twoWorkersStartedTogetherShareTheirWallTime() {
    // given two workers from t=10 s, busy 6 s and 3 s in all
    engines.workerStarted(10 * S);
    engines.workerStarted(10 * S);
    engines.called(6 * S);
    engines.called(3 * S);

    // when read at t=20 s: 9 busy seconds of 2 x 10 worker seconds
    assertThat(engines.ratio(20 * S)).isCloseTo(0.45, within(1e-12));
  }

  @Test
  void aStoppedWorkerCountsOnlyItsOwnLifetime() {
    // given one worker from 0 to 4 s and another from 2 s, still running; 5 busy seconds
    engines.workerStarted(0);
    engines.workerStarted(2 * S);
    engines.called(3 * S);
    engines.called(2 * S);
    engines.workerStopped(0, 4 * S);

    // at 10 s: 4 + 8 worker seconds
    assertThat(engines.ratio(10 * S)).isCloseTo(5.0 / 12, within(1e-12));
  }

  @Test
  void afterEveryWorkerStoppedTheRatioNoLongerMoves() {
    engines.workerStarted(S);
    engines.called(2 * S);
    engines.workerStopped(S, 5 * S);

    assertThat(engines.ratio(5 * S)).isCloseTo(0.5, within(1e-12));
    assertThat(engines.ratio(500 * S)).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void aSecondPassOfTheSameNightAddsToTheFirst() {
    engines.workerStarted(0);
    engines.called(S);
    engines.workerStopped(0, 2 * S);
    engines.workerStarted(10 * S);
    engines.called(3 * S);
    engines.workerStopped(10 * S, 14 * S);

    // 4 busy seconds of 2 + 4 worker seconds: the gap between the passes is nobody's
    assertThat(engines.ratio(20 * S)).isCloseTo(4.0 / 6, within(1e-12));
  }

  @Test
  void neverAboveOne() {
    engines.workerStarted(0);
    engines.called(3 * S);

    assertThat(engines.ratio(2 * S)).isEqualTo(1.0);
  }

  @Test
  void refusesAStopWithoutAStartAndANegativeCall() {
    assertThatThrownBy(() -> engines.workerStopped(0, S))
        .hasMessage("Cannot stop an engine worker: none is running");
    assertThatThrownBy(() -> engines.called(-1)).hasMessage("Invalid engine call time: -1 ns");
  }
}
