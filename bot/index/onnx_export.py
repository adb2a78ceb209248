"""Export the packaged sentence-transformers model to ONNX, and quantise it to int8.

Offline: the weights come from the installed package; torch exports, onnxruntime
quantises. Used once per machine by `bot.models.onnx_model_file`, which caches the files.
"""

from __future__ import annotations

from pathlib import Path

INPUTS = ("input_ids", "attention_mask", "token_type_ids")
OUTPUT = "last_hidden_state"


def export_fp32(model_dir: str, target: Path) -> None:
    """The transformer of `model_dir` as ONNX (opset 17), dynamic batch and length."""
    import torch
    from transformers import AutoModel

    class _Encoder(torch.nn.Module):
        def __init__(self, model: torch.nn.Module) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                    token_type_ids: torch.Tensor) -> torch.Tensor:
            return self.model(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    encoder = _Encoder(AutoModel.from_pretrained(model_dir)).eval()
    sample = torch.ones(2, 16, dtype=torch.long)
    axes = {name: {0: "batch", 1: "sequence"} for name in (*INPUTS, OUTPUT)}
    with torch.no_grad():
        torch.onnx.export(encoder, (sample, sample, torch.zeros_like(sample)), str(target),
                          input_names=list(INPUTS), output_names=[OUTPUT], dynamic_axes=axes,
                          opset_version=17, dynamo=False)


def quantize_int8(source: Path, target: Path, feed_forward: bool = False) -> None:
    """Dynamic int8 quantisation of the attention's weight MatMuls, per output channel, and
    with `feed_forward` of the feed-forward ones too.

    Without them the vectors are fp32's to a mean cosine of 0.997; with them 0.990 (0.95 at
    worst over 1,500 briefing passages), for about 1.4× the speed on an AVX2 CPU. onnxruntime
    quantises activations per tensor, and MiniLM's have outlier channels: neither smoothing
    them into the weights (SmoothQuant), nor 7-bit weights, nor per-token scales did better.
    """
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    excluded = [] if feed_forward else [
        node.name for node in onnx.load(str(source)).graph.node
        if node.op_type == "MatMul" and ("/intermediate/" in node.name or (
            "/output/dense/" in node.name and "/attention/" not in node.name))]
    quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8,
                     per_channel=True, op_types_to_quantize=["MatMul"],
                     nodes_to_exclude=excluded)
