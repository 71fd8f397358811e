"""The HTML audit report: one self-contained, printable file.

No external assets and no script: the CSS is inline, the fonts are the Thai fonts of the
reader's system. Everything that comes from policies or facts is escaped with
:func:`html.escape`. The layout, from the top: the provenance (facts file, ``as_of`` in both
calendars, both hashes, versions), the policies evaluated (version, source, whether in force and
applicable, and the interpretations of their headers), a summary by status and by modality, the
findings, a legend of law versus interpretation, then one ``<section>`` per measure (its methods
inside it) and per decision subject, each with its status, citation and source text, the
interpretation it rests on, the ambiguities it touches, the facts it used and where each came
from, and its trace as nested lists.
"""

from __future__ import annotations

import html

from ..verdict import CitationRef, FactRead, Report, Status, TraceNode, Verdict
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

__all__ = ["render_html"]

_CSS = """
:root { --ok: #1b6e2d; --bad: #b3261e; --unk: #8a5a00; --na: #5f6368; --conf: #7b1fa2;
        --law: #0b57d0; --interp: #a04a00; --line: #d0d4da; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans Thai", "Noto Sans", "TH Sarabun New", Sarabun, Loma, Garuda,
       "Tlwg Typo", "DejaVu Sans", sans-serif; line-height: 1.55; color: #1f1f1f;
       max-width: 72rem; margin: 0 auto; padding: 1.5rem; font-size: 15px; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; margin: 0; }
h3 { font-size: 1.05rem; margin: 0; }
h4 { font-size: .95rem; margin: 1rem 0 .3rem; color: #444; }
code, .mono { font-family: "DejaVu Sans Mono", "Noto Sans Mono", "Tlwg Mono", monospace;
              font-size: .88em; overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: .4rem 0; }
th, td { border: 1px solid var(--line); padding: .25rem .55rem; text-align: left;
         vertical-align: top; }
th { background: #f3f4f6; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem;
          margin: .5rem 0; }
dl.meta dt { font-weight: 600; color: #444; }
dl.meta dd { margin: 0; }
header.report { border-bottom: 3px solid #1f1f1f; padding-bottom: .8rem; margin-bottom: 1rem; }
section.verdict { border: 1px solid var(--line); border-left: 6px solid var(--na);
                  border-radius: 4px; padding: .8rem 1rem; margin: 1.2rem 0; }
section.method { margin: .9rem 0 .3rem; border-left-width: 4px; }
section.status-compliant { border-left-color: var(--ok); }
section.status-non_compliant { border-left-color: var(--bad); }
section.status-unknown { border-left-color: var(--unk); }
section.status-not_applicable { border-left-color: var(--na); }
section.status-conflict { border-left-color: var(--conf); }
.head { display: flex; flex-wrap: wrap; gap: .5rem; align-items: baseline; }
.status { display: inline-block; padding: .05rem .5rem; border-radius: 3px; color: #fff;
          font-weight: 700; font-size: .85rem; white-space: nowrap; }
.status.compliant { background: var(--ok); } .status.non_compliant { background: var(--bad); }
.status.unknown { background: var(--unk); } .status.not_applicable { background: var(--na); }
.status.conflict { background: var(--conf); }
.basis { display: inline-block; padding: 0 .45rem; border-radius: 3px; font-size: .8rem;
         font-weight: 700; border: 2px solid; white-space: nowrap; }
.basis.law { color: var(--law); border-color: var(--law); }
.basis.interpretation { color: var(--interp); border-color: var(--interp);
                        background: #fff4e5; }
.finding { font-weight: 700; }
.finding.violation { color: var(--bad); } .finding.advisory { color: var(--unk); }
blockquote { margin: .4rem 0; padding: .4rem .8rem; border-left: 4px solid var(--line);
             background: #fafafa; }
blockquote.source { border-left-color: var(--law); }
blockquote.interpretation { border-left-color: var(--interp); background: #fff8ef; }
blockquote .lang { font-size: .75rem; color: #666; font-weight: 700; margin-right: .4rem; }
ul.trace, ul.trace ul { list-style: none; margin: 0; padding-left: 1.2rem;
                        border-left: 1px dotted #999; }
ul.trace { padding-left: .6rem; }
ul.trace li { margin: .12rem 0; }
.v-true { color: var(--ok); font-weight: 700; } .v-false { color: var(--bad); font-weight: 700; }
.v-unknown { color: var(--unk); font-weight: 700; } .v-other { font-weight: 700; }
.note { font-size: .8rem; color: #555; font-style: italic; }
.loc { font-size: .78rem; color: #666; }
.missing { color: var(--unk); font-weight: 600; }
td.outcome.excluded, td.outcome.conflict { color: var(--bad); font-weight: 700; }
td.outcome.recommended { color: var(--ok); font-weight: 700; }
td.outcome.unknown { color: var(--unk); font-weight: 700; }
nav.toc ol { columns: 2; }
footer { margin-top: 2rem; border-top: 1px solid var(--line); padding-top: .5rem;
         font-size: .85rem; color: #555; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  section.verdict { break-inside: avoid-page; }
  section.verdict.measure { break-inside: auto; }
  a { color: inherit; text-decoration: none; }
  nav.toc { display: none; }
  .status, .basis.interpretation, th { -webkit-print-color-adjust: exact;
                                       print-color-adjust: exact; }
  @page { margin: 15mm; }
}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _where_cell(read: FactRead, lang: str) -> str:
    """Where a fact came from: the location as code, the words around it as text (Thai in a
    code font loses its tone marks), and `not given` when the file has no place for it."""
    if not read.location:
        return _e(label("word.not_given", lang))
    if read.present:
        return f"<code>{_e(read.location)}</code>"
    return _e(label("word.absent_at", lang, where="\0")).replace(
        "\0", f"<code>{_e(read.location)}</code>")


def _rich(text: str) -> str:
    """A label whose backquoted parts are code, as escaped HTML."""
    parts = text.split("`")
    return "".join(f"<code>{_e(p)}</code>" if i % 2 else _e(p) for i, p in enumerate(parts))


def _anchor(v: Verdict) -> str:
    return _anchor_key(v.key)


def _anchor_key(key: str) -> str:
    """An id for the section of a verdict: injective, so two keys never share one."""
    return "v-" + "".join(c if c.isascii() and (c.isalnum() or c in "-.") else f"_{ord(c):x}_"
                          for c in key)


def _status(status: Status, lang: str) -> str:
    return f'<span class="status {status.value}">{_e(status_label(status.value, lang))}</span>'


def _basis(basis: str, lang: str) -> str:
    return (f'<span class="basis {_e(basis)}" title="{_e(label(f"basis.{basis}.long", lang))}">'
            f'{_e(basis_label(basis, lang))}</span>')


def _value_class(node: TraceNode) -> str:
    if not node.known:
        return "v-unknown"
    if node.value is True or node.value == "compliant":
        return "v-true"
    if node.value is False or node.value == "non_compliant":
        return "v-false"
    return "v-other"


def _trace(node: TraceNode, lang: str, anchors: dict[str, str]) -> str:
    parts = [f'<li><code>{_e(node.label or node.kind)}</code> → '
             f'<span class="{_value_class(node)}">{_e(node_value(node, lang))}</span>']
    if node.note:
        parts.append(f' <span class="note">({_e(node.note)})</span>')
    if node.location:
        parts.append(f' <span class="loc">{_e(node.location)}</span>')
    for r in node.reads:
        where = f" @ {fact_where(r, lang)}" if r.location else ""
        parts.append(f'<br><span class="loc">{_e(r.key_path)} = {_e(fact_value(r, lang))}'
                     f'{_e(where)}</span>')
    if is_method_link(node):
        target = node.children[0].label.removeprefix("method ")
        href = anchors.get(target)
        if href:
            parts.append(f' <a href="#{_e(href)}">↓</a>')
        parts.append("</li>")
        return "".join(parts)
    if node.children:
        parts.append("<ul>")
        parts.extend(_trace(c, lang, anchors) for c in node.children)
        parts.append("</ul>")
    parts.append("</li>")
    return "".join(parts)


def _citation(c: CitationRef, lang: str) -> str:
    title = c.document_title.get(lang) or c.document_title.get("en") or c.document
    written = (f' <span class="loc">({_e(label("field.written", lang))}: {_e(c.written)})'
               f'</span>') if c.written and c.written != c.path else ""
    path = f", {_e(c.path_in(lang))}" if c.path else ""
    return f"<li>{_e(title)}{path}{written} <span class=\"loc\">[{_e(c.document)}]</span></li>"


def _texts(texts: dict[str, str], css: str, lang: str) -> str:
    """A quote of each language's text: Thai first (the source), then the other."""
    out = []
    for code in sorted(texts, key=lambda k: (k != "th", k)):
        if code != "th" and code != lang:
            continue
        out.append(f'<blockquote class="{css}" lang="{_e(code)}"><span class="lang">'
                   f'{_e(code.upper())}</span>{_e(texts[code])}</blockquote>')
    return "".join(out)


