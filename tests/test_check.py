"""The checker: names, types, citations and structure of a policy set.

One test per diagnostic code (code, message, position and hint), tests that every error is
collected, that Thai names check clean, that the PolicySet is filled in, golden files of
rendered diagnostics, and a property test that checking never raises.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import hypothesis
import pytest
from hypothesis import strategies as st

from goldens import check_golden
from govrules.checker import CODES, check_modules
from govrules.errors import Diagnostic, PolicyError, Severity, render_diagnostics
from govrules.facttypes import BOOL, DECIMAL, INT, TEXT, EnumType, ListType, RecordType, SetType
from govrules.model import PolicySet
from govrules.syntax import parse_text

GOLDEN = Path(__file__).parent / "golden" / "check"

HEAD = 'source doc { title en "d" }\npolicy p { }\n'
"""A source document and a policy header; the body of each test starts on line 3."""


class Checked:
    """The outcome of checking policy text, with helpers to find diagnostics and positions."""

    def __init__(self, files: dict[str, str]) -> None:
        self.files = files
        modules = [parse_text(text, name) for name, text in files.items()]
        self.policy_set, self.diagnostics = check_modules(modules, files)

    @property
    def text(self) -> str:
        return next(iter(self.files.values()))

    @property
    def codes(self) -> list[str]:
        return [d.code for d in self.diagnostics]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    def one(self, code: str) -> Diagnostic:
        """The only diagnostic with ``code``."""
        found = [d for d in self.diagnostics if d.code == code]
        assert len(found) == 1, self.render()
        return found[0]

    def pos(self, needle: str, nth: int = 0, file: str | None = None) -> tuple[int, int]:
        """Line and column of the ``nth`` occurrence of ``needle`` in the text."""
        text = self.files[file] if file else self.text
        offset = -1
        for _ in range(nth + 1):
            offset = text.index(needle, offset + 1)
        line = text.count("\n", 0, offset) + 1
        return line, offset - (text.rfind("\n", 0, offset) + 1) + 1

    def render(self) -> str:
        return render_diagnostics(self.diagnostics, self.files)


def run(body: str, *, head: bool = True, name: str = "t.pol") -> Checked:
    return Checked({name: (HEAD if head else "") + textwrap.dedent(body).lstrip("\n")})


def run_files(**files: str) -> Checked:
    return Checked({f"{n}.pol": textwrap.dedent(t).lstrip("\n") for n, t in files.items()})


def at(d: Diagnostic) -> tuple[int, int]:
    return d.span.line, d.span.column


def measure(require: str, extra: str = "") -> str:
    """A well-cited measure around one condition."""
    return f"measure m must {{ cite doc: section 1 {extra} require {require} }}\n"


KINDS = """
enum agency_kind { government_agency province public_organization }
fact agency.kind : agency_kind
"""

POSITIONS = """
record position { kind : text  remote : bool }
fact agency.positions : list of position
"""

WP_POSITIONS = POSITIONS.replace("remote : bool", "remote : bool  pattern : work_pattern")
"""Positions with a field of the options type of the decision ``work_pattern``."""

DECISION = """
decision work_pattern {
  cite doc: item 4
  for position in agency.positions
  option staggered { cite option 1 }
  option off_site { cite option 2 }
  rule r1 may allow off_site { cite item 1 when WHEN }
}
"""


def decision(when: str = "position.remote", extra: str = "") -> str:
    """The decision ``work_pattern`` with rule ``r1 … when WHEN``, and ``extra`` clauses."""
    body = DECISION.replace("WHEN", when)
    return body.replace("  option staggered", extra + "  option staggered")


# ---------------------------------------------------------------------------- names


class TestNames:
    def test_e210_unknown_name_with_did_you_mean(self) -> None:
        r = run("fact agency.staff_count : int\n" + measure("agency.staf_count > 1"))
        d = r.one("E210")
        assert d.message == "unknown name `agency.staf_count`"
        assert at(d) == r.pos("agency.staf_count")
        assert d.span.end_column - d.span.column == len("agency.staf_count")
        assert d.hint == "did you mean `agency.staff_count`?"

    def test_e210_without_suggestion(self) -> None:
        r = run("fact a : bool\n" + measure("a and zzzzzz"))
        d = r.one("E210")
        assert d.message == "unknown name `zzzzzz`"
        assert d.hint == "declare it with `fact NAME : TYPE`"

    def test_e210_suggests_fields_of_variables_in_scope(self) -> None:
        r = run(POSITIONS + decision("positon.remote"))
        d = r.one("E210")
        assert d.hint == "did you mean `position.remote`?"

    def test_e211_enum_value_and_fact(self) -> None:
        r = run("enum state { ready idle }\nfact s : state\nfact ready : bool\n"
                + measure("ready and s == idle"))
        d = r.one("E211")
        assert d.message == "`ready` is both a fact and a value of `state`"
        assert at(d) == r.pos("ready", 2)
        assert d.hint == "rename the enum value or the fact"

    def test_e211_enum_value_and_definition(self) -> None:
        r = run("enum state { ready idle }\nfact s : state\ndefine ready = s == idle\n"
                + measure("ready"))
        assert r.one("E211").message == "`ready` is both a definition and a value of `state`"

    def test_e212_unknown_field(self) -> None:
        r = run(POSITIONS + decision('position.knd == "a"'))
        d = r.one("E212")
        assert d.message == "record `position` has no field `knd`"
        assert at(d) == r.pos("position.knd")
        assert d.hint == "did you mean `kind`?"

    def test_e212_field_of_a_field(self) -> None:
        r = run(POSITIONS + decision("position.remote.x"))
        d = r.one("E212")
        assert d.message == "`position.remote` is a `bool`, whose fields cannot be read"
        assert d.hint == "conditions read one level of fields, such as `position.remote`"

    def test_e213_whole_record(self) -> None:
        r = run(POSITIONS + measure("all(p in agency.positions: p)"))
        d = r.one("E213")
        assert d.message == "`p` is a whole `position` record"
        assert at(d) == r.pos("p)")
        assert d.hint == "name one of its fields, such as `p.kind`"

    def test_e214_variable_hides_a_fact(self) -> None:
        r = run(POSITIONS + measure("all(agency in agency.positions: agency.remote)"))
        d = r.one("E214")
        assert d.message == "variable `agency` hides `agency.positions`"
        assert at(d) == r.pos("agency in")
        assert d.hint == "choose a name that no fact, definition or enum value starts with"
        assert r.codes == ["E214"], "the names that meant the hidden fact are not reported"

    def test_e213_variable_that_is_a_record(self) -> None:
        r = run("record b { x : bool }\nfact l : list of b\n" + measure("all(v in l: v)"))
        d = r.one("E213")
        assert d.message == "`v` is a whole `b` record"
        assert d.hint == "name one of its fields, such as `v.x`"

    def test_e225_record_field_that_is_a_record(self) -> None:
        r = run("record a { x : int }\nrecord b { inner : a }\nfact l : list of b\n")
        d = r.one("E225")
        assert d.message == "a record field cannot be a whole `a` record"

    def test_e214_variable_bound_twice(self) -> None:
        r = run(POSITIONS + measure(
            "all(p in agency.positions: any(p in agency.positions: p.remote))"))
        d = r.one("E214")
        assert d.message == "variable `p` is already bound"
        assert at(d) == r.pos("p in", 1)
        assert d.hint == "choose another name for the inner variable"

    def test_e214_subject_hides_a_fact(self) -> None:
        r = run(POSITIONS + decision().replace("for position", "for agency")
                .replace("position.remote", "agency.remote"))
        assert r.one("E214").message == "variable `agency` hides `agency.positions`"

    def test_e215_definition_uses_a_decision_variable(self) -> None:
        r = run(POSITIONS + "define remote = position.remote\n" + decision("remote"))
        d = r.one("E215")
        assert d.message == "definition `remote` cannot use the variable `position`"
        assert at(d) == r.pos("position.remote")
        assert d.hint == "a `define` is global; write the condition in the decision's rules instead"

    def test_e216_definition_cycle(self) -> None:
        r = run("fact n : int\ndefine a = b and n > 1\ndefine b = c\ndefine c = a\n"
                + measure("a"))
        d = r.one("E216")
        assert d.message == "definitions refer to each other in a cycle: `a -> b -> c -> a`"
        assert at(d) == r.pos("a =")
        assert d.hint == "a definition cannot depend on itself; break the cycle"

    def test_definition_with_a_quantifier_over_its_own_name(self) -> None:
        r = run(POSITIONS + "define d = any(d in agency.positions: d.remote)\n" + measure("d"))
        assert r.one("E214").message == "variable `d` hides `d`"
        assert "E216" not in r.codes, "the bound `d` is not a reference to the definition"

    def test_e216_definition_refers_to_itself(self) -> None:
        r = run("define a = not a\n" + measure("a"))
        assert r.one("E216").message == "definitions refer to each other in a cycle: `a -> a`"

    def test_e217_record_cycle(self) -> None:
        r = run("record a { x : b }\nrecord b { y : a }\nfact l : list of a\n"
                + measure("size(l) > 0"))
        d = r.one("E217")
        assert d.message == "records contain each other in a cycle: `a -> b -> a`"
        assert at(d) == (3, 8)
        assert d.hint == "a record cannot contain itself, directly or through other records"


# ---------------------------------------------------------------------------- declarations


class TestDeclarations:
    def test_e220_fact_declared_twice(self) -> None:
        r = run("fact a : bool\nfact a : int\n" + measure("a"))
        d = r.one("E220")
        assert d.message == "fact `a` is declared more than once"
        assert at(d) == (4, 6)
        assert d.hint == "the name is already used by the fact at t.pol:3:1"

    def test_e220_definition_with_a_fact_name(self) -> None:
        r = run("fact a : bool\ndefine a = true\n" + measure("a"))
        assert r.one("E220").message == "definition `a` is declared more than once"

    def test_e220_type_names_are_shared(self) -> None:
        r = run("enum kind { a }\nrecord kind { x : int }\nfact k : kind\n" + measure("k == a"))
        d = r.one("E220")
        assert d.message == "record `kind` is declared more than once"
        assert d.hint == "the name is already used by the enum at t.pol:3:1"

    def test_e220_duplicate_enum_value_and_field(self) -> None:
        r = run("enum kind { a b a }\nrecord pos { x : int  x : text }\n"
                "fact k : kind\nfact l : list of pos\n" + measure("k == a and size(l) > 0"))
        messages = [d.message for d in r.errors]
        assert messages == ["value `a` is declared more than once in enum `kind`",
                            "field `x` is declared more than once in record `pos`"]
        assert at(r.errors[0]) == r.pos("a }")

    def test_e220_source_declared_twice(self) -> None:
        r = run('source doc { title en "again" }\nfact a : bool\n' + measure("a"))
        d = r.one("E220")
        assert d.message == "source `doc` is declared more than once"
        assert at(d) == (3, 8)
        assert d.hint == "it is first declared at t.pol:1:1"

    def test_e221_builtin_type_name(self) -> None:
        r = run("enum int { a }\nfact a.b : bool\n" + measure("a.b"))
        d = r.one("E221")
        assert d.message == "`int` is a built-in type and cannot be redeclared"
        assert at(d) == (3, 6)
        assert d.hint == "give the enum another name"

    def test_e222_unknown_type(self) -> None:
        r = run("fact a : bol\n" + measure("a"))
        d = r.one("E222")
        assert d.message == "unknown type `bol`"
        assert at(d) == (3, 10)
        assert d.hint == "did you mean `bool`?"
        assert r.errors == [d], "a fact of an unknown type is still a declared fact"

    def test_e223_set_of_a_non_enum(self) -> None:
        r = run("fact a : set of int\n" + measure("size(a) > 1"))
        d = r.one("E223")
        assert d.message == "`set of int` needs an enum, but `int` is not one"
        assert at(d) == (3, 10)
        assert d.hint == "sets hold enum values; declare `enum NAME { … }`"

    def test_e224_list_of_a_non_record(self) -> None:
        r = run(KINDS + "fact a : list of agency_kind\n" + measure("agency.kind == province"))
        d = r.one("E224")
        assert d.message == "`list of agency_kind` needs a record, but `agency_kind` is not one"
        assert d.hint == "lists hold records; declare `record NAME { … }`"

    def test_e225_record_field_list(self) -> None:
        r = run("record a { x : int }\nrecord b { xs : list of a }\nfact l : list of b\n"
                + measure("size(l) > 0"))
        d = r.one("E225")
        assert d.message == "a record field cannot be a list"
        assert at(d) == r.pos("list of a")
        assert d.hint == "lists of records are facts of their own: `fact NAME : list of R`"

    def test_e226_fact_of_a_record(self) -> None:
        r = run("record a { x : int }\nfact f : a\n" + measure("size(f) > 1"))
        d = r.one("E226")
        assert d.message == "a fact cannot be a whole `a` record"
        assert d.hint == "declare `list of a`, or one fact per field"
        assert r.codes == ["E226"], "the fact is declared, of a type that is not known"

    def test_e227_fact_inside_another(self) -> None:
        r = run("fact agency : int\nfact agency.kind : int\n" + measure("agency > agency.kind"))
        d = r.one("E227")
        assert d.message == "fact `agency.kind` is inside the fact `agency`"
        assert at(d) == (4, 6)
        assert d.hint is not None and "`agency` cannot hold both a value and other facts" in d.hint

    def test_e228_empty_enum_and_record(self) -> None:
        r = run("enum e { }\nrecord r { }\nfact a : e\nfact l : list of r\n"
                + measure("a == a and size(l) > 0"))
        assert [(d.code, d.message) for d in r.errors] == [
            ("E228", "enum `e` has no values"), ("E228", "record `r` has no fields")]
        assert r.errors[0].hint == "list its values in the braces: `enum NAME { a b c }`"

    def test_record_may_hold_enums_sets_and_decision_options(self) -> None:
        record = WP_POSITIONS.replace("remote : bool", "remote : bool  s : set of sys")
        r = run("enum sys { a b }\n" + record
                + decision("position.s includes a and position.pattern == off_site"))
        assert r.errors == []


# ---------------------------------------------------------------------------- policies


class TestPolicies:
    def test_e230_measure_without_policy(self) -> None:
        r = run('source doc { title en "d" }\nfact a : bool\n' + measure("a"), head=False)
        d = r.one("E230")
        assert d.message == "file `t.pol` has no policy"
        assert at(d) == (3, 9)
        assert d.hint == ("a file with measures or decisions starts with `policy ID { … }` "
                          "or `in policy ID`")

    def test_declarations_need_no_policy(self) -> None:
        r = run_files(a=HEAD + measure("x"), b="fact x : bool\n")
        assert r.errors == []
        assert r.policy_set is not None
        assert r.policy_set.measures[0].policy.id == "p"

    def test_e231_policy_defined_twice(self) -> None:
        r = run_files(a=HEAD, b="policy p { }\nfact x : bool\n" + measure("x"))
        d = r.one("E231")
        assert d.message == "policy `p` is defined more than once"
        assert d.span.file == "b.pol" and at(d) == (1, 8)
        assert d.hint == ("it is first defined at a.pol:2:1; other files join it with "
                          "`in policy p`")

    def test_e232_two_policies_in_a_file(self) -> None:
        r = run("policy q {\n  title en \"Q\"\n}\nfact x : bool\n" + measure("x"))
        d = r.one("E232")
        assert d.message == "file `t.pol` names more than one policy"
        assert at(d) == (3, 1) and (d.span.end_line, d.span.end_column) == (3, 2)
        assert d.hint == "a file belongs to one policy; put other policies in other files"

    def test_e233_unknown_policy(self) -> None:
        r = run_files(a=HEAD + "fact x : bool\n", b="in policy pp\n" + measure("x"))
        d = r.one("E233")
        assert d.message == "unknown policy `pp`"
        assert d.span.file == "b.pol" and at(d) == (1, 11)
        assert d.hint == "did you mean `p`?"

    def test_e234_unknown_source_document(self) -> None:
        r = run("policy q { source dcc }\n", head=False)
        d = r.one("E234")
        assert d.message == "unknown source document `dcc`"
        assert at(d) == (1, 19)
        assert d.hint == 'declare it with `source dcc { title th "…" }`'

    def test_e234_citation_with_did_you_mean(self) -> None:
        r = run('source rd2546 { title en "x" }\nfact a : bool\n'
                "measure m must { cite rd2564: section 50 require a }\n")
        d = r.one("E234")
        assert d.message == "unknown source document `rd2564`"
        assert at(d) == r.pos("rd2564")
        assert d.hint == "did you mean `rd2546`?"

    def test_policy_applies_is_a_condition(self) -> None:
        r = run("policy q { applies when n }\nfact n : int\n", head=False)
        assert r.one("E301").message == "`applies when` needs a `bool` condition, found `int`"


# ---------------------------------------------------------------------------- citations


class TestCitations:
    def test_e235_measure_cites_nothing(self) -> None:
        r = run("fact a : bool\nmeasure s50.1 must { require a }\n")
        d = r.one("E235")
        assert d.message == "measure `s50.1` cites no source"
        assert at(d) == (4, 9)
        assert d.hint == "every rule cites its source: add `cite DOC: section 50 …`"

    def test_e235_method_option_and_rule(self) -> None:
        r = run("fact a : bool\nmeasure m must { cite doc: section 1\n"
                "  method ๒ { require a }\n}\n"
                "decision d { cite doc: item 1 option x rule r may allow x { when a } }\n")
        assert [d.message for d in r.errors] == [
            "method 2 of measure `m` cites no source",
            "option `x` of decision `d` cites no source",
            "rule `r` of decision `d` cites no source",
        ]
        method = r.errors[0]
        assert at(method) == (5, 3) and method.span.end_column == 11
        assert method.hint == ("every rule cites its source: add `cite DOC: section 50 …`, or "
                               "`cite method ๓` to extend the citation of its parent")

    def test_e236_measure_citation_must_name_the_document(self) -> None:
        r = run("fact a : bool\nmeasure m must { cite section 50 require a }\n")
        d = r.one("E236")
        assert d.message == "the citation of measure `m` does not name its document"
        assert at(d) == r.pos("cite section")
        assert d.hint == ("write `cite DOC: section 50 …`; only methods, options and rules may "
                          "cite relative to their parent")

    def test_relative_and_absolute_citations_below_a_measure(self) -> None:
        r = run('source other { title en "o" }\nfact a : bool\n'
                "measure m must { cite doc: section 1\n"
                "  method 1 { cite method ๑) require a }\n"
                "  method 2 { cite other: item 3 require a }\n}\n")
        assert r.diagnostics == []


# ---------------------------------------------------------------------------- measures


class TestMeasures:
    def test_e240_duplicate_measure_ids_across_files(self) -> None:
        r = run_files(a=HEAD + "fact x : bool\n" + measure("x"),
                      b="in policy p\ndecision m { cite doc: item 1 option o { cite option 1 } }")
        d = r.one("E240")
        assert d.message == "decision id `m` is used more than once"
        assert d.span.file == "b.pol" and at(d) == (2, 10)
        assert d.hint == "it is first used at a.pol:4:1"

    @pytest.mark.parametrize("other", [
        "measure m.m1 may { cite doc: item 2 require a }",
        "item m.m1 { cite doc: item 2 }",
        "decision m.m1 { cite doc: item 1 option o { cite option 1 } }",
    ])
    def test_e240_an_id_that_is_a_methods_verdict_id(self, other: str) -> None:
        r = run("fact a : bool\nmeasure m must { cite doc: section 1\n"
                "  method ๑ { cite method 1 require a }\n  require all methods\n}\n"
                + other + "\n")
        d = r.one("E240")
        assert d.message == ("`m.m1` is used more than once: it is also the id of method 1 "
                             "of measure `m`")
        assert at(d)[0] == 8 and d.hint is not None and ":5:3)" in d.hint

    def test_w206_methods_beside_a_condition_that_ignores_them(self) -> None:
        r = run("fact a : bool\nmeasure m must { cite doc: section 1\n"
                "  method 1 { cite method 1 require a }\n  require a\n}\n")
        d = r.one("W206")
        assert d.message == "measure `m` has methods, but its `require` does not use them"
        assert at(d) == (6, 3)  # (after the two lines of HEAD)
        assert run("fact a : bool\nmeasure m must { cite doc: section 1\n"
                   "  method 1 { cite method 1 require a }\n  require all methods\n}\n"
                   ).diagnostics == []

    def test_e241_method_numbers_with_thai_digits(self) -> None:
        r = run("fact a : bool\nmeasure m must { cite doc: section 1\n"
                "  method ๑ { cite method ๑ require a }\n"
                "  method 1 { cite method 1 require a }\n}\n")
        d = r.one("E241")
        assert d.message == "method 1 appears twice in measure `m`"
        assert at(d) == (6, 3) and d.span.end_column == 11
        assert d.hint == "it is first given at t.pol:5:3"

    def test_e242_require_all_methods_without_methods(self) -> None:
        r = run("fact a : bool\nmeasure m must { cite doc: section 1 require all methods }\n")
        d = r.one("E242")
        assert d.message == "`require all methods`, but measure `m` has no methods"
        assert at(d) == r.pos("require all")
        assert d.hint == "write `require CONDITION` instead"
        assert r.diagnostics[0].code == "W201"

    def test_e242_in_a_method(self) -> None:
        r = run("measure m must { cite doc: section 1\n"
                "  method 1 { cite method 1 require any methods }\n}\n")
        assert r.one("E242").message == (
            "`require any methods`, but method 1 of measure `m` has no methods")

    def test_e243_measure_without_require_or_methods(self) -> None:
        r = run("measure m must { cite doc: section 1 }\n")
        d = r.one("E243")
        assert d.message == "measure `m` has neither `require` nor methods"
        assert at(d) == (3, 9)
        assert d.hint == "add `require CONDITION`, or methods with their own `require`"

    def test_e244_method_without_require(self) -> None:
        r = run("measure m must { cite doc: section 1\n  method 3 { cite method 3 }\n}\n")
        d = r.one("E244")
        assert d.message == "method 3 of measure `m` has no `require`"
        assert at(d) == (4, 3)
        assert d.hint == "say when the method is met: `require CONDITION`"

    def test_methods_without_require_means_all_methods(self) -> None:
        r = run("fact a : bool\nmeasure m must { cite doc: section 1\n"
                "  method 1 { cite method 1 require a }\n}\n")
        assert r.diagnostics == []


# ---------------------------------------------------------------------------- decisions


class TestDecisions:
    def test_e250_decision_without_options(self) -> None:
        r = run("decision d { cite doc: item 1 }\n")
        d = r.one("E250")
        assert d.message == "decision `d` has no options"
        assert at(d) == (3, 10)
        assert d.hint == "declare its options: `option ID { cite … }`"

    def test_e251_option_twice(self) -> None:
        r = run("decision d { cite doc: item 1 option a { cite option 1 } option a }\n")
        assert r.codes == ["E235", "E251"]
        d = r.one("E251")
        assert d.message == "option `a` is declared twice in `d`"
        assert at(d) == r.pos("a }")
        assert d.hint == "delete one of them"

    def test_e252_unknown_option(self) -> None:
        r = run(POSITIONS + decision().replace("allow off_site", "allow ofsite"))
        d = r.one("E252")
        assert d.message == "`ofsite` is not an option of decision `work_pattern`"
        assert at(d) == r.pos("ofsite")
        assert d.hint == "did you mean `off_site`?"

    def test_e253_rule_twice(self) -> None:
        rule = "  rule r1 must exclude staggered { cite item 2 }\n"
        r = run(POSITIONS + decision(extra=rule))
        d = r.one("E253")
        assert d.message == "rule `r1` appears twice in decision `work_pattern`"
        assert at(d) == r.pos("r1 may")
        assert d.hint is not None and d.hint.startswith("it is first given at t.pol:")

    def test_e254_unknown_override(self) -> None:
        rule = "  rule r2 must exclude off_site { cite item 2 overrides r11 }\n"
        r = run(POSITIONS + decision(extra=rule))
        d = r.one("E254")
        assert d.message == "`r11` is not a rule of decision `work_pattern`"
        assert at(d) == r.pos("r11")
        assert d.hint == "did you mean `r1`?"
        r = run(POSITIONS + decision(extra=rule.replace("r11", "zz")))
        assert r.one("E254").hint == "the rules of `work_pattern` are `r2`, `r1`"

    def test_e255_self_override(self) -> None:
        rule = "  rule r2 must exclude off_site { cite item 2 overrides r2 }\n"
        r = run(POSITIONS + decision(extra=rule))
        d = r.one("E255")
        assert d.message == "rule `r2` overrides itself"
        assert at(d) == r.pos("r2", 1)
        assert d.hint == "`overrides` names another rule of the same decision"

    def test_e256_override_cycle(self) -> None:
        rules = ("  rule a must exclude off_site { cite item 2 overrides b }\n"
                 "  rule b must allow off_site { cite item 3 overrides c }\n"
                 "  rule c must allow off_site { cite item 3 overrides a }\n")
        r = run(POSITIONS + decision(extra=rules))
        d = r.one("E256")
        assert d.message == "rules override each other in a cycle: `a -> b -> c -> a`"
        assert at(d) == r.pos("a must")
        assert d.hint == "at most one of two rules can take precedence; drop one `overrides`"

    def test_e311_subject_is_not_a_list(self) -> None:
        r = run("fact n : int\ndecision d { cite doc: item 1 for x in n option a "
                "{ cite option 1 } rule r may allow a { cite item 1 when x.y } }\n")
        d = r.one("E311")
        assert d.message == "`for` needs a list of records, found `int`"
        assert at(d) == r.pos("n option")
        assert d.hint == "name a fact of type `list of RECORD`"
        assert r.codes == ["E311"]

    def test_subject_is_in_scope_in_applies_and_rules(self) -> None:
        r = run(POSITIONS + decision(extra="  applies when position.remote\n"))
        assert r.diagnostics == []
        r = run(POSITIONS + decision(extra="  applies when position.kind\n"))
        assert r.one("E301").message == "`applies when` needs a `bool` condition, found `text`"

    def test_e313_chosen_of_the_wrong_type(self) -> None:
        r = run(WP_POSITIONS + decision(extra="  chosen position.kind\n"))
        d = r.one("E313")
        assert d.message == "`chosen` must be an option of `work_pattern`, found `text`"
        assert at(d) == r.pos("position.kind")
        assert d.hint == "name an option, or a fact or field of type `work_pattern`"

    def test_chosen_may_be_an_option_or_a_field(self) -> None:
        for chosen in ("staggered", "position.pattern"):
            r = run(WP_POSITIONS + decision(extra=f"  chosen {chosen}\n"))
            assert r.diagnostics == [], r.render()
        r = run(WP_POSITIONS + decision(extra="  chosen stagered\n"))
        d = r.one("E305")
        assert d.message == "`stagered` is not a value of `work_pattern`"
        assert d.hint == "did you mean `staggered`?"


# ---------------------------------------------------------------------------- explanations


class TestExplanations:
    def test_e257_unknown_placeholder(self) -> None:
        r = run(POSITIONS + decision().replace(
            "when position.remote", 'when position.remote explain en "{positon.kind} {{x}}"'))
        d = r.one("E257")
        assert d.message == "unknown name `positon.kind` in explanation"
        assert at(d) == r.pos("{positon.kind}")
        assert d.span.end_column - d.span.column == len("{positon.kind}")
        assert d.hint == "did you mean `position.kind`?"

    def test_placeholder_with_an_unknown_field(self) -> None:
        r = run(POSITIONS + decision().replace(
            "when position.remote", 'when position.remote explain en "{position.kin}"'))
        d = r.one("E212")
        assert d.message == "record `position` has no field `kin`"
        assert at(d) == r.pos("{position.kin}")

    def test_e258_unclosed_placeholder(self) -> None:
        r = run("fact a : bool\n" + measure("a", 'explain th "{a"'))
        d = r.one("E258")
        assert d.message == "`{` is not closed in the explanation"
        assert at(d) == r.pos("explain")
        assert d.hint == ("placeholders are names in braces, such as `{agency.name}`; "
                          "write `{{` for a literal brace")

    def test_e258_empty_placeholder(self) -> None:
        r = run("fact a : bool\n" + measure("a", 'explain th "{ }"'))
        assert r.one("E258").message == "`{ }` is not a placeholder"

    def test_placeholders_resolve_like_names(self) -> None:
        r = run("fact agency.name : text\nfact a : bool\ndefine d = a\n"
                + measure("d", 'explain non_compliant en "{agency.name}: {d} {{literal}}"'))
        assert r.diagnostics == []

    def test_placeholder_of_a_whole_record(self) -> None:
        r = run(POSITIONS + decision().replace(
            "when position.remote", 'when position.remote explain en "{position}"'))
        assert r.one("E213").message == "`position` is a whole `position` record"


# ---------------------------------------------------------------------------- types


class TestTypes:
    @pytest.mark.parametrize(
        ("clause", "what"),
        [
            ("require n", "`require`"),
            ("applies when n require true", "`applies when`"),
            ("unless n require true", "`unless`"),
            ("require not n", "`not`"),
            ("require true and n", "`and`"),
            ("require true or n", "`or`"),
            ("require all(p in agency.positions: p.kind)", "the body of `all`"),
            ("require big", "`require`"),
        ],
    )
    def test_e301_conditions_are_bool(self, clause: str, what: str) -> None:
        r = run(POSITIONS + "fact n : int\ndefine big = n + 1\n"
                f"measure m must {{ cite doc: section 1 {clause} }}\n")
        d = r.one("E301")
        assert d.message.startswith(f"{what} needs a `bool` condition, found `")
        assert d.hint is not None and "a condition is a comparison" in d.hint

    def test_e301_position_and_rule_when(self) -> None:
        r = run(POSITIONS + decision("position.kind"))
        d = r.one("E301")
        assert d.message == "`when` needs a `bool` condition, found `text`"
        assert at(d) == r.pos("position.kind")

    @pytest.mark.parametrize(
        ("cond", "message"),
        [
            ('n == "5"', "cannot compare `int` with `text`"),
            ("agency.kind == o", "cannot compare `agency_kind` with `other`"),
            ("agency.positions == agency.positions",
             "cannot compare `list of position` with `list of position`"),
            ("as_of != true", "cannot compare `date` with `bool`"),
        ],
    )
    def test_e302_equality_of_different_types(self, cond: str, message: str) -> None:
        r = run(KINDS + POSITIONS + "enum other { position_kind_x }\nfact n : int\n"
                "fact o : other\n" + measure(f"{cond} and o == position_kind_x"))
        d = r.one("E302")
        assert d.message == message
        assert at(d) == r.pos(cond)
        assert d.hint in ("`==` needs two values of the same type",
                          "`!=` needs two values of the same type")

    def test_equality_mixes_int_and_decimal_and_compares_sets(self) -> None:
        r = run("enum s { a b }\nfact x : set of s\nfact y : set of s\nfact n : int\n"
                + measure("n == 1.5 and x == y and x != {a} and 2.0 >= n"))
        assert r.diagnostics == []

    def test_e303_ordering_needs_numbers_or_dates(self) -> None:
        r = run('fact t : text\nfact d : date\n' + measure('t < "b" and d <= as_of'))
        d = r.one("E303")
        assert d.message == "`<` needs two numbers or two dates, found `text` and `text`"
        assert at(d) == r.pos('t < "b"')
        assert d.hint == "only `int`, `decimal` and `date` values are ordered"

    def test_e304_in_needs_a_set(self) -> None:
        r = run("fact n : int\n" + measure("1 not in n"))
        d = r.one("E304")
        assert d.message == "`not in` needs a set on its right, found `int`"
        assert at(d) == r.pos("n }")
        assert d.hint == ("write the values in braces, such as `{a, b}`, or name a "
                          "`set of ENUM` fact")

    def test_e305_not_a_value_of_the_enum(self) -> None:
        r = run(KINDS + measure("agency.kind == provnce"))
        d = r.one("E305")
        assert d.message == "`provnce` is not a value of `agency_kind`"
        assert at(d) == r.pos("provnce")
        assert d.hint == "did you mean `province`?"

    def test_e305_lists_the_values_when_nothing_is_close(self) -> None:
        r = run(KINDS + measure("zzz != agency.kind"))
        d = r.one("E305")
        assert d.hint == ("the values of `agency_kind` are `government_agency`, `province`, "
                          "`public_organization`")

    def test_e305_a_value_of_another_enum(self) -> None:
        r = run(KINDS + "enum colour { red }\nfact c : colour\n"
                + measure("c == red and agency.kind in {province, red}"))
        d = r.one("E305")
        assert d.message == "`red` is not a value of `agency_kind`"
        assert at(d) == r.pos("red}")

    def test_e306_set_mixing_types(self) -> None:
        r = run("fact n : int\n" + measure('n in {1, "two"}'))
        d = r.one("E306")
        assert d.message == "a set cannot mix `int` and `text`"
        assert at(d) == r.pos('"two"')
        assert d.hint == "every value of a set has the same type"

    def test_e306_set_of_values_from_different_enums(self) -> None:
        r = run(KINDS + "enum colour { red }\nfact c : colour\n"
                + "define s = {province, red}\n" + measure("c == red and agency.kind == province"))
        assert r.one("E306").message == "a set cannot mix `agency_kind` and `colour`"

    def test_e306_set_of_bools(self) -> None:
        r = run("fact b : bool\n" + measure("b in {true, false}"))
        d = r.one("E306")
        assert d.message == "a set cannot hold `bool` values"
        assert d.hint == "a set holds enum values, numbers or texts"

    @pytest.mark.parametrize(
        ("cond", "message", "needle"),
        [
            ('n in {"a", "b"}', "a `int` cannot be in a `set of text`", "n in"),
            ("s includes c", "a `set of sys` cannot include a `colour`", "c and"),
            ("s includes {a, red}", "a `set of sys` cannot include a `colour`", None),
        ],
    )
    def test_e307_element_of_the_wrong_type(self, cond: str, message: str,
                                            needle: str | None) -> None:
        r = run("enum sys { a b }\nenum colour { red }\nfact s : set of sys\nfact c : colour\n"
                "fact n : int\n" + measure(f"{cond} and c == red"))
        if needle is None:
            assert r.one("E305").message == "`red` is not a value of `sys`"
            return
        d = r.one("E307")
        assert d.message == message
        assert at(d) == r.pos(needle)

    def test_e308_includes_needs_a_set(self) -> None:
        r = run("fact n : int\n" + measure("n includes 1"))
        d = r.one("E308")
        assert d.message == "`includes` needs a set of enum values on its left, found `int`"
        assert at(d) == r.pos("n includes")
        assert d.hint == "`A includes B` asks whether the set A holds the value or set B"

    def test_e309_subset_of_different_enums(self) -> None:
        r = run("enum sys { a b }\nenum colour { red }\nfact s : set of sys\n"
                "fact c : set of colour\n" + measure("s subset of c and {a} subset of s"))
        d = r.one("E309")
        assert d.message == ("`subset of` needs two sets of the same enum, found `set of sys` "
                             "and `set of colour`")
        assert at(d) == r.pos("s subset")

    def test_e310_arithmetic_needs_numbers(self) -> None:
        r = run("fact t : text\nfact b : bool\n" + measure("t + 1 > 0 and -b > 0"))
        first, second = [d for d in r.diagnostics if d.code == "E310"]
        assert first.message == "`+` needs two numbers, found `text` and `int`"
        assert at(first) == r.pos("t + 1")
        assert first.hint == "arithmetic works on `int` and `decimal` values"
        assert second.message == "`-` needs a number, found `bool`"
        assert r.codes == ["E310", "E310"], "no follow-up error for the comparison"

    def test_e311_quantifier_needs_a_list(self) -> None:
        r = run("enum sys { a }\nfact s : set of sys\n" + measure("any(x in s: x.y)"))
        d = r.one("E311")
        assert d.message == "`any` needs a list of records, found `set of sys`"
        assert at(d) == r.pos("s:")
        assert r.codes == ["E311"]

    def test_e312_size_needs_a_set_or_list(self) -> None:
        r = run("fact n : int\n" + measure("size(n) > 1"))
        d = r.one("E312")
        assert d.message == "`size` needs a set or a list, found `int`"
        assert at(d) == r.pos("n)")

    def test_e314_value_of_several_enums(self) -> None:
        r = run("enum a { x y }\nenum b { x z }\nfact fa : a\nfact fb : b\n"
                "define d = x\n" + measure("fa == y and fb == z and fa == x"))
        d = r.one("E314")
        assert d.message == "cannot tell which enum `x` belongs to"
        assert at(d) == r.pos("x\n")
        assert d.hint == ("it is a value of `a`, `b`; compare it with a fact of one of these "
                          "types")

    def test_e314_set_of_values_of_several_enums(self) -> None:
        r = run("enum a { x y }\nenum b { x y }\nfact fa : a\nfact fb : b\n"
                "define d = {x, y}\n" + measure("fa == y and fb == y"))
        d = r.one("E314")
        assert d.message == "cannot tell which enum this set belongs to"
        assert d.hint == "all its values belong to `a`, `b`"

    def test_e315_empty_set_without_context(self) -> None:
        r = run("fact b : bool\n" + measure("b and {} subset of {}"))
        d = r.one("E315")
        assert d.message == "cannot tell the type of the empty set `{}`"
        assert at(d) == r.pos("{}")

    def test_e316_definition_of_a_set_of_numbers(self) -> None:
        r = run("fact n : int\ndefine small = {1, 2}\n" + measure("n > 1"))
        d = r.one("E316")
        assert d.message == "definition `small` is a `set of int`"
        assert at(d) == r.pos("{1, 2}")

    def test_sets_of_literals_and_context(self) -> None:
        r = run(KINDS + "enum sys { a b }\nfact s : set of sys\nfact n : int\nfact t : text\n"
                + measure("n in {1, 2.5} and t not in {\"x\"} and province in {province} "
                          "and {a, b} subset of s and s includes {} and {a} includes a "
                          "and agency.kind in {government_agency}"))
        assert r.diagnostics == [], r.render()

    def test_quantifiers_count_and_size(self) -> None:
        r = run(POSITIONS + measure(
            "count(p in agency.positions: p.remote) * 2 + size(agency.positions) > 1.5 "
            "and all(p in agency.positions: any(q in agency.positions: q.kind == p.kind))"))
        assert r.diagnostics == [], r.render()

    def test_deep_arithmetic_does_not_exhaust_the_stack(self) -> None:
        r = run("fact n : int\n" + measure(" + ".join(["n"] * 240) + " > 0"))
        assert r.diagnostics == []

    def test_long_definition_chain_does_not_exhaust_the_stack(self) -> None:
        chain = "".join(f"define d{i} = d{i - 1} + 1\n" for i in range(1, 3000))
        r = run("fact n : int\ndefine d0 = n\n" + chain + measure("d2999 > 0"))
        assert r.diagnostics == []
        assert r.policy_set is not None and r.policy_set.define_types["d2999"] == INT


# ---------------------------------------------------------------------------- warnings


class TestWarnings:
    def test_w201_unused_fact(self) -> None:
        r = run("fact a : bool\nfact b : int\n" + measure("a"))
        d = r.one("W201")
        assert d.severity is Severity.WARNING
        assert d.message == "fact `b` is never used"
        assert at(d) == (4, 6)
        assert d.hint == "use it in a condition, or delete the declaration"
        assert r.policy_set is not None and r.policy_set.warnings == (d,)

    def test_w201_counts_placeholders_and_definitions(self) -> None:
        r = run("fact a : bool\nfact b : int\nfact c : text\ndefine unused = b > 1\n"
                + measure("a", 'explain en "{c}"'))
        assert r.diagnostics == []

    def test_w202_unused_enum(self) -> None:
        r = run("enum colour { red }\nfact a : bool\n" + measure("a"))
        d = r.one("W202")
        assert d.message == "enum `colour` is never used"
        assert at(d) == (3, 6)
        assert d.hint == "no fact or record field has this type; use it or delete it"

    def test_w203_ce_date_that_looks_like_be(self) -> None:
        r = run("fact d : date\n" + measure("d < 2567-10-01"))
        d = r.one("W203")
        assert d.message == "date `2567-10-01` is in the year 2567 C.E."
        assert at(d) == r.pos("2567")
        assert d.hint == "did you mean `2567-10-01 BE`?"

    def test_w204_be_date_far_from_now(self) -> None:
        r = run("fact d : date\nmeasure m must { cite doc: section 1\n"
                "  effective from 2018-03-01 BE until 2600-01-01 BE\n  require d < as_of }\n")
        d = r.one("W204")
        assert d.message == "date `2018-03-01 BE` is in the year 1475 C.E."
        assert at(d) == r.pos("2018")
        assert d.hint == "did you mean `2018-03-01` (C.E.)?"

    def test_plausible_dates_do_not_warn(self) -> None:
        r = run("fact d : date\n" + measure("d < 2567-10-01 BE and d > 2020-01-01"))
        assert r.diagnostics == []


# ---------------------------------------------------------------------------- the whole set


FULL = {
    "a.pol": """
