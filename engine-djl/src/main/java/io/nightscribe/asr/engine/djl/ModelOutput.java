package io.nightscribe.asr.engine.djl;

/**
 * What one forward pass answers: scores (logits or log-probabilities) [batch, frames, tokens],
 * row-major.
 */
record ModelOutput(float[] values, int batch, int frames, int tokens) {}
