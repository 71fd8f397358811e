"""Compiled evaluation (govrules.compile): the same statuses and reports as the tree walker.

The compiled program must agree with :func:`govrules.evaluate` on every input: statuses
(``decide``), recorded condition values (``record``), and the report bytes built on demand.
"""

from __future__ import annotations

import datetime as dt
import decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govrules
from govrules import PolicySet, Status
from govrules import compile as gc
from govrules.facts import facts_from_mapping
from govrules.verdict import Report, TraceNode

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"

HEADER = """
source doc { title en "Test document" }
policy t { title en "Test" effective from 2020-01-01 applies when not closed }
"""

# Every construct the compiler handles, plus one quantifier measure that it leaves to the tree
# walker; applicability, exceptions, effective periods and methods (all and any).
BODY = """
enum sys { e_doc e_meet e_sec }
enum kind { ministry department }
record person { id : text  ok : bool }
fact closed : bool
fact kind : kind
fact a : bool
fact b : bool
fact n : int
fact m : int
fact score : decimal
fact opened : date
fact name : text
fact systems : set of sys
fact people : list of person
define ready = systems includes {e_doc, e_meet}
measure logic must { cite doc: item 1 require (a or not b) and n >= 3 }
measure arith should {
  cite doc: item 2
  applies when kind == department
  unless a and b
  require n + m * 2 > 10 and -m < 0 and size(systems) >= 2
}
measure sets may { cite doc: item 3 require ready and e_sec not in systems and kind in {ministry} }
measure dated must {
  cite doc: item 4
  effective from 2023-01-01 until 2025-12-31
  require opened <= as_of and score >= 2.5 and name != "x"
}
measure methods must {
  cite doc: item 5
  unless closed
  method 1 { cite method 1 require a }
  method 2 { cite method 2 applies when n > 0 require b or a }
  method 3 { cite method 3 unless m == 0 require n == m }
  require any methods
}
measure all_methods must {
  cite doc: item 6
  method 1 { cite method 1 require a == b }
  method 2 { cite method 2 require systems includes e_doc }
}
measure people_ok must { cite doc: item 7 require all(p in people: p.ok) }
"""


@pytest.fixture(scope="module")
def policy(tmp_path_factory: pytest.TempPathFactory) -> PolicySet:
    path = tmp_path_factory.mktemp("compile") / "p.pol"
    path.write_text(HEADER + BODY, encoding="utf-8")
    return govrules.load(path)


def statuses(report: Report) -> dict[str, Status]:
    return {v.key: v.status for v in report.verdicts}


def expression_nodes(trace: TraceNode) -> list[TraceNode]:
    return [n for n in trace.walk() if n.location is not None]


def assert_same(ps: PolicySet, facts: object, as_of: str | dt.date) -> Report:
    """decide, record and evaluate agree; the recorded values match the trace nodes."""
    report = govrules.evaluate(ps, facts, as_of=as_of)
    assert gc.decide(ps, facts, as_of) == statuses(report)
    assert list(gc.decide(ps, facts, as_of)) == [v.key for v in report.verdicts]
    lazy = gc.record(ps, facts, as_of)
    assert lazy.status_map() == statuses(report)
    prog = lazy.program
    by_node: dict[tuple[str, str | None], object] = {}
    for slot, value in zip(prog.slots, lazy.values, strict=True):
        for node in slot.nodes:
            by_node[node] = value
    compiled_ids = set(prog.keys)
    checked = 0
    for v in report.verdicts:
        if v.rule_id not in compiled_ids:
            continue
        for node in v.trace.walk():
            key = (node.label, node.location)
            if key in by_node and node.kind not in ("measure", "method", "require"):
                value = by_node[key]
                if node.known:
                    assert value == node.value, key
                else:
                    assert value is gc.UNKNOWN_VALUE, key
                checked += 1
    assert checked > 0 or not compiled_ids
    assert lazy.to_json() == report.to_json()
    return report


def test_program_is_compiled_once_per_policy_set(policy: PolicySet) -> None:
    prog = gc.program(policy)
    assert gc.program(policy) is prog
    assert [cm.measure.id for cm in prog.fallback_measures] == ["people_ok"]
    assert "people_ok" not in prog.keys and "logic" in prog.keys
    assert "def _statuses" in prog.source


def test_load_of_the_same_texts_is_cached(tmp_path: Path) -> None:
    (tmp_path / "p.pol").write_text(HEADER + BODY, encoding="utf-8")
    first = govrules.load(tmp_path)
    assert govrules.load(tmp_path) is first
    (tmp_path / "p.pol").write_text(HEADER + BODY + "\nfact extra : bool\n", encoding="utf-8")
    second = govrules.load(tmp_path)
    assert second is not first and "extra" in second.facts


