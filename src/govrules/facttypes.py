"""The types of the policy language: what a fact, a definition or an expression can be.

Types are resolved by the checker from the declarations of a policy set (``enum``, ``record``,
``fact``) and shared by the facts loader (to validate input), the evaluator and ``schema``.
"""

from __future__ import annotations

import decimal

import attrs

from .errors import Span

__all__ = [
    "BOOL",
    "DATE",
    "DECIMAL",
    "EXACT",
    "INT",
    "TEXT",
    "EnumType",
    "FactDecl",
    "ListType",
    "PrimType",
    "RecordType",
    "SetType",
    "Type",
    "is_numeric",
]

EXACT = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN,
                        traps=[decimal.InvalidOperation, decimal.DivisionByZero,
                               decimal.Overflow])
"""The context of every decimal operation of govrules: exact (adding, subtracting and
multiplying decimals never rounds), whatever ``decimal`` context the calling program has set —
a context of 5 digits, or one that traps ``Inexact``, must not change a verdict."""


@attrs.frozen
class PrimType:
    """A primitive type: ``bool``, ``int``, ``decimal``, ``text`` or ``date``."""

    name: str

    def describe(self) -> str:
        """The type as written in a policy."""
        return self.name


BOOL = PrimType("bool")
INT = PrimType("int")
DECIMAL = PrimType("decimal")
TEXT = PrimType("text")
DATE = PrimType("date")


@attrs.frozen
class EnumType:
    """A closed set of named values, declared with ``enum NAME { ... }`` (or by a decision)."""

    name: str
    values: tuple[str, ...]
    labels: dict[str, dict[str, str]] = attrs.field(factory=dict, eq=False, hash=False)

    def describe(self) -> str:
        """The type as written in a policy."""
        return self.name


@attrs.frozen
class SetType:
    """A set of values of an enum: ``set of NAME``."""

    element: EnumType

    def describe(self) -> str:
        """The type as written in a policy."""
        return f"set of {self.element.name}"


@attrs.frozen
class RecordType:
    """A record with named, typed fields, declared with ``record NAME { ... }``.

    A field of a record may be missing in a facts file; reading it then gives *unknown*.
    """

    name: str
    fields: tuple[tuple[str, Type], ...]
    descriptions: dict[str, dict[str, str]] = attrs.field(factory=dict, eq=False, hash=False)

    def field_type(self, name: str) -> Type | None:
        """The type of field ``name``, or None when the record has no such field."""
        for fname, ftype in self.fields:
            if fname == name:
                return ftype
        return None

    def describe(self) -> str:
        """The type as written in a policy."""
        return self.name


@attrs.frozen
class ListType:
    """A list of records: ``list of NAME``."""

    element: RecordType

    def describe(self) -> str:
        """The type as written in a policy."""
        return f"list of {self.element.name}"


Type = PrimType | EnumType | SetType | RecordType | ListType


def is_numeric(t: Type) -> bool:
    """True for ``int`` and ``decimal``, which compare and add with each other."""
    return t in (INT, DECIMAL)


@attrs.frozen
class FactDecl:
    """A declared fact: its dotted name, type, and Thai/English descriptions.

    The dotted name is also the key path in a facts file: ``agency.kind`` is read from
    ``{"agency": {"kind": ...}}``.
    """

    name: str
    type: Type
    descriptions: dict[str, str] = attrs.field(factory=dict, eq=False, hash=False)
    span: Span | None = attrs.field(default=None, eq=False, hash=False)
    """Where the fact is declared (None for a declaration built in code)."""

    @property
    def path(self) -> tuple[str, ...]:
        """The key path of the fact in a facts file."""
        return tuple(self.name.split("."))
