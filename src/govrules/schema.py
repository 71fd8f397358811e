"""A JSON Schema (draft 2020-12) of the facts a policy set declares.

``govrules schema POLICIES`` prints it; editors (VS Code with the YAML extension, JetBrains) use it
to complete and check facts files as officers type them, and other systems use it to check the
facts they send. The schema follows the rules of :mod:`govrules.facts` as closely as JSON Schema
can say them:

* the dotted fact names become nested objects (``agency.kind`` is ``{"agency": {"kind": ...}}``);
* every value may be ``null``, which govrules reads as *missing* (unknown), not as an error;
* an enum is a string with ``enum`` and, for the labels, a ``oneOf`` of ``const`` with ``title``
  (English) and ``x-title-th`` (Thai); the ``$defs`` entry also has ``x-labels``;
* a set is an array with ``uniqueItems`` (govrules only warns about a repeated value);
* a list of records is an array of objects; a record's fields may be left out or ``null``;
* a date is a string ``YYYY-MM-DD`` with an optional era (``BE``, ``CE``, ``พ.ศ.``, ``ค.ศ.``),
  Thai digits allowed;
* a decimal is a number or a numeric string (``"1250.50"``), within ±10^18; an int an integer;
* descriptions: ``description`` holds the English text of the declaration and
  ``x-description-th`` the Thai text (editors show ``description``; both are kept whole);
* ``additionalProperties`` is true everywhere: govrules only warns about undeclared keys.

The schema is deterministic: the same policy set gives the same bytes (keys in declaration-
independent, sorted order), and it names the policy set's hash in ``x-policy-sha256``.
"""

from __future__ import annotations

import json
from typing import Any

from .facts import MAX_MAGNITUDE
from .facttypes import EnumType, FactDecl, ListType, PrimType, RecordType, SetType, Type
from .model import PolicySet

__all__ = ["DATE_PATTERN", "DECIMAL_PATTERN", "SCHEMA_DIALECT", "facts_schema", "schema_json"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""The ``$schema`` of every schema :func:`facts_schema` returns."""

_DIGIT = "[0-9๐-๙]"
DATE_PATTERN = (
    rf"^\s*{_DIGIT}{{4}}-{_DIGIT}{{1,2}}-{_DIGIT}{{1,2}}\s*"
    r"(BE|CE|B\.E\.|C\.E\.|พ\.ศ\.|ค\.ศ\.)?\s*$"
)
"""What a date string must look like: the form :func:`govrules.dates.parse_date` reads."""

DECIMAL_PATTERN = r"^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,4})?\s*$"
"""What a decimal written as a string must look like (``"1250.50"``)."""


def facts_schema(ps: PolicySet) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the facts declared by ``ps``, as a JSON-able dict."""
    defs: dict[str, Any] = {}
    root: dict[str, Any] = {}
    for name in sorted(ps.facts):
        decl = ps.facts[name]
        node = root
        *parents, last = decl.path
        for part in parents:
            node = node.setdefault(part, {})
            assert isinstance(node, dict)
        node[last] = decl
    properties = _properties(root, defs)
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "govrules facts",
        "description": "The facts an agency supplies to govrules, as declared by the policy set "
        "(`fact` declarations). Every value may be null or left out: govrules then reads it as "
        "unknown. Undeclared keys are allowed (govrules warns about them).",
        "x-description-th": "ข้อเท็จจริงที่หน่วยงานกรอกให้ govrules ตามที่ชุดนโยบายประกาศไว้ "
        "ค่าใดที่ไม่ทราบให้เว้นไว้หรือใส่ null ได้ govrules จะถือว่ายังไม่ทราบ",
        "x-policy-sha256": ps.sha256,
        "type": "object",
        "properties": properties,
        "additionalProperties": True,
        "$defs": dict(sorted(defs.items())),
    }


def schema_json(ps: PolicySet) -> str:
    """:func:`facts_schema` as indented JSON text (UTF-8, Thai kept as is), ending in a newline."""
    return json.dumps(facts_schema(ps), ensure_ascii=False, indent=2) + "\n"


