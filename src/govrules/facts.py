"""Reading facts files (YAML, JSON, TOML) and validating them against the declared facts.

A facts file says what is true of one agency. Each declared fact has a dotted name that is also
its key path: ``agency.kind`` is read from ``{"agency": {"kind": ...}}``. Loading is three steps:

1. *read*: check the suffix, the size and the encoding before anything is parsed;
2. *parse*: turn the text into plain Python data and note where each value sits in the file.
   The parsers are hardened: YAML aliases and tags are refused (no "billion laughs", nothing
   constructed but plain scalars), duplicate keys are errors, nesting is bounded before the
   standard parsers could recurse, and huge or non-finite numbers never reach ``int()``;
3. *check*: walk the data along the declared names, turn each value into the representation the
   evaluator relies on (see :func:`facts_from_mapping`) and collect every problem of the file.

Every problem is a :class:`~govrules.errors.Diagnostic`; when any is an error the loader raises
:class:`~govrules.errors.FactsError` with all of them. A fact that is absent or ``null`` is not a
problem: it is *missing*, and the evaluator treats it as unknown.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import decimal
import difflib
import enum
import hashlib
import json
import math
import os
import re
import stat
import tomllib
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Final, NoReturn, TypeAlias

import attrs
import yaml

from .dates import BE_LOOKING_YEAR, era_doubt, parse_date
from .errors import Diagnostic, FactsError, Severity, Span
from .facttypes import (
    EXACT,
    EnumType,
    FactDecl,
    ListType,
    PrimType,
    RecordType,
    SetType,
    Type,
)
from .source import normalize_name

try:  # libyaml's parser is much faster; the pure-Python one gives the same events
    from yaml import CSafeLoader as _YamlLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _YamlLoader  # type: ignore[assignment]

__all__ = [
    "MAX_DECIMAL_PLACES",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_MAGNITUDE",
    "MISSING",
    "SUFFIXES",
    "Facts",
    "MissingType",
    "canonical_json",
    "facts_from_mapping",
    "key_path",
    "load_facts",
]

MAX_FILE_BYTES: Final = 8 * 1024 * 1024
"""Largest facts file read. Real ones are a few kilobytes; the limit bounds time and memory
(tomllib and PyYAML's fallback parser are pure Python: 8 MiB take them several seconds)."""

MAX_DEPTH: Final = 64
"""Deepest nesting of mappings and lists accepted. Declared facts need fewer than ten levels."""

MAX_MAGNITUDE: Final = 10**18
"""Largest absolute value of an ``int`` or ``decimal`` fact (a sanity bound, not a Thai law)."""

SUFFIXES: Final = (".yaml", ".yml", ".json", ".toml")
"""File name suffixes :func:`load_facts` understands, in the order they are named to users."""

# How many value positions are remembered per file: a list of a million numbers should not cost
# a million Span objects. Positions past the cap are simply unknown ("where known").
_MAX_LOCATIONS: Final = 100_000
# Longest digit string turned into an int. Anything longer is out of range anyway, and Python
# refuses (or takes quadratic time) to convert very long digit strings.
_MAX_INT_TEXT: Final = 100
MAX_DECIMAL_PLACES: Final = 40
"""Digits after the decimal point a decimal fact may have (after trailing zeros are dropped)."""
_MAX_SHOWN: Final = 60
# A file with a million unknown keys or aliases should not make a million diagnostics.
_MAX_DIAGNOSTICS: Final = 100  # of each severity
_TOO_DEEP: Final = f"facts file is nested too deeply (more than {MAX_DEPTH} levels)"


class MissingType(enum.Enum):
    """The type of :data:`MISSING`. An enum, so that the sentinel is a true singleton."""

    MISSING = "MISSING"

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = MissingType.MISSING
"""What :meth:`Facts.get` returns for a fact the facts file does not supply (or sets to null)."""


# --------------------------------------------------------------------------------------------
# The loaded facts
# --------------------------------------------------------------------------------------------


def _freeze_values(values: Mapping[str, object]) -> Mapping[str, object]:
    """A read-only copy, so that a :class:`Facts` cannot change after its hash was taken."""
    return MappingProxyType(dict(values))


def _freeze_spans(spans: Mapping[str, Span]) -> Mapping[str, Span]:
    """A read-only copy of a location table."""
    return MappingProxyType(dict(spans))


@attrs.frozen
class Facts:
    """The validated facts of one facts file.

    ``values`` maps a declared fact name to its value: ``bool``, ``int``, ``decimal.Decimal``,
    ``str`` (text and enum values), ``datetime.date``, ``frozenset[str]`` (set of an enum) or a
    tuple of read-only mappings (list of records; a record's missing field is an absent key).
    A fact that was not supplied is absent. ``locations`` maps key paths such as
    ``agency.kind`` or ``agency.positions[0].start`` to the span of the value in the file, where
    known. ``sha256`` identifies the facts (not the file): see :meth:`to_canonical_json`.
    """

    source: str
    values: Mapping[str, object] = attrs.field(converter=_freeze_values)
    warnings: tuple[Diagnostic, ...] = ()
    sha256: str = attrs.field(init=False)
    locations: Mapping[str, Span] = attrs.field(factory=dict, converter=_freeze_spans)

    @sha256.default
    def _hash_values(self) -> str:
        return hashlib.sha256(self.to_canonical_json().encode("utf-8")).hexdigest()

    def get(self, name: str) -> object:
        """The value of fact ``name``, or :data:`MISSING` when it was not supplied."""
        return self.values.get(name, MISSING)

    def location(self, key_path: str) -> Span | None:
        """The span of the value at ``key_path``, else of its nearest enclosing value, else None.

        Falling back to the enclosing value matters for TOML inline tables and for lists of
        records, whose inner positions are not always known.
        """
        path = key_path
        while path:
            span = self.locations.get(path)
            if span is not None:
                return span
            path = _parent_path(path)
        return None

    def to_canonical_json(self) -> str:
        """The values as compact JSON with sorted keys, nested by key path.

        Dates are ISO strings, decimals ``str()`` strings, sets sorted lists and records
        objects, so the same facts written in YAML, JSON or TOML give the same text and hash.
        """
        return canonical_json(_nest(self.values))


def canonical_json(data: object) -> str:
    """Compact JSON with sorted keys: the text :meth:`Facts.to_canonical_json` hashes."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _nest(values: Mapping[str, object]) -> dict[str, object]:
    """Rebuild the nested mapping of a facts file from dotted fact names."""
    root: dict[str, object] = {}
    for name, value in values.items():
        *parents, last = name.split(".")
        node = root
        for part in parents:
            child = node.setdefault(part, {})
            assert isinstance(child, dict), f"fact `{name}` nests inside another fact"
            node = child
        node[last] = _canonical(value)
    return root


def _canonical(value: object) -> object:
    """A validated value as JSON-able data (see :meth:`Facts.to_canonical_json`)."""
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, tuple):
        return [_canonical(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _canonical(item) for key, item in value.items()}
    return value


_LAST_STEP = re.compile(r"(?:\.[^.\[\]]*|\[\d+\])$")


def _parent_path(path: str) -> str:
    """``a.b[2]`` -> ``a.b`` -> ``a`` -> ``""``."""
    match = _LAST_STEP.search(path)
    return path[: match.start()] if match else ""


def _join(parent: str, key: str) -> str:
    """The key path of ``key`` inside the value at ``parent``."""
    return f"{parent}.{key}" if parent else key


# --------------------------------------------------------------------------------------------
# Front doors
# --------------------------------------------------------------------------------------------


def load_facts(path: str | os.PathLike[str], decls: Mapping[str, FactDecl]) -> Facts:
    """Read the facts file at ``path`` and validate it against ``decls`` (name -> declaration).

    The format follows the suffix (``.yaml``/``.yml``, ``.json``, ``.toml``). Raises
    :class:`~govrules.errors.FactsError` with every problem found when any is an error; the
    warnings of a file that loads are in :attr:`Facts.warnings`.
    """
    file = os.fspath(path)
    out = _Collector(file)
    values: dict[str, object] = {}
    try:
        parse = _parser_for(file, out)
        text = _read_text(file, out)
        out.set_text(text)
        data = parse(text, out)
        values = _check(data, decls, out)
    except _Stop:
        pass  # the diagnostic that stopped reading is in `out`
    except RecursionError:
        # The parsers bound the nesting before they recurse; this is the last line of defence.
        out.add("E410", "facts file is nested too deeply", Span.whole_file(file))
    return _result(file, values, out)


def facts_from_mapping(
    data: Mapping[str, object], decls: Mapping[str, FactDecl], source: str = "<mapping>", *,
    value_spans: Mapping[str, Span] | None = None, key_spans: Mapping[str, Span] | None = None,
) -> Facts:
    """Validate already-parsed facts (nested mappings, as a facts file would give).

    Used by tests and by callers that hold facts in memory; ``source`` names them in
    diagnostics. Values are checked exactly as in :func:`load_facts`: ints must not be bools,
    decimals take ints, floats and numeric text, dates take ``datetime.date`` or
    ``YYYY-MM-DD [BE|CE]`` text, a set of an enum takes a list, a list of records takes a list
    of mappings, and ``None`` means missing.

    A caller that read the mapping from a file of its own (a test file's inline facts) can say
    where each value and key is written, by key path (:func:`key_path`): diagnostics then point
    there, and traces say where each fact was read, as for a facts file.
    """
    out = _Collector(source)
    out.value_spans.update(value_spans or {})
    out.key_spans.update(key_spans or {})
    values = _check(data, decls, out)
    return _result(source, values, out)


def key_path(parent: str, key: object) -> str:
    """The key path of ``key`` inside the value at key path ``parent`` (``""`` for the top),
    as diagnostics and traces name facts: ``agency.kind``; a key that is not text is written
    as YAML would (``true``, ``null``). List items are ``parent[index]``."""
    return _join(parent, _key_text(key))


def _result(source: str, values: dict[str, object], out: _Collector) -> Facts:
    """The loaded facts, or FactsError with all diagnostics (errors first) if any is an error."""
    diagnostics = out.diagnostics
    errors = _in_file_order(d for d in diagnostics if d.is_error)
    warnings = _in_file_order(d for d in diagnostics if not d.is_error)
    for note in out.summary():
        (errors if note.is_error else warnings).append(note)
    if errors:
        raise FactsError(errors + warnings)
    return Facts(source, values, tuple(warnings), out.value_spans)


def _in_file_order(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sort by position; diagnostics without one keep their order and come first."""
    return sorted(diagnostics, key=lambda d: (d.span.line, d.span.column))


# --------------------------------------------------------------------------------------------
# Collecting diagnostics and positions
# --------------------------------------------------------------------------------------------


class _Stop(Exception):
    """Raised after a diagnostic that makes reading the rest of the file pointless."""


class _Collector:
    """Diagnostics and source positions gathered while reading one facts file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.diagnostics: list[Diagnostic] = []
        self.value_spans: dict[str, Span] = {}
        self.key_spans: dict[str, Span] = {}
        self._line_starts: list[int] = []
        self._kept = {Severity.ERROR: 0, Severity.WARNING: 0}
        self._dropped = {Severity.ERROR: 0, Severity.WARNING: 0}

    def set_text(self, text: str) -> None:
        """Remember where the lines of ``text`` start, to turn offsets into lines and columns."""
        starts = [0]
        pos = text.find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
        self._line_starts = starts

    def span(self, start: int, end: int) -> Span:
        """The span of the characters ``start:end`` of the text."""
        if not self._line_starts:
            return Span.whole_file(self.file)
        line, column = self._line_column(start)
        end_line, end_column = self._line_column(end)
        return Span(self.file, line, column, end_line, end_column, start, end)

    def span_at(self, line: int, column: int) -> Span:
        """A one-character span at 1-based ``line`` and ``column``."""
        offset = 0
        if 0 < line <= len(self._line_starts):
            offset = self._line_starts[line - 1] + column - 1
        return Span(self.file, line, column, line, column + 1, offset, offset + 1)

    def _line_column(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def add(
        self,
        code: str,
        message: str,
        span: Span,
        hint: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        """Record a diagnostic (past the cap of its severity, only count it)."""
        if self.is_full(severity):
            self._dropped[severity] += 1
            return
        self._kept[severity] += 1
        self.diagnostics.append(Diagnostic(code, message, span, hint, severity))

    def is_full(self, severity: Severity) -> bool:
        """True when further diagnostics of ``severity`` are only counted."""
        return self._kept[severity] >= _MAX_DIAGNOSTICS

    def summary(self) -> list[Diagnostic]:
        """One diagnostic per severity that says how many more were left out."""
        return [
            Diagnostic(
                "E400" if severity is Severity.ERROR else "W400",
                f"{count} more {severity.value}{'s' if count > 1 else ''} not shown",
                Span.whole_file(self.file),
                severity=severity,
            )
            for severity, count in self._dropped.items()
            if count
        ]

    def warn(self, code: str, message: str, span: Span, hint: str | None = None) -> None:
        """Record a warning."""
        self.add(code, message, span, hint, Severity.WARNING)

    def stop(self, code: str, message: str, span: Span | None = None, hint: str | None = None
             ) -> NoReturn:
        """Record an error and stop reading the file."""
        self.add(code, message, span or Span.whole_file(self.file), hint)
        raise _Stop

    @property
    def locations_full(self) -> bool:
        """True once no more positions are remembered (callers then skip computing spans)."""
        return len(self.value_spans) >= _MAX_LOCATIONS

    def record(self, path: str, value: Span, key: Span | None = None) -> None:
        """Remember where the value (and key) at ``path`` is; the first place written wins."""
        if not path or len(self.value_spans) >= _MAX_LOCATIONS:
            return
        self.value_spans.setdefault(path, value)
        if key is not None:
            self.record_key(path, key)

    def record_key(self, path: str, key: Span) -> None:
        """Remember where the key of ``path`` is written (up to the same cap as values)."""
        if len(self.key_spans) < _MAX_LOCATIONS:
            self.key_spans.setdefault(path, key)

    def value_span(self, path: str) -> Span:
        """Where the value at ``path`` (or the nearest enclosing known value) is."""
        while path:
            span = self.value_spans.get(path)
            if span is not None:
                return span
            path = _parent_path(path)
        return Span.whole_file(self.file)

    def key_span(self, path: str) -> Span:
        """Where the key of ``path`` is written, falling back to its value."""
        return self.key_spans.get(path) or self.value_span(path)

    def path_at(self, offset: int) -> str | None:
        """The innermost recorded key path whose value contains character ``offset``."""
        best: tuple[int, str] | None = None
        for path, span in self.value_spans.items():
            size = span.end - span.start
            if span.start <= offset < span.end and (best is None or size < best[0]):
                best = (size, path)
        return best[1] if best else None


# --------------------------------------------------------------------------------------------
# Reading bytes
# --------------------------------------------------------------------------------------------


def _parser_for(file: str, out: _Collector) -> _Parser:
    """The parser for the file's suffix (E401 for any other suffix)."""
    suffix = os.path.splitext(file)[1].lower()
    parser = _PARSERS.get(suffix)
    if parser is None:
        shown = f"`{suffix}`" if suffix else "no suffix"
        out.stop(
            "E401",
            f"unsupported facts file suffix: {shown}",
            hint="facts files end in " + ", ".join(f"`{s}`" for s in SUFFIXES),
        )
    return parser


def _read_text(file: str, out: _Collector) -> str:
    """The text of the file, checked for size and encoding before any parsing."""
    _check_file_kind(file, out)
    try:
        with open(file, "rb") as stream:
            # Read one byte past the limit: the size from stat can lie (files in /proc, files
            # still being written), the read cannot.
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        out.stop("E402", f"cannot read facts file `{file}`: {_reason(exc)}")
    if len(data) > MAX_FILE_BYTES:
        out.stop("E403", _too_large(file))
    return _decode(data, out)


def _check_file_kind(file: str, out: _Collector) -> None:
    """Refuse missing files, directories, devices and FIFOs (opening a FIFO would block)."""
    try:
        info = os.stat(file)
    except FileNotFoundError:
        out.stop("E402", f"facts file `{file}` does not exist")
    except OSError as exc:
        out.stop("E402", f"cannot read facts file `{file}`: {_reason(exc)}")
    if stat.S_ISDIR(info.st_mode):
        out.stop("E402", f"facts file `{file}` is a directory", hint="name a file inside it")
    if not stat.S_ISREG(info.st_mode):
        out.stop("E402", f"facts file `{file}` is not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        out.stop("E403", _too_large(file))


def _reason(exc: OSError) -> str:
    """``Permission denied`` -> ``permission denied``: messages are lowercase."""
    text = exc.strerror or type(exc).__name__
    return text[:1].lower() + text[1:]


def _too_large(file: str) -> str:
    return f"facts file `{file}` is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB"


_BOM: Final = b"\xef\xbb\xbf"


def _decode(data: bytes, out: _Collector) -> str:
    """Decode UTF-8 (a BOM is allowed and dropped); refuse NUL bytes and empty files."""
    nul = data.find(b"\x00")
    if nul >= 0:
        utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
        out.stop(
            "E404",
            f"facts file contains a NUL byte at offset {nul}",
            _byte_span(data, nul, out.file),
            "the file looks like UTF-16; save it as UTF-8" if utf16 else
            "facts files are text; is this a binary file?",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        out.stop(
            "E404",
            f"facts file is not valid UTF-8: byte `0x{data[exc.start]:02x}` at offset {exc.start}",
            _byte_span(data, exc.start, out.file),
            "save the file as UTF-8 (Thai text saved as TIS-620 or Windows-874 is a common cause)",
        )
    text = text.removeprefix("\ufeff")
    if not text.strip():
        out.stop("E405", "facts file is empty",
                 hint="an empty facts file is almost always a mistake")
    return text


def _byte_span(data: bytes, offset: int, file: str) -> Span:
    """The line and column of byte ``offset`` of undecodable ``data``."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    before = data[line_start:offset]
    if line_start == 0:
        before = before.removeprefix(_BOM)
    line = data.count(b"\n", 0, offset) + 1
    column = len(before.decode("utf-8", "replace")) + 1
    return Span(file, line, column, line, column + 1)


# --------------------------------------------------------------------------------------------
# Numbers shared by the parsers
# --------------------------------------------------------------------------------------------


@attrs.frozen
class _OutOfRange:
    """A number too large to hold (the checker reports it where a number is expected)."""

    text: str
    is_float: bool = False


class _Invalid(enum.Enum):
    """A value that was already reported as an error while parsing (an alias, a bad tag)."""

    INVALID = "INVALID"


_INVALID: Final = _Invalid.INVALID


def ambiguous_number(text: str, value: object) -> tuple[str, str]:
    """The message and hint of ``E417`` for a plain YAML scalar ``text`` that YAML 1.1 reads
    as the number ``value`` though it looks like another (see :data:`YAML11_NUMBER`)."""
    if ":" in text:
        return (f"ambiguous number `{text}`: YAML 1.1 reads it as {value} (base 60)",
                f"quote it (`\"{text}\"`) if it is a text such as a time, or write the number "
                "itself")
    digits = text.lstrip("+-").lstrip("0_") or "0"
    return (f"ambiguous number `{text}`: YAML 1.1 reads it as {value} (octal)",
            f"write `{digits}` for the decimal number, or quote it (`\"{text}\"`) if it is a "
            "text such as a code")

YAML11_BOOL: Final = frozenset({"yes", "no", "on", "off"})
"""Plain words YAML 1.1 (PyYAML) reads as booleans and YAML 1.2 reads as texts (lower-cased)."""


def ambiguous_bool(text: str, value: bool) -> tuple[str, str]:
    """The message and hint of ``E417`` for a plain ``yes``, ``no``, ``on`` or ``off``."""
    word = "true" if value else "false"
    return (f"ambiguous boolean `{text}`: YAML 1.1 reads it as {word}, YAML 1.2 as a text",
            f"write `{word}`, or quote it (`\"{text}\"`) if it is a text")


# What YAML 1.1 (PyYAML) reads as a number that is not the decimal it looks like: a leading zero
# (octal, `010` is 8) or colons (base 60, `1:30` is 90). Hex (`0x10`), binary (`0b10`) and
# underscores (`1_000`) say what they are and are kept.
YAML11_NUMBER: Final = re.compile(
    r"[-+]?(?:0[0-7_]+$|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$)")

# `nan`, `inf` and `Infinity` as JSON, YAML (`.nan`, `.inf`), TOML and decimal text write them.
_NONFINITE_TEXT = re.compile(r"[+-]?\.?(?:s?nan|inf(?:inity)?)", re.IGNORECASE)


def _parse_int(text: str) -> object:
    """JSON integers: refuse long digit strings before ``int()`` sees them."""
    return _OutOfRange(text) if len(text) > _MAX_INT_TEXT else int(text)


class _Float(float):
    """A float read from a file, with the literal it was written as: a decimal fact is made
    from the literal, exactly (``1000.5000000000000000001`` is not the float ``1000.5``)."""

    __slots__ = ("text",)
    text: str

    def __new__(cls, value: float, text: str) -> _Float:
        made = super().__new__(cls, value)
        made.text = text
        return made


def _parse_float(text: str) -> object:
    """JSON and TOML floats: a finite literal that overflows (``1e999``) is out of range."""
    value = float(text)
    if math.isfinite(value):
        return _Float(value, text)
    if _NONFINITE_TEXT.fullmatch(text):
        return value  # nan and inf are reported by the checker where a number is expected
    return _OutOfRange(text, is_float=True)


# --------------------------------------------------------------------------------------------
# YAML
# --------------------------------------------------------------------------------------------

_YAML_TAG: Final = "tag:yaml.org,2002:"
_STR_TAG: Final = _YAML_TAG + "str"
_SCALAR_TAGS: Final = frozenset(
    _YAML_TAG + name for name in ("null", "bool", "int", "float", "str", "timestamp")
)
_COLLECTION_TAGS: Final = frozenset({_YAML_TAG + "map", _YAML_TAG + "seq"})


class _NoKey(enum.Enum):
    NO_KEY = "NO_KEY"


_NO_KEY: Final = _NoKey.NO_KEY


@attrs.define
class _Frame:
    """A YAML mapping or sequence being built from parser events."""

    path: str
    start: Span
    container: dict[object, object] | list[object]
    invalid: bool = False  # the collection has a forbidden tag: drop it when complete
    key: object = _NO_KEY  # the key whose value comes next (mappings only)
    skip_value: bool = False  # the key was a duplicate: the value is read but not stored
    seen: dict[object, Span] = attrs.Factory(dict)


class _YamlReader:
    """Builds plain data from the YAML event stream, without PyYAML's composer.

    Working on events rather than nodes means: no recursion (the nesting is bounded here), no
    alias is ever expanded (the first anchor or alias is an error), no tag other than the plain
    scalar ones reaches a constructor, and duplicate keys are seen with their positions.
    """

    def __init__(self, text: str, out: _Collector) -> None:
        self._loader = _YamlLoader(text)
        self._text = text
        self._out = out
        self._stack: list[_Frame] = []
        self._root: object = None
        self._documents = 0

    def read(self) -> object:
        """The data of the single document, or None when the stream holds none."""
        try:
            self._read_events()
        except yaml.MarkedYAMLError as exc:
            self._syntax_error(exc)
        except yaml.YAMLError as exc:
            self._out.stop("E406", f"invalid YAML: {exc}")
        finally:
            self._loader.dispose()
        return self._root

    def _syntax_error(self, exc: yaml.MarkedYAMLError) -> NoReturn:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "syntax error"
        span = self._out.span_at(mark.line + 1, mark.column + 1) if mark else None
        if "maximum nesting depth" in problem:
            # libyaml 0.2.5 and later stop at 1,000 levels, and its scanner can get there before
            # the parser has handed us level MAX_DEPTH: the same finding as our own limit.
            self._out.stop("E410", _TOO_DEEP, span)
        context = exc.context if exc.problem else None
        if "tab character" in problem or (  # libyaml says either, depending on where
                mark is not None and self._text[mark.index:mark.index + 1] == "\t"):
            context = "YAML does not allow tabs for indentation: indent with spaces"
        self._out.stop("E406", f"invalid YAML: {problem}", span, context)

    def _read_events(self) -> None:
        while True:
            event = self._loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return
            if isinstance(event, yaml.DocumentStartEvent):
                self._document(event)
            elif isinstance(event, yaml.AliasEvent):
                self._forbid_anchor(event)
            elif isinstance(event, yaml.ScalarEvent):
                self._scalar(event)
            elif isinstance(event, yaml.CollectionStartEvent):
                self._open(event)
            elif isinstance(event, yaml.CollectionEndEvent):
                self._close(event)

    def _span(self, event: yaml.Event) -> Span:
        start, end = event.start_mark, event.end_mark
        if start is None or end is None:
            return Span.whole_file(self._out.file)
        # Marks are 0-based; libyaml and PyYAML both count characters, as Span does.
        return self._out.span(start.index, end.index)

    def _document(self, event: yaml.DocumentStartEvent) -> None:
        self._documents += 1
        if self._documents > 1:
            self._out.stop(
                "E406",
                "facts file holds more than one YAML document",
                self._span(event),
                "a facts file is one mapping; remove the second `---`",
            )

    def _forbid_anchor(self, event: yaml.NodeEvent) -> None:
        """Any alias is an error: expanding them is how "billion laughs" files explode."""
        what = "aliases" if isinstance(event, yaml.AliasEvent) else "anchors"
        self._out.add(
            "E407",
            f"{what} (`{'*' if what == 'aliases' else '&'}{event.anchor}`) "
            "are not allowed in facts files",
            self._span(event),
            "write the value out in full where it is needed",
        )
        if isinstance(event, yaml.AliasEvent):
            self._value(_INVALID, event)

    def _forbid_tag(self, tag: str, event: yaml.Event) -> None:
        shown = "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag
        self._out.add(
            "E408",
            f"tag `{shown}` is not allowed in facts files",
            self._span(event),
            "facts files hold plain values only; remove the tag",
        )

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        if event.anchor is not None:
            self._forbid_anchor(event)
        tag = event.tag
        if tag is None or tag == "!":
            # (PyYAML's stubs leave Resolver.resolve untyped; it returns the tag as text)
            resolved: str = self._loader.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, event.value, event.implicit
            )
            tag = resolved
            # YAML 1.1's implicit `<<` (merge) and `=` (value) have no meaning here: plain text
            tag = tag if tag in _SCALAR_TAGS else _STR_TAG
        if tag in _SCALAR_TAGS:
            value = self._construct(tag, event)
            if tag in (_YAML_TAG + "int", _YAML_TAG + "float") and YAML11_NUMBER.match(
                    event.value) and not isinstance(value, _OutOfRange):
                value = self._ambiguous_number(event, value)
            elif isinstance(value, bool) and event.tag is None \
                    and event.value.lower() in YAML11_BOOL:
                message, hint = ambiguous_bool(event.value, value)
                self._out.add("E417", message, self._span(event), hint)
                value = _INVALID
        else:
            self._forbid_tag(tag, event)
            value = _INVALID
        self._value(value, event)

    def _ambiguous_number(self, event: yaml.ScalarEvent, value: object) -> object:
        """``010`` and ``1:30`` are numbers only in YAML 1.1, and not the ones they look like
        (8, octal; 90, base 60): refuse them rather than read a value nobody wrote."""
        message, hint = ambiguous_number(event.value, value)
        self._out.add("E417", message, self._span(event), hint)
        return _INVALID

    def _construct(self, tag: str, event: yaml.ScalarEvent) -> object:
        """Build a plain scalar with SafeLoader's own constructors, guarding the numbers."""
        text = event.value
        if tag == _YAML_TAG + "int" and len(text) > _MAX_INT_TEXT:
            return _OutOfRange(text)
        node = yaml.ScalarNode(tag, text, style=event.style)
        try:
            value: object = self._loader.yaml_constructors[tag](self._loader, node)
        except (ValueError, KeyError, IndexError, AttributeError, TypeError) as exc:
            if event.tag not in (None, "!"):  # `!!bool maybe`: the tag promised what is not
                shown = "!!" + tag.removeprefix(_YAML_TAG)
                self._out.add("E408", f"invalid `{shown}` value {_show_text(text)}",
                              self._span(event),
                              "facts files hold plain values only; remove the tag")
                return _INVALID
            if not isinstance(exc, ValueError):  # pragma: no cover - plain scalars resolve
                raise
            # 2018-02-30 looks like a date but is none, `0x_` a number: keep the text, the
            # checker explains it; only digits Python refuses to convert are out of range
            digits = text.lstrip("+-").replace("_", "")
            too_long = tag == _YAML_TAG + "int" and digits.isdigit()
            return _OutOfRange(text) if too_long else text
        if isinstance(value, float) and math.isinf(value) and not _NONFINITE_TEXT.fullmatch(text):
            # 1.0e+999 overflows to inf; a written `.inf` is reported as not finite instead
            return _OutOfRange(text, is_float=True)
        if isinstance(value, float) and math.isfinite(value):
            return _Float(value, text)
        return value

    def _open(self, event: yaml.CollectionStartEvent) -> None:
        if event.anchor is not None:
            self._forbid_anchor(event)
        invalid = event.tag is not None and event.tag not in _COLLECTION_TAGS
        if invalid and event.tag is not None:
            self._forbid_tag(event.tag, event)
        span = self._span(event)
        if self._expecting_key():
            self._out.stop("E406", "a mapping key must be a plain value, not a list or mapping",
                           span)
        if len(self._stack) >= MAX_DEPTH:
            self._out.stop("E410", _TOO_DEEP, span)
        container: dict[object, object] | list[object] = (
            {} if isinstance(event, yaml.MappingStartEvent) else []
        )
        self._stack.append(_Frame(self._child_path(), span, container, invalid))

    def _close(self, event: yaml.CollectionEndEvent) -> None:
        frame = self._stack.pop()
        if not self._out.locations_full:
            end = self._span(event)
            span = self._out.span(frame.start.start, end.end) if end.line else frame.start
            self._out.record(frame.path, span, self._key_span_of(frame.path))
        self._attach(_INVALID if frame.invalid else frame.container)

    def _expecting_key(self) -> bool:
        return bool(self._stack) and isinstance(self._stack[-1].container, dict) and (
            self._stack[-1].key is _NO_KEY
        )

    def _child_path(self) -> str:
        """The key path of the value that starts now."""
        if not self._stack:
            return ""
        frame = self._stack[-1]
        if isinstance(frame.container, list):
            return f"{frame.path}[{len(frame.container)}]"
        return _join(frame.path, _key_text(frame.key))

    def _key_span_of(self, path: str) -> Span | None:
        return self._out.key_spans.get(path)

    def _value(self, value: object, event: yaml.Event) -> None:
        """A scalar (or alias) arrived: it is either a mapping key or a value."""
        if self._expecting_key():
            self._key(value, self._span(event))
            return
        if not self._out.locations_full:  # (spans cost time: only make those we keep)
            self._out.record(self._child_path(), self._span(event))
        self._attach(value)

    def _key(self, key: object, span: Span) -> None:
        frame = self._stack[-1]
        frame.key = key
        path = _join(frame.path, _key_text(key))
        first = frame.seen.get(key) if key is not _INVALID else None
        frame.skip_value = first is not None
        if first is not None:
            self._out.add(
                "E409",
                f"duplicate key `{path}`",
                span,
                f"it was first written on line {first.line}; say each fact once",
            )
        else:
            frame.seen[key] = span
            self._out.record_key(path, span)

    def _attach(self, value: object) -> None:
        """Put a complete value into its parent (or make it the document)."""
        if not self._stack:
            self._root = value
            return
        frame = self._stack[-1]
        if isinstance(frame.container, list):
            frame.container.append(value)
            return
        if not frame.skip_value:
            frame.container[frame.key] = value
        frame.key = _NO_KEY
        frame.skip_value = False


def _key_text(key: object) -> str:
    """A mapping key as it appears in a key path (YAML keys need not be text)."""
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    if key is _INVALID:
        return "?"
    return str(key)


def _parse_yaml(text: str, out: _Collector) -> object:
    """Parse a YAML facts file (one document, plain values only)."""
    data = _YamlReader(text, out).read()
    if data is None:
        out.stop("E405", "facts file is empty", hint="the file holds only comments or `null`")
    return data


# --------------------------------------------------------------------------------------------
# JSON
# --------------------------------------------------------------------------------------------

_JSON_TOKEN = re.compile(
    r'[ \t\r\n]*(?:("[^"\\]*(?:\\.[^"\\]*)*")|([{}\[\]:,])|([^ \t\r\n{}\[\]:,"]+))', re.DOTALL
)


@attrs.define
class _ScanFrame:
    """An object or array met by the JSON and TOML position scanners."""

    path: str
    start: int
    is_object: bool
    index: int = 0
    key: str | None = None
    seen: dict[str, Span] = attrs.Factory(dict)

    def next_path(self) -> str:
        """The key path of the next value in this object or array."""
        if self.is_object:
            return _join(self.path, self.key if self.key is not None else "?")
        self.index += 1
        return f"{self.path}[{self.index - 1}]"


def _parse_json(text: str, out: _Collector) -> object:
    """Parse a JSON facts file; positions and duplicate keys come from a separate scan."""
    _scan_json(text, out)
    try:
        return json.loads(
            text,
            object_pairs_hook=_first_key_wins,
            parse_int=_parse_int,
            parse_float=_parse_float,
        )
    except json.JSONDecodeError as exc:
        message = exc.msg[:1].lower() + exc.msg[1:]
        out.stop("E406", f"invalid JSON: {message}", out.span_at(exc.lineno, exc.colno))


def _first_key_wins(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """Build an object; a repeated key was already reported by the scan, as an error."""
    result: dict[str, object] = {}
    for key, value in pairs:
        result.setdefault(key, value)
    return result


def _scan_json(text: str, out: _Collector) -> None:
    """Note value positions and duplicate keys, and bound the nesting, without recursion.

    ``json.loads`` recurses once per level and gives no positions; this scan runs first. It
    stops quietly at the first thing that is not JSON: ``json.loads`` then reports it.
    """
    stack: list[_ScanFrame] = []
    pos = 0
    while (match := _JSON_TOKEN.match(text, pos)) is not None:
        pos = match.end()
        string, punct, _atom = match.groups()
        start = match.start(match.lastindex or 0)
        top = stack[-1] if stack else None
        if punct in ("{", "["):
            if len(stack) >= MAX_DEPTH:
                out.stop("E410", _TOO_DEEP, out.span(start, pos))
            path = top.next_path() if top else ""
            stack.append(_ScanFrame(path, start, punct == "{"))
        elif punct in ("}", "]"):
            if top is None:
                return
            stack.pop()
            if not out.locations_full:
                out.record(top.path, out.span(top.start, pos))
        elif punct == ",":
            if top is not None and top.is_object:
                top.key = None
        elif string is not None and top is not None and top.is_object and top.key is None:
            _scan_key(top, string, out.span(start, pos), out)
        elif punct is None and top is not None and not out.locations_full:
            out.record(top.next_path(), out.span(start, pos))


def _scan_key(frame: _ScanFrame, token: str, span: Span, out: _Collector) -> None:
    try:
        key = json.loads(token)
    except ValueError:
        key = token[1:-1]
    frame.key = key
    path = _join(frame.path, key)
    first = frame.seen.get(key)
    if first is not None:
        out.add("E409", f"duplicate key `{path}`", span,
                f"it was first written on line {first.line}; say each fact once")
        return
    frame.seen[key] = span
    out.record_key(path, span)


# --------------------------------------------------------------------------------------------
# TOML
# --------------------------------------------------------------------------------------------

_TOML_ERROR_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_DUPLICATE = re.compile(r"^Cannot (?:overwrite a value|declare .* twice|mutate)")
_LONG_DIGITS = re.compile(r"[0-9][0-9_]{4300,}")


def _parse_toml(text: str, out: _Collector) -> object:
    """Parse a TOML facts file; positions come from a separate, best-effort scan."""
    scanner = _TomlScanner(text, out)
    scanner.run()
    try:
        return tomllib.loads(text, parse_float=_parse_float)
    except tomllib.TOMLDecodeError as exc:
        _toml_error(str(exc), scanner, out)
    except ValueError:
        # tomllib gives digit strings straight to int(), which refuses more than 4300 digits
        _huge_toml_int(text, out)


def _toml_error(message: str, scanner: _TomlScanner, out: _Collector) -> NoReturn:
    match = _TOML_ERROR_AT.search(message)
    span = out.span_at(int(match[1]), int(match[2])) if match else None
    reason = message[: match.start()] if match else message
    if _TOML_DUPLICATE.match(reason) and span is not None:
        for path, first, second in scanner.duplicates:
            if second.line == span.line:
                out.stop("E409", f"duplicate key `{path}`", second,
                         f"it was first written on line {first.line}; say each fact once")
        out.stop("E409", f"duplicate key: {reason[:1].lower() + reason[1:]}", span)
    out.stop("E406", f"invalid TOML: {reason[:1].lower() + reason[1:]}", span)


def _huge_toml_int(text: str, out: _Collector) -> NoReturn:
    match = _LONG_DIGITS.search(text)
    span = out.span(match.start(), match.end()) if match else None
    path = out.path_at(match.start()) if match else None
    where = f" at `{path}`" if path else ""
    out.stop("E414", f"integer out of range{where}: a number has more than 4300 digits", span,
             f"numbers must lie within ±{MAX_MAGNITUDE:,}")


# An unterminated string still makes one token (to the end of its line, or of the text for a
# multi-line one): otherwise the scan would restart inside it at every quote, in quadratic time.
_TOML_TOKEN = re.compile(
    r"""(?P<nl>\n)|(?P<space>[ \t\r]+)|(?P<comment>\#[^\n]*)
    |(?P<string>"{3}(?:[^"\\]|\\[\s\S]|"(?!""))*(?:"{3,5}|\\?\Z)
              |'{3}(?:[^']|'(?!''))*(?:'{3,5}|\Z)
              |"(?:[^"\\\n]|\\.)*(?:"|\\?(?=\n)|\\?\Z)
              |'[^'\n]*(?:'|(?=\n)|\Z))
    |(?P<punct>[\[\]{}=,.])
    |(?P<word>[^\s\[\]{}=,.\#"']+)""",
    re.VERBOSE,
)


class _TomlScanner:
    """Finds where TOML values are, for locations and for the spans of diagnostics.

    tomllib gives no positions, so this walks the tokens: table headers, ``key = value`` lines,
    inline tables and arrays. It is best effort: it never fails, it only knows fewer places when
    the text is odd. It also bounds the nesting before tomllib (which recurses) sees it.
    """

    def __init__(self, text: str, out: _Collector) -> None:
        self._tokens: Iterator[re.Match[str]] = _TOML_TOKEN.finditer(text)
        self._back: list[re.Match[str]] = []
        self._out = out
        self._table = ""
        self._array_tables: dict[str, int] = {}
        self._seen: dict[str, Span] = {}
        self.duplicates: list[tuple[str, Span, Span]] = []

    def run(self) -> None:
        """Scan the whole text."""
        while (token := self._next(skip_lines=True)) is not None:
            if token.group() == "[":
                self._header(token)
            else:
                self._key_value(token, self._table, 0, frozenset())

    def _next(self, skip_lines: bool = False) -> re.Match[str] | None:
        """The next token that is not blank (nor a line break or comment, if asked)."""
        skipped = {"space", "nl", "comment"} if skip_lines else {"space"}
        while True:
            token = self._back.pop() if self._back else next(self._tokens, None)
            if token is None or token.lastgroup not in skipped:
                return token

    def _key(self, first: re.Match[str]) -> tuple[list[str], int, int]:
        """A dotted key starting at ``first``: its parts and where it starts and ends."""
        parts, end = [_toml_key(first.group())], first.end()
        while (dot := self._next()) is not None and dot.group() == ".":
            part = self._next()
            if part is None:
                break
            parts.append(_toml_key(part.group()))
            end = part.end()
            if len(parts) > MAX_DEPTH:  # `a.a.a...` nests as deeply as `{a = {a = ...}}`
                self._out.stop("E410", _TOO_DEEP, self._out.span(part.start(), part.end()))
        if dot is not None and dot.group() != ".":
            self._back.append(dot)
        return parts, first.start(), end

    def _header(self, bracket: re.Match[str]) -> None:
        second = self._next()
        if second is None:
            return
        is_array = second.group() == "[" and second.start() == bracket.end()
        first = self._next() if is_array else second
        if first is None:
            return
        parts, _, end = self._key(first)
        self._table = self._table_path(parts, is_array)
        span = self._out.span(bracket.start(), end + (2 if is_array else 1))
        self._out.record(self._table, span, span)
        if is_array:  # the whole array is where its first element is
            self._out.record(_parent_path(self._table), span)
        else:
            self._note_once(self._table, span)

    def _table_path(self, parts: list[str], is_array: bool) -> str:
        """``[[a.b]]`` -> ``a.b[N]``; keys under an earlier ``[[a]]`` go to its last element."""
        path = ""
        for part in parts[:-1]:
            path = _join(path, part)
            if path in self._array_tables:
                path += f"[{self._array_tables[path] - 1}]"
        path = _join(path, parts[-1])
        if is_array:
            self._array_tables[path] = self._array_tables.get(path, 0) + 1
            path += f"[{self._array_tables[path] - 1}]"
        return path

    def _note_once(self, path: str, span: Span) -> None:
        first = self._seen.setdefault(path, span)
        if first is not span:
            self.duplicates.append((path, first, span))

    def _key_value(self, first: re.Match[str], base: str, depth: int,
                   ends: frozenset[str]) -> None:
        parts, start, end = self._key(first)
        equals = self._next()
        if equals is None or equals.group() != "=":
            return  # not TOML: tomllib will say so
        path = base
        for part in parts:
            path = _join(path, part)
        key_span = self._out.span(start, end)
        self._note_once(path, key_span)
        self._value(path, key_span, depth, ends)

    def _value(self, path: str, key_span: Span | None, depth: int, ends: frozenset[str]) -> None:
        token = self._next()
        if token is None:
            return
        if token.group() in ("[", "{"):
            if depth >= MAX_DEPTH:
                self._out.stop("E410", _TOO_DEEP, self._out.span(token.start(), token.end()))
            is_array = token.group() == "["
            end = self._array(path, depth) if is_array else self._inline_table(path, depth)
        else:
            end = self._scalar_end(token, ends)
        if not self._out.locations_full:
            self._out.record(path, self._out.span(token.start(), end), key_span)

    def _array(self, path: str, depth: int) -> int:
        index = 0
        while (token := self._next(skip_lines=True)) is not None:
            if token.group() == "]":
                return token.end()
            if token.group() != ",":
                self._back.append(token)
                self._value(f"{path}[{index}]", None, depth + 1, frozenset({",", "]"}))
                index += 1
        return 0

    def _inline_table(self, path: str, depth: int) -> int:
        while (token := self._next(skip_lines=True)) is not None:
            if token.group() == "}":
                return token.end()
            if token.group() != ",":
                self._key_value(token, path, depth + 1, frozenset({",", "}"}))
        return 0

    def _scalar_end(self, first: re.Match[str], ends: frozenset[str]) -> int:
        """Where a scalar ends: it runs to the line's end (a date-time has a space in it)."""
        end = first.end()
        while (token := self._next()) is not None:
            if token.lastgroup in ("nl", "comment") or token.group() in ends:
                self._back.append(token)
                break
            end = token.end()
        return end


def _toml_key(text: str) -> str:
    """A bare, basic-quoted or literal-quoted TOML key as text."""
    if text.startswith('"'):
        try:
            key = json.loads(text)
        except ValueError:
            return text[1:-1]
        return key if isinstance(key, str) else text
    if text.startswith("'"):
        return text[1:-1]
    return text


_Parser: TypeAlias = Callable[[str, _Collector], object]
_PARSERS: Final[dict[str, _Parser]] = {
    ".yaml": _parse_yaml,
    ".yml": _parse_yaml,
    ".json": _parse_json,
    ".toml": _parse_toml,
}


# --------------------------------------------------------------------------------------------
# Checking the data against the declarations
# --------------------------------------------------------------------------------------------


@attrs.define
class _DeclNode:
    """A step of the declared key paths: the fact declared here, and the steps below it."""

    decl: FactDecl | None = None
    children: dict[str, _DeclNode] = attrs.Factory(dict)

    def fact_names(self) -> list[str]:
        """The names of the facts at and below this step, sorted."""
        names = [self.decl.name] if self.decl else []
        for child in self.children.values():
            names.extend(child.fact_names())
        return sorted(names)


def _decl_tree(decls: Iterable[FactDecl]) -> _DeclNode:
    root = _DeclNode()
    for decl in decls:
        node = root
        for part in decl.path:
            node = node.children.setdefault(part, _DeclNode())
        node.decl = decl
    return root


def _check(data: object, decls: Mapping[str, FactDecl], out: _Collector) -> dict[str, object]:
    """Validate ``data`` against ``decls``; the values that passed, by fact name."""
    checker = _Checker(decls, out)
    if data is _INVALID:
        return {}  # a top-level alias or tag, already reported
    if not isinstance(data, Mapping):
        out.add("E411", f"expected a mapping at the top level of the facts file, found "
                f"{_describe(data)}", Span.whole_file(out.file),
                "a facts file maps names such as `agency` to values")
        return {}
    checker.mapping(data, checker.root, "")
    return checker.values


class _Checker:
    """Walks parsed data along the declared key paths, validating and converting values."""

    def __init__(self, decls: Mapping[str, FactDecl], out: _Collector) -> None:
        self.root = _decl_tree(decls.values())
        self.values: dict[str, object] = {}
        self._out = out

    # -- diagnostics ------------------------------------------------------------------------

    def _error(self, code: str, message: str, path: str, hint: str | None = None) -> MissingType:
        self._out.add(code, message, self._out.value_span(path), hint)
        return MISSING

    def _mismatch(self, expected: str, value: object, path: str, hint: str | None = None
                  ) -> MissingType:
        return self._error("E412", f"expected {expected} at `{path}`, found {_describe(value)}",
                           path, hint)

    def _same_key(self, seen: dict[str, str], key: str, path: str) -> bool:
        """True, after an error, when ``key`` is a key already given in this mapping in another
        Unicode form (``ｋｉｎｄ`` and ``kind``, ``ำ`` typed two ways): both name one fact, and
        reading either would silently drop the other."""
        name = normalize_name(key)
        first = seen.setdefault(name, key)
        if first == key:
            return False
        span = self._out.key_span(path)
        self._out.add("E409", f"duplicate key `{path}`: `{key}` and `{first}` are one name",
                      span, "keys are compared as names are, after Unicode normalisation (NFKC); "
                      "say each fact once")
        return True

    def _undeclared(self, path: str, key: object, candidates: Collection[str], parent: str,
                    what: str = "key") -> None:
        hint = None
        if self._out.is_full(Severity.WARNING):
            pass  # only counted: skip the costly fuzzy matching
        elif isinstance(key, str) and "." in key and key.split(".")[0] in candidates:
            # `agency.kind: x` in YAML: the user wrote the fact name instead of nesting
            first, rest = key.split(".", 1)
            hint = (f"a dotted name is a path of nested mappings: write `{rest}` inside a "
                    f"mapping under `{_join(parent, first)}`")
        elif isinstance(key, str):
            close = difflib.get_close_matches(key, list(candidates), n=1)
            if close:
                hint = f"did you mean `{_join(parent, close[0])}`?"
        self._out.warn("W401", f"undeclared {what} `{path}` is ignored", self._out.key_span(path),
                       hint)

    # -- structure --------------------------------------------------------------------------

    def mapping(self, data: Mapping[object, object], node: _DeclNode, path: str) -> None:
        """Check the entries of a mapping at ``path`` whose declared steps are ``node``."""
        seen: dict[str, str] = {}
        for key, value in data.items():
            if key is _INVALID:
                continue  # an alias or a bad tag, already reported
            key_path = _join(path, _key_text(key))
            # keys name declared facts: normalised as the policy's names are (Thai SARA AM)
            if isinstance(key, str) and self._same_key(seen, key, key_path):
                continue
            child = node.children.get(normalize_name(key)) if isinstance(key, str) else None
            if child is None:
                self._undeclared(key_path, key, node.children, path)
            elif value is None or value is _INVALID:
                continue  # null means missing; invalid was reported
            elif child.decl is not None:
                self._fact(child.decl, value, key_path)
            elif isinstance(value, Mapping):
                self.mapping(value, child, key_path)
            else:
                names = ", ".join(f"`{n}`" for n in child.fact_names()[:5])
                self._error("E411", f"expected a mapping at `{key_path}`, found {_describe(value)}",
                            key_path, f"`{key_path}` holds the facts {names}")

    def _fact(self, decl: FactDecl, value: object, path: str) -> None:
        result = self._value(value, decl.type, path)
        if result is not MISSING:
            self.values[decl.name] = result

    def _value(self, value: object, typ: Type, path: str) -> object:
        """The validated value, or MISSING (after a diagnostic, or for a null element)."""
        if value is _INVALID:
            return MISSING
        if isinstance(typ, PrimType):
            return self._primitive(value, typ, path)
        if isinstance(typ, EnumType):
            return self._enum(value, typ, path)
        if isinstance(typ, SetType):
            return self._set(value, typ, path)
        if isinstance(typ, ListType):
            return self._list(value, typ, path)
        return self._record(value, typ, path)

    def _primitive(self, value: object, typ: PrimType, path: str) -> object:
        check = {
            "bool": self._bool,
            "int": self._int,
            "decimal": self._decimal,
            "text": self._text,
            "date": self._date,
        }.get(typ.name)
        if check is None:
            return self._mismatch(typ.describe(), value, path)
        return check(value, path)

    # -- primitives -------------------------------------------------------------------------

    def _bool(self, value: object, path: str) -> object:
        if isinstance(value, bool):
            return value
        return self._mismatch("bool", value, path, "write `true` or `false`")

    def _int(self, value: object, path: str) -> object:
        if isinstance(value, int) and not isinstance(value, bool):
            return value if abs(value) <= MAX_MAGNITUDE else self._out_of_range("int", value, path)
        if isinstance(value, _OutOfRange) and not value.is_float:
            return self._out_of_range("int", value, path)
        if isinstance(value, float) and not math.isfinite(value):
            return self._not_finite("int", value, path)
        return self._mismatch("int", value, path)

    def _decimal(self, value: object, path: str) -> object:
        if isinstance(value, _OutOfRange):
            return self._out_of_range("decimal", value, path)
        if isinstance(value, float) and not math.isfinite(value):
            return self._not_finite("decimal", value, path)
        number = _to_decimal(value)
        if number is None:
            if isinstance(value, str) and _NONFINITE_TEXT.fullmatch(value.strip()):
                return self._not_finite("decimal", value, path)
            hint = "write a number such as `1250.50`" if isinstance(value, str) else None
            return self._mismatch("decimal", value, path, hint)
        if not number.is_finite():
            return self._not_finite("decimal", value, path)
        if number.copy_abs() > MAX_MAGNITUDE:
            return self._out_of_range("decimal", value, path)
        exact = EXACT.normalize(number)
        exponent = exact.as_tuple().exponent  # (an int: the number is finite)
        if isinstance(exponent, int) and exponent < -MAX_DECIMAL_PLACES:  # 1e-999999999: GBs
            return self._error(
                "E414", f"number out of range at `{path}`: expected decimal, found "
                f"{_describe(value)}", path,
                f"a decimal has at most {MAX_DECIMAL_PLACES} digits after the point")
        return canonical_decimal(number)

    def _text(self, value: object, path: str) -> object:
        if isinstance(value, str):
            return value
        hint = None
        if isinstance(value, int | float | dt.date):
            hint = "put the value in quotes to make it text"
        return self._mismatch("text", value, path, hint)

    def _date(self, value: object, path: str) -> object:
        if isinstance(value, dt.datetime):
            return self._mismatch("date", value, path, "a date fact takes a day, not a time")
        if isinstance(value, dt.date):
            self._maybe_buddhist(value, path, has_era=False)
            return value
        if not isinstance(value, str):
            return self._mismatch("date", value, path, "write dates as `YYYY-MM-DD`")
        try:
            date = parse_date(value)
        except ValueError as exc:
            return self._error(
                "E416", f"invalid date at `{path}`: expected date, found {_describe(value)}", path,
                f"{exc}; write dates as `YYYY-MM-DD`, optionally followed by `BE` or `CE`",
            )
        has_era = bool(_ERA_SUFFIX.search(value))
        self._maybe_buddhist(date, path, has_era)
        doubt = era_doubt(value) if has_era else None
        if doubt is not None:  # `2022-12-31 BE`: a C.E. year marked BE, centuries back
            self._out.warn("W404", f"date at `{path}`: {doubt[0]}", self._out.value_span(path),
                           doubt[1])
        return date

    def _maybe_buddhist(self, date: dt.date, path: str, has_era: bool) -> None:
        """Warn about a year without an era that only makes sense in the Buddhist Era."""
        if has_era or date.year < BE_LOOKING_YEAR:
            return
        self._out.warn(
            "W404",
            f"date `{date.isoformat()}` at `{path}` is read as C.E. but looks like a B.E. date",
            self._out.value_span(path),
            f"a date without an era is C.E.; write `\"{date.isoformat()} BE\"` (quoted) if the "
            "year is Buddhist Era",
        )

    def _out_of_range(self, expected: str, value: object, path: str) -> MissingType:
        what = "integer" if expected == "int" else "number"
        return self._error(
            "E414", f"{what} out of range at `{path}`: expected {expected}, found "
            f"{_describe(value)}", path, f"numbers must lie within ±{MAX_MAGNITUDE:,}",
        )

    def _not_finite(self, expected: str, value: object, path: str) -> MissingType:
        return self._error(
            "E415", f"not a finite number at `{path}`: expected {expected}, found "
            f"{_describe(value)}", path, "NaN and infinity are not allowed in facts",
        )

    # -- enums, sets, lists, records ------------------------------------------------------

    def _enum(self, value: object, typ: EnumType, path: str) -> object:
        if isinstance(value, str):
            value = normalize_name(value)
        if isinstance(value, str) and value in typ.values:
            return value
        shown = ", ".join(f"`{v}`" for v in typ.values[:20])
        if not isinstance(value, str):
            hint = f"the values of `{typ.name}` are {shown}"
            if isinstance(value, bool):
                hint = "YAML reads unquoted `yes`, `no`, `on` and `off` as true/false; " + hint
            return self._mismatch(typ.name, value, path, hint)
        close = difflib.get_close_matches(value, typ.values, n=1)
        hint = f"the values of `{typ.name}` are {shown}"
        if close:
            hint = f"did you mean `{close[0]}`? " + hint
        return self._error(
            "E413", f"expected {typ.name} at `{path}`, found unknown value {_show_text(value)}",
            path, hint,
        )

    def _elements(self, value: object, typ: SetType | ListType, path: str) -> list[object] | None:
        """The validated elements, or None when the list is not a list or an element failed."""
        if isinstance(typ, SetType) and isinstance(value, set | frozenset):
            # a Python set, from a program: in a fixed order, whatever the hash seed
            value = sorted(value, key=lambda v: (type(v).__name__, str(v)))
        if not isinstance(value, list | tuple):
            hint = "write a list, such as `[a, b]`" if isinstance(value, str) else None
            self._mismatch(typ.describe(), value, path, hint)
            return None
        results: list[object] = []
        failed = False
        for index, item in enumerate(value):
            item_path = f"{path}[{index}]"
            if item is None:
                self._out.warn("W403", f"null element in `{path}` makes the fact unknown",
                               self._out.value_span(item_path),
                               "remove the null, or leave out the whole fact if it is not known")
                failed = True
                continue
            result = self._value(item, typ.element, item_path)
            failed = failed or result is MISSING
            results.append(result)
        return None if failed else results

    def _set(self, value: object, typ: SetType, path: str) -> object:
        elements = self._elements(value, typ, path)
        if elements is None:
            return MISSING
        seen: set[object] = set()
        for index, element in enumerate(elements):
            if element in seen:
                self._out.warn("W402", f"duplicate value {_show_text(element)} in `{path}`",
                               self._out.value_span(f"{path}[{index}]"),
                               "a set holds each value once; the repeat is ignored")
            seen.add(element)
        return frozenset(elements)

    def _list(self, value: object, typ: ListType, path: str) -> object:
        elements = self._elements(value, typ, path)
        return MISSING if elements is None else tuple(elements)

    def _record(self, value: object, typ: RecordType, path: str) -> object:
        if not isinstance(value, Mapping):
            return self._mismatch(typ.name, value, path)
        fields: dict[str, object] = {}
        failed = False
        names = [name for name, _ in typ.fields]
        seen: dict[str, str] = {}
        for key, item in value.items():
            field_path = _join(path, _key_text(key))
            if isinstance(key, str):
                if self._same_key(seen, key, field_path):
                    failed = True
                    continue
                key = normalize_name(key)
            field_type = typ.field_type(key) if isinstance(key, str) else None
            if field_type is None or not isinstance(key, str):  # (isinstance again: for mypy)
                if key is not _INVALID:
                    self._undeclared(field_path, key, names, path, f"field of {typ.name}")
                continue
            if item is None or item is _INVALID:
                continue  # a missing field makes what reads it unknown, it is no error
            result = self._value(item, field_type, field_path)
            failed = failed or result is MISSING
            fields[key] = result
        return MISSING if failed else MappingProxyType(fields)


_ERA_SUFFIX = re.compile(r"(?:BE|CE|B\.E\.|C\.E\.|พ\.ศ\.|ค\.ศ\.)\s*$")
_DECIMAL_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?")


def canonical_decimal(number: decimal.Decimal) -> decimal.Decimal:
    """One form for one number, however it was written: no exponent, no trailing zeros
    (``1e3``, ``1000.0`` and ``"1000"`` are all ``1000``; ``1250.50`` is ``1250.5``), so that
    the same facts have the same hash in YAML, JSON and TOML. Exact, whatever the decimal
    context of the program."""
    if not number:
        return decimal.Decimal(0)  # -0 and 0.00 are 0
    plain = format(EXACT.normalize(number), "f")
    return decimal.Decimal(plain)


def _to_decimal(value: object) -> decimal.Decimal | None:
    """An int, float, Decimal or numeric text as a Decimal; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, decimal.Decimal):
        return value
    if isinstance(value, int):
        return decimal.Decimal(value) if abs(value) <= MAX_MAGNITUDE else None
    if isinstance(value, _Float):
        with contextlib.suppress(decimal.InvalidOperation):  # (YAML writes some that are not)
            return decimal.Decimal(value.text.strip())
    if isinstance(value, float):
        return decimal.Decimal(str(value))  # 0.1 stays 0.1, not its binary expansion
    if isinstance(value, str) and _DECIMAL_TEXT.fullmatch(value.strip()):
        return decimal.Decimal(value.strip())
    return None


def _cut(text: str) -> str:
    """``text`` cut to fit in a message (a 5 MB string should not make a 5 MB message)."""
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


def _show_text(value: object) -> str:
    """A value quoted for a message: ``"provnce"`` in backticks, cut when long."""
    shown = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)
    return f"`{_cut(shown)}`"


def _describe(value: object) -> str:
    """What was found, for messages: its kind and (short) text, such as ``text `"many"` ``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"bool `{'true' if value else 'false'}`"
    if isinstance(value, int):
        if value.bit_length() > 200:  # str() of a huge int is slow or refused
            return f"an integer of about {int(value.bit_length() * 0.30103)} digits"
        return f"int `{_cut(str(value))}`"
    if isinstance(value, _OutOfRange):
        kind = "decimal" if value.is_float else "int"
        if len(value.text) <= _MAX_SHOWN:
            return f"{kind} `{value.text}`"
        digits = sum(ch.isdigit() for ch in value.text)
        return f"{kind} `{_cut(value.text)}` ({digits} digits)"
    if isinstance(value, float | decimal.Decimal):
        return f"decimal `{value}`"
    if isinstance(value, str):
        return f"text {_show_text(value)}"
    return _describe_other(value)


def _describe_other(value: object) -> str:
    if isinstance(value, dt.datetime):
        return f"datetime `{value.isoformat()}`"
    if isinstance(value, dt.date):
        return f"date `{value.isoformat()}`"
    if isinstance(value, dt.time):
        return f"time `{value.isoformat()}`"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    return f"a value of type `{type(value).__name__}`"
