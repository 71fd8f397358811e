"""Parsing: policy text to the typed syntax tree of :mod:`govrules.ast`.

The Lark grammar lives in ``grammar/policy.lark`` at the top of the project and is shipped inside
the wheel as ``govrules/grammar/policy.lark``; it is loaded once, with the LALR parser and
the span of every node recorded (:func:`_track_positions`). No ``lark.Tree`` escapes this
module: :func:`parse_module` returns an :class:`~govrules.ast.Module` or raises
:class:`~govrules.errors.PolicyError`.
"""

from __future__ import annotations

import contextlib
import copy
import decimal
import difflib
import functools
import os
import re
import unicodedata
from collections.abc import Iterator
from typing import Any, Literal, cast

import lark
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from . import ast
from .cache import grammar_cache_file
from .dates import era_doubt, parse_date, thai_digits_to_arabic
from .errors import Diagnostic, PolicyError, Span
from .source import SourceFile, grammar_text, normalize_name

__all__ = ["CODES", "MAX_NESTING", "grammar_text", "parse_module", "parse_text"]

MAX_NESTING = 64
"""Deepest nesting of brackets (and of ``not``) a policy may use; deeper text is refused."""

CODES = {
    "E201": "a text, label or explanation is given twice in one language (for one status)",
    "E202": "an invalid date",
    "E203": "a clause that may be given once is given more than once",
    "E204": "an effective period ends before it starts",
    "E205": "a number is too large (more than 18 digits)",
    "E206": "a bound variable is named with dots",
}
"""The diagnostic codes of building the syntax tree (the syntax errors proper are ``E1xx``)."""


@functools.cache
def _parser() -> lark.Lark:
    """The LALR parser, built once per process (from Lark's cached analysis when there is one:
    :func:`govrules.cache.grammar_cache_file`), with :func:`_track_positions` in place of
    Lark's own position propagation when this Lark allows it."""
    parser = build_parser(propagate_positions=False)
    if _track_positions(parser):
        return parser
    return build_parser()  # pragma: no cover - a Lark without the callbacks table


_Token = lark.Token
_Tree = lark.Tree


def _outer_token(children: Any, slot: int) -> Any:
    """The first token met in ``children``: a token itself, or the outer first (``slot`` 2) or
    last (3) token a tree recorded; None when none is positioned (an empty rule)."""
    for child in children:  # the rule's own keywords and brackets count, as in Lark
        if type(child) is _Token:
            return child
        ends = child.__dict__.get("_ends") if isinstance(child, _Tree) else None
        if ends is not None:
            return ends[slot]
    return None


def _positioned(build: Any) -> Any:
    """Wrap one rule's tree-building callback so that the tree it returns knows its first and
    last token (:func:`_track_positions`)."""

    def callback(children: list[Any]) -> Any:
        tree = build(children)
        if isinstance(tree, _Tree):
            first = _outer_token(children, 2)
            if first is not None:
                last = _outer_token(reversed(children), 3)
                own = tree.__dict__.get("_ends")
                tree._ends = (first, last, first, last) if own is None else (  # type: ignore[attr-defined]
                    own[0], own[1], first, last)
        return tree

    return callback


def _track_positions(parser: lark.Lark) -> bool:
    """Make ``parser`` (built without ``propagate_positions``) record where each tree starts
    and ends, at a third of the cost of Lark's own propagation.

    Lark's propagation fills a ``Meta`` of twelve attributes on every reduction; a policy
    needs the span of a tree only when it builds a node from it. Each rule's callback is
    wrapped instead to keep a tuple ``(first, last, outer_first, outer_last)`` of tokens on the
    tree: the first and last tokens the rule itself reduced (keywords and brackets that the
    tree drops included), and, for a tree passed up unchanged by an inlined rule (``?rule``),
    the tokens of the outermost such rule, from which an enclosing tree starts and ends. These
    are the rules of Lark's ``propagate_positions`` (its ``container_*`` attributes), and a test
    holds the two equal over every shipped policy. :meth:`_Builder.span` reads the tuple.

    Returns False, leaving the parser unchanged, when this Lark keeps its callbacks elsewhere.
    """
    callbacks = getattr(parser, "_callbacks", None)
    if not isinstance(callbacks, dict) or not callbacks:
        return False  # pragma: no cover - every Lark 1.x has the table
    for key, build in list(callbacks.items()):
        if not isinstance(key, str):  # rules; strings are terminals' lexer callbacks
            callbacks[key] = _positioned(build)
    return True


