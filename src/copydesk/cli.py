"""The ``copydesk`` command: thin wrappers around ``copydesk.pipeline``.

Data goes to stdout (or ``-o FILE``), logs and progress to stderr. Exit codes: 0 success,
1 the check found problems, 2 bad usage or input (in a batch: an item that failed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import IO

from copydesk import batch, pipeline
from copydesk.batch.items import Kind
from copydesk.batch.progress import Mode, Progress
from copydesk.config import Settings, load_settings
from copydesk.errors import CopydeskError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad command-line usage; exits with code 2."""


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) <= 0:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return int(value)


@contextmanager
def _output(path: str | None) -> Iterator[IO[str]]:
    """Stdout, or a file written under a temporary name and renamed into place on success.

    An existing file at ``path`` is never half-overwritten; when the run fails midway, what was
    written so far is kept as ``path.partial``.
    """
    if path is None or path == "-":
        yield sys.stdout
        return
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".copydesk-", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            yield f
        os.replace(tmp, path)
    except BaseException:
        if os.path.getsize(tmp):
            os.replace(tmp, path + ".partial")
            print(f"copydesk: kept the output written so far in {path}.partial", file=sys.stderr)
        else:
            os.unlink(tmp)
        raise


def _progress_mode(a: argparse.Namespace) -> Mode:
    """How a batch shows its progress on stderr: --quiet, --progress-json, a bar on a terminal,
    else a line now and then."""
    if getattr(a, "quiet", False):
        return "quiet"
    if getattr(a, "progress_json", False):
        return "json"
    return "bar" if sys.stderr.isatty() else "lines"


def _batch_exit(errors: int, flagged: int) -> int:
    """2 when an item failed, else 1 when an audit found an item not consistent, else 0."""
    if errors:
        return EXIT_USAGE
    return EXIT_FINDINGS if flagged else EXIT_OK


def _batch_alias(a: argparse.Namespace, settings: Settings, kind: Kind, source: str) -> int:
    """``analyse x.jsonl`` and ``check --pairs``: a batch in this process, rows in input order,
    the output file replaced only when the run completes (as for a single article)."""
    stats = batch.Stats()
    items = batch.Input(source, kind=kind, settings=settings)
    options = batch.Options(published=getattr(a, "published", None))
    results = batch.run(
        kind, items, engine="inline", ordered=True, settings=settings, options=options, stats=stats
    )
    mode = _progress_mode(a)
    report = Progress(kind, stats, total=lambda: items.total, mode=mode)
    with _output(a.output) as f, report:
        for result in results:
            f.write(result.line + "\n")
            f.flush()
            report.update()
    report.summary()
    return _batch_exit(stats.errors, stats.flagged)


def cmd_analyse(a: argparse.Namespace, settings: Settings) -> int:
    if pipeline.is_batch(a.input):
        return _batch_alias(a, settings, "analyse", a.input)
    from copydesk.report import render_analysis

    analysis = pipeline.analyse(
        pipeline.read(a.input, settings=settings), published=a.published, settings=settings
    )
    with _output(a.output) as f:
        f.write(render_analysis(analysis, a.format or "json"))
    return EXIT_OK


def cmd_check(a: argparse.Namespace, settings: Settings) -> int:
    if a.pairs:
        if a.source or a.derived:
            raise UsageError("give either SOURCE DERIVED or --pairs FILE, not both")
        return _batch_alias(a, settings, "check", a.pairs)
    if not (a.source and a.derived):
        raise UsageError("check needs SOURCE and DERIVED (or --pairs FILE)")
    if a.source == "-" and a.derived == "-":
        raise UsageError("only one of SOURCE and DERIVED can be read from stdin")
    from copydesk.report import render_audit

    audit = pipeline.check(
        pipeline.read(a.source, settings=settings),
        pipeline.read(a.derived, settings=settings),
        published=a.published,
        settings=settings,
    )
    fmt = a.format or "text"
    color = fmt == "text" and a.output in (None, "-") and sys.stdout.isatty()
    with _output(a.output) as f:
        f.write(render_audit(audit, fmt, color=color))
    return EXIT_OK if audit.consistent else EXIT_FINDINGS


