package io.nightscribe.runs.replay;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.Sha256;
import io.nightscribe.asr.engine.ComputeDevice;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.pipeline.PackageTranscriber;
import io.nightscribe.asr.pipeline.TranscriptionInput;
import io.nightscribe.asr.pipeline.TranscriptionOutcome;
import io.nightscribe.asr.storage.ObjectStore;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.SeekableObject;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.asr.text.WordAlignment;
import io.nightscribe.asr.transcript.TranscriptJson;
import io.nightscribe.registry.models.ModelResolver;
import io.nightscribe.runs.layout.OutputLayout;
import io.nightscribe.runs.layout.TranscriptWriter;
import io.nightscribe.runs.ledger.InputRow;
import io.nightscribe.runs.ledger.InputStatus;
import io.nightscribe.runs.ledger.JobKind;
import io.nightscribe.runs.ledger.RunLedger;
import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.record.CodeVersion;
import io.nightscribe.runs.record.HostEnvironment;
import io.nightscribe.runs.replay.ReplayReport.InputCheck;
import io.nightscribe.runs.replay.ReplayReport.ModelCheck;
import io.nightscribe.runs.replay.ReplayReport.OutputComparison;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Re-executes a finished run from its record and proves whether its outputs are the same: checks
 * every input (the exact version on a versioned bucket, else its sha256) and the model's digest,
 * transcribes the same inputs with the recorded model and settings into a separate location, and
 * compares every output byte for byte. Never writes over the original. Thread-safe.
 */
public final class Replayer {
  private static final Logger log = LoggerFactory.getLogger(Replayer.class);
  private static final String UNPROMISED =
      "Byte-identical outputs are promised only on the same engine build, native library and"
          + " instruction set: a different GPU, driver, native library or CPU may change floating-point"
          + " results, and with them confidences or words.";

  private final RunLedger ledger;
  private final ObjectStores stores;
  private final TranscriptWriter writer;
  private final ModelResolver models;
  private final PackageTranscriber transcriber;
  private final CodeVersion code;
  private final JsonMapper json;

  public Replayer(
      RunLedger ledger,
      ObjectStores stores,
      ModelResolver models,
      PackageTranscriber transcriber,
      CodeVersion code,
      JsonMapper json) {
    this.ledger = ledger;
    this.stores = stores;
    this.writer = new TranscriptWriter(stores);
    this.models = models;
    this.transcriber = transcriber;
    this.code = code;
    this.json = json;
  }

  /** A finished run to replay, found by nightscribe's or MLflow's run id. */
  public RunRow original(String runId) {
    RunRow run =
        ledger
            .run(runId)
            .or(() -> ledger.runOfMlflowRun(runId))
            .orElseThrow(
                () ->
                    NightscribeException.configuration(
                        "No run "
                            + runId
                            + " in the ledger (give a nightscribe run id or its MLflow run id, with the"
                            + " --config of the ledger that ran it)"));
    if (run.jobKind() == JobKind.REPLAY) {
      throw NightscribeException.configuration(
          "Run " + runId + " is itself a replay: replay the run it names instead");
    }
    if (run.runRecord().isEmpty()) {
      throw NightscribeException.configuration(
          "Cannot replay run "
              + run.runId()
              + ": it has not finished (status "
              + run.status()
              + "); finish it by firing its partition again, then replay it");
    }
    return run;
  }

  /** A new replay id. */
  public static String newReplayId() {
    return "replay-" + UUID.randomUUID();
  }

  /** The default location of a replay: beside the run's own records, never over them. */
  public static StorageUri defaultLocation(RunRow original, String replayId) {
    return OutputLayout.of(original.outputUri()).replay(replayId).folder();
  }

