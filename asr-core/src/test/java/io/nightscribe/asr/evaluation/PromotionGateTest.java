package io.nightscribe.asr.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromotionGateTest {
  private static final PromotionGate GATE = new PromotionGate(0.005, 0.01);

  @Test
  void aClearlyBetterChallengerPasses() {
    ModelComparison comparison =
        ModelComparison.of(scores(30, 3, "synthetic"), scores(30, 1, "synthetic"), 1000, 7);

    assertThat(comparison.championWer()).isEqualTo(0.3);
    assertThat(comparison.challengerWer()).isEqualTo(0.1);
    assertThat(comparison.differenceHigh()).isLessThan(0);
    assertThat(GATE.decide(comparison).passed()).isTrue();
  }

  @Test
  void aWorseChallengerFailsOnImprovementAndInterval() {
    ModelComparison comparison =
        ModelComparison.of(scores(30, 1, "synthetic"), scores(30, 3, "synthetic"), 1000, 7);

    PromotionGate.Decision decision = GATE.decide(comparison);

    assertThat(decision.passed()).isFalse();
    assertThat(decision.reasons())
        .hasSize(3)
        .anySatisfy(reason -> assertThat(reason).startsWith("WER improves by -20.00 points"))
        .anySatisfy(reason -> assertThat(reason).startsWith("slice synthetic gets worse by 20.00"))
        .anySatisfy(reason -> assertThat(reason).contains("does not exclude no improvement"));
  }

  @Test
  void aNoisyTieDoesNotPassEvenWhenTheMeanImproves() {
    // the challenger wins on half the utterances and loses on the other half, by a little more
    List<UtteranceScore> champion = new ArrayList<>();
    List<UtteranceScore> challenger = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      champion.add(new UtteranceScore("u" + i, "synthetic", i % 2 == 0 ? 4 : 0, 10));
      challenger.add(new UtteranceScore("u" + i, "synthetic", i % 2 == 0 ? 0 : 3, 10));
    }

    ModelComparison comparison = ModelComparison.of(champion, challenger, 2000, 11);

    assertThat(comparison.difference()).isNegative();
    assertThat(comparison.differenceHigh()).isPositive();
    assertThat(GATE.decide(comparison).passed()).isFalse();
  }

  @Test
  void aSliceThatRegressesBlocksAnOverallWin() {
    List<UtteranceScore> champion = new ArrayList<>(scores(30, 3, "synthetic"));
    List<UtteranceScore> challenger = new ArrayList<>(scores(30, 0, "synthetic"));
    champion.addAll(scores(5, 1, "real"));
    challenger.addAll(scores(5, 3, "real"));

    PromotionGate.Decision decision =
        GATE.decide(ModelComparison.of(champion, challenger, 1000, 3));

    assertThat(decision.passed()).isFalse();
    assertThat(decision.reasons())
        .singleElement()
        .asString()
        .startsWith("slice real gets worse by 20.00 points");
  }

  @Test
  void theSameSeedGivesTheSameInterval() {
    var a = ModelComparison.of(scores(10, 2, "s"), scores(10, 1, "s"), 500, 42);
    var b = ModelComparison.of(scores(10, 2, "s"), scores(10, 1, "s"), 500, 42);

    assertThat(a).isEqualTo(b);
  }

  /** {@code count} utterances of 10 words, each with {@code errors} errors. */
  private static List<UtteranceScore> scores(int count, int errors, String slice) {
    List<UtteranceScore> scores = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      scores.add(new UtteranceScore(slice + i, slice, errors, 10));
    }
    return scores;
  }
}
