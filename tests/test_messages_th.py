"""Thai diagnostics (``govrules.messages_th``): every code the package emits has a template, and
real diagnostics of the codes whose messages embed noun phrases (``measure `m```, ``rule `r` of
decision `d```...) come out wholly in Thai, user text in backticks untouched and the witness of an
analysis finding kept as it is. The diagnostics of facts files, record streams, policy tests,
``explain`` and decision logs are made by running the code that reports them."""

from __future__ import annotations

import json
import os
import re
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

import govrules
from govrules import analysis, checker, decision_log, explain, stream, testing
from govrules.errors import Diagnostic, FactsError, GovrulesError, Span
from govrules.facts import load_facts
from govrules.facttypes import (
    BOOL,
    DATE,
    DECIMAL,
    INT,
    TEXT,
    EnumType,
    FactDecl,
    ListType,
    RecordType,
    SetType,
)
from govrules.messages_th import HINTS, MESSAGES, PHRASES, translate, translate_text
from govrules.model import PolicySet

HEAD = 'source doc { title en "d" }\npolicy p { }\n'
"""A source document and a policy header, as in tests/test_check.py."""

POSITIONS = """
record position { kind : text  remote : bool }
fact agency.positions : list of position
"""

RELATIVE_HINT = ("กฎทุกข้อต้องอ้างอิงแหล่งที่มา: เพิ่ม `cite DOC: section 50 …` หรือ `{}` "
                 "เพื่ออ้างอิงต่อจากการอ้างอิงของมาตรการหรือการตัดสินใจที่ครอบอยู่")
DOCUMENT_HINT = ("เขียน `cite DOC: section 50 …` เฉพาะวิธีการ ทางเลือก และกฎเท่านั้นที่อ้างอิงต่อจาก"
                 "การอ้างอิงของมาตรการหรือการตัดสินใจที่ครอบอยู่ได้")
CONDITION_HINT = ("เงื่อนไขคือการเปรียบเทียบ เช่น `agency.staff > 10` ข้อเท็จจริงชนิด `bool` "
                  "หรือเงื่อนไขหลายข้อที่เชื่อมด้วย `and` / `or`")


def measure(require: str, extra: str = "") -> str:
    """A well-cited measure around one condition."""
    return f"measure m must {{ cite doc: section 1 {extra} require {require} }}\n"


def assert_thai(text: str, *kept: str) -> None:
    """No English word is left outside backticks (``A<number>`` is inside them), but the
    technical tokens ``kept`` (``UTF-8``, ``JSON``, type names...)."""
    rest = re.sub(r"`[^`]*`", "", text)
    if kept:
        rest = re.sub(r"\b(?:" + "|".join(map(re.escape, kept)) + r")\b", "", rest)
    assert not re.search(r"[A-Za-z]", rest), text


TECHNICAL = ("UTF-8", "UTF-16", "NUL", "YAML", "JSON", "TOML", "CSV", "Parquet", "pyarrow",
             "mapping", "null", "NaN", "MiB", "sha256", "TIS-620", "Windows-874")
"""Technical tokens the Thai texts keep as they are (as the existing entries do)."""


