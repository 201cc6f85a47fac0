package io.nightscribe.asr.training;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.acoustic.Features;
import io.nightscribe.asr.acoustic.FrontEnd;
import io.nightscribe.asr.audio.AudioDecoder;
import io.nightscribe.asr.audio.PcmStream;
import io.nightscribe.asr.manifest.DatasetEntry;
import io.nightscribe.asr.storage.ObjectStores;
import io.nightscribe.asr.storage.SeekableObject;
import io.nightscribe.asr.storage.StorageUri;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dataset's utterances decoded, verified against their manifest digests, turned into features and
 * split, in manifest order. Utterances the model cannot learn from are counted and left out: text
 * outside the vocabulary, audio longer than the limit, or too short for its text.
 *
 * @param utterances the usable ones
 * @param leftOut how many were left out, by reason
 */
public record TrainingCorpus(List<Utterance> utterances, Map<String, Integer> leftOut) {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingCorpus.class);

  public TrainingCorpus {
    utterances = List.copyOf(utterances);
    leftOut = Map.copyOf(leftOut);
  }

  /** The utterances of one split. */
  public List<Utterance> split(DataSplit split) {
    return utterances.stream().filter(utterance -> utterance.split() == split).toList();
  }

  /** Counts per split. */
  public Map<DataSplit, Integer> counts() {
    Map<DataSplit, Integer> counts = new EnumMap<>(DataSplit.class);
    for (DataSplit split : DataSplit.values()) {
      counts.put(split, split(split).size());
    }
    return counts;
  }

  /**
   * Loads every entry with {@code workers} threads.
   *
   * @throws NightscribeException BAD_INPUT when an audio file does not match its manifest digest or
   *     cannot be decoded (the dataset is damaged: rebuild it)
   */
  public static TrainingCorpus load(
      List<DatasetEntry> entries,
      ObjectStores stores,
      AudioDecoder decoder,
      FrontEnd frontEnd,
      TrainingConfig config,
      int workers) {
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<Optional<Utterance>>> loading = new ArrayList<>();
      Map<String, Integer> leftOut = new java.util.TreeMap<>();
      for (DatasetEntry entry : entries) {
        Optional<int[]> labels = CharacterVocabulary.encode(entry.text());
        if (labels.isEmpty() || labels.get().length == 0) {
          leftOut.merge("text outside the vocabulary", 1, Integer::sum);
          continue;
        }
        loading.add(
            pool.submit(() -> load(entry, labels.get(), stores, decoder, frontEnd, config)));
      }
      List<Utterance> utterances = new ArrayList<>();
      for (Future<Optional<Utterance>> future : loading) {
        Optional<Utterance> utterance = await(future);
        if (utterance.isPresent()) {
          utterances.add(utterance.get());
        } else {
          leftOut.merge("too long, or too short for its text", 1, Integer::sum);
        }
      }
      LOG.info("Loaded {} utterances; left out {}", utterances.size(), leftOut);
      return new TrainingCorpus(utterances, leftOut);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Optional<Utterance> load(
      DatasetEntry entry,
      int[] labels,
      ObjectStores stores,
      AudioDecoder decoder,
      FrontEnd frontEnd,
      TrainingConfig config) {
    StorageUri uri = StorageUri.parse(entry.audio());
    float[] samples;
    try (SeekableObject object = stores.forUri(uri).open(uri);
        PcmStream stream = decoder.open(object, entry.audio())) {
      samples = readAll(stream);
      String sha256 = object.sha256();
      if (!sha256.equals(entry.sha256())) {
        throw NightscribeException.badInput(
            "Cannot train on "
                + entry.audio()
                + ": its sha256 is "
                + sha256
                + ", the manifest says "
                + entry.sha256()
                + " (the dataset changed since its manifest was written: rebuild it)");
      }
    }
    if (samples.length > config.maxUtteranceSeconds() * AudioDecoder.TARGET_SAMPLE_RATE_HZ) {
      return Optional.empty();
    }
    Features features = frontEnd.compute(samples);
    int outputFrames = config.network(features.dimensions()).outputFrames(features.frames());
    if (outputFrames < minimumFrames(labels)) {
      return Optional.empty();
    }
    DataSplit split = DataSplit.of(entry.text(), config.devPercent(), config.testPercent());
    return Optional.of(new Utterance(entry, split, labels, features));
  }

  /** CTC needs a frame per label, and a blank between two equal labels. */
  private static int minimumFrames(int[] labels) {
    int frames = labels.length;
    for (int i = 1; i < labels.length; i++) {
      if (labels[i] == labels[i - 1]) {
        frames++;
      }
    }
    return frames;
  }

  private static float[] readAll(PcmStream stream) {
    List<float[]> blocks = new ArrayList<>();
    int total = 0;
    for (float[] block = stream.nextBlock(); block != null; block = stream.nextBlock()) {
      blocks.add(block);
      total += block.length;
    }
    float[] samples = new float[total];
    int at = 0;
    for (float[] block : blocks) {
      System.arraycopy(block, 0, samples, at, block.length);
      at += block.length;
    }
    return samples;
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw NightscribeException.transientFailure("Interrupted while loading the dataset", e);
    }
  }
}
