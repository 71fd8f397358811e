"""Property (d): verdicts do not depend on the order of rules, items or files, and are
byte-identical across processes with different ``PYTHONHASHSEED``."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from common import build, profile
from generators import facts_for, policies
from hypothesis import given
from hypothesis import strategies as st

import govrules
from govrules.verdict import Report


def _meaning(report: Report) -> list[Any]:
    """The verdicts without what legitimately moves with the text: trace locations and the
    policy hash."""
    out = []
    for v in report.verdicts:
        d = v.to_dict()
        d.pop("trace", None)
        out.append(d)
    return out


def _shuffle_rules(item: str, order: list[int]) -> str:
    """Reorder the rules inside a decision's text."""
    parts = re.split(r"(?=\n  rule )", item.rstrip()[:-1])
    head, rules = parts[0], parts[1:]
    if not rules:
        return item
    rules = [rules[i % len(rules)] for i in order if i < len(rules)] or rules
    seen: list[str] = []
    for r in rules:
        if r not in seen:
            seen.append(r)
    seen += [r for r in parts[1:] if r not in seen]
    return head + "".join(seen) + "\n}"


@profile()
@given(policies(), st.data())
def test_item_rule_and_file_order_do_not_matter(gen: Any, data: st.DataObject) -> None:
    ps = build({"gen.pol": gen.text})
    facts = data.draw(facts_for(ps.facts, missing=0.2))
    as_of = data.draw(st.dates(dt.date(2016, 1, 1), dt.date(2032, 12, 31)))
    base = ps.evaluate(facts, as_of=as_of)
    # items in another order, rules of the decision in another order
    items = list(data.draw(st.permutations(gen.items)))
    order = data.draw(st.permutations(range(6)))
    items = [_shuffle_rules(i, list(order)) if i.startswith("decision") else i for i in items]
    shuffled = build({"gen.pol": gen.header + "\n" + "\n".join(items) + "\n"})
    assert _meaning(shuffled.evaluate(facts, as_of=as_of)) == _meaning(base)
    # split into two files, given in both orders: byte-identical reports
    cut = data.draw(st.integers(0, len(gen.items) - 1))
    a = gen.header + "\n" + "\n".join(gen.items[:cut]) + "\n"
    b = "\n".join(gen.items[cut:]) + "\n"
    if "policy p {" not in b and ("measure " in b or "decision " in b):
        b = "in policy p\n" + b
    one = build({"a.pol": a, "b.pol": b}).evaluate(facts, as_of=as_of).to_json()
    two = build({"b.pol": b, "a.pol": a}).evaluate(facts, as_of=as_of).to_json()
    assert one == two
    assert json.loads(one)["verdicts"] == json.loads(
        build({"a.pol": a, "b.pol": b}).evaluate(facts, as_of=as_of).to_json())["verdicts"]


SCRIPT = ("import govrules, json, sys; "
          "r = govrules.evaluate(sys.argv[1], json.loads(open(sys.argv[2]).read()), "
          "as_of='2024-06-01'); sys.stdout.write(r.to_json())")


@profile(scale=0.07)
@given(policies(), st.data())
def test_byte_identical_across_hash_seeds(tmp_path_factory: Any, gen: Any,
                                          data: st.DataObject) -> None:
    folder: Path = tmp_path_factory.mktemp("seed")
    ps = build({"gen.pol": gen.text})
    (folder / "gen.pol").write_text(gen.text, encoding="utf-8")
    (folder / "facts.json").write_text(json.dumps(data.draw(facts_for(ps.facts, missing=0.2))),
                                       encoding="utf-8")
    outputs = set()
    for seed in ("0", "4242"):
        proc = subprocess.run(
            [sys.executable, "-c", SCRIPT, str(folder / "gen.pol"), str(folder / "facts.json")],
            capture_output=True, text=True, encoding="utf-8", check=True,
            env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.add(proc.stdout)
    assert len(outputs) == 1
    here = govrules.evaluate(folder / "gen.pol",
                             json.loads((folder / "facts.json").read_text(encoding="utf-8")),
                             as_of="2024-06-01").to_json()
    assert outputs == {here}