def write_policy(folder: Path, body: str, *, head: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = (HEAD if head else "") + textwrap.dedent(body).lstrip("\n")
    (folder / "t.pol").write_text(text, encoding="utf-8")
    return folder


def in_thai(folder: Path, code: str) -> list[Diagnostic]:
    """The diagnostics with ``code`` of checking (and analysing) ``folder``, in Thai."""
    return [translate(d) for d in govrules.check(folder).diagnostics if d.code == code]


# ---------------------------------------------------------------------------- coverage


def test_every_code_has_a_thai_template() -> None:
    for code in [*checker.CODES, *analysis.CODES]:
        assert MESSAGES.get(code), f"{code} has no Thai template in messages_th.MESSAGES"


NOT_EMITTED = {"E605"}
"""Codes that are documented but never reported: ``testing.CODES`` names E605 ("a test's facts
cannot be loaded"), but facts that cannot be loaded raise their own E4xx diagnostics."""


def codes_in_source() -> dict[str, list[str]]:
    """Every code written as a string literal (``"E412"``) in the package, with the files."""
    found: dict[str, list[str]] = {}
    for path in sorted(Path(govrules.__file__).parent.rglob("*.py")):
        if path.name != "messages_th.py":
            for code in re.findall(r'"([EW]\d{3})"', path.read_text(encoding="utf-8")):
                found.setdefault(code, []).append(path.name)
    return found


def test_every_code_of_the_package_has_a_thai_template() -> None:
    found = codes_in_source()
    # the scan sees the codes of every stage, including those built in several places
    assert {*checker.CODES, *analysis.CODES, *testing.CODES, *explain.CODES} <= found.keys()
    assert {"E400", "W400", "E401", "E420", "E421", "E422", "E701", "E704"} <= found.keys()
    missing = sorted(c for c in found if c not in NOT_EMITTED and not MESSAGES.get(c))
    assert not missing, f"no Thai template in messages_th.MESSAGES for {missing}"
    # E605 is only named in testing.CODES: once something reports it, it needs a template
    assert found["E605"] == ["testing.py"]
    # and the catalogue has no template for a code that does not exist
    assert not MESSAGES.keys() - found.keys()


def test_templates_are_well_formed() -> None:
    # Every English template has as many pieces as its Thai template uses, and every phrase
    # has text of its own (so that translating the pieces of a phrase comes to an end).
    for english, thai in [*(p for ps in MESSAGES.values() for p in ps), *HINTS, *PHRASES]:
        n = english.count("{}")
        filled = thai.format(*[f"\x00{i}\x00" for i in range(n)])
        assert all(f"\x00{i}\x00" in filled for i in range(n)), english
    assert all(english.replace("{}", "") for english, _ in PHRASES)


# ---------------------------------------------------------------------------- the checker


CHECKER_CASES = [
    pytest.param(
        "E211", "enum state { ready idle }\nfact s : state\nfact ready : bool\n"
        + measure("ready and s == idle"),
        ["`ready` เป็นทั้งข้อเท็จจริงและค่าของ `state`"],
        "เปลี่ยนชื่อค่า enum หรือชื่อข้อเท็จจริง", id="E211-fact"),
    pytest.param(
        "E211", "enum state { ready idle }\nfact s : state\ndefine ready = s == idle\n"
        + measure("ready"),
        ["`ready` เป็นทั้งนิยามและค่าของ `state`"],
        "เปลี่ยนชื่อค่า enum หรือชื่อนิยาม", id="E211-definition"),
    pytest.param(
        "E235", "fact a : bool\nmeasure s50.1 must { require a }\n",
        ["มาตรการ `s50.1` ไม่ได้อ้างอิงแหล่งที่มา"],
        "กฎทุกข้อต้องอ้างอิงแหล่งที่มา: เพิ่ม `cite DOC: section 50 …`", id="E235-measure"),
    pytest.param(
        "E235", "fact a : bool\nmeasure m must { cite doc: section 1\n"
        "  method ๒ { require a }\n}\n"
        "decision d { cite doc: item 1 option x rule r may allow x { when a } }\n",
        ["วิธีการ 2 ของมาตรการ `m` ไม่ได้อ้างอิงแหล่งที่มา",
         "ทางเลือก `x` ของการตัดสินใจ `d` ไม่ได้อ้างอิงแหล่งที่มา",
         "กฎ `r` ของการตัดสินใจ `d` ไม่ได้อ้างอิงแหล่งที่มา"],
        RELATIVE_HINT.format("cite method ๓"), id="E235-method-option-rule"),
    pytest.param(
        "E235", "fact a : bool\n"
        "decision d { option x { cite option 1 } rule r may allow x { cite item 1 when a } }\n"
        'item s50.goal.1 { title en "Well-being" }\n',
        ["การตัดสินใจ `d` ไม่ได้อ้างอิงแหล่งที่มา", "รายการ `s50.goal.1` ไม่ได้อ้างอิงแหล่งที่มา"],
        "กฎทุกข้อต้องอ้างอิงแหล่งที่มา: เพิ่ม `cite DOC: section 50 …`",
        id="E235-decision-item"),
    pytest.param(
        "E236", "fact a : bool\nmeasure m must { cite section 50 require a }\n",
        ["การอ้างอิงของมาตรการ `m` ไม่ได้ระบุเอกสารแหล่งที่มา"], DOCUMENT_HINT,
        id="E236-measure"),
    pytest.param(
        "E236", "fact a : bool\ndecision d { cite item 1 option x { cite option 1 }\n"
        "  rule r may allow x { cite item 1 when a } }\nitem g.1 { cite goal 1 }\n",
        ["การอ้างอิงของการตัดสินใจ `d` ไม่ได้ระบุเอกสารแหล่งที่มา",
         "การอ้างอิงของรายการ `g.1` ไม่ได้ระบุเอกสารแหล่งที่มา"], DOCUMENT_HINT,
        id="E236-decision-item"),
    pytest.param(
        "E240", "fact a : bool\n" + measure("a") + measure("a"),
        ["รหัสมาตรการ `m` ถูกใช้มากกว่าหนึ่งครั้ง"], None, id="E240-measure"),
    pytest.param(
        "E240", "fact a : bool\n"
        + "decision d { cite doc: item 1 option x { cite option 1 }\n"
        "  rule r may allow x { cite item 1 when a } }\n" * 2,
        ["รหัสการตัดสินใจ `d` ถูกใช้มากกว่าหนึ่งครั้ง"], None, id="E240-decision"),
    pytest.param(
        "E240", "item s50.goal.1 { cite doc: goal 1 }\nitem s50.goal.1 { cite doc: goal 1 }\n",
        ["รหัสรายการ `s50.goal.1` ถูกใช้มากกว่าหนึ่งครั้ง"], None, id="E240-item"),
    pytest.param(
        "E241", "fact a : bool\nmeasure m must { cite doc: section 1\n"
        "  method ๑ { cite method ๑ require a }\n"
        "  method 1 { cite method 1 require a }\n}\n",
        ["วิธีการ 1 ปรากฏสองครั้งในมาตรการ `m`"], None, id="E241"),
    pytest.param(
        "E242", "fact a : bool\nmeasure m must { cite doc: section 1 require all methods }\n",
        ["ใช้ `require all methods` แต่มาตรการ `m` ไม่มีวิธีการ"],
        "เขียน `require CONDITION` แทน", id="E242-measure"),
    pytest.param(
        "E242", "measure m must { cite doc: section 1\n"
        "  method 1 { cite method 1 require any methods }\n}\n",
        ["ใช้ `require any methods` แต่วิธีการ 1 ของมาตรการ `m` ไม่มีวิธีการ"],
        "เขียน `require CONDITION` แทน", id="E242-method"),
    pytest.param(
        "E243", "measure m must { cite doc: section 1 }\n",
        ["มาตรการ `m` ไม่มีทั้ง `require` และวิธีการ"],
        "เพิ่ม `require CONDITION` หรือเพิ่มวิธีการที่มี `require` ของตัวเอง", id="E243"),
    pytest.param(
        "E244", "measure m must { cite doc: section 1\n  method 3 { cite method 3 }\n}\n",
        ["วิธีการ 3 ของมาตรการ `m` ไม่มี `require`"],
        "ระบุว่าวิธีการนี้บรรลุเมื่อใด: `require CONDITION`", id="E244"),
    pytest.param(
        "E258", "fact a : bool\n" + measure("a", 'explain th "{a"'),
        ["`{` ยังไม่ได้ปิดในคำอธิบาย"],
        "ตัวยึดตำแหน่งคือชื่อในวงเล็บปีกกา เช่น `{agency.name}` "
        "หากต้องการวงเล็บปีกกาเป็นตัวอักษรธรรมดา ให้เขียน `{{`", id="E258-unclosed"),
    pytest.param(
        "E258", "fact a : bool\n" + measure("a", 'explain th "{ }"'),
        ["`{ }` ไม่ใช่ตัวยึดตำแหน่ง"], None, id="E258-empty"),
    pytest.param(
        "E301", POSITIONS + """
        decision work_pattern {
          cite doc: item 4
          for position in agency.positions
          option off_site { cite option 2 }
          rule r1 may allow off_site { cite item 1 when position.kind }
        }
        """,
        ["`when` ต้องใช้เงื่อนไขชนิด `bool` แต่พบ `text`"], CONDITION_HINT, id="E301-when"),
    pytest.param(
        "E311", "fact n : int\ndecision d { cite doc: item 1 for x in n option a "
        "{ cite option 1 } rule r may allow a { cite item 1 when x.y } }\n",
        ["`for` ต้องใช้รายการของระเบียน แต่พบ `int`"],
        "ระบุข้อเท็จจริงชนิด `list of RECORD`", id="E311-for"),
    pytest.param(
        "E311", "enum sys { a }\nfact s : set of sys\n" + measure("any(x in s: x.y)"),
        ["`any` ต้องใช้รายการของระเบียน แต่พบ `set of sys`"],
        "ระบุข้อเท็จจริงชนิด `list of RECORD`", id="E311-any"),
    pytest.param(
        "W205", "fact a : bool\n" + measure("a", "ambiguity five"),
        ["ความกำกวม `five` ไม่อยู่ในรูปแบบ `A<number>`"],
        "ความกำกวมใช้หมายเลขตามบัญชีรายการของโดเมน เช่น `A5`", id="W205"),
]


@pytest.mark.parametrize(("code", "body", "messages", "hint"), CHECKER_CASES)
def test_checker_diagnostics_in_thai(tmp_path: Path, code: str, body: str,
                                     messages: list[str], hint: str | None) -> None:
    found = in_thai(write_policy(tmp_path / "policies", body), code)
    assert [d.message for d in found] == messages
    for d in found:
        assert_thai(d.message)
    if hint is not None:
        assert found[0].hint == hint


def test_location_hints_of_duplicates_in_thai(tmp_path: Path) -> None:
    folder = write_policy(tmp_path / "policies", "fact a : bool\n" + measure("a") * 2)
    [d] = in_thai(folder, "E240")
    assert d.hint is not None and re.fullmatch(r"ใช้ครั้งแรกที่ .*t\.pol:4:1", d.hint), d.hint
    folder = write_policy(tmp_path / "methods", "fact a : bool\nmeasure m must { "
                          "cite doc: section 1\n  method 1 { cite method 1 require a }\n"
                          "  method 1 { cite method 1 require a }\n}\n")
    [d] = in_thai(folder, "E241")
    assert d.hint is not None and re.fullmatch(r"ระบุครั้งแรกที่ .*t\.pol:5:3", d.hint), d.hint


@pytest.mark.parametrize(
    ("clause", "message"),
    [
        ("require n", "`require` ต้องใช้เงื่อนไขชนิด `bool` แต่พบ `int`"),
        ("applies when n require true", "`applies when` ต้องใช้เงื่อนไขชนิด `bool` แต่พบ `int`"),
        ("unless n require true", "`unless` ต้องใช้เงื่อนไขชนิด `bool` แต่พบ `int`"),
        ("require not n", "`not` ต้องใช้เงื่อนไขชนิด `bool` แต่พบ `int`"),
        ("require true and n", "`and` ต้องใช้เงื่อนไขชนิด `bool` แต่พบ `int`"),
        ("require true or n", "`or` ต้องใช้เงื่อนไขชนิด `bool` แต่พบ `int`"),
        ("require all(p in agency.positions: p.kind)",
         "ส่วนเนื้อหาของ `all` ต้องใช้เงื่อนไขชนิด `bool` แต่พบ `text`"),
    ],
)
def test_e301_every_clause_in_thai(tmp_path: Path, clause: str, message: str) -> None:
    body = POSITIONS + f"fact n : int\nmeasure m must {{ cite doc: section 1 {clause} }}\n"
    [d] = in_thai(write_policy(tmp_path / "policies", body), "E301")
    assert d.message == message
    assert d.hint == CONDITION_HINT
    assert_thai(d.message)


# ---------------------------------------------------------------------------- the analysis


ANALYSED = """
fact a : bool
fact b : bool
fact n : int
fact k : int
measure m1 must {
  cite doc: section 1
  applies when a and not a
  require b
}
measure m2 must {
  cite doc: section 2
  applies when a
  unless a
  require b
}
measure m3 must {
  cite doc: section 3
  require b
  unless a and not a
}
measure m4 must {
  cite doc: section 4
  applies when n > k
  require b
}
measure m5 must {
  cite doc: section 5
  method 1 {
    cite method 1
    applies when a and not a
    require b
  }
}
decision d {
  cite doc: item 1
  option x { cite option 1 }
  rule r1 must exclude x { cite item 1 when a }
  rule r2 may allow x { cite item 2 when b }
  rule r3 should recommend x { cite item 3 when b }
}
decision e {
  cite doc: item 2
  option y { cite option 1 }
  rule strong should recommend y { cite item 1 when a priority 2 }
  rule weak may allow y { cite item 2 when a and b priority 1 }
  rule never may allow y { cite item 3 when a and not a }
  rule exempt may allow y { cite item 4 when b unless b }
  rule odd may allow y { cite item 5 when b unless a and not a }
}
"""

TESTS = """\
as_of: 2024-06-01
tests:
  - name: a only
    facts: {a: true}
    expect: {}
"""

CHECKED = "(ตรวจครบทั้ง {} กรณีของค่าที่เป็นไปได้ของ {})"
WITNESS = re.compile(r'\{"as_of":"2024-06-01","facts":\{.*\}\}\Z')


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> list[Diagnostic]:
    """The diagnostics of the policy above and its one test file, in Thai (in order)."""
    folder = write_policy(tmp_path_factory.mktemp("analysed") / "policies", ANALYSED)
    (folder / "t.test.yaml").write_text(TESTS, encoding="utf-8")
    return [translate(d) for d in govrules.check(folder).diagnostics]


def of(found: list[Diagnostic], code: str) -> list[Diagnostic]:
    return [d for d in found if d.code == code]


def split_witness(d: Diagnostic) -> str:
    """The hint of a finding that must carry a witness (a field of its own, untouched)."""
    assert d.witness is not None and WITNESS.match(d.witness), d.witness
    assert d.hint is not None
    return d.hint


def test_e501_conflict_in_thai(analysed: list[Diagnostic]) -> None:
    allow, recommend = of(analysed, "E501")
    assert allow.message == "กฎ `r1` และ `r2` ของการตัดสินใจ `d` ขัดกันที่ทางเลือก `x`"
    assert recommend.message == "กฎ `r1` และ `r3` ของการตัดสินใจ `d` ขัดกันที่ทางเลือก `x`"
    assert split_witness(allow) == (
        "กฎทั้งสองทำงานพร้อมกันได้ในกรณีเดียวกัน โดย `r1` ตัดทางเลือกนั้นออกแต่ `r2` "
        "อนุญาตให้เลือก และไม่มีกฎใดมีผลเหนืออีกกฎหรือมีลำดับความสำคัญสูงกว่า: เพิ่ม "
        "`overrides r1` ให้ `r2` (หรือกลับกัน) หรือเพิ่ม `priority` หรือ `unless`")
    assert split_witness(recommend).startswith(
        "กฎทั้งสองทำงานพร้อมกันได้ในกรณีเดียวกัน โดย `r1` ตัดทางเลือกนั้นออกแต่ `r3` "
        "แนะนำทางเลือกนั้น และ")
    for d in (allow, recommend):
        assert_thai(d.message)
        assert_thai(split_witness(d))


def test_w502_never_applies_in_thai(analysed: list[Diagnostic]) -> None:
    found = of(analysed, "W502")
    assert [d.message for d in found] == [
        "มาตรการ `m1` ไม่มีทางใช้บังคับได้",
        "วิธีการ `m5.m1` ไม่มีทางใช้บังคับได้",
        "กฎ `never` ไม่มีทางใช้บังคับได้",
    ]
    assert found[0].hint == ("เงื่อนไขและช่วงเวลาที่มีผลไม่มีทางเป็นจริงพร้อมกัน "
                             + CHECKED.format(2, "`a`"))
    assert found[2].hint == ("เงื่อนไขและช่วงเวลาที่มีผลไม่มีทางเป็นจริงพร้อมกัน "
                             + CHECKED.format(4, "`a`, `b`"))
    for d in found:
        assert_thai(d.message)
        assert_thai(d.hint or "")


def test_w503_exception_always_applies_in_thai(analysed: list[Diagnostic]) -> None:
    found = of(analysed, "W503")
    assert [d.message for d in found] == [
        "เข้าข้อยกเว้นของมาตรการ `m2` เสมอ",
        "เข้าข้อยกเว้นของกฎ `exempt` เสมอ",
    ]
    assert split_witness(found[0]) == (
        "ทุกกรณีที่จะใช้บังคับ จะมีเงื่อนไข `unless` ที่เป็นจริงด้วยเสมอ "
        + CHECKED.format(2, "`a`"))
    assert found[0].witness == '{"as_of":"2024-06-01","facts":{"a":true}}'


def test_w504_exception_never_applies_in_thai(analysed: list[Diagnostic]) -> None:
    found = of(analysed, "W504")
    assert [d.message for d in found] == [
        "ไม่มีทางเข้าข้อยกเว้นนี้ของมาตรการ `m3`",
        "ไม่มีทางเข้าข้อยกเว้นนี้ของกฎ `odd`",
    ]
    assert found[0].hint == ("ข้อยกเว้นนี้ไม่เป็นจริงเลยในกรณีที่เงื่อนไขอื่นเป็นจริง "
                             + CHECKED.format(2, "`a`"))
    for d in found:
        assert_thai(d.message)


def test_w505_shadowed_rule_in_thai(analysed: list[Diagnostic]) -> None:
    [d] = of(analysed, "W505")
    assert d.message == "กฎ `weak` ของการตัดสินใจ `e` ถูกบดบัง"
    assert split_witness(d) == (
        "ทุกครั้งที่กฎนี้ทำงาน จะมีกฎที่มีผลเหนือกว่าทำงานด้วย (`strong`) "
        "และการทำงานของกฎนี้ไม่ทำให้ผลใดเปลี่ยน " + CHECKED.format(4, "`a`, `b`"))
    assert_thai(d.message)


def test_w506_untested_fact_in_thai(analysed: list[Diagnostic]) -> None:
    found = of(analysed, "W506")
    assert [d.message for d in found] == [
        "ไม่มีการทดสอบนโยบายใดกำหนดค่าข้อเท็จจริง `b`",
        "ไม่มีการทดสอบนโยบายใดกำหนดค่าข้อเท็จจริง `n`",
        "ไม่มีการทดสอบนโยบายใดกำหนดค่าข้อเท็จจริง `k`",
    ]
    assert found[0].hint == (
        "ไม่มีไฟล์ทดสอบนโยบายใดใน 1 ไฟล์ที่กำหนดค่าให้ข้อเท็จจริงนี้ จึงไม่มีการทดสอบที่แสดงว่า"
        "ผลการพิจารณาขึ้นอยู่กับข้อเท็จจริงนี้อย่างไร ให้เพิ่มการทดสอบที่กำหนดค่านี้")


def test_w507_not_proven_in_thai(analysed: list[Diagnostic]) -> None:
    [d] = of(analysed, "W507")
    assert d.message == "ยังพิสูจน์ความสอดคล้องของมาตรการ `m4` ไม่ได้"
    assert d.hint == ("`k`: ถูกเปรียบเทียบกับข้อเท็จจริงอื่น; "
                      "การวิเคราะห์จึงไม่ได้สรุปว่าไม่มีทางขัดกันหรือไม่มีทางใช้บังคับ")
    assert_thai(d.message)
    assert_thai(d.hint)


def test_every_analysis_finding_is_in_thai(analysed: list[Diagnostic]) -> None:
    assert {d.code for d in analysed} == {"E501", "W502", "W503", "W504", "W505", "W506",
                                          "W507"}
    for d in analysed:
        assert_thai(d.message)


@pytest.mark.parametrize(
    ("why", "thai"),
    [
        ("`agency.positions`: field `kind`: it is used in arithmetic or `size`",
         "`agency.positions`: ฟิลด์ `kind`: ถูกใช้ในการคำนวณหรือใน `size`"),
        ("`s`: set of 20 values: it is compared with a computed value",
         "`s`: เซตของค่า 20 ค่า: ถูกเปรียบเทียบกับค่าที่คำนวณได้"),
        ("as_of: it is compared through a definition or a computation",
         "`as_of`: ถูกเปรียบเทียบผ่านนิยามหรือการคำนวณ"),
        ("4096 combinations of the values of `a`, `b` exceed the limit of 1000",
         "ค่าที่เป็นไปได้ของ `a`, `b` มี 4096 กรณี เกินขีดจำกัด 1000 กรณี"),
        ("`agency.positions`: lists of up to 2 records of 8 kinds are too many",
         "`agency.positions`: รายการที่มีได้ถึง 2 ระเบียนจากระเบียน 8 แบบมีจำนวนมากเกินไป"),
        ("the engine did not confirm a conflict between rules `a` and `b` found by the analysis",
         "เครื่องประเมินไม่ยืนยันการขัดกันระหว่างกฎ `a` และ `b` ที่การวิเคราะห์พบ"),
    ],
)
def test_reasons_of_w507_in_thai(why: str, thai: str) -> None:
    suffix = "; the analysis makes no claim that it can never conflict or never apply"
    got = translate_text(why + suffix, HINTS)
    assert got == thai + "; การวิเคราะห์จึงไม่ได้สรุปว่าไม่มีทางขัดกันหรือไม่มีทางใช้บังคับ"


# ---------------------------------------------------------------------------- the witness


def test_witness_is_kept_by_translation() -> None:
    witness = '{"as_of":"2024-06-01","facts":{"note":"x","a":true}}'
    hint = ("whenever it would apply, an `unless` holds (checked all 2 combinations of the "
            "values of `a`)")
    d = Diagnostic("W503", "the exception of measure `m` always applies", Span("t.pol"), hint,
                   witness=witness)
    th = translate(d)
    assert th.message == "เข้าข้อยกเว้นของมาตรการ `m` เสมอ"
    assert th.hint == ("ทุกกรณีที่จะใช้บังคับ จะมีเงื่อนไข `unless` ที่เป็นจริงด้วยเสมอ "
                       f"{CHECKED.format(2, '`a`')}")
    assert th.witness == witness


def test_backticked_pieces_are_never_translated_as_phrases() -> None:
    # `measure `m`` inside backticks is user text: carried over, never turned into Thai.
    assert translate_text("unknown name `measure `m``", MESSAGES["E210"]) == (
        "ไม่รู้จักชื่อ `measure `m``")
    # An untranslatable piece stays as it is.
    assert translate_text("something new cites no source", MESSAGES["E235"]) == (
        "something new ไม่ได้อ้างอิงแหล่งที่มา")


def test_hints_with_literal_braces_translate() -> None:
    # The Thai templates escape their braces (`{{ … }}`), so filling them in does not fail.
    d = Diagnostic("E228", "enum `x` has no values", Span("t.pol"),
                   "list its values in the braces: `enum NAME { a b c }`")
    assert translate(d).hint == "ระบุค่าในวงเล็บปีกกา: `enum NAME { a b c }`"
    d = Diagnostic("E230", "file `t.pol` has no policy", Span("t.pol"),
                   "a file with measures or decisions starts with `policy ID { … }` or "
                   "`in policy ID`")
    assert translate(d).hint == ("ไฟล์ที่มีมาตรการหรือการตัดสินใจต้องขึ้นต้นด้วย `policy ID { … }` "
                                 "หรือ `in policy ID`")


def test_did_you_mean_with_two_or_three_names_in_thai() -> None:
    # (policy tests and `explain` offer up to three names; the one-name form must not take them)
    assert translate_text("did you mean `a` or `b`?", HINTS) == "หมายถึง `a` หรือ `b` หรือไม่"
    assert translate_text("did you mean `a` or `b` or `c`?", HINTS) == (
        "หมายถึง `a`, `b` หรือ `c` หรือไม่")
    assert translate_text("did you mean `2567-01-01` (C.E.)?", HINTS) == (
        "หมายถึง `2567-01-01` (ค.ศ.) หรือไม่")


# ---------------------------------------------------------------------------- facts files


KIND = EnumType("agency_kind", ("ministry", "department", "province"))
SYSTEM = EnumType("system", ("a", "b"))
POSITION = RecordType("position", (("kind", TEXT), ("remote", BOOL)))
DECLS = {d.name: d for d in (
    FactDecl("agency.kind", KIND), FactDecl("agency.staff", INT),
    FactDecl("agency.budget", DECIMAL), FactDecl("agency.name", TEXT),
    FactDecl("agency.founded", DATE), FactDecl("agency.open", BOOL),
    FactDecl("systems", SetType(SYSTEM)), FactDecl("agency.positions", ListType(POSITION)),
)}
"""Declared facts of every kind, for :func:`govrules.facts.load_facts`."""

TYPES = ("int", "bool", "text", "decimal", "date", "set of", "list of", "agency_kind", "system",
         "position")
"""Type names of the policy language, which the facts messages keep as they are (`expected int at
`x`, found bool `true`` -> `ที่ `x` ควรเป็น int แต่พบ bool `true``)."""

ALL_TYPES_NAMED = ("`agency.budget`, `agency.founded`, `agency.kind`, `agency.name`, "
                   "`agency.open`")
KIND_VALUES = "`ministry`, `department`, `province`"
DATE_HINT = "เขียนวันที่ในรูปแบบ `YYYY-MM-DD` ซึ่งอาจตามด้วย `BE` หรือ `CE`"
RANGE_HINT = "ตัวเลขต้องอยู่ในช่วง ±1,000,000,000,000,000,000"
FINITE_HINT = "ไม่อนุญาตให้ใช้ค่า NaN หรือค่าอนันต์ในข้อเท็จจริง"
SUFFIX_HINT = "ไฟล์ข้อเท็จจริงต้องมีนามสกุล `.yaml`, `.yml`, `.json`, `.toml`"
TWICE_HINT = "เขียนไว้ครั้งแรกที่บรรทัด {} ให้ระบุข้อเท็จจริงแต่ละรายการเพียงครั้งเดียว"


def facts_in_thai(path: Path, code: str | None = None) -> list[Diagnostic]:
    """The diagnostics (with ``code``) of loading the facts file at ``path``, in Thai."""
    try:
        found = load_facts(path, DECLS).warnings
    except FactsError as exc:
        found = exc.diagnostics
    return [translate(d) for d in found if code is None or d.code == code]


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


FACTS_CASES = [
    pytest.param("facts.txt", "a: 1\n", "E401",
                 [("ไม่รองรับนามสกุลไฟล์ข้อเท็จจริง: `.txt`", SUFFIX_HINT)], id="E401-suffix"),
    pytest.param("facts", "a: 1\n", "E401",
                 [("ไม่รองรับนามสกุลไฟล์ข้อเท็จจริง: ไม่มีนามสกุล", SUFFIX_HINT)], id="E401-none"),
    pytest.param("f.yaml", b"\xff\xfea\x00", "E404",
                 [("ไฟล์ข้อเท็จจริงมีไบต์ NUL ที่ตำแหน่ง 3",
                   "ไฟล์นี้ดูเหมือนบันทึกเป็น UTF-16 ให้บันทึกเป็น UTF-8")], id="E404-utf16"),
    pytest.param("f.yaml", b"a: \x00\n", "E404",
                 [("ไฟล์ข้อเท็จจริงมีไบต์ NUL ที่ตำแหน่ง 3",
                   "ไฟล์ข้อเท็จจริงต้องเป็นไฟล์ข้อความ ไฟล์นี้เป็นไฟล์ไบนารีหรือไม่")],
                 id="E404-binary"),
    pytest.param("f.yaml", b"a: \xe9\n", "E404",
                 [("ไฟล์ข้อเท็จจริงไม่ได้เข้ารหัสเป็น UTF-8 ที่ถูกต้อง: ไบต์ `0xe9` ที่ตำแหน่ง 3",
                   "บันทึกไฟล์เป็น UTF-8 (สาเหตุที่พบบ่อยคือข้อความภาษาไทยที่บันทึกเป็น TIS-620 "
                   "หรือ Windows-874)")], id="E404-encoding"),
    pytest.param("f.yaml", "# only a comment\n", "E405",
                 [("ไฟล์ข้อเท็จจริงว่างเปล่า", "ไฟล์มีเพียงหมายเหตุหรือ `null`")], id="E405"),
    pytest.param("f.yaml", "---\na: 1\n---\nb: 2\n", "E406",
                 [("ไฟล์ข้อเท็จจริงมีเอกสาร YAML มากกว่าหนึ่งเอกสาร",
                   "ไฟล์ข้อเท็จจริงประกอบด้วย mapping เดียว ให้ลบ `---` ตัวที่สองออก")],
                 id="E406-documents"),
    pytest.param("f.yaml", "agency: &x {kind: ministry}\nother: *x\n", "E407",
                 [("ไม่อนุญาตให้ใช้แองเคอร์ (`&x`) ในไฟล์ข้อเท็จจริง",
                   "เขียนค่าให้ครบถ้วนในทุกตำแหน่งที่ต้องใช้"),
                  ("ไม่อนุญาตให้ใช้เอเลียส (`*x`) ในไฟล์ข้อเท็จจริง",
                   "เขียนค่าให้ครบถ้วนในทุกตำแหน่งที่ต้องใช้")], id="E407"),
    pytest.param("f.yaml", "agency:\n  kind: !!python/object x\n", "E408",
                 [("ไม่อนุญาตให้ใช้แท็ก `!!python/object` ในไฟล์ข้อเท็จจริง",
                   "ไฟล์ข้อเท็จจริงเก็บได้เฉพาะค่าธรรมดา ให้ลบแท็กออก")], id="E408"),
    pytest.param("f.yaml", "agency:\n  staff: 1\n  staff: 2\n", "E409",
                 [("คีย์ `agency.staff` ซ้ำ", TWICE_HINT.format(2))], id="E409-yaml"),
    pytest.param("f.json", '{"agency": {"staff": 1,\n "staff": 2}}', "E409",
                 [("คีย์ `agency.staff` ซ้ำ", TWICE_HINT.format(1))], id="E409-json"),
    pytest.param("f.toml", "[agency]\nstaff = 1\n[agency]\nname = 'x'\n", "E409",
                 [("คีย์ `agency` ซ้ำ", TWICE_HINT.format(1))], id="E409-toml"),
    pytest.param("f.json", '{"a":' * 70 + "1" + "}" * 70, "E410",
                 [("ไฟล์ข้อเท็จจริงซ้อนกันลึกเกินไป (เกิน 64 ชั้น)", None)], id="E410"),
    pytest.param("f.json", "null", "E411",
                 [("ระดับบนสุดของไฟล์ข้อเท็จจริงควรเป็น mapping แต่พบ null",
                   "ไฟล์ข้อเท็จจริงจับคู่ชื่อ เช่น `agency` กับค่า")], id="E411-top"),
    pytest.param("f.yaml", "agency: [1]\n", "E411",
                 [("ที่ `agency` ควรเป็น mapping แต่พบ รายการที่มี 1 ค่า",
                   f"`agency` เก็บข้อเท็จจริง {ALL_TYPES_NAMED}")], id="E411-inner"),
    pytest.param("f.yaml", "agency:\n  staff: true\n  budget: abc\n  name: 5\n"
                 "  founded: 2024-01-01T10:00:00\n  open: 1\n  kind: true\n", "E412",
                 [("ที่ `agency.staff` ควรเป็น int แต่พบ bool `true`", None),
                  ("ที่ `agency.budget` ควรเป็น decimal แต่พบ text `\"abc\"`",
                   "เขียนเป็นตัวเลข เช่น `1250.50`"),
                  ("ที่ `agency.name` ควรเป็น text แต่พบ int `5`",
                   "ใส่ค่าไว้ในเครื่องหมายคำพูดเพื่อให้เป็นข้อความ"),
                  ("ที่ `agency.founded` ควรเป็น date แต่พบ วันที่และเวลา `2024-01-01T10:00:00`",
                   "ข้อเท็จจริงชนิดวันที่รับค่าเป็นวัน ไม่ใช่เวลา"),
                  ("ที่ `agency.open` ควรเป็น bool แต่พบ int `1`", "เขียน `true` หรือ `false`"),
                  ("ที่ `agency.kind` ควรเป็น agency_kind แต่พบ bool `true`",
                   "YAML อ่าน `yes`, `no`, `on` และ `off` ที่ไม่อยู่ในเครื่องหมายคำพูดเป็น "
                   f"`true`/`false` ค่าของ `agency_kind` ได้แก่ {KIND_VALUES}")],
                 id="E412-values"),
    pytest.param("f.yaml", "systems: a\nagency:\n  positions: [5]\n  name: {a: 1}\n"
                 "  staff: [1, 2]\n  founded: 20240101\n", "E412",
                 [("ที่ `systems` ควรเป็น set of system แต่พบ text `\"a\"`",
                   "เขียนเป็นรายการ เช่น `[a, b]`"),
                  ("ที่ `agency.positions[0]` ควรเป็น position แต่พบ int `5`", None),
                  ("ที่ `agency.name` ควรเป็น text แต่พบ mapping", None),
                  ("ที่ `agency.staff` ควรเป็น int แต่พบ รายการที่มี 2 ค่า", None),
                  ("ที่ `agency.founded` ควรเป็น date แต่พบ int `20240101`",
                   "เขียนวันที่ในรูปแบบ `YYYY-MM-DD`")], id="E412-structures"),
    pytest.param("f.yaml", "agency:\n  kind: minstry\nsystems: [c]\n", "E413",
                 [("ที่ `agency.kind` ควรเป็น agency_kind แต่พบค่าที่ไม่รู้จัก `\"minstry\"`",
                   f"หมายถึง `ministry` หรือไม่ ค่าของ `agency_kind` ได้แก่ {KIND_VALUES}"),
                  ("ที่ `systems[0]` ควรเป็น system แต่พบค่าที่ไม่รู้จัก `\"c\"`",
                   "ค่าของ `system` ได้แก่ `a`, `b`")], id="E413"),
    pytest.param("f.yaml", "agency:\n  staff: 10000000000000000000000\n  budget: 1e400\n",
                 "E414",
                 [("จำนวนเต็มที่ `agency.staff` อยู่นอกช่วงที่รับได้: ควรเป็น int "
                   "แต่พบ int `10000000000000000000000`", RANGE_HINT),
                  ("ตัวเลขที่ `agency.budget` อยู่นอกช่วงที่รับได้: ควรเป็น decimal "
                   "แต่พบ text `\"1e400\"`", RANGE_HINT)], id="E414-yaml"),
    pytest.param("f.json", '{"agency": {"staff": ' + "9" * 150 + "}}", "E414",
                 [("จำนวนเต็มที่ `agency.staff` อยู่นอกช่วงที่รับได้: ควรเป็น int "
                   f"แต่พบ int `{'9' * 59}…` (150 หลัก)", RANGE_HINT)], id="E414-digits"),
    pytest.param("f.toml", "[agency]\nstaff = " + "9" * 4400 + "\n", "E414",
                 [("จำนวนเต็มที่ `agency.staff` อยู่นอกช่วงที่รับได้: ตัวเลขยาวเกิน 4300 หลัก",
                   RANGE_HINT)], id="E414-toml"),
    pytest.param("f.json", '{"agency": {"budget": NaN, "staff": Infinity}}', "E415",
                 [("ค่าที่ `agency.budget` ไม่ใช่ตัวเลขที่มีค่าจำกัด: ควรเป็น decimal "
                   "แต่พบ decimal `nan`", FINITE_HINT),
                  ("ค่าที่ `agency.staff` ไม่ใช่ตัวเลขที่มีค่าจำกัด: ควรเป็น int "
                   "แต่พบ decimal `inf`", FINITE_HINT)], id="E415"),
    pytest.param("f.yaml", "agency:\n  founded: '2024-02-30'\n", "E416",
                 [("วันที่ที่ `agency.founded` ไม่ถูกต้อง: ควรเป็นวันที่ แต่พบ text `\"2024-02-30\"`",
                   "`2024-02-30` ไม่ใช่วันที่ที่ถูกต้อง: วันเกินจำนวนวันของเดือน; " + DATE_HINT)],
                 id="E416-impossible"),
    pytest.param("f.yaml", "agency:\n  founded: someday\n", "E416",
                 [("วันที่ที่ `agency.founded` ไม่ถูกต้อง: ควรเป็นวันที่ แต่พบ text `\"someday\"`",
                   "`someday` ไม่ใช่วันที่ในรูปแบบ `YYYY-MM-DD [BE|CE]`; " + DATE_HINT)],
                 id="E416-malformed"),
    pytest.param("f.yaml", "agency.kind: ministry\nagency:\n  kidn: x\n  positions:\n"
                 "    - {kind: x, colour: red}\n", "W401",
                 [("คีย์ `agency.kind` ไม่ได้ประกาศไว้ จึงไม่นำมาใช้",
                   "ชื่อที่มีจุดคือเส้นทางของ mapping ที่ซ้อนกัน: เขียน `kind` ไว้ใน mapping "
                   "ภายใต้ `agency`"),
                  ("คีย์ `agency.kidn` ไม่ได้ประกาศไว้ จึงไม่นำมาใช้", "หมายถึง `agency.kind` หรือไม่"),
                  ("ฟิลด์ `agency.positions[0].colour` ไม่ได้ประกาศไว้ในระเบียน `position` "
                   "จึงไม่นำมาใช้", None)], id="W401"),
    pytest.param("f.yaml", "systems: [a, b, a]\n", "W402",
                 [("ค่า `\"a\"` ซ้ำใน `systems`",
                   "เซตเก็บค่าแต่ละค่าเพียงครั้งเดียว ค่าที่ซ้ำจะถูกละไว้")], id="W402"),
    pytest.param("f.yaml", "systems: [a, null]\n", "W403",
                 [("ค่า null ใน `systems` ทำให้ข้อเท็จจริงนี้ไม่ทราบค่า",
                   "ลบค่า null ออก หรือละข้อเท็จจริงทั้งรายการหากยังไม่ทราบ")], id="W403"),
    pytest.param("f.yaml", "agency:\n  founded: 2567-01-01\n", "W404",
                 [("วันที่ `2567-01-01` ที่ `agency.founded` ถูกอ่านเป็น ค.ศ. แต่ดูเหมือนเป็นปี พ.ศ.",
                   "วันที่ที่ไม่ระบุศักราชจะถือเป็นปี ค.ศ. หากเป็นปี พ.ศ. ให้เขียน "
                   "`\"2567-01-01 BE\"` (อยู่ในเครื่องหมายคำพูด)")], id="W404"),
]


@pytest.mark.parametrize(("name", "content", "code", "expected"), FACTS_CASES)
def test_facts_diagnostics_in_thai(tmp_path: Path, name: str, content: str | bytes, code: str,
                                   expected: list[tuple[str, str | None]]) -> None:
    found = facts_in_thai(write(tmp_path / name, content), code)
    assert [(d.message, d.hint) for d in found] == expected
    for d in found:
        assert_thai(d.message, *TECHNICAL, *TYPES)
        assert_thai(d.hint or "", *TECHNICAL)


@pytest.mark.parametrize(
    ("name", "content", "message", "hint"),
    [
        # the reason is the parser's own words, carried over as they are
        ("f.json", '{"a": }', "JSON ไม่ถูกต้อง: expecting value", None),
        ("f.toml", "a = \n", "TOML ไม่ถูกต้อง: invalid value", None),
        ("f.yaml", "a: [\n", "YAML ไม่ถูกต้อง: did not find expected node content",
         "while parsing a flow node"),
        ("f.toml", "a = 1\na.b = 2\n", "คีย์ซ้ำ: cannot overwrite a value", None),
        ("f.yaml", "? [a]\n: 1\n", "คีย์ของ mapping ต้องเป็นค่าธรรมดา ไม่ใช่รายการหรือ mapping",
         None),
    ],
)
def test_facts_syntax_errors_in_thai(tmp_path: Path, name: str, content: str, message: str,
                                     hint: str | None) -> None:
    [d] = facts_in_thai(write(tmp_path / name, content))
    assert (d.message, d.hint) == (message, hint)


def test_facts_files_that_cannot_be_read_in_thai(tmp_path: Path) -> None:
    folder = tmp_path / "d.yaml"
    folder.mkdir()
    [d] = facts_in_thai(folder)
    assert (d.message, d.hint) == (f"ไฟล์ข้อเท็จจริง `{folder}` เป็นโฟลเดอร์",
                                   "ระบุไฟล์ที่อยู่ในโฟลเดอร์นั้น")
    [d] = facts_in_thai(tmp_path / "none.yaml")
    assert d.message == f"ไม่พบไฟล์ข้อเท็จจริง `{tmp_path / 'none.yaml'}`"
    inside_a_file = write(tmp_path / "plain", "x") / "f.yaml"
    [d] = facts_in_thai(inside_a_file)  # (the reason is the operating system's)
    assert d.message == f"อ่านไฟล์ข้อเท็จจริง `{inside_a_file}` ไม่ได้: not a directory"
    big = tmp_path / "big.json"
    with open(big, "wb") as fh:
        fh.truncate(9 * 1024 * 1024)
    [d] = facts_in_thai(big)
    assert d.message == f"ไฟล์ข้อเท็จจริง `{big}` มีขนาดเกิน 8 MiB"
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.yaml"
        os.mkfifo(fifo)
        [d] = facts_in_thai(fifo)
        assert d.message == f"ไฟล์ข้อเท็จจริง `{fifo}` ไม่ใช่ไฟล์ปกติ"


def test_left_out_diagnostics_in_thai(tmp_path: Path) -> None:
    # past 100 diagnostics of a severity, the rest are counted in one E400 / W400
    def bad_file(errors: int, warnings: int) -> Path:
        values = ", ".join(f"x{i}" for i in range(errors))
        keys = "".join(f"u{i}: 1\n" for i in range(warnings))
        return write(tmp_path / f"f{errors}.yaml", f"systems: [{values}]\n{keys}")

    found = facts_in_thai(bad_file(102, 101))
    assert [d.message for d in found if d.code in ("E400", "W400")] == [
        "ยังมีข้อผิดพลาดอีก 2 รายการที่ไม่ได้แสดง", "ยังมีคำเตือนอีก 1 รายการที่ไม่ได้แสดง"]
    found = facts_in_thai(bad_file(101, 102))
    assert [d.message for d in found if d.code in ("E400", "W400")] == [
        "ยังมีข้อผิดพลาดอีก 1 รายการที่ไม่ได้แสดง", "ยังมีคำเตือนอีก 2 รายการที่ไม่ได้แสดง"]
    assert "คีย์ `u0` ไม่ได้ประกาศไว้ จึงไม่นำมาใช้" in [d.message for d in found]


def test_huge_toml_integer_without_a_place_in_thai() -> None:
    # (the place of a huge TOML integer is not always known; the message then names none)
    d = Diagnostic("E414", "integer out of range: a number has more than 4300 digits",
                   Span("f.toml"), "numbers must lie within ±1,000,000,000,000,000,000")
    assert (translate(d).message, translate(d).hint) == (
        "จำนวนเต็มอยู่นอกช่วงที่รับได้: ตัวเลขยาวเกิน 4300 หลัก", RANGE_HINT)


@pytest.mark.parametrize(
    ("value", "thai"),
    [
        # what `_describe` says of a value that has no type name of the policy language
        ("an integer of about 301 digits", "จำนวนเต็มยาวประมาณ 301 หลัก"),
        ("decimal `1e99999…` (70 digits)", "decimal `1e99999…` (70 หลัก)"),
        ("time `10:00:00`", "เวลา `10:00:00`"),
        ("a value of type `bytes`", "ค่าชนิด `bytes`"),
        ("a list of 0 items", "รายการที่มี 0 ค่า"),
    ],
)
def test_described_values_in_thai(value: str, thai: str) -> None:
    d = Diagnostic("E412", f"expected int at `a`, found {value}", Span("f.yaml"))
    assert translate(d).message == f"ที่ `a` ควรเป็น int แต่พบ {thai}"


# ---------------------------------------------------------------------------- evaluating


TESTED = """
fact a : bool
record position { kind : text }
fact agency.positions : list of position
measure m1 must { cite doc: section 1 require a }
measure m2 must { cite doc: section 2 require a }
measure m3 must { cite doc: section 3 require a }
decision d { cite doc: item 1 option x { cite option 1 } rule r may allow x { cite item 1 when a } }
decision wp {
  cite doc: item 2
  for p in agency.positions
  option off_site { cite option 1 }
  rule r1 may allow off_site { cite item 1 when p.kind == "office" }
}
"""
"""Policies for the policy tests, `explain` and the decision log: three measures with close
ids (for did-you-mean hints), a decision without subjects and one with."""


@pytest.fixture(scope="module")
def tested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of the policies above."""
    return write_policy(tmp_path_factory.mktemp("tested") / "policies", TESTED)


@pytest.fixture(scope="module")
def tested_set(tested: Path) -> PolicySet:
    return govrules.load(tested)


def raised_in_thai(call: Callable[[], object]) -> list[Diagnostic]:
    """The diagnostics of the error ``call`` raises, in Thai."""
    with pytest.raises(GovrulesError) as info:
        call()
    return [translate(d) for d in info.value.diagnostics]


def test_evaluation_errors_in_thai(tested_set: PolicySet) -> None:
    [d] = raised_in_thai(lambda: govrules.evaluate(tested_set, 5))
    assert (d.code, d.message, d.hint) == (
        "E400", "ประเมินข้อเท็จจริงชนิด `int` ไม่ได้",
        "ส่งเส้นทางของไฟล์ข้อเท็จจริง mapping หรือออบเจกต์ `Facts`")
    as_of_hint = "เขียนวันที่ในรูปแบบ `YYYY-MM-DD` หรือ `YYYY-MM-DD BE`"
    for as_of, reason in [
        ("someday", "`someday` ไม่ใช่วันที่ในรูปแบบ `YYYY-MM-DD [BE|CE]`"),
        ("2024-02-30", "`2024-02-30` ไม่ใช่วันที่ที่ถูกต้อง: วันเกินจำนวนวันของเดือน"),
        ("2024-13-01", "`2024-13-01` ไม่ใช่วันที่ที่ถูกต้อง: เดือนต้องอยู่ระหว่าง 1 ถึง 12"),
        ("0500-01-01 BE", "`0500-01-01 BE` ไม่ใช่วันที่ที่ถูกต้อง: ปี -43 อยู่นอกช่วงที่รองรับ"),
    ]:
        def evaluate(as_of: str = as_of) -> object:
            return govrules.evaluate(tested_set, {}, as_of)

        [d] = raised_in_thai(evaluate)
        assert (d.code, d.message, d.hint) == ("E409", f"วันที่ `as_of` ไม่ถูกต้อง: {reason}",
                                               as_of_hint)
        assert_thai(d.message)


# ---------------------------------------------------------------------------- record streams


def test_stream_diagnostics_in_thai(tmp_path: Path, tested_set: PolicySet,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def read(name: str, content: str | bytes | None = None) -> Diagnostic:
        path = tmp_path / name if content is None else write(tmp_path / name, content)
        [d] = raised_in_thai(lambda: list(stream.read_records(path, tested_set)))
        return d

    d = read("facts.txt")
    assert (d.code, d.message, d.hint) == (
        "E420", f"ไม่สามารถระบุรูปแบบของ `{tmp_path / 'facts.txt'}` ได้",
        "ตั้งชื่อไฟล์ให้มีนามสกุล `.jsonl`, `.csv` หรือ `.parquet` หรือระบุรูปแบบ "
        "(`--input-format`)")
    d = read("none.jsonl")  # (the reason is the operating system's)
    assert (d.code, d.message, d.hint) == (
        "E401", f"อ่าน `{tmp_path / 'none.jsonl'}` ไม่ได้: No such file or directory",
        "ตรวจสอบเส้นทางของไฟล์")
    one_per_line = "เขียนออบเจกต์ JSON บรรทัดละหนึ่งออบเจกต์"
    cases: list[tuple[str, str | bytes, str, str]] = [
        ("a.jsonl", b'{"a": true}\n\xff\n',
         f"`{tmp_path / 'a.jsonl'}` ไม่ได้เข้ารหัสเป็น UTF-8 ที่ถูกต้อง (ไบต์ที่ตำแหน่ง 12 "
         "ของบล็อกที่อ่าน)", "บันทึกไฟล์เป็น UTF-8"),
        ("b.jsonl", '{"a": \n', "บรรทัด 1 ไม่ใช่ JSON ที่ถูกต้อง: Expecting value", one_per_line),
        ("c.jsonl", '{"a": 1, "a": 2}\n', "อ่านบรรทัด 1 ไม่ได้: คีย์ `a` ซ้ำ",
         one_per_line + " และระบุแต่ละคีย์เพียงครั้งเดียว"),
        ("d.jsonl", "\n[1]\n", "บรรทัด 2 ไม่ใช่ออบเจกต์ JSON", one_per_line),
        ("e.csv", "a,agency.staff\ntrue,1,3\n",
         "แถว 2 มีจำนวนเซลล์มากกว่าจำนวนคอลัมน์ของแถวหัวตาราง",
         "แต่ละแถวต้องมีหนึ่งเซลล์ต่อหนึ่งคอลัมน์ของแถวหัวตาราง; "
         "ให้เว้นเซลล์ว่างไว้ (`,,`) สำหรับข้อเท็จจริงที่ยังไม่ทราบ"),
        ("f.csv", "agency,agency.kind\nx,y\n",
         "คอลัมน์ `agency.kind` ซ้ำหรือทับซ้อนกับคอลัมน์อื่นของแถวหัวตาราง",
         "ให้ข้อเท็จจริงแต่ละรายการมีคอลัมน์เดียว"),
        ("g.csv", 'a\n"' + "x" * 200_000 + '"\n',
         f"`{tmp_path / 'g.csv'}` ไม่ใช่ไฟล์ CSV ที่อ่านได้: field larger than field limit "
         "(131072)", "ตรวจสอบเครื่องหมายคำพูดและความยาวของฟิลด์"),
    ]
    for name, content, message, hint in cases:
        d = read(name, content)
        assert (d.message, d.hint) == (message, hint), name
        if name != "b.jsonl" and name != "g.csv":  # (those carry the parser's own words)
            assert_thai(d.message, *TECHNICAL)
        assert_thai(d.hint or "", *TECHNICAL)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # as if pyarrow were missing
    d = read("h.parquet", b"PAR1")
    assert (d.code, d.message, d.hint) == (
        "E422", "การอ่านไฟล์ Parquet ต้องใช้แพ็กเกจ pyarrow ซึ่งยังไม่ได้ติดตั้ง",
        "ติดตั้งส่วนเสริม: `pip install 'govrules[parquet]'`")
    assert_thai(d.message, *TECHNICAL)


# ---------------------------------------------------------------------------- policy tests


def policy_tests_in_thai(folder: Path, text: str | bytes, policies: Path) -> list[Diagnostic]:
    """The diagnostics of running the test file ``text`` against ``policies``, in Thai."""
    folder.mkdir(parents=True)
    (folder / "t.pol").write_bytes((policies / "t.pol").read_bytes())
    write(folder / "x.test.yaml", text)
    return raised_in_thai(lambda: testing.run_tests(folder))


FIELDS = "`name`, `facts_file`, `facts`, `as_of`, `expect`"
EXPECT_FIELDS = "`status`, `missing`, `finding`, `basis`, `options`"


def test_malformed_test_file_in_thai(tmp_path: Path, tested: Path) -> None:
    found = policy_tests_in_thai(tmp_path / "t", """\
as_of: 2024-06-01
tset: 1
tests:
  - 5
  - name: one
    facts: 5
    facts_file: x.yaml
    expct: {}
  - facts: {a: true}
    zzzzz: 1
  - name: four
    facts: {a: true}
    expect:
      m1: complaint
      m2: zzzzz
      d: {status: compliant, finding: violaton, basis: lw, missing: 5, options: 5, colour: 1}
      wp: {options: {off_site: allowd}, zzzzz: 1}
      m3: 5
""", tested)
    assert [(d.code, d.message, d.hint) for d in found] == [
        ("E602", "ไม่รู้จักฟิลด์ `tset`", "ฟิลด์ที่ใช้ได้คือ `as_of` และ `tests`"),
        ("E602", "การทดสอบที่ 1 ไม่ใช่ mapping", None),
        ("E602", "ไม่รู้จักฟิลด์ `expct` ในการทดสอบ", "หมายถึง `expect` หรือไม่"),
        ("E602", "การทดสอบ `one` ต้องมี `facts` หรือ `facts_file` อย่างใดอย่างหนึ่งเท่านั้น",
         None),
        ("E602", "`facts` ของการทดสอบ `one` ไม่ใช่ mapping", None),
        ("E602", "การทดสอบ `one` ไม่มี mapping `expect`",
         "ระบุคีย์ของผลการพิจารณาและสถานะที่คาดหวังไว้ใต้ `expect:`"),
        ("E602", "ไม่รู้จักฟิลด์ `zzzzz` ในการทดสอบ", f"ฟิลด์ที่ใช้ได้คือ {FIELDS}"),
        ("E602", "การทดสอบที่ 3 ไม่มี `name`", None),
        ("E602", "การทดสอบ `test 3` ไม่มี mapping `expect`",
         "ระบุคีย์ของผลการพิจารณาและสถานะที่คาดหวังไว้ใต้ `expect:`"),
        ("E604", "ไม่รู้จักสถานะ `complaint`", "หมายถึง `compliant` หรือ `non_compliant` หรือไม่"),
        ("E604", "ไม่รู้จักสถานะ `zzzzz`", "ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: `compliant`, "
         "`non_compliant`, `unknown`, `not_applicable`, `conflict`"),
        ("E602", "ไม่รู้จักฟิลด์ `colour` ในผลที่คาดหวังของ `d`",
         f"ฟิลด์ที่ใช้ได้คือ {EXPECT_FIELDS}"),
        ("E604", "ไม่รู้จักข้อค้นพบ `violaton`", "หมายถึง `violation` หรือไม่"),
        ("E604", "ไม่รู้จักฐานของผลการพิจารณา `lw`", "หมายถึง `law` หรือไม่"),
        ("E602", "`missing` ของ `d` ไม่ใช่รายการ", None),
        ("E602", "`options` ของ `d` ไม่ใช่ mapping", None),
        ("E602", "ไม่รู้จักฟิลด์ `zzzzz` ในผลที่คาดหวังของ `wp`",
         f"ฟิลด์ที่ใช้ได้คือ {EXPECT_FIELDS}"),
        ("E604", "ไม่รู้จักผลของทางเลือก `allowd`", "หมายถึง `allowed` หรือไม่"),
        ("E602", "ผลที่คาดหวังของ `m3` ไม่ใช่ทั้งสถานะและ mapping",
         "เขียน `KEY: compliant` หรือ `KEY: {status: compliant, missing: [...]}`"),
    ]
    for d in found:
        assert_thai(d.message, *TECHNICAL)
        assert_thai(d.hint or "", *TECHNICAL)


def test_test_keys_in_thai(tmp_path: Path, tested: Path) -> None:
    [d] = policy_tests_in_thai(tmp_path / "a", """\
tests:
  - name: one
    facts: {a: true}
    expect: {m1: compliant}
""", tested)
    assert (d.code, d.message, d.hint) == (
        "E602", "การทดสอบ `one` ไม่มีวันที่ `as_of`", "ระบุ `as_of:` ที่ส่วนต้นของไฟล์หรือในการทดสอบ")
    found = policy_tests_in_thai(tmp_path / "t", """\
tests:
  - name: two
    as_of: 2024-06-01
    facts: {a: true}
    expect:
      m1: {status: compliant, options: {x: allowed}}
      d: {options: {x: allowed, zzzzz: allowed, xx: allowed}}
      m: compliant
      qqqqq: compliant
""", tested)
    assert [(d.code, d.message, d.hint) for d in found] == [
        ("E602", "`m1` ไม่ใช่การตัดสินใจ จึงไม่มีทางเลือก", None),
        ("E604", "การตัดสินใจ `d` ไม่มีทางเลือก `zzzzz`", "ทางเลือกที่มีคือ `x`"),
        ("E604", "การตัดสินใจ `d` ไม่มีทางเลือก `xx`", "หมายถึง `x` หรือไม่"),
        ("E603", "ไม่มีกฎ `m` ในชุดนโยบาย", "หมายถึง `m3`, `m2` หรือ `m1` หรือไม่"),
        ("E603", "ไม่มีกฎ `qqqqq` ในชุดนโยบาย", "เรียกใช้ `govrules eval` เพื่อดูคีย์ของผลการพิจารณา"),
    ]
    for d in found:
        assert_thai(d.message)
        assert_thai(d.hint or "")


def test_unreadable_test_files_in_thai(tmp_path: Path, tested: Path) -> None:
    [d] = policy_tests_in_thai(tmp_path / "a", b"tests: [\xff]\n", tested)
    assert (d.code, d.message) == ("E601", "ไฟล์ทดสอบไม่ได้เข้ารหัสเป็น UTF-8 ที่ถูกต้อง")
    [d] = policy_tests_in_thai(tmp_path / "b", "as_of: &x 2024-06-01\ntests: *x\n", tested)
    assert d.message == "ไฟล์ทดสอบเป็น YAML ที่ไม่ถูกต้อง: ไม่อนุญาตให้ใช้เอเลียสในไฟล์ทดสอบ"
    [d] = policy_tests_in_thai(tmp_path / "c", "- 1\n", tested)
    assert (d.code, d.message, d.hint) == (
        "E602", "ไฟล์ทดสอบต้องเป็น mapping ที่มีรายการ `tests`",
        "ขึ้นต้นไฟล์ด้วย `tests:` แล้วระบุการทดสอบไว้ข้างใต้")
    # the parser's and the operating system's own words are carried over
    [d] = policy_tests_in_thai(tmp_path / "d", "tests: [\n", tested)
    assert d.message == ("ไฟล์ทดสอบเป็น YAML ที่ไม่ถูกต้อง: expected the node content, "
                         "but found '<stream end>'")
    missing = tmp_path / "none.test.yaml"
    [d] = raised_in_thai(lambda: testing.load_test_file(missing))
    assert d.message == f"อ่าน `{missing}` ไม่ได้: No such file or directory"


def test_nothing_to_test_in_thai(tmp_path: Path, tested: Path) -> None:
    (tmp_path / "empty").mkdir()
    [d] = raised_in_thai(lambda: testing.run_tests(tmp_path / "empty"))
    assert (d.code, d.message, d.hint) == (
        "E606", f"ไม่มีไฟล์นโยบายภายใต้ `{tmp_path / 'empty'}`",
        "ระบุโฟลเดอร์ของนโยบายที่ต้องการทดสอบ")
    [d] = raised_in_thai(lambda: testing.run_tests([tested, tested]))
    assert (d.code, d.message, d.hint) == (
        "E606", f"ไม่มีไฟล์ `*.test.yaml` ภายใต้ `{tested}`, `{tested}`",
        "ไฟล์ทดสอบนโยบายต้องมีชื่อในรูปแบบ `NAME.test.yaml`")


# ---------------------------------------------------------------------------- explain


def test_explain_errors_in_thai(tested_set: PolicySet) -> None:
    one = {"a": True, "agency": {"positions": [{"kind": "office"}]}}
    [d] = raised_in_thai(lambda: explain.explain(tested_set, one, "m"))
    assert (d.code, d.message, d.hint) == ("E620", "ไม่มีกฎ `m` ในชุดนโยบาย",
                                           "หมายถึง `m3`, `m2` หรือ `m1` หรือไม่")
    [d] = raised_in_thai(lambda: explain.explain(tested_set, one, "qqqqq"))
    assert (d.code, d.message, d.hint) == (
        "E620", "ไม่มีกฎ `qqqqq` ในชุดนโยบาย",
        "เรียกใช้ `govrules eval` เพื่อแสดงรายการผลการพิจารณาและรหัสของแต่ละรายการ")
    [d] = raised_in_thai(lambda: explain.explain(tested_set, one, "wp[agency.positions[5]]"))
    assert (d.code, d.message, d.hint) == (
        "E621", "ไม่มีผลการพิจารณา `wp[agency.positions[5]]` สำหรับข้อเท็จจริงชุดนี้",
        "ผลการพิจารณาของกฎนี้สำหรับข้อเท็จจริงชุดนี้ ได้แก่ `wp[agency.positions[0]]`")
    [d] = raised_in_thai(lambda: explain.explain(tested_set, {"a": True}, "wp[x]"))
    assert (d.code, d.message, d.hint) == (
        "E621", "ไม่มีผลการพิจารณา `wp[x]` สำหรับข้อเท็จจริงชุดนี้",
        "การตัดสินใจนี้ไม่มีสิ่งที่พิจารณาในข้อเท็จจริงชุดนี้")


# ---------------------------------------------------------------------------- decision logs


WRITTEN_BY = "แต่ละบรรทัดต้องเป็นออบเจกต์ JSON หนึ่งออบเจกต์ที่เขียนโดย `govrules eval --log`"
EDITED = "บรรทัดนี้ไม่ได้เขียนโดย `govrules eval --log` หรือถูกแก้ไขภายหลัง"


def test_decision_log_errors_in_thai(tmp_path: Path, tested: Path, tested_set: PolicySet) -> None:
    facts = govrules.facts.facts_from_mapping({"a": True}, tested_set.facts)
    report = govrules.evaluate(tested_set, facts, as_of="2024-06-01")
    entry = decision_log.log_entry(report, facts, str(tested), "f.yaml")

    def line(**changes: object) -> str:
        changed = {**entry, **changes}
        return json.dumps({k: v for k, v in changed.items() if v is not None})

    nowhere = tmp_path / "nowhere"
    log = write(tmp_path / "log.jsonl", "\n".join([
        "[1]", '{"a": ' + "9" * 5000 + "}", line(policies=None), line(facts=5),
        line(policies=5), line(log_version="9"), line(policies=str(nowhere)),
        line(policy_sha256="0" * 64), line(as_of="someday"), "{bad", line(),
    ]) + "\n")
    checked = [c.error for c in decision_log.verify_log(log).lines]
    assert checked[-1] is None  # the untouched line reproduces
    sha = tested_set.sha256[:16]
    found = [translate(d) for d in checked if d is not None]
    assert [(d.code, d.message, d.hint) for d in found] == [
        ("E701", "บรรทัด 1 ของบันทึกการตัดสินใจไม่ใช่ออบเจกต์ JSON", WRITTEN_BY),
        ("E701", "อ่านบรรทัด 2 ของบันทึกการตัดสินใจไม่ได้", WRITTEN_BY),
        ("E702", "บรรทัด 3 ไม่มีฟิลด์ `policies`", EDITED),
        ("E702", "ฟิลด์ `facts` ของบรรทัด 4 ไม่ใช่ออบเจกต์", EDITED),
        ("E702", "ฟิลด์ `policies` ของบรรทัด 5 ไม่ใช่สตริง", EDITED),
        ("E702", "บรรทัด 6 มีรุ่นของรูปแบบบันทึกเป็น `9` แต่ควรเป็น `2`",
         "ตรวจสอบด้วย `govrules` รุ่นที่เขียนบรรทัดนี้"),
        # the message of the diagnostic that stopped loading is carried over as it is
        ("E703", f"โหลดนโยบายที่ `{nowhere}` ไม่ได้: no such file or folder `{nowhere}`",
         "ระบุ `--policies PATH` เป็นชุดนโยบายที่ใช้ขณะเขียนบันทึกนี้"),
        ("E703", f"ชุดนโยบายที่ `{tested}` (sha256 `{sha}…`) ไม่ใช่ชุดนโยบายที่ใช้ประเมินบรรทัด 8 "
         "(sha256 `0000000000000000…`)",
         "ระบุ `--policies PATH` เป็นชุดนโยบายในขณะนั้น เช่น ชุดนโยบายจากคอมมิตที่มีผลใช้บังคับ"
         "อยู่ในเวลานั้น"),
        ("E702", "ประเมินบรรทัด 9 ซ้ำไม่ได้: invalid `as_of` date: `someday` is not a date of "
         "the form YYYY-MM-DD [BE|CE]", "ข้อเท็จจริงหรือ `as_of` ที่บันทึกไว้ถูกแก้ไข"),
        ("E701", "บรรทัด 10 ของบันทึกการตัดสินใจไม่ใช่ JSON: expecting property name enclosed "
         "in double quotes", WRITTEN_BY),
    ]
    for d in found[:6] + found[7:8]:
        assert_thai(d.message, *TECHNICAL)
    for d in found:
        assert_thai(d.hint or "", *TECHNICAL)


def test_decision_log_policies_that_fail_without_a_diagnostic_in_thai(
        tmp_path: Path, tested: Path) -> None:
    def refuse(path: str) -> PolicySet:
        raise GovrulesError([])

    log = write(tmp_path / "log.jsonl", json.dumps({
        "log_version": "2", "policy_sha256": "0", "facts_sha256": "0", "policies": str(tested),
        "as_of": "2024-06-01", "facts": {}, "summary": {}, "verdicts": {}}) + "\n")
    [c] = decision_log.verify_log(log, loader=refuse).lines
    assert c.error is not None
    assert translate(c.error).message == f"โหลดนโยบายที่ `{tested}` ไม่ได้"


def test_unreadable_decision_log_in_thai(tmp_path: Path) -> None:
    [d] = raised_in_thai(lambda: decision_log.verify_log(tmp_path / "none.jsonl"))
    assert (d.code, d.message, d.hint) == (
        "E704", f"อ่านบันทึกการตัดสินใจ `{tmp_path / 'none.jsonl'}` ไม่ได้: "
        "no such file or directory", "ระบุไฟล์ที่เขียนโดย `govrules eval --log`")
    [d] = raised_in_thai(lambda: decision_log.verify_log(tmp_path))
    assert d.message == f"อ่านบันทึกการตัดสินใจ `{tmp_path}` ไม่ได้: is a directory"


@pytest.mark.parametrize(("value", "thai"), [
    ("010", "ตัวเลข `010` กำกวม: YAML 1.1 อ่านเป็น 8 (เลขฐานแปด)"),
    ("1:30", "ตัวเลข `1:30` กำกวม: YAML 1.1 อ่านเป็น 90 (เลขฐานหกสิบ)"),
])
def test_e417_ambiguous_yaml_number(tmp_path: Path, value: str, thai: str) -> None:
    from govrules.errors import FactsError
    from govrules.facts import load_facts

    path = tmp_path / "n.yaml"
    path.write_text(f"n: {value}\n", encoding="utf-8")
    with pytest.raises(FactsError) as info:
        load_facts(path, {})
    [d] = [translate(x) for x in info.value.diagnostics if x.code == "E417"]
    assert d.message == thai
    assert d.hint is not None and d.hint.startswith(("เขียน `10`", "ใส่เครื่องหมายคำพูด"))


def test_a_hint_of_joined_sentences_is_translated_sentence_by_sentence(tmp_path: Path) -> None:
    (tmp_path / "p.pol").write_text(
        'source d { title en "D" }\npolicy p { }\nfact a : bool\n'
        'measure m must { cite d: item 1 require a }\n', encoding="utf-8")
    found = {}
    for facts_file in ("5", "nope.yaml"):
        (tmp_path / "x.test.yaml").write_text(
            f"as_of: 2024-06-01\ntests:\n  - name: t\n    facts_file: {facts_file}\n"
            "    expect: {m: compliant}\n", encoding="utf-8")
        with pytest.raises(GovrulesError) as info:
            testing.run_tests(tmp_path)
        found.update({d.code: translate(d) for d in info.value.diagnostics})
    assert found["E602"].message == "`facts_file` ของการทดสอบ `t` ไม่ใช่ชื่อไฟล์"
    assert found["E602"].hint == "เขียนเส้นทางของไฟล์ข้อเท็จจริง โดยนับจากที่อยู่ของไฟล์ทดสอบ"
    assert (found["E402"].hint or "").startswith("ระบุโดย `facts_file` ของการทดสอบ `t` ที่ ")
    joined = Diagnostic("E402", "facts file `x.yaml` does not exist", Span("t.test.yaml", 3, 5),
                        "write the path of a facts file, relative to the test file; named by "
                        "`facts_file` of test `t` at t.test.yaml:3")
    assert translate(joined).hint == ("เขียนเส้นทางของไฟล์ข้อเท็จจริง โดยนับจากที่อยู่ของไฟล์ทดสอบ; "
                                      "ระบุโดย `facts_file` ของการทดสอบ `t` ที่ t.test.yaml:3")
