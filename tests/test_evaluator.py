"""The evaluator: Kleene logic, statuses, modality, traces, hashes and determinism."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path
from typing import ClassVar

import pytest

import govrules
from govrules import PolicySet, Status
from govrules.errors import FactsError

HEADER = """
source doc { title en "Test document" title th "เอกสารทดสอบ" }
policy t { title en "Test" }
"""


def load_text(tmp_path: Path, body: str, name: str = "p.pol") -> PolicySet:
    (tmp_path / name).write_text(HEADER + body, encoding="utf-8")
    return govrules.load(tmp_path / name)


def one(ps: PolicySet, facts: dict[str, object], rule: str = "m") -> govrules.Verdict:
    return ps.evaluate(facts, as_of="2024-06-01").verdict(rule)


class TestKleene:
    BODY = """
    fact a : bool
    fact b : bool
    measure m must { cite doc: item 1 require EXPR }
    """

    @pytest.mark.parametrize(
        ("expr", "a", "b", "expected"),
        [
            ("a and b", False, None, "non_compliant"),
            ("a and b", True, None, "unknown"),
            ("a and b", True, True, "compliant"),
            ("a or b", True, None, "compliant"),
            ("a or b", False, None, "unknown"),
            ("a or b", False, False, "non_compliant"),
            ("not a", None, None, "unknown"),
            ("not a", False, None, "compliant"),
            ("a == b", True, None, "unknown"),
            ("a != b", True, False, "compliant"),
        ],
    )
    def test_truth_tables(self, tmp_path: Path, expr: str, a: bool | None, b: bool | None,
                          expected: str) -> None:
        ps = load_text(tmp_path, self.BODY.replace("EXPR", expr))
        facts = {k: v for k, v in (("a", a), ("b", b)) if v is not None}
        assert one(ps, facts).status.value == expected

    def test_unknown_names_exactly_the_missing_facts_that_matter(self, tmp_path: Path) -> None:
        ps = load_text(tmp_path, """
        fact a : bool
        fact b : bool
        fact c : bool
        measure m must { cite doc: item 1 require (a or b) and c }
        """)
        assert one(ps, {"a": True}).missing == ("c",)
        assert one(ps, {"c": True}).missing == ("a", "b")
        assert one(ps, {"c": False}).missing == ()


class TestValues:
    BODY = """
    enum sys { e_doc e_meet e_sec }
    enum kind { field office }
    record person { id : text  kind : kind  start : date  score : decimal }
    fact systems : set of sys
    fact staff : int
    fact people : list of person
    define ready = systems includes {e_doc, e_meet}
    measure counts must { cite doc: item 1 require count(p in people: p.kind == field) >= 2 }
    measure all_office must { cite doc: item 2 require all(p in people: p.kind == office) }
    measure any_late must { cite doc: item 3 require any(p in people: p.start > 2561-01-01 BE) }
    measure sized must { cite doc: item 4 require size(systems) + staff * 2 > 10 }
    measure ready_m should { cite doc: item 5 require ready and e_sec not in systems }
    measure scores may { cite doc: item 6 require all(p in people: p.score >= 2.5) }
    """

    def test_quantifiers_sets_arithmetic(self, tmp_path: Path) -> None:
        ps = load_text(tmp_path, self.BODY)
        facts = {
            "systems": ["e_doc", "e_meet"],
            "staff": 5,
            "people": [
                {"id": "A", "kind": "field", "start": "2017-06-01", "score": 3},
                {"id": "B", "kind": "field", "start": "2019-01-01", "score": 2.5},
                {"id": "C", "kind": "office", "start": "2561-06-01 BE", "score": "1.5"},
            ],
        }
        report = ps.evaluate(facts, as_of="2024-06-01")
        status = {v.rule_id: v.status.value for v in report}
        assert status == {
            "counts": "compliant",
            "all_office": "non_compliant",
            "any_late": "compliant",
            "sized": "compliant",
            "ready_m": "compliant",
            "scores": "non_compliant",
        }
        assert report.verdict("all_office").finding == "violation"
        assert report.verdict("scores").finding == "none"  # a `may` never violates

    def test_missing_field_of_one_element(self, tmp_path: Path) -> None:
        ps = load_text(tmp_path, self.BODY)
        v = one(ps, {"people": [{"id": "A", "kind": "office"}, {"id": "B"}]}, "all_office")
        assert v.status is Status.UNKNOWN
        assert v.missing == ("people[1].kind",)
        v = one(ps, {"people": [{"id": "A", "kind": "field"}, {"id": "B"}]}, "all_office")
        assert v.status is Status.NON_COMPLIANT  # false for one element decides `all`


class TestTrace:
    def test_trace_records_fact_values_with_key_paths_and_file_locations(
        self, tmp_path: Path
    ) -> None:
        ps = load_text(tmp_path, """
        record person { id : text  ok : bool }
        fact people : list of person
        measure m must { cite doc: item 1 require all(p in people: p.ok) }
        """)
        facts = tmp_path / "f.yaml"
        facts.write_text("people:\n  - id: A\n    ok: true\n  - id: B\n    ok: false\n",
                         encoding="utf-8")
        v = ps.evaluate(facts, as_of="2024-06-01").verdict("m")
        reads = [r for n in v.trace.walk() for r in n.reads]
        assert [(r.key_path, r.value) for r in reads if r.fact == "ok"] == [
            ("people[0].ok", True), ("people[1].ok", False)]
        assert reads[-1].location == f"{facts}:5:9"
        labels = [n.label for n in v.trace.walk()]
        assert "all(p in people: p.ok)" in labels
        assert "p = people[1]" in labels

    def test_trace_shows_both_calendars_for_as_of_and_effective(self, tmp_path: Path) -> None:
        ps = load_text(tmp_path, """
        fact a : bool
        measure m must { cite doc: item 1 effective from 2567-01-01 BE require a }
        """)
        v = ps.evaluate({"a": True}, as_of=dt.date(2023, 12, 31)).verdict("m")
        assert v.status is Status.NOT_APPLICABLE
        (eff,) = [n for n in v.trace.walk() if n.kind == "effective"]
        assert "2024-01-01 (2567-01-01 BE)" in eff.label
        assert eff.note == "as of 2023-12-31 (2566-12-31 BE)"

    def test_citations_are_normalised_and_relative_ones_extended(self, tmp_path: Path) -> None:
        ps = load_text(tmp_path, """
        fact a : bool
        measure m must {
          cite doc: issue ๑.๑, measure ๑.๑.๓
          method ๒ { cite method ๒) require a }
        }
        """)
        report = ps.evaluate({"a": True}, as_of="2024-06-01")
        (c,) = report.verdict("m.m2").citations
        assert (c.document, c.path) == ("doc", "issue 1.1, measure 1.1.3, method 2")
        assert c.written == "issue ๑.๑ measure ๑.๑.๓ method ๒)"
        assert c.display("th") == "เอกสารทดสอบ, ประเด็น 1.1, มาตรการ 1.1.3, วิธีการ 2"
        assert c.display("en") == "Test document, issue 1.1, measure 1.1.3, method 2"

    def test_explanation_templates_are_filled(self, tmp_path: Path) -> None:
        ps = load_text(tmp_path, """
        fact name : text
        fact n : int
        measure m must {
          cite doc: item 1
          explain non_compliant en "{name} has only {n} staff"
          explain th "{name} มี {n} คน {{ok}}"
          require n >= 10
        }
        """)
        v = one(ps, {"name": "Dept", "n": 3})
        assert v.explanation == {"en": "Dept has only 3 staff", "th": "Dept มี 3 คน {ok}"}
        assert one(ps, {"n": 30}).explanation == {"th": "? มี 30 คน {ok}"}


class TestReport:
    BODY = """
    fact a : bool
    fact b : int
    measure m2 must { cite doc: item 2 require a }
    measure m10 should { cite doc: item 10 require b > 1 }
    measure m1 may { cite doc: item 1 require a and b > 1 }
    """

    def test_natural_order_and_summary(self, tmp_path: Path) -> None:
        ps = load_text(tmp_path, self.BODY)
        report = ps.evaluate({"a": True}, as_of="2024-06-01")
        assert [v.rule_id for v in report] == ["m1", "m2", "m10"]
        assert report.summary() == {"compliant": 1, "non_compliant": 0, "unknown": 2,
                                    "not_applicable": 0, "conflict": 0}

    def test_facts_hash_is_the_same_in_every_format(self, tmp_path: Path) -> None:
        ps = load_text(tmp_path, self.BODY)
        (tmp_path / "f.yaml").write_text("a: true\nb: 3\n", encoding="utf-8")
        (tmp_path / "f.json").write_text('{"b": 3, "a": true}', encoding="utf-8")
        (tmp_path / "f.toml").write_text("a = true\nb = 3\n", encoding="utf-8")
        hashes = {ps.evaluate(tmp_path / f, as_of="2024-06-01").facts_sha256
                  for f in ("f.yaml", "f.json", "f.toml")}
        assert len(hashes) == 1

    def test_verdicts_do_not_depend_on_rule_or_file_order(self, tmp_path: Path) -> None:
        measures = [
            "measure m1 must { cite doc: item 1 require a }",
            "measure m2 should { cite doc: item 2 require not a }",
            "measure m3 may { cite doc: item 3 require b > 2 }",
        ]
        outputs = set()
        policy_hashes = set()
        for i, order in enumerate(itertools.permutations(measures)):
            d = tmp_path / f"set{i}"
            d.mkdir()
            (d / "a_decls.pol").write_text(HEADER + "fact a : bool\nfact b : int\n",
                                           encoding="utf-8")
            (d / "b_rules.pol").write_text("in policy t\n" + "\n".join(order),
                                           encoding="utf-8")
            report = govrules.evaluate(d, {"a": True}, as_of="2024-06-01")
            data = report.to_dict()
            policy_hashes.add(data.pop("policy_sha256"))
            # traces point into the files by location; compare what does not name the file
            outputs.add(json.dumps([(v["id"], v["status"], v["missing"])
                                    for v in data["verdicts"]]))
        assert len(outputs) == 1
        assert len(policy_hashes) == 6  # the texts differ, so the hashes do too

    def test_policy_hash_ignores_file_names_and_order(self, tmp_path: Path) -> None:
        a, b = tmp_path / "a", tmp_path / "b"
        a.mkdir()
        b.mkdir()
        decls, rules = HEADER + "fact x : bool\n", "in policy t\nmeasure m must { cite doc: " \
            "item 1 require x }\n"
        (a / "1.pol").write_text(decls, encoding="utf-8")
        (a / "2.pol").write_text(rules, encoding="utf-8")
        (b / "z.pol").write_text(decls, encoding="utf-8")
        (b / "y.pol").write_text(rules, encoding="utf-8")
        assert govrules.load(a).sha256 == govrules.load(b).sha256

    def test_to_json_round_trips_and_is_stable(self, tmp_path: Path) -> None:
        ps = load_text(tmp_path, self.BODY)
        report = ps.evaluate({"a": True, "b": 2}, as_of="2567-06-01 BE")
        text = report.to_json()
        assert text == ps.evaluate({"b": 2, "a": True}, as_of=dt.date(2024, 6, 1)).to_json()
        data = json.loads(text)
        assert data["format_version"] == "1"
        assert data["as_of"] == "2024-06-01"
        assert data["verdicts"][0]["citations"][0]["path"] == "item 1"

    def test_bad_arguments_raise_govrules_errors(self, tmp_path: Path) -> None:
        ps = load_text(tmp_path, self.BODY)
        with pytest.raises(FactsError):
            ps.evaluate({"a": "yes please"})
        with pytest.raises(FactsError):
            ps.evaluate({"a": True}, as_of="not a date")
        with pytest.raises(FactsError):
            ps.evaluate(42)


class TestDecisions:
    BODY = """
    enum kind { field office }
    record person { id : text  kind : kind }
    fact people : list of person
    fact remote_ready : bool
    decision d {
      cite doc: item 1
      for p in people
      option onsite { cite item 1.1 }
      option remote { cite item 1.2 }
      rule open may allow onsite, remote { cite item 2 }
      rule field should exclude remote {
        cite item 3 when p.kind == field overrides open
        interpretation en "field work is tied to a place"
      }
      rule ready may recommend remote { cite item 4 when remote_ready priority 1 }
    }
    """

    def test_priority_resolves_a_contradiction(self, tmp_path: Path) -> None:
        ps = load_text(tmp_path, self.BODY)
        report = ps.evaluate({"people": [{"id": "A", "kind": "field"}], "remote_ready": True},
                             as_of="2024-06-01")
        v = report.verdict("d", "people[0]")
        assert v.status is Status.COMPLIANT
        remote = v.option("remote")
        assert remote is not None
        assert (remote.outcome, remote.rules, remote.basis) == ("recommended", ("ready",), "law")

    def test_exclusion_rests_on_interpretation(self, tmp_path: Path) -> None:
        ps = load_text(tmp_path, self.BODY)
        report = ps.evaluate({"people": [{"id": "A", "kind": "field"}], "remote_ready": False},
                             as_of="2024-06-01")
        v = report.verdict("d", "people[0]")
        remote = v.option("remote")
        assert remote is not None
        assert (remote.outcome, remote.modality, remote.basis) == (
            "excluded", "should", "interpretation")
        assert v.basis == "interpretation"
        assert v.interpretations == {"en": "field work is tied to a place"}
        assert v.subject_label == "A"

    def test_missing_list_gives_one_unknown_verdict(self, tmp_path: Path) -> None:
        ps = load_text(tmp_path, self.BODY)
        (v,) = [v for v in ps.evaluate({}, as_of="2024-06-01") if v.rule_id == "d"]
        assert v.status is Status.UNKNOWN and v.missing == ("people",)


def test_method_is_unknown_when_its_measure_may_not_apply(tmp_path: Path) -> None:
    ps = load_text(tmp_path, """
    enum kind { agency other }
    fact k : kind
    fact a : bool
    measure m must {
      cite doc: item 1
      applies when k == agency
      method 1 { cite method 1 require a }
    }
    """)
    report = ps.evaluate({"a": True}, as_of="2024-06-01")
    assert report.verdict("m").status is Status.UNKNOWN
    method = report.verdict("m.m1")
    assert (method.status, method.missing) == (Status.UNKNOWN, ("k",))
    assert ps.evaluate({"a": True, "k": "other"}, as_of="2024-06-01").verdict(
        "m.m1").status is Status.NOT_APPLICABLE


def test_text_values_fill_templates_as_they_are(tmp_path: Path) -> None:
    ps = load_text(tmp_path, """
    fact name : text
    measure m must { cite doc: item 1 explain en "{name}!" require name == "x" }
    """)
    assert one(ps, {"name": 'the "office"'}).explanation == {"en": 'the "office"!'}


def test_decision_explanations_come_from_the_deciding_rules(tmp_path: Path) -> None:
    ps = load_text(tmp_path, """
    record person { id : text  field : bool }
    fact people : list of person
    decision d {
      cite doc: item 1
      for p in people
      option onsite { cite item 1.1 }
      option remote { cite item 1.2 }
      rule open may allow onsite, remote { cite item 2 explain en "{p.id} may work anywhere." }
      rule field should exclude remote {
        cite item 3 when p.field overrides open
        explain en "{p.id} works in the field."
        explain th "{p.id} ปฏิบัติงานในพื้นที่"
      }
    }
    """)
    report = ps.evaluate({"people": [{"id": "A", "field": True}, {"id": "B", "field": False}]},
                         as_of="2024-06-01")
    assert report.verdict("d", "people[0]").explanation == {
        "en": "A may work anywhere. A works in the field.", "th": "A ปฏิบัติงานในพื้นที่"}
    assert report.verdict("d", "people[1]").explanation == {"en": "B may work anywhere."}


class TestPolicyReading:
    """A policy's `interpretation` explains its own period and applicability: it is carried by
    the verdicts that are not applicable because of them, and by no other verdict."""

    TEXT = """
