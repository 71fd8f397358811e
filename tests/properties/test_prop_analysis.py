"""The analysis against the engine: what govrules.analysis claims about a generated policy
(never applies, never conflicts) holds for random facts, and every witness it reports shows
what it claims when the engine evaluates it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from common import build, profile
from generators import facts_for, policies
from hypothesis import given
from hypothesis import strategies as st

from govrules.analysis import find_issues

LIMIT = 4096


@profile()
@given(policies(), st.data())
def test_analysis_claims_hold_for_random_facts(gen: Any, data: st.DataObject) -> None:
    ps = build({"gen.pol": gen.text})
    findings = find_issues(ps, limit=LIMIT)
    not_proven = " ".join(f.diagnostic.message for f in findings if f.diagnostic.code == "W507")
    never = set()
    for f in findings:
        d = f.diagnostic
        if d.code in ("W502", "W503"):
            never.add(d.message.split("`")[1])
        if f.witness is not None:  # every witness evaluates, and is a conflict when it says so
            report = ps.evaluate(f.witness["facts"], as_of=f.witness["as_of"])
            if d.code == "E501":
                assert any(v.status.value == "conflict" for v in report.verdicts)
    report = ps.evaluate(data.draw(facts_for(ps.facts, missing=0.2)),
                         as_of=data.draw(st.dates(dt.date(2016, 1, 1), dt.date(2032, 12, 31))))
    conflict_claimed = any(f.diagnostic.code == "E501" for f in findings)
    for v in report.verdicts:
        if v.rule_id in never or (v.kind == "method" and v.parent in never):
            assert v.status.value in ("not_applicable", "unknown"), v.rule_id
        if v.kind == "decision":
            for node in v.trace.walk():
                if node.kind == "rule" and node.label.split()[1] in never:
                    assert node.value is not True, node.label
            proven = f"decision `{v.rule_id}`" not in not_proven
            if v.status.value == "conflict" and proven:
                assert conflict_claimed, "a conflict the analysis said could not happen"
