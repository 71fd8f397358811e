"""Verdicts, traces and reports: the plain, frozen data the evaluator produces.

Renderers only read these objects. Everything here converts to JSON-able dicts with a stable key
order, so that the same policies and facts give byte-identical JSON in any process.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import json
from collections.abc import Iterator
from typing import Any

import attrs

from .dates import format_both
from .errors import Diagnostic, printable

__all__ = [
    "FORMAT_VERSION",
    "CitationRef",
    "FactRead",
    "OptionOutcome",
    "PolicyInfo",
    "Report",
    "Status",
    "TraceNode",
    "Verdict",
    "json_value",
    "printable",
]

FORMAT_VERSION = "1"
"""Version of the JSON report format; bumped on any incompatible change."""


class Status(enum.Enum):
    """The five verdict statuses of DESIGN.md."""

    COMPLIANT = "compliant"
    NON_COMPLIANT = "non_compliant"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"
    CONFLICT = "conflict"


def json_value(value: object) -> object:
    """A JSON-able, deterministic form of a fact or expression value."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, frozenset | set):
        return sorted(json_value(v) for v in value)  # type: ignore[type-var]
    if isinstance(value, tuple | list):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in sorted(value.items())}
    return str(value)


def display_value(value: object, lang: str = "en") -> str:
    """A short human-readable form of a value, for text reports and templates (texts made
    :func:`printable`); ``lang`` is the language of the one word it may add (``[3 items]``)."""
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return format_both(value)
    if isinstance(value, frozenset | set):
        return "{" + ", ".join(sorted(printable(str(v)) for v in value)) + "}"
    if isinstance(value, str):
        shown = printable(value)
        return f'"{shown}"' if " " in shown or not shown else shown
    if isinstance(value, tuple | list):
        return f"[{len(value)} รายการ]" if lang == "th" else f"[{len(value)} items]"
    return str(value)


@attrs.frozen
class FactRead:
    """One fact value the evaluator read: the fact, its key path in the file, and the value.

    ``present`` is False when the facts file does not give it (the value is then None).
    ``location`` is ``file:line:column`` of the value in the facts file, where known.
    """

    fact: str
    key_path: str
    value: object
    present: bool
    location: str | None = None

    def to_dict(self) -> dict[str, object]:
        """A JSON-able form."""
        return {
            "fact": self.fact,
            "key_path": self.key_path,
            "present": self.present,
            "value": json_value(self.value),
            "location": self.location,
        }