def _verdict(v: Verdict, lang: str, anchors: dict[str, str], methods: tuple[Verdict, ...],
             level: int) -> str:
    h = f"h{level}"
    css = f"verdict {v.kind} status-{v.status.value}"
    subject = f" [{_e(v.subject_label or v.subject)}]" if v.subject else ""
    out = [f'<section class="{_e(css)}" id="{_e(anchors[v.key])}" data-key="{_e(v.key)}">',
           f'<div class="head"><{h}>{_status(v.status, lang)} <code>{_e(v.rule_id)}</code>'
           f'{subject} {_e(v.title(lang))}</{h}> {_basis(v.basis, lang)}</div>',
           '<dl class="meta">']

    def row(key: str, value_html: str) -> None:
        out.append(f"<dt>{_e(label(key, lang))}</dt><dd>{value_html}</dd>")

    row("field.status", _e(status_label(v.status.value, lang)))
    row("field.modality", _e(modality_with_word(v.modality, lang)))
    if v.finding:
        row("field.finding", f'<span class="finding {_e(v.finding)}">'
                             f'{_e(finding_label(v.finding, lang))}</span>')
    row("field.basis", f"{_basis(v.basis, lang)} {_e(label(f'basis.{v.basis}.long', lang))}")
    if v.subject:
        row("field.subject", f"<code>{_e(v.subject)}</code>"
            + (f" ({_e(v.subject_label)})" if v.subject_label else ""))
    chosen = v.chosen if v.kind == "decision" else None
    if chosen:
        row("word.chosen_option", f"<code>{_e(chosen)}</code>")
    if v.reason:
        row("field.reason", _rich(reason_text(v.reason, lang)))
    if v.missing:
        row("field.missing", ", ".join(f'<code class="missing">{_e(m)}</code>'
                                        for m in v.missing))
    if v.actors:
        actor = v.actors.get(lang) or next(iter(v.actors.values()))
        row("field.actors", _e(actor))
    if v.ambiguities:
        row("field.ambiguities", ", ".join(f"<strong>{_e(a)}</strong>" for a in v.ambiguities))
    out.append("</dl>")
    if v.explanation.get(lang):
        out.append(f"<p class=\"explanation\">{_e(v.explanation[lang])}</p>")
    if v.citations:
        out.append(f"<h4>{_e(label('field.citation', lang))}</h4><ul class=\"citations\">")
        out.extend(_citation(c, lang) for c in v.citations)
        out.append("</ul>")
    if v.source_text:
        out.append(f"<h4>{_e(label('field.source_text', lang))}</h4>")
        out.append(_texts(v.source_text, "source", lang))
    if v.interpretations:
        out.append(f"<h4>{_e(label('field.interpretation', lang))}</h4>")
        out.append(_texts(v.interpretations, "interpretation", lang))
    if v.kind == "decision" and v.options:
        out.append(f"<h4>{_e(label('field.options', lang))}</h4><table class=\"options\">"
                   f"<tr><th>{_e(label('field.option', lang))}</th>"
                   f"<th>{_e(label('field.outcome', lang))}</th>"
                   f"<th>{_e(label('field.modality', lang))}</th>"
                   f"<th>{_e(label('field.rules', lang))}</th>"
                   f"<th>{_e(label('field.basis', lang))}</th></tr>")
        for o in v.options:
            title = o.titles.get(lang) or o.titles.get("en") or ""
            miss = (f'<br><span class="missing">{_e(label("word.missing", lang))}: '
                    f'{_e(", ".join(o.missing))}</span>') if o.missing else ""
            mark = (f' <strong class="chosen">✔ {_e(label("word.chosen", lang))}</strong>'
                    if o.option == chosen else "")
            out.append(f"<tr><td><code>{_e(o.option)}</code> {_e(title)}{mark}</td>"
                       f'<td class="outcome {_e(o.outcome)}">'
                       f"{_e(outcome_label(o.outcome, lang))}{miss}</td>"
                       f"<td>{_e(modality_with_word(o.modality, lang)) if o.modality else ''}"
                       f"</td><td>{_e(', '.join(o.rules))}</td>"
                       f"<td>{_basis(o.basis, lang)}</td></tr>")
        out.append("</table>")
    reads = facts_used(v.trace)
    out.append(f"<h4>{_e(label('field.facts_used', lang))}</h4>")
    if reads:
        out.append(f"<table class=\"facts\"><tr><th>{_e(label('field.fact', lang))}</th>"
                   f"<th>{_e(label('field.value', lang))}</th>"
                   f"<th>{_e(label('field.where', lang))}</th></tr>")
        for r in reads:
            cls = "" if r.present else ' class="missing"'
            out.append(f"<tr><td><code>{_e(r.key_path)}</code></td>"
                       f"<td{cls}>{_e(fact_value(r, lang))}</td>"
                       f"<td>{_where_cell(r, lang)}</td></tr>")
        out.append("</table>")
    else:
        out.append(f"<p>{_e(label('sentence.not_read', lang))}</p>")
    out.append(f"<h4>{_e(label('field.trace', lang))}</h4>")
    out.append(f'<ul class="trace">{_trace(v.trace, lang, anchors)}</ul>')
    for m in methods:
        out.append(_verdict(m, lang, anchors, (), level + 1))
    out.append("</section>")
    return "\n".join(out)


