"""Tests for reading and validating facts files (govrules.facts)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import random
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from govrules import facts as facts_module
from govrules.errors import Diagnostic, FactsError, Severity
from govrules.facts import (
    MAX_FILE_BYTES,
    MISSING,
    Facts,
    facts_from_mapping,
    load_facts,
)
from govrules.facttypes import (
    BOOL,
    DATE,
    DECIMAL,
    INT,
    TEXT,
    EnumType,
    FactDecl,
    ListType,
    RecordType,
    SetType,
)

AGENCY_KIND = EnumType("agency_kind", ("government_agency", "province", "public_organization"))
ROLE = EnumType("role", ("director", "deputy", "officer"))
POSITION = RecordType("position", (("id", TEXT), ("kind", ROLE), ("start", DATE)))

DECLS = {
    decl.name: decl
    for decl in (
        FactDecl("agency.kind", AGENCY_KIND),
        FactDecl("agency.name", TEXT),
        FactDecl("agency.staff_count", INT),
        FactDecl("agency.budget", DECIMAL),
        FactDecl("agency.founded", DATE),
        FactDecl("agency.audited", BOOL),
        FactDecl("agency.roles", SetType(ROLE)),
        FactDecl("agency.positions", ListType(POSITION)),
        FactDecl("year", INT),
    )
}

# The same facts in the three formats; line numbers matter to the location tests.
GOOD = {
    "yaml": """\
agency:
  kind: province
  name: สำนักงานจังหวัด
  staff_count: 120
  budget: 1500000.25
  founded: "2561-03-01 BE"
  audited: true
  roles: [director, officer]
  positions:
    - id: p1
      kind: director
      start: 2018-03-01
    - id: p2
      kind: officer
year: 2024
""",
    "json": """\
{
  "agency": {
    "kind": "province",
    "name": "สำนักงานจังหวัด",
    "staff_count": 120,
    "budget": 1500000.25,
    "founded": "2561-03-01 BE",
    "audited": true,
    "roles": ["director", "officer"],
    "positions": [
      {"id": "p1", "kind": "director", "start": "2018-03-01"},
      {"id": "p2", "kind": "officer"}
    ]
  },
  "year": 2024
}
""",
    "toml": """\
year = 2024

[agency]
kind = "province"
name = "สำนักงานจังหวัด"
staff_count = 120
budget = 1500000.25
founded = "2561-03-01 BE"
audited = true
roles = ["director", "officer"]

[[agency.positions]]
id = "p1"
kind = "director"
start = 2018-03-01

[[agency.positions]]
id = "p2"
kind = "officer"
""",
}

# Where `agency.staff_count` is in each GOOD text (line, column).
STAFF_COUNT_AT = {"yaml": (4, 16), "json": (5, 20), "toml": (6, 15)}

EXPECTED_VALUES = {
    "agency.kind": "province",
    "agency.name": "สำนักงานจังหวัด",
    "agency.staff_count": 120,
    "agency.budget": Decimal("1500000.25"),
    "agency.founded": dt.date(2018, 3, 1),
    "agency.audited": True,
    "agency.roles": frozenset({"director", "officer"}),
    "agency.positions": (
        {"id": "p1", "kind": "director", "start": dt.date(2018, 3, 1)},
        {"id": "p2", "kind": "officer"},
    ),
    "year": 2024,
}


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    """Write ``content`` exactly as given (no newline translation)."""
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def load_text(tmp_path: Path, fmt: str, text: str) -> Facts:
    return load_facts(write(tmp_path, f"facts.{fmt}", text), DECLS)


def errors_of(path: Path) -> list[Diagnostic]:
    """The diagnostics of a facts file that must fail to load."""
    with pytest.raises(FactsError) as info:
        load_facts(path, DECLS)
    diagnostics = info.value.diagnostics
    assert diagnostics and diagnostics[0].is_error  # errors come first
    return list(diagnostics)


def codes(diagnostics: list[Diagnostic]) -> list[str]:
    return [d.code for d in diagnostics]


@pytest.fixture(params=["libyaml", "pure-python"])
def yaml_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run a YAML test with libyaml's parser and again with PyYAML's pure-Python one."""
    if request.param == "pure-python":
        monkeypatch.setattr(facts_module, "_YamlLoader", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):  # pragma: no cover
        pytest.skip("PyYAML without libyaml")
    yield request.param


# ---------------------------------------------------------------------------------------------
# Good files
# ---------------------------------------------------------------------------------------------


