"""Policy tests (``govrules test``): facts and the verdicts they must give, beside the policies.

A test file is any ``*.test.yaml`` under the paths given. The policy set is every ``.pol`` file
under the same paths (``govrules test policies`` tests the shipped policies with the tests kept
among them)::

    as_of: 2024-06-01                  # default date of this file's tests
    tests:
      - name: complete department complies
        facts_file: ../../examples/agency_complete.yaml   # relative to this file; or facts: {...}
        as_of: 2567-06-01 BE           # optional, per test
        expect:
          s50.1.1.3: compliant
          s50.1.1.3.m2: {status: unknown, missing: [disclosure.data_classified_for_search]}
          s50.1.1.3.m4: {status: non_compliant, finding: violation, basis: law}
          "work_pattern[agency.positions[0]]": {status: compliant, options: {off_site: excluded}}

A key is a rule id (a measure, a method ``MEASURE.mN`` or a decision without subjects) or a
decision verdict's key ``DECISION[SUBJECT_KEY_PATH]``. Keys not listed are not checked; an
unknown key, field, status or outcome, or an ``as_of`` that is no date, is an error of the test
file (exit 2), reported at the key or value it is about (file, line and column) with a
did-you-mean hint. So are the errors of inline ``facts``; a ``facts_file`` that cannot be read is
reported at the ``facts_file:`` value, with a hint naming the test.

Coverage (``--coverage``) lists what no test exercised: measures, methods and decisions no test
decided (always not applicable or unknown), decision rules never seen firing and never seen not
firing, and every condition — by source location — never evaluated, never seen true or never
seen false.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import attrs
import yaml

from . import ast
from .dates import era_doubt, parse_date
from .errors import Diagnostic, FactsError, GovrulesError, Span
from .model import PolicySet
from .verdict import Report, Verdict

if TYPE_CHECKING:
    from .facts import Facts
    from .facttypes import FactDecl

__all__ = [
    "CODES",
    "Coverage",
    "Expectation",
    "Mismatch",
    "PolicyTest",
    "TestFileError",
    "TestResult",
    "TestRun",
    "load_test_file",
    "render_run",
    "run_tests",
]

CODES = {
    "E601": "a test file cannot be read or is not valid YAML",
    "E602": "a test file does not have the documented shape",
    "E603": "a test names a verdict key that no rule of the policy set has",
    "E604": "a test expects a status, finding, basis or option outcome that does not exist",
    "E605": "a test's facts cannot be loaded",
    "E606": "no policy files or no test files under the paths given",
}
"""The diagnostic codes of policy test files."""

STATUSES = ("compliant", "non_compliant", "unknown", "not_applicable", "conflict")
FINDINGS = ("violation", "advisory", "none")
BASES = ("law", "interpretation")
OUTCOMES = ("allowed", "recommended", "excluded", "not_addressed", "unknown", "conflict")
_TEST_KEYS = ("name", "facts_file", "facts", "as_of", "expect")
_EXPECT_KEYS = ("status", "missing", "finding", "basis", "options")


class TestFileError(GovrulesError):
    """A policy test file is malformed or names something that does not exist."""

    __test__ = False  # not a pytest test class


# ---------------------------------------------------------------------------- the data


@attrs.frozen
class Expectation:
    """What one verdict must be. ``None`` fields are not checked."""

    key: str
    line: int
    status: str | None = None
    missing: tuple[str, ...] | None = None
    finding: str | None = None
    basis: str | None = None
    options: Mapping[str, str] | None = None
    column: int = 1
    spans: Mapping[str, Span] = attrs.field(factory=dict, eq=False, repr=False)
    """Where parts of the expectation are in the test file: ``options`` (the key) and
    ``option:NAME`` (the key of each option)."""


@attrs.frozen
class PolicyTest:
    """One test: where it is, its facts (a file or a mapping), its date and expectations."""

    __test__ = False

    file: str
    line: int
    name: str
    as_of: dt.date | str
    expectations: tuple[Expectation, ...]
    facts_file: str | None = None
    facts: Mapping[str, object] | None = None
    facts_span: Span | None = attrs.field(default=None, eq=False, repr=False)
    """Where the test's ``facts`` or ``facts_file`` value is in the test file."""

    @property
    def location(self) -> str:
        """``file:line`` of the test."""
        return f"{self.file}:{self.line}"


@attrs.frozen
class Mismatch:
    """One expectation a verdict did not meet: what was expected and what came out."""

    key: str
    expected: str
    actual: str
    verdict: Verdict | None


@attrs.frozen
class TestResult:
    """The outcome of one test: passed when there is no mismatch."""

    __test__ = False

    test: PolicyTest
    mismatches: tuple[Mismatch, ...]
    report: Report

    @property
    def passed(self) -> bool:
        """True when every expectation held."""
        return not self.mismatches


