"""The ``govrules`` command line: ``check`` and ``eval``.

Exit codes (DESIGN.md): 0 success; 1 when ``--fail-on`` matches a verdict; 2 for bad input of
any kind (broken policy, bad facts file, missing file), reported on one screen with the file,
line and column — never a Python traceback. An internal error (a bug in govrules) exits 3 with a
short message; set ``GOVRULES_DEBUG=1`` to see the traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import TextIO

__all__ = ["main", "run"]

EXIT_OK = 0
EXIT_FAIL_ON = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3

_STATUSES = ("compliant", "non_compliant", "unknown", "not_applicable", "conflict")
_FINDINGS = ("violation", "advisory")


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    p = argparse.ArgumentParser(
        prog="govrules",
        description="Check Thai public-sector governance policies and evaluate agencies "
        "against them, with verdicts traceable to the clause of law.",
    )
    p.add_argument("--version", action="version", version=f"govrules {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    c = sub.add_parser("check", help="parse and check policy files or folders",
                       description="Parse and check policy files or folders; print every "
                       "diagnostic. Exit 0 when clean (warnings allowed), 2 on errors.")
    c.add_argument("paths", nargs="+", metavar="PATH", help="a .pol file or a folder of them")
    c.add_argument("--format", choices=("text", "json"), default="text",
                   help="diagnostics as text (default) or JSON for editors and CI")
    c.add_argument("--lang", choices=("en", "th"), default="en",
                   help="language of messages and hints (default: en)")

    e = sub.add_parser("eval", help="evaluate fact files against policies",
                       description="Evaluate one or more agency fact files (YAML, JSON or TOML) "
                       "against a policy set and print a verdict report for each.")
    e.add_argument("policies", metavar="POLICIES", help="a .pol file or a folder of them")
    e.add_argument("facts", nargs="+", metavar="FACTS", help="facts files (.yaml, .json, .toml)")
    e.add_argument("--format", choices=("text", "json", "markdown", "html"), default="text",
                   help="report format (default: text); html is a self-contained audit report")
    e.add_argument("--lang", choices=("en", "th"), default="en",
                   help="language of every label, title and explanation, and of the "
                   "messages of a bad facts file (default: en)")
    e.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help="colour the text report: auto (default) colours a terminal unless "
                   "NO_COLOR is set")
    e.add_argument("-o", "--output", metavar="FILE",
                   help="write the report to FILE instead of standard output")
    e.add_argument("--log", metavar="FILE",
                   help="append one JSON line per evaluation to the decision log FILE")
    e.add_argument("--as-of", metavar="DATE",
                   help="evaluation date, YYYY-MM-DD or YYYY-MM-DD BE (default: today)")
    e.add_argument("--fail-on", metavar="STATUS", action="append", default=[],
                   choices=_STATUSES + _FINDINGS,
                   help="exit 1 when any verdict has this status (or finding: violation, "
                   "advisory); may be repeated")

    f = sub.add_parser("fmt", help="rewrite policy files in canonical form",
                       description="Rewrite .pol files in canonical form, comments kept. "
                       "With --check, change nothing: exit 1 and list the files that would "
                       "change. Exit 2 on a syntax error.")
    f.add_argument("paths", nargs="+", metavar="PATH", help="a .pol file or a folder of them")
    f.add_argument("--check", action="store_true", help="only report files that would change")
    f.add_argument("--diff", action="store_true",
                   help="print a unified diff per file that would change (implies --check)")

    t = sub.add_parser("test", help="run the *.test.yaml policy tests",
                       description="Run every *.test.yaml under the paths against the policy "
                       "set of the .pol files under the same paths. Exit 0 when all pass, 1 "
                       "when any fails, 2 on bad input.")
    t.add_argument("paths", nargs="+", metavar="PATH",
                   help="a folder of policies and tests, or single files")
    t.add_argument("--coverage", action="store_true",
                   help="list the measures, methods, rules and conditions no test exercised")

    x = sub.add_parser("explain", help="show the full trace of one verdict",
                       description="Evaluate FACTS against POLICIES and print the full trace "
                       "of one verdict (or of every subject of a decision) as a tree.")
    x.add_argument("policies", metavar="POLICIES", help="a .pol file or a folder of them")
    x.add_argument("facts", metavar="FACTS", help="a facts file (.yaml, .json, .toml)")
    x.add_argument("rule_id", metavar="RULE-ID",
                   help="a rule id (s50.1.1.3, s50.1.1.3.m2), a decision (work_pattern) or "
                   "one subject of it (work_pattern[agency.positions[2]])")
    x.add_argument("--as-of", metavar="DATE",
                   help="evaluation date, YYYY-MM-DD or YYYY-MM-DD BE (default: today)")
    x.add_argument("--lang", choices=("en", "th"), default="en",
                   help="language of titles and citations, and of error messages "
                   "(default: en)")
    x.add_argument("--format", choices=("text", "json"), default="text",
                   help="a tree as text (default) or the verdicts as JSON")

    sc = sub.add_parser("schema", help="print the JSON Schema of the declared facts",
                        description="Print a JSON Schema (draft 2020-12) of the facts the "
                        "policy set declares, with Thai and English descriptions, for editors "
                        "and for systems that send facts.")
    sc.add_argument("policies", metavar="POLICIES", help="a .pol file or a folder of them")
    sc.add_argument("-o", "--output", metavar="FILE",
                    help="write the schema to FILE instead of standard output")

    vl = sub.add_parser("verify-log", help="re-evaluate a decision log and report differences",
                        description="Re-evaluate every line of a decision log written by "
                        "`govrules eval --log` from the facts and date it records. Exit 0 when "
                        "every line reproduces, 1 when a verdict differs, 2 when a line cannot "
                        "be checked (malformed, or the policy set's hash differs).")
    vl.add_argument("log", metavar="FILE", help="the decision log (JSON Lines)")
    vl.add_argument("--policies", metavar="PATH",
                    help="the policies to re-evaluate against (default: the path each line "
                    "records); their hash must match the recorded one")

    ca = sub.add_parser("cache", help="show or clear the on-disk cache",
                        description="Show where govrules keeps what start-up would otherwise "
                        "redo (the parser tables, checked policy sets) and what is there; "
                        "with --clear, delete it. Set GOVRULES_NO_CACHE=1 to turn the cache "
                        "off.")
    ca.add_argument("--clear", action="store_true", help="delete every cached file")

    em = sub.add_parser("eval-many", help="evaluate a stream of records (JSONL, CSV, Parquet)",
                        description="Evaluate every record of FILE against POLICIES, one by "
                        "one in bounded memory, and write one result per record: the statuses "
                        "of its verdicts, or with --trace its full report.")
    em.add_argument("policies", metavar="POLICIES", help="a .pol file or a folder of them")
    em.add_argument("file", metavar="FILE",
                    help="records: .jsonl/.ndjson (`-` reads JSON lines from standard input), "
                    ".csv (a header of dotted fact names) or .parquet (needs pyarrow)")
    em.add_argument("--format", choices=("jsonl", "csv"), default="jsonl",
                    help="jsonl (default): one JSON object per record; csv: rows of "
                    "record,key,status")
    em.add_argument("--input-format", choices=("jsonl", "csv", "parquet"),
                    help="the format of FILE (default: from its suffix)")
    em.add_argument("--trace", action="store_true",
                    help="write each record's full report (compact JSON, --format jsonl)")
    em.add_argument("--as-of", metavar="DATE",
                    help="evaluation date, YYYY-MM-DD or YYYY-MM-DD BE (default: today)")
    em.add_argument("--progress", action="store_true",
                    help="show records done and the rate on standard error")
    em.add_argument("-o", "--output", metavar="FILE",
                    help="write the results to FILE instead of standard output")
    return p


def _print_diagnostics(diags: Sequence[object], sources: dict[str, str], fmt: str,
                       out: TextIO) -> None:
    from .errors import Diagnostic, render_diagnostic

    ds = [d for d in diags if isinstance(d, Diagnostic)]
    if fmt == "json":
        out.write(json.dumps([d.to_dict() for d in ds], ensure_ascii=False, indent=2) + "\n")
        return
    for d in ds:
        out.write(render_diagnostic(d, sources.get(d.span.file)) + "\n\n")


def _sources_for(diags: Sequence[object]) -> dict[str, str]:
    """Read the files that diagnostics point into, for their caret snippets (best effort)."""
    from .errors import Diagnostic

    out: dict[str, str] = {}
    for d in diags:
        if isinstance(d, Diagnostic) and d.span.line > 0 and d.span.file not in out:
            try:
                with open(d.span.file, "rb") as fh:
                    data = fh.read(50_000_000)
                text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
                out[d.span.file] = text.replace("\r\n", "\n")
            except OSError:
                continue
    return out


def _cmd_check(args: argparse.Namespace) -> int:
    from .api import check

    result = check(args.paths)
    diagnostics = list(result.diagnostics)
    if args.lang == "th":
        from .messages_th import translate

        diagnostics = [translate(d) for d in diagnostics]
    _print_diagnostics(diagnostics, result.sources, args.format, sys.stdout)
    if args.format == "text":
        n_err, n_warn = len(result.errors), len(result.warnings)
        if result.ok:
            files = len(result.sources)
            sys.stdout.write(f"ok: {files} file{'s' if files != 1 else ''} checked, "
                             f"{n_warn} warning{'s' if n_warn != 1 else ''}\n")
        else:
            sys.stdout.write(f"{n_err} error{'s' if n_err != 1 else ''}, "
                             f"{n_warn} warning{'s' if n_warn != 1 else ''}\n")
    return EXIT_OK if result.ok else EXIT_BAD_INPUT


def _cmd_eval(args: argparse.Namespace) -> int:
    from .api import load
    from .evaluator import _as_date, evaluate
    from .facts import load_facts
    from .render import render
    from .render.text import use_color

    if args.format == "html" and len(args.facts) > 1:
        sys.stderr.write("govrules: error: --format html writes one self-contained report; "
                         "give one facts file per run\n")
        return EXIT_BAD_INPUT
    policies = load(args.policies)
    loaded = [load_facts(f, policies.facts) for f in args.facts]
    # one date for every file of the run, even one that crosses midnight
    as_of = _as_date(args.as_of)
    reports = [evaluate(policies, f, as_of=as_of) for f in loaded]
    if args.log:
        from .decision_log import append_entry, log_entry

        for path, facts, report in zip(args.facts, loaded, reports, strict=True):
            append_entry(args.log, log_entry(report, facts, args.policies, path))
    if args.format == "json":
        if len(reports) == 1:
            body_text = reports[0].to_json()
        else:
            body = [r.to_dict() for r in reports]
            body_text = json.dumps(body, ensure_ascii=False, indent=2) + "\n"
    else:
        color = args.format == "text" and args.output is None and use_color(args.color,
                                                                            sys.stdout)
        sep = "\n---\n\n" if args.format == "markdown" else "\n"
        body_text = sep.join(render(r, args.format, args.lang, color=color) for r in reports)
    _write_output(body_text, args.output)
    fail_on = set(args.fail_on)
    for r in reports:
        for v in r.verdicts:
            if v.status.value in fail_on or (v.finding is not None and v.finding in fail_on):
                return EXIT_FAIL_ON
    return EXIT_OK


def _write_output(text: str, output: str | None) -> None:
    """Write ``text`` to standard output, or to the file ``output`` (UTF-8)."""
    if output is None:
        sys.stdout.write(text)
        return
    with open(output, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def _cmd_schema(args: argparse.Namespace) -> int:
    from .api import load
    from .schema import schema_json

    _write_output(schema_json(load(args.policies)), args.output)
    return EXIT_OK


def _cmd_verify_log(args: argparse.Namespace) -> int:
    from .decision_log import render_check, verify_log

    result = verify_log(args.log, policies=args.policies)
    sys.stdout.write(render_check(result))
    return result.exit_code


def _cmd_fmt(args: argparse.Namespace) -> int:
    from .formatter import format_files

    if args.diff:  # a diff is a preview: never rewrite the files it shows
        args.check = True
    result = format_files(args.paths, write=not args.check)
    for name in result.changed:
        if args.check:
            sys.stdout.write(f"would reformat {name}\n")
            if args.diff:
                sys.stdout.write(result.diffs[name])
        else:
            sys.stdout.write(f"reformatted {name}\n")
    if result.diagnostics:
        sys.stdout.flush()
        _print_diagnostics(result.diagnostics, dict(result.sources), "text", sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_FAIL_ON if args.check and result.changed else EXIT_OK


def _cmd_test(args: argparse.Namespace) -> int:
    from .testing import render_run, run_tests

    run = run_tests(args.paths)
    sys.stdout.write(render_run(run, coverage=args.coverage))
    return EXIT_FAIL_ON if run.failed else EXIT_OK


def _cmd_explain(args: argparse.Namespace) -> int:
    from .explain import explain, render_explanation

    explanation = explain(args.policies, args.facts, args.rule_id, as_of=args.as_of)
    sys.stdout.write(render_explanation(explanation, args.lang, args.format))
    return EXIT_OK


def _cmd_cache(args: argparse.Namespace) -> int:
    from . import cache

    folder = cache.cache_folder()
    if folder is None:
        why = ("GOVRULES_NO_CACHE is set" if os.environ.get("GOVRULES_NO_CACHE")
               else "its folder cannot be written, or others may write to it")
        sys.stdout.write(f"cache: off ({why})\n")
        return EXIT_OK
    if args.clear:
        sys.stdout.write(f"cache: {folder}: {cache.clear()} files deleted\n")
        return EXIT_OK
    files = cache.entries()
    size = 0
    for path in files:
        try:
            size += path.stat().st_size
        except OSError:
            continue
    policy_sets = sum(1 for path in files if path.name.startswith("policies-"))
    tables = sum(1 for path in files if path.name.startswith("grammar-"))
    sys.stdout.write(f"cache: {folder}\n"
                     f"  checked policy sets: {policy_sets} (at most "
                     f"{cache.MAX_POLICY_ENTRIES} are kept)\n"
                     f"  parser tables: {tables}\n"
                     f"  size: {size / 1024:,.0f} KiB\n")
    return EXIT_OK


def _warn_about_as_of(args: argparse.Namespace) -> None:
    """A warning (W405) on standard error when ``--as-of`` is probably in the other era."""
    from .dates import era_doubt
    from .errors import Diagnostic, Severity, Span, render_diagnostic

    doubt = era_doubt(args.as_of)
    if doubt is None:
        return
    diag = Diagnostic("W405", doubt[0], Span.whole_file("--as-of"), doubt[1], Severity.WARNING)
    if getattr(args, "lang", "en") == "th":
        from .messages_th import translate

        diag = translate(diag)
    sys.stderr.write(render_diagnostic(diag) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (the console script exits with it)."""
    from .errors import GovrulesError

    args = _parser().parse_args(argv)
    if getattr(args, "as_of", None):
        _warn_about_as_of(args)
    try:
        if args.command == "fmt":
            return _cmd_fmt(args)
        if args.command == "test":
            return _cmd_test(args)
        if args.command == "explain":
            return _cmd_explain(args)
        if args.command == "check":
            return _cmd_check(args)
        if args.command == "schema":
            return _cmd_schema(args)
        if args.command == "verify-log":
            return _cmd_verify_log(args)
        if args.command == "cache":
            return _cmd_cache(args)
        if args.command == "eval-many":
            from .stream import cmd_eval_many

            return cmd_eval_many(args)
        return _cmd_eval(args)
    except GovrulesError as exc:
        sys.stdout.flush()
        diagnostics = list(exc.diagnostics)
        if getattr(args, "lang", "en") == "th":  # a broken input, told in the report's language
            from .messages_th import translate

            diagnostics = [translate(d) for d in diagnostics]
        _print_diagnostics(diagnostics, _sources_for(diagnostics), "text", sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # an output file (-o, --log) that cannot be written
        target = f" `{exc.filename}`" if exc.filename else ""
        sys.stderr.write(f"govrules: cannot write{target}: {exc.strerror or exc}\n")
        return EXIT_BAD_INPUT
    except Exception as exc:  # a bug in govrules: say so briefly, never dump a traceback
        if os.environ.get("GOVRULES_DEBUG"):
            raise
        sys.stderr.write(f"govrules: internal error: {type(exc).__name__}: {exc}\n"
                         "this is a bug in govrules; run with GOVRULES_DEBUG=1 for details\n")
        return EXIT_INTERNAL


def run() -> None:
    """Console-script entry point: run :func:`main` and exit with its code."""
    sys.exit(main())
