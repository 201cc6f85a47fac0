package io.nightscribe.asr.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.chunk.Segmentation;
import io.nightscribe.asr.chunk.TranscriptAssembler;
import io.nightscribe.asr.engine.AsrModel;
import io.nightscribe.asr.engine.AsrSession;
import io.nightscribe.asr.engine.AudioChunk;
import io.nightscribe.asr.engine.ChunkHypothesis;
import io.nightscribe.asr.engine.ComputeDevice;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.engine.PauseSegmentation;
import io.nightscribe.asr.model.ModelPackage;
import io.nightscribe.asr.storage.FileObjectStore;
import io.nightscribe.asr.storage.StorageUri;
import io.nightscribe.asr.testing.FakeAsrEngine;
import io.nightscribe.asr.testing.FakeAudioDecoder;
import io.nightscribe.asr.testing.FakeSpeech;
import io.nightscribe.asr.testing.FakeSpeechDetector;
import io.nightscribe.asr.transcript.TranscriptJson;
import io.nightscribe.asr.transcript.TranscriptRecord;
import io.nightscribe.asr.vad.SpeechDetectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptionExecutorTest {
  private static final DecodingSettings DECODING =
      DecodingSettings.fixedWindows(10_000, 1_000, 40_000, Map.of());

  /** Cut at pauses of at least 1 s, never joined; batches of up to 12 s. */
  private static final DecodingSettings AT_PAUSES =
      new DecodingSettings(
          10_000,
          1_000,
          12_000,
          Map.of(),
          Optional.of(new PauseSegmentation(FakeSpeechDetector.NAME, 50, 300, 200, 5_000, 900)));

  private static final TranscriptFactory TRANSCRIPTS =
      new TranscriptFactory(
          new TranscriptRecord.ModelIdentity("fake-model", "1", "0".repeat(64)),
          "c".repeat(64),
          new TranscriptAssembler());

  @TempDir Path folder;
  private final FakeAsrEngine engine = new FakeAsrEngine();

  @Test
  void everyInputComesBackOnceWithEveryWordOnce() throws IOException {
    Random random = new Random(7);
    Map<String, Integer> words = new ConcurrentHashMap<>();
    List<TranscriptionInput> inputs = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      int count = 1 + random.nextInt(120);
      inputs.add(write("in/" + i + ".fake", "words=" + count));
      words.put("in/" + i + ".fake", count);
    }
    Map<String, TranscriptionOutcome> outcomes = new ConcurrentHashMap<>();
    AtomicInteger calls = new AtomicInteger();

    executor(ExecutorSettings.onCpu(2))
        .run(
            inputs.iterator(),
            outcome -> {
              calls.incrementAndGet();
              outcomes.put(outcome.input().key(), outcome);
            });

    assertThat(calls).hasValue(25);
    words.forEach(
        (key, count) -> {
          var done = (TranscriptionOutcome.Transcribed) outcomes.get(key);
          assertThat(done.transcript().text()).as(key).isEqualTo(FakeSpeech.expectedText(count));
          assertThat(done.entry().sha256())
              .isEqualTo(io.nightscribe.asr.Sha256.hex(("words=" + count).getBytes()));
        });
  }

  @Test
  void theObserverSeesEveryReadDecodeAndEngineCallAndAnEmptyQueueAtTheEnd() throws IOException {
    List<TranscriptionInput> inputs =
        List.of(
            write("a.fake", "words=300"),
            write("b.fake", "bad:truncated at 1.2 s"),
            write("c.fake", "words=40"));
    CountingObserver observer = new CountingObserver();

    executor(ExecutorSettings.onCpu(2), DECODING, observer).run(inputs.iterator(), o -> {});

    assertThat(observer.reads).as("reads").hasValue(3);
    assertThat(observer.decodes).as("decodes, the bad input's included").hasValue(3);
    assertThat(observer.engineCalls).as("engine calls").hasValue(engine.batches.size());
    assertThat(observer.started).as("workers started").hasValue(2);
    assertThat(observer.stopped).as("workers stopped").hasValue(2);
    assertThat(observer.lastDepth).as("queue depth at the end").hasValue(0);
    assertThat(observer.maxDepth.get()).as("deepest queue").isPositive();
  }

  /** Counts what the executor tells it. */
  private static final class CountingObserver implements PipelineObserver {
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger decodes = new AtomicInteger();
    final AtomicInteger engineCalls = new AtomicInteger();
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger stopped = new AtomicInteger();
    final AtomicInteger lastDepth = new AtomicInteger(-1);
    final AtomicInteger maxDepth = new AtomicInteger();

    @Override
    public void read(java.time.Duration took) {
      reads.incrementAndGet();
    }

    @Override
    public void decoded(java.time.Duration took) {
      decodes.incrementAndGet();
    }

    @Override
    public void engineWorkerStarted(long nanoTime) {
      started.incrementAndGet();
    }

    @Override
    public void engineCalled(java.time.Duration took) {
      engineCalls.incrementAndGet();
    }

    @Override
    public void engineWorkerStopped(long startedNanoTime, long stoppedNanoTime) {
      stopped.incrementAndGet();
    }

    @Override
    public synchronized void queuedChunks(int chunks) {
      lastDepth.set(chunks);
      maxDepth.accumulateAndGet(chunks, Math::max);
    }
  }

  @Test
  void badInputsAreQuarantinedAndTheRestFinish() throws IOException {
    List<TranscriptionInput> inputs =
        List.of(
            write("a.fake", "words=30"),
            write("b.fake", "bad:truncated at 1.2 s"),
            write("c.fake", "words=3"));
    Map<String, TranscriptionOutcome> outcomes = new ConcurrentHashMap<>();

    executor(ExecutorSettings.onCpu(2))
        .run(inputs.iterator(), o -> outcomes.put(o.input().key(), o));

    assertThat(outcomes.get("a.fake")).isInstanceOf(TranscriptionOutcome.Transcribed.class);
    assertThat(outcomes.get("c.fake")).isInstanceOf(TranscriptionOutcome.Transcribed.class);
    var bad = (TranscriptionOutcome.Quarantined) outcomes.get("b.fake");
    assertThat(bad.stage()).isEqualTo("decode");
    assertThat(bad.reason())
        .isEqualTo("Cannot decode " + inputs.get(1).uri() + ": truncated at 1.2 s");
  }

  @Test
  void aMissingObjectIsQuarantinedAtRead() throws IOException {
    var missing =
        new TranscriptionInput("gone.fake", StorageUri.ofPath(folder.resolve("gone.fake"), false));
    Map<String, TranscriptionOutcome> outcomes = new ConcurrentHashMap<>();

    executor(ExecutorSettings.onCpu(1))
        .run(List.of(missing).iterator(), o -> outcomes.put(o.input().key(), o));

    var bad = (TranscriptionOutcome.Quarantined) outcomes.get("gone.fake");
    assertThat(bad.stage()).isEqualTo("read");
    assertThat(bad.entry()).isEmpty();
  }

  @Test
  void anObjectThatChangedSinceItWasListedIsQuarantinedAtRead() throws IOException {
    // given an object listed with one ETag that has another one now
    TranscriptionInput written = write("changed.fake", "words=5");
    String now = new FileObjectStore().stat(written.uri()).orElseThrow().etag();
    var listed = TranscriptionInput.listed(written.key(), written.uri(), "listed-etag");
    Map<String, TranscriptionOutcome> outcomes = new ConcurrentHashMap<>();

    // when it is transcribed
    executor(ExecutorSettings.onCpu(1))
        .run(List.of(listed).iterator(), o -> outcomes.put(o.input().key(), o));

    // then it is quarantined as read, naming both ETags, rather than transcribed unplanned
    var bad = (TranscriptionOutcome.Quarantined) outcomes.get("changed.fake");
    assertThat(bad.stage()).isEqualTo("read");
    assertThat(bad.reason())
        .isEqualTo(
            "Cannot read "
                + written.uri()
                + ": it changed after the run listed it (ETag listed-etag, now "
                + now
                + "); the next run of this prefix lists it afresh");
  }

  @Test
  void anObjectStillAsListedIsTranscribed() throws IOException {
    TranscriptionInput written = write("same.fake", "words=5");
    String now = new FileObjectStore().stat(written.uri()).orElseThrow().etag();
    var listed = TranscriptionInput.listed(written.key(), written.uri(), now);
    Map<String, TranscriptionOutcome> outcomes = new ConcurrentHashMap<>();

    executor(ExecutorSettings.onCpu(1))
        .run(List.of(listed).iterator(), o -> outcomes.put(o.input().key(), o));

    assertThat(outcomes.get("same.fake")).isInstanceOf(TranscriptionOutcome.Transcribed.class);
  }

  @Test
  void batchesNeverExceedTheBatchDuration() throws IOException {
    List<TranscriptionInput> inputs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      inputs.add(write(i + ".fake", "words=200"));
    }

    executor(ExecutorSettings.onCpu(2)).run(inputs.iterator(), o -> {});

    assertThat(engine.batches).isNotEmpty();
    assertThat(engine.batches)
        .allSatisfy(
            batch ->
                assertThat(batch.stream().mapToLong(AudioChunk::durationMillis).sum())
                    .isLessThanOrEqualTo(DECODING.maxBatchMillis()));
  }

  @Test
  void cutAtPausesEveryWordComesBackOnceAndTheSilenceIsNeverDecoded() throws IOException {
    List<TranscriptionInput> inputs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      inputs.add(write(i + ".fake", "words=" + (20 + 7 * i) + " pauses=5x3"));
    }
    Map<String, TranscriptionOutcome> outcomes = new ConcurrentHashMap<>();

    executor(ExecutorSettings.onCpu(2), AT_PAUSES)
        .run(inputs.iterator(), o -> outcomes.put(o.input().key(), o));

    for (int i = 0; i < 8; i++) {
      var done = (TranscriptionOutcome.Transcribed) outcomes.get(i + ".fake");
      int words = 20 + 7 * i;
      assertThat(done.transcript().text()).isEqualTo(FakeSpeech.expectedText(words));
      // every pause of 1.5 s counts in the duration...
      assertThat(done.transcript().source().durationMillis())
          .isEqualTo((words + (words - 1) / 5 * 3) * FakeSpeech.WORD_MILLIS);
    }
    // ...but reaches the engine only as the padding of the speech around it
    long decodedByEngine =
        engine.batches.stream().flatMap(List::stream).mapToLong(AudioChunk::durationMillis).sum();
    long speech = inputs.size() * 20 * 500L + 7 * 28 * 500L;
    assertThat(decodedByEngine).isLessThan(speech * 13 / 10);
  }

  @Test
  void batchesAreConsecutiveChunksOfOneSourceWhateverTheThreadsDo() throws IOException {
    List<TranscriptionInput> inputs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      inputs.add(write(i + ".fake", "words=" + (30 + 11 * i) + " pauses=4x2"));
    }
    Map<String, byte[]> first = new ConcurrentHashMap<>();
    executor(new ExecutorSettings(List.of(ComputeDevice.CPU), 1, 1), AT_PAUSES)
        .run(inputs.iterator(), o -> first.put(o.input().key(), transcriptBytes(o)));
    List<String> oneThread = batchNames();
    engine.batches.clear();

    Map<String, byte[]> second = new ConcurrentHashMap<>();
    executor(new ExecutorSettings(List.of(ComputeDevice.CPU, ComputeDevice.CPU), 2, 2), AT_PAUSES)
        .run(inputs.iterator(), o -> second.put(o.input().key(), transcriptBytes(o)));

    assertThat(batchNames()).containsExactlyInAnyOrderElementsOf(oneThread);
    assertThat(engine.batches)
        .allSatisfy(
            batch -> {
              assertThat(batch)
                  .extracting(AudioChunk::sourceId)
                  .containsOnly(batch.get(0).sourceId());
              assertThat(batch)
                  .extracting(AudioChunk::index)
                  .isEqualTo(
                      java.util.stream.IntStream.range(0, batch.size())
                          .mapToObj(i -> batch.get(0).index() + i)
                          .toList());
              assertThat(batch.stream().mapToLong(AudioChunk::durationMillis).sum())
                  .isLessThanOrEqualTo(AT_PAUSES.maxBatchMillis());
            });
    assertThat(oneThread).anyMatch(batch -> batch.contains(","));
    assertThat(second).hasSameSizeAs(first);
    first.forEach((key, bytes) -> assertThat(second.get(key)).as(key).isEqualTo(bytes));
  }

  @Test
  void anEngineFailureStopsTheRunAndKeepsWhatWasAccepted() throws IOException {
    List<TranscriptionInput> inputs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      inputs.add(write(i + ".fake", "words=10"));
    }
    AtomicInteger batches = new AtomicInteger();
    AsrModel failing = new FailingAfter(engine.load(FakeAsrEngine.fakePackage()), 3, batches);
    List<String> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
    var executor =
        new TranscriptionExecutor(
            new FileObjectStore(),
            new FakeAudioDecoder(),
            failing,
            TRANSCRIPTS,
            DECODING,
            Segmentation.of(DECODING, SpeechDetectors.installed()),
            new ExecutorSettings(List.of(ComputeDevice.CPU), 1, 2),
            PipelineObserver.NONE);

    assertThatThrownBy(() -> executor.run(inputs.iterator(), o -> accepted.add(o.input().key())))
        .isInstanceOf(NightscribeException.class)
        .hasMessage("engine crashed");
    assertThat(accepted.size()).isBetween(1, 9);
  }

  private TranscriptionExecutor executor(ExecutorSettings threads) {
    return executor(threads, DECODING);
  }

  private TranscriptionExecutor executor(ExecutorSettings threads, DecodingSettings decoding) {
    return executor(threads, decoding, PipelineObserver.NONE);
  }

  private TranscriptionExecutor executor(
      ExecutorSettings threads, DecodingSettings decoding, PipelineObserver observer) {
    return new TranscriptionExecutor(
        new FileObjectStore(),
        new FakeAudioDecoder(),
        engine.load(FakeAsrEngine.fakePackage()),
        TRANSCRIPTS,
        decoding,
        Segmentation.of(decoding, SpeechDetectors.installed()),
        threads,
        observer);
  }

  /** Each batch any session was given, as "source:index,source:index...". */
  private List<String> batchNames() {
    return engine.batches.stream()
        .map(
            batch ->
                String.join(
                    ",",
                    batch.stream().map(chunk -> chunk.sourceId() + ":" + chunk.index()).toList()))
        .toList();
  }

  private static byte[] transcriptBytes(TranscriptionOutcome outcome) {
    return TranscriptJson.encode(((TranscriptionOutcome.Transcribed) outcome).transcript());
  }

  private TranscriptionInput write(String key, String content) throws IOException {
    Path file = folder.resolve(key);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return new TranscriptionInput(key, StorageUri.ofPath(file, false));
  }

  /** Answers {@code healthy} batches, then fails every later one as an engine crash would. */
  private record FailingAfter(AsrModel model, int healthy, AtomicInteger batches)
      implements AsrModel {
    @Override
    public ModelPackage modelPackage() {
      return model.modelPackage();
    }

    @Override
    public String engineVersion() {
      return model.engineVersion();
    }

    @Override
    public AsrSession openSession(ComputeDevice device, DecodingSettings settings) {
      AsrSession session = model.openSession(device, settings);
      return new AsrSession() {
        @Override
        public List<ChunkHypothesis> transcribe(List<AudioChunk> batch) {
          if (batches.incrementAndGet() > healthy) {
            throw NightscribeException.internal("engine crashed", null);
          }
          return session.transcribe(batch);
        }

        @Override
        public void close() {
          session.close();
        }
      };
    }

    @Override
    public void close() {}
  }
}