def _policies(report: Report, lang: str) -> str:
    """The policies the report was made against, as a table, then the interpretations of
    their headers."""
    if not report.policies:
        return ""
    heads = [label(k, lang) for k in POLICY_COLUMNS]
    out = [f"<section class=\"policies\"><h2>{_e(label('heading.policies', lang))}</h2>",
           "<table class=\"policies\"><tr>" + "".join(f"<th>{_e(h)}</th>" for h in heads)
           + "</tr>"]
    for p in report.policies:
        cells = [f"<code>{_e(p.id)}</code>", _e(p.version or "—"), _e(p.title(lang)),
                 _e(p.source_title(lang) or "—"), _e(policy_period(p, lang)),
                 _e(policy_applies(p, lang)),
                 _basis("interpretation" if p.interpretations else "law", lang)]
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out.append("</table>")
    for p in report.policies:
        if p.interpretations:
            out.append(f"<h4>{_e(label('field.interpretation', lang))} "
                       f"(<code>{_e(p.id)}</code>)</h4>")
            out.append(_texts(p.interpretations, "interpretation", lang))
    out.append("</section>")
    return "\n".join(out)


def _summary(report: Report, lang: str) -> str:
    statuses = [s.value for s in Status]
    counts = report.summary()
    out = [f"<section class=\"summary\"><h2>{_e(label('heading.summary', lang))}</h2>",
           f"<h4>{_e(label('heading.by_status', lang))}</h4>",
           f"<table class=\"by-status\"><tr><th>{_e(label('field.status', lang))}</th>"
           f"<th>{_e(label('field.count', lang))}</th></tr>"]
    for s in statuses:
        out.append(f"<tr><td>{_status(Status(s), lang)}</td>"
                   f"<td class=\"num\">{counts[s]}</td></tr>")
    out.append(f"<tr><th>{_e(label('word.total', lang))}</th>"
               f"<td class=\"num\">{len(report.verdicts)}</td></tr></table>")
    out.append(f"<h4>{_e(label('heading.by_modality', lang))}</h4>"
               f"<table class=\"by-modality\"><tr><th>{_e(label('field.modality', lang))}</th>")
    out.extend(f"<th>{_e(status_label(s, lang))}</th>" for s in statuses)
    out.append("</tr>")
    for modality, row in counts_by_modality(report):
        out.append(f"<tr><td>{_e(modality_with_word(modality, lang))}</td>")
        out.extend(f'<td class="num">{row[s]}</td>' for s in statuses)
        out.append("</tr>")
    out.append("</table>")
    findings = [v for v in report.verdicts if v.finding in ("violation", "advisory")]
    out.append(f"<h4>{_e(label('heading.findings', lang))}</h4>")
    if findings:
        out.append("<ul class=\"findings\">")
        for v in findings:
            subject = f" [{_e(v.subject_label or v.subject)}]" if v.subject else ""
            out.append(f'<li><span class="finding {_e(v.finding or "")}">'
                       f'{_e(finding_label(v.finding, lang))}</span>: '
                       f'<a href="#{_e(_anchor(v))}"><code>{_e(v.rule_id)}</code>{subject}</a> '
                       f'{_e(v.title(lang))} {_basis(v.basis, lang)}</li>')
        out.append("</ul>")
    else:
        out.append(f"<p>{_e(label('sentence.no_findings', lang))}</p>")
    cited = ambiguities_cited(report)
    if cited:
        out.append(f"<h4>{_e(label('heading.ambiguities', lang))}</h4>"
                   f"<p>{_e(label('sentence.ambiguities', lang))}</p><ul class=\"ambiguities\">")
        for amb, keys in cited:
            links = ", ".join(f'<a href="#{_e(_anchor_key(k))}"><code>{_e(k)}</code></a>'
                              for k in keys)
            out.append(f"<li><strong>{_e(amb)}</strong>: {links}</li>")
        out.append("</ul>")
    out.append(f"<p class=\"legend\">{_basis('law', lang)} {_basis('interpretation', lang)} "
               f"{_e(label('sentence.legend', lang))}</p></section>")
    return "\n".join(out)


