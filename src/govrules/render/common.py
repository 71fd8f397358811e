"""What the Markdown and HTML reports share: the facts a verdict used, trace values as words,
the grouping of method verdicts under their measure, and counts by status and modality."""

from __future__ import annotations

import attrs

from ..verdict import FactRead, PolicyInfo, Report, Status, TraceNode, Verdict, display_value
from .labels import date_both, label, modality_label, status_label

__all__ = [
    "MODALITY_ORDER",
    "Group",
    "ambiguities_cited",
    "counts_by_modality",
    "fact_value",
    "fact_where",
    "facts_used",
    "groups",
    "is_method_link",
    "modality_with_word",
    "node_value",
]

MODALITY_ORDER = ("must", "must_not", "should", "may", "consider")
"""The order modalities are listed in: strongest first."""


@attrs.frozen
class Group:
    """A measure with its method verdicts, or a decision verdict alone (``methods`` empty)."""

    verdict: Verdict
    methods: tuple[Verdict, ...] = ()


def groups(report: Report) -> list[Group]:
    """The verdicts of ``report`` in report order, each method under its measure."""
    methods: dict[str, list[Verdict]] = {}
    for v in report.verdicts:
        if v.kind == "method" and v.parent:
            methods.setdefault(v.parent, []).append(v)
    measures = {v.rule_id for v in report.verdicts if v.kind == "measure"}
    out: list[Group] = []
    for v in report.verdicts:
        if v.kind == "method" and v.parent in measures:
            continue
        out.append(Group(v, tuple(methods.get(v.rule_id, ())) if v.kind == "measure" else ()))
    return out


def facts_used(trace: TraceNode) -> list[FactRead]:
    """Every fact value the trace read, once per key path, in the order first read.

    The traces of a measure's methods are left out: each method lists its own facts.
    """
    seen: dict[str, FactRead] = {}
    stack = [trace]
    while stack:
        node = stack.pop()
        for r in node.reads:
            seen.setdefault(r.key_path, r)
        if not is_method_link(node):
            stack.extend(reversed(node.children))
    return list(seen.values())


def fact_value(read: FactRead, lang: str) -> str:
    """A fact value as shown in a report; ``not given`` when the facts file lacks it."""
    if not read.present:
        return label("word.not_given", lang)
    return display_value(read.value, lang)


def fact_where(read: FactRead, lang: str) -> str:
    """Where a fact value came from: ``file:line:col``; for an absent fact, the enclosing
    mapping it would go under."""
    if not read.location:
        return ""
    if read.present:
        return read.location
    return label("word.absent_at", lang, where=read.location)


def ambiguities_cited(report: Report) -> list[tuple[str, list[str]]]:
    """Each ambiguity some verdict depends on, with the keys of those verdicts.

    A method is left out when its measure is listed for the same ambiguity: the measure's
    section holds the method's.
    """
    from ..model import natural_key

    table: dict[str, list[str]] = {}
    for v in report.verdicts:
        for a in v.ambiguities:
            table.setdefault(a, []).append(v.key)
    parents = {v.key: v.parent for v in report.verdicts if v.kind == "method" and v.parent}
    out = []
    for amb, keys in sorted(table.items(), key=lambda kv: natural_key(kv[0])):
        listed = set(keys)
        out.append((amb, [k for k in keys if parents.get(k) not in listed]))
    return out


def node_value(node: TraceNode, lang: str) -> str:
    """The value of a trace node as a word: true/false/unknown, a status, or the value."""
    if not node.known:
        return label("word.unknown_value", lang)
    if node.value is True:
        return label("value.true", lang)
    if node.value is False:
        return label("value.false", lang)
    if node.kind in ("measure", "method", "decision") and isinstance(node.value, str) and \
            node.value in {s.value for s in Status}:
        return status_label(node.value, lang)
    return display_value(node.value, lang)


def is_method_link(node: TraceNode) -> bool:
    """True for the wrapper node a measure's trace has for each method: reports link to the
    method's own section instead of repeating its trace."""
    return node.kind == "method" and len(node.children) == 1 and \
        node.children[0].kind == "method"


def counts_by_modality(report: Report) -> list[tuple[str, dict[str, int]]]:
    """For each modality present (strongest first): the number of verdicts per status."""
    table: dict[str, dict[str, int]] = {}
    for v in report.verdicts:
        row = table.setdefault(v.modality, {s.value: 0 for s in Status})
        row[v.status.value] += 1
    order = {m: i for i, m in enumerate(MODALITY_ORDER)}
    return sorted(table.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))


def modality_with_word(modality: str, lang: str) -> str:
    """``must (ต้อง)`` in English reports, ``ต้อง (must)`` in Thai ones: the keyword stays visible."""
    word = modality_label(modality, lang)
    return word if word == modality.replace("_", " ") else f"{word} ({modality.replace('_', ' ')})"


POLICY_COLUMNS = ("field.policy", "field.version", "field.title", "field.source",
                  "field.in_force", "field.applies", "field.basis")
"""The labels of the columns of the policies table of the Markdown and HTML reports."""


def policy_period(policy: PolicyInfo, lang: str) -> str:
    """Whether a policy is in force on the report's date, with its period:
    ``in force from 2018-03-01 (2561-03-01 BE)``, or ``NOT in force on this date: …``."""
    start = policy.effective_from
    if start is None:
        return label("policy.no_period", lang)
    end = policy.effective_until
    dates = {"start": date_both(start, lang)}
    if end is not None:
        dates["end"] = date_both(end, lang)
    key = "in_force" if policy.in_force else "not_in_force"
    return label(f"policy.{key}_{'between' if end else 'from'}", lang, **dates)


def policy_applies(policy: PolicyInfo, lang: str) -> str:
    """Whether a policy's ``applies when`` conditions hold for the facts evaluated."""
    if policy.applies is None:
        return label("policy.applies.unknown", lang, facts=", ".join(policy.missing))
    return label("policy.applies.yes" if policy.applies else "policy.applies.no", lang)
