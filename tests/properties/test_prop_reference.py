"""Property (g): the naive reference evaluator (reference.py) agrees with the production
evaluator on every verdict's status, missing facts and finding, on every decision outcome, and
on the values of the rule and condition nodes of the traces."""

from __future__ import annotations

import datetime as dt
from typing import Any

from common import build, profile
from generators import facts_for, policies
from hypothesis import given
from hypothesis import strategies as st
from reference import Reference, U

from govrules.facts import facts_from_mapping
from govrules.model import PolicySet
from govrules.verdict import Report

DATES = st.dates(dt.date(2016, 1, 1), dt.date(2032, 12, 31))


def compare(ps: PolicySet, facts_map: dict[str, Any], as_of: dt.date) -> None:
    facts = facts_from_mapping(facts_map, ps.facts)
    report: Report = ps.evaluate(facts, as_of=as_of)
    expected = Reference(ps, facts, as_of).run()
    got = {(v.rule_id, v.subject): v for v in report.verdicts}
    assert sorted(got, key=str) == sorted(((r.rule_id, r.subject) for r in expected), key=str)
    for ref in expected:
        v = got[(ref.rule_id, ref.subject)]
        where = f"{ref.rule_id}[{ref.subject}]"
        assert v.status.value == ref.status, where
        assert set(v.missing) == set(ref.missing), where
        assert v.finding == ref.finding, where
        for o in v.options:
            outcome, rules = ref.options[o.option]
            assert (o.outcome, set(o.rules)) == (outcome, set(rules)), f"{where}.{o.option}"
        for node in v.trace.walk():
            if node.kind != "rule":
                continue
            rule_id = node.label.split()[1]
            fires = ref.fires[rule_id]
            assert node.known == (fires is not U), f"{where} rule {rule_id}"
            if node.known:
                assert node.value == fires, f"{where} rule {rule_id}"


@profile(scale=2)
@given(policies(), st.data())
def test_reference_agrees_with_the_engine(gen: Any, data: st.DataObject) -> None:
    ps = build({"gen.pol": gen.text})
    missing = data.draw(st.sampled_from([0.0, 0.15, 0.4]))
    compare(ps, data.draw(facts_for(ps.facts, missing=missing)), data.draw(DATES))


MISSING_LIST_OUT_OF_FORCE = """
source doc { title en "d" }
enum en0 { a0 a1 }
record rec { kind : en0  pick : dec }
fact g.l : list of rec
policy p { title en "p" effective from 2020-01-01 until 2020-12-31 }
decision dec {
  cite doc: item 1
  for x in g.l
  chosen x.pick
  option o0 { cite option 0 }
  rule r0 may allow o0 { cite rule 0 }
}
"""


def test_missing_subject_list_out_of_force_is_not_applicable() -> None:
    """Regression: the engine used to report `unknown` (missing `g.l`) here, checking the list
    of subjects before the effective period."""
    ps = build({"gen.pol": MISSING_LIST_OUT_OF_FORCE})
    report = ps.evaluate({}, as_of="2024-06-01")
    assert report.verdict("dec").status.value == "not_applicable"
