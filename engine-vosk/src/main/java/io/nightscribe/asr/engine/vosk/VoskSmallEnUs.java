package io.nightscribe.asr.engine.vosk;

import io.nightscribe.asr.model.BuiltinModel;
import io.nightscribe.asr.model.ModelDescriptor;
import io.nightscribe.asr.model.ModelPackages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The small US-English Vosk model of {@code com.alphacephei:vosk-model-en:0.3.45} (Apache-2.0):
 * Maven leaves an aar off the class path, so the build copies the aar into this jar as a resource,
 * and this class unpacks its {@code assets/model-en-us/} and adds a model.json.
 */
public final class VoskSmallEnUs implements BuiltinModel {
  /** Registry-style name of the model. */
  public static final String NAME = "vosk-model-small-en-us";

  /** Version of the model: the Maven version of the aar it comes from. */
  public static final String VERSION = "0.3.45";

  /** Digest of the unpacked package, model.json included. */
  public static final String SHA256 =
      "a19f1657ebaf88c29b890d7c1b4873fcd37a7fcddd7751a2447a46b414b9898e";

  private static final String ARCHIVE_RESOURCE = "vosk-model-en.aar";
  private static final String ARCHIVE_PREFIX = "assets/model-en-us/";

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
    InputStream archive = VoskSmallEnUs.class.getResourceAsStream(ARCHIVE_RESOURCE);
    if (archive == null) {
      throw new IOException(
          "resource "
              + ARCHIVE_RESOURCE
              + " is not in the engine-vosk jar (rebuild it with Maven, which copies"
              + " com.alphacephei:vosk-model-en:"
              + VERSION
              + " into it)");
    }
    try (ZipInputStream zip = new ZipInputStream(archive)) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (entry.isDirectory() || !entry.getName().startsWith(ARCHIVE_PREFIX)) {
          continue;
        }
        Path file = folder.resolve(entry.getName().substring(ARCHIVE_PREFIX.length())).normalize();
        if (!file.startsWith(folder)) {
          throw new IOException("archive entry escapes the package: " + entry.getName());
        }
        Files.createDirectories(file.getParent());
        Files.copy(zip, file);
      }
    }
    ModelPackages.writeDescriptor(
        folder,
        new ModelDescriptor(
            "vosk",
            "kaldi",
            16_000,
            Map.of(
                "name",
                NAME,
                "version",
                VERSION,
                "origin",
                "com.alphacephei:vosk-model-en:" + VERSION,
                "license",
                "Apache-2.0")));
  }
}
