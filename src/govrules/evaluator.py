"""The evaluator: checked policies + facts → verdicts with explanation traces.

Evaluation is total and side-effect free: a ``match`` over the node classes of
:mod:`govrules.ast`, with an explicit environment (the facts, the bound variables, the
evaluation date). Logic is Kleene's three-valued logic: a missing fact makes what depends on
it *unknown* — never a silent default — and each unknown result carries the key paths of the
missing facts that left it undecided.

Every expression yields an :class:`_Res`: its value, the trace node that explains it, and the
missing facts. Traces are built as data; renderers only read them.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import weakref
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from . import ast
from .dates import format_both, parse_date
from .errors import Diagnostic, FactsError, Severity, Span
from .facts import MISSING, Facts, facts_from_mapping, load_facts
from .model import (
    CheckedDecision,
    CheckedMeasure,
    PolicySet,
    arith,
    in_force,
    natural_key,
    negate,
    option_outcome,
    resolve_name,
    resolve_outcome,
    rule_precedence,
)
from .source import normalize_name
from .verdict import (
    CitationRef,
    FactRead,
    OptionOutcome,
    PolicyInfo,
    Report,
    Status,
    TraceNode,
    Verdict,
    display_value,
    printable,
)

__all__ = ["UNKNOWN", "evaluate"]


class _Unknown:
    """The value of an expression that missing facts leave undecided."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()
"""The value of an undecided expression."""

@attrs.frozen
class _Res:
    value: Any
    node: TraceNode
    missing: frozenset[str] = frozenset()


@attrs.frozen
class _Bound:
    """A bound variable: a record from a list, and its key path in the facts file."""

    record: Mapping[str, object]
    key_path: str


_LABELS: weakref.WeakKeyDictionary[PolicySet, dict[Span, str]] = weakref.WeakKeyDictionary()
"""Per policy set: the label (source text) of each span, cut once and kept."""


def _label(ps: PolicySet, span: Span) -> str:
    """The source text of ``span`` on one line, cut to 200 characters: a trace node's label."""
    cache = _LABELS.get(ps)
    if cache is None:
        cache = _LABELS.setdefault(ps, {})
    got = cache.get(span)
    if got is None:
        text = ps.sources.get(span.file)
        if text is None or span.end <= span.start:
            got = ""
        else:
            snippet = " ".join(text[span.start : span.end].split())
            got = snippet if len(snippet) <= 200 else snippet[:199] + "…"
        if len(cache) < 100_000:
            cache[span] = got
    return got


def _where(span: Span) -> str | None:
    """``file:line:column`` of a span that has a position, else None."""
    return span.location() if span.line > 0 else None


def _finding(status: Status, modality: str) -> str | None:
    if status is not Status.NON_COMPLIANT:
        return None
    return {"must": "violation", "must_not": "violation", "should": "advisory"}.get(
        modality, "none")


