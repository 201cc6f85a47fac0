package io.nightscribe.asr.model;

import io.nightscribe.asr.LocalFolders;
import io.nightscribe.asr.NightscribeException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models the installed engines ship ({@link BuiltinModel}), each unpacked once into a cache
 * folder and verified against its pinned digest on every call.
 *
 * <p>Extraction is atomic (into a temporary folder beside the target, then renamed), so concurrent
 * JVMs sharing the cache never see half a model; one of them wins, the others reuse its folder.
 * Thread-safe.
 */
public final class BuiltinModels {
  private static final Logger LOG = LoggerFactory.getLogger(BuiltinModels.class);

  private final Path cacheRoot;
  private final Map<String, BuiltinModel> models;

  /**
   * The built-in models registered on the class path.
   *
   * @param cacheRoot the folder holding unpacked models; created when missing
   */
  public BuiltinModels(Path cacheRoot) {
    this(cacheRoot, installed());
  }

  /**
   * @param cacheRoot the folder holding unpacked models; created when missing
   * @param models the models to offer
   */
  public BuiltinModels(Path cacheRoot, List<BuiltinModel> models) {
    this.cacheRoot = Objects.requireNonNull(cacheRoot, "cacheRoot").toAbsolutePath().normalize();
    Map<String, BuiltinModel> byName = new TreeMap<>();
    models.forEach(model -> byName.put(model.name(), model));
    this.models = Map.copyOf(byName);
  }

  /**
   * The default cache: {@code $NIGHTSCRIBE_MODEL_CACHE} when set, else {@code
   * ~/.cache/nightscribe/models}.
   */
  public static Path defaultCacheRoot() {
    String configured = System.getenv("NIGHTSCRIBE_MODEL_CACHE");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "nightscribe", "models");
  }

  /** The names of the built-in models on offer, sorted. */
  public List<String> names() {
    return List.copyOf(new TreeMap<>(models).keySet());
  }

  /** True when a built-in model of that name is installed. */
  public boolean has(String name) {
    return models.containsKey(name);
  }

  /**
   * The built-in model {@code name}, unpacked on first use.
   *
   * @throws NightscribeException CONFIGURATION when no installed engine ships it, the cache is not
   *     writable, or the cached package is corrupt (the message says which folder to delete)
   */
  public ModelPackage get(String name) {
    BuiltinModel model =
        Optional.ofNullable(models.get(name))
            .orElseThrow(
                () ->
                    NightscribeException.configuration(
                        "Unknown built-in model '"
                            + name
                            + "': the installed engines ship "
                            + (models.isEmpty() ? "none" : String.join(", ", names()))
                            + " (add the engine that ships it to the application)"));
    Path target = cacheRoot.resolve(model.name() + "-" + model.version());
    synchronized (models) {
      if (!Files.isRegularFile(target.resolve(ModelPackages.DESCRIPTOR_FILE))) {
        extract(target, model);
      }
    }
    LOG.debug("Built-in model {} {} at {}", model.name(), model.version(), target);
    return ModelPackages.load(target, model.name(), model.version(), Optional.of(model.sha256()));
  }

  private static List<BuiltinModel> installed() {
    List<BuiltinModel> found = new ArrayList<>();
    ServiceLoader.load(BuiltinModel.class).forEach(found::add);
    return found;
  }

  private void extract(Path target, BuiltinModel model) {
    Path temporary = null;
    try {
      Files.createDirectories(cacheRoot);
      temporary = Files.createTempDirectory(cacheRoot, "." + target.getFileName() + "-");
      LOG.info("Unpacking built-in model {} into {}", model.name(), target);
      model.unpackInto(temporary);
      moveIntoPlace(temporary, target);
    } catch (IOException e) {
      throw NightscribeException.configuration(
          "Cannot unpack built-in model "
              + model.name()
              + " into "
              + cacheRoot
              + ": "
              + e.getMessage()
              + " (make the folder writable or point NIGHTSCRIBE_MODEL_CACHE elsewhere)",
          e);
    } finally {
      deleteQuietly(temporary);
    }
  }

  private static void moveIntoPlace(Path temporary, Path target) throws IOException {
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileSystemException e) {
      if (!Files.isRegularFile(target.resolve(ModelPackages.DESCRIPTOR_FILE))) {
        throw e;
      }
      LOG.debug("Another process unpacked {} first", target);
    }
  }

  private static void deleteQuietly(Path folder) {
    if (folder != null && !LocalFolders.deleteTree(folder)) {
      LOG.warn("Cannot delete temporary folder {}", folder);
    }
  }
}
