package io.nightscribe.asr.engine.djl;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.acoustic.ConvCtcNetwork;
import io.nightscribe.asr.acoustic.CtcModelSpec;
import io.nightscribe.asr.acoustic.RawWaveform;
import io.nightscribe.asr.ctc.CtcDecoder;
import io.nightscribe.asr.ctc.CtcVocabulary;
import io.nightscribe.asr.ctc.CtcWordDecoder;
import io.nightscribe.asr.ctc.GreedyCtcDecoder;
import io.nightscribe.asr.ctc.PrefixBeamSearchDecoder;
import io.nightscribe.asr.ctc.WordList;
import io.nightscribe.asr.engine.AsrModel;
import io.nightscribe.asr.engine.AsrSession;
import io.nightscribe.asr.engine.AudioChunk;
import io.nightscribe.asr.engine.ComputeDevice;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.model.ModelPackage;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CTC model loaded with DJL: the network is loaded once per device and shared by every session on
 * that device, each session having its own predictor. Thread-safe. Whoever loaded it closes it,
 * after every session is closed.
 */
final class DjlModel implements AsrModel {
  private static final Logger LOG = LoggerFactory.getLogger(DjlModel.class);

  private final ModelPackage modelPackage;
  private final CtcModelSpec spec;
  private final DjlFormat format;
  private final Engine engine;
  private final CtcVocabulary vocabulary;
  private final Map<ComputeDevice, Model> networks = new ConcurrentHashMap<>();
  private final Map<Path, WordList> wordLists = new ConcurrentHashMap<>();

  DjlModel(ModelPackage modelPackage, CtcModelSpec spec, DjlFormat format) {
    this.modelPackage = modelPackage;
    this.spec = spec;
    this.format = format;
    this.engine = Engine.getEngine(format.engineName());
    this.vocabulary = new CtcVocabulary(spec.vocabulary(), spec.blankId(), spec.wordDelimiter());
    // load where the first worker will run, so a broken package fails before any input is read
    network(devicesFor(1).get(0));
  }

  @Override
  public ModelPackage modelPackage() {
    return modelPackage;
  }

  @Override
  public String engineVersion() {
    int gpus = engine.getGpuCount();
    return "djl "
        + Engine.getDjlVersion()
        + " "
        + engine.getEngineName()
        + " "
        + engine.getVersion()
        + (gpus > 0 ? " (cuda, " + gpus + " gpus)" : " (cpu)");
  }

  @Override
  public int gpuCount() {
    return engine.getGpuCount();
  }

  /** One worker per GPU in turn when CUDA is present, all on the CPU otherwise. */
  @Override
  public List<ComputeDevice> devicesFor(int workers) {
    List<ComputeDevice> devices = ComputeDevice.forWorkers(engine.getGpuCount(), workers);
    LOG.debug(
        "{} {}: {} workers on {}", modelPackage.name(), modelPackage.version(), workers, devices);
    return devices;
  }

  /**
   * Opens a session on {@code device}; loads the network there first if no session used it yet.
   *
   * @throws NightscribeException CONFIGURATION when an engine option is wrong, the word list is
   *     unreadable, or the device is a GPU this machine does not have
   */
  @Override
  public AsrSession openSession(ComputeDevice device, DecodingSettings settings) {
    CtcEngineOptions options =
        CtcEngineOptions.of(settings, spec.decodingDefaults(), modelPackage.directory());
    CtcDecoder decoder =
        options.method().equals(CtcEngineOptions.BEAM)
            ? new PrefixBeamSearchDecoder(
                vocabulary,
                options.beamWidth(),
                options.wordList().map(this::wordList),
                options.wordWeight(),
                options.wordBonus())
            : new GreedyCtcDecoder(spec.blankId());
    int stepSamples = stepSamples();
    return new DjlSession(
        spec,
        format.readsWaveform(spec.frontEnd() instanceof RawWaveform),
        network(device).newPredictor(new CtcTranslator(spec.lengthInput())),
        device,
        new LengthBuckets(stepSamples, options.batching()),
        new CtcWordDecoder(vocabulary, decoder));
  }

  /** About a second, in whole output frames, so bucket boundaries fall on frame boundaries. */
  private int stepSamples() {
    int frames = (AudioChunk.SAMPLE_RATE_HZ + spec.frameSamples() - 1) / spec.frameSamples();
    return frames * spec.frameSamples();
  }

  private WordList wordList(Path file) {
    return wordLists.computeIfAbsent(
        file,
        unused -> {
          try {
            WordList words = WordList.read(file, vocabulary);
            LOG.debug("Word list {}: {} words the vocabulary can spell", file, words.size());
            return words;
          } catch (IOException e) {
            throw NightscribeException.configuration(
                "Cannot read word list "
                    + file
                    + ": "
                    + e
                    + " (give wordList relative to the model package "
                    + modelPackage.directory()
                    + ", or absolute)",
                e);
          }
        });
  }

  private Model network(ComputeDevice device) {
    return networks.computeIfAbsent(device, this::load);
  }

  private Model load(ComputeDevice device) {
    Device djlDevice = djlDevice(device);
    Path file = modelPackage.directory().resolve(spec.modelFile());
    long started = System.nanoTime();
    try {
      Model model =
          format == DjlFormat.DJL ? loadParameters(file, djlDevice) : loadFile(file, djlDevice);
      LOG.info(
          "Loaded {} {} ({} with {}) on {} in {} ms",
          modelPackage.name(),
          modelPackage.version(),
          format.modelJsonName(),
          engine.getEngineName(),
          device,
          (System.nanoTime() - started) / 1_000_000);
      return model;
    } catch (IOException | MalformedModelException | ModelNotFoundException | RuntimeException e) {
      throw NightscribeException.configuration(
          "Cannot load model "
              + modelPackage.name()
              + " "
              + modelPackage.version()
              + " ("
              + format.modelJsonName()
              + ") from "
              + file
              + ": "
              + e.getMessage()
              + " (does model.json's format match the file?)",
          e);
    }
  }

  private Model loadParameters(Path file, Device device)
      throws IOException, MalformedModelException {
    Block block = ConvCtcNetwork.of(spec.architecture()).build();
    Model model = Model.newInstance(modelPackage.name(), device, format.engineName());
    model.setBlock(block);
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      block.loadParameters(model.getNDManager(), in);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw e;
    }
    return model;
  }

  private Model loadFile(Path file, Device device)
      throws IOException, MalformedModelException, ModelNotFoundException {
    return Criteria.builder()
        .setTypes(NDList.class, NDList.class)
        .optModelPath(file)
        .optEngine(format.engineName())
        .optDevice(device)
        .build()
        .loadModel();
  }

  private Device djlDevice(ComputeDevice device) {
    if (device.equals(ComputeDevice.CPU)) {
      return Device.cpu();
    }
    int gpus = engine.getGpuCount();
    if (device.index() >= gpus) {
      throw NightscribeException.configuration(
          "Cannot open a DJL session on "
              + device
              + ": "
              + engine.getEngineName()
              + " sees "
              + gpus
              + " CUDA devices (use the devices the model assigns, or cpu)");
    }
    return Device.gpu(device.index());
  }

  @Override
  public void close() {
    networks.values().forEach(Model::close);
    networks.clear();
  }
}