  /**
   * Replays {@code original} into {@code location}, or only checks its inputs and model when {@code
   * verifyOnly}.
   */
  public ReplayReport replay(
      RunRow original, String replayId, StorageUri location, boolean verifyOnly) {
    JsonNode record = json.readTree(original.runRecord().orElseThrow());
    StorageUri transcripts = StorageUri.parse(record.get("transcripts").asString());
    StorageUri runsFolder = OutputLayout.of(original.outputUri()).runsFolder();
    List<InputRow> rows = ledger.inputs(original.runId());
    refuseOverlap(location, transcripts, runsFolder, rows);
    StorageUri inputBase = OutputLayout.inputBase(StorageUri.parse(original.inputUri()));
    ObjectStore inputStore = stores.forUri(inputBase);

    Optional<ModelPackage> model = Optional.empty();
    ModelCheck modelCheck;
    try {
      ModelPackage found =
          models.resolve(
              ModelResolver.exactReference(
                  original.modelReference(), original.modelName(), original.modelVersion()));
      modelCheck = modelCheck(original, Optional.of(found.sha256()), null);
      if (modelCheck.available()) {
        model = Optional.of(found);
      }
    } catch (NightscribeException e) {
      modelCheck = modelCheck(original, Optional.empty(), e.getMessage());
    }
    List<InputCheck> inputs = rows.stream().map(row -> check(inputStore, inputBase, row)).toList();
    long changed = inputs.stream().filter(check -> !check.same()).count();

    List<OutputComparison> outputs = List.of();
    Map<String, String> replayEnvironment = environment(Optional.empty());
    ReplayVerdict verdict;
    String summary;
    if (changed > 0) {
      verdict = ReplayVerdict.INPUT_CHANGED;
      summary = changed + " of " + rows.size() + " inputs are gone or changed since the run";
    } else if (model.isEmpty()) {
      verdict = ReplayVerdict.MODEL_UNAVAILABLE;
      summary = modelCheck.detail();
    } else if (verifyOnly) {
      verdict = ReplayVerdict.VERIFIED;
      summary =
          "all "
              + rows.size()
              + " inputs and the model are byte for byte what the run read; nothing was re-run";
    } else {
      var rerun = rerun(original, model.get(), rows, inputStore, inputBase, location);
      replayEnvironment = environment(Optional.of(rerun));
      outputs = compare(rows, rerun.outcomes(), transcripts);
      long different = outputs.stream().filter(o -> !o.identical()).count();
      verdict = different == 0 ? ReplayVerdict.IDENTICAL : ReplayVerdict.DIFFERENT;
      summary =
          different == 0
              ? outputs.size()
                  + " of "
                  + outputs.size()
                  + " outputs are byte for byte the original's"
              : different + " of " + outputs.size() + " outputs differ from the original's";
    }
    Map<String, Map<String, String>> environments = new LinkedHashMap<>();
    environments.put("original", originalEnvironment(record));
    environments.put("replay", replayEnvironment);
    return new ReplayReport(
        ReplayReport.SCHEMA,
        replayId,
        verdict,
        summary,
        new ReplayReport.Original(
            original.runId(),
            original.mlflowRunId().orElse(null),
            original.pipeline(),
            original.partitionDate().map(Object::toString).orElse(null),
            original.inputUri(),
            transcripts.toString()),
        location.toString(),
        modelCheck,
        inputs,
        outputs,
        environments,
        caveats(environments));
  }

  /**
   * Refuses a location that holds, or could come to hold, anything of the original run: its run
   * folders, or any of its transcripts. An ad-hoc run's transcripts sit at its output root, so a
   * replay in {@code _replays/} beneath them is fine as long as no original transcript is there.
   */
  private static void refuseOverlap(
      StorageUri location, StorageUri transcripts, StorageUri runsFolder, List<InputRow> rows) {
    List<StorageUri> originals = new ArrayList<>(List.of(transcripts, runsFolder));
    rows.forEach(row -> row.outputKey().ifPresent(key -> originals.add(transcripts.resolve(key))));
    for (StorageUri original : originals) {
      boolean holdsOriginal = contains(location, original);
      boolean insideRunRecords = original.equals(runsFolder) && contains(runsFolder, location);
      if (holdsOriginal || insideRunRecords) {
        throw NightscribeException.configuration(
            "Cannot replay into "
                + location
                + ": it overlaps the original run's "
                + original
                + " (give --output a separate location)");
      }
    }
  }

