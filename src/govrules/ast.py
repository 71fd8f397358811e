"""The typed syntax tree of the policy language.

Every node is a frozen attrs class. Each carries the :class:`~govrules.errors.Span` it came
from, kept out of equality and hashing, so that two parses of differently formatted text compare
equal — which is what makes ``parse(format(p)) == p`` a meaningful test.

Names in expressions (:class:`Name`) are left unresolved here: whether ``agency.kind`` is a
fact, a definition, a field of a bound variable or an enum value is decided by the checker.
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Literal

import attrs

from .dates import thai_digits_to_arabic
from .errors import Span

__all__ = [
    "NO_SPAN",
    "And",
    "Arith",
    "AsOf",
    "BoolLit",
    "Citation",
    "CitePart",
    "Compare",
    "DateLit",
    "DecimalLit",
    "DecisionDef",
    "DefineDef",
    "Effective",
    "EnumDef",
    "EnumValueDef",
    "Explain",
    "Expr",
    "FactDef",
    "FieldDef",
    "Includes",
    "IntLit",
    "Item",
    "ItemDef",
    "MeasureDef",
    "Member",
    "MethodDef",
    "Modality",
    "Module",
    "Name",
    "Neg",
    "Not",
    "OptionDef",
    "Or",
    "PolicyDef",
    "PolicyJoin",
    "Quantifier",
    "RecordDef",
    "Require",
    "RuleDef",
    "SetLit",
    "Size",
    "SourceDef",
    "StringLit",
    "Subject",
    "Subset",
    "Texts",
    "TypeExpr",
    "text_of",
]

NO_SPAN = Span("<none>")
"""The span of a node built by hand rather than parsed."""


def _span() -> Span:
    return attrs.field(default=NO_SPAN, eq=False, hash=False, repr=False, kw_only=True)


Modality = Literal["must", "must_not", "should", "may", "consider"]
Texts = tuple[tuple[str, str], ...]
"""Language-tagged texts, e.g. ``(("th", "..."), ("en", "..."))``, in source order."""


def text_of(texts: Texts, lang: str) -> str | None:
    """The text in ``lang`` from ``texts``, or None."""
    for code, value in texts:
        if code == lang:
            return value
    return None


# ---------------------------------------------------------------------------- expressions


@attrs.frozen
class BoolLit:
    """``true`` or ``false``."""

    value: bool
    span: Span = _span()


@attrs.frozen
class IntLit:
    """An integer literal."""

    value: int
    span: Span = _span()


@attrs.frozen
class DecimalLit:
    """A decimal literal such as ``4.5`` (exact, never a float)."""

    value: decimal.Decimal
    span: Span = _span()


@attrs.frozen
class StringLit:
    """A text literal."""

    value: str
    span: Span = _span()


@attrs.frozen
class DateLit:
    """A date literal, written ``2018-03-01`` (C.E.) or ``2561-03-01 BE``; stored in C.E."""

    value: dt.date
    era: Literal["CE", "BE"] = "CE"
    span: Span = _span()


@attrs.frozen
class AsOf:
    """``as_of``: the date the evaluation is made for."""

    span: Span = _span()


@attrs.frozen
class Name:
    """A dotted name: a fact, a definition, a bound variable's field, or an enum value."""

    path: str
    span: Span = _span()


@attrs.frozen
class SetLit:
    """A set literal ``{a, b, c}``."""

    items: tuple[Expr, ...]
    span: Span = _span()


@attrs.frozen
class Not:
    """``not x`` (Kleene: not unknown is unknown)."""

    operand: Expr
    span: Span = _span()


@attrs.frozen
class And:
    """``a and b and ...`` (Kleene: false wins over unknown)."""

    operands: tuple[Expr, ...]
    span: Span = _span()


@attrs.frozen
class Or:
    """``a or b or ...`` (Kleene: true wins over unknown)."""

    operands: tuple[Expr, ...]
    span: Span = _span()


@attrs.frozen
class Compare:
    """``left OP right`` with OP one of ``== != < <= > >=``."""

    op: str
    left: Expr
    right: Expr
    span: Span = _span()


@attrs.frozen
class Member:
    """``element in collection`` (or ``not in`` when ``negated``)."""

    element: Expr
    collection: Expr
    negated: bool = False
    span: Span = _span()


@attrs.frozen
class Includes:
    """``set includes x``: x is an element of the set, or a set contained in it."""

    container: Expr
    contained: Expr
    span: Span = _span()


