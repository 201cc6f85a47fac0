package io.nightscribe.runs.report;

import io.nightscribe.asr.storage.ObjectStore;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.runs.layout.OutputLayout;
import io.nightscribe.runs.ledger.InputRow;
import io.nightscribe.runs.ledger.InputStatus;
import io.nightscribe.runs.ledger.JobKind;
import io.nightscribe.runs.ledger.RunLedger;
import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.report.NightDetail.QuarantinedObject;
import io.nightscribe.runs.report.NightDetail.Reference;
import io.nightscribe.runs.report.NightDetail.TimedObject;
import io.nightscribe.runs.report.NightDrift.KindScore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gathers a {@link NightReport} from the ledger, run.json (as the ledger keeps it) and each run's
 * profile.json. Reads only. Thread-safe.
 */
public final class NightReports {
  /** The night's drift profile beside run.json (monitoring's ProfileJson). */
  static final String PROFILE = "profile.json";

  private static final int SLOWEST = 10;

  private final RunLedger ledger;
  private final ObjectStores stores;
  private final JsonMapper json;

  public NightReports(RunLedger ledger, ObjectStores stores, JsonMapper json) {
    this.ledger = ledger;
    this.stores = stores;
    this.json = json;
  }

  /**
   * The nights of {@code pipeline} from {@code from} to {@code to}, and one up close.
   *
   * @param night the night to show up close; empty for the latest in the range
   * @param reference confidences to hold the night's against; empty for the other nights' profiles
   * @throws IllegalArgumentException when {@code night} has no run in the range
   */
  public NightReport report(
      String pipeline,
      LocalDate from,
      LocalDate to,
      Optional<LocalDate> night,
      Optional<Reference> reference) {
    Map<LocalDate, RunRow> newestByDate = new TreeMap<>();
    for (RunRow run : ledger.runsOfPipeline(pipeline, from, to)) {
      if (run.jobKind() == JobKind.NIGHTLY || run.jobKind() == JobKind.BACKFILL) {
        // oldest first: a later run of the same date (a rerun) replaces an earlier one
        newestByDate.put(run.partitionDate().orElseThrow(), run);
      }
    }
    Map<LocalDate, List<InputRow>> inputs = new LinkedHashMap<>();
    List<NightSummary> nights = new ArrayList<>();
    newestByDate.forEach(
        (date, run) -> {
          List<InputRow> rows = ledger.inputs(run.runId());
          inputs.put(date, rows);
          nights.add(summary(date, run, rows));
        });
    if (nights.isEmpty()) {
      return new NightReport(pipeline, from, to, nights, Optional.empty());
    }
    LocalDate shown = night.orElse(nights.get(nights.size() - 1).date());
    RunRow run = newestByDate.get(shown);
    if (run == null) {
      throw new IllegalArgumentException(
          "Cannot report night "
              + shown
              + ": pipeline "
              + pipeline
              + " has no nightly or backfill run of that date in the ledger (pick one of "
              + newestByDate.keySet()
              + ")");
    }
    NightSummary summary =
        nights.stream().filter(n -> n.date().equals(shown)).findFirst().orElseThrow();
    Optional<List<Double>> confidence = confidence(run);
    Optional<Reference> against =
        reference.isPresent() ? reference : otherNights(newestByDate, shown);
    return new NightReport(
        pipeline,
        from,
        to,
        nights,
        Optional.of(
            new NightDetail(
                summary,
                slowest(inputs.get(shown)),
                quarantined(inputs.get(shown)),
                confidence,
                against)));
  }

