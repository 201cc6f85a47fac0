package io.nightscribe.asr.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model package that ships inside an engine's jar, registered in {@code
 * META-INF/services/io.nightscribe.asr.model.BuiltinModel} so that an application has exactly the
 * built-in models of the engines it includes. {@link BuiltinModels} unpacks each once into its
 * cache and verifies it against {@link #sha256()} on every use. Implementations are stateless and
 * thread-safe.
 */
public interface BuiltinModel {

  /** The name after {@code builtin:} in a model reference, e.g. {@code vosk-model-small-en-us}. */
  String name();

  /** The version the package is recorded under. */
  String version();

  /**
   * The digest of the unpacked package, model.json included ({@link ModelPackageDigest}): a cached
   * copy that does not match it is reported corrupt.
   */
  String sha256();

  /**
   * Writes the package's files, model.json included, into {@code folder}, which exists and is
   * empty.
   *
   * @throws IOException when a resource is missing or cannot be copied
   */
  void unpackInto(Path folder) throws IOException;
}
