"""Diagnostics and the exception hierarchy shared by every pipeline stage.

Every problem govrules reports — a syntax error, a type error, a malformed facts file — is a
:class:`Diagnostic` with a code, a message, a :class:`Span` and an optional hint. Stages collect
diagnostics instead of stopping at the first; when a stage cannot go on it raises a
:class:`GovrulesError` that carries all of them. Nothing else is meant to escape the library.

Message style (after Cedar's guide): lowercase, no trailing period, user text in backticks; the
extra sentence goes into the hint.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "Diagnostic",
    "FactsError",
    "GovrulesError",
    "PolicyError",
    "Severity",
    "Span",
    "printable",
    "render_diagnostic",
    "render_diagnostics",
]


@attrs.frozen(order=True)
class Span:
    """A region of a source file: 1-based line and column of its start and end, and offsets.

    ``end_line``/``end_column`` point just past the last character. A span with ``line == 0``
    names a whole file (used when a problem has no better location, such as an empty file).
    """

    file: str
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    start: int = 0
    end: int = 0

    @classmethod
    def whole_file(cls, file: str) -> Span:
        """A span naming ``file`` without a position inside it."""
        return cls(file)

    def location(self) -> str:
        """``file:line:column`` (or just ``file`` when there is no position)."""
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


class Severity(enum.Enum):
    """How serious a diagnostic is: errors stop evaluation, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen
class Diagnostic:
    """One problem found in a policy or a facts file.

    ``code`` is stable and documented (``E1xx`` syntax, ``E2xx`` names and structure,
    ``E3xx`` types, ``E4xx`` facts files, ``W...`` warnings). ``witness``, on findings of the
    consistency analysis that a fact set can show, is that fact set and its evaluation date as
    canonical JSON text (``{"as_of": "YYYY-MM-DD", "facts": {...}}``): run it with
    ``govrules.evaluate(policies, w["facts"], as_of=w["as_of"])`` after ``json.loads``.
    """

    code: str
    message: str
    span: Span
    hint: str | None = None
    severity: Severity = Severity.ERROR
    witness: str | None = None

    @property
    def is_error(self) -> bool:
        """True when this diagnostic stops evaluation."""
        return self.severity is Severity.ERROR

    def to_dict(self) -> dict[str, object]:
        """A JSON-able form, used by ``--format json`` and by editors.

        ``witness`` (an object) is there only on a finding that has one, so the warnings of an
        evaluation report keep their documented fields.
        """
        out: dict[str, object] = {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
            "file": self.span.file,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
        }
        if self.witness is not None:
            out["witness"] = json.loads(self.witness)
        return out


class GovrulesError(Exception):
    """The root of every error govrules raises; carries the diagnostics that caused it."""

    def __init__(self, diagnostics: Sequence[Diagnostic] | Diagnostic) -> None:
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
        first = self.diagnostics[0] if self.diagnostics else None
        summary = (
            f"{first.span.location()}: {first.severity.value}[{first.code}]: {first.message}"
            if first
            else "govrules error"
        )
        extra = len([d for d in self.diagnostics if d.is_error]) - 1
        if extra > 0:
            summary += f" (and {extra} more error{'s' if extra > 1 else ''})"
        super().__init__(summary)


class PolicyError(GovrulesError):
    """A policy file or folder could not be read, parsed or checked."""


class FactsError(GovrulesError):
    """A facts file could not be read or does not match the declared facts."""


_MAX_SNIPPET = 100


def _snippet(line_text: str, column: int, width: int) -> tuple[str, int, int]:
    """Cut a long line around ``column`` so that a 5 MB line still prints on one screen."""
    line_text = line_text.replace("\t", " ")
    if len(line_text) <= _MAX_SNIPPET:
        return line_text, column, width
    start = max(0, column - 1 - _MAX_SNIPPET // 2)
    piece = line_text[start : start + _MAX_SNIPPET]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + _MAX_SNIPPET < len(line_text) else ""
    new_col = column - start + len(prefix)
    return prefix + piece + suffix, new_col, min(width, _MAX_SNIPPET)


def _display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Thai combining marks take none."""
    import unicodedata

    return sum(0 if unicodedata.combining(ch) or unicodedata.category(ch) == "Mn" else 1
               for ch in text)


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with control characters written as escapes (``\\n``, ``\\x1b``), and the
    bidirectional overrides that reorder what a reader sees (``\\u202e``): text that comes
    from a facts file cannot start a line of a report, colour a terminal or disguise itself."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(lambda m: json.dumps(m.group())[1:-1].replace("\\u00", "\\x"),
                            text)


def render_diagnostic(diag: Diagnostic, source: str | None = None) -> str:
    """Render one diagnostic the way rustc and Cedar do.

    ``file:line:col: error[CODE]: message``, then the source line with a caret under the span,
    then ``help: hint`` and, for an analysis finding, ``witness: {...}``. ``source`` is the
    full text of the file the span points into.
    """
    head = (f"{diag.span.location()}: {diag.severity.value}[{diag.code}]: "
            f"{printable(diag.message)}")
    lines = [head]
    if source is not None and diag.span.line > 0:
        all_lines = source.split("\n")
        if diag.span.line <= len(all_lines):
            text = all_lines[diag.span.line - 1].rstrip("\r")
            if diag.span.end_line == diag.span.line and diag.span.end_column > diag.span.column:
                width = diag.span.end_column - diag.span.column
            else:
                width = max(1, len(text) - diag.span.column + 1)
            shown, col, width = _snippet(text, diag.span.column, width)
            gutter = " " * len(str(diag.span.line))
            pad = _display_width(shown[: max(0, col - 1)])
            caret_w = max(1, _display_width(shown[col - 1 : col - 1 + width]))
            lines.append(f"{gutter} |")
            lines.append(f"{diag.span.line} | {shown}")
            lines.append(f"{gutter} | {' ' * pad}{'^' * caret_w}")
    if diag.hint:
        lines.append(f"  = help: {printable(diag.hint)}")
    if diag.witness is not None:
        lines.append(f"  = witness: {diag.witness}")
    return "\n".join(lines)


def render_diagnostics(
    diagnostics: Iterable[Diagnostic], sources: dict[str, str] | None = None
) -> str:
    """Render several diagnostics separated by blank lines, using ``sources`` for snippets."""
    sources = sources or {}
    return "\n\n".join(render_diagnostic(d, sources.get(d.span.file)) for d in diagnostics)