class _Evaluator:
    """Evaluates one facts file against one policy set."""

    def __init__(self, ps: PolicySet, facts: Facts, as_of: dt.date) -> None:
        self.ps = ps
        self.facts = facts
        self.as_of = as_of
        self._defines: dict[str, _Res] = {}
        self._precedence: dict[str, Mapping[tuple[str, str], bool]] = {}
        self._policy_out: dict[str, bool] = {}
        self.warnings: list[Diagnostic] = []
        """Warnings about these facts that only evaluating finds (W406)."""

    # -- plumbing -----------------------------------------------------------------------

    def label(self, span: Span) -> str:
        return _label(self.ps, span)

    @staticmethod
    def where(span: Span) -> str | None:
        return _where(span)

    def read(self, fact: str, key_path: str, value: object) -> FactRead:
        loc = self.facts.location(key_path)
        return FactRead(
            fact,
            key_path,
            None if value is MISSING else value,
            value is not MISSING,
            loc.location() if loc is not None else None,
        )

    def node(
        self,
        kind: str,
        expr_span: Span,
        value: Any,
        children: Iterable[_Res] = (),
        reads: tuple[FactRead, ...] = (),
        label: str | None = None,
        note: str | None = None,
    ) -> TraceNode:
        known = value is not UNKNOWN
        return TraceNode(
            kind,
            label if label is not None else self.label(expr_span),
            value if known else None,
            known,
            self.where(expr_span),
            reads,
            tuple(c.node for c in children),
            note,
        )

    # -- expressions --------------------------------------------------------------------

    def ev(self, e: ast.Expr, scope: Mapping[str, _Bound]) -> _Res:
        match e:
            case ast.BoolLit(value=v) | ast.IntLit(value=v) | ast.DecimalLit(value=v):
                return _Res(v, self.node("literal", e.span, v))
            case ast.StringLit(value=v) | ast.DateLit(value=v):
                return _Res(v, self.node("literal", e.span, v))
            case ast.AsOf():
                return _Res(self.as_of, self.node("as_of", e.span, self.as_of,
                                                  note=format_both(self.as_of)))
            case ast.Name():
                return self.ev_name(e, scope)
            case ast.SetLit(items=items):
                # a set holding an unknown value is itself unknown, never a smaller set
                return self.ev_strict(e, "set", [self.ev(i, scope) for i in items],
                                      lambda *values: frozenset(values))
            case ast.Not(operand=op):
                r = self.ev(op, scope)
                v = UNKNOWN if r.value is UNKNOWN else not r.value
                return _Res(v, self.node("not", e.span, v, [r]), r.missing)
            case ast.And(operands=ops):
                return self.ev_junction(e, [self.ev(o, scope) for o in ops], is_and=True)
            case ast.Or(operands=ops):
                return self.ev_junction(e, [self.ev(o, scope) for o in ops], is_and=False)
            case ast.Compare(op=op, left=left, right=right):
                return self.ev_strict(e, "compare", [self.ev(left, scope), self.ev(right, scope)],
                                      lambda a, b: _compare(op, a, b))
            case ast.Member(element=el, collection=coll, negated=neg):
                return self.ev_strict(e, "member", [self.ev(el, scope), self.ev(coll, scope)],
                                      lambda a, b: (a in b) != neg)
            case ast.Includes(container=c, contained=x):
                return self.ev_strict(e, "includes", [self.ev(c, scope), self.ev(x, scope)],
                                      _includes)
            case ast.Subset(left=left, right=right):
                return self.ev_strict(e, "subset", [self.ev(left, scope), self.ev(right, scope)],
                                      lambda a, b: a <= b)
            case ast.Arith(op=op, left=left, right=right):
                return self.ev_strict(e, "arith", [self.ev(left, scope), self.ev(right, scope)],
                                      lambda a, b: arith(op, a, b))
            case ast.Neg(operand=op):
                return self.ev_strict(e, "neg", [self.ev(op, scope)], negate)
            case ast.Size(operand=op):
                return self.ev_strict(e, "size", [self.ev(op, scope)], len)
            case ast.Quantifier():
                return self.ev_quantifier(e, scope)
        raise AssertionError(f"unhandled node {e!r}")  # pragma: no cover - checker guarantees

    def ev_strict(self, e: ast.Expr, kind: str, parts: list[_Res], fn: Any) -> _Res:
        """An operator that is unknown as soon as one operand is unknown."""
        if any(p.value is UNKNOWN for p in parts):
            missing = frozenset().union(*(p.missing for p in parts if p.value is UNKNOWN))
            return _Res(UNKNOWN, self.node(kind, e.span, UNKNOWN, parts), missing)
        value = fn(*(p.value for p in parts))
        return _Res(value, self.node(kind, e.span, value, parts))

    def ev_junction(self, e: ast.Expr, parts: list[_Res], *, is_and: bool) -> _Res:
        """Kleene ``and``/``or``: the deciding value wins over unknown."""
        decider = not is_and  # False decides an `and`, True decides an `or`
        if any(p.value is decider for p in parts):
            value: Any = decider
            missing: frozenset[str] = frozenset()
        elif any(p.value is UNKNOWN for p in parts):
            value = UNKNOWN
            missing = frozenset().union(*(p.missing for p in parts if p.value is UNKNOWN))
        else:
            value = not decider
            missing = frozenset()
        return _Res(value, self.node("and" if is_and else "or", e.span, value, parts), missing)

    def ev_name(self, e: ast.Name, scope: Mapping[str, _Bound]) -> _Res:
        res = resolve_name(e.path, scope, self.ps.facts, self.ps.defines, self.ps.enum_values)
        if res is None:  # pragma: no cover - the checker rejects unknown names
            raise AssertionError(e.path)
        if res.kind == "enum":
            return _Res(e.path, self.node("enum", e.span, e.path))
        if res.kind == "define":
            inner = self.ev_define(res.target)
            return _Res(inner.value, self.node("define", e.span, inner.value, [inner]),
                        inner.missing)
        if res.kind == "fact":
            value = self.facts.get(res.target)
            read = self.read(res.target, res.target, value)
        else:
            bound = scope[res.target]
            key_path = f"{bound.key_path}.{res.field}"
            value = bound.record.get(res.field, MISSING)
            read = self.read(res.field, key_path, value)
        if value is MISSING:
            return _Res(UNKNOWN, self.node("fact", e.span, UNKNOWN, reads=(read,)),
                        frozenset([read.key_path]))
        return _Res(value, self.node("fact", e.span, value, reads=(read,)))

    def ev_define(self, name: str) -> _Res:
        if name not in self._defines:
            d = self.ps.defines[name]
            inner = self.ev(d.expr, {})
            self._defines[name] = _Res(
                inner.value,
                self.node("definition", d.span, inner.value, [inner], label=f"define {name}"),
                inner.missing,
            )
        return self._defines[name]

    def ev_quantifier(self, e: ast.Quantifier, scope: Mapping[str, _Bound]) -> _Res:
        coll = self.ev(e.collection, scope)
        if coll.value is UNKNOWN:
            return _Res(UNKNOWN, self.node(e.kind, e.span, UNKNOWN, [coll]), coll.missing)
        base = _key_path_of(e.collection, coll)
        elems: list[_Res] = []
        for i, record in enumerate(coll.value):
            inner = {**scope, e.var: _Bound(record, f"{base}[{i}]")}
            body = self.ev(e.body, inner)
            elems.append(_Res(body.value, self.node(
                "element", e.body.span, body.value, [body], label=f"{e.var} = {base}[{i}]"),
                body.missing))
        if e.kind == "count":
            if any(r.value is UNKNOWN for r in elems):
                missing = frozenset().union(*(r.missing for r in elems if r.value is UNKNOWN))
                return _Res(UNKNOWN, self.node("count", e.span, UNKNOWN, [coll, *elems]), missing)
            n = sum(1 for r in elems if r.value is True)
            return _Res(n, self.node("count", e.span, n, [coll, *elems]))
        joined = self.ev_junction(e, elems, is_and=e.kind == "all")
        return _Res(joined.value, attrs.evolve(joined.node, kind=e.kind,
                                               children=(coll.node, *joined.node.children)),
                    joined.missing)

    # -- shared rule machinery ----------------------------------------------------------

    def effective(self, periods: Iterable[tuple[str, ast.Effective | None]]) -> _Res | None:
        """None when every period contains ``as_of``; else a trace of the one that does not."""
        for owner, eff in periods:
            if eff is None:
                continue
            if not in_force((eff,), self.as_of):
                until = f" until {format_both(eff.end.value)}" if eff.end else ""
                return _Res(False, TraceNode(
                    "effective", f"{owner} effective from {format_both(eff.start.value)}{until}",
                    False, True, self.where(eff.span),
                    note=f"as of {format_both(self.as_of)}"))
        return None

    def conditions(self, kind: str, exprs: Iterable[ast.Expr], scope: Mapping[str, _Bound],
                   *, is_and: bool) -> _Res | None:
        results = [self.ev(x, scope) for x in exprs]
        if not results:
            return None
        if len(results) == 1:
            r = results[0]
            return _Res(r.value, attrs.evolve(r.node, note=kind), r.missing)
        j = self.ev_junction(ast.BoolLit(True), results, is_and=is_and)
        return _Res(j.value, attrs.evolve(j.node, kind=kind, label=kind), j.missing)

    def gate(self, applies: _Res | None, unless: _Res | None) -> tuple[Status | None, str | None,
                                                                       frozenset[str]]:
        """Applicability and exceptions: a status that settles the verdict, or None to go on."""
        if applies is not None and applies.value is False:
            return Status.NOT_APPLICABLE, "the applicability condition does not hold", frozenset()
        if unless is not None and unless.value is True:
            return Status.NOT_APPLICABLE, "an exception (`unless`) holds", frozenset()
        missing: frozenset[str] = frozenset()
        for part in (applies, unless):
            if part is not None and part.value is UNKNOWN:
                missing |= part.missing
        return None, None, missing

    def policy_out(self, pol: ast.PolicyDef) -> bool:
        """True when the policy's own effective period or ``applies when`` rules it out on
        this date for these facts (computed once per policy and evaluation)."""
        found = self._policy_out.get(pol.id)
        if found is None:
            eff = self.effective([(f"policy {pol.id}", pol.effective)])
            found = eff is not None or any(self.ev(a, {}).value is False for a in pol.applies)
            self._policy_out[pol.id] = found
        return found

    def policy_info(self, pol: ast.PolicyDef) -> PolicyInfo:
        """What a report says of a policy: its header, and whether it is in force on this date
        and applies to these facts (Kleene AND of its ``applies when`` conditions)."""
        doc = self.ps.documents.get(pol.source) if pol.source else None
        eff = pol.effective
        applies: bool | None = True
        missing: set[str] = set()
        for cond in pol.applies:
            res = self.ev(cond, {})
            if res.value is False:
                applies, missing = False, set()
                break
            if res.value is UNKNOWN:
                applies = None
                missing |= res.missing
        return PolicyInfo(
            id=pol.id,
            version=pol.version,
            titles=dict(pol.titles),
            source=pol.source,
            source_titles=dict(doc.titles) if doc else {},
            source_dated=doc.dated.value if doc and doc.dated else None,
            effective_from=eff.start.value if eff else None,
            effective_until=eff.end.value if eff and eff.end else None,
            in_force=in_force([eff], self.as_of),
            applies=applies,
            missing=tuple(sorted(missing)),
            interpretations=dict(pol.interpretations),
            ambiguities=pol.ambiguities,
        )

    def reading(self, pol: ast.PolicyDef, status: Status, interp: dict[str, str],
                ambiguities: tuple[str, ...]) -> tuple[dict[str, str], tuple[str, ...]]:
        """The interpretations and ambiguities of a verdict: its own, or — when it is not
        applicable because of its policy's period or applicability, and the policy marks those
        as an interpretation — the policy's, which are then the reason for it."""
        if self.by_policy(pol, status):
            return dict(pol.interpretations), _unique((*pol.ambiguities, *ambiguities))
        return interp, ambiguities

    def by_policy(self, pol: ast.PolicyDef, status: Status) -> bool:
        """Whether a verdict of this status rests on the policy's own reading of its period or
        applicability (see :meth:`reading`)."""
        return status is Status.NOT_APPLICABLE and bool(pol.interpretations) \
            and self.policy_out(pol)

    def citations(self, cites: tuple[ast.Citation, ...],
                  parent: tuple[ast.Citation, ...] = ()) -> tuple[CitationRef, ...]:
        base = next((c for c in parent if c.document), None)
        out = []
        for c in cites:
            if c.document is None and base is not None:
                doc = base.document or ""
                path = ", ".join(p.normalized for p in (*base.parts, *c.parts))
                written = " ".join(_written(p) for p in (*base.parts, *c.parts))
            else:
                doc = c.document or ""
                path = ", ".join(p.normalized for p in c.parts)
                written = " ".join(_written(p) for p in c.parts)
            src = self.ps.documents.get(doc)
            titles = dict(src.titles) if src else {}
            out.append(CitationRef(doc, titles, path, written))
        return tuple(out)

    def explanation(self, explains: tuple[ast.Explain, ...], status: Status,
                    scope: Mapping[str, _Bound]) -> dict[str, str]:
        out: dict[str, str] = {}
        for lang in ("en", "th"):
            mine = [x for x in explains if x.lang == lang]
            chosen = next((x for x in mine if x.status == status.value), None) or next(
                (x for x in mine if x.status is None), None)
            if chosen is not None:
                out[lang] = self.fill(chosen.template, scope)
        return out

    def rule_explanations(self, d: ast.DecisionDef, decided: list[str], status: Status,
                          scope: Mapping[str, _Bound]) -> dict[str, str]:
        """The sentences of the rules that decided an option, in rule order, per language."""
        out: dict[str, list[str]] = {}
        for rule in d.rules:
            if rule.id in decided:
                for lang, text in self.explanation(rule.explains, status, scope).items():
                    out.setdefault(lang, []).append(text)
        return {lang: " ".join(texts) for lang, texts in out.items()}

    def fill(self, template: str, scope: Mapping[str, _Bound]) -> str:
        def sub(m: re.Match[str]) -> str:
            if m.group(0) in ("{{", "}}"):
                return m.group(0)[0]
            # the checker reads `{ a }` as `a`; so must we
            r = self.ev(ast.Name(normalize_name(m.group(1).strip())), scope)
            if r.value is UNKNOWN:
                return "?"
            return printable(r.value) if isinstance(r.value, str) else display_value(r.value)

        return re.sub(r"\{\{|\}\}|\{([^{}]+)\}", sub, template)

    # -- measures -----------------------------------------------------------------------

    def measure(self, cm: CheckedMeasure) -> list[Verdict]:
        m, pol = cm.measure, cm.policy
        eff = self.effective([(f"policy {pol.id}", pol.effective),
                              (f"measure {m.id}", m.effective)])
        applies = self.conditions("applies when", (*pol.applies, *m.applies), {}, is_and=True)
        unless = self.conditions("unless", m.unless, {}, is_and=False)
        gate_status, reason, gate_missing = self.gate(applies, unless)
        if eff is not None:
            gate_status, reason = Status.NOT_APPLICABLE, "the evaluation date is outside the " \
                "effective period"
        # what settled the measure's applicability, shown in each method's trace too
        settled = (eff if eff is not None else applies if applies is not None and
                   applies.value is False else unless if gate_status is not None else None)
        gate_nodes = (settled.node,) if settled is not None else ()
        method_verdicts = [self.method(cm, meth, gate_status, reason, gate_missing, gate_nodes)
                           for meth in m.methods]
        prelude = [r for r in (eff, applies, unless) if r is not None]
        if gate_status is not None:
            status, missing, req_node = gate_status, frozenset[str](), None
        else:
            req = self.requirement(m.require, method_verdicts, {})
            req_node = req.node
            status = _status_of(req.value)
            missing = req.missing
            if gate_missing and status is not Status.NOT_APPLICABLE:
                status, missing = Status.UNKNOWN, missing | gate_missing
                reason = "it is not known whether the measure applies"
        if status is Status.UNKNOWN and reason is None:
            reason = "facts are missing"
        interp = dict(m.interpretations)
        for mv in method_verdicts:
            for lang, text in mv.interpretations.items():
                interp.setdefault(lang, text)
        ambiguities = _unique((*m.ambiguities, *(a for mv in method_verdicts
                                                   for a in mv.ambiguities)))
        interp, ambiguities = self.reading(pol, status, interp, ambiguities)
        trace = TraceNode(
            "measure", f"measure {m.id} {m.modality}", status.value, True, self.where(m.span),
            children=tuple(r.node for r in prelude) + ((req_node,) if req_node else ()),
        )
        verdict = Verdict(
            rule_id=m.id,
            kind="measure",
            status=status,
            modality=m.modality,
            policy=pol.id,
            titles=dict(m.titles),
            citations=self.citations(m.cites),
            trace=trace,
            finding=_finding(status, m.modality),
            basis="interpretation" if interp else "law",
            interpretations=interp,
            missing=_sorted_paths(missing) if status is Status.UNKNOWN else (),
            reason=reason if status in (Status.UNKNOWN, Status.NOT_APPLICABLE) else None,
            source_text=dict(m.texts),
            explanation=self.explanation(m.explains, status, {}),
            ambiguities=ambiguities,
            actors=dict(m.actors),
        )
        return [verdict, *method_verdicts]

    def requirement(self, req: ast.Require | None, methods: list[Verdict],
                    scope: Mapping[str, _Bound]) -> _Res:
        if req is not None and req.kind == "expr" and req.expr is not None:
            r = self.ev(req.expr, scope)
            return _Res(r.value, attrs.evolve(r.node, note="require"), r.missing)
        parts = []
        for mv in methods:
            value: Any = {Status.COMPLIANT: True, Status.NON_COMPLIANT: False,
                          Status.NOT_APPLICABLE: True}.get(mv.status, UNKNOWN)
            parts.append(_Res(value, mv.trace, frozenset(mv.missing)))
        is_any = req is not None and req.kind == "any_methods"
        j = self.ev_junction(ast.BoolLit(True), parts, is_and=not is_any)
        label = "require any methods" if is_any else "require all methods"
        return _Res(j.value, attrs.evolve(j.node, kind="require", label=label,
                                          location=self.where(req.span) if req else None),
                    j.missing)

    def method(self, cm: CheckedMeasure, meth: ast.MethodDef, gate_status: Status | None,
               gate_reason: str | None, gate_missing: frozenset[str],
               gate_nodes: tuple[TraceNode, ...] = ()) -> Verdict:
        """A method's verdict. ``gate_*`` is its measure's applicability: settled (a status,
        and ``gate_nodes``, the trace of what settled it), or undecided (the facts missing to
        decide it), which makes the method undecided too."""
        m = cm.measure
        rid = f"{m.id}.m{meth.number}"
        children: list[TraceNode] = []
        missing: frozenset[str] = frozenset()
        reason: str | None
        if gate_status is not None:
            status, reason = gate_status, f"the measure is not applicable: {gate_reason}"
            children += gate_nodes
        else:
            applies = self.conditions("applies when", meth.applies, {}, is_and=True)
            unless = self.conditions("unless", meth.unless, {}, is_and=False)
            children += [r.node for r in (applies, unless) if r is not None]
            g_status, reason, g_missing = self.gate(applies, unless)
            if g_status is not None:
                status = g_status
            else:
                req = self.requirement(meth.require, [], {})
                children.append(req.node)
                status, missing = _status_of(req.value), req.missing
                if g_missing and status is not Status.NOT_APPLICABLE:
                    status, missing = Status.UNKNOWN, missing | g_missing
                reason = "facts are missing" if status is Status.UNKNOWN else None
            if gate_missing and status is not Status.NOT_APPLICABLE:
                status, missing = Status.UNKNOWN, missing | gate_missing
                reason = "it is not known whether the measure applies"
        trace = TraceNode("method", f"method {rid}", status.value, True, self.where(meth.span),
                          children=tuple(children))
        # A method's verdict rests on its measure's reading too (whether methods bind at all is
        # an interpretation of the section-50 memo, A5): its own reading first, then the measure's.
        own = dict(meth.interpretations)
        for lang, text in m.interpretations:
            own[lang] = f"{own[lang]} {text}" if lang in own else text
        interp, ambiguities = self.reading(cm.policy, status, own,
                                           _unique((*m.ambiguities, *meth.ambiguities)))
        return Verdict(
            rule_id=rid,
            kind="method",
            status=status,
            modality=m.modality,
            policy=cm.policy.id,
            titles=dict(meth.titles),
            citations=self.citations(meth.cites, m.cites),
            trace=trace,
            finding=_finding(status, m.modality),
            basis="interpretation" if interp else "law",
            interpretations=interp,
            missing=_sorted_paths(missing) if status is Status.UNKNOWN else (),
            reason=reason,
            source_text=dict(meth.texts),
            explanation=self.explanation(meth.explains, status, {}),
            parent=m.id,
            ambiguities=ambiguities,
            actors=dict(meth.actors or m.actors),
        )

    # -- decisions ----------------------------------------------------------------------

    def decision(self, cd: CheckedDecision) -> list[Verdict]:
        d = cd.decision
        subjects: list[tuple[str | None, str | None, dict[str, _Bound]]] = []
        prelude: list[TraceNode] = []
        if d.subject is None:
            subjects.append((None, None, {}))
        else:
            coll = self.ev(d.subject.collection, {})
            if coll.value is UNKNOWN:
                eff = self.effective([(f"policy {cd.policy.id}", cd.policy.effective),
                                      (f"decision {d.id}", d.effective)])
                if eff is not None:  # out of force: nothing about the subjects matters
                    return [self.decision_verdict(
                        cd, None, None, {}, [eff.node], Status.NOT_APPLICABLE,
                        "the evaluation date is outside the effective period", frozenset(), ())]
                return [self.decision_verdict(cd, None, None, {}, [coll.node], Status.UNKNOWN,
                                              "the list of subjects is missing", coll.missing, ())]
            base = _key_path_of(d.subject.collection, coll)
            prelude.append(coll.node)
            for i, record in enumerate(coll.value):
                key = f"{base}[{i}]"
                label = record.get("id")
                subjects.append((key, printable(str(label)) if isinstance(label, str | int)
                                 else None,
                                 {d.subject.var: _Bound(record, key)}))
        self.shared_labels(d.id, subjects)
        return [self.subject_verdict(cd, key, label, scope, prelude)
                for key, label, scope in subjects]

    def shared_labels(self, decision: str,
                      subjects: list[tuple[str | None, str | None, dict[str, _Bound]]]) -> None:
        """A warning (W406) for subjects that share a label: reports show subjects by their
        label, and two verdicts `work_pattern [P-1]` could not be told apart."""
        keys_by_label: dict[str, list[str]] = {}
        for key, label, _ in subjects:
            if label is not None and key is not None:
                keys_by_label.setdefault(label, []).append(key)
        for label, keys in keys_by_label.items():
            if len(keys) > 1:
                where = self.facts.location(f"{keys[1]}.id") or Span.whole_file(self.facts.source)
                self.warnings.append(Diagnostic(
                    "W406", f"subjects {', '.join(f'`{k}`' for k in keys)} of decision "
                    f"`{decision}` share the label `{label}`", where,
                    "give each an `id` of its own: reports name subjects by it",
                    Severity.WARNING))

    def subject_verdict(self, cd: CheckedDecision, key: str | None, label: str | None,
                        scope: dict[str, _Bound], prelude: list[TraceNode]) -> Verdict:
        d, pol = cd.decision, cd.policy
        eff = self.effective([(f"policy {pol.id}", pol.effective),
                              (f"decision {d.id}", d.effective)])
        applies = self.conditions("applies when", (*pol.applies, *d.applies), scope, is_and=True)
        children = [r.node for r in (eff, applies) if r is not None]
        if eff is not None:
            return self.decision_verdict(cd, key, label, scope, children, Status.NOT_APPLICABLE,
                                         "the evaluation date is outside the effective period",
                                         frozenset(), ())
        g_status, reason, g_missing = self.gate(applies, None)
        if g_status is not None:
            return self.decision_verdict(cd, key, label, scope, children, g_status, reason,
                                         frozenset(), ())
        fires: dict[str, _Res] = {}
        for rule in d.rules:
            fires[rule.id] = self.rule_fires(rule, scope)
            children.append(fires[rule.id].node)
        outcomes = tuple(self.option_outcome(cd, opt, fires) for opt in d.options)
        missing = frozenset(p for o in outcomes if o.outcome == "unknown" for p in o.missing)
        if any(o.outcome == "conflict" for o in outcomes):
            status, reason = Status.CONFLICT, "rules contradict each other for an option"
        elif missing:
            status, reason = Status.UNKNOWN, "facts are missing"
        else:
            status, reason = Status.COMPLIANT, None
        finding = None
        if d.chosen is not None:
            # read whatever the status: an auditor sees what the agency chose even when another
            # option is still open; only a compliant verdict can be changed by it
            chosen = self.ev(d.chosen, scope)
            children.append(attrs.evolve(chosen.node, note="chosen option"))
            if status is Status.COMPLIANT and chosen.value is UNKNOWN:
                status, reason, missing = Status.UNKNOWN, "the chosen option is not known", \
                    chosen.missing
            elif status is Status.UNKNOWN and chosen.value is UNKNOWN:
                missing = missing | chosen.missing  # both are needed to decide it
            elif status is Status.COMPLIANT:
                outcome = next((o for o in outcomes if o.option == chosen.value), None)
                if outcome is not None and outcome.outcome == "excluded":
                    status = Status.NON_COMPLIANT
                    reason = f"the chosen option `{chosen.value}` is excluded"
                    finding = _finding(status, outcome.modality or "must")
        if g_missing and status is not Status.NOT_APPLICABLE:
            status, missing = Status.UNKNOWN, missing | g_missing
            reason = "it is not known whether the decision applies"
        return self.decision_verdict(cd, key, label, scope, children, status, reason, missing,
                                     outcomes, finding)

    def rule_fires(self, rule: ast.RuleDef, scope: Mapping[str, _Bound]) -> _Res:
        parts = []
        if rule.when is not None:
            w = self.ev(rule.when, scope)
            parts.append(_Res(w.value, attrs.evolve(w.node, note="when"), w.missing))
        for u in rule.unless:
            r = self.ev(u, scope)
            neg = UNKNOWN if r.value is UNKNOWN else not r.value
            parts.append(_Res(neg, TraceNode("unless", "unless " + r.node.label,
                                             None if neg is UNKNOWN else neg, neg is not UNKNOWN,
                                             r.node.location, children=(r.node,)), r.missing))
        if parts:
            j = self.ev_junction(ast.BoolLit(True), parts, is_and=True)
            value, missing = j.value, j.missing
        else:
            value, missing = True, frozenset()
        options = ", ".join(rule.options)
        basis = " (interpretation)" if rule.interpretations else ""
        node = TraceNode("rule", f"rule {rule.id} {rule.modality} {rule.action} {options}{basis}",
                         None if value is UNKNOWN else value, value is not UNKNOWN,
                         self.where(rule.span), children=tuple(p.node for p in parts))
        return _Res(value, node, missing)

    def precedence(self, cd: CheckedDecision) -> Mapping[tuple[str, str], bool]:
        """Which rule of the decision beats which, computed once per evaluation."""
        found = self._precedence.get(cd.decision.id)
        if found is None:
            found = self._precedence[cd.decision.id] = rule_precedence(cd.decision.rules)
        return found

    def option_outcome(self, cd: CheckedDecision, opt: ast.OptionDef,
                       fires: Mapping[str, _Res]) -> OptionOutcome:
        rules = [r for r in cd.decision.rules if opt.id in r.options]
        sure = [r for r in rules if fires[r.id].value is True]
        open_ = [r for r in rules if fires[r.id].value is UNKNOWN]
        precedence = self.precedence(cd)
        titles = dict(opt.titles)
        if option_outcome(sure, open_, precedence) == "unknown":
            missing = frozenset(p for r in open_ for p in fires[r.id].missing)
            return OptionOutcome(opt.id, "unknown", tuple(r.id for r in open_), None,
                                 _basis(open_), _sorted_paths(missing), titles)
        outcome, winners = resolve_outcome(sure, precedence)
        modality = _strongest(w.modality for w in winners)
        basis = "interpretation" if opt.interpretations else _basis(winners)
        return OptionOutcome(opt.id, outcome, tuple(w.id for w in winners), modality,
                             basis, (), titles)

    def decision_verdict(self, cd: CheckedDecision, key: str | None, label: str | None,
                         scope: Mapping[str, _Bound], children: list[TraceNode], status: Status,
                         reason: str | None, missing: frozenset[str],
                         outcomes: tuple[OptionOutcome, ...],
                         finding: str | None = None) -> Verdict:
        d = cd.decision
        decided = [r for o in outcomes for r in o.rules if o.outcome != "unknown"]
        interp: dict[str, str] = dict(d.interpretations)
        for rule in d.rules:
            if rule.id in decided:
                for lang, text in rule.interpretations:
                    interp.setdefault(lang, text)
        for opt in d.options:
            for lang, text in opt.interpretations:
                interp.setdefault(lang, text)
        ambiguities = _unique((*d.ambiguities,
                               *(a for r in d.rules if r.id in decided for a in r.ambiguities)))
        by_policy = self.by_policy(cd.policy, status)
        interp, ambiguities = self.reading(cd.policy, status, interp, ambiguities)
        subject = f" for {key}" + (f" ({label})" if label else "") if key else ""
        trace = TraceNode("decision", f"decision {d.id}{subject}", status.value, True,
                          self.where(d.span), children=tuple(children))
        return Verdict(
            rule_id=d.id,
            kind="decision",
            status=status,
            # the strongest of the rules that decided an option for this subject: a decision
            # that only `may` rules settled is not a `should` because another rule exists
            modality=_strongest(r.modality for r in d.rules if r.id in decided) or "may",
            policy=cd.policy.id,
            titles=dict(d.titles),
            citations=self.citations(d.cites),
            trace=trace,
            finding=finding,
            basis="interpretation"
            if by_policy or d.interpretations or any(o.basis == "interpretation" for o in outcomes)
            else "law",
            interpretations=interp,
            missing=_sorted_paths(missing) if status is Status.UNKNOWN else (),
            reason=reason,
            source_text=dict(d.texts),
            explanation=self.rule_explanations(d, decided, status, scope),
            subject=key,
            subject_label=label,
            options=outcomes,
            ambiguities=ambiguities,
        )


