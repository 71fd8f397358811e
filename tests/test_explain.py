"""``govrules explain``, the shared trace tree, and Thai diagnostics (``check --lang th``)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from govrules.api import load
from govrules.cli import main
from govrules.errors import Diagnostic, Span
from govrules.explain import ExplainError, explain, render_explanation
from govrules.messages_th import MESSAGES, translate
from govrules.render.tree import because_lines, deciding_conditions, render_trace
from govrules.verdict import FactRead, TraceNode

ROOT = Path(__file__).resolve().parents[1]
POLICIES = str(ROOT / "policies")
PARTIAL = str(ROOT / "examples" / "agency_partial.yaml")
AS_OF = "2024-06-01"


@pytest.fixture(scope="module")
def policy_set() -> object:
    return load(POLICIES)


# ---------------------------------------------------------------------------- the tree


def test_tree_shape_marks_values_and_reads() -> None:
    leaf_a = TraceNode("fact", "a", True, True, "p.pol:3:11",
                       reads=(FactRead("a", "a", True, True, "f.yaml:1:4"),))
    leaf_b = TraceNode("fact", "b", None, False, "p.pol:3:17",
                       reads=(FactRead("b", "x.b", None, False, None),))
    and_ = TraceNode("and", "a and b", None, False, "p.pol:3:11", children=(leaf_a, leaf_b),
                     note="require")
    root = TraceNode("measure", "measure m must", "unknown", True, "p.pol:1:1",
                     children=(and_, TraceNode("compare", "n > 1", False, True, None)))
    assert render_trace(root) == (
        "measure m must → unknown  (p.pol:1:1)\n"
        "├─ ? a and b → unknown  [require]  (p.pol:3:11)\n"
        "│  ├─ ✓ a → true  (p.pol:3:11)\n"
        "│  │       read a = true  @ f.yaml:1:4\n"
        "│  └─ ? b → unknown  (p.pol:3:17)\n"
        "│          missing x.b\n"
        "└─ ✗ n > 1 → false\n"
    )


def test_deciding_conditions() -> None:
    a = TraceNode("fact", "a", True, True)
    b = TraceNode("fact", "b", False, True, reads=(FactRead("b", "b", False, True, "f:2:4"),))
    c = TraceNode("fact", "c", None, False)
    and_ab = TraceNode("and", "a and b", False, True, children=(a, b))
    m1 = TraceNode("method", "method m.m1", "non_compliant", True, children=(and_ab,))
    m2 = TraceNode("method", "method m.m2", "unknown", True, children=(c,))
    req = TraceNode("require", "require all methods", False, True, children=(m1, m2))
    measure = TraceNode("measure", "measure m must", "non_compliant", True, children=(req,))
    assert deciding_conditions(measure) == [b]
    assert because_lines(measure) == ["✗ b → false", "    read b = false  @ f:2:4"]
    unknown = TraceNode("measure", "measure m must", "unknown", True, children=(m2,))
    assert deciding_conditions(unknown) == [c]
    ok = TraceNode("measure", "measure m must", "compliant", True, children=(a,))
    assert deciding_conditions(ok) == []


def test_tree_of_a_very_deep_trace_does_not_recurse() -> None:
    node = TraceNode("fact", "x", True, True)
    for _ in range(5000):
        node = TraceNode("not", "not x", True, True, children=(node,))
    assert len(render_trace(node).splitlines()) == 5001


# ---------------------------------------------------------------------------- explain


def test_explain_method_shows_condition_fact_and_location(policy_set: object) -> None:
    ex = explain(policy_set, PARTIAL, "s50.1.1.3.m3", as_of=AS_OF)
    assert [v.key for v in ex.verdicts] == ["s50.1.1.3.m3"]
    text = render_explanation(ex)
    assert "  status          unknown" in text
    assert "  modality        must" in text
    assert "(as written: issue ๑.๑ measure ๑.๑.๓ method ๓))" in text
    assert "  source text     [th] แลกเปลี่ยนข้อมูลระหว่างหน่วยงาน" in text
    assert "  missing facts   disclosure.proactive_public_disclosure" in text
    assert "? disclosure.proactive_public_disclosure → unknown" in text
    assert "  decided by:\n    ? disclosure.proactive_public_disclosure → unknown" in text
    source = (ROOT / "policies" / "s50" / "disclosure.pol").read_text(encoding="utf-8")
    line = next(n for n, text_line in enumerate(source.splitlines(), 1)
                if text_line.strip().startswith("require disclosure.data_exchanged_between"))
    assert f"policies/s50/disclosure.pol:{line}:60" in text
    assert "read disclosure.data_exchanged_between_agencies = true  @ " in text
    assert "agency_partial.yaml:" in text


def test_explain_decision_gives_every_subject_or_one(policy_set: object) -> None:
    every = explain(policy_set, PARTIAL, "work_pattern", as_of=AS_OF)
    assert len(every.verdicts) > 1
    assert all(v.rule_id == "work_pattern" for v in every.verdicts)
    one = explain(policy_set, PARTIAL, "work_pattern[agency.positions[0]]", as_of=AS_OF)
    assert [v.key for v in one.verdicts] == ["work_pattern[agency.positions[0]]"]
    text = render_explanation(one, lang="th")
    assert "สถานะ" in text and "ทางเลือก" in text
    assert "rule all_patterns_open" in text


def test_explain_unknown_id_has_did_you_mean(policy_set: object) -> None:
    with pytest.raises(ExplainError) as info:
        explain(policy_set, PARTIAL, "s50.1.13", as_of=AS_OF)
    d = info.value.diagnostics[0]
    assert d.code == "E620"
    assert d.hint is not None and "`s50.1.1.3`" in d.hint


def test_explain_subject_that_is_not_there(policy_set: object) -> None:
    with pytest.raises(ExplainError) as info:
        explain(policy_set, PARTIAL, "work_pattern[agency.positions[99]]", as_of=AS_OF)
    d = info.value.diagnostics[0]
    assert d.code == "E621"
    assert d.hint is not None and "`work_pattern[agency.positions[0]]`" in d.hint


def test_explain_json(policy_set: object) -> None:
    ex = explain(policy_set, PARTIAL, "s50.1.1.3", as_of=AS_OF)
    body = json.loads(render_explanation(ex, fmt="json"))
    assert body["query"] == "s50.1.1.3"
    assert body["as_of"] == AS_OF
    assert [v["id"] for v in body["verdicts"]] == ["s50.1.1.3"]
    assert body["verdicts"][0]["trace"]["kind"] == "measure"


def test_cli_explain(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", POLICIES, PARTIAL, "s50.1.1.3", "--as-of", AS_OF]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"facts: {PARTIAL}    as of: {AS_OF} (2567-06-01 BE)\n")
    assert "s50.1.1.3  Disclose data and information" in out
    assert main(["explain", POLICIES, PARTIAL, "nope", "--as-of", AS_OF]) == 2
    assert "error[E620]: no rule `nope` in the policy set" in capsys.readouterr().err


def test_cli_explain_bad_facts_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", POLICIES, str(tmp_path / "none.yaml"), "s50.1.1.3"]) == 2
    assert "error[E402]" in capsys.readouterr().err


def test_cli_explain_process_json() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "govrules", "explain", POLICIES, PARTIAL, "s50.1.1.3.m1",
         "--as-of", "2567-06-01 BE", "--format", "json"],
        capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["verdicts"][0]["status"] == "compliant"


# ---------------------------------------------------------------------------- Thai diagnostics


def test_translate_keeps_user_text_and_code() -> None:
    d = Diagnostic("E222", "unknown type `boo`", Span("x.pol", 1, 10, 1, 13),
                   "did you mean `bool`?")
    th = translate(d)
    assert (th.code, th.span, th.message, th.hint) == (
        "E222", d.span, "ไม่รู้จักชนิดข้อมูล `boo`", "หมายถึง `bool` หรือไม่")


def test_translate_falls_back_to_english() -> None:
    d = Diagnostic("E999", "something new", Span("x.pol"), "a new hint")
    assert translate(d) == d


def test_every_template_translates_itself() -> None:
    for code, pairs in MESSAGES.items():
        for english, thai in pairs:
            sample = english.replace("{}", "X")
            got = translate(Diagnostic(code, sample, Span("x.pol"))).message
            assert got != sample or english == thai, (code, english)
            assert "X" in got or "{}" not in english, (code, english)


def test_cli_check_lang_th(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.pol"
    bad.write_text("measure m must {\n  require\n", encoding="utf-8")
    assert main(["check", "--lang", "th", str(bad)]) == 2
    out = capsys.readouterr().out
    assert "error[E111]: ไฟล์จบก่อนที่ควรจะจบ" in out
    assert "help: `{` ที่บรรทัด 1 คอลัมน์ 16 ยังไม่ได้ปิด" in out
    assert main(["check", "--lang", "th", "--format", "json", str(bad)]) == 2
    body = json.loads(capsys.readouterr().out)
    assert body[0]["message"] == "ไฟล์จบก่อนที่ควรจะจบ"
    assert main(["check", str(bad)]) == 2
    assert "error[E111]: unexpected end of file" in capsys.readouterr().out


# ---------------------------------------------------------------------------- explain in Thai


def _field_values(text: str, name: str) -> list[str]:
    """The values of the header field ``explain.NAME`` (in Thai) of an explanation."""
    from govrules.render.labels import label

    head = "  " + label(f"explain.{name}", "th")
    return [ln[len(head):].strip() for ln in text.splitlines()
            if ln.startswith(head) and ln[len(head):len(head) + 1] == " "]


ENGLISH_LAYOUT = ("status", "modality", "finding", "basis", "policy", "subject", "citation",
                  "source text", "interpretation", "missing facts", "reason", "options",
                  "explanation", "decided by:", "trace:", "facts read:")


def _assert_thai_layout(text: str) -> None:
    """No English field name, no English trace word, no `BE`; the header date in Thai."""
    lines = text.splitlines()
    assert lines[0].startswith("ข้อเท็จจริง: ") and " ณ วันที่: " in lines[0]
    assert " พ.ศ. (" in lines[0] and " ค.ศ.)" in lines[0] and " BE" not in text
    for ln in lines:
        assert not any(ln.startswith("  " + word) for word in ENGLISH_LAYOUT), ln
        tree = ln.lstrip(" │├└─")
        assert not tree.startswith(("read ", "missing ")), ln
        assert not re.search(r"→ (?:true|false|unknown|compliant|non_compliant|"
                             r"not_applicable|conflict)\b", ln), ln


def test_explain_thai_method_unknown(policy_set: object) -> None:
    from govrules.render.labels import (
        basis_label,
        label,
        modality_label,
        reason_text,
        status_label,
    )

    ex = explain(policy_set, PARTIAL, "s50.1.1.3.m3", as_of=AS_OF)
    (v,) = ex.verdicts
    assert (v.status.value, v.modality, v.basis, v.reason) == (
        "unknown", "must", "interpretation", "facts are missing")
    text = render_explanation(ex, lang="th")
    _assert_thai_layout(text)
    assert text.startswith(f"ข้อเท็จจริง: {PARTIAL}    ณ วันที่: 2567-06-01 พ.ศ. (2024-06-01 ค.ศ.)\n")
    assert _field_values(text, "status") == [status_label("unknown", "th")] == ["ยังไม่ทราบ"]
    assert _field_values(text, "modality") == [modality_label("must", "th")] == ["ต้อง"]
    assert _field_values(text, "basis") == [basis_label("interpretation", "th")]
    assert _field_values(text, "reason") == [reason_text("facts are missing", "th")]
    assert _field_values(text, "missing") == ["disclosure.proactive_public_disclosure"]
    for english in ("unknown", "must", "interpretation", "facts are missing"):
        assert english not in {w for name in ("status", "modality", "basis", "reason")
                               for w in _field_values(text, name)}
    # the deciding condition and the trace: Thai words, policy language as it is
    assert f"  {label('explain.because', 'th')}:\n    ? disclosure.proactive_public_disclosure " \
           f"→ {label('word.unknown_value', 'th')}  (" in text
    assert f"{label('word.missing', 'th')} disclosure.proactive_public_disclosure  @ " in text
    assert (f"{label('word.read', 'th')} disclosure.data_exchanged_between_agencies = true  @ "
            in text)
    assert f"method s50.1.1.3.m3 → {status_label('unknown', 'th')}  (" in text
    assert f"→ {label('value.true', 'th')}  (" in text
    assert "  [require]  (" in text  # a policy keyword stays
    assert f"  {label('explain.reads', 'th')}:\n" in text
    assert f"disclosure.proactive_public_disclosure = {label('word.missing', 'th')}  @ " in text


def test_explain_thai_decision(policy_set: object) -> None:
    from govrules.render.labels import basis_label, label, modality_label, outcome_label

    ex = explain(policy_set, PARTIAL, "work_pattern[agency.positions[0]]", as_of=AS_OF)
    (v,) = ex.verdicts
    text = render_explanation(ex, lang="th")
    _assert_thai_layout(text)
    assert _field_values(text, "status") == ["ปฏิบัติตาม"]
    assert _field_values(text, "modality") == [modality_label(v.modality, "th")] == ["อาจ"]
    assert _field_values(text, "subject") == ["agency.positions[0] (P-101)"]
    options = _field_values(text, "options")
    assert len(options) == len(v.options) > 1
    for o, shown in zip(v.options, options, strict=True):
        assert shown == (f"{o.option}: {outcome_label(o.outcome, 'th')} ({', '.join(o.rules)}; "
                         f"{modality_label(o.modality, 'th')}, {basis_label(o.basis, 'th')})")
        for english in (o.outcome, o.outcome.replace("_", " "), f"; {o.modality},",
                        f", {o.basis})"):
            assert english not in shown
    assert "staggered_hours: แนะนำ (public_contact_staggered; อาจ, การตีความ)" in options
    assert f"  [{label('word.chosen_option', 'th')}]  (" in text
    assert "chosen option" not in text
    assert "rule all_patterns_open may allow" in text  # rule labels are policy language
    assert "  [applies when]  (" in text and "  [when]  (" in text


def test_explain_thai_finding_and_interpretation(policy_set: object) -> None:
    # A failed method is a violation only on the measure's reading that methods bind (A5).
    central = str(ROOT / "examples" / "agency_central_department.yaml")
    ex = explain(policy_set, central, "s50.1.1.2.m3", as_of=AS_OF)
    (v,) = ex.verdicts
    assert (v.status.value, v.finding, v.basis) == ("non_compliant", "violation", "interpretation")
    assert "A5" in v.interpretations["en"]
    text = render_explanation(ex, lang="th")
    _assert_thai_layout(text)
    assert _field_values(text, "status") == ["ไม่ปฏิบัติตาม"]
    assert _field_values(text, "finding") == ["การฝ่าฝืน"]
    assert _field_values(text, "basis") == ["การตีความ"]
    assert "→ เท็จ  [require]" in text


def test_explain_thai_out_of_force(policy_set: object) -> None:
    """The dates of an effective period and of its `as of` note come in the Thai order."""
    ex = explain(policy_set, PARTIAL, "nn.a0.r1", as_of="2010-01-01")
    text = render_explanation(ex, lang="th")
    _assert_thai_layout(text)
    assert _field_values(text, "status") == ["ไม่อยู่ในบังคับ"]
    assert _field_values(text, "reason") == ["วันที่ประเมินอยู่นอกช่วงเวลาที่มีผลใช้บังคับ"]
    assert ("effective from 2565-07-25 พ.ศ. (2022-07-25 ค.ศ.) → เท็จ  "
            "[ณ วันที่ 2553-01-01 พ.ศ. (2010-01-01 ค.ศ.)]") in text
    english = render_explanation(ex)
    assert ("effective from 2022-07-25 (2565-07-25 BE) → false  "
            "[as of 2010-01-01 (2553-01-01 BE)]") in english


def test_explain_json_is_the_same_in_every_language(policy_set: object) -> None:
    ex = explain(policy_set, PARTIAL, "work_pattern", as_of=AS_OF)
    assert render_explanation(ex, "th", "json") == render_explanation(ex, "en", "json")


def test_explain_thai_deep_trace_does_not_recurse(policy_set: object) -> None:
    import attrs

    ex = explain(policy_set, PARTIAL, "s50.1.1.3.m3", as_of=AS_OF)
    node = TraceNode("fact", "x", True, True)
    for _ in range(5000):
        node = TraceNode("not", "not x", True, True, children=(node,))
    deep = attrs.evolve(ex, verdicts=(attrs.evolve(ex.verdicts[0], trace=node),))
    assert render_explanation(deep, lang="th").count("→ จริง") == 5001


def test_explain_names_a_subject_by_the_label_reports_show(policy_set: object) -> None:
    by_key = explain(policy_set, PARTIAL, "work_pattern[agency.positions[2]]", as_of=AS_OF)
    for label in ("work_pattern[P-103]", "work_pattern [P-103]"):
        ex = explain(policy_set, PARTIAL, label, as_of=AS_OF)
        assert [v.key for v in ex.verdicts] == [v.key for v in by_key.verdicts]
    with pytest.raises(ExplainError):
        explain(policy_set, PARTIAL, "work_pattern[P-999]", as_of=AS_OF)


DECISION = """
source c { title en "C" }
policy p { source c }
enum kind { field desk }
record post { id : text  kind : kind  mode : mode }
fact posts : list of post en "Posts?"
decision mode {
  cite c: item 1
  for x in posts
  chosen x.mode
  option office { cite c: item 9 }
  option home { cite c: item 8 }
  rule open may allow office, home { cite c: item 1 }
  rule desk_home should recommend home { cite c: item 2  when x.kind == desk }
  rule field_office must exclude home { cite c: item 3  when x.kind == field  overrides open }
}
"""


@pytest.mark.parametrize(("kind", "status", "decided_by"), [
    ("field", "non_compliant", ["✓ x.kind == field → true  [when]",
                                "· x.mode → home  [chosen option]"]),
    ("desk", "compliant", ["✓ x.kind == desk → true  [when]",
                           "· x.mode → home  [chosen option]"]),
])
def test_a_decision_is_decided_by_the_rules_of_the_chosen_option(
        tmp_path: Path, kind: str, status: str, decided_by: list[str]) -> None:
    # not by a rule that did not fire (the `when` of desk_home for a field post)
    (tmp_path / "d.pol").write_text(DECISION, encoding="utf-8")
    report = load(tmp_path / "d.pol").evaluate(
        {"posts": [{"id": "P1", "kind": kind, "mode": "home"}]}, as_of=AS_OF)
    verdict = report.verdict("mode[posts[0]]")
    assert verdict.status.value == status
    lines = [ln.split("  (")[0] for ln in because_lines(verdict) if not ln.startswith("    ")]
    assert lines == decided_by
    assert [n.label for n in deciding_conditions(verdict)] == [
        f"x.kind == {kind}", "x.mode"]


def test_explain_errors_point_at_the_id_and_say_what_it_names(policy_set: object) -> None:
    with pytest.raises(ExplainError) as err:
        explain(policy_set, PARTIAL, "s50.1.1.3[x]", as_of=AS_OF)
    (d,) = err.value.diagnostics
    assert (d.code, d.span.file) == ("E621", "RULE-ID")  # not the facts file
    assert d.hint == "`s50.1.1.3` is not a decision: its one verdict is `s50.1.1.3`"
    thai = explain(policy_set, PARTIAL, "s50.1.1.3.m๓", as_of=AS_OF)  # as policies write it
    assert [v.key for v in thai.verdicts] == ["s50.1.1.3.m3"]


def test_an_id_with_thai_digits_is_found_as_written(tmp_path: Path) -> None:
    (tmp_path / "p.pol").write_text(
        'source c { title en "C" }\npolicy p { source c }\nfact a : bool\n'
        "measure ข้อ๑ must { cite c: item 1\n  method ๒ { cite method 2 require a }\n"
        "  require all methods\n}\n", encoding="utf-8")
    ps = load(tmp_path / "p.pol")
    assert [v.key for v in explain(ps, {"a": True}, "ข้อ๑", as_of=AS_OF).verdicts] == ["ข้อ๑"]
    assert [v.key for v in explain(ps, {"a": True}, "ข้อ๑.m๒", as_of=AS_OF).verdicts] == [
        "ข้อ๑.m2"]
