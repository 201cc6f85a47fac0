package io.nightscribe.asr.testing;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.nightscribe.asr.acoustic.ConvCtcNetwork;
import io.nightscribe.asr.acoustic.LogMelSpectrogram;
import io.nightscribe.asr.json.CanonicalJson;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A DJL-format package of nightscribe's network with seeded random weights: what the engine's speed
 * and batching do not depend on, without training anything.
 */
public final class RandomCtcPackage {
  /** Its tokens: blank "_", space, a-z, apostrophe. */
  public static final List<String> TOKENS = tokens();

  private RandomCtcPackage() {}

  /**
   * Writes the package of {@code network} (whose vocabulary must be {@link #TOKENS}) into {@code
   * folder}.
   */
  public static void write(Path folder, ConvCtcNetwork network, int seed) throws IOException {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      Engine.getEngine("PyTorch").setRandomSeed(seed);
      Block block = network.build();
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 100, network.inputDims()));
      try (OutputStream out = Files.newOutputStream(folder.resolve("network.params"))) {
        block.saveParameters(new DataOutputStream(out));
      }
    }
    Map<String, Object> json = new TreeMap<>();
    json.put("engine", "djl");
    json.put("format", "djl");
    json.put("sampleRateHz", 16_000);
    json.put("name", "random-conv-ctc");
    json.put("version", "seed-" + seed);
    json.put("modelFile", "network.params");
    json.put("frontEnd", LogMelSpectrogram.standard().describe());
    json.put("vocabulary", TOKENS);
    json.put("blankId", 0);
    json.put("wordDelimiter", " ");
    json.put("lengthInput", "none");
    json.put("frameSamples", LogMelSpectrogram.standard().samplesPerFrame() * network.stride());
    json.put("architecture", network.describe());
    Files.write(folder.resolve("model.json"), CanonicalJson.bytes(json));
  }

  private static List<String> tokens() {
    List<String> tokens = new ArrayList<>(List.of("_", " "));
    for (char c = 'a'; c <= 'z'; c++) {
      tokens.add(String.valueOf(c));
    }
    tokens.add("'");
    return List.copyOf(tokens);
  }
}