def build_parser(**extra: Any) -> lark.Lark:
    """A LALR parser of the policy grammar, from Lark's cached analysis when there is one.

    ``extra`` are more Lark options (the formatter keeps all tokens and collects comments with
    ``lexer_callbacks``); each set of options has a cache file of its own, so that two parsers
    do not overwrite each other's analysis. Callbacks are not part of the analysis and not of
    the key.
    """
    text = grammar_text()
    options: dict[str, Any] = {"parser": "lalr", "propagate_positions": True,
                               "maybe_placeholders": False, **extra}
    variant = ",".join(f"{k}={v!r}" for k, v in sorted(extra.items())
                       if k != "lexer_callbacks")
    cache = grammar_cache_file(text, lark.__version__, variant)
    if cache is not None:
        try:
            return lark.Lark(text, cache=cache, **options)
        except Exception:  # a corrupt or foreign cache file: build the parser afresh
            with contextlib.suppress(OSError):
                os.unlink(cache)
    return lark.Lark(text, **options)


# ---------------------------------------------------------------------------- errors

_TERMINAL_NAMES = {
    "DOTTED": "a name",
    "STRING": "a text in double quotes",
    "INT": "a number",
    "DECIMAL": "a decimal number",
    "DATE": "a date (YYYY-MM-DD)",
    "METHOD_NO": "a method number",
    "CLAUSE_NO": "a clause number",
    "CMP_OP": "a comparison",
    "ADD_OP": "`+` or `-`",
    "MUL_OP": "`*`",
    "$END": "the end of the file",
}

_MODALITIES = {"must", "should", "may"}


def _acceptable(exc: UnexpectedToken) -> set[str]:
    """The tokens that could really come next. LALR's tables merge states, so the table's list
    (``exc.expected``) holds tokens that only a reduction would then refuse (`)` and `*` after a
    finished title); Lark's interactive parser tries each one on a copy of the parser."""
    interactive = getattr(exc, "interactive_parser", None)
    if interactive is None:  # pragma: no cover - Lark gives one with every UnexpectedToken
        return set(exc.expected)
    found: set[str] = set()
    try:  # as Lark's `accepts()`, which skips terminals not named in capitals (`ควร`)
        conf = copy.copy(interactive.parser_state.parse_conf)
        conf.callbacks = {}
        for name in exc.expected:
            cursor = interactive.copy(deepcopy_values=False)
            cursor.parser_state.parse_conf = conf
            try:
                cursor.feed_token(lark.Token(name, ""))
            except UnexpectedInput:
                continue
            found.add(name)
    except Exception:  # pragma: no cover - another Lark: the table's list
        return set(exc.expected)
    return found or set(exc.expected)


def _describe_terminal(name: str, parser: lark.Lark) -> str:
    if name in _TERMINAL_NAMES:
        return _TERMINAL_NAMES[name]
    term = parser.get_terminal(name) if name in {t.name for t in parser.terminals} else None
    if term is not None and isinstance(term.pattern, lark.lexer.PatternStr):
        return f"`{term.pattern.value}`"
    return name.lower()


def _expected_list(expected: set[str], parser: lark.Lark) -> list[str]:
    return sorted({_describe_terminal(e, parser) for e in expected})


_CHARACTER_HINTS = {
    "'": "texts are written in double quotes: \"...\"",
    "\u201c": "texts are written in straight double quotes: \"...\"",
    "\u201d": "texts are written in straight double quotes: \"...\"",
    "\u2018": "texts are written in straight double quotes: \"...\"",
    "\u2019": "texts are written in straight double quotes: \"...\"",
    '"': "a text must end with `\"` on the same line; a `\"` inside a text is written `\\\"`",
    "&&": "write `and`",
    "&": "write `and`",
    "||": "write `or`",
    "!": "write `not`; `!=` is the only comparison with `!`",
    ";": "clauses end without `;`: remove it",
}
"""Hints for characters the language does not use, by the two characters found or the first."""


def _bad_escape(text: str, quote: int) -> int | None:
    """The offset of the first unknown escape (``\\q``) in the text that opens at ``quote``,
    when that text is otherwise closed on its line; None when it is not."""
    end = text.find("\n", quote)
    line = text[quote + 1:] if end < 0 else text[quote + 1:end]
    i = 0
    while i < len(line):
        c = line[i]
        if c == '"':
            return None
        if c == "\\":
            if i + 1 < len(line) and line[i + 1] not in '"\\nt':
                return quote + 1 + i if '"' in line[i + 2:] else None
            i += 2
            continue
        i += 1
    return None


def _hint_for(expected: list[str], found: str) -> str | None:
    if {f"`{m}`" for m in _MODALITIES} <= set(expected):
        return ("a measure or rule states its modality after its id: `must`, `must not`, "
                "`should`, `may` or `consider`")
    if found.startswith("`") and "a name" in expected:
        return f"{found} is a reserved word here and cannot be used as a name"
    return None


_ITEM_KEYWORDS = frozenset({"policy", "source", "enum", "record", "fact", "define", "measure",
                            "decision", "item"})
"""The words that start a top-level declaration."""


