package io.nightscribe.asr.training;

import io.nightscribe.asr.LocalFolders;
import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.json.CanonicalJson;
import io.nightscribe.asr.json.JsonFields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The checkpoint of a training in a local folder: {@code checkpoint/} holds the network's
 * parameters, the optimizer's state and progress.json. A new checkpoint is written beside it and
 * swapped in by renames, so a kill at any moment leaves one complete checkpoint (the new one, or
 * the previous one as {@code checkpoint.previous/}). Not thread-safe: one training writes it.
 */
public final class CheckpointFolder {
  static final String NETWORK_FILE = "network.params";
  static final String OPTIMIZER_FILE = "optimizer.bin";
  private static final String PROGRESS_FILE = "progress.json";

  private final Path root;

  public CheckpointFolder(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The folder. */
  public Path root() {
    return root;
  }

  /** The newest complete checkpoint's folder, if any. */
  public Optional<Path> latest() {
    for (String name : List.of("checkpoint", "checkpoint.previous")) {
      Path folder = root.resolve(name);
      if (Files.isRegularFile(folder.resolve(PROGRESS_FILE))) {
        return Optional.of(folder);
      }
    }
    return Optional.empty();
  }

  /** The progress recorded in the checkpoint folder {@code folder}. */
  public static TrainingProgress progress(Path folder) {
    Path file = folder.resolve(PROGRESS_FILE);
    try {
      JsonNode json = JsonFields.parse(Files.readAllBytes(file), file.toString());
      List<TrainingProgress.EpochMetrics> epochs = new ArrayList<>();
      for (JsonNode epoch : JsonFields.array(json, "epochs", file.toString())) {
        epochs.add(
            new TrainingProgress.EpochMetrics(
                (int) JsonFields.integer(epoch, "epoch", file.toString()),
                JsonFields.number(epoch, "train_loss", file.toString()),
                JsonFields.number(epoch, "dev_loss", file.toString()),
                JsonFields.number(epoch, "dev_wer_greedy", file.toString()),
                JsonFields.number(epoch, "step_millis_median", file.toString()),
                JsonFields.number(epoch, "epoch_seconds", file.toString())));
      }
      return new TrainingProgress(
          JsonFields.text(json, "trainingId", file.toString()),
          (int) JsonFields.integer(json, "epoch", file.toString()),
          (int) JsonFields.integer(json, "batch", file.toString()),
          JsonFields.integer(json, "step", file.toString()),
          epochs);
    } catch (IOException e) {
      throw NightscribeException.configuration(
          "Cannot read checkpoint " + file + ": " + e.getMessage() + " (delete " + folder + ")", e);
    }
  }

  /**
   * Writes a checkpoint: {@code writer} fills a fresh folder with the network and optimizer files,
   * then progress.json is added and the folder swapped in.
   */
  public void save(TrainingProgress progress, CheckpointWriter writer) {
    Path staging = root.resolve("checkpoint.new");
    Path current = root.resolve("checkpoint");
    Path previous = root.resolve("checkpoint.previous");
    try {
      Files.createDirectories(root);
      LocalFolders.deleteTree(staging);
      Files.createDirectories(staging);
      writer.write(staging);
      Map<String, Object> json = new TreeMap<>();
      json.put("trainingId", progress.trainingId());
      json.put("epoch", progress.epoch());
      json.put("batch", progress.batch());
      json.put("step", progress.step());
      json.put(
          "epochs",
          progress.epochs().stream().map(TrainingProgress.EpochMetrics::describe).toList());
      Files.write(staging.resolve(PROGRESS_FILE), CanonicalJson.bytes(json));
      LocalFolders.deleteTree(previous);
      if (Files.exists(current)) {
        Files.move(current, previous, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staging, current, StandardCopyOption.ATOMIC_MOVE);
      LocalFolders.deleteTree(previous);
    } catch (IOException e) {
      throw NightscribeException.configuration(
          "Cannot write a checkpoint into " + root + ": " + e.getMessage() + " (make it writable)",
          e);
    }
  }

  /** Fills a checkpoint folder with the training's state files. */
  @FunctionalInterface
  public interface CheckpointWriter {
    void write(Path folder) throws IOException;
  }
}
