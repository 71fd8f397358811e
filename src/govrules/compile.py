"""Compiled evaluation: a policy set's measures turned into one generated Python function.

The tree-walking evaluator (:mod:`govrules.evaluator`) builds a full explanation trace as it
goes. That is what a report needs, and it is slow for bulk work. This module compiles the
checked measures of a :class:`~govrules.model.PolicySet` once (the result is cached per policy
set) into Python source, as Jinja does for templates:

* every distinct sub-expression is computed once per evaluation (structurally equal conditions
  in different measures share one local variable);
* Kleene's three-valued logic is written out inline, with the :data:`UNKNOWN` sentinel;
* the function returns the status of every measure and method, and — in *recording* mode —
  the value of every sub-expression and fact read, as a flat tuple (:attr:`Program.slots` says
  which trace nodes each value belongs to).

Decisions, and measures that use quantifiers, are not compiled: :func:`decide` evaluates them
with the tree walker, so every policy set works, only more slowly. The statuses are always the
ones :func:`govrules.evaluate` gives (tests compare the two on the shipped corpus, on every
conformance case and on random facts).
"""

from __future__ import annotations

import datetime as dt
import os
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from . import ast
from .facts import MAX_MAGNITUDE, Facts
from .facttypes import BOOL, INT, TEXT, EnumType, FactDecl
from .model import (
    CheckedDecision,
    CheckedMeasure,
    PolicySet,
    in_force,
    natural_key,
    option_outcome,
    resolve_name,
    rule_precedence,
)
from .verdict import Report, Status, Verdict

__all__ = [
    "UNKNOWN_VALUE",
    "LazyReport",
    "Program",
    "Slot",
    "StatusMap",
    "decide",
    "program",
    "record",
]


class _Unsupported(Exception):
    """A construct the compiler leaves to the tree walker."""


@attrs.frozen
class Slot:
    """What one recorded value is: the trace nodes (label and location) that show it.

    Structurally equal sub-expressions share a slot, so one slot can stand for several trace
    nodes, in different measures.
    """

    kind: str
    nodes: tuple[tuple[str, str | None], ...]


def _unknown() -> Any:
    from .evaluator import UNKNOWN

    return UNKNOWN


UNKNOWN_VALUE: Any = _unknown()
"""The recorded value of a condition that missing facts leave undecided."""

_C, _NC, _UNK, _NA = Status.COMPLIANT, Status.NON_COMPLIANT, Status.UNKNOWN, Status.NOT_APPLICABLE
_CMP = {"==", "!=", "<", "<=", ">", ">="}


