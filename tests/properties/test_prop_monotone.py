"""Property (e): monotonicity. Adding facts never turns a known verdict into another; an
`unknown` verdict names missing facts only, and exactly those that matter: supplying the named
facts makes progress (the verdict becomes known, or it now waits on other facts), and supplying
every other missing fact leaves it unknown."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from common import build, profile
from generators import facts_for, nest, policies
from hypothesis import given
from hypothesis import strategies as st

from govrules.facttypes import ListType
from govrules.model import PolicySet
from govrules.verdict import Report


def flatten(ps: PolicySet, facts: dict[str, Any]) -> dict[str, Any]:
    """Key path → value: top-level facts, and each field of each record of a list."""
    flat: dict[str, Any] = {}
    for name in ps.facts:
        node: Any = facts
        for part in name.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            continue
        if isinstance(ps.facts[name].type, ListType):
            flat[name] = len(node)
            for i, rec in enumerate(node):
                for field, value in rec.items():
                    flat[f"{name}[{i}].{field}"] = value
        else:
            flat[name] = node
    return flat


def unflatten(ps: PolicySet, flat: dict[str, Any]) -> dict[str, Any]:
    top: dict[str, Any] = {}
    for path, value in flat.items():
        m = re.fullmatch(r"(.+)\[(\d+)\]\.(\w+)", path)
        if m is None:
            if isinstance(ps.facts[path].type, ListType):
                top.setdefault(path, [{} for _ in range(value)])
            else:
                top[path] = value
    for path, value in flat.items():
        m = re.fullmatch(r"(.+)\[(\d+)\]\.(\w+)", path)
        if m is not None and m[1] in top:
            top[m[1]][int(m[2])][m[3]] = value
    return nest(top)


def covered(path: str, names: set[str]) -> bool:
    return any(path == n or path.startswith(n + "[") or path.startswith(n + ".") for n in names)


def verdicts(report: Report) -> dict[tuple[str, str | None], Any]:
    return {(v.rule_id, v.subject): v for v in report.verdicts}


@profile(scale=2)
@given(policies(), st.data())
def test_adding_facts_is_monotone(gen: Any, data: st.DataObject) -> None:
    ps = build({"gen.pol": gen.text})
    full = flatten(ps, data.draw(facts_for(ps.facts)))
    as_of = data.draw(st.dates(dt.date(2016, 1, 1), dt.date(2032, 12, 31)))
    kept = {p for p in full if data.draw(st.booleans())}
    kept = {p for p in kept if not re.search(r"\[\d+\]", p) or p.split("[")[0] in kept}
    partial = {p: full[p] for p in kept}
    complete = verdicts(ps.evaluate(unflatten(ps, full), as_of=as_of))
    part = verdicts(ps.evaluate(unflatten(ps, partial), as_of=as_of))
    absent = set(full) - kept
    with_subjects = {cd.decision.id for cd in ps.decisions if cd.decision.subject is not None}
    for key, v in part.items():
        if v.status.value != "unknown":
            assert key in complete, key
            assert complete[key].status is v.status, key
            continue
        named = set(v.missing)
        assert named, key
        for p in named:  # only missing facts are named
            assert p not in kept, (key, p)
        if key[1] is None and key[0] in with_subjects:
            continue  # a missing list of subjects: supplying it brings subjects, not a verdict
        more = {p: full[p] for p in absent if covered(p, named)}
        after = verdicts(ps.evaluate(unflatten(ps, {**partial, **more}), as_of=as_of))[key]
        if after.status.value == "unknown":  # progress: now it waits on other facts
            assert not set(after.missing) & named, (key, named, after.missing)
        others = {p: full[p] for p in absent if not covered(p, named)}
        still = verdicts(ps.evaluate(unflatten(ps, {**partial, **others}), as_of=as_of))[key]
        assert still.status.value == "unknown", (key, named)


GATED_METHOD = """
source doc { title en "d" }
policy p { title en "p" }
fact g.a : bool
fact g.b : bool
measure m must {
  cite doc: item 1
  applies when g.a
  method 1 { cite method 1  require g.b }
}
"""


def test_method_missing_names_the_measure_gate() -> None:
    """Regression (found by the monotonicity property): a method under an undecided measure
    names the measure's gate facts."""
    ps = build({"gen.pol": GATED_METHOD})
    method = ps.evaluate({}, as_of="2024-06-01").verdict("m.m1")
    assert method.status.value == "unknown"
    decided = ps.evaluate({"g": {"a": False}}, as_of="2024-06-01").verdict("m.m1")
    assert decided.status.value == "not_applicable"
    assert "g.a" in method.missing


EXCEPTED_METHOD = """
source doc { title en "d" }
policy p { title en "p" }
fact g.a : bool
measure m must {
  cite doc: item 1
  unless g.a
  method 1 { cite method 1  require false }
}
"""


def test_method_under_undecided_exception_is_not_judged() -> None:
    """Regression (found by the monotonicity property): a method is not judged while its
    measure's exception is unknown."""
    ps = build({"gen.pol": EXCEPTED_METHOD})
    partial = ps.evaluate({}, as_of="2024-06-01").verdict("m.m1")
    complete = ps.evaluate({"g": {"a": True}}, as_of="2024-06-01").verdict("m.m1")
    assert complete.status.value == "not_applicable"
    assert partial.status.value in ("unknown", "not_applicable")
