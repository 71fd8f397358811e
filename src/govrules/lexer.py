"""A Pygments lexer for the policy language (``.pol`` files).

Registered under the ``pygments.lexers`` entry point, so that Pygments — and through it the
documentation's code blocks written ```` ```pol ````, and ``pygmentize`` in a terminal — find it
by its aliases ``pol`` and ``govrules`` or by the file pattern ``*.pol``::

    pygmentize -l pol policies/s50/disclosure.pol

The lexer follows ``grammar/policy.lark``: its keywords are the grammar's (a test checks that
every quoted word of the grammar is highlighted as one), Thai modality keywords included. A
keyword *inside* a dotted name (``agency.policy``) is a name, as it is for the parser. Numbers
written with Thai digits — clause numbers such as ``๑.๑.๓`` and ``๓)``, dates such as
``๒๕๖๑-๐๓-๐๑ BE`` — are numbers. Pygments is needed only to use this module: the engine itself
does not import it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from re import Match
from typing import Any, cast

from pygments.lexer import RegexLexer, bygroups
from pygments.token import (
    Comment,
    Error,
    Keyword,
    Literal,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Whitespace,
    _TokenType,
)

__all__ = [
    "BUILTIN_TYPES",
    "CONSTANTS",
    "DECLARATIONS",
    "KEYWORDS",
    "MODALITIES",
    "OPERATOR_WORDS",
    "PolLexer",
]

DECLARATIONS = frozenset({
    "policy", "source", "enum", "record", "fact", "define", "measure", "method", "decision",
    "option", "rule", "item",
})
"""Keywords that start an item or a block, followed by the name they declare."""

MODALITIES = frozenset({
    "must", "should", "may", "consider", "ต้อง", "ต้องไม่", "ควร", "อาจ", "พิจารณา",
})
"""Modality keywords, in English and in Thai (``must not`` is ``must`` followed by ``not``)."""

OPERATOR_WORDS = frozenset({"and", "or", "not", "in", "includes", "subset", "of"})
"""Keywords that are operators of expressions."""

CONSTANTS = frozenset({
    "true", "false", "as_of", "BE", "CE", "th", "en",
    "compliant", "non_compliant", "unknown", "not_applicable",
})
"""Keywords that stand for a value: booleans, the evaluation date, eras, languages, statuses."""

KEYWORDS = frozenset({
    "cite", "title", "text", "explain", "applies", "when", "unless", "effective", "from",
    "until", "version", "issuer", "dated", "require", "all", "any", "methods", "count", "size",
    "interpretation", "for", "chosen", "priority", "overrides", "set", "list",
    "allow", "recommend", "exclude", "ambiguity", "actor", "ref",
})
"""The other keywords: clauses, quantifiers, actions and type constructors."""

BUILTIN_TYPES = frozenset({"bool", "int", "decimal", "date"})
"""The built-in types that are not also keywords (``text`` is the clause keyword too)."""

_LETTER = r"(?:[^\W\d]|[\u0E01-\u0E4E])"
_NAME_CHAR = r"[\w\u0E01-\u0E4E]"
_DOTTED = rf"{_LETTER}{_NAME_CHAR}*(?:\.{_NAME_CHAR}+)*"
_DIGIT = r"[0-9\u0E50-\u0E59]"
# A name must not start in the middle of another name or number: `s50.1.1.3`, `agency.policy`.
_START = r"(?<![\w\u0E01-\u0E4E\u0E50-\u0E59.])"

# `bygroups` has no annotations in the type stubs; this gives it a type for mypy --strict.
_groups = cast(Callable[..., Any], bygroups)

_TokenStream = Iterator[tuple[int, _TokenType, str]]


def _name(lexer: RegexLexer, match: Match[str]) -> _TokenStream:
    """A whole dotted name: a keyword when it is one, otherwise a name."""
    word = match.group(0)
    if word in DECLARATIONS:
        token = Keyword.Declaration
    elif word in MODALITIES:
        token = Keyword.Reserved
    elif word in OPERATOR_WORDS:
        token = Operator.Word
    elif word in CONSTANTS:
        token = Keyword.Constant
    elif word in KEYWORDS:
        token = Keyword
    elif word in BUILTIN_TYPES:
        token = Keyword.Type
    else:
        token = Name
    yield match.start(), token, word


class PolLexer(RegexLexer):
    """Lexer for govrules policy files (``.pol``): Thai and English rules as code."""

    name = "govrules policy"
    aliases = ["pol", "govrules"]  # noqa: RUF012 - Pygments reads these class attributes
    filenames = ["*.pol"]  # noqa: RUF012
    mimetypes = ["text/x-govrules-policy"]  # noqa: RUF012
    url = "https://github.com/govrules/govrules"
    version_added = ""

    tokens = {  # noqa: RUF012
        "root": [
            (r"\s+", Whitespace),
            (r"#[^\n]*", Comment.Single),
            (r'"', String.Double, "string"),
            # Dates, in Arabic or Thai digits, with an optional era.
            (rf"({_DIGIT}{{4}}-{_DIGIT}{{2}}-{_DIGIT}{{2}})(\s+)(BE|CE)\b",
             _groups(Literal.Date, Whitespace, Keyword.Constant)),
            (rf"{_DIGIT}{{4}}-{_DIGIT}{{2}}-{_DIGIT}{{2}}", Literal.Date),
            # Decimals of expressions (`4.5`), then the clause numbers of citations: dotted,
            # in Thai or Arabic digits, with an optional `)` (`๑.๑.๓`, `๓)`, `1.1.3`).
            (rf"{_START}[0-9]+\.[0-9]+(?![.)0-9\u0E50-\u0E59])", Number.Float),
            (rf"{_START}{_DIGIT}+(?:\.{_DIGIT}+)+\)?", Number.Other),
            (rf"{_START}{_DIGIT}+\)", Number.Other),
            (rf"{_START}[\u0E50-\u0E59]+", Number.Other),
            (rf"{_START}[0-9]+", Number.Integer),
            # A declaration keyword and the name it declares.
            (rf"{_START}(policy|source|enum|record|decision|measure|item)(\s+)({_DOTTED})",
             _groups(Keyword.Declaration, Whitespace, Name.Class)),
            (rf"{_START}(fact|define)(\s+)({_DOTTED})",
             _groups(Keyword.Declaration, Whitespace, Name.Variable)),
            (rf"{_START}(rule|option)(\s+)({_DOTTED})",
             _groups(Keyword.Declaration, Whitespace, Name.Function)),
            (rf"{_START}{_DOTTED}", _name),
            (r"==|!=|<=|>=|<|>|\+|-|\*|=", Operator),
            (r"[{}(),:]", Punctuation),
            # Anything else is not in the language: Pygments marks it as an error token.
        ],
        "string": [
            (r'\\["\\nt]', String.Escape),
            (r'[^"\\\n]+', String.Double),
            (r'"', String.Double, "#pop"),
            (r"\\", Error),  # an escape the language does not have
            (r"\n", Error, "#pop"),  # a text cannot run over a line break
        ],
    }