class _Emitter:
    """Writes the body of the generated function, one statement per line."""

    def __init__(self, ps: PolicySet) -> None:
        from .evaluator import UNKNOWN, _includes
        from .model import arith, negate

        self.ps = ps
        self.lines: list[str] = []
        self.consts: list[object] = []
        self.cse: dict[object, str] = {}
        self.maybe_unknown: set[str] = set()
        self.slot_vars: list[str] = []
        self.slot_kinds: list[str] = []
        self.slot_nodes: dict[str, list[tuple[str, str | None]]] = {}
        self.env: dict[str, Any] = {"U": UNKNOWN, "_arith": arith, "_neg": negate,
                                    "_includes": _includes,
                                    "_C": _C, "_NC": _NC, "_UNK": _UNK, "_NA": _NA}
        self.n = 0
        self.scope: dict[str, object] = {}
        self.recording = True

    # -- plumbing -------------------------------------------------------------------------

    def const(self, value: object) -> str:
        if isinstance(value, bool) or value is None:
            return repr(value)
        if type(value) is int:
            return repr(value)
        self.consts.append(value)
        return f"K[{len(self.consts) - 1}]"

    def fresh(self, code: str, kind: str, *, unknown: bool, slot: bool = True) -> str:
        self.n += 1
        var = f"_{self.n}"
        self.lines.append(f"{var} = {code}")
        if unknown:
            self.maybe_unknown.add(var)
        if slot and self.recording:
            self.slot_vars.append(var)
            self.slot_kinds.append(kind)
            self.slot_nodes[var] = []
        return var

    def note(self, var: str, e: ast.Expr | ast.DefineDef, label: str | None = None) -> None:
        """Remember that the trace node of ``e`` shows the value of ``var``."""
        from .evaluator import _label, _where

        if self.recording and var in self.slot_nodes:
            self.slot_nodes[var].append(
                (label if label is not None else _label(self.ps, e.span), _where(e.span)))

    def unknown_test(self, vars_: Iterable[str]) -> str:
        tests = [f"{v} is U" for v in vars_ if v in self.maybe_unknown]
        return " or ".join(tests)

    def strict(self, kind: str, args: list[str], code: str) -> str:
        test = self.unknown_test(args)
        if test:
            return self.fresh(f"U if ({test}) else ({code})", kind, unknown=True)
        return self.fresh(f"({code})", kind, unknown=False)

    def junction(self, parts: list[str], *, is_and: bool, kind: str, slot: bool = True) -> str:
        """Kleene ``and``/``or`` over already computed values."""
        decider = "False" if is_and else "True"
        other = "True" if is_and else "False"
        if not parts:
            return other
        dec = " or ".join(f"{p} is {decider}" for p in parts)
        test = self.unknown_test(parts)
        if test:
            code = f"{decider} if ({dec}) else (U if ({test}) else {other})"
        else:
            code = f"{decider} if ({dec}) else {other}"
        return self.fresh(code, kind, unknown=bool(test), slot=slot)

    # -- expressions ----------------------------------------------------------------------

    def expr(self, e: ast.Expr) -> str:
        key: object = e
        if key in self.cse:
            var = self.cse[key]
            self.note(var, e)
            return var
        var = self._expr(e)
        self.cse[key] = var
        self.note(var, e)
        return var

    def _expr(self, e: ast.Expr) -> str:
        match e:
            case ast.BoolLit(value=v) | ast.IntLit(value=v) | ast.DecimalLit(value=v):
                return self.const(v)
            case ast.StringLit(value=v) | ast.DateLit(value=v):
                return self.const(v)
            case ast.AsOf():
                return "as_of"
            case ast.Name():
                return self.name(e)
            case ast.SetLit(items=items):
                values = [self.expr(i) for i in items]
                if any(not (v.startswith("K[") or v in ("True", "False") or v[0].isdigit()
                            or v[0] == "-") for v in values):
                    raise _Unsupported("a set of computed values")
                return self.const(frozenset(self._value_of(v) for v in values))
            case ast.Not(operand=op):
                x = self.expr(op)
                return self.strict("not", [x], f"not {x}")
            case ast.And(operands=ops) | ast.Or(operands=ops):
                parts = [self.expr(o) for o in ops]
                is_and = isinstance(e, ast.And)
                return self.junction(parts, is_and=is_and, kind="and" if is_and else "or")
            case ast.Compare(op=op, left=left, right=right) if op in _CMP:
                a, b = self.expr(left), self.expr(right)
                return self.strict("compare", [a, b], f"{a} {op} {b}")
            case ast.Member(element=el, collection=coll, negated=neg):
                a, b = self.expr(el), self.expr(coll)
                return self.strict("member", [a, b], f"{a} {'not in' if neg else 'in'} {b}")
            case ast.Includes(container=c, contained=x):
                a, b = self.expr(c), self.expr(x)
                return self.strict("includes", [a, b], f"_includes({a}, {b})")
            case ast.Subset(left=left, right=right):
                a, b = self.expr(left), self.expr(right)
                return self.strict("subset", [a, b], f"{a} <= {b}")
            case ast.Arith(op=op, left=left, right=right) if op in ("+", "-", "*"):
                a, b = self.expr(left), self.expr(right)
                return self.strict("arith", [a, b], f"_arith({op!r}, {a}, {b})")
            case ast.Neg(operand=op):
                a = self.expr(op)
                return self.strict("neg", [a], f"_neg({a})")
            case ast.Size(operand=op):
                a = self.expr(op)
                return self.strict("size", [a], f"len({a})")
        raise _Unsupported(type(e).__name__)

    def _value_of(self, code: str) -> object:
        if code.startswith("K["):
            return self.consts[int(code[2:-1])]
        if code.lstrip("-").isdigit():
            return int(code)
        return {"True": True, "False": False}.get(code)

    def name(self, e: ast.Name) -> str:
        ps = self.ps
        res = resolve_name(e.path, self.scope, ps.facts, ps.defines, ps.enum_values)
        if res is None:
            raise _Unsupported(f"name {e.path}")
        if res.kind == "var":
            if not res.field:
                raise _Unsupported(f"a whole record `{e.path}`")
            key = ("var", res.field)
            if key not in self.cse:
                self.cse[key] = self.fresh(f"r({res.field!r}, U)", "fact", unknown=True)
            return self.cse[key]
        if res.kind == "enum":
            return self.const(e.path)
        if res.kind == "define":
            key = ("define", res.target)
            if key not in self.cse:
                d = ps.defines[res.target]
                self.cse[key] = self.expr(d.expr)
                self.note(self.cse[key], d, label=f"define {res.target}")
            return self.cse[key]
        key = ("fact", res.target)
        if key not in self.cse:
            self.cse[key] = self.fresh(f"g({res.target!r}, U)", "fact", unknown=True)
        return self.cse[key]

    def conditions(self, exprs: tuple[ast.Expr, ...], *, is_and: bool) -> str | None:
        parts = [self.expr(x) for x in exprs]
        if not parts:
            return None
        if len(parts) == 1:
            return parts[0]
        return self.junction(parts, is_and=is_and, kind="applies when" if is_and else "unless",
                             slot=False)

    # -- measures -------------------------------------------------------------------------

    def status(self, req: str) -> str:
        if req in self.maybe_unknown:
            return f"(_UNK if {req} is U else (_C if {req} else _NC))"
        return f"(_C if {req} else _NC)"

    def gate(self, applies: str | None, unless: str | None, extra: list[str]) -> tuple[str, str]:
        """(python test that the gate settles not_applicable, test that it is unknown)."""
        na = list(extra)
        if applies is not None:
            na.append(f"{applies} is False")
        if unless is not None:
            na.append(f"{unless} is True")
        missing = self.unknown_test([v for v in (applies, unless) if v is not None])
        return (" or ".join(na) or "False"), (missing or "False")

    def measure(self, cm: CheckedMeasure, eff_index: int | None) -> list[tuple[str, str]]:
        """Emit a measure and its methods; return (verdict id, status variable) pairs."""
        m, pol = cm.measure, cm.policy
        applies = self.conditions((*pol.applies, *m.applies), is_and=True)
        unless = self.conditions(m.unless, is_and=False)
        extra = [] if eff_index is None else [f"not E[{eff_index}]"]
        na, gm = self.gate(applies, unless, extra)
        gate_na = na if na == "False" else self.fresh(na, "gate", unknown=False, slot=False)
        out: list[tuple[str, str]] = []
        method_values: list[str] = []
        for meth in m.methods:
            m_app = self.conditions(meth.applies, is_and=True)
            m_unl = self.conditions(meth.unless, is_and=False)
            m_na, m_gm = self.gate(m_app, m_unl, [])
            req = self.requirement(meth.require, [])
            code = self.status(req)
            if m_gm != "False":
                code = f"_UNK if ({m_gm}) else {code}"
            if m_na != "False":
                code = f"_NA if ({m_na}) else ({code})"
            if gm != "False":  # the measure may or may not apply: so may the method
                code = f"(_UNK if ({gm}) and ({code}) is not _NA else ({code}))"
            if gate_na != "False":
                code = f"_NA if {gate_na} else ({code})"
            st = self.fresh(code, "status", unknown=False, slot=False)
            out.append((f"{m.id}.m{meth.number}", st))
            method_values.append(self.fresh(
                f"True if ({st} is _C or {st} is _NA) else (False if {st} is _NC else U)",
                "method", unknown=True, slot=False))
        req = self.requirement(m.require, method_values)
        code = self.status(req)
        if gm != "False":
            code = f"_UNK if ({gm}) else {code}"
        if gate_na != "False":
            code = f"_NA if {gate_na} else ({code})"
        st = self.fresh(code, "status", unknown=False, slot=False)
        return [(m.id, st), *out]

    def requirement(self, req: ast.Require | None, method_values: list[str]) -> str:
        if req is not None and req.kind == "expr" and req.expr is not None:
            return self.expr(req.expr)
        is_any = req is not None and req.kind == "any_methods"
        return self.junction(method_values, is_and=not is_any, kind="require", slot=False)


    # -- decisions ------------------------------------------------------------------------

    def decision(self, cd: CheckedDecision, name: str) -> list[str]:
        """The source of a function ``name(g, as_of, eff, H)`` returning ``[(i, status)]``.

        ``i`` is the index of the subject in the subject list (None for a decision without
        one, or when the list is missing); ``H`` settles the status from the applicability,
        the rules that fire and the chosen option (see :func:`_decision_status`).
        """
        d, pol = cd.decision, cd.policy
        self.lines, self.cse, self.maybe_unknown, self.recording = [], {}, set(), False
        head = [f"def {name}(g, as_of, eff, H):", "    out = []"]
        if d.subject is None:
            self.scope = {}
            ind = "    "
            head.append("    r = None")
        else:
            coll = d.subject.collection
            res = (resolve_name(coll.path, {}, self.ps.facts, self.ps.defines,
                                self.ps.enum_values) if isinstance(coll, ast.Name) else None)
            if res is None or res.kind != "fact":
                raise _Unsupported("a subject list that is not a fact")
            self.scope = {d.subject.var: None}
            ind = "        "
            head += [f"    coll = g({res.target!r}, U)",
                     "    if coll is U:",
                     "        return [(None, _UNK if eff else _NA)]",
                     "    for i, rec in enumerate(coll):",
                     "        r = rec.get"]
        applies = self.conditions((*pol.applies, *d.applies), is_and=True)
        fires = []
        for rule in d.rules:
            parts = []
            if rule.when is not None:
                parts.append(self.expr(rule.when))
            for u in rule.unless:
                x = self.expr(u)
                parts.append(self.strict("unless", [x], f"not {x}"))
            fires.append(self.junction(parts, is_and=True, kind="rule", slot=False)
                         if parts else "True")
        chosen = self.expr(d.chosen) if d.chosen is not None else "None"
        fired = ", ".join(fires) + ("," if len(fires) == 1 else "")
        self.lines.append(f"st = H(eff, {applies or 'True'}, ({fired}), {chosen})")
        self.lines.append(f"out.append(({'None' if d.subject is None else 'i'}, st))")
        body = [ind + line for line in self.lines]
        return [*head, *body, "    return out"]