class TestGoodFiles:
    @pytest.mark.parametrize("fmt", ["yaml", "yml", "json", "toml"])
    def test_values_have_the_documented_representation(self, tmp_path: Path, fmt: str) -> None:
        facts = load_text(tmp_path, fmt, GOOD["yaml" if fmt == "yml" else fmt])
        assert dict(facts.values) == EXPECTED_VALUES
        assert type(facts.get("agency.staff_count")) is int
        assert isinstance(facts.get("agency.budget"), Decimal)
        assert isinstance(facts.get("agency.roles"), frozenset)
        positions = facts.get("agency.positions")
        assert isinstance(positions, tuple)
        assert "start" not in positions[1]  # a missing record field is absent, not an error
        assert facts.warnings == ()
        assert facts.source.endswith(f"facts.{fmt}")

    def test_same_facts_give_the_same_hash_in_every_format(self, tmp_path: Path) -> None:
        loaded = [load_text(tmp_path, fmt, GOOD[fmt]) for fmt in ("yaml", "json", "toml")]
        assert len({f.sha256 for f in loaded}) == 1
        assert len({f.to_canonical_json() for f in loaded}) == 1

    def test_canonical_json(self) -> None:
        facts = facts_from_mapping(
            {"agency": {"kind": "province", "budget": 0.1, "roles": ["officer", "director"],
                        "founded": "2561-03-01 BE"}, "year": 2024},
            DECLS,
        )
        assert facts.to_canonical_json() == (
            '{"agency":{"budget":"0.1","founded":"2018-03-01","kind":"province",'
            '"roles":["director","officer"]},"year":2024}'
        )
        import hashlib

        assert facts.sha256 == hashlib.sha256(facts.to_canonical_json().encode()).hexdigest()

    def test_hash_changes_with_the_facts(self) -> None:
        one = facts_from_mapping({"year": 2024}, DECLS)
        two = facts_from_mapping({"year": 2025}, DECLS)
        assert one.sha256 != two.sha256

    @pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
    @pytest.mark.parametrize("variant", ["bom", "crlf", "bom+crlf"])
    def test_bom_and_crlf_simply_work(self, tmp_path: Path, fmt: str, variant: str) -> None:
        text = GOOD[fmt]
        if "crlf" in variant:
            text = text.replace("\n", "\r\n")
        if "bom" in variant:
            text = "\ufeff" + text
        facts = load_text(tmp_path, fmt, text)
        assert dict(facts.values) == EXPECTED_VALUES
        span = facts.location("agency.staff_count")
        assert span is not None
        assert (span.line, span.column) == STAFF_COUNT_AT[fmt]

    @pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
    def test_locations(self, tmp_path: Path, fmt: str) -> None:
        facts = load_text(tmp_path, fmt, GOOD[fmt])
        span = facts.location("agency.staff_count")
        assert span is not None
        assert (span.line, span.column) == STAFF_COUNT_AT[fmt]
        assert span.end_column == span.column + 3  # `120`
        assert span.file == str(tmp_path / f"facts.{fmt}")
        kind = facts.location("agency.positions[1].kind")
        assert kind is not None
        assert kind.line == {"yaml": 14, "json": 12, "toml": 19}[fmt]
        # an unknown inner path falls back to the nearest enclosing value
        inner = facts.location("agency.positions[1].nowhere")
        assert inner is not None
        assert inner.line <= kind.line
        assert facts.location("nowhere") is None

    def test_toml_inline_tables_have_locations(self, tmp_path: Path) -> None:
        text = 'agency = { kind = "province", positions = [{ id = "p1", kind = "officer" }] }\n'
        facts = load_text(tmp_path, "toml", text)
        span = facts.location("agency.positions[0].kind")
        assert span is not None
        assert (span.line, span.column) == (1, text.index('"officer"') + 1)
        assert span.end_column == span.column + len('"officer"')

    def test_missing_and_null_facts_are_absent(self, tmp_path: Path) -> None:
        facts = load_text(tmp_path, "yaml", "agency:\n  kind: null\n  name: ~\nyear:\n")
        assert dict(facts.values) == {}
        assert facts.get("agency.kind") is MISSING
        assert facts.get("agency.staff_count") is MISSING
        assert repr(MISSING) == "MISSING"
        assert facts.warnings == ()

    def test_null_mapping_means_its_facts_are_missing(self, tmp_path: Path) -> None:
        facts = load_text(tmp_path, "json", '{"agency": null, "year": 1}')
        assert dict(facts.values) == {"year": 1}

    def test_null_record_field_is_absent(self, tmp_path: Path) -> None:
        facts = load_text(tmp_path, "json",
                          '{"agency": {"positions": [{"id": "p1", "kind": null}]}}')
        assert facts.get("agency.positions") == ({"id": "p1"},)

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("1500000.25", Decimal("1500000.25")),
            ('"1500000.25"', Decimal("1500000.25")),
            ("7", Decimal("7")),
            ("0.1", Decimal("0.1")),
            ("-3.5", Decimal("-3.5")),
        ],
    )
    def test_decimal_inputs(self, tmp_path: Path, value: str, expected: Decimal) -> None:
        facts = load_text(tmp_path, "json", f'{{"agency": {{"budget": {value}}}}}')
        assert facts.get("agency.budget") == expected

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("2018-03-01", dt.date(2018, 3, 1)),  # a YAML date
            ('"2018-03-01"', dt.date(2018, 3, 1)),
            ('"2561-03-01 BE"', dt.date(2018, 3, 1)),
            ('"2018-03-01 CE"', dt.date(2018, 3, 1)),
            ('"2561-3-1 BE"', dt.date(2018, 3, 1)),
        ],
    )
    def test_date_inputs(self, tmp_path: Path, value: str, expected: dt.date) -> None:
        facts = load_text(tmp_path, "yaml", f"agency:\n  founded: {value}\n")
        assert facts.get("agency.founded") == expected

    def test_yaml_1_1_booleans_are_refused_true_and_false_are_read(self, tmp_path: Path
                                                                    ) -> None:
        # YAML 1.1 reads `yes`/`no`/`on`/`off` as booleans, YAML 1.2 as texts: say which
        for word, value in (("yes", "true"), ("No", "false"), ("ON", "true"), ("off", "false")):
            (d,) = errors_of(write(tmp_path, "f.yaml", f"agency:\n  audited: {word}\n"))
            assert (d.code, d.span.line, d.span.column) == ("E417", 2, 12)
            assert d.message == (f"ambiguous boolean `{word}`: YAML 1.1 reads it as {value}, "
                                 "YAML 1.2 as a text")
        assert load_text(tmp_path, "yaml", "agency:\n  audited: True\n").get("agency.audited")
        assert load_text(tmp_path, "yaml", 'agency:\n  name: "no"\n').get("agency.name") == "no"

    def test_a_file_that_loads_is_frozen(self, tmp_path: Path) -> None:
        facts = load_text(tmp_path, "yaml", GOOD["yaml"])
        with pytest.raises(TypeError):
            facts.values["year"] = 1  # type: ignore[index]
        positions = facts.get("agency.positions")
        assert isinstance(positions, tuple)
        with pytest.raises(TypeError):
            positions[0]["id"] = "x"