@attrs.frozen
class Coverage:
    """What no test exercised.

    ``rules``: measures, methods and decisions no test decided (every verdict of theirs was
    not applicable or unknown);
    ``decision_rules``: ``decision.rule`` never seen firing (``never fired``) or never seen
    not firing (``always fired``); ``never_evaluated``, ``never_true``, ``never_false``:
    conditions, as ``file:line:column  text``, never given a known value, never true, never
    false.
    """

    rules: tuple[str, ...] = ()
    decision_rules: tuple[str, ...] = ()
    never_evaluated: tuple[str, ...] = ()
    never_true: tuple[str, ...] = ()
    never_false: tuple[str, ...] = ()
    conditions: int = 0


@attrs.frozen
class TestRun:
    """Every test run under the paths, in file and then source order, with coverage."""

    __test__ = False

    results: tuple[TestResult, ...]
    coverage: Coverage

    @property
    def passed(self) -> int:
        """How many tests passed."""
        return sum(1 for r in self.results if r.passed)

    @property
    def failed(self) -> int:
        """How many tests failed."""
        return len(self.results) - self.passed


# ---------------------------------------------------------------------------- reading


class _LinedLoader(yaml.SafeLoader):
    """A YAML loader that remembers where every mapping and sequence is, and each key, value
    and item of it (:class:`_Lined`, :class:`_LinedList`).

    Anchors and aliases are refused, as in facts files: an alias bomb would otherwise expand
    when the test's facts are walked.
    """

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "aliases are not allowed in test files", event.start_mark)
        return super().compose_node(parent, index)


_Pos = tuple[int, int, int, int, int, int]
"""Where a YAML node is: 1-based line and column of its start and of its end (just past it),
and its start and end offsets in characters, as :class:`~govrules.errors.Span` takes them."""


def _end_mark(node: yaml.Node) -> Any:
    """The end of a node; for a block collection, the end of its last value (PyYAML's own end
    of a block collection is where the next key starts, often lines further on)."""
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.value \
            and not node.flow_style:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return node.end_mark


def _pos(node: yaml.Node) -> _Pos:
    start, end = node.start_mark, _end_mark(node)
    return (start.line + 1, start.column + 1, end.line + 1, end.column + 1, start.index,
            end.index)


class _Lined(dict[Any, Any]):
    """A mapping of a test file, with where it is, where each key is and where each value is."""

    line: int = 0
    pos: _Pos | None = None
    key_pos: dict[Any, _Pos]
    value_pos: dict[Any, _Pos]


class _LinedList(list[Any]):
    """A sequence of a test file, with where it is and where each item is."""

    pos: _Pos | None = None
    item_pos: list[_Pos]


def _construct_mapping(loader: _LinedLoader, node: yaml.MappingNode) -> _Lined:
    out = _Lined()
    out.line = node.start_mark.line + 1
    out.pos = _pos(node)
    out.key_pos = {}
    out.value_pos = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_pos[key] = _pos(key_node)
        out.value_pos[key] = _pos(value_node)
    return out


def _construct_sequence(loader: _LinedLoader, node: yaml.SequenceNode) -> _LinedList:
    out = _LinedList(loader.construct_object(item, deep=True) for item in node.value)
    out.pos = _pos(node)
    out.item_pos = [_pos(item) for item in node.value]
    return out


