"""``govrules test``: policy tests in ``*.test.yaml`` beside the policies, and their coverage."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from govrules.cli import main
from govrules.errors import Diagnostic, GovrulesError
from govrules.testing import TestFileError, load_test_file, render_run, run_tests

POLICY = """\
source memo { title en "Memo" }
policy p {
  title en "Test policy"
  applies when agency.kind == ministry
}
enum agency_kind { ministry province }
record position { kind : text  pattern : work }
fact agency.kind : agency_kind
fact a : bool
fact b : bool
fact n : int
fact agency.positions : list of position
measure m1 must {
  cite memo: item 1
  title en "Both a and b"
  require a and b
}
measure m2 should {
  cite memo: item 2
  method 1 { cite method 1 require n >= 3 }
  method 2 { cite method 2 require a or b }
  require all methods
}
decision work {
  cite memo: item 3
  for pos in agency.positions
  chosen pos.pattern
  option on_site { cite memo: option 1 }
  option off_site { cite memo: option 2 }
  rule open may allow on_site, off_site { cite memo: item 3 }
  rule field should exclude off_site { cite memo: item 4 when pos.kind == "field" overrides open }
}
"""

FACTS = """\
agency:
  kind: ministry
  positions:
    - {kind: field, pattern: on_site}
    - {kind: desk, pattern: off_site}
a: true
n: 5
"""


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


PASSING = """\
as_of: 2024-06-01
tests:
  - name: b missing leaves m1 unknown
    facts_file: facts.yaml
    expect:
      m1: {status: unknown, missing: [b]}
      m2: compliant
      m2.m1: compliant
      "work[agency.positions[0]]":
        {status: compliant, options: {off_site: excluded, on_site: allowed}}
  - name: inline facts, Buddhist-era date
    as_of: 2567-06-01 BE
    facts: {agency: {kind: ministry}, a: true, b: false, n: 1}
    expect:
      m1: {status: non_compliant, finding: violation, basis: law}
      m2.m1: non_compliant
      m2: {status: non_compliant, finding: advisory}
  - name: a province is not addressed
    facts: {agency: {kind: province}}
    expect:
      m1: not_applicable
