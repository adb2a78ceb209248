"""The trained reader as ONNX for onnxruntime: fp32 export, then int8 weights."""

from __future__ import annotations

from pathlib import Path

INPUTS = ("input_ids", "attention_mask", "token_type_ids")
OUTPUTS = ("start_logits", "end_logits")
FP32_FILE = "reader-fp32.onnx"
# the wrapper below holds the model as `qa`: every exported weight's name starts so
# (training/from_onnx.py reads them back by it)
WEIGHT_PREFIX = "qa."
INT8_FILE = "reader-int8.onnx"


def export_reader(model, out: Path, length: int) -> None:
    """Write `reader-int8.onnx` into `out` (and the fp32 export beside it, which is not
    shipped: `models/reader/.gitignore`)."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    class _Reader(torch.nn.Module):
        def __init__(self, qa: torch.nn.Module) -> None:
            super().__init__()
            self.qa = qa

        def forward(self, input_ids, attention_mask, token_type_ids):
            result = self.qa(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids)
            return result.start_logits, result.end_logits

    reader = _Reader(model.float().eval())
    sample = torch.ones(2, min(length, 32), dtype=torch.long)
    axes = {name: {0: "batch", 1: "sequence"} for name in INPUTS}
    axes.update({name: {0: "batch", 1: "sequence"} for name in OUTPUTS})
    fp32 = out / FP32_FILE
    with torch.no_grad():
        torch.onnx.export(reader, (sample, sample, torch.zeros_like(sample)), str(fp32),
                          input_names=list(INPUTS), output_names=list(OUTPUTS),
                          dynamic_axes=axes, opset_version=17, dynamo=False)
    quantize_dynamic(str(fp32), str(out / INT8_FILE), weight_type=QuantType.QInt8,
                     per_channel=True, op_types_to_quantize=["MatMul", "Gather"])
