"""A deliberately naive reference evaluator, written from docs/language.md, separately from
govrules.evaluator: no traces, no caching, no cleverness — every definition is re-evaluated
where it is used, and the outcome of an option with undecided rules is found by trying every
combination of them.

Values are pairs ``(value, missing)``: ``value`` is the Python value or :data:`U` (unknown),
``missing`` the key paths of the missing facts that left it unknown (empty when known).
"""

from __future__ import annotations

import datetime as dt
import decimal
import itertools
from collections.abc import Mapping
from typing import Any

import attrs

from govrules import ast
from govrules.facts import MISSING, Facts
from govrules.model import PolicySet, resolve_name

U: Any = type("Unknown", (), {"__repr__": lambda self: "U"})()
"""The unknown value."""

Val = tuple[Any, frozenset[str]]
NONE: frozenset[str] = frozenset()


@attrs.frozen
class Bound:
    """A record bound to a variable, and its key path."""

    record: Mapping[str, Any]
    path: str


@attrs.frozen
class RefVerdict:
    """What the reference says about one verdict."""

    rule_id: str
    subject: str | None
    status: str
    missing: frozenset[str]
    finding: str | None = None
    options: Mapping[str, tuple[str, frozenset[str]]] = attrs.field(factory=dict)
    fires: Mapping[str, Any] = attrs.field(factory=dict)


def kleene_and(vals: list[Val]) -> Val:
    if any(v is False for v, _ in vals):
        return False, NONE
    unknown = [m for v, m in vals if v is U]
    if unknown:
        return U, frozenset().union(*unknown)
    return True, NONE


def kleene_or(vals: list[Val]) -> Val:
    if any(v is True for v, _ in vals):
        return True, NONE
    unknown = [m for v, m in vals if v is U]
    if unknown:
        return U, frozenset().union(*unknown)
    return False, NONE


def kleene_not(val: Val) -> Val:
    v, m = val
    return (U, m) if v is U else (not v, NONE)


