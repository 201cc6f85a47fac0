package io.nightscribe.asr.model;

import io.nightscribe.asr.LocalFolders;
import io.nightscribe.asr.NightscribeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models nightscribe ships, each unpacked once into a cache folder and verified against its
 * pinned digest on every call: the small US-English Vosk model of {@code
 * com.alphacephei:vosk-model-en:0.3.45} (Apache-2.0; Maven leaves an aar off the classpath, so the
 * build copies the aar into this jar as a resource, and this class unpacks its {@code
 * assets/model-en-us/} and adds a model.json), and nightscribe's own CTC model trained by {@code
 * nightscribe train} (the build copies models/nightscribe-ctc-en/package into this jar).
 *
 * <p>Extraction is atomic (into a temporary folder beside the target, then renamed), so concurrent
 * JVMs sharing the cache never see half a model; one of them wins, the others reuse its folder.
 * Thread-safe.
 */
public final class BuiltinModels {
  /** Registry-style name of the built-in model. */
  public static final String VOSK_SMALL_EN_US = "vosk-model-small-en-us";

  /** Version of the built-in model: the Maven version of the aar it comes from. */
  public static final String VOSK_SMALL_EN_US_VERSION = "0.3.45";

  /**
   * Digest of the unpacked package, model.json included ({@link ModelPackageDigest}); a cached
   * folder that no longer matches it is reported corrupt.
   */
  public static final String VOSK_SMALL_EN_US_SHA256 =
      "a19f1657ebaf88c29b890d7c1b4873fcd37a7fcddd7751a2447a46b414b9898e";

  /** Registry-style name of nightscribe's own small English CTC model. */
  public static final String NIGHTSCRIBE_CTC_EN = "nightscribe-ctc-en";

  /** Version of that model: the training that made it. */
  public static final String NIGHTSCRIBE_CTC_EN_VERSION = "train-bda1627b2171bb3b";

  /** Digest of that package ({@link ModelPackageDigest}), as its model card states it. */
  public static final String NIGHTSCRIBE_CTC_EN_SHA256 =
      "4a2ac95a6a908c22c13e240123f09c417a7ba094e9b8205bfec0b82975656542";

  private static final String CTC_RESOURCE_FOLDER = NIGHTSCRIBE_CTC_EN + "/";
  private static final List<String> CTC_FILES =
      List.of("model.json", "acoustic.params", "words.txt");
  private static final String ARCHIVE_RESOURCE = "vosk-model-en.aar";
  private static final String ARCHIVE_PREFIX = "assets/model-en-us/";
  private static final Object EXTRACTION_LOCK = new Object();
  private static final Logger LOG = LoggerFactory.getLogger(BuiltinModels.class);

  private final Path cacheRoot;

