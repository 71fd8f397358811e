"""The documentation cannot drift from the code.

* Every ```` ```pol ```` block of ``docs/**/*.md`` (and of the README) parses — as a file,
  or, for a block that is deliberately a fragment (a few clauses, an expression), inside the
  smallest item that can hold it. A block whose first line is ``# check`` must also check
  clean on its own (a complete policy set); ``# check with policies`` checks it together with
  the shipped ``policies/``.
* ``docs/cli.md`` names every subcommand and option that ``govrules --help`` knows.
* The tutorial's worked example (``docs/examples/tutorial/``) checks, evaluates as the tutorial
  shows, and its ``*.test.yaml`` passes under ``govrules test``.
* The policy catalogue hook generates a page for every measure and decision, in both languages,
  with the facts each rule reads.
* The Pygments lexer knows every keyword of the grammar and lexes every shipped policy without an
  error token.
* Every public module has a page in the Python API reference.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from pygments.token import Error, Keyword, Name, Number, Operator, String, Token

import govrules
from govrules import cli
from govrules.checker import check_modules
from govrules.errors import PolicyError, render_diagnostics
from govrules.lexer import PolLexer
from govrules.source import SourceFile
from govrules.syntax import parse_module, parse_text

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
TUTORIAL = DOCS / "examples" / "tutorial"

# ---------------------------------------------------------------------------- ```pol blocks

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+)[ \t]*(?P<info>[^\n]*)$")
_SNIPPET = re.compile(r'^\s*--8<--\s+"(?P<path>[^"]+)"\s*$')


def _snippet(spec: str) -> str:
    """The text a ``--8<-- "path[:section]"`` line stands for (pymdownx.snippets)."""
    path, _, section = spec.partition(":")
    text = (ROOT / path).read_text(encoding="utf-8")
    if not section:
        return "\n".join(ln for ln in text.splitlines() if "--8<-- [" not in ln)
    m = re.search(rf"--8<-- \[start:{re.escape(section)}\]\n(.*?)^.*--8<-- \[end:"
                  rf"{re.escape(section)}\]", text, re.S | re.M)
    assert m, f"no section `{section}` in {path}"
    return m.group(1)


def _fenced(md: Path) -> list[tuple[str, str]]:
    """The fenced blocks of a page, in order: (info string, text)."""
    blocks = re.findall(r"^```(\w*)[^\n]*\n(.*?)^```\s*$", md.read_text(encoding="utf-8"),
                        re.S | re.M)
    return [(lang, text) for lang, text in blocks]


def pol_blocks() -> Iterator[tuple[str, int, str]]:
    """Every ```pol block of the docs: (file, line of the fence, text, snippets resolved)."""
    for md in [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]:
        lines = md.read_text(encoding="utf-8").splitlines()
        i = 0
        while i < len(lines):
            m = _FENCE.match(lines[i])
            if not m:
                i += 1
                continue
            fence, info, indent = m["fence"], m["info"].strip(), len(m["indent"])
            start = i
            body: list[str] = []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith(fence):
                body.append(lines[i][indent:])
                i += 1
            i += 1
            lang = info.split()[0].lstrip("{.").rstrip("}") if info else ""
            if lang in ("pol", "govrules"):
                text = "\n".join(_snippet(s["path"]) if (s := _SNIPPET.match(b)) else b
                                 for b in body)
                yield md.relative_to(ROOT).as_posix(), start + 1, text + "\n"


# How a fragment is wrapped so that it parses: inside a measure, a method, a policy, a source,
# a decision, a rule, or as the expression of a definition.
_WRAPPERS = (
    "{}",
    "measure fragment.m must {{\n{}\n}}",
    "measure fragment.m must {{ method 1 {{\n{}\n}} }}",
    "policy fragment.p {{\n{}\n}}",
    "source fragment.s {{\n{}\n}}",
    "decision fragment.d {{\n{}\n}}",
    "decision fragment.d {{ rule fragment.r may allow x {{\n{}\n}} }}",
    "define fragment.x =\n{}",
)

BLOCKS = list(pol_blocks())


def test_the_docs_have_pol_examples() -> None:
    files = {f for f, _, _ in BLOCKS}
    assert {"docs/language.md", "docs/tutorial.md", "docs/index.md"} <= files


@pytest.mark.parametrize(("file", "line", "text"), BLOCKS,
                         ids=[f"{f}:{n}" for f, n, _ in BLOCKS])
def test_pol_block_parses(file: str, line: int, text: str) -> None:
    first_error: PolicyError | None = None
    for wrapper in _WRAPPERS:
        try:
            parse_text(wrapper.format(text), f"{file}:{line}")
            return
        except PolicyError as exc:
            first_error = first_error or exc
    assert first_error is not None
    pytest.fail(f"{file}:{line}: the ```pol block parses neither as a file nor as a fragment:\n"
                + render_diagnostics(first_error.diagnostics, {f"{file}:{line}": text}))


