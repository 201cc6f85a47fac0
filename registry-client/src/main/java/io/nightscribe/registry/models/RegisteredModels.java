package io.nightscribe.registry.models;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.registry.mlflow.MlflowClient;
import io.nightscribe.registry.mlflow.MlflowModelRegistry;
import io.nightscribe.registry.mlflow.MlflowRun;
import io.nightscribe.registry.mlflow.MlflowRunPublisher;
import io.nightscribe.registry.mlflow.ModelVersion;
import io.nightscribe.registry.mlflow.RunPublication;
import io.nightscribe.registry.mlflow.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Model packages in MLflow's registry: registering a package as a new version (its files uploaded
 * as the artifacts of a registration run, its digest tagged on the version) and resolving {@code
 * models:/} references to verified packages in the local cache, downloading each package once.
 * Thread-safe.
 */
public final class RegisteredModels {
  /** The version tag holding the package digest every load is verified against. */
  public static final String SHA256_TAG = "nightscribe.sha256";

  /** The experiment registration runs go in. */
  public static final String EXPERIMENT = "nightscribe/models";

  private static final String PACKAGE_FOLDER = "model";

  private final MlflowClient mlflow;
  private final MlflowModelRegistry registry;
  private final ModelPackageCache cache;
  private final Clock clock;

  public RegisteredModels(MlflowClient mlflow, ModelPackageCache cache, Clock clock) {
    this.mlflow = mlflow;
    this.registry = mlflow.modelRegistry();
    this.cache = cache;
    this.clock = clock;
  }

  /**
   * The package {@code reference} names, verified; downloaded into the cache the first time.
   *
   * @throws NightscribeException CONFIGURATION when the model, version or alias does not exist, the
   *     version was not registered by nightscribe (no digest to verify), or its files do not have
   *     the registered digest
   */
  public ModelPackage resolve(RegistryReference reference) {
    ModelVersion version =
        (reference.alias().isPresent()
                ? registry.versionByAlias(reference.name(), reference.alias().get())
                : registry.version(reference.name(), reference.version().orElseThrow()))
            .orElseThrow(
                () ->
                    NightscribeException.configuration(
                        "Cannot resolve model "
                            + reference
                            + ": the MLflow registry at "
                            + mlflow.server()
                            + " has no such "
                            + (reference.alias().isPresent() ? "alias" : "version")
                            + " (check the name; register packages with 'nightscribe models register')"));
    String sha256 = version.tags().get(SHA256_TAG);
    if (sha256 == null) {
      throw NightscribeException.configuration(
          "Cannot use model "
              + reference
              + " (version "
              + version.version()
              + "): it has no "
              + SHA256_TAG
              + " tag to verify its files against (register it with 'nightscribe models register')");
    }
    return cache
        .load(sha256, version.name(), version.version())
        .orElseGet(() -> download(reference, version, sha256));
  }

  /**
   * Registers {@code model} as a new version of {@code name}, pointing {@code alias} at it when
   * given.
   */
  public ModelVersion register(ModelPackage model, String name, Optional<String> alias) {
    String experiment = mlflow.getOrCreateExperiment(EXPERIMENT);
    long start = clock.millis();
    Map<String, String> tags = new TreeMap<>();
    tags.put("nightscribe.job_kind", "register-model");
    tags.put("nightscribe.model_name", name);
    tags.put(SHA256_TAG, model.sha256());
    MlflowRun run = mlflow.createRun(experiment, "register " + name, start, tags);
    Map<String, String> params = new TreeMap<>();
    params.put("model.source_name", model.name());
    params.put("model.source_version", model.version());
    params.put("model.sha256", model.sha256());
    params.put("model.engine", model.descriptor().engine());
    params.put("model.format", model.descriptor().format());
    mlflow.logBatch(run.runId(), params, List.of(), Map.of());
    uploadPackage(model, run);
    ModelVersion version = registerFromRun(model, name, alias, run, Map.of());
    mlflow.updateRun(run.runId(), RunStatus.FINISHED, Math.max(start, clock.millis()));
    return version;
  }

