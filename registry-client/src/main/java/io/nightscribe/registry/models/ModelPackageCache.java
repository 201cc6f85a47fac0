package io.nightscribe.registry.models;

import io.nightscribe.asr.LocalFolders;
import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.model.ModelPackageDigest;
import io.nightscribe.asr.model.ModelPackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Downloaded model packages on local disk, one folder per package digest ({@code
 * <root>/sha256/<digest>/}), so each package is fetched once and every load verifies it.
 * Thread-safe: downloads are staged in their own folders and moved into place atomically.
 */
public final class ModelPackageCache {
  private final Path root;

  public ModelPackageCache(Path root) {
    this.root = root.toAbsolutePath().normalize().resolve("sha256");
  }

  /**
   * The cached package with digest {@code sha256}, verified, or empty when it was never fetched.
   *
   * @throws NightscribeException CONFIGURATION when the cached files no longer have that digest
   *     (the message says which folder to delete)
   */
  public Optional<ModelPackage> load(String sha256, String name, String version) {
    Path folder = root.resolve(sha256);
    if (!Files.isRegularFile(folder.resolve(ModelPackages.DESCRIPTOR_FILE))) {
      return Optional.empty();
    }
    return Optional.of(ModelPackages.load(folder, name, version, Optional.of(sha256)));
  }

  /** A new empty folder to download a package into, then hand to {@link #admit}. */
  public Path staging() {
    try {
      Files.createDirectories(root);
      return Files.createTempDirectory(root, ".download-");
    } catch (IOException e) {
      throw NightscribeException.configuration(
          "Cannot create a download folder in the model cache " + root + ": " + e.getMessage(), e);
    }
  }

  /**
   * Moves a downloaded package into the cache under its digest and loads it.
   *
   * @param expectedSha256 the digest the package must have (from the registry), if known
   * @param name the name to give it, or empty for model.json's
   * @param version the version to give it, or empty for model.json's
   * @throws NightscribeException CONFIGURATION when the download does not have the expected digest
   */
  public ModelPackage admit(
      Path staged,
      Optional<String> expectedSha256,
      Optional<String> name,
      Optional<String> version,
      String source) {
    String digest = ModelPackageDigest.of(staged);
    if (expectedSha256.isPresent() && !expectedSha256.get().equalsIgnoreCase(digest)) {
      deleteQuietly(staged);
      throw NightscribeException.configuration(
          "Cannot use model "
              + source
              + ": its files have sha256 "
              + digest
              + ", the registry records "
              + expectedSha256.get()
              + " (the registered files were changed: register the package again)");
    }
    Path folder = root.resolve(digest);
    if (Files.isDirectory(folder)) {
      deleteQuietly(staged);
    } else {
      try {
        Files.move(staged, folder, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        deleteQuietly(staged);
        if (!Files.isDirectory(folder)) {
          throw NightscribeException.configuration(
              "Cannot move model " + source + " into the cache " + folder + ": " + e.getMessage(),
              e);
        }
      }
    }
    var descriptor = ModelPackages.descriptor(folder).properties();
    String lastSegment = source.replaceAll("/+$", "").replaceAll(".*/", "");
    return ModelPackages.load(
        folder,
        name.orElse(descriptor.getOrDefault("name", lastSegment)),
        version.orElse(descriptor.getOrDefault("version", "local")),
        Optional.of(digest));
  }

  private static void deleteQuietly(Path folder) {
    // a leftover staging folder is harmless: it is never read
    LocalFolders.deleteTree(folder);
  }
}
