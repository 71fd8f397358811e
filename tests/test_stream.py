"""Streaming evaluation: evaluate_many, the JSONL/CSV/Parquet readers and `govrules eval-many`."""

from __future__ import annotations

import io
import json
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import govrules
from govrules import PolicySet, Status
from govrules.cli import main
from govrules.stream import Progress, evaluate_many, read_csv, read_jsonl, read_parquet

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2024-06-01"

POLICY = """
source doc { title en "Test document" }
policy t { title en "Test" }
enum kind { ministry department }
enum sys { e_doc e_meet }
fact org.kind : kind
fact org.open : bool
fact org.staff : int
fact org.score : decimal
fact org.systems : set of sys
measure staffed must { cite doc: item 1 require org.open and org.staff >= 10 }
measure scored should { cite doc: item 2 applies when org.kind == ministry require org.score > 2.5 }
measure systems may { cite doc: item 3 require org.systems includes {e_doc, e_meet} }
"""


@pytest.fixture(scope="module")
def policy(tmp_path_factory: pytest.TempPathFactory) -> PolicySet:
    folder = tmp_path_factory.mktemp("stream")
    (folder / "p.pol").write_text(POLICY, encoding="utf-8")
    return govrules.load(folder)


RECORDS: list[dict[str, Any]] = [
    {"org": {"kind": "ministry", "open": True, "staff": 12, "score": "3.5",
             "systems": ["e_doc", "e_meet"]}},
    {"org": {"kind": "department", "open": False, "staff": 3}},
    {"org": {"open": True}},
]


def test_results_are_those_of_evaluate_in_order(policy: PolicySet) -> None:
    untraced = list(evaluate_many(policy, RECORDS, AS_OF, trace=False))
    traced = list(govrules.evaluate_many(policy, iter(RECORDS), AS_OF))
    assert len(untraced) == len(traced) == 3
    for n, (rec, fast, lazy) in enumerate(zip(RECORDS, untraced, traced, strict=True), start=1):
        report = govrules.evaluate(policy, rec, AS_OF)
        assert dict(fast) == {v.key: v.status for v in report.verdicts}
        assert lazy.status_map() == fast
        # the record is named in the report
        assert lazy.report().facts_source == f"<records>#{n}"
        assert lazy.report().verdicts == report.verdicts
    assert untraced[0]["staffed"] is Status.COMPLIANT
    assert untraced[1]["scored"] is Status.NOT_APPLICABLE
    assert untraced[2]["staffed"] is Status.UNKNOWN


def test_a_bad_record_is_named(policy: PolicySet) -> None:
    with pytest.raises(govrules.FactsError) as err:
        list(evaluate_many(policy, [RECORDS[0], {"org": {"staff": "many"}}], AS_OF,
                           trace=False))
    assert err.value.diagnostics[0].span.file == "<records>#2"


def test_streaming_is_lazy_and_bounded(policy: PolicySet) -> None:
    pulled = [0]

    def records() -> Iterator[dict[str, Any]]:
        for i in range(100_000):
            pulled[0] += 1
            yield {"org": {"open": True, "staff": i % 20}}

    results = evaluate_many(policy, records(), AS_OF, trace=False)
    assert next(results)["staffed"] is Status.NON_COMPLIANT
    assert pulled == [1]  # one record in, one result out
    tracemalloc.start()
    for _ in range(2_000):
        next(results)
    first, _ = tracemalloc.get_traced_memory()
    for _ in range(20_000):
        next(results)
    second, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert second < first + 256 * 1024  # ten times the records, no growth beyond noise


