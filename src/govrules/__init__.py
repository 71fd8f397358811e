"""govrules: Thai public-sector governance rules as code, with verdicts traceable to the law.

The front door is three functions:

* :func:`load` — parse and check a folder of ``.pol`` files into a :class:`PolicySet`;
* :func:`check` — the same, returning every diagnostic instead of raising;
* :func:`evaluate` — evaluate an agency's facts and get a :class:`Report` of verdicts;
* :func:`decide` and :func:`evaluate_many` — the fast paths for bulk work (statuses only, and
  a stream of records).

Every error the library raises is a :class:`GovrulesError`.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import CheckResult, check, evaluate, evaluate_many, load
from .errors import Diagnostic, FactsError, GovrulesError, PolicyError, Severity, Span
from .model import PolicySet
from .verdict import OptionOutcome, PolicyInfo, Report, Status, TraceNode, Verdict


def __getattr__(name: str) -> object:
    # `decide` is bound on first use, straight to the compiled fast path (no wrapper per call),
    # and without importing the compiler when a program never asks for it.
    if name == "decide":
        from .compile import decide

        globals()["decide"] = decide
        return decide
    raise AttributeError(f"module 'govrules' has no attribute {name!r}")


__all__ = [
    "CheckResult",
    "Diagnostic",
    "FactsError",
    "GovrulesError",
    "OptionOutcome",
    "PolicyError",
    "PolicyInfo",
    "PolicySet",
    "Report",
    "Severity",
    "Span",
    "Status",
    "TraceNode",
    "Verdict",
    "__version__",
    "check",
    "decide",
    "evaluate",
    "evaluate_many",
    "load",
]