def test_complete_and_empty_facts(policy: PolicySet) -> None:
    full = {"closed": False, "kind": "department", "a": True, "b": False, "n": 4, "m": 5,
            "score": "2.75", "opened": "2022-01-01", "name": "กรม", "systems": ["e_doc", "e_meet"],
            "people": [{"id": "A", "ok": True}]}
    report = assert_same(policy, full, "2024-06-01")
    assert report.verdict("logic").status is Status.COMPLIANT
    assert_same(policy, {}, "2024-06-01")
    assert_same(policy, full, "2019-06-01")  # before the policy is in force
    assert_same(policy, full, "2026-01-01")  # after the measure `dated` ends
    assert_same(policy, {**full, "closed": True}, dt.date(2024, 6, 1))


def test_fast_fact_path_falls_back_to_the_full_loader(policy: PolicySet) -> None:
    prog = gc.program(policy)
    assert prog.fast_values({"a": True, "n": 3, "kind": "ministry"}) == {
        "a": True, "n": 3, "kind": "ministry"}
    for needs_loader in ({"a": 1}, {"n": True}, {"n": 10**19}, {"kind": "Ministry"},
                         {"undeclared": 1}, {"score": "1.5"}, {"systems": ["e_doc"]}):
        assert prog.fast_values(needs_loader) is None
    # an undeclared key still gives the loader's warning in the report
    report = assert_same(policy, {"a": True, "undeclared": 1}, "2024-06-01")
    assert [w.code for w in report.warnings] == ["W401"]
    with pytest.raises(govrules.FactsError):
        gc.decide(policy, {"n": "three"}, "2024-06-01")


_FACT_VALUES: dict[str, Any] = {
    "closed": st.booleans(),
    "kind": st.sampled_from(["ministry", "department"]),
    "a": st.booleans(),
    "b": st.booleans(),
    "n": st.integers(-5, 12),
    "m": st.integers(-5, 12),
    "score": st.decimals(0, 5, places=2).map(str),
    "opened": st.dates(dt.date(2020, 1, 1), dt.date(2026, 1, 1)).map(dt.date.isoformat),
    "name": st.sampled_from(["x", "กรม"]),
    "systems": st.lists(st.sampled_from(["e_doc", "e_meet", "e_sec"]), unique=True),
    "people": st.lists(st.fixed_dictionaries({"id": st.just("P")},
                                             optional={"ok": st.booleans()}), max_size=3),
}


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(facts=st.fixed_dictionaries({}, optional=_FACT_VALUES),
       as_of=st.dates(dt.date(2019, 1, 1), dt.date(2027, 1, 1)))
def test_random_facts_agree_with_the_tree_walker(policy: PolicySet, facts: dict[str, Any],
                                                 as_of: dt.date) -> None:
    assert_same(policy, facts, as_of)
    fast = gc.program(policy).fast_values(facts)
    if fast is not None:
        assert fast == dict(facts_from_mapping(facts, policy.facts).values)


@settings(max_examples=100, deadline=None)
@given(facts=st.dictionaries(st.sampled_from(["a", "n", "kind", "closed", "zz"]),
                             st.one_of(st.none(), st.booleans(), st.integers(-3, 3),
                                       st.text(max_size=3), st.floats(allow_nan=False),
                                       st.decimals(allow_nan=False, allow_infinity=False),
                                       st.sampled_from(["ministry", "department"]))))
def test_fast_values_equal_the_loader_or_defer_to_it(facts: dict[str, Any]) -> None:
    ps = _shared_policy()
    fast = gc.program(ps).fast_values(facts)
    if fast is not None:
        assert fast == dict(facts_from_mapping(facts, ps.facts).values)


_SHARED: list[PolicySet] = []


def _shared_policy() -> PolicySet:
    if not _SHARED:
        import tempfile

        folder = Path(tempfile.mkdtemp())
        (folder / "p.pol").write_text(HEADER + BODY, encoding="utf-8")
        _SHARED.append(govrules.load(folder))
    return _SHARED[0]


def _case_dirs() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if (p / "case.yaml").is_file())


@pytest.mark.parametrize("case_dir", _case_dirs(), ids=lambda p: p.name)
def test_conformance_cases_agree(case_dir: Path) -> None:
    spec = yaml.safe_load((case_dir / "case.yaml").read_text(encoding="utf-8"))
    if "error" in spec:
        pytest.skip("an error case has no verdicts")
    ps = govrules.load(case_dir / spec.get("policies", "policy.pol"))
    facts = case_dir / spec.get("facts", "facts.yaml")
    assert_same(ps, facts, str(spec.get("as_of", "2024-06-01")))