def _decision_status(cd: CheckedDecision) -> Callable[..., Status]:
    """The status of one subject of a decision, from what the generated code computed.

    It is the evaluator's own resolution (:func:`~govrules.model.option_outcome`:
    overrides, priorities, conflicts), memoised: a decision has few distinct patterns of rules
    that fire.
    """
    from .evaluator import UNKNOWN

    d = cd.decision
    rules = d.rules
    precedence = rule_precedence(rules)
    by_option = [(opt.id, [i for i, r in enumerate(rules) if opt.id in r.options])
                 for opt in d.options]
    cache: dict[tuple[object, ...], Status] = {}

    def compute(eff: bool, applies: object, fires: tuple[object, ...], chosen: object) -> Status:
        if not eff or applies is False:
            return _NA
        outcomes: dict[object, str] = {}
        for option, idx in by_option:
            outcomes[option] = option_outcome([rules[i] for i in idx if fires[i] is True],
                                              [rules[i] for i in idx if fires[i] is UNKNOWN],
                                              precedence)
        if "conflict" in outcomes.values():
            status = Status.CONFLICT
        elif "unknown" in outcomes.values():
            status = _UNK
        else:
            status = _C
        if status is _C and d.chosen is not None:
            if chosen is UNKNOWN:
                status = _UNK
            elif outcomes.get(chosen) == "excluded":
                status = _NC
        if applies is UNKNOWN:
            status = _UNK
        return status

    def status(eff: bool, applies: object, fires: tuple[object, ...], chosen: object) -> Status:
        key = (eff, applies, fires, chosen)
        got = cache.get(key)
        if got is None:
            got = compute(eff, applies, fires, chosen)
            if len(cache) < 10_000:
                cache[key] = got
        return got

    return status