source rd2546 { title th "พระราชกฤษฎีกา" dated 2546-10-09 BE }
policy s50 {
  source rd2546
  effective from 2561-03-01 BE
  applies when agency.kind in {government_agency, province}
}
enum agency_kind { government_agency th "ส่วนราชการ" en "government agency" province }
fact agency.kind : agency_kind th "ประเภท" en "kind"
fact agency.staff : int
record position { kind : text th "ประเภท"  pattern : work_pattern }
fact agency.positions : list of position
define big = agency.staff * 2 > 100.5
measure s50.1.10 must { cite rd2546: section 50 require big }
measure s50.1.9 should { cite rd2546: section 50 require agency.staff > 1 }
""",
    "b.pol": """
in policy s50
decision work_pattern {
  cite rd2546: section 4
  for p in agency.positions
  option staggered { title th "เหลื่อมเวลา" cite option 1 }
  option off_site { cite option 2 }
  rule r1 may allow staggered { cite item 1 when p.kind == "a" }
  chosen p.pattern
}
""",
}


class TestPolicySet:
    def test_fields(self) -> None:
        r = Checked({"b.pol": FULL["b.pol"], "a.pol": FULL["a.pol"]})
        ps = r.policy_set
        assert isinstance(ps, PolicySet), r.render()
        assert ps.files == ("a.pol", "b.pol")
        assert ps.sources["b.pol"] == FULL["b.pol"]
        assert list(ps.policies) == ["s50"] and list(ps.documents) == ["rd2546"]
        kinds = ps.enums["agency_kind"]
        assert kinds.values == ("government_agency", "province")
        assert kinds.labels["government_agency"] == {"th": "ส่วนราชการ",
                                                     "en": "government agency"}
        options = ps.enums["work_pattern"]
        assert options.values == ("staggered", "off_site")
        assert options.labels["staggered"] == {"th": "เหลื่อมเวลา"}
        assert ps.enum_values["province"] == ("agency_kind",)
        assert ps.enum_values["off_site"] == ("work_pattern",)
        position = ps.records["position"]
        assert position.fields == (("kind", TEXT), ("pattern", options))
        assert position.descriptions == {"kind": {"th": "ประเภท"}, "pattern": {}}
        assert ps.facts["agency.kind"].type == kinds
        assert ps.facts["agency.kind"].descriptions == {"th": "ประเภท", "en": "kind"}
        assert ps.facts["agency.positions"].type == ListType(position)
        assert list(ps.defines) == ["big"] and ps.define_types == {"big": BOOL}
        assert [m.measure.id for m in ps.measures] == ["s50.1.9", "s50.1.10"]
        assert {m.policy.id for m in ps.measures} == {"s50"}
        (dec,) = ps.decisions
        assert dec.decision.id == "work_pattern" and dec.policy.id == "s50"
        assert dec.options_type == options
        assert ps.warnings == ()
        assert r.diagnostics == []

    def test_types_of_facts(self) -> None:
        r = run("enum sys { a }\nrecord r { x : decimal }\nfact s : set of sys\n"
                "fact l : list of r\n" + measure("s includes a and all(i in l: i.x > 1)"))
        assert r.policy_set is not None
        sys = r.policy_set.enums["sys"]
        assert r.policy_set.facts["s"].type == SetType(sys)
        assert r.policy_set.records["r"] == RecordType("r", (("x", DECIMAL),))
        assert isinstance(r.policy_set.enums["sys"], EnumType)

    def test_all_errors_are_collected(self) -> None:
        r = run(KINDS + "fact n : int\n"
                "measure m must {\n"
                "  require agency.kind == provnce and n == \"x\" and zz\n"
                "}\n"
                "measure m should { cite nowhere: section 1 require n + 1 }\n")
        assert r.policy_set is None
        assert sorted(r.codes) == ["E210", "E234", "E235", "E240", "E301", "E302", "E305"]
        assert len(r.errors) == 7

    def test_five_different_errors_give_five_diagnostics(self) -> None:
        r = run("fact a : bol\n"
                "measure m must { require b }\n"
                "decision d { cite doc: item 1 }\n"
                "define x = 1 + true\n")
        assert [d.code for d in r.errors] == ["E222", "E235", "E210", "E250", "E310"]

    def test_diagnostics_are_sorted_and_independent_of_file_order(self) -> None:
        files = {"b.pol": "in policy p\n" + measure("zz") + measure("yy"),
                 "a.pol": HEAD + "fact x : bool\n" + measure("x") + measure("q")}
        forward = Checked(files).diagnostics
        backward = Checked(dict(reversed(list(files.items())))).diagnostics
        assert forward == backward
        keys = [(d.span.file, d.span.line, d.span.column, d.code) for d in forward]
        assert keys == sorted(keys)

    def test_thai_identifiers_check_clean(self) -> None:
        text = """
        source พรฎ { title th "พระราชกฤษฎีกา" }
        policy มาตรา๕๐ { source พรฎ }
        enum ประเภทหน่วยงาน { ส่วนราชการ th "ส่วนราชการ" จังหวัด องค์การมหาชน }
        enum ระบบ { สารบรรณอิเล็กทรอนิกส์ ประชุมออนไลน์ }
        fact หน่วยงาน.ประเภท : ประเภทหน่วยงาน th "ประเภทหน่วยงาน"
        fact หน่วยงาน.จำนวนบุคลากร : int th "จำนวนบุคลากร"
        fact หน่วยงาน.ระบบ : set of ระบบ
        record ตำแหน่ง { ประเภทงาน : text  ทำงานนอกสถานที่ได้ : bool }
        fact หน่วยงาน.ตำแหน่ง : list of ตำแหน่ง
        define ขนาดใหญ่ th "หน่วยงานขนาดใหญ่" = หน่วยงาน.จำนวนบุคลากร > ๑๐๐
        measure ม๕๐.๑.๑ ต้อง {
          cite พรฎ: มาตรา ๕๐, ประเด็น ๑.๑
          explain th "{หน่วยงาน.จำนวนบุคลากร} คน"
          method ๑ { cite วิธีการ ๑) require ขนาดใหญ่ }
          method ๒ { cite วิธีการ ๒) require หน่วยงาน.ระบบ includes {สารบรรณอิเล็กทรอนิกส์} }
          applies when หน่วยงาน.ประเภท in {ส่วนราชการ, จังหวัด}
        }
        decision รูปแบบการทำงาน {
          cite พรฎ: ข้อ ๔.๔
          for ต in หน่วยงาน.ตำแหน่ง
          option เหลื่อมเวลา { cite ทางเลือก ๑ }
          option นอกสถานที่ { cite ทางเลือก ๒ }
          rule ทำงานที่บ้าน อาจ allow นอกสถานที่ {
            cite ข้อ ๕
            when ต.ทำงานนอกสถานที่ได้ and ต.ประเภทงาน != "ภาคสนาม"
            explain th "ตำแหน่ง {ต.ประเภทงาน}"
          }
        }
        """
        text = text.replace("๑๐๐", "100")
        r = Checked({"ไทย.pol": textwrap.dedent(text).lstrip("\n")})
        assert r.diagnostics == [], r.render()
        assert r.policy_set is not None
        assert r.policy_set.facts["หน่วยงาน.จำนวนบุคลากร"].type == INT
        assert r.policy_set.enum_values["จังหวัด"] == ("ประเภทหน่วยงาน",)

    def test_thai_typo_points_at_the_thai_name(self) -> None:
        r = run("fact หน่วยงาน.จำนวนบุคลากร : int\n" + measure("หน่วยงาน.จำนวนบุคลกร > 1"))
        d = r.one("E210")
        assert at(d) == r.pos("หน่วยงาน.จำนวนบุคลกร")
        assert d.span.end_column - d.span.column == len("หน่วยงาน.จำนวนบุคลกร")
        assert d.hint == "did you mean `หน่วยงาน.จำนวนบุคลากร`?"

    def test_sara_am_typed_either_way_is_one_name(self) -> None:
        decomposed = "หน่วยงาน.จ\u0e4d\u0e32นวน"
        r = run("fact หน่วยงาน.จำนวน : int\n" + measure(f"{decomposed} > 1",
                                                        f'explain th "{{{decomposed}}}"'))
        assert r.diagnostics == []

    def test_spans_stay_whole_when_the_text_is_not_the_parsed_one(self) -> None:
        text = HEAD + "fact a : bool\nmeasure m must { require a }\n"
        module = parse_text(text, "t.pol")
        for sources, column in (({"t.pol": text}, 9), ({"t.pol": "\n" + text}, 1), ({}, 1)):
            _, diags = check_modules([module], sources)
            (d,) = diags
            assert d.code == "E235" and at(d) == (4, column)

    def test_every_code_is_documented_and_well_formed(self) -> None:
        for code, meaning in CODES.items():
            assert code[0] in "EW" and len(code) == 4 and meaning == meaning.strip()

    def test_empty_set_of_modules(self) -> None:
        ps, diags = check_modules([], {})
        assert diags == [] and ps is not None and ps.files == ()


# ---------------------------------------------------------------------------- golden files


@pytest.mark.parametrize("case", sorted(p.stem for p in GOLDEN.glob("*.pol")))
def test_golden_diagnostics(case: str, request: pytest.FixtureRequest) -> None:
    name = f"{case}.pol"
    text = (GOLDEN / name).read_text(encoding="utf-8")
    _, diagnostics = check_modules([parse_text(text, name)], {name: text})
    assert diagnostics, "a golden case shows at least one diagnostic"
    check_golden(GOLDEN / f"{case}.txt", render_diagnostics(diagnostics, {name: text}), request)


def test_there_are_enough_golden_cases() -> None:
    assert len(list(GOLDEN.glob("*.pol"))) >= 8


# ---------------------------------------------------------------------------- properties


FRAGMENTS = [
    'source doc { title en "d" }',
    "policy p { source doc applies when a }",
    "policy p { }",
    "in policy p",
    "in policy q",
    "enum k { x y }",
    "enum k { x }",
    "enum int { x }",
    "record r { f : k  g : int  h : r }",
    "record r { f : list of r }",
    "fact a : bool",
    "fact a : k",
    "fact b : set of k",
    "fact l : list of r",
    "fact r : r",
    "fact a.b : int",
    "define d = a and d",
    "define e = {x, y}",
    "define f = {1, 2}",
    "define g = size(l) + 1",
    "measure m must { cite doc: section 1 require a }",
    "measure m must { cite s 1 method 1 { require x in b } require all methods }",
    "measure m2 should { method 1 { cite m 1 require any methods } }",
    "measure m3 may { require all(v in l: v.f == x and v.g > 1) explain en \"{v.f} {a\" }",
    "measure m4 must { cite doc: s 1 require b includes {x} and {} subset of b and -a }",
    "decision m { option o }",
    "decision dd { cite doc: s 1 for v in l option o { cite o 1 } option o "
    "rule r may allow o, z { when v.h overrides r, s } chosen v.f }",
    "decision dd { cite doc: s 1 for a in a rule s must exclude o { overrides r } }",
    "define h = 2567-01-01 < as_of and 1000-01-01 BE > as_of",
]


@hypothesis.settings(max_examples=300, deadline=None)
@hypothesis.given(st.lists(st.lists(st.sampled_from(FRAGMENTS), max_size=8), min_size=1,
                           max_size=3))
def test_checking_never_raises(files: list[list[str]]) -> None:
    sources = {f"f{i}.pol": "\n".join(lines) + "\n" for i, lines in enumerate(files)}
    modules = []
    for name, text in sources.items():
        try:
            modules.append(parse_text(text, name))
        except PolicyError:
            return
    policy_set, diagnostics = check_modules(modules, sources)
    assert (policy_set is None) == any(d.is_error for d in diagnostics)
    for d in diagnostics:
        text = sources[d.span.file]
        assert 0 <= d.span.start <= d.span.end <= len(text)
        assert d.message == d.message.strip() and d.message[:1] == d.message[:1].lower()
        assert d.code in CODES
    render_diagnostics(diagnostics, sources)


class TestItemsAndRefs:
    def test_items_refs_and_ambiguities_check_clean(self) -> None:
        r = run("""
            item s50.goal.1 { cite doc: goal 1 title en "Well-being" }
            enum kind ref_free { a ref nn.a2.position.a th "เอ" }
            fact k : kind
            measure m must not { cite doc: section 1 ambiguity A28 require k == a }
            """.replace("ref_free ", ""))
        assert not r.diagnostics
        assert r.policy_set is not None
        assert [i.id for i in r.policy_set.items] == ["s50.goal.1"]
        assert r.policy_set.refs == ("nn.a2.position.a",)
        assert "nn.a2.position.a" in r.policy_set.all_ids()

    def test_item_needs_a_citation_and_a_unique_id(self) -> None:
        r = run("""
            item s50.goal.1 { title en "Well-being" }
            item s50.goal.1 { cite doc: goal 1 }
            """)
        assert r.one("E235").message == "item `s50.goal.1` cites no source"
        assert r.one("E240").message == "item id `s50.goal.1` is used more than once"

    def test_e245_ref_that_is_taken(self) -> None:
        r = run("""
            item x.y { cite doc: goal 1 }
            enum kind { a ref x.y }
            fact k : kind
            measure m must { cite doc: section 1 require k == a }
            """)
        assert r.one("E245").message == "`x.y` is already the id of something else"

    def test_w205_ambiguity_form(self) -> None:
        r = run("fact a : bool\n" + measure("a", "ambiguity five"))
        assert r.one("W205").message == "ambiguity `five` is not of the form `A<number>`"

    def test_w205_ambiguity_form_of_a_policy(self) -> None:
        r = run("""
            source doc { title en "D" }
            policy p {
              title en "P"
              interpretation en "Why the policy applies as it does."
              ambiguity A6, six
            }
            """, head=False)
        assert r.codes == ["W205"]
        assert r.one("W205").message == "ambiguity `six` is not of the form `A<number>`"
        assert at(r.one("W205")) == r.pos("six")


_NAMEISH = st.text(alphabet="ab._ก่ำ1 (", max_size=12)


@hypothesis.given(text=_NAMEISH, needle=st.text(alphabet="ab._ก่ำ1", min_size=1, max_size=3),
                  lo=st.integers(0, 12), hi=st.integers(0, 12), word=st.booleans())
@hypothesis.example(text="ab", needle="a", lo=0, hi=1, word=True)  # the end of the span ends it
@hypothesis.example(text="ba", needle="a", lo=1, hi=2, word=True)  # what precedes it counts
@hypothesis.example(text="a.b", needle="b", lo=0, hi=3, word=True)  # `.` joins a dotted name
@hypothesis.example(text="กำ", needle="ก", lo=0, hi=2, word=True)  # a Thai vowel continues it
def test_name_search_agrees_with_the_regular_expression(text: str, needle: str, lo: int,
                                                        hi: int, word: bool) -> None:
    # The checker finds a name inside a span by scanning; this is the expression it replaced.
    import re

    from govrules.checker import _NAME_CHAR, _Reporter

    if word:
        pattern = rf"(?<!{_NAME_CHAR}){re.escape(needle)}(?!{_NAME_CHAR})"
        m = re.compile(pattern).search(text, lo, hi)
        expected = (m.start(), m.end()) if m else None
    else:
        at = text.find(needle, lo, hi)
        expected = (at, at + len(needle)) if at >= 0 else None
    assert _Reporter._search(text, needle, lo, hi, word) == expected


def test_one_file_named_twice_is_checked_once(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import govrules

    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "a.pol").write_text(HEAD + "fact a : bool\n", encoding="utf-8")
    (tmp_path / "link.pol").symlink_to(tmp_path / "p" / "a.pol")
    monkeypatch.chdir(tmp_path)
    for paths in (["p", "./p/a.pol"], ["p", str(tmp_path / "p" / "a.pol")], ["p", "link.pol"]):
        result = govrules.check(paths, analyze=False)
        assert [d.code for d in result.diagnostics] == ["W201"], paths  # no E220 duplicates
        assert list(result.sources) == [os.path.join("p", "a.pol")]


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("body", ["fact a : bool\n", "fact a : bool\nfact a : int\n", "fact a :"])
def test_checking_leaves_the_cycle_collector_as_it_found_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, enabled: bool, body: str) -> None:
    import gc

    import govrules

    monkeypatch.setenv("GOVRULES_NO_CACHE", "1")
    (tmp_path / "a.pol").write_text(HEAD + body, encoding="utf-8")
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        govrules.check(tmp_path, analyze=False)  # clean, with check errors, with a parse error
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_no_paths_is_an_error_not_an_empty_policy_set() -> None:
    import govrules

    result = govrules.check([])
    assert [d.code for d in result.diagnostics] == ["E108"] and result.policy_set is None
    with pytest.raises(PolicyError):
        govrules.load([])
