package io.nightscribe.batch.model;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.model.BuiltinModels;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.model.ModelPackages;
import io.nightscribe.asr.storage.StorageUri;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a model reference into a verified package on local disk. Thread-safe.
 *
 * <p>Accepted references: {@code builtin:vosk-model-small-en-us} (the default, shipped in the class
 * path) and {@code file:///folder} (a model package folder with its model.json).
 */
public class ModelResolver {
  public static final String BUILTIN_VOSK = "builtin:vosk-model-small-en-us";

  private final BuiltinModels builtins;
  private final Map<String, ModelPackage> resolved = new ConcurrentHashMap<>();

  public ModelResolver(BuiltinModels builtins) {
    this.builtins = builtins;
  }

  /**
   * @throws NightscribeException CONFIGURATION naming the reference and what is accepted
   */
  public ModelPackage resolve(String reference) {
    // a backfill asks for the same reference once per date: digest the package once per process
    // (loading it for an engine verifies the digest again)
    ModelPackage known = resolved.get(reference);
    if (known != null) {
      return known;
    }
    ModelPackage found = find(reference);
    resolved.put(reference, found);
    return found;
  }

  private ModelPackage find(String reference) {
    if (reference.equals(BUILTIN_VOSK) || reference.equals("builtin")) {
      return builtins.voskSmallEnUs();
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
            + BUILTIN_VOSK
            + " or file:///path/to/model-package (registry references models:/NAME@ALIAS are not supported yet)");
  }
}
