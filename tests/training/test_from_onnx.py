"""Training goes on from a shipped int8 ONNX reader: its weights come back under the torch
names, within one int8 step of the weights that were exported."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from transformers import BertConfig, BertForQuestionAnswering

from training.export import INT8_FILE, export_reader
from training.from_onnx import load_into, state_dict_from_onnx


def _tiny(seed: int = 0) -> BertForQuestionAnswering:
    """A small BERT reader whose every weight differs (as a trained one's do: the exporter
    folds identical tensors, such as freshly initialised zero biases, into one)."""
    torch.manual_seed(seed)
    config = BertConfig(vocab_size=300, hidden_size=32, num_hidden_layers=2,
                        num_attention_heads=2, intermediate_size=64, max_position_embeddings=64)
    model = BertForQuestionAnswering(config)
    with torch.no_grad():
        for p in model.parameters():
            p.normal_(0.0, 0.2)
    return model


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[BertForQuestionAnswering, Path]:
    model = _tiny()
    out = tmp_path_factory.mktemp("onnx")
    export_reader(model, out, 32)
    return model, out / INT8_FILE


def test_every_weight_comes_back_within_an_int8_step(
        exported: tuple[BertForQuestionAnswering, Path]) -> None:
    model, path = exported
    weights = state_dict_from_onnx(path)
    own = {k: v.numpy() for k, v in model.state_dict().items() if not k.endswith("position_ids")}
    assert set(weights) == set(own)
    for name, value in own.items():
        back = weights[name]
        assert back.shape == value.shape, name
        step = np.abs(value).max() / 127 + 1e-8  # per tensor: a bound on per-channel steps
        assert np.abs(back - value).max() <= step, name


def test_load_into_a_fresh_model_gives_the_same_answers(
        exported: tuple[BertForQuestionAnswering, Path]) -> None:
    model, path = exported
    fresh = _tiny(seed=1)
    load_into(fresh, path)
    ids = torch.randint(1, 300, (2, 20))
    with torch.no_grad():
        a, b = model.eval()(input_ids=ids), fresh.eval()(input_ids=ids)
    assert torch.equal(a.start_logits.argmax(-1), b.start_logits.argmax(-1))
    assert torch.allclose(a.end_logits, b.end_logits, atol=0.05)


def test_a_file_of_another_shape_is_refused_with_its_name(
        exported: tuple[BertForQuestionAnswering, Path]) -> None:
    _, path = exported
    other = BertForQuestionAnswering(BertConfig(
        vocab_size=300, hidden_size=48, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=64, max_position_embeddings=64))
    with pytest.raises(ValueError, match=str(path.name)):
        load_into(other, path)
