package io.nightscribe.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.runs.partition.CronSchedule;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronTimesTest {
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void aDailyScheduleFiresOnceADayAtItsLocalTime() {
    CronTimes daily = CronTimes.of(new CronSchedule("30 2 * * *"), ZoneId.of("Africa/Accra"));

    assertThat(times(daily, "2026-11-30T12:00:00Z", 3))
        .containsExactly("2026-12-01T02:30", "2026-12-02T02:30", "2026-12-03T02:30");
  }

  @Test
  void readsTheTimeInThePipelinesZone() {
    CronTimes daily = CronTimes.of(new CronSchedule("0 1 * * *"), NEW_YORK);

    assertThat(daily.next(Instant.parse("2026-12-01T00:00:00Z")))
        .contains(Instant.parse("2026-12-01T06:00:00Z"));
  }

  @Test
  void listsRangesStepsAndNames() {
    CronTimes schedule = CronTimes.of(new CronSchedule("*/20 9-10 * JAN,dec MON-FRI"), UTC);

    // 2026-12-05 is a Saturday: the next weekday is Monday the 7th
    assertThat(times(schedule, "2026-12-04T10:50:00Z", 4))
        .containsExactly(
            "2026-12-07T09:00", "2026-12-07T09:20", "2026-12-07T09:40", "2026-12-07T10:00");
  }

  @Test
  void aStartWithAStepRunsToTheEndOfTheRange() {
    CronTimes schedule = CronTimes.of(new CronSchedule("50/5 0 * * *"), UTC);

    assertThat(times(schedule, "2026-12-01T00:00:00Z", 3))
        .containsExactly("2026-12-01T00:50", "2026-12-01T00:55", "2026-12-02T00:50");
  }

  @Test
  void bothDayFieldsRestrictedMatchEitherAsClassicCronDoes() {
    // the 1st of the month, or any Friday
    CronTimes schedule = CronTimes.of(new CronSchedule("0 0 1 * 5"), UTC);

    assertThat(times(schedule, "2026-11-26T12:00:00Z", 3))
        .containsExactly("2026-11-27T00:00", "2026-12-01T00:00", "2026-12-04T00:00");
  }

  @Test
  void sevenIsSundayToo() {
    CronTimes schedule = CronTimes.of(new CronSchedule("0 6 * * 7"), UTC);

    assertThat(times(schedule, "2026-12-01T00:00:00Z", 1)).containsExactly("2026-12-06T06:00");
  }

  @Test
  void aTimeSkippedBySpringForwardFiresWhenTheClocksMovedOnAndARepeatedOneFiresOnce() {
    CronTimes daily = CronTimes.of(new CronSchedule("30 2 * * *"), NEW_YORK);
    CronTimes early = CronTimes.of(new CronSchedule("30 1 * * *"), NEW_YORK);

    // 2026-03-08: 02:00 jumps to 03:00
    assertThat(daily.next(Instant.parse("2026-03-08T05:00:00Z")))
        .contains(Instant.parse("2026-03-08T07:30:00Z"));
    // 2026-11-01: 01:00-02:00 happens twice; it fires the first time only
    assertThat(early.next(Instant.parse("2026-11-01T04:00:00Z")))
        .contains(Instant.parse("2026-11-01T05:30:00Z"));
    assertThat(early.next(Instant.parse("2026-11-01T05:30:00Z")))
        .contains(Instant.parse("2026-11-02T06:30:00Z"));
  }

  @Test
  void aDayThatNeverComesNeverFires() {
    assertThat(CronTimes.of(new CronSchedule("0 0 30 2 *"), UTC).next(Instant.EPOCH)).isEmpty();
  }

  @Test
  void refusesWhatKubernetesRefusesWithTheFieldAndTheFix() {
    assertThatThrownBy(() -> CronTimes.of(new CronSchedule("61 2 * * *"), UTC))
        .hasMessage(
            "Invalid minute '61' in the schedule: use *, numbers 0-59, lists (a,b), ranges (a-b)"
                + " and steps (*/n); Kubernetes cron has no L, W or #");
    assertThatThrownBy(() -> CronTimes.of(new CronSchedule("0 0 L * *"), UTC))
        .hasMessageStartingWith("Invalid day of month 'L' in the schedule");
    assertThatThrownBy(() -> CronTimes.of(new CronSchedule("0 5-1 * * *"), UTC))
        .hasMessage("Invalid hour '5-1' in the schedule: the range runs backwards (write 1-5)");
  }

  private static List<String> times(CronTimes schedule, String after, int count) {
    List<String> local = new ArrayList<>();
    Instant t = Instant.parse(after);
    for (int i = 0; i < count; i++) {
      t = schedule.next(t).orElseThrow();
      local.add(LocalDateTime.ofInstant(t, schedule.zone()).toString());
    }
    return local;
  }
}
