package io.nightscribe.lifecycle.dataset;

import io.nightscribe.asr.LocalFolders;
import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.Sha256;
import io.nightscribe.asr.dataset.Augmentation;
import io.nightscribe.asr.dataset.DatasetLayout;
import io.nightscribe.asr.dataset.FortuneSentences;
import io.nightscribe.asr.dataset.NoiseMixer;
import io.nightscribe.asr.dataset.Pcm16Wav;
import io.nightscribe.asr.dataset.SeededDraws;
import io.nightscribe.asr.dataset.Sentence;
import io.nightscribe.asr.dataset.SynthesisPlanner;
import io.nightscribe.asr.dataset.SynthesisSettings;
import io.nightscribe.asr.dataset.Synthesizer;
import io.nightscribe.asr.dataset.UtterancePlan;
import io.nightscribe.asr.dataset.Voice;
import io.nightscribe.asr.json.CanonicalJson;
import io.nightscribe.asr.manifest.DatasetEntry;
import io.nightscribe.asr.manifest.EncodedManifest;
import io.nightscribe.asr.manifest.JsonLinesManifest;
import io.nightscribe.asr.storage.ObjectStore;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.runs.record.CodeVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a speech dataset: plans the synthetic clips from the seed, lists the recorded ones, makes
 * every clip's audio on {@code workers} threads (external programs do the work), writes it under
 * the output, then dataset.json, then the manifest. An audio file already there with the same bytes
 * is not rewritten, so a build stopped half way is finished by running it again. Thread-safe; one
 * build at a time per output.
 */
public final class DatasetBuilder {
  private static final Logger log = LoggerFactory.getLogger(DatasetBuilder.class);

  /** Where Debian's fortunes package installs its fortune files. */
  static final Path FORTUNES = Path.of("/usr/share/games/fortunes");

