package io.nightscribe.asr.engine;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.model.ModelPackage;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The engines on the class path, found through {@link ServiceLoader}. Immutable once built;
 * thread-safe.
 */
public final class AsrEngines {
  private final List<AsrEngine> engines;

  private AsrEngines(List<AsrEngine> engines) {
    this.engines = List.copyOf(engines);
  }

  /** The engines registered in META-INF/services of the class path. */
  public static AsrEngines installed() {
    List<AsrEngine> found = new ArrayList<>();
    ServiceLoader.load(AsrEngine.class).forEach(found::add);
    return new AsrEngines(found);
  }

  /**
   * Loads {@code modelPackage} with the engine its model.json names.
   *
   * @throws NightscribeException CONFIGURATION when no installed engine has that name
   */
  public AsrModel load(ModelPackage modelPackage) {
    String name = modelPackage.descriptor().engine();
    return engines.stream()
        .filter(engine -> engine.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                NightscribeException.configuration(
                    "Cannot load model "
                        + modelPackage.name()
                        + ": no engine '"
                        + name
                        + "' is installed (installed: "
                        + String.join(", ", engines.stream().map(AsrEngine::name).toList())
                        + ")"))
        .load(modelPackage);
  }
}
