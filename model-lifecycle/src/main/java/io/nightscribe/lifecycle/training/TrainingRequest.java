package io.nightscribe.lifecycle.training;

import io.nightscribe.asr.training.TrainingConfig;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code nightscribe train} was asked.
 *
 * @param config the training config
 * @param configFile the file it was read from, named in the model card
 * @param output the folder receiving the package, the evaluation splits, training.json and the
 *     model card
 * @param checkpoints the checkpoint folder; a training started again with the same one resumes
 * @param registerAs the registered model to add the trained package to as a new version, if any
 * @param alias the alias that new version gets
 */
public record TrainingRequest(
    TrainingConfig config,
    Path configFile,
    Path output,
    Path checkpoints,
    Optional<String> registerAs,
    String alias) {
  public TrainingRequest {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(configFile, "configFile");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(checkpoints, "checkpoints");
    Objects.requireNonNull(registerAs, "registerAs");
    Objects.requireNonNull(alias, "alias");
  }
}
