package io.nightscribe.spark;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.audio.FfmpegAudioDecoder;
import io.nightscribe.asr.engine.AsrEngines;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.model.BuiltinModels;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.pipeline.ExecutorSettings;
import io.nightscribe.asr.pipeline.PackageTranscriber;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.vad.SpeechDetectors;
import io.nightscribe.registry.mlflow.MlflowClient;
import io.nightscribe.registry.models.ModelPackageCache;
import io.nightscribe.registry.models.ModelResolver;
import io.nightscribe.registry.models.RegisteredModels;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The models of this executor JVM: each resolved, verified against the digest the run recorded and
 * loaded once, then shared by every task of every partition and retry that runs here; closed when
 * the executor stops ({@link NightscribeSparkPlugin}). Static, because an executor gives its tasks
 * no other place that lives as long as the JVM. Thread-safe.
 */
final class ExecutorModels {
  private static final Logger log = LoggerFactory.getLogger(ExecutorModels.class);
  private static final Map<String, PackageTranscriber.Loaded> LOADED = new ConcurrentHashMap<>();
  private static final AtomicInteger LOADS = new AtomicInteger();
  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private ExecutorModels() {}

  /** The storage clients of this JVM, made on first use. */
  static ObjectStores stores() {
    return Stores.INSTANCE;
  }

  /**
   * The model of {@code run}, loaded on first use with {@code decodeThreads} decoder threads per
   * task.
   *
   * @throws NightscribeException CONFIGURATION when the package here is not the one the run
   *     recorded
   */
  static PackageTranscriber.Loaded loaded(RunReference run, int decodeThreads) {
    return LOADED.computeIfAbsent(run.modelKey(), key -> load(run, decodeThreads));
  }

  /** How many times this JVM loaded a model: once per executor, whatever the tasks and retries. */
  static int loads() {
    return LOADS.get();
  }

  /** Closes every model, at executor shutdown. */
  static void closeAll() {
    LOADED.values().forEach(PackageTranscriber.Loaded::close);
    LOADED.clear();
  }

  private static PackageTranscriber.Loaded load(RunReference run, int decodeThreads) {
    Path cache = Path.of(run.modelCache());
    ModelPackageCache packages = new ModelPackageCache(cache);
    Optional<RegisteredModels> registry =
        Optional.ofNullable(run.mlflowTrackingUri())
            .map(
                uri ->
                    new RegisteredModels(
                        MlflowClient.create(
                            URI.create(uri), System.getenv("NIGHTSCRIBE_MLFLOW_TOKEN")),
                        packages,
                        Clock.systemUTC()));
    ModelPackage model =
        new ModelResolver(new BuiltinModels(cache), registry, stores(), packages)
            .resolve(run.modelReference());
    if (!model.sha256().equals(run.modelSha256())) {
      throw NightscribeException.configuration(
          "Cannot load model "
              + run.modelReference()
              + " on this executor: it has sha256 "
              + model.sha256()
              + ", the run recorded "
              + run.modelSha256()
              + " (restore that version of the model)");
    }
    PackageTranscriber transcriber =
        new PackageTranscriber(
            AsrEngines.installed(),
            SpeechDetectors.installed(),
            new FfmpegAudioDecoder(),
            ExecutorSettings.onCpu(Math.max(1, decodeThreads)));
    PackageTranscriber.Loaded loaded =
        transcriber.load(
            model, JSON.readValue(run.settingsJson(), DecodingSettings.class), run.configHash());
    int loads = LOADS.incrementAndGet();
    log.info(
        "Loaded model {} {} ({}) on this executor: load {} of this JVM",
        model.name(),
        model.version(),
        loaded.engineVersion(),
        loads);
    return loaded;
  }

  /** The JVM's storage clients, made when first asked for. */
  private static final class Stores {
    static final ObjectStores INSTANCE = ObjectStores.standard();
  }
}
