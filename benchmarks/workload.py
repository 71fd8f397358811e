"""The peer workload of ``shared/bench/peer_workload.py``, written as a govrules policy set.

``peer_workload.py`` lives outside this repository (``../shared/bench`` beside the work tree);
:func:`peer_module` finds it, or takes a path from ``GOVRULES_PEER_WORKLOAD``.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent


def peer_module() -> ModuleType:
    """Import ``peer_workload.py``: from ``$GOVRULES_PEER_WORKLOAD`` or ``../shared/bench``."""
    candidates = [os.environ.get("GOVRULES_PEER_WORKLOAD", "")]
    candidates += [str(p / "shared" / "bench" / "peer_workload.py") for p in HERE.parents]
    for cand in candidates:
        if cand and Path(cand).is_file():
            spec = importlib.util.spec_from_file_location("peer_workload", cand)
            assert spec is not None and spec.loader is not None
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
            return mod
    raise SystemExit("peer_workload.py not found: set GOVRULES_PEER_WORKLOAD to its path")


def govrules_policy(peer: ModuleType) -> str:
    """The 20 measures over 12 facts as one ``.pol`` text (plus an `id` text fact)."""
    kinds = {"bool": "bool", "int": "int"}
    lines = [
        "# Generated from peer_workload.py by benchmarks/workload.py: do not edit.",
        'source bench_doc { title en "Peer benchmark workload" }',
        'policy bench { title en "Peer benchmark: 20 measures over 12 facts" }',
        "fact id : text",
    ]
    lines += [f"fact {name} : {kinds[kind]}" for name, kind in peer.FACTS.items()]
    for n, (mid, conds) in enumerate(peer.MEASURES.items(), start=1):
        parts = []
        for fact, op, value in conds:
            if op == "is":
                parts.append(fact if value is True else f"not {fact}")
            else:
                parts.append(f"{fact} {op} {value}")
        lines.append(f"measure {mid} must {{")
        lines.append(f"  cite bench_doc: item {n}")
        lines.append("  require " + " and ".join(parts))
        lines.append("}")
    return "\n".join(lines) + "\n"