  /**
   * The confidences of a profile (monitoring's ProfileJson: {@code numeric.confidence}).
   *
   * @throws IllegalArgumentException when the bytes are not such a profile
   */
  public Reference reference(String label, byte[] profileJson) {
    return new Reference(
        label,
        confidences(profileJson)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "Invalid reference profile "
                            + label
                            + ": it has no numeric.confidence samples (give a profile.json"
                            + " written by a run or a model package's reference profile)")));
  }

  private NightSummary summary(LocalDate date, RunRow run, List<InputRow> rows) {
    int transcribed = 0;
    int quarantined = 0;
    long audioMillis = 0;
    Map<String, Integer> byStage = new TreeMap<>();
    for (InputRow row : rows) {
      if (row.status() == InputStatus.TRANSCRIBED) {
        transcribed++;
        audioMillis += row.audioMillis();
      } else if (row.status() == InputStatus.QUARANTINED) {
        quarantined++;
        byStage.merge(row.errorStage().orElse("other"), 1, Integer::sum);
      }
    }
    Optional<JsonNode> record = run.runRecord().map(this::tree);
    return new NightSummary(
        date,
        run.runId(),
        run.status(),
        run.modelName() + " " + run.modelVersion(),
        rows.size(),
        transcribed,
        quarantined,
        audioMillis / 1000.0,
        record
            .map(r -> r.path("metrics").path("wallSeconds"))
            .filter(JsonNode::isNumber)
            .map(JsonNode::asDouble),
        record
            .map(r -> r.path("metrics").path("realTimeFactor"))
            .filter(JsonNode::isNumber)
            .map(JsonNode::asDouble),
        new TreeMap<>(byStage),
        record.flatMap(NightReports::drift));
  }

  /** run.json's {@code "drift"}: {"reference": ..., "<kind>": {"score", "level", "decidedBy"}}. */
  private static Optional<NightDrift> drift(JsonNode record) {
    JsonNode drift = record.path("drift");
    if (!drift.isObject()) {
      return Optional.empty();
    }
    Map<String, KindScore> kinds = new TreeMap<>();
    for (var field : drift.properties()) {
      JsonNode kind = field.getValue();
      if (kind.isObject() && kind.path("score").isNumber()) {
        kinds.put(
            field.getKey(),
            new KindScore(
                kind.get("score").asDouble(),
                kind.path("level").asString(""),
                kind.path("decidedBy").asString("")));
      }
    }
    return Optional.of(
        new NightDrift(drift.path("reference").asString("none"), new TreeMap<>(kinds)));
  }

  private static List<TimedObject> slowest(List<InputRow> rows) {
    return rows.stream()
        .filter(row -> row.processingMillis().isPresent())
        .sorted(
            Comparator.comparing((InputRow row) -> row.processingMillis().orElseThrow())
                .reversed()
                .thenComparing(InputRow::key))
        .limit(SLOWEST)
        .map(
            row ->
                new TimedObject(
                    row.key(),
                    row.processingMillis().orElseThrow(),
                    row.audioMillis(),
                    row.status().name()))
        .toList();
  }

  private static List<QuarantinedObject> quarantined(List<InputRow> rows) {
    return rows.stream()
        .filter(row -> row.status() == InputStatus.QUARANTINED)
        .map(
            row ->
                new QuarantinedObject(
                    row.key(), row.errorStage().orElse(""), row.errorReason().orElse("")))
        .toList();
  }

  /** The pooled confidences of every other night in the range that wrote a profile. */
  private Optional<Reference> otherNights(Map<LocalDate, RunRow> runs, LocalDate shown) {
    List<Double> pooled = new ArrayList<>();
    int nights = 0;
    for (var entry : runs.entrySet()) {
      if (!entry.getKey().equals(shown)) {
        Optional<List<Double>> samples = confidence(entry.getValue());
        if (samples.isPresent()) {
          pooled.addAll(samples.get());
          nights++;
        }
      }
    }
    return nights == 0
        ? Optional.empty()
        : Optional.of(
            new Reference(
                "the other " + nights + (nights == 1 ? " night" : " nights") + " of this report",
                pooled));
  }

  private Optional<List<Double>> confidence(RunRow run) {
    StorageUri profile =
        OutputLayout.of(run.outputUri()).run(run.runId()).folder().resolve(PROFILE);
    ObjectStore store = stores.forUri(profile);
    if (store.stat(profile).isEmpty()) {
      return Optional.empty();
    }
    return confidences(store.readAllBytes(profile));
  }

  private Optional<List<Double>> confidences(byte[] profileJson) {
    JsonNode samples = tree(profileJson).path("numeric").path("confidence");
    if (!samples.isArray()) {
      return Optional.empty();
    }
    List<Double> values = new ArrayList<>();
    samples.forEach(value -> values.add(value.asDouble()));
    return Optional.of(values);
  }

  private JsonNode tree(String text) {
    return tree(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private JsonNode tree(byte[] bytes) {
    try {
      return json.readTree(bytes);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("Invalid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