  /**
   * @param cacheRoot the folder holding unpacked models; created when missing
   */
  public BuiltinModels(Path cacheRoot) {
    this.cacheRoot = Objects.requireNonNull(cacheRoot, "cacheRoot").toAbsolutePath().normalize();
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

  /**
   * The small US-English Vosk model, unpacked on first use.
   *
   * @throws NightscribeException CONFIGURATION when the aar resource is missing, the cache is not
   *     writable, or the cached package is corrupt (the message says which folder to delete)
   */
  public ModelPackage voskSmallEnUs() {
    Path target = cacheRoot.resolve(VOSK_SMALL_EN_US + "-" + VOSK_SMALL_EN_US_VERSION);
    synchronized (EXTRACTION_LOCK) {
      if (!Files.isRegularFile(target.resolve(ModelPackages.DESCRIPTOR_FILE))) {
        extract(target, VOSK_SMALL_EN_US, BuiltinModels::unpackVosk);
      }
    }
    LOG.debug("Built-in model {} {} at {}", VOSK_SMALL_EN_US, VOSK_SMALL_EN_US_VERSION, target);
    return ModelPackages.load(
        target, VOSK_SMALL_EN_US, VOSK_SMALL_EN_US_VERSION, Optional.of(VOSK_SMALL_EN_US_SHA256));
  }

  /**
   * nightscribe's own small English CTC model (DJL), trained by {@code nightscribe train} and
   * shipped in the asr-core jar; its model card is models/nightscribe-ctc-en/MODEL_CARD.md in the
   * source tree.
   *
   * @throws NightscribeException CONFIGURATION as {@link #voskSmallEnUs()} does
   */
  public ModelPackage nightscribeCtcEn() {
    Path target = cacheRoot.resolve(NIGHTSCRIBE_CTC_EN + "-" + NIGHTSCRIBE_CTC_EN_VERSION);
    synchronized (EXTRACTION_LOCK) {
      if (!Files.isRegularFile(target.resolve(ModelPackages.DESCRIPTOR_FILE))) {
        extract(target, NIGHTSCRIBE_CTC_EN, BuiltinModels::unpackCtc);
      }
    }
    return ModelPackages.load(
        target,
        NIGHTSCRIBE_CTC_EN,
        NIGHTSCRIBE_CTC_EN_VERSION,
        Optional.of(NIGHTSCRIBE_CTC_EN_SHA256));
  }

  /** Fills a temporary folder with a built-in package's files. */
  @FunctionalInterface
  private interface Unpacker {
    void unpack(Path into) throws IOException;
  }

  private void extract(Path target, String name, Unpacker unpacker) {
    Path temporary = null;
    try {
      Files.createDirectories(cacheRoot);
      temporary = Files.createTempDirectory(cacheRoot, "." + target.getFileName() + "-");
      LOG.info("Unpacking built-in model {} into {}", name, target);
      unpacker.unpack(temporary);
      moveIntoPlace(temporary, target);
    } catch (IOException e) {
      throw NightscribeException.configuration(
          "Cannot unpack built-in model "
              + name
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

  private static void unpackCtc(Path into) throws IOException {
    for (String file : CTC_FILES) {
      try (InputStream in = BuiltinModels.class.getResourceAsStream(CTC_RESOURCE_FOLDER + file)) {
        if (in == null) {
          throw NightscribeException.configuration(
              "Cannot find built-in model "
                  + NIGHTSCRIBE_CTC_EN
                  + ": resource "
                  + CTC_RESOURCE_FOLDER
                  + file
                  + " is not in the asr-core jar (rebuild asr-core with Maven, which copies"
                  + " models/nightscribe-ctc-en/package into it)");
        }
        Files.copy(in, into.resolve(file));
      }
    }
  }

  private static void unpackVosk(Path into) throws IOException {
    unpack(into);
    ModelPackages.writeDescriptor(
        into,
        new ModelDescriptor(
            "vosk",
            "kaldi",
            16_000,
            Map.of(
                "name",
                VOSK_SMALL_EN_US,
                "version",
                VOSK_SMALL_EN_US_VERSION,
                "origin",
                "com.alphacephei:vosk-model-en:" + VOSK_SMALL_EN_US_VERSION,
                "license",
                "Apache-2.0")));
  }

  private static void unpack(Path into) throws IOException {
    InputStream archive = BuiltinModels.class.getResourceAsStream(ARCHIVE_RESOURCE);
    if (archive == null) {
      throw NightscribeException.configuration(
          "Cannot find built-in model "
              + VOSK_SMALL_EN_US
              + ": resource "
              + ARCHIVE_RESOURCE
              + " is not in the asr-core jar (rebuild asr-core with Maven, which copies"
              + " com.alphacephei:vosk-model-en:0.3.45 into it)");
    }
    try (ZipInputStream zip = new ZipInputStream(archive)) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (entry.isDirectory() || !entry.getName().startsWith(ARCHIVE_PREFIX)) {
          continue;
        }
        Path file = into.resolve(entry.getName().substring(ARCHIVE_PREFIX.length())).normalize();
        if (!file.startsWith(into)) {
          throw new IOException("archive entry escapes the package: " + entry.getName());
        }
        Files.createDirectories(file.getParent());
        Files.copy(zip, file);
      }
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
