package io.nightscribe.asr.vad;

import io.nightscribe.asr.NightscribeException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The speech detectors on the class path, found through {@link ServiceLoader}. Immutable once
 * built; thread-safe.
 */
public final class SpeechDetectors {
  private final List<SpeechDetector> detectors;

  private SpeechDetectors(List<SpeechDetector> detectors) {
    this.detectors = List.copyOf(detectors);
  }

  /** The detectors registered in META-INF/services of the class path. */
  public static SpeechDetectors installed() {
    List<SpeechDetector> found = new ArrayList<>();
    ServiceLoader.load(SpeechDetector.class).forEach(found::add);
    return new SpeechDetectors(found);
  }

  /**
   * Loads the detector called {@code name}. The caller closes it.
   *
   * @throws NightscribeException CONFIGURATION when no installed detector has that name
   */
  public SpeechModel load(String name) {
    return detectors.stream()
        .filter(detector -> detector.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                NightscribeException.configuration(
                    "Cannot cut audio at pauses with speech detector '"
                        + name
                        + "': it is not installed (installed: "
                        + (detectors.isEmpty()
                            ? "none"
                            : String.join(
                                ", ", detectors.stream().map(SpeechDetector::name).toList()))
                        + "; add the module that ships it, or decode with fixed windows)"))
        .load();
  }
}
