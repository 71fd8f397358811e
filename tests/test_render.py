"""The renderers: golden files in both languages, colour, the label catalogue, and the structure
of the HTML audit report (parsed, not eyeballed)."""

from __future__ import annotations

import io
import json
import re
import string
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest

import govrules
from govrules.cli import main
from govrules.render import FORMATS, render
from govrules.render.labels import LABELS, LANGS, display_width, label, reason_text
from govrules.render.text import render_text, use_color
from govrules.verdict import Report, TraceNode

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden" / "render"
FIXTURE = "tests/fixtures/render"  # relative to ROOT: paths appear in the reports
AS_OF = "2024-06-01"


@pytest.fixture
def report(monkeypatch: pytest.MonkeyPatch) -> Report:
    monkeypatch.chdir(ROOT)
    return govrules.evaluate(f"{FIXTURE}/policy.pol", f"{FIXTURE}/facts.yaml", as_of=AS_OF)


_SUFFIX = {"text": "txt", "json": "json", "markdown": "md", "html": "html"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(report: Report, fmt: str, lang: str,
                golden: Callable[[Path, str], None]) -> None:
    if fmt == "json" and lang == "th":
        pytest.skip("the JSON report holds both languages; one golden file covers it")
    name = "fixture.json" if fmt == "json" else f"fixture.{lang}.{_SUFFIX[fmt]}"
    golden(GOLDEN / name, render(report, fmt, lang))


def test_render_is_deterministic(report: Report) -> None:
    again = govrules.evaluate(f"{FIXTURE}/policy.pol", f"{FIXTURE}/facts.yaml", as_of=AS_OF)
    for fmt in FORMATS:
        for lang in LANGS:
            assert render(report, fmt, lang) == render(again, fmt, lang)


def test_unknown_format_is_an_error(report: Report) -> None:
    with pytest.raises(ValueError, match="unknown report format `pdf`"):
        render(report, "pdf")


# -- the label catalogue ----------------------------------------------------------------------


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("key", sorted(LABELS))
def test_every_label_in_both_languages(key: str) -> None:
    entry = LABELS[key]
    assert set(entry) == set(LANGS), key
    assert all(entry[lang].strip() for lang in LANGS), key
    assert _fields(entry["en"]) == _fields(entry["th"]), key


def test_missing_label_is_a_bug() -> None:
    with pytest.raises(KeyError):
        label("no.such.label", "en")


def test_reasons_translated() -> None:
    assert reason_text("facts are missing", "th") == "ข้อเท็จจริงยังไม่ครบ"
    assert "`off_site`" in reason_text("the chosen option `off_site` is excluded", "th")
    nested = "the measure is not applicable: an exception (`unless`) holds"
    assert reason_text(nested, "th") == "มาตรการไม่อยู่ในบังคับ: เข้าข้อยกเว้น (`unless`)"
    assert reason_text("something new", "th") == "something new"


def test_thai_marks_take_no_column() -> None:
    assert display_width("ไม่ปฏิบัติตาม") == 9
    assert display_width("COMPLIANT") == 9


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_thai_report_has_no_english_labels(report: Report, fmt: str) -> None:
    # trace labels and ids are policy-language code, the same in both languages: skip them
    out = re.sub(r"<code[^>]*>.*?</code>|`[^`]*`", "", render(report, fmt, "th"))
    if fmt == "html":  # the visible text, not the class names
        outline = _Outline()
        outline.feed(out.split("</style>")[1])
        out = "".join(outline.text)
    for english in ("NON-COMPLIANT", "Summary", "Verdicts", "Facts used", "Trace", "missing:",
                    "cite:", "violation", "advisory", "interpretation", "Citation"):
        assert english not in out, english


def test_thai_text_columns_line_up(report: Report) -> None:
    lines = [ln for ln in render_text(report, "th").splitlines() if " d.1.m" in ln]
    starts = {display_width(ln[: ln.index("d.1.m")]) for ln in lines}
    assert starts == {18}, lines


# -- colour -----------------------------------------------------------------------------------


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_color_only_when_asked(report: Report) -> None:
    plain = render_text(report, "en")
    colored = render_text(report, "en", color=True)
    assert "\x1b[" not in plain
    assert "\x1b[1;31mNON-COMPLIANT\x1b[0m" in colored
    assert re.sub(r"\x1b\[[0-9;]*m", "", colored) == plain


def test_use_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color("auto", _Tty()) is True
    assert use_color("auto", io.StringIO()) is False
    assert use_color("always", io.StringIO()) is True
    assert use_color("never", _Tty()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_color("auto", _Tty()) is False
    assert use_color("always", _Tty()) is True
    monkeypatch.setenv("NO_COLOR", "")
    assert use_color("auto", _Tty()) is True


def test_cli_color_flag(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
                        ) -> None:
    monkeypatch.chdir(ROOT)
    args = ["eval", f"{FIXTURE}/policy.pol", f"{FIXTURE}/facts.yaml", "--as-of", AS_OF]
    assert main(args) == 0
    assert "\x1b[" not in capsys.readouterr().out  # captured output is not a terminal
    assert main([*args, "--color", "always"]) == 0
    assert "\x1b[" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_cli_formats_match_api(capsys: pytest.CaptureFixture[str], report: Report, fmt: str,
                               lang: str) -> None:
    code = main(["eval", f"{FIXTURE}/policy.pol", f"{FIXTURE}/facts.yaml", "--as-of", AS_OF,
                 "--format", fmt, "--lang", lang, "--color", "never"])
    assert code == 0
    assert capsys.readouterr().out == render(report, fmt, lang)


def test_cli_output_file(capsys: pytest.CaptureFixture[str], report: Report,
                         tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    code = main(["eval", f"{FIXTURE}/policy.pol", f"{FIXTURE}/facts.yaml", "--as-of", AS_OF,
                 "--format", "html", "--lang", "th", "-o", str(out)])
    assert code == 0
    assert capsys.readouterr().out == ""
    assert out.read_text(encoding="utf-8") == render(report, "html", "th")


def test_cli_html_takes_one_facts_file(capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code = main(["eval", f"{FIXTURE}/policy.pol", f"{FIXTURE}/facts.yaml",
                 f"{FIXTURE}/facts.yaml", "--format", "html"])
    assert code == 2
    assert "one facts file per run" in capsys.readouterr().err


def test_json_format_is_stable(report: Report) -> None:
    data = json.loads(render(report, "json"))
    assert data["format_version"] == "1"
    assert [v["id"] for v in data["verdicts"]][:4] == ["d.1", "d.1.m1", "d.1.m2", "d.1.m3"]


# -- the structure of the HTML report ---------------------------------------------------------


class _Outline(HTMLParser):
    """Collects what an auditor relies on: sections, headings, links, and tag balance."""

    VOID: ClassVar[frozenset[str]] = frozenset({"meta", "br", "link", "img", "hr", "input"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.sections: list[dict[str, str | None]] = []
        self.section_depths: list[int] = []
        self.urls: list[str] = []
        self.tags: set[str] = set()
        self.headings_in_section: dict[str, list[str]] = {}
        self.current_keys: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.html_lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.add(tag)
        if tag == "html":
            self.html_lang = a.get("lang")
        for name in ("href", "src", "action", "data", "poster"):
            if a.get(name) is not None:
                self.urls.append(str(a[name]))
        if tag == "section" and "verdict" in (a.get("class") or "").split():
            self.sections.append(a)
            self.section_depths.append(len(self.current_keys))
            self.current_keys.append(str(a.get("data-key")))
        elif tag == "section":
            self.current_keys.append("")
        if tag in ("h1", "h2", "h3", "h4", "h5") and self.current_keys and self.current_keys[-1]:
            self.headings_in_section.setdefault(self.current_keys[-1], []).append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unbalanced </{tag}>, open: {self.stack[-3:]}")
            return
        self.stack.pop()
        if tag == "section":
            self.current_keys.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.mark.parametrize("lang", LANGS)
def test_html_structure(report: Report, lang: str) -> None:
    page = render(report, "html", lang)
    outline = _Outline()
    outline.feed(page)
    outline.close()
    assert not outline.errors
    assert not outline.stack, outline.stack
    assert outline.html_lang == lang
    # self-contained: no scripts, no external stylesheets, images or fonts; links stay inside
    assert not outline.tags & {"script", "link", "img", "iframe", "object", "embed"}
    assert all(u.startswith("#") for u in outline.urls), outline.urls
    assert "url(" not in page and "@import" not in page and "http" not in page.split("<body>")[0]
    # one section per verdict, a heading in each; methods nested inside their measure
    keys = [s["data-key"] for s in outline.sections]
    assert keys == [v.key for v in _in_report_order(report)]
    ids = [s["id"] for s in outline.sections]
    assert len(set(ids)) == len(ids)
    assert all(f'href="#{i}"' in page for i in ids if not i.startswith("v-d.1.m"))
    for key in keys:
        assert outline.headings_in_section[key][0] in ("h2", "h3"), key
    depth = dict(zip(keys, outline.section_depths, strict=True))
    assert depth["d.1"] == 0 and depth["d.1.m2"] == 1 and depth["d.2"] == 0
    text = "".join(outline.text)
    # provenance: both hashes in full, as_of in both calendars
    assert report.policy_sha256 in text and report.facts_sha256 in text
    assert "2024-06-01" in text and "2567-06-01" in text
    # the Thai source text is quoted, the ambiguity cited, the fact's place in the file shown
    assert "ให้ส่วนราชการเปิดเผยข้อมูลและสารสนเทศเพื่อให้บุคคลภายนอกสามารถเข้าถึงได้" in text
    assert "A5" in text
    assert "tests/fixtures/render/facts.yaml:15:13" in text
    assert 'class="basis interpretation"' in page and 'class="basis law"' in page
    # each decision subject marks the option the agency chose
    assert page.count('class="chosen"') == 2
    assert re.search(r"<code>off_site</code>[^<]*<strong class=\"chosen\">", page)


def test_html_escapes_everything(report: Report) -> None:
    page = render(report, "html", "en")
    # the agency name and a fact description hold < > & and quotes
    assert "<ข้อมูล>" not in page
    assert "&lt;ข้อมูล&gt; &amp; &quot;บริการ" in page
    outline = _Outline()
    outline.feed(page)
    assert "ข้อมูล" not in outline.tags


def test_markdown_escapes(report: Report) -> None:
    md = render(report, "markdown", "en")
    assert "\\<ข้อมูล\\> \\& \"บริการ" in md
    assert "\n# " not in md.split("\n", 1)[1].replace("\n## ", "").replace("\n### ", "")


def _in_report_order(report: Report) -> list[govrules.Verdict]:
    from govrules.render.common import groups

    out = []
    for g in groups(report):
        out.append(g.verdict)
        out.extend(g.methods)
    return out


def test_markdown_escape_rules() -> None:
    from govrules.render.markdown import _code, _md

    assert _md("a * b _c_ [x](y) | z") == "a \\* b \\_c\\_ \\[x\\](y) \\| z"
    assert _md("0.1.0") == "0.1.0"  # only the start of a line can begin a list
    assert _md("1. first", line_start=True) == "1\\. first"
    assert _md("# title", line_start=True) == "\\# title"
    assert _code("a`b") == "``a`b``"


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_facts_warnings_are_in_the_language_of_the_report(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    monkeypatch.chdir(ROOT)
    facts = tmp_path / "facts.yaml"
    facts.write_text("agency:\n  kind: government_agency\n  positions:\n    - null\n",
                     encoding="utf-8")
    report = govrules.evaluate(f"{FIXTURE}/policy.pol", facts, as_of=AS_OF)
    [warning] = report.warnings
    assert warning.code == "W403"
    english, thai = render(report, fmt, "en"), render(report, fmt, "th")
    assert "makes the fact unknown" in english
    assert "makes the fact unknown" not in thai
    assert "ทำให้ข้อเท็จจริงนี้ไม่ทราบค่า" in thai
    assert "agency.positions" in thai  # the key path is carried over as it is


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_facts_warnings_keep_their_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        fmt: str) -> None:
    monkeypatch.chdir(ROOT)
    facts = tmp_path / "facts.yaml"
    facts.write_text("agency:\n  kind: government_agency\n  posiitons: []\n", encoding="utf-8")
    report = govrules.evaluate(f"{FIXTURE}/policy.pol", facts, as_of=AS_OF)
    [warning] = report.warnings
    assert warning.code == "W401" and warning.hint is not None
    assert "agency.positions" in warning.hint  # the did-you-mean the loader offers
    english, thai = render(report, fmt, "en"), render(report, fmt, "th")
    for out, word in ((english, "help"), (thai, "คำแนะนำ")):
        assert word in out
        assert re.search(r"agency\.positions(`|</code>)", out), out[-400:]
    assert "did you mean" in english and "หมายถึง" in thai


def test_markdown_keeps_the_spaces_around_code_spans() -> None:
    from govrules.render.markdown import _rich

    assert _rich("Run `govrules x` and compare") == "Run `govrules x` and compare"
    assert _rich("a *b* `c`") == "a \\*b\\* `c`"


@pytest.mark.parametrize("lang", ["fr", None, "EN"])
def test_unknown_language_is_an_error(report: Report, lang: object) -> None:
    with pytest.raises(ValueError, match="unknown report language"):
        render(report, "text", lang)  # type: ignore[arg-type]


def test_text_from_facts_cannot_forge_lines_or_drive_the_terminal(tmp_path: Path) -> None:
    from govrules.verdict import display_value, printable

    assert printable("plain ไทย\u200b") == "plain ไทย\u200b"  # zero-width space stays (Thai)
    assert printable("a\nb\tc\x1b[2J\u202ed\x7f") == "a\\nb\\tc\\x1b[2J\\u202ed\\x7f"
    assert display_value("x\ny") == "x\\ny" and display_value(frozenset({"a\x1b"})) == "{a\\x1b}"
    forged = "Dept\nCOMPLIANT     s50.1.1.1  forged line\x1b[2J\u202e"
    facts = {"agency": {"kind": "government_agency", "name": forged,
                        "positions": [{"id": "P\n1", "kind": "support"}]}}
    report = govrules.evaluate(str(ROOT / "policies"), facts, as_of="2024-06-01")
    for fmt in ("text", "markdown", "html"):
        out = render(report, fmt)
        assert "\x1b" not in out and "\u202e" not in out, fmt
        assert not any(line.startswith("COMPLIANT     s50.1.1.1  forged")
                       for line in out.splitlines()), fmt
    assert "work_pattern [P\\n1]" in render(report, "text")
    assert json.loads(report.to_json())["verdicts"]  # the JSON keeps data as data


def test_a_list_value_is_counted_in_the_reports_language() -> None:
    from govrules.render.common import node_value
    from govrules.verdict import display_value

    assert display_value(({"id": 1}, {"id": 2})) == "[2 items]"
    assert display_value(({"id": 1}, {"id": 2}), "th") == "[2 รายการ]"
    node = TraceNode("name", "agency.positions", ({"id": 1},), True)
    assert node_value(node, "th") == "[1 รายการ]"


def test_a_key_from_the_facts_cannot_forge_a_line_of_a_warning() -> None:
    facts = {"agency": {"kind": "government_agency"}, "z\nCOMPLIANT     m2  forged\x1b[31m": 1}
    report = govrules.evaluate(str(ROOT / "policies"), facts, as_of="2024-06-01")
    for fmt in ("text", "markdown", "html"):
        out = render(report, fmt)
        assert "\x1b" not in out and "\nCOMPLIANT     m2" not in out, fmt
