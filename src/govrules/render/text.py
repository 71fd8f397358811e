"""The text report: one line per verdict, then why for those that need explaining.

Every label comes from :mod:`govrules.render.labels`, so ``lang`` switches all of them. With
``color=True`` statuses and findings are coloured with ANSI escapes (see :func:`use_color` for
when the command line turns colour on); without, the output is plain text, byte for byte the same
layout.
"""

from __future__ import annotations

import os
from typing import TextIO

from ..verdict import Report, Status, TraceNode, Verdict, display_value
from .common import policy_applies, policy_period
from .labels import (
    date_both,
    display_width,
    finding_label,
    label,
    modality_label,
    outcome_label,
    reason_text,
    status_label,
    status_tag,
    warning_text,
)

__all__ = ["failed_conditions", "render_text", "use_color"]

_TAG_WIDTH = 14

_RESET = "\x1b[0m"
_STATUS_COLOR = {
    Status.COMPLIANT: "\x1b[32m",  # green
    Status.NON_COMPLIANT: "\x1b[1;31m",  # bold red
    Status.UNKNOWN: "\x1b[33m",  # yellow
    Status.NOT_APPLICABLE: "\x1b[2m",  # dim
    Status.CONFLICT: "\x1b[1;35m",  # bold magenta
}
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_RED = "\x1b[31m"
_YELLOW = "\x1b[33m"
_CYAN = "\x1b[36m"


