"""Thai diagnostics (``govrules.messages_th``): every code of the checker and of the analysis has
a template, and real diagnostics of the codes whose messages embed noun phrases (``measure `m```,
``rule `r` of decision `d```...) come out wholly in Thai, user text in backticks untouched and
the witness of an analysis finding kept as it is."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

import govrules
from govrules import analysis, checker
from govrules.errors import Diagnostic, Span
from govrules.messages_th import HINTS, MESSAGES, PHRASES, translate, translate_text

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


def assert_thai(text: str) -> None:
    """No English word is left outside backticks (``A<number>`` is inside them)."""
    rest = re.sub(r"`[^`]*`", "", text)
    assert not re.search(r"[A-Za-z]", rest), text


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
