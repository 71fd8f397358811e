"""A verdict's trace as an indented tree, shared by ``govrules explain`` and ``govrules test``.

Each line is one step of the evaluation: a mark (``✓`` true, ``✗`` false, ``?`` unknown, or the
status of a measure, method or decision), what was evaluated, its value, the clause it came from
(``applies when``, ``unless``...) and where it is in the policy. Under a step, every fact value it
read, with its key path and where the facts file gives it (or ``missing``)::

    measure s50.1.1.3 must → unknown  (policies/s50/disclosure.pol:63:1)
    ├─ ✓ agency.kind == government_agency → true  [applies when]  (…/disclosure.pol:23:16)
    │  ├─ ✓ agency.kind → government_agency  (…/disclosure.pol:23:16)
    │  │    read agency.kind = government_agency  @ examples/agency_partial.yaml:17:9
"""

from __future__ import annotations

from collections.abc import Callable

from ..verdict import FactRead, TraceNode, Verdict, display_value

__all__ = [
    "because_lines",
    "deciding_conditions", "mark",
    "read_line",
    "render_trace",
    "trace_lines",
]

_STATUS_WORDS = {"compliant", "non_compliant", "unknown", "not_applicable", "conflict"}


def mark(node: TraceNode) -> str:
    """``✓``, ``✗`` or ``?`` for a condition; empty for a node whose value is a status."""
    if isinstance(node.value, str) and node.value in _STATUS_WORDS and node.kind in (
            "measure", "method", "decision", "require"):
        return ""
    if not node.known:
        return "?"
    if node.value is True:
        return "✓"
    if node.value is False:
        return "✗"
    return "·"


def _value(node: TraceNode) -> str:
    if not node.known:
        return "unknown"
    if isinstance(node.value, str) and node.value in _STATUS_WORDS:
        return node.value
    return display_value(node.value)


def read_line(r: FactRead, lang: str = "en") -> str:
    """One fact read: ``read KEY = VALUE  @ file:line:col``, or ``missing KEY`` (the two words
    in ``lang``)."""
    from .labels import label

    where = f"  @ {r.location}" if r.location else ""
    if not r.present:
        return f"{label('word.missing', lang)} {r.key_path}{where}"
    return f"{label('word.read', lang)} {r.key_path} = {display_value(r.value, lang)}{where}"


def _en_line(node: TraceNode) -> str:
    m = mark(node)
    note = f"  [{node.note}]" if node.note else ""
    where = f"  ({node.location})" if node.location else ""
    value = _value(node)
    shown = "" if value == node.label else f" → {value}"  # a constant is its own value
    return f"{m + ' ' if m else ''}{node.label}{shown}{note}{where}"


NodeLine = Callable[[TraceNode], str]
"""How one step of a trace is written (by default in English)."""
ReadLine = Callable[[FactRead], str]
"""How one fact read is written (by default in English)."""


def trace_lines(node: TraceNode, prefix: str = "", *, line: NodeLine | None = None,
                read: ReadLine | None = None) -> list[str]:
    """The tree below and including ``node``, one string per line, each starting ``prefix``.

    ``line`` and ``read`` write a step and a fact read in another form (``govrules explain
    --lang th`` writes values and words in Thai); the layout of the tree is this function's.
    """
    line = line or _en_line
    read = read or read_line
    out = [prefix + line(node)]
    # Iterative depth-first walk, so that a deep trace cannot exhaust the Python stack.
    stack: list[tuple[TraceNode, str, bool]] = [
        (c, "", i == len(node.children) - 1) for i, c in enumerate(node.children)]
    stack.reverse()
    _reads_into(out, node, prefix, "", not node.children, read)
    while stack:
        child, indent, last = stack.pop()
        branch = "└─ " if last else "├─ "
        out.append(prefix + indent + branch + line(child))
        below = indent + ("   " if last else "│  ")
        _reads_into(out, child, prefix, below, not child.children, read)
        kids = child.children
        stack.extend(reversed([(c, below, i == len(kids) - 1) for i, c in enumerate(kids)]))
    return out


def _reads_into(out: list[str], node: TraceNode, prefix: str, indent: str, last: bool,
                read: ReadLine) -> None:
    bar = "   " if last else "│  "
    out.extend(f"{prefix}{indent}{bar}  {read(r)}" for r in node.reads)


def render_trace(node: TraceNode, prefix: str = "") -> str:
    """:func:`trace_lines` joined into one text ending with a newline."""
    return "\n".join(trace_lines(node, prefix)) + "\n"


def deciding_conditions(verdict: Verdict | TraceNode) -> list[TraceNode]:
    """The innermost steps that decided a verdict (given whole, or as its trace).

    For an unknown verdict: the unknown steps with no unknown step below them — the missing
    facts. For a non-compliant or not-applicable verdict: the false steps with no false step
    below them — the failed comparison, the fact that was false, the exception that held. Empty
    for a compliant verdict or a conflict.

    A decision verdict with a chosen option, compliant or not, is decided by the rules that
    settled the chosen option's outcome (the conditions of each that held, or the rule itself
    when it has none) and by the chosen option as read; this needs the verdict, whose options
    say which rules those are.
    """
    trace = verdict.trace if isinstance(verdict, Verdict) else verdict
    if isinstance(verdict, Verdict) and verdict.kind == "decision" \
            and trace.value in ("compliant", "non_compliant") and verdict.chosen is not None:
        return _deciding_rules(verdict)
    if trace.value == "unknown":
        def bad(n: TraceNode) -> bool:
            return not n.known or n.value == "unknown"
    elif trace.value in ("non_compliant", "not_applicable"):
        def bad(n: TraceNode) -> bool:
            return n.known and (n.value is False or n.value in ("non_compliant",
                                                                  "not_applicable"))
    else:
        return []
    out: list[TraceNode] = []
    seen: set[int] = set()
    stack = [trace]
    while stack:
        node = stack.pop()
        kids = [c for c in node.children if bad(c)]
        if kids:
            stack.extend(reversed(kids))
        elif node is not trace and id(node) not in seen:
            seen.add(id(node))
            out.append(node)
    return out


def _deciding_rules(verdict: Verdict) -> list[TraceNode]:
    """The steps that settled a decision's chosen option: see :func:`deciding_conditions`."""
    outcome = verdict.option(verdict.chosen or "")
    rules = set(outcome.rules) if outcome is not None else set()
    out: list[TraceNode] = []
    for node in verdict.trace.children:
        # a rule's step is labelled `rule ID MODALITY ACTION OPTIONS` by the evaluator
        if node.kind == "rule" and node.label.split(" ", 2)[1] in rules:
            out.extend(node.children or (node,))
        elif node.note == "chosen option":
            out.append(node)
    return out


def because_lines(verdict: Verdict | TraceNode, prefix: str = "", *,
                  line: NodeLine | None = None, read: ReadLine | None = None) -> list[str]:
    """One line per deciding condition of a verdict (:func:`deciding_conditions`), with the
    facts it read and where (``line`` and ``read`` as for :func:`trace_lines`)."""
    line = line or _en_line
    read = read or read_line
    out = []
    for node in deciding_conditions(verdict):
        reads = {r.key_path: read(r) for n in node.walk() for r in n.reads}
        out.append(prefix + line(node))
        out += [f"{prefix}    {reads[k]}" for k in sorted(reads)]
    return out