def _construct_timestamp(loader: _LinedLoader, node: yaml.ScalarNode) -> object:
    """A date or time; text that only looks like one (``2024-02-30``) stays text, so that the
    test file reports it where it is instead of failing to load."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)
    except (KeyError, IndexError, AttributeError, TypeError):  # `!!timestamp abc`
        _invalid_tagged(node)


def _construct_bool(loader: _LinedLoader, node: yaml.ScalarNode) -> object:
    """A bool, as SafeLoader builds it; ``!!bool maybe`` is an error of the file."""
    from .facts import YAML11_BOOL, ambiguous_bool

    try:
        value = yaml.constructor.SafeConstructor.construct_yaml_bool(loader, node)
    except (KeyError, IndexError, AttributeError, TypeError, ValueError):
        _invalid_tagged(node)
    if not node.style and node.value.lower() in YAML11_BOOL:  # plain: None, or "" (libyaml)
        message, hint = ambiguous_bool(node.value, bool(value))
        raise yaml.constructor.ConstructorError(None, None, f"{message}; {hint}",
                                                node.start_mark)
    return bool(value)


def _invalid_tagged(node: yaml.ScalarNode) -> NoReturn:
    """Only an explicit tag (``!!int ""``) makes a scalar that its constructor refuses."""
    shown = "!!" + node.tag.rsplit(":", 1)[-1]
    raise yaml.constructor.ConstructorError(
        None, None, f"invalid `{shown}` value {json.dumps(node.value, ensure_ascii=False)}; "
        "remove the tag", node.start_mark)


def _construct_number(loader: _LinedLoader, node: yaml.ScalarNode) -> object:
    """An int or a float, as SafeLoader builds it; ``010`` (octal) and ``1:30`` (base 60) are
    refused, as in facts files (``E417``): inline facts must not read a number nobody wrote."""
    from .facts import YAML11_NUMBER, ambiguous_number

    build = (yaml.constructor.SafeConstructor.construct_yaml_int if node.tag.endswith(":int")
             else yaml.constructor.SafeConstructor.construct_yaml_float)
    try:
        value = build(loader, node)
    except (KeyError, IndexError, AttributeError, TypeError, ValueError):  # `!!int ""`
        _invalid_tagged(node)
    if not node.style and YAML11_NUMBER.match(node.value):  # plain: None, or "" from libyaml
        message, hint = ambiguous_number(node.value, value)
        raise yaml.constructor.ConstructorError(None, None, f"{message}; {hint}",
                                                node.start_mark)
    return value


def _add_constructors(loader: type[Any]) -> None:
    tags = yaml.resolver.BaseResolver
    loader.add_constructor(tags.DEFAULT_MAPPING_TAG, _construct_mapping)
    loader.add_constructor(tags.DEFAULT_SEQUENCE_TAG, _construct_sequence)
    loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
    loader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
    loader.add_constructor("tag:yaml.org,2002:int", _construct_number)
    loader.add_constructor("tag:yaml.org,2002:float", _construct_number)


_add_constructors(_LinedLoader)


def _refuse_aliases(root: yaml.Node) -> None:
    """Raise if a node is reached twice: libyaml's composer shares the node for an alias."""
    seen: set[int] = set()
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise yaml.composer.ComposerError(
                None, None, "aliases are not allowed in test files", node.start_mark)
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _fast_lined_loader() -> type[Any] | None:
    """:class:`_LinedLoader` with libyaml's parser (None without libyaml); an alias is
    refused once the document is composed, before anything is built from it."""
    if not hasattr(yaml, "CSafeLoader"):  # pragma: no cover - PyYAML built without libyaml
        return None

    class FastLinedLoader(yaml.CSafeLoader):
        def get_single_node(self) -> Any:
            node = super().get_single_node()
            if node is not None:
                _refuse_aliases(node)
            return node

    _add_constructors(FastLinedLoader)
    return FastLinedLoader


_FastLinedLoader = _fast_lined_loader()


def _load_yaml(text: str) -> Any:
    """The data of a YAML test file: mappings as :class:`_Lined`, sequences as
    :class:`_LinedList`, with where each key, value and item is.

    Aliases are refused. libyaml parses the text (about twenty times faster than PyYAML's
    pure-Python parser) and the composed nodes are checked for an alias before anything is
    built from them; on any error, the pure-Python parser reads the text again, so that the
    error — an alias where it stands, a syntax error — reads as it always has. Both give the
    same data, lines and columns (tests/test_testing.py compares them on every test file of
    the project).
    """
    if _FastLinedLoader is not None:
        try:
            return yaml.load(text, Loader=_FastLinedLoader)
        except yaml.YAMLError:
            pass  # parsed again below, so that the error reads as it always has
    return yaml.load(text, Loader=_LinedLoader)


def _error(code: str, message: str, file: str, line: int, hint: str | None = None,
           column: int = 1, width: int = 1) -> Diagnostic:
    span = Span(file, line, column, line, column + width) if line else Span.whole_file(file)
    return Diagnostic(code, message, span, hint)


def _error_at(code: str, message: str, span: Span, hint: str | None = None) -> Diagnostic:
    return Diagnostic(code, message, span, hint)


def _span(file: str, pos: _Pos | None, line: int = 0) -> Span:
    """The span of ``pos`` in ``file``; without one, column 1 of ``line`` (or the whole file)."""
    if pos is not None:
        return Span(file, *pos)
    return Span(file, line, 1, line, 2) if line > 0 else Span.whole_file(file)


def _key_pos(mapping: object, key: object) -> _Pos | None:
    return mapping.key_pos.get(key) if isinstance(mapping, _Lined) else None


def _value_pos(mapping: object, key: object) -> _Pos | None:
    return mapping.value_pos.get(key) if isinstance(mapping, _Lined) else None


def _own_pos(value: object) -> _Pos | None:
    return value.pos if isinstance(value, _Lined | _LinedList) else None


def _did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.5)
    if not close:
        return None
    return "did you mean " + " or ".join(f"`{c}`" for c in close) + "?"


_AS_OF_HINT = "write YYYY-MM-DD, or YYYY-MM-DD BE"