  /**
   * Registers the package {@link #uploadPackage uploaded} to {@code run} (the run that made it: a
   * training) as a new version of {@code name}, tagged with the package's sha256, its model.json
   * "lineage.*" keys and {@code extraTags}; points {@code alias} at it when given.
   */
  public ModelVersion registerFromRun(
      ModelPackage model,
      String name,
      Optional<String> alias,
      MlflowRun run,
      Map<String, String> extraTags) {
    Map<String, String> versionTags = new TreeMap<>(extraTags);
    versionTags.put(SHA256_TAG, model.sha256());
    versionTags.put("nightscribe.engine", model.descriptor().engine());
    versionTags.put("nightscribe.format", model.descriptor().format());
    model.descriptor().properties().entrySet().stream()
        .filter(property -> property.getKey().startsWith("lineage."))
        .forEach(
            property -> versionTags.put("nightscribe." + property.getKey(), property.getValue()));
    ModelVersion version =
        registry.createVersion(
            name, run.artifactUri() + "/" + PACKAGE_FOLDER, run.runId(), versionTags);
    alias.ifPresent(a -> registry.setAlias(name, a, version.version()));
    return registry.version(name, version.version()).orElse(version);
  }

  /** Uploads the package's files as the artifacts under "model/" of {@code run}. */
  public void uploadPackage(ModelPackage model, MlflowRun run) {
    for (Path file : files(model.directory())) {
      String relative = model.directory().relativize(file).toString().replace('\\', '/');
      mlflow.uploadArtifact(run, PACKAGE_FOLDER + "/" + relative, file);
    }
  }

  /** The tracking server's client, for runs that log as they go (a training). */
  public MlflowClient tracking() {
    return mlflow;
  }

  /** The version {@code alias} of {@code name} points at, or empty when the alias is not set. */
  public Optional<ModelVersion> aliased(String name, String alias) {
    return registry.versionByAlias(name, alias);
  }

  /** Points {@code alias} of {@code name} at {@code version}. */
  public void pointAlias(String name, String alias, String version) {
    registry.setAlias(name, alias, version);
  }

  /** Sets a tag on a version (its audit trail: evaluations, promotions, rollbacks). */
  public void tagVersion(String name, String version, String key, String value) {
    registry.setVersionTag(name, version, key, value);
  }

  /** Publishes a finished run (an evaluation, say) to the registry's tracking server. */
  public String publish(RunPublication run) {
    return new MlflowRunPublisher(mlflow).publish(run);
  }

  private ModelPackage download(RegistryReference reference, ModelVersion version, String sha256) {
    MlflowRun run = mlflow.getRun(version.runId());
    String root = run.artifactUri().replaceAll("/+$", "") + "/";
    if (!version.source().startsWith(root)) {
      throw NightscribeException.configuration(
          "Cannot download model "
              + reference
              + ": its source "
              + version.source()
              + " is not among the artifacts of run "
              + run.runId()
              + " (register the package with 'nightscribe models register')");
    }
    String folder = version.source().substring(root.length());
    Path staged = cache.staging();
    for (String file : mlflow.listArtifactFiles(run, folder)) {
      Path target = staged.resolve(file.substring(folder.length() + 1));
      try {
        Files.createDirectories(target.getParent());
      } catch (IOException e) {
        throw NightscribeException.configuration(
            "Cannot write " + target + " in the model cache: " + e.getMessage(), e);
      }
      mlflow.downloadArtifact(run, file, target);
    }
    return cache.admit(
        staged,
        Optional.of(sha256),
        Optional.of(version.name()),
        Optional.of(version.version()),
        reference.toString());
  }

  private static List<Path> files(Path directory) {
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw NightscribeException.configuration(
          "Cannot read model package " + directory + ": " + e.getMessage(), e);
    }
  }
}
