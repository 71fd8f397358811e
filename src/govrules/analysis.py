"""Static consistency analysis of a checked policy set, with witnesses.

The checker (:mod:`govrules.checker`) proves that a policy set is well formed; this module looks
for policies that are well formed but *inconsistent*:

- two rules of one decision that can both win for the same subject, one excluding and one
  allowing or recommending the same option (``E501``: the evaluator would report ``conflict``);
- measures, methods and rules that can never apply (``W502``), or whose exception (``unless``)
  always applies (``W503``), exceptions that can never apply (``W504``), rules whose firing never
  changes an outcome because a stronger rule always fires with them (``W505``);
- facts that the policy uses but that no policy test (``*.test.yaml``) ever sets (``W506``).

The method is exhaustive enumeration over the facts a measure or a decision reads. Each fact gets
a finite domain of representative values: ``bool``, enums and (small) sets of enum values are
enumerated completely; numbers, dates and texts get one value per interval that the literals they
are compared with cut the line into; a list of records read by ``all``/``any`` gets every list of
up to *k* elements, *k* the number of quantifiers over it (enough: see ``docs/consistency.md``).
When a fact is used in a way these domains do not capture exactly (arithmetic, comparison with
another fact, ``size``, ``count``), or the product of the domain sizes exceeds
:data:`DEFAULT_LIMIT`, a claim that something can *never* happen is not made: ``W507`` says what
was not proven instead. A finding that something *can* happen comes with a witness — a facts
mapping and an evaluation date — that has been evaluated with the real engine
(:func:`govrules.evaluator.evaluate`) and shown to produce it before it is reported.

Enumeration is over complete fact sets (every fact read has a value). This loses nothing: the
evaluator's three-valued logic is monotone, so a rule that fires, or a conflict that is reported,
on a partial fact set also does on some completion of it.
"""

from __future__ import annotations

import datetime as dt
import decimal
import itertools
import json
import math
import operator
import os
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from . import ast
from .errors import Diagnostic, GovrulesError, Severity, Span
from .facttypes import BOOL, DATE, DECIMAL, EXACT, INT, TEXT, EnumType, ListType, SetType, Type
from .model import (
    CheckedDecision,
    CheckedMeasure,
    PolicySet,
    negate,
    resolve_name,
    resolve_outcome,
    rule_precedence,
)
from .model import arith as model_arith

__all__ = [
    "CODES",
    "DEFAULT_LIMIT",
    "Finding",
    "analyze",
    "find_issues",
    "find_test_files",
]

CODES: Mapping[str, str] = {
    "E501": "two rules of a decision can both win for one subject, one excluding and one "
    "allowing or recommending the same option",
    "W502": "a measure, method or rule can never apply: its conditions never hold together",
    "W503": "a measure, method or rule never applies because its exception always holds",
    "W504": "an exception (`unless`) can never apply",
    "W505": "a rule is shadowed: whenever it fires, a stronger rule fires too and decides",
    "W506": "a fact the policies use is never set by any policy test",
    "W507": "a consistency property was not proven (domain too large or not finite)",
}
"""Every code the analysis reports, with what it means (stable; documented in
``docs/consistency.md``)."""

DEFAULT_LIMIT = 1 << 16
"""The largest number of fact combinations enumerated for one measure or decision."""

DEFAULT_AS_OF = dt.date(2024, 6, 1)
"""The evaluation date of a witness when no condition or effective period reads it."""

_MAX_SET_POWERSET = 10
"""A set fact over at most this many enum values is enumerated as its full power set."""


@attrs.frozen
class Finding:
    """One result of the analysis: its diagnostic and, when there is one, its witness.

    ``witness`` is ``{"as_of": "YYYY-MM-DD", "facts": {...}}``: a facts mapping (as a facts file
    would hold it) and an evaluation date under which the engine shows the finding. It is None
    for findings that state an impossibility (no fact set can show those).
    """

    diagnostic: Diagnostic
    witness: Mapping[str, Any] | None = None


class _NotFinite(Exception):
    """Raised while collecting atoms for a construct the analysis cannot enumerate."""


# ------------------------------------------------------------------------------ atoms

# An atom is one unknown of the enumeration:
#   ("fact", NAME)          a scalar fact (bool, int, decimal, text, date, enum, set)
#   ("subj", FIELD)         a field of the decision's subject record
#   ("list", NAME)          a list-of-record fact read by quantifiers
#   ("as_of",)              the evaluation date
Atom = tuple[str, ...]


@attrs.define
class _Usage:
    """What the expressions do with one atom: the literals it meets, and whether every use is
    one the finite domain captures exactly."""

    type: Type
    constants: set[Any] = attrs.field(factory=set)
    mentioned: set[str] = attrs.field(factory=set)
    exact: bool = True
    why: str = ""
    quantifiers: int = 0
    fields: dict[str, _Usage] = attrs.field(factory=dict)

    @property
    def finite(self) -> bool:
        """Booleans and enums: the domain is complete whatever the expressions do."""
        return self.type == BOOL or isinstance(self.type, EnumType)

    def inexact(self, why: str) -> None:
        if self.exact and not self.finite:
            self.exact = False
            self.why = why


