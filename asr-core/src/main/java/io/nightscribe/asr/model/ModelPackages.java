package io.nightscribe.asr.model;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.json.CanonicalJson;
import io.nightscribe.asr.json.JsonFields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Reads model packages from local folders. A package folder holds {@code model.json} — {@code
 * {"engine":"vosk","format":"kaldi","sampleRateHz":16000, ...}} — and the engine's files; every
 * other key of model.json becomes a {@link ModelDescriptor#properties() property} (non-string
 * values as their JSON text). Stateless and thread-safe.
 */
public final class ModelPackages {
  /** The descriptor file every package holds. */
  public static final String DESCRIPTOR_FILE = "model.json";

  private ModelPackages() {}

  /**
   * Loads the package in {@code directory}, naming it from model.json's "name" and "version" keys
   * (or the folder's name and "local"), and computing its digest without verifying it.
   */
  public static ModelPackage load(Path directory) {
    ModelDescriptor descriptor = readDescriptor(directory, directory.toString());
    String name = descriptor.properties().getOrDefault("name", directory.getFileName().toString());
    String version = descriptor.properties().getOrDefault("version", "local");
    return load(directory, name, version, Optional.empty());
  }

  /**
   * Loads the package in {@code directory} and, when {@code expectedSha256} is given, verifies its
   * digest ({@link ModelPackageDigest}). A package with an expected digest lives in a model cache:
   * it is digested once per version of its files ({@link DigestStamp}), not on every load.
   *
   * @throws NightscribeException CONFIGURATION when model.json is missing or invalid, or the digest
   *     does not match (the message says which folder to delete)
   */
  public static ModelPackage load(
      Path directory, String name, String version, Optional<String> expectedSha256) {
    String what = name + " " + version;
    ModelDescriptor descriptor = readDescriptor(directory, what);
    String found =
        expectedSha256.isPresent() ? DigestStamp.of(directory) : ModelPackageDigest.of(directory);
    if (expectedSha256.isPresent() && !expectedSha256.get().equalsIgnoreCase(found)) {
      throw NightscribeException.configuration(
          "Cannot load model "
              + what
              + ": sha256 mismatch (expected "
              + expectedSha256.get()
              + ", found "
              + found
              + "): the package is corrupt, delete "
              + directory);
    }
    return new ModelPackage(name, version, found, directory, descriptor);
  }

  /**
   * The model.json of the package in {@code directory}, without digesting the package.
   *
   * @throws NightscribeException CONFIGURATION when model.json is missing or invalid
   */
  public static ModelDescriptor descriptor(Path directory) {
    return readDescriptor(directory, directory.toString());
  }

  /** Writes {@code descriptor} as model.json (canonical JSON) into {@code directory}. */
  public static void writeDescriptor(Path directory, ModelDescriptor descriptor) {
    Map<String, Object> json = new LinkedHashMap<>(descriptor.properties());
    json.put("engine", descriptor.engine());
    json.put("format", descriptor.format());
    json.put("sampleRateHz", descriptor.sampleRateHz());
    try {
      Files.write(directory.resolve(DESCRIPTOR_FILE), CanonicalJson.bytes(json));
    } catch (IOException e) {
      throw NightscribeException.configuration(
          "Cannot write " + directory.resolve(DESCRIPTOR_FILE) + ": " + e.getMessage(), e);
    }
  }

  private static ModelDescriptor readDescriptor(Path directory, String what) {
    Path file = directory.resolve(DESCRIPTOR_FILE);
    if (!Files.isRegularFile(file)) {
      throw NightscribeException.configuration(
          "Cannot load model "
              + what
              + ": no "
              + DESCRIPTOR_FILE
              + " in "
              + directory
              + " (a model package is a folder with model.json and the engine's files)");
    }
    try {
      JsonNode root = JsonFields.parse(Files.readAllBytes(file), file.toString());
      Map<String, String> properties = new TreeMap<>();
      root.properties()
          .forEach(
              field ->
                  properties.put(
                      field.getKey(),
                      field.getValue().isString()
                          ? field.getValue().asString()
                          : field.getValue().toString()));
      properties.remove("engine");
      properties.remove("format");
      properties.remove("sampleRateHz");
      return new ModelDescriptor(
          JsonFields.text(root, "engine", file.toString()),
          JsonFields.text(root, "format", file.toString()),
          (int) JsonFields.integer(root, "sampleRateHz", file.toString()),
          properties);
    } catch (IOException | NightscribeException | IllegalArgumentException e) {
      throw NightscribeException.configuration(
          "Cannot load model " + what + ": invalid " + file + " (" + e.getMessage() + ")", e);
    }
  }
}
