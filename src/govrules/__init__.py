"""govrules: Thai public-sector governance rules as code, with verdicts traceable to the law.

The front door is three functions:

* :func:`load` — parse and check a folder of ``.pol`` files into a :class:`PolicySet`;
* :func:`check` — the same, returning every diagnostic instead of raising;
* :func:`evaluate` — evaluate an agency's facts and get a :class:`Report` of verdicts.

Every error the library raises is a :class:`GovrulesError`.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import CheckResult, check, evaluate, load
from .errors import Diagnostic, FactsError, GovrulesError, PolicyError, Severity, Span
from .model import PolicySet
from .verdict import OptionOutcome, Report, Status, TraceNode, Verdict

__all__ = [
    "CheckResult",
    "Diagnostic",
    "FactsError",
    "GovrulesError",
    "OptionOutcome",
    "PolicyError",
    "PolicySet",
    "Report",
    "Severity",
    "Span",
    "Status",
    "TraceNode",
    "Verdict",
    "__version__",
    "check",
    "evaluate",
    "load",
]
