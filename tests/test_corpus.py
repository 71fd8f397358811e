"""The shipped policy corpus (``policies/``): its policy tests, its coverage of the domain
inventory, and the fidelity of its Thai texts.

* Every ``*.test.yaml`` file under ``policies/`` (the format of ``govrules test``, described in
  docs/policies/index.md) is run here with the public API — :func:`govrules.load` and
  :func:`govrules.evaluate` — one pytest case per test, so the corpus's tests run from pytest
  whether or not the ``govrules test`` command is installed.
* ``tests/data/inventory_ids.txt`` lists every measure, method, statement and listed-item id of
  the domain inventory; each must be declared somewhere in ``policies/``.
* Every quoted Thai text (``text th``) of the section-50 and New-Normal policies must occur in its
  source document, after NFKC normalisation and whitespace collapsing (skipped when the sources,
  which live outside the project, are not present).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml

import govrules
from govrules.model import PolicySet
from govrules.verdict import Report, Verdict

ROOT = Path(__file__).resolve().parent.parent
POLICIES = ROOT / "policies"
IDS_FILE = Path(__file__).parent / "data" / "inventory_ids.txt"
SOURCES = ROOT.parent / "shared" / "domain" / "sources"

_TEST_KEYS = {"name", "facts", "facts_file", "as_of", "expect"}
_FILE_KEYS = {"as_of", "tests"}
_EXPECT_KEYS = {"status", "missing", "finding", "basis", "options"}


@pytest.fixture(scope="module")
def corpus() -> PolicySet:
    """The shipped policy set, loaded once."""
    return govrules.load(POLICIES)


def _test_files() -> list[Path]:
    return sorted(POLICIES.rglob("*.test.yaml"))


def _cases() -> list[tuple[Path, int, dict[str, Any], Any]]:
    cases: list[tuple[Path, int, dict[str, Any], Any]] = []
    for path in _test_files():
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        unknown = set(spec) - _FILE_KEYS
        assert not unknown, f"{path}: unknown keys {sorted(unknown)}"
        for i, test in enumerate(spec["tests"]):
            cases.append((path, i, test, spec.get("as_of")))
    return cases


def _case_id(case: tuple[Path, int, dict[str, Any], Any]) -> str:
    path, i, test, _ = case
    return f"{path.relative_to(POLICIES)}::{i}:{test.get('name', '')}"


def _as_of(value: Any) -> str:
    # YAML reads `2024-06-01` as a date and `2561-03-01 BE` as a string.
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _verdicts(report: Report) -> dict[str, Verdict]:
    return {v.key: v for v in report.verdicts}


def _check(key: str, verdict: Verdict, expected: Any) -> None:
    if isinstance(expected, str):
        expected = {"status": expected}
    unknown = set(expected) - _EXPECT_KEYS
    assert not unknown, f"{key}: unknown expectation keys {sorted(unknown)}"
    if "status" in expected:
        assert verdict.status.value == expected["status"], f"{key}: status {verdict.status.value}"
    if "missing" in expected:
        assert list(verdict.missing) == sorted(expected["missing"]), f"{key}: missing"
    if "finding" in expected:
        assert verdict.finding == expected["finding"], f"{key}: finding {verdict.finding}"
    if "basis" in expected:
        assert verdict.basis == expected["basis"], f"{key}: basis {verdict.basis}"
    for option, outcome in (expected.get("options") or {}).items():
        got = verdict.option(option)
        assert got is not None, f"{key}: no option {option}"
        assert got.outcome == outcome, f"{key}: option {option} is {got.outcome}"


@pytest.mark.parametrize("case", _cases(), ids=_case_id)
def test_policy_test(corpus: PolicySet, case: tuple[Path, int, dict[str, Any], Any]) -> None:
    path, _, test, file_as_of = case
    unknown = set(test) - _TEST_KEYS
    assert not unknown, f"unknown keys {sorted(unknown)}"
    assert ("facts" in test) != ("facts_file" in test), "give exactly one of facts, facts_file"
    as_of = test.get("as_of", file_as_of)
    assert as_of is not None, "no as_of for this test or its file"
    facts: Any = test["facts"] if "facts" in test else path.parent / test["facts_file"]
    report = govrules.evaluate(corpus, facts, as_of=_as_of(as_of))
    verdicts = _verdicts(report)
    assert test["expect"], "a test must expect something"
    for key, expected in test["expect"].items():
        assert key in verdicts, f"no verdict {key}"
        _check(key, verdicts[key], expected)


def test_every_measure_has_compliant_noncompliant_and_unknown_tests(corpus: PolicySet) -> None:
    """Issue 3: each measure is tested at least once compliant, non-compliant and unknown."""
    seen: dict[str, set[str]] = {}
    for _, _, test, _ in _cases():
        for key, expected in test["expect"].items():
            status = expected if isinstance(expected, str) else expected.get("status")
            seen.setdefault(key, set()).add(status)
    for cm in corpus.measures:
        mid = cm.measure.id
        assert {"compliant", "non_compliant", "unknown"} <= seen.get(mid, set()), mid


def test_every_position_type_has_a_work_pattern_test() -> None:
    """Issue 3: the work-pattern decision is tested for every position type."""
    kinds: set[str] = set()
    for path, _, test, _ in _cases():
        facts = test.get("facts")
        if facts is None:
            facts = yaml.safe_load((path.parent / test["facts_file"]).read_text(encoding="utf-8"))
        positions = (facts.get("agency") or {}).get("positions") or []
        for key in test["expect"]:
            m = re.fullmatch(r"work_pattern\[agency\.positions\[(\d+)\]\]", key)
            if m and "kind" in positions[int(m.group(1))]:
                kinds.add(positions[int(m.group(1))]["kind"])
    assert kinds >= {
        "public_contact",
        "support",
        "study_analysis_research",
        "specific_area",
        "supervisory",
    }


def _inventory_ids() -> list[str]:
    lines = IDS_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_inventory_id_list_is_complete_enough() -> None:
    ids = _inventory_ids()
    assert len(ids) == len(set(ids))
    # 9 measures and 36 methods of section 50 (method s50.2.1.m is unnumbered).
    assert sum(1 for i in ids if re.fullmatch(r"s50\.(1\.1\.[1-4]|1\.2|2\.[1-4])", i)) == 9
    assert sum(1 for i in ids if re.fullmatch(r"s50\.[\d.]+\.m\d*", i)) == 36
    # 27 statements of the New-Normal approach.
    statements = [i for i in ids if re.fullmatch(r"nn\.a\d\.r\d|nn\.a4\.(plan|budget|hr)", i)]
    assert len(statements) == 27


def test_inventory_ids_declared(corpus: PolicySet) -> None:
    declared = set(corpus.all_ids())
    missing = [i for i in _inventory_ids() if i not in declared]
    assert not missing, f"inventory ids not declared in policies/: {missing}"


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u0e4d\u0e32", "\u0e33")
    text = re.sub(r"<[^>]+>", " ", text).replace("|", " ")
    return re.sub(r"\s+", " ", text).strip()


_SOURCE_FILES = {"s50": "004_3236d4302642942d.txt", "new_normal": "001_7680a8ad934c2644.txt"}


@pytest.mark.parametrize("area", sorted(_SOURCE_FILES))
def test_thai_texts_are_verbatim(area: str) -> None:
    source = SOURCES / _SOURCE_FILES[area]
    if not source.is_file():
        pytest.skip(f"source document {source} is not present")
    haystack = _normalise(source.read_text(encoding="utf-8"))
    checked = 0
    bad: list[str] = []
    for pol in sorted((POLICIES / area).glob("*.pol")):
        for n, line in enumerate(pol.read_text(encoding="utf-8").splitlines(), 1):
            m = re.match(r'\s*text th "(.*)"\s*$', line)
            if not m:
                continue
            for fragment in re.split(r"\s*…\s*", m.group(1)):
                fragment = _normalise(fragment)
                checked += 1
                if fragment and fragment not in haystack:
                    bad.append(f"{pol.name}:{n}: {fragment[:60]}")
    assert checked > 20
    assert not bad, bad