@attrs.frozen
class TraceNode:
    """One step of an explanation: a condition or sub-expression, its value and its inputs.

    ``value`` is the computed value (True/False/None for unknown in conditions, or a number,
    text, date or set); ``known`` is False when missing facts left it undecided. ``reads`` are
    the fact values this node read itself; ``children`` its sub-expressions.
    """

    kind: str
    label: str
    value: object
    known: bool
    location: str | None = None
    reads: tuple[FactRead, ...] = ()
    children: tuple[TraceNode, ...] = ()
    note: str | None = None

    def walk(self) -> Iterator[TraceNode]:
        """This node and all below it, depth first."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def to_dict(self) -> dict[str, object]:
        """A JSON-able form."""
        out: dict[str, object] = {
            "kind": self.kind,
            "label": self.label,
            "value": json_value(self.value) if self.known else None,
            "known": self.known,
        }
        if self.location:
            out["location"] = self.location
        if self.note:
            out["note"] = self.note
        if self.reads:
            out["reads"] = [r.to_dict() for r in self.reads]
        if self.children:
            out["children"] = [c.to_dict() for c in self.children]
        return out


@attrs.frozen
class CitationRef:
    """A citation as reports show it: the document, the normalised clause path, as written."""

    document: str
    document_title: dict[str, str]
    path: str
    written: str

    def to_dict(self) -> dict[str, object]:
        """A JSON-able form."""
        return {
            "document": self.document,
            "document_title": dict(sorted(self.document_title.items())),
            "path": self.path,
            "written": self.written,
        }

    def display(self, lang: str = "en") -> str:
        """``Document title, issue 1.1, measure 1.1.3`` (in Thai, ``…, ประเด็น 1.1, มาตรการ
        1.1.3``)."""
        title = self.document_title.get(lang) or self.document_title.get("en") or self.document
        path = self.path_in(lang)
        return f"{title}, {path}" if path else title

    def path_in(self, lang: str = "en") -> str:
        """The clause path with its words in ``lang`` (numbers and quoted text as they are)."""
        from .render.labels import citation_path

        return citation_path(self.path, lang)


@attrs.frozen
class OptionOutcome:
    """What a decision concluded for one option and one subject.

    ``outcome`` is ``allowed``, ``recommended``, ``excluded``, ``not_addressed`` (no rule
    speaks of it), ``unknown`` or ``conflict``. ``rules`` are the rules that decided it,
    ``modality`` the strongest modality among them, ``basis`` ``law`` or ``interpretation``.
    """

    option: str
    outcome: str
    rules: tuple[str, ...] = ()
    modality: str | None = None
    basis: str = "law"
    missing: tuple[str, ...] = ()
    titles: dict[str, str] = attrs.field(factory=dict)

    def to_dict(self) -> dict[str, object]:
        """A JSON-able form."""
        return {
            "option": self.option,
            "titles": dict(sorted(self.titles.items())),
            "outcome": self.outcome,
            "rules": list(self.rules),
            "modality": self.modality,
            "basis": self.basis,
            "missing": list(self.missing),
        }


@attrs.frozen
class Verdict:
    """The verdict on one measure, method or decision subject.

    ``finding`` says what a non-compliant verdict means under its modality: ``violation``
    (must, must not), ``advisory`` (should) or ``none`` (may: an option not taken; consider).
    ``ambiguities`` name the entries of the domain inventory's list of ambiguities (A1–A31)
    that the rule touches; ``actors`` who the duty falls on when it is not the agency.
    ``basis`` is ``law`` or ``interpretation`` — the latter when the conclusion rests on a
    rule the policy marks as the project's interpretation. ``missing`` lists, for an unknown
    verdict, the key paths of the facts whose absence left it undecided.
    """

    rule_id: str
    kind: str
    status: Status
    modality: str
    policy: str
    titles: dict[str, str]
    citations: tuple[CitationRef, ...]
    trace: TraceNode
    finding: str | None = None
    basis: str = "law"
    interpretations: dict[str, str] = attrs.field(factory=dict)
    missing: tuple[str, ...] = ()
    reason: str | None = None
    source_text: dict[str, str] = attrs.field(factory=dict)
    explanation: dict[str, str] = attrs.field(factory=dict)
    parent: str | None = None
    subject: str | None = None
    subject_label: str | None = None
    options: tuple[OptionOutcome, ...] = ()
    ambiguities: tuple[str, ...] = ()
    actors: dict[str, str] = attrs.field(factory=dict)

    @property
    def key(self) -> str:
        """Unique id of this verdict in a report: the rule id, with the subject if any."""
        return f"{self.rule_id}[{self.subject}]" if self.subject else self.rule_id

    def title(self, lang: str = "en") -> str:
        """The title in ``lang``, falling back to the other language and then the id."""
        return self.titles.get(lang) or next(iter(self.titles.values()), self.rule_id)

    def option(self, option_id: str) -> OptionOutcome | None:
        """The outcome for one option of a decision verdict."""
        return next((o for o in self.options if o.option == option_id), None)

    @property
    def chosen(self) -> str | None:
        """The option the agency chose, for a decision verdict whose ``chosen`` value is
        known (read from the trace, where the evaluation recorded it); else None."""
        for node in self.trace.children:
            if node.note == "chosen option" and node.known and isinstance(node.value, str):
                return node.value
        return None

    def to_dict(self) -> dict[str, object]:
        """A JSON-able form with a stable key order."""
        out: dict[str, object] = {
            "id": self.rule_id,
            "kind": self.kind,
            "status": self.status.value,
            "modality": self.modality,
            "finding": self.finding,
            "basis": self.basis,
            "policy": self.policy,
            "parent": self.parent,
            "subject": self.subject,
            "subject_label": self.subject_label,
            "titles": dict(sorted(self.titles.items())),
            "citations": [c.to_dict() for c in self.citations],
            "source_text": dict(sorted(self.source_text.items())),
            "interpretations": dict(sorted(self.interpretations.items())),
            "ambiguities": list(self.ambiguities),
            "actors": dict(sorted(self.actors.items())),
            "reason": self.reason,
            "missing": list(self.missing),
            "explanation": dict(sorted(self.explanation.items())),
        }
        if self.kind == "decision":
            out["options"] = [o.to_dict() for o in self.options]
            out["chosen"] = self.chosen
        out["trace"] = self.trace.to_dict()
        return out


@attrs.frozen
class PolicyInfo:
    """One policy of the set a report was made against: what names the rules that were applied.

    ``in_force`` says whether the policy's ``effective`` period contains the report's date;
    ``applies`` is the value of its ``applies when`` conditions for the facts evaluated: True,
    False, or None when facts they need are missing (named in ``missing``). A policy without
    conditions applies. ``interpretations`` and ``ambiguities`` are the policy header's own,
    when its period or addressees are the project's reading rather than the source's text.
    """

    id: str
    version: str | None
    titles: dict[str, str]
    source: str | None
    source_titles: dict[str, str]
    source_dated: dt.date | None
    effective_from: dt.date | None
    effective_until: dt.date | None
    in_force: bool
    applies: bool | None
    missing: tuple[str, ...] = ()
    interpretations: dict[str, str] = attrs.field(factory=dict)
    ambiguities: tuple[str, ...] = ()

    def title(self, lang: str = "en") -> str:
        """The title in ``lang``, falling back to the other language and then the id."""
        return self.titles.get(lang) or next(iter(self.titles.values()), self.id)

    def source_title(self, lang: str = "en") -> str | None:
        """The source document's title in ``lang``, falling back to the other language and
        then its id; None for a policy that names no source."""
        if self.source is None:
            return None
        return self.source_titles.get(lang) or next(iter(self.source_titles.values()),
                                                     self.source)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able form with a stable key order."""
        def day(d: dt.date | None) -> str | None:
            return d.isoformat() if d is not None else None

        return {
            "id": self.id,
            "version": self.version,
            "titles": dict(sorted(self.titles.items())),
            "source": None if self.source is None else {
                "id": self.source,
                "titles": dict(sorted(self.source_titles.items())),
                "dated": day(self.source_dated),
            },
            "effective": None if self.effective_from is None else {
                "from": day(self.effective_from),
                "until": day(self.effective_until),
            },
            "in_force": self.in_force,
            "applies": self.applies,
            "missing": list(self.missing),
            "interpretations": dict(sorted(self.interpretations.items())),
            "ambiguities": list(self.ambiguities),
        }