class Reference:
    """Evaluates a checked policy set against loaded facts, naively."""

    def __init__(self, ps: PolicySet, facts: Facts, as_of: dt.date) -> None:
        self.ps = ps
        self.facts = facts
        self.as_of = as_of

    # -- expressions ----------------------------------------------------------------------

    def ev(self, e: ast.Expr, scope: Mapping[str, Bound]) -> Val:
        if isinstance(e, ast.BoolLit | ast.IntLit | ast.DecimalLit | ast.StringLit | ast.DateLit):
            return e.value, NONE
        if isinstance(e, ast.AsOf):
            return self.as_of, NONE
        if isinstance(e, ast.Name):
            return self.name(e.path, scope)
        if isinstance(e, ast.SetLit):
            items = [self.ev(i, scope) for i in e.items]
            if any(v is U for v, _ in items):
                return U, frozenset().union(*(m for v, m in items if v is U))
            return frozenset(v for v, _ in items), NONE
        if isinstance(e, ast.Not):
            return kleene_not(self.ev(e.operand, scope))
        if isinstance(e, ast.And):
            return kleene_and([self.ev(o, scope) for o in e.operands])
        if isinstance(e, ast.Or):
            return kleene_or([self.ev(o, scope) for o in e.operands])
        if isinstance(e, ast.Quantifier):
            return self.quantifier(e, scope)
        operands = _operands(e)
        vals = [self.ev(o, scope) for o in operands]
        if any(v is U for v, _ in vals):
            return U, frozenset().union(*(m for v, m in vals if v is U))
        return apply(e, [v for v, _ in vals]), NONE

    def name(self, path: str, scope: Mapping[str, Bound]) -> Val:
        res = resolve_name(path, scope, self.ps.facts, self.ps.defines, self.ps.enum_values)
        assert res is not None, path
        if res.kind == "enum":
            return path, NONE
        if res.kind == "define":
            return self.ev(self.ps.defines[res.target].expr, {})
        if res.kind == "fact":
            value = self.facts.get(res.target)
            return (U, frozenset([res.target])) if value is MISSING else (value, NONE)
        bound = scope[res.target]
        value = bound.record.get(res.field, MISSING)
        key = f"{bound.path}.{res.field}"
        return (U, frozenset([key])) if value is MISSING else (value, NONE)

    def list_path(self, e: ast.Expr, scope: Mapping[str, Bound]) -> str:
        assert isinstance(e, ast.Name)
        res = resolve_name(e.path, scope, self.ps.facts, self.ps.defines, self.ps.enum_values)
        assert res is not None
        if res.kind == "var":
            return f"{scope[res.target].path}.{res.field}"
        return res.target

    def quantifier(self, e: ast.Quantifier, scope: Mapping[str, Bound]) -> Val:
        coll, missing = self.ev(e.collection, scope)
        if coll is U:
            return U, missing
        base = self.list_path(e.collection, scope)
        vals = [self.ev(e.body, {**scope, e.var: Bound(r, f"{base}[{i}]")})
                for i, r in enumerate(coll)]
        if e.kind == "all":
            return kleene_and(vals)
        if e.kind == "any":
            return kleene_or(vals)
        if any(v is U for v, _ in vals):
            return U, frozenset().union(*(m for v, m in vals if v is U))
        return sum(1 for v, _ in vals if v is True), NONE

    # -- measures -------------------------------------------------------------------------

    def in_force(self, *periods: ast.Effective | None) -> bool:
        return all(p is None or (p.start.value <= self.as_of
                                 and (p.end is None or self.as_of <= p.end.value))
                   for p in periods)

    def measure(self, m: ast.MeasureDef, pol: ast.PolicyDef) -> list[RefVerdict]:
        applies = kleene_and([self.ev(x, {}) for x in (*pol.applies, *m.applies)])
        unless = kleene_or([self.ev(x, {}) for x in m.unless])
        if not self.in_force(pol.effective, m.effective) or applies[0] is False \
                or unless[0] is True:
            out = [RefVerdict(m.id, None, "not_applicable", NONE)]
            out += [RefVerdict(f"{m.id}.m{k.number}", None, "not_applicable", NONE)
                    for k in m.methods]
            return out
        gate = applies[1] | unless[1]
        methods = [self.method(m, k, gate) for k in m.methods]
        if m.require is not None and m.require.kind == "expr":
            assert m.require.expr is not None
            value, missing = self.ev(m.require.expr, {})
        else:
            as_bool = [({"compliant": True, "not_applicable": True,
                         "non_compliant": False}.get(v.status, U), v.missing) for v in methods]
            is_any = m.require is not None and m.require.kind == "any_methods"
            value, missing = kleene_or(as_bool) if is_any else kleene_and(as_bool)
        status, missing = _status(value, missing)
        if gate:
            status, missing = "unknown", missing | gate
        return [RefVerdict(m.id, None, status, missing if status == "unknown" else NONE,
                           _finding(status, m.modality)), *methods]

    def method(self, m: ast.MeasureDef, k: ast.MethodDef,
               measure_gate: frozenset[str]) -> RefVerdict:
        """A method; while its measure's gate is undecided (``measure_gate`` names the facts
        missing to decide it), a method that would apply is undecided too."""
        rid = f"{m.id}.m{k.number}"
        applies = kleene_and([self.ev(x, {}) for x in k.applies])
        unless = kleene_or([self.ev(x, {}) for x in k.unless])
        if applies[0] is False or unless[0] is True:
            return RefVerdict(rid, None, "not_applicable", NONE)
        assert k.require is not None and k.require.expr is not None
        status, missing = _status(*self.ev(k.require.expr, {}))
        gate = applies[1] | unless[1] | measure_gate
        if gate:
            status, missing = "unknown", missing | gate
        return RefVerdict(rid, None, status, missing if status == "unknown" else NONE,
                          _finding(status, m.modality))

    # -- decisions ------------------------------------------------------------------------

    def decision(self, d: ast.DecisionDef, pol: ast.PolicyDef) -> list[RefVerdict]:
        if d.subject is None:
            return [self.subject(d, pol, None, {})]
        coll, missing = self.ev(d.subject.collection, {})
        if coll is U:
            # A missing list of subjects is one verdict: not applicable out of the effective
            # period (nothing about the subjects matters then), else unknown.
            if not self.in_force(pol.effective, d.effective):
                return [RefVerdict(d.id, None, "not_applicable", NONE)]
            return [RefVerdict(d.id, None, "unknown", missing)]
        base = self.list_path(d.subject.collection, {})
        return [self.subject(d, pol, f"{base}[{i}]",
                             {d.subject.var: Bound(r, f"{base}[{i}]")})
                for i, r in enumerate(coll)]

    def fires(self, r: ast.RuleDef, scope: Mapping[str, Bound]) -> Val:
        parts = [self.ev(r.when, scope)] if r.when is not None else []
        parts += [kleene_not(self.ev(u, scope)) for u in r.unless]
        return kleene_and(parts)

    def subject(self, d: ast.DecisionDef, pol: ast.PolicyDef, key: str | None,
                scope: Mapping[str, Bound]) -> RefVerdict:
        if not self.in_force(pol.effective, d.effective):
            return RefVerdict(d.id, key, "not_applicable", NONE)
        applies = kleene_and([self.ev(x, scope) for x in (*pol.applies, *d.applies)])
        if applies[0] is False:
            return RefVerdict(d.id, key, "not_applicable", NONE)
        fires = {r.id: self.fires(r, scope) for r in d.rules}
        options: dict[str, tuple[str, frozenset[str]]] = {}
        option_missing: dict[str, frozenset[str]] = {}
        winners_of: dict[str, list[ast.RuleDef]] = {}
        for opt in d.options:
            rules = [r for r in d.rules if opt.id in r.options]
            sure = [r for r in rules if fires[r.id][0] is True]
            open_ = [r for r in rules if fires[r.id][0] is U]
            possible = {resolve([*sure, *pick], d.rules)[0]
                        for pick in _subsets(open_)} if len(open_) <= 12 else {"unknown"}
            if len(possible) > 1 or possible == {"unknown"}:
                options[opt.id] = ("unknown", frozenset(r.id for r in open_))
                option_missing[opt.id] = frozenset().union(*(fires[r.id][1] for r in open_))
            else:
                outcome, winners = resolve(sure, d.rules)
                options[opt.id] = (outcome, frozenset(w.id for w in winners))
                winners_of[opt.id] = winners
        outcomes = {o for o, _ in options.values()}
        missing: frozenset[str] = frozenset().union(*option_missing.values())
        finding = None
        if "conflict" in outcomes:
            status = "conflict"
        elif "unknown" in outcomes:
            status = "unknown"
        else:
            status = "compliant"
            if d.chosen is not None:
                chosen, chosen_missing = self.ev(d.chosen, scope)
                if chosen is U:
                    status, missing = "unknown", chosen_missing
                elif options.get(chosen, ("",))[0] == "excluded":
                    status = "non_compliant"
                    finding = _finding(status, _strongest(w.modality
                                                          for w in winners_of[chosen]))
        if applies[0] is U:
            status, missing = "unknown", missing | applies[1]
        return RefVerdict(d.id, key, status, missing if status == "unknown" else NONE,
                          finding, options, {k: v[0] for k, v in fires.items()})

    # -- the whole set --------------------------------------------------------------------

    def run(self) -> list[RefVerdict]:
        out: list[RefVerdict] = []
        for cm in self.ps.measures:
            out += self.measure(cm.measure, cm.policy)
        for cd in self.ps.decisions:
            out += self.decision(cd.decision, cd.policy)
        return out


