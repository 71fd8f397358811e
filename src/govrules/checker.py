"""Checking: parsed modules to a :class:`~govrules.model.PolicySet`, or diagnostics.

The checker is the gate between parsing and evaluation. It resolves every declaration of a
policy set (a folder of ``.pol`` files), resolves every name the way the evaluator will
(:func:`govrules.model.resolve_name`), type-checks every expression, and checks the structure
the design requires: every rule cites its source, every measure and decision belongs to a
policy, ids are unique, overrides do not go round in circles.

Like Cedar's validator it never stops at the first problem: :func:`check_modules` returns every
error and warning it finds, sorted by position, and a :class:`PolicySet` only when there is no
error. Where one mistake would cause others (an unknown fact makes every comparison with it
ill-typed), the expression checker uses a *poison* type — ``None`` — that silences the follow-up
errors, so each diagnostic points at a real mistake.

Diagnostic codes (``E2xx`` names and structure, ``E3xx`` types, ``W2xx`` warnings) are listed
in :data:`CODES`.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Literal

import attrs

from . import ast
from .dates import BE_LOOKING_YEAR
from .errors import Diagnostic, Severity, Span
from .facttypes import (
    BOOL,
    DATE,
    DECIMAL,
    INT,
    TEXT,
    EnumType,
    FactDecl,
    ListType,
    PrimType,
    RecordType,
    SetType,
    Type,
)
from .model import CheckedDecision, CheckedMeasure, PolicySet, natural_key, resolve_name
from .source import normalize_name

__all__ = ["BUILTIN_TYPES", "CODES", "check_modules"]

BUILTIN_TYPES: Mapping[str, PrimType] = {t.name: t for t in (BOOL, INT, DECIMAL, TEXT, DATE)}
"""The built-in type names of the policy language."""

CODES: Mapping[str, str] = {
    "E210": "unknown name",
    "E211": "a name is both an enum value and a fact or definition",
    "E212": "a record has no such field",
    "E213": "a whole record is used as a value",
    "E214": "a bound variable hides a fact, definition, enum value or another variable",
    "E215": "a definition uses a decision's variable",
    "E216": "definitions refer to each other in a cycle",
    "E217": "records contain each other in a cycle",
    "E220": "a name is declared more than once",
    "E221": "a declaration reuses the name of a built-in type",
    "E222": "unknown type",
    "E223": "`set of` names something that is not an enum",
    "E224": "`list of` names something that is not a record",
    "E225": "a record field is a list or a record",
    "E226": "a fact has a record type",
    "E227": "a fact is nested inside another fact",
    "E228": "an enum without values or a record without fields",
    "E230": "a file with measures or decisions has no policy",
    "E231": "a policy is defined more than once",
    "E232": "a file names more than one policy",
    "E233": "unknown policy",
    "E234": "unknown source document",
    "E235": "a measure, method, decision, option or rule cites no source",
    "E236": "a measure or decision cites without naming the document",
    "E240": "a measure, decision or item id is used more than once (a method's verdict id "
            "`MEASURE.mN` included)",
    "E245": "a `ref` names an id that is already taken",
    "E241": "a method number is used twice in a measure",
    "E242": "`require all|any methods` without methods",
    "E243": "a measure has neither `require` nor methods",
    "E244": "a method has no `require`",
    "E250": "a decision has no options",
    "E251": "an option is declared twice in a decision",
    "E252": "a rule names an unknown option",
    "E253": "a rule id is used twice in a decision",
    "E254": "a rule overrides an unknown rule",
    "E255": "a rule overrides itself",
    "E256": "rules override each other in a cycle",
    "E257": "unknown name in an explanation",
    "E258": "malformed explanation template",
    "E301": "a condition is not a `bool`",
    "E302": "`==` or `!=` between values of different types",
    "E303": "`<`, `<=`, `>` or `>=` between values that are not numbers or dates",
    "E304": "`in` without a set on its right",
    "E305": "a name is not a value of the expected enum",
    "E306": "a set literal mixes types or holds values that cannot be in a set",
    "E307": "the element of `in` or `includes` has the wrong type",
    "E308": "`includes` without a set of enum values on its left",
    "E309": "`subset of` without two sets of the same enum",
    "E310": "arithmetic on values that are not numbers",
    "E311": "a quantifier or `for` without a list of records",
    "E312": "`size` of something that is neither a set nor a list",
    "E313": "`chosen` is not of the decision's option type",
    "E314": "an enum value of several enums in a place that does not say which",
    "E315": "an empty set in a place that does not say its type",
    "E316": "a definition is a set of numbers or texts",
    "W201": "a fact is never used",
    "W202": "an enum is never used",
    "W203": "a C.E. date that looks like a B.E. year",
    "W205": "an ambiguity reference is not of the form `A<number>`",
    "W204": "a B.E. date far from the present",
    "W206": "a measure has methods but decides by a condition that does not use them",
}
"""Every code the checker reports, with its meaning."""


# ---------------------------------------------------------------------------- small helpers


@attrs.frozen
class _PrimSet:
    """The type of a set literal of numbers or texts, which only makes sense after ``in``."""

    element: PrimType

    def describe(self) -> str:
        return f"set of {self.element.name}"


@attrs.frozen
class _Poison:
    """An expected type meaning "the other side already has an error; stay quiet"."""


_POISON = _Poison()
_Ty = Type | _PrimSet
_Expect = Type | _PrimSet | _Poison | None

_NAME_CHAR = r"[\w\u0E01-\u0E4E.]"
_NAME_CHAR_RE = re.compile(_NAME_CHAR)
_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def _describe(t: _Ty) -> str:
    return t.describe()


def _numeric(t: _Ty) -> bool:
    return t in (INT, DECIMAL)


def _compatible(a: _Ty, b: _Ty) -> bool:
    """True when ``a`` and ``b`` are the same type (``int`` and ``decimal`` mix)."""
    return a == b or (_numeric(a) and _numeric(b))


def _did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    pool = sorted(set(candidates))
    match = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    return f"did you mean `{match[0]}`?" if match else None


def _listing(values: Sequence[str], limit: int = 8) -> str:
    shown = ", ".join(f"`{v}`" for v in values[:limit])
    return shown + (", …" if len(values) > limit else "")


def _texts(texts: ast.Texts) -> dict[str, str]:
    return dict(texts)


def _children(e: ast.Expr) -> tuple[ast.Expr, ...]:
    """The direct sub-expressions of ``e``."""
    match e:
        case ast.SetLit(items=items):
            return items
        case ast.Not(operand=x) | ast.Neg(operand=x) | ast.Size(operand=x):
            return (x,)
        case ast.And(operands=ops) | ast.Or(operands=ops):
            return ops
        case ast.Compare(left=a, right=b) | ast.Arith(left=a, right=b) | ast.Subset(
            left=a, right=b
        ):
            return (a, b)
        case ast.Member(element=a, collection=b) | ast.Includes(container=a, contained=b):
            return (a, b)
        case ast.Quantifier(collection=a, body=b):
            return (a, b)
    return ()


def _free_names(e: ast.Expr) -> Iterator[ast.Name]:
    """Every name in ``e`` that is not a field of a variable bound inside ``e``."""
    stack: list[tuple[ast.Expr, frozenset[str]]] = [(e, frozenset())]
    while stack:
        node, bound = stack.pop()
        if isinstance(node, ast.Name):
            if node.path.partition(".")[0] not in bound:
                yield node
        elif isinstance(node, ast.Quantifier):
            stack.append((node.collection, bound))
            stack.append((node.body, bound | {node.var}))
        else:
            stack.extend((c, bound) for c in _children(node))


def _graph_order(
    nodes: Sequence[str], edges: Mapping[str, Sequence[str]]
) -> tuple[list[str], list[list[str]]]:
    """Dependencies-first order of a graph, and the cycles met on the way (``[a, b, a]``).

    Iterative, so that a long chain of definitions cannot exhaust Python's stack.
    """
    state: dict[str, int] = {}
    order: list[str] = []
    cycles: list[list[str]] = []
    for root in nodes:
        if root in state:
            continue
        state[root] = 1
        path = [root]
        stack = [iter(edges.get(root, ()))]
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                stack.pop()
                done = path.pop()
                state[done] = 2
                order.append(done)
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(edges.get(nxt, ())))
            elif state[nxt] == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
    return order, cycles


def _placeholders(template: str) -> tuple[list[str], str | None]:
    """The ``{name}`` placeholders of an explanation template, and what is wrong with it."""
    names: list[str] = []
    i, n = 0, len(template)
    while i < n:
        ch = template[i]
        if ch == "{" and template.startswith("{{", i):
            i += 2
            continue
        if ch == "{":
            close = template.find("}", i + 1)
            if close < 0:
                return names, "`{` is not closed in the explanation"
            inner = template[i + 1 : close]
            if not inner.strip() or "{" in inner:
                return names, f"`{{{inner}}}` is not a placeholder"
            names.append(inner)
            i = close + 1
            continue
        i += 1
    return names, None


# ---------------------------------------------------------------------------- diagnostics


class _Reporter:
    """Collects diagnostics and narrows spans of whole items down to the name at fault."""

    def __init__(self, sources: Mapping[str, str]) -> None:
        self.sources = sources
        self.diagnostics: list[Diagnostic] = []
        self._line_starts: dict[str, list[int]] = {}

    def error(self, code: str, message: str, span: Span, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(code, message, span, hint))

    def warn(self, code: str, message: str, span: Span, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(code, message, span, hint, Severity.WARNING))

    def sorted(self) -> list[Diagnostic]:
        unique = dict.fromkeys(self.diagnostics)
        return sorted(
            unique,
            key=lambda d: (d.span.file, d.span.line, d.span.column, d.code, d.message),
        )

    # -- spans --------------------------------------------------------------------------

    def _starts(self, file: str, text: str) -> list[int]:
        if file not in self._line_starts:
            starts = [0]
            starts.extend(m.end() for m in re.finditer("\n", text))
            self._line_starts[file] = starts
        return self._line_starts[file]

    def _position(self, file: str, text: str, offset: int) -> tuple[int, int]:
        starts = self._starts(file, text)
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    @staticmethod
    def _search(text: str, needle: str, lo: int, hi: int, word: bool) -> tuple[int, int] | None:
        """Where ``needle`` first occurs in ``text[lo:hi]``; with ``word``, only where it is
        a whole name: no name character just before it (even before ``lo``) or just after
        it inside ``hi``. A scan, not a regular expression per needle: compiling one for each
        name was most of the time the checker took."""
        at = text.find(needle, lo, hi)
        while at >= 0:
            end = at + len(needle)
            if not word or not (
                (at > 0 and _NAME_CHAR_RE.match(text, at - 1))
                or (end < hi and _NAME_CHAR_RE.match(text, end))
            ):
                return at, end
            at = text.find(needle, at + 1, hi)
        return None

    def narrow(self, span: Span, needle: str, *, after: str | None = None,
               word: bool = True) -> Span:
        """The span of ``needle`` inside ``span`` (after the word ``after``), else ``span``."""
        text = self.sources.get(span.file)
        if text is None or not needle or not 0 <= span.start < span.end <= len(text):
            return span
        if self._position(span.file, text, span.start) != (span.line, span.column):
            return span  # the text is not the one that was parsed
        lo = span.start
        if after is not None:
            found = self._search(text, after, lo, span.end, True)
            if found is None:
                return span
            lo = found[1]
        hit = self._search(text, needle, lo, span.end, word)
        if hit is None:
            return span
        line, col = self._position(span.file, text, hit[0])
        end_line, end_col = self._position(span.file, text, hit[1])
        return Span(span.file, line, col, end_line, end_col, hit[0], hit[1])

    def first_line(self, span: Span) -> Span:
        """``span`` cut to its first line, for items whose name cannot be found."""
        if span.end_line <= span.line:
            return span
        return attrs.evolve(span, end_line=span.line, end_column=span.column + 1)


# ---------------------------------------------------------------------------- declarations


@attrs.define
class _Decls:
    """The global declarations of a policy set, as the checker resolves them."""

    facts: dict[str, FactDecl] = attrs.field(factory=dict)
    fact_defs: dict[str, ast.FactDef] = attrs.field(factory=dict)
    broken_facts: set[str] = attrs.field(factory=set)
    defines: dict[str, ast.DefineDef] = attrs.field(factory=dict)
    enums: dict[str, EnumType] = attrs.field(factory=dict)
    enum_defs: dict[str, ast.EnumDef] = attrs.field(factory=dict)
    records: dict[str, RecordType] = attrs.field(factory=dict)
    bad_types: set[str] = attrs.field(factory=set)
    used_types: set[str] = attrs.field(factory=set)
    enum_values: dict[str, tuple[str, ...]] = attrs.field(factory=dict)
    documents: dict[str, ast.SourceDef] = attrs.field(factory=dict)
    policies: dict[str, ast.PolicyDef] = attrs.field(factory=dict)
    heads: dict[str, str] = attrs.field(factory=dict)
    subject_vars: set[str] = attrs.field(factory=set)

    def type_names(self) -> list[str]:
        return [*BUILTIN_TYPES, *self.enums, *self.records]


@attrs.frozen
class _Ctx:
    """The variables in scope (name → record type, None when the list was ill-typed)."""

    vars: Mapping[str, RecordType | None] = attrs.field(factory=dict)
    define: str | None = None

    def bind(self, var: str, record: RecordType | None) -> _Ctx:
        return _Ctx({**self.vars, var: record}, self.define)


# ---------------------------------------------------------------------------- expressions


class _Exprs:
    """The expression type checker: a ``match`` over node classes with an explicit scope.

    ``infer`` returns the type of an expression, or None after reporting an error (the
    poison that keeps one mistake from causing a cascade of others). ``expected`` is the type
    the context wants; it only matters for bare enum value names and set literals, whose type
    comes from the other side of ``==``, ``in``, ``includes``...
    """

    def __init__(self, rep: _Reporter, decls: _Decls) -> None:
        self.rep = rep
        self.d = decls
        self.define_types: dict[str, _Ty | None] = {}
        self.used_facts: set[str] = set()

    # -- entry points -------------------------------------------------------------------

    def expect_bool(self, e: ast.Expr, ctx: _Ctx, what: str) -> None:
        """Check that ``e`` is a condition; ``what`` names the clause for the message."""
        t = self.infer(e, ctx)
        if t is not None and t != BOOL:
            self.rep.error(
                "E301", f"{what} needs a `bool` condition, found `{_describe(t)}`", e.span,
                "a condition is a comparison such as `agency.staff > 10`, a `bool` fact, or "
                "conditions joined with `and` / `or`",
            )

    def infer(self, e: ast.Expr, ctx: _Ctx, expected: _Expect = None) -> _Ty | None:
        """The type of ``e`` in scope ``ctx``, or None after an error was reported."""
        match e:
            case ast.BoolLit():
                return BOOL
            case ast.IntLit():
                return INT
            case ast.DecimalLit():
                return DECIMAL
            case ast.StringLit():
                return TEXT
            case ast.DateLit():
                self.check_date(e)
                return DATE
            case ast.AsOf():
                return DATE
            case ast.Name():
                return self.name(e, ctx, expected)
            case ast.SetLit():
                return self.set_lit(e, ctx, expected)
            case ast.Not():
                self.expect_bool(e.operand, ctx, "`not`")
                return BOOL
            case ast.And() | ast.Or():
                word = "`and`" if isinstance(e, ast.And) else "`or`"
                for op in e.operands:
                    self.expect_bool(op, ctx, word)
                return BOOL
            case ast.Compare():
                return self.compare(e, ctx)
            case ast.Member():
                return self.member(e, ctx)
            case ast.Includes():
                return self.includes(e, ctx)
            case ast.Subset():
                return self.subset(e, ctx)
            case ast.Arith():
                return self.arith(e, ctx)
            case ast.Neg():
                return self.neg(e, ctx)
            case ast.Quantifier():
                return self.quantifier(e, ctx)
            case ast.Size():
                return self.size(e, ctx)
        raise AssertionError(f"unknown expression {e!r}")  # pragma: no cover

    # -- names --------------------------------------------------------------------------

    def resolve(self, path: str, ctx: _Ctx) -> str | None:
        """The kind of thing ``path`` names in ``ctx`` (``fact``, ``var``...), or None."""
        res = resolve_name(path, ctx.vars, self.d.facts, self.d.defines, self.d.enum_values)
        return None if res is None else res.kind

    def needs_context(self, e: ast.Expr, ctx: _Ctx) -> bool:
        """True for set literals and bare names that are not facts, definitions or fields."""
        if isinstance(e, ast.SetLit):
            return True
        return isinstance(e, ast.Name) and self.resolve(e.path, ctx) in (None, "enum")

    def name(self, n: ast.Name, ctx: _Ctx, expected: _Expect) -> _Ty | None:
        res = resolve_name(n.path, ctx.vars, self.d.facts, self.d.defines, self.d.enum_values)
        if res is None or res.kind == "enum":
            return self.bare_name(n, ctx, expected)
        if res.kind == "var":
            return self.field(n, res.target, res.field, ctx)
        if n.path in self.d.enum_values:
            kind = "fact" if res.kind == "fact" else "definition"
            owners = _listing(self.d.enum_values[n.path])
            self.rep.error("E211", f"`{n.path}` is both a {kind} and a value of {owners}",
                           n.span, f"rename the enum value or the {kind}")
            return None
        if res.kind == "fact":
            self.used_facts.add(n.path)
            if n.path in self.d.broken_facts:
                return None
            return self.d.facts[n.path].type
        return self.define_types.get(n.path)

    def bare_name(self, n: ast.Name, ctx: _Ctx, expected: _Expect) -> _Ty | None:
        """A name that is an enum value or nothing: its type comes from ``expected``."""
        known = n.path in self.d.enum_values
        if isinstance(expected, _Poison) and known:
            return None
        if isinstance(expected, EnumType):
            return self.enum_value_of(n, expected)
        if not known:
            self.unknown_name(n, ctx)
            return None
        owners = self.d.enum_values[n.path]
        if len(owners) == 1:
            return self.d.enums[owners[0]]
        self.rep.error(
            "E314", f"cannot tell which enum `{n.path}` belongs to", n.span,
            f"it is a value of {_listing(owners)}; compare it with a fact of one of these types",
        )
        return None

    def enum_value_of(self, n: ast.Name, enum: EnumType) -> EnumType | None:
        if n.path in enum.values:
            return enum
        hint = _did_you_mean(n.path, enum.values) or (
            f"the values of `{enum.name}` are {_listing(enum.values)}"
        )
        self.rep.error("E305", f"`{n.path}` is not a value of `{enum.name}`", n.span, hint)
        return None

    def unknown_name(self, n: ast.Name, ctx: _Ctx) -> None:
        head = n.path.partition(".")[0]
        if ctx.define is not None and head in self.d.subject_vars:
            self.rep.error(
                "E215", f"definition `{ctx.define}` cannot use the variable `{head}`", n.span,
                "a `define` is global; write the condition in the decision's rules instead",
            )
            return
        fields = [
            f"{var}.{fname}"
            for var, rec in ctx.vars.items()
            if rec is not None
            for fname, _ in rec.fields
        ]
        candidates = [*self.d.facts, *self.d.defines, *self.d.enum_values, *fields]
        hint = _did_you_mean(n.path, candidates) or "declare it with `fact NAME : TYPE`"
        self.rep.error("E210", f"unknown name `{n.path}`", n.span, hint)

    def field(self, n: ast.Name, var: str, path: str, ctx: _Ctx) -> _Ty | None:
        """The type of ``var.path`` where ``var`` is bound to a record (one level of fields)."""
        record = ctx.vars[var]
        if record is None:
            return None
        if not path:
            return self.whole_record(n, var, record)
        first, _, rest = path.partition(".")
        ft = record.field_type(first)
        if ft is None:
            names = [f for f, _ in record.fields]
            hint = _did_you_mean(first, names) or f"its fields are {_listing(names)}"
            self.rep.error("E212", f"record `{record.name}` has no field `{first}`", n.span, hint)
            return None
        if rest:
            self.rep.error(
                "E212", f"`{var}.{first}` is a `{ft.describe()}`, whose fields cannot be read",
                n.span, f"conditions read one level of fields, such as `{var}.{first}`",
            )
            return None
        if isinstance(ft, RecordType):
            return self.whole_record(n, n.path, ft)
        return ft

    def whole_record(self, n: ast.Name, path: str, record: RecordType) -> _Ty | None:
        """Report a name that reads a whole record; always None (the poison)."""
        example = f"`{path}.{record.fields[0][0]}`" if record.fields else "a field"
        self.rep.error("E213", f"`{path}` is a whole `{record.name}` record", n.span,
                       f"name one of its fields, such as {example}")
        return None

    # -- operators ----------------------------------------------------------------------

    def pair(self, a: ast.Expr, b: ast.Expr, ctx: _Ctx) -> tuple[_Ty | None, _Ty | None]:
        """Infer two operands, giving a bare enum name or set literal the other one's type."""
        if self.needs_context(a, ctx) and not self.needs_context(b, ctx):
            bt = self.infer(b, ctx)
            return self.infer(a, ctx, _POISON if bt is None else bt), bt
        at = self.infer(a, ctx)
        return at, self.infer(b, ctx, _POISON if at is None else at)

    def compare(self, e: ast.Compare, ctx: _Ctx) -> _Ty:
        at, bt = self.pair(e.left, e.right, ctx)
        if at is None or bt is None:
            return BOOL
        if e.op in ("==", "!="):
            ok = _compatible(at, bt) and not isinstance(at, (ListType, RecordType, _PrimSet))
            if not ok:
                self.rep.error(
                    "E302", f"cannot compare `{_describe(at)}` with `{_describe(bt)}`", e.span,
                    f"`{e.op}` needs two values of the same type",
                )
        elif not ((_numeric(at) and _numeric(bt)) or at == bt == DATE):
            self.rep.error(
                "E303",
                f"`{e.op}` needs two numbers or two dates, found `{_describe(at)}` and "
                f"`{_describe(bt)}`",
                e.span,
                "only `int`, `decimal` and `date` values are ordered",
            )
        return BOOL

    @staticmethod
    def set_of(t: _Ty | None) -> _Expect:
        """The set type a literal should have to contain a ``t``.

        Only an enum gives context (to the bare value names in the literal); a literal of
        numbers or texts has its own type, compared with ``t`` afterwards.
        """
        if t is None:
            return _POISON
        return SetType(t) if isinstance(t, EnumType) else None

    @staticmethod
    def element_of(t: _Ty | None) -> _Expect:
        """The element type of set type ``t`` (poison when ``t`` is not a set)."""
        if isinstance(t, (SetType, _PrimSet)):
            return t.element
        return _POISON

    def member(self, e: ast.Member, ctx: _Ctx) -> _Ty:
        if isinstance(e.collection, ast.SetLit) and not self.needs_context(e.element, ctx):
            xt = self.infer(e.element, ctx)
            st = self.infer(e.collection, ctx, self.set_of(xt))
        else:
            st = self.infer(e.collection, ctx)
            xt = self.infer(e.element, ctx, self.element_of(st))
        word = "not in" if e.negated else "in"
        if st is None:
            return BOOL
        if not isinstance(st, (SetType, _PrimSet)):
            self.rep.error(
                "E304", f"`{word}` needs a set on its right, found `{_describe(st)}`",
                e.collection.span,
                "write the values in braces, such as `{a, b}`, or name a `set of ENUM` fact",
            )
        elif xt is not None and not _compatible(xt, st.element):
            self.rep.error(
                "E307", f"a `{_describe(xt)}` cannot be in a `{_describe(st)}`", e.element.span,
                f"the left of `{word}` must be a `{_describe(st.element)}`",
            )
        return BOOL

    def includes(self, e: ast.Includes, ctx: _Ctx) -> _Ty:
        ct = self.infer(e.container, ctx)
        if not isinstance(ct, SetType):
            if ct is not None:
                self.rep.error(
                    "E308",
                    f"`includes` needs a set of enum values on its left, found `{_describe(ct)}`",
                    e.container.span,
                    "`A includes B` asks whether the set A holds the value or set B",
                )
            self.infer(e.contained, ctx, _POISON)
            return BOOL
        wanted: _Ty = ct if isinstance(e.contained, ast.SetLit) else ct.element
        it = self.infer(e.contained, ctx, wanted)
        if it is not None and it not in (ct, ct.element):
            self.rep.error(
                "E307", f"a `{ct.describe()}` cannot include a `{_describe(it)}`",
                e.contained.span,
                f"the right of `includes` must be a `{ct.element.name}` or a `{ct.describe()}`",
            )
        return BOOL

    def subset(self, e: ast.Subset, ctx: _Ctx) -> _Ty:
        at, bt = self.pair(e.left, e.right, ctx)
        if at is not None and bt is not None and not (isinstance(at, SetType) and at == bt):
            self.rep.error(
                "E309",
                f"`subset of` needs two sets of the same enum, found `{_describe(at)}` and "
                f"`{_describe(bt)}`",
                e.span,
            )
        return BOOL

    def arith(self, e: ast.Arith, ctx: _Ctx) -> _Ty | None:
        at = self.infer(e.left, ctx)
        bt = self.infer(e.right, ctx)
        if at is None or bt is None:
            return None
        if not (_numeric(at) and _numeric(bt)):
            self.rep.error(
                "E310",
                f"`{e.op}` needs two numbers, found `{_describe(at)}` and `{_describe(bt)}`",
                e.span,
                "arithmetic works on `int` and `decimal` values",
            )
            return None
        return INT if at == bt == INT else DECIMAL

    def neg(self, e: ast.Neg, ctx: _Ctx) -> _Ty | None:
        t = self.infer(e.operand, ctx)
        if t is None or _numeric(t):
            return t
        self.rep.error("E310", f"`-` needs a number, found `{_describe(t)}`", e.span,
                       "arithmetic works on `int` and `decimal` values")
        return None

    def size(self, e: ast.Size, ctx: _Ctx) -> _Ty:
        t = self.infer(e.operand, ctx)
        if t is not None and not isinstance(t, (SetType, ListType, _PrimSet)):
            self.rep.error("E312", f"`size` needs a set or a list, found `{_describe(t)}`",
                           e.operand.span)
        return INT

    # -- quantifiers and bindings -------------------------------------------------------

    def list_element(self, e: ast.Expr, ctx: _Ctx, what: str) -> RecordType | None:
        """The record type of the elements of list ``e``, or None (after an error)."""
        t = self.infer(e, ctx)
        if isinstance(t, ListType):
            return t.element
        if t is not None:
            self.rep.error("E311", f"{what} needs a list of records, found `{_describe(t)}`",
                           e.span, "name a fact of type `list of RECORD`")
        return None

    def check_binding(self, var: str, ctx: _Ctx, span: Span) -> bool:
        """A bound variable may not hide another variable, a fact, a definition or a value.

        False after an error: the caller then binds the variable to the poison, so that the
        names that meant the hidden thing do not cause a second round of errors.
        """
        where = self.rep.narrow(span, var)
        if var in ctx.vars:
            self.rep.error("E214", f"variable `{var}` is already bound", where,
                           "choose another name for the inner variable")
            return False
        if var in self.d.heads:
            self.rep.error(
                "E214", f"variable `{var}` hides `{self.d.heads[var]}`", where,
                "choose a name that no fact, definition or enum value starts with",
            )
            return False
        return True

    def quantifier(self, e: ast.Quantifier, ctx: _Ctx) -> _Ty:
        record = self.list_element(e.collection, ctx, f"`{e.kind}`")
        if not self.check_binding(e.var, ctx, e.span):
            record = None
        self.expect_bool(e.body, ctx.bind(e.var, record), f"the body of `{e.kind}`")
        return INT if e.kind == "count" else BOOL

    # -- set literals -------------------------------------------------------------------

    def set_lit(self, e: ast.SetLit, ctx: _Ctx, expected: _Expect) -> _Ty | None:
        if isinstance(expected, _Poison):
            for item in e.items:
                self.infer(item, ctx, _POISON)
            return None
        elem: _Ty | None = None
        if isinstance(expected, (SetType, _PrimSet)):
            elem = expected.element
        types: list[_Ty | None] = [None] * len(e.items)
        pending: list[int] = []
        for i, item in enumerate(e.items):
            if elem is None and self.needs_context(item, ctx):
                pending.append(i)
            else:
                types[i] = self.infer(item, ctx, elem)
        if pending:
            if elem is None:
                elem = next((t for t in types if isinstance(t, EnumType)), None)
            if elem is None:
                found = self.common_enum(e, [e.items[i] for i in pending])
                if isinstance(found, _Poison):
                    return None
                elem = found
            for i in pending:
                types[i] = self.infer(e.items[i], ctx, elem)
        return self.set_type(e, types, elem)

    def common_enum(self, e: ast.SetLit, items: Sequence[ast.Expr]) -> EnumType | _Poison | None:
        """The one enum all the bare names of a set literal belong to."""
        owners = [
            set(self.d.enum_values[x.path])
            for x in items
            if isinstance(x, ast.Name) and x.path in self.d.enum_values
        ]
        if not owners:
            return None
        common = sorted(set.intersection(*owners))
        if len(common) == 1:
            return self.d.enums[common[0]]
        if common:
            self.rep.error("E314", "cannot tell which enum this set belongs to", e.span,
                           f"all its values belong to {_listing(common)}")
            return _POISON
        return None

    def set_type(self, e: ast.SetLit, types: list[_Ty | None], elem: _Ty | None) -> _Ty | None:
        if not e.items and elem is None:
            self.rep.error("E315", "cannot tell the type of the empty set `{}`", e.span,
                           "compare it with a fact of type `set of ENUM`")
            return None
        if elem is None:
            elem = next((t for t in types if t is not None), None)
            if elem is None:
                return None
        for item, t in zip(e.items, types, strict=True):
            if t is not None and not _compatible(t, elem):
                self.rep.error(
                    "E306", f"a set cannot mix `{_describe(elem)}` and `{_describe(t)}`",
                    item.span, "every value of a set has the same type",
                )
        if isinstance(elem, EnumType):
            return SetType(elem)
        if elem in (INT, DECIMAL, TEXT):
            assert isinstance(elem, PrimType)
            if elem == INT and DECIMAL in types:
                elem = DECIMAL
            return _PrimSet(elem)
        self.rep.error(
            "E306", f"a set cannot hold `{_describe(elem)}` values", e.span,
            "a set holds enum values, numbers or texts",
        )
        return None

    # -- dates --------------------------------------------------------------------------

    def check_date(self, lit: ast.DateLit) -> None:
        """Warn about dates whose era was probably forgotten or added by mistake."""
        v = lit.value
        if lit.era == "CE" and v.year > BE_LOOKING_YEAR:
            self.rep.warn(
                "W203", f"date `{v.isoformat()}` is in the year {v.year} C.E.", lit.span,
                f"did you mean `{v.isoformat()} BE`?",
            )
        elif lit.era == "BE" and not 1900 <= v.year <= 2200:
            written = f"{v.year + 543:04d}-{v.month:02d}-{v.day:02d}"
            self.rep.warn(
                "W204", f"date `{written} BE` is in the year {v.year} C.E.", lit.span,
                f"did you mean `{written}` (C.E.)?",
            )


