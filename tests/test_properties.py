"""First hypothesis properties: only GovrulesError escapes the parser and the checker, and
evaluation is deterministic — twice in one process, and across processes."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import govrules
from govrules.errors import GovrulesError
from govrules.source import decode_source
from govrules.syntax import parse_module

CASES = Path(__file__).parent / "cases"

# Fragments of the language, so that random text often gets deep into the grammar.
TOKENS = [
    "policy", "measure", "method", "decision", "rule", "option", "fact", "define", "enum",
    "record", "source", "cite", "require", "all", "methods", "when", "unless", "applies",
    "must", "should", "may", "allow", "exclude", "recommend", "and", "or", "not", "in",
    "includes", "subset", "of", "count", "size", "as_of", "{", "}", "(", ")", ":", ",", "=",
    "==", "<=", "+", "-", "*", '"ข้อความ"', "2561-03-01", "BE", "๑.๑.๓", "1", "2.5", "a.b",
    "ตำแหน่ง", "x", "#c\n", "\n", " ", "th", "en", "title", "for", "p", "true", "bool",
    "list", "set", "int", "text",
]

policy_text = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(TOKENS), max_size=60).map(" ".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(policy_text)
@example("measure m must { cite d: x ๑) require ((((a)))) }")
@example('policy p { effective from 2561-02-30 BE }')
@example("define x = " + "(" * 70 + "a" + ")" * 70)
def test_parser_raises_only_govrules_error(text: str) -> None:
    try:
        module = parse_module(decode_source("fuzz.pol", text.encode("utf-8")))
    except GovrulesError as exc:
        for d in exc.diagnostics:
            assert d.span.file == "fuzz.pol"
        return
    from govrules.checker import check_modules

    check_modules([module], {"fuzz.pol": text})


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=100))
def test_arbitrary_bytes_raise_only_govrules_error(data: bytes) -> None:
    with contextlib.suppress(GovrulesError):
        parse_module(decode_source("fuzz.pol", data))


def _report_json(case: str, facts: str) -> str:
    report = govrules.evaluate(CASES / case / "policy.pol", CASES / case / facts,
                               as_of="2024-06-01")
    return report.to_json()


def test_evaluating_twice_gives_identical_bytes() -> None:
    for case, facts in [("kleene_logic", "facts.yaml"), ("decision_conflict", "facts.yaml")]:
        assert _report_json(case, facts) == _report_json(case, facts)


def test_identical_bytes_across_processes_and_hash_seeds() -> None:
    script = (
        "import govrules, sys; "
        "r = govrules.evaluate(sys.argv[1], sys.argv[2], as_of='2024-06-01'); "
        "sys.stdout.write(r.to_json())"
    )
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [sys.executable, "-c", script, str(CASES / "decision_conflict" / "policy.pol"),
             str(CASES / "decision_conflict" / "facts.yaml")],
            capture_output=True, text=True, env=env, check=True,
        )
        outputs.add(proc.stdout)
    assert len(outputs) == 1
    assert outputs == {_report_json("decision_conflict", "facts.yaml")}
