package io.nightscribe.asr.engine.djl;

import io.nightscribe.asr.model.BuiltinModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * nightscribe's own small English CTC model (DJL), trained by {@code nightscribe train}; the build
 * copies models/nightscribe-ctc-en/package of the source tree, beside its model card, into this
 * jar.
 */
public final class NightscribeCtcEn implements BuiltinModel {
  /** Registry-style name of the model. */
  public static final String NAME = "nightscribe-ctc-en";

  /** Version of the model: the training that made it. */
  public static final String VERSION = "train-bda1627b2171bb3b";

  /** Digest of the package, as its model card states it. */
  public static final String SHA256 =
      "4a2ac95a6a908c22c13e240123f09c417a7ba094e9b8205bfec0b82975656542";

  private static final String RESOURCE_FOLDER = NAME + "/";
  private static final List<String> FILES = List.of("model.json", "acoustic.params", "words.txt");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public String sha256() {
    return SHA256;
  }

  @Override
  public void unpackInto(Path folder) throws IOException {
    for (String file : FILES) {
      try (InputStream in = NightscribeCtcEn.class.getResourceAsStream(RESOURCE_FOLDER + file)) {
        if (in == null) {
          throw new IOException(
              "resource "
                  + RESOURCE_FOLDER
                  + file
                  + " is not in the engine-djl jar (rebuild it with Maven, which copies"
                  + " models/nightscribe-ctc-en/package into it)");
        }
        Files.copy(in, folder.resolve(file));
      }
    }
  }
}
