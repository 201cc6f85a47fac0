package io.nightscribe.asr.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataSplitTest {

  @Test
  void theSameSentenceLandsInTheSameSplitWhateverItsCaseOrPunctuation() {
    assertThat(DataSplit.of("Hello, World!", 5, 10)).isEqualTo(DataSplit.of("hello world", 5, 10));
  }

  @Test
  void splitsAreAboutTheRequestedShares() {
    Map<DataSplit, Integer> counts = new EnumMap<>(DataSplit.class);
    for (int i = 0; i < 10_000; i++) {
      counts.merge(DataSplit.of("sentence number " + i, 5, 10), 1, Integer::sum);
    }

    assertThat(counts.get(DataSplit.TEST)).isBetween(900, 1100);
    assertThat(counts.get(DataSplit.DEV)).isBetween(400, 600);
    assertThat(counts.get(DataSplit.TRAIN)).isBetween(8300, 8700);
  }
}