# ---------------------------------------------------------------------------- helpers


def _written(part: ast.CitePart) -> str:
    if part.number is not None:
        return f"{part.label} {part.number}"
    if part.text is not None:
        return f'{part.label} "{part.text}"'
    return part.label


def _status_of(value: Any) -> Status:
    if value is UNKNOWN:
        return Status.UNKNOWN
    return Status.COMPLIANT if value else Status.NON_COMPLIANT


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    """Names without repeats, in natural order (``A5`` before ``A23``)."""
    return tuple(sorted(set(names), key=natural_key))


def _sorted_paths(paths: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(paths), key=natural_key))


def _compare(op: str, a: Any, b: Any) -> bool:
    match op:
        case "==":
            return bool(a == b)
        case "!=":
            return bool(a != b)
        case "<":
            return bool(a < b)
        case "<=":
            return bool(a <= b)
        case ">":
            return bool(a > b)
        case ">=":
            return bool(a >= b)
    raise AssertionError(op)  # pragma: no cover




def _includes(container: frozenset[Any], contained: Any) -> bool:
    if isinstance(contained, frozenset):
        return contained <= container
    return contained in container


def _key_path_of(expr: ast.Expr, res: _Res) -> str:
    """The key path of a list in the facts file, for naming its elements."""
    reads = [r for n in res.node.walk() for r in n.reads]
    if isinstance(expr, ast.Name) and len(reads) == 1:
        return reads[0].key_path
    return res.node.label


