"""Regressions for problems a review of the whole engine found: each once gave a silent default
or escaped as an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest

import govrules
from govrules.cli import main
from govrules.errors import FactsError

POLICY = """
source doc { title en "Doc" }
policy t { title en "T" }
enum k { x y }
fact a : k
fact b : k
fact n : int
fact s : set of k
measure set_lit must { cite doc: item 1 require a in {x, b} }
measure sized must { cite doc: item 2 require size(s) >= 1 }
measure spaced must { cite doc: item 3 explain en "n is { n }" require n > 1 }
"""


@pytest.fixture
def ps(tmp_path: Path) -> govrules.PolicySet:
    (tmp_path / "p.pol").write_text(POLICY, encoding="utf-8")
    return govrules.load(tmp_path / "p.pol")


def test_set_literal_with_a_missing_fact_is_unknown(ps: govrules.PolicySet) -> None:
    v = ps.evaluate({"a": "y"}, as_of="2024-06-01").verdict("set_lit")
    assert (v.status.value, v.missing) == ("unknown", ("b",))
    assert ps.evaluate({"a": "y", "b": "y"}, as_of="2024-06-01").verdict(
        "set_lit").status.value == "compliant"


def test_placeholder_with_spaces_is_filled(ps: govrules.PolicySet) -> None:
    assert ps.evaluate({"n": 3}, as_of="2024-06-01").verdict("spaced").explanation == {
        "en": "n is 3"}


def test_blank_csv_cell_is_a_missing_fact(ps: govrules.PolicySet, tmp_path: Path) -> None:
    from govrules.stream import read_records

    csv_file = tmp_path / "r.csv"
    csv_file.write_text("n,s\n2, \n", encoding="utf-8")
    (row,) = list(read_records(csv_file, policies=ps))
    assert row == {"n": 2}


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("dup.csv", "n,n\n1,5\n"),
        ("long.csv", "n\n1,2\n"),
        ("dup.jsonl", '{"n": 1, "n": 5}\n'),
        ("huge.jsonl", '{"n": ' + "9" * 5000 + "}\n"),
        ("bytes.jsonl", b'{"n": 1}\n\xff\xfe\n'),
    ],
)
def test_bad_streams_are_facts_errors(ps: govrules.PolicySet, tmp_path: Path, name: str,
                                      content: str | bytes) -> None:
    from govrules.stream import read_records

    f = tmp_path / name
    if isinstance(content, bytes):
        f.write_bytes(content)
    else:
        f.write_text(content, encoding="utf-8")
    with pytest.raises(FactsError):
        list(read_records(f, policies=ps))


def test_unwritable_output_is_bad_input_not_a_bug(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "p.pol").write_text(POLICY, encoding="utf-8")
    (tmp_path / "f.yaml").write_text("n: 3\n", encoding="utf-8")
    code = main(["eval", str(tmp_path / "p.pol"), str(tmp_path / "f.yaml"),
                 "--log", str(tmp_path / "no" / "such" / "dir" / "log.jsonl")])
    err = capsys.readouterr().err
    assert code == 2
    assert "cannot write" in err and "internal error" not in err
