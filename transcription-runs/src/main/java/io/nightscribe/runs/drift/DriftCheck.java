package io.nightscribe.runs.drift;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.model.ModelPackageDigest;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.monitoring.drift.DriftDetector;
import io.nightscribe.monitoring.drift.ProfileJson;
import io.nightscribe.monitoring.drift.RunProfile;
import io.nightscribe.runs.layout.OutputLayout;
import io.nightscribe.runs.ledger.JobKind;
import io.nightscribe.runs.ledger.RunLedger;
import io.nightscribe.runs.ledger.RunRow;
import io.nightscribe.runs.partition.ResolvedPartition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares a night's profile with its reference: the model package's {@value #REFERENCE_FILE} when
 * it has one, else the profiles of the pipeline's last completed nights ({@link
 * DriftPolicy#baselineNights()}), else nothing. Thread-safe.
 */
public final class DriftCheck {
  /** The reference profile's file in a model package (canonical {@link ProfileJson}). */
  public static final String REFERENCE_FILE = ModelPackageDigest.REFERENCE_PROFILE;

  /** A night's profile beside its run.json. */
  public static final String PROFILE_FILE = "profile.json";

  private static final Logger log = LoggerFactory.getLogger(DriftCheck.class);

  private final RunLedger ledger;
  private final ObjectStores stores;
  private final DriftPolicies policies;

  public DriftCheck(RunLedger ledger, ObjectStores stores, DriftPolicies policies) {
    this.ledger = ledger;
    this.stores = stores;
    this.policies = policies;
  }

  /** Where the profile of {@code runId} is kept under {@code outputRoot}. */
  public static StorageUri profileOf(OutputLayout layout, String runId) {
    return layout.run(runId).folder().resolve(PROFILE_FILE);
  }

  /**
   * The reference profile in the package folder {@code modelDirectory}, if it has one.
   *
   * @throws NightscribeException CONFIGURATION when the file is there but unreadable
   */
  public static Optional<RunProfile> modelReference(Path modelDirectory) {
    Path file = modelDirectory.resolve(REFERENCE_FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ProfileJson.decode(Files.readAllBytes(file)));
    } catch (IOException | RuntimeException e) {
      throw NightscribeException.configuration(
          "Cannot read the reference profile "
              + file
              + ": "
              + e.getMessage()
              + " (compute it again with 'nightscribe models profile')",
          e);
    }
  }

  /** How {@code night}, the profile of {@code run}, drifted from its reference. */
  public RunDrift check(RunRow run, ResolvedPartition partition, RunProfile night) {
    DriftPolicy policy = policies.of(run.pipeline());
    DriftDetector detector = new DriftDetector(policy.settings());
    Optional<RunProfile> model = modelReference(partition.model().directory());
    if (model.isPresent()) {
      return new RunDrift(
          RunDrift.Reference.MODEL, List.of(), Optional.of(detector.compare(model.get(), night)));
    }
    List<String> baselineRuns = new ArrayList<>();
    Optional<RunProfile> baseline = baseline(run, policy, baselineRuns);
    if (baseline.isEmpty()) {
      return RunDrift.none();
    }
    return new RunDrift(
        RunDrift.Reference.BASELINE,
        baselineRuns,
        Optional.of(detector.compare(baseline.get(), night)));
  }

  /** The merged profiles of the pipeline's last completed nights before this one. */
  private Optional<RunProfile> baseline(RunRow run, DriftPolicy policy, List<String> used) {
    if (run.partitionDate().isEmpty()
        || run.jobKind() == JobKind.ADHOC
        || policy.baselineNights() == 0) {
      return Optional.empty();
    }
    RunProfile.Builder merged = RunProfile.builder();
    for (RunRow earlier :
        ledger.completedNightsBefore(
            run.pipeline(), run.partitionDate().get(), policy.baselineNights())) {
      Optional<RunProfile> profile = storedProfile(earlier);
      if (profile.isPresent()) {
        ProfileMerge.add(merged, profile.get());
        used.add(earlier.runId());
      }
    }
    return used.isEmpty() ? Optional.empty() : Optional.of(merged.build());
  }

  private Optional<RunProfile> storedProfile(RunRow earlier) {
    StorageUri uri = profileOf(OutputLayout.of(earlier.outputUri()), earlier.runId());
    try {
      if (stores.forUri(uri).stat(uri).isEmpty()) {
        return Optional.empty(); // a night finished before runs kept profiles
      }
      return Optional.of(ProfileJson.decode(stores.forUri(uri).readAllBytes(uri)));
    } catch (RuntimeException e) {
      // one unreadable night must not fail tonight: the baseline is made of the others
      log.warn("Cannot read the profile {} for the drift baseline: {}", uri, e.getMessage());
      return Optional.empty();
    }
  }
}