def _uses_quantifier(cm: CheckedMeasure | CheckedDecision) -> bool:
    """Measures with quantifiers go to the tree walker (their traces name list elements)."""
    seen: list[object] = [cm.measure if isinstance(cm, CheckedMeasure) else cm.decision,
                          cm.policy]
    while seen:
        node = seen.pop()
        if isinstance(node, ast.Quantifier):
            return True
        if attrs.has(type(node)):
            seen.extend(getattr(node, f.name) for f in attrs.fields(type(node)))  # type: ignore[arg-type]
        elif isinstance(node, tuple | list):
            seen.extend(node)
    return False


class Program:
    """The compiled form of one policy set. Get it with :func:`program` (cached).

    ``keys`` are the ids of the compiled verdicts (measures and their methods), in the order
    the generated function returns their statuses; ``fallback`` are the measures and decisions
    left to the tree walker; ``slots`` describe the values recorded by :meth:`record_values`.
    ``source`` is the generated Python code, for the curious.
    """

    def __init__(self, ps: PolicySet) -> None:
        em = _Emitter(ps)
        pairs: list[tuple[str, str]] = []
        compiled: list[CheckedMeasure] = []
        fallback: list[CheckedMeasure] = []
        periods: list[tuple[ast.Effective, ...]] = []
        for cm in ps.measures:
            if _uses_quantifier(cm):
                fallback.append(cm)
                continue
            effs = tuple(e for e in (cm.policy.effective, cm.measure.effective) if e is not None)
            saved = (len(em.lines), dict(em.cse), set(em.maybe_unknown), len(em.slot_vars),
                     em.n, len(em.consts))
            try:
                pairs += em.measure(cm, len(periods) if effs else None)
            except _Unsupported:
                del em.lines[saved[0]:]
                em.cse, em.maybe_unknown = saved[1], saved[2]
                for var in em.slot_vars[saved[3]:]:
                    em.slot_nodes.pop(var, None)
                del em.slot_vars[saved[3]:], em.slot_kinds[saved[3]:]
                em.n = saved[4]
                del em.consts[saved[5]:]
                fallback.append(cm)
                continue
            if effs:
                periods.append(effs)
            compiled.append(cm)
        body = "\n".join("    " + line for line in em.lines) or "    pass"
        slot_vars = list(em.slot_vars)
        self.keys: tuple[str, ...] = tuple(k for k, _ in pairs)
        self.fallback_measures: tuple[CheckedMeasure, ...] = tuple(fallback)
        self.has_fallback = bool(fallback or ps.decisions)
        """True when :func:`record` needs the tree walker: decisions are always traced by it."""
        decision_src: list[str] = []
        compiled_decisions: list[tuple[CheckedDecision, str]] = []
        fallback_decisions: list[CheckedDecision] = []
        for k, cd in enumerate(ps.decisions):
            if _uses_quantifier(cd):
                fallback_decisions.append(cd)
                continue
            try:
                decision_src += [*em.decision(cd, f"_dec{k}"), ""]
            except _Unsupported:
                fallback_decisions.append(cd)
                continue
            compiled_decisions.append((cd, f"_dec{k}"))
        self.fallback_decisions: tuple[CheckedDecision, ...] = tuple(fallback_decisions)
        """Decisions that :func:`decide` leaves to the tree walker."""
        self._periods = tuple(periods)
        self._eff_cache: dict[dt.date, tuple[bool, ...]] = {}
        self.slots: tuple[Slot, ...] = tuple(
            Slot(kind, tuple(em.slot_nodes[var]))
            for var, kind in zip(em.slot_vars, em.slot_kinds, strict=True))
        statuses = ", ".join(v for _, v in pairs)
        values = ", ".join(slot_vars)
        self.source = (
            "def _statuses(g, as_of, E):\n"
            f"{body}\n    return ({statuses}{',' if len(pairs) == 1 else ''})\n\n"
            "def _record(g, as_of, E):\n"
            f"{body}\n    return ({statuses}{',' if len(pairs) == 1 else ''}), "
            f"({values}{',' if len(slot_vars) == 1 else ''})\n\n" + "\n".join(decision_src))
        env = dict(em.env, K=tuple(em.consts))
        exec(compile(self.source, f"<govrules compiled {ps.sha256[:12]}>", "exec"), env)
        self._decisions = tuple(
            (cd, env[fn], _decision_status(cd), _decision_prefix(cd), _periods_of(cd))
            for cd, fn in compiled_decisions)
        self._statuses: Callable[..., tuple[Status, ...]] = env["_statuses"]
        self._record: Callable[..., tuple[tuple[Status, ...], tuple[object, ...]]] = env["_record"]
        # the order of verdicts in a report, for the compiled keys alone
        order = sorted(range(len(self.keys)), key=lambda i: natural_key(self.keys[i]))
        self._sorted_keys = tuple(self.keys[i] for i in order)
        self._index = {k: i for i, k in enumerate(self.keys)}
        """Compiled verdict key → position in the tuple the generated function returns."""
        self._checker = _FastFacts(ps.facts)

    def effective(self, as_of: dt.date) -> tuple[bool, ...]:
        """For each compiled measure with effective periods: does every period hold ``as_of``."""
        got = self._eff_cache.get(as_of)
        if got is None:
            got = tuple(in_force(effs, as_of) for effs in self._periods)
            if len(self._eff_cache) < 64:
                self._eff_cache[as_of] = got
        return got

    def fast_values(self, data: Mapping[str, object]) -> dict[str, object] | None:
        """Validated fact values of a plain mapping, or None when the full loader is needed.

        Only mappings whose keys are exactly the declared names and whose values are bools,
        ints, texts or enum values take this path; anything else (an undeclared key, a value
        to convert or to report) goes through :func:`~govrules.facts.facts_from_mapping`.
        """
        return self._checker.values(data)

    def statuses(self, values: Mapping[str, object], as_of: dt.date) -> tuple[Status, ...]:
        """The statuses of the compiled verdicts (in :attr:`keys` order) for validated values."""
        return self._statuses(values.get, as_of, self.effective(as_of))

    def record_values(self, values: Mapping[str, object], as_of: dt.date
                      ) -> tuple[tuple[Status, ...], tuple[object, ...]]:
        """Statuses and the recorded value of every slot (see :attr:`slots`)."""
        return self._record(values.get, as_of, self.effective(as_of))


