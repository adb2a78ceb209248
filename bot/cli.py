"""`pressbot`: ingest | ask | eval | serve. Thin: parses arguments, calls QAService."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bot.config import Settings
from bot.errors import LLMNotConfiguredError, PressbotError
from bot.schema import MODES, Filters, IngestFileResult

err = Console(stderr=True)


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {"index_dir": Path(args.index)} if args.index else {}
    return Settings(**overrides)  # type: ignore[arg-type]


def _service(args: argparse.Namespace):
    from bot.service import QAService

    return QAService(_settings(args))


def cmd_ingest(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if not path.exists():
        err.print(f"[red]error:[/] {path}: no such file or folder")
        return 2
    if args.explain:
        return _explain_layout(path, _settings(args))

    def show(result: IngestFileResult) -> None:
        colour = {"indexed": "green", "unchanged": "dim", "duplicate": "yellow",
                  "failed": "red"}[result.status]
        detail = f"{result.passages} passages" if result.status == "indexed" else (
            result.reason or "")
        err.print(f"[{colour}]{result.status:9}[/] {result.path}  {detail}")

    if args.server:
        if args.prune:
            err.print("[red]error:[/] --prune works on a local index only, not with --server")
            return 2
        from bot.api.client import upload_path

        settings = _settings(args)
        key = args.api_key or (settings.api_key.get_secret_value() if settings.api_key else None)
        report = upload_path(args.server, path, key, on_file=show)
    else:
        from bot.ingest.progress import IngestProgress

        with IngestProgress(path, err, show) as progress:
            report = _service(args).ingest(path, prune=args.prune, on_file=progress)
    counts = {s: sum(f.status == s for f in report.files)
              for s in ("indexed", "unchanged", "duplicate", "failed")}
    err.print(", ".join(f"{n} {s}" for s, n in counts.items()))
    if not report.files:
        err.print(f"[red]error:[/] {path}: no transcript files (.txt, .md) found")
        return 2
    if counts["failed"] == len(report.files):
        return 2
    return 1 if counts["failed"] else 0


def _explain_layout(path: Path, settings: Settings) -> int:
    from bot.ingest.explain import explain_file, render

    if not path.is_file():
        err.print(f"[red]error:[/] {path}: --explain reads one file, not a folder")
        return 2
    max_bytes = int(settings.max_file_mb * 1024 * 1024)
    sys.stdout.write(render(explain_file(path, max_bytes)) + "\n")
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    service = _service(args)
    filters = Filters(date_from=args.date_from, date_to=args.date_to, source=args.source,
                      speaker=args.speaker)
    if args.explain:
        trace = service.explain(args.question, filters if filters != Filters() else None)
        sys.stdout.write(trace.model_dump_json(indent=2) + "\n")
        return 0
    answer = service.ask(args.question, filters if filters != Filters() else None,
                         mode=args.mode)
    if args.json:
        sys.stdout.write(answer.model_dump_json(indent=2) + "\n")
        return 0
    out = Console()
    if answer.note:
        out.print(f"[yellow]{answer.note}[/]")
    if not answer.answered:
        out.print(f"[yellow]Not in the transcripts.[/] {answer.reason or ''}")
        return 0
    out.print(f"[bold]{answer.answer}[/]")
    for c in answer.citations:
        who = c.speaker or "unknown speaker"
        out.print(f"[{c.n}] “{c.quote}”\n    — {who}, {c.date or 'undated'}, {c.doc_id}")
    for o in answer.others:
        out.print(f"  also: {o.answer} ({o.date}, {o.citation.doc_id})")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from bot.evaluate import evaluate, load_questions, write_report

    questions = load_questions(Path(args.questions))
    service = _service(args)
    if args.mode == "generative" and not service.llm_configured:
        raise LLMNotConfiguredError()
    service.warm_up()
    report = evaluate(questions, lambda q: service.ask(q, mode=args.mode))
    if args.out:
        write_report(report, Path(args.out))
    table = Table(title=f"pressbot eval: {args.questions}")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, value in report.summary.model_dump(exclude_none=True).items():
        table.add_row(key, f"{value:.3f}" if isinstance(value, float) else str(value))
    Console().print(table)
    if args.show:
        for r in report.results:
            mark = "ok " if r.correct else ("REF" if not r.answer.answered else "BAD")
            grounding = r.answer.grounding
            checked = "" if grounding is None else (
                " [grounded]" if grounding.ok else f" [unsupported: {grounding.unsupported}]")
            Console().print(f"{mark} {'c' if r.cited else '-'} {r.id}: {r.answer.answer!r}"
                            f"{checked}", markup=False)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from bot.app import run

    run(host=args.host, port=args.port, settings=_settings(args))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pressbot", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log more to stderr")
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_)
        p.add_argument("--index", default=None,
                       help="index folder (env PRESSBOT_INDEX_DIR; default index/)")
        return p

    p = add("ingest", "index a folder or file of transcripts")
    p.add_argument("path")
    p.add_argument("--prune", action="store_true", help="drop documents whose files are gone")
    p.add_argument("--server", metavar="URL",
                   help="send the files to a running `pressbot serve` at URL instead")
    p.add_argument("--api-key", dest="api_key",
                   help="the key for --server (env PRESSBOT_API_KEY)")
    p.add_argument("--explain", action="store_true",
                   help="index nothing: print what the parser finds in the file (title, date, "
                        "source, layout, speakers with their turns and roles, dropped lines)")
    p.set_defaults(func=cmd_ingest)

    p = add("ask", "ask a question")
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="print the Answer as JSON on stdout")
    p.add_argument("--explain", action="store_true",
                   help="print each stage's output as JSON: the documents searched, the "
                        "passages retrieved, the reader's span and margin in each, the answer")
    p.add_argument("--date-from", dest="date_from")
    p.add_argument("--date-to", dest="date_to")
    p.add_argument("--source")
    p.add_argument("--speaker")
    p.add_argument("--mode", choices=MODES, default="extractive",
                   help="generative: the configured LLM writes the answer (PRESSBOT_LLM_*)")
    p.set_defaults(func=cmd_ask)

    p = add("eval", "score answers to a questions file (eval/dev.jsonl format)")
    p.add_argument("questions")
    p.add_argument("--out", help="write per-question results as JSON")
    p.add_argument("--show", action="store_true", help="print each question's result")
    p.add_argument("--mode", choices=MODES, default="extractive",
                   help="generative: score the configured LLM's answers, and report the share "
                        "that failed the grounding check")
    p.set_defaults(func=cmd_eval)

    p = add("serve", "run the web app: UI at /, REST API at /api/v1")
    p.add_argument("--host", default=None, help="env PRESSBOT_HOST; default 127.0.0.1")
    p.add_argument("--port", type=int, default=None, help="env PRESSBOT_PORT; default 7860")
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args))
    except PressbotError as exc:
        err.print(f"[red]error:[/] {exc}")
        return 2
    except ValueError as exc:
        err.print(f"[red]error:[/] {exc}")
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
