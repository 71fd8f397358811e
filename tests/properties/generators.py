"""Type-directed hypothesis generators: a random schema → policies over that schema → facts.

A :class:`Schema` is a random set of declarations (enums, a record, facts of every type). From
it, :func:`policies` draws the text of a whole policy set — definitions, measures with methods,
applicability and exceptions, and a decision with options and rules that override each other
or carry priorities — whose expressions are well typed by construction, so that it checks clean.
:func:`facts_for` draws a facts mapping that conforms to any declared facts (those of a random
schema or of the shipped policies), with knobs that drop facts (missing) or mistype them.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Mapping
from typing import Any

import attrs
from hypothesis import strategies as st

from govrules.facttypes import (
    BOOL,
    DATE,
    DECIMAL,
    INT,
    TEXT,
    EnumType,
    FactDecl,
    ListType,
    SetType,
)

ENUMS = {"en0": ("a0", "a1", "a2"), "en1": ("b0", "b1", "b2", "b3")}
KINDS = ("bool", "int", "decimal", "enum", "set", "date", "text", "list")


@attrs.frozen
class Schema:
    """Declared facts: name → kind (one of :data:`KINDS`)."""

    facts: tuple[tuple[str, str], ...]
    decision: bool

    def of(self, kind: str) -> list[str]:
        return [name for name, k in self.facts if k == kind]

    def declarations(self) -> str:
        types = {"bool": "bool", "int": "int", "decimal": "decimal", "enum": "en0",
                 "set": "set of en1", "date": "date", "text": "text", "list": "list of rec"}
        lines = ['source doc { title en "Generated document" }']
        for name, values in ENUMS.items():
            lines.append(f"enum {name} {{ {' '.join(values)} }}")
        pick = "  pick : dec" if self.decision else ""
        lines.append(f"record rec {{ kind : en0  flag : bool  n : int{pick} }}")
        for name, kind in self.facts:
            lines.append(f"fact {name} : {types[kind]}")
        return "\n".join(lines)


@st.composite
def schemas(draw: st.DrawFn) -> Schema:
    """A random schema: at least one bool fact, and any others."""
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=7))
    facts = [("g.b0", "bool")]
    facts += [(f"g.{k[0]}{i + 1}", k) for i, k in enumerate(kinds)]
    has_list = any(k == "list" for _, k in facts)
    return Schema(tuple(facts), decision=has_list and draw(st.booleans()))


# ------------------------------------------------------------------------------ expressions

CMP = ("==", "!=", "<", "<=", ">", ">=")


def _leaves(schema: Schema, defines: list[str], var: str | None,
            elem: str | None) -> list[st.SearchStrategy[str]]:
    out: list[st.SearchStrategy[str]] = [st.sampled_from(["true", "false"])]
    a_vals, b_vals = ENUMS["en0"], ENUMS["en1"]
    for name in schema.of("bool") + defines:
        out.append(st.just(name))
    for name in schema.of("enum"):
        out.append(st.builds(lambda op, v, n=name: f"{n} {op} {v}",
                             st.sampled_from(["==", "!="]), st.sampled_from(a_vals)))
        out.append(st.builds(lambda neg, vs, n=name: f"{n} {neg}in {{{', '.join(vs)}}}",
                             st.sampled_from(["", "not "]),
                             st.lists(st.sampled_from(a_vals), min_size=1, max_size=3)))
    for name in schema.of("int"):
        out.append(st.builds(lambda op, k, n=name: f"{n} {op} {k}",
                             st.sampled_from(CMP), st.integers(0, 6)))
        out.append(st.builds(lambda op, k, j, n=name: f"{n} + {j} {op} {k}",
                             st.sampled_from(CMP), st.integers(0, 6), st.integers(0, 3)))
        out.append(st.builds(lambda k, n=name: f"-{n} * 2 < {k}", st.integers(-4, 4)))
    for name in schema.of("decimal"):
        out.append(st.builds(lambda op, k, n=name: f"{n} {op} {k}.5",
                             st.sampled_from(CMP), st.integers(0, 6)))
        for m in schema.of("int"):
            out.append(st.builds(lambda k, n=name, m=m: f"{n} - {m} > {k}", st.integers(-3, 3)))
    for name in schema.of("set"):
        out.append(st.builds(lambda v, n=name: f"{n} includes {v}", st.sampled_from(b_vals)))
        out.append(st.builds(lambda vs, n=name: f"{n} includes {{{', '.join(vs)}}}",
                             st.lists(st.sampled_from(b_vals), min_size=1, max_size=3)))
        out.append(st.builds(lambda v, n=name: f"{v} in {n}", st.sampled_from(b_vals)))
        out.append(st.builds(lambda vs, n=name: f"{n} subset of {{{', '.join(vs)}}}",
                             st.lists(st.sampled_from(b_vals), min_size=1, max_size=4)))
        out.append(st.builds(lambda op, k, n=name: f"size({n}) {op} {k}",
                             st.sampled_from(CMP), st.integers(0, 4)))
    for name in schema.of("date"):
        out.append(st.builds(lambda op, y, n=name: f"{n} {op} {y}-06-01",
                             st.sampled_from(CMP), st.integers(2018, 2028)))
        out.append(st.builds(lambda op, y, n=name: f"{n} {op} {y + 543}-01-01 BE",
                             st.sampled_from(CMP), st.integers(2018, 2028)))
        out.append(st.builds(lambda op, n=name: f"{n} {op} as_of", st.sampled_from(CMP)))
    for name in schema.of("text"):
        out.append(st.builds(lambda op, t, n=name: f'{n} {op} "{t}"',
                             st.sampled_from(["==", "!="]), st.sampled_from(["", "x", "ก"])))
    out.append(st.builds(lambda op, y: f"as_of {op} {y}-01-01", st.sampled_from(CMP),
                         st.integers(2018, 2030)))
    for v in [x for x in (var, elem) if x]:
        out.append(st.builds(lambda op, a, v=v: f"{v}.kind {op} {a}",
                             st.sampled_from(["==", "!="]), st.sampled_from(a_vals)))
        out.append(st.just(f"{v}.flag"))
        out.append(st.builds(lambda op, k, v=v: f"{v}.n {op} {k}", st.sampled_from(CMP),
                             st.integers(0, 4)))
    if elem is None:
        for name in schema.of("list"):
            out.append(st.builds(lambda q, body, n=name: f"{q}(p in {n}: {body})",
                                 st.sampled_from(["all", "any"]),
                                 bool_exprs(schema, [], None, "p", depth=1)))
            out.append(st.builds(lambda body, op, k, n=name: f"count(p in {n}: {body}) {op} {k}",
                                 bool_exprs(schema, [], None, "p", depth=0),
                                 st.sampled_from(CMP), st.integers(0, 3)))
            out.append(st.builds(lambda op, k, n=name: f"size({n}) {op} {k}",
                                 st.sampled_from(CMP), st.integers(0, 3)))
    return out


def bool_exprs(schema: Schema, defines: list[str], var: str | None = None,
               elem: str | None = None, depth: int = 2) -> st.SearchStrategy[str]:
    """Well-typed boolean expressions over the schema, the given (boolean) definitions, the
    decision's subject variable ``var`` and a quantifier's element variable ``elem``."""
    leaf = st.one_of(*_leaves(schema, defines, var, elem))
    if depth <= 0:
        return leaf
    sub = bool_exprs(schema, defines, var, elem, depth - 1)
    return st.one_of(
        leaf,
        sub.map(lambda e: f"not ({e})"),
        st.builds(lambda a, b: f"({a} and {b})", sub, sub),
        st.builds(lambda a, b: f"({a} or {b})", sub, sub),
    )


# ------------------------------------------------------------------------------ policies


@attrs.frozen
class Generated:
    """A generated policy set: its schema, its items (one text each) and the whole text."""

    schema: Schema
    header: str
    items: tuple[str, ...]

    @property
    def text(self) -> str:
        return self.header + "\n" + "\n".join(self.items) + "\n"


def _maybe(draw: st.DrawFn, strategy: st.SearchStrategy[str], clause: str) -> str:
    return f"  {clause} {draw(strategy)}\n" if draw(st.booleans()) else ""


@st.composite
def policies(draw: st.DrawFn, schema_strategy: st.SearchStrategy[Schema] | None = None
             ) -> Generated:
    """A whole policy set over a random schema (one file's worth of text, split in items)."""
    schema = draw(schema_strategy if schema_strategy is not None else schemas())
    defines: list[str] = []
    items: list[str] = []
    for i in range(draw(st.integers(0, 2))):
        expr = draw(bool_exprs(schema, list(defines), depth=1))
        items.append(f"define dd{i} = {expr}")
        defines.append(f"dd{i}")
    exprs = bool_exprs(schema, defines)
    pol = 'policy p {\n  title en "Generated"\n'
    pol += _maybe(draw, exprs, "applies when")
    if draw(st.booleans()):
        pol += f"  effective from {draw(st.integers(2018, 2024))}-01-01"
        pol += f" until {draw(st.integers(2025, 2030))}-12-31\n" if draw(st.booleans()) else "\n"
    items.append(pol + "}")
    for i in range(draw(st.integers(1, 3))):
        modality = draw(st.sampled_from(["must", "should", "may", "must not", "consider"]))
        body = f"measure m{i} {modality} {{\n  cite doc: item {i + 1}\n"
        body += _maybe(draw, exprs, "applies when")
        body += _maybe(draw, exprs, "unless")
        n_methods = draw(st.integers(0, 3))
        for j in range(n_methods):
            body += f"  method {j + 1} {{\n    cite method {j + 1}\n"
            body += _maybe(draw, exprs, "  applies when")
            body += _maybe(draw, exprs, "  unless")
            body += f"    require {draw(exprs)}\n  }}\n"
        if n_methods:
            body += draw(st.sampled_from(["", "  require all methods\n",
                                          "  require any methods\n"]))
        else:
            body += f"  require {draw(exprs)}\n"
        items.append(body + "}")
    if schema.decision:
        lst = schema.of("list")[0]
        rule_exprs = bool_exprs(schema, defines, var="x")
        body = f"decision dec {{\n  cite doc: item 9\n  for x in {lst}\n  chosen x.pick\n"
        body += _maybe(draw, rule_exprs, "applies when")
        options = ["o0", "o1", "o2"]
        for o in options:
            body += f"  option {o} {{ cite option {o[1]} }}\n"
        n_rules = draw(st.integers(1, 4))
        for r in range(n_rules):
            modality = draw(st.sampled_from(["must", "should", "may"]))
            action = draw(st.sampled_from(["allow", "recommend", "exclude"]))
            opts = draw(st.lists(st.sampled_from(options), min_size=1, max_size=3, unique=True))
            body += f"  rule r{r} {modality} {action} {', '.join(opts)} {{\n"
            body += f"    cite rule {r}\n"
            body += _maybe(draw, rule_exprs, "  when")
            body += _maybe(draw, rule_exprs, "  unless")
            if draw(st.booleans()):
                body += f"    priority {draw(st.integers(0, 3))}\n"
            earlier = draw(st.lists(st.sampled_from([f"r{k}" for k in range(r)]), unique=True,
                                    max_size=2)) if r else []
            if earlier:
                body += f"    overrides {', '.join(earlier)}\n"
            body += "  }\n"
        items.append(body + "}")
    return Generated(schema, schema.declarations(), tuple(items))


# ------------------------------------------------------------------------------ facts

_MISTYPED: dict[str, list[Any]] = {
    "bool": ["yes", 1, [True]],
    "int": [True, "seven", 1.5, {"a": 1}],
    "decimal": [True, "many", [1]],
    "date": ["2018-02-30", 20180101, "yesterday"],
    "text": [5, True, ["a"]],
    "enum": ["not_a_value", 3, [True]],
    "set": ["b0", [5], ["not_a_value"]],
    "list": [{"kind": "a0"}, [1, 2], "x"],
}


def _kind(t: Any) -> str:
    if t == BOOL:
        return "bool"
    if t == INT:
        return "int"
    if t == DECIMAL:
        return "decimal"
    if t == DATE:
        return "date"
    if t == TEXT:
        return "text"
    if isinstance(t, EnumType):
        return "enum"
    if isinstance(t, SetType):
        return "set"
    if isinstance(t, ListType):
        return "list"
    return "other"


def value_for(t: Any, missing: float) -> st.SearchStrategy[Any]:
    """A conforming value of type ``t`` as a facts file would write it."""
    kind = _kind(t)
    if kind == "bool":
        return st.booleans()
    if kind == "int":
        return st.integers(-3, 8)
    if kind == "decimal":
        return st.one_of(st.integers(-3, 8),
                         st.decimals(-3, 8, places=2, allow_nan=False).map(str))
    if kind == "date":
        dates = st.dates(dt.date(2016, 1, 1), dt.date(2032, 12, 31))
        return st.one_of(dates.map(dt.date.isoformat), dates,
                         dates.map(lambda d: f"{d.year + 543:04d}-{d.month:02d}-{d.day:02d} BE"))
    if kind == "text":
        return st.sampled_from(["", "x", "ก", "P-001"])
    if kind == "enum":
        return st.sampled_from(t.values)
    if kind == "set":
        return st.lists(st.sampled_from(t.element.values), unique=True)
    if kind == "list":
        return st.lists(record_for(t.element, missing), max_size=3)
    return st.none()


@st.composite
def record_for(draw: st.DrawFn, rtype: Any, missing: float) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for fname, ftype in rtype.fields:
        if missing and draw(st.floats(0, 1)) < missing:
            continue
        out[fname] = draw(value_for(ftype, missing))
    return out


def nest(flat: Mapping[str, Any]) -> dict[str, Any]:
    """Dotted names → nested mappings, as in a facts file."""
    out: dict[str, Any] = {}
    for name in sorted(flat):
        node = out
        *parents, last = name.split(".")
        for p in parents:
            node = node.setdefault(p, {})
        node[last] = flat[name]
    return out


@st.composite
def facts_for(draw: st.DrawFn, decls: Mapping[str, FactDecl], missing: float = 0.0,
              mistype: float = 0.0) -> dict[str, Any]:
    """A facts mapping for the declared facts; each fact is left out with probability
    ``missing`` (record fields too), or given a value of the wrong type with probability
    ``mistype``."""
    flat: dict[str, Any] = {}
    for name in sorted(decls):
        t = decls[name].type
        if missing and draw(st.floats(0, 1)) < missing:
            continue
        if mistype and draw(st.floats(0, 1)) < mistype:
            flat[name] = draw(st.sampled_from(_MISTYPED.get(_kind(t), [object.__name__])))
            continue
        flat[name] = draw(value_for(t, missing))
    return nest(flat)


def as_decimal(value: Any) -> decimal.Decimal:
    """A facts-file number as an exact decimal."""
    return decimal.Decimal(str(value))
