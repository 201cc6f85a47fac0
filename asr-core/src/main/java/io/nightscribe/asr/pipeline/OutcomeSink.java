package io.nightscribe.asr.pipeline;

/**
 * Receives each input's outcome as soon as it is known, to persist it (write the transcript, mark
 * the input done). Called from several worker threads at once: implementations must be thread-safe.
 * An exception thrown here aborts the run; whatever was accepted before stays accepted.
 */
@FunctionalInterface
public interface OutcomeSink {
  void accept(TranscriptionOutcome outcome);
}