@pytest.mark.parametrize("facts", sorted((ROOT / "examples").glob("*.yaml")), ids=lambda p: p.name)
@pytest.mark.parametrize("as_of", ["2024-06-01", "2560-01-01 BE"])
def test_shipped_corpus_agrees(facts: Path, as_of: str) -> None:
    assert_same(govrules.load(ROOT / "policies"), facts, as_of)


def test_decimal_and_date_constants_compile(tmp_path: Path) -> None:
    (tmp_path / "p.pol").write_text(HEADER + """
    fact closed : bool
    fact score : decimal
    fact opened : date
    measure q must { cite doc: item 1 require score * 2 >= 1.5 and opened < 2563-01-01 BE }
    """, encoding="utf-8")
    ps = govrules.load(tmp_path)
    assert gc.program(ps).keys == ("q",)
    for facts in ({"score": decimal.Decimal("0.75"), "opened": "2019-12-31"},
                  {"score": 0.5, "opened": dt.date(2020, 1, 1)}, {"score": "1"}):
        assert_same(ps, facts, "2024-06-01")


DECISION = """
enum kind { field office }
record person { id : text  kind : kind  remote_ok : bool  senior : bool  pattern : pattern }
fact people : list of person
fact open_office : bool
decision pattern {
  cite doc: item 1
  effective from 2021-01-01
  applies when open_office or not closed
  for p in people
  chosen p.pattern
  option onsite { cite item 1.1 }
  option remote { cite item 1.2 }
  option hybrid { cite item 1.3 }
  rule open may allow onsite, remote, hybrid { cite item 2 }
  rule field_onsite should exclude remote { cite item 3 when p.kind == field overrides open }
  rule ok_remote may recommend remote { cite item 4 when p.remote_ok unless p.senior }
  rule senior_hybrid should exclude hybrid { cite item 5 when p.senior priority 2 }
  rule office_hybrid may recommend hybrid { cite item 6 when p.kind == office priority 1 }
}
decision whole {
  cite doc: item 9
  option yes { cite item 9.1 }
  rule y may allow yes { cite item 9.2 when open_office }
  rule n may exclude yes { cite item 9.3 when closed }
}
"""

_PERSON = st.fixed_dictionaries(
    {"id": st.sampled_from(["A", "B"])},
    optional={"kind": st.sampled_from(["field", "office"]), "remote_ok": st.booleans(),
              "senior": st.booleans(), "pattern": st.sampled_from(["onsite", "remote", "hybrid"])})


@settings(max_examples=150, deadline=None)
@given(facts=st.fixed_dictionaries({}, optional={
    "people": st.lists(_PERSON, max_size=4), "open_office": st.booleans(),
    "closed": st.booleans()}),
    as_of=st.sampled_from(["2020-06-01", "2024-06-01"]))
def test_compiled_decisions_agree_with_the_tree_walker(facts: dict[str, Any], as_of: str
                                                       ) -> None:
    ps = _decision_policy()
    prog = gc.program(ps)
    assert [cd.decision.id for cd, *_ in prog._decisions] == ["pattern", "whole"]
    assert_same(ps, facts, as_of)


_DECISION_SET: list[PolicySet] = []


def _decision_policy() -> PolicySet:
    if not _DECISION_SET:
        import tempfile

        folder = Path(tempfile.mkdtemp())
        (folder / "p.pol").write_text(HEADER + "fact closed : bool\n" + DECISION,
                                      encoding="utf-8")
        _DECISION_SET.append(govrules.load(folder))
    return _DECISION_SET[0]


def test_two_policy_sets_from_many_threads(policy: PolicySet) -> None:
    """The program cache never hands one policy set another's program."""
    from concurrent.futures import ThreadPoolExecutor

    other = _decision_policy()
    facts_a = {"a": True, "b": False, "n": 4, "closed": False}
    facts_b = {"open_office": True, "people": [{"id": "A", "kind": "field", "pattern": "remote"}]}
    want_a = dict(gc.decide(policy, facts_a, "2024-06-01"))
    want_b = dict(gc.decide(other, facts_b, "2024-06-01"))

    def work(i: int) -> bool:
        if i % 2:
            return dict(gc.decide(policy, facts_a, "2024-06-01")) == want_a
        return dict(gc.decide(other, facts_b, "2024-06-01")) == want_b

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert all(pool.map(work, range(4_000)))
