"""Side-by-side benchmark: govrules against Cedar, Rego and hand-written Python.

Run with ``make bench`` (or ``python benchmarks/bench.py``), in one process and one run. The
workload is ``shared/bench/peer_workload.py``: 20 compliance measures over 12 facts, 10,000
random agencies; one *decision* is all 20 measures for one agency. Every engine's output is
checked against the plain-Python oracle ``reference()`` before its speed counts.

Engines:
  python_reference      the hand-written oracle (a set of satisfied measure ids)
  govrules_untraced     govrules.decide(): every verdict's status, no trace
  govrules_traced       govrules.compile.record(): statuses and the value of every condition
                        and fact read (the full trace, recorded flat; the TraceNode tree is
                        built on demand, see docs/performance.md)
  govrules_report       govrules.evaluate(): the Report object with its TraceNode trees
                        (on 1,000 inputs: it is the slow, eager path)
  cedarpy_single        cedarpy.is_authorized, one request per agency
  cedarpy_batch         cedarpy.is_authorized_batch, 1,000 requests per call
  regopy_bundle         regopy query_bundle_entrypoint on a built bundle

The peers are the optional ``bench`` extra (``pip install 'govrules[bench]'``); an engine
whose package is missing is reported as skipped. The last two lines are the ratios the
performance targets are about: ``traced/cedarpy_batch`` (target ≥ 10) and
``untraced/python_reference`` (target ≥ 0.5).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import platform
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import workload

import govrules
from govrules import Status
from govrules import compile as gcompile

AS_OF = dt.date(2024, 6, 1)


def timed(fn: Callable[[], Any], n: int, repeats: int) -> tuple[float, Any]:
    """Median decisions per second over ``repeats`` runs, and the last run's output."""
    rates = []
    out = None
    for _ in range(repeats):
        gc.collect()
        t0 = time.perf_counter()
        out = fn()
        rates.append(n / (time.perf_counter() - t0))
    return statistics.median(rates), out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=10_000, help="number of agencies (default 10,000)")
    ap.add_argument("--repeats", type=int, default=3, help="runs per engine; median (default 3)")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = ap.parse_args(argv)
    n, repeats = args.n, args.repeats

    peer = workload.peer_module()
    inputs = peer.make_inputs(n)
    expected = [peer.reference(x) for x in inputs]
    results: dict[str, float] = {}
    notes: dict[str, str] = {}

    def check(name: str, got: list[set[str]]) -> None:
        bad = sum(1 for g, e in zip(got, expected, strict=True) if g != e)
        if bad:
            raise SystemExit(f"{name}: {bad} of {len(got)} outputs differ from the oracle")

    # ---- govrules: load (parse + check + compile) the generated policy set
    folder = Path(tempfile.mkdtemp(prefix="govrules-bench-"))
    (folder / "bench.pol").write_text(workload.govrules_policy(peer), encoding="utf-8")
    t0 = time.perf_counter()
    ps = govrules.load(folder)
    t1 = time.perf_counter()
    gcompile.program(ps)
    t2 = time.perf_counter()
    notes["load"] = f"parse+check {1000 * (t1 - t0):.1f} ms, compile {1000 * (t2 - t1):.1f} ms"

    print(f"govrules benchmark: {n:,} agencies, 20 measures over 12 facts, median of {repeats}")
    print(f"python {platform.python_version()} on {platform.machine()}; {notes['load']}")
    print()

    rate, out = timed(lambda: [peer.reference(x) for x in inputs], n, repeats)
    results["python_reference"] = rate

    compliant = Status.COMPLIANT
    rate, out = timed(lambda: [govrules.decide(ps, x, AS_OF) for x in inputs], n, repeats)
    check("govrules_untraced", [{k for k, s in d.items() if s is compliant} for d in out])
    results["govrules_untraced"] = rate

    rate, out = timed(lambda: [gcompile.record(ps, x, AS_OF) for x in inputs], n, repeats)
    check("govrules_traced",
          [{k for k, s in r.status_map().items() if s is compliant} for r in out])
    results["govrules_traced"] = rate
    traced = out

    m = min(n, 1_000)
    rate, out = timed(lambda: [govrules.evaluate(ps, x, AS_OF) for x in inputs[:m]], m, 1)
    got = [{v.rule_id for v in r.verdicts if v.status is compliant} for r in out]
    if got != expected[:m]:
        raise SystemExit("govrules_report: outputs differ from the oracle")
    results["govrules_report"] = rate
    notes["govrules_report"] = f"{m:,} inputs, 1 run"
    # the lazily built report is the eager one, byte for byte
    for r, x in zip(traced[:50], inputs[:50], strict=True):
        assert r.to_json() == govrules.evaluate(ps, x, AS_OF).to_json()

    # ---- memory: 10,000 traced decisions held at once
    del out
    gc.collect()
    tracemalloc.start()
    held = [gcompile.record(ps, x, AS_OF) for x in inputs[:10_000]]
    traced_mem, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del held
    gc.collect()
    tracemalloc.start()
    held_reports = [govrules.evaluate(ps, x, AS_OF) for x in inputs[:m]]
    report_mem, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del held_reports
    k = min(n, 10_000)
    memory = {
        "traced_decisions": k,
        "traced_bytes": traced_mem,
        "report_bytes_per_10000": int(report_mem * 10_000 / m),
    }

    # ---- cedarpy
    try:
        import cedarpy  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:
        notes["cedarpy"] = "skipped: pip install cedarpy"
    else:
        policies = cedarpy.PolicySet.from_str(peer.cedar_policy())
        ids = {f"policy{i}": mid for i, mid in enumerate(peer.MEASURES)}

        def request(x: dict[str, Any]) -> dict[str, Any]:
            who = {"type": "Agency", "id": x["id"]}
            return {"principal": who, "action": {"type": "Action", "id": "assess"},
                    "resource": who, "context": {}}

        def cedar_single() -> list[Any]:
            return [cedarpy.is_authorized(request(x), policies, [peer.cedar_entity(x)])
                    for x in inputs]

        def cedar_batch(size: int = 1_000) -> list[Any]:
            out: list[Any] = []
            for i in range(0, n, size):
                chunk = inputs[i:i + size]
                out += cedarpy.is_authorized_batch([request(x) for x in chunk], policies,
                                                   [peer.cedar_entity(x) for x in chunk])
            return out

        for name, fn in (("cedarpy_single", cedar_single), ("cedarpy_batch", cedar_batch)):
            rate, out = timed(fn, n, repeats)
            check(name, [{ids[p] for p in r.diagnostics.reasons} for r in out])
            results[name] = rate

    # ---- regopy
    try:
        import regopy  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:
        notes["regopy"] = "skipped: pip install regopy"
    else:
        builder = regopy.Interpreter()
        builder.add_module("compliance.rego", peer.rego_policy())
        bundle = builder.build(None, ["compliance/compliant"])
        rego = regopy.Interpreter()

        def rego_bundle() -> list[set[str]]:
            out = []
            for x in inputs:
                rego.set_input(x)
                res = rego.query_bundle_entrypoint(bundle, "compliance/compliant")
                out.append(set(json.loads(str(res))["expressions"][0]))
            return out

        rate, out = timed(rego_bundle, n, repeats)
        check("regopy_bundle", out)
        results["regopy_bundle"] = rate

    # ---- report
    width = max(len(k) for k in results)
    print(f"{'engine':<{width}}  decisions/s  (output checked against reference())")
    for name, rate in sorted(results.items(), key=lambda kv: -kv[1]):
        extra = f"  [{notes[name]}]" if name in notes else ""
        print(f"{name:<{width}}  {rate:>11,.0f}{extra}")
    for name in ("cedarpy", "regopy"):
        if name in notes:
            print(f"{name}: {notes[name]}")
    print()
    per = memory["traced_bytes"] / 1024 / 1024
    print(f"memory: {k:,} traced decisions ({k * 20:,} verdicts) held: {per:.1f} MiB; "
          f"as Report objects: {memory['report_bytes_per_10000'] / 1024 / 1024:.1f} MiB "
          f"per 10,000 (extrapolated from {m:,})")
    ratio_traced = results["govrules_traced"] / results["cedarpy_batch"] \
        if "cedarpy_batch" in results else float("nan")
    ratio_untraced = results["govrules_untraced"] / results["python_reference"]
    if args.json:
        Path(args.json).write_text(json.dumps(
            {"n": n, "repeats": repeats, "rates": results, "memory": memory, "notes": notes,
             "traced/cedarpy_batch": ratio_traced, "untraced/python_reference": ratio_untraced},
            indent=2) + "\n", encoding="utf-8")
    print(f"traced/cedarpy_batch: {ratio_traced:.1f}")
    print(f"untraced/python_reference: {ratio_untraced:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