CHECKED = [(f, n, t) for f, n, t in BLOCKS if t.lstrip().startswith("# check")]


@pytest.mark.parametrize(("file", "line", "text"), CHECKED,
                         ids=[f"{f}:{n}" for f, n, _ in CHECKED])
def test_pol_block_marked_check_is_clean(file: str, line: int, text: str) -> None:
    name = f"{file}:{line}.pol"
    with_policies = text.lstrip().splitlines()[0].strip() == "# check with policies"
    if with_policies:
        result = govrules.check(ROOT / "policies")
        assert result.policy_set is not None, "the shipped policies do not check"
        sources = dict(result.sources)
        modules = [parse_module(SourceFile(n, t)) for n, t in sources.items()]
    else:
        sources, modules = {}, []
    sources[name] = text
    modules.append(parse_module(SourceFile(name, text)))
    policy_set, diags = check_modules(modules, sources)
    errors = [d for d in diags if d.is_error]
    assert policy_set is not None and not errors, render_diagnostics(errors, sources)


def test_fragments_are_told_apart_from_broken_blocks() -> None:
    # The wrappers accept fragments, not anything: a broken block still fails.
    for wrapper in _WRAPPERS:
        with pytest.raises(PolicyError):
            parse_text(wrapper.format("measure s50 must must {"), "broken")


def test_checked_blocks_exist() -> None:
    # The tutorial's and the language reference's complete examples are checked.
    assert CHECKED, "no ```pol block is marked `# check`"


# ---------------------------------------------------------------------------- ```python blocks


def python_pages() -> list[Path]:
    """The pages with ```python examples."""
    return [md for md in [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]
            if any(lang in ("python", "py") for lang, _ in _fenced(md))]


