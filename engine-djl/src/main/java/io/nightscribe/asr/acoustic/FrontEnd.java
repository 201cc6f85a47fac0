package io.nightscribe.asr.acoustic;

import java.util.Map;

/**
 * Turns 16 kHz mono samples into what an acoustic model reads. Immutable and thread-safe; the same
 * samples always give the same features, in training and in transcription.
 */
public sealed interface FrontEnd permits RawWaveform, LogMelSpectrogram {

  /** The features of {@code samples}. */
  Features compute(float[] samples);

  /** How many feature frames {@code samples} samples give. */
  int frames(int samples);

  /** Duration of one feature frame, in samples. */
  int samplesPerFrame();

  /** This front end as model.json writes it (a "type" key and the parameters). */
  Map<String, Object> describe();
}
