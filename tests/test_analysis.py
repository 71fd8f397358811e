"""The consistency analysis (govrules.analysis): planted conflicts, unreachable and shadowed
rules in a copy of the shipped policies, each reported with a witness that the real engine
confirms; the finite domains of tests/cases/analysis_*; not-proven warnings; untested facts."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import govrules
from govrules.analysis import CODES, Finding, find_issues
from govrules.errors import Severity

ROOT = Path(__file__).resolve().parent.parent
POLICIES = ROOT / "policies"
CASES = Path(__file__).parent / "cases"

# Rules appended to the decision `work_pattern` of a copy of the shipped policies.
CONFLICT = """
  rule support_on_site should exclude off_site {
    cite ocsc_new_normal_2565: point ๔.๔, item ๒)
    when position.kind == support
  }
"""
UNREACHABLE = """
  rule never_both may recommend counted_hours {
    cite ocsc_new_normal_2565: point ๔.๔, item ๒)
    when position.kind == support and position.kind == supervisory
  }
"""
EXCEPTION_ALWAYS = """
  rule supervisors_counted may allow counted_hours {
    cite ocsc_new_normal_2565: point ๔.๔, item ๒)
    when position.kind == supervisory
    unless position.kind != public_contact
  }
"""
SHADOWED = """
  rule contact_staggered_strong should recommend staggered_hours {
    cite ocsc_new_normal_2565: point ๔.๔, item ๒)
    when position.kind == public_contact
    priority 2
  }
  rule contact_staggered_province may allow staggered_hours {
    cite ocsc_new_normal_2565: point ๔.๔, item ๒)
    when position.kind == public_contact and agency.kind == province
    priority 1
  }
