"""The parser: text to syntax tree, and every kind of bad policy text."""

from __future__ import annotations

import datetime as dt
import decimal
from pathlib import Path

import pytest

from govrules import ast
from govrules.errors import GovrulesError, PolicyError
from govrules.source import decode_source, find_policy_files, read_source
from govrules.syntax import MAX_NESTING, parse_module, parse_text

MINIMAL = """
policy p { title en "P" }
fact a.b : bool th "บี" en "b"
"""


def parse_bytes(data: bytes, name: str = "x.pol") -> ast.Module:
    return parse_module(decode_source(name, data))


class TestItems:
    def test_policy_header(self) -> None:
        m = parse_text(
            'policy s50 { version "2018-03" title th "ก" title en "A" source memo '
            "effective from 2561-03-01 BE until 2030-01-01 applies when x }"
        )
        (p,) = m.items
        assert isinstance(p, ast.PolicyDef)
        assert p.id == "s50" and p.version == "2018-03" and p.source == "memo"
        assert p.titles == (("th", "ก"), ("en", "A"))
        assert p.effective is not None
        assert p.effective.start.value == dt.date(2018, 3, 1)
        assert p.effective.start.era == "BE"
        assert p.effective.end is not None and p.effective.end.value == dt.date(2030, 1, 1)
        assert p.applies == (ast.Name("x"),)

    def test_declarations(self) -> None:
        m = parse_text(
            """
            enum kind { a th "เอ" en "A" b }
            record position { id : text  kind : kind th "ประเภท" }
            fact agency.positions : list of position en "positions"
            fact agency.systems : set of kind
            define ready th "พร้อม" = agency.systems includes {a}
            """
        )
        enum, record, f1, f2, define = m.items
        assert enum == ast.EnumDef("kind", (ast.EnumValueDef("a", (("th", "เอ"), ("en", "A"))),
                                            ast.EnumValueDef("b")))
        assert isinstance(record, ast.RecordDef)
        assert [f.name for f in record.fields] == ["id", "kind"]
        assert f1 == ast.FactDef("agency.positions", ast.TypeExpr("list", "position"),
                                 (("en", "positions"),))
        assert f2 == ast.FactDef("agency.systems", ast.TypeExpr("set", "kind"))
        assert define == ast.DefineDef(
            "ready",
            ast.Includes(ast.Name("agency.systems"), ast.SetLit((ast.Name("a"),))),
            (("th", "พร้อม"),),
        )

    def test_measure_with_methods_and_thai_citation(self) -> None:
        m = parse_text(
            """
            in policy s50
            measure s50.1.1.3 ต้อง {
              cite memo: issue ๑.๑, measure ๑.๑.๓
              title en "Disclosure"
              interpretation en "each method is checked"
              method ๒ { cite method ๒) require a.b }
              require all methods
            }
            """
        )
        join, measure = m.items
        assert join == ast.PolicyJoin("s50")
        assert isinstance(measure, ast.MeasureDef)
        assert measure.modality == "must"
        assert measure.cites[0].normalized == "memo: issue 1.1, measure 1.1.3"
        (method,) = measure.methods
        assert method.number == "2"
        assert method.cites[0].document is None
        assert method.cites[0].normalized == "method 2"
        assert measure.require == ast.Require("all_methods")
        assert measure.interpretations == (("en", "each method is checked"),)

    def test_policy_join_after_an_expression(self) -> None:
        m = parse_text("define d = x\nin policy p\ndefine e = y in {a}")
        assert m.items[1] == ast.PolicyJoin("p")
        assert m.items[2] == ast.DefineDef(
            "e", ast.Member(ast.Name("y"), ast.SetLit((ast.Name("a"),))))

    def test_parenthesised_clause_numbers(self) -> None:
        (m,) = parse_text("measure m must { cite memo: measure ๒.๑, step (๓) require a }").items
        assert isinstance(m, ast.MeasureDef)
        assert m.cites[0].parts[1].number == "(๓)"
        assert m.cites[0].normalized == "memo: measure 2.1, step 3"

    def test_citation_labels_may_be_keywords(self) -> None:
        (m,) = parse_text(
            "measure m must { method 3 { cite memo: issue ๑.๑, measure ๑.๑.๓, method ๓) "
            "require a } }"
        ).items
        assert isinstance(m, ast.MeasureDef)
        assert m.methods[0].cites[0].normalized == "memo: issue 1.1, measure 1.1.3, method 3"

    def test_decision(self) -> None:
        m = parse_text(
            """
            decision wp {
              cite doc: point 5
              for p in agency.positions
              chosen p.pattern
              option a { title en "A" }
              option b
              rule r1 may allow a, b { cite item 1 }
              rule r2 should exclude b {
                cite item 2 when p.kind == x unless p.ok priority 2 overrides r1
                interpretation th "ตีความ"
              }
            }
            """
        )
        (d,) = m.items
        assert isinstance(d, ast.DecisionDef)
        assert d.subject == ast.Subject("p", ast.Name("agency.positions"))
        assert d.chosen == ast.Name("p.pattern")
        assert [o.id for o in d.options] == ["a", "b"]
        r1, r2 = d.rules
        assert (r1.modality, r1.action, r1.options, r1.when) == ("may", "allow", ("a", "b"), None)
        assert r2.priority == 2 and r2.overrides == ("r1",)
        assert r2.unless == (ast.Name("p.ok"),)


