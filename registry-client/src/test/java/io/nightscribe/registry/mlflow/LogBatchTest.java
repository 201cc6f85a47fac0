package io.nightscribe.registry.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LogBatchTest {
  private static Map<String, String> entries(String prefix, int count, int valueChars) {
    Map<String, String> map = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      map.put(prefix + i, "v".repeat(valueChars));
    }
    return map;
  }

  private static List<Metric> metrics(int count) {
    List<Metric> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add(new Metric("loss", i, i, 1_000L + i));
    }
    return list;
  }

  @Test
  void nothingToLogMeansNoBatch() {
    assertThat(LogBatch.plan(Map.of(), List.of(), Map.of())).isEmpty();
  }

  @Test
  void smallRunFitsOneBatch() {
    List<LogBatch> batches = LogBatch.plan(entries("p", 10, 5), metrics(20), entries("t", 5, 5));
    assertThat(batches).hasSize(1);
    assertThat(batches.get(0).params()).hasSize(10);
    assertThat(batches.get(0).metrics()).hasSize(20);
    assertThat(batches.get(0).tags()).hasSize(5);
  }

  @Test
  void keepsEveryLimitAndLosesNothing() {
    // given 250 params, 2500 metric points, 150 tags
    Map<String, String> params = entries("p", 250, 10);
    Map<String, String> tags = entries("t", 150, 10);
    List<Metric> metrics = metrics(2500);
    // when
    List<LogBatch> batches = LogBatch.plan(params, metrics, tags);
    // then
    assertThat(batches)
        .allSatisfy(
            b -> {
              assertThat(b.params()).hasSizeLessThanOrEqualTo(100);
              assertThat(b.tags()).hasSizeLessThanOrEqualTo(100);
              assertThat(b.metrics()).hasSizeLessThanOrEqualTo(1000);
              assertThat(b.params().size() + b.tags().size() + b.metrics().size())
                  .isLessThanOrEqualTo(1000);
            });
    assertThat(batches.stream().mapToInt(b -> b.params().size()).sum()).isEqualTo(250);
    assertThat(batches.stream().mapToInt(b -> b.tags().size()).sum()).isEqualTo(150);
    assertThat(batches.stream().flatMap(b -> b.metrics().stream()).toList())
        .containsExactlyElementsOf(metrics);
  }

  @Test
  void splitsLongValuesToStayUnderTheRequestSizeLimit() {
    // 100 params of 6000 and 100 tags of 8000 characters: 1.4 MB, over MLflow's 1 MB body limit
    List<LogBatch> batches =
        LogBatch.plan(entries("p", 100, 6000), List.of(), entries("t", 100, 8000));
    assertThat(batches).hasSizeGreaterThan(1);
    assertThat(batches)
        .allSatisfy(
            b ->
                assertThat(
                        b.params().values().stream().mapToInt(String::length).sum()
                            + b.tags().values().stream().mapToInt(String::length).sum())
                    .isLessThanOrEqualTo(MlflowLimits.MAX_BATCH_CHARS));
  }
}