source doc { title en "Test document" title th "เอกสารทดสอบ" }
policy t {
  title en "Test"
  effective from 2020-01-01
  applies when kind == agency
  interpretation en "The start date and who is bound are this project's reading."
  interpretation th "วันเริ่มใช้และผู้อยู่ในบังคับเป็นการตีความของโครงการ"
  ambiguity A6, A17
}
enum kind_t { agency  province }
record pos { kind : kind_t }
fact kind : kind_t
fact done : bool
fact exempt : bool
fact positions : list of pos
measure m must {
  cite doc: item 1
  unless exempt
  method 1 { cite doc: item 1.1 require done }
  require all methods
}
decision d {
  cite doc: item 2
  title en "D"
  for p in positions
  option x { cite item 2 title en "X" }
  rule r may allow x { cite doc: item 2 when p.kind == agency }
}
"""

    @pytest.fixture
    def ps(self, tmp_path: Path) -> PolicySet:
        (tmp_path / "p.pol").write_text(self.TEXT, encoding="utf-8")
        return govrules.load(tmp_path / "p.pol")

    FACTS: ClassVar[dict[str, object]] = {
        "kind": "agency", "done": True, "exempt": False, "positions": [{"kind": "agency"}]}

    def verdicts(self, ps: PolicySet, as_of: str, **facts: object) -> dict[str, govrules.Verdict]:
        report = ps.evaluate({**self.FACTS, **facts}, as_of=as_of)
        return {v.key: v for v in report.verdicts}

    @pytest.mark.parametrize(("as_of", "facts"), [("2019-12-31", {}),
                                                  ("2024-06-01", {"kind": "province"})])
    def test_out_of_the_policy_rests_on_its_reading(self, ps: PolicySet, as_of: str,
                                                    facts: dict[str, object]) -> None:
        vs = self.verdicts(ps, as_of, **facts)
        assert set(vs) == {"m", "m.m1", "d[positions[0]]"}
        for v in vs.values():
            assert v.status is Status.NOT_APPLICABLE
            assert v.basis == "interpretation"
            assert v.interpretations["en"].startswith("The start date and who is bound")
            assert v.interpretations["th"].startswith("วันเริ่มใช้")
            assert {"A6", "A17"} <= set(v.ambiguities)

    def test_in_force_and_applying_verdicts_rest_on_the_law(self, ps: PolicySet) -> None:
        for v in self.verdicts(ps, "2024-06-01").values():
            assert v.status is Status.COMPLIANT
            assert (v.basis, v.interpretations, v.ambiguities) == ("law", {}, ())

    def test_not_applicable_for_a_reason_of_its_own_rests_on_the_law(self, ps: PolicySet) -> None:
        v = self.verdicts(ps, "2024-06-01", exempt=True)["m"]
        assert v.status is Status.NOT_APPLICABLE
        assert v.reason == "an exception (`unless`) holds"
        assert (v.basis, v.interpretations) == ("law", {})

    def test_unknown_applicability_is_not_the_policys_reading(self, ps: PolicySet) -> None:
        facts = {k: v for k, v in self.FACTS.items() if k != "kind"}
        v = ps.evaluate(facts, as_of="2024-06-01").verdict("m")
        assert v.status is Status.UNKNOWN
        assert v.basis == "law"

    def test_a_decision_out_of_force_without_its_subjects(self, ps: PolicySet) -> None:
        facts = {k: v for k, v in self.FACTS.items() if k != "positions"}
        [v] = [v for v in ps.evaluate(facts, as_of="2019-01-01").verdicts if v.rule_id == "d"]
        assert v.status is Status.NOT_APPLICABLE
        assert v.basis == "interpretation"

    def test_the_reading_reaches_every_renderer(self, ps: PolicySet) -> None:
        from govrules.render import render

        report = ps.evaluate({**self.FACTS, "kind": "province"}, as_of="2024-06-01")
        assert "m  m · interpretation" in render(report, "text", "en")  # the compact tag
        assert "The start date and who is bound" in render(report, "html", "en")  # and why
        assert "การตีความของโครงการ" in render(report, "markdown", "th")
        assert json.loads(report.to_json())["verdicts"][0]["basis"] == "interpretation"


def test_api_arguments_of_the_wrong_kind_say_what_is_wanted(tmp_path: Path) -> None:
    ps = load_text(tmp_path, "fact a : bool\nmeasure m must { cite doc: item 1 require a }\n")
    assert govrules.decide(tmp_path / "p.pol", {"a": True})["m"] is Status.COMPLIANT
    assert govrules.decide(str(tmp_path / "p.pol"), {"a": False})["m"] is Status.NON_COMPLIANT
    with pytest.raises(TypeError, match="not NoneType"):
        govrules.load(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="use evaluate"):
        govrules.evaluate_many(ps, {"a": True})  # type: ignore[arg-type]


def test_report_verdict_finds_a_decision_subject_by_key_or_asks_for_one(tmp_path: Path) -> None:
    ps = load_text(tmp_path, """
    record r { k : bool }
    fact xs : list of r
    decision d {
      cite doc: item 1
      for x in xs
      option o { cite item 1 }
      rule on may allow o { cite doc: item 1 when x.k }
    }
    """)
    report = ps.evaluate({"xs": [{"k": True}, {"k": False}]}, as_of="2024-06-01")
    second = report.verdict("d", "xs[1]")
    assert report.verdict("d[xs[1]]") is second
    assert report.verdict(second.key) is second
    with pytest.raises(KeyError, match=r"verdict per subject: give subject=, one of `xs\[0\]`"):
        report.verdict("d")
    with pytest.raises(KeyError, match=r"no verdict of `d` for subject `xs\[7\]`"):
        report.verdict("d", "xs[7]")
    with pytest.raises(KeyError, match="no verdict of `nope`"):
        report.verdict("nope")


def test_every_citation_word_of_the_shipped_policies_has_a_thai_word() -> None:
    from govrules.render.labels import CITATION_PARTS_TH

    ps = govrules.load(Path(__file__).parent.parent / "policies")
    report = ps.evaluate({}, as_of="2024-06-01")
    words = {part.partition(" ")[0] for v in report.verdicts for c in v.citations
             for part in c.path.split(", ")}
    assert words and words <= set(CITATION_PARTS_TH), words - set(CITATION_PARTS_TH)


def test_a_method_out_with_its_measure_shows_what_put_it_out(tmp_path: Path) -> None:
    ps = load_text(tmp_path, """
    fact k : bool
    fact done : bool
    fact exempt : bool
    measure m must {
      cite doc: item 1
      applies when k
      unless exempt
      method 1 { cite doc: item 1.1 require done }
      require all methods
    }
    """)
    for facts, note, fact in (({"k": False}, "applies when", "k"),
                              ({"k": True, "exempt": True}, "unless", "exempt")):
        method = ps.evaluate(facts, as_of="2024-06-01").verdict("m.m1")
        assert method.status is Status.NOT_APPLICABLE
        [gate] = method.trace.children  # the condition that settled the measure, with its read
        assert gate.note == note or gate.kind == note
        assert [r.fact for n in gate.walk() for r in n.reads] == [fact]
    method = ps.evaluate({"k": True, "exempt": False, "done": True},
                         as_of="2024-06-01").verdict("m.m1")
    assert [c.note for c in method.trace.children] == ["require"]  # nothing added when it applies


def test_a_report_names_each_policy_and_whether_it_bound_these_facts(tmp_path: Path) -> None:
    (tmp_path / "a.pol").write_text("""