# ---------------------------------------------------------------------------------------------
# Warnings
# ---------------------------------------------------------------------------------------------


class TestWarnings:
    def test_undeclared_key_with_did_you_mean(self, tmp_path: Path) -> None:
        facts = load_text(tmp_path, "yaml", "agency:\n  knd: province\n  staf_count: 3\n")
        assert codes(list(facts.warnings)) == ["W401", "W401"]
        first = facts.warnings[0]
        assert first.severity is Severity.WARNING
        assert "`agency.knd`" in first.message
        assert first.hint == "did you mean `agency.kind`?"
        assert (first.span.line, first.span.column) == (2, 3)
        assert facts.warnings[1].hint == "did you mean `agency.staff_count`?"

    def test_undeclared_top_level_key_and_subtree(self, tmp_path: Path) -> None:
        facts = load_text(tmp_path, "json", '{"agencyy": {"kind": "x"}, "extra": [1, 2]}')
        assert codes(list(facts.warnings)) == ["W401", "W401"]
        assert facts.warnings[0].hint == "did you mean `agency`?"

    def test_flat_dotted_key_explains_nesting(self, tmp_path: Path) -> None:
        facts = load_text(tmp_path, "json", '{"agency.kind": "province"}')
        assert facts.get("agency.kind") is MISSING
        (warning,) = facts.warnings
        assert warning.code == "W401"
        assert warning.hint is not None and "nested mappings" in warning.hint

    def test_undeclared_record_field(self, tmp_path: Path) -> None:
        facts = load_text(tmp_path, "yaml",
                          "agency:\n  positions:\n    - id: p1\n      knd: officer\n")
        (warning,) = facts.warnings
        assert warning.code == "W401"
        assert "`agency.positions[0].knd`" in warning.message
        assert warning.hint == "did you mean `agency.positions[0].kind`?"
        assert warning.span.line == 4
        assert facts.get("agency.positions") == ({"id": "p1"},)

    def test_duplicate_set_element(self, tmp_path: Path) -> None:
        facts = load_text(tmp_path, "yaml", "agency:\n  roles: [officer, director, officer]\n")
        assert facts.get("agency.roles") == frozenset({"officer", "director"})
        (warning,) = facts.warnings
        assert warning.code == "W402"
        assert "`agency.roles`" in warning.message
        assert (warning.span.line, warning.span.column) == (2, 30)

    @pytest.mark.parametrize("fact", ["roles", "positions"])
    def test_null_element_makes_the_fact_unknown(self, tmp_path: Path, fact: str) -> None:
        element = '"officer"' if fact == "roles" else '{"id": "p1"}'
        facts = load_text(tmp_path, "json", f'{{"agency": {{"{fact}": [{element}, null]}}}}')
        assert facts.get(f"agency.{fact}") is MISSING
        (warning,) = facts.warnings
        assert warning.code == "W403"
        assert f"`agency.{fact}`" in warning.message

    def test_buddhist_looking_year_without_era(self, tmp_path: Path) -> None:
        facts = load_text(tmp_path, "yaml", "agency:\n  founded: 2561-03-01\n")
        assert facts.get("agency.founded") == dt.date(2561, 3, 1)
        (warning,) = facts.warnings
        assert warning.code == "W404"
        assert warning.hint is not None and "2561-03-01 BE" in warning.hint

    def test_common_era_year_marked_be(self, tmp_path: Path) -> None:
        facts = load_text(tmp_path, "yaml", 'agency:\n  founded: "2022-12-31 BE"\n')
        assert facts.get("agency.founded") == dt.date(1479, 12, 31)  # as written, but flagged
        (warning,) = facts.warnings
        assert (warning.code, warning.span.line) == ("W404", 2)
        assert "is in the year 1479 C.E." in warning.message
        assert warning.hint == "did you mean `2022-12-31` (C.E.)?"
        assert not load_text(tmp_path, "yaml", 'agency:\n  founded: "2565-12-31 BE"\n').warnings

    def test_too_many_warnings_are_counted_not_listed(self, tmp_path: Path) -> None:
        text = json.dumps({f"key{i}": i for i in range(250)})
        facts = load_text(tmp_path, "json", text)
        assert len(facts.warnings) == 101
        assert facts.warnings[-1].code == "W400"
        assert "150 more warnings" in facts.warnings[-1].message


# ---------------------------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------------------------

BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)
HUGE = "1" + "0" * 100_000