  /** A clip takes milliseconds; a program still running after this has hung. */
  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);

  private final ObjectStores stores;
  private final SpeechTools tools;
  private final Path fortunes;
  private final DebianRecordings recordings;
  private final SynthesisSettings settings;

  DatasetBuilder(
      ObjectStores stores,
      SpeechTools tools,
      Path fortunes,
      DebianRecordings recordings,
      SynthesisSettings settings) {
    this.stores = stores;
    this.tools = tools;
    this.fortunes = fortunes;
    this.recordings = recordings;
    this.settings = settings;
  }

  /** A builder reading Debian's packages where they install, writing through {@code stores}. */
  public static DatasetBuilder standard(ObjectStores stores) {
    return new DatasetBuilder(
        stores,
        new SpeechTools(new ToolRunner(TOOL_TIMEOUT)),
        FORTUNES,
        DebianRecordings.STANDARD,
        SynthesisSettings.DEFAULT);
  }

  /**
   * Builds the dataset {@code request} asks for.
   *
   * @throws NightscribeException CONFIGURATION when a program or package is missing or more
   *     sentences are asked for than there are; INTERNAL when a program fails; the storage's own
   *     categories when writing fails
   */
  public DatasetSummary build(DatasetRequest request) {
    Path work = createWorkFolder();
    try {
      return build(request, work);
    } finally {
      deleteTree(work);
    }
  }

  private DatasetSummary build(DatasetRequest request, Path work) {
    boolean synthesize = request.includes(DatasetLayout.SYNTHETIC);
    List<String> programs =
        synthesize
            ? List.of(Synthesizer.FLITE.program(), Synthesizer.ESPEAK_NG.program(), "sox")
            : List.of("sox");
    Map<String, String> versions = tools.versions(programs, work);
    Optional<SyntheticPlan> plan =
        synthesize ? Optional.of(planSynthetic(request, work)) : Optional.empty();
    List<Clip> clips = new ArrayList<>();
    plan.ifPresent(p -> p.utterances().forEach(utterance -> clips.add(synthetic(utterance))));
    if (request.includes(DatasetLayout.REAL)) {
      recordings.list().forEach(recording -> clips.add(real(recording)));
    }
    requireDistinctKeys(clips);
    log.info(
        "Building {} clips under {} on {} workers",
        clips.size(),
        request.output(),
        request.workers());
    List<MadeClip> made = makeAll(clips, request, work);

    ObjectStore store = stores.forUri(request.output());
    EncodedManifest manifest =
        JsonLinesManifest.writeDataset(made.stream().map(MadeClip::entry).toList());
    Map<String, SliceTotals> slices = totals(made);
    store.write(
        request.output().resolve(DatasetLayout.RECORD),
        record(request, plan, versions, slices, manifest));
    // last: a manifest names only clips that are all there
    StorageUri manifestUri = request.output().resolve(DatasetLayout.MANIFEST);
    store.write(manifestUri, manifest.bytes());
    int written = (int) made.stream().filter(MadeClip::written).count();
    return new DatasetSummary(
        request.output(),
        manifestUri,
        manifest.sha256(),
        request.seed(),
        slices,
        written,
        made.size() - written);
  }

  /** dataset.json: how the dataset was built, and its digest. */
  private static byte[] record(
      DatasetRequest request,
      Optional<SyntheticPlan> plan,
      Map<String, String> versions,
      Map<String, SliceTotals> slices,
      EncodedManifest manifest) {
    Map<String, Object> sliceFields = new TreeMap<>();
    slices.forEach(
        (slice, totals) ->
            sliceFields.put(
                slice, Map.of("clips", totals.clips(), "audioMillis", totals.audioMillis())));
    CodeVersion code = CodeVersion.fromClasspath();
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("seed", request.seed());
    record.put("slices", sliceFields);
    record.put("synthetic", plan.map(SyntheticPlan::fields).orElse(null));
    record.put(
        "audio",
        Map.of(
            "format",
            "wav",
            "codec",
            "pcm_s16le",
            "sampleRateHz",
            SpeechTools.SAMPLE_RATE_HZ,
            "channels",
            1));
    record.put("tools", versions);
    record.put(
        "manifest",
        Map.of(
            "key", DatasetLayout.MANIFEST,
            "sha256", manifest.sha256(),
            "entries", manifest.lineCount()));
    record.put("builtBy", Map.of("version", code.version(), "gitCommit", code.gitCommit()));
    return CanonicalJson.bytes(record);
  }

  private SyntheticPlan planSynthetic(DatasetRequest request, Path work) {
    if (!Files.isDirectory(fortunes)) {
      throw NightscribeException.configuration(
          "Cannot read sentences: no folder "
              + fortunes
              + " (install Debian's fortunes: run scripts/setup.sh, or pass --real-only)");
    }
    List<Sentence> pool = FortuneSentences.read(fortunes);
    if (pool.size() < request.sentences()) {
      throw NightscribeException.configuration(
          "Cannot choose "
              + request.sentences()
              + " sentences: the fortune files in "
              + fortunes
              + " hold "
              + pool.size()
              + " distinct speakable ones (lower --sentences)");
    }
    List<Voice> voices = tools.voices(work);
    if (voices.isEmpty()) {
      throw NightscribeException.configuration(
          "Cannot synthesize speech: flite and espeak-ng list none of the English voices "
              + VoiceCatalog.FLITE_VOICES
              + " or "
              + VoiceCatalog.ESPEAK_LANGUAGES
              + " (run scripts/setup.sh)");
    }
    SynthesisPlanner planner =
        new SynthesisPlanner(new SeededDraws(request.seed()), voices, settings);
    return new SyntheticPlan(
        fortunes, pool, voices, settings, planner.plan(pool, request.sentences()));
  }

  private Clip synthetic(UtterancePlan plan) {
    return new Clip(
        DatasetLayout.SYNTHETIC,
        plan.id(),
        plan.sentence().text(),
        folder -> {
          short[] spoken = tools.speak(plan, folder);
          Augmentation augmentation = plan.augmentation();
          return augmentation.kind() == Augmentation.Kind.NOISE
              ? NoiseMixer.mix(spoken, augmentation.amount(), plan.noiseSeed())
              : spoken;
        });
  }

  private Clip real(Recording recording) {
    return new Clip(
        DatasetLayout.REAL,
        recording.id(),
        recording.text(),
        folder -> tools.convert(recording.audio(), folder));
  }

  private List<MadeClip> makeAll(List<Clip> clips, DatasetRequest request, Path work) {
    ObjectStore store = stores.forUri(request.output());
    AtomicInteger threads = new AtomicInteger();
    ExecutorService workers =
        Executors.newFixedThreadPool(
            request.workers(),
            task -> {
              Thread thread = new Thread(task, "dataset-worker-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<MadeClip>> futures = new ArrayList<>();
      for (int i = 0; i < clips.size(); i++) {
        Clip clip = clips.get(i);
        Path folder = work.resolve(Integer.toString(i));
        futures.add(workers.submit(() -> make(clip, folder, store, request.output())));
      }
      List<MadeClip> made = new ArrayList<>(clips.size());
      for (Future<MadeClip> future : futures) {
        made.add(await(future));
      }
      return made;
    } finally {
      stop(workers);
    }
  }

  /** Stops the clips still being made after a failure, before their work folders are deleted. */
  private static void stop(ExecutorService workers) {
    workers.shutdownNow();
    try {
      if (!workers.awaitTermination(TOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        log.warn("Dataset workers still running after {}", TOOL_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private MadeClip make(Clip clip, Path folder, ObjectStore store, StorageUri output) {
    String key = DatasetLayout.audioKey(clip.slice(), clip.id());
    try {
      Files.createDirectories(folder);
      short[] samples = clip.samples().apply(folder);
      byte[] wav = Pcm16Wav.encode(samples, SpeechTools.SAMPLE_RATE_HZ);
      String sha256 = Sha256.hex(wav);
      StorageUri uri = output.resolve(key);
      boolean written = writeUnlessSame(store, uri, wav, sha256);
      log.debug("Made {} ({} samples{})", uri, samples.length, written ? "" : ", unchanged");
      long millis = samples.length * 1000L / SpeechTools.SAMPLE_RATE_HZ;
      return new MadeClip(
          new DatasetEntry(key, uri.toString(), clip.text(), sha256, clip.slice()),
          millis,
          written);
    } catch (NightscribeException e) {
      throw new NightscribeException(e.category(), e.getMessage() + " (making " + key + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteTree(folder);
    }
  }

  /** Writes {@code bytes} unless the object already holds them; true when it wrote. */
  private static boolean writeUnlessSame(
      ObjectStore store, StorageUri uri, byte[] bytes, String sha256) {
    boolean same =
        store.stat(uri).filter(info -> info.sizeBytes() == bytes.length).isPresent()
            && Sha256.hex(store.readAllBytes(uri)).equals(sha256);
    if (!same) {
      store.write(uri, bytes);
    }
    return !same;
  }

  private static MadeClip await(Future<MadeClip> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw NightscribeException.internal("Cannot make a clip: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw NightscribeException.internal("Cannot build the dataset: interrupted", e);
    }
  }

  private static void requireDistinctKeys(List<Clip> clips) {
    Set<String> keys = new HashSet<>();
    for (Clip clip : clips) {
      if (!keys.add(clip.slice() + "/" + clip.id())) {
        throw NightscribeException.internal(
            "Cannot build the dataset: two clips are " + clip.id(), null);
      }
    }
  }

  private static Map<String, SliceTotals> totals(List<MadeClip> made) {
    Map<String, SliceTotals> totals = new TreeMap<>();
    for (MadeClip clip : made) {
      totals.merge(clip.entry().slice(), new SliceTotals(1, clip.audioMillis()), SliceTotals::plus);
    }
    return totals;
  }

  private static Path createWorkFolder() {
    try {
      return Files.createTempDirectory("nightscribe-dataset-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a work folder; one left behind in the temporary folder does no harm. */
  private static void deleteTree(Path root) {
    if (!LocalFolders.deleteTree(root)) {
      log.warn("Cannot delete the work folder {}", root);
    }
  }

  /** A clip to make: its slice, id and text, and how to get its samples in a work folder. */
  private record Clip(String slice, String id, String text, Function<Path, short[]> samples) {}

  /** A clip made: its manifest entry, duration, and whether its audio was written. */
  private record MadeClip(DatasetEntry entry, long audioMillis, boolean written) {}
}
