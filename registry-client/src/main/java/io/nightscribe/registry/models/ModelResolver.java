package io.nightscribe.registry.models;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.model.BuiltinModels;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.model.ModelPackages;
import io.nightscribe.asr.storage.ObjectInfo;
import io.nightscribe.asr.storage.ObjectStore;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Turns a model reference into a verified package on local disk. Thread-safe.
 *
 * <p>Accepted references: {@code builtin:NAME}, a model shipped by an installed engine ({@code
 * builtin:vosk-model-small-en-us}, the default, and {@code builtin:nightscribe-ctc-en},
 * nightscribe's own DJL model, in the default application); {@code file:///folder} (a model package
 * folder with its model.json); {@code s3://bucket/ prefix/} (a package folder in object storage,
 * downloaded into the cache); {@code models:/NAME@ALIAS} and {@code models:/NAME/VERSION} (MLflow's
 * registry, downloaded once into the cache keyed by the registered sha256).
 */
public class ModelResolver {
  /** The default model: the small US-English Vosk model the Vosk engine ships. */
  public static final String BUILTIN_VOSK = "builtin:vosk-model-small-en-us";

  private static final String BUILTIN = "builtin";

  private final BuiltinModels builtins;
  private final Optional<RegisteredModels> registry;
  private final ObjectStores stores;
  private final ModelPackageCache cache;
  private final Map<String, ModelPackage> resolved = new ConcurrentHashMap<>();

  /**
   * @param registry MLflow's model registry, empty when no tracking server is configured
   */
  public ModelResolver(
      BuiltinModels builtins,
      Optional<RegisteredModels> registry,
      ObjectStores stores,
      ModelPackageCache cache) {
    this.builtins = builtins;
    this.registry = registry;
    this.stores = stores;
    this.cache = cache;
  }

  /**
   * @throws NightscribeException CONFIGURATION naming the reference and what is accepted
   */
  public ModelPackage resolve(String reference) {
    // one command (a backfill's dates, say) asks for the same reference again and again: digest
    // the package once per process (loading it for an engine verifies the digest again)
    ModelPackage known = resolved.get(reference);
    if (known != null) {
      return known;
    }
    ModelPackage found = find(reference);
    resolved.put(reference, found);
    return found;
  }

  /**
   * Resolves {@code reference} anew, verifying the package's digest again, and keeps the result for
   * later {@link #resolve} calls: what a long-running process does before each night, so a registry
   * alias that moved (a new champion) or a cached package that changed on disk is seen.
   *
   * @throws NightscribeException CONFIGURATION naming the reference and what is wrong
   */
  public ModelPackage resolveAgain(String reference) {
    ModelPackage found = find(reference);
    resolved.put(reference, found);
    return found;
  }

  /**
   * The MLflow model registry, for registering packages.
   *
   * @throws NightscribeException CONFIGURATION when no tracking server is configured
   */
  public RegisteredModels registry() {
    return registry.orElseThrow(
        () ->
            NightscribeException.configuration(
                "The model registry is MLflow's: set nightscribe.mlflow.tracking-uri or"
                    + " NIGHTSCRIBE_MLFLOW_URI"));
  }

  /**
   * The reference that gives back exactly the package a run used: a registry alias may have moved
   * since, so it becomes the run's version.
   */
  public static String exactReference(String reference, String modelName, String modelVersion) {
    return RegistryReference.parse(reference)
        .map(r -> RegistryReference.exact(r.name(), modelVersion).toString())
        .orElse(reference);
  }

  private ModelPackage find(String reference) {
    if (reference.equals(BUILTIN)) {
      return find(BUILTIN_VOSK);
    }
    if (reference.startsWith(BUILTIN + ":")) {
      return builtins.get(reference.substring(BUILTIN.length() + 1));
    }
    Optional<RegistryReference> registered;
    try {
      registered = RegistryReference.parse(reference);
    } catch (IllegalArgumentException e) {
      throw NightscribeException.configuration(e.getMessage(), e);
    }
    if (registered.isPresent()) {
      return registry().resolve(registered.get());
    }
    if (reference.startsWith("s3://")) {
      return download(StorageUri.parse(reference).asPrefix());
    }
    if (reference.startsWith("file:") || reference.startsWith("/")) {
      Path folder = StorageUri.parse(reference).toPath();
      if (!Files.isDirectory(folder)) {
        throw NightscribeException.configuration(
            "Cannot load model "
                + reference
                + ": no such folder (give a model package folder with a model.json)");
      }
      return ModelPackages.load(folder);
    }
    throw NightscribeException.configuration(
        "Cannot resolve model '"
            + reference
            + "': use "
            + String.join(
                ", ", builtins.names().stream().map(name -> BUILTIN + ":" + name).toList())
            + ", file:///path/to/package, s3://bucket/package/, models:/NAME@ALIAS or models:/NAME/VERSION");
  }

  /** Copies a package folder from object storage into the cache. */
  private ModelPackage download(StorageUri prefix) {
    ObjectStore store = stores.forUri(prefix);
    Path staged = cache.staging();
    List<ObjectInfo> objects;
    try (Stream<ObjectInfo> listing = store.list(prefix)) {
      objects = listing.toList();
    }
    if (objects.stream()
        .noneMatch(o -> o.uri().key().endsWith("/" + ModelPackages.DESCRIPTOR_FILE))) {
      throw NightscribeException.configuration(
          "Cannot load model "
              + prefix
              + ": no "
              + ModelPackages.DESCRIPTOR_FILE
              + " under it (give the folder of a model package)");
    }
    for (ObjectInfo object : objects) {
      Path target = staged.resolve(prefix.relativize(object.uri()));
      try {
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
          store.copyTo(object.uri(), out);
        }
      } catch (IOException e) {
        throw NightscribeException.configuration(
            "Cannot copy " + object.uri() + " into the model cache: " + e.getMessage(), e);
      }
    }
    return cache.admit(
        staged, Optional.empty(), Optional.empty(), Optional.empty(), prefix.toString());
  }
}