def use_color(mode: str, stream: TextIO) -> bool:
    """Whether to colour output to ``stream``: ``mode`` is ``always``, ``never`` or ``auto``.

    ``auto`` colours only a terminal, and never when the ``NO_COLOR`` environment variable is set
    to a non-empty value (https://no-color.org).
    """
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class _Paint:
    """Wraps text in ANSI colour codes, or leaves it alone."""

    def __init__(self, on: bool) -> None:
        self.on = on

    def __call__(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.on and text else text


def failed_conditions(trace: TraceNode) -> list[TraceNode]:
    """The innermost conditions that made ``trace`` false.

    An ``and`` is false because of its false parts, an ``or`` because of all of them; any
    other false condition (a comparison, a fact, a ``not``) is reported as it is. Method
    sub-verdicts are skipped: they are reported on their own lines.
    """
    out: list[TraceNode] = []
    stack = [trace]
    while stack:
        node = stack.pop()
        if node.kind in ("method", "measure", "decision", "effective"):
            if node is trace:
                stack.extend(reversed([c for c in node.children if c.value is False]))
            continue
        if node.value is not False or not node.known:
            continue
        if node.kind in ("and", "all", "require"):
            stack.extend(reversed([c for c in node.children if c.value is False]))
        elif node.kind in ("or", "any", "definition", "define", "element") and node.children:
            stack.extend(reversed(node.children))
        else:
            out.append(node)
    return out


def _reads(node: TraceNode, lang: str) -> list[str]:
    seen: dict[str, str] = {}
    for n in node.walk():
        for r in n.reads:
            value = display_value(r.value, lang) if r.present else label("word.missing", lang)
            where = f" @ {r.location}" if r.location else ""
            seen.setdefault(r.key_path, f"{r.key_path} = {value}{where}")
    return list(seen.values())


def _verdict_lines(v: Verdict, lang: str, paint: _Paint) -> list[str]:
    indent = "    " if v.kind == "method" else ""
    subject = ""
    if v.subject:
        subject = f" [{v.subject_label or v.subject}]"
    finding = ""
    if v.finding:
        color = _RED if v.finding == "violation" else _YELLOW
        finding = " (" + paint(color, finding_label(v.finding, lang)) + ")"
    interp = label("basis.interpretation", lang)
    basis = " · " + paint(_CYAN, interp) if v.basis == "interpretation" else ""
    tag = paint(_STATUS_COLOR[v.status], status_tag(v.status.value, lang))
    pad_tag = tag + " " * max(1, _TAG_WIDTH - display_width(status_tag(v.status.value, lang)))
    head = f"{indent}{pad_tag}{paint(_BOLD, v.rule_id)}{subject}  {v.title(lang)}"
    lines = [head + finding + basis]
    pad = indent + " " * _TAG_WIDTH
    if v.kind == "decision":
        chosen = v.chosen
        for o in v.options:
            by = f" {label('word.by', lang)} {', '.join(o.rules)}" if o.rules else ""
            mod = f" ({modality_label(o.modality, lang)})" if o.modality else ""
            o_interp = " · " + paint(_CYAN, interp) if o.basis == "interpretation" else ""
            miss = (f" — {label('word.missing', lang)}: {', '.join(o.missing)}"
                    if o.missing else "")
            outcome = outcome_label(o.outcome, lang)
            if o.outcome == "excluded":
                outcome = paint(_RED, outcome)
            mark = f"  ✔ {label('word.chosen', lang)}" if o.option == chosen else ""
            lines.append(f"{pad}{o.option}: {outcome}{mod}{by}{o_interp}{miss}{mark}")
    by_methods = any(c.kind == "require" for c in v.trace.children)
    if v.status is Status.NON_COMPLIANT and v.kind != "decision" and not by_methods:
        for cond in failed_conditions(v.trace)[:8]:
            word = paint(_RED, label("word.failed", lang))
            lines.append(f"{pad}{word}: {cond.label or cond.kind}")
            lines.extend(f"{pad}  {r}" for r in _reads(cond, lang)[:6])
    if v.status is Status.UNKNOWN and v.missing:
        word = paint(_YELLOW, label("word.missing", lang))
        lines.append(f"{pad}{word}: {', '.join(v.missing)}")
    if v.reason and (v.status in (Status.NOT_APPLICABLE, Status.CONFLICT)
                     or (v.kind == "decision" and v.status is Status.NON_COMPLIANT)):
        lines.append(f"{pad}{label('word.reason', lang)}: {reason_text(v.reason, lang)}")
    if v.explanation.get(lang):
        lines.append(f"{pad}{v.explanation[lang]}")
    if v.status in (Status.NON_COMPLIANT, Status.UNKNOWN, Status.CONFLICT):
        for c in v.citations:
            lines.append(f"{pad}{paint(_DIM, label('word.cite', lang) + ':')} {c.display(lang)}")
        if v.ambiguities:
            lines.append(f"{pad}{label('word.ambiguities', lang)}: {', '.join(v.ambiguities)}")
    return lines


def _summary(report: Report, lang: str, paint: _Paint) -> str:
    counts = report.summary()
    violations = sum(1 for v in report.verdicts if v.finding == "violation")
    advisories = sum(1 for v in report.verdicts if v.finding == "advisory")
    if lang == "en":  # keep the established wording: `4 compliant, 5 non_compliant, ...`
        parts = ", ".join(f"{n} {s}" for s, n in counts.items())
        v_text = f"{violations} violation{'s' if violations != 1 else ''}"
        a_text = f"{advisories} advisor{'ies' if advisories != 1 else 'y'}"
    else:
        parts = ", ".join(label("summary.count", lang, n=n, status=status_label(s, lang))
                          for s, n in counts.items())
        v_text = label("findings.violations", lang, n=violations)
        a_text = label("findings.advisories", lang, n=advisories)
    if violations:
        v_text = paint(_RED, v_text)
    return label("summary.line", lang, counts=parts, violations=v_text, advisories=a_text)


def _policy_lines(report: Report, lang: str, paint: _Paint) -> list[str]:
    """The policies the report was made against: id, version and title, then the source,
    whether the policy was in force and applied, and whether that rests on an interpretation."""
    if not report.policies:
        return []
    out = [f"{label('heading.policies', lang)}:"]
    for p in report.policies:
        version = f"  {label('policy.version', lang, version=p.version)}" if p.version else ""
        out.append(f"  {paint(_BOLD, p.id)}{version}  {p.title(lang)}")
        parts = []
        source = p.source_title(lang)
        if source is not None:
            parts.append(label("policy.source", lang, title=source))
        parts += [policy_period(p, lang), policy_applies(p, lang)]
        if p.interpretations:
            parts.append(paint(_CYAN, label("basis.interpretation", lang)))
        out.append("    " + " · ".join(parts))
    return out


def render_text(report: Report, lang: str = "en", color: bool = False) -> str:
    """A terminal report: a line per verdict (status, id, title), and for a non-compliant or
    unknown verdict the failed conditions or missing facts and the clause cited.

    ``lang`` (``en`` or ``th``) switches every label; ``color`` adds ANSI colours.
    """
    paint = _Paint(color)
    out = [
        paint(_BOLD, label("report.title", lang, source=report.facts_source)),
        label("report.as_of", lang, date=date_both(report.as_of, lang)),
        label("report.hashes", lang, policy=report.policy_sha256[:16],
              facts=report.facts_sha256[:16]),
        *_policy_lines(report, lang, paint),
        "",
    ]
    for v in report.verdicts:
        out.extend(_verdict_lines(v, lang, paint))
    out.append("")
    out.append(_summary(report, lang, paint))
    for w in report.warnings:
        message, hint = warning_text(w, lang)
        out.append(f"{paint(_YELLOW, label('word.warning', lang))}: {w.span.location()}: "
                   f"{message}")
        if hint:
            out.append(f"  {label('word.help', lang)}: {hint}")
    return "\n".join(out) + "\n"