@attrs.frozen
class Subset:
    """``a subset of b``: every element of a is in b."""

    left: Expr
    right: Expr
    span: Span = _span()


@attrs.frozen
class Arith:
    """``left OP right`` with OP one of ``+ - *`` over int and decimal."""

    op: str
    left: Expr
    right: Expr
    span: Span = _span()


@attrs.frozen
class Neg:
    """``-x``."""

    operand: Expr
    span: Span = _span()


@attrs.frozen
class Quantifier:
    """``all(v in list: cond)``, ``any(...)`` or ``count(...)`` over a list of records."""

    kind: Literal["all", "any", "count"]
    var: str
    collection: Expr
    body: Expr
    span: Span = _span()


@attrs.frozen
class Size:
    """``size(x)``: the number of elements of a set or a list."""

    operand: Expr
    span: Span = _span()


Expr = (
    BoolLit
    | IntLit
    | DecimalLit
    | StringLit
    | DateLit
    | AsOf
    | Name
    | SetLit
    | Not
    | And
    | Or
    | Compare
    | Member
    | Includes
    | Subset
    | Arith
    | Neg
    | Quantifier
    | Size
)

# ---------------------------------------------------------------------------- clauses


@attrs.frozen
class CitePart:
    """One step of a clause path: a label (``issue``, ``measure``...) and a number or text.

    ``number`` is kept as written (``๑.๑.๓``); :attr:`normalized` has Arabic digits.
    """

    label: str
    number: str | None = None
    text: str | None = None
    span: Span = _span()

    @property
    def normalized(self) -> str:
        """``measure 1.1.3``: Thai digits replaced, the ``)`` of ``๓)`` and ``(๓)`` dropped."""
        if self.number is not None:
            return f"{self.label} {thai_digits_to_arabic(self.number).strip('()')}"
        if self.text is not None:
            return f"{self.label} ({self.text})"
        return self.label


@attrs.frozen
class Citation:
    """``cite DOC: part part ...``; a relative citation (no DOC) extends its parent's."""

    document: str | None
    parts: tuple[CitePart, ...]
    span: Span = _span()

    @property
    def normalized(self) -> str:
        """``doc: issue 1.1, measure 1.1.3`` with Arabic digits."""
        path = ", ".join(p.normalized for p in self.parts)
        return f"{self.document}: {path}" if self.document else path


@attrs.frozen
class Explain:
    """A sentence template for explanations, optionally only for one status."""

    lang: str
    template: str
    status: str | None = None
    span: Span = _span()


@attrs.frozen
class Effective:
    """``effective from DATE [until DATE]``; both ends inclusive."""

    start: DateLit
    end: DateLit | None = None
    span: Span = _span()


@attrs.frozen
class Require:
    """How a measure or method is met: an expression, or all/any of the methods."""

    kind: Literal["expr", "all_methods", "any_methods"]
    expr: Expr | None = None
    span: Span = _span()


@attrs.frozen
class TypeExpr:
    """A type as written: ``NAME``, ``set of NAME`` or ``list of NAME``."""

    kind: Literal["named", "set", "list"]
    name: str
    span: Span = _span()


@attrs.frozen
class Subject:
    """``for VAR in EXPR``: a decision is taken for each element of a list."""

    var: str
    collection: Expr
    span: Span = _span()


# ---------------------------------------------------------------------------- items


@attrs.frozen
class PolicyDef:
    """``policy ID { ... }``: a named policy with its header; the file's measures belong to it.

    ``interpretations`` and ``ambiguities`` explain the policy's own ``effective`` period and
    ``applies when`` conditions where they are the project's reading rather than the source's
    text: they are carried by every verdict that is not applicable because of them.
    """

    id: str
    version: str | None = None
    titles: Texts = ()
    texts: Texts = ()
    source: str | None = None
    effective: Effective | None = None
    applies: tuple[Expr, ...] = ()
    interpretations: Texts = ()
    ambiguities: tuple[str, ...] = ()
    span: Span = _span()


@attrs.frozen
class PolicyJoin:
    """``in policy ID``: this file adds to a policy declared in another file of the set."""

    id: str
    span: Span = _span()


@attrs.frozen
class SourceDef:
    """``source ID { ... }``: a source document that citations name."""

    id: str
    titles: Texts = ()
    issuers: Texts = ()
    texts: Texts = ()
    dated: DateLit | None = None
    span: Span = _span()


@attrs.frozen
class EnumValueDef:
    """One value of an enum, with its labels."""

    name: str
    labels: Texts = ()
    ref: str | None = None
    span: Span = _span()


