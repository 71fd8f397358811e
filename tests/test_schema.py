"""`govrules schema`: the JSON Schema of the declared facts accepts what govrules accepts, and
rejects what govrules rejects for a type error (checked with the `jsonschema` package)."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import govrules
from govrules.cli import main
from govrules.errors import FactsError
from govrules.schema import facts_schema, schema_json

ROOT = Path(__file__).parent.parent
CASES = Path(__file__).parent / "cases"
GOLDEN = Path(__file__).parent / "golden" / "schema"


def _plain(value: object) -> object:
    """Data as a JSON document would carry it: YAML and TOML dates become ISO strings (an
    editor's YAML language server sees an unquoted date as a string, too)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _read(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.loads(text)
    if path.suffix == ".toml":
        return _plain(tomllib.loads(text))
    return _plain(yaml.safe_load(text))


def _fact_files() -> list[tuple[Path, Path]]:
    """(policies, facts) pairs: the examples against the shipped policies, and every case."""
    pairs = [(ROOT / "policies", p) for p in sorted((ROOT / "examples").glob("*.yaml"))]
    for case in sorted(p for p in CASES.iterdir() if (p / "case.yaml").is_file()):
        spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
        if "error" in spec:
            continue
        policies = (case / spec.get("policies", "policy.pol")).resolve()
        for facts in sorted(case.glob("facts*")):
            pairs.append((policies, facts))
    return pairs


_SCHEMAS: dict[Path, dict[str, Any]] = {}


def _schema(policies: Path) -> dict[str, Any]:
    if policies not in _SCHEMAS:
        _SCHEMAS[policies] = facts_schema(govrules.load(policies))
    return _SCHEMAS[policies]


def test_schema_is_valid_draft_2020_12() -> None:
    schema = _schema(ROOT / "policies")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize(("policies", "facts"), _fact_files(),
                         ids=lambda p: p.parent.name + "/" + p.name if p.is_file() else "")
def test_example_facts_validate(policies: Path, facts: Path) -> None:
    govrules.evaluate(policies, facts, as_of="2024-06-01")  # govrules accepts it ...
    jsonschema.validate(_read(facts), _schema(policies),  # ... and so does the schema
                        cls=jsonschema.Draft202012Validator)


_POLICY = """
source d { title en "D" }
policy p { title en "P" }
enum colour { red th "แดง" en "red"  green th "เขียว" en "green" }
record item { id : text  size : decimal  when : date }
fact x.flag : bool
  th "ธง"
  en "A flag"
fact x.count : int
fact x.amount : decimal
fact x.day : date
fact x.colours : set of colour
fact x.colour : colour
fact x.items : list of item
measure m must { cite d: item 1  require x.flag }
"""


@pytest.fixture(scope="module")
def small() -> tuple[govrules.PolicySet, dict[str, Any]]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.pol"
        path.write_text(_POLICY, encoding="utf-8")
        ps = govrules.load(path)
    return ps, facts_schema(ps)


def _govrules_accepts(ps: govrules.PolicySet, data: dict[str, Any]) -> bool:
    from govrules.facts import facts_from_mapping

    try:
        facts_from_mapping(data, ps.facts, "<test>")
    except FactsError:
        return False
    return True


def _schema_accepts(schema: dict[str, Any], data: dict[str, Any]) -> bool:
    return jsonschema.Draft202012Validator(schema).is_valid(data)


GOOD = [
    {"x": {"flag": True, "count": 3, "amount": 12.5, "day": "2024-06-01"}},
    {"x": {"amount": "1250.50", "day": "2567-06-01 BE"}},
    {"x": {"day": "๒๕๖๗-๐๖-๐๑ พ.ศ."}},
    {"x": {"colours": ["red", "green"], "colour": "green"}},
    {"x": {"items": [{"id": "a", "size": "1.5", "when": "2024-01-31"}, {"id": "b"}]}},
    {"x": {"flag": None, "items": [{"id": None}]}},  # null is missing, not an error
    {"x": None},
    {"x": {"flag": True, "undeclared": 1}, "other": "warned about, not refused"},
    {},
]

BAD = [
    {"x": {"flag": "yes"}},  # E412: a string for a bool
    {"x": {"count": "3"}},  # E412: a string for an int
    {"x": {"count": 10**19}},  # E414: out of range
    {"x": {"amount": "12,5"}},  # E412: not a number
    {"x": {"day": "01/06/2024"}},  # E416: not a date
    {"x": {"colour": "blue"}},  # E413: not a value of the enum
    {"x": {"colours": "red"}},  # E412: not a list
    {"x": {"items": [{"size": "big"}]}},  # E412 inside a record
    {"x": {"items": {"id": "a"}}},  # E412: a record where a list goes
    {"x": 5},  # E411: not a mapping
]


@pytest.mark.parametrize("data", GOOD, ids=lambda d: json.dumps(d, ensure_ascii=False)[:40])
def test_schema_accepts_what_govrules_accepts(small: Any, data: dict[str, Any]) -> None:
    ps, schema = small
    assert _govrules_accepts(ps, data)
    assert _schema_accepts(schema, data)


@pytest.mark.parametrize("data", BAD, ids=lambda d: json.dumps(d, ensure_ascii=False)[:40])
def test_schema_rejects_what_govrules_rejects(small: Any, data: dict[str, Any]) -> None:
    ps, schema = small
    assert not _govrules_accepts(ps, data)
    assert not _schema_accepts(schema, data)


def test_rejected_file_is_rejected_by_both(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("agency:\n  kind: government_agency\ndisclosure:\n"
                   "  disclosable_data_determined: \"yes\"\n", encoding="utf-8")
    with pytest.raises(FactsError) as err:
        govrules.evaluate(ROOT / "policies", bad, as_of="2024-06-01")
    assert [d.code for d in err.value.diagnostics] == ["E412"]
    errors = list(jsonschema.Draft202012Validator(_schema(ROOT / "policies")).iter_errors(
        _read(bad)))
    assert errors
    assert list(errors[0].absolute_path) == ["disclosure", "disclosable_data_determined"]


def test_labels_and_descriptions(small: Any) -> None:
    _, schema = small
    flag = schema["properties"]["x"]["properties"]["flag"]
    assert flag["description"] == "A flag"
    assert flag["x-description-th"] == "ธง"
    assert flag["x-fact"] == "x.flag"
    colour = schema["$defs"]["colour"]
    assert colour["enum"] == ["red", "green"]
    assert {"const": "green", "title": "green", "x-title-th": "เขียว"} in colour["oneOf"]
    assert colour["x-labels"]["red"] == {"en": "red", "th": "แดง"}
    assert schema["properties"]["x"]["properties"]["colours"]["anyOf"][0]["uniqueItems"] is True
    assert schema["additionalProperties"] is True


def test_golden_and_deterministic(golden: Callable[[Path, str], None],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    ps = govrules.load("tests/fixtures/render/policy.pol")
    text = schema_json(ps)
    assert text == schema_json(govrules.load("tests/fixtures/render/policy.pol"))
    golden(GOLDEN / "render_fixture.json", text)


def test_cli_schema(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["schema", str(ROOT / "policies")]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == _schema(ROOT / "policies")
    out = tmp_path / "facts.schema.json"
    assert main(["schema", str(ROOT / "policies"), "--output", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == printed


def test_cli_schema_bad_policies(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.pol"
    bad.write_text("fact x : nosuchtype\n", encoding="utf-8")
    assert main(["schema", str(bad)]) == 2
    assert "error[" in capsys.readouterr().err
