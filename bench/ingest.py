"""Ingest throughput: pressbot's pipeline against the LangChain tutorial and the bare model.

On the same files (all of a folder, or a fixed seeded `--sample N` of it), each in its
own process so that none shares another's peak memory:

- `ours`: `QAService.ingest` into a fresh temporary index, per embedding backend;
- `again`: the same ingest a second time, unchanged (no model may load);
- `tutorial`: RecursiveCharacterTextSplitter(1000, 200) + HuggingFaceEmbeddings +
  `Chroma.from_documents`, as in LangChain's tutorial;
- `bare`: the embedding model alone (`encode`) on the passages pressbot embeds, per backend;
- `bare-workers`: the same passages through pressbot's embedding worker processes
  (`bot.index.embed_workers`), per backend: the model path a large ingest uses.

Source characters per second are the decoded characters of the files over the wall time of
the work (model loading included). Usage:

    python bench/ingest.py --sample 40 --backends torch,onnx --out ingest.json
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's `bot`, not another installed one
SHARED = ROOT.parent / "shared"
FOLDER = SHARED / "raw" / "whitehouse-press-briefings-md"
CACHE = Path.home() / ".cache" / "pressbot"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def children_peak_rss_mb() -> float:
    """The largest peak of this process's finished children (embedding workers)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def sample_files(folder: Path, n: int, seed: int) -> list[Path]:
    """`n` files of `folder` (all when `n` is 0), the same ones for the same seed."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    if n and n < len(files):
        files = sorted(random.Random(seed).sample(files, n))
    return files


# ---- the children ------------------------------------------------------------------
def run_ours(src: Path, index: Path, backend: str, cache: Path) -> dict[str, Any]:
    from bot.config import Settings
    from bot.index.embed_workers import default_workers
    from bot.models import embedder_loaded
    from bot.service import QAService

    started = time.perf_counter()
    service = QAService(Settings(index_dir=index, embedding_backend=backend,  # type: ignore[arg-type]
                                 model_cache_dir=cache))
    report = service.ingest(src)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "files": len(report.files),
            "statuses": sorted({f.status for f in report.files}),
            "passages": sum(f.passages or 0 for f in report.files),
            "model_loaded": embedder_loaded(),
            "torch_imported": "torch" in sys.modules,
            "workers": (service.settings.embed_workers or default_workers())
            if children_peak_rss_mb() else 0}


def run_tutorial(src: Path, index: Path) -> dict[str, Any]:
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_huggingface import HuggingFaceEmbeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from bot.models import embedding_model_path

    started = time.perf_counter()
    docs = [Document(page_content=p.read_text(encoding="utf-8", errors="replace"),
                     metadata={"source": p.name}) for p in sorted(src.iterdir())]
    chunks = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200) \
        .split_documents(docs)
    embeddings = HuggingFaceEmbeddings(model_name=embedding_model_path())
    Chroma.from_documents(chunks, embeddings, persist_directory=str(index))
    return {"seconds": time.perf_counter() - started, "chunks": len(chunks)}


def passage_texts(src: Path) -> list[str]:
    """What pressbot embeds of the files: every passage, and each title."""
    from bot.ingest.parse import parse_transcript
    from bot.ingest.passages import split_passages
    from bot.ingest.pipeline import embedding_text, read_text_bytes

    texts: list[str] = []
    for path in sorted(src.iterdir()):
        doc = parse_transcript(read_text_bytes(path.read_bytes(), path.name, 1 << 30, path),
                               path.name, path.name)
        texts += [embedding_text(p) for p in split_passages(doc, 700)] + [doc.title or path.name]
    return texts


def run_bare(src: Path, backend: str, cache: Path) -> dict[str, Any]:
    from bot.index.embeddings import PackagedEmbeddings

    texts = passage_texts(src)
    started = time.perf_counter()
    embeddings = PackagedEmbeddings(0, backend, cache)  # type: ignore[arg-type]
    embeddings.embed_array(texts[:1])  # load the model
    loaded = time.perf_counter()
    embeddings.embed_array(texts)
    done = time.perf_counter()
    return {"seconds": done - started, "encode_seconds": done - loaded, "texts": len(texts)}


def run_bare_workers(src: Path, backend: str, cache: Path) -> dict[str, Any]:
    from bot.index.embed_workers import EmbeddingPool, default_workers

    texts = passage_texts(src)
    started = time.perf_counter()
    pool = EmbeddingPool(default_workers(), 0, backend, cache)  # type: ignore[arg-type]
    pool.submit(texts[:default_workers()]).result()  # start the workers, load the model
    loaded = time.perf_counter()
    pool.submit(texts).result()
    done = time.perf_counter()
    pool.close()
    return {"seconds": done - started, "encode_seconds": done - loaded, "texts": len(texts),
            "workers": default_workers()}


def child(args: argparse.Namespace) -> None:
    src, index, cache = Path(args.src), Path(args.index), Path(args.cache)
    if args.child == "export":
        from bot.models import onnx_model_file

        onnx_model_file(args.backend, cache)  # type: ignore[arg-type]
        print(json.dumps({}))
        return
    if args.child in ("ours", "again"):
        result = run_ours(src, index, args.backend, cache)
    elif args.child == "tutorial":
        result = run_tutorial(src, index)
    elif args.child == "bare-workers":
        result = run_bare_workers(src, args.backend, cache)
    else:
        result = run_bare(src, args.backend, cache)
    result["peak_rss_mb"] = round(peak_rss_mb(), 1)
    result["workers_peak_rss_mb"] = round(children_peak_rss_mb(), 1)
    print(json.dumps(result))


# ---- the parent ------------------------------------------------------------------------
def spawn(mode: str, src: Path, index: Path, cache: Path, backend: str = "torch") -> dict:
    command = [sys.executable, __file__, "--child", mode, "--src", str(src), "--index",
               str(index), "--cache", str(cache), "--backend", backend]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{mode} ({backend}) failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"{mode:8} {backend:5} {json.dumps(result)}", file=sys.stderr, flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folder", type=Path, default=FOLDER)
    parser.add_argument("--sample", type=int, default=0, help="this many files (0: all)")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--backends", default="torch,onnx",
                        help="comma-separated embedding backends for ours and bare")
    parser.add_argument("--no-tutorial", action="store_true")
    parser.add_argument("--cache", type=Path, default=CACHE, help="ONNX exports of the model")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--keep-index", type=Path,
                        help="move pressbot's index (of the first backend) here afterwards, "
                             "e.g. for bench/archive_eval.py --index")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--src", help=argparse.SUPPRESS)
    parser.add_argument("--index", help=argparse.SUPPRESS)
    parser.add_argument("--backend", default="torch", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    if not args.folder.is_dir():
        raise SystemExit(f"{args.folder}: no such folder")
    files = sample_files(args.folder, args.sample, args.seed)
    chars = sum(len(p.read_text(encoding="utf-8", errors="replace")) for p in files)
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    for backend in backends:  # export once, outside the timings, in a process of its own:
        if backend != "torch":  # a child inherits its parent's peak memory as its own floor
            spawn("export", args.folder, args.cache, args.cache, backend)
    work = Path(tempfile.mkdtemp(prefix="pressbot-bench-"))
    try:
        src = work / "src"
        src.mkdir()
        for p in files:
            shutil.copy2(p, src / p.name)
        results: dict[str, Any] = {"folder": str(args.folder), "files": len(files),
                                   "source_chars": chars, "seed": args.seed, "runs": {}}
        runs = results["runs"]
        for backend in backends:
            index = work / f"ours-{backend}"
            runs[f"ours/{backend}"] = spawn("ours", src, index, args.cache, backend)
            runs[f"again/{backend}"] = spawn("again", src, index, args.cache, backend)
            runs[f"bare/{backend}"] = spawn("bare", src, index, args.cache, backend)
            runs[f"bare-workers/{backend}"] = spawn("bare-workers", src, index, args.cache,
                                                    backend)
        if not args.no_tutorial:  # last: the slowest, and ours is what is being measured
            runs["tutorial"] = spawn("tutorial", src, work / "tutorial", args.cache)
        for run in runs.values():
            run["chars_per_s"] = round(chars / run["seconds"], 1)
        results["summary"] = summarise(runs, backends)
        if args.keep_index:
            shutil.move(str(work / f"ours-{backends[0]}"), args.keep_index)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = json.dumps(results, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")


def summarise(runs: dict[str, dict], backends: list[str]) -> dict[str, Any]:
    """The issue's goals, per backend."""
    out: dict[str, Any] = {}
    tutorial = runs.get("tutorial")
    for b in backends:
        ours, again, bare = runs[f"ours/{b}"], runs[f"again/{b}"], runs[f"bare/{b}"]
        out[b] = {
            "vs_tutorial": round(ours["chars_per_s"] / tutorial["chars_per_s"], 2)
            if tutorial else None,
            "overhead_vs_bare": round(ours["seconds"] / bare["seconds"] - 1, 3),
            "peak_rss_mb": ours["peak_rss_mb"],
            "workers_peak_rss_mb": ours["workers_peak_rss_mb"],
            # at most this much at once: the ingesting process and each worker at its peak
            "all_processes_peak_mb_at_most": round(
                ours["peak_rss_mb"] + ours.get("workers", 0) * ours["workers_peak_rss_mb"], 1),
            "again_seconds": round(again["seconds"], 2),
            "again_loaded_model": again["model_loaded"],
        }
        if f"bare-workers/{b}" in runs:
            pooled = runs[f"bare-workers/{b}"]
            out[b]["overhead_vs_bare_workers"] = round(ours["seconds"] / pooled["seconds"] - 1, 3)
    return out


if __name__ == "__main__":
    main()
