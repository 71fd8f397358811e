"""Property (f): trace soundness. Every expression node of a trace is re-evaluated — its label
(the source text of the expression) parsed again, and evaluated by the reference evaluator from
nothing but the fact values the node's subtree records — and must give the node's value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from common import build, profile
from generators import facts_for, policies
from hypothesis import given
from hypothesis import strategies as st
from reference import Bound, Reference, U

from govrules import ast
from govrules.facts import MISSING
from govrules.model import PolicySet
from govrules.syntax import parse_text
from govrules.verdict import TraceNode

EXPR_KINDS = {"literal", "as_of", "fact", "set", "not", "and", "or", "compare", "member",
              "includes", "subset", "arith", "neg", "size", "all", "any", "count", "enum",
              "define"}


class RecordedFacts:
    """The fact values a trace subtree recorded, looked up like :class:`govrules.facts.Facts`."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self.values = values

    def get(self, name: str) -> Any:
        return self.values.get(name, MISSING)


def probe(label: str) -> ast.Expr:
    module = parse_text(f"define probe__expr = {label}\n", "<probe>")
    item = module.items[0]
    assert isinstance(item, ast.DefineDef)
    return item.expr


def nodes_with_bindings(node: TraceNode, bindings: dict[str, str]
                        ) -> Iterator[tuple[TraceNode, dict[str, str]]]:
    if node.kind == "element":
        var, _, path = node.label.partition(" = ")
        bindings = {**bindings, var: path}
    yield node, bindings
    for child in node.children:
        yield from nodes_with_bindings(child, bindings)


def reevaluate(ps: PolicySet, node: TraceNode, bindings: Mapping[str, str],
               as_of: dt.date) -> Any:
    reads = [r for n in node.walk() for r in n.reads if r.present]
    top = {r.key_path: r.value for r in reads if r.key_path in ps.facts}
    scope = {}
    for var, path in bindings.items():
        record = {r.key_path[len(path) + 1:]: r.value for r in reads
                  if r.key_path.startswith(path + ".")}
        scope[var] = Bound(record, path)
    ref = Reference(ps, RecordedFacts(top), as_of)  # type: ignore[arg-type]
    return ref.ev(probe(node.label), scope)[0]


@profile()
@given(policies(), st.data())
def test_every_trace_node_recomputes_from_its_reads(gen: Any, data: st.DataObject) -> None:
    ps = build({"gen.pol": gen.text})
    facts = data.draw(facts_for(ps.facts, missing=data.draw(st.sampled_from([0.0, 0.3]))))
    report = ps.evaluate(facts, as_of=data.draw(st.dates(dt.date(2016, 1, 1),
                                                         dt.date(2032, 12, 31))))
    subject_var = {cd.decision.id: cd.decision.subject.var for cd in ps.decisions
                   if cd.decision.subject is not None}
    for v in report.verdicts:
        start = {subject_var[v.rule_id]: v.subject} if v.subject and v.rule_id in subject_var \
            else {}
        for node, bindings in nodes_with_bindings(v.trace, start):
            if node.kind not in EXPR_KINDS or "…" in node.label or not node.label:
                continue
            value = reevaluate(ps, node, bindings, report.as_of)
            assert node.known == (value is not U), (v.rule_id, node.label)
            if node.known:
                assert node.value == value, (v.rule_id, node.label, node.value, value)