  private static boolean contains(StorageUri prefix, StorageUri uri) {
    return prefix.scheme().equals(uri.scheme())
        && prefix.bucket().equals(uri.bucket())
        && uri.key().startsWith(prefix.key());
  }

  private static ModelCheck modelCheck(RunRow run, Optional<String> found, String failure) {
    boolean available = found.map(run.modelSha256()::equals).orElse(false);
    String detail =
        failure != null
            ? "model " + run.modelReference() + " is unavailable: " + failure
            : available
                ? null
                : "model "
                    + run.modelReference()
                    + " now has sha256 "
                    + found.orElseThrow()
                    + ", the run used "
                    + run.modelSha256()
                    + " (restore version "
                    + run.modelVersion()
                    + " to replay)";
    return new ModelCheck(
        run.modelReference(),
        run.modelName(),
        run.modelVersion(),
        run.modelSha256(),
        found.orElse(null),
        available,
        detail);
  }

  /** Reads the input the run read (its exact version when it has one) and compares digests. */
  private static InputCheck check(ObjectStore store, StorageUri base, InputRow row) {
    StorageUri uri = base.resolve(row.key());
    String recorded = row.sha256().orElse(null);
    String version = row.versionId().orElse(null);
    String found;
    try (SeekableObject object = version != null ? store.open(uri, version) : store.open(uri)) {
      found = object.sha256();
    } catch (NightscribeException e) {
      String what = version != null ? "version " + version + " of " + uri : uri.toString();
      return new InputCheck(
          row.key(),
          version,
          recorded,
          null,
          InputCheck.MISSING,
          what + " cannot be read: " + e.getMessage());
    }
    if (recorded == null || recorded.equals(found)) {
      return new InputCheck(row.key(), version, recorded, found, InputCheck.SAME, null);
    }
    return new InputCheck(
        row.key(),
        version,
        recorded,
        found,
        InputCheck.CHANGED,
        uri + " has sha256 " + found + ", the run read " + recorded);
  }

  private record Rerun(
      String engineVersion, List<ComputeDevice> devices, Map<String, Outcome> outcomes) {}

  /**
   * What the replay made of one input: a transcript (its digest and text), or a quarantine reason.
   */
  private record Outcome(String transcriptSha256, String text, String quarantineReason) {}

  private Rerun rerun(
      RunRow original,
      ModelPackage modelPackage,
      List<InputRow> rows,
      ObjectStore inputStore,
      StorageUri inputBase,
      StorageUri location) {
    DecodingSettings decoding = json.readValue(original.settingsJson(), DecodingSettings.class);
    StorageUri replayTranscripts = new OutputLayout.ReplayFolder(location).transcripts();
    Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    try (var model = transcriber.load(modelPackage, decoding, original.configHash())) {
      log.info(
          "Replaying run {}: {} inputs with {} ({}) into {}",
          original.runId(),
          rows.size(),
          modelPackage.name(),
          model.engineVersion(),
          location);
      var inputs =
          rows.stream()
              .map(
                  row ->
                      new TranscriptionInput(
                          row.key(), inputBase.resolve(row.key()), row.versionId()))
              .iterator();
      model.run(
          inputStore,
          inputs,
          outcome -> {
            Optional<String> refusal =
                outcome instanceof TranscriptionOutcome.Transcribed done
                    ? writer.refusal(replayTranscripts, done.input().key())
                    : Optional.empty();
            if (refusal.isPresent()) {
              outcomes.put(outcome.input().key(), new Outcome(null, null, refusal.get()));
            } else if (outcome instanceof TranscriptionOutcome.Transcribed done) {
              var written = writer.write(replayTranscripts, done.input().key(), done.transcript());
              outcomes.put(
                  done.input().key(),
                  new Outcome(written.sha256(), done.transcript().text(), null));
            } else {
              var bad = (TranscriptionOutcome.Quarantined) outcome;
              outcomes.put(bad.input().key(), new Outcome(null, null, bad.reason()));
            }
          });
      return new Rerun(model.engineVersion(), model.devices(), outcomes);
    }
  }

