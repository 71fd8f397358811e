"""``govrules explain``: the full trace of one verdict, for an auditor or a policy author.

``explain(policies, facts, "s50.1.1.3")`` evaluates the facts and picks the verdicts with that
key: a rule id (a measure, a method ``s50.1.1.3.m2``), a decision id (every subject of it) or
one decision verdict ``work_pattern[agency.positions[2]]``. :func:`render_explanation` prints
each as a header (status, modality, finding, basis, citation with the Thai and English source
text, interpretation, missing facts, option outcomes), the conditions that decided it, the trace
as an indented tree (every condition with its value, every fact read with its value, key path
and ``file:line``), and the list of facts read.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import unicodedata
from typing import Any

import attrs

from .dates import format_both
from .errors import Diagnostic, GovrulesError, Span
from .verdict import Report, TraceNode, Verdict, display_value

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
    wanted = rule_id.strip()
    exact = tuple(v for v in report.verdicts if v.key == wanted)
    if not exact:
        exact = tuple(v for v in report.verdicts if v.rule_id == wanted)
    if exact:
        return Explanation(wanted, exact, report)
    keys = [v.key for v in report.verdicts]
    base = wanted.split("[", 1)[0]
    where = Span.whole_file(os.fspath(facts) if isinstance(facts, str | os.PathLike)
                            else "<facts>")
    if base in ps.rule_ids():
        subjects = [k for k in keys if k.startswith(base + "[")]
        hint = ("its verdicts here are " + ", ".join(f"`{k}`" for k in subjects[:6])
                if subjects else "the decision has no subject in these facts")
        raise ExplainError(Diagnostic("E621", f"no verdict `{wanted}` for these facts", where,
                                      hint))
    choices = list(dict.fromkeys([*ps.rule_ids(), *keys]))
    close = difflib.get_close_matches(wanted, choices, n=3, cutoff=0.5)
    hint = ("did you mean " + " or ".join(f"`{c}`" for c in close) + "?" if close
            else "run `govrules eval` to list the verdicts and their ids")
    raise ExplainError(Diagnostic("E620", f"no rule `{wanted}` in the policy set", where, hint))


_LABELS = {
    "en": {"status": "status", "modality": "modality", "finding": "finding", "basis": "basis",
           "policy": "policy", "subject": "subject", "citation": "citation",
           "written": "as written", "source": "source text", "interpretation": "interpretation",
           "missing": "missing facts", "reason": "reason", "options": "options",
           "explanation": "explanation", "trace": "trace", "reads": "facts read",
           "facts": "facts", "as_of": "as of", "none": "none", "because": "decided by"},
    "th": {"status": "สถานะ", "modality": "ระดับความผูกพัน", "finding": "ข้อค้นพบ",
           "basis": "ฐาน", "policy": "นโยบาย", "subject": "สิ่งที่พิจารณา", "citation": "อ้างอิง",
           "written": "ตามต้นฉบับ", "source": "ข้อความต้นฉบับ", "interpretation": "การตีความ",
           "missing": "ข้อเท็จจริงที่ขาด", "reason": "เหตุผล", "options": "ทางเลือก",
           "explanation": "คำอธิบาย", "trace": "ลำดับการประเมิน", "reads": "ข้อเท็จจริงที่อ่าน",
           "facts": "ข้อเท็จจริง", "as_of": "ณ วันที่", "none": "ไม่มี",
           "because": "ตัดสินโดย"},
}


def _verdict_text(v: Verdict, lang: str) -> list[str]:
    from .render.tree import because_lines, trace_lines

    t = _LABELS[lang]
    width = max(_width(s) for s in t.values()) + 2
    out = [f"{v.key}  {v.title(lang)}"]

    def field(name: str, value: str) -> None:
        out.append(f"  {t[name]}{' ' * (width - _width(t[name]))}{value}")

    field("status", v.status.value)
    field("modality", v.modality.replace("_", " "))
    if v.finding is not None:  # only non-compliant verdicts have one; `none` is a finding
        field("finding", v.finding)
    field("basis", v.basis)
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
        field("reason", v.reason)
    if v.missing:
        field("missing", ", ".join(v.missing))
    for o in v.options:
        rules = ", ".join(o.rules) or "-"
        field("options", f"{o.option}: {o.outcome} ({rules}; {o.modality or '-'}, {o.basis})")
    because = because_lines(v.trace, "    ")
    if because:
        out.append(f"  {t['because']}:")
        out += because
    out.append(f"  {t['trace']}:")
    out += trace_lines(v.trace, "    ")
    reads = _reads(v.trace)
    if reads:
        out.append(f"  {t['reads']}:")
        out += [f"    {r}" for r in reads]
    return out


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Thai vowel and tone marks take none."""
    return sum(0 if unicodedata.combining(ch) or unicodedata.category(ch) == "Mn" else 1
               for ch in text)


def _reads(trace: TraceNode) -> list[str]:
    seen: dict[str, str] = {}
    for node in trace.walk():
        for r in node.reads:
            value = display_value(r.value) if r.present else "missing"
            where = f"  @ {r.location}" if r.location else ""
            seen.setdefault(r.key_path, f"{r.key_path} = {value}{where}")
    return [seen[k] for k in sorted(seen)]


def render_explanation(explanation: Explanation, lang: str = "en", fmt: str = "text") -> str:
    """The explanation as text (a header and a tree per verdict) or as JSON."""
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
    t = _LABELS[lang]
    out = [f"{t['facts']}: {report.facts_source}    {t['as_of']}: {format_both(report.as_of)}"]
    for v in explanation.verdicts:
        out.append("")
        out += _verdict_text(v, lang)
    return "\n".join(out) + "\n"