# (file name, content, expected first error code, text the message must contain, line or None)
BAD_INPUT = [
    # suffix, encoding, emptiness
    ("facts.txt", "agency: {}\n", "E401", "`.txt`", None),
    ("facts", "agency: {}\n", "E401", "no suffix", None),
    ("empty.yaml", "", "E405", "facts file is empty", None),
    ("empty.json", "", "E405", "facts file is empty", None),
    ("empty.toml", "", "E405", "facts file is empty", None),
    ("blank.json", " \r\n\t\n", "E405", "facts file is empty", None),
    ("bom-only.toml", b"\xef\xbb\xbf", "E405", "facts file is empty", None),
    ("comments.yaml", "# nothing yet\n", "E405", "facts file is empty", None),
    ("latin1.yaml", b"agency:\n  name: caf\xe9\n", "E404", "offset 19", 2),
    ("tis620.json", b'{"agency": {"name": "\xca\xd3\xb9\xd1\xa1"}}', "E404", "UTF-8", 1),
    ("nul.yaml", b"agency:\n  kind: pro\x00vince\n", "E404", "NUL byte", 2),
    ("utf16.json", '{"year": 1}'.encode("utf-16"), "E404", "NUL byte", 1),
    # syntax
    ("syntax.yaml", "agency:\n  kind: [province\n", "E406", "invalid YAML", 3),
    ("syntax.json", '{"agency": {"kind": "province",}}', "E406", "invalid JSON", 1),
    ("syntax.toml", 'year = 1\nagency = \n', "E406", "invalid TOML", 2),
    ("tabs.yaml", "agency:\n\tkind: province\n", "E406", "invalid YAML", 2),
    ("two-docs.yaml", "year: 1\n---\nyear: 2\n", "E406", "more than one YAML document", 2),
    ("complex-key.yaml", "? [a, b]\n: 1\n", "E406", "plain value", 1),
    # YAML hardening
    ("bomb.yaml", BOMB, "E407", "not allowed in facts files", 1),
    ("alias.yaml", "agency:\n  kind: &k province\nyear: *k\n", "E407", "`&k`", 2),
    ("merge.yaml", "base: &b {kind: province}\nagency:\n  <<: *b\n", "E407", "anchors", 1),
    ("python.yaml", "year: !!python/object/apply:os.system ['true']\n", "E408",
     "`!!python/object/apply:os.system`", 1),
    ("python-name.yaml", "year: !!python/name:os.system\n", "E408", "!!python/name:os.system", 1),
    ("custom-tag.yaml", "agency:\n  kind: !province x\n", "E408", "`!province`", 2),
    ("binary.yaml", "agency:\n  name: !!binary aGVsbG8=\n", "E408", "`!!binary`", 2),
    ("set.yaml", "agency:\n  roles: !!set {officer: null}\n", "E408", "`!!set`", 2),
    ("bad-hex.yaml", "agency:\n  staff_count: 0x_\n", "E412", 'found text `"0x_"`', 2),
    # a tag the value does not fit: PyYAML's constructors raise all sorts of errors
    ("bad-bool.yaml", "agency:\n  audited: !!bool maybe\n", "E408",
     'invalid `!!bool` value `"maybe"`', 2),
    ("empty-bool.yaml", 'agency:\n  audited: !!bool ""\n', "E408", "invalid `!!bool` value", 2),
    ("bad-timestamp.yaml", "agency:\n  founded: !!timestamp abc\n", "E408",
     "invalid `!!timestamp` value", 2),
    ("empty-int.yaml", 'year: !!int ""\n', "E408", "invalid `!!int` value", 1),
    ("empty-float.yaml", 'agency:\n  budget: !!float ""\n', "E408", "invalid `!!float` value", 2),
    ("undeclared.yaml", 'foo: !!bool ""\n', "E408", "invalid `!!bool` value", 1),
    # duplicate keys
    ("dup.yaml", "agency:\n  kind: province\n  kind: public_organization\n", "E409",
     "`agency.kind`", 3),
    ("dup.json", '{"agency": {"kind": "province",\n "kind": "province"}}', "E409",
     "`agency.kind`", 2),
    ("dup.toml", '[agency]\nkind = "province"\nkind = "province"\n', "E409", "`agency.kind`", 3),
    ("dup-nfkc.yaml", "agency:\n  kind: province\n  ｋｉｎｄ: province\n", "E409",
     "`ｋｉｎｄ` and `kind` are one name", 3),
    ("dup-nfkc.json", '{"agency": {"kind": "province",\n "ｋｉｎｄ": "province"}}', "E409",
     "are one name", 2),
    ("dup-nfkc.toml", '[agency]\nkind = "province"\n"ｋｉｎｄ" = "province"\n', "E409",
     "are one name", 3),
    ("dup-nfkc-field.yaml", "agency:\n  positions:\n    - id: a\n      ｉｄ: b\n", "E409",
     "`agency.positions[0].ｉｄ`", 4),
    ("dup-table.toml", '[agency]\nname = "a"\n[agency]\nkind = "province"\n', "E409", "`agency`",
     3),
    # nesting
    ("deep.json", "[" * 100_000, "E410", "nested too deeply", 1),
    ("deep.yaml", "[" * 100_000, "E410", "nested too deeply", 1),
    # YAML 1.1 numbers that are not the decimal they look like
    ("octal.yaml", "agency:\n  staff_count: 010\n", "E417", "reads it as 8 (octal)", 2),
    ("octal-neg.yaml", "year: -0_17\n", "E417", "reads it as -15 (octal)", 1),
    ("sexagesimal.yaml", "agency:\n  staff_count: 1:30\n", "E417", "as 90 (base 60)", 2),
    ("sexagesimal-float.yaml", "agency:\n  budget: 1:30.5\n", "E417", "as 90.5 (base 60)", 2),
    ("deep.toml", "year = " + "[" * 100_000, "E410", "nested too deeply", 1),
    ("deep-dotted.toml", "a" + ".a" * 100 + " = 1\n", "E410", "nested too deeply", 1),
    ("deep-header.toml", "[a" + ".a" * 100 + "]\n", "E410", "nested too deeply", 1),
    ("deep-objects.json", '{"a":' * 100_000 + "1" + "}" * 100_000, "E410", "nested too deeply", 1),
    ("deep-block.yaml", "".join(" " * i + "a:\n" for i in range(200)), "E410", "nested too deeply",
     65),
    # shape
    ("list.json", '[{"agency": {}}]', "E411", "top level", None),
    ("list.yaml", "- agency: {}\n", "E411", "top level", None),
    ("scalar.yaml", "province\n", "E411", "top level", None),
    ("scalar.json", "42", "E411", "top level", None),
    ("agency-scalar.yaml", "agency: province\n", "E411", "`agency`", 1),
    # types
    ("type.yaml", "agency:\n  staff_count: many\n", "E412",
     'expected int at `agency.staff_count`, found text `"many"`', 2),
    ("float-int.json", '{"agency": {"staff_count": 3.5}}', "E412", "found decimal `3.5`", 1),
    ("float-int-whole.json", '{"agency": {"staff_count": 3.0}}', "E412", "found decimal `3.0`", 1),
    ("bool-int.yaml", "agency:\n  staff_count: true\n", "E412", "found bool `true`", 2),
    ("text-int.toml", '[agency]\nstaff_count = "120"\n', "E412", 'found text `"120"`', 2),
    ("int-bool.json", '{"agency": {"audited": 1}}', "E412", "expected bool at `agency.audited`", 1),
    ("str-bool.json", '{"agency": {"audited": "yes"}}', "E412", "found text `\"yes\"`", 1),
    ("int-text.yaml", "agency:\n  name: 1234\n", "E412", "expected text at `agency.name`", 2),
    ("bool-decimal.json", '{"agency": {"budget": false}}', "E412", "expected decimal", 1),
    ("text-decimal.json", '{"agency": {"budget": "lots"}}', "E412", "expected decimal", 1),
    ("datetime.yaml", "agency:\n  founded: 2018-03-01 10:00:00\n", "E412", "found datetime", 2),
    ("datetime.toml", "[agency]\nfounded = 2018-03-01T10:00:00\n", "E412", "found datetime", 2),
    ("int-date.json", '{"agency": {"founded": 20180301}}', "E412", "expected date", 1),
    ("str-set.yaml", "agency:\n  roles: officer\n", "E412", "expected set of role", 2),
    ("map-list.json", '{"agency": {"positions": {"id": "p1"}}}', "E412",
     "expected list of position at `agency.positions`", 1),
    ("scalar-record.json", '{"agency": {"positions": ["p1"]}}', "E412",
     "expected position at `agency.positions[0]`", 1),
    ("mapping-enum.yaml", "agency:\n  kind: {a: 1}\n", "E412", "found a mapping", 2),
    # enums
    ("enum.yaml", "agency:\n  kind: provnce\n", "E413", "`agency.kind`", 2),
    ("set-enum.json", '{"agency": {"roles": ["officer", "boss"]}}', "E413", "`agency.roles[1]`",
     1),
    ("record-enum.toml", '[[agency.positions]]\nid = "p1"\nkind = "boss"\n', "E413",
     "`agency.positions[0].kind`", 3),
    # numbers
    ("huge.json", '{"agency": {"staff_count": ' + HUGE + "}}", "E414", "`agency.staff_count`", 1),
    ("huge.yaml", "agency:\n  staff_count: " + HUGE + "\n", "E414", "`agency.staff_count`", 2),
    ("huge.toml", "[agency]\nstaff_count = " + HUGE + "\n", "E414", "`agency.staff_count`", 2),
    ("huge-decimal.json", '{"agency": {"budget": ' + HUGE + "}}", "E414", "`agency.budget`", 1),
    ("huge-float.json", '{"agency": {"budget": ' + HUGE + ".5}}", "E414", "`agency.budget`", 1),
    ("big.yaml", "agency:\n  staff_count: 1000000000000000001\n", "E414", "integer out of range",
     2),
    ("big-negative.json", '{"year": -1000000000000000001}', "E414", "`year`", 1),
    ("big-decimal.toml", "[agency]\nbudget = 1e19\n", "E414", "out of range", 2),
    ("overflow.yaml", "agency:\n  budget: 1.0e+999\n", "E414", "out of range", 2),
    ("nan.json", '{"agency": {"budget": NaN}}', "E415", "`agency.budget`", 1),
    ("infinity.json", '{"agency": {"budget": -Infinity}}', "E415", "not a finite number", 1),
    ("nan.yaml", "agency:\n  budget: .nan\n", "E415", "`agency.budget`", 2),
    ("inf.yaml", "agency:\n  budget: -.inf\n", "E415", "not a finite number", 2),
    ("nan.toml", "[agency]\nbudget = nan\n", "E415", "`agency.budget`", 2),
    ("inf.toml", "[agency]\nbudget = +inf\n", "E415", "not a finite number", 2),
    ("nan-text.json", '{"agency": {"budget": "NaN"}}', "E415", "not a finite number", 1),
    ("inf-text.yaml", "agency:\n  budget: 'Infinity'\n", "E415", "not a finite number", 2),
    ("nan-int.yaml", "agency:\n  staff_count: .nan\n", "E415", "`agency.staff_count`", 2),
    # dates
    ("bad-date.yaml", "agency:\n  founded: 2561-02-30 BE\n", "E416", "`agency.founded`", 2),
    ("bad-yaml-date.yaml", "agency:\n  founded: 2018-02-30\n", "E416", "invalid date", 2),
    ("bad-date.json", '{"agency": {"founded": "next tuesday"}}', "E416", "invalid date", 1),
    ("bad-record-date.json", '{"agency": {"positions": [{"start": "2561-13-01 BE"}]}}', "E416",
     "`agency.positions[0].start`", 1),
]


