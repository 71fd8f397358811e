"""``govrules fmt``: the canonical form keeps meaning and comments, and is a fixed point.

The property tests build random but syntactically valid policy texts — every item and clause
kind of grammar/policy.lark, random spacing and line breaks, comments between any two tokens,
redundant brackets, Thai digits and keywords — and check ``parse(format(t)) == parse(t)`` and
``format(format(t)) == format(t)``. Every .pol of the project and every ```pol block of the docs
is checked the same way; tests/formatter/messy.pol has a golden canonical form.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lark import Token

from govrules.cli import main
from govrules.errors import PolicyError
from govrules.formatter import collect_comments, format_module, format_source
from govrules.syntax import parse_text

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).parent / "formatter"

# ---------------------------------------------------------------------------- the generator

NAMES = ["a", "b", "kind", "agency.kind", "s50.1.1.3", "x1", "ตำแหน่ง", "nn.ระบบ", "p_q"]
VARS = ["p", "v", "คน"]
SEPARATORS = [" ", " ", " ", "  ", "\n", "\n  ", "\n\n", "\t", " # note\n", "\n# own line\n",
              "  #\n", " # ข้อสังเกต\n\n"]
THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")

text_chars = st.sampled_from([*'ab "\\\tกขค ่ ำ{}#\n', "\u0e4d\u0e32"])
strings = st.lists(text_chars, max_size=12).map("".join)


def quoted(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@st.composite
def string_lit(draw: st.DrawFn) -> list[str]:
    """A text, sometimes split into adjacent strings."""
    s = draw(strings)
    cut = draw(st.integers(0, len(s)))
    if draw(st.booleans()) or cut == 0:
        return [quoted(s)]
    return [quoted(s[:cut]), quoted(s[cut:])]


@st.composite
def date_lit(draw: st.DrawFn) -> list[str]:
    year = draw(st.integers(1990, 2040))
    month, day = draw(st.integers(1, 12)), draw(st.integers(1, 28))
    era = draw(st.sampled_from(["", "BE", "CE"]))
    text = f"{year + (543 if era == 'BE' else 0):04d}-{month:02d}-{day:02d}"
    if draw(st.booleans()):
        text = text.translate(THAI)
    return [text] + ([era] if era else [])


@st.composite
def exprs(draw: st.DrawFn, depth: int = 0) -> list[str]:
    """Tokens of a random expression (brackets wherever precedence needs them, and more)."""
    atoms = st.one_of(
        st.sampled_from(NAMES).map(lambda n: [n]),
        st.sampled_from(["true", "false", "as_of", "0", "17", "2.50", "0.5"]).map(lambda t: [t]),
        string_lit(),
        date_lit(),
    )
    if depth >= 3 or draw(st.integers(0, 3)) == 0:
        return draw(atoms)
    kind = draw(st.sampled_from(["or", "and", "not", "cmp", "in", "includes", "subset",
                                 "arith", "neg", "set", "quant", "size", "paren"]))
    sub = exprs(depth + 1)

    def par(tokens: list[str]) -> list[str]:
        return ["(", *tokens, ")"]

    if kind in ("or", "and"):
        parts = draw(st.lists(sub, min_size=2, max_size=3))
        out = par(parts[0])
        for p in parts[1:]:
            out += [kind, *par(p)]
        return out
    if kind == "not":
        return ["not", *par(draw(sub))]
    if kind == "cmp":
        op = draw(st.sampled_from(["==", "!=", "<", "<=", ">", ">="]))
        return [*par(draw(sub)), op, *par(draw(sub))]
    if kind == "in":
        return [*par(draw(sub)), *draw(st.sampled_from([["in"], ["not", "in"]])), *par(draw(sub))]
    if kind == "includes":
        return [*par(draw(sub)), "includes", *par(draw(sub))]
    if kind == "subset":
        return [*par(draw(sub)), "subset", "of", *par(draw(sub))]
    if kind == "arith":
        op = draw(st.sampled_from(["+", "-", "*"]))
        left, right = draw(sub), draw(sub)
        # Leave the brackets off sometimes, so that precedence is exercised.
        return [*(left if len(left) == 1 else par(left)), op,
                *(right if len(right) == 1 else par(right))]
    if kind == "neg":
        return ["-", *par(draw(sub))]
    if kind == "set":
        items = draw(st.lists(sub, max_size=3))
        out = ["{"]
        for i, it in enumerate(items):
            out += ([","] if i else []) + it
        return [*out, "}"]
    if kind == "quant":
        q = draw(st.sampled_from(["all", "any", "count"]))
        return [q, "(", draw(st.sampled_from(VARS)), "in", *draw(sub), ":", *draw(sub), ")"]
    if kind == "size":
        return ["size", "(", *draw(sub), ")"]
    return par(draw(sub))


@st.composite
def clauses(draw: st.DrawFn, allowed: list[str], once: set[str]) -> list[list[str]]:
    """Random clauses of the allowed kinds, each kind in `once` at most once, each language of
    a text kind at most once."""
    chosen = draw(st.lists(st.sampled_from(allowed), max_size=6))
    out: list[list[str]] = []
    seen: set[str] = set()
    for kind in chosen:
        if kind in once and kind in seen:
            continue
        if kind in ("title", "text", "interpretation", "actor", "issuer"):
            langs = [lang for lang in ("th", "en") if f"{kind}:{lang}" not in seen]
            if not langs:
                continue
            lang = draw(st.sampled_from(langs))
            seen.add(f"{kind}:{lang}")
            out.append([kind, lang, *draw(string_lit())])
            continue
        made = draw(clause(kind))
        if kind == "explain":  # one explanation per status and language
            key = " ".join(made[:2] if made[1] in ("th", "en") else made[:3])
            if key in seen:
                continue
            seen.add(key)
        seen.add(kind)
        out.append(made)
    return out


@st.composite
def clause(draw: st.DrawFn, kind: str) -> list[str]:
    name = st.sampled_from(NAMES)
    if kind == "version":
        return ["version", *draw(string_lit())]
    if kind == "source":
        return ["source", draw(name)]
    if kind == "effective":
        start = draw(date_lit())
        return ["effective", "from", *start] + (
            ["until", "2099-12-31"] if draw(st.booleans()) else [])
    if kind in ("applies",):
        return ["applies", "when", *draw(exprs())]
    if kind in ("unless", "when", "chosen"):
        return [kind, *draw(exprs())]
    if kind == "dated":
        return ["dated", *draw(date_lit())]
    if kind == "cite":
        parts = draw(st.lists(st.tuples(name, st.one_of(
            st.none(), st.sampled_from(["1", "๑.๑", "๓)", "1.2.3"]), string_lit())),
            min_size=1, max_size=3))
        toks: list[str] = ["cite"]
        if draw(st.booleans()):
            toks += [draw(name), ":"]
        for i, (label, arg) in enumerate(parts):
            toks += ([","] if i else []) + [label]
            if isinstance(arg, str):
                toks.append(arg)
            elif isinstance(arg, list):
                toks += arg
        return toks
    if kind == "explain":
        status = draw(st.sampled_from([[], ["compliant"], ["unknown"], ["not_applicable"]]))
        return ["explain", *status, draw(st.sampled_from(["th", "en"])), *draw(string_lit())]
    if kind == "require":
        return draw(st.one_of(st.just(["require", "all", "methods"]),
                              st.just(["require", "any", "methods"]),
                              exprs().map(lambda e: ["require", *e])))
    if kind in ("ambiguity", "overrides"):
        names = draw(st.lists(name, min_size=1, max_size=3))
        return [kind, *",".join(names).replace(",", " , ").split()]
    if kind == "subject":
        return ["for", draw(st.sampled_from(VARS)), "in", *draw(exprs())]
    if kind == "priority":
        return ["priority", str(draw(st.integers(0, 99)))]
    if kind == "option":
        toks = ["option", draw(name)]
        if draw(st.booleans()):
            toks += ["ref", draw(name)]
        if draw(st.booleans()):
            body = draw(clauses(["cite", "title", "text", "interpretation"], set()))
            toks += ["{", *[t for c in body for t in c], "}"]
        return toks
    if kind == "rule":
        modality = draw(st.sampled_from([["must"], ["must", "not"], ["should"], ["may"],
                                         ["consider"], ["ควร"], ["ต้องไม่"]]))
        action = draw(st.sampled_from(["allow", "recommend", "exclude"]))
        opts = draw(st.lists(name, min_size=1, max_size=3))
        body = draw(clauses(["cite", "title", "text", "explain", "when", "unless",
                             "interpretation", "priority", "overrides", "ambiguity"],
                            {"when", "priority"}))
        return ["rule", draw(name), *modality, action,
                *",".join(opts).replace(",", " , ").split(),
                "{", *[t for c in body for t in c], "}"]
    assert kind == "method"
    body = draw(clauses(["cite", "title", "text", "explain", "applies", "unless",
                         "interpretation", "require", "ambiguity", "actor"], {"require"}))
    number = draw(st.sampled_from(["1", "2", "๓", "10"]))
    return ["method", number, "{", *[t for c in body for t in c], "}"]


@st.composite
def labels(draw: st.DrawFn) -> list[str]:
    langs = draw(st.lists(st.sampled_from(["th", "en"]), unique=True, max_size=2))
    return [t for lang in langs for t in [lang, *draw(string_lit())]]


@st.composite
def type_expr(draw: st.DrawFn) -> list[str]:
    name = draw(st.sampled_from(["bool", "int", "text", "kind", "position"]))
    return draw(st.sampled_from([[name], ["set", "of", name], ["list", "of", name]]))


@st.composite
def item(draw: st.DrawFn) -> list[str]:
    kind = draw(st.sampled_from(["policy", "join", "source", "enum", "record", "fact",
                                 "define", "measure", "decision", "item"]))
    name = draw(st.sampled_from(NAMES))

    def block(body: list[list[str]]) -> list[str]:
        return ["{", *[t for c in body for t in c], "}"]

    if kind == "policy":
        body = draw(clauses(["version", "title", "text", "source", "effective", "applies",
                             "interpretation", "ambiguity"],
                            {"version", "source", "effective"}))
        return ["policy", name, *block(body)]
    if kind == "join":
        return ["in", "policy", name]
    if kind == "source":
        body = draw(clauses(["title", "issuer", "dated", "text"], {"dated"}))
        return ["source", name, *block(body)]
    if kind == "enum":
        values = draw(st.lists(st.tuples(st.sampled_from(NAMES), st.booleans(), labels()),
                               max_size=3))
        body = [[v] + (["ref", "goal"] if r else []) + lab for v, r, lab in values]
        return ["enum", name, *block(body)]
    if kind == "record":
        fields = draw(st.lists(st.tuples(st.sampled_from(NAMES), type_expr(), labels()),
                               max_size=3))
        return ["record", name, *block([[f, ":", *t, *lab] for f, t, lab in fields])]
    if kind == "fact":
        return ["fact", name, ":", *draw(type_expr()), *draw(labels())]
    if kind == "define":
        return ["define", name, *draw(labels()), "=", *draw(exprs())]
    if kind == "measure":
        modality = draw(st.sampled_from([["must"], ["must", "not"], ["should"], ["may"],
                                         ["consider"], ["ต้อง"], ["อาจ"], ["พิจารณา"]]))
        body = draw(clauses(["cite", "title", "text", "explain", "applies", "effective",
                             "unless", "interpretation", "method", "require", "ambiguity",
                             "actor"], {"effective", "require"}))
        return ["measure", name, *modality, *block(body)]
    if kind == "decision":
        body = draw(clauses(["cite", "title", "text", "applies", "effective", "subject",
                             "chosen", "option", "rule", "interpretation", "ambiguity"],
                            {"effective", "subject", "chosen"}))
        return ["decision", name, *block(body)]
    body = draw(clauses(["cite", "title", "text", "effective", "interpretation",
                         "ambiguity"], {"effective"}))
    return ["item", name] + (block(body) if body or draw(st.booleans()) else [])


@st.composite
def policy_texts(draw: st.DrawFn) -> str:
    """A random, syntactically valid policy text with random layout and comments."""
    items = draw(st.lists(item(), min_size=1, max_size=4))
    # `define d = x` then `in policy p` would read as `x in policy`: keep them apart.
    kept: list[list[str]] = []
    for it in items:
        if not (it[0] == "in" and kept and kept[-1][0] == "define"):
            kept.append(it)
    items = kept
    tokens = [t for it in items for t in it]
    out = [draw(st.sampled_from(["", "# top\n", "\n"]))]
    for tok in tokens:
        out.append(tok)
        out.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(out)


# ---------------------------------------------------------------------------- properties


def assert_canonical(text: str) -> str:
    formatted = format_source(text)
    assert parse_text(formatted) == parse_text(text)
    assert format_source(formatted) == formatted
    # No comment is lost: the formatted text has every comment of the original.
    assert sorted(_comments(formatted)) == sorted(_comments(text))
    return formatted


def _comments(text: str) -> list[str]:
    """The comments of a text, from the lexer."""
    from govrules.formatter import _parse_collecting

    found: list[Token] = []
    _parse_collecting(text, found)
    return [str(t).rstrip() for t in found]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(policy_texts())
def test_format_keeps_meaning_and_is_idempotent(text: str) -> None:
    assert_canonical(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(policy_texts())
def test_format_module_without_comments_round_trips(text: str) -> None:
    module = parse_text(text)
    plain = format_module(module)
    assert parse_text(plain) == module
    assert format_module(parse_text(plain)) == plain


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(policy_texts(), st.sampled_from(["    ", "\t", " \t "]))
def test_reindented_text_comes_back_to_the_canonical_form(text: str, extra: str) -> None:
    canonical = format_source(text)
    messed = "\n".join(
        (extra + line if not line.lstrip().startswith("#") else extra.strip(" ") + line)
        for line in canonical.split("\n")
    )
    messed = messed.replace(", ", " ,  ").replace(" : ", "  :  ")
    assert format_source(messed) == canonical


POL_FILES = sorted(
    [*ROOT.joinpath("policies").rglob("*.pol"), *ROOT.joinpath("tests").rglob("*.pol")]
)


@pytest.mark.parametrize("path", POL_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_policy_file_formats(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    try:
        parse_text(text)
    except PolicyError as exc:  # a deliberately broken file: fmt refuses it the same way
        with pytest.raises(PolicyError) as info:
            format_source(text)
        assert info.value.diagnostics == exc.diagnostics
        return
    assert_canonical(text)


def test_shipped_policies_are_canonical() -> None:
    # and the docs' examples: the authoring guide tells authors to run `fmt --check`
    for path in sorted([*ROOT.joinpath("policies").rglob("*.pol"),
                        *ROOT.joinpath("docs").rglob("*.pol")]):
        text = path.read_text(encoding="utf-8")
        assert format_source(text, str(path)) == text, f"{path} is not in canonical form"


def _doc_blocks() -> list[tuple[str, str]]:
    out = []
    for doc in sorted([*ROOT.joinpath("docs").glob("*.md"), ROOT / "README.md"]):
        blocks = re.findall(r"```pol\n(.*?)```", doc.read_text(encoding="utf-8"), re.S)
        out += [(f"{doc.name}#{i}", b) for i, b in enumerate(blocks)]
    return out


@pytest.mark.parametrize(("where", "block"), _doc_blocks(), ids=[w for w, _ in _doc_blocks()])
def test_docs_policy_blocks_format(where: str, block: str) -> None:
    try:
        parse_text(block)
    except PolicyError:
        pytest.skip(f"{where} is a fragment, not a whole policy file")
    assert_canonical(block)


# ---------------------------------------------------------------------------- golden form


def test_messy_file_golden(golden: object) -> None:
    text = (HERE / "messy.pol").read_text(encoding="utf-8")
    formatted = assert_canonical(text)
    golden(HERE / "messy.expected.pol", formatted)  # type: ignore[operator]


def test_canonical_details() -> None:
    out = format_source('measure m ต้องไม่ { require not (a and b) or -(x - 1) * 2 > 3 }\n'
                        'fact a:bool fact b:bool fact x :int\n')
    assert out == (
        "measure m must not {\n"
        "  require not (a and b) or -(x - 1) * 2 > 3\n"
        "}\n"
        "fact a : bool\n"
        "fact b : bool\n"
        "fact x : int\n"
    )


def test_thai_digits_in_citations_are_kept_and_dates_become_arabic() -> None:
    out = format_source("item g { cite doc: ข้อ ๔.๔, item ๕) effective from ๒๕๖๑-๐๓-๐๑ BE }")
    assert "cite doc: ข้อ ๔.๔, item ๕)" in out
    assert "effective from 2561-03-01 BE" in out


def test_comments_stay_where_they_were() -> None:
    text = ("# file header\n\n\n"
            "measure m must {   # on the header line\n"
            "  # before the title\n"
            "  title en \"T\"   # after the title\n"
            "  require a\n"
            "     and b  # after the condition\n"
            "  # at the end of the block\n"
            "}  # after the brace\n"
            "fact a : bool\n# last\n")
    assert format_source(text) == (
        "# file header\n\n"
        "measure m must {  # on the header line\n"
        "  # before the title\n"
        "  title en \"T\"  # after the title\n"
        "  require a and b  # after the condition\n"
        "  # at the end of the block\n"
        "}  # after the brace\n"
        "fact a : bool\n# last\n")


def test_comment_inside_a_multiline_clause_moves_before_it() -> None:
    text = "fact a : bool\n  # about the Thai label\n  th \"ก\"\n"
    assert format_source(text) == "# about the Thai label\nfact a : bool\n  th \"ก\"\n"


def test_syntax_error_raises_policy_error() -> None:
    with pytest.raises(PolicyError) as info:
        format_source("measure m must { require }", "bad.pol")
    assert info.value.diagnostics[0].code == "E111"


def test_collect_comments_without_comments_has_only_children() -> None:
    layout = collect_comments("fact a : bool\nfact b : bool\n")
    assert layout.blocks[()].entries == (("child", ("item", 0)), ("child", ("item", 1)))


# ---------------------------------------------------------------------------- the command


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_check_lists_files_that_would_change(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    good = _write(tmp_path, "good.pol", "fact a : bool\n")
    bad = _write(tmp_path, "bad.pol", "fact   a:bool\n")
    assert main(["fmt", "--check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert str(bad) in out and str(good) not in out
    assert bad.read_text(encoding="utf-8") == "fact   a:bool\n"  # --check never writes


def test_cli_check_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _write(tmp_path, "bad.pol", "fact   a:bool\n")
    assert main(["fmt", "--check", "--diff", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "-fact   a:bool\n+fact a : bool\n" in out
    assert f"--- {bad}" in out


def test_cli_diff_alone_is_a_preview(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _write(tmp_path, "bad.pol", "fact   a:bool\n")
    assert main(["fmt", "--diff", str(bad)]) == 1
    assert "+fact a : bool\n" in capsys.readouterr().out
    assert bad.read_text(encoding="utf-8") == "fact   a:bool\n"  # shown, not written


def test_cli_rewrites_in_place_only_when_changed(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    good = _write(tmp_path, "good.pol", "fact a : bool\n")
    bad = _write(tmp_path, "bad.pol", "fact   a:bool # c\n")
    before = good.stat().st_mtime_ns
    assert main(["fmt", str(tmp_path)]) == 0
    assert bad.read_text(encoding="utf-8") == "fact a : bool  # c\n"
    assert good.stat().st_mtime_ns == before
    assert "reformatted" in capsys.readouterr().out
    assert main(["fmt", "--check", str(tmp_path)]) == 0


def test_cli_syntax_error_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path, "broken.pol", "measure m must {\n")
    assert main(["fmt", "--check", str(tmp_path)]) == 2
    assert "error[E111]" in capsys.readouterr().err


def test_cli_as_a_process(tmp_path: Path) -> None:
    bad = _write(tmp_path, "bad.pol", "fact   a:bool\n")
    proc = subprocess.run([sys.executable, "-m", "govrules", "fmt", "--check", str(bad)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 1
    assert str(bad) in proc.stdout


def test_format_files_takes_one_path_as_one_path(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from govrules.formatter import format_files

    (tmp_path / "draft.pol").write_text('source d{title en "D"}\n', encoding="utf-8")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "b.pol").write_text('source e{title en "E"}\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for one in ("draft.pol", Path("draft.pol")):
        result = format_files(one)
        assert result.changed == ("draft.pol",)
        assert result.diagnostics == ()
    assert format_files(["draft.pol", "other"]).changed == ("draft.pol", "other/b.pol")