class _FastFacts:
    """Validates the plain mappings that need no conversion, without building diagnostics.

    The validator is generated code too: one key-set test per mapping (an undeclared key sends
    the mapping to the full loader, which warns about it) and one type test per fact.
    """

    def __init__(self, decls: Mapping[str, FactDecl]) -> None:
        tree: dict[str, Any] = {}
        for decl in decls.values():
            node: Any = tree
            *parents, last = decl.path
            for part in parents:
                node = node.setdefault(part, {}) if isinstance(node, dict) else None
            if isinstance(node, dict):
                node[last] = decl
        self.consts: list[object] = []
        # A flat set of facts (no dotted names) needs no copy: the mapping itself is the
        # values, once checked, when it holds no None (None means missing: a copy drops it).
        self.flat = all(not isinstance(entry, dict) for entry in tree.values())
        self.lines: list[str] = ["def _values(d):", "    out = {}"]
        self.n = 0
        self._mapping("d", tree, "    ")
        if self.flat:
            self.lines.append("    return {k: v for k, v in d.items() if v is not None} "
                              "if None in d.values() else d")
        else:
            self.lines.append("    return out")
        env: dict[str, Any] = {"K": self.consts, "M": MAX_MAGNITUDE}
        exec(compile("\n".join(self.lines) + "\n", "<govrules fact checker>", "exec"), env)
        self.values: Callable[[Mapping[str, object]], dict[str, object] | None] = env["_values"]

    def _const(self, value: object) -> str:
        self.consts.append(value)
        return f"K[{len(self.consts) - 1}]"

    def _mapping(self, var: str, tree: dict[str, Any], ind: str) -> None:
        keys = self._const(frozenset(tree))
        self.lines.append(f"{ind}if {var}.__class__ is not dict or not {var}.keys() <= {keys}:")
        self.lines.append(f"{ind}    return None")
        for key, entry in tree.items():
            self.n += 1
            v = f"v{self.n}"
            self.lines.append(f"{ind}{v} = {var}.get({key!r})")
            self.lines.append(f"{ind}if {v} is not None:")
            if isinstance(entry, dict):
                self._mapping(v, entry, ind + "    ")
                continue
            test = self._test(entry, v)
            if test is None:
                self.lines.append(f"{ind}    return None")
                continue
            self.lines.append(f"{ind}    if not ({test}):")
            self.lines.append(f"{ind}        return None")
            if not self.flat:
                self.lines.append(f"{ind}    out[{entry.name!r}] = {v}")

    def _test(self, decl: FactDecl, v: str) -> str | None:
        t = decl.type
        if t == BOOL:
            return f"{v}.__class__ is bool"
        if t == INT:
            return f"{v}.__class__ is int and -M <= {v} <= M"
        if t == TEXT:
            return f"{v}.__class__ is str"
        if isinstance(t, EnumType):
            return f"{v}.__class__ is str and {v} in {self._const(frozenset(t.values))}"
        return None


