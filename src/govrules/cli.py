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

    e = sub.add_parser("eval", help="evaluate fact files against policies",
                       description="Evaluate one or more agency fact files (YAML, JSON or TOML) "
                       "against a policy set and print a verdict report for each.")
    e.add_argument("policies", metavar="POLICIES", help="a .pol file or a folder of them")
    e.add_argument("facts", nargs="+", metavar="FACTS", help="facts files (.yaml, .json, .toml)")
    e.add_argument("--format", choices=("text", "json"), default="text",
                   help="report format (default: text)")
    e.add_argument("--lang", choices=("en", "th"), default="en",
                   help="language of titles and explanations (default: en)")
    e.add_argument("--as-of", metavar="DATE",
                   help="evaluation date, YYYY-MM-DD or YYYY-MM-DD BE (default: today)")
    e.add_argument("--fail-on", metavar="STATUS", action="append", default=[],
                   choices=_STATUSES + _FINDINGS,
                   help="exit 1 when any verdict has this status (or finding: violation, "
                   "advisory); may be repeated")
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
    _print_diagnostics(result.diagnostics, result.sources, args.format, sys.stdout)
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
    from .evaluator import evaluate
    from .render import render_text

    policies = load(args.policies)
    reports = [evaluate(policies, f, as_of=args.as_of) for f in args.facts]
    if args.format == "json":
        if len(reports) == 1:
            sys.stdout.write(reports[0].to_json())
        else:
            body = [r.to_dict() for r in reports]
            sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write("\n".join(render_text(r, args.lang) for r in reports))
    fail_on = set(args.fail_on)
    for r in reports:
        for v in r.verdicts:
            if v.status.value in fail_on or (v.finding is not None and v.finding in fail_on):
                return EXIT_FAIL_ON
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (the console script exits with it)."""
    from .errors import GovrulesError

    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return _cmd_check(args)
        return _cmd_eval(args)
    except GovrulesError as exc:
        sys.stdout.flush()
        _print_diagnostics(list(exc.diagnostics), _sources_for(exc.diagnostics), "text",
                           sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug in govrules: say so briefly, never dump a traceback
        if os.environ.get("GOVRULES_DEBUG"):
            raise
        sys.stderr.write(f"govrules: internal error: {type(exc).__name__}: {exc}\n"
                         "this is a bug in govrules; run with GOVRULES_DEBUG=1 for details\n")
        return EXIT_INTERNAL


def run() -> None:
    """Console-script entry point: run :func:`main` and exit with its code."""
    sys.exit(main())