def _check_as_of(value: object, where: Span, errors: list[Diagnostic]) -> None:
    """An ``as_of`` that is no date is reported where it is written (E409, as the evaluator
    reports a bad date of its own). So is one that is probably in the other era (``2567-06-01``
    read as C.E., ``2024-06-01 BE``): every verdict of such a test would be judged centuries
    off, quietly; ``CE`` or ``BE`` written out says the year is meant."""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    if not isinstance(value, dt.date):
        try:
            parse_date(text)
        except ValueError as exc:
            errors.append(_error_at("E409", f"invalid `as_of` date: {exc}", where, _AS_OF_HINT))
            return
    doubt = era_doubt(text)
    if doubt is not None:
        message, hint = doubt
        errors.append(_error_at("E409", f"`as_of` date in doubt: {message}", where,
                                f"{hint}, or `{text.split()[0]} CE` if the year is C.E."
                                if "BE`" in hint else hint))


def load_test_file(path: str | os.PathLike[str]) -> list[PolicyTest]:
    """Read one ``*.test.yaml``; raise :class:`TestFileError` with every problem found.

    Every diagnostic points at the place of the test file it is about: the key, the value or
    the test.
    """
    name = os.fspath(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
        data = _load_yaml(text)
    except OSError as exc:
        raise TestFileError(_error("E601", f"cannot read `{name}`: {exc.strerror}", name, 0)) \
            from None
    except UnicodeDecodeError:
        raise TestFileError(_error("E601", "test file is not valid UTF-8", name, 0)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        column = mark.column + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise TestFileError(_error("E601", f"test file is not valid YAML: {problem}", name,
                                   line, column=column)) from None
    errors: list[Diagnostic] = []
    if not isinstance(data, dict) or not isinstance(data.get("tests"), list):
        where = _value_pos(data, "tests") or _own_pos(data)
        raise TestFileError(_error_at("E602", "a test file is a mapping with a `tests` list",
                                      _span(name, where, 1),
                                      "start the file with `tests:` and list the tests under it"))
    for key in data:
        if key not in ("as_of", "tests"):
            hint = _did_you_mean(str(key), ("as_of", "tests"))
            errors.append(_error_at("E602", f"unknown field `{key}`",
                                    _span(name, _key_pos(data, key), 1),
                                    hint or "the fields are `as_of` and `tests`"))
    default_as_of = data.get("as_of")
    if default_as_of is not None:
        _check_as_of(default_as_of, _span(name, _value_pos(data, "as_of"), 1), errors)
    tests: list[PolicyTest] = []
    items = data["tests"]
    for i, t in enumerate(items):
        here = _span(name, items.item_pos[i] if isinstance(items, _LinedList) else None,
                     getattr(t, "line", 1))
        line = here.line
        if not isinstance(t, dict):
            errors.append(_error_at("E602", f"test {i + 1} is not a mapping", here))
            continue
        for key in t:
            if key not in _TEST_KEYS:
                errors.append(_error_at("E602", f"unknown field `{key}` in a test",
                                        _span(name, _key_pos(t, key), line),
                                        _did_you_mean(str(key), _TEST_KEYS)
                                        or "the fields are " + ", ".join(f"`{k}`" for k in
                                                                          _TEST_KEYS)))
        tname = str(t.get("name") or f"test {i + 1}")
        if "name" not in t:
            errors.append(_error_at("E602", f"test {i + 1} has no `name`", here))
        if ("facts" in t) == ("facts_file" in t):
            errors.append(_error_at("E602", f"test `{tname}` needs exactly one of `facts` and "
                                    "`facts_file`", here))
        if "facts" in t and not isinstance(t["facts"], dict):
            errors.append(_error_at("E602", f"`facts` of test `{tname}` is not a mapping",
                                    _span(name, _value_pos(t, "facts"), line)))
        if "facts_file" in t and not isinstance(t["facts_file"], str):
            errors.append(_error_at("E602", f"`facts_file` of test `{tname}` is not a file name",
                                    _span(name, _value_pos(t, "facts_file"), line),
                                    "write the path of a facts file, relative to the test file"))
        as_of = t.get("as_of", default_as_of)
        if as_of is None:
            errors.append(_error_at("E602", f"test `{tname}` has no `as_of` date", here,
                                    "give `as_of:` at the top of the file or in the test"))
        elif "as_of" in t:
            _check_as_of(as_of, _span(name, _value_pos(t, "as_of"), line), errors)
        expect = t.get("expect")
        if not isinstance(expect, dict) or not expect:
            at = _span(name, _value_pos(t, "expect"), line) if "expect" in t else here
            errors.append(_error_at("E602", f"test `{tname}` has no `expect` mapping", at,
                                    "list verdict keys and their expected status under "
                                    "`expect:`"))
            continue
        expectations = []
        for key, value in expect.items():
            exp = _expectation(str(key), value, name, _span(name, _key_pos(expect, key), line),
                               _span(name, _value_pos(expect, key), line), errors)
            if exp is not None:
                expectations.append(exp)
        facts_file = None
        if isinstance(t.get("facts_file"), str):
            facts_file = os.fspath(Path(name).parent / t["facts_file"])
        given = "facts" if "facts" in t else "facts_file"
        tests.append(PolicyTest(name, line, tname,
                                as_of if isinstance(as_of, dt.date | str) else str(as_of),
                                tuple(expectations), facts_file,
                                t.get("facts") if isinstance(t.get("facts"), dict) else None,
                                _span(name, _value_pos(t, given), line)))
    if errors:
        raise TestFileError(errors)
    return tests


def _choice(value: object, allowed: Sequence[str], what: str, where: Span,
            errors: list[Diagnostic]) -> str | None:
    if isinstance(value, str) and value in allowed:
        return value
    hint = _did_you_mean(str(value), allowed) or ("one of " + ", ".join(f"`{a}`"
                                                                         for a in allowed))
    errors.append(_error_at("E604", f"unknown {what} `{value}`", where, hint))
    return None


def _expectation(key: str, value: object, file: str, key_span: Span, value_span: Span,
                 errors: list[Diagnostic]) -> Expectation | None:
    """The expectation ``key: value``; problems go to ``errors``, each at the key or value
    it is about."""
    line, column = key_span.line, key_span.column
    if isinstance(value, str):
        status = _choice(value, STATUSES, "status", value_span, errors)
        return Expectation(key, line, status, column=column) if status else None
    if not isinstance(value, dict):
        errors.append(_error_at("E602", f"the expectation of `{key}` is neither a status nor a "
                                "mapping", value_span, "write `KEY: compliant` or "
                                "`KEY: {status: compliant, missing: [...]}`"))
        return None

    def at(field: str) -> Span:
        return _span(file, _value_pos(value, field), line)

    n_errors = len(errors)
    for k in value:
        if k not in _EXPECT_KEYS:
            errors.append(_error_at("E602", f"unknown field `{k}` in the expectation of `{key}`",
                                    _span(file, _key_pos(value, k), line),
                                    _did_you_mean(str(k), _EXPECT_KEYS)
                                    or "the fields are " + ", ".join(f"`{f}`"
                                                                     for f in _EXPECT_KEYS)))
    status = (_choice(value["status"], STATUSES, "status", at("status"), errors)
              if "status" in value else None)
    finding = (_choice(value["finding"], FINDINGS, "finding", at("finding"), errors)
               if "finding" in value else None)
    basis = (_choice(value["basis"], BASES, "basis", at("basis"), errors)
             if "basis" in value else None)
    missing = None
    if "missing" in value:
        if not isinstance(value["missing"], list):
            errors.append(_error_at("E602", f"`missing` of `{key}` is not a list", at("missing")))
        else:
            missing = tuple(str(m) for m in value["missing"])
    options = None
    spans: dict[str, Span] = {}
    if "options" in value:
        given = value["options"]
        spans["options"] = _span(file, _key_pos(value, "options"), line)
        if not isinstance(given, dict):
            errors.append(_error_at("E602", f"`options` of `{key}` is not a mapping",
                                    at("options")))
        else:
            options = {}
            for o, v in given.items():
                spans[f"option:{o!s}"] = _span(file, _key_pos(given, o), line)
                options[str(o)] = _choice(v, OUTCOMES, "option outcome",
                                          _span(file, _value_pos(given, o), line), errors) or ""
    if len(errors) > n_errors:
        return None
    return Expectation(key, line, status, missing, finding, basis, options, column, spans)


# ---------------------------------------------------------------------------- running


def _split_paths(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[str], list[str]]:
    pols: list[str] = []
    tests: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            pols += [os.fspath(f) for f in sorted(path.rglob("*.pol")) if f.is_file()]
            tests += [os.fspath(f) for f in sorted(path.rglob("*.test.yaml")) if f.is_file()]
        elif path.name.endswith(".test.yaml"):
            tests.append(os.fspath(path))
        else:
            pols.append(os.fspath(path))
    return list(dict.fromkeys(pols)), list(dict.fromkeys(tests))


def _check_keys(test: PolicyTest, ps: Any) -> list[Diagnostic]:
    rule_ids = set(ps.rule_ids())
    decisions = {cd.decision.id: cd for cd in ps.decisions}
    errors = []
    for e in test.expectations:
        rid = e.key.split("[", 1)[0]
        if rid not in rule_ids:
            hint = _did_you_mean(rid, rule_ids) or "run `govrules eval` to see the verdict keys"
            errors.append(_error("E603", f"no rule `{rid}` in the policy set", test.file,
                                 e.line, hint, e.column, len(rid)))
            continue
        if e.options is not None:
            cd = decisions.get(rid)
            line = Span(test.file, e.line, e.column, e.line, e.column + 1)
            if cd is None:
                errors.append(_error_at("E602", f"`{rid}` is not a decision and has no options",
                                        e.spans.get("options", line)))
                continue
            known = [o.id for o in cd.decision.options]
            for o in e.options:
                if o not in known:
                    errors.append(_error_at("E604", f"decision `{rid}` has no option `{o}`",
                                            e.spans.get(f"option:{o}", line),
                                            _did_you_mean(o, known) or "the options are "
                                            + ", ".join(f"`{k}`" for k in known)))
    return errors


def _verdict_for(key: str, by_key: Mapping[str, Verdict], report: Report) -> Verdict | None:
    """The verdict a test names: by its key (``work_pattern[agency.positions[0]]``), or by the
    label the reports show for a subject (``work_pattern[P-103]``) when one subject has it."""
    found = by_key.get(key)
    if found is not None:
        return found
    labelled = report.labelled(key)
    return labelled[0] if len(labelled) == 1 else None


def _compare(e: Expectation, v: Verdict | None) -> Mismatch | None:
    expected = []
    actual = []
    if v is None:
        return Mismatch(e.key, _describe(e), "no verdict", None)
    if e.status is not None and v.status.value != e.status:
        expected.append(e.status)
        actual.append(v.status.value)
    if e.finding is not None and (v.finding or "none") != e.finding:
        expected.append(f"finding {e.finding}")
        actual.append(f"finding {v.finding or 'none'}")
    if e.basis is not None and v.basis != e.basis:
        expected.append(f"basis {e.basis}")
        actual.append(f"basis {v.basis}")
    if e.missing is not None and sorted(v.missing) != sorted(e.missing):
        expected.append("missing [" + ", ".join(sorted(e.missing)) + "]")
        actual.append("missing [" + ", ".join(v.missing) + "]")
    for option, outcome in sorted((e.options or {}).items()):
        got = v.option(option)
        got_outcome = got.outcome if got else "no outcome"
        if got_outcome != outcome:
            expected.append(f"{option} {outcome}")
            actual.append(f"{option} {got_outcome}")
    if not expected:
        return None
    return Mismatch(e.key, ", ".join(expected), ", ".join(actual), v)


def _describe(e: Expectation) -> str:
    parts = [e.status] if e.status else []
    parts += [f"finding {e.finding}"] if e.finding else []
    parts += [f"basis {e.basis}"] if e.basis else []
    return ", ".join(parts) or "a verdict"


def run_tests(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str]) -> TestRun:
    """Run every ``*.test.yaml`` under ``paths`` against the ``.pol`` files under them.

    Raises :class:`~govrules.errors.GovrulesError` (exit 2 on the command line) for bad
    policies, bad test files and facts that cannot be loaded; test failures are results.
    """
    from .api import load
    from .evaluator import evaluate

    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    paths = list(paths)
    pols, test_files = _split_paths(paths)
    where = ", ".join(f"`{os.fspath(p)}`" for p in paths)
    if not pols:
        raise TestFileError(_error("E606", f"no policy files under {where}", where, 0,
                                   "give the folder of the policies the tests are for"))
    if not test_files:
        raise TestFileError(_error("E606", f"no `*.test.yaml` files under {where}", where, 0,
                                   "policy tests are files named `NAME.test.yaml`"))
    ps = load(pols)
    tests: list[PolicyTest] = []
    errors: list[Diagnostic] = []
    for f in test_files:
        try:
            loaded = load_test_file(f)
        except TestFileError as exc:
            errors.extend(exc.diagnostics)
            continue
        for t in loaded:
            errors.extend(_check_keys(t, ps))
        tests.extend(loaded)
    if errors:
        raise TestFileError(errors)
    from .facts import load_facts

    prepared: list[tuple[PolicyTest, object]] = []
    shared: dict[str, Facts] = {}  # tests often share an example agency: read it once
    failed: set[str] = set()  # a facts file that does not load is reported once
    for t in tests:
        facts: object = t.facts
        try:
            if t.facts is not None:
                facts = _inline_facts(t, ps.facts)
            elif t.facts_file is not None:
                if t.facts_file in failed:
                    continue
                if t.facts_file not in shared:  # (by name as written: reports show that name)
                    try:
                        shared[t.facts_file] = load_facts(t.facts_file, ps.facts)
                    except FactsError:
                        failed.add(t.facts_file)
                        raise
                facts = shared[t.facts_file]
        except FactsError as exc:
            errors.extend(_placed(exc.diagnostics, t))
            continue
        prepared.append((t, facts))
    if errors:
        raise FactsError(errors)
    results = []
    for t, facts in prepared:
        try:
            report = evaluate(ps, facts, as_of=t.as_of)
        except FactsError as exc:  # (a PolicyTest made in Python, with a bad date or facts)
            field = "`as_of`" if exc.diagnostics[0].code == "E409" else None
            raise FactsError(_placed(exc.diagnostics, t, field)) from None
        by_key = {v.key: v for v in report.verdicts}
        mismatches = [m for e in t.expectations
                      if (m := _compare(e, _verdict_for(e.key, by_key, report))) is not None]
        results.append(TestResult(t, tuple(mismatches), report))
    return TestRun(tuple(results), _coverage(ps, [r.report for r in results]))


def _inline_facts(test: PolicyTest, decls: Mapping[str, FactDecl]) -> Facts:
    """The inline ``facts`` of a test, validated by :func:`~govrules.facts.facts_from_mapping`
    with every diagnostic — and every place the trace says a fact was read — pointing at the
    key or value in the test file instead of at a nameless mapping."""
    from .facts import facts_from_mapping, key_path

    assert test.facts is not None
    value_spans: dict[str, Span] = {}
    key_spans: dict[str, Span] = {}
    stack: list[tuple[object, str]] = [(test.facts, "")]
    while stack:  # the key path of every value, as the facts checker names them
        node, path = stack.pop()
        if isinstance(node, _Lined):
            for key, child in node.items():
                child_path = key_path(path, key)
                if key in node.value_pos:
                    value_spans.setdefault(child_path, Span(test.file, *node.value_pos[key]))
                if key in node.key_pos:
                    key_spans.setdefault(child_path, Span(test.file, *node.key_pos[key]))
                stack.append((child, child_path))
        elif isinstance(node, _LinedList):
            for index, child in enumerate(node):
                child_path = f"{path}[{index}]"
                value_spans.setdefault(child_path, Span(test.file, *node.item_pos[index]))
                stack.append((child, child_path))
    return facts_from_mapping(test.facts, decls, f"{test.location} facts",
                              value_spans=value_spans, key_spans=key_spans)


def _placed(diagnostics: Iterable[Diagnostic], test: PolicyTest,
            field: str | None = None) -> list[Diagnostic]:
    """Diagnostics about the facts (or date) of ``test``: one with no place of its own (a facts
    file that does not exist, is empty...) is put where the test names its facts, with a hint
    that names the test and where it is."""
    field = field or ("`facts_file`" if test.facts_file is not None else "`facts`")
    where = (test.facts_span if test.facts_span is not None and field != "`as_of`"
             else Span(test.file, test.line, 1, test.line, 2))
    note = f"named by {field} of test `{test.name}` at {test.location}"
    return [d if d.span.line > 0 else
            attrs.evolve(d, span=where, hint=f"{d.hint}; {note}" if d.hint else note)
            for d in diagnostics]


# ---------------------------------------------------------------------------- coverage


_CONDITION_TYPES = (ast.And, ast.Or, ast.Not, ast.Compare, ast.Member, ast.Includes,
                    ast.Subset, ast.Quantifier)


def _source_label(text: str, span: Span) -> str:
    """The source text of ``span`` on one line, as the evaluator labels trace nodes."""
    snippet = " ".join(text[span.start : span.end].split())
    return snippet if len(snippet) <= 200 else snippet[:199] + "…"


def _conditions(ps: PolicySet) -> set[tuple[str, str]]:
    """Every condition of a policy set, as (``file:line:col``, source text) — the two
    together, since ``a and b`` and its ``a`` start at the same place. Read from the checked
    policy set's own syntax trees, so a set loaded from the cache is not parsed again."""
    roots: list[ast.Expr] = []
    for pol in ps.policies.values():
        roots += pol.applies
    roots += [d.expr for d in ps.defines.values()]
    for cm in ps.measures:
        judged: list[ast.MeasureDef | ast.MethodDef] = [cm.measure, *cm.measure.methods]
        for node in judged:
            roots += [*node.applies, *node.unless]
            if node.require is not None and node.require.expr is not None:
                roots.append(node.require.expr)
    for cd in ps.decisions:
        roots += cd.decision.applies
        for r in cd.decision.rules:
            roots += [*r.unless] + ([r.when] if r.when is not None else [])
    out: set[tuple[str, str]] = set()
    stack: list[tuple[ast.Expr, bool]] = [(r, True) for r in roots]
    while stack:
        e, boolean_place = stack.pop()
        counted = isinstance(e, ast.Quantifier) and e.kind == "count"
        if (isinstance(e, _CONDITION_TYPES) and not counted) or (
                isinstance(e, ast.Name) and boolean_place):
            out.add((e.span.location(), _source_label(ps.sources[e.span.file], e.span)))
        if isinstance(e, ast.And | ast.Or):
            stack += [(o, True) for o in e.operands]
        elif isinstance(e, ast.Not):
            stack.append((e.operand, True))
        elif isinstance(e, ast.Quantifier):
            stack += [(e.collection, False), (e.body, e.kind != "count")]
        else:
            for field in attrs.fields(type(e)):
                value = getattr(e, field.name)
                if isinstance(value, tuple):
                    stack += [(v, False) for v in value if attrs.has(type(v))]
                elif attrs.has(type(value)):
                    stack.append((value, False))
    return out


def _coverage(ps: Any, reports: Sequence[Report]) -> Coverage:
    from .model import natural_key

    conditions = _conditions(ps)
    seen_true: set[tuple[str, str]] = set()
    seen_false: set[tuple[str, str]] = set()
    decided: set[str] = set()
    fired: set[str] = set()
    not_fired: set[str] = set()
    for report in reports:
        for v in report.verdicts:
            if v.status.value in ("compliant", "non_compliant", "conflict"):
                decided.add(v.rule_id)
            for node in v.trace.walk():
                if node.known and node.location:
                    if node.value is True:
                        seen_true.add((node.location, node.label))
                    elif node.value is False:
                        seen_false.add((node.location, node.label))
                if node.kind == "rule" and node.known:
                    rid = f"{v.rule_id}.{node.label.split()[1]}"
                    (fired if node.value is True else not_fired).add(rid)
    rules = [r for r in ps.rule_ids() if r not in decided]
    decision_rules = []
    for cd in ps.decisions:
        for r in cd.decision.rules:
            rid = f"{cd.decision.id}.{r.id}"
            if rid not in fired:
                decision_rules.append(f"{rid}  (never fired)")
            elif rid not in not_fired and (r.when is not None or r.unless):
                decision_rules.append(f"{rid}  (always fired)")

    def listed(found: Iterable[tuple[str, str]]) -> tuple[str, ...]:
        return tuple(f"{loc}  {label}" for loc, label in sorted(
            found, key=lambda c: (natural_key(c[0]), c[1])))

    never = [c for c in conditions if c not in seen_true and c not in seen_false]
    only_false = [c for c in conditions if c in seen_false and c not in seen_true]
    only_true = [c for c in conditions if c in seen_true and c not in seen_false]
    return Coverage(tuple(rules), tuple(decision_rules), listed(never), listed(only_false),
                    listed(only_true), len(conditions))


# ---------------------------------------------------------------------------- output


def render_run(run: TestRun, coverage: bool = False) -> str:
    """The text ``govrules test`` prints: failures with their traces, the coverage lists when
    asked, and last ``N passed, M failed`` on its own line."""
    from .render.tree import because_lines, trace_lines

    out: list[str] = []
    for r in run.results:
        if r.passed:
            continue
        first = r.mismatches[0]
        missing = ""
        if first.verdict is not None and first.verdict.missing:
            missing = "; missing " + ", ".join(first.verdict.missing)
        out.append(f"FAIL {r.test.location}: {r.test.name}: {first.key}: expected "
                   f"{first.expected}, got {first.actual}{missing}")
        for m in r.mismatches[1:]:
            more = ""
            if m.verdict is not None and m.verdict.missing:
                more = "; missing " + ", ".join(m.verdict.missing)
            out.append(f"     also {m.key}: expected {m.expected}, got {m.actual}{more}")
        for m in r.mismatches:
            if m.verdict is not None:
                because = because_lines(m.verdict, "    ")
                if because:
                    out.append(f"  because ({m.key}):")
                    out += because
                out.append(f"  trace of {m.key}:")
                out += trace_lines(m.verdict.trace, "    ")
            else:
                keys = ", ".join(v.key for v in r.report.verdicts
                                 if v.rule_id == m.key.split("[", 1)[0]) or "none"
                out.append(f"  no verdict `{m.key}` in this report; verdicts of this rule: "
                           f"{keys}")
    if coverage:
        c = run.coverage
        sections = [
            ("measures, methods and decisions no test decided (always not applicable or unknown)",
             c.rules),
            ("decision rules never seen both firing and not firing", c.decision_rules),
            ("conditions never evaluated (unknown or not reached in every test)",
             c.never_evaluated),
            ("conditions never seen true", c.never_true),
            ("conditions never seen false", c.never_false),
        ]
        out.append("coverage:")
        covered = c.conditions - len(c.never_evaluated) - len(c.never_true) - len(c.never_false)
        out.append(f"  {covered} of {c.conditions} conditions seen both true and false")
        for title, items in sections:
            out.append(f"  {title}: {len(items)}")
            out += [f"    {i}" for i in items]
    out.append(f"{run.passed} passed, {run.failed} failed")
    return "\n".join(out) + "\n"

