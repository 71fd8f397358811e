"""Scale run: the work-pattern decision over 10k, 100k and 1M generated positions.

For each size, writes a JSON Lines file of agencies (10 positions each, generated from a fixed
seed), then runs ``govrules eval-many`` on it in a child process and measures the wall time,
CPU time and peak resident memory (``ru_maxrss``) of that child. A run on an empty file gives
the fixed cost of a run (start-up, loading the policies), subtracted to get the cost per
position. Cost should grow linearly with the number of positions and memory should stay flat:
``evaluate_many`` holds one record at a time.

    python benchmarks/scale.py                 # 10k, 100k, 1M positions
    python benchmarks/scale.py --sizes 10000   # just one size

The policies are the shipped ``common.pol``, ``sources.pol`` and ``new_normal/work_pattern.pol``
(the decision ``work_pattern``: one verdict per position).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLICIES = [ROOT / "policies" / "common.pol", ROOT / "policies" / "sources.pol",
            ROOT / "policies" / "new_normal" / "work_pattern.pol"]
KINDS = ["public_contact", "support", "study_analysis_research", "specific_area", "supervisory"]
PATTERNS = ["staggered_hours", "counted_hours", "off_site"]
SYSTEMS = ["e_document", "e_saraban", "e_office", "e_hr", "e_comm_meeting", "data_security",
           "tech_helpdesk"]
PER_AGENCY = 10


def write_records(path: Path, positions: int, seed: int = 7) -> int:
    """Agencies of PER_AGENCY positions each, one JSON object per line; returns the count."""
    rng = random.Random(seed)
    agencies = positions // PER_AGENCY
    with path.open("w", encoding="utf-8") as fh:
        for a in range(agencies):
            systems = [s for s in SYSTEMS if rng.random() < 0.7]
            positions_ = [{"id": f"A{a}-P{p}", "kind": rng.choice(KINDS),
                           "pattern": rng.choice(PATTERNS)} for p in range(PER_AGENCY)]
            agency = {"kind": "government_agency", "internal_systems": systems,
                      "positions": positions_}
            fh.write(json.dumps({"agency": agency}, separators=(",", ":")) + "\n")
    return agencies


def run(path: Path, policy_dir: Path, out: Path) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds and peak RSS (KiB) of the child, and its result lines.

    CPU time (user + system) is the fairer measure on a shared machine: it does not count the
    time the child waited for a core.
    """
    cmd = [sys.executable, "-m", "govrules", "eval-many", str(policy_dir), str(path),
           "--as-of", "2024-06-01", "--format", "csv", "--progress", "-o", str(out)]
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu0 = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True)
    wall = time.perf_counter() - t0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime - cpu0
    if peak < before:  # pragma: no cover - ru_maxrss is a running maximum
        peak = before
    with out.open("rb") as fh:
        lines = sum(1 for _ in fh) - 1
    return wall, cpu, peak, lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000],
                    help="numbers of positions (default 10k 100k 1M), smallest first")
    ap.add_argument("--workdir", type=Path, default=None, help="where to write the data")
    args = ap.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="govrules-scale-"))
    policy_dir = work / "policies"
    policy_dir.mkdir(parents=True, exist_ok=True)
    for p in POLICIES:
        (policy_dir / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    rows = []
    # the fixed cost of a run (start Python, import, parse and check the policies, compile)
    empty = work / "positions_0.jsonl"
    empty.write_text("", encoding="utf-8")
    fixed = [run(empty, policy_dir, work / "out_0.csv") for _ in range(3)]
    start_wall = min(f[0] for f in fixed)
    start_cpu = min(f[1] for f in fixed)
    print(f"fixed cost of one run (no records): {start_wall:.2f} s wall, {start_cpu:.2f} s CPU\n")
    print("| positions | records | wall s | CPU s | CPU − fixed s | µs CPU/position | "
          "positions per CPU s | peak RSS MiB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in sorted(args.sizes):
        data = work / f"positions_{size}.jsonl"
        agencies = write_records(data, size)
        # ru_maxrss of children is a maximum over all of them, so sizes run smallest first
        wall, cpu, peak, lines = run(data, policy_dir, work / f"out_{size}.csv")
        # one row per verdict: the work-pattern decision gives one per position
        if lines < size:
            raise SystemExit(f"expected at least {size} verdicts, got {lines}")
        net = max(cpu - start_cpu, 1e-9)
        rows.append((size, agencies, net, peak))
        print(f"| {size:,} | {agencies:,} | {wall:,.1f} | {cpu:,.1f} | {net:,.1f} | "
              f"{1e6 * net / size:,.1f} | {size / net:,.0f} | {peak / 1024:,.0f} |", flush=True)
        data.unlink()
        (work / f"out_{size}.csv").unlink()
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        per_first, per_last = first[2] / first[0], last[2] / last[0]
        print(f"\nCPU per position, largest vs smallest: {per_last / per_first:.2f}x "
              f"(1.00 = linear); peak RSS {first[3] / 1024:.0f} -> {last[3] / 1024:.0f} MiB")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
