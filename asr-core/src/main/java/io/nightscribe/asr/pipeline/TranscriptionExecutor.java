package io.nightscribe.asr.pipeline;

import io.nightscribe.asr.ErrorCategory;
import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.audio.AudioDecoder;
import io.nightscribe.asr.audio.AudioLevelMeter;
import io.nightscribe.asr.audio.DecodeBudgetExceeded;
import io.nightscribe.asr.audio.PcmStream;
import io.nightscribe.asr.chunk.Segmentation;
import io.nightscribe.asr.chunk.Segmenter;
import io.nightscribe.asr.engine.AsrModel;
import io.nightscribe.asr.engine.AsrSession;
import io.nightscribe.asr.engine.AudioChunk;
import io.nightscribe.asr.engine.ChunkHypothesis;
import io.nightscribe.asr.engine.ComputeDevice;
import io.nightscribe.asr.engine.DecodingSettings;
import io.nightscribe.asr.manifest.InputEntry;
import io.nightscribe.asr.storage.ObjectStore;
import io.nightscribe.asr.storage.SeekableObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transcribes a stream of inputs with one model: decoder threads read, decode and segment inputs
 * into a bounded queue of batches, and engine workers (one session per device) take batches from
 * it, so the engine never waits on I/O while memory stays bounded by the queue. Each input's
 * outcome goes to the {@link OutcomeSink} as soon as its last chunk is answered.
 *
 * <p>A batch is a run of consecutive chunks of one source, in order, cut before a chunk that would
 * take it past {@code maxBatchMillis}: its composition depends on the source's audio and the
 * settings alone, never on which worker or thread got there first, so an engine that batches (or
 * carries context from chunk to chunk within a batch) gives the same answers in a replay.
 *
 * <p>Bad inputs (BAD_INPUT failures) are quarantined and the run goes on. Any other failure stops
 * the run: {@link #run} throws it once every thread has stopped, and outcomes already accepted by
 * the sink stay accepted, so a restart only needs the inputs that have none.
 *
 * <p>One run at a time per instance. The model is not closed here.
 */
public final class TranscriptionExecutor {
  private static final Logger log = LoggerFactory.getLogger(TranscriptionExecutor.class);
  private static final List<AudioChunk> END_OF_INPUTS =
      List.of(new AudioChunk("end of inputs", 0, 0, new float[0]));

  private final ObjectStore inputStore;
  private final AudioDecoder decoder;
  private final AsrModel model;
  private final TranscriptFactory transcripts;
  private final DecodingSettings decoding;
  private final Segmentation segmentation;
  private final ExecutorSettings threads;
  private final PipelineObserver observer;

  /**
   * @param decoding the settings sessions are opened with; {@code maxBatchMillis} bounds batches
   * @param segmentation cuts each source as {@code decoding} says; not closed here
   * @param observer told where the time goes (reads, decoding, engine calls, the queue)
   */
  public TranscriptionExecutor(
      ObjectStore inputStore,
      AudioDecoder decoder,
      AsrModel model,
      TranscriptFactory transcripts,
      DecodingSettings decoding,
      Segmentation segmentation,
      ExecutorSettings threads,
      PipelineObserver observer) {
    this.inputStore = inputStore;
    this.decoder = decoder;
    this.model = model;
    this.transcripts = transcripts;
    this.decoding = decoding;
    this.segmentation = segmentation;
    this.threads = threads;
    this.observer = observer;
  }

  /**
   * Transcribes every input {@code inputs} yields, handing each outcome to {@code sink}.
   *
   * @throws NightscribeException the first failure that was not a bad input
   */
  public void run(Iterator<TranscriptionInput> inputs, OutcomeSink sink) {
    new Run(inputs, sink).execute();
  }

  /** The state of one run: its queue, the inputs in flight and the first fatal failure. */
  private final class Run {
    private final Iterator<TranscriptionInput> inputs;
    private final OutcomeSink sink;
    private final BlockingQueue<List<AudioChunk>> queue =
        new ArrayBlockingQueue<>(threads.queuedBatches());
    private final Map<String, SourceProgress> inFlight = new ConcurrentHashMap<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final AtomicInteger queuedChunks = new AtomicInteger();

    Run(Iterator<TranscriptionInput> inputs, OutcomeSink sink) {
      this.inputs = inputs;
      this.sink = sink;
    }

    void execute() {
      int decoders = threads.decodeWorkers();
      int workers = threads.devices().size();
      ExecutorService pool = Executors.newFixedThreadPool(decoders + workers, new NamedThreads());
      try {
        List<Future<?>> decoding = new ArrayList<>();
        for (int i = 0; i < decoders; i++) {
          decoding.add(pool.submit(this::decodeInputs));
        }
        List<Future<?>> engines = new ArrayList<>();
        for (ComputeDevice device : threads.devices()) {
          engines.add(pool.submit(() -> transcribeChunks(device)));
        }
        decoding.forEach(this::await);
        for (int i = 0; i < workers; i++) {
          putQuietly(END_OF_INPUTS);
        }
        engines.forEach(this::await);
      } finally {
        pool.shutdownNow();
        // the queue goes with the run: whatever a failure left in it waits for nobody
        observer.queuedChunks(0);
      }
      RuntimeException fatal = failure.get();
      if (fatal != null) {
        throw fatal;
      }
    }

    private void decodeInputs() {
      try {
        TranscriptionInput input;
        while (failure.get() == null && (input = nextInput()) != null) {
          decodeInput(input);
        }
      } catch (RuntimeException e) {
        fail(e);
      }
    }

    private TranscriptionInput nextInput() {
      synchronized (inputs) {
        return inputs.hasNext() ? inputs.next() : null;
      }
    }

    private void decodeInput(TranscriptionInput input) {
      SourceProgress progress = new SourceProgress(input);
      inFlight.put(input.key(), progress);
      TimedWork time = new TimedWork();
      try (SeekableObject object = time.reads(() -> open(input))) {
        progress.info = object.info();
        requireAsListed(input, object);
        AudioLevelMeter meter = new AudioLevelMeter();
        try (PcmStream pcm =
                meter.measure(decoder.open(time.timed(object), input.uri().toString()));
            Segmenter segmenter = segmentation.open(input.key(), pcm)) {
          progress.probe = pcm.probe();
          int chunks = queueBatches(segmenter, time);
          if (chunks < 0) {
            return;
          }
          progress.probe = pcm.probe();
          if (progress.probe.skippedPackets() > 0) {
            log.warn(
                "{}: skipped {} corrupt packets, transcribing the audio around them",
                input.uri(),
                progress.probe.skippedPackets());
          }
          progress.decodedMillis = segmenter.decodedMillis();
          progress.levels = meter.levels();
          progress.sha256 = time.reads(object::sha256);
          progress.finishDecoding(chunks);
        } catch (NightscribeException e) {
          rethrowUnlessBadInput(e);
          // the manifest names the exact bytes that were refused: hash what the decoder left unread
          progress.sha256 = time.reads(object::sha256);
          time.report(observer);
          quarantine(progress, e.getMessage(), decodeStage(e));
          return;
        }
      } catch (NightscribeException e) {
        rethrowUnlessBadInput(e);
        observer.read(time.readTime());
        quarantine(progress, e.getMessage(), "read");
        return;
      }
      time.report(observer);
      completeIfAnswered(progress);
    }

    private SeekableObject open(TranscriptionInput input) {
      return input.versionId().isPresent()
          ? inputStore.open(input.uri(), input.versionId().get())
          : inputStore.open(input.uri());
    }

    /**
     * Queues the source's chunks in batches of consecutive chunks up to the batch duration; the
     * number of chunks, or -1 when the run stopped first.
     */
    private int queueBatches(Segmenter segmenter, TimedWork time) {
      int chunks = 0;
      List<AudioChunk> batch = new ArrayList<>();
      long batchMillis = 0;
      AudioChunk chunk;
      while ((chunk = segmenter.next()) != null) {
        chunks++;
        if (!batch.isEmpty() && batchMillis + chunk.durationMillis() > decoding.maxBatchMillis()) {
          List<AudioChunk> full = batch;
          if (!time.waits(() -> putQuietly(full))) {
            return -1;
          }
          batch = new ArrayList<>();
          batchMillis = 0;
        }
        batch.add(chunk);
        batchMillis += chunk.durationMillis();
      }
      List<AudioChunk> last = batch;
      return last.isEmpty() || time.waits(() -> putQuietly(last)) ? chunks : -1;
    }

    /** Refuses an object that is no longer the one the run listed. */
    private static void requireAsListed(TranscriptionInput input, SeekableObject object) {
      String now = object.info().etag();
      input
          .listedEtag()
          .filter(listed -> !listed.equals(now))
          .ifPresent(
              listed -> {
                throw NightscribeException.badInput(
                    "Cannot read "
                        + input.uri()
                        + ": it changed after the run listed it (ETag "
                        + listed
                        + ", now "
                        + now
                        + "); the next run of this prefix lists it afresh");
              });
    }

    /**
     * Where a decode failed: a broken budget is recorded as the limit it broke (too_large,
     * timeout), so the quarantine's stage is one of the monitoring label values.
     */
    private static String decodeStage(NightscribeException e) {
      return e instanceof DecodeBudgetExceeded exceeded ? exceeded.limit().label() : "decode";
    }

    private static void rethrowUnlessBadInput(NightscribeException e) {
      if (e.category() != ErrorCategory.BAD_INPUT) {
        throw e;
      }
    }

    private void transcribeChunks(ComputeDevice device) {
      try (AsrSession session = model.openSession(device, decoding)) {
        log.debug("Engine worker on {} started", device);
        long started = System.nanoTime();
        observer.engineWorkerStarted(started);
        try {
          transcribeBatches(session);
        } finally {
          observer.engineWorkerStopped(started, System.nanoTime());
        }
      } catch (RuntimeException e) {
        fail(e);
      }
    }

    private void transcribeBatches(AsrSession session) {
      List<AudioChunk> batch;
      while (!(batch = nextBatch()).isEmpty()) {
        long called = System.nanoTime();
        List<ChunkHypothesis> answers = session.transcribe(batch);
        observer.engineCalled(Duration.ofNanos(System.nanoTime() - called));
        for (ChunkHypothesis answer : answers) {
          SourceProgress progress = inFlight.get(answer.chunk().sourceId());
          if (progress != null && progress.add(answer)) {
            completeIfAnswered(progress);
          }
        }
      }
    }

    /**
     * Waits for the next batch of a live source; empty when the inputs are done or the run failed.
     */
    private List<AudioChunk> nextBatch() {
      try {
        while (failure.get() == null) {
          List<AudioChunk> batch = queue.poll(200, TimeUnit.MILLISECONDS);
          if (batch == END_OF_INPUTS) {
            return List.of();
          }
          if (batch != null) {
            observer.queuedChunks(queuedChunks.addAndGet(-batch.size()));
          }
          if (batch != null && isLive(batch.get(0))) {
            return batch;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return List.of();
    }

    private boolean isLive(AudioChunk chunk) {
      SourceProgress progress = inFlight.get(chunk.sourceId());
      return progress != null && !progress.isQuarantined();
    }

    private void completeIfAnswered(SourceProgress progress) {
      if (!progress.claimCompletion()) {
        return;
      }
      inFlight.remove(progress.input.key());
      TranscriptionOutcome.Transcribed outcome =
          new TranscriptionOutcome.Transcribed(
              progress.input,
              progress.entry(),
              transcripts.create(
                  progress.input, progress.entry(), progress.decodedMillis, progress.answers()),
              progress.levels);
      sink.accept(outcome);
    }

    private void quarantine(SourceProgress progress, String reason, String stage) {
      progress.markQuarantined();
      inFlight.remove(progress.input.key());
      Optional<InputEntry> entry =
          progress.info == null ? Optional.empty() : Optional.of(progress.partialEntry());
      log.debug("Quarantined {} at {}: {}", progress.input.uri(), stage, reason);
      sink.accept(new TranscriptionOutcome.Quarantined(progress.input, entry, reason, stage));
    }

    private boolean putQuietly(List<AudioChunk> batch) {
      try {
        while (failure.get() == null) {
          // counted before it is visible to the workers, so the depth never goes below zero
          int chunks = batch == END_OF_INPUTS ? 0 : batch.size();
          int depth = queuedChunks.addAndGet(chunks);
          if (queue.offer(batch, 200, TimeUnit.MILLISECONDS)) {
            observer.queuedChunks(depth);
            return true;
          }
          queuedChunks.addAndGet(-chunks);
        }
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    private void fail(RuntimeException e) {
      if (failure.compareAndSet(null, e)) {
        log.debug("Run stopping after a failure", e);
      }
    }

    private void await(Future<?> future) {
      try {
        future.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail(NightscribeException.internal("Cannot finish the run: interrupted", e));
      } catch (java.util.concurrent.ExecutionException e) {
        fail(NightscribeException.internal("Cannot finish the run: " + e.getCause(), e.getCause()));
      }
    }
  }

  private static final class NamedThreads implements java.util.concurrent.ThreadFactory {
    private int count;

    @Override
    public synchronized Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "nightscribe-worker-" + ++count);
      thread.setDaemon(true);
      return thread;
    }
  }
}