_PROGRAMS: weakref.WeakKeyDictionary[PolicySet, Program] = weakref.WeakKeyDictionary()


_LAST: tuple[weakref.ref[PolicySet], Program] | None = None
"""The last policy set asked for (a weak reference) and its program: bulk work asks for one.
One tuple, replaced whole, so that threads never see a policy set with another's program."""


def program(ps: PolicySet) -> Program:
    """The compiled program of ``ps``, compiled on first use and kept while ``ps`` lives."""
    global _LAST
    last = _LAST
    if last is not None and last[0]() is ps:
        return last[1]
    prog = _PROGRAMS.get(ps)
    if prog is None:
        if not isinstance(ps, PolicySet):
            raise TypeError("compiling needs a PolicySet from govrules.load()")
        prog = _PROGRAMS[ps] = Program(ps)
    _LAST = (weakref.ref(ps), prog)
    return prog


def _fallback_verdicts(ps: PolicySet, prog: Program, facts: Facts, as_of: dt.date, *,
                       compiled: bool = False) -> list[Verdict]:
    """The verdicts the tree walker gives for what is not compiled: the measures left over,
    and the decisions (all of them; with ``compiled``, those left over)."""
    from .evaluator import _Evaluator

    ev = _Evaluator(ps, facts, as_of)
    out: list[Verdict] = []
    for cm in prog.fallback_measures:
        out.extend(ev.measure(cm))
    for cd in prog.fallback_decisions if compiled else ps.decisions:
        out.extend(ev.decision(cd))
    return out