@pytest.mark.parametrize(
    ("name", "content", "code", "needle", "line"),
    BAD_INPUT,
    ids=[case[0] for case in BAD_INPUT],
)
def test_bad_input(
    tmp_path: Path, name: str, content: str | bytes, code: str, needle: str, line: int | None
) -> None:
    diagnostics = errors_of(write(tmp_path, name, content))
    first = diagnostics[0]
    assert first.code == code, diagnostics
    assert needle in first.message + (first.hint or "")
    assert first.message[0].islower() and not first.message.endswith(".")  # the message style
    assert first.span.file == str(tmp_path / name)
    if line is not None:
        assert first.span.line == line
    else:
        assert first.span.line == 0  # the whole file


@pytest.mark.parametrize(
    ("name", "content"),
    [case[:2] for case in BAD_INPUT if case[0].endswith((".yaml", ".yml"))],
    ids=[case[0] for case in BAD_INPUT if case[0].endswith((".yaml", ".yml"))],
)
def test_bad_yaml_gives_the_same_codes_with_either_parser(
    tmp_path: Path, name: str, content: str | bytes, yaml_loader: str
) -> None:
    expected = next(case[2] for case in BAD_INPUT if case[0] == name)
    assert errors_of(write(tmp_path, name, content))[0].code == expected


