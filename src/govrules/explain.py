"""``govrules explain``: the full trace of one verdict, for an auditor or a policy author.

``explain(policies, facts, "s50.1.1.3")`` evaluates the facts and picks the verdicts with that
key: a rule id (a measure, a method ``s50.1.1.3.m2``), a decision id (every subject of it) or
one decision verdict ``work_pattern[agency.positions[2]]``. :func:`render_explanation` prints
each as a header (status, modality, finding, basis, citation with the Thai and English source
text, interpretation, missing facts, option outcomes), the conditions that decided it, the trace
as an indented tree (every condition with its value, every fact read with its value, key path
and ``file:line``), and the list of facts read.

``lang="th"`` prints every word of that layout in Thai from :mod:`govrules.render.labels` — the
words ``govrules eval --lang th`` uses — and leaves policy language (ids, expressions, key paths,
enum and fact values) as written; the JSON form is the same in every language.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from typing import Any

import attrs

from .dates import format_both, thai_digits_to_arabic
from .errors import Diagnostic, GovrulesError, Span
from .verdict import Report, Status, TraceNode, Verdict, display_value

__all__ = ["CODES", "ExplainError", "Explanation", "explain", "render_explanation"]

CODES = {
    "E620": "the id given to `govrules explain` names no rule of the policy set",
    "E621": "the rule exists but gave no verdict for these facts (a decision with no subjects)",
}
"""The diagnostic codes of ``govrules explain``."""


class ExplainError(GovrulesError):
    """The id to explain names no verdict."""


@attrs.frozen
class Explanation:
    """The verdicts picked by an id, and the report they come from."""

    query: str
    verdicts: tuple[Verdict, ...]
    report: Report


def explain(policies: Any, facts: object, rule_id: str,
            as_of: dt.date | str | None = None) -> Explanation:
    """Evaluate ``facts`` against ``policies`` (a path or a loaded policy set) and pick the
    verdicts of ``rule_id``; raise :class:`ExplainError` (with a did-you-mean hint) when there
    are none."""
    from .api import load
    from .evaluator import evaluate
    from .model import PolicySet

    ps = policies if isinstance(policies, PolicySet) else load(policies)
    report = evaluate(ps, facts, as_of=as_of)
    # `.m๓` as policies may write a method number (ids keep their Thai digits)
    wanted = re.sub(r"\.m([๐-๙]+)(?=$|\[)", lambda m: ".m" + thai_digits_to_arabic(m[1]),
                    rule_id.strip())
    exact = tuple(v for v in report.verdicts if v.key == wanted)
    if not exact:
        exact = tuple(v for v in report.verdicts if v.rule_id == wanted)
    if not exact:  # the label the reports show for a subject, `work_pattern [P-103]`
        exact = report.labelled(wanted)
    if exact:
        return Explanation(wanted, exact, report)
    keys = [v.key for v in report.verdicts]
    base = wanted.split("[", 1)[0]
    where = Span.whole_file("RULE-ID")  # the argument is what is wrong, not the facts file
    if base in ps.rule_ids():
        subjects = [k for k in keys if k.startswith(base + "[")]
        if not any(cd.decision.id == base for cd in ps.decisions):
            hint = f"`{base}` is not a decision: its one verdict is `{base}`"
        elif subjects:
            hint = "its verdicts here are " + ", ".join(f"`{k}`" for k in subjects[:6])
        else:
            hint = "the decision has no subject in these facts"
        raise ExplainError(Diagnostic("E621", f"no verdict `{wanted}` for these facts", where,
                                      hint))
    choices = list(dict.fromkeys([*ps.rule_ids(), *keys]))
    close = difflib.get_close_matches(wanted, choices, n=3, cutoff=0.5)
    hint = ("did you mean " + " or ".join(f"`{c}`" for c in close) + "?" if close
            else "run `govrules eval` to list the verdicts and their ids")
    raise ExplainError(Diagnostic("E620", f"no rule `{wanted}` in the policy set", where, hint))


_FIELDS = ("status", "modality", "finding", "basis", "policy", "subject", "citation", "written",
           "source", "interpretation", "missing", "reason", "options", "explanation", "trace",
           "reads", "facts", "as_of", "because")
"""The words of the layout: ``explain.NAME`` in :data:`govrules.render.labels.LABELS`."""


def _field_names(lang: str) -> dict[str, str]:
    from .render.labels import label

    return {name: label(f"explain.{name}", lang) for name in _FIELDS}


def _verdict_text(v: Verdict, lang: str, as_of: dt.date) -> list[str]:
    """The header, the deciding conditions, the trace and the facts read of one verdict.

    In English the values are written as the report data spells them (``non_compliant``,
    ``not_addressed``); in another language they are the words of the label catalogue, as
    ``govrules eval --lang`` prints them. Rule ids, expressions, key paths, enum values and
    fact values are policy language and stay as they are.
    """
    from .render.labels import (
        basis_label,
        display_width,
        finding_label,
        modality_label,
        outcome_label,
        reason_text,
        status_label,
    )

    t = _field_names(lang)
    width = max(display_width(s) for s in t.values()) + 2
    en = lang == "en"
    out = [f"{v.key}  {v.title(lang)}"]

    def field(name: str, value: str) -> None:
        out.append(f"  {t[name]}{' ' * (width - display_width(t[name]))}{value}")

    field("status", v.status.value if en else status_label(v.status.value, lang))
    field("modality", v.modality.replace("_", " ") if en else modality_label(v.modality, lang))
    if v.finding is not None:  # only non-compliant verdicts have one; `none` is a finding
        field("finding", v.finding if en else finding_label(v.finding, lang))
    field("basis", v.basis if en else basis_label(v.basis, lang))
    field("policy", v.policy)
    if v.subject:
        field("subject", v.subject + (f" ({v.subject_label})" if v.subject_label else ""))
    for c in v.citations:
        field("citation", f"{c.display(lang)}  ({t['written']}: {c.written})")
    for code in ("th", "en"):
        if code in v.source_text:
            field("source", f"[{code}] {v.source_text[code]}")
    for code in (lang, "th" if lang == "en" else "en"):
        if code in v.interpretations:
            field("interpretation", f"[{code}] {v.interpretations[code]}")
            break
    if v.explanation.get(lang):
        field("explanation", v.explanation[lang])
    if v.reason:
        field("reason", v.reason if en else reason_text(v.reason, lang))
    if v.missing:
        field("missing", ", ".join(v.missing))
    for o in v.options:
        rules = ", ".join(o.rules) or "-"
        if en:
            field("options", f"{o.option}: {o.outcome} ({rules}; {o.modality or '-'}, {o.basis})")
        else:
            modality = modality_label(o.modality, lang) or "-"
            field("options", f"{o.option}: {outcome_label(o.outcome, lang)} ({rules}; "
                             f"{modality}, {basis_label(o.basis, lang)})")
    because = _because_lines(v, "    ", lang, as_of)
    if because:
        out.append(f"  {t['because']}:")
        out += because
    out.append(f"  {t['trace']}:")
    out += _trace_lines(v.trace, "    ", lang, as_of)
    reads = _reads(v.trace, lang)
    if reads:
        out.append(f"  {t['reads']}:")
        out += [f"    {r}" for r in reads]
    return out


# The trace in a language other than English. English uses govrules.render.tree as it is (the
# tree `govrules test` prints too); the walk below draws the same tree with the words of the
# label catalogue: values (`true`, `unknown`, statuses), `read`/`missing`, and the notes that are
# not policy keywords (`chosen option`, `as of DATE`).


def _node_line(node: TraceNode, lang: str, as_of: dt.date) -> str:
    from .render.common import node_value
    from .render.labels import date_both, label, status_label
    from .render.tree import mark

    m = mark(node)
    note = node.note
    if note == "chosen option":
        note = label("word.chosen_option", lang)
    elif note == f"as of {format_both(as_of)}":
        note = label("report.as_of", lang, date=date_both(as_of, lang))
    elif node.kind == "as_of" and isinstance(node.value, dt.date) and \
            note == format_both(node.value):
        note = date_both(node.value, lang)
    text = node.label
    if node.kind == "effective":  # `policy p effective from DATE (DATE BE)`: the dates in lang
        text = _DATE_BOTH.sub(lambda m: date_both(dt.date.fromisoformat(m[1]), lang), text)
    raw = "unknown" if not node.known else (
        node.value if isinstance(node.value, str) and node.value in _STATUS_WORDS
        else display_value(node.value))
    if raw == node.label:  # a constant is its own value
        shown = ""
    elif node.kind in _VERDICT_KINDS and raw in _STATUS_WORDS:  # (not an enum value)
        shown = f" → {status_label(raw, lang)}"
    else:
        shown = f" → {node_value(node, lang)}"
    where = f"  ({node.location})" if node.location else ""
    return f"{m + ' ' if m else ''}{text}{shown}{f'  [{note}]' if note else ''}{where}"


_STATUS_WORDS = frozenset(s.value for s in Status)
_VERDICT_KINDS = frozenset(("measure", "method", "decision", "require"))
_DATE_BOTH = re.compile(r"(\d{4}-\d{2}-\d{2}) \(\d{4}-\d{2}-\d{2} BE\)")
"""A date as :func:`govrules.dates.format_both` writes it."""


def _trace_lines(node: TraceNode, prefix: str, lang: str, as_of: dt.date) -> list[str]:
    """:func:`govrules.render.tree.trace_lines` in ``lang``."""
    from .render.tree import read_line, trace_lines

    if lang == "en":
        return trace_lines(node, prefix)
    return trace_lines(node, prefix, line=lambda n: _node_line(n, lang, as_of),
                       read=lambda r: read_line(r, lang))


def _because_lines(verdict: Verdict, prefix: str, lang: str, as_of: dt.date) -> list[str]:
    """:func:`govrules.render.tree.because_lines` in ``lang``."""
    from .render.tree import because_lines, read_line

    if lang == "en":
        return because_lines(verdict, prefix)
    return because_lines(verdict, prefix, line=lambda n: _node_line(n, lang, as_of),
                         read=lambda r: read_line(r, lang))


def _reads(trace: TraceNode, lang: str) -> list[str]:
    from .render.labels import label

    seen: dict[str, str] = {}
    for node in trace.walk():
        for r in node.reads:
            value = display_value(r.value, lang) if r.present else label("word.missing", lang)
            where = f"  @ {r.location}" if r.location else ""
            seen.setdefault(r.key_path, f"{r.key_path} = {value}{where}")
    return [seen[k] for k in sorted(seen)]


def render_explanation(explanation: Explanation, lang: str = "en", fmt: str = "text") -> str:
    """The explanation as text (a header and a tree per verdict) or as JSON.

    ``lang`` (``en`` or ``th``) switches every word of the text: field names, statuses,
    modalities, findings, bases, reasons, option outcomes, the words of the trace and the date
    of the header (the Buddhist Era first in Thai). The JSON is the same in every language.
    """
    from .render.labels import date_both

    report = explanation.report
    if fmt == "json":
        body = {
            "query": explanation.query,
            "facts_source": report.facts_source,
            "as_of": report.as_of.isoformat(),
            "policy_sha256": report.policy_sha256,
            "facts_sha256": report.facts_sha256,
            "verdicts": [v.to_dict() for v in explanation.verdicts],
        }
        return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
    t = _field_names(lang)
    out = [f"{t['facts']}: {report.facts_source}    {t['as_of']}: "
           f"{date_both(report.as_of, lang)}"]
    for v in explanation.verdicts:
        out.append("")
        out += _verdict_text(v, lang, report.as_of)
    return "\n".join(out) + "\n"
