package io.nightscribe.registry.models;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model in MLflow's registry: {@code models:/NAME@ALIAS} (whatever version the alias points at
 * when resolved) or {@code models:/NAME/VERSION} (exactly that version).
 *
 * @param name the registered model
 * @param alias the alias, or empty for an exact version
 * @param version the version, or empty for an alias
 */
public record RegistryReference(String name, Optional<String> alias, Optional<String> version) {
  private static final Pattern FORM =
      Pattern.compile(
          "models:/([A-Za-z0-9][A-Za-z0-9._-]*)(?:@([A-Za-z][A-Za-z0-9_-]*)|/([0-9]+))");

  public RegistryReference {
    Objects.requireNonNull(name, "name");
    if (alias.isPresent() == version.isPresent()) {
      throw new IllegalArgumentException("A registry reference has an alias or a version: " + name);
    }
  }

  /**
   * The registry reference {@code text} is, or empty when it is no {@code models:/} reference.
   *
   * @throws IllegalArgumentException for a {@code models:/} reference of neither form
   */
  public static Optional<RegistryReference> parse(String text) {
    if (!text.startsWith("models:")) {
      return Optional.empty();
    }
    Matcher matcher = FORM.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "Invalid model reference '" + text + "': use models:/NAME@ALIAS or models:/NAME/VERSION");
    }
    return Optional.of(
        new RegistryReference(
            matcher.group(1),
            Optional.ofNullable(matcher.group(2)),
            Optional.ofNullable(matcher.group(3))));
  }

  /** Exactly version {@code version} of model {@code name}. */
  public static RegistryReference exact(String name, String version) {
    return new RegistryReference(name, Optional.empty(), Optional.of(version));
  }

  @Override
  public String toString() {
    return "models:/" + name + alias.map(a -> "@" + a).orElseGet(() -> "/" + version.orElseThrow());
  }
}