"""


def _planted(tmp_path: Path, rules: str) -> Path:
    """A copy of policies/ with ``rules`` appended to the decision `work_pattern`."""
    dest = tmp_path / "policies"
    shutil.copytree(POLICIES, dest)
    pol = dest / "new_normal" / "work_pattern.pol"
    text = pol.read_text(encoding="utf-8").rstrip()
    assert text.endswith("}")
    pol.write_text(text[:-1] + rules + "}\n", encoding="utf-8")
    return dest


def _findings(path: Path, code: str) -> list[Finding]:
    ps = govrules.load(path)
    return [f for f in find_issues(ps) if f.diagnostic.code == code]


def _line_of(path: Path, needle: str) -> int:
    lines = (path / "new_normal" / "work_pattern.pol").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def _subject_verdict(path: Path, witness: Any) -> Any:
    report = govrules.evaluate(path, witness["facts"], as_of=witness["as_of"])
    return report.verdict("work_pattern", "agency.positions[0]")


def _rule_node(verdict: Any, rule_id: str) -> Any:
    return next(n for n in verdict.trace.walk()
                if n.kind == "rule" and n.label.startswith(f"rule {rule_id} "))


def test_shipped_policies_are_consistent() -> None:
    result = govrules.check(POLICIES)
    assert result.ok
    codes = {d.code for d in result.diagnostics}
    assert not codes & {"E501", "W502", "W503", "W504", "W505", "W507"}, result.diagnostics


def test_planted_conflict_is_an_error_with_a_confirmed_witness(tmp_path: Path) -> None:
    path = _planted(tmp_path, CONFLICT)
    [finding] = _findings(path, "E501")
    d = finding.diagnostic
    assert d.severity is Severity.ERROR
    assert "`support_on_site`" in d.message and "`all_patterns_open`" in d.message
    assert "`off_site`" in d.message
    assert d.span.line == _line_of(path, "rule support_on_site")
    assert finding.witness is not None
    assert d.witness == json.dumps(finding.witness, ensure_ascii=False, sort_keys=True,
                                   separators=(",", ":"))
    assert "witness" not in (d.hint or "")
    assert d.to_dict()["witness"] == finding.witness
    # The witness, evaluated by the engine independently of the analysis, is a conflict.
    verdict = _subject_verdict(path, finding.witness)
    assert verdict.status.value == "conflict"
    assert verdict.option("off_site").outcome == "conflict"
    # check() reports it and is not ok; load() still gives the policy set to evaluate.
    result = govrules.check(path)
    assert not result.ok
    assert [e.code for e in result.errors] == ["E501"]
    assert result.policy_set is not None


def test_resolving_the_conflict_with_overrides_removes_it(tmp_path: Path) -> None:
    fixed = CONFLICT.replace("when position.kind == support",
                             "when position.kind == support\n    overrides all_patterns_open")
    path = _planted(tmp_path, fixed)
    assert _findings(path, "E501") == []
    assert govrules.check(path).ok


def test_planted_unreachable_rule_is_reported(tmp_path: Path) -> None:
    path = _planted(tmp_path, UNREACHABLE)
    [finding] = _findings(path, "W502")
    assert "`never_both`" in finding.diagnostic.message
    assert finding.diagnostic.span.line == _line_of(path, "rule never_both")
    assert finding.witness is None  # an impossibility has no witness...
    assert finding.diagnostic.witness is None
    assert "witness" not in finding.diagnostic.to_dict()
    assert "checked all" in (finding.diagnostic.hint or "")  # ...but says what was checked


def test_planted_exception_that_always_applies_has_a_witness(tmp_path: Path) -> None:
    path = _planted(tmp_path, EXCEPTION_ALWAYS)
    [finding] = _findings(path, "W503")
    assert "`supervisors_counted`" in finding.diagnostic.message
    assert finding.witness is not None
    assert finding.witness["facts"]["agency"]["positions"][0]["kind"] == "supervisory"
    verdict = _subject_verdict(path, finding.witness)
    node = _rule_node(verdict, "supervisors_counted")
    assert node.known and node.value is False


def test_planted_shadowed_rule_is_reported_with_a_witness(tmp_path: Path) -> None:
    path = _planted(tmp_path, SHADOWED)
    found = {f.diagnostic.message: f for f in _findings(path, "W505")}
    # The shipped `public_contact_staggered` is shadowed by the planted strong rule as well.
    assert sorted(found) == [
        "rule `contact_staggered_province` of decision `work_pattern` is shadowed",
        "rule `public_contact_staggered` of decision `work_pattern` is shadowed",
    ]
    finding = found["rule `contact_staggered_province` of decision `work_pattern` is shadowed"]
    d = finding.diagnostic
    assert "`contact_staggered_province`" in d.message
    assert "`contact_staggered_strong`" in (d.hint or "")
    assert d.span.line == _line_of(path, "rule contact_staggered_province")
    assert finding.witness is not None
    verdict = _subject_verdict(path, finding.witness)
    node = _rule_node(verdict, "contact_staggered_province")
    assert node.known and node.value is True  # it fires...
    staggered = verdict.option("staggered_hours")
    assert "contact_staggered_province" not in staggered.rules  # ...and decides nothing
    assert staggered.rules == ("contact_staggered_strong",)


def test_all_planted_findings_together(tmp_path: Path) -> None:
    path = _planted(tmp_path, CONFLICT + UNREACHABLE + EXCEPTION_ALWAYS + SHADOWED)
    codes = sorted(f.diagnostic.code for f in find_issues(govrules.load(path)))
    assert codes == ["E501", "W502", "W503", "W505", "W505"]


def test_cli_check_fails_on_a_conflict(tmp_path: Path) -> None:
    path = _planted(tmp_path, CONFLICT)
    proc = subprocess.run([sys.executable, "-m", "govrules", "check", str(path)],
                          capture_output=True, text=True, encoding="utf-8", check=False)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "error[E501]" in proc.stdout + proc.stderr
    assert "\n  = witness: {\"as_of\":" in proc.stdout + proc.stderr
    proc = subprocess.run([sys.executable, "-m", "govrules", "check", "--format", "json",
                           str(path)],
                          capture_output=True, text=True, encoding="utf-8", check=False)
    (conflict,) = [d for d in json.loads(proc.stdout) if d["code"] == "E501"]
    assert set(conflict["witness"]) == {"as_of", "facts"}
    assert conflict["witness"]["facts"]["agency"]["positions"]


def _analysis_cases() -> list[Path]:
    return sorted(p for p in CASES.glob("analysis_*") if (p / "analysis.yaml").is_file())


@pytest.mark.parametrize("case_dir", _analysis_cases(), ids=lambda p: p.name)
def test_analysis_case(case_dir: Path) -> None:
    spec = yaml.safe_load((case_dir / "analysis.yaml").read_text(encoding="utf-8"))
    ps = govrules.load(case_dir / "policy.pol")
    found = find_issues(ps)
    got = [(f.diagnostic.code, f.diagnostic.span.line) for f in found]
    want = [(f["code"], f["line"]) for f in spec["findings"]]
    assert got == want, [f.diagnostic for f in found]
    for f in found:
        if f.witness is not None:  # every witness evaluates without error
            ps.evaluate(f.witness["facts"], as_of=f.witness["as_of"])


def test_integer_witness_is_the_only_value_between_the_bounds() -> None:
    ps = govrules.load(CASES / "analysis_numbers" / "policy.pol")
    report = ps.evaluate({"staff": 4, "ratio": "0.75", "audited": "2021-06-01"},
                         as_of="2024-06-01")
    assert report.verdict("only_four").status.value == "compliant"
    assert report.verdict("decimal_between").status.value == "compliant"


def test_limit_turns_claims_into_not_proven() -> None:
    ps = govrules.load(CASES / "analysis_quantifiers" / "policy.pol")
    found = find_issues(ps, limit=5)
    assert {f.diagnostic.code for f in found} == {"W507"}
    assert all("too many" in (f.diagnostic.hint or "") for f in found)


def test_untested_facts(tmp_path: Path) -> None:
    dest = tmp_path / "policies"
    shutil.copytree(POLICIES, dest)
    for existing in dest.rglob("*.test.yaml"):
        existing.unlink()
    test_file = dest / "s50" / "disclosure.test.yaml"
    test_file.write_text(yaml.safe_dump({
        "as_of": "2024-06-01",
        "tests": [{"name": "kind only", "facts": {"agency": {"kind": "province"}},
                   "expect": {"s50.1.1.3": "not_applicable"}},
                  {"name": "from file", "facts_file": "../../facts.yaml", "expect": {}}],
    }), encoding="utf-8")
    (tmp_path / "facts.yaml").write_text(
        "disclosure:\n  disclosable_data_determined: true\n", encoding="utf-8")
    result = govrules.check(dest)
    untested = sorted(d.message for d in result.diagnostics if d.code == "W506")
    assert "fact `agency.kind` is never set by a policy test" not in untested
    assert ("fact `disclosure.disclosable_data_determined` is never set by a policy test"
            not in untested)
    assert "fact `disclosure.it_publishing_system` is never set by a policy test" in untested
    assert "fact `agency.positions` is never set by a policy test" in untested
    # W201 (declared, never used) is the checker's: `agency.name` is used only in explanations
    # and is not repeated here.
    assert all("agency.name" not in m for m in untested)
    assert result.ok


def test_no_test_files_no_untested_warnings(tmp_path: Path) -> None:
    dest = tmp_path / "policies"
    shutil.copytree(POLICIES, dest)
    for existing in dest.rglob("*.test.yaml"):
        existing.unlink()
    assert not [d for d in govrules.check(dest).diagnostics if d.code == "W506"]


def test_shipped_policy_tests_set_every_used_fact() -> None:
    assert not [d for d in govrules.check(POLICIES).diagnostics if d.code == "W506"]


def test_codes_are_documented() -> None:
    doc = (ROOT / "docs" / "consistency.md").read_text(encoding="utf-8")
    for code in CODES:
        assert f"`{code}`" in doc, code


def test_findings_are_deterministic(tmp_path: Path) -> None:
    path = _planted(tmp_path, CONFLICT + UNREACHABLE + EXCEPTION_ALWAYS + SHADOWED)
    first = [f.diagnostic for f in find_issues(govrules.load(path))]
    second = [f.diagnostic for f in find_issues(govrules.load(path))]
    assert first == second
