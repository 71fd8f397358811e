"""The Markdown report: for pull requests, wikis and tickets.

The same content as the HTML audit report in plain Markdown (CommonMark with GitHub tables): the
provenance, the policies evaluated, a summary by status and by modality, the findings, then one
section per measure (its methods below it) and per decision subject with its citation, source
text, interpretation, the facts used and where each came from, and the trace as a nested list.
Text from policies and facts is escaped so that it cannot start a heading, a list, a table cell
or a link.
"""

from __future__ import annotations

import re

from ..verdict import FactRead, Report, Status, TraceNode, Verdict
from .common import (
    POLICY_COLUMNS,
    ambiguities_cited,
    counts_by_modality,
    fact_value,
    fact_where,
    facts_used,
    groups,
    is_method_link,
    modality_with_word,
    node_value,
    policy_applies,
    policy_period,
)
from .labels import (
    basis_label,
    date_both,
    finding_label,
    label,
    outcome_label,
    reason_text,
    status_label,
    warning_text,
)

__all__ = ["render_markdown"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_LINE_START = re.compile(r"^([#+>-])")
_LINE_NUMBER = re.compile(r"^(\d+)([.)])")


def _md(text: object, line_start: bool = False) -> str:
    """Escape Markdown syntax in ``text`` and keep it on one line; with ``line_start``, also
    what would start a heading, a quote or a list at the beginning of a line."""
    escaped = _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    if line_start:
        escaped = _LINE_NUMBER.sub(r"\1\\\2", _LINE_START.sub(r"\\\1", escaped))
    return escaped


def _code(text: object) -> str:
    """``text`` as a code span, whatever backticks it holds."""
    s = " ".join(str(text).split()).replace("|", "\\|")
    fence = "`"
    while fence in s:
        fence += "`"
    pad = " " if s.startswith("`") or s.endswith("`") else ""
    return f"{fence}{pad}{s}{pad}{fence}"


def _where_md(read: FactRead, lang: str) -> str:
    """As :func:`govrules.render.html._where_cell`: code for the location, text around it."""
    if not read.location:
        return _md(label("word.not_given", lang))
    if read.present:
        return _code(read.location)
    return _md(label("word.absent_at", lang, where="\0")).replace("\0", _code(read.location))


def _rich(text: str) -> str:
    """A label whose backquoted parts are code: escaped text with code spans."""
    parts = text.split("`")
    # the text between code spans keeps its spaces at the ends: `Run `x` and` is not `Run`x`and`
    return "".join(_code(p) if i % 2 else _SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", p))
                   for i, p in enumerate(parts) if p)


def _status(status: Status, lang: str) -> str:
    return f"**{_md(status_label(status.value, lang))}**"


def _quoted(heading: str, texts: dict[str, str], lang: str, out: list[str]) -> None:
    """``heading:`` and a quote of each language's text, Thai first (the source's language),
    then ``lang``'s; nothing when there is no text."""
    shown = [code for code in sorted(texts, key=lambda k: (k != "th", k)) if code in ("th", lang)]
    if not shown:
        return
    out.append(f"{_md(heading)}:")
    out.append("")
    for code in shown:
        out.append(f"> **{code.upper()}** {_md(texts[code])}")
        out.append(">")
    out.pop()
    out.append("")


def _policies(report: Report, lang: str) -> list[str]:
    """The policies the report was made against, as a table, then the interpretations of
    their headers."""
    if not report.policies:
        return []
    heads = [label(k, lang) for k in POLICY_COLUMNS]
    out = [f"## {_md(label('heading.policies', lang))}", "",
           "| " + " | ".join(_md(h) for h in heads) + " |", "|" + "---|" * len(heads)]
    for p in report.policies:
        cells = [_code(p.id), _md(p.version or "—"), _md(p.title(lang)),
                 _md(p.source_title(lang) or "—"), _md(policy_period(p, lang)),
                 _md(policy_applies(p, lang)),
                 _basis("interpretation" if p.interpretations else "law", lang)]
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    for p in report.policies:
        _quoted(f"{label('field.interpretation', lang)} ({p.id})", p.interpretations, lang, out)
    return out


def _basis(basis: str, lang: str) -> str:
    word = _md(basis_label(basis, lang))
    return f"⚖ {word}" if basis == "law" else f"⚠ _{word}_"


def _trace(node: TraceNode, lang: str, depth: int, out: list[str]) -> None:
    pad = "  " * depth
    note = f" _({_md(node.note)})_" if node.note else ""
    loc = f" — {_md(node.location)}" if node.location else ""
    out.append(f"{pad}- {_code(node.label or node.kind)} → **{_md(node_value(node, lang))}**"
               f"{note}{loc}")
    for r in node.reads:
        out.append(f"{pad}  - {_code(r.key_path)} = {_md(fact_value(r, lang))}"
                   f" @ {_md(fact_where(r, lang))}")
    if is_method_link(node):
        return
    for c in node.children:
        _trace(c, lang, depth + 1, out)


def _verdict(v: Verdict, lang: str, level: int, out: list[str]) -> None:
    subject = f" \\[{_md(v.subject_label or v.subject)}\\]" if v.subject else ""
    out.append(f"{'#' * level} {_code(v.rule_id)}{subject} {_md(v.title(lang))}")
    out.append("")
    facts = [
        (label("field.status", lang), _status(v.status, lang)),
        (label("field.modality", lang), _md(modality_with_word(v.modality, lang))),
    ]
    if v.finding:
        facts.append((label("field.finding", lang), _md(finding_label(v.finding, lang))))
    facts.append((label("field.basis", lang),
                  f"{_basis(v.basis, lang)} — {_md(label(f'basis.{v.basis}.long', lang))}"))
    chosen = v.chosen if v.kind == "decision" else None
    if chosen:
        facts.append((label("word.chosen_option", lang), _code(chosen)))
    if v.reason:
        facts.append((label("field.reason", lang), _rich(reason_text(v.reason, lang))))
    if v.missing:
        facts.append((label("field.missing", lang), ", ".join(_code(m) for m in v.missing)))
    if v.actors:
        facts.append((label("field.actors", lang),
                      _md(v.actors.get(lang) or next(iter(v.actors.values())))))
    if v.ambiguities:
        facts.append((label("field.ambiguities", lang), ", ".join(_md(a) for a in v.ambiguities)))
    out.extend(f"- {_md(k)}: {val}" for k, val in facts)
    out.append("")
    if v.explanation.get(lang):
        out += [_md(v.explanation[lang], line_start=True), ""]
    for c in v.citations:
        title = c.document_title.get(lang) or c.document_title.get("en") or c.document
        written = f" ({_md(label('field.written', lang))}: {_md(c.written)})" \
            if c.written and c.written != c.path else ""
        path = f", {_md(c.path_in(lang))}" if c.path else ""
        out.append(f"{_md(label('field.citation', lang))}: {_md(title)}{path}{written}")
        out.append("")
    for key, texts in (("field.source_text", v.source_text),
                       ("field.interpretation", v.interpretations)):
        _quoted(label(key, lang), texts, lang, out)
    if v.kind == "decision" and v.options:
        heads = [label(k, lang) for k in ("field.option", "field.outcome", "field.modality",
                                          "field.rules", "field.basis")]
        out.append("| " + " | ".join(_md(h) for h in heads) + " |")
        out.append("|" + "---|" * len(heads))
        for o in v.options:
            title = o.titles.get(lang) or o.titles.get("en") or ""
            miss = ""
            if o.missing:
                names = ", ".join(_code(m) for m in o.missing)
                miss = f" ({_md(label('word.missing', lang))}: {names})"
            mark = f" **✔ {_md(label('word.chosen', lang))}**" if o.option == chosen else ""
            out.append(f"| {_code(o.option)} {_md(title)}{mark} | "
                       f"{_md(outcome_label(o.outcome, lang))}"
                       f"{miss} | {_md(modality_with_word(o.modality, lang)) if o.modality else ''}"
                       f" | {', '.join(_code(r) for r in o.rules)} | {_basis(o.basis, lang)} |")
        out.append("")
    reads = facts_used(v.trace)
    out.append(f"{_md(label('field.facts_used', lang))}:")
    out.append("")
    if reads:
        heads = [label(k, lang) for k in ("field.fact", "field.value", "field.where")]
        out.append("| " + " | ".join(_md(h) for h in heads) + " |")
        out.append("|---|---|---|")
        for r in reads:
            out.append(f"| {_code(r.key_path)} | {_md(fact_value(r, lang))} | "
                       f"{_where_md(r, lang)} |")
    else:
        out.append(_md(label("sentence.not_read", lang)))
    out.append("")
    out.append(f"{_md(label('field.trace', lang))}:")
    out.append("")
    _trace(v.trace, lang, 0, out)
    out.append("")


def render_markdown(report: Report, lang: str = "en") -> str:
    """The report as Markdown in ``lang`` (``en`` or ``th``)."""
    statuses = [s.value for s in Status]
    out = [f"# {_md(label('report.html_title', lang))}", ""]
    meta = [
        ("field.facts_source", _code(report.facts_source)),
        ("field.as_of", _md(date_both(report.as_of, lang))),
        ("field.policy_sha256", _code(report.policy_sha256)),
        ("field.facts_sha256", _code(report.facts_sha256)),
        ("field.engine", _md(report.engine_version or "?")),
    ]
    out.extend(f"- {_md(label(k, lang))}: {v}" for k, v in meta)
    out.append("")
    out.extend(_policies(report, lang))
    out += [f"## {_md(label('heading.summary', lang))}", ""]
    counts = report.summary()
    out.append(f"| {_md(label('field.status', lang))} | {_md(label('field.count', lang))} |")
    out.append("|---|---:|")
    out.extend(f"| {_md(status_label(s, lang))} | {counts[s]} |" for s in statuses)
    out.append(f"| **{_md(label('word.total', lang))}** | {len(report.verdicts)} |")
    out.append("")
    out.append("| " + " | ".join([_md(label("field.modality", lang))]
                                 + [_md(status_label(s, lang)) for s in statuses]) + " |")
    out.append("|---|" + "---:|" * len(statuses))
    for modality, row in counts_by_modality(report):
        out.append(f"| {_md(modality_with_word(modality, lang))} | "
                   + " | ".join(str(row[s]) for s in statuses) + " |")
    out += ["", f"### {_md(label('heading.findings', lang))}", ""]
    findings = [v for v in report.verdicts if v.finding in ("violation", "advisory")]
    for v in findings:
        subject = f" \\[{_md(v.subject_label or v.subject)}\\]" if v.subject else ""
        out.append(f"- {_md(finding_label(v.finding, lang))}: {_code(v.rule_id)}{subject} "
                   f"{_md(v.title(lang))} — {_basis(v.basis, lang)}")
    if not findings:
        out.append(_md(label("sentence.no_findings", lang)))
    cited = ambiguities_cited(report)
    if cited:
        out += ["", f"### {_md(label('heading.ambiguities', lang))}", "",
                _md(label("sentence.ambiguities", lang)), ""]
        out.extend(f"- **{_md(a)}**: {', '.join(_code(k) for k in keys)}" for a, keys in cited)
    out += ["", f"{_basis('law', lang)} · {_basis('interpretation', lang)}: "
            f"{_md(label('sentence.legend', lang))}", ""]
    out += [f"## {_md(label('heading.verdicts', lang))}", ""]
    for g in groups(report):
        _verdict(g.verdict, lang, 3, out)
        for m in g.methods:
            _verdict(m, lang, 4, out)
    if report.warnings:
        out += [f"## {_md(label('heading.warnings', lang))}", ""]
        for w in report.warnings:
            message, hint = warning_text(w, lang)
            help_ = f" ({_md(label('word.help', lang))}: {_rich(hint)})" if hint else ""
            out.append(f"- {_code(w.code)} {_code(w.span.location())}: {_rich(message)}{help_}")
        out.append("")
    out += [f"## {_md(label('heading.verify', lang))}", "",
            _rich(label("sentence.verify", lang, as_of=report.as_of.isoformat()))]
    return "\n".join(out) + "\n"
