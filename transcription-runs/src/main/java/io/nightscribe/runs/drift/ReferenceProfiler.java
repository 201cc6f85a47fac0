package io.nightscribe.runs.drift;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.pipeline.PackageTranscriber;
import io.nightscribe.asr.pipeline.TranscriptionInput;
import io.nightscribe.asr.pipeline.TranscriptionOutcome;
import io.nightscribe.asr.storage.ObjectInfo;
import io.nightscribe.asr.storage.ObjectStore;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.asr.transcript.SettingsDigest;
import io.nightscribe.monitoring.drift.ProfileJson;
import io.nightscribe.monitoring.drift.RunProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Computes a model's reference profile: transcribes a set of audio the model is known to do well on
 * (its evaluation set, or a good night) exactly as a night is transcribed, and profiles it the way
 * a night is profiled ({@link NightProfiles#add}). Thread-safe.
 */
public final class ReferenceProfiler {
  /** Files in a set folder that are not audio: dataset manifests and reference texts. */
  private static final List<String> NOT_AUDIO = List.of(".json", ".jsonl", ".txt", ".md");

  private final ObjectStores stores;
  private final PackageTranscriber transcriber;

  public ReferenceProfiler(ObjectStores stores, PackageTranscriber transcriber) {
    this.stores = stores;
    this.transcriber = transcriber;
  }

  /**
   * The profile of {@code set} and how many of its objects it was made from.
   *
   * @param transcribed objects profiled
   * @param quarantined objects that could not be decoded or transcribed, left out
   */
  public record Result(RunProfile profile, int transcribed, int quarantined) {}

  /**
   * Profiles every audio object under {@code set} transcribed by {@code model} with {@code
   * decoding}.
   *
   * @throws NightscribeException CONFIGURATION when the set holds no audio
   */
  public Result profile(ModelPackage model, DecodingSettings decoding, StorageUri set) {
    StorageUri prefix = set.asPrefix();
    ObjectStore store = stores.forUri(prefix);
    List<String> keys;
    try (var listing = store.list(prefix)) {
      keys =
          listing
              .map(ObjectInfo::uri)
              .map(prefix::relativize)
              .filter(ReferenceProfiler::isAudio)
              .toList();
    }
    if (keys.isEmpty()) {
      throw NightscribeException.configuration(
          "Cannot profile " + set + ": it holds no audio (give the folder of the evaluation set)");
    }
    Optional<Vocabulary> vocabulary = Vocabulary.of(model);
    RunProfile.Builder builder = RunProfile.builder();
    AtomicInteger transcribed = new AtomicInteger();
    AtomicInteger quarantined = new AtomicInteger();
    try (var loaded = transcriber.load(model, decoding, SettingsDigest.sha256(decoding))) {
      loaded.run(
          store,
          keys.stream().map(key -> new TranscriptionInput(key, prefix.resolve(key))).iterator(),
          outcome -> {
            if (outcome instanceof TranscriptionOutcome.Transcribed done) {
              ObjectFeatures features = ObjectFeatures.of(done, vocabulary);
              synchronized (builder) {
                NightProfiles.add(
                    builder,
                    done.transcript().source().durationMillis(),
                    done.entry().probe(),
                    Optional.of(features));
              }
              transcribed.incrementAndGet();
            } else {
              quarantined.incrementAndGet();
            }
          });
    }
    synchronized (builder) {
      return new Result(builder.build(), transcribed.get(), quarantined.get());
    }
  }

  /**
   * Writes {@code profile} as the reference profile of the package folder {@code directory},
   * replacing any earlier one. The file is left out of the package's digest, so the model's sha256
   * (and every run and replay that recorded it) stays valid.
   *
   * @return the file written
   */
  public static Path write(Path directory, RunProfile profile) {
    Path file = directory.resolve(DriftCheck.REFERENCE_FILE);
    try {
      Path partial = Files.createTempFile(directory, ".reference-profile", ".part");
      Files.write(partial, ProfileJson.encode(profile));
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw NightscribeException.configuration(
          "Cannot write " + file + ": " + e.getMessage() + " (is the package folder writable?)", e);
    }
  }

  private static boolean isAudio(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return !key.isEmpty() && NOT_AUDIO.stream().noneMatch(lower::endsWith);
  }
}
