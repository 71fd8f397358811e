"""Property (i): for the shipped policies and any conforming facts, every applicable measure
gets exactly one verdict and no verdict is `conflict`; B.E./C.E. dates round-trip."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from common import profile
from generators import facts_for
from hypothesis import given
from hypothesis import strategies as st

import govrules
from govrules.dates import BE_OFFSET, format_both, parse_date, thai_digits_to_arabic, to_be_year
from govrules.verdict import Status

POLICIES = Path(__file__).resolve().parents[2] / "policies"
SHIPPED = govrules.load(POLICIES)
DATES = st.dates(dt.date(1950, 1, 1), dt.date(2100, 12, 31))


@profile(scale=3)
@given(st.data())
def test_shipped_policies_one_verdict_each_and_never_conflict(data: st.DataObject) -> None:
    facts = data.draw(facts_for(SHIPPED.facts, missing=data.draw(st.sampled_from([0.0, 0.3]))))
    report = SHIPPED.evaluate(facts, as_of=data.draw(DATES))
    keys = [(v.rule_id, v.subject) for v in report.verdicts]
    assert len(keys) == len(set(keys))  # exactly one verdict per measure, method, subject
    measure_ids = {cm.measure.id for cm in SHIPPED.measures}
    method_ids = {f"{cm.measure.id}.m{m.number}" for cm in SHIPPED.measures
                  for m in cm.measure.methods}
    assert {k for k, _ in keys if k in measure_ids | method_ids} == measure_ids | method_ids
    for v in report.verdicts:
        assert v.status is not Status.CONFLICT, (v.rule_id, v.subject, facts)
        if v.kind == "decision":
            assert all(o.outcome != "conflict" for o in v.options)


def _be(d: dt.date) -> str:
    return f"{d.year + BE_OFFSET:04d}-{d.month:02d}-{d.day:02d} BE"


THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


@profile(scale=3)
@given(DATES)
def test_be_ce_dates_round_trip(d: dt.date) -> None:
    assert parse_date(d.isoformat()) == d
    assert parse_date(d.isoformat() + " CE") == d
    assert parse_date(_be(d)) == d
    assert parse_date(_be(d).translate(THAI)) == d
    assert thai_digits_to_arabic(_be(d).translate(THAI)) == _be(d)
    assert to_be_year(d.year) - BE_OFFSET == d.year
    shown = format_both(d)
    assert shown == f"{d.isoformat()} ({_be(d)})"
    assert parse_date(shown.split(" (")[1].rstrip(")")) == d


@profile()
@given(DATES, st.data())
def test_facts_dates_in_either_era_give_the_same_report(d: dt.date, data: st.DataObject) -> None:
    """A date written in B.E. or C.E. in a facts file is the same date (the shipped facts have
    no date, so this uses a tiny policy)."""
    from common import build

    ps = build({"d.pol": 'source doc { title en "d" }\npolicy p { title en "p" }\n'
                         "fact g.d : date\nmeasure m must { cite doc: item 1 "
                         "require g.d >= 2561-03-01 BE }\n"})
    as_of = data.draw(DATES)
    ce: Any = ps.evaluate({"g": {"d": d.isoformat()}}, as_of=as_of)
    be: Any = ps.evaluate({"g": {"d": _be(d)}}, as_of=_be(as_of))
    assert ce.verdict("m").status == be.verdict("m").status
    assert ce.verdict("m").status.value == ("compliant" if d >= dt.date(2018, 3, 1)
                                            else "non_compliant")
