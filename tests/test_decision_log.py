"""The decision log: `eval --log` appends one self-contained JSON line per evaluation, and
`verify-log` re-evaluates each line and reports what does not reproduce."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

import govrules
from govrules.cli import main
from govrules.decision_log import LOG_VERSION, log_entry, verify_log
from govrules.errors import GovrulesError
from govrules.facts import load_facts

ROOT = Path(__file__).parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "render"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a copy of the fixture policy and facts, as the current directory."""
    shutil.copy(FIXTURE / "policy.pol", tmp_path / "policy.pol")
    shutil.copy(FIXTURE / "facts.yaml", tmp_path / "facts.yaml")
    (tmp_path / "facts2.json").write_text(json.dumps({
        "agency": {"kind": "government_agency", "name": "กรมสอง"},
        "disclosure": {"determined": False, "channels": 3, "surveyed": True},
    }), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _log(capsys: pytest.CaptureFixture[str], *facts: str, as_of: str = "2567-06-01 BE") -> None:
    assert main(["eval", "policy.pol", *facts, "--as-of", as_of, "--log", "log.jsonl",
                 "--format", "json"]) == 0
    capsys.readouterr()


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_eval_appends_one_line_per_evaluation(work: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    _log(capsys, "facts.yaml", "facts2.json")
    _log(capsys, "facts.yaml")
    lines = _lines(work / "log.jsonl")
    assert len(lines) == 3
    first = lines[0]
    assert list(first) == ["log_version", "time", "govrules_version", "policy_sha256",
                           "facts_sha256", "policies", "facts_path", "as_of", "facts",
                           "summary", "verdicts"]
    ps = govrules.load("policy.pol")
    facts = load_facts("facts.yaml", ps.facts)
    assert first["log_version"] == LOG_VERSION
    assert first["policy_sha256"] == ps.sha256
    assert first["facts_sha256"] == facts.sha256
    assert first["policies"] == "policy.pol" and first["facts_path"] == "facts.yaml"
    assert first["as_of"] == "2024-06-01"
    assert json.dumps(first["facts"], sort_keys=True, ensure_ascii=False,
                      separators=(",", ":")) == facts.to_canonical_json()
    assert first["verdicts"]["work[agency.positions[1]]"] == "non_compliant"
    assert first["summary"] == {"compliant": 2, "non_compliant": 3, "unknown": 1,
                                "not_applicable": 1, "conflict": 0}
    assert str(first["time"]).endswith("Z")
    assert lines[1]["facts_path"] == "facts2.json"


def test_verify_log_reproduces(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _log(capsys, "facts.yaml", "facts2.json")
    # the line alone is enough: the facts files are not read again
    (work / "facts.yaml").unlink()
    (work / "facts2.json").unlink()
    assert main(["verify-log", "log.jsonl"]) == 0
    out = capsys.readouterr().out
    assert "log.jsonl:1: ok, 7 verdicts reproduced (facts.yaml)" in out
    assert out.endswith("2 reproduced, 0 differ, 0 could not be checked\n")


def test_verify_log_reports_a_difference(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _log(capsys, "facts.yaml", "facts2.json")
    lines = (work / "log.jsonl").read_text(encoding="utf-8").splitlines()
    entry = json.loads(lines[1])
    entry["verdicts"]["d.1.m1"] = "compliant"  # it was non_compliant: determined is false
    del entry["verdicts"]["d.2"]
    lines[1] = json.dumps(entry, ensure_ascii=False)
    (work / "log.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["verify-log", "log.jsonl"]) == 1
    out = capsys.readouterr().out
    assert "log.jsonl:1: ok" in out
    assert "log.jsonl:2: DIFFERS (facts2.json)" in out
    assert "`d.1.m1`: recorded `compliant`, now `non_compliant`" in out
    assert "`d.2`: not recorded, now `not_applicable`" in out


def test_verify_log_edited_facts_differ(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _log(capsys, "facts2.json")
    entry = _lines(work / "log.jsonl")[0]
    entry["facts"]["disclosure"]["determined"] = True  # type: ignore[index]
    (work / "log.jsonl").write_text(json.dumps(entry) + "\n", encoding="utf-8")
    result = verify_log("log.jsonl")
    assert result.exit_code == 1
    diffs = result.lines[0].differences
    assert diffs[0].startswith("facts sha256 is ")
    assert "`d.1.m1`: recorded `non_compliant`, now `compliant`" in diffs


def test_verify_log_malformed_line(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _log(capsys, "facts.yaml")
    with open("log.jsonl", "a", encoding="utf-8") as fh:
        fh.write("{not json\n\n[1, 2]\n{\"log_version\": \"1\"}\n")
    assert main(["verify-log", "log.jsonl"]) == 2
    out = capsys.readouterr().out
    assert "log.jsonl:1: ok" in out
    assert "log.jsonl:2:1: error[E701]: line 2 of the decision log is not JSON" in out
    assert "log.jsonl:4:1: error[E701]: line 4 of the decision log is not a JSON object" in out
    assert "log.jsonl:5:1: error[E702]: field `policy_sha256` of line 5 is missing" in out
    assert "1 reproduced, 0 differ, 3 could not be checked" in out


def test_verify_log_other_policies_refused(work: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    _log(capsys, "facts.yaml")
    changed = work / "changed.pol"
    changed.write_text((work / "policy.pol").read_text(encoding="utf-8").replace(
        "disclosure.channels >= 2", "disclosure.channels >= 1"), encoding="utf-8")
    assert main(["verify-log", "log.jsonl", "--policies", "changed.pol"]) == 2
    out = capsys.readouterr().out
    assert "error[E703]: the policy set at `changed.pol`" in out
    assert "is not the one line 1 was evaluated against" in out
    # the recorded path changed under the log: refused the same way
    shutil.copy(changed, work / "policy.pol")
    assert main(["verify-log", "log.jsonl"]) == 2
    assert "error[E703]: the policy set at `policy.pol`" in capsys.readouterr().out
    # the original policies, given explicitly, verify it
    shutil.copy(FIXTURE / "policy.pol", work / "original.pol")
    assert main(["verify-log", "log.jsonl", "--policies", "original.pol"]) == 0


def test_verify_log_unloadable_policies(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _log(capsys, "facts.yaml")
    (work / "policy.pol").unlink()
    assert main(["verify-log", "log.jsonl"]) == 2
    assert "error[E703]: cannot load the policies at `policy.pol`" in capsys.readouterr().out


def test_verify_log_missing_file(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify-log", "nope.jsonl"]) == 2
    assert "error[E704]: cannot read decision log `nope.jsonl`" in capsys.readouterr().err
    with pytest.raises(GovrulesError):
        verify_log("nope.jsonl")


def test_log_entry_api(work: Path) -> None:
    ps = govrules.load("policy.pol")
    facts = load_facts("facts.yaml", ps.facts)
    report = ps.evaluate(facts, as_of="2024-06-01")
    when = dt.datetime(2024, 6, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    entry = log_entry(report, facts, "policy.pol", "facts.yaml", now=when)
    assert entry["time"] == "2024-06-01T02:30:00Z"
    assert entry["verdicts"] == {v.key: v.status.value for v in report.verdicts}


def test_nothing_logged_when_evaluation_fails(work: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    (work / "bad.yaml").write_text("disclosure:\n  channels: many\n", encoding="utf-8")
    assert main(["eval", "policy.pol", "facts.yaml", "bad.yaml", "--log", "log.jsonl"]) == 2
    assert "error[E412]" in capsys.readouterr().err
    assert not (work / "log.jsonl").exists()


def test_verify_log_checks_the_recorded_summary(work: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    _log(capsys, "facts.yaml")
    entry = _lines(work / "log.jsonl")[0]
    summary = entry["summary"]
    assert isinstance(summary, dict)
    summary["compliant"] = 75  # the verdicts are untouched: only the headline count is edited
    (work / "log.jsonl").write_text(json.dumps(entry, ensure_ascii=False) + "\n",
                                    encoding="utf-8")
    assert main(["verify-log", "log.jsonl"]) == 1
    out = capsys.readouterr().out
    assert "log.jsonl:1: DIFFERS (facts.yaml)" in out
    assert "summary `compliant`: recorded 75, now " in out


def test_verify_log_from_another_folder_finds_the_policies_beside_the_log(
        work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _log(capsys, "facts.yaml")
    elsewhere = work / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["verify-log", str(work / "log.jsonl")]) == 0
    assert "1 reproduced, 0 differ, 0 could not be checked" in capsys.readouterr().out


def test_verify_log_refuses_what_eval_never_writes(work: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    # each of these once passed as "reproduced"
    _log(capsys, "facts2.json")
    good = (work / "log.jsonl").read_text(encoding="utf-8").strip()
    entry = json.loads(good)
    no_summary = {k: v for k, v in entry.items() if k != "summary"}
    extra = json.loads(good)
    extra["facts"]["undeclared"] = 1
    twice = good[:-1] + ',"as_of":"2024-06-01"}'
    (work / "log.jsonl").write_text(
        "\n".join([json.dumps(no_summary), json.dumps(extra), twice]) + "\n", encoding="utf-8")
    result = verify_log("log.jsonl")
    first, second, third = result.lines
    assert first.error is not None and first.error.message == (
        "field `summary` of line 1 is missing")
    assert second.error is None and second.differences == (
        "the recorded facts are not as `govrules eval --log` writes them (a key it does not "
        "declare, a set out of order or repeated): the line was edited",)
    assert third.error is not None and third.error.message == (
        "line 3 of the decision log repeats the key `as_of`")
    assert result.exit_code == 2


def test_verify_log_refuses_an_empty_log(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "log.jsonl").write_text("\n\n", encoding="utf-8")
    assert main(["verify-log", "log.jsonl"]) == 2
    assert "error[E704]: decision log `log.jsonl` holds no entries" in capsys.readouterr().err


def test_verify_log_reads_lines_of_version_1(work: Path, capsys: pytest.CaptureFixture[str]
                                            ) -> None:
    # version 1 wrote decimals as read (`1000.0`); its hash is of the facts as recorded
    import hashlib

    _log(capsys, "facts2.json")
    entry = _lines(work / "log.jsonl")[0]
    entry["log_version"] = "1"
    facts = json.dumps(entry["facts"], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    entry["facts_sha256"] = hashlib.sha256(facts.encode("utf-8")).hexdigest()
    (work / "log.jsonl").write_text(json.dumps(entry) + "\n", encoding="utf-8")
    assert verify_log("log.jsonl").exit_code == 0
    entry["facts_sha256"] = "0" * 64
    (work / "log.jsonl").write_text(json.dumps(entry) + "\n", encoding="utf-8")
    assert verify_log("log.jsonl").exit_code == 1
