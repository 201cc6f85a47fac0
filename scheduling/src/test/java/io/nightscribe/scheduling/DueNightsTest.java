package io.nightscribe.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.pipeline.DatedLocationTemplate;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.runs.partition.CronSchedule;
import io.nightscribe.runs.partition.PipelineDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DueNightsTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void aNightCoversTheDayBeforeItsFireTimeInThePipelinesZoneAsTheCommandsYesterdayDoes() {
    PipelineDefinition pipeline = pipeline("30 2 * * *", NEW_YORK);
    Instant fireTime = Instant.parse("2026-12-02T07:30:00Z"); // 02:30 in New York

    NightSlot slot = DueNights.of(pipeline).slot(fireTime);

    assertThat(slot.date())
        .isEqualTo(LocalDate.parse("2026-12-01"))
        .isEqualTo(pipeline.yesterday(Clock.fixed(fireTime, ZoneId.of("UTC"))));
  }

  @Test
  void onlyTheLatestFireTimeIsDueWhenTheServiceKeptUp() {
    DueNights nights = DueNights.of(pipeline("0 2 * * *", ZoneId.of("UTC")));

    DueNights.Due due =
        nights.at(
            Instant.parse("2026-12-01T02:00:00Z"),
            Instant.parse("2026-12-02T02:00:20Z"),
            Duration.ofDays(7));

    assertThat(due.slots())
        .containsExactly(
            new NightSlot(Instant.parse("2026-12-02T02:00:00Z"), LocalDate.parse("2026-12-01")));
    assertThat(due.firstOutsideWindow()).isEmpty();
  }

  @Test
  void missedNightsAreDueOldestFirstWithinTheWindowAndTheOlderOnesAreNamed() {
    DueNights nights = DueNights.of(pipeline("0 2 * * *", ZoneId.of("UTC")));

    // down from the night of Nov 25 to Dec 3; the window reaches back three days
    DueNights.Due due =
        nights.at(
            Instant.parse("2026-11-25T02:00:00Z"),
            Instant.parse("2026-12-03T03:00:00Z"),
            Duration.ofDays(3));

    assertThat(due.slots())
        .extracting(NightSlot::date)
        .containsExactly(
            LocalDate.parse("2026-11-30"),
            LocalDate.parse("2026-12-01"),
            LocalDate.parse("2026-12-02"));
    assertThat(due.firstOutsideWindow().orElseThrow().date())
        .isEqualTo(LocalDate.parse("2026-11-25"));
    assertThat(due.lastOutsideWindow().orElseThrow().date())
        .isEqualTo(LocalDate.parse("2026-11-29"));
  }

  @Test
  void upcomingFireTimesComeFromTheCronAndZone() {
    DueNights nights = DueNights.of(pipeline("15 4 * * 1", NEW_YORK));

    assertThat(nights.upcoming(Instant.parse("2026-12-02T00:00:00Z"), 2))
        .containsExactly(
            new NightSlot(Instant.parse("2026-12-07T09:15:00Z"), LocalDate.parse("2026-12-06")),
            new NightSlot(Instant.parse("2026-12-14T09:15:00Z"), LocalDate.parse("2026-12-13")));
  }

  @Test
  void anInvalidScheduleIsAConfigurationErrorNamingTheKeyToFix() {
    assertThatThrownBy(() -> DueNights.of(pipeline("0 25 * * *", ZoneId.of("UTC"))))
        .isInstanceOf(NightscribeException.class)
        .hasMessageStartingWith("Invalid pipeline 'calls': Invalid hour '25' in the schedule")
        .hasMessageEndingWith("(fix nightscribe.pipelines.calls.schedule)");
  }

  private static PipelineDefinition pipeline(String cron, ZoneId zone) {
    return new PipelineDefinition(
        "calls",
        DatedLocationTemplate.parse("file:///in/{date}/"),
        StorageUri.parse("file:///out/"),
        "builtin:vosk-model-small-en-us",
        zone,
        Optional.of(new CronSchedule(cron)),
        DecodingSettings.DEFAULTS);
  }
}
