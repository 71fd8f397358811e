"""The decision log: one JSON line per evaluation, and the check that each line reproduces.

``govrules eval POLICIES FACTS --log FILE`` appends a line per facts file to ``FILE`` (JSON Lines,
UTF-8). A line holds everything needed to evaluate again — the facts themselves in canonical form,
``as_of``, the policy set's hash and the path it was loaded from — and the verdict of every rule,
so that ``govrules verify-log FILE`` can re-evaluate each line and show that a past verdict is
reproducible: an auditor's proof. The fields are documented in docs/report-format.md.

Problems with the log itself are diagnostics (``E7xx``): ``E701`` a line that is not a JSON
object, ``E702`` a field missing or of the wrong type, ``E703`` a policy set whose hash differs
from the one recorded (verifying against other policies would prove nothing), ``E704`` a log file
that cannot be read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs

from .errors import Diagnostic, GovrulesError, Span
from .facts import Facts, canonical_json, facts_from_mapping
from .model import PolicySet
from .verdict import Report

__all__ = [
    "LOG_VERSION",
    "LineCheck",
    "LogCheck",
    "append_entry",
    "log_entry",
    "render_check",
    "verify_log",
]

LOG_VERSION: Final = "2"
"""Version of the decision-log line format; bumped on any incompatible change. Version 2 wrote
decimals in one canonical form (``1000``, not ``1000.0``), which changes the facts hash of facts
holding decimals; lines of version 1 are still verified (see :func:`verify_log`)."""

_READABLE_VERSIONS: Final = frozenset({"1", LOG_VERSION})

_REQUIRED: Final = {
    "log_version": str,
    "policy_sha256": str,
    "facts_sha256": str,
    "policies": str,
    "as_of": str,
    "facts": dict,
    "summary": dict,
    "verdicts": dict,
}


_TYPE_WORD: Final[dict[type, str]] = {str: "a string", dict: "an object"}


def log_entry(report: Report, facts: Facts, policies_path: str, facts_path: str,
              now: dt.datetime | None = None) -> dict[str, Any]:
    """The log line of one evaluation, as a JSON-able dict with a stable key order.

    ``facts`` are the facts ``report`` was made from; ``policies_path`` and ``facts_path`` are
    recorded as given (relative paths stay relative). ``now`` defaults to the current UTC time.
    """
    from . import __version__

    when = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    return {
        "log_version": LOG_VERSION,
        "time": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "govrules_version": __version__,
        "policy_sha256": report.policy_sha256,
        "facts_sha256": report.facts_sha256,
        "policies": str(policies_path),
        "facts_path": str(facts_path),
        "as_of": report.as_of.isoformat(),
        "facts": json.loads(facts.to_canonical_json()),
        "summary": report.summary(),
        "verdicts": {v.key: v.status.value for v in report.verdicts},
    }


def append_entry(path: str | os.PathLike[str], entry: Mapping[str, Any]) -> None:
    """Append ``entry`` to the log at ``path`` as one line (the file is created if needed).

    The line is written with a single ``write`` in append mode, so concurrent writers on a local
    file system do not interleave lines.
    """
    line = json.dumps(entry, ensure_ascii=False, sort_keys=False, separators=(",", ":")) + "\n"
    with open(path, "a", encoding="utf-8", newline="\n") as fh:
        fh.write(line)


@attrs.frozen
class LineCheck:
    """The result of re-evaluating one line of a log.

    ``differences`` lists what did not reproduce (empty when the line reproduces); ``error`` is
    the diagnostic when the line could not be checked at all.
    """

    line: int
    facts_path: str = ""
    differences: tuple[str, ...] = ()
    error: Diagnostic | None = None
    verdicts: int = 0

    @property
    def ok(self) -> bool:
        """True when the line was checked and every verdict reproduced."""
        return self.error is None and not self.differences


@attrs.frozen
class LogCheck:
    """The result of :func:`verify_log`: one :class:`LineCheck` per non-blank line."""

    path: str
    lines: tuple[LineCheck, ...]

    @property
    def exit_code(self) -> int:
        """0 when every line reproduces, 1 when some verdict differs, 2 when some line could
        not be checked (malformed, or recorded against other policies)."""
        if any(c.error is not None for c in self.lines):
            return 2
        return 1 if any(c.differences for c in self.lines) else 0


def verify_log(path: str | os.PathLike[str], policies: str | os.PathLike[str] | None = None,
               loader: Callable[[str], PolicySet] | None = None) -> LogCheck:
    """Re-evaluate every line of the log at ``path`` and compare with what it recorded.

    Each line is evaluated against the policies at the path it records (relative to the current
    directory, or else to the log's folder), or at ``policies`` when given; a policy set is
    loaded once per path. Raises :class:`GovrulesError` (``E704``) when the log cannot be read;
    a bad line is reported on its :class:`LineCheck`, and the other lines are still checked.
    """
    from .api import load

    name = os.fspath(path)
    try:
        with open(name, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise GovrulesError(Diagnostic(
            "E704", f"cannot read decision log `{name}`: {reason.lower()}",
            Span.whole_file(name), "give the file written by `govrules eval --log`")) from None
    if not text.strip():  # a log emptied (or truncated to nothing) must not verify as clean
        raise GovrulesError(Diagnostic(
            "E704", f"decision log `{name}` holds no entries", Span.whole_file(name),
            "give the file written by `govrules eval --log`; an empty log proves nothing"))
    load_policies = loader or (lambda p: load(p))
    cache: dict[str, PolicySet | Diagnostic] = {}
    results = []
    for number, raw in enumerate(text.split("\n"), start=1):
        if raw.strip():
            results.append(_check_line(name, number, raw, policies, load_policies, cache))
    return LogCheck(name, tuple(results))


class _DuplicateKey(ValueError):
    """A key given twice in one object of a log line."""


def _one_value_per_key(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _span(file: str, line: int, raw: str = "") -> Span:
    return Span(file, line, 1, line, len(raw) + 1)


def _check_line(file: str, number: int, raw: str, policies: str | os.PathLike[str] | None,
                load_policies: Callable[[str], PolicySet],
                cache: dict[str, PolicySet | Diagnostic]) -> LineCheck:
    span = _span(file, number, raw)
    try:
        entry = json.loads(raw, object_pairs_hook=_one_value_per_key)
    except _DuplicateKey as exc:
        return LineCheck(number, error=Diagnostic(
            "E701", f"line {number} of the decision log repeats the key `{exc.args[0]}`", span,
            "`govrules eval --log` writes each key once: the line was edited"))
    except json.JSONDecodeError as exc:
        return LineCheck(number, error=Diagnostic(
            "E701", f"line {number} of the decision log is not JSON: {exc.msg.lower()}", span,
            "each line must be one JSON object written by `govrules eval --log`"))
    except (ValueError, RecursionError):  # a number too long to read, nesting too deep
        return LineCheck(number, error=Diagnostic(
            "E701", f"line {number} of the decision log cannot be read", span,
            "each line must be one JSON object written by `govrules eval --log`"))
    if not isinstance(entry, dict):
        return LineCheck(number, error=Diagnostic(
            "E701", f"line {number} of the decision log is not a JSON object", span,
            "each line must be one JSON object written by `govrules eval --log`"))
    for key, typ in _REQUIRED.items():
        if not isinstance(entry.get(key), typ):
            what = "missing" if key not in entry else f"not {_TYPE_WORD[typ]}"
            return LineCheck(number, error=Diagnostic(
                "E702", f"field `{key}` of line {number} is {what}", span,
                "the line was not written by `govrules eval --log`, or was edited"))
    if entry["log_version"] not in _READABLE_VERSIONS:
        return LineCheck(number, error=Diagnostic(
            "E702", f"line {number} has log version `{entry['log_version']}`, expected "
            f"`{LOG_VERSION}`", span, "verify it with the govrules version that wrote it"))
    facts_path = str(entry.get("facts_path", ""))
    where = os.fspath(policies) if policies is not None else entry["policies"]
    beside = os.path.join(os.path.dirname(file), where)
    if policies is None and not os.path.isabs(where) and not os.path.exists(where) \
            and os.path.exists(beside):
        # a log written with `--log log.jsonl` records the policies relative to its own folder:
        # found from elsewhere too (the hash below still has to match)
        where = beside
    if where not in cache:
        try:
            cache[where] = load_policies(where)
        except GovrulesError as exc:
            first = exc.diagnostics[0] if exc.diagnostics else None
            detail = f": {first.message}" if first else ""
            cache[where] = Diagnostic(
                "E703", f"cannot load the policies at `{where}`{detail}", span,
                "pass `--policies PATH` with the policy set the log was written against")
    ps = cache[where]
    if isinstance(ps, Diagnostic):
        return LineCheck(number, facts_path, error=attrs.evolve(ps, span=span))
    if ps.sha256 != entry["policy_sha256"]:
        return LineCheck(number, facts_path, error=Diagnostic(
            "E703", f"the policy set at `{where}` (sha256 `{ps.sha256[:16]}…`) is not the one "
            f"line {number} was evaluated against (sha256 `{entry['policy_sha256'][:16]}…`)",
            span, "pass `--policies PATH` with the policy set of that time, for example a "
            "checkout of the commit that was in force"))
    return _reevaluate(number, entry, ps, facts_path, span)


def _reevaluate(number: int, entry: dict[str, Any], ps: PolicySet, facts_path: str,
                span: Span) -> LineCheck:
    from .evaluator import evaluate

    source = facts_path or f"<decision log line {number}>"
    try:
        facts = facts_from_mapping(entry["facts"], ps.facts, source)
        report = evaluate(ps, facts, as_of=entry["as_of"])
    except (GovrulesError, ValueError) as exc:
        message = exc.diagnostics[0].message if isinstance(exc, GovrulesError) and \
            exc.diagnostics else str(exc)
        return LineCheck(number, facts_path, error=Diagnostic(
            "E702", f"line {number} cannot be evaluated again: {message}", span,
            "the recorded facts or `as_of` were edited"))
    differences = []
    if entry["log_version"] == "1":
        # version 1 wrote decimals as read (`1000.0`): its hash is of the facts as recorded,
        # and those facts, read again, must be the ones evaluated
        old_hash = hashlib.sha256(canonical_json(entry["facts"]).encode("utf-8")).hexdigest()
        if old_hash != entry["facts_sha256"]:
            differences.append(f"facts sha256 is `{old_hash[:16]}…`, the line records "
                               f"`{entry['facts_sha256'][:16]}…`")
    elif facts.sha256 != entry["facts_sha256"]:
        differences.append(f"facts sha256 is `{facts.sha256[:16]}…`, the line records "
                           f"`{entry['facts_sha256'][:16]}…`")
    elif json.loads(facts.to_canonical_json()) != entry["facts"]:
        differences.append("the recorded facts are not as `govrules eval --log` writes them "
                           "(a key it does not declare, a set out of order or repeated): the "
                           "line was edited")
    recorded: dict[str, Any] = entry["verdicts"]
    now = {v.key: v.status.value for v in report.verdicts}
    for key in sorted(recorded.keys() | now.keys()):
        if key not in now:
            differences.append(f"`{key}`: recorded `{recorded[key]}`, no such verdict now")
        elif key not in recorded:
            differences.append(f"`{key}`: not recorded, now `{now[key]}`")
        elif recorded[key] != now[key]:
            differences.append(f"`{key}`: recorded `{recorded[key]}`, now `{now[key]}`")
    summary = report.summary()
    if isinstance(entry.get("summary"), dict) and entry["summary"] != summary:
        # the counts are what a reader of the log sees first: they must match the verdicts
        for status in sorted(entry["summary"].keys() | summary.keys()):
            was, now_n = entry["summary"].get(status), summary.get(status)
            if was != now_n:
                differences.append(f"summary `{status}`: recorded {was}, now {now_n}")
    return LineCheck(number, facts_path, tuple(differences), verdicts=len(now))


def render_check(check: LogCheck) -> str:
    """A plain-text account of :func:`verify_log`'s result, one line per log line."""
    from .errors import render_diagnostic

    out = []
    for c in check.lines:
        label = f"{check.path}:{c.line}"
        if c.error is not None:
            out.append(render_diagnostic(c.error))
        elif c.differences:
            out.append(f"{label}: DIFFERS ({c.facts_path})")
            out.extend(f"    {d}" for d in c.differences)
        else:
            out.append(f"{label}: ok, {c.verdicts} verdict{'s' if c.verdicts != 1 else ''} "
                       f"reproduced ({c.facts_path})")
    ok = sum(1 for c in check.lines if c.ok)
    bad = sum(1 for c in check.lines if c.differences)
    err = sum(1 for c in check.lines if c.error is not None)
    out.append(f"{ok} reproduced, {bad} differ, {err} could not be checked")
    return "\n".join(out) + "\n"