def render_html(report: Report, lang: str = "en") -> str:
    """The report as one self-contained HTML document in ``lang`` (``en`` or ``th``)."""
    anchors = {v.key: _anchor(v) for v in report.verdicts}
    title = label("report.html_title", lang)
    meta = [
        ("field.facts_source", f"<code>{_e(report.facts_source)}</code>"),
        ("field.as_of", _e(date_both(report.as_of, lang))),
        ("field.policy_sha256", f"<code>{_e(report.policy_sha256)}</code>"),
        ("field.facts_sha256", f"<code>{_e(report.facts_sha256)}</code>"),
        ("field.engine", _e(report.engine_version or "?")),
        ("field.format", f"govrules JSON v{_e(_format_version())}"),
    ]
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)} — {_e(report.facts_source)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        '<header class="report">',
        f"<h1>{_e(title)}</h1>",
        '<dl class="meta">',
    ]
    out.extend(f"<dt>{_e(label(k, lang))}</dt><dd>{v}</dd>" for k, v in meta)
    out.append("</dl></header>")
    if report.policies:
        out.append(_policies(report, lang))
    out.append(_summary(report, lang))
    out.append(f"<nav class=\"toc\"><h2>{_e(label('heading.contents', lang))}</h2><ol>")
    gs = groups(report)
    for g in gs:
        v = g.verdict
        subject = f" [{_e(v.subject_label or v.subject)}]" if v.subject else ""
        out.append(f'<li><a href="#{_e(anchors[v.key])}"><code>{_e(v.rule_id)}</code>'
                   f"{subject}</a> — {_e(status_label(v.status.value, lang))}</li>")
    out.append("</ol></nav>")
    out.append(f"<main><h2>{_e(label('heading.verdicts', lang))}</h2>")
    for g in gs:
        out.append(_verdict(g.verdict, lang, anchors, g.methods, 2))
    out.append("</main>")
    if report.warnings:
        out.append(f"<section class=\"warnings\"><h2>{_e(label('heading.warnings', lang))}"
                   "</h2><ul>")
        for w in report.warnings:
            message, hint = warning_text(w, lang)
            help_ = f" ({_e(label('word.help', lang))}: {_rich(hint)})" if hint else ""
            out.append(f"<li><code>{_e(w.code)}</code> <code>{_e(w.span.location())}</code>: "
                       f"{_rich(message)}{help_}</li>")
        out.append("</ul></section>")
    out.append(f"<footer><h2>{_e(label('heading.verify', lang))}</h2>"
               f"<p>{_rich(label('sentence.verify', lang, as_of=report.as_of.isoformat()))}</p>"
               "</footer>")
    out.append("</body>\n</html>")
    return "\n".join(out) + "\n"


def _format_version() -> str:
    from ..verdict import FORMAT_VERSION

    return FORMAT_VERSION
