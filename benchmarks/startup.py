"""Start-up: how long a `govrules` command takes from process start to exit, and a corpus load.

Run with ``make bench`` (before the peer benchmark) or ``python benchmarks/startup.py``. Every
figure is the median of several child processes, wall and CPU time (user + system of the
child; on a shared machine CPU time is the fairer of the two). The cache lives in a temporary
folder made for the run, so nothing a user has cached counts, and byte-code is written and
used as an installed wheel would have it (``PYTHONDONTWRITEBYTECODE`` is cleared for the
children, and one run before the measurements writes it).

Measured:
  import govrules                 ``python -c "import govrules"``
  eval, cache of policy sets      ``govrules eval policies examples/agency_complete.yaml``,
                                  the checked policy set read from the on-disk cache
  eval, parser tables only        the same after every checked policy set was deleted: parser
                                  tables from the cache, the corpus parsed and checked
  eval, no cache                  ``GOVRULES_NO_CACHE=1``: the parser built from the grammar
  corpus parse + check            in a child that has built its parser: ``govrules.check`` of
                                  the shipped corpus, without the analysis and without the
                                  cache (the first check in the process)

Targets (issue 7): ``eval`` start to exit < 0.4 s; the corpus parses and checks in < 150 ms.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLICIES = ROOT / "policies"
AGENCY = ROOT / "examples" / "agency_complete.yaml"

EVAL_TARGET = 0.4
PARSE_TARGET = 0.150

_PARSE_CHILD = """
import os, sys, time
import govrules.syntax as syntax
syntax._parser()
from govrules.api import check
t = time.perf_counter()
result = check(sys.argv[1], analyze=False)
elapsed = time.perf_counter() - t
assert result.ok, result.errors
print(elapsed)
"""


def _govrules_command() -> list[str]:
    script = Path(sys.executable).with_name("govrules")
    return [str(script)] if script.exists() else [sys.executable, "-m", "govrules"]


def _child(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall and CPU seconds of one child process, and its standard output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {proc.returncode}:\n{proc.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.stdout


def _median(runs: int, command: list[str], env: dict[str, str],
            before_each: Callable[[], None] | None = None) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(runs):
        if before_each is not None:
            before_each()
        wall, cpu, _ = _child(command, env)
        walls.append(wall)
        cpus.append(cpu)
    return statistics.median(walls), statistics.median(cpus)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=9, help="children per figure (median)")
    args = parser.parse_args(argv)

    home = Path(tempfile.mkdtemp(prefix="govrules-startup-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(home)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("GOVRULES_NO_CACHE", None)
    no_cache = {**env, "GOVRULES_NO_CACHE": "1"}
    govrules = _govrules_command()
    evaluate = [*govrules, "eval", str(POLICIES), str(AGENCY), "--as-of", "2024-06-01"]

    def drop_policy_sets() -> None:
        for entry in (home / "govrules").glob("policies-*.pickle"):
            entry.unlink()

    try:
        _child(evaluate, env)  # writes byte-code, parser tables and the checked policy set
        rows = [
            ("import govrules",
             _median(args.runs, [sys.executable, "-c", "import govrules"], env), None),
            ("eval, cache of policy sets", _median(args.runs, evaluate, env), EVAL_TARGET),
            ("eval, parser tables only",
             _median(args.runs, evaluate, env, before_each=drop_policy_sets), None),
            ("eval, no cache", _median(args.runs, evaluate, no_cache), None),
        ]
        parses = [float(_child([sys.executable, "-c", _PARSE_CHILD, str(POLICIES)],
                               no_cache)[2]) for _ in range(args.runs)]
    finally:
        shutil.rmtree(home, ignore_errors=True)

    print(f"start-up, median of {args.runs} processes ({' '.join(govrules)})")
    print(f"{'what':<30} {'wall s':>8} {'CPU s':>8}  target")
    failed = False
    for name, (wall, cpu), target in rows:
        verdict = ""
        if target is not None:
            ok = wall < target
            failed |= not ok
            verdict = f"< {target:.2f} s {'met' if ok else 'NOT MET'}"
        print(f"{name:<30} {wall:>8.3f} {cpu:>8.3f}  {verdict}")
    parse = statistics.median(parses)
    ok = parse < PARSE_TARGET
    failed |= not ok
    print(f"{'corpus parse + check':<30} {parse:>8.3f} {'':>8}  "
          f"< {PARSE_TARGET:.2f} s {'met' if ok else 'NOT MET'} "
          f"(min {min(parses):.3f}, max {max(parses):.3f})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
