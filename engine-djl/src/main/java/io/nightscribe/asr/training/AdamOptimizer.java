package io.nightscribe.asr.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba, 2015) with global gradient-norm clipping, over the trainable parameters of a
 * block. Written here rather than taken from DJL because a checkpoint must hold the moment
 * estimates for a resumed training to continue exactly, and DJL's optimizers do not expose them.
 * Not thread-safe: one training loop uses it.
 */
final class AdamOptimizer {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.98f;
  private static final float EPSILON = 1e-8f;

  private final List<Pair<String, Parameter>> parameters;
  private final List<NDArray> firstMoments = new ArrayList<>();
  private final List<NDArray> secondMoments = new ArrayList<>();

  AdamOptimizer(List<Pair<String, Parameter>> parameters, NDManager manager) {
    this.parameters =
        parameters.stream().filter(pair -> pair.getValue().requiresGradient()).toList();
    for (Pair<String, Parameter> pair : this.parameters) {
      NDArray weight = pair.getValue().getArray();
      firstMoments.add(manager.zeros(weight.getShape()));
      secondMoments.add(manager.zeros(weight.getShape()));
    }
  }

  /**
   * Applies one update from the gradients backward left on the parameters, then clears them.
   *
   * @param step the update's number, from 1 (for the bias correction)
   * @return the gradient norm before clipping
   */
  double update(long step, double learningRate, double clipNorm) {
    double squares = 0;
    for (Pair<String, Parameter> pair : parameters) {
      try (NDArray square = pair.getValue().getArray().getGradient().square();
          NDArray sum = square.sum()) {
        squares += sum.getFloat();
      }
    }
    double norm = Math.sqrt(squares);
    float scale = (float) (norm > clipNorm ? clipNorm / norm : 1);
    float firstCorrection = (float) (1 - Math.pow(BETA1, step));
    float secondCorrection = (float) (1 - Math.pow(BETA2, step));
    for (int i = 0; i < parameters.size(); i++) {
      NDArray weight = parameters.get(i).getValue().getArray();
      NDArray gradient = weight.getGradient();
      NDArray first = firstMoments.get(i);
      NDArray second = secondMoments.get(i);
      try (NDArray clipped = gradient.mul(scale);
          NDArray firstShare = clipped.mul(1 - BETA1);
          NDArray squared = clipped.square()) {
        first.muli(BETA1).addi(firstShare);
        squared.muli(1 - BETA2);
        second.muli(BETA2).addi(squared);
      }
      try (NDArray corrected = second.div(secondCorrection);
          NDArray denominator = corrected.sqrt()) {
        denominator.addi(EPSILON);
        try (NDArray change = first.mul((float) (learningRate / firstCorrection))) {
          change.divi(denominator);
          weight.subi(change);
        }
      }
      gradient.subi(gradient);
    }
    return norm;
  }

  void save(DataOutputStream out) throws IOException {
    out.writeInt(parameters.size());
    for (int i = 0; i < parameters.size(); i++) {
      out.writeUTF(parameters.get(i).getKey());
      writeArray(out, firstMoments.get(i));
      writeArray(out, secondMoments.get(i));
    }
  }

  void load(DataInputStream in, NDManager manager) throws IOException {
    int count = in.readInt();
    if (count != parameters.size()) {
      throw new IOException(
          "optimizer state holds " + count + " parameters, the network " + parameters.size());
    }
    for (int i = 0; i < count; i++) {
      String name = in.readUTF();
      if (!name.equals(parameters.get(i).getKey())) {
        throw new IOException(
            "optimizer state for "
                + name
                + " where "
                + parameters.get(i).getKey()
                + " was expected");
      }
      try (NDArray first = readArray(in, manager);
          NDArray second = readArray(in, manager)) {
        firstMoments.get(i).set(first.toFloatArray());
        secondMoments.get(i).set(second.toFloatArray());
      }
    }
  }

  private static void writeArray(DataOutputStream out, NDArray array) throws IOException {
    byte[] bytes = array.encode();
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static NDArray readArray(DataInputStream in, NDManager manager) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return manager.decode(bytes);
  }
}
