package io.nightscribe.asr.engine.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * Feeds a padded batch to a CTC network, with the mask or lengths model.json asks for, and reads
 * back its first output [batch, frames, tokens]. Keeps tensors inside this package. Stateless.
 *
 * @param lengthInput "none", "mask" (int64 [batch, frames], 1 on real input) or "lengths" (int64
 *     [batch])
 */
record CtcTranslator(String lengthInput) implements NoBatchifyTranslator<PaddedBatch, ModelOutput> {

  @Override
  public NDList processInput(TranslatorContext context, PaddedBatch input) {
    NDManager manager = context.getNDManager();
    Shape shape =
        input.waveform()
            ? new Shape(input.batch(), input.frames())
            : new Shape(input.batch(), input.frames(), input.dimensions());
    NDList inputs = new NDList(manager.create(input.values(), shape));
    switch (lengthInput) {
      case "mask" -> {
        long[] mask = new long[input.batch() * input.frames()];
        for (int row = 0; row < input.batch(); row++) {
          java.util.Arrays.fill(
              mask, row * input.frames(), row * input.frames() + input.validFrames()[row], 1L);
        }
        inputs.add(manager.create(mask, new Shape(input.batch(), input.frames())));
      }
      case "lengths" -> {
        long[] lengths = java.util.Arrays.stream(input.validFrames()).asLongStream().toArray();
        inputs.add(manager.create(lengths, new Shape(input.batch())));
      }
      default -> {
        // the model infers nothing from padding, or does not care
      }
    }
    return inputs;
  }

  @Override
  public ModelOutput processOutput(TranslatorContext context, NDList outputs) {
    NDArray scores = outputs.get(0);
    Shape shape = scores.getShape();
    if (shape.dimension() != 3) {
      throw new IllegalStateException(
          "Invalid CTC model output: shape " + shape + " (expected [batch, frames, tokens])");
    }
    return new ModelOutput(
        scores.toFloatArray(), (int) shape.get(0), (int) shape.get(1), (int) shape.get(2));
  }
}