class TestExpressions:
    def expr(self, text: str) -> ast.Expr:
        (d,) = parse_text(f"define x = {text}").items
        assert isinstance(d, ast.DefineDef)
        return d.expr

    def test_precedence(self) -> None:
        assert self.expr("a or b and not c") == ast.Or(
            (ast.Name("a"), ast.And((ast.Name("b"), ast.Not(ast.Name("c")))))
        )

    def test_arithmetic_and_comparison(self) -> None:
        assert self.expr("1 + 2 * 3 >= 4.5") == ast.Compare(
            ">=",
            ast.Arith("+", ast.IntLit(1), ast.Arith("*", ast.IntLit(2), ast.IntLit(3))),
            ast.DecimalLit(decimal.Decimal("4.5")),
        )

    def test_membership_and_sets(self) -> None:
        assert self.expr("k not in {a, b}") == ast.Member(
            ast.Name("k"), ast.SetLit((ast.Name("a"), ast.Name("b"))), negated=True
        )
        assert self.expr("s subset of t") == ast.Subset(ast.Name("s"), ast.Name("t"))

    def test_quantifiers(self) -> None:
        assert self.expr("count(p in l: p.k == a) > 2") == ast.Compare(
            ">",
            ast.Quantifier("count", "p", ast.Name("l"),
                           ast.Compare("==", ast.Name("p.k"), ast.Name("a"))),
            ast.IntLit(2),
        )
        assert self.expr("size(s)") == ast.Size(ast.Name("s"))

    def test_dates_in_both_eras_and_thai_digits(self) -> None:
        be = self.expr("d < 2561-03-01 BE")
        assert be == ast.Compare("<", ast.Name("d"), ast.DateLit(dt.date(2018, 3, 1), "BE"))
        assert self.expr("d < ๒๕๖๑-๐๓-๐๑ BE") == be
        ce = self.expr("d < 2018-03-01")
        assert isinstance(ce, ast.Compare) and isinstance(ce.right, ast.DateLit)
        assert ce.right.value == dt.date(2018, 3, 1) and ce.right.era == "CE"
        assert self.expr("as_of") == ast.AsOf()

    def test_strings_concatenate_and_unescape(self) -> None:
        assert self.expr('"a\\"b" "ค"') == ast.StringLit('a"bค')

    def test_spans_are_not_part_of_equality(self) -> None:
        a = self.expr("x   and\n   y")
        b = self.expr("x and y")
        assert a == b
        assert a.span != b.span


class TestThaiIdentifiers:
    def test_vowel_and_tone_marks(self) -> None:
        m = parse_text(
            """
            enum ประเภทตำแหน่ง { ติดต่อประชาชน  สนับสนุน }
            fact หน่วยงาน.จำนวนบุคลากร : int th "จำนวนบุคลากร"
            define ใหญ่ = หน่วยงาน.จำนวนบุคลากร >= 500
            """
        )
        enum, fact, define = m.items
        assert isinstance(enum, ast.EnumDef) and enum.values[0].name == "ติดต่อประชาชน"
        assert isinstance(fact, ast.FactDef) and fact.name == "หน่วยงาน.จำนวนบุคลากร"
        assert isinstance(define, ast.DefineDef) and define.name == "ใหญ่"

    def test_decomposed_sara_am_is_the_same_name(self) -> None:
        composed = parse_text("fact ตำแหน่ง : int").items[0]
        decomposed = parse_text("fact ต\u0e4d\u0e32แหน่ง : int").items[0]
        assert composed == decomposed


