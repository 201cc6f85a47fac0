package io.nightscribe.asr.acoustic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.norm.BatchNorm;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The acoustic network nightscribe trains (model.json format "djl"): a strided convolution that
 * halves the frame rate, then residual blocks of a depthwise convolution over time and a pointwise
 * convolution across channels (each with batch norm and ReLU), then a pointwise projection to the
 * vocabulary, log-softmaxed. Convolutions only: every output frame sees a fixed window of {@link
 * #receptiveFieldFrames()} input frames on both sides, it batches and trains fast on CPUs, and it
 * stays clear of DJL's broken bidirectional RNNs.
 *
 * <p>Reads [B, T, inputDims] features, answers log-probabilities [B, T', vocabularySize] with T' =
 * ceil(T / stride).
 *
 * @param inputDims feature values per input frame
 * @param channels width of every hidden layer
 * @param blocks residual blocks
 * @param kernel time width of every convolution (odd)
 * @param stride frame-rate reduction of the first convolution
 * @param vocabularySize output tokens, blank included
 */
public record ConvCtcNetwork(
    int inputDims, int channels, int blocks, int kernel, int stride, int vocabularySize) {

  public ConvCtcNetwork {
    if (inputDims < 1
        || channels < 1
        || blocks < 0
        || kernel < 1
        || kernel % 2 == 0
        || stride < 1
        || vocabularySize < 2) {
      throw new IllegalArgumentException(
          "Invalid network: "
              + describe(inputDims, channels, blocks, kernel, stride, vocabularySize));
    }
  }

  /** Reads the model.json "architecture" object that {@link #describe()} writes. */
  public static ConvCtcNetwork of(Map<String, Integer> architecture) {
    for (String key :
        List.of("inputDims", "channels", "blocks", "kernel", "stride", "vocabularySize")) {
      if (!architecture.containsKey(key)) {
        throw new IllegalArgumentException("architecture has no \"" + key + "\"");
      }
    }
    return new ConvCtcNetwork(
        architecture.get("inputDims"),
        architecture.get("channels"),
        architecture.get("blocks"),
        architecture.get("kernel"),
        architecture.get("stride"),
        architecture.get("vocabularySize"));
  }

  /** The model.json "architecture" object. */
  public Map<String, Integer> describe() {
    return describe(inputDims, channels, blocks, kernel, stride, vocabularySize);
  }

  /** Output frames for {@code inputFrames} input frames. */
  public int outputFrames(int inputFrames) {
    return (inputFrames + stride - 1) / stride;
  }

  /** Input frames each output frame depends on, on each side of its centre. */
  public int receptiveFieldFrames() {
    return kernel / 2 + blocks * (kernel / 2) * stride;
  }

  /** A new, uninitialized block with this architecture. */
  public Block build() {
    SequentialBlock network = new SequentialBlock();
    network.add(new LambdaBlock(ConvCtcNetwork::timeLast, "features-to-channels"));
    network.add(convolution(channels, kernel, stride, 1));
    network.add(BatchNorm.builder().optAxis(1).build());
    network.add(Activation.reluBlock());
    for (int i = 0; i < blocks; i++) {
      SequentialBlock residual = new SequentialBlock();
      residual.add(convolution(channels, kernel, 1, channels));
      residual.add(convolution(channels, 1, 1, 1));
      residual.add(BatchNorm.builder().optAxis(1).build());
      residual.add(Activation.reluBlock());
      network.add(
          new ParallelBlock(
              branches ->
                  new NDList(
                      branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow())),
              List.of(residual, new LambdaBlock(inputs -> inputs, "identity"))));
    }
    network.add(convolution(vocabularySize, 1, 1, 1));
    network.add(
        new LambdaBlock(
            inputs -> new NDList(inputs.singletonOrThrow().transpose(0, 2, 1).logSoftmax(2)),
            "log-probabilities"));
    return network;
  }

  private static NDList timeLast(NDList inputs) {
    NDArray features = inputs.get(0);
    return new NDList(features.transpose(0, 2, 1));
  }

  private static Block convolution(int filters, int width, int stride, int groups) {
    return Conv1d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(width))
        .optStride(new Shape(stride))
        .optPadding(new Shape(width / 2))
        .optGroups(groups)
        .build();
  }

  private static Map<String, Integer> describe(
      int inputDims, int channels, int blocks, int kernel, int stride, int vocabularySize) {
    Map<String, Integer> description = new TreeMap<>();
    description.put("inputDims", inputDims);
    description.put("channels", channels);
    description.put("blocks", blocks);
    description.put("kernel", kernel);
    description.put("stride", stride);
    description.put("vocabularySize", vocabularySize);
    return description;
  }
}