def _misspelt_keyword(word: str, expected: list[str]) -> str | None:
    """``did you mean `require`?`` for a name found where keywords were expected."""
    keywords = [e[1:-1] for e in expected if e.startswith("`") and e[1:-1].isidentifier()]
    close = difflib.get_close_matches(word, keywords, n=1, cutoff=0.75)
    return f"did you mean `{close[0]}`?" if close else None


_SKIPPED = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"?|#[^\n]*'
"""A text (to its closing quote or the end of the line) or a comment: no bracket in it counts."""

_SCAN = re.compile(_SKIPPED + r'|[(){}\[\]]|\n')
"""What matters when counting brackets: texts and comments (skipped whole), brackets, newlines."""


def _brackets(text: str) -> Iterator[tuple[str, int, int, int]]:
    """Every bracket outside strings and comments: (bracket, line, column, offset)."""
    line, line_start = 1, 0
    for m in _SCAN.finditer(text):
        ch = m.group()
        if ch == "\n":
            line, line_start = line + 1, m.end()
        elif len(ch) == 1 and ch in "({[)}]":
            yield ch, line, m.start() - line_start + 1, m.start()


def _unclosed(text: str) -> tuple[str, int, int] | None:
    """The innermost bracket left open at the end of ``text``: (bracket, line, column)."""
    stack: list[tuple[str, int, int]] = []
    for ch, line, col, _ in _brackets(text):
        if ch in "({[":
            stack.append((ch, line, col))
        elif stack:
            stack.pop()
    return stack[-1] if stack else None


def _end_of_text(source: SourceFile) -> Span:
    """A span just after the last non-blank character, where an unexpected end is shown."""
    stripped = source.text.rstrip()
    lines = stripped.split("\n")
    line, column = len(lines), len(lines[-1]) + 1
    return Span(source.name, line, column, line, column + 1, len(stripped), len(stripped))


def _eof_error(source: SourceFile, expected: list[str]) -> Diagnostic:
    shown = ", ".join(expected[:8]) + (", …" if len(expected) > 8 else "")
    open_bracket = _unclosed(source.text)
    if open_bracket is not None:
        ch, line, col = open_bracket
        hint = f"the `{ch}` at line {line}, column {col} is not closed"
    else:
        hint = f"the file ends in the middle of a declaration; expected {shown}"
    return Diagnostic("E111", "unexpected end of file", _end_of_text(source), hint)


def _syntax_error(exc: UnexpectedInput, source: SourceFile) -> Diagnostic:
    parser = _parser()
    line = getattr(exc, "line", 0) or 0
    column = getattr(exc, "column", 0) or 0
    pos = getattr(exc, "pos_in_stream", 0) or 0
    if isinstance(exc, UnexpectedCharacters):
        text = source.text
        ch = text[pos] if pos < len(text) else "?"
        span = Span(source.name, line, column, line, column + 1, pos, pos + 1)
        if ch == '"':
            escape = _bad_escape(text, pos)
            if escape is not None:
                at = column + escape - pos
                return Diagnostic(
                    "E110", f"unknown escape `{text[escape:escape + 2]}` in a text",
                    Span(source.name, line, at, line, at + 2, escape, escape + 2),
                    "the escapes are `\\\"`, `\\\\`, `\\n` and `\\t`; write a backslash as "
                    "`\\\\`")
        hint = _CHARACTER_HINTS.get(text[pos:pos + 2]) or _CHARACTER_HINTS.get(ch)
        return Diagnostic("E110", f"unexpected character `{ch}`", span, hint)
    if isinstance(exc, UnexpectedToken):
        tok = exc.token
        expected = _expected_list(_acceptable(exc), parser)
        if tok.type == "$END":
            return _eof_error(source, expected)
        found = f"`{tok.value}`" if len(tok.value) <= 40 else f"`{tok.value[:40]}…`"
        end_col = (tok.end_column or column + 1) if tok.end_line == tok.line else column + 1
        span = Span(source.name, tok.line or line, tok.column or column,
                    tok.line or line, end_col, tok.start_pos or 0, tok.end_pos or 0)
        shown = ", ".join(expected[:10]) + (", …" if len(expected) > 10 else "")
        is_keyword = str(tok.value).isidentifier() and tok.type not in _TERMINAL_NAMES
        hint = _hint_for(expected, found if is_keyword else "")
        if hint is None and tok.type == "DOTTED":
            hint = _misspelt_keyword(str(tok.value), expected)
        start = tok.start_pos or 0
        if str(tok.value) in _ITEM_KEYWORDS and tok.column == 1:  # a declaration, in a block
            open_bracket = _unclosed(source.text[:start])
            if open_bracket is not None:  # that is the mistake: the expected tokens are noise
                ch, at_line, at_col = open_bracket
                return Diagnostic("E111", f"unexpected {found}", span,
                                  f"the `{ch}` at line {at_line}, column {at_col} is not closed "
                                  f"before this `{tok.value}`")
        if hint is None and start > 0 and source.text[start - 1] == '"':
            hint = "the text before it ends at that `\"`; a `\"` inside a text is written `\\\"`"
        return Diagnostic("E111", f"unexpected {found}", span,
                          f"expected {shown}" + (f"; {hint}" if hint else ""))
    assert isinstance(exc, UnexpectedEOF)
    return _eof_error(source, _expected_list(set(exc.expected), parser))


