package io.nightscribe.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkPlanTest {

  @Test
  void aLongFileStartsAloneInsteadOfWaitingBehindShortOnes() {
    List<PlannedInput> inputs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      inputs.add(new PlannedInput("short-" + i + ".wav", 100));
    }
    inputs.add(new PlannedInput("three-hours.flac", 1_000));

    WorkPlan plan = WorkPlan.balance(inputs, 3);

    assertThat(plan.partitions()).hasSize(3);
    assertThat(plan.partitions().get(0))
        .extracting(PlannedInput::key)
        .containsExactly("three-hours.flac");
    assertThat(plan.weight(1)).isEqualTo(600);
    assertThat(plan.weight(2)).isEqualTo(600);
    // within a partition, longest first
    assertThat(plan.partitions().get(1))
        .isSortedAccordingTo((a, b) -> Long.compare(b.sizeBytes(), a.sizeBytes()));
  }

  @Test
  void everyInputIsPlacedOnceAndTheSameInputsGiveTheSamePlan() {
    List<PlannedInput> inputs = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      inputs.add(new PlannedInput("call-" + i + ".mp3", 1_000 + (i * 7919L) % 5_000));
    }

    WorkPlan plan = WorkPlan.balance(inputs, 8);
    List<PlannedInput> reversed = new ArrayList<>(inputs);
    Collections.reverse(reversed);
    WorkPlan again = WorkPlan.balance(reversed, 8);

    assertThat(plan.partitionOfKey()).hasSize(50);
    assertThat(plan.partitions().stream().mapToInt(List::size).sum()).isEqualTo(50);
    assertThat(again).isEqualTo(plan);
    long heaviest = plan.weight(0);
    long lightest = plan.weight(plan.partitions().size() - 1);
    // LPT: no partition carries more than the lightest plus one input's work
    assertThat(heaviest - lightest).isLessThanOrEqualTo(6_000);
  }

  @Test
  void fewerInputsThanSlotsMakeOnePartitionEach() {
    WorkPlan plan =
        WorkPlan.balance(List.of(new PlannedInput("a", 1), new PlannedInput("b", 2)), 16);

    assertThat(plan.partitions()).hasSize(2);
    assertThat(WorkPlan.balance(List.of(), 4).partitions()).hasSize(1);
    assertThatThrownBy(() -> WorkPlan.balance(List.of(), 0))
        .hasMessage("Invalid partition count: 0");
  }

  @Test
  void thePartitionerPlacesEachKeyWhereThePlanSays() {
    WorkPlan plan =
        WorkPlan.balance(
            List.of(new PlannedInput("a", 5), new PlannedInput("b", 3), new PlannedInput("c", 2)),
            2);
    PlannedPartitioner partitioner = new PlannedPartitioner(plan);

    assertThat(partitioner.numPartitions()).isEqualTo(2);
    assertThat(partitioner.getPartition("a")).isZero();
    assertThat(partitioner.getPartition("b")).isEqualTo(1);
    assertThat(partitioner.getPartition("c")).isEqualTo(1);
  }
}