class _Collector:
    """Walks expressions (through definitions) and records the atoms they read."""

    def __init__(self, ps: PolicySet, subject: tuple[str, str, Any] | None) -> None:
        self.ps = ps
        # (variable, list fact, record type) of the decision's subject
        self.subject = subject
        self.atoms: dict[Atom, _Usage] = {}
        self._defines_seen: set[tuple[str, str | None]] = set()
        self.notes: list[str] = []

    def usage(self, atom: Atom, typ: Type) -> _Usage:
        if atom not in self.atoms:
            self.atoms[atom] = _Usage(typ)
        return self.atoms[atom]

    def ref(self, e: ast.Expr, scope: Mapping[str, tuple[str, str]]) -> _Usage | None:
        """The usage record of ``e`` when it is a plain read of an atom, else None."""
        if isinstance(e, ast.AsOf):
            return self.usage(("as_of",), DATE)
        if not isinstance(e, ast.Name):
            return None
        res = resolve_name(e.path, scope, self.ps.facts, self.ps.defines, self.ps.enum_values)
        if res is None:
            return None
        if res.kind == "fact":
            t = self.ps.facts[res.target].type
            if isinstance(t, ListType):
                return self.usage(("list", res.target), t)
            return self.usage(("fact", res.target), t)
        if res.kind == "var":
            kind, owner = scope[res.target]
            if not res.field or "." in res.field:
                raise _NotFinite(f"`{e.path}` reads a whole record or a nested field")
            if kind == "subj":
                assert self.subject is not None
                ftype = self.subject[2].field_type(res.field)
                return self.usage(("subj", res.field), ftype)
            lst = self.atoms[("list", owner)]
            rtype = lst.type.element if isinstance(lst.type, ListType) else None
            assert rtype is not None
            ftype = rtype.field_type(res.field)
            if ftype is None:  # pragma: no cover - the checker rejects unknown fields
                raise _NotFinite(f"`{e.path}` is not a field")
            if res.field not in lst.fields:
                lst.fields[res.field] = _Usage(ftype)
            return lst.fields[res.field]
        return None

    def literal(self, e: ast.Expr) -> Any:
        """The value of a literal operand (for constants), or a sentinel when it is not one."""
        match e:
            case ast.IntLit(value=v) | ast.DecimalLit(value=v) | ast.StringLit(value=v):
                return v
            case ast.DateLit(value=v):
                return v
            case ast.Neg(operand=ast.IntLit(value=v) | ast.DecimalLit(value=v)):
                return -v
            case ast.Name(path=p) if p in self.ps.enum_values and p not in self.ps.facts \
                    and p not in self.ps.defines:
                return p
            case ast.SetLit(items=items):
                vals = [self.literal(i) for i in items]
                if any(v is _NO for v in vals):
                    return _NO
                return frozenset(vals)
        return _NO

    def walk(self, e: ast.Expr, scope: Mapping[str, tuple[str, str]],
             taint: str | None = None) -> None:
        """Record the atoms ``e`` reads; ``taint`` says why their domains are not exact."""
        match e:
            case ast.Name(path=path):
                res = resolve_name(path, scope, self.ps.facts, self.ps.defines,
                                   self.ps.enum_values)
                if res is not None and res.kind == "define":
                    key = (res.target, taint)
                    if key not in self._defines_seen:
                        self._defines_seen.add(key)
                        self.walk(self.ps.defines[res.target].expr, {}, taint)
                    return
                u = self.ref(e, scope)
                if u is not None and taint is not None:
                    u.inexact(taint)
                elif u is not None and isinstance(u.type, ListType):
                    u.inexact(f"`{path}` is used as a whole list")
            case ast.AsOf():
                u = self.ref(e, scope)
                if u is not None and taint is not None:
                    u.inexact(taint)
            case ast.Compare(left=a, right=b) | ast.Subset(left=a, right=b) \
                    | ast.Member(element=a, collection=b) | ast.Includes(container=a, contained=b):
                if taint is not None:
                    self.walk(a, scope, taint)
                    self.walk(b, scope, taint)
                else:
                    self.operands(a, b, scope)
            case ast.Not() | ast.And() | ast.Or() | ast.SetLit():
                for child in _children(e):
                    self.walk(child, scope, taint)
            case ast.Arith() | ast.Neg() | ast.Size():
                for child in _children(e):
                    self.walk(child, scope, taint or "it is used in arithmetic or `size`")
            case ast.Quantifier(kind=kind, var=var, collection=coll, body=body):
                u = self.ref(coll, scope)
                if u is None or not isinstance(u.type, ListType):
                    raise _NotFinite("a quantifier ranges over something other than a list fact")
                owner = next(k[1] for k, v in self.atoms.items() if v is u)
                if taint is not None:
                    u.inexact(taint)
                if any(k == "elem" and o == owner for k, o in scope.values()):
                    u.inexact(f"quantifiers over `{owner}` are nested")
                if self.subject is not None and owner == self.subject[1]:
                    u.inexact(f"rules quantify over `{owner}`, the list of subjects")
                if kind == "count":
                    u.inexact(f"`count` over `{owner}`")
                u.quantifiers += 1
                self.walk(body, {**scope, var: ("elem", owner)}, taint)
            case _:
                pass

    def operands(self, a: ast.Expr, b: ast.Expr,
                 scope: Mapping[str, tuple[str, str]]) -> None:
        ua, ub = self.ref(a, scope), self.ref(b, scope)
        la, lb = self.literal(a), self.literal(b)
        for u, other_lit, other_ref in ((ua, lb, ub), (ub, la, ua)):
            if u is None:
                continue
            if other_lit is not _NO:
                _note_constant(u, other_lit)
            elif other_ref is not None:
                u.inexact("it is compared with another fact")
            else:
                u.inexact("it is compared with a computed value")
        for side, u in ((a, ua), (b, ub)):
            if u is None:
                self.walk(side, scope, "it is compared through a definition or a computation")
            elif isinstance(u.type, ListType):
                u.inexact("it is used as a whole list")