# ---------------------------------------------------------------------------- the checker


_Kind = Literal["enum", "record", "decision"]


class _Checker:
    """Checks a policy set: declarations first, then policies, definitions and rules."""

    def __init__(self, modules: Sequence[ast.Module], sources: Mapping[str, str]) -> None:
        self.modules = sorted(modules, key=lambda m: m.file)
        self.sources = sources
        self.rep = _Reporter(sources)
        self.d = _Decls()
        self.x = _Exprs(self.rep, self.d)
        self.measures: list[CheckedMeasure] = []
        self.decisions: list[CheckedDecision] = []
        self.type_owner: dict[str, tuple[_Kind, ast.Item]] = {}
        self.items_found: list[ast.ItemDef] = []
        self.refs_found: dict[str, Span] = {}

    def items(self) -> Iterator[ast.Item]:
        for module in self.modules:
            yield from module.items

    def of(self, cls: type[ast.Item]) -> list[ast.Item]:
        return [i for i in self.items() if isinstance(i, cls)]

    def run(self) -> tuple[PolicySet | None, list[Diagnostic]]:
        self.declare_types()
        self.declare_facts()
        self.declare_defines()
        self.declare_enum_values()
        self.declare_documents()
        self.declare_policies()
        self.infer_defines()
        self.check_policies()
        self.check_rules()
        self.check_unused()
        diagnostics = self.rep.sorted()
        if any(d.is_error for d in diagnostics):
            return None, diagnostics
        return self.build(diagnostics), diagnostics

    # -- types --------------------------------------------------------------------------

    def declare_types(self) -> None:
        """Enums, records and decisions share one namespace of type names."""
        for item in self.items():
            if isinstance(item, ast.EnumDef):
                self.declare_type("enum", item.name, item)
            elif isinstance(item, ast.RecordDef):
                self.declare_type("record", item.name, item)
            elif isinstance(item, ast.DecisionDef):
                self.declare_type("decision", item.id, item)
        for item in self.items():
            if isinstance(item, ast.EnumDef) and self.owns(item.name, item):
                self.declare_enum(item)
            elif isinstance(item, ast.DecisionDef) and self.owns(item.id, item):
                self.d.enums[item.id] = self.decision_enum(item)
        self.declare_records()

    def owns(self, name: str, item: ast.Item) -> bool:
        """True when ``item`` is the declaration that the type name ``name`` refers to."""
        return self.type_owner.get(name, (None, None))[1] is item

    def declare_type(self, kind: _Kind, name: str, item: ast.Item) -> None:
        where = self.rep.narrow(item.span, name)
        if name in BUILTIN_TYPES:
            self.rep.error("E221", f"`{name}` is a built-in type and cannot be redeclared",
                           where, f"give the {kind} another name")
            return
        if name in self.type_owner:
            first_kind, first = self.type_owner[name]
            self.rep.error(
                "E220", f"{kind} `{name}` is declared more than once", where,
                f"the name is already used by the {first_kind} at {first.span.location()}",
            )
            return
        self.type_owner[name] = (kind, item)

    def declare_enum(self, item: ast.EnumDef) -> None:
        values: dict[str, dict[str, str]] = {}
        for v in item.values:
            if v.name in values:
                self.rep.error(
                    "E220", f"value `{v.name}` is declared more than once in enum `{item.name}`",
                    self.rep.narrow(v.span, v.name), "delete one of them",
                )
                continue
            values[v.name] = _texts(v.labels)
        if not values:
            self.rep.error("E228", f"enum `{item.name}` has no values",
                           self.rep.narrow(item.span, item.name),
                           "list its values in the braces: `enum NAME { a b c }`")
        self.d.enums[item.name] = EnumType(item.name, tuple(values), values)
        self.d.enum_defs[item.name] = item

    @staticmethod
    def decision_enum(item: ast.DecisionDef) -> EnumType:
        labels: dict[str, dict[str, str]] = {}
        for opt in item.options:
            labels.setdefault(opt.id, _texts(opt.titles))
        return EnumType(item.id, tuple(labels), labels)

    def declare_records(self) -> None:
        defs = {
            r.name: r
            for r in self.of(ast.RecordDef)
            if isinstance(r, ast.RecordDef) and self.owns(r.name, r)
        }
        edges = {
            name: [f.type.name for f in r.fields if f.type.name in defs]
            for name, r in defs.items()
        }
        order, cycles = _graph_order(list(defs), edges)
        for cycle in cycles:
            self.d.bad_types.update(cycle)
            path = " -> ".join(cycle)
            self.rep.error("E217", f"records contain each other in a cycle: `{path}`",
                           self.rep.narrow(defs[cycle[0]].span, cycle[0]),
                           "a record cannot contain itself, directly or through other records")
        for name in order:
            if name not in self.d.bad_types:
                self.declare_record(defs[name])

    def declare_record(self, item: ast.RecordDef) -> None:
        fields: dict[str, Type] = {}
        descriptions: dict[str, dict[str, str]] = {}
        broken = False
        for f in item.fields:
            if f.name in fields or f.name in descriptions:
                self.rep.error(
                    "E220", f"field `{f.name}` is declared more than once in record `{item.name}`",
                    self.rep.narrow(f.span, f.name), "delete one of them",
                )
                continue
            descriptions[f.name] = _texts(f.labels)
            t = self.resolve_type(f.type, "field")
            if t is None:
                broken = True
            else:
                fields[f.name] = t
        if not item.fields:
            self.rep.error("E228", f"record `{item.name}` has no fields",
                           self.rep.narrow(item.span, item.name),
                           "declare its fields in the braces: `record NAME { kind : text }`")
        if broken:
            self.d.bad_types.add(item.name)
            return
        self.d.records[item.name] = RecordType(item.name, tuple(fields.items()), descriptions)

    def resolve_type(self, te: ast.TypeExpr, where: Literal["fact", "field"]) -> Type | None:
        """The type a type expression names, or None after an error."""
        self.d.used_types.add(te.name)
        base: Type | None = (
            BUILTIN_TYPES.get(te.name) or self.d.enums.get(te.name) or self.d.records.get(te.name)
        )
        if base is None:
            if te.name not in self.d.bad_types:
                hint = _did_you_mean(te.name, self.d.type_names()) or (
                    "declare it with `enum NAME { … }` or `record NAME { … }`"
                )
                self.rep.error("E222", f"unknown type `{te.name}`", te.span, hint)
            return None
        return self.shape_type(te, base, where)

    def shape_type(self, te: ast.TypeExpr, base: Type, where: str) -> Type | None:
        if te.kind == "set":
            if isinstance(base, EnumType):
                return SetType(base)
            self.rep.error("E223", f"`set of {te.name}` needs an enum, but `{te.name}` is not one",
                           te.span, "sets hold enum values; declare `enum NAME { … }`")
            return None
        if te.kind == "list":
            if where == "field":
                self.rep.error("E225", "a record field cannot be a list", te.span,
                               "lists of records are facts of their own: `fact NAME : list of R`")
                return None
            if isinstance(base, RecordType):
                return ListType(base)
            self.rep.error("E224",
                           f"`list of {te.name}` needs a record, but `{te.name}` is not one",
                           te.span, "lists hold records; declare `record NAME { … }`")
            return None
        if isinstance(base, RecordType) and where == "fact":
            self.rep.error("E226", f"a fact cannot be a whole `{te.name}` record", te.span,
                           f"declare `list of {te.name}`, or one fact per field")
            return None
        if isinstance(base, RecordType) and where == "field":
            self.rep.error("E225", f"a record field cannot be a whole `{te.name}` record",
                           te.span, "give the record the fields it needs directly")
            return None
        return base

    # -- facts, definitions, values -----------------------------------------------------

    def declare_global(self, kind: str, name: str, span: Span) -> bool:
        """Register a fact or definition name; False (after an error) when it is taken."""
        earlier = self.d.fact_defs.get(name) or self.d.defines.get(name)
        if earlier is None:
            return True
        first = "fact" if name in self.d.fact_defs else "definition"
        self.rep.error(
            "E220", f"{kind} `{name}` is declared more than once", self.rep.narrow(span, name),
            f"the name is already used by the {first} at {earlier.span.location()}",
        )
        return False

    def declare_facts(self) -> None:
        for item in self.of(ast.FactDef):
            assert isinstance(item, ast.FactDef)
            if not self.declare_global("fact", item.name, item.span):
                continue
            self.d.fact_defs[item.name] = item
            t = self.resolve_type(item.type, "fact")
            if t is None:
                self.d.broken_facts.add(item.name)
                t = BOOL
            self.d.facts[item.name] = FactDecl(item.name, t, _texts(item.labels), item.span)
        for name, item in self.d.fact_defs.items():
            parts = name.split(".")
            outer = next((".".join(parts[:i]) for i in range(1, len(parts))
                          if ".".join(parts[:i]) in self.d.facts), None)
            if outer is not None:
                self.rep.error(
                    "E227", f"fact `{name}` is inside the fact `{outer}`",
                    self.rep.narrow(item.span, name),
                    f"in a facts file `{outer}` cannot hold both a value and other facts; "
                    "rename one of them",
                )

    def declare_defines(self) -> None:
        for item in self.of(ast.DefineDef):
            assert isinstance(item, ast.DefineDef)
            if self.declare_global("definition", item.name, item.span):
                self.d.defines[item.name] = item

    def declare_enum_values(self) -> None:
        owners: dict[str, list[str]] = {}
        for enum in self.d.enums.values():
            for value in enum.values:
                owners.setdefault(value, []).append(enum.name)
        self.d.enum_values.update({v: tuple(sorted(o)) for v, o in sorted(owners.items())})
        for name in sorted([*self.d.facts, *self.d.defines, *self.d.enum_values], reverse=True):
            self.d.heads[name.partition(".")[0]] = name
        for item in self.of(ast.DecisionDef):
            assert isinstance(item, ast.DecisionDef)
            if item.subject is not None:
                self.d.subject_vars.add(item.subject.var)

    def declare_documents(self) -> None:
        for item in self.of(ast.SourceDef):
            assert isinstance(item, ast.SourceDef)
            if item.id in self.d.documents:
                first = self.d.documents[item.id].span.location()
                self.rep.error("E220", f"source `{item.id}` is declared more than once",
                               self.rep.narrow(item.span, item.id, after="source"),
                               f"it is first declared at {first}")
                continue
            self.d.documents[item.id] = item
            if item.dated is not None:
                self.x.check_date(item.dated)

    # -- policies -----------------------------------------------------------------------

    def declare_policies(self) -> None:
        for item in self.of(ast.PolicyDef):
            assert isinstance(item, ast.PolicyDef)
            if item.id in self.d.policies:
                first = self.d.policies[item.id].span.location()
                self.rep.error("E231", f"policy `{item.id}` is defined more than once",
                               self.rep.narrow(item.span, item.id, after="policy"),
                               f"it is first defined at {first}; other files join it with "
                               f"`in policy {item.id}`")
                continue
            self.d.policies[item.id] = item

    def policy_of(self, module: ast.Module) -> ast.PolicyDef | None:
        """The policy a file's measures and decisions belong to (errors when unclear)."""
        headers = [i for i in module.items if isinstance(i, (ast.PolicyDef, ast.PolicyJoin))]
        for extra in headers[1:]:
            self.rep.error("E232", f"file `{module.file}` names more than one policy",
                           self.rep.first_line(extra.span),
                           "a file belongs to one policy; put other policies in other files")
        rules = [i for i in module.items if isinstance(i, (ast.MeasureDef, ast.DecisionDef))]
        if not headers:
            if rules:
                first = rules[0]
                rid = first.id
                self.rep.error("E230", f"file `{module.file}` has no policy",
                               self.rep.narrow(first.span, rid),
                               "a file with measures or decisions starts with `policy ID { … }` "
                               "or `in policy ID`")
            return None
        head = headers[0]
        if isinstance(head, ast.PolicyDef):
            return head
        found = self.d.policies.get(head.id)
        if found is None:
            hint = _did_you_mean(head.id, self.d.policies) or (
                "define it in one file with `policy ID { … }`"
            )
            self.rep.error("E233", f"unknown policy `{head.id}`",
                           self.rep.narrow(head.span, head.id, after="policy"), hint)
        return found

    def check_policies(self) -> None:
        for item in self.of(ast.PolicyDef):
            assert isinstance(item, ast.PolicyDef)
            if item.source is not None:
                self.check_document(item.source,
                                    self.rep.narrow(item.span, item.source, after="source"))
            for cond in item.applies:
                self.x.expect_bool(cond, _Ctx(), "`applies when`")
            self.check_effective(item.effective)

    def check_effective(self, eff: ast.Effective | None) -> None:
        if eff is not None:
            self.x.check_date(eff.start)
            if eff.end is not None:
                self.x.check_date(eff.end)

    def check_document(self, doc: str, span: Span) -> None:
        if doc in self.d.documents:
            return
        hint = _did_you_mean(doc, self.d.documents) or (
            f"declare it with `source {doc} {{ title th \"…\" }}`"
        )
        self.rep.error("E234", f"unknown source document `{doc}`", span, hint)

    # -- definitions --------------------------------------------------------------------

    def infer_defines(self) -> None:
        """Infer every definition's type, dependencies first; report cycles."""
        names = list(self.d.defines)
        edges: dict[str, list[str]] = {}
        for name, item in self.d.defines.items():
            edges[name] = [
                n.path for n in _free_names(item.expr)
                if n.path in self.d.defines and n.path not in self.d.facts
            ]
        order, cycles = _graph_order(names, edges)
        cyclic: set[str] = set()
        for cycle in cycles:
            cyclic.update(cycle)
            item = self.d.defines[cycle[0]]
            self.rep.error(
                "E216", f"definitions refer to each other in a cycle: `{' -> '.join(cycle)}`",
                self.rep.narrow(item.span, cycle[0]),
                "a definition cannot depend on itself; break the cycle",
            )
        for name in order:
            item = self.d.defines[name]
            t = self.x.infer(item.expr, _Ctx(define=name))
            if isinstance(t, _PrimSet):
                self.rep.error("E316", f"definition `{name}` is a `{t.describe()}`",
                               item.expr.span,
                               "only sets of enum values can be named; write the set where "
                               "it is used")
                t = None
            self.x.define_types[name] = None if name in cyclic else t

    # -- citations and explanations -----------------------------------------------------

    def check_cites(self, what: str, cites: Sequence[ast.Citation], span: Span, *,
                    relative: str | None = None) -> None:
        """Every rule cites its source; a measure or decision names the document.

        ``relative`` is an example of a relative citation, for the things that may use one
        (methods, options, rules); None for measures and decisions.
        """
        relative_ok = relative is not None
        if not cites:
            hint = "every rule cites its source: add `cite DOC: section 50 …`"
            if relative_ok:
                hint += f", or `{relative}` to extend the citation of its parent"
            self.rep.error("E235", f"{what} cites no source", span, hint)
        for c in cites:
            if c.document is not None:
                self.check_document(c.document, self.rep.narrow(c.span, c.document))
            elif not relative_ok:
                self.rep.error(
                    "E236", f"the citation of {what} does not name its document", c.span,
                    "write `cite DOC: section 50 …`; only methods, options and rules may cite "
                    "relative to their parent",
                )

    def check_explains(self, explains: Sequence[ast.Explain], ctx: _Ctx) -> None:
        for ex in explains:
            names, problem = _placeholders(ex.template)
            if problem is not None:
                self.rep.error("E258", problem, ex.span,
                               "placeholders are names in braces, such as `{agency.name}`; "
                               "write `{{` for a literal brace")
            for raw in names:
                self.check_placeholder(raw, ex.span, ctx)

    def check_placeholder(self, raw: str, span: Span, ctx: _Ctx) -> None:
        path = normalize_name(raw.strip())
        where = self.rep.narrow(span, "{" + raw + "}", word=False)
        kind = self.x.resolve(path, ctx)
        if kind is None:
            fields = [f"{v}.{f}" for v, r in ctx.vars.items() if r for f, _ in r.fields]
            hint = _did_you_mean(path, [*self.d.facts, *self.d.defines, *fields]) or (
                "a placeholder names a fact, a definition or a field of the rule's subject"
            )
            self.rep.error("E257", f"unknown name `{path}` in explanation", where, hint)
        elif kind != "enum":
            self.x.name(ast.Name(path, span=where), ctx, None)

    # -- measures -----------------------------------------------------------------------

    def check_rules(self) -> None:
        ids: dict[str, Span] = {}
        for module in self.modules:
            policy = self.policy_of(module)
            for item in module.items:
                if isinstance(item, (ast.MeasureDef, ast.DecisionDef, ast.ItemDef)):
                    self.check_unique_id(ids, item)
                    self.check_ambiguities(item)
                elif isinstance(item, ast.PolicyDef):
                    self.check_ambiguities(item)
                if isinstance(item, ast.ItemDef):
                    self.check_cites(f"item `{item.id}`", item.cites,
                                     self.rep.narrow(item.span, item.id))
                    self.check_effective(item.effective)
                    self.items_found.append(item)
                elif isinstance(item, ast.MeasureDef):
                    self.check_measure(item)
                    if policy is not None:
                        self.measures.append(CheckedMeasure(item, policy))
                elif isinstance(item, ast.DecisionDef):
                    enum = self.check_decision(item)
                    if policy is not None:
                        self.decisions.append(CheckedDecision(item, policy, enum))
        self.check_refs(ids)
        self.check_method_ids(ids)

    def check_method_ids(self, ids: dict[str, Span]) -> None:
        """A method's verdict is ``MEASURE.mN``: no measure, decision, item or ref may take
        that id, or a report would hold two verdicts (or things) of one id."""
        for module in self.modules:
            for item in module.items:
                if not isinstance(item, ast.MeasureDef):
                    continue
                for method in item.methods:
                    verdict_id = f"{item.id}.m{method.number}"
                    if verdict_id in ids:
                        self.rep.error(
                            "E240", f"`{verdict_id}` is used more than once: it is also the id "
                            f"of method {method.number} of measure `{item.id}`",
                            self.rep.narrow(ids[verdict_id], verdict_id),
                            f"a method's verdict is named after its measure "
                            f"(the method is at {self.method_span(method).location()}); "
                            "give this one another id")

    def check_ambiguities(self, item: ast.MeasureDef | ast.DecisionDef | ast.ItemDef
                          | ast.PolicyDef) -> None:
        """Ambiguities are named as in INVENTORY §7: ``A1`` … ``A31``."""
        names = list(item.ambiguities)
        if isinstance(item, ast.MeasureDef):
            names += [a for m in item.methods for a in m.ambiguities]
        elif isinstance(item, ast.DecisionDef):
            names += [a for r in item.rules for a in r.ambiguities]
        for name in names:
            if not re.fullmatch(r"A[0-9]+", name):
                self.rep.warn("W205", f"ambiguity `{name}` is not of the form `A<number>`",
                              self.rep.narrow(item.span, name),
                              "ambiguities are numbered as in the domain inventory: `A5`")

    def check_refs(self, ids: dict[str, Span]) -> None:
        """A ``ref`` gives an enum value or option the id the law's inventory uses; ids are
        one namespace with measures, decisions and items, so a reference finds one thing."""
        refs: list[tuple[str, Span]] = []
        for item in self.items():
            if isinstance(item, ast.EnumDef):
                refs += [(v.ref, v.span) for v in item.values if v.ref]
            elif isinstance(item, ast.DecisionDef):
                refs += [(o.ref, o.span) for o in item.options if o.ref]
        for ref, span in refs:
            if ref in ids:
                self.rep.error("E245", f"`{ref}` is already the id of something else",
                               self.rep.narrow(span, ref),
                               f"it is first used at {ids[ref].location()}")
            else:
                ids[ref] = span
                self.refs_found[ref] = span

    def check_unique_id(self, ids: dict[str, Span],
                        item: ast.MeasureDef | ast.DecisionDef | ast.ItemDef) -> None:
        kind = {ast.MeasureDef: "measure", ast.DecisionDef: "decision"}.get(type(item), "item")
        if item.id in ids:
            self.rep.error("E240", f"{kind} id `{item.id}` is used more than once",
                           self.rep.narrow(item.span, item.id),
                           f"it is first used at {ids[item.id].location()}")
        else:
            ids[item.id] = item.span

    def check_measure(self, m: ast.MeasureDef) -> None:
        ctx = _Ctx()
        what = f"measure `{m.id}`"
        self.check_cites(what, m.cites, self.rep.narrow(m.span, m.id))
        self.check_conditions(m.applies, m.unless, ctx)
        self.check_explains(m.explains, ctx)
        self.check_effective(m.effective)
        numbers: dict[str, ast.MethodDef] = {}
        for method in m.methods:
            if method.number in numbers:
                self.rep.error("E241", f"method {method.number} appears twice in {what}",
                               self.method_span(method),
                               f"it is first given at {numbers[method.number].span.location()}")
            numbers.setdefault(method.number, method)
            self.check_method(m, method)
        if m.require is None:
            if not m.methods:
                self.rep.error("E243", f"{what} has neither `require` nor methods",
                               self.rep.narrow(m.span, m.id),
                               "add `require CONDITION`, or methods with their own `require`")
        else:
            self.check_require(m.require, what, bool(m.methods))
            if m.methods and m.require.kind == "expr":
                self.rep.warn("W206", f"{what} has methods, but its `require` does not use them",
                              self.rep.narrow(m.require.span, "require"),
                              "its verdict follows the condition alone while its methods are "
                              "judged apart; write `require all methods` (or `any`) if the "
                              "methods are how the measure is met")

    def method_span(self, method: ast.MethodDef) -> Span:
        """The span of ``method N`` at the start of a method."""
        head = self.rep.narrow(method.span, "method")
        number = self.rep.narrow(method.span, method.number, after="method")
        if number is method.span:
            thai = method.number.translate(_THAI_DIGITS)
            number = self.rep.narrow(method.span, thai, after="method")
        if head is method.span or number is method.span or head.line != number.line:
            return self.rep.first_line(method.span)
        return attrs.evolve(head, end_column=number.end_column, end=number.end)

    def check_method(self, m: ast.MeasureDef, method: ast.MethodDef) -> None:
        ctx = _Ctx()
        what = f"method {method.number} of measure `{m.id}`"
        span = self.method_span(method)
        self.check_cites(what, method.cites, span, relative="cite method ๓")
        self.check_conditions(method.applies, method.unless, ctx)
        self.check_explains(method.explains, ctx)
        if method.require is None:
            self.rep.error("E244", f"{what} has no `require`", span,
                           "say when the method is met: `require CONDITION`")
        else:
            self.check_require(method.require, what, False)

    def check_require(self, req: ast.Require, what: str, has_methods: bool) -> None:
        if req.kind == "expr":
            assert req.expr is not None
            self.x.expect_bool(req.expr, _Ctx(), "`require`")
        elif not has_methods:
            words = "all" if req.kind == "all_methods" else "any"
            self.rep.error("E242", f"`require {words} methods`, but {what} has no methods",
                           req.span, "write `require CONDITION` instead")

    def check_conditions(self, applies: Sequence[ast.Expr], unless: Sequence[ast.Expr],
                         ctx: _Ctx) -> None:
        for cond in applies:
            self.x.expect_bool(cond, ctx, "`applies when`")
        for cond in unless:
            self.x.expect_bool(cond, ctx, "`unless`")

    # -- decisions ----------------------------------------------------------------------

    def check_decision(self, dd: ast.DecisionDef) -> EnumType:
        what = f"decision `{dd.id}`"
        self.check_cites(what, dd.cites, self.rep.narrow(dd.span, dd.id))
        ctx = self.subject_ctx(dd.subject)
        for cond in dd.applies:
            self.x.expect_bool(cond, ctx, "`applies when`")
        self.check_effective(dd.effective)
        enum = self.d.enums[dd.id] if self.owns(dd.id, dd) else self.decision_enum(dd)
        self.check_options(dd)
        self.check_decision_rules(dd, ctx, enum)
        if dd.chosen is not None:
            t = self.x.infer(dd.chosen, ctx, enum)
            if t is not None and t != enum:
                self.rep.error(
                    "E313", f"`chosen` must be an option of `{dd.id}`, found `{_describe(t)}`",
                    dd.chosen.span,
                    f"name an option, or a fact or field of type `{dd.id}`",
                )
        return enum

    def subject_ctx(self, subject: ast.Subject | None) -> _Ctx:
        if subject is None:
            return _Ctx()
        record = self.x.list_element(subject.collection, _Ctx(), "`for`")
        if not self.x.check_binding(subject.var, _Ctx(), subject.span):
            record = None
        return _Ctx({subject.var: record})

    def check_options(self, dd: ast.DecisionDef) -> None:
        if not dd.options:
            self.rep.error("E250", f"decision `{dd.id}` has no options",
                           self.rep.narrow(dd.span, dd.id),
                           "declare its options: `option ID { cite … }`")
        seen: set[str] = set()
        for opt in dd.options:
            where = self.rep.narrow(opt.span, opt.id, after="option")
            if opt.id in seen:
                self.rep.error("E251", f"option `{opt.id}` is declared twice in `{dd.id}`",
                               where, "delete one of them")
            seen.add(opt.id)
            self.check_cites(f"option `{opt.id}` of decision `{dd.id}`", opt.cites, where,
                             relative="cite option ๑")

    def check_decision_rules(self, dd: ast.DecisionDef, ctx: _Ctx, enum: EnumType) -> None:
        rules: dict[str, ast.RuleDef] = {}
        for rule in dd.rules:
            where = self.rep.narrow(rule.span, rule.id, after="rule")
            if rule.id in rules:
                self.rep.error("E253", f"rule `{rule.id}` appears twice in decision `{dd.id}`",
                               where, f"it is first given at {rules[rule.id].span.location()}")
            rules.setdefault(rule.id, rule)
            self.check_rule(dd, rule, ctx, enum, where)
        self.check_overrides(dd, rules)

    def check_rule(self, dd: ast.DecisionDef, rule: ast.RuleDef, ctx: _Ctx, enum: EnumType,
                   where: Span) -> None:
        for opt in rule.options:
            if opt not in enum.values:
                hint = _did_you_mean(opt, enum.values) or (
                    f"the options of `{dd.id}` are {_listing(enum.values)}"
                )
                self.rep.error("E252", f"`{opt}` is not an option of decision `{dd.id}`",
                               self.rep.narrow(rule.span, opt, after=rule.action), hint)
        self.check_cites(f"rule `{rule.id}` of decision `{dd.id}`", rule.cites, where,
                         relative="cite item ๕")
        if rule.when is not None:
            self.x.expect_bool(rule.when, ctx, "`when`")
        self.check_conditions((), rule.unless, ctx)
        self.check_explains(rule.explains, ctx)

    def check_overrides(self, dd: ast.DecisionDef, rules: Mapping[str, ast.RuleDef]) -> None:
        edges: dict[str, list[str]] = {}
        for rid, rule in rules.items():
            edges[rid] = []
            for target in rule.overrides:
                where = self.rep.narrow(rule.span, target, after="overrides")
                if target == rid:
                    self.rep.error("E255", f"rule `{rid}` overrides itself", where,
                                   "`overrides` names another rule of the same decision")
                elif target not in rules:
                    hint = _did_you_mean(target, rules) or (
                        f"the rules of `{dd.id}` are {_listing(list(rules))}"
                    )
                    self.rep.error("E254", f"`{target}` is not a rule of decision `{dd.id}`",
                                   where, hint)
                else:
                    edges[rid].append(target)
        _, cycles = _graph_order(list(rules), edges)
        for cycle in cycles:
            first = rules[cycle[0]]
            self.rep.error(
                "E256", f"rules override each other in a cycle: `{' -> '.join(cycle)}`",
                self.rep.narrow(first.span, cycle[0], after="rule"),
                "at most one of two rules can take precedence; drop one `overrides`",
            )

    # -- warnings and the result --------------------------------------------------------

    def check_unused(self) -> None:
        for name, item in self.d.fact_defs.items():
            if name not in self.x.used_facts:
                self.rep.warn("W201", f"fact `{name}` is never used",
                              self.rep.narrow(item.span, name),
                              "use it in a condition, or delete the declaration")
        for name, enum_def in self.d.enum_defs.items():
            if name not in self.d.used_types:
                self.rep.warn("W202", f"enum `{name}` is never used",
                              self.rep.narrow(enum_def.span, name),
                              "no fact or record field has this type; use it or delete it")

    def build(self, diagnostics: Sequence[Diagnostic]) -> PolicySet:
        define_types: dict[str, Type] = {}
        for name, t in sorted(self.x.define_types.items()):
            assert t is not None and not isinstance(t, _PrimSet)
            define_types[name] = t
        return PolicySet(
            files=tuple(sorted(m.file for m in self.modules)),
            sources=dict(self.sources),
            policies=dict(sorted(self.d.policies.items())),
            documents=dict(sorted(self.d.documents.items())),
            enums=dict(sorted(self.d.enums.items())),
            records=dict(sorted(self.d.records.items())),
            facts=dict(sorted(self.d.facts.items())),
            defines=dict(sorted(self.d.defines.items())),
            define_types=define_types,
            enum_values=dict(self.d.enum_values),
            measures=tuple(sorted(self.measures, key=lambda c: natural_key(c.measure.id))),
            decisions=tuple(sorted(self.decisions, key=lambda c: natural_key(c.decision.id))),
            items=tuple(sorted(self.items_found, key=lambda i: natural_key(i.id))),
            refs=tuple(sorted(self.refs_found, key=natural_key)),
            warnings=tuple(d for d in diagnostics if not d.is_error),
        )


def check_modules(
    modules: Sequence[ast.Module], sources: Mapping[str, str]
) -> tuple[PolicySet | None, list[Diagnostic]]:
    """Check parsed policy files as one policy set.

    ``sources`` maps each file name to its text (kept in the policy set, and used to point
    diagnostics at the exact name at fault). Returns every diagnostic — errors and warnings,
    sorted by file, line, column and code — and the :class:`PolicySet`, which is None when
    there is any error. Problems in the policies are reported, never raised.
    """
    return _Checker(modules, sources).run()
