package io.nightscribe.runs.report;

import io.nightscribe.runs.ledger.RunStatus;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One night of a pipeline as the report shows it: counts and audio from the ledger's inputs, wall
 * time and real-time factor from run.json.
 *
 * @param date the partition date
 * @param runId the run that transcribed it (the newest, when the date was run more than once)
 * @param status where the run stands
 * @param modelVersion the resolved model's name and version, "name version"
 * @param inputs inputs planned
 * @param transcribed inputs transcribed
 * @param quarantined inputs quarantined
 * @param audioSeconds seconds of audio transcribed, summed over the ledger's inputs
 * @param wallSeconds wall seconds of the run from run.json, empty before run.json is written
 * @param realTimeFactor wall seconds per audio second from run.json, empty before it is written
 * @param quarantinesByStage quarantined inputs by the stage they failed in (read, decode, ...)
 * @param drift drift against the reference, empty when the run computed none
 */
public record NightSummary(
    LocalDate date,
    String runId,
    RunStatus status,
    String modelVersion,
    int inputs,
    int transcribed,
    int quarantined,
    double audioSeconds,
    Optional<Double> wallSeconds,
    Optional<Double> realTimeFactor,
    SortedMap<String, Integer> quarantinesByStage,
    Optional<NightDrift> drift) {
  public NightSummary {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(runId, "runId");
    quarantinesByStage = new TreeMap<>(Map.copyOf(quarantinesByStage));
  }
}