def test_yaml_tags_construct_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = (
        f"year: !!python/object/apply:os.system ['touch {marker}']\n"
        f"agency: !!python/object/apply:subprocess.call [[touch, {marker}]]\n"
    )
    assert codes(errors_of(write(tmp_path, "evil.yaml", text))) == ["E408", "E408"]
    assert not marker.exists()


def test_alias_bomb_is_cheap(tmp_path: Path, yaml_loader: str) -> None:
    bomb = "a: &a [" + ",".join(['"lol"'] * 10) + "]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join([f'*{chr(97 + i)}'] * 10)}]\n"
        for i in range(20)  # 10**21 strings if expanded
    )
    diagnostics = errors_of(write(tmp_path, "bomb.yaml", bomb))
    assert set(codes(diagnostics)) <= {"E407", "E400", "W401"}
    assert any(d.message == "aliases (`*a`) are not allowed in facts files" for d in diagnostics)


def test_duplicate_key_hint_names_the_first_line(tmp_path: Path) -> None:
    diagnostics = errors_of(write(tmp_path, "dup.json", '{"year": 1,\n\n "year": 2}'))
    assert diagnostics[0].hint is not None and "line 1" in diagnostics[0].hint
    assert diagnostics[0].span.line == 3


def test_enum_error_lists_values_and_suggests(tmp_path: Path) -> None:
    (error,) = errors_of(write(tmp_path, "enum.yaml", "agency:\n  kind: provnce\n"))
    assert error.message == 'expected agency_kind at `agency.kind`, found unknown value `"provnce"`'
    assert error.hint is not None
    assert error.hint.startswith("did you mean `province`?")
    for value in AGENCY_KIND.values:
        assert f"`{value}`" in error.hint
    assert (error.span.line, error.span.column, error.span.end_column) == (2, 9, 16)


def test_all_problems_of_a_file_are_collected(tmp_path: Path) -> None:
    text = """\
agency:
  kind: provnce
  staff_count: many
  budget: .nan
  founded: 2561-02-30 BE
  knd: x
year: 3.5
"""
    diagnostics = errors_of(write(tmp_path, "many.yaml", text))
    assert codes(diagnostics) == ["E413", "E412", "E415", "E416", "E412", "W401"]
    assert [d.span.line for d in diagnostics] == [2, 3, 4, 5, 7, 6]
    assert all(d.is_error for d in diagnostics[:5])


def test_too_many_errors_are_counted(tmp_path: Path) -> None:
    text = json.dumps({"agency": {"positions": [{"kind": "boss"}] * 300}})
    diagnostics = errors_of(write(tmp_path, "many.json", text))
    assert codes(diagnostics).count("E413") == 100
    assert diagnostics[-1].code == "E400"
    assert "200 more errors" in diagnostics[-1].message


# ---------------------------------------------------------------------------------------------
# The file system
# ---------------------------------------------------------------------------------------------


