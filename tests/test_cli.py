"""The command line: exit codes and output of `check` and `eval`, on good and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from govrules.cli import main

ROOT = Path(__file__).parent.parent
CASES = Path(__file__).parent / "cases"
KLEENE = CASES / "kleene_logic"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(KLEENE / "policy.pol"))
    assert code == 0
    assert out.startswith("ok: 1 file checked")


def test_check_shipped_policies_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(ROOT / "policies"))
    assert code == 0, out


def test_check_errors_exit_2_with_caret(capsys: pytest.CaptureFixture[str],
                                        tmp_path: Path) -> None:
    bad = tmp_path / "bad.pol"
    bad.write_text('source d { title en "D" }\npolicy p { title en "P" }\n'
                   "fact ok : bool\nmeasure m must {\n  cite d: item 1\n  require okk\n}\n",
                   encoding="utf-8")
    code, out, _ = run(capsys, "check", str(bad))
    assert code == 2
    assert f"{bad}:6:11: error[" in out
    assert "^^^" in out
    assert "help:" in out


def test_check_json_format(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.pol"
    bad.write_text("measure", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--format", "json", str(bad))
    assert code == 2
    (diag,) = json.loads(out)
    assert diag["code"] == "E111" and diag["line"] == 1 and diag["file"] == str(bad)


def test_eval_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "eval", str(KLEENE / "policy.pol"), str(KLEENE / "facts.yaml"),
                       "--as-of", "2024-06-01")
    assert code == 0
    assert "NON-COMPLIANT and_false" in out
    assert "failed: a and b" not in out  # the failed part is named, not the whole condition
    assert "failed: a" in out
    assert "missing: b" in out
    assert "cite: Test document, item 2" in out
    assert "as of 2024-06-01 (2567-06-01 BE)" in out


def test_eval_json_is_stable(capsys: pytest.CaptureFixture[str]) -> None:
    args = ("eval", str(KLEENE / "policy.pol"), str(KLEENE / "facts.yaml"),
            "--as-of", "2567-06-01 BE", "--format", "json")
    code, first, _ = run(capsys, *args)
    _, second, _ = run(capsys, *args)
    assert code == 0 and first == second
    data = json.loads(first)
    assert data["as_of"] == "2024-06-01"
    assert data["summary"]["unknown"] == 5


@pytest.mark.parametrize(
    ("fail_on", "expected"),
    [("non_compliant", 1), ("violation", 1), ("conflict", 0), ("unknown", 1)],
)
def test_fail_on(capsys: pytest.CaptureFixture[str], fail_on: str, expected: int) -> None:
    code, _, _ = run(capsys, "eval", str(KLEENE / "policy.pol"), str(KLEENE / "facts.yaml"),
                     "--fail-on", fail_on)
    assert code == expected


def test_eval_several_fact_files(capsys: pytest.CaptureFixture[str]) -> None:
    na = CASES / "not_applicable"
    code, out, _ = run(capsys, "eval", str(na / "policy.pol"), str(na / "facts.yaml"),
                       str(CASES / "exception_unknown" / "facts.json"), "--format", "json")
    assert code == 0
    assert [r["facts_source"] for r in json.loads(out)] == [
        str(na / "facts.yaml"), str(CASES / "exception_unknown" / "facts.json")]


@pytest.mark.parametrize(
    "facts_text",
    ["kind: [", "kind: 3\nok: true\n", "- a\n- b\n", "\x00"],
    ids=["yaml-syntax", "wrong-type", "top-level-list", "nul"],
)
def test_eval_bad_facts_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                               facts_text: str) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(facts_text, encoding="utf-8")
    code, out, err = run(capsys, "eval", str(CASES / "not_applicable" / "policy.pol"),
                         str(facts))
    assert code == 2
    assert str(facts) in err
    assert "Traceback" not in err + out


def test_eval_missing_files_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "eval", str(tmp_path / "nope"), str(tmp_path / "f.yaml"))
    assert code == 2 and "no such file or folder" in err
    code, _, err = run(capsys, "eval", str(KLEENE / "policy.pol"), str(tmp_path / "f.yaml"))
    assert code == 2 and "f.yaml" in err


def test_eval_bad_as_of_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "eval", str(KLEENE / "policy.pol"), str(KLEENE / "facts.yaml"),
                       "--as-of", "2024-02-30")
    assert code == 2 and "as_of" in err


def test_no_traceback_from_a_real_process(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pol"
    bad.write_bytes(b"\xff\xfe not utf-8")
    proc = subprocess.run([sys.executable, "-m", "govrules", "check", str(bad)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr + proc.stdout
    assert f"{bad}:1:1: error[E103]" in proc.stdout


def test_bad_facts_file_is_reported_in_thai_with_lang_th(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts = tmp_path / "bad.yaml"
    facts.write_text("agency:\n  kind: 5\n", encoding="utf-8")
    assert main(["eval", str(ROOT / "policies"), str(facts), "--lang", "th"]) == 2
    err = capsys.readouterr().err
    assert "error[E412]: ที่ `agency.kind` ควรเป็น agency_kind แต่พบ int `5`" in err
    assert main(["eval", str(ROOT / "policies"), str(facts)]) == 2
    assert "error[E412]: expected agency_kind at `agency.kind`" in capsys.readouterr().err


@pytest.mark.parametrize(("as_of", "warned"), [
    ("2567-10-01", "`2567-10-01` is read as C.E. (the year 2567 C.E.) but looks like a B.E. date"),
    ("2024-10-01 BE", "`2024-10-01 BE` is in the year 1481 C.E."),
    ("๒๕๖๗-๑๐-๐๑", "is read as C.E."),
    ("2567-10-01 BE", None),
    ("2024-10-01", None),
])
def test_an_as_of_in_the_wrong_era_is_warned_about(
        capsys: pytest.CaptureFixture[str], as_of: str, warned: str | None) -> None:
    facts = str(ROOT / "examples" / "agency_partial.yaml")
    for command in (["eval", str(ROOT / "policies"), facts],
                    ["explain", str(ROOT / "policies"), facts, "s50.1.1.3"]):
        assert main([*command, "--as-of", as_of]) == 0
        err = capsys.readouterr().err
        if warned is None:
            assert "W405" not in err
        else:
            assert "--as-of: warning[W405]: " in err and warned in err