_OPENERS = re.compile(_SKIPPED + r'|([({\[])|[)}\]]')
"""Texts and comments (skipped whole), and brackets, the opening ones captured."""


def _check_nesting(source: SourceFile) -> None:
    """Refuse absurdly deep bracket nesting before Lark and the builder recurse into it."""
    text, depth = source.text, 0
    for m in _OPENERS.finditer(text):  # no line counting: the place is worked out on failure
        if m.group(1):
            depth += 1
        elif m.group()[0] in ")}]":
            depth = max(0, depth - 1)
        if depth > MAX_NESTING:
            offset = m.start()
            line = text.count("\n", 0, offset) + 1
            col = offset - (text.rfind("\n", 0, offset) + 1) + 1
            raise PolicyError(
                Diagnostic(
                    "E112",
                    f"brackets are nested more than {MAX_NESTING} deep",
                    Span(source.name, line, col, line, col + 1, offset, offset + 1),
                    hint="split the condition into named `define`s",
                )
            )


def _tree_depth(tree: lark.Tree[Any]) -> tuple[int, lark.Tree[Any]]:
    """Depth of a parse tree, computed level by level without recursion, and its deepest
    subtree."""
    depth, level = 0, [tree]
    Tree = lark.Tree
    while True:
        depth += 1
        below = [c for node in level for c in node.children if isinstance(c, Tree)]
        if not below:
            return depth, level[0]
        level = below


# ---------------------------------------------------------------------------- building


