"""Data-driven conformance cases: each folder of tests/cases/ holds policies, facts and the
expected verdicts (``case.yaml``), run by this one parametrised test.

``case.yaml`` keys: ``description``; ``policies`` (default ``policy.pol`` in the folder);
``facts`` (default ``facts.yaml``); ``as_of``; ``verdicts`` (rule id → status) ;
``missing`` (rule id → facts whose absence made it unknown); ``decisions`` (decision id →
subject key path → ``{status, options: {option: outcome}}``); ``error`` (a diagnostic code the
case must fail with instead).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import govrules
from govrules.errors import GovrulesError

CASES = Path(__file__).parent / "cases"


def _cases() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if (p / "case.yaml").is_file())


@pytest.mark.parametrize("case_dir", _cases(), ids=lambda p: p.name)
def test_case(case_dir: Path) -> None:
    spec: dict[str, Any] = yaml.safe_load((case_dir / "case.yaml").read_text(encoding="utf-8"))
    policies = case_dir / spec.get("policies", "policy.pol")
    facts = case_dir / spec.get("facts", "facts.yaml")
    as_of = spec.get("as_of", "2024-06-01")
    if "error" in spec:
        with pytest.raises(GovrulesError) as err:
            govrules.evaluate(policies, facts, as_of=str(as_of))
        assert spec["error"] in [d.code for d in err.value.diagnostics]
        return
    report = govrules.evaluate(policies, facts, as_of=str(as_of))
    got = {v.rule_id: v.status.value for v in report.verdicts if v.kind != "decision"}
    for rule_id, status in (spec.get("verdicts") or {}).items():
        assert rule_id in got, f"no verdict for {rule_id}; have {sorted(got)}"
        assert got[rule_id] == status, f"{rule_id}: expected {status}, got {got[rule_id]}"
    for rule_id, missing in (spec.get("missing") or {}).items():
        assert list(report.verdict(rule_id).missing) == sorted(missing), rule_id
    for decision_id, subjects in (spec.get("decisions") or {}).items():
        for subject, expected in subjects.items():
            v = report.verdict(decision_id, None if subject == "-" else subject)
            if "status" in expected:
                assert v.status.value == expected["status"], f"{decision_id}[{subject}]"
            for option, outcome in (expected.get("options") or {}).items():
                o = v.option(option)
                assert o is not None, f"{decision_id}[{subject}] has no option {option}"
                assert o.outcome == outcome, f"{decision_id}[{subject}].{option}"
