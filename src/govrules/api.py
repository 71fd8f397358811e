"""The front door: load and check policies, evaluate facts.

>>> import govrules
>>> policies = govrules.load("policies")                      # doctest: +SKIP
>>> report = policies.evaluate("examples/agency_complete.yaml")  # doctest: +SKIP
>>> print(report.to_json())                                  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from .errors import Diagnostic, PolicyError, Severity, Span
from .model import PolicySet
from .source import SourceFile, find_policy_files, read_source
from .verdict import Report, Status

__all__ = ["CheckResult", "check", "decide", "evaluate", "evaluate_many", "load"]

PathArg = str | os.PathLike[str]


class CheckResult:
    """What :func:`check` found: every diagnostic, the texts they point into, the policy set.

    ``policy_set`` is None when there are errors.
    """

    def __init__(
        self,
        diagnostics: Sequence[Diagnostic],
        sources: dict[str, str],
        policy_set: PolicySet | None,
    ) -> None:
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
        self.sources = sources
        self.policy_set = policy_set

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The diagnostics that stop evaluation."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """The diagnostics that do not stop evaluation."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """True when there are no errors."""
        return not self.errors


def _as_paths(paths: PathArg | Iterable[PathArg]) -> list[PathArg]:
    if isinstance(paths, str | os.PathLike):
        return [paths]
    if isinstance(paths, Iterable):
        return list(paths)
    raise TypeError(f"needs a path to a .pol file or folder, or a list of them, "
                    f"not {type(paths).__name__}")


def check(paths: PathArg | Iterable[PathArg], *, analyze: bool = True) -> CheckResult:
    """Parse and check policy files or folders, collecting every diagnostic.

    Never raises for bad policy content: problems come back as diagnostics. All the files
    given (and all ``.pol`` files under given folders) form one policy set. With ``analyze``
    (the default), a policy set that checks clean also goes through the consistency analysis
    (:mod:`govrules.analysis`: conflicting, unreachable and shadowed rules, untested facts);
    its errors make the result not ``ok``, but the policy set is still returned.
    """
    diagnostics: list[Diagnostic] = []
    sources: dict[str, str] = {}
    files: list[SourceFile] = []
    real_paths: set[str] = set()  # one file named twice (`a/x.pol`, `./a/x.pol`, a link) is one
    for path in _as_paths(paths):
        try:
            found = find_policy_files(path)
        except PolicyError as exc:
            diagnostics.extend(exc.diagnostics)
            continue
        for f in found:
            real = os.path.realpath(f)
            if real in real_paths:
                continue
            real_paths.add(real)
            try:
                src = read_source(f)
            except PolicyError as exc:
                diagnostics.extend(exc.diagnostics)
                continue
            if src.name in sources:
                continue
            sources[src.name] = src.text
            files.append(src)
    if not files and not diagnostics:  # `check([])`: an empty policy set would judge nothing
        diagnostics.append(Diagnostic("E108", "no policy files given", Span.whole_file("<paths>"),
                                      "give a .pol file or a folder of them"))
    key = None if diagnostics else _content_key(files)
    cached = _cached(key) if key is not None else None
    if cached is not None:
        policy_set, found_diags = cached[0], list(cached[1])
    else:
        from .checker import check_modules  # not imported (nor Lark) when the cache serves
        from .syntax import parse_module

        modules = []
        with _collector_paused():
            for src in files:
                try:
                    modules.append(parse_module(src))
                except PolicyError as exc:
                    diagnostics.extend(exc.diagnostics)
            if diagnostics:
                return CheckResult(_ordered(diagnostics), sources, None)
            policy_set, found_diags = check_modules(modules, sources)
        if key is not None:
            _remember(key, policy_set, found_diags)
    if analyze and policy_set is not None:
        from .analysis import analyze as analyze_set
        from .analysis import find_test_files

        found_diags = [*found_diags,
                       *analyze_set(policy_set, find_test_files(_as_paths(paths)))]
    return CheckResult(_ordered(found_diags), sources, policy_set)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Keep Python's cycle collector off while policies are parsed and checked.

    Parsing allocates tens of thousands of tokens and tree nodes, none of them in a cycle;
    each allocation counts towards the collector's next run, which then walks every object
    alive. Over the shipped corpus that was a tenth of the time of a check. Reference
    counting still frees everything; the collector runs again, as it was, afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_CHECKED: dict[str, tuple[PolicySet | None, tuple[Diagnostic, ...]]] = {}
"""Parsed and checked policy sets by content (file names and texts): :func:`load` of the same
texts twice checks them once. Bounded (:data:`_CHECKED_MAX` entries, oldest dropped first);
a policy set is immutable, so sharing one is safe. Behind it, across processes, is the
on-disk cache of :mod:`govrules.cache`."""
_CHECKED_MAX = 16


def _content_key(files: Sequence[SourceFile]) -> str:
    """SHA-256 of the names and texts of the files, in order."""
    import hashlib

    h = hashlib.sha256()
    for src in files:
        for part in (src.name, src.text):
            data = part.encode("utf-8", "surrogatepass")
            h.update(len(data).to_bytes(8, "big"))
            h.update(data)
    return h.hexdigest()


def _cached(key: str) -> tuple[PolicySet | None, tuple[Diagnostic, ...]] | None:
    """The checked policy set for ``key``: from this process, else from the on-disk cache."""
    found = _CHECKED.get(key)
    if found is not None:
        return found
    from . import cache

    entry = cache.load_policies(key)
    if (isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], PolicySet)
            and isinstance(entry[1], tuple)
            and all(isinstance(d, Diagnostic) for d in entry[1])):
        _keep(key, entry[0], entry[1])
        return entry
    return None


def _keep(key: str, policy_set: PolicySet | None, diags: Sequence[Diagnostic]) -> None:
    while len(_CHECKED) >= _CHECKED_MAX:
        del _CHECKED[next(iter(_CHECKED))]
    _CHECKED[key] = (policy_set, tuple(diags))


def _remember(key: str, policy_set: PolicySet | None, diags: Sequence[Diagnostic]) -> None:
    """Keep a freshly checked policy set in this process and, if it checked clean, on disk."""
    _keep(key, policy_set, diags)
    if policy_set is not None:
        from . import cache

        cache.store_policies(key, (policy_set, tuple(diags)))


def _ordered(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(diags, key=lambda d: (d.span.file, d.span.line, d.span.column, d.code))


def load(paths: PathArg | Iterable[PathArg]) -> PolicySet:
    """Load, parse and check a policy set; raise :class:`PolicyError` if anything is wrong.

    The error carries every diagnostic found, not only the first.
    """
    result = check(paths, analyze=False)
    if result.policy_set is None:
        raise PolicyError(result.errors or result.diagnostics)
    return result.policy_set


def evaluate(
    policies: PolicySet | PathArg,
    facts: object,
    as_of: dt.date | str | None = None,
) -> Report:
    """Evaluate ``facts`` (a file path, a mapping or a ``Facts``) against ``policies``.

    ``policies`` is a loaded :class:`PolicySet` or a path to load. Raises
    :class:`GovrulesError` for bad policies or bad facts.
    """
    from .evaluator import evaluate as _evaluate

    ps = policies if isinstance(policies, PolicySet) else load(policies)
    return _evaluate(ps, facts, as_of=as_of)


def decide(
    policies: PolicySet | PathArg,
    facts: object,
    as_of: dt.date | str | None = None,
) -> Mapping[str, Status]:
    """The status of every verdict, without traces: verdict key → :class:`Status`.

    The fast path for bulk work (docs/performance.md): the same statuses as
    :func:`evaluate`, from policies compiled to Python once per policy set.
    """
    from .compile import decide as _decide

    ps = policies if isinstance(policies, PolicySet) else load(policies)
    return _decide(ps, facts, as_of)


def evaluate_many(
    policies: PolicySet | PathArg,
    records: Iterable[Mapping[str, object]],
    as_of: dt.date | str | None = None,
    *,
    trace: bool = True,
) -> Iterator[Any]:
    """Evaluate a stream of fact mappings one by one, in bounded memory.

    Yields a :class:`~govrules.compile.LazyReport` per record (``trace=True``: ``.report()``
    is the full report) or a ``dict`` of verdict key → :class:`Status` (``trace=False``).
    See :func:`govrules.stream.evaluate_many`.
    """
    from .stream import evaluate_many as _evaluate_many

    if isinstance(records, Mapping):
        raise TypeError("evaluate_many() needs an iterable of fact mappings, one per agency: "
                        "for one mapping, use evaluate(), or pass [facts]")
    ps = policies if isinstance(policies, PolicySet) else load(policies)
    return _evaluate_many(ps, records, as_of, trace=trace)