"""


def test_all_pass(tmp_path: Path) -> None:
    _write(tmp_path, {"p.pol": POLICY, "facts.yaml": FACTS, "p.test.yaml": PASSING})
    run = run_tests([tmp_path])
    assert (run.passed, run.failed) == (3, 0)
    assert render_run(run).splitlines()[-1] == "3 passed, 0 failed"


def test_failure_shows_expected_actual_missing_and_trace(tmp_path: Path) -> None:
    _write(tmp_path, {"p.pol": POLICY, "facts.yaml": FACTS, "f.test.yaml": """\
        as_of: 2024-06-01
        tests:
          - name: wrongly expects compliance
            facts_file: facts.yaml
            expect:
              m1: compliant
              m2.m2: {status: compliant, missing: [b]}
    """})
    run = run_tests(tmp_path)
    assert (run.passed, run.failed) == (0, 1)
    text = render_run(run)
    lines = text.splitlines()
    assert lines[0] == (f"FAIL {tmp_path / 'f.test.yaml'}:3: wrongly expects compliance: m1: "
                        "expected compliant, got unknown; missing b")
    assert "     also m2.m2: expected missing [b], got missing []" in lines
    # The trace names the exact condition and the missing fact, with file:line:column.
    assert any("? b → unknown" in ln and "p.pol:16:17" in ln for ln in lines)
    assert any(ln.strip() == "missing b" for ln in lines)
    # The deciding condition comes first, before the whole trace.
    because = lines.index("  because (m1):")
    assert lines[because + 1].startswith("    ? b → unknown  (")
    assert lines[because + 2] == "        missing b"
    assert lines[because + 3] == "  trace of m1:"
    assert any("✓ a → true" in ln for ln in lines)
    assert lines[-1] == "0 passed, 1 failed"


def test_decision_subject_that_does_not_exist_fails(tmp_path: Path) -> None:
    _write(tmp_path, {"p.pol": POLICY, "facts.yaml": FACTS, "f.test.yaml": """\
        as_of: 2024-06-01
        tests:
          - name: third position
            facts_file: facts.yaml
            expect:
              "work[agency.positions[9]]": compliant
    """})
    text = render_run(run_tests(tmp_path))
    assert "expected compliant, got no verdict" in text
    assert "work[agency.positions[0]], work[agency.positions[1]]" in text


@pytest.mark.parametrize(("body", "code", "needle"), [
    ("m11: compliant", "E603", "did you mean `m1`"),
    ("m1: complaint", "E604", "did you mean `compliant`"),
    ("m1: {stauts: compliant}", "E602", "did you mean `status`"),
    ('"work[agency.positions[0]]": {options: {offsite: allowed}}', "E604",
     "did you mean `off_site`"),
    ("m1: {status: compliant, options: {x: allowed}}", "E602", "`m1` is not a decision"),
])
def test_bad_expectations_are_input_errors(tmp_path: Path, body: str, code: str,
                                           needle: str) -> None:
    _write(tmp_path, {"p.pol": POLICY, "facts.yaml": FACTS, "f.test.yaml": f"""\
        as_of: 2024-06-01
        tests:
          - name: t
            facts_file: facts.yaml
            expect:
              {body}
    """})
    with pytest.raises(GovrulesError) as info:
        run_tests(tmp_path)
    d = info.value.diagnostics[0]
    assert d.code == code
    assert d.span.file.endswith("f.test.yaml") and d.span.line == 6
    assert needle in (d.message + " " + (d.hint or ""))


@pytest.mark.parametrize(("text", "message"), [
    ("tests: [}", "not valid YAML"),
    ("as_of: 2024-01-01\n", "a test file is a mapping with a `tests` list"),
    ("tests:\n  - name: t\n    expect: {m1: compliant}\n", "needs exactly one of `facts`"),
    ("tests:\n  - name: t\n    facts: {}\n    expect: {m1: compliant}\n", "has no `as_of`"),
    ("as_of: 2024-01-01\ntests:\n  - name: t\n    facts: {}\n", "has no `expect`"),
    ("as_of: 2024-01-01\ntest:\n  - {}\n", "a test file is a mapping"),
    ("as_of: 2024-01-01\nextra: 1\ntests:\n  - name: t\n    facts: {}\n"
     "    expect: {m1: compliant}\n", "unknown field `extra`"),
])
def test_malformed_test_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "x.test.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TestFileError) as info:
        load_test_file(path)
    assert message in info.value.diagnostics[0].message


def test_facts_errors_are_input_errors(tmp_path: Path) -> None:
    _write(tmp_path, {"p.pol": POLICY, "f.test.yaml": """\
        as_of: 2024-06-01
        tests:
          - name: t
            facts: {n: "many"}
            expect: {m1: unknown}
    """})
    with pytest.raises(GovrulesError) as info:
        run_tests(tmp_path)
    assert info.value.diagnostics[0].code.startswith("E4")


def test_no_tests_or_no_policies(tmp_path: Path) -> None:
    _write(tmp_path, {"p.pol": POLICY})
    with pytest.raises(TestFileError, match=r"test\.yaml"):
        run_tests(tmp_path)
    only = tmp_path / "only"
    _write(only, {"f.test.yaml": PASSING})
    with pytest.raises(TestFileError, match="no policy files"):
        run_tests([only / "f.test.yaml"])


def test_coverage_separates_never_true_and_never_false(tmp_path: Path) -> None:
    _write(tmp_path, {"p.pol": POLICY, "facts.yaml": FACTS, "f.test.yaml": """\
        as_of: 2024-06-01
        tests:
          - name: only one agency
            facts_file: facts.yaml
            expect: {m1: unknown}
    """})
    cov = run_tests(tmp_path).coverage
    pol = str(tmp_path / "p.pol")
    # `a` was only ever true, `n >= 3` only true, `b` never known, `a and b` never known.
    assert f"{pol}:16:11  a" in cov.never_false
    assert f"{pol}:20:36  n >= 3" in cov.never_false
    assert f"{pol}:16:17  b" in cov.never_evaluated
    assert f"{pol}:16:11  a and b" in cov.never_evaluated
    assert f"{pol}:4:16  agency.kind == ministry" in cov.never_false
    assert not cov.never_true or all("a or b" not in c for c in cov.never_true)
    assert cov.rules == ("m1",)  # unknown in the only test
    # Rule `field` fired for the first position and not for the second: covered both ways.
    assert cov.decision_rules == ()
    text = render_run(run_tests(tmp_path), coverage=True)
    assert "conditions never seen false:" in text
    assert text.splitlines()[-1] == "1 passed, 0 failed"


def test_coverage_lists_rules_never_applicable(tmp_path: Path) -> None:
    _write(tmp_path, {"p.pol": POLICY, "f.test.yaml": """\
        as_of: 2024-06-01
        tests:
          - name: a province
            facts: {agency: {kind: province}}
            expect: {m1: not_applicable}
    """})
    cov = run_tests(tmp_path).coverage
    assert set(cov.rules) == {"m1", "m2", "m2.m1", "m2.m2", "work"}
    assert "work.open  (never fired)" in cov.decision_rules


# ---------------------------------------------------------------------------- the command


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path / "ok", {"p.pol": POLICY, "facts.yaml": FACTS, "p.test.yaml": PASSING})
    assert main(["test", str(tmp_path / "ok")]) == 0
    assert capsys.readouterr().out == "3 passed, 0 failed\n"
    _write(tmp_path / "bad", {"p.pol": POLICY, "facts.yaml": FACTS, "p.test.yaml": """\
        as_of: 2024-06-01
        tests:
          - {name: t, facts_file: facts.yaml, expect: {m1: compliant}}
    """})
    assert main(["test", str(tmp_path / "bad")]) == 1
    assert capsys.readouterr().out.endswith("0 passed, 1 failed\n")
    _write(tmp_path / "typo", {"p.pol": POLICY, "facts.yaml": FACTS, "p.test.yaml": """\
        as_of: 2024-06-01
        tests:
          - {name: t, facts_file: facts.yaml, expect: {m3: compliant}}
    """})
    assert main(["test", str(tmp_path / "typo")]) == 2
    err = capsys.readouterr().err
    assert "p.test.yaml:3:48: error[E603]: no rule `m3` in the policy set" in err
    assert "\n  |" + " " * 48 + "^^\n" in err
    assert "did you mean" in err


def test_cli_coverage_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path, {"p.pol": POLICY, "facts.yaml": FACTS, "p.test.yaml": PASSING})
    assert main(["test", "--coverage", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "coverage:" in out and "conditions never seen true:" in out


def test_shipped_policy_tests_pass_from_a_process() -> None:
    root = Path(__file__).resolve().parents[1]
    if not list(root.joinpath("policies").rglob("*.test.yaml")):
        pytest.skip("no policy tests in policies/ yet")
    proc = subprocess.run([sys.executable, "-m", "govrules", "test", str(root / "policies")],
                          capture_output=True, text=True, check=False, cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.splitlines()[-1].endswith(" 0 failed")


def test_test_files_refuse_yaml_aliases(tmp_path: Path) -> None:
    """An alias bomb in a test file is a test-file error, never an expansion."""
    from govrules.testing import TestFileError, load_test_file

    f = tmp_path / "bomb.test.yaml"
    f.write_text("as_of: 2024-06-01\ntests:\n  - &t {name: a, facts: {}, expect: {m: compliant}}\n"
                 "  - *t\n", encoding="utf-8")
    with pytest.raises(TestFileError) as err:
        load_test_file(f)
    assert "aliases are not allowed" in err.value.diagnostics[0].message


def _same_lined(a: object, b: object, where: str) -> None:
    assert type(a) is type(b) and a == b, where
    if isinstance(a, dict):
        for attr in ("line", "pos", "key_pos", "value_pos"):
            assert getattr(a, attr, None) == getattr(b, attr, None), f"{where}: {attr}"
        for key in a:
            _same_lined(a[key], b[key], f"{where}.{key}")  # type: ignore[index]
    elif isinstance(a, list):
        for attr in ("pos", "item_pos"):
            assert getattr(a, attr, None) == getattr(b, attr, None), f"{where}: {attr}"
        for n, (x, y) in enumerate(zip(a, b, strict=True)):  # type: ignore[call-overload]
            _same_lined(x, y, f"{where}[{n}]")


def test_libyaml_reads_test_files_as_the_python_parser_does() -> None:
    """Test files without `*` are read by libyaml: same data, lines and columns."""
    import yaml

    from govrules.testing import _FastLinedLoader, _LinedLoader, _load_yaml

    if _FastLinedLoader is None:
        pytest.skip("PyYAML without libyaml")
    root = Path(__file__).resolve().parent.parent
    files = sorted(p for p in root.rglob("*.test.yaml") if ".venv" not in p.parts)
    assert len(files) >= 5
    extra = 'tests:\n  - name: "ชื่อ ไทย"\n    facts: {agency: {kind: x}}\n    expect: {m: unknown}\n'
    for text, where in [*((p.read_text(encoding="utf-8"), str(p)) for p in files),
                        (extra, "thai before a key")]:
        _same_lined(yaml.load(text, Loader=_LinedLoader), _load_yaml(text), where)


def test_a_star_in_a_text_is_not_an_alias(tmp_path: Path) -> None:
    from govrules.testing import _load_yaml

    assert _load_yaml('tests:\n  - name: "a * b"\n')["tests"][0]["name"] == "a * b"


def test_yaml_errors_read_the_same_whichever_parser(tmp_path: Path) -> None:
    f = tmp_path / "broken.test.yaml"
    f.write_text("tests:\n  - name: a\n   facts: {}\n", encoding="utf-8")
    with pytest.raises(TestFileError) as err:
        load_test_file(f)
    (diag,) = err.value.diagnostics
    assert diag.code == "E601" and diag.span.line == 3
    assert diag.message.startswith("test file is not valid YAML: ")


# ---------------------------------------------------------------------------- where errors are


def _raised(tmp_path: Path, test_text: str, **files: str) -> list[Diagnostic]:
    """The diagnostics of running ``x.test.yaml`` (and ``files``) beside the test policy."""
    _write(tmp_path, {"p.pol": POLICY, "x.test.yaml": test_text, **files})
    with pytest.raises(GovrulesError) as info:
        run_tests(tmp_path)
    return list(info.value.diagnostics)


def _at(d: Diagnostic) -> tuple[str, int, int, int, int]:
    """File, line, column, end line and end column of a diagnostic."""
    span = d.span
    return (span.file, span.line, span.column, span.end_line, span.end_column)


def test_bad_as_of_points_at_the_date(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    found = _raised(tmp_path, """\
        as_of: yesterday
        tests:
          - name: inherits the bad date
            facts: {a: true}
            expect: {m1: unknown}
          - name: its own bad date
            as_of: 2024-06-31
            facts: {a: true}
            expect: {m1: unknown}
          - name: a Buddhist-era date that does not exist
            as_of: "2567-02-30 BE"
            facts: {a: true}
            expect: {m1: unknown}
    """)
    test_file = str(tmp_path / "x.test.yaml")
    assert [(d.code, _at(d)) for d in found] == [
        ("E409", (test_file, 1, 8, 1, 17)),     # once, where the file's date is written
        ("E409", (test_file, 7, 12, 7, 22)),    # (YAML's own date type would have crashed)
        ("E409", (test_file, 11, 12, 11, 27)),  # a quoted value: the quotes are underlined
    ]
    assert found[0].message == ("invalid `as_of` date: `yesterday` is not a date of the form "
                                "YYYY-MM-DD [BE|CE]")
    assert found[1].message.startswith("invalid `as_of` date: `2024-06-31` is not a valid date")
    assert found[0].hint == "write YYYY-MM-DD, or YYYY-MM-DD BE"
    assert main(["test", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "<as_of>" not in err
    assert f"{test_file}:7:12: error[E409]" in err
    assert "7 |     as_of: 2024-06-31\n  |            ^^^^^^^^^^\n" in err


def test_missing_facts_file_names_the_test(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    found = _raised(tmp_path, """\
        as_of: 2024-06-01
        tests:
          - name: first
            facts: {a: true}
            expect: {m1: unknown}
          - name: reads a file that is not there
            facts_file: nope.yaml
            expect: {m1: unknown}
          - name: reads it again
            facts_file: nope.yaml
            expect: {m1: unknown}
    """)
    test_file = str(tmp_path / "x.test.yaml")
    (d,) = found  # the file is reported once, for the first test that names it
    assert d.code == "E402"
    assert d.message == f"facts file `{tmp_path / 'nope.yaml'}` does not exist"
    assert _at(d) == (test_file, 7, 17, 7, 26)
    assert d.hint == f"named by `facts_file` of test `reads a file that is not there` at " \
                     f"{test_file}:6"
    assert main(["test", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{test_file}:7:17: error[E402]: facts file ")
    assert "7 |     facts_file: nope.yaml\n  |                 ^^^^^^^^^\n" in err


def test_errors_inside_a_facts_file_stay_in_it(tmp_path: Path) -> None:
    found = _raised(tmp_path, """\
        as_of: 2024-06-01
        tests:
          - {name: t, facts_file: facts.yaml, expect: {m1: unknown}}
    """, **{"facts.yaml": "n: many\n"})
    (d,) = found
    assert d.code == "E412"
    assert _at(d) == (str(tmp_path / "facts.yaml"), 1, 4, 1, 8)
    assert d.hint is None


def test_facts_file_that_is_not_a_name(tmp_path: Path) -> None:
    (d,) = _raised(tmp_path, """\
        as_of: 2024-06-01
        tests:
          - {name: t, facts_file: 5, expect: {m1: unknown}}
    """)
    assert d.code == "E602" and d.message == "`facts_file` of test `t` is not a file name"
    assert _at(d) == (str(tmp_path / "x.test.yaml"), 3, 27, 3, 28)


def test_bad_inline_facts_point_into_the_test_file(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    text = """\
        as_of: 2024-06-01
        tests:
          - name: flow style
            facts: {n: "many", agency: {kind: minstry}}
            expect: {m1: unknown}
          - name: block style
            facts:
              agency:
                kind: ministry
                positions:
                  - {kind: desk, pattern: 5}
              b: [true]
            expect: {m1: unknown}
    """
    found = _raised(tmp_path, text)
    test_file = str(tmp_path / "x.test.yaml")
    assert [(d.code, _at(d)) for d in found] == [
        ("E412", (test_file, 4, 16, 4, 22)),   # "many", quotes included
        ("E413", (test_file, 4, 39, 4, 46)),   # minstry
        ("E412", (test_file, 11, 35, 11, 36)),  # pattern: 5
        ("E412", (test_file, 12, 10, 12, 16)),  # [true]
    ]
    assert found[0].message == 'expected int at `n`, found text `"many"`'
    assert found[2].message == "expected work at `agency.positions[0].pattern`, found int `5`"
    assert main(["test", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert " facts: error" not in err
    assert "4 |     facts: {n: \"many\", agency: {kind: minstry}}\n" \
           "  |                                       ^^^^^^^\n" in err


def test_inline_facts_warnings_and_reads_point_into_the_test_file(tmp_path: Path) -> None:
    _write(tmp_path, {"p.pol": POLICY, "x.test.yaml": """\
        as_of: 2024-06-01
        tests:
          - name: t
            facts:
              agency: {kind: ministry, staff: 3}
              a: true
            expect: {m1: compliant}
    """})
    test_file = str(tmp_path / "x.test.yaml")
    (result,) = run_tests(tmp_path).results
    (warning,) = result.report.warnings
    assert warning.code == "W401" and warning.message == "undeclared key `agency.staff` is ignored"
    assert _at(warning) == (test_file, 5, 32, 5, 37)
    assert result.report.facts_source == f"{test_file}:3 facts"
    text = render_run(run_tests(tmp_path))
    assert f"read a = true  @ {test_file}:6:10" in text
    assert f"read agency.kind = ministry  @ {test_file}:5:22" in text


def test_unknown_values_are_underlined_where_they_are(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    found = _raised(tmp_path, """\
        as_of: 2024-06-01
        tests:
          - name: t
            facts: {a: true}
            expect:
              m1: {status: unknown, finding: violaton}
              m2:
                status: compliant
                basis: lw
              m2.m1: complaint
              "work[agency.positions[0]]": {options: {off_site: allowd}}
    """)
    test_file = str(tmp_path / "x.test.yaml")
    assert [(d.code, d.message, _at(d)) for d in found] == [
        ("E604", "unknown finding `violaton`", (test_file, 6, 38, 6, 46)),
        ("E604", "unknown basis `lw`", (test_file, 9, 16, 9, 18)),
        ("E604", "unknown status `complaint`", (test_file, 10, 14, 10, 23)),
        ("E604", "unknown option outcome `allowd`", (test_file, 11, 57, 11, 63)),
    ]
    assert main(["test", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "6 |       m1: {status: unknown, finding: violaton}\n" \
           "  |                                      ^^^^^^^^\n" in err


def test_options_a_decision_lacks_are_underlined(tmp_path: Path) -> None:
    found = _raised(tmp_path, """\
        as_of: 2024-06-01
        tests:
          - name: u
            facts: {a: true}
            expect:
              "work[agency.positions[0]]": {options: {offsite: allowed}}
              m1: {status: compliant, options: {x: allowed}}
    """)
    test_file = str(tmp_path / "x.test.yaml")
    assert [(d.code, d.message, _at(d)) for d in found] == [
        ("E604", "decision `work` has no option `offsite`", (test_file, 6, 47, 6, 54)),
        ("E602", "`m1` is not a decision and has no options", (test_file, 7, 31, 7, 38)),
    ]


def test_test_file_shape_errors_point_at_the_test(tmp_path: Path) -> None:
    path = tmp_path / "x.test.yaml"
    path.write_text("as_of: 2024-06-01\nextra: 1\ntests:\n  - 5\n  - facts: {}\n"
                    "    expect: 3\n", encoding="utf-8")
    with pytest.raises(TestFileError) as info:
        load_test_file(path)
    assert [(d.message, _at(d)) for d in info.value.diagnostics] == [
        ("unknown field `extra`", (str(path), 2, 1, 2, 6)),
        ("test 1 is not a mapping", (str(path), 4, 5, 4, 6)),
        ("test 2 has no `name`", (str(path), 5, 5, 6, 14)),
        ("test `test 2` has no `expect` mapping", (str(path), 6, 13, 6, 14)),
    ]


@pytest.mark.parametrize(("value", "read_as"), [("010", "8 (octal)"), ("1:30", "90 (base 60)")])
def test_inline_facts_refuse_yaml_1_1_numbers(tmp_path: Path, value: str, read_as: str) -> None:
    (tmp_path / "p.pol").write_text(
        'source d { title en "D" }\npolicy p { }\nfact n : int\n'
        'measure m must { cite d: item 1 require n == 10 }\n', encoding="utf-8")
    (tmp_path / "x.test.yaml").write_text(
        f"as_of: 2024-06-01\ntests:\n  - name: t\n    facts: {{n: {value}}}\n"
        "    expect: {m: compliant}\n", encoding="utf-8")
    with pytest.raises(GovrulesError) as info:
        run_tests(tmp_path)
    [d] = info.value.diagnostics
    assert (d.code, d.span.line, d.span.column) == ("E601", 4, 16)
    assert f"YAML 1.1 reads it as {read_as}" in d.message


@pytest.mark.parametrize(("value", "tag"), [("!!bool maybe", "!!bool"), ('!!int ""', "!!int"),
                                            ('!!float ""', "!!float"),
                                            ("!!timestamp abc", "!!timestamp")])
def test_inline_facts_with_a_tag_they_do_not_fit(tmp_path: Path, value: str, tag: str) -> None:
    (tmp_path / "p.pol").write_text(
        'source d { title en "D" }\npolicy p { }\nfact n : bool\n'
        'measure m must { cite d: item 1 require n }\n', encoding="utf-8")
    (tmp_path / "x.test.yaml").write_text(
        f"as_of: 2024-06-01\ntests:\n  - name: t\n    facts: {{n: {value}}}\n"
        "    expect: {m: compliant}\n", encoding="utf-8")
    with pytest.raises(GovrulesError) as info:  # not an internal error
        run_tests(tmp_path)
    [d] = info.value.diagnostics
    assert (d.code, d.span.line, d.span.column) == ("E601", 4, 16)
    assert f"invalid `{tag}` value" in d.message


@pytest.mark.parametrize(("as_of", "ok"), [
    ("2567-06-01", False), ('"2567-06-01"', False), ("2024-06-01 BE", False),
    ("2567-06-01 BE", True), ("2567-06-01 CE", True), ("2024-06-01", True)])
def test_an_as_of_probably_in_the_other_era_is_an_error(tmp_path: Path, as_of: str,
                                                        ok: bool) -> None:
    # every verdict of the test would be judged centuries off, quietly
    path = tmp_path / "x.test.yaml"
    path.write_text(f"tests:\n  - name: t\n    as_of: {as_of}\n    facts: {{}}\n"
                    "    expect: {m: compliant}\n", encoding="utf-8")
    if ok:
        load_test_file(path)
        return
    with pytest.raises(TestFileError) as info:
        load_test_file(path)
    [d] = info.value.diagnostics
    assert (d.code, d.span.line, d.span.column) == ("E409", 3, 12)
    assert d.message.startswith("`as_of` date in doubt: ")


def test_a_decision_subject_named_by_its_label(tmp_path: Path) -> None:
    policy = POLICY.replace("record position { kind : text  pattern : work }",
                            "record position { id : text  kind : text  pattern : work }")
    _write(tmp_path, {"p.pol": policy, "f.test.yaml": """\
        as_of: 2024-06-01
        tests:
          - name: by label, as reports show it
            facts:
              agency:
                kind: ministry
                positions:
                  - {id: P-1, kind: field, pattern: off_site}
                  - {id: P-2, kind: desk, pattern: off_site}
                  - {id: P-2, kind: field, pattern: off_site}
            expect:
              "work[P-1]": non_compliant
              "work[agency.positions[1]]": compliant
              "work[P-2]": compliant
    """})
    run = run_tests(tmp_path)
    text = render_run(run)
    assert "work[P-1]" not in text  # found by its label, and passed
    assert "work[P-2]: expected compliant, got no verdict" in text  # two subjects: not guessed