@attrs.frozen
class Report:
    """The result of evaluating one facts file against a policy set.

    ``policies`` names every policy of the set (in natural id order), with its version, source
    and whether it was in force and applied for these facts on the report's date.
    """

    policy_sha256: str
    facts_sha256: str
    facts_source: str
    as_of: dt.date
    verdicts: tuple[Verdict, ...]
    warnings: tuple[Diagnostic, ...] = ()
    engine_version: str = ""
    policies: tuple[PolicyInfo, ...] = ()

    def __iter__(self) -> Iterator[Verdict]:
        return iter(self.verdicts)

    def verdict(self, rule_id: str, subject: str | None = None) -> Verdict:
        """The verdict of ``rule_id`` and, for a decision with a verdict per subject,
        ``subject`` (``"agency.positions[0]"``); ``rule_id`` may also be a verdict's whole
        :attr:`~Verdict.key` (``"work_pattern[agency.positions[0]]"``).

        Raises ``KeyError`` when there is no such verdict, or when a decision has several
        subjects and none is given (the message lists them).
        """
        if subject is None and rule_id.endswith("]") and "[" in rule_id:
            rule_id, _, subject = rule_id[:-1].partition("[")
        found = [v for v in self.verdicts
                 if v.rule_id == rule_id and (subject is None or v.subject == subject)]
        if len(found) == 1:
            return found[0]
        if not found:
            of = f" for subject `{subject}`" if subject is not None else ""
            raise KeyError(f"no verdict of `{rule_id}`{of} in this report")
        subjects = ", ".join(f"`{v.subject}`" for v in found[:5])
        more = f" and {len(found) - 5} more" if len(found) > 5 else ""
        raise KeyError(f"`{rule_id}` has a verdict per subject: give subject=, one of "
                       f"{subjects}{more}")

    def labelled(self, key: str) -> tuple[Verdict, ...]:
        """The verdicts a key written with a subject's label names, as the reports show it
        (``work_pattern[P-103]``): none when ``key`` has no ``[label]``, several when subjects
        share the label."""
        if not (key.endswith("]") and "[" in key):
            return ()
        rule, _, label = key[:-1].partition("[")
        return tuple(v for v in self.verdicts if v.rule_id == rule.strip()
                     and v.subject_label is not None and v.subject_label == label.strip())

    def summary(self) -> dict[str, int]:
        """Number of verdicts per status, every status present."""
        counts = {s.value: 0 for s in Status}
        for v in self.verdicts:
            counts[v.status.value] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able form with a stable key order."""
        return {
            "format_version": FORMAT_VERSION,
            "engine_version": self.engine_version,
            "policy_sha256": self.policy_sha256,
            "facts_sha256": self.facts_sha256,
            "facts_source": self.facts_source,
            "as_of": self.as_of.isoformat(),
            "policies": [p.to_dict() for p in self.policies],
            "summary": self.summary(),
            "verdicts": [v.to_dict() for v in self.verdicts],
            "warnings": [w.to_dict() for w in self.warnings],
        }

    def to_json(self, indent: int | None = 2) -> str:
        """Stable JSON: the same inputs give the same bytes, in any process."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent) + "\n"
