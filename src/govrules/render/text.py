"""The text report: one line per verdict, then why for those that need explaining."""

from __future__ import annotations

from ..dates import format_both
from ..verdict import Report, Status, TraceNode, Verdict, display_value

__all__ = ["failed_conditions", "render_text"]

_STATUS_LABEL = {
    Status.COMPLIANT: "COMPLIANT",
    Status.NON_COMPLIANT: "NON-COMPLIANT",
    Status.UNKNOWN: "UNKNOWN",
    Status.NOT_APPLICABLE: "N/A",
    Status.CONFLICT: "CONFLICT",
}


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


def _reads(node: TraceNode) -> list[str]:
    seen: dict[str, str] = {}
    for n in node.walk():
        for r in n.reads:
            value = display_value(r.value) if r.present else "missing"
            where = f" @ {r.location}" if r.location else ""
            seen.setdefault(r.key_path, f"{r.key_path} = {value}{where}")
    return list(seen.values())


def _verdict_lines(v: Verdict, lang: str) -> list[str]:
    indent = "    " if v.kind == "method" else ""
    subject = ""
    if v.subject:
        subject = f" [{v.subject_label or v.subject}]"
    finding = f" ({v.finding})" if v.finding else ""
    basis = " · interpretation" if v.basis == "interpretation" else ""
    head = f"{indent}{_STATUS_LABEL[v.status]:<14}{v.rule_id}{subject}  {v.title(lang)}"
    lines = [head + finding + basis]
    pad = indent + " " * 14
    if v.kind == "decision":
        for o in v.options:
            by = f" by {', '.join(o.rules)}" if o.rules else ""
            mod = f" ({o.modality})" if o.modality else ""
            interp = " · interpretation" if o.basis == "interpretation" else ""
            miss = f" — missing: {', '.join(o.missing)}" if o.missing else ""
            lines.append(f"{pad}{o.option}: {o.outcome}{mod}{by}{interp}{miss}")
    by_methods = any(c.kind == "require" for c in v.trace.children)
    if v.status is Status.NON_COMPLIANT and v.kind != "decision" and not by_methods:
        for cond in failed_conditions(v.trace)[:8]:
            lines.append(f"{pad}failed: {cond.label or cond.kind}")
            lines.extend(f"{pad}  {r}" for r in _reads(cond)[:6])
    if v.status is Status.UNKNOWN and v.missing:
        lines.append(f"{pad}missing: {', '.join(v.missing)}")
    if v.reason and (v.status in (Status.NOT_APPLICABLE, Status.CONFLICT)
                     or (v.kind == "decision" and v.status is Status.NON_COMPLIANT)):
        lines.append(f"{pad}reason: {v.reason}")
    if v.explanation.get(lang):
        lines.append(f"{pad}{v.explanation[lang]}")
    if v.status in (Status.NON_COMPLIANT, Status.UNKNOWN, Status.CONFLICT):
        for c in v.citations:
            lines.append(f"{pad}cite: {c.display(lang)}")
        if v.ambiguities:
            lines.append(f"{pad}ambiguities: {', '.join(v.ambiguities)}")
    return lines


def render_text(report: Report, lang: str = "en") -> str:
    """A terminal report: a line per verdict (status, id, title), and for a non-compliant or
    unknown verdict the failed conditions or missing facts and the clause cited."""
    out = [
        f"govrules report for {report.facts_source}",
        f"as of {format_both(report.as_of)}",
        f"policy set sha256 {report.policy_sha256[:16]}…  facts sha256 "
        f"{report.facts_sha256[:16]}…",
        "",
    ]
    for v in report.verdicts:
        out.extend(_verdict_lines(v, lang))
    counts = report.summary()
    violations = sum(1 for v in report.verdicts if v.finding == "violation")
    advisories = sum(1 for v in report.verdicts if v.finding == "advisory")
    out.append("")
    out.append(
        "summary: " + ", ".join(f"{n} {s}" for s, n in counts.items())
        + f" ({violations} violation{'s' if violations != 1 else ''}, "
        f"{advisories} advisor{'ies' if advisories != 1 else 'y'})"
    )
    for w in report.warnings:
        out.append(f"warning: {w.span.location()}: {w.message}")
    return "\n".join(out) + "\n"