  private List<OutputComparison> compare(
      List<InputRow> rows, Map<String, Outcome> outcomes, StorageUri transcripts) {
    List<OutputComparison> comparisons = new ArrayList<>();
    for (InputRow row : rows) {
      Outcome replay = outcomes.get(row.key());
      String originalSha = row.outputSha256().orElse(null);
      if (row.status() == InputStatus.QUARANTINED) {
        comparisons.add(
            replay.transcriptSha256() == null
                ? new OutputComparison(row.key(), null, null, true, null, null, null)
                : new OutputComparison(
                    row.key(),
                    null,
                    replay.transcriptSha256(),
                    false,
                    null,
                    null,
                    "the run quarantined it ("
                        + row.errorReason().orElse("?")
                        + "); the replay transcribed it"));
        continue;
      }
      if (replay.transcriptSha256() == null) {
        comparisons.add(
            new OutputComparison(
                row.key(),
                originalSha,
                null,
                false,
                null,
                null,
                "the replay quarantined it: " + replay.quarantineReason()));
        continue;
      }
      String replaySha = replay.transcriptSha256();
      if (replaySha.equals(originalSha)) {
        comparisons.add(
            new OutputComparison(row.key(), originalSha, replaySha, true, null, null, null));
        continue;
      }
      comparisons.add(differing(row, originalSha, replaySha, replay, transcripts));
    }
    return comparisons;
  }

  private OutputComparison differing(
      InputRow row, String originalSha, String replaySha, Outcome replay, StorageUri transcripts) {
    StorageUri originalUri = transcripts.resolve(row.outputKey().orElseThrow());
    byte[] originalBytes;
    try {
      originalBytes = stores.forUri(originalUri).readAllBytes(originalUri);
    } catch (NightscribeException e) {
      return digestsOnly(
          row,
          originalSha,
          replaySha,
          "the original transcript cannot be read (" + e.getMessage() + ")");
    }
    if (!Sha256.hex(originalBytes).equals(originalSha)) {
      return digestsOnly(
          row, originalSha, replaySha, originalUri + " was changed after the run wrote it");
    }
    String originalText = TranscriptJson.decode(originalBytes).text();
    WordAlignment alignment = WordAlignment.of(originalText, replay.text());
    return new OutputComparison(
        row.key(),
        originalSha,
        replaySha,
        false,
        alignment.errorRate().rate(),
        alignment.diff(),
        alignment.errorRate().errors() == 0
            ? "same words; timings, confidences or metadata differ"
            : null);
  }

  /** A differing output whose original text cannot be shown beside the replay's. */
  private static OutputComparison digestsOnly(
      InputRow row, String originalSha, String replaySha, String why) {
    return new OutputComparison(
        row.key(), originalSha, replaySha, false, null, null, why + ": only digests compared");
  }

  private static Map<String, String> originalEnvironment(JsonNode record) {
    Map<String, String> environment = new TreeMap<>();
    record
        .get("environment")
        .properties()
        .forEach(e -> environment.put(e.getKey(), e.getValue().asString()));
    environment.put("code.version", record.get("code").get("version").asString());
    environment.put("code.gitCommit", record.get("code").get("gitCommit").asString());
    return environment;
  }

  private Map<String, String> environment(Optional<Rerun> rerun) {
    Map<String, String> environment = new TreeMap<>();
    environment.put("engine", rerun.map(Rerun::engineVersion).orElse("not loaded"));
    environment.put("devices", rerun.map(done -> done.devices().toString()).orElse("not loaded"));
    environment.putAll(HostEnvironment.describe());
    environment.put("code.version", code.version());
    environment.put("code.gitCommit", code.gitCommit());
    return environment;
  }

  private static List<String> caveats(Map<String, Map<String, String>> environments) {
    List<String> caveats = new ArrayList<>();
    caveats.add(UNPROMISED);
    Map<String, String> original = environments.get("original");
    Map<String, String> replay = environments.get("replay");
    for (var entry : original.entrySet()) {
      String now = replay.get(entry.getKey());
      if (now != null && !now.equals(entry.getValue()) && !now.equals("not loaded")) {
        caveats.add(
            entry.getKey()
                + " differs: the run had "
                + entry.getValue()
                + ", the replay has "
                + now);
      }
    }
    return caveats;
  }
}
