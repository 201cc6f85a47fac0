package io.nightscribe.asr.engine.vosk;

import com.sun.jna.Native;
import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.engine.AsrModel;
import io.nightscribe.asr.engine.AsrSession;
import io.nightscribe.asr.engine.ComputeDevice;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.model.ModelPackage;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;

/**
 * A loaded Vosk model: one native {@link Model}, shared by all sessions (Vosk's model is read-only
 * once loaded, and safe to share between threads). Thread-safe. Whoever loaded it closes it, after
 * every session is closed.
 */
final class VoskModel implements AsrModel {
  private static final Logger LOG = LoggerFactory.getLogger(VoskModel.class);

  private final ModelPackage modelPackage;
  private final DitherFreeModelView view;
  private final Model model;

  VoskModel(ModelPackage modelPackage) {
    this.modelPackage = Objects.requireNonNull(modelPackage, "modelPackage");
    // Kaldi logs every loaded component to stderr at INFO: keep only warnings
    LibVosk.setLogLevel(LogLevel.WARNINGS);
    long started = System.nanoTime();
    this.view = DitherFreeModelView.of(modelPackage.directory());
    try {
      this.model = new Model(view.directory().toString());
    } catch (IOException | RuntimeException e) {
      view.close();
      throw NightscribeException.configuration(
          "Cannot load model "
              + modelPackage.name()
              + " "
              + modelPackage.version()
              + " with Vosk from "
              + modelPackage.directory()
              + ": "
              + e.getMessage()
              + " (is it a Vosk model folder?)",
          e);
    }
    LOG.debug(
        "Loaded Vosk model {} {} in {} ms",
        modelPackage.name(),
        modelPackage.version(),
        (System.nanoTime() - started) / 1_000_000);
  }

  @Override
  public ModelPackage modelPackage() {
    return modelPackage;
  }

  @Override
  public String engineVersion() {
    return "vosk " + VoskEngine.VOSK_VERSION + " (jna " + Native.VERSION + ")";
  }

  /**
   * Opens a session: one that hears each batch as a stream when {@code settings} cut at pauses, one
   * that hears each chunk alone when they cut fixed windows (as every run before segmentation at
   * pauses did, so their replays decode as they did). Vosk runs on the CPU only.
   *
   * @throws NightscribeException CONFIGURATION when {@code device} is a GPU
   */
  @Override
  public AsrSession openSession(ComputeDevice device, DecodingSettings settings) {
    if (!device.equals(ComputeDevice.CPU)) {
      throw NightscribeException.configuration(
          "Cannot open a Vosk session on " + device + ": Vosk runs on the CPU only (use cpu)");
    }
    return settings.segmentation().isPresent()
        ? new VoskStreamSession(model)
        : new VoskSession(model);
  }

  @Override
  public void close() {
    model.close();
    view.close();
  }
}