class TestBadInput:
    def test_empty_file(self) -> None:
        with pytest.raises(PolicyError) as err:
            parse_bytes(b"  \n\n")
        assert err.value.diagnostics[0].code == "E101"

    def test_not_utf8(self) -> None:
        with pytest.raises(PolicyError) as err:
            parse_bytes(b"fact a : bool\n# \xa1\xb2 TIS-620\n")
        d = err.value.diagnostics[0]
        assert d.code == "E103" and d.span.line == 2 and d.span.column == 3

    def test_nul_byte(self) -> None:
        with pytest.raises(PolicyError) as err:
            parse_bytes(b"fact a : bool\x00")
        assert err.value.diagnostics[0].code == "E102"

    def test_bom_and_crlf_simply_work(self) -> None:
        plain = parse_bytes(MINIMAL.encode())
        assert parse_bytes(b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n").encode()) == plain

    def test_syntax_error_has_position_and_hint(self) -> None:
        with pytest.raises(PolicyError) as err:
            parse_text("measure m1 {\n  cite d: x 1\n}", "m.pol")
        d = err.value.diagnostics[0]
        assert d.code == "E111"
        assert (d.span.file, d.span.line, d.span.column) == ("m.pol", 1, 12)
        assert d.hint is not None and "`must`, `must not`, `should`, `may` or `consider`" in d.hint

    def test_unclosed_brace(self) -> None:
        with pytest.raises(PolicyError) as err:
            parse_text("policy p {\n title en \"x\"\n")
        d = err.value.diagnostics[0]
        assert d.message == "unexpected end of file"
        assert d.hint == "the `{` at line 1, column 10 is not closed"
        assert (d.span.line, d.span.column) == (2, 14)

    def test_unexpected_character(self) -> None:
        with pytest.raises(PolicyError) as err:
            parse_text("fact a : bool th 'x'")
        d = err.value.diagnostics[0]
        assert d.code == "E110" and d.hint is not None and "double quotes" in d.hint

    def test_keywords_are_contextual(self) -> None:
        # Lark's contextual lexer only treats a keyword as one where the grammar expects it.
        (f,) = parse_text("fact must : bool").items
        assert isinstance(f, ast.FactDef) and f.name == "must"
        # ... also right after a label's text, where clause keywords could otherwise follow
        (r,) = parse_text('record p { id : text th "รหัส" title : text }').items
        assert isinstance(r, ast.RecordDef) and [f.name for f in r.fields] == ["id", "title"]

    def test_brackets_nested_100000_deep(self) -> None:
        text = "define x = " + "(" * 100_000 + "a" + ")" * 100_000
        with pytest.raises(PolicyError) as err:
            parse_text(text)
        d = err.value.diagnostics[0]
        assert d.code == "E112" and d.span.column == len("define x = ") + MAX_NESTING + 1

    def test_not_chain_100000_deep(self) -> None:
        with pytest.raises(PolicyError) as err:
            parse_text("define x = " + "not " * 100_000 + "a")
        assert err.value.diagnostics[0].code == "E112"

    def test_five_megabyte_line(self) -> None:
        text = 'fact a : bool th "' + "ก" * 5_000_000 + '"'
        (f,) = parse_text(text).items
        assert isinstance(f, ast.FactDef) and len(f.labels[0][1]) == 5_000_000
        with pytest.raises(PolicyError) as err:
            parse_text("fact a : bool " + "x" * 5_000_000)
        assert err.value.diagnostics[0].code == "E111"

    def test_huge_integer(self) -> None:
        with pytest.raises(PolicyError) as err:
            parse_text("define x = " + "9" * 10_000)
        assert err.value.diagnostics[0].code == "E205"

    def test_invalid_date(self) -> None:
        with pytest.raises(PolicyError) as err:
            parse_text("define x = as_of < 2561-02-30 BE")
        assert err.value.diagnostics[0].code == "E202"

    def test_an_explanation_twice_for_one_status_and_language(self) -> None:
        body = ("measure m must { cite d: item 1 require true\n"
                '  explain compliant en "x"\n  explain compliant th "ก"\n'
                '  explain en "y"\n  explain non_compliant en "z"\n'
                '  explain compliant en "again"\n  explain en "and again"\n}\n')
        with pytest.raises(PolicyError) as err:
            parse_text(body)
        found = [(d.code, d.message, d.span.line) for d in err.value.diagnostics]
        assert found == [("E201", "two `en` explanations for status `compliant`", 6),
                         ("E201", "two `en` explanations for every status", 7)]

    @pytest.mark.parametrize(("period", "doubt"), [
        ("from 2567-04-01 until 2570-12-31 BE", "write `2567-04-01 BE` if the year is Buddhist"),
        ("from 2024-01-01 until 2024-12-31 BE", "did you mean `2024-12-31` (C.E.)?"),
        ("from 2024-01-01 until 2023-12-31", None),
    ])
    def test_a_period_that_ends_first_names_a_date_in_the_wrong_era(
            self, period: str, doubt: str | None) -> None:
        with pytest.raises(PolicyError) as err:
            parse_text(f"policy p {{ effective {period} }}")
        (d,) = err.value.diagnostics
        assert d.code == "E204" and d.hint is not None
        assert (doubt in d.hint) if doubt else ";" not in d.hint

    def test_missing_file_and_folder_without_policies(self, tmp_path: Path) -> None:
        with pytest.raises(PolicyError) as err:
            read_source(tmp_path / "nope.pol")
        assert err.value.diagnostics[0].code == "E105"
        with pytest.raises(PolicyError) as err:
            find_policy_files(tmp_path)
        assert err.value.diagnostics[0].code == "E108"
        with pytest.raises(PolicyError) as err:
            read_source(tmp_path)
        assert err.value.diagnostics[0].code == "E106"

    def test_every_error_is_a_govrules_error(self) -> None:
        assert issubclass(PolicyError, GovrulesError)


GOLDEN = Path(__file__).parent / "golden" / "syntax"


@pytest.mark.parametrize("pol", sorted(GOLDEN.glob("*.pol")), ids=lambda p: p.stem)
def test_error_golden(pol: Path, request: pytest.FixtureRequest) -> None:
    from goldens import check_golden
    from govrules.errors import render_diagnostics

    src = read_source(pol)
    name = f"tests/golden/syntax/{pol.name}"
    with pytest.raises(PolicyError) as err:
        parse_module(decode_source(name, pol.read_bytes()))
    rendered = render_diagnostics(err.value.diagnostics, {name: src.text})
    check_golden(pol.with_suffix(".txt"), rendered, request)


@pytest.mark.parametrize(("line", "message", "column", "hint"), [
    ('title th "บัญชี\\qกำหนด"', "unknown escape `\\q` in a text", 18,
     "the escapes are `\\\"`, `\\\\`, `\\n` and `\\t`; write a backslash as `\\\\`"),
    ('title th "a\\"b\\x"', "unknown escape `\\x` in a text", 17, "the escapes are"),
    ('title th "open \\q', "unexpected character `\"`", 12, "must end with `\"`"),
    ("title th “x”", "unexpected character `“`", 12, "straight double quotes"),
    ("require a && b", "unexpected character `&`", 13, "write `and`"),
    ("require a || b", "unexpected character `|`", 13, "write `or`"),
    ("require !a", "unexpected character `!`", 11, "write `not`"),
    ("require a;", "unexpected character `;`", 12, "remove it"),
    ("requre a", "unexpected `requre`", 3, "did you mean `require`?"),
    ("titel en \"x\"", "unexpected `titel`", 3, "did you mean `title`?"),
    ('title en "a "b" c"', "unexpected `b`", 16, "a `\"` inside a text is written `\\\"`"),
])
def test_syntax_errors_say_what_was_probably_meant(line: str, message: str, column: int,
                                                   hint: str) -> None:
    text = ("fact a : bool\nfact b : bool\nmeasure m must {\n  cite c: item 1\n  "
            + line + "\n}\n")
    with pytest.raises(PolicyError) as err:
        parse_text(text)
    (d,) = err.value.diagnostics
    assert (d.message, d.span.line, d.span.column) == (message, 5, column)
    assert d.hint is not None and hint in d.hint


def test_a_block_left_open_before_the_next_declaration_says_where_it_opened() -> None:
    text = ("fact a : bool\nmeasure m must {\n  cite c: item 1\n"
            "  method 1 { cite method 1 require a }\n  require all methods\n\n"
            "measure n must { cite c: item 2 require a }\n")
    with pytest.raises(PolicyError) as err:
        parse_text(text)
    (d,) = err.value.diagnostics
    assert (d.code, d.message, d.span.line) == ("E111", "unexpected `measure`", 7)
    assert d.hint == "the `{` at line 2, column 16 is not closed before this `measure`"


def test_a_keyword_inside_a_line_is_not_taken_for_a_new_declaration() -> None:
    with pytest.raises(PolicyError) as err:
        parse_text("fact a : bool\nmeasure m must {\n  cite doc item 1\n  require a\n}\n")
    (d,) = err.value.diagnostics
    assert d.message == "unexpected `item`" and d.hint is not None
    assert d.hint.startswith("expected ") and "not closed" not in d.hint


def test_expected_tokens_are_those_that_could_really_come_next() -> None:
    # LALR's merged states listed `)`, `*` and `+` or `-` after a finished title
    with pytest.raises(PolicyError) as err:
        parse_text('fact a : bool\nmeasure m must {\n  cite c: item 1\n  title en "x"\n'
                   "  requre a\n}\n")
    (d,) = err.value.diagnostics
    assert d.hint is not None
    assert not any(t in d.hint for t in ("`)`", "`*`", "`+` or `-`", "`chosen`"))
    assert "did you mean `require`?" in d.hint