def test_jsonl_reader(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n\n", encoding="utf-8")
    assert list(read_jsonl(path)) == RECORDS
    path.write_text('{"org": {}}\n[1]\n', encoding="utf-8")
    with pytest.raises(govrules.FactsError) as err:
        list(read_jsonl(path))
    assert err.value.diagnostics[0].code == "E421"
    assert err.value.diagnostics[0].span.line == 2


def test_jsonl_reads_decimals_as_written(tmp_path: Path) -> None:
    import decimal

    path = tmp_path / "r.jsonl"
    path.write_text('{"org": {"score": 1000.5000000000000000001}}\n', encoding="utf-8")
    assert list(read_jsonl(path)) == [
        {"org": {"score": decimal.Decimal("1000.5000000000000000001")}}]


def test_csv_reader_converts_by_declared_type(tmp_path: Path, policy: PolicySet) -> None:
    path = tmp_path / "r.csv"
    path.write_text("org.kind,org.open,org.staff,org.score,org.systems\n"
                    "ministry,TRUE,12,3.5,e_doc;e_meet\n"
                    "department,false,3,,\n"
                    ",true,,,\n", encoding="utf-8")
    rows = list(read_csv(path, policy))
    assert rows[0] == {"org": {"kind": "ministry", "open": True, "staff": 12, "score": "3.5",
                               "systems": ["e_doc", "e_meet"]}}
    assert rows[2] == {"org": {"open": True}}
    got = [dict(r) for r in evaluate_many(policy, rows, AS_OF, trace=False)]
    want = [dict(r) for r in evaluate_many(policy, RECORDS, AS_OF, trace=False)]
    assert got == want


def test_parquet_reader(tmp_path: Path, policy: PolicySet) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "r.parquet"
    pq.write_table(pa.Table.from_pylist(RECORDS), path)
    rows = list(read_parquet(path, batch_size=2))
    got = [dict(r) for r in evaluate_many(policy, rows, AS_OF, trace=False)]
    want = [dict(r) for r in evaluate_many(policy, RECORDS, AS_OF, trace=False)]
    assert got == want
    flat = tmp_path / "flat.parquet"
    pq.write_table(pa.table({"org.open": [True], "org.staff": [11]}), flat)
    assert list(read_parquet(flat)) == [{"org": {"open": True, "staff": 11}}]


def test_progress_line() -> None:
    out = io.StringIO()
    bar = Progress(total=4, stream=out, every=0.0)
    for _ in range(4):
        bar.update()
    bar.close()
    lines = out.getvalue().splitlines()
    assert lines[-1].startswith("[########################] 100.0% 4/4 records")
    assert len(lines) == 5


def test_cli_eval_many(tmp_path: Path, policy: PolicySet, capsys: pytest.CaptureFixture[str]
                       ) -> None:
    folder = tmp_path / "pol"
    folder.mkdir()
    (folder / "p.pol").write_text(POLICY, encoding="utf-8")
    data = tmp_path / "r.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    assert main(["eval-many", str(folder), str(data), "--as-of", AS_OF, "--progress"]) == 0
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["record"] for r in rows] == [1, 2, 3]
    assert rows[0]["verdicts"] == {"scored": "compliant", "staffed": "compliant",
                                   "systems": "compliant"}
    assert "3 records" in err
    assert main(["eval-many", str(folder), str(data), "--as-of", AS_OF, "--trace"]) == 0
    reports = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert reports[1]["facts_source"] == f"{data}#2"
    assert reports[1]["verdicts"][0]["trace"]["kind"] == "measure"
    assert main(["eval-many", str(folder), str(data), "--as-of", AS_OF, "--format", "csv",
                 "-o", str(tmp_path / "out.csv")]) == 0
    lines = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["record,key,status", "1,scored,compliant"]
    assert len(lines) == 1 + 3 * 3
    bad = tmp_path / "r.txt"
    bad.write_text("{}", encoding="utf-8")
    assert main(["eval-many", str(folder), str(bad)]) == 2
    assert "E420" in capsys.readouterr().err


def test_dask_partitions(policy: PolicySet) -> None:
    """The docs/performance.md recipe: evaluate_many over the partitions of a Dask bag."""
    bag_module = pytest.importorskip("dask.bag")
    import dask

    def evaluate_partition(records: list[dict[str, Any]]) -> list[dict[str, str]]:
        return [{k: s.value for k, s in result.items()}
                for result in govrules.evaluate_many(policy, records, AS_OF, trace=False)]

    bag = bag_module.from_sequence(RECORDS * 10, npartitions=4)
    with dask.config.set(scheduler="synchronous"):
        got = bag.map_partitions(evaluate_partition).compute()
    want = [{k: s.value for k, s in r.items()}
            for r in evaluate_many(policy, RECORDS * 10, AS_OF, trace=False)]
    assert got == want


def test_warnings_reach_the_caller(policy: PolicySet) -> None:
    seen: list[tuple[int, str, str]] = []
    records = [{"org": {"open": True, "staf": 3}}, RECORDS[0], {"org": {"kind": "ministry"}}]
    results = list(evaluate_many(policy, records, AS_OF, trace=False,
                                 on_warning=lambda n, d: seen.append((n, d.code, d.message))))
    assert seen == [(1, "W401", "undeclared key `org.staf` is ignored")]
    assert [dict(r) for r in results] == [dict(govrules.decide(policy, r, AS_OF))
                                          for r in records]


def test_cli_eval_many_shows_each_kind_of_warning_once(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "pol"
    folder.mkdir()
    (folder / "p.pol").write_text(POLICY, encoding="utf-8")
    data = tmp_path / "r.csv"
    data.write_text("org.kind,org.opne\nministry,true\ndepartment,false\nministry,\n",
                    encoding="utf-8")
    assert main(["eval-many", str(folder), str(data), "--as-of", AS_OF]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 3  # the results are all there
    assert err.count("warning[W401]: undeclared key `org.opne` is ignored") == 1
    assert "did you mean `org.open`?" in err
    assert err.rstrip().endswith("2× W401: undeclared key `org.opne` is ignored")


def test_cli_eval_many_refuses_trace_as_csv(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "r.jsonl"
    data.write_text("{}\n", encoding="utf-8")
    assert main(["eval-many", str(ROOT / "policies"), str(data), "--trace",
                 "--format", "csv"]) == 2
    assert "use it with --format jsonl" in capsys.readouterr().err


def test_csv_rows_must_have_every_cell_and_an_empty_file_says_so(
        tmp_path: Path, policy: PolicySet, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.csv"
    path.write_text("org.kind,org.open\nministry\n", encoding="utf-8")
    with pytest.raises(govrules.FactsError) as err:
        list(read_csv(path, policy))
    (d,) = err.value.diagnostics
    assert (d.code, d.message) == ("E422", "row 2 has fewer cells than the header has columns")
    path.write_text("org.kind,org.systems\nministry,;\n", encoding="utf-8")
    assert list(read_csv(path, policy)) == [{"org": {"kind": "ministry", "systems": []}}]
    path.write_text("org.kind,org.open\n", encoding="utf-8")
    (tmp_path / "p.pol").write_text(POLICY, encoding="utf-8")
    assert main(["eval-many", str(tmp_path / "p.pol"), str(path), "--as-of", AS_OF]) == 0
    assert "holds no records; nothing was evaluated" in capsys.readouterr().err
