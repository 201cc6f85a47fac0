"""Writes a tiny wav2vec2-style CTC export whose output is known in advance, for DjlOnnxEngineTest.

Usage: python wav2vec2_ctc_fixture.py OUTPUT_FOLDER  (needs the onnx package; scripts/setup.sh installs it)

Like a Hugging Face wav2vec2 export, the model reads the raw waveform input_values [B, T] and an int64
attention_mask [B, T], answers logits [B, T', 32] over wav2vec2-base-960h's vocabulary (vocab.json:
"<pad>" blank, "|" word delimiter, upper-case letters), one frame per 320 samples (20 ms) over a
400-sample window. Instead of a transformer, one convolution over the masked waveform measures each
window's mean: a mean near +0.5 is "A", near -0.5 is "B", near 0 is "|"; every other token is unlikely.
"""
import json
import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

VOCABULARY = ["<pad>", "<s>", "</s>", "<unk>", "|", "E", "T", "A", "O", "N", "I", "H", "S", "R", "D", "L",
              "U", "M", "W", "C", "F", "G", "Y", "P", "B", "V", "K", "'", "X", "J", "Q", "Z"]
WINDOW = 400
STRIDE = 320


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    tokens = len(VOCABULARY)
    weights = np.zeros((tokens, 1, WINDOW), dtype=np.float32)
    bias = np.full(tokens, -10.0, dtype=np.float32)
    # logit = 20 * window mean + bias: A wins above a mean of 0.25, B below -0.25, "|" in between
    weights[VOCABULARY.index("A"), 0, :] = 20.0 / WINDOW
    bias[VOCABULARY.index("A")] = -4.0
    weights[VOCABULARY.index("B"), 0, :] = -20.0 / WINDOW
    bias[VOCABULARY.index("B")] = -4.0
    bias[VOCABULARY.index("|")] = 1.0

    nodes = [
        helper.make_node("Cast", ["attention_mask"], ["mask_float"], to=TensorProto.FLOAT),
        helper.make_node("Mul", ["input_values", "mask_float"], ["masked"]),
        helper.make_node("Unsqueeze", ["masked", "channel_axis"], ["waveform"]),
        helper.make_node("Conv", ["waveform", "weights", "bias"], ["scores"],
                         kernel_shape=[WINDOW], strides=[STRIDE]),
        helper.make_node("Transpose", ["scores"], ["logits"], perm=[0, 2, 1]),
    ]
    graph = helper.make_graph(
        nodes,
        "wav2vec2-style-ctc-fixture",
        [helper.make_tensor_value_info("input_values", TensorProto.FLOAT, ["batch", "samples"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "samples"])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", "frames", tokens])],
        [numpy_helper.from_array(weights, "weights"),
         numpy_helper.from_array(bias, "bias"),
         numpy_helper.from_array(np.array([1], dtype=np.int64), "channel_axis")])
    # ONNX Runtime 1.21 reads IR version 10 and opset 21 at most
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8)
    onnx.checker.check_model(model)
    onnx.save(model, str(folder / "model.onnx"))
    (folder / "vocab.json").write_text(json.dumps({token: i for i, token in enumerate(VOCABULARY)}))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