class _No:
    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return "_NO"


_NO: Any = _No()


def _subexprs(e: ast.Expr) -> list[ast.Expr]:
    match e:
        case ast.Arith(left=left, right=right) | ast.Compare(left=left, right=right):
            return [left, right]
        case ast.Neg(operand=op) | ast.Size(operand=op) | ast.Not(operand=op):
            return [op]
    return []


def _note_constant(u: _Usage, value: Any) -> None:
    if isinstance(u.type, SetType):
        if isinstance(value, frozenset):
            u.mentioned |= {str(v) for v in value}
        else:
            u.mentioned.add(str(value))
    elif not (isinstance(u.type, EnumType) or u.type == BOOL or isinstance(value, frozenset)):
        u.constants.add(value)


# ------------------------------------------------------------------------------ domains


def _domain(u: _Usage, limit: int) -> tuple[list[Any], str]:
    """Representative values of an atom, and why they are not exact ('' when they are)."""
    t = u.type
    why = "" if u.exact else u.why
    if t == BOOL:
        return [False, True], why
    if isinstance(t, EnumType):
        return list(t.values), why
    if isinstance(t, SetType):
        values = list(t.element.values)
        if len(values) <= _MAX_SET_POWERSET or not u.exact:
            if len(values) > _MAX_SET_POWERSET:
                return [], f"set of {len(values)} values: {why}"
            base = values
            extra: list[str] = []
        else:
            base = [v for v in values if v in u.mentioned]
            extra = [v for v in values if v not in u.mentioned][:1]
        subsets = [frozenset(c) for k in range(len(base) + 1)
                   for c in itertools.combinations(base, k)]
        out = subsets + [s | {x} for s in subsets for x in extra]
        return out, why
    if t in (INT, DECIMAL, DATE):
        return _interval_points(t, sorted(u.constants)), why
    if t == TEXT:
        texts = sorted(str(c) for c in u.constants)
        other = "x"
        while other in texts:
            other += "x"
        return [*texts, other], why
    if isinstance(t, ListType):
        fields = sorted(u.fields)
        doms = []
        for f in fields:
            d, fwhy = _domain(u.fields[f], limit)
            if fwhy:
                why = why or f"field `{f}`: {fwhy}"
            doms.append(d)
        n_elem = math.prod(len(d) for d in doms)
        k = max(1, u.quantifiers)
        if sum(n_elem ** i for i in range(k + 1)) > limit:
            return [], f"lists of up to {k} records of {n_elem} kinds are too many"
        elems = [dict(zip(fields, vals, strict=True)) for vals in itertools.product(*doms)]
        lists = [tuple(c) for i in range(k + 1)
                 for c in itertools.combinations_with_replacement(range(len(elems)), i)]
        return [tuple(elems[j] for j in c) for c in lists], why
    return [None], f"values of type `{t.describe()}` are not enumerated"


def _interval_points(t: Type, consts: list[Any]) -> list[Any]:
    """One value per interval the constants cut the line into, and the constants themselves."""
    if t == DATE:
        cs = [c for c in consts if isinstance(c, dt.date)]
        if not cs:
            return [DEFAULT_AS_OF]
        one = dt.timedelta(days=1)
        pts = {c for c in cs} | {c - one for c in cs} | {c + one for c in cs}
        return sorted(pts)
    nums = [decimal.Decimal(c) for c in consts
            if isinstance(c, int | decimal.Decimal) and not isinstance(c, bool)]
    if t == INT:
        if not nums:
            return [0]
        pts_i: set[int] = set()
        for c in nums:
            lo, hi = math.floor(c), math.ceil(c)
            pts_i |= {lo - 1, lo, hi, hi + 1}
        return sorted(pts_i)
    if not nums:
        return [decimal.Decimal(0)]
    s = sorted(set(nums))
    with decimal.localcontext(EXACT):  # (halving terminates: exact, whatever the caller's context)
        pts_d = {s[0] - 1, s[-1] + 1, *s}
        pts_d |= {(a + b) / 2 for a, b in itertools.pairwise(s)}
    return sorted(pts_d)


# ------------------------------------------------------------------------------ evaluation

_Env = Mapping[Atom, Any]


_Fn = Callable[["_Eval", Mapping[str, Any]], Any]
"""An expression compiled for :class:`_Eval`: called with the evaluator and the bound
variables."""

_COMPARE: dict[str, Callable[[Any, Any], Any]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
    ">": operator.gt, ">=": operator.ge,
}


