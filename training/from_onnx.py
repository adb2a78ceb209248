"""The shipped int8 ONNX reader back as torch weights, so that training can go on from it.

The shipped model is the only checkpoint the repository keeps (its fp32 weights are not
committed: `models/reader/.gitignore`). onnxruntime's dynamic quantisation keeps every
bias, LayerNorm and the embeddings' scales under their torch names, and each weight as
int8 with per-channel scales; a MatMul's weight is named by the bias added to its output.
De-quantised, the weights are within one int8 step of the trained ones: a second epoch
started from them costs nothing to ship and needs no extra file in the repository.
`git show COMMIT:models/reader/reader-int8.onnx` gives any earlier shipped model.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from training.export import WEIGHT_PREFIX as PREFIX


def _dequantised(inits: dict[str, np.ndarray], name: str, axis: int) -> np.ndarray:
    """`name_quantized` with its `_scale` and `_zero_point`, as float32: one scale, or one
    per index of `axis` (a MatMul weight's output channels, its last axis)."""
    q = inits[f"{name}_quantized"].astype(np.float32)
    scale = inits[f"{name}_scale"].astype(np.float32)
    zero = inits[f"{name}_zero_point"].astype(np.float32)
    if scale.ndim == 0 or scale.size == 1:
        return (q - zero.reshape(())) * scale.reshape(())
    shape = [1] * q.ndim
    shape[axis] = -1
    return (q - zero.reshape(shape)) * scale.reshape(shape)


def state_dict_from_onnx(path: Path) -> dict[str, np.ndarray]:
    """The reader's weights under the names of transformers' BertForQuestionAnswering."""
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(path))
    graph = model.graph
    inits = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    consumers: dict[str, list] = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    out: dict[str, np.ndarray] = {}
    for name, value in inits.items():
        if name.startswith(PREFIX) and not name.endswith(("_quantized", "_scale", "_zero_point")):
            out[name[len(PREFIX):]] = value.astype(np.float32)
    for name in inits:  # embedding tables (Gather) keep their names
        if name.startswith(PREFIX) and name.endswith("_quantized"):
            base = name[:-len("_quantized")]
            out[base[len(PREFIX):]] = _dequantised(inits, base, axis=0)
    for node in graph.node:
        if node.op_type != "MatMulInteger" or not node.input[1].endswith("_quantized"):
            continue
        base = node.input[1][:-len("_quantized")]
        bias = _bias_after(node, consumers, inits)
        if bias is None:
            raise ValueError(f"{path}: no bias follows the MatMul of {base}")
        weight = _dequantised(inits, base, axis=1).T.copy()  # MatMul's (in, out): Linear's
        out[bias[len(PREFIX):-len(".bias")] + ".weight"] = weight
    return out


def _bias_after(node, consumers: dict[str, list], inits: dict[str, np.ndarray]) -> str | None:
    """The first `*.bias` initializer added downstream of `node` (a few steps at most)."""
    frontier = [node]
    for _ in range(6):
        following = [c for n in frontier for o in n.output for c in consumers.get(o, [])]
        for c in following:
            if c.op_type == "Add":
                names = [i for i in c.input if i in inits and i.endswith(".bias")]
                if names:
                    return names[0]
        frontier = following
    return None


def load_into(model, path: Path) -> None:
    """Load the ONNX reader's weights into a transformers QA model; every parameter must
    be found (a missing or unexpected one raises, naming it)."""
    import torch

    weights = {k: torch.from_numpy(v) for k, v in state_dict_from_onnx(path).items()}
    own = model.state_dict()
    missing = [k for k in own if k not in weights and not k.endswith("position_ids")]
    unexpected = [k for k in weights if k not in own]
    if missing or unexpected:
        raise ValueError(f"{path}: weights missing {missing[:5]}, unexpected {unexpected[:5]}")
    for k, v in weights.items():
        if tuple(v.shape) != tuple(own[k].shape):
            raise ValueError(f"{path}: {k} has shape {tuple(v.shape)}, "
                             f"the model {tuple(own[k].shape)}")
    model.load_state_dict(weights, strict=False)
