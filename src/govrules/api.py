"""The front door: load and check policies, evaluate facts.

>>> import govrules
>>> policies = govrules.load("policies")                      # doctest: +SKIP
>>> report = policies.evaluate("examples/agency_complete.yaml")  # doctest: +SKIP
>>> print(report.to_json())                                  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence

from .errors import Diagnostic, PolicyError, Severity
from .model import PolicySet
from .source import SourceFile, find_policy_files, read_source
from .verdict import Report

__all__ = ["CheckResult", "check", "evaluate", "load"]

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
    return list(paths)


def check(paths: PathArg | Iterable[PathArg]) -> CheckResult:
    """Parse and check policy files or folders, collecting every diagnostic.

    Never raises for bad policy content: problems come back as diagnostics. All the files
    given (and all ``.pol`` files under given folders) form one policy set.
    """
    from .checker import check_modules
    from .syntax import parse_module

    diagnostics: list[Diagnostic] = []
    sources: dict[str, str] = {}
    files: list[SourceFile] = []
    for path in _as_paths(paths):
        try:
            found = find_policy_files(path)
        except PolicyError as exc:
            diagnostics.extend(exc.diagnostics)
            continue
        for f in found:
            try:
                src = read_source(f)
            except PolicyError as exc:
                diagnostics.extend(exc.diagnostics)
                continue
            if src.name in sources:
                continue
            sources[src.name] = src.text
            files.append(src)
    modules = []
    for src in files:
        try:
            modules.append(parse_module(src))
        except PolicyError as exc:
            diagnostics.extend(exc.diagnostics)
    if diagnostics:
        return CheckResult(_ordered(diagnostics), sources, None)
    policy_set, found_diags = check_modules(modules, sources)
    return CheckResult(_ordered(found_diags), sources, policy_set)


def _ordered(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(diags, key=lambda d: (d.span.file, d.span.line, d.span.column, d.code))


def load(paths: PathArg | Iterable[PathArg]) -> PolicySet:
    """Load, parse and check a policy set; raise :class:`PolicyError` if anything is wrong.

    The error carries every diagnostic found, not only the first.
    """
    result = check(paths)
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