class _Eval:
    """A two-valued evaluator over complete assignments of atoms (enumeration only; every
    witness is re-checked with the real engine).

    Each expression is compiled once into nested closures (names resolved, operators picked)
    and kept in ``compiled``, which the evaluators of one analysis share: the analysis runs the
    same conditions over thousands of assignments.
    """

    def __init__(self, ps: PolicySet, env: _Env, subject_var: str | None,
                 compiled: dict[tuple[int, tuple[str, ...]], tuple[ast.Expr, _Fn]]
                 | None = None) -> None:
        self.ps = ps
        self.env = env
        self.subject_var = subject_var
        self.defines: dict[str, Any] = {}
        self.compiled = {} if compiled is None else compiled

    def ev(self, e: ast.Expr, scope: Mapping[str, Any]) -> Any:
        """The value of ``e`` under this assignment, with ``scope`` binding variables."""
        return self.fn(e, tuple(scope))(self, scope)

    def define(self, name: str) -> Any:
        if name not in self.defines:
            self.defines[name] = self.ev(self.ps.defines[name].expr, {})
        return self.defines[name]

    def fn(self, e: ast.Expr, bound: tuple[str, ...]) -> _Fn:
        """``e`` compiled for variables ``bound`` (memoised; the node is kept alive with it,
        so that its ``id`` is not reused)."""
        key = (id(e), bound)
        hit = self.compiled.get(key)
        if hit is None:
            hit = self.compiled[key] = (e, self._compile(e, bound))
        return hit[1]

    def _compile(self, e: ast.Expr, bound: tuple[str, ...]) -> _Fn:
        ps = self.ps

        def sub(x: ast.Expr) -> _Fn:
            return self.fn(x, bound)

        match e:
            case ast.BoolLit(value=v) | ast.IntLit(value=v) | ast.DecimalLit(value=v) | \
                    ast.StringLit(value=v) | ast.DateLit(value=v):
                const: Any = v
                return lambda ev, s: const
            case ast.AsOf():
                return lambda ev, s: ev.env[("as_of",)]
            case ast.Name(path=path):
                res = resolve_name(path, dict.fromkeys(bound), ps.facts, ps.defines,
                                   ps.enum_values)
                assert res is not None
                if res.kind == "enum":
                    return lambda ev, s: path
                target, field = res.target, res.field
                if res.kind == "define":
                    return lambda ev, s: ev.define(target)
                if res.kind == "fact":
                    t = ps.facts[target].type
                    atom = ("list" if isinstance(t, ListType) else "fact", target)
                    return lambda ev, s: ev.env[atom]
                return lambda ev, s: s[target][field]
            case ast.SetLit(items=items):
                fns = [sub(i) for i in items]
                return lambda ev, s: frozenset(f(ev, s) for f in fns)
            case ast.Not(operand=op):
                f = sub(op)
                return lambda ev, s: not f(ev, s)
            case ast.And(operands=ops):
                fns = [sub(o) for o in ops]
                return lambda ev, s: all(f(ev, s) for f in fns)
            case ast.Or(operands=ops):
                fns = [sub(o) for o in ops]
                return lambda ev, s: any(f(ev, s) for f in fns)
            case ast.Compare(op=op, left=left, right=right):
                cmp, fl, fr = _COMPARE[op], sub(left), sub(right)
                return lambda ev, s: cmp(fl(ev, s), fr(ev, s))
            case ast.Member(element=el, collection=coll, negated=neg):
                fe, fc = sub(el), sub(coll)
                return lambda ev, s: (fe(ev, s) in fc(ev, s)) != neg
            case ast.Includes(container=c, contained=x):
                fc, fx = sub(c), sub(x)

                def includes(ev: _Eval, s: Mapping[str, Any]) -> Any:
                    cv, xv = fc(ev, s), fx(ev, s)
                    return xv <= cv if isinstance(xv, frozenset) else xv in cv
                return includes
            case ast.Subset(left=left, right=right):
                fl, fr = sub(left), sub(right)
                return lambda ev, s: fl(ev, s) <= fr(ev, s)
            case ast.Arith(op=symbol, left=left, right=right):
                fl, fr = sub(left), sub(right)

                def arith(ev: _Eval, s: Mapping[str, Any]) -> Any:
                    return model_arith(symbol, fl(ev, s), fr(ev, s))
                return arith
            case ast.Neg(operand=op):
                f = sub(op)
                return lambda ev, s: negate(f(ev, s))
            case ast.Size(operand=op):
                f = sub(op)
                return lambda ev, s: len(f(ev, s))
            case ast.Quantifier(kind=kind, var=var, collection=coll, body=body):
                fc = sub(coll)
                inner = tuple(dict.fromkeys((*bound, var)))
                fb = self.fn(body, inner)

                def quantifier(ev: _Eval, s: Mapping[str, Any]) -> Any:
                    vals = [fb(ev, {**s, var: rec}) for rec in fc(ev, s)]
                    if kind == "all":
                        return all(vals)
                    if kind == "any":
                        return any(vals)
                    return sum(1 for v in vals if v)
                return quantifier
        raise AssertionError(f"unhandled node {e!r}")  # pragma: no cover


def _effective_cond(eff: ast.Effective | None) -> list[ast.Expr]:
    if eff is None:
        return []
    out: list[ast.Expr] = [ast.Compare(">=", ast.AsOf(span=eff.span), eff.start, span=eff.span)]
    if eff.end is not None:
        out.append(ast.Compare("<=", ast.AsOf(span=eff.span), eff.end, span=eff.span))
    return out


# ------------------------------------------------------------------------------ witnesses


def _witness(ps: PolicySet, env: _Env, subject: tuple[str, str, Any] | None) -> dict[str, Any]:
    facts: dict[str, Any] = {}

    def put(name: str, value: Any) -> None:
        node = facts
        *parents, last = name.split(".")
        for p in parents:
            node = node.setdefault(p, {})
        node[last] = value

    subj_record = {k[1]: _plain(v) for k, v in env.items() if k[0] == "subj"}
    for atom in sorted(env):
        if atom[0] == "fact":
            put(atom[1], _plain(env[atom]))
        elif atom[0] == "list":
            put(atom[1], [{k: _plain(v) for k, v in r.items()} for r in env[atom]])
    if subject is not None:
        elems: list[Any] = [subj_record]
        node: Any = facts
        for p in subject[1].split("."):
            node = node.get(p) if isinstance(node, dict) else None
        if isinstance(node, list):
            elems += node
        put(subject[1], elems)
    as_of = env.get(("as_of",), DEFAULT_AS_OF)
    return {"as_of": as_of.isoformat(), "facts": facts}


