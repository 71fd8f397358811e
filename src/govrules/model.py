"""A checked policy set: the declarations and rules of a folder of ``.pol`` files, resolved.

The checker (:mod:`govrules.checker`) builds a :class:`PolicySet` only when there are no errors;
the evaluator accepts nothing else, so nothing unchecked is ever evaluated.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Literal

import attrs

from . import ast
from .errors import Diagnostic
from .facttypes import EXACT, EnumType, FactDecl, RecordType, Type

if TYPE_CHECKING:
    from .verdict import Report

__all__ = [
    "MAX_UNKNOWN_RULES",
    "CheckedDecision",
    "CheckedMeasure",
    "PolicySet",
    "Resolution",
    "in_force",
    "natural_key",
    "option_outcome",
    "resolve_name",
    "resolve_outcome",
    "rule_beats",
    "rule_precedence",
]


@attrs.frozen
class CheckedMeasure:
    """A measure with the policy it belongs to."""

    measure: ast.MeasureDef
    policy: ast.PolicyDef


@attrs.frozen
class CheckedDecision:
    """A decision with the policy it belongs to and the enum type of its options."""

    decision: ast.DecisionDef
    policy: ast.PolicyDef
    options_type: EnumType


@attrs.frozen
class Resolution:
    """What a dotted :class:`~govrules.ast.Name` refers to in a given scope.

    ``kind`` is ``fact`` (``target`` = fact name), ``define`` (definition name), ``var`` (a bound
    variable ``target``, reading field path ``field``; empty for the whole record) or ``enum``
    (``target`` = the value itself).
    """

    kind: Literal["fact", "define", "var", "enum"]
    target: str
    field: str = ""


def resolve_name(
    path: str,
    scope: Mapping[str, object],
    facts: Mapping[str, FactDecl],
    defines: Mapping[str, object],
    enum_values: Mapping[str, object],
) -> Resolution | None:
    """Resolve a name: bound variables first, then facts, definitions and enum values.

    ``scope`` maps the names of bound variables (quantifier or decision subject) to anything.
    Returns None when the name means nothing.
    """
    head, _, rest = path.partition(".")
    if head in scope:
        return Resolution("var", head, rest)
    if path in facts:
        return Resolution("fact", path)
    if path in defines:
        return Resolution("define", path)
    if path in enum_values:
        return Resolution("enum", path)
    return None


def rule_beats(a: ast.RuleDef, b: ast.RuleDef, rules: Sequence[ast.RuleDef]) -> bool:
    """True when decision rule ``a`` takes precedence over ``b``: it overrides ``b``
    (directly or through rules it overrides), or has a higher ``priority`` (absent = 0).

    The one definition of precedence, shared by the evaluator and the static analysis.
    """
    by_id = {r.id: r for r in rules}
    seen: set[str] = set()
    stack = list(a.overrides)
    while stack:
        rid = stack.pop()
        if rid == b.id:
            return True
        if rid not in seen and rid in by_id:
            seen.add(rid)
            stack.extend(by_id[rid].overrides)
    return (a.priority or 0) > (b.priority or 0)


def rule_precedence(rules: Sequence[ast.RuleDef]) -> dict[tuple[str, str], bool]:
    """``(a, b) → rule_beats(a, b)`` for every pair of distinct rules of a decision: computed
    once per decision, then looked up in the hot loop of :func:`resolve_outcome`."""
    return {(a.id, b.id): rule_beats(a, b, rules) for a in rules for b in rules if a is not b}


def resolve_outcome(fired: Sequence[ast.RuleDef], precedence: Mapping[tuple[str, str], bool]
                    ) -> tuple[str, list[ast.RuleDef]]:
    """The outcome for one option given the rules that fire for it, and the deciding rules.

    The rules no other firing rule beats win; winners that exclude and allow/recommend the
    same option are a ``conflict``; otherwise exclude > recommend > allow, and no rule at all is
    ``not_addressed``. The one definition, shared by the evaluator, the compiled evaluator and
    the static analysis.
    """
    winners = [r for r in fired
               if not any(precedence[(o.id, r.id)] for o in fired if o is not r)]
    actions = {r.action for r in winners}
    if "exclude" in actions and actions & {"allow", "recommend"}:
        return "conflict", winners
    for action, outcome in (("exclude", "excluded"), ("recommend", "recommended"),
                            ("allow", "allowed")):
        if action in actions:
            return outcome, [r for r in winners if r.action == action]
    return "not_addressed", []


MAX_UNKNOWN_RULES = 12
"""A decision option with more undecided rules than this is reported unknown outright."""


def option_outcome(sure: Sequence[ast.RuleDef], open_: Sequence[ast.RuleDef],
                   precedence: Mapping[tuple[str, str], bool]) -> str:
    """The outcome of one option when the rules ``sure`` fire for it and ``open_`` may.

    ``unknown`` when some choice of the undecided rules would change it (or there are more
    than :data:`MAX_UNKNOWN_RULES` of them), else the outcome :func:`resolve_outcome` gives.
    The evaluator and the compiled evaluator both settle an option with this.
    """
    if len(open_) > MAX_UNKNOWN_RULES:
        return "unknown"
    seen = {resolve_outcome([*sure, *pick], precedence)[0]
            for k in range(len(open_) + 1)
            for pick in itertools.combinations(open_, k)}
    return "unknown" if len(seen) > 1 else seen.pop()


def arith(op: str, a: object, b: object) -> object:
    """``a op b`` for ``+``, ``-`` and ``*``: exact for ints and decimals alike (an int meeting
    a decimal becomes one), with no rounding."""
    if isinstance(a, decimal.Decimal) or isinstance(b, decimal.Decimal):
        x, y = decimal.Decimal(a), decimal.Decimal(b)  # type: ignore[arg-type]
        if op == "+":
            return EXACT.add(x, y)
        if op == "-":
            return EXACT.subtract(x, y)
        return EXACT.multiply(x, y)
    assert isinstance(a, int) and isinstance(b, int)
    return a + b if op == "+" else a - b if op == "-" else a * b


def negate(a: object) -> object:
    """``-a``, exact (see :func:`arith`)."""
    if isinstance(a, decimal.Decimal):
        return EXACT.minus(a)
    assert isinstance(a, int)
    return -a


def in_force(periods: Iterable[ast.Effective | None], as_of: dt.date) -> bool:
    """True when every given effective period (both ends inclusive) contains ``as_of``."""
    return all(p.start.value <= as_of and (p.end is None or as_of <= p.end.value)
               for p in periods if p is not None)


_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that orders ``s50.1.1.10`` after ``s50.1.1.9``."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in _DIGITS.split(text) if part
    )


@attrs.frozen(eq=False)
class PolicySet:
    """A checked set of policies, ready to evaluate.

    Build one with :func:`govrules.load`. Everything in it is immutable; one policy set can
    evaluate any number of fact files, from any number of threads.
    """

    files: tuple[str, ...]
    sources: Mapping[str, str]
    """File name → text, for diagnostics and for the policy-set hash."""
    policies: Mapping[str, ast.PolicyDef]
    documents: Mapping[str, ast.SourceDef]
    enums: Mapping[str, EnumType]
    records: Mapping[str, RecordType]
    facts: Mapping[str, FactDecl]
    defines: Mapping[str, ast.DefineDef]
    define_types: Mapping[str, Type]
    enum_values: Mapping[str, tuple[str, ...]]
    """Enum value → names of the enums that declare it."""
    measures: tuple[CheckedMeasure, ...]
    decisions: tuple[CheckedDecision, ...]
    items: tuple[ast.ItemDef, ...] = ()
    """Referable items (goals, principles, list entries, phases), in natural id order."""
    refs: tuple[str, ...] = ()
    """The ids that enum values and options carry with ``ref``."""
    warnings: tuple[Diagnostic, ...] = ()

    @property
    def sha256(self) -> str:
        """SHA-256 of the policy texts, independent of file names and of file order."""
        digests = sorted(
            hashlib.sha256(t.encode("utf-8")).hexdigest() for t in self.sources.values()
        )
        return hashlib.sha256("\n".join(digests).encode("ascii")).hexdigest()

    def evaluate(
        self, facts: object, as_of: dt.date | str | None = None
    ) -> Report:
        """Evaluate facts (a facts file path, a mapping, or :class:`~govrules.facts.Facts`).

        ``as_of`` is the date the verdicts are for (default: today); a string may be written in
        C.E. or B.E. (``2567-10-01 BE``).
        """
        from .evaluator import evaluate

        return evaluate(self, facts, as_of=as_of)

    def rule_ids(self) -> list[str]:
        """Every measure, method and decision id, in natural order."""
        ids: list[str] = []
        for cm in self.measures:
            ids.append(cm.measure.id)
            ids.extend(f"{cm.measure.id}.m{m.number}" for m in cm.measure.methods)
        ids.extend(cd.decision.id for cd in self.decisions)
        return sorted(ids, key=natural_key)

    def all_ids(self) -> list[str]:
        """Every id a reader can look up: rules, methods, decision options and rules, items
        and refs, in natural order."""
        ids = self.rule_ids()
        for cd in self.decisions:
            ids += [f"{cd.decision.id}.{o.id}" for o in cd.decision.options]
            ids += [f"{cd.decision.id}.{r.id}" for r in cd.decision.rules]
        ids += [i.id for i in self.items]
        ids += list(self.refs)
        return sorted(set(ids), key=natural_key)