@pytest.mark.parametrize("page", python_pages(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_python_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    # The blocks of a page run in order in one namespace, as a reader would type them, from a
    # folder where `policies/`, `examples/` and `docs/` are the repository's. A block whose
    # first line is `# not run: REASON` (it needs data or a library the tests do not have) is
    # only compiled.
    for name in ("policies", "examples", "docs"):
        (tmp_path / name).symlink_to(ROOT / name, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for number, (lang, code) in enumerate(_fenced(page)):
        if lang not in ("python", "py"):
            continue
        where = f"{page.relative_to(ROOT).as_posix()}, python block {number + 1}"
        compiled = compile(code, where, "exec")
        if code.lstrip().startswith("# not run:"):
            continue
        try:
            exec(compiled, namespace)
        except Exception as exc:  # report which example broke, and how
            pytest.fail(f"{where} fails: {type(exc).__name__}: {exc}\n\n{code}")
    capsys.readouterr()


def test_api_guide_names_every_export() -> None:
    guide = (DOCS / "api.md").read_text(encoding="utf-8")
    missing = [name for name in govrules.__all__
               if not name.startswith("_") and not re.search(rf"\b{name}\b", guide)]
    assert not missing, f"docs/api.md does not describe {missing}"


# ---------------------------------------------------------------------------- CLI reference


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _options(parser: argparse.ArgumentParser) -> list[str]:
    return [opt for action in parser._actions for opt in action.option_strings
            if opt not in ("-h", "--help")]


def _section(text: str, command: str) -> str:
    """The part of cli.md about `govrules COMMAND`: from its heading to the next one."""
    m = re.search(rf"^##+ `govrules {re.escape(command)}`[^\n]*\n(.*?)(?=^## |\Z)", text,
                  re.S | re.M)
    assert m, f"docs/cli.md has no section `## \\`govrules {command}\\``"
    return m.group(1)


CLI_DOC = (DOCS / "cli.md").read_text(encoding="utf-8")
SUBCOMMANDS = sorted(_subparsers(cli._parser()).items())


def test_cli_top_level_options_are_documented() -> None:
    for opt in _options(cli._parser()):
        assert opt in CLI_DOC, f"`govrules {opt}` is not in docs/cli.md"


@pytest.mark.parametrize(("name", "parser"), SUBCOMMANDS, ids=[n for n, _ in SUBCOMMANDS])
def test_cli_subcommand_is_documented(name: str, parser: argparse.ArgumentParser) -> None:
    section = _section(CLI_DOC, name)
    for opt in _options(parser):
        assert re.search(rf"`{re.escape(opt)}(?![\w-])", section), (
            f"option `{opt}` of `govrules {name}` is not described in its section of docs/cli.md")
    for action in parser._actions:
        for choice in action.choices or ():
            if action.option_strings and isinstance(choice, str):
                assert choice in section, (
                    f"`govrules {name} {action.option_strings[0]} {choice}` is not in "
                    "docs/cli.md")


def test_cli_synopsis_names_every_subcommand() -> None:
    synopsis = CLI_DOC.split("```", 2)[1]
    for name, _ in SUBCOMMANDS:
        assert f"govrules {name}" in synopsis, f"`govrules {name}` is not in the synopsis"


# ---------------------------------------------------------------------------- the tutorial


def test_tutorial_policy_checks_clean() -> None:
    result = govrules.check(TUTORIAL)
    assert result.ok and not result.warnings, render_diagnostics(result.diagnostics,
                                                                 result.sources)


def test_tutorial_tests_pass(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["test", str(TUTORIAL)]) == 0, capsys.readouterr().out


def test_tutorial_tests_can_fail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The tests of the tutorial check something: change one expectation and they fail.
    copy = tmp_path / "tutorial"
    shutil.copytree(TUTORIAL, copy)
    test_file = copy / "complaints.test.yaml"
    text = test_file.read_text(encoding="utf-8")
    test_file.write_text(text.replace("complaints.1: compliant", "complaints.1: unknown", 1),
                         encoding="utf-8")
    assert cli.main(["test", str(copy)]) == 1
    capsys.readouterr()


def command_examples() -> Iterator[tuple[str, str, str]]:
    """Each ```sh block that runs one `govrules` command and the ```text block after it."""
    for name in ("getting-started.md", "tutorial.md"):
        blocks = _fenced(DOCS / name)
        for (lang, text), (next_lang, shown) in itertools.pairwise(blocks):
            lines = text.strip().splitlines()
            if lang == "sh" and len(lines) == 1 and lines[0].startswith(".venv/bin/govrules ") \
                    and next_lang == "text":
                yield name, lines[0].removeprefix(".venv/bin/govrules "), shown


COMMANDS = list(command_examples())


def test_the_pages_show_command_output() -> None:
    shown = {(page, cmd.split()[0]) for page, cmd, _ in COMMANDS}
    assert {("getting-started.md", "check"), ("getting-started.md", "eval"),
            ("tutorial.md", "check"), ("tutorial.md", "eval")} <= shown


@pytest.mark.parametrize(("page", "command", "shown"), COMMANDS,
                         ids=[f"{p}:{c}" for p, c, _ in COMMANDS])
def test_shown_output_is_what_the_command_prints(page: str, command: str, shown: str,
                                                 capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # The lines shown must appear in the real output, in order; `...` stands for lines left
    # out, and the hash of the policy set (which changes with every edit of a policy) is not
    # compared.
    monkeypatch.chdir(ROOT)
    capsys.readouterr()
    cli.main(command.split())
    actual = [ln.rstrip() for ln in capsys.readouterr().out.splitlines()]
    expected = [ln.rstrip() for ln in shown.strip().splitlines()
                if ln.strip() != "..." and not ln.startswith("policy set sha256")]
    position = 0
    for line in expected:
        try:
            position = actual.index(line, position) + 1
        except ValueError:
            pytest.fail(f"docs/{page}: `govrules {command}` does not print, in this place:\n"
                        f"{line}\n\nIt prints:\n" + "\n".join(actual))
    if "..." not in shown:
        assert len(expected) == len([ln for ln in actual
                                     if not ln.startswith("policy set sha256")])


def test_tutorial_api_example() -> None:
    policies = govrules.load(TUTORIAL)
    report = policies.evaluate(TUTORIAL / "agency.yaml", as_of="2024-06-01")
    assert report.verdict("complaints.2").missing == ("complaints.outcomes_reported",)
    assert report.verdict("complaints.1").finding == "violation"


def test_verdicts_page_json_is_what_the_report_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    # docs/verdicts.md quotes an option outcome and a trace of examples/agency_partial.yaml.
    import json

    monkeypatch.chdir(ROOT)
    report = govrules.load("policies").evaluate("examples/agency_partial.yaml",
                                                as_of="2024-10-01")
    blocks = [json.loads(text) for lang, text in _fenced(DOCS / "verdicts.md") if lang == "json"]
    option = next(b for b in blocks if b.get("option") == "off_site")
    decision = report.verdict("work_pattern", "agency.positions[3]").to_dict()
    assert option in decision["options"]
    trace = next(b for b in blocks if b.get("label") == "method s50.1.1.3.m3")
    assert trace == report.verdict("s50.1.1.3.m3").to_dict()["trace"]


# ---------------------------------------------------------------------------- the catalogue


def _hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("govrules_docs_catalogue",
                                                  DOCS / "hooks" / "catalogue.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


CatalogueData = tuple[govrules.PolicySet, dict[str, str], dict[str, list[object]]]
"""The shipped policy set, the catalogue pages (URI → Markdown) and the navigation."""


@pytest.fixture(scope="module")
def catalogue() -> CatalogueData:
    ps = govrules.load(ROOT / "policies")
    pages, navs = _hook().build_catalogue(ps, ROOT)
    return ps, pages, navs


def markdown_text(text: str) -> str:
    """Text as the catalogue writes it in Markdown (escaped)."""
    return str(_hook()._md(text))


def test_every_measure_and_method_has_its_page(catalogue: CatalogueData) -> None:
    ps, pages, _ = catalogue
    assert ps.measures
    for cm in ps.measures:
        m = cm.measure
        for prefix in ("catalogue/", "catalogue/th/"):
            page = pages[f"{prefix}measures/{m.id}.md"]
            assert f"{m.id}" in page.splitlines()[0]
            for meth in m.methods:
                number = meth.number.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
                assert f"`{m.id}.m{number}`" in page
            thai = ", ".join(c.normalized for c in m.cites)
            assert thai.split(": ", 1)[-1] in page  # the normalised clause path
            for _lang, title in m.titles:
                assert markdown_text(title)[:20] in page


def test_every_decision_has_its_options_and_rules(catalogue: CatalogueData) -> None:
    ps, pages, _ = catalogue
    assert ps.decisions
    for cd in ps.decisions:
        d = cd.decision
        for prefix in ("catalogue/", "catalogue/th/"):
            page = pages[f"{prefix}decisions/{d.id}.md"]
            for o in d.options:
                assert f"`{o.id}`" in page
            for r in d.rules:
                assert f"`{d.id}.{r.id}`" in page


def test_facts_used_are_found_through_definitions_and_subjects(catalogue: CatalogueData) -> None:
    _, pages, _ = catalogue
    page = pages["catalogue/decisions/work_pattern.md"]
    facts = page[page.rindex("## Facts used"):]
    # `for position in agency.positions`, `position.kind`, and through the definition
    # nn.remote_work_systems, the agency's internal systems.
    assert "`agency.positions`](../facts.md#fact-agency-positions) → `kind`" in facts
    assert "`agency.positions`](../facts.md#fact-agency-positions) → `pattern`" in facts
    assert "`agency.internal_systems`" in facts and "definition `nn.remote_work_systems`" in facts


def test_interpretations_and_citations_as_written(catalogue: CatalogueData) -> None:
    _, pages, _ = catalogue
    page = pages["catalogue/measures/s50.1.1.3.md"]
    assert "| Modality | **must** (ต้อง): a failure is a *violation* |" in page
    assert "`opdc_s50_memo: issue ๑.๑, measure ๑.๑.๓`" in page  # as written
    assert "issue 1.1, measure 1.1.3" in page  # normalised
    assert '!!! warning "Interpretation"' in page
    thai = pages["catalogue/th/measures/s50.1.1.3.md"]
    assert "ระดับความบังคับ" in thai and '!!! warning "การตีความ"' in thai


def test_catalogue_of_a_small_policy_set(tmp_path: Path) -> None:
    # The generator works on whatever the policies hold: here items, a quantifier over a
    # list of records, `unless`, `must not` and a policy without decisions.
    (tmp_path / "p.pol").write_text('''
source doc { title en "A document" }
policy p { source doc }
item p.goal.1 { cite doc: goal ๑) title en "A goal" }
record person { age : int }
fact staff : list of person
fact agency.closed : bool
define p.all_adults = all(s in staff: s.age >= 18)
measure p.1 must not {
  cite doc: clause ๓.๒
  interpretation en "A reading."
  unless agency.closed
  require p.all_adults
}
''', encoding="utf-8")
    ps = govrules.load(tmp_path)
    pages, navs = _hook().build_catalogue(ps, tmp_path)
    page = pages["catalogue/measures/p.1.md"]
    assert "**must not** (ต้องไม่)" in page
    assert "`doc: clause ๓.๒`" in page and "clause 3.2" in page
    assert "| Unless (exception) | `agency.closed` |" in page
    assert "→ `age`" in page and "definition `p.all_adults`" in page
    assert "p.goal.1" in pages["catalogue/items.md"]
    assert "The policies declare no decisions." in pages["catalogue/index.md"]
    assert {"catalogue/index.md", "catalogue/th/index.md", "catalogue/facts.md",
            "catalogue/th/sources.md"} <= set(pages)
    assert navs["en"][1] == {"Measures": [{"p.1": "catalogue/measures/p.1.md"}]}


def test_catalogue_hook_fails_the_build_on_policy_errors(tmp_path: Path) -> None:
    from mkdocs.exceptions import PluginError

    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "bad.pol").write_text("fact a : boolean\n", encoding="utf-8")
    config = {"config_file_path": str(tmp_path / "mkdocs.yml"), "nav": None,
              "markdown_extensions": []}
    with pytest.raises(PluginError, match=r"E222"):
        _hook().on_config(config)


def test_catalogue_navigation_replaces_the_placeholders() -> None:
    hook = _hook()
    navs = {"en": [{"Overview": "catalogue/index.md"}], "th": [{"ภาพรวม": "x"}]}
    nav = [{"Home": "index.md"},
           {"Catalogue": [{"English": "catalogue/index.md"},
                          {"ไทย": "catalogue/th/index.md"}]}]
    assert hook._expand_nav(nav, navs) == [
        {"Home": "index.md"},
        {"Catalogue": [{"English": navs["en"]}, {"ไทย": navs["th"]}]}]


# ---------------------------------------------------------------------------- the lexer


def _keywords_of_grammar() -> set[str]:
    grammar = (ROOT / "grammar" / "policy.lark").read_text(encoding="utf-8")
    words = set(re.findall(r'"([^"\\]+)"', grammar))
    return {w for w in words if re.fullmatch(r"[A-Za-z_\u0E00-\u0E7F]+", w)}


def test_lexer_highlights_every_keyword_of_the_grammar() -> None:
    keywords = _keywords_of_grammar()
    assert {"measure", "must", "ต้อง", "includes"} <= keywords
    lexer = PolLexer()
    for word in sorted(keywords):
        tokens = [(t, v) for t, v in lexer.get_tokens(word) if v.strip()]
        assert len(tokens) == 1, (word, tokens)
        token = tokens[0][0]
        assert token in Keyword or token in Operator.Word, f"`{word}` is lexed as {token}"


def test_language_reference_lists_every_keyword() -> None:
    doc = (DOCS / "language.md").read_text(encoding="utf-8")
    m = re.search(r"These words are the keywords of the language:\n\n```text\n(.*?)```", doc,
                  re.S)
    assert m, "docs/language.md has lost its list of keywords"
    assert set(m.group(1).split()) == _keywords_of_grammar()


@pytest.mark.parametrize("path", sorted((ROOT / "policies").rglob("*.pol")),
                         ids=lambda p: p.relative_to(ROOT).as_posix())
def test_lexer_reads_shipped_policies_without_errors(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    tokens = list(PolLexer().get_tokens(text))
    errors = [v for t, v in tokens if t in Error]
    assert not errors
    assert "".join(v for _, v in tokens) == (text if text.endswith("\n") else text + "\n")


def test_lexer_tokens() -> None:
    text = ('measure s50.1.1.3 ต้องไม่ {\n  cite memo: issue ๑.๑, method ๓)\n'
            '  effective from ๒๕๖๑-๐๓-๐๑ BE\n'
            '  require agency.policy >= 4.5 and x.y in {a} # note\n  text en "a \\"q\\""\n}\n')
    tokens = [(t, v) for t, v in PolLexer().get_tokens(text) if v.strip()]
    assert tokens[:3] == [(Keyword.Declaration, "measure"), (Name.Class, "s50.1.1.3"),
                          (Keyword.Reserved, "ต้องไม่")]
    assert (Number.Other, "๑.๑") in tokens and (Number.Other, "๓)") in tokens
    assert (Token.Literal.Date, "๒๕๖๑-๐๓-๐๑") in tokens and (Keyword.Constant, "BE") in tokens
    assert (Name, "agency.policy") in tokens  # a keyword inside a dotted name is a name
    assert (Number.Float, "4.5") in tokens and (Operator.Word, "and") in tokens
    assert (Token.Comment.Single, "# note") in tokens
    assert (String.Escape, '\\"') in tokens


def test_lexer_marks_what_is_not_in_the_language() -> None:
    tokens = list(PolLexer().get_tokens('fact a : bool ; title en "unterminated\n'))
    assert [v for t, v in tokens if t in Error] == [";", "\n"]


def test_lexer_is_registered_with_pygments() -> None:
    from pygments.lexers import get_lexer_by_name, get_lexer_for_filename

    assert isinstance(get_lexer_by_name("pol"), PolLexer)
    assert isinstance(get_lexer_by_name("govrules"), PolLexer)
    assert isinstance(get_lexer_for_filename("disclosure.pol"), PolLexer)


# ---------------------------------------------------------------------------- API reference


def test_docstring_markup() -> None:
    markup = _hook().docstring_markup
    assert markup(["See :class:`~govrules.verdict.Report` and :func:`load`."]) == [
        "See `Report` and `load`."]
    assert markup(["Intro.", "", ">>> import govrules  # doctest: +SKIP", ">>> 1 + 1", "2",
                   "", "After."]) == [
        "Intro.", "", "", "```pycon", ">>> import govrules", ">>> 1 + 1", "2", "```", "",
        "After."]
    # Inside a fenced block nothing changes.
    fenced = ["```python", ">>> x", ":class:`X`", "```"]
    assert markup(fenced) == fenced


def test_every_public_module_has_a_reference_page() -> None:
    import pkgutil

    expected = {"govrules"} | {
        m.name for m in pkgutil.walk_packages(govrules.__path__, "govrules.")
        if not any(part.startswith("_") for part in m.name.split("."))}
    pages, nav = _hook().build_reference(ROOT / "src" / "govrules")
    documented = {m for uri, text in pages.items()
                  for m in re.findall(r"^::: (govrules[\w.]*)$", text, re.M)}
    assert documented == expected
    assert {"govrules.api", "govrules.lexer", "govrules.render.text"} <= documented
    assert [next(iter(entry)) for entry in nav][:2] == ["Overview", "govrules"]


# ---------------------------------------------------------------------------- authoring.md


def _session_steps() -> list[tuple[str, str]]:
    """The `$ govrules ...` blocks of docs/authoring.md: (command line, output shown)."""
    steps = []
    for lang, text in _fenced(DOCS / "authoring.md"):
        first, _, rest = text.partition("\n")
        if lang == "text" and first.startswith("$ govrules "):
            steps.append((first.removeprefix("$ govrules "), rest))
    return steps


def _shown_in_order(shown: str, actual: str, what: str) -> None:
    """Every line shown is printed, in order; a line `…` stands for lines left out."""
    lines = [ln.rstrip() for ln in actual.rstrip("\n").splitlines()]
    expected = [ln.rstrip() for ln in shown.strip("\n").splitlines()]
    position = 0
    for line in expected:
        if line.strip() == "…":
            continue
        try:
            position = lines.index(line, position) + 1
        except ValueError:
            pytest.fail(f"docs/authoring.md: `govrules {what}` does not print, in this place:\n"
                        f"{line}\n\nIt prints:\n{actual}")
    if not any(ln.strip() == "…" for ln in expected):
        assert len(expected) == len(lines), f"`govrules {what}` prints more:\n{actual}"


def test_authoring_page_is_a_real_session(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # The page follows one session step by step; replay it in a copy of the policies, with the
    # files the page shows, and check that each command prints what the page says.
    import shlex

    shutil.copytree(ROOT / "policies", tmp_path / "policies")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for lang, text in _fenced(DOCS / "authoring.md"):
        first = text.partition("\n")[0]
        if lang == "yaml" and first.startswith("# drafts/"):
            (tmp_path / first.removeprefix("# ")).write_text(text, encoding="utf-8")
    yamls = [text for lang, text in _fenced(DOCS / "authoring.md") if lang == "yaml"]
    fixed_tests = next(t for t in yamls if "without a publishing system" in t)
    facts = drafts / "disclosure_facts.yaml"
    test_file = drafts / "disclosure.test.yaml"

    def edit(path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")

    steps = _session_steps()
    assert [cmd.split()[0] for cmd, _ in steps] == ["test", "explain", "test", "test", "test",
                                                    "fmt", "check"][:len(steps)]
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    for n, (command, shown) in enumerate(steps):
        if n == 2:  # section 4: the facts corrected, the failing case kept as a second test
            edit(facts, "it_publishing_system: false", "it_publishing_system: true")
            test_file.write_text(fixed_tests, encoding="utf-8")
        if n == 4:  # section 6: a rule that does not exist
            edit(test_file, "      s50.1.1.3.m5: compliant", "      s50.1.1.3.m6: compliant")
        cli.main(shlex.split(command))
        out, err = capsys.readouterr()
        _shown_in_order(shown, out + err, command)
        if n == 4:  # and then a status that does not exist, whose output is shown alone
            edit(test_file, "      s50.1.1.3.m6: compliant", '      "s50.1.1.3.m5": complaint')
            cli.main(shlex.split(command))
            out, err = capsys.readouterr()
            alone = [t for lang, t in _fenced(DOCS / "authoring.md")
                     if lang == "text" and "error[E604]" in t]
            _shown_in_order(alone[0], out + err, command)


def test_api_page_shows_what_the_first_example_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    # docs/api.md opens with an example whose comments show its output: keep them true.
    import ast as python_ast

    monkeypatch.chdir(ROOT)
    first = next(text for lang, text in _fenced(DOCS / "api.md") if lang == "python")
    shown = re.search(r"print\(report\.summary\(\)\)\n# (\{.*\})", first)
    assert shown is not None
    report = govrules.load("policies").evaluate("examples/agency_partial.yaml",
                                                as_of="2024-10-01")
    assert python_ast.literal_eval(shown.group(1)) == report.summary()
    missing = re.search(r"print\(measure\.status\.value, measure\.missing\)\n# (\w+) (\(.*?\))\n",
                        first.replace("\n#          ", " "))
    assert missing is not None
    measure = report.verdict("s50.1.1.3")
    assert (missing.group(1), python_ast.literal_eval(missing.group(2))) == (
        measure.status.value, measure.missing)


def test_the_language_guide_lists_every_code_of_the_checker() -> None:
    from govrules.checker import CODES as CHECKER_CODES
    from govrules.syntax import CODES as SYNTAX_CODES

    guide = (DOCS / "language.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([EW]\d{3})` \|", guide, re.M))
    assert sorted({*CHECKER_CODES, *SYNTAX_CODES} - listed) == []