def _properties(tree: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in sorted(tree):
        item = tree[key]
        if isinstance(item, FactDecl):
            out[key] = _fact(item, defs)
        else:
            out[key] = {
                "type": ["object", "null"],
                "properties": _properties(item, defs),
                "additionalProperties": True,
            }
    return out


def _fact(decl: FactDecl, defs: dict[str, Any]) -> dict[str, Any]:
    schema = _nullable(_type(decl.type, defs))
    return _described(schema, decl.descriptions, {"x-fact": decl.name,
                                                  "x-type": decl.type.describe()})


def _described(schema: dict[str, Any], texts: dict[str, str],
               extra: dict[str, str] | None = None) -> dict[str, Any]:
    out = dict(schema)
    en, th = texts.get("en"), texts.get("th")
    if en or th:
        out["description"] = en or th
    if th:
        out["x-description-th"] = th
    out.update(extra or {})
    return out


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` or null (null means *missing* in a facts file)."""
    typ = schema.get("type")
    if isinstance(typ, str) and set(schema) <= {"type", "minimum", "maximum", "pattern",
                                               "examples"}:
        return {**schema, "type": [typ, "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def _type(typ: Type, defs: dict[str, Any]) -> dict[str, Any]:
    if isinstance(typ, PrimType):
        return _primitive(typ)
    if isinstance(typ, EnumType):
        return _ref(typ, defs)
    if isinstance(typ, SetType):
        return {"type": "array", "items": _ref(typ.element, defs), "uniqueItems": True}
    if isinstance(typ, ListType):
        return {"type": "array", "items": _ref(typ.element, defs)}
    return _ref(typ, defs)


def _primitive(typ: PrimType) -> dict[str, Any]:
    if typ.name == "bool":
        return {"type": "boolean"}
    if typ.name == "int":
        return {"type": "integer", "minimum": -MAX_MAGNITUDE, "maximum": MAX_MAGNITUDE}
    if typ.name == "decimal":
        return {"anyOf": [
            {"type": "number", "minimum": -MAX_MAGNITUDE, "maximum": MAX_MAGNITUDE},
            {"type": "string", "pattern": DECIMAL_PATTERN},
        ]}
    if typ.name == "date":
        return {"type": "string", "pattern": DATE_PATTERN,
                "examples": ["2024-06-01", "2567-06-01 BE"]}
    return {"type": "string"}


def _ref(typ: EnumType | RecordType, defs: dict[str, Any]) -> dict[str, Any]:
    if typ.name not in defs:
        defs[typ.name] = {}  # placeholder first: a record may (indirectly) name itself
        defs[typ.name] = _enum(typ) if isinstance(typ, EnumType) else _record(typ, defs)
    return {"$ref": f"#/$defs/{typ.name}"}


def _enum(typ: EnumType) -> dict[str, Any]:
    choices = []
    for value in typ.values:
        labels = typ.labels.get(value, {})
        choice: dict[str, Any] = {"const": value}
        if labels.get("en") or labels.get("th"):
            choice["title"] = labels.get("en") or labels.get("th")
        if labels.get("th"):
            choice["x-title-th"] = labels["th"]
        choices.append(choice)
    return {
        "title": typ.name,
        "type": "string",
        "enum": list(typ.values),
        "oneOf": choices,
        "x-labels": {v: dict(sorted(typ.labels.get(v, {}).items())) for v in typ.values},
    }


def _record(typ: RecordType, defs: dict[str, Any]) -> dict[str, Any]:
    properties = {
        name: _described(_nullable(_type(ftype, defs)), typ.descriptions.get(name, {}),
                         {"x-type": ftype.describe()})
        for name, ftype in typ.fields
    }
    return {
        "title": typ.name,
        "type": "object",
        "properties": dict(sorted(properties.items())),
        "additionalProperties": True,
    }