_RANK = {"must": 4, "must_not": 4, "should": 3, "may": 2, "consider": 1}


def _strongest(modalities: Iterable[str]) -> str | None:
    return max(modalities, key=lambda m: _RANK.get(m, 0), default=None)


def _basis(rules: Iterable[ast.RuleDef]) -> str:
    return "interpretation" if any(r.interpretations for r in rules) else "law"





def _as_facts(ps: PolicySet, facts: object) -> Facts:
    if isinstance(facts, Facts):
        return facts
    if isinstance(facts, str | os.PathLike):
        return load_facts(facts, ps.facts)
    if isinstance(facts, Mapping):
        return facts_from_mapping(facts, ps.facts)
    raise FactsError(Diagnostic(
        "E400", f"cannot evaluate facts of type `{type(facts).__name__}`",
        Span.whole_file("<facts>"), "pass a facts file path, a mapping or a `Facts` object"))


def _as_date(as_of: dt.date | str | None) -> dt.date:
    if as_of is None:
        return dt.date.today()
    if isinstance(as_of, dt.datetime):
        return as_of.date()
    if isinstance(as_of, dt.date):
        return as_of
    try:
        return parse_date(str(as_of))
    except ValueError as exc:
        raise FactsError(Diagnostic("E409", f"invalid `as_of` date: {exc}",
                                    Span.whole_file("<as_of>"),
                                    "write YYYY-MM-DD, or YYYY-MM-DD BE")) from None


