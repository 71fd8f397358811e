"""The parser's own position tracking (syntax._track_positions) gives every parse-tree node
the span Lark's ``propagate_positions`` gives it.

The fast tracker replaces Lark's propagation for speed; these tests hold the two equal node by
node, over every policy file in the project and over generated policies.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lark
import pytest
from hypothesis import given

from govrules import syntax
from govrules.source import decode_source, read_source

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "properties"))
from common import profile  # noqa: E402
from generators import policies  # noqa: E402

POLICY_FILES = sorted([*ROOT.glob("policies/**/*.pol"), *ROOT.glob("tests/**/*.pol"),
                       *ROOT.glob("examples/**/*.pol"), *ROOT.glob("docs/**/*.pol")])


def _nodes(tree: lark.Tree[Any]) -> Iterator[lark.Tree[Any]]:
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(c for c in reversed(node.children) if isinstance(c, lark.Tree))


def _spans(parser: lark.Lark, text: str) -> list[tuple[str, Any]]:
    builder = syntax._Builder(decode_source("x.pol", text.encode("utf-8")))
    return [(node.data, builder.span(node)) for node in _nodes(parser.parse(text))]


@pytest.fixture(scope="module")
def lark_propagating() -> lark.Lark:
    return syntax.build_parser()


def test_the_parser_tracks_positions_itself() -> None:
    tree = syntax._parser().parse('policy p { version "1" }')
    assert "_ends" in tree.children[0].__dict__  # not Lark's fallback propagation


@pytest.mark.parametrize("path", POLICY_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_spans_equal_larks_on_every_policy_file(path: Path, lark_propagating: lark.Lark) -> None:
    text = read_source(path).text
    try:
        ours = _spans(syntax._parser(), text)
    except lark.exceptions.UnexpectedInput:  # a file that is meant not to parse
        pytest.skip("does not parse")
    assert ours == _spans(lark_propagating, text)


def test_spans_of_empty_rules_and_inlined_brackets(lark_propagating: lark.Lark) -> None:
    text = "policy p { }\nfact a: int\ndefine d = (a + 1) * 2 > 3\n"
    ours = _spans(syntax._parser(), text)
    assert ours == _spans(lark_propagating, text)
    assert [s.start for kind, s in ours if kind == "policy_def"] == [0]
    arith = [(s.line, s.column, s.end_column) for kind, s in ours if kind == "arith"]
    # the product starts at the bracket the inlined rule dropped; the sum inside it does not
    assert arith == [(3, 12, 23), (3, 13, 18)]


@functools.cache
def _lark_propagating() -> lark.Lark:
    return syntax.build_parser()


@profile()
@given(policies())
def test_spans_equal_larks_on_generated_policies(gen: Any) -> None:
    assert _spans(syntax._parser(), gen.text) == _spans(_lark_propagating(), gen.text)
