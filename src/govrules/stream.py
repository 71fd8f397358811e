"""Streaming evaluation: many records in, one result out per record, in bounded memory.

:func:`evaluate_many` takes any iterable of fact mappings — a list, a generator, one of the
readers here (:func:`read_jsonl`, :func:`read_csv`, :func:`read_parquet`, or :func:`read_records`
which picks one by the file's suffix) — and yields one result per record as it goes, never
holding more than one record's result. It is the function to call inside a Dask or Spark
partition (see docs/performance.md).

The readers yield plain mappings shaped like a facts file: nested by the dotted fact names. CSV
cells are text, so :func:`read_csv` converts them by the declared type of their column (a
dotted fact name); Parquet needs the optional ``parquet`` extra (pyarrow).
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO, Any

from .errors import Diagnostic, FactsError, Span
from .facttypes import BOOL, INT, EnumType, FactDecl, SetType
from .model import PolicySet

__all__ = [
    "Progress",
    "evaluate_many",
    "read_csv",
    "read_jsonl",
    "read_parquet",
    "read_records",
]


def evaluate_many(policies: PolicySet, records: Iterable[Mapping[str, object]],
                  as_of: dt.date | str | None = None, *, trace: bool = True,
                  source: str = "<records>",
                  on_warning: Callable[[int, Diagnostic], None] | None = None) -> Iterator[Any]:
    """Evaluate each record of ``records`` against ``policies``, yielding results one by one.

    With ``trace=True`` (default) each result is a :class:`~govrules.compile.LazyReport`: the
    statuses and every condition's value are recorded, and ``.report()`` / ``.to_json()``
    give exactly the :class:`~govrules.Report` that :func:`govrules.evaluate` gives. With
    ``trace=False`` each result is a ``dict`` of verdict key → :class:`~govrules.Status` (the
    output of :func:`govrules.decide`), the fastest form.

    ``as_of`` is one date for all records (default: today, taken once). Record ``n`` (from 1)
    is named ``SOURCE#n`` in diagnostics and reports; a bad record raises
    :class:`~govrules.FactsError` naming it. Memory stays bounded: nothing is kept between
    records but the compiled policy set.

    ``on_warning(n, diagnostic)``, when given, is called with the warnings about record ``n``
    (an undeclared key, a null in a list...), which the results do not otherwise show.
    """
    from .compile import _load, decide, program, record
    from .evaluator import _as_date

    if not isinstance(policies, PolicySet):
        raise TypeError("evaluate_many() needs a PolicySet from govrules.load()")
    prog = program(policies)
    day = _as_date(as_of)
    run = record if trace else decide
    for n, rec in enumerate(records, start=1):
        name = f"{source}#{n}"
        if on_warning is not None and not (type(rec) is dict and prog.fast_values(rec)):
            loaded = _load(policies, rec, name)  # what the fast path would hand over anyway
            for warning in loaded.warnings:
                on_warning(n, warning)
            yield run(policies, loaded, day, source=name)
            continue
        yield run(policies, rec, day, source=name)


# ------------------------------------------------------------------------------ readers


def read_records(path: str | os.PathLike[str], policies: PolicySet | None = None,
                 fmt: str | None = None) -> Iterator[dict[str, object]]:
    """Records from a ``.jsonl``/``.ndjson``, ``.csv`` or ``.parquet`` file (``-``: stdin JSONL).

    ``fmt`` (``jsonl``, ``csv``, ``parquet``) overrides the suffix. CSV needs ``policies`` to
    know the column types.
    """
    name = os.fspath(path)
    kind = fmt or _kind_of(name)
    if kind == "jsonl":
        return _decode_errors(name, read_jsonl(name))
    if kind == "csv":
        if policies is None:
            raise TypeError("reading CSV needs the policy set, for the types of the columns")
        return _decode_errors(name, read_csv(name, policies))
    if kind == "parquet":
        return read_parquet(name)
    raise FactsError(Diagnostic(
        "E420", f"cannot tell the format of `{name}`", Span.whole_file(name),
        "name the file .jsonl, .csv or .parquet, or pass the format (`--input-format`)"))


def _kind_of(name: str) -> str | None:
    if name == "-":
        return "jsonl"
    lower = name.lower()
    for suffix, kind in ((".jsonl", "jsonl"), (".ndjson", "jsonl"), (".csv", "csv"),
                         (".parquet", "parquet"), (".pq", "parquet")):
        if lower.endswith(suffix):
            return kind
    return None


def _open_text(name: str) -> IO[str]:
    if name == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", newline="")
    try:
        return open(name, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise FactsError(Diagnostic("E401", f"cannot read `{name}`: {exc.strerror or exc}",
                                    Span.whole_file(name), "check the path")) from None


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key `{key}`")
        out[key] = value
    return out


def _decode_errors(name: str, rows: Iterator[dict[str, object]]) -> Iterator[dict[str, object]]:
    """Turn errors met while reading a stream (bad bytes, a CSV field too long) into
    diagnostics that name the file, as the facts loader does for a single file."""
    try:
        yield from rows
    except UnicodeDecodeError as exc:
        raise FactsError(Diagnostic(
            "E421", f"`{name}` is not valid UTF-8 (byte offset {exc.start} of a read block)",
            Span.whole_file(name), "save the file as UTF-8")) from None
    except csv.Error as exc:
        raise FactsError(Diagnostic(
            "E421", f"`{name}` is not a readable CSV file: {exc}", Span.whole_file(name),
            "check the quoting and the length of the fields")) from None


def read_jsonl(path: str | os.PathLike[str]) -> Iterator[dict[str, object]]:
    """One JSON object per line; blank lines are skipped. A bad line raises FactsError."""
    name = os.fspath(path)
    fh = _open_text(name)
    try:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                # decimals as written: `1000.5000000000000000001` is not the float 1000.5
                data = json.loads(line, object_pairs_hook=_no_duplicate_keys,
                                  parse_float=decimal.Decimal)
            except json.JSONDecodeError as exc:
                raise FactsError(Diagnostic(
                    "E421", f"line {lineno} is not valid JSON: {exc.msg}",
                    Span(name, lineno, exc.colno, lineno, exc.colno + 1),
                    "write one JSON object per line")) from None
            except (ValueError, RecursionError) as exc:  # duplicate key, huge number, nesting
                raise FactsError(Diagnostic(
                    "E421", f"line {lineno} cannot be read: {exc}"[:300],
                    Span(name, lineno, 1, lineno, 2),
                    "write one JSON object per line, each key once")) from None
            if not isinstance(data, dict):
                raise FactsError(Diagnostic(
                    "E421", f"line {lineno} is not a JSON object", Span(name, lineno, 1, lineno, 2),
                    "write one JSON object per line"))
            yield data
    finally:
        if name != "-":
            fh.close()


def read_csv(path: str | os.PathLike[str], policies: PolicySet,
             set_separator: str = ";") -> Iterator[dict[str, object]]:
    """Rows of a CSV file with a header of dotted fact names, converted by declared type.

    An empty cell is a missing fact. ``bool`` cells take ``true``/``false`` (any case), ``int``
    cells whole numbers, a ``set of`` enum cell its values separated by ``set_separator`` (a
    cell holding only the separator is the empty set);
    other cells stay text, which the facts loader converts (decimals, dates, enum values) or
    reports. Columns that name no fact are passed on, so that the loader warns about them.
    """
    name = os.fspath(path)
    decls = policies.facts
    fh = _open_text(name)
    try:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header is None:
            return
        columns = [(col.strip(), tuple(col.strip().split(".")), decls.get(col.strip()))
                   for col in header]
        _check_header(name, [c for c, _, _ in columns])
        for row in reader:
            if not row:
                continue
            out: dict[str, object] = {}
            if len(row) != len(columns):  # a cell lost or gained: the columns would shift
                more = "more" if len(row) > len(columns) else "fewer"
                raise FactsError(Diagnostic(
                    "E422", f"row {reader.line_num} has {more} cells than the header has "
                    "columns", Span(name, reader.line_num, 1, reader.line_num, 2),
                    "every row has one cell per column of the header; leave a cell empty "
                    "(`,,`) for a missing fact"))
            for (_, path_, decl), cell in zip(columns, row, strict=False):
                if cell.strip() == "":  # an empty cell is a missing fact, whatever its type
                    continue
                node = out
                for part in path_[:-1]:
                    child = node.setdefault(part, {})
                    if not isinstance(child, dict):
                        break
                    node = child
                else:
                    node[path_[-1]] = _cell(cell, decl, set_separator)
            yield out
    finally:
        if name != "-":
            fh.close()


def _check_header(name: str, columns: list[str]) -> None:
    """Refuse a header that would make cells overwrite or hide each other."""
    seen: set[str] = set()
    for col in columns:
        clash = col in seen or any(o.startswith(col + ".") or col.startswith(o + ".")
                                   for o in seen)
        if clash:
            raise FactsError(Diagnostic(
                "E422", f"column `{col}` repeats or overlaps another column of the header",
                Span(name, 1, 1, 1, 2), "give each fact one column"))
        seen.add(col)


def _cell(text: str, decl: FactDecl | None, sep: str) -> object:
    if decl is None:
        return text
    t = decl.type
    if t == BOOL:
        low = text.strip().lower()
        return {"true": True, "false": False}.get(low, text)
    if t == INT:
        stripped = text.strip()
        return int(stripped) if re.fullmatch(r"[+-]?[0-9]{1,18}", stripped) else text
    if isinstance(t, SetType):
        return [v.strip() for v in text.split(sep) if v.strip()]
    if isinstance(t, EnumType):
        return text.strip()
    return text


def read_parquet(path: str | os.PathLike[str], batch_size: int = 10_000
                 ) -> Iterator[dict[str, object]]:
    """Rows of a Parquet file, batch by batch (needs pyarrow: ``pip install govrules[parquet]``).

    Struct columns become nested mappings and list columns lists; a column with a dotted name
    (``agency.kind``) is nested as its name says.
    """
    name = os.fspath(path)
    try:
        import pyarrow.parquet as pq  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        raise FactsError(Diagnostic(
            "E422", "reading Parquet needs pyarrow, which is not installed",
            Span.whole_file(name), "install the extra: `pip install 'govrules[parquet]'`"),
        ) from None
    try:
        pf = pq.ParquetFile(name)
    except (OSError, ValueError) as exc:
        raise FactsError(Diagnostic("E401", f"cannot read `{name}`: {exc}",
                                    Span.whole_file(name), "check the path")) from None
    for batch in pf.iter_batches(batch_size=batch_size):
        for row in batch.to_pylist():
            yield _nest_dotted(row)


def _nest_dotted(row: dict[str, Any]) -> dict[str, object]:
    if not any("." in k for k in row):
        return row
    out: dict[str, object] = {}
    for key, value in row.items():
        *parents, last = key.split(".")
        node = out
        for part in parents:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                break
            node = child
        else:
            node[last] = value
    return out


# ----------------------------------------------------------------------------- progress


class Progress:
    """A tiny progress line on a stream (stderr by default): count, rate and, if known, a bar.

    Redraws at most ten times a second on a terminal, and prints a line every ``every``
    seconds otherwise (logs of CI jobs), plus a final line from :meth:`close`.
    """

    def __init__(self, total: int | None = None, stream: IO[str] | None = None,
                 label: str = "records", every: float = 5.0) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.label = label
        self.count = 0
        self.start = time.monotonic()
        self._last = 0.0
        self._tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._every = 0.1 if self._tty else every

    def update(self, n: int = 1) -> None:
        """Count ``n`` more records; redraw if it is time."""
        self.count += n
        now = time.monotonic()
        if now - self._last >= self._every:
            self._last = now
            self._draw(now, final=False)

    def _draw(self, now: float, *, final: bool) -> None:
        elapsed = max(now - self.start, 1e-9)
        rate = self.count / elapsed
        text = f"{self.count:,} {self.label}"
        if self.total:
            frac = min(self.count / self.total, 1.0)
            filled = int(frac * 24)
            text = f"[{'#' * filled}{'.' * (24 - filled)}] {frac:6.1%} " + \
                f"{self.count:,}/{self.total:,} {self.label}"
        text += f" | {rate:,.0f}/s | {elapsed:,.1f} s"
        end = "\n" if final or not self._tty else ""
        self.stream.write(("\r" if self._tty else "") + text + end)
        self.stream.flush()

    def close(self) -> None:
        """Draw the final line."""
        self._draw(time.monotonic(), final=True)


def parquet_rows(path: str | os.PathLike[str]) -> int | None:
    """The number of rows a Parquet file declares (for the progress bar), or None."""
    try:
        import pyarrow.parquet as pq  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        return None
    try:
        return int(pq.ParquetFile(os.fspath(path)).metadata.num_rows)
    except (OSError, ValueError):
        return None


# ---------------------------------------------------------------------------------- CLI


def cmd_eval_many(args: Any) -> int:
    """``govrules eval-many``: the command line front of :func:`evaluate_many`."""
    from .api import load
    from .evaluator import _as_date

    if args.trace and args.format == "csv":
        sys.stderr.write("govrules: error: --trace writes each record's report as a JSON line; "
                         "use it with --format jsonl\n")
        return 2
    policies = load(args.policies)
    day = _as_date(args.as_of)
    kind = args.input_format or _kind_of(args.file)
    records = read_records(args.file, policies, kind)
    total = parquet_rows(args.file) if kind == "parquet" else None
    progress = Progress(total) if args.progress else None
    out: IO[str] = (open(args.output, "w", encoding="utf-8", newline="")  # noqa: SIM115
                    if args.output else sys.stdout)
    try:
        if args.format == "csv":
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(["record", "key", "status"])
        warnings = _WarningLog(sys.stderr)
        n = 0
        for n, result in enumerate(evaluate_many(policies, records, day, trace=args.trace,
                                                 source=args.file, on_warning=warnings.add),
                                   start=1):
            if args.format == "csv":
                statuses = result.status_map() if args.trace else result
                writer.writerows([n, k, st.value] for k, st in statuses.items())
            elif args.trace:
                out.write(result.report().to_json(indent=None))
            else:
                row = {"record": n, "verdicts": {k: st.value for k, st in result.items()}}
                out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
            if progress is not None:
                progress.update()
    finally:
        if progress is not None:
            progress.close()
        if args.output:
            out.close()
    warnings.summary()
    if n == 0:  # an empty file, or a header with no rows: say so rather than print nothing
        sys.stderr.write(f"govrules: warning: `{args.file}` holds no records; nothing was "
                         "evaluated\n")
    return 0


class _WarningLog:
    """The warnings of an ``eval-many`` run on standard error: each kind once, when it is first
    met (a misspelt CSV column would otherwise repeat for every row), and at the end how many
    records each kind was found in."""

    SHOWN_KINDS = 20

    def __init__(self, err: IO[str]) -> None:
        self.err = err
        self.counts: dict[tuple[str, str], int] = {}

    def add(self, n: int, warning: Diagnostic) -> None:
        from .errors import render_diagnostic

        kind = (warning.code, warning.message)
        seen = self.counts.get(kind, 0)
        self.counts[kind] = seen + 1
        if seen == 0 and len(self.counts) <= self.SHOWN_KINDS:
            self.err.write(render_diagnostic(warning) + "\n")

    def summary(self) -> None:
        if not self.counts:
            return
        total = sum(self.counts.values())
        repeated = {k: c for k, c in self.counts.items() if c > 1}
        lines = [f"govrules eval-many: {total:,} warning{'s' if total != 1 else ''} in all"]
        if len(self.counts) > self.SHOWN_KINDS:
            lines[0] += f" ({len(self.counts) - self.SHOWN_KINDS:,} kinds not shown)"
        lines += [f"  {c:,}× {code}: {message}" for (code, message), c in sorted(
            repeated.items(), key=lambda kc: (-kc[1], kc[0]))[:self.SHOWN_KINDS]]
        self.err.write("\n".join(lines) + "\n")