def _subsets(rules: list[ast.RuleDef]) -> list[list[ast.RuleDef]]:
    return [[r for r, keep in zip(rules, mask, strict=True) if keep]
            for mask in itertools.product([False, True], repeat=len(rules))]


def beats(a: ast.RuleDef, b: ast.RuleDef, rules: tuple[ast.RuleDef, ...]) -> bool:
    """``a`` overrides ``b``, directly or through rules it overrides, or has higher priority."""
    by_id = {r.id: r for r in rules}
    reached: set[str] = set()
    frontier = set(a.overrides)
    while frontier - reached:
        reached |= frontier
        frontier = {o for rid in reached if rid in by_id for o in by_id[rid].overrides}
    return b.id in reached or (a.priority or 0) > (b.priority or 0)


def resolve(fired: list[ast.RuleDef], rules: tuple[ast.RuleDef, ...]
            ) -> tuple[str, list[ast.RuleDef]]:
    winners = [r for r in fired if not any(beats(o, r, rules) for o in fired if o.id != r.id)]
    actions = {r.action for r in winners}
    if "exclude" in actions and ({"allow", "recommend"} & actions):
        return "conflict", winners
    for action, outcome in (("exclude", "excluded"), ("recommend", "recommended"),
                            ("allow", "allowed")):
        if action in actions:
            return outcome, [r for r in winners if r.action == action]
    return "not_addressed", []


def _strongest(modalities: Any) -> str:
    rank = {"must": 4, "must_not": 4, "should": 3, "may": 2, "consider": 1}
    return max(modalities, key=lambda m: rank.get(m, 0), default="must")


def _status(value: Any, missing: frozenset[str]) -> tuple[str, frozenset[str]]:
    if value is U:
        return "unknown", missing
    return ("compliant" if value else "non_compliant"), NONE


def _finding(status: str, modality: str) -> str | None:
    if status != "non_compliant":
        return None
    return {"must": "violation", "must_not": "violation", "should": "advisory"}.get(modality,
                                                                                   "none")


def _operands(e: ast.Expr) -> list[ast.Expr]:
    if isinstance(e, ast.Compare | ast.Arith | ast.Subset):
        return [e.left, e.right]
    if isinstance(e, ast.Member):
        return [e.element, e.collection]
    if isinstance(e, ast.Includes):
        return [e.container, e.contained]
    if isinstance(e, ast.Neg | ast.Size):
        return [e.operand]
    raise AssertionError(f"unexpected expression {e!r}")


def apply(e: ast.Expr, v: list[Any]) -> Any:
    """The value of a strict operator on known operands."""
    if isinstance(e, ast.Compare):
        a, b = v
        return {"==": a == b, "!=": a != b}[e.op] if e.op in ("==", "!=") else {
            "<": lambda: a < b, "<=": lambda: a <= b, ">": lambda: a > b,
            ">=": lambda: a >= b}[e.op]()
    if isinstance(e, ast.Member):
        return (v[0] in v[1]) != e.negated
    if isinstance(e, ast.Includes):
        return v[1] <= v[0] if isinstance(v[1], frozenset) else v[1] in v[0]
    if isinstance(e, ast.Subset):
        return v[0] <= v[1]
    if isinstance(e, ast.Arith):
        a, b = v
        if isinstance(a, decimal.Decimal) or isinstance(b, decimal.Decimal):
            a, b = decimal.Decimal(a), decimal.Decimal(b)
        return {"+": a + b, "-": a - b, "*": a * b}[e.op]
    if isinstance(e, ast.Neg):
        return -v[0]
    if isinstance(e, ast.Size):
        return len(v[0])
    raise AssertionError(f"unexpected expression {e!r}")
