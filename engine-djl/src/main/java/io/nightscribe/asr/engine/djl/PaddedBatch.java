package io.nightscribe.asr.engine.djl;

/**
 * What one forward pass reads: chunks' model inputs padded with zeros to a common length.
 *
 * @param values the inputs, row-major [batch, frames, dimensions]
 * @param batch how many chunks
 * @param frames padded input frames per chunk
 * @param dimensions values per input frame
 * @param validFrames each chunk's own input frames, before padding
 * @param waveform whether the model reads [batch, frames] (a raw waveform) rather than [batch,
 *     frames, dimensions]
 */
record PaddedBatch(
    float[] values, int batch, int frames, int dimensions, int[] validFrames, boolean waveform) {}