def evaluate(ps: PolicySet, facts: object, as_of: dt.date | str | None = None) -> Report:
    """Evaluate ``facts`` against the checked policy set ``ps``.

    ``facts`` is a path to a YAML/JSON/TOML file, a mapping, or a loaded
    :class:`~govrules.facts.Facts`. ``as_of`` defaults to today. The verdicts are ordered by
    rule id (naturally: ``m10`` after ``m9``) and then by subject, whatever the order of files
    and rules.
    """
    from . import __version__

    if not isinstance(ps, PolicySet):
        raise TypeError("evaluate() needs a PolicySet from govrules.load()")
    loaded = _as_facts(ps, facts)
    day = _as_date(as_of)
    ev = _Evaluator(ps, loaded, day)
    verdicts: list[Verdict] = []
    for cm in ps.measures:
        verdicts.extend(ev.measure(cm))
    for cd in ps.decisions:
        verdicts.extend(ev.decision(cd))
    verdicts.sort(key=lambda v: (natural_key(v.rule_id), natural_key(v.subject or "")))
    return Report(
        policy_sha256=ps.sha256,
        facts_sha256=loaded.sha256,
        facts_source=loaded.source,
        as_of=day,
        verdicts=tuple(verdicts),
        warnings=(*loaded.warnings, *ev.warnings),
        engine_version=__version__,
        policies=tuple(ev.policy_info(ps.policies[pid])
                       for pid in sorted(ps.policies, key=natural_key)),
    )
