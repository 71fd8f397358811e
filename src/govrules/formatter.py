"""Canonical formatting of policy text (``govrules fmt``).

The canonical form: two spaces of indentation per block, one clause per line, one space between
tokens, ``{`` at the end of the header line and ``}`` on a line of its own, the labels of facts,
fields, enum values and definitions on their own lines under the name, texts as one string with
``\\"``, ``\\\\``, ``\\n`` and ``\\t`` escaped, dates with Arabic digits (``2561-03-01 BE``),
modalities in English (``must not``), expressions on one line with the fewest brackets that keep
their meaning. Citations keep their numbers exactly as written (``issue ๑.๑``).

What the author chose is kept: the order of items and clauses, comments, and single blank lines
between them (several blank lines become one; none after ``{`` or before ``}``). A comment on a
line of its own stays before the clause or item that follows it; a comment at the end of a line
stays at the end of that line when the line survives (a clause written on one line, a block's
header line), and otherwise moves to a line of its own just before the clause it was in.

Two guarantees, tested as properties: ``parse_text(format_source(t)) == parse_text(t)`` and
``format_source(format_source(t)) == format_source(t)``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import os
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs
import lark

from . import ast
from .errors import Diagnostic, PolicyError
from .source import decode_source, find_policy_files, read_source

__all__ = [
    "BlockLayout",
    "Comments",
    "FormatResult",
    "collect_comments",
    "format_files",
    "format_module",
    "format_source",
]

INDENT = "  "
"""One level of indentation in the canonical form."""

Key = tuple[str, int]
"""A child of a block: its kind (``title``, ``method``, ``item``...) and its index in that kind."""
BlockPath = tuple[Key, ...]
"""Where a block is: the keys from the module down (``()`` is the module itself)."""
Entry = tuple[str, object]
"""One entry of a block: ``("child", Key)``, ``("comment", text)`` or ``("blank", None)``."""


@attrs.frozen
class BlockLayout:
    """What the source said about one block beyond its syntax tree.

    ``entries`` are the block's children, own-line comments and blank lines in source order;
    ``trailing`` the comment at the end of a child's last line; ``header`` the comment at the end
    of the block's ``{`` line; ``counts`` how many names each ``ambiguity`` or ``overrides``
    clause listed (the syntax tree merges them).
    """

    entries: tuple[Entry, ...] = ()
    trailing: Mapping[Key, str] = attrs.field(factory=dict)
    header: str | None = None
    counts: Mapping[Key, int] = attrs.field(factory=dict)


@attrs.frozen
class Comments:
    """The layout of every block of one source text, keyed by :data:`BlockPath`."""

    blocks: Mapping[BlockPath, BlockLayout] = attrs.field(factory=dict)


# ---------------------------------------------------------------------------- reading layout

_KIND = {
    "version_clause": "version", "title_clause": "title", "text_clause": "text",
    "source_ref": "source", "effective_clause": "effective", "applies_clause": "applies",
    "issuer_clause": "issuer", "dated_clause": "dated", "cite_absolute": "cite",
    "cite_relative": "cite", "explain_clause": "explain", "unless_clause": "unless",
    "interpretation_clause": "interpretation", "method_def": "method",
    "require_expr": "require", "require_all": "require", "require_any": "require",
    "ambiguity_clause": "ambiguity", "actor_clause": "actor", "subject_clause": "subject",
    "chosen_clause": "chosen", "option_def": "option", "rule_def": "rule",
    "when_clause": "when", "priority_clause": "priority", "overrides_clause": "overrides",
    "enum_value": "value", "field_def": "field",
}


@attrs.frozen
class _Comment:
    text: str
    pos: int
    line: int


def _brace(tree: lark.Tree[Any]) -> lark.Token | None:
    for c in tree.children:
        if isinstance(c, lark.Token) and c.type == "LBRACE":
            return c
    return None


def _children(tree: lark.Tree[Any], root: bool) -> list[tuple[Key, lark.Tree[Any]]]:
    """The clause (or item) subtrees of a block, keyed by kind and index within the kind."""
    out: list[tuple[Key, lark.Tree[Any]]] = []
    counter: dict[str, int] = {}
    after_brace = root
    for c in tree.children:
        if isinstance(c, lark.Token):
            after_brace = after_brace or c.type == "LBRACE"
            continue
        if not after_brace:
            continue
        kind = "item" if root else _KIND.get(str(c.data))
        if kind is None:  # pragma: no cover - every clause of the grammar is in _KIND
            continue
        n = counter.get(kind, 0)
        counter[kind] = n + 1
        out.append(((kind, n), c))
    return out


def _layout(tree: lark.Tree[Any], comments: list[_Comment], path: BlockPath, root: bool,
            out: dict[BlockPath, BlockLayout]) -> None:
    children = _children(tree, root)
    brace = None if root else _brace(tree)
    header: list[_Comment] = []
    inner: dict[Key, list[_Comment]] = {}
    nested: dict[Key, list[_Comment]] = {}
    own: list[_Comment] = []
    trailing: dict[Key, str] = {}
    for cm in comments:
        holder = next((k for k, t in children
                       if t.meta.start_pos <= cm.pos < t.meta.end_pos), None)
        if holder is not None:
            if _brace(dict(children)[holder]) is not None:
                nested.setdefault(holder, []).append(cm)
            else:
                inner.setdefault(holder, []).append(cm)
            continue
        before = [(k, t) for k, t in children if t.meta.end_pos <= cm.pos]
        if before and before[-1][1].meta.end_line == cm.line and before[-1][0] not in trailing:
            trailing[before[-1][0]] = cm.text
        elif brace is not None and not before and (cm.pos < (brace.start_pos or 0)
                                                   or cm.line == brace.line):
            header.append(cm)
        else:
            own.append(cm)
    # Merge children and own-line comments into one sequence, in source order.
    events: list[tuple[int, int, int, Entry]] = []  # (pos, first line, last line, entry)
    for k, t in children:
        for cm in inner.get(k, []):
            events.append((t.meta.start_pos, t.meta.line, t.meta.line, ("comment", cm.text)))
        events.append((t.meta.start_pos, t.meta.line, t.meta.end_line, ("child", k)))
    for cm in own:
        events.append((cm.pos, cm.line, cm.line, ("comment", cm.text)))
    for cm in header[1:]:
        events.append((cm.pos, cm.line, cm.line, ("comment", cm.text)))
    events.sort(key=lambda e: e[0])
    entries: list[Entry] = []
    last_line: int | None = None
    for _pos, first, last, entry in events:
        if last_line is not None and first - last_line >= 2:
            entries.append(("blank", None))
        entries.append(entry)
        last_line = max(last, last_line or 0)
    counts: dict[Key, int] = {}
    for k, t in children:
        if k[0] in ("ambiguity", "overrides"):
            counts[k] = sum(1 for c in t.children if isinstance(c, lark.Token)
                            and c.type == "DOTTED")
    out[path] = BlockLayout(tuple(entries), trailing, header[0].text if header else None,
                            counts)
    for k, t in children:
        if k in nested or _brace(t) is not None:
            _layout(t, nested.get(k, []), (*path, k), False, out)


def collect_comments(text: str, name: str = "<text>") -> Comments:
    """Read the comments and blank lines of a policy text (which must parse) by position.

    The parser drops comments; this reads them with Lark's lexer callbacks and attaches each to
    the block, clause or item it belongs with. Raises :class:`~govrules.errors.PolicyError` when
    the text does not parse.
    """
    from .syntax import parse_module

    source = decode_source(name, text.encode("utf-8"))
    parse_module(source)  # the diagnostics of a syntax error, exactly as `check` gives them
    return _comments_of_parsed(source.text)


def _comments_of_parsed(text: str) -> Comments:
    """:func:`collect_comments` of a text that :func:`~govrules.syntax.parse_module` has
    already parsed without error (one parse fewer)."""
    found: list[lark.Token] = []
    tree = _parse_collecting(text, found)
    comments = [_Comment(str(t).rstrip(), t.start_pos or 0, t.line or 0) for t in found]
    blocks: dict[BlockPath, BlockLayout] = {}
    _layout(tree, comments, (), True, blocks)
    return Comments(blocks)


class _Sink(threading.local):
    """Where the lexer callback puts comments: one list per parse in progress, per thread."""

    def __init__(self) -> None:
        self.stack: list[list[lark.Token]] = []


_SINK = _Sink()


def _collect(tok: lark.Token) -> lark.Token:
    if _SINK.stack:
        _SINK.stack[-1].append(tok)
    return tok


@functools.cache
def _collecting_parser() -> lark.Lark:
    from .syntax import build_parser

    return build_parser(keep_all_tokens=True, lexer_callbacks={"COMMENT": _collect})


def _parse_collecting(text: str, sink: list[lark.Token]) -> lark.Tree[Any]:
    _SINK.stack.append(sink)
    try:
        return _collecting_parser().parse(text)
    finally:
        _SINK.stack.pop()


# ---------------------------------------------------------------------------- expressions


def quote(text: str) -> str:
    """A text as a policy string literal, escaped so that it reads back unchanged."""
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\t", "\\t"))
    return f'"{escaped}"'


def format_date(d: ast.DateLit) -> str:
    """``2018-03-01`` or ``2561-03-01 BE``: the date in the era it was written in."""
    value: dt.date = d.value
    if d.era == "BE":
        return f"{value.year + 543:04d}-{value.month:02d}-{value.day:02d} BE"
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def _prec(e: ast.Expr) -> int:
    if isinstance(e, ast.Or):
        return 1
    if isinstance(e, ast.And):
        return 2
    if isinstance(e, ast.Not):
        return 3
    if isinstance(e, ast.Compare | ast.Member | ast.Includes | ast.Subset):
        return 4
    if isinstance(e, ast.Arith):
        return 6 if e.op == "*" else 5
    if isinstance(e, ast.Neg):
        return 7
    return 8


def format_expr(e: ast.Expr, min_prec: int = 1) -> str:
    """An expression in canonical form, bracketed only where the grammar needs it."""
    s = _expr(e)
    return f"({s})" if _prec(e) < min_prec else s


def _expr(e: ast.Expr) -> str:
    f = format_expr
    if isinstance(e, ast.Or):
        return " or ".join(f(o, 2) for o in e.operands)
    if isinstance(e, ast.And):
        return " and ".join(f(o, 3) for o in e.operands)
    if isinstance(e, ast.Not):
        return f"not {f(e.operand, 3)}"
    if isinstance(e, ast.Compare):
        return f"{f(e.left, 5)} {e.op} {f(e.right, 5)}"
    if isinstance(e, ast.Member):
        return f"{f(e.element, 5)} {'not in' if e.negated else 'in'} {f(e.collection, 5)}"
    if isinstance(e, ast.Includes):
        return f"{f(e.container, 5)} includes {f(e.contained, 5)}"
    if isinstance(e, ast.Subset):
        return f"{f(e.left, 5)} subset of {f(e.right, 5)}"
    if isinstance(e, ast.Arith):
        if e.op == "*":
            return f"{f(e.left, 6)} * {f(e.right, 7)}"
        return f"{f(e.left, 5)} {e.op} {f(e.right, 6)}"
    if isinstance(e, ast.Neg):
        return f"-{f(e.operand, 7)}"
    if isinstance(e, ast.BoolLit):
        return "true" if e.value else "false"
    if isinstance(e, ast.IntLit):
        return str(e.value)
    if isinstance(e, ast.DecimalLit):
        text = format(e.value, "f")
        return text if "." in text else f"{text}.0"
    if isinstance(e, ast.StringLit):
        return quote(e.value)
    if isinstance(e, ast.DateLit):
        return format_date(e)
    if isinstance(e, ast.AsOf):
        return "as_of"
    if isinstance(e, ast.Name):
        return e.path
    if isinstance(e, ast.SetLit):
        return "{" + ", ".join(f(i) for i in e.items) + "}"
    if isinstance(e, ast.Quantifier):
        return f"{e.kind}({e.var} in {f(e.collection)}: {f(e.body)})"
    assert isinstance(e, ast.Size)
    return f"size({f(e.operand)})"


# ---------------------------------------------------------------------------- clauses

_MODALITY = {"must_not": "must not"}

Lines = list[str]
Child = tuple[Key, Callable[[], Lines]]


def _texts(word: str, texts: ast.Texts) -> list[Lines]:
    return [[f"{word} {lang} {quote(value)}"] for lang, value in texts]


def _cite(c: ast.Citation) -> str:
    parts = []
    for p in c.parts:
        if p.number is not None:
            parts.append(f"{p.label} {p.number}")
        elif p.text is not None:
            parts.append(f"{p.label} {quote(p.text)}")
        else:
            parts.append(p.label)
    head = f"cite {c.document}: " if c.document else "cite "
    return head + ", ".join(parts)


def _effective(e: ast.Effective) -> str:
    out = f"effective from {format_date(e.start)}"
    return out + (f" until {format_date(e.end)}" if e.end is not None else "")


def _explain(e: ast.Explain) -> str:
    status = f"{e.status} " if e.status else ""
    return f"explain {status}{e.lang} {quote(e.template)}"


def _require(r: ast.Require) -> str:
    if r.kind == "all_methods":
        return "require all methods"
    if r.kind == "any_methods":
        return "require any methods"
    assert r.expr is not None
    return f"require {format_expr(r.expr)}"


def _labelled(head: str, labels: ast.Texts) -> Lines:
    return [head] + [f"{INDENT}{lang} {quote(v)}" for lang, v in labels]


class _Printer:
    """Prints one module, with the layout of its source when there is one."""

    def __init__(self, comments: Comments | None) -> None:
        self.blocks: Mapping[BlockPath, BlockLayout] = comments.blocks if comments else {}

    def block(self, head: str, path: BlockPath, children: list[Child],
              names: Mapping[str, tuple[str, ...]] | None = None, braces: bool = True) -> Lines:
        layout = self.blocks.get(path)
        by_key = dict(children)
        entries: list[Entry]
        if layout is not None:
            entries = [e for e in layout.entries
                       if e[0] != "child" or e[1] in by_key]
            seen = {e[1] for e in entries if e[0] == "child"}
            entries += [("child", k) for k, _ in children if k not in seen]
        else:
            entries = [("child", k) for k, _ in children]
        trailing = layout.trailing if layout else {}
        body: Lines = []
        for kind, value in entries:
            if kind == "blank":
                if body and body[-1] != "":
                    body.append("")
            elif kind == "comment":
                body.append(str(value))
            else:
                key = value
                assert isinstance(key, tuple)
                lines = self._listed(key, by_key, names or {}, layout)
                if not lines:
                    continue
                if key in trailing:
                    lines[-1] += f"  {trailing[key]}"
                body.extend(lines)
        while body and body[-1] == "":
            body.pop()
        header = layout.header if layout else None
        if not braces:
            return body
        top = f"{head} {{" + (f"  {header}" if header else "")
        if not body and not header:
            return [f"{head} {{}}"]
        return [top] + [f"{INDENT}{line}" if line else "" for line in body] + ["}"]

    def commented(self, path: BlockPath) -> bool:
        """True when the source had comments inside the block at ``path``."""
        layout = self.blocks.get(path)
        return layout is not None and (layout.header is not None or any(
            kind == "comment" for kind, _ in layout.entries))

    @staticmethod
    def _listed(key: Key, by_key: Mapping[Key, Callable[[], Lines]],
                names: Mapping[str, tuple[str, ...]], layout: BlockLayout | None) -> Lines:
        kind, index = key
        if kind not in names:
            return list(by_key[key]())
        # `ambiguity a, b` and `overrides a, b` may be split over several clauses; the syntax
        # tree merges them, the layout remembers how many names each clause had.
        all_names = names[kind]
        counts = [n for (k, _i), n in sorted((layout.counts if layout else {}).items())
                  if k == kind]
        if sum(counts) != len(all_names) or not counts:
            return [f"{kind} {', '.join(all_names)}"] if index == 0 and all_names else []
        start = sum(counts[:index])
        chunk = all_names[start : start + counts[index]] if index < len(counts) else ()
        return [f"{kind} {', '.join(chunk)}"] if chunk else []

    # -- items ----------------------------------------------------------------------------

    def module(self, module: ast.Module) -> str:
        children: list[Child] = [
            (("item", i), functools.partial(self.item, item, (("item", i),)))
            for i, item in enumerate(module.items)
        ]
        layout = self.blocks.get(())
        if layout is None:  # no source layout: a blank line between items
            entries: list[Entry] = []
            for i in range(len(module.items)):
                if i:
                    entries.append(("blank", None))
                entries.append(("child", ("item", i)))
            self.blocks = {**self.blocks, (): BlockLayout(tuple(entries))}
        lines = self.block("", (), children, braces=False)
        return "\n".join(lines).rstrip("\n") + "\n" if lines else ""

    def item(self, item: ast.Item, path: BlockPath) -> Lines:
        if isinstance(item, ast.PolicyDef):
            ch: list[Child] = []
            if item.version is not None:
                ch.append((("version", 0), _const(f"version {quote(item.version)}")))
            ch += _numbered("title", _texts("title", item.titles))
            ch += _numbered("text", _texts("text", item.texts))
            if item.source is not None:
                ch.append((("source", 0), _const(f"source {item.source}")))
            if item.effective is not None:
                ch.append((("effective", 0), _const(_effective(item.effective))))
            ch += _numbered("applies", [[f"applies when {format_expr(a)}"]
                                        for a in item.applies])
            ch += _numbered("interpretation", _texts("interpretation", item.interpretations))
            ch += _names("ambiguity", item.ambiguities)
            return self.block(f"policy {item.id}", path, ch,
                              names={"ambiguity": item.ambiguities})
        if isinstance(item, ast.PolicyJoin):
            return [f"in policy {item.id}"]
        if isinstance(item, ast.SourceDef):
            ch = _numbered("title", _texts("title", item.titles))
            ch += _numbered("issuer", _texts("issuer", item.issuers))
            if item.dated is not None:
                ch.append((("dated", 0), _const(f"dated {format_date(item.dated)}")))
            ch += _numbered("text", _texts("text", item.texts))
            return self.block(f"source {item.id}", path, ch)
        if isinstance(item, ast.EnumDef):
            ch = _numbered("value", [
                _labelled(v.name + (f" ref {v.ref}" if v.ref else ""), v.labels)
                for v in item.values])
            return self.block(f"enum {item.name}", path, ch)
        if isinstance(item, ast.RecordDef):
            ch = _numbered("field", [_labelled(f"{f.name} : {_type(f.type)}", f.labels)
                                     for f in item.fields])
            return self.block(f"record {item.name}", path, ch)
        if isinstance(item, ast.FactDef):
            return _labelled(f"fact {item.name} : {_type(item.type)}", item.labels)
        if isinstance(item, ast.DefineDef):
            if not item.labels:
                return [f"define {item.name} = {format_expr(item.expr)}"]
            return [*_labelled(f"define {item.name}", item.labels),
                    f"{INDENT}= {format_expr(item.expr)}"]
        if isinstance(item, ast.MeasureDef):
            return self.measure(item, path)
        if isinstance(item, ast.DecisionDef):
            return self.decision(item, path)
        assert isinstance(item, ast.ItemDef)
        ch = self.common(item.cites, item.titles, item.texts)
        if item.effective is not None:
            ch.append((("effective", 0), _const(_effective(item.effective))))
        ch += _numbered("interpretation", _texts("interpretation", item.interpretations))
        ch += _names("ambiguity", item.ambiguities)
        if not ch and not self.commented(path):
            return [f"item {item.id}"]
        return self.block(f"item {item.id}", path, ch,
                          names={"ambiguity": item.ambiguities})

    @staticmethod
    def common(cites: tuple[ast.Citation, ...], titles: ast.Texts,
               texts: ast.Texts) -> list[Child]:
        ch = _numbered("cite", [[_cite(c)] for c in cites])
        ch += _numbered("title", _texts("title", titles))
        ch += _numbered("text", _texts("text", texts))
        return ch

    def judged(self, node: ast.MeasureDef | ast.MethodDef) -> list[Child]:
        ch = self.common(node.cites, node.titles, node.texts)
        ch += _numbered("explain", [[_explain(e)] for e in node.explains])
        ch += _numbered("actor", _texts("actor", node.actors))
        ch += _numbered("applies", [[f"applies when {format_expr(a)}"] for a in node.applies])
        if isinstance(node, ast.MeasureDef) and node.effective is not None:
            ch.append((("effective", 0), _const(_effective(node.effective))))
        ch += _numbered("unless", [[f"unless {format_expr(u)}"] for u in node.unless])
        if node.require is not None:
            ch.append((("require", 0), _const(_require(node.require))))
        ch += _numbered("interpretation", _texts("interpretation", node.interpretations))
        ch += _names("ambiguity", node.ambiguities)
        return ch

    def measure(self, m: ast.MeasureDef, path: BlockPath) -> Lines:
        ch = self.judged(m)
        for i, method in enumerate(m.methods):
            sub = (*path, ("method", i))
            ch.append((("method", i), functools.partial(
                self.block, f"method {method.number}", sub, self.judged(method),
                {"ambiguity": method.ambiguities})))
        return self.block(f"measure {m.id} {_MODALITY.get(m.modality, m.modality)}", path, ch,
                          names={"ambiguity": m.ambiguities})

    def decision(self, d: ast.DecisionDef, path: BlockPath) -> Lines:
        ch = self.common(d.cites, d.titles, d.texts)
        ch += _numbered("applies", [[f"applies when {format_expr(a)}"] for a in d.applies])
        if d.effective is not None:
            ch.append((("effective", 0), _const(_effective(d.effective))))
        if d.subject is not None:
            ch.append((("subject", 0), _const(
                f"for {d.subject.var} in {format_expr(d.subject.collection)}")))
        if d.chosen is not None:
            ch.append((("chosen", 0), _const(f"chosen {format_expr(d.chosen)}")))
        ch += _numbered("interpretation", _texts("interpretation", d.interpretations))
        ch += _names("ambiguity", d.ambiguities)
        for i, o in enumerate(d.options):
            ch.append((("option", i), functools.partial(self.option, o, (*path, ("option", i)))))
        for i, r in enumerate(d.rules):
            ch.append((("rule", i), functools.partial(self.rule, r, (*path, ("rule", i)))))
        return self.block(f"decision {d.id}", path, ch, names={"ambiguity": d.ambiguities})

    def option(self, o: ast.OptionDef, path: BlockPath) -> Lines:
        head = f"option {o.id}" + (f" ref {o.ref}" if o.ref else "")
        ch = self.common(o.cites, o.titles, o.texts)
        ch += _numbered("interpretation", _texts("interpretation", o.interpretations))
        if not ch and not self.commented(path):
            return [head]
        return self.block(head, path, ch)

    def rule(self, r: ast.RuleDef, path: BlockPath) -> Lines:
        head = (f"rule {r.id} {_MODALITY.get(r.modality, r.modality)} {r.action} "
                + ", ".join(r.options))
        ch = self.common(r.cites, r.titles, r.texts)
        ch += _numbered("explain", [[_explain(e)] for e in r.explains])
        if r.when is not None:
            ch.append((("when", 0), _const(f"when {format_expr(r.when)}")))
        ch += _numbered("unless", [[f"unless {format_expr(u)}"] for u in r.unless])
        if r.priority is not None:
            ch.append((("priority", 0), _const(f"priority {r.priority}")))
        ch += _names("overrides", r.overrides)
        ch += _numbered("interpretation", _texts("interpretation", r.interpretations))
        ch += _names("ambiguity", r.ambiguities)
        return self.block(head, path, ch,
                          names={"ambiguity": r.ambiguities, "overrides": r.overrides})


def _const(line: str) -> Callable[[], Lines]:
    return lambda: [line]


def _numbered(kind: str, items: list[Lines]) -> list[Child]:
    return [((kind, i), functools.partial(list, lines)) for i, lines in enumerate(items)]


def _names(kind: str, names: tuple[str, ...]) -> list[Child]:
    """Children standing for ``ambiguity``/``overrides`` clauses (printed from the names)."""
    if not names:
        return []
    return [((kind, i), _const("")) for i in range(max(1, len(names)))]


def _type(t: ast.TypeExpr) -> str:
    return {"named": t.name, "set": f"set of {t.name}", "list": f"list of {t.name}"}[t.kind]


# ---------------------------------------------------------------------------- entry points


def format_module(module: ast.Module, comments: Comments | None = None) -> str:
    """The canonical text of ``module``.

    ``comments`` is the layout of the text the module was parsed from (see
    :func:`collect_comments`); without it the output has no comments, a blank line between
    items and the clauses of each block in a fixed order.
    """
    return _Printer(comments).module(module)


def format_source(text: str, name: str = "<text>") -> str:
    """The canonical text of policy ``text``, comments kept.

    Raises :class:`~govrules.errors.PolicyError` (with the same diagnostics as ``govrules
    check``) when the text does not parse.
    """
    from .syntax import parse_module

    source = decode_source(name, text.encode("utf-8"))
    module = parse_module(source)
    return format_module(module, _comments_of_parsed(source.text))


@attrs.frozen
class FormatResult:
    """What :func:`format_files` found: the files whose text is not canonical, a unified diff
    for each (``file -> diff``), and the diagnostics of files that do not parse."""

    changed: tuple[str, ...] = ()
    diffs: Mapping[str, str] = attrs.field(factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()
    sources: Mapping[str, str] = attrs.field(factory=dict)


def format_files(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
                 write: bool = False) -> FormatResult:
    """Format every ``.pol`` file under ``paths`` (one path, or several); with ``write``,
    rewrite those that change.

    A file is written only when its canonical text differs from its text; a file that does not
    parse is left alone and reported in :attr:`FormatResult.diagnostics`.
    """
    if isinstance(paths, str | os.PathLike):  # one path, not the characters of its name
        paths = [paths]
    changed: list[str] = []
    diffs: dict[str, str] = {}
    diagnostics: list[Diagnostic] = []
    sources: dict[str, str] = {}
    seen: set[str] = set()
    for path in paths:
        try:
            files = find_policy_files(path)
        except PolicyError as exc:
            diagnostics.extend(exc.diagnostics)
            continue
        for f in files:
            name = os.fspath(f)
            real = os.path.realpath(f)  # one file however it is named: formatted once
            if real in seen:
                continue
            seen.add(real)
            try:
                source = read_source(f)
                sources[name] = source.text
                formatted = format_module(parse_module_for(source),
                                          _comments_of_parsed(source.text))
            except PolicyError as exc:
                diagnostics.extend(exc.diagnostics)
                continue
            raw = Path(f).read_bytes().decode("utf-8")
            if formatted == raw:
                continue
            changed.append(name)
            diffs[name] = "".join(difflib.unified_diff(
                raw.splitlines(keepends=True), formatted.splitlines(keepends=True),
                fromfile=name, tofile=f"{name} (formatted)"))
            if write:
                Path(f).write_bytes(formatted.encode("utf-8"))
    return FormatResult(tuple(changed), diffs, tuple(diagnostics), sources)


def parse_module_for(source: Any) -> ast.Module:
    """Parse a :class:`~govrules.source.SourceFile` (the parser, imported lazily)."""
    from .syntax import parse_module

    module: ast.Module = parse_module(source)
    return module