def _plain(v: Any) -> Any:
    if isinstance(v, frozenset):
        return sorted(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, decimal.Decimal):
        return str(v)
    return v


def _render(witness: Mapping[str, Any]) -> str:
    return json.dumps(witness, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _engine_verdicts(ps: PolicySet, witness: Mapping[str, Any]) -> list[Any] | None:
    from .evaluator import evaluate

    try:
        report = evaluate(ps, witness["facts"], as_of=witness["as_of"])
    except GovrulesError:
        return None
    return list(report.verdicts)


# ------------------------------------------------------------------------------ units


@attrs.define
class _Unit:
    """The facts one measure or decision reads, with their domains."""

    atoms: list[Atom]
    domains: list[list[Any]]
    size: int
    unproven: str  # '' when the domains are exact and the enumeration is complete


def _build_unit(ps: PolicySet, exprs: Sequence[tuple[ast.Expr, Mapping[str, tuple[str, str]]]],
                subject: tuple[str, str, Any] | None, limit: int) -> _Unit:
    col = _Collector(ps, subject)
    try:
        for e, scope in exprs:
            col.walk(e, scope)
    except _NotFinite as exc:
        return _Unit([], [], 0, str(exc))
    atoms = sorted(col.atoms)
    domains: list[list[Any]] = []
    unproven = ""
    for a in atoms:
        dom, why = _domain(col.atoms[a], limit)
        label = "as_of" if a == ("as_of",) else f"`{a[1]}`"
        if not dom:
            return _Unit([], [], 0, f"{label}: {why}")
        if why and not unproven:
            unproven = f"{label}: {why}"
        domains.append(dom)
    size = math.prod(len(d) for d in domains)
    if size > limit:
        return _Unit(atoms, [], size, f"{size} combinations of the values of "
                     f"{_names(atoms)} exceed the limit of {limit}")
    return _Unit(atoms, domains, size, unproven)


def _names(atoms: Iterable[Atom]) -> str:
    return ", ".join("as_of" if a == ("as_of",) else f"`{a[1]}`" for a in atoms)


def _assignments(unit: _Unit) -> Iterator[dict[Atom, Any]]:
    for values in itertools.product(*unit.domains):
        yield dict(zip(unit.atoms, values, strict=True))


def _diag(code: str, message: str, span: Span, hint: str | None) -> Diagnostic:
    sev = Severity.ERROR if code.startswith("E") else Severity.WARNING
    return Diagnostic(code, message, span, hint, sev)


def _checked(unit: _Unit) -> str:
    return f"checked all {unit.size} combinations of the values of {_names(unit.atoms)}"


class _Analyzer:
    def __init__(self, ps: PolicySet, limit: int) -> None:
        self.ps = ps
        self.limit = limit
        self.findings: list[Finding] = []
        self.compiled: dict[tuple[int, tuple[str, ...]], tuple[ast.Expr, _Fn]] = {}

    def add(self, code: str, message: str, span: Span, hint: str | None,
            witness: Mapping[str, Any] | None = None) -> None:
        diag = _diag(code, message, span, hint)
        if witness is not None:
            diag = attrs.evolve(diag, witness=_render(witness))
        self.findings.append(Finding(diag, witness))

    def not_proven(self, what: str, span: Span, why: str) -> None:
        self.add("W507", f"consistency of {what} not proven", span,
                 f"{why}; the analysis makes no claim that it can never conflict or never apply")

    # -- checks over one condition family -------------------------------------------------

    def gate_checks(self, what: str, span: Span, unit: _Unit, ctx: Callable[[_Eval], bool],
                    unless: Sequence[ast.Expr], env_scope: Callable[[_Eval], Mapping[str, Any]],
                    subject: tuple[str, str, Any] | None, subject_var: str | None,
                    confirm: Callable[[Mapping[str, Any]], bool]) -> bool:
        """W502/W503/W504 for something that applies when ``ctx`` and no ``unless`` holds.

        Returns True when it can apply (so that nested checks go on)."""
        ctx_sat: dict[Atom, Any] | None = None
        fire_sat = False
        unless_sat = [False] * len(unless)
        for env in _assignments(unit):
            ev = _Eval(self.ps, env, subject_var, self.compiled)
            if not ctx(ev):
                continue
            scope = env_scope(ev)
            hits = [bool(ev.ev(u, scope)) for u in unless]
            if ctx_sat is None:
                ctx_sat = env
            if not any(hits):
                fire_sat = True
            for i, h in enumerate(hits):
                unless_sat[i] = unless_sat[i] or h
            if fire_sat and all(unless_sat):
                break
        proven = not unit.unproven
        if ctx_sat is None:
            if proven:
                self.add("W502", f"{what} can never apply", span,
                         f"its conditions and effective period never hold together "
                         f"({_checked(unit)})")
            return False
        if not fire_sat:
            witness = _witness(self.ps, ctx_sat, subject)
            if proven and confirm(witness):
                self.add("W503", f"the exception of {what} always applies", span,
                         f"whenever it would apply, an `unless` holds ({_checked(unit)})",
                         witness)
            return False
        for u, sat in zip(unless, unless_sat, strict=True):
            if not sat and proven:
                self.add("W504", f"this exception of {what} can never apply", u.span,
                         f"it never holds when the rest of the conditions do ({_checked(unit)})")
        return True

    # -- measures -----------------------------------------------------------------------

    def measure(self, cm: CheckedMeasure) -> None:
        m, pol = cm.measure, cm.policy
        ctx_exprs = [*_effective_cond(pol.effective), *_effective_cond(m.effective),
                     *pol.applies, *m.applies]
        exprs: list[ast.Expr] = [*ctx_exprs, *m.unless]
        for meth in m.methods:
            exprs += [*meth.applies, *meth.unless]
        unit = _build_unit(self.ps, [(e, {}) for e in exprs], None, self.limit)
        what = f"measure `{m.id}`"
        if not unit.domains and unit.unproven:
            self.not_proven(what, m.span, unit.unproven)
            return
        if unit.unproven:
            self.not_proven(what, m.span, unit.unproven)

        def ctx(ev: _Eval) -> bool:
            return all(ev.ev(e, {}) for e in ctx_exprs)

        def status_is(rule_id: str, statuses: set[str]) -> Callable[[Mapping[str, Any]], bool]:
            def check(w: Mapping[str, Any]) -> bool:
                vs = _engine_verdicts(self.ps, w)
                return vs is not None and any(
                    v.rule_id == rule_id and v.status.value in statuses for v in vs)
            return check

        if not self.gate_checks(what, m.span, unit, ctx, m.unless, lambda ev: {}, None, None,
                                status_is(m.id, {"not_applicable"})):
            return
        for meth in m.methods:
            def mctx(ev: _Eval, meth: ast.MethodDef = meth) -> bool:
                return ctx(ev) and not any(ev.ev(u, {}) for u in m.unless) and all(
                    ev.ev(a, {}) for a in meth.applies)
            rid = f"{m.id}.m{meth.number}"
            self.gate_checks(f"method `{rid}`", meth.span, unit, mctx, meth.unless,
                             lambda ev: {}, None, None, status_is(rid, {"not_applicable"}))

    # -- decisions ----------------------------------------------------------------------

    def decision(self, cd: CheckedDecision) -> None:
        d, pol = cd.decision, cd.policy
        what = f"decision `{d.id}`"
        subject: tuple[str, str, Any] | None = None
        scope: dict[str, tuple[str, str]] = {}
        if d.subject is not None:
            coll = d.subject.collection
            t = self.ps.facts[coll.path].type if isinstance(coll, ast.Name) and \
                coll.path in self.ps.facts else None
            if not isinstance(t, ListType) or not isinstance(coll, ast.Name):
                self.not_proven(what, d.span, "its subjects are not a list fact")
                return
            subject = (d.subject.var, coll.path, t.element)
            scope = {d.subject.var: ("subj", coll.path)}
        ctx_exprs = [*_effective_cond(pol.effective), *_effective_cond(d.effective),
                     *pol.applies, *d.applies]
        exprs = list(ctx_exprs)
        for r in d.rules:
            exprs += [*([r.when] if r.when is not None else []), *r.unless]
        unit = _build_unit(self.ps, [(e, scope) for e in exprs], subject, self.limit)
        if not unit.domains and unit.unproven:
            self.not_proven(what, d.span, unit.unproven)
            return
        if unit.unproven:
            self.not_proven(what, d.span, unit.unproven)
        var = subject[0] if subject else None

        def env_scope(ev: _Eval) -> dict[str, Any]:
            if var is None:
                return {}
            return {var: {k[1]: v for k, v in ev.env.items() if k[0] == "subj"}}

        def ctx(ev: _Eval) -> bool:
            s = env_scope(ev)
            return all(ev.ev(e, s) for e in ctx_exprs)

        def subject_verdict(w: Mapping[str, Any]) -> Any:
            vs = _engine_verdicts(self.ps, w)
            if vs is None:
                return None
            mine = [v for v in vs if v.rule_id == d.id]
            if subject is not None:
                mine = [v for v in mine if v.subject is not None and v.subject.endswith("[0]")]
            return mine[0] if mine else None

        def rule_fires_in(v: Any, rule_id: str) -> bool | None:
            for n in v.trace.walk():
                if n.kind == "rule" and n.label.startswith(f"rule {rule_id} "):
                    return bool(n.value) if n.known else None
            return None

        live: list[ast.RuleDef] = []
        for r in d.rules:
            def rctx(ev: _Eval, r: ast.RuleDef = r) -> bool:
                return ctx(ev) and (r.when is None or bool(ev.ev(r.when, env_scope(ev))))

            def confirm(w: Mapping[str, Any], r: ast.RuleDef = r) -> bool:
                v = subject_verdict(w)
                return v is not None and rule_fires_in(v, r.id) is False

            if self.gate_checks(f"rule `{r.id}`", r.span, unit, rctx, r.unless, env_scope,
                                subject, var, confirm):
                live.append(r)
        self.conflicts_and_shadows(cd, unit, ctx, env_scope, subject, var, live,
                                   subject_verdict, rule_fires_in)

    def conflicts_and_shadows(self, cd: CheckedDecision, unit: _Unit,
                              ctx: Callable[[_Eval], bool],
                              env_scope: Callable[[_Eval], dict[str, Any]],
                              subject: tuple[str, str, Any] | None, var: str | None,
                              live: list[ast.RuleDef],
                              subject_verdict: Callable[[Mapping[str, Any]], Any],
                              rule_fires_in: Callable[[Any, str], bool | None]) -> None:
        d = cd.decision
        rules = d.rules
        beats = rule_precedence(rules)
        conflicts: dict[tuple[str, str], tuple[list[str], list[dict[Atom, Any]]]] = {}
        fired_ever: dict[str, bool] = {r.id: False for r in live}
        shadow_ok: dict[str, bool] = {r.id: True for r in live}
        shadow_env: dict[str, dict[Atom, Any]] = {}
        for env in _assignments(unit):
            ev = _Eval(self.ps, env, var, self.compiled)
            if not ctx(ev):
                continue
            scope = env_scope(ev)
            fired = [r for r in rules if (r.when is None or ev.ev(r.when, scope))
                     and not any(ev.ev(u, scope) for u in r.unless)]
            if not fired:
                continue
            outcomes = {}
            for opt in d.options:
                on = [r for r in fired if opt.id in r.options]
                outcome, winners = resolve_outcome(on, beats)
                outcomes[opt.id] = outcome
                if outcome == "conflict":
                    ex = [w for w in winners if w.action == "exclude"]
                    ok = [w for w in winners if w.action != "exclude"]
                    for a in ex:
                        for b in ok:
                            key = (a.id, b.id)
                            opts, envs = conflicts.setdefault(key, ([], []))
                            if opt.id not in opts:
                                opts.append(opt.id)
                            if len(envs) < 4:
                                envs.append(env)
            for r in fired:
                if r.id not in shadow_ok:
                    continue
                fired_ever[r.id] = True
                if not shadow_ok[r.id]:
                    continue
                beaten = all(any(s is not r and opt in s.options and beats[(s.id, r.id)]
                                 for s in fired) for opt in r.options)
                without = [s for s in fired if s is not r]
                same = all(resolve_outcome([s for s in without if o.id in s.options], beats)[0]
                           == outcomes[o.id] for o in d.options)
                if beaten and same:
                    shadow_env.setdefault(r.id, env)
                else:
                    shadow_ok[r.id] = False
        by_id = {r.id: r for r in rules}
        for (a_id, b_id), (opts, envs) in sorted(conflicts.items()):
            witness = None
            for env in envs:
                w = _witness(self.ps, env, subject)
                v = subject_verdict(w)
                if v is not None and any(o.option in opts and o.outcome == "conflict"
                                         for o in v.options):
                    witness = w
                    break
            a, b = by_id[a_id], by_id[b_id]
            later = max(a, b, key=lambda r: (r.span.file, r.span.start))
            options = ", ".join(f"`{o}`" for o in opts)
            if witness is None:
                self.not_proven(f"decision `{d.id}`", a.span,
                                f"the engine did not confirm a conflict between rules `{a_id}` "
                                f"and `{b_id}` found by the analysis")
                continue
            self.add("E501", f"rules `{a_id}` and `{b_id}` of decision `{d.id}` conflict on "
                     f"option {options}", later.span,
                     f"both can fire for the same subject, `{a_id}` excluding and `{b_id}` "
                     f"{b.action}ing, and neither overrides the other or has a higher priority: "
                     f"add `overrides {a_id}` to `{b_id}` (or the reverse), a `priority`, or an "
                     "`unless`", witness)
        if unit.unproven:
            return
        for r in live:
            if not (fired_ever[r.id] and shadow_ok[r.id] and r.id in shadow_env):
                continue
            w = _witness(self.ps, shadow_env[r.id], subject)
            v = subject_verdict(w)
            if v is None or rule_fires_in(v, r.id) is not True or any(
                    r.id in o.rules for o in v.options):
                continue
            ev = _Eval(self.ps, shadow_env[r.id], var, self.compiled)
            scope = env_scope(ev)
            stronger = sorted(s.id for s in rules if s is not r and beats[(s.id, r.id)]
                              and (s.when is None or ev.ev(s.when, scope))
                              and not any(ev.ev(u, scope) for u in s.unless))
            names = ", ".join(f"`{s}`" for s in stronger)
            self.add("W505", f"rule `{r.id}` of decision `{d.id}` is shadowed", r.span,
                     f"whenever it fires, a rule that beats it fires too ({names}) and its "
                     f"firing changes no outcome ({_checked(unit)})", w)





# ------------------------------------------------------------------------------ policy tests


def find_test_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The policy test files (``*.test.yaml``) under the given policy folders, or beside the
    given policy files, in path order."""
    found: set[Path] = set()
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found |= set(path.rglob("*.test.yaml"))
        elif path.is_file():
            found |= set(path.parent.glob("*.test.yaml"))
    return sorted(found)


def _load_mapping(path: Path) -> Any:
    from .testing import _load_yaml  # the test-file reader's loader: it refuses aliases

    text = path.read_text(encoding="utf-8")
    if path.suffix == ".toml":
        return tomllib.loads(text)
    return _load_yaml(text)


def _set_paths(data: Any, prefix: str, out: set[str]) -> None:
    if isinstance(data, Mapping):
        for k, v in data.items():
            if v is None:
                continue
            key = f"{prefix}.{k}" if prefix else str(k)
            out.add(key)
            _set_paths(v, key, out)


def _facts_set_by_tests(files: Sequence[Path]) -> set[str]:
    import yaml

    # what reading a test or facts file can raise: reported by `govrules test`, not here
    unreadable = (OSError, UnicodeDecodeError, yaml.YAMLError, tomllib.TOMLDecodeError,
                  RecursionError)
    keys: set[str] = set()
    read: set[Path] = set()
    for f in files:
        try:
            doc = _load_mapping(f)
        except unreadable:
            continue  # `govrules test` reports unreadable test files; nothing to learn here
        tests = doc.get("tests") if isinstance(doc, Mapping) else None
        for t in tests if isinstance(tests, list) else []:
            if not isinstance(t, Mapping):
                continue
            if isinstance(t.get("facts"), Mapping):
                _set_paths(t["facts"], "", keys)
            if isinstance(t.get("facts_file"), str):
                facts_file = (f.parent / t["facts_file"]).resolve()
                if facts_file not in read:  # many tests share one example agency: read it once
                    read.add(facts_file)
                    try:
                        _set_paths(_load_mapping(facts_file), "", keys)
                    except unreadable:
                        continue
    return keys


def _fact_spans(ps: PolicySet) -> dict[str, Span]:
    return {name: decl.span for name, decl in ps.facts.items() if decl.span is not None}


def _used_facts(ps: PolicySet) -> set[str]:
    exprs: list[tuple[ast.Expr, Mapping[str, tuple[str, str]]]] = []
    for pol in ps.policies.values():
        exprs += [(e, {}) for e in pol.applies]
    for cm in ps.measures:
        m = cm.measure
        es = [*m.applies, *m.unless]
        if m.require is not None and m.require.expr is not None:
            es.append(m.require.expr)
        for meth in m.methods:
            es += [*meth.applies, *meth.unless]
            if meth.require is not None and meth.require.expr is not None:
                es.append(meth.require.expr)
        exprs += [(e, {}) for e in es]
    for cd in ps.decisions:
        d = cd.decision
        scope: dict[str, tuple[str, str]] = {}
        if d.subject is not None:
            exprs.append((d.subject.collection, {}))
            scope = {d.subject.var: ("any", "")}
        es = [*d.applies, *([d.chosen] if d.chosen is not None else [])]
        for r in d.rules:
            es += [*([r.when] if r.when is not None else []), *r.unless]
        exprs += [(e, scope) for e in es]
    used: set[str] = set()
    seen_defines: set[str] = set()

    def walk(e: ast.Expr, scope: Mapping[str, object]) -> None:
        match e:
            case ast.Name(path=path):
                res = resolve_name(path, scope, ps.facts, ps.defines, ps.enum_values)
                if res is None:
                    return
                if res.kind == "fact":
                    used.add(res.target)
                elif res.kind == "define" and res.target not in seen_defines:
                    seen_defines.add(res.target)
                    walk(ps.defines[res.target].expr, {})
            case ast.Quantifier(var=var, collection=coll, body=body):
                walk(coll, scope)
                walk(body, {**scope, var: None})
            case _:
                for child in _children(e):
                    walk(child, scope)

    for e, sc in exprs:
        walk(e, sc)
    return used


def _children(e: ast.Expr) -> list[ast.Expr]:
    match e:
        case ast.Not(operand=op) | ast.Neg(operand=op) | ast.Size(operand=op):
            return [op]
        case ast.And(operands=ops) | ast.Or(operands=ops) | ast.SetLit(items=ops):
            return list(ops)
        case ast.Compare(left=a, right=b) | ast.Arith(left=a, right=b) | \
                ast.Subset(left=a, right=b):
            return [a, b]
        case ast.Member(element=a, collection=b):
            return [a, b]
        case ast.Includes(container=a, contained=b):
            return [a, b]
    return []


def _untested_facts(ps: PolicySet, test_files: Sequence[Path]) -> list[Finding]:
    if not test_files:
        return []
    set_keys = _facts_set_by_tests(test_files)
    used = _used_facts(ps)
    spans = _fact_spans(ps)
    out = []
    for name in sorted(used):
        if name in set_keys:
            continue
        span = spans.get(name, Span.whole_file(ps.files[0] if ps.files else "<policies>"))
        out.append(Finding(_diag(
            "W506", f"fact `{name}` is never set by a policy test", span,
            f"none of the {len(test_files)} policy test files gives it a value, so no test "
            "shows how a verdict depends on it; add a test that sets it")))
    return out


# ------------------------------------------------------------------------------ entry points


def find_issues(ps: PolicySet, test_files: Sequence[str | os.PathLike[str]] = (),
                limit: int = DEFAULT_LIMIT) -> list[Finding]:
    """Analyse a checked policy set; every finding with its witness (see :class:`Finding`).

    ``test_files`` are the policy test files (``*.test.yaml``) to read for ``W506``;
    ``limit`` bounds the number of fact combinations enumerated for one measure or decision.
    The order of the findings is deterministic (by file, position and code).
    """
    an = _Analyzer(ps, limit)
    for cm in ps.measures:
        an.measure(cm)
    for cd in ps.decisions:
        an.decision(cd)
    findings = an.findings + _untested_facts(ps, [Path(f) for f in test_files])
    return sorted(findings, key=lambda f: (f.diagnostic.span.file, f.diagnostic.span.line,
                                           f.diagnostic.span.column, f.diagnostic.code,
                                           f.diagnostic.message))


def analyze(ps: PolicySet, test_files: Sequence[str | os.PathLike[str]] = (),
            limit: int = DEFAULT_LIMIT) -> list[Diagnostic]:
    """The diagnostics of :func:`find_issues` (the witness is rendered into each hint)."""
    return [f.diagnostic for f in find_issues(ps, test_files, limit)]