source memo { title en "The memo" title th "บันทึก" dated 2561-02-15 BE }
policy b10 {
  version "2018-03"
  title en "Big one" title th "นโยบายใหญ่"
  source memo
  effective from 2018-03-01 until 2018-12-31
  applies when k == agency
  applies when open
  interpretation en "The period is read from the rollout plan."
  ambiguity A17
}
enum kind { agency other }
fact k : kind
fact open : bool
measure b10.x must { cite memo: item 1 require open }
""", encoding="utf-8")
    (tmp_path / "b.pol").write_text("""
policy b9 { title en "Small one" }
measure b9.x may { cite memo: item 2 require true }
""", encoding="utf-8")
    ps = govrules.load(tmp_path)

    def infos(facts: dict[str, object], as_of: str) -> dict[str, govrules.PolicyInfo]:
        report = ps.evaluate(facts, as_of=as_of)
        assert [p.id for p in report.policies] == ["b9", "b10"]  # natural order, as verdicts
        return {p.id: p for p in report.policies}

    big = infos({"k": "agency", "open": True}, "2018-06-01")["b10"]
    assert (big.version, big.title("th"), big.source, big.source_title("th")) == (
        "2018-03", "นโยบายใหญ่", "memo", "บันทึก")
    assert (big.source_dated, big.effective_from, big.effective_until) == (
        dt.date(2018, 2, 15), dt.date(2018, 3, 1), dt.date(2018, 12, 31))
    assert (big.in_force, big.applies, big.missing) == (True, True, ())
    assert big.interpretations == {"en": "The period is read from the rollout plan."}
    assert big.ambiguities == ("A17",)
    assert not infos({"k": "agency", "open": True}, "2019-01-01")["b10"].in_force
    # Kleene AND of the conditions: one false settles it, else missing facts make it unknown
    assert infos({"k": "other"}, "2018-06-01")["b10"].applies is False
    unknown = infos({"open": True}, "2018-06-01")["b10"]
    assert (unknown.applies, unknown.missing) == (None, ("k",))
    assert infos({}, "2018-06-01")["b10"].missing == ("k", "open")
    small = infos({}, "2018-06-01")["b9"]
    assert (small.version, small.source, small.source_title(), small.effective_from) == (
        None, None, None, None)
    assert (small.in_force, small.applies, small.title("th")) == (True, True, "Small one")


def test_the_policies_of_a_report_in_json_and_every_format(tmp_path: Path) -> None:
    from govrules.render import render

    report = govrules.evaluate("policies", "examples/agency_province.yaml",
                               as_of="2561-02-01 BE")
    data = json.loads(report.to_json())
    assert list(data)[:7] == ["format_version", "engine_version", "policy_sha256",
                              "facts_sha256", "facts_source", "as_of", "policies"]
    s50 = next(p for p in data["policies"] if p["id"] == "s50")
    assert list(s50) == ["id", "version", "titles", "source", "effective", "in_force",
                         "applies", "missing", "interpretations", "ambiguities"]
    assert (s50["effective"], s50["in_force"], s50["applies"]) == (
        {"from": "2018-03-01", "until": None}, False, False)
    assert s50["source"]["id"] == "opdc_s50_memo" and "A6" in s50["ambiguities"]
    text = render(report, "text")
    assert "NOT in force on this date: in force only from 2018-03-01 (2561-03-01 BE)" in text
    assert "does not apply to these facts" in text
    th = render(report, "markdown", lang="th")
    assert "ไม่อยู่ในช่วงใช้บังคับ ณ วันที่ประเมิน" in th and "ไม่ใช้กับข้อเท็จจริงนี้" in th
    html = render(report, "html")
    assert '<table class="policies">' in html and "<code>s50</code>" in html


def test_an_unknown_decision_names_the_chosen_option_when_it_is_missing_too(
        tmp_path: Path) -> None:
    ps = load_text(tmp_path, """
    enum kind { field desk }
    record post { id : text  kind : kind  mode : mode }
    fact posts : list of post
    decision mode {
      cite doc: item 1
      for x in posts
      chosen x.mode
      option office { cite option 1 }
      option home { cite option 2 }
      rule open may allow office, home { cite item 1 }
      rule field_office must exclude home { cite item 3  when x.kind == field  overrides open }
    }
    """)
    def verdict(post: dict[str, object]) -> govrules.Verdict:
        return ps.evaluate({"posts": [post]}, as_of="2024-06-01").verdict("mode[posts[0]]")

    both = verdict({"id": "P1"})
    assert (both.status, both.missing) == (Status.UNKNOWN, ("posts[0].kind", "posts[0].mode"))
    # given what was listed, the verdict is decided: nothing else was needed
    assert verdict({"id": "P1", "kind": "field", "mode": "home"}).status is Status.NON_COMPLIANT
    assert verdict({"id": "P1", "mode": "home"}).missing == ("posts[0].kind",)
    assert verdict({"id": "P1", "kind": "desk"}).missing == ("posts[0].mode",)


def test_arithmetic_is_exact_whatever_the_callers_decimal_context(tmp_path: Path) -> None:
    import decimal

    from govrules.compile import record

    ps = load_text(tmp_path, """
    fact amount : decimal
    fact count : int
    measure m must { cite doc: item 1 require amount * 1 == amount and -amount < 0 }
    measure n must { cite doc: item 2 require amount + 0.000000000000000001 > amount }
    """)
    facts = {"amount": "123456789012345678.123456789012345", "count": 1}
    with decimal.localcontext() as ctx:
        ctx.prec = 5
        ctx.traps[decimal.Inexact] = True
        report = ps.evaluate(facts, as_of="2024-06-01")
        assert {v.rule_id: v.status.value for v in report} == {
            "m": "compliant", "n": "compliant"}
        assert dict(govrules.decide(ps, facts, as_of="2024-06-01")) == {
            "m": Status.COMPLIANT, "n": Status.COMPLIANT}
        assert record(ps, facts, as_of="2024-06-01").report() == report
        assert govrules.check(tmp_path).ok  # the analysis's numbers too


def test_subjects_sharing_a_label_are_warned_about(tmp_path: Path) -> None:
    ps = load_text(tmp_path, """
    record post { id : text  mode : mode }
    fact posts : list of post
    decision mode {
      cite doc: item 1
      for x in posts
      chosen x.mode
      option office { cite option 1 }
      rule open may allow office { cite item 1 }
    }
    """)
    posts = [{"id": "P-1", "mode": "office"}, {"id": "P-1"}, {"id": "P-2"}, {"id": "P-2"}]
    report = ps.evaluate({"posts": posts}, as_of="2024-06-01")
    assert [(w.code, w.message) for w in report.warnings] == [
        ("W406", "subjects `posts[0]`, `posts[1]` of decision `mode` share the label `P-1`"),
        ("W406", "subjects `posts[2]`, `posts[3]` of decision `mode` share the label `P-2`")]
    assert not ps.evaluate({"posts": posts[1:3]}, as_of="2024-06-01").warnings
