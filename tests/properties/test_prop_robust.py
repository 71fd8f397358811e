"""Properties (a), (b) and (h): only GovrulesError escapes parse, check, load and evaluate;
every diagnostic span lies inside its text; a policy that checks clean never raises during
evaluation of conforming facts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from common import build, profile
from generators import facts_for, policies
from hypothesis import example, given
from hypothesis import strategies as st

import govrules
from govrules.analysis import find_issues
from govrules.checker import check_modules
from govrules.errors import Diagnostic, GovrulesError
from govrules.facts import load_facts
from govrules.source import decode_source
from govrules.syntax import parse_module

TOKENS = ["{", "}", "(", ")", ",", ":", "=", "==", "and", "or", "not", "rule", "measure",
          "require", "when", "unless", "overrides", "priority", "x", "g.b0", "a0", "1", "2.5",
          "2561-02-30 BE", '"', "#", "\n", "size(", "all(p in g.l1:", "includes", "in", "{}"]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A generated policy with a few random edits: deletions, duplications, insertions."""
    text = draw(policies()).text
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 40)))
        match draw(st.sampled_from(["delete", "duplicate", "insert"])):
            case "delete":
                text = text[:i] + text[j:]
            case "duplicate":
                text = text[:j] + text[i:j] + text[j:]
            case _:
                text = text[:i] + " " + draw(st.sampled_from(TOKENS)) + " " + text[i:]
    return text


def assert_span_inside(d: Diagnostic, text: str) -> None:
    s = d.span
    if s.line == 0:
        return
    assert 0 <= s.start <= s.end <= len(text), d
    assert 1 <= s.line <= text.count("\n") + 1, d
    assert text.count("\n", 0, s.start) + 1 == s.line, d
    line_start = text.rfind("\n", 0, s.start) + 1
    assert s.start - line_start + 1 == s.column, d
    if s.end_line:
        assert s.line <= s.end_line and text.count("\n", 0, s.end) + 1 == s.end_line, d


@profile(scale=2)
@given(mutated())
@example('source doc { title en "d" }\npolicy p { title en "p" }\nmeasure m must { cite doc: '
         'item 1 require g.b0 }\nfact g.b0 : bool\nfact g.b0 : int\n')
def test_only_govrules_errors_escape_and_spans_lie_inside(text: str) -> None:
    diags: list[Diagnostic] = []
    try:
        module = parse_module(decode_source("gen.pol", text.encode("utf-8")))
    except GovrulesError as exc:
        diags += exc.diagnostics
    else:
        ps, found = check_modules([module], {"gen.pol": text})
        diags += found
        if ps is not None:
            diags += [f.diagnostic for f in find_issues(ps, limit=2048)]
    for d in diags:
        assert d.span.file == "gen.pol"
        assert_span_inside(d, text)


@profile()
@given(policies(), st.data())
def test_load_and_evaluate_raise_only_govrules_errors(tmp_path_factory: Any, gen: Any,
                                                      data: st.DataObject) -> None:
    folder: Path = tmp_path_factory.mktemp("pol")
    (folder / "gen.pol").write_text(gen.text, encoding="utf-8")
    ps = govrules.load(folder)
    facts = data.draw(facts_for(ps.facts, missing=0.2, mistype=0.3))
    facts_file = folder / "facts.yaml"
    facts_file.write_text(yaml.safe_dump(facts, allow_unicode=True, default_flow_style=False),
                          encoding="utf-8")
    text = facts_file.read_text(encoding="utf-8")
    try:
        loaded = load_facts(facts_file, ps.facts)
    except GovrulesError as exc:
        for d in exc.diagnostics:  # (b) for facts files too
            assert d.span.file == str(facts_file) or d.span.line == 0, d
            assert_span_inside(d, text)
        return
    for d in loaded.warnings:
        assert_span_inside(d, text)
    govrules.evaluate(ps, loaded, as_of=data.draw(st.dates()))


@profile()
@given(policies(), st.data())
def test_clean_policy_evaluates_conforming_facts_without_error(gen: Any,
                                                               data: st.DataObject) -> None:
    ps = build({"gen.pol": gen.text})
    facts = data.draw(facts_for(ps.facts, missing=data.draw(st.sampled_from([0.0, 0.3]))))
    report = ps.evaluate(facts, as_of=data.draw(st.dates()))  # (h): nothing may raise
    assert report.verdicts