def _prepare(ps: PolicySet, prog: Program, facts: object, as_of: dt.date | str | None,
             source: str | None = None) -> tuple[Mapping[str, object], Facts | None, dt.date]:
    """The validated values (and the Facts, when the full loader had to run) and the date."""
    from .evaluator import _as_date

    day = as_of if type(as_of) is dt.date else _as_date(as_of)
    if isinstance(facts, Facts):
        return facts.values, facts, day
    if type(facts) is dict:
        fast = prog.fast_values(facts)
        if fast is not None:
            return fast, None, day
    loaded = _load(ps, facts, source)
    return loaded.values, loaded, day


def _load(ps: PolicySet, facts: object, source: str | None) -> Facts:
    """The full loader: as :func:`govrules.evaluate` does it, naming a mapping ``source``."""
    from .evaluator import _as_facts
    from .facts import facts_from_mapping

    if source is not None and isinstance(facts, Mapping):
        return facts_from_mapping(facts, ps.facts, source)
    return _as_facts(ps, facts)


class StatusMap(Mapping[str, Status]):
    """The statuses :func:`decide` returns: a read-only mapping, verdict key → :class:`Status`.

    Iterates in the order of a report's verdicts. It is built in constant time over the
    statuses the compiled program returned (no dict per evaluation); ``dict(result)`` copies it.
    """

    __slots__ = ("_index", "_keys", "_statuses")

    def __init__(self, keys: tuple[str, ...], index: Mapping[str, int],
                 statuses: tuple[Status, ...] | list[Status]) -> None:
        self._keys = keys
        self._index = index
        self._statuses = statuses

    def __getitem__(self, key: str) -> Status:
        return self._statuses[self._index[key]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:
        inner = ", ".join(f"{k!r}: {v.value!r}" for k, v in self.items())
        return f"StatusMap({{{inner}}})"

    def compliant(self) -> set[str]:
        """The keys of the compliant verdicts."""
        c = Status.COMPLIANT
        return {k for k, i in self._index.items() if self._statuses[i] is c}


def decide(policies: PolicySet, facts: object, as_of: dt.date | str | None = None, *,
           source: str | None = None) -> StatusMap:
    """The status of every verdict, without traces: the fast path for bulk evaluation.

    Returns a :class:`StatusMap`: verdict key (:attr:`Verdict.key <govrules.Verdict.key>`) →
    :class:`Status`, in the order of a report's verdicts. ``policies`` is a loaded policy set
    (or a path to load). The statuses are exactly those of
    :func:`govrules.evaluate`; facts are validated as there (bad facts raise
    :class:`~govrules.FactsError`). ``source`` names a mapping in diagnostics and reports
    (default ``<mapping>``).
    """
    if type(policies) is not PolicySet:
        policies = _policy_set(policies)
    prog = program(policies)
    values, loaded, day = _prepare(policies, prog, facts, as_of, source)
    statuses = prog.statuses(values, day)
    if not prog.has_fallback:
        return StatusMap(prog._sorted_keys, prog._index, statuses)
    rows = list(zip(prog.keys, statuses, strict=True))
    rows += _decision_rows(prog, values, day)
    if prog.fallback_measures or prog.fallback_decisions:
        if loaded is None:
            loaded = _load(policies, facts, source)
        rows += [(v.key, v.status)
                 for v in _fallback_verdicts(policies, prog, loaded, day, compiled=True)]
    rows.sort(key=_report_order)
    keys = tuple(k for k, _ in rows)
    return StatusMap(keys, {k: i for i, k in enumerate(keys)}, [st for _, st in rows])


def _decision_prefix(cd: CheckedDecision) -> str:
    d = cd.decision
    if d.subject is None:
        return d.id
    coll = d.subject.collection
    assert isinstance(coll, ast.Name)
    return f"{d.id}[{coll.path}["


def _periods_of(cd: CheckedDecision) -> tuple[ast.Effective, ...]:
    return tuple(e for e in (cd.policy.effective, cd.decision.effective) if e is not None)


def _decision_rows(prog: Program, values: Mapping[str, object], day: dt.date
                   ) -> list[tuple[str, Status]]:
    rows: list[tuple[str, Status]] = []
    g = values.get
    for cd, fn, settle, prefix, periods in prog._decisions:
        for i, status in fn(g, day, in_force(periods, day), settle):
            if i is None:
                rows.append((cd.decision.id, status))
            else:
                rows.append((f"{prefix}{i}]]", status))
    return rows


def _policy_set(policies: object) -> PolicySet:
    if isinstance(policies, PolicySet):
        return policies
    if isinstance(policies, str | os.PathLike | list | tuple):
        from .api import load

        return load(policies)
    raise TypeError("needs a PolicySet from govrules.load(), or a path to load")


def _report_order(row: tuple[str, Status]) -> tuple[Any, ...]:
    key = row[0]
    rule, _, subject = key.partition("[")
    return natural_key(rule), natural_key(subject[:-1] if subject else "")


class LazyReport:
    """A traced evaluation whose report objects are built on demand.

    Evaluating records the status of every verdict and the value of every condition and fact
    read (:attr:`values`, described by :attr:`Program.slots`); the tree of
    :class:`~govrules.TraceNode` objects and the :class:`~govrules.Report` are built only when
    asked for (:meth:`report`, :meth:`to_json`), and are then exactly what
    :func:`govrules.evaluate` returns for the same inputs.
    """

    __slots__ = ("_facts", "_fallback", "_policies", "_report", "_source", "as_of", "statuses",
                 "values")

    def __init__(self, policies: PolicySet, facts: object, as_of: dt.date,
                 statuses: tuple[Status, ...], values: tuple[object, ...],
                 fallback: tuple[Verdict, ...], source: str | None = None) -> None:
        self._policies = policies
        self._source = source
        self._facts = facts
        self.as_of = as_of
        self.statuses = statuses
        """Statuses of the compiled verdicts, in :attr:`Program.keys` order."""
        self.values = values
        """Recorded values of the compiled conditions and fact reads, one per slot."""
        self._fallback = fallback
        self._report: Report | None = None

    @property
    def program(self) -> Program:
        """The compiled program that recorded this evaluation."""
        return program(self._policies)

    def status_map(self) -> StatusMap:
        """Verdict key → status, in report order (as :func:`decide` returns)."""
        prog = self.program
        if not self._fallback:
            return StatusMap(prog._sorted_keys, prog._index, self.statuses)
        rows = list(zip(prog.keys, self.statuses, strict=True))
        rows += [(v.key, v.status) for v in self._fallback]
        rows.sort(key=_report_order)
        keys = tuple(k for k, _ in rows)
        return StatusMap(keys, {k: i for i, k in enumerate(keys)}, [st for _, st in rows])

    def report(self) -> Report:
        """The full report, with every trace; built on first call, then kept."""
        if self._report is None:
            from .evaluator import evaluate

            facts = self._facts
            if not isinstance(facts, Facts):
                facts = _load(self._policies, facts, self._source)
            self._report = evaluate(self._policies, facts, self.as_of)
        return self._report

    def to_json(self, indent: int | None = 2) -> str:
        """The report as stable JSON (:meth:`Report.to_json <govrules.Report.to_json>`)."""
        return self.report().to_json(indent)


def record(policies: PolicySet, facts: object, as_of: dt.date | str | None = None, *,
           source: str | None = None) -> LazyReport:
    """Evaluate with a full trace recorded as flat values; see :class:`LazyReport`.

    ``source`` names a mapping in diagnostics and in the report (default ``<mapping>``).
    """
    if type(policies) is not PolicySet:
        policies = _policy_set(policies)
    prog = program(policies)
    values, loaded, day = _prepare(policies, prog, facts, as_of, source)
    statuses, recorded = prog.record_values(values, day)
    fallback: tuple[Verdict, ...] = ()
    if prog.has_fallback:
        if loaded is None:
            loaded = _load(policies, facts, source)
        fallback = tuple(_fallback_verdicts(policies, prog, loaded, day))
    return LazyReport(policies, facts if loaded is None else loaded, day, statuses, recorded,
                      fallback, source)