class TestFiles:
    def test_missing_file(self, tmp_path: Path) -> None:
        (error,) = errors_of(tmp_path / "nowhere.yaml")
        assert error.code == "E402"
        assert "does not exist" in error.message

    def test_directory(self, tmp_path: Path) -> None:
        (tmp_path / "dir.yaml").mkdir()
        (error,) = errors_of(tmp_path / "dir.yaml")
        assert error.code == "E402"
        assert "is a directory" in error.message

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
    def test_fifo_does_not_hang(self, tmp_path: Path) -> None:
        os.mkfifo(tmp_path / "pipe.json")
        (error,) = errors_of(tmp_path / "pipe.json")
        assert error.code == "E402"
        assert "not a regular file" in error.message

    @pytest.mark.skipif(
        sys.platform == "win32" or os.geteuid() == 0, reason="root reads any file"
    )
    def test_unreadable_file(self, tmp_path: Path) -> None:
        path = write(tmp_path, "secret.yaml", "year: 1\n")
        path.chmod(0)
        try:
            (error,) = errors_of(path)
        finally:
            path.chmod(0o600)
        assert error.code == "E402"
        assert "permission denied" in error.message

    def test_read_error(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        # The same path as an unreadable file, also when the tests run as root.
        path = write(tmp_path, "secret.yaml", "year: 1\n")

        def refuse(*args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(facts_module, "open", refuse, raising=False)
        (error,) = errors_of(path)
        assert error.code == "E402"
        assert error.message == f"cannot read facts file `{path}`: permission denied"

    def test_too_large_file_is_not_read(self, tmp_path: Path) -> None:
        path = tmp_path / "big.json"
        with path.open("wb") as stream:  # sparse: no disk space, and it must not be read
            stream.truncate(MAX_FILE_BYTES + 1)
        (error,) = errors_of(path)
        assert error.code == "E403"
        assert "larger than" in error.message

    def test_path_as_str_and_pathlike(self, tmp_path: Path) -> None:
        path = write(tmp_path, "facts.yaml", "year: 1\n")
        assert load_facts(str(path), DECLS).source == str(path)
        assert load_facts(path, DECLS).get("year") == 1


# ---------------------------------------------------------------------------------------------
# facts_from_mapping
# ---------------------------------------------------------------------------------------------


class TestFromMapping:
    def test_values(self) -> None:
        facts = facts_from_mapping(
            {
                "agency": {
                    "kind": "province",
                    "budget": "12.50",
                    "founded": dt.date(2018, 3, 1),
                    "roles": ("officer",),
                    "positions": [{"id": "p1", "start": "2561-03-01 BE"}],
                },
                "year": 2024,
            },
            DECLS,
        )
        assert facts.source == "<mapping>"
        assert facts.get("agency.budget") == Decimal("12.50")
        assert facts.get("agency.roles") == frozenset({"officer"})
        assert facts.get("agency.positions") == ({"id": "p1", "start": dt.date(2018, 3, 1)},)
        assert facts.locations == {}
        assert facts.location("year") is None

    @pytest.mark.parametrize(
        ("data", "code"),
        [
            ({"year": True}, "E412"),
            ({"year": 10**5000}, "E414"),
            ({"agency": {"budget": float("nan")}}, "E415"),
            ({"agency": {"budget": Decimal("Infinity")}}, "E415"),
            ({"agency": {"founded": dt.datetime(2018, 3, 1)}}, "E412"),
            ({"agency": {"name": object()}}, "E412"),
            ({"agency": []}, "E411"),
        ],
    )
    def test_errors(self, data: dict[str, object], code: str) -> None:
        with pytest.raises(FactsError) as info:
            facts_from_mapping(data, DECLS, source="memory")
        (error,) = info.value.diagnostics
        assert error.code == code
        assert error.span.file == "memory"

    def test_not_a_mapping(self) -> None:
        with pytest.raises(FactsError) as info:
            facts_from_mapping(["year"], DECLS)  # type: ignore[arg-type]
        assert info.value.diagnostics[0].code == "E411"


# ---------------------------------------------------------------------------------------------
# Robustness: only FactsError escapes
# ---------------------------------------------------------------------------------------------

_NOISE = b'{}[]:,"\'\n -#&*!.=01abenx\\\t\r\xff'


def _mutations(data: bytes, count: int, rng: random.Random) -> Iterator[bytes]:
    for _ in range(count):
        mutated = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            index = rng.randrange(len(mutated))
            choice = rng.random()
            if choice < 0.4:
                mutated[index] = rng.choice(_NOISE)
            elif choice < 0.7:
                del mutated[index]
            else:
                mutated.insert(index, rng.choice(_NOISE))
        yield bytes(mutated)


@pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
def test_truncated_and_mutated_files_raise_only_facts_error(tmp_path: Path, fmt: str) -> None:
    data = GOOD[fmt].encode("utf-8")
    rng = random.Random(fmt)
    candidates = [data[:end] for end in range(0, len(data), 3)]
    candidates.extend(_mutations(data, 300, rng))
    path = tmp_path / f"fuzz.{fmt}"
    for candidate in candidates:
        path.write_bytes(candidate)
        try:
            facts = load_facts(path, DECLS)
        except FactsError as exc:
            assert exc.diagnostics
            assert all(d.span.line >= 0 for d in exc.diagnostics)
        else:
            assert isinstance(facts.sha256, str)


_MB = 1_000_000


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("escaped-quotes.toml", 'a = "' + '\\"' * (_MB // 2)),  # an unterminated string
        ("open-multiline.toml", '"""\\' * (_MB // 4)),
        ("quotes.toml", '"' * _MB),
        ("many-keys.json", "{" + ",".join(f'"k{i}": 1' for i in range(_MB // 12)) + "}"),
        ("escaped-quotes.json", '"\\' * (_MB // 2)),
        ("long-list.yaml", "extra: [" + "1," * (_MB // 2) + "1]\n"),
        ("inline-keys.toml", "a = {" + "b=1," * (_MB // 4) + "}"),
    ],
)
def test_pathological_inputs_stay_fast(tmp_path: Path, name: str, content: str) -> None:
    # Linear scans take well under a second per megabyte; a quadratic one would take minutes
    # and show up as a slow suite (speed is measured by benchmarks, not asserted here).
    path = write(tmp_path, name, content)
    with contextlib.suppress(FactsError):
        load_facts(path, DECLS)


def test_thai_keys_and_enum_values_match_however_sara_am_is_typed(tmp_path: Path) -> None:
    """Policies normalise names (NFKC, SARA AM recomposed); facts files are read the same way."""
    from govrules.facttypes import EnumType as _Enum
    from govrules.facttypes import FactDecl as _Decl

    decls = {
        "หน่วยงาน.จำนวน": _Decl("หน่วยงาน.จำนวน", INT),
        "หน่วยงาน.ประเภท": _Decl("หน่วยงาน.ประเภท", _Enum("k", ("สำนัก", "กอง"))),
    }
    decomposed = "\u0e4d\u0e32"
    f = tmp_path / "f.yaml"
    f.write_text(f"หน่วยงาน:\n  จ{decomposed}นวน: 3\n  ประเภท: ส{decomposed}นัก\n",
                 encoding="utf-8")
    facts = load_facts(f, decls)
    assert facts.get("หน่วยงาน.จำนวน") == 3
    assert facts.get("หน่วยงาน.ประเภท") == "สำนัก"
    assert not facts.warnings


@pytest.mark.parametrize(("text", "expected"), [
    ("0x10", 16), ("0b101", 5), ("1_000", 1000), ("0", 0), ("-0", 0), ("10", 10), ("+7", 7)])
def test_numbers_that_say_what_they_are_are_read(tmp_path: Path, text: str,
                                                 expected: int) -> None:
    facts = load_facts(write(tmp_path, "n.yaml", f"agency:\n  staff_count: {text}\n"), DECLS)
    assert facts.get("agency.staff_count") == expected


def test_a_quoted_leading_zero_is_text(tmp_path: Path) -> None:
    facts = load_facts(write(tmp_path, "n.yaml", 'agency:\n  name: "010"\n'), DECLS)
    assert facts.get("agency.name") == "010"


def test_ambiguous_number_says_how_to_write_it(tmp_path: Path) -> None:
    [d] = errors_of(write(tmp_path, "n.yaml", "agency:\n  staff_count: 010\n"))
    assert (d.code, d.span.line, d.span.column) == ("E417", 2, 16)
    assert d.hint == 'write `10` for the decimal number, or quote it (`"010"`) if it is a text ' \
        "such as a code"


def test_a_mapping_read_from_elsewhere_can_say_where_its_values_are() -> None:
    from govrules.errors import Span

    assert facts_module.key_path("", "agency") == "agency"
    assert facts_module.key_path("agency", "kind") == "agency.kind"
    assert facts_module.key_path("agency", True) == "agency.true"
    assert facts_module.key_path("agency", None) == "agency.null"
    kind = Span("mine.cfg", 3, 9, 3, 17, 40, 48)
    staff = Span("mine.cfg", 4, 16, 4, 22, 57, 63)
    colour = Span("mine.cfg", 5, 3, 5, 9, 66, 72)
    data = {"agency": {"kind": "province", "staff_count": "many", "colour": "red"}}
    with pytest.raises(FactsError) as err:
        facts_from_mapping(data, DECLS, "mine.cfg",
                           value_spans={"agency.kind": kind, "agency.staff_count": staff},
                           key_spans={"agency.colour": colour})
    assert {d.span for d in err.value.diagnostics} == {staff, colour}
    facts = facts_from_mapping({"agency": {"kind": "province"}}, DECLS, "mine.cfg",
                               value_spans={"agency.kind": kind})
    assert facts.location("agency.kind") == kind  # what traces show as where the fact was read


@pytest.mark.parametrize(("fmt", "text"), [
    ("yaml", "agency:\n  budget: 1000.5000000000000000001\n"),
    ("json", '{"agency": {"budget": 1000.5000000000000000001}}'),
    ("toml", "[agency]\nbudget = 1000.5000000000000000001\n"),
    ("yaml", 'agency:\n  budget: "1000.5000000000000000001"\n'),
])
def test_a_decimal_is_read_as_written_not_through_a_float(tmp_path: Path, fmt: str,
                                                          text: str) -> None:
    facts = load_text(tmp_path, fmt, text)
    assert facts.get("agency.budget") == Decimal("1000.5000000000000000001")


def test_one_number_has_one_form_and_one_hash_however_it_is_written(tmp_path: Path) -> None:
    writings = [("yaml", "agency:\n  budget: 1e3\n"), ("yaml", "agency:\n  budget: 1000\n"),
                ("yaml", 'agency:\n  budget: "1000.00"\n'), ("json", '{"agency": {"budget": 1e3}}'),
                ("json", '{"agency": {"budget": 1000.0}}'), ("toml", "[agency]\nbudget = 1e3\n"),
                ("toml", "[agency]\nbudget = 1_000.000\n")]
    loaded = [load_text(tmp_path, fmt, text) for fmt, text in writings]
    assert {str(f.get("agency.budget")) for f in loaded} == {"1000"}
    assert len({f.sha256 for f in loaded}) == 1
    assert str(facts_from_mapping({"agency": {"budget": "1250.50"}}, DECLS)
               .get("agency.budget")) == "1250.5"


def test_a_tab_in_yaml_indentation_says_so(tmp_path: Path) -> None:
    (d,) = errors_of(write(tmp_path, "tabs.yaml", "agency:\n  kind: province\n\tname: x\n"))
    assert (d.code, d.span.line) == ("E406", 3)
    assert d.hint == "YAML does not allow tabs for indentation: indent with spaces"


def test_a_python_set_is_a_set_fact_a_list_fact_wants_a_list() -> None:
    facts = facts_from_mapping({"agency": {"roles": {"officer", "director"}}}, DECLS)
    assert facts.get("agency.roles") == frozenset({"officer", "director"})
    with pytest.raises(FactsError) as err:
        facts_from_mapping({"agency": {"positions": {"p1"}}}, DECLS)
    assert err.value.diagnostics[0].code == "E412"


def test_a_decimal_with_too_many_places_is_out_of_range_and_zero_has_one_form(
        tmp_path: Path) -> None:
    # written out in full, 1e-999999999 would take gigabytes
    (d,) = errors_of(write(tmp_path, "tiny.json", '{"agency": {"budget": 1e-999999999}}'))
    assert d.code == "E414" and d.hint == "a decimal has at most 40 digits after the point"
    zeros = [load_text(tmp_path, "json", '{"agency": {"budget": ' + z + "}}")
             for z in ("0", "-0.0", '"-0"', "0.000")]
    assert {str(f.get("agency.budget")) for f in zeros} == {"0"}
    assert len({f.sha256 for f in zeros}) == 1