def cmd_interview(a: argparse.Namespace, settings: Settings) -> int:
    from copydesk.report import render_interview

    llm = None
    if a.llm:
        if not a.model:
            raise UsageError("--llm needs --model NAME")
        from copydesk.generate.llm import ChatClient

        llm = ChatClient(a.llm, a.model, timeout_s=settings.llm_timeout_s)
    result = pipeline.interview(
        pipeline.read(a.article, settings=settings),
        outlet=a.outlet,
        guest=a.guest,
        turns=a.turns,
        focus=a.focus,
        published=a.published,
        llm=llm,
        settings=settings,
    )
    for w in result.warnings:
        print(f"warning: {w}", file=sys.stderr)
    with _output(a.output) as f:
        f.write(render_interview(result, a.format or "text"))
    return EXIT_OK


def cmd_batch(a: argparse.Namespace, settings: Settings) -> int:
    if a.engine != "ray" and a.ray_address:
        raise UsageError("--ray-address goes with --engine ray")
    options = batch.Options(
        published=a.published, outlet=a.outlet, guest=a.guest, turns=a.turns, focus=a.focus
    )
    stats = batch.run_to_file(
        a.kind,
        a.input,
        a.output,
        resume=a.resume,
        workers=a.workers or _cpus(),
        engine=a.engine,
        ray_address=a.ray_address,
        ordered=a.ordered,
        settings=settings,
        options=options,
        progress=_progress_mode(a),
    )
    return _batch_exit(stats.errors, stats.flagged)