@attrs.frozen
class EnumDef:
    """``enum NAME { value th "..." en "..." ... }``."""

    name: str
    values: tuple[EnumValueDef, ...]
    span: Span = _span()


@attrs.frozen
class FieldDef:
    """A field of a record: ``name : type th "..." en "..."``."""

    name: str
    type: TypeExpr
    labels: Texts = ()
    span: Span = _span()


@attrs.frozen
class RecordDef:
    """``record NAME { field : type ... }``."""

    name: str
    fields: tuple[FieldDef, ...]
    span: Span = _span()


@attrs.frozen
class FactDef:
    """``fact NAME : type th "..." en "..."``."""

    name: str
    type: TypeExpr
    labels: Texts = ()
    span: Span = _span()


@attrs.frozen
class DefineDef:
    """``define NAME th "..." en "..." = expr``: a named derived value."""

    name: str
    expr: Expr
    labels: Texts = ()
    span: Span = _span()


@attrs.frozen
class MethodDef:
    """``method N { ... }`` inside a measure."""

    number: str
    cites: tuple[Citation, ...] = ()
    titles: Texts = ()
    texts: Texts = ()
    explains: tuple[Explain, ...] = ()
    applies: tuple[Expr, ...] = ()
    unless: tuple[Expr, ...] = ()
    interpretations: Texts = ()
    require: Require | None = None
    ambiguities: tuple[str, ...] = ()
    actors: Texts = ()
    span: Span = _span()


@attrs.frozen
class MeasureDef:
    """``measure ID MODALITY { ... }``: a rule agencies are judged against."""

    id: str
    modality: Modality
    cites: tuple[Citation, ...] = ()
    titles: Texts = ()
    texts: Texts = ()
    explains: tuple[Explain, ...] = ()
    applies: tuple[Expr, ...] = ()
    effective: Effective | None = None
    unless: tuple[Expr, ...] = ()
    interpretations: Texts = ()
    methods: tuple[MethodDef, ...] = ()
    require: Require | None = None
    ambiguities: tuple[str, ...] = ()
    actors: Texts = ()
    span: Span = _span()


@attrs.frozen
class OptionDef:
    """``option ID [ref ITEM] { ... }``: one option of a decision."""

    id: str
    cites: tuple[Citation, ...] = ()
    titles: Texts = ()
    texts: Texts = ()
    ref: str | None = None
    interpretations: Texts = ()
    span: Span = _span()


@attrs.frozen
class RuleDef:
    """``rule ID MODALITY allow|recommend|exclude OPTIONS { ... }`` inside a decision."""

    id: str
    modality: Modality
    action: Literal["allow", "recommend", "exclude"]
    options: tuple[str, ...]
    cites: tuple[Citation, ...] = ()
    titles: Texts = ()
    texts: Texts = ()
    explains: tuple[Explain, ...] = ()
    when: Expr | None = None
    unless: tuple[Expr, ...] = ()
    interpretations: Texts = ()
    priority: int | None = None
    overrides: tuple[str, ...] = ()
    ambiguities: tuple[str, ...] = ()
    span: Span = _span()


@attrs.frozen
class DecisionDef:
    """``decision ID { ... }``: options, and rules that allow, recommend or exclude them."""

    id: str
    cites: tuple[Citation, ...] = ()
    titles: Texts = ()
    texts: Texts = ()
    applies: tuple[Expr, ...] = ()
    effective: Effective | None = None
    subject: Subject | None = None
    chosen: Expr | None = None
    options: tuple[OptionDef, ...] = ()
    rules: tuple[RuleDef, ...] = ()
    interpretations: Texts = ()
    ambiguities: tuple[str, ...] = ()
    span: Span = _span()


@attrs.frozen
class ItemDef:
    """``item ID { ... }``: something the law names that is not judged itself — a goal, a
    principle, a phase of a rollout, an entry of a list — so that rules and reports can refer
    to it."""

    id: str
    cites: tuple[Citation, ...] = ()
    titles: Texts = ()
    texts: Texts = ()
    effective: Effective | None = None
    interpretations: Texts = ()
    ambiguities: tuple[str, ...] = ()
    span: Span = _span()


Item = (
    PolicyDef
    | PolicyJoin
    | SourceDef
    | EnumDef
    | RecordDef
    | FactDef
    | DefineDef
    | MeasureDef
    | DecisionDef
    | ItemDef
)


@attrs.frozen
class Module:
    """One parsed ``.pol`` file: its items in source order."""

    file: str
    items: tuple[Item, ...]
    span: Span = _span()
