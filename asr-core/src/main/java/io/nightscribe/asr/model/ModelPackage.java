package io.nightscribe.asr.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A model on local disk, ready to load, with the identity recorded in every run.
 *
 * @param name the model's name ("vosk-model-small-en-us", or the registry name)
 * @param version the registry version, or the package's own version string
 * @param sha256 digest of the package contents (see ModelPackageDigest); verified before every load
 * @param directory the unpacked package
 * @param descriptor its model.json
 */
public record ModelPackage(
    String name, String version, String sha256, Path directory, ModelDescriptor descriptor) {
  public ModelPackage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(descriptor, "descriptor");
  }
}