class _Builder:
    """Turns a Lark parse tree into :mod:`govrules.ast` nodes, collecting structural errors."""

    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.diagnostics: list[Diagnostic] = []

    # -- helpers ------------------------------------------------------------------------

    def span(self, node: lark.Tree[Any] | lark.Token) -> Span:
        if isinstance(node, lark.Token):
            return Span(
                self.source.name,
                node.line or 0,
                node.column or 0,
                node.end_line or 0,
                node.end_column or 0,
                node.start_pos or 0,
                node.end_pos or 0,
            )
        ends = node.__dict__.get("_ends")
        if ends is not None:  # recorded by _track_positions
            first, last = ends[0], ends[1]
            return Span(self.source.name, first.line, first.column, last.end_line,
                        last.end_column, first.start_pos, last.end_pos)
        meta = node.meta
        if getattr(meta, "empty", True):
            return Span.whole_file(self.source.name)
        return Span(
            self.source.name,
            meta.line,
            meta.column,
            meta.end_line,
            meta.end_column,
            meta.start_pos,
            meta.end_pos,
        )

    def error(self, code: str, message: str, span: Span, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(code, message, span, hint))

    @staticmethod
    def name(tok: Any) -> str:
        return normalize_name(str(tok))

    def string(self, tree: lark.Tree[Any]) -> str:
        parts = []
        tokens: list[Any] = []
        stack: list[Any] = [tree]
        while stack:  # label_string is left-recursive: flatten it without recursion
            node = stack.pop()
            if isinstance(node, lark.Tree):
                stack.extend(reversed(node.children))
            else:
                tokens.append(node)
        for tok in tokens:
            raw = str(tok)[1:-1]
            parts.append(
                raw.replace("\\\\", "\x00").replace('\\"', '"').replace("\\n", "\n")
                .replace("\\t", "\t").replace("\x00", "\\")
            )
        return unicodedata.normalize("NFC", "".join(parts))

    def kw(self, tree: lark.Tree[Any]) -> str:
        """The keyword of a ``!rule`` such as ``lang`` or ``modality``."""
        return str(tree.children[0])

    def texts(self, trees: list[Any]) -> ast.Texts:
        out: list[tuple[str, str]] = []
        seen: set[str] = set()
        for t in trees:
            lang = self.kw(t.children[0])
            if lang in seen:
                self.error("E201", f"two `{lang}` texts for the same thing", self.span(t),
                           "give each language once")
            seen.add(lang)
            out.append((lang, self.string(t.children[1])))
        return tuple(out)

    def modality(self, tree: lark.Tree[Any]) -> ast.Modality:
        word = "_".join(str(t) for t in tree.children)
        thai = {"ต้อง": "must", "ต้องไม่": "must_not", "ควร": "should", "อาจ": "may",
                "พิจารณา": "consider"}
        return cast(ast.Modality, thai.get(word, word))

    def ambiguities(self, g: dict[str, list[lark.Tree[Any]]]) -> tuple[str, ...]:
        return tuple(self.name(t) for a in g.get("ambiguity_clause", []) for t in a.children)

    def ref(self, children: list[Any]) -> str | None:
        refs = [c for c in children if isinstance(c, lark.Tree) and c.data == "ref_clause"]
        return self.name(refs[0].children[0]) if refs else None

    def date(self, tree: lark.Tree[Any]) -> ast.DateLit:
        tok = tree.children[0]
        era = self.kw(tree.children[1]) if len(tree.children) > 1 else "CE"
        span = self.span(tree)
        try:
            value = parse_date(f"{tok} {era}")
        except ValueError as exc:
            self.error("E202", f"invalid date `{tok}`", span, str(exc).split(": ", 1)[-1])
            value = parse_date("1970-01-01")
        return ast.DateLit(value, cast(Literal["CE", "BE"], era), span=span)

    def by_kind(self, children: list[Any]) -> dict[str, list[lark.Tree[Any]]]:
        groups: dict[str, list[lark.Tree[Any]]] = {}
        for c in children:
            if isinstance(c, lark.Tree):
                groups.setdefault(str(c.data), []).append(c)
        return groups

    def single(self, groups: dict[str, list[lark.Tree[Any]]], kind: str, what: str) -> Any:
        found = groups.get(kind, [])
        for extra in found[1:]:
            self.error("E203", f"{what} is given more than once", self.span(extra),
                       "keep one and delete the others")
        return found[0] if found else None

    def lang_texts(self, groups: dict[str, list[lark.Tree[Any]]], kind: str) -> ast.Texts:
        return self.texts(groups.get(kind, []))

    # -- items --------------------------------------------------------------------------

    def module(self, tree: lark.Tree[Any]) -> ast.Module:
        items: list[ast.Item] = []
        for child in tree.children:
            item = self.item(child)
            if item is not None:
                items.append(item)
        return ast.Module(self.source.name, tuple(items), span=self.span(tree))

    def item(self, tree: lark.Tree[Any]) -> ast.Item | None:
        method = getattr(self, f"item_{tree.data}", None)
        if method is None:  # pragma: no cover - the grammar has no other items
            raise AssertionError(tree.data)
        return cast(ast.Item | None, method(tree))

    def item_policy_def(self, tree: lark.Tree[Any]) -> ast.PolicyDef:
        g = self.by_kind(tree.children[1:])
        version = self.single(g, "version_clause", "`version`")
        source = self.single(g, "source_ref", "`source`")
        eff = self.single(g, "effective_clause", "`effective`")
        return ast.PolicyDef(
            self.name(tree.children[0]),
            version=self.string(version.children[0]) if version else None,
            titles=self.lang_texts(g, "title_clause"),
            texts=self.lang_texts(g, "text_clause"),
            source=self.name(source.children[0]) if source else None,
            effective=self.effective(eff) if eff else None,
            applies=tuple(self.expr(a.children[0]) for a in g.get("applies_clause", [])),
            interpretations=self.lang_texts(g, "interpretation_clause"),
            ambiguities=self.ambiguities(g),
            span=self.span(tree),
        )

    def item_policy_join(self, tree: lark.Tree[Any]) -> ast.PolicyJoin:
        return ast.PolicyJoin(self.name(tree.children[-1]), span=self.span(tree))

    def item_source_def(self, tree: lark.Tree[Any]) -> ast.SourceDef:
        g = self.by_kind(tree.children[1:])
        dated = self.single(g, "dated_clause", "`dated`")
        return ast.SourceDef(
            self.name(tree.children[0]),
            titles=self.lang_texts(g, "title_clause"),
            issuers=self.lang_texts(g, "issuer_clause"),
            texts=self.lang_texts(g, "text_clause"),
            dated=self.date(dated.children[0]) if dated else None,
            span=self.span(tree),
        )

    def item_enum_def(self, tree: lark.Tree[Any]) -> ast.EnumDef:
        values = tuple(
            ast.EnumValueDef(
                self.name(v.children[0]),
                self.texts([c for c in v.children[1:] if c.data == "label"]),
                self.ref(v.children[1:]),
                span=self.span(v),
            )
            for v in tree.children[1:]
        )
        return ast.EnumDef(self.name(tree.children[0]), values, span=self.span(tree))

    def type_expr(self, tree: lark.Tree[Any]) -> ast.TypeExpr:
        kind = {"named_type": "named", "set_type": "set", "list_type": "list"}[str(tree.data)]
        return ast.TypeExpr(cast(Literal["named", "set", "list"], kind),
                            self.name(tree.children[0]), span=self.span(tree))

    def item_record_def(self, tree: lark.Tree[Any]) -> ast.RecordDef:
        fields = tuple(
            ast.FieldDef(self.name(f.children[0]), self.type_expr(f.children[1]),
                         self.texts(f.children[2:]), span=self.span(f))
            for f in tree.children[1:]
        )
        return ast.RecordDef(self.name(tree.children[0]), fields, span=self.span(tree))

    def item_fact_def(self, tree: lark.Tree[Any]) -> ast.FactDef:
        return ast.FactDef(
            self.name(tree.children[0]),
            self.type_expr(tree.children[1]),
            self.texts(tree.children[2:]),
            span=self.span(tree),
        )

    def item_define_def(self, tree: lark.Tree[Any]) -> ast.DefineDef:
        labels = [c for c in tree.children[1:-1]]
        return ast.DefineDef(
            self.name(tree.children[0]),
            self.expr(tree.children[-1]),
            self.texts(labels),
            span=self.span(tree),
        )

    def effective(self, tree: lark.Tree[Any]) -> ast.Effective:
        start = self.date(tree.children[0])
        end = self.date(tree.children[1]) if len(tree.children) > 1 else None
        if end is not None and end.value < start.value:
            hint = f"`until {end.value}` is earlier than `from {start.value}`"
            for part in tree.children[:2]:  # a date in the wrong era is the usual cause
                written = str(part.children[0]) + (" BE" if len(part.children) > 1 else "")
                doubt = era_doubt(written)
                if doubt is not None:
                    hint += f"; {doubt[0]}: {doubt[1]}"
            self.error("E204", "effective period ends before it starts", self.span(tree), hint)
        return ast.Effective(start, end, span=self.span(tree))

    def cites(self, g: dict[str, list[lark.Tree[Any]]]) -> tuple[ast.Citation, ...]:
        out = []
        for kind in ("cite_absolute", "cite_relative"):
            for c in g.get(kind, []):
                doc = self.name(c.children[0]) if kind == "cite_absolute" else None
                parts_trees = c.children[1:] if kind == "cite_absolute" else c.children
                parts = []
                for p in parts_trees:
                    label = self.name(p.children[0])
                    number = text = None
                    if len(p.children) > 1:
                        arg = p.children[1]
                        if isinstance(arg, lark.Token):
                            number = str(arg)
                        else:
                            text = self.string(arg)
                    parts.append(ast.CitePart(label, number, text, span=self.span(p)))
                out.append(ast.Citation(doc, tuple(parts), span=self.span(c)))
        out.sort(key=lambda c: (c.span.start, c.span.line))
        return tuple(out)

    def explains(self, g: dict[str, list[lark.Tree[Any]]]) -> tuple[ast.Explain, ...]:
        out = []
        seen: set[tuple[str | None, str]] = set()
        for e in g.get("explain_clause", []):
            status = None
            rest = e.children
            if rest[0].data == "status":
                status, rest = self.kw(rest[0]), rest[1:]
            lang = self.kw(rest[0])
            if (status, lang) in seen:  # a report would show only one of them
                which = f"status `{status}`" if status else "every status"
                self.error("E201", f"two `{lang}` explanations for {which}", self.span(e),
                           "give each language once per status; join the sentences")
            seen.add((status, lang))
            out.append(ast.Explain(lang, self.string(rest[1]), status, span=self.span(e)))
        return tuple(out)

    def require(self, g: dict[str, list[lark.Tree[Any]]]) -> ast.Require | None:
        found = [t for k in ("require_expr", "require_all", "require_any") for t in g.get(k, [])]
        found.sort(key=lambda t: self.span(t).start)
        for extra in found[1:]:
            self.error("E203", "`require` is given more than once", self.span(extra),
                       "combine the conditions with `and` or `or`")
        if not found:
            return None
        t = found[0]
        if t.data == "require_expr":
            return ast.Require("expr", self.expr(t.children[0]), span=self.span(t))
        kind = "all_methods" if t.data == "require_all" else "any_methods"
        return ast.Require(cast(Literal["all_methods", "any_methods"], kind), span=self.span(t))

    def exprs(self, g: dict[str, list[lark.Tree[Any]]], kind: str) -> tuple[ast.Expr, ...]:
        return tuple(self.expr(t.children[0]) for t in g.get(kind, []))

    def method(self, tree: lark.Tree[Any]) -> ast.MethodDef:
        g = self.by_kind(tree.children[1:])
        return ast.MethodDef(
            thai_digits_to_arabic(str(tree.children[0])),
            cites=self.cites(g),
            titles=self.lang_texts(g, "title_clause"),
            texts=self.lang_texts(g, "text_clause"),
            explains=self.explains(g),
            applies=self.exprs(g, "applies_clause"),
            unless=self.exprs(g, "unless_clause"),
            interpretations=self.lang_texts(g, "interpretation_clause"),
            require=self.require(g),
            ambiguities=self.ambiguities(g),
            actors=self.lang_texts(g, "actor_clause"),
            span=self.span(tree),
        )

    def item_measure_def(self, tree: lark.Tree[Any]) -> ast.MeasureDef:
        g = self.by_kind(tree.children[2:])
        eff = self.single(g, "effective_clause", "`effective`")
        return ast.MeasureDef(
            self.name(tree.children[0]),
            self.modality(tree.children[1]),
            cites=self.cites(g),
            titles=self.lang_texts(g, "title_clause"),
            texts=self.lang_texts(g, "text_clause"),
            explains=self.explains(g),
            applies=self.exprs(g, "applies_clause"),
            effective=self.effective(eff) if eff else None,
            unless=self.exprs(g, "unless_clause"),
            interpretations=self.lang_texts(g, "interpretation_clause"),
            methods=tuple(self.method(m) for m in g.get("method_def", [])),
            require=self.require(g),
            ambiguities=self.ambiguities(g),
            actors=self.lang_texts(g, "actor_clause"),
            span=self.span(tree),
        )

    def option(self, tree: lark.Tree[Any]) -> ast.OptionDef:
        g = self.by_kind(tree.children[1:])
        return ast.OptionDef(
            self.name(tree.children[0]),
            cites=self.cites(g),
            titles=self.lang_texts(g, "title_clause"),
            texts=self.lang_texts(g, "text_clause"),
            ref=self.ref(tree.children[1:]),
            interpretations=self.lang_texts(g, "interpretation_clause"),
            span=self.span(tree),
        )

    def rule(self, tree: lark.Tree[Any]) -> ast.RuleDef:
        rid, modality, action, options, *clauses = tree.children
        g = self.by_kind(clauses)
        when = self.single(g, "when_clause", "`when`")
        prio = self.single(g, "priority_clause", "`priority`")
        overrides = [self.name(t) for o in g.get("overrides_clause", []) for t in o.children]
        return ast.RuleDef(
            self.name(rid),
            self.modality(modality),
            cast(Literal["allow", "recommend", "exclude"], self.kw(action)),
            tuple(self.name(t) for t in options.children),
            cites=self.cites(g),
            titles=self.lang_texts(g, "title_clause"),
            texts=self.lang_texts(g, "text_clause"),
            explains=self.explains(g),
            when=self.expr(when.children[0]) if when else None,
            unless=self.exprs(g, "unless_clause"),
            interpretations=self.lang_texts(g, "interpretation_clause"),
            priority=int(prio.children[0]) if prio else None,
            overrides=tuple(overrides),
            ambiguities=self.ambiguities(g),
            span=self.span(tree),
        )

    def item_decision_def(self, tree: lark.Tree[Any]) -> ast.DecisionDef:
        g = self.by_kind(tree.children[1:])
        eff = self.single(g, "effective_clause", "`effective`")
        subj = self.single(g, "subject_clause", "`for`")
        chosen = self.single(g, "chosen_clause", "`chosen`")
        return ast.DecisionDef(
            self.name(tree.children[0]),
            cites=self.cites(g),
            titles=self.lang_texts(g, "title_clause"),
            texts=self.lang_texts(g, "text_clause"),
            applies=self.exprs(g, "applies_clause"),
            effective=self.effective(eff) if eff else None,
            subject=ast.Subject(self.name(subj.children[0]), self.expr(subj.children[1]),
                                span=self.span(subj)) if subj else None,
            chosen=self.expr(chosen.children[0]) if chosen else None,
            options=tuple(self.option(o) for o in g.get("option_def", [])),
            rules=tuple(self.rule(r) for r in g.get("rule_def", [])),
            interpretations=self.lang_texts(g, "interpretation_clause"),
            ambiguities=self.ambiguities(g),
            span=self.span(tree),
        )

    def item_item_def(self, tree: lark.Tree[Any]) -> ast.ItemDef:
        g = self.by_kind(tree.children[1:])
        eff = self.single(g, "effective_clause", "`effective`")
        return ast.ItemDef(
            self.name(tree.children[0]),
            cites=self.cites(g),
            titles=self.lang_texts(g, "title_clause"),
            texts=self.lang_texts(g, "text_clause"),
            effective=self.effective(eff) if eff else None,
            interpretations=self.lang_texts(g, "interpretation_clause"),
            ambiguities=self.ambiguities(g),
            span=self.span(tree),
        )

    # -- expressions --------------------------------------------------------------------

    def expr(self, node: lark.Tree[Any] | lark.Token) -> ast.Expr:
        if isinstance(node, lark.Token):  # pragma: no cover - every atom has an alias
            raise AssertionError(node)
        method = getattr(self, f"x_{node.data}")
        return cast(ast.Expr, method(node, self.span(node)))

    def x_or_chain(self, t: lark.Tree[Any], span: Span) -> ast.Expr:
        ops = tuple(self.expr(c) for c in t.children)
        return ops[0] if len(ops) == 1 else ast.Or(ops, span=span)

    def x_and_chain(self, t: lark.Tree[Any], span: Span) -> ast.Expr:
        ops = tuple(self.expr(c) for c in t.children)
        return ops[0] if len(ops) == 1 else ast.And(ops, span=span)

    def x_not_(self, t: lark.Tree[Any], span: Span) -> ast.Expr:
        return ast.Not(self.expr(t.children[0]), span=span)

    def x_compare(self, t: lark.Tree[Any], span: Span) -> ast.Expr:
        left, op, right = t.children
        return ast.Compare(str(op), self.expr(left), self.expr(right), span=span)

    def x_member(self, t: lark.Tree[Any], span: Span) -> ast.Expr:
        return ast.Member(self.expr(t.children[0]), self.expr(t.children[1]), span=span)

    def x_not_member(self, t: lark.Tree[Any], span: Span) -> ast.Expr:
        return ast.Member(self.expr(t.children[0]), self.expr(t.children[1]), True, span=span)

    def x_includes(self, t: lark.Tree[Any], span: Span) -> ast.Expr:
        return ast.Includes(self.expr(t.children[0]), self.expr(t.children[1]), span=span)

    def x_subset(self, t: lark.Tree[Any], span: Span) -> ast.Expr:
        return ast.Subset(self.expr(t.children[0]), self.expr(t.children[1]), span=span)

    def x_arith(self, t: lark.Tree[Any], span: Span) -> ast.Expr:
        left, op, right = t.children
        return ast.Arith(str(op), self.expr(left), self.expr(right), span=span)

    def x_neg(self, t: lark.Tree[Any], span: Span) -> ast.Expr:
        return ast.Neg(self.expr(t.children[0]), span=span)

    def x_true(self, t: lark.Tree[Any], span: Span) -> ast.Expr:
        return ast.BoolLit(True, span=span)

    def x_false(self, t: lark.Tree[Any], span: Span) -> ast.Expr:
        return ast.BoolLit(False, span=span)

    def x_int_lit(self, t: lark.Tree[Any], span: Span) -> ast.Expr:
        text = str(t.children[0])
        if len(text) > 18:
            self.error("E205", "number is too large", span, "numbers have at most 18 digits")
            return ast.IntLit(0, span=span)
        return ast.IntLit(int(text), span=span)

    def x_decimal_lit(self, t: lark.Tree[Any], span: Span) -> ast.Expr:
        text = str(t.children[0])
        if len(text) > 40:
            self.error("E205", "number is too long", span, "numbers have at most 40 characters")
            return ast.DecimalLit(decimal.Decimal(0), span=span)
        return ast.DecimalLit(decimal.Decimal(text), span=span)

    def x_string_lit(self, t: lark.Tree[Any], span: Span) -> ast.Expr:
        return ast.StringLit(self.string(t.children[0]), span=span)

    def x_date_lit(self, t: lark.Tree[Any], span: Span) -> ast.Expr:
        return self.date(t)

    def x_as_of(self, t: lark.Tree[Any], span: Span) -> ast.Expr:
        return ast.AsOf(span=span)

    def x_name(self, t: lark.Tree[Any], span: Span) -> ast.Expr:
        return ast.Name(self.name(t.children[0]), span=span)

    def x_set_lit(self, t: lark.Tree[Any], span: Span) -> ast.Expr:
        return ast.SetLit(tuple(self.expr(c) for c in t.children if c is not None), span=span)

    def x_quantifier(self, t: lark.Tree[Any], span: Span) -> ast.Expr:
        quant, var, coll, body = t.children
        name = self.name(var)
        if "." in name:
            self.error("E206", f"`{name}` cannot name a bound variable", self.span(var),
                       "a variable is a plain name without dots, such as `p`")
        kind = cast(Literal["all", "any", "count"], self.kw(quant))
        return ast.Quantifier(kind, name, self.expr(coll), self.expr(body), span=span)

    def x_size(self, t: lark.Tree[Any], span: Span) -> ast.Expr:
        return ast.Size(self.expr(t.children[0]), span=span)


def parse_module(source: SourceFile) -> ast.Module:
    """Parse one policy file. Raises :class:`PolicyError` with every problem found."""
    _check_nesting(source)
    try:
        tree = _parser().parse(source.text)
    except UnexpectedInput as exc:
        raise PolicyError(_syntax_error(exc, source)) from None
    except RecursionError:  # pragma: no cover - guarded by _check_nesting
        raise PolicyError(
            Diagnostic("E112", "policy is nested too deeply", Span.whole_file(source.name))
        ) from None
    depth, deepest = _tree_depth(tree)
    if depth > 4 * MAX_NESTING:
        builder = _Builder(source)
        raise PolicyError(
            Diagnostic("E112", f"expression is nested more than {MAX_NESTING} deep",
                       builder.span(deepest), "split the condition into named `define`s")
        )
    builder = _Builder(source)
    module = builder.module(tree)
    if builder.diagnostics:
        raise PolicyError(builder.diagnostics)
    return module


def parse_text(text: str, name: str = "<text>") -> ast.Module:
    """Parse policy text given as a string (handy in tests and for embedding)."""
    from .source import decode_source

    return parse_module(decode_source(name, text.encode("utf-8")))