def _cpus() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def cmd_serve(a: argparse.Namespace, settings: Settings) -> int:
    import dataclasses

    from copydesk.serve import ServeOptions
    from copydesk.serve.server import bind, serve

    overrides = {"serve_workers": a.workers, "serve_job_timeout_s": a.job_timeout}
    settings = dataclasses.replace(settings, **{k: v for k, v in overrides.items() if v is not None})
    options = ServeOptions.build(
        settings,
        host=a.host,
        port=a.port,
        token=a.token or os.environ.get("COPYDESK_TOKEN"),
        db=a.db,
        allowed_hosts=tuple(a.allow_host),
        cors_origins=tuple(a.cors_origin),
    )
    try:
        sock = bind(options.host, options.port)
    except OSError as e:
        raise UsageError(f"cannot listen on {a.host}:{a.port}: {e.strerror or e}") from None
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    print(
        f"copydesk: serving on http://{shown}:{port}/ with {settings.serve_workers} worker(s), "
        f"results in {options.db} (Ctrl-C stops; /api/ready says when the models are loaded)",
        file=sys.stderr,
        flush=True,
    )
    serve(options, sock)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="copydesk",
        description="Analyse news articles, generate grounded interviews from them, and audit derived texts.",
    )
    p.add_argument("--config", help="TOML settings file (a [copydesk] table)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sp: argparse.ArgumentParser, formats: Sequence[str]) -> None:
        sp.add_argument("-o", "--output", help="write here instead of stdout")
        sp.add_argument("--format", choices=formats, help=f"output format (default {formats[0]})")
        sp.add_argument("--published", type=_date, help="publication date YYYY-MM-DD for relative dates")

    an = sub.add_parser("analyse", aliases=["analyze"], help="find actors, who said what, and dates")
    an.add_argument("input", help="article: .txt, .html, .jsonl batch, or - for stdin")
    common(an, ("json", "md", "text"))
    an.set_defaults(run=cmd_analyse)

    ch = sub.add_parser("check", help="audit a derived text against its source, claim by claim")
    ch.add_argument("source", nargs="?", help="source article (file or -)")
    ch.add_argument("derived", nargs="?", help="derived text: summary, rewrite or interview (file or -)")
    ch.add_argument("--pairs", help='JSONL of {"id", "source", "derived"} rows; writes JSONL')
    common(ch, ("text", "json", "md", "html"))
    ch.set_defaults(run=cmd_check)

    iv = sub.add_parser("interview", help="generate a grounded editor-guest interview from an article")
    iv.add_argument("article", help="article: .txt, .html or - for stdin")
    iv.add_argument("--outlet", help="outlet name used for the editor")
    iv.add_argument("--guest", help="guest label (never a fabricated biography)")
    iv.add_argument("--turns", type=_positive, help="number of question-answer pairs")
    iv.add_argument("--focus", help="prefer statements about this topic")
    iv.add_argument("--llm", metavar="URL", help="OpenAI-compatible server for more natural phrasing")
    iv.add_argument("--model", help="model name on the --llm server")
    common(iv, ("text", "md", "json", "html"))
    iv.set_defaults(run=cmd_interview)

    bt = sub.add_parser(
        "batch",
        help="analyse, check or interview many items on several cores or a Ray cluster, resumably",
        description="Runs a batch into a JSONL file, one row per item with its id, appended as each "
        "item is done; an item that fails becomes an {id, error} row. Progress goes to stderr.",
    )
    bt.add_argument("kind", choices=batch.KINDS, help="what to do with each item")
    bt.add_argument(
        "input",
        help="JSONL file (gzip or zstd too; - for stdin), or a directory or quoted glob of .txt/.html/.json "
        "files (the id is the relative path); check reads {id, source, derived, published?} rows",
    )
    bt.add_argument("-o", "--output", help="the JSONL output (default stdout)")
    bt.add_argument("--workers", type=_positive, help="worker processes or Ray actors (default: the cores)")
    bt.add_argument("--engine", choices=("local", "ray"), default="local", help="local processes or Ray")
    bt.add_argument("--ray-address", help="a running Ray cluster (e.g. 127.0.0.1:6379 or auto)")
    bt.add_argument("--resume", action="store_true", help="go on with OUTPUT: skip the ids already in it")
    bt.add_argument("--ordered", action="store_true", help="write rows in input order")
    shown = bt.add_mutually_exclusive_group()
    shown.add_argument("--quiet", action="store_true", help="no progress and no summary on stderr")
    shown.add_argument("--progress-json", action="store_true", help="progress as JSON lines on stderr")
    bt.add_argument("--published", type=_date, help="analyse: publication date of articles that give none")
    bt.add_argument("--outlet", help="interview: outlet name used for the editor")
    bt.add_argument("--guest", help="interview: guest label")
    bt.add_argument("--turns", type=_positive, help="interview: number of question-answer pairs")
    bt.add_argument("--focus", help="interview: prefer statements about this topic")
    bt.set_defaults(run=cmd_batch)

    sv = sub.add_parser("serve", help="HTTP API and review page")
    sv.add_argument("--host", default="127.0.0.1", help="address (default 127.0.0.1; others need a token)")
    sv.add_argument("--port", type=int, default=8000, help="port (0 picks a free one)")
    sv.add_argument("--workers", type=_positive, help="worker processes, each with its own models")
    sv.add_argument("--token", help="require Authorization: Bearer TOKEN (default $COPYDESK_TOKEN)")
    sv.add_argument("--db", help="sqlite:///PATH or postgresql://... (default: SQLite in your data dir)")
    sv.add_argument("--allow-host", action="append", default=[], metavar="NAME", help="also answer this Host")
    sv.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN", help="allow this origin")
    sv.add_argument("--job-timeout", type=float, metavar="SECONDS", help="time limit of one job")
    sv.set_defaults(run=cmd_serve)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    a = parser.parse_args(argv)
    try:
        settings = load_settings(a.config)
        code: int = a.run(a, settings)
        return code
    except UsageError as e:
        parser.error(str(e))
    except CopydeskError as e:
        print(f"copydesk: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("copydesk: interrupted", file=sys.stderr)
        return 130
    return EXIT_USAGE  # parser.error exits; this line satisfies the type checker


if __name__ == "__main__":
    sys.exit(main())
