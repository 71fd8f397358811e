"""The on-disk cache of checked policy sets and parser tables (govrules.cache)."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import govrules
from govrules import api, cache, syntax
from govrules.cli import main

ROOT = Path(__file__).parent.parent
POLICIES = ROOT / "policies"
EXAMPLE = ROOT / "examples" / "agency_complete.yaml"

POLICY = """source d { title en "D" }
policy p { title en "P" }
fact ok : bool
measure m must {
  cite d: item 1
  require ok
}
"""


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh cache folder, and no policy set remembered in this process."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("GOVRULES_NO_CACHE", raising=False)
    monkeypatch.setattr(api, "_CHECKED", {})
    return tmp_path / "xdg" / "govrules"


def _policy_entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("policies-*.pickle"))


def _forbid_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("parsed although the cache holds the policy set")

    monkeypatch.setattr(syntax, "parse_module", refuse)


def test_second_process_reads_the_checked_policy_set(
        home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = govrules.load(POLICIES)
    (entry,) = _policy_entries(home)
    assert entry.stat().st_mode & 0o077 == 0  # a pickle only its owner may read or write
    api._CHECKED.clear()  # what a new process starts with
    _forbid_parsing(monkeypatch)
    second = govrules.load(POLICIES)
    assert second is not first
    assert second.sources == first.sources
    assert second.rule_ids() == first.rule_ids()
    as_of = "2024-06-01"
    assert (govrules.evaluate(second, EXAMPLE, as_of).to_json()
            == govrules.evaluate(first, EXAMPLE, as_of).to_json())
    assert dict(govrules.decide(second, EXAMPLE, as_of)) == dict(
        govrules.decide(first, EXAMPLE, as_of))


def test_warnings_come_back_from_the_cache(home: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    pol = tmp_path / "p.pol"
    pol.write_text(POLICY + "fact unused : bool\n", encoding="utf-8")
    fresh = govrules.check(pol, analyze=False)
    assert fresh.ok and fresh.warnings
    api._CHECKED.clear()
    _forbid_parsing(monkeypatch)
    cached = govrules.check(pol, analyze=False)
    assert cached.diagnostics == fresh.diagnostics
    assert [d.span for d in cached.diagnostics] == [d.span for d in fresh.diagnostics]


def test_a_changed_text_is_checked_afresh(home: Path, tmp_path: Path) -> None:
    pol = tmp_path / "p.pol"
    pol.write_text(POLICY, encoding="utf-8")
    govrules.load(pol)
    pol.write_text(POLICY.replace("require ok", "require okk"), encoding="utf-8")
    api._CHECKED.clear()
    result = govrules.check(pol)
    assert not result.ok
    assert any("okk" in d.message for d in result.errors)
    assert len(_policy_entries(home)) == 1  # a policy set with errors is not kept


def test_a_renamed_file_is_a_different_entry(home: Path, tmp_path: Path) -> None:
    (tmp_path / "a.pol").write_text(POLICY, encoding="utf-8")
    (tmp_path / "b.pol").write_text(POLICY, encoding="utf-8")
    a = govrules.load(tmp_path / "a.pol")
    api._CHECKED.clear()
    b = govrules.load(tmp_path / "b.pol")
    assert a.files != b.files  # spans must name the file that was read
    assert len(_policy_entries(home)) == 2


def test_a_corrupt_entry_is_deleted_and_rebuilt(home: Path) -> None:
    govrules.load(POLICIES)
    (entry,) = _policy_entries(home)
    entry.write_bytes(b"not a pickle")
    api._CHECKED.clear()
    assert govrules.load(POLICIES).rule_ids()
    (rebuilt,) = _policy_entries(home)
    assert rebuilt.read_bytes() != b"not a pickle"


def test_a_foreign_entry_is_not_trusted(home: Path) -> None:
    govrules.load(POLICIES)
    (entry,) = _policy_entries(home)
    entry.write_bytes(pickle.dumps(("another key", ("something", ()))))
    api._CHECKED.clear()
    assert isinstance(govrules.load(POLICIES), govrules.PolicySet)


def test_no_cache_writes_nothing(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVRULES_NO_CACHE", "1")
    govrules.load(POLICIES)
    assert not home.exists() or not list(home.iterdir())
    assert cache.cache_folder() is None and cache.entries() == []


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_others_may_write_is_not_used(home: Path) -> None:
    home.mkdir(parents=True)
    home.chmod(0o777)
    assert cache.cache_folder() is None
    govrules.load(POLICIES)
    assert _policy_entries(home) == []


def test_at_most_max_entries_are_kept(home: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_POLICY_ENTRIES", 3)
    for n in range(5):
        pol = tmp_path / f"p{n}.pol"
        pol.write_text(POLICY, encoding="utf-8")
        govrules.load(pol)
        stamp = 1_000_000 + n  # distinct modification times: the oldest go first
        for entry in _policy_entries(home):
            if entry.stat().st_mtime > 2_000_000:
                os.utime(entry, (stamp, stamp))
    assert len(_policy_entries(home)) == 3


def test_the_fingerprint_covers_the_grammar(monkeypatch: pytest.MonkeyPatch) -> None:
    import govrules.source

    before = cache.engine_fingerprint.__wrapped__()
    assert before == cache.engine_fingerprint()
    monkeypatch.setattr(govrules.source, "grammar_text", lambda: "start: \"changed\"\n")
    assert cache.engine_fingerprint.__wrapped__() != before


def test_clear_and_the_cache_command(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    govrules.load(POLICIES)
    assert main(["cache"]) == 0
    out = capsys.readouterr().out
    assert str(home) in out and "checked policy sets: 1" in out
    assert main(["cache", "--clear"]) == 0
    assert "files deleted" in capsys.readouterr().out
    assert cache.entries() == []


def test_cache_command_when_off(monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("GOVRULES_NO_CACHE", "1")
    assert main(["cache"]) == 0
    assert capsys.readouterr().out == "cache: off (GOVRULES_NO_CACHE is set)\n"


def test_cli_eval_gives_the_same_report_from_the_cache(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    env.pop("GOVRULES_NO_CACHE", None)
    command = [sys.executable, "-m", "govrules", "eval", str(POLICIES), str(EXAMPLE),
               "--as-of", "2024-06-01", "--format", "json"]
    cold = subprocess.run(command, capture_output=True, env=env, check=True)
    assert _policy_entries(tmp_path / "xdg" / "govrules")
    warm = subprocess.run(command, capture_output=True, env=env, check=True)
    assert warm.stdout == cold.stdout and warm.stderr == cold.stderr == b""


def test_each_parser_of_the_grammar_has_its_own_analysis_file(home: Path) -> None:
    """The formatter's parser (all tokens kept, comments collected) is cached beside the main
    one, not over it, and still calls its comment callback when it is read from the file."""
    syntax.build_parser()
    found: list[str] = []

    def collect(token: object) -> object:
        found.append(str(token).strip())
        return token

    for _ in range(2):  # the second build reads the file the first one wrote
        parser = syntax.build_parser(keep_all_tokens=True, lexer_callbacks={"COMMENT": collect})
        assert len(sorted(home.glob("grammar-*.lark-cache"))) == 2
        parser.parse("# one\n" + POLICY + "# two\n")
    assert found == ["# one", "# two"] * 2
