"""MkDocs hook: the policy catalogue, generated from ``policies/`` at every build.

The catalogue is never written by hand, so it cannot drift from the policies: at each build this
hook loads ``policies/`` with :func:`govrules.load` (a policy set with errors fails the build) and
generates, in English under ``catalogue/`` and in Thai under ``catalogue/th/``:

* ``index.md`` — the policies, and a table of every measure, decision and item;
* ``measures/ID.md`` — one page per measure, with all its methods;
* ``decisions/ID.md`` — one page per decision: options, rules, law and interpretation;
* ``items.md`` — the referable items (goals, principles, rollout phases, listed entries);
* ``facts.md`` — every declared fact, enum and record, and which rules read each fact;
* ``sources.md`` — the source documents, and what cites each.

It also generates the Python API reference: ``reference/index.md``, and one page
``reference/MODULE.md`` per public module of the package (every module whose name does not
start with ``_``), rendered by mkdocstrings from the docstrings. A new module gets its page at
the next build.

``mkdocs.yml`` names the index pages (``catalogue/index.md``, ``catalogue/th/index.md``,
``reference/index.md``) in its ``nav``; :func:`on_config` expands each of those entries into a
section holding every generated page, so the navigation lists whatever the policies and the
package hold. :func:`build_catalogue` and :func:`build_reference` do the work, and are what
``tests/test_docs.py`` calls.
"""

from __future__ import annotations

import contextlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govrules import ast, load
from govrules.model import PolicySet, natural_key, resolve_name

LANGS = ("en", "th")
POLICIES_DIR = "policies"

# --------------------------------------------------------------------------- labels

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "catalogue": "Policy catalogue",
        "overview": "Overview",
        "measures": "Measures",
        "measure": "Measure",
        "method": "Method",
        "methods": "Methods",
        "decisions": "Decisions",
        "decision": "Decision",
        "items": "Items",
        "item": "Item",
        "facts": "Facts",
        "sources": "Sources",
        "policies": "Policies",
        "policy": "Policy",
        "version": "Version",
        "title": "Title",
        "id": "Id",
        "modality": "Modality",
        "basis": "Basis",
        "law": "law",
        "interpretation": "interpretation",
        "citation": "Citation",
        "as_written": "As written",
        "effective": "Effective",
        "from": "from",
        "until": "until",
        "applies_when": "Applies when",
        "unless": "Unless (exception)",
        "requirement": "Requirement",
        "all_methods": "every method is met",
        "any_methods": "at least one method is met",
        "defined_in": "Defined in",
        "source_text": "Source text",
        "interpretation_h": "Interpretation",
        "interpretation_note": "This is the project's reading of the source, not its letter: "
        "verdicts that rest on it are marked *interpretation*.",
        "ambiguities": "Ambiguities",
        "actors": "Who the duty falls on",
        "facts_used": "Facts used",
        "facts_used_note": "Computed from the conditions (`require`, `applies when`, `unless`, "
        "`when`, `for`, `chosen`), the definitions they use, and the names the explanations "
        "fill in.",
        "fact": "Fact",
        "type": "Type",
        "question": "Question",
        "used_in": "Used in",
        "used_by": "Used by",
        "explanations": "Explanations",
        "status": "Status",
        "template": "Template",
        "any_status": "any",
        "options": "Options",
        "option": "Option",
        "rules": "Rules",
        "rule": "Rule",
        "action": "Action",
        "when": "When",
        "priority": "Priority",
        "overrides": "Overrides",
        "subjects": "Subjects",
        "chosen": "Chosen option",
        "once": "once, for the agency as a whole",
        "law_vs_interp": "Law and interpretation",
        "ref": "Reference id",
        "no_facts": "No facts: the rule always holds when it applies.",
        "none": "none",
        "of_policy": "(policy)",
        "policy_applies": "policy applies when",
        "definition": "definition",
        "enums": "Enumerations",
        "value": "Value",
        "records": "Records",
        "record_field": "Field",
        "description": "Description",
        "issuer": "Issuer",
        "dated": "Dated",
        "cited_by": "Cited by",
        "not_cited": "not cited",
        "other_lang": "ภาษาไทย",
        "other_lang_note": "This catalogue in Thai",
        "modality_must": "**must** (ต้อง): a failure is a *violation*",
        "modality_must_not": "**must not** (ต้องไม่): a failure is a *violation*",
        "modality_should": "**should** (ควร): a failure is an *advisory* finding",
        "modality_may": "**may** (อาจ): an option, never a violation",
        "modality_consider": "**consider** (พิจารณา): an option, never a violation",
        "generated": "Generated from `policies/` when this site was built; each page shows the "
        "policy text as the engine reads it. Ids are what reports and `govrules test` files "
        "use.",
        "n_methods": "Methods",
        "intro_facts": "The questions an agency answers: every fact the policies declare, with "
        "its type and the rules that read it. In a facts file, the dotted name is the key path "
        "(`agency.kind` is written `agency: {kind: ...}`).",
        "intro_sources": "The documents the policies cite.",
        "intro_items": "Things the sources name that are not judged on their own — goals, "
        "principles, phases of a rollout, entries of a list — so that rules and reports can "
        "refer to them.",
        "no_items": "The policies declare no items.",
        "no_decisions": "The policies declare no decisions.",
        "no_measures": "The policies declare no measures.",
        "allow": "allow",
        "recommend": "recommend",
        "exclude": "exclude",
        "lang_missing": "(no Thai text; English shown)",
        "definitions": "Definitions",
        "expression": "Expression",
        "field_of": "field of each element",
        "lang": "Language",
        "rules_interpreted": "rules that rest on interpretation",
    },
    "th": {
        "catalogue": "ทะเบียนนโยบาย",
        "overview": "ภาพรวม",
        "measures": "มาตรการ",
        "measure": "มาตรการ",
        "method": "วิธีการ",
        "methods": "วิธีการ",
        "decisions": "การพิจารณาเลือก",
        "decision": "การพิจารณาเลือก",
        "items": "รายการอ้างอิง",
        "item": "รายการ",
        "facts": "ข้อเท็จจริง",
        "sources": "เอกสารที่มา",
        "policies": "นโยบาย",
        "policy": "นโยบาย",
        "version": "ฉบับ",
        "title": "ชื่อ",
        "id": "รหัส",
        "modality": "ระดับความบังคับ",
        "basis": "ฐาน",
        "law": "ตามตัวบท",
        "interpretation": "การตีความ",
        "citation": "อ้างอิง",
        "as_written": "ตามที่เขียนในนโยบาย",
        "effective": "มีผลใช้บังคับ",
        "from": "ตั้งแต่",
        "until": "ถึง",
        "applies_when": "ใช้บังคับเมื่อ",
        "unless": "ยกเว้นเมื่อ",
        "requirement": "เงื่อนไขการปฏิบัติตาม",
        "all_methods": "ปฏิบัติครบทุกวิธีการ",
        "any_methods": "ปฏิบัติอย่างน้อยหนึ่งวิธีการ",
        "defined_in": "กำหนดไว้ที่",
        "source_text": "ข้อความจากเอกสารที่มา",
        "interpretation_h": "การตีความ",
        "interpretation_note": "เป็นการตีความของโครงการ ไม่ใช่ตัวบทตามตัวอักษร "
        "ผลการประเมินที่อาศัยข้อนี้จะระบุว่าเป็น *การตีความ*",
        "ambiguities": "ประเด็นที่ไม่ชัดเจนในเอกสารที่มา",
        "actors": "ผู้มีหน้าที่",
        "facts_used": "ข้อเท็จจริงที่ใช้",
        "facts_used_note": "คำนวณจากเงื่อนไข (`require`, `applies when`, `unless`, `when`, "
        "`for`, `chosen`) นิยามที่เงื่อนไขเหล่านั้นใช้ และชื่อที่คำอธิบายในรายงานอ้างถึง",
        "fact": "ข้อเท็จจริง",
        "type": "ชนิด",
        "question": "คำถาม",
        "used_in": "ใช้ใน",
        "used_by": "ใช้โดย",
        "explanations": "คำอธิบายในรายงาน",
        "status": "สถานะ",
        "template": "แม่แบบข้อความ",
        "any_status": "ทุกสถานะ",
        "options": "ทางเลือก",
        "option": "ทางเลือก",
        "rules": "หลักเกณฑ์",
        "rule": "หลักเกณฑ์",
        "action": "ผล",
        "when": "เมื่อ",
        "priority": "ลำดับความสำคัญ",
        "overrides": "มีผลเหนือ",
        "subjects": "พิจารณาสำหรับ",
        "chosen": "ทางเลือกที่หน่วยงานเลือก",
        "once": "ครั้งเดียวสำหรับทั้งหน่วยงาน",
        "law_vs_interp": "ตัวบทและการตีความ",
        "ref": "รหัสอ้างอิง",
        "no_facts": "ไม่ใช้ข้อเท็จจริงใด: เป็นไปตามเสมอเมื่อใช้บังคับ",
        "none": "ไม่มี",
        "of_policy": "(นโยบาย)",
        "policy_applies": "เงื่อนไขใช้บังคับของนโยบาย",
        "definition": "นิยาม",
        "enums": "ชุดค่าที่กำหนด",
        "value": "ค่า",
        "records": "ระเบียน",
        "record_field": "เขตข้อมูล",
        "description": "คำอธิบาย",
        "issuer": "ผู้ออก",
        "dated": "ลงวันที่",
        "cited_by": "อ้างอิงโดย",
        "not_cited": "ไม่มีการอ้างอิง",
        "other_lang": "English",
        "other_lang_note": "ทะเบียนนี้ในภาษาอังกฤษ",
        "modality_must": "**ต้อง** (must): ไม่ปฏิบัติถือเป็น *การฝ่าฝืน*",
        "modality_must_not": "**ต้องไม่** (must not): ไม่ปฏิบัติถือเป็น *การฝ่าฝืน*",
        "modality_should": "**ควร** (should): ไม่ปฏิบัติเป็น *ข้อสังเกตเชิงแนะนำ*",
        "modality_may": "**อาจ** (may): เป็นทางเลือก ไม่ถือเป็นการฝ่าฝืน",
        "modality_consider": "**พิจารณา** (consider): เป็นทางเลือก ไม่ถือเป็นการฝ่าฝืน",
        "generated": "สร้างจาก `policies/` ทุกครั้งที่สร้างเว็บไซต์นี้ "
        "แต่ละหน้าแสดงนโยบายตามที่โปรแกรมอ่าน รหัสต่าง ๆ "
        "เป็นรหัสเดียวกับที่ใช้ในรายงานและในไฟล์ทดสอบของ `govrules test`",
        "n_methods": "จำนวนวิธีการ",
        "intro_facts": "คำถามที่หน่วยงานต้องตอบ: ข้อเท็จจริงทุกรายการที่นโยบายกำหนด "
        "พร้อมชนิดข้อมูลและหลักเกณฑ์ที่ใช้ข้อเท็จจริงนั้น ในไฟล์ข้อเท็จจริง "
        "ชื่อที่มีจุดคือเส้นทางของคีย์ (`agency.kind` เขียนเป็น `agency: {kind: ...}`)",
        "intro_sources": "เอกสารที่นโยบายอ้างอิง",
        "intro_items": "สิ่งที่เอกสารที่มากล่าวถึงแต่ไม่ได้ประเมินโดยตรง เช่น เป้าหมาย หลักการ "
        "ระยะของการดำเนินการ และรายการในบัญชี เพื่อให้หลักเกณฑ์และรายงานอ้างถึงได้",
        "no_items": "นโยบายไม่ได้กำหนดรายการอ้างอิง",
        "no_decisions": "นโยบายไม่ได้กำหนดการพิจารณาเลือก",
        "no_measures": "นโยบายไม่ได้กำหนดมาตรการ",
        "allow": "เลือกได้",
        "recommend": "แนะนำ",
        "exclude": "ไม่ให้เลือก",
        "lang_missing": "(ไม่มีข้อความภาษาไทย แสดงภาษาอังกฤษแทน)",
        "definitions": "นิยาม",
        "expression": "นิพจน์",
        "field_of": "เขตข้อมูลของแต่ละรายการ",
        "lang": "ภาษา",
        "rules_interpreted": "หลักเกณฑ์ที่อาศัยการตีความ",
    },
}

# --------------------------------------------------------------------------- small helpers


def _md(text: str) -> str:
    """Escape text for Markdown prose (and table cells): it is shown, never interpreted."""
    text = re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", text)
    return " ".join(text.split())


def _code(text: str) -> str:
    """A code span for a table cell (pipes escaped, whitespace collapsed)."""
    return "`" + " ".join(text.split()).replace("|", "\\|") + "`"


def slug(text: str) -> str:
    """An HTML id for a name: ``fact-agency-kind`` style (ASCII letters, digits, ``-``, ``_``)."""
    return re.sub(r"[^0-9A-Za-z_]+", "-", text).strip("-").lower() or "x"


def _date(d: ast.DateLit) -> str:
    v = d.value
    return f"{v.isoformat()} ({v.year + 543:04d}-{v.month:02d}-{v.day:02d} BE)"


def _effective(e: ast.Effective | None, lab: Mapping[str, str]) -> str | None:
    if e is None:
        return None
    out = f"{lab['from']} {_date(e.start)}"
    if e.end is not None:
        out += f" {lab['until']} {_date(e.end)}"
    return out


def _text(texts: ast.Texts, lang: str) -> str | None:
    return ast.text_of(texts, lang)


def _title(texts: ast.Texts, lang: str) -> str:
    """The title in ``lang``, else in the other language, else empty."""
    return _text(texts, lang) or _text(texts, "en") or _text(texts, "th") or ""


def _written_part(part: ast.CitePart) -> str:
    if part.number is not None:
        return f"{part.label} {part.number}"
    if part.text is not None:
        return f'{part.label} "{part.text}"'
    return part.label


@dataclass(frozen=True)
class Cite:
    """A citation resolved against its parent: document, normalised path and as written."""

    document: str
    path: str
    written: str


def resolve_cites(cites: Iterable[ast.Citation],
                  parent: Iterable[ast.Citation] = ()) -> list[Cite]:
    """Citations as reports show them: a relative citation extends its parent's first absolute
    one (the same rule as the evaluator's)."""
    base = next((c for c in parent if c.document), None)
    out = []
    for c in cites:
        parts: tuple[ast.CitePart, ...] = c.parts
        doc = c.document or ""
        if c.document is None and base is not None:
            doc = base.document or ""
            parts = (*base.parts, *c.parts)
        out.append(Cite(doc, ", ".join(p.normalized for p in parts),
                        f"{doc}: " * bool(doc) + ", ".join(_written_part(p) for p in parts)))
    return out


# --------------------------------------------------------------------------- facts used


@dataclass
class FactUse:
    """Where a rule reads a fact: the fact, the field read (for a list of records) and roles."""

    fact: str
    member: str = ""
    roles: set[str] = field(default_factory=set)


class FactWalker:
    """Finds the facts an expression reads, through definitions and bound variables."""

    def __init__(self, ps: PolicySet) -> None:
        self.ps = ps

    def walk(self, expr: ast.Expr, role: str, scope: Mapping[str, str],
             out: dict[tuple[str, str], FactUse], seen: frozenset[str] = frozenset()) -> None:
        """Add to ``out`` every fact ``expr`` reads; ``scope`` maps a bound variable to the
        fact (a list of records) it ranges over."""
        match expr:
            case ast.Name(path=path):
                res = resolve_name(path, scope, self.ps.facts, self.ps.defines,
                                   self.ps.enum_values)
                if res is None or res.kind == "enum":
                    return
                if res.kind == "var":
                    key = (scope[res.target], res.field)
                    out.setdefault(key, FactUse(*key)).roles.add(role)
                elif res.kind == "fact":
                    out.setdefault((path, ""), FactUse(path)).roles.add(role)
                elif path not in seen:
                    d = self.ps.defines[path]
                    self.walk(d.expr, f"definition:{path}", scope, out, seen | {path})
            case ast.Quantifier(var=var, collection=coll, body=body):
                self.walk(coll, role, scope, out, seen)
                target = coll.path if isinstance(coll, ast.Name) else ""
                res = (resolve_name(target, scope, self.ps.facts, self.ps.defines,
                                    self.ps.enum_values) if target else None)
                bound = target if res is not None and res.kind == "fact" else ""
                if bound:
                    self.walk(body, role, {**scope, var: bound}, out, seen)
                else:
                    self.walk(body, role, scope, out, seen)
            case _:
                for child in _children(expr):
                    self.walk(child, role, scope, out, seen)


def _children(expr: ast.Expr) -> Iterator[ast.Expr]:
    match expr:
        case ast.SetLit(items=items):
            yield from items
        case ast.Not(operand=x) | ast.Neg(operand=x) | ast.Size(operand=x):
            yield x
        case ast.And(operands=xs) | ast.Or(operands=xs):
            yield from xs
        case ast.Compare(left=a, right=b) | ast.Arith(left=a, right=b) | ast.Subset(
                left=a, right=b):
            yield a
            yield b
        case ast.Member(element=a, collection=b):
            yield a
            yield b
        case ast.Includes(container=a, contained=b):
            yield a
            yield b
        case _:
            return


# --------------------------------------------------------------------------- the catalogue


@dataclass
class CataloguePage:
    """A generated page: where it goes, its title in the navigation, and its Markdown."""

    uri: str
    nav_title: str
    content: str
    group: str = ""


class Catalogue:
    """The catalogue pages of one policy set in one language."""

    def __init__(self, ps: PolicySet, lang: str, root: Path | None = None) -> None:
        self.ps = ps
        self.root = root
        self.lang = lang
        self.lab = LABELS[lang]
        self.prefix = "catalogue/" if lang == "en" else "catalogue/th/"
        self.walker = FactWalker(ps)
        self.measures = sorted(ps.measures, key=lambda m: natural_key(m.measure.id))
        self.decisions = sorted(ps.decisions, key=lambda d: natural_key(d.decision.id))
        self.items = sorted(ps.items, key=lambda i: natural_key(i.id))
        self.fact_users: dict[str, dict[str, str]] = defaultdict(dict)
        self.cited_by: dict[str, dict[str, str]] = defaultdict(dict)
        self._index_uses()

    # ---- text in this language

    def t(self, texts: ast.Texts) -> str | None:
        """The text in this catalogue's language, falling back to English (marked)."""
        own = _text(texts, self.lang)
        if own is not None:
            return own
        other = _text(texts, "en") if self.lang == "th" else _text(texts, "th")
        return other

    def expr_text(self, expr: ast.Expr | None) -> str:
        """The expression as written in the policy file."""
        if expr is None:
            return ""
        span = expr.span
        text = self.ps.sources.get(span.file)
        if text is not None and span.end > span.start:
            return " ".join(text[span.start:span.end].split())
        return type(expr).__name__  # pragma: no cover - every parsed node has a span

    def where(self, node: Any) -> str:
        """``policies/s50/disclosure.pol:95``."""
        span = node.span
        file = Path(span.file)
        if self.root is not None and file.is_absolute():
            with contextlib.suppress(ValueError):  # a file outside the root stays absolute
                file = file.relative_to(self.root)
        return f"`{file.as_posix()}:{span.line}`"

    # ---- links (relative to the page being written)

    def link(self, from_uri: str, to_uri: str, text: str, anchor: str = "") -> str:
        """A relative Markdown link between two generated pages."""
        src = Path(from_uri).parent
        rel = Path(_relpath(to_uri, str(src)))
        return f"[{text}]({rel.as_posix()}{'#' + anchor if anchor else ''})"

    def measure_uri(self, mid: str) -> str:
        """The page of a measure."""
        return f"{self.prefix}measures/{mid}.md"

    def decision_uri(self, did: str) -> str:
        """The page of a decision."""
        return f"{self.prefix}decisions/{did}.md"

    # ---- cross indexes

    def uses(self, exprs: Iterable[tuple[ast.Expr, str]], scope: Mapping[str, str] | None = None
             ) -> dict[tuple[str, str], FactUse]:
        """The facts read by the given (expression, role) pairs."""
        out: dict[tuple[str, str], FactUse] = {}
        for e, role in exprs:
            self.walker.walk(e, role, scope or {}, out)
        return out

    def measure_exprs(self, m: ast.MeasureDef, policy: ast.PolicyDef
                      ) -> list[tuple[ast.Expr, str]]:
        """The conditions of a measure itself (and of its policy)."""
        out = [(e, "policy_applies") for e in policy.applies]
        out += [(e, "applies_when") for e in m.applies]
        out += [(e, "unless") for e in m.unless]
        if m.require is not None and m.require.expr is not None:
            out.append((m.require.expr, "requirement"))
        return out + _template_names(m.explains)

    def method_exprs(self, m: ast.MethodDef) -> list[tuple[ast.Expr, str]]:
        """The conditions of a method, and the names its explanations fill in."""
        out = [(e, "applies_when") for e in m.applies]
        out += [(e, "unless") for e in m.unless]
        if m.require is not None and m.require.expr is not None:
            out.append((m.require.expr, "requirement"))
        return out + _template_names(m.explains)

    def decision_exprs(self, d: ast.DecisionDef, policy: ast.PolicyDef
                       ) -> tuple[list[tuple[ast.Expr, str]], dict[str, str]]:
        """The conditions of a decision and its rules, and the scope its subject binds."""
        out = [(e, "policy_applies") for e in policy.applies]
        out += [(e, "applies_when") for e in d.applies]
        scope: dict[str, str] = {}
        if d.subject is not None:
            out.append((d.subject.collection, "subjects"))
            c = d.subject.collection
            if isinstance(c, ast.Name) and c.path in self.ps.facts:
                scope[d.subject.var] = c.path
        if d.chosen is not None:
            out.append((d.chosen, "chosen"))
        for r in d.rules:
            if r.when is not None:
                out.append((r.when, f"rule:{r.id}"))
            out += [(e, f"rule:{r.id}") for e in r.unless]
            out += [(e, f"rule:{r.id}") for e, _ in _template_names(r.explains)]
        return out, scope

    def _index_uses(self) -> None:
        # A policy's `applies when` holds for all its rules: the facts page names the policy
        # once rather than every measure of it.
        for pid, policy in self.ps.policies.items():
            for key in self.uses([(e, "policy_applies") for e in policy.applies]):
                self.fact_users[key[0]][f"policy {pid}"] = (f"{self.prefix}index.md#"
                                                            + slug("policy-" + pid))
        for cm in self.measures:
            m = cm.measure
            uri = self.measure_uri(m.id)
            for key, use in self.uses(self.measure_exprs(m, cm.policy)).items():
                if use.roles != {"policy_applies"}:
                    self.fact_users[key[0]][m.id] = uri
            for meth in m.methods:
                mid = f"{m.id}.m{_arabic(meth.number)}"
                for key in self.uses(self.method_exprs(meth)):
                    self.fact_users[key[0]][mid] = uri + "#" + slug(mid)
            for c in resolve_cites(m.cites):
                self.cited_by[c.document][m.id] = uri
            for meth in m.methods:
                for c in resolve_cites(meth.cites, m.cites):
                    self.cited_by[c.document][f"{m.id}.m{_arabic(meth.number)}"] = uri
        for cd in self.decisions:
            d = cd.decision
            uri = self.decision_uri(d.id)
            exprs, scope = self.decision_exprs(d, cd.policy)
            for key, use in self.uses(exprs, scope).items():
                if use.roles != {"policy_applies"}:
                    self.fact_users[key[0]][d.id] = uri
            for c in resolve_cites(d.cites):
                self.cited_by[c.document][d.id] = uri
            for sub in (*d.options, *d.rules):
                for c in resolve_cites(sub.cites, d.cites):
                    self.cited_by[c.document][f"{d.id}.{sub.id}"] = uri + "#" + slug(
                        f"{d.id}.{sub.id}")
        for item in self.items:
            for c in resolve_cites(item.cites):
                self.cited_by[c.document][item.id] = (f"{self.prefix}items.md#"
                                                      + slug(item.id))

    # ---- pieces of pages

    def modality(self, mod: str) -> str:
        """The modality with what a failure means."""
        return self.lab.get(f"modality_{mod}", mod)

    def basis(self, interpretations: ast.Texts) -> str:
        """``law`` or ``interpretation``."""
        return self.lab["interpretation"] if interpretations else self.lab["law"]

    def cite_rows(self, cites: list[Cite], uri: str) -> list[tuple[str, str]]:
        """Table rows for citations: the document (linked) and the normalised clause path,
        then the citation as written."""
        rows = []
        for c in cites:
            doc = self.ps.documents.get(c.document)
            title = _title(doc.titles, self.lang) if doc is not None else c.document
            link = self.link(uri, f"{self.prefix}sources.md", _md(title),
                             slug("source-" + c.document))
            rows.append((self.lab["citation"], f"{link}, {_md(c.path)}"))
            rows.append((self.lab["as_written"], _code(c.written)))
        return rows

    def table(self, rows: list[tuple[str, str]]) -> list[str]:
        """A two-column table of (label, value) rows."""
        out = ["| | |", "|---|---|"]
        out += [f"| {k} | {v} |" for k, v in rows]
        return [*out, ""]

    def texts_block(self, heading: str, texts: ast.Texts, level: int) -> list[str]:
        """Both languages of a text, this catalogue's language first, as quotes."""
        if not texts:
            return []
        out = [f"{'#' * level} {heading}", ""]
        for lang in (self.lang, *[x for x in LANGS if x != self.lang]):
            value = _text(texts, lang)
            if value is not None:
                out += [f"> **{lang}** — {_md(value)}", ""]
        return out

    def interpretation_block(self, texts: ast.Texts) -> list[str]:
        """An admonition with the interpretation, in both languages."""
        if not texts:
            return []
        out = [f'!!! warning "{self.lab["interpretation_h"]}"', "",
               f"    {self.lab['interpretation_note']}", ""]
        for lang in (self.lang, *[x for x in LANGS if x != self.lang]):
            value = _text(texts, lang)
            if value is not None:
                out += [f"    **{lang}** — {_md(value)}", ""]
        return out

    def ambiguity_block(self, ids: tuple[str, ...], actors: ast.Texts = ()) -> list[str]:
        """Ambiguities of the sources, and the actor a duty falls on."""
        out = []
        if ids:
            out += [f'!!! question "{self.lab["ambiguities"]}"', "",
                    "    " + ", ".join(f"`{a}`" for a in ids), ""]
        if actors:
            out += [f"**{self.lab['actors']}:** {_md(self.t(actors) or '')}", ""]
        return out

    def facts_table(self, uses: Mapping[tuple[str, str], FactUse], uri: str) -> list[str]:
        """The facts a rule reads: name, type, question, where."""
        if not uses:
            return [self.lab["no_facts"], ""]
        out = [f"| {self.lab['fact']} | {self.lab['type']} | {self.lab['question']} | "
               f"{self.lab['used_in']} |", "|---|---|---|---|"]
        facts_uri = f"{self.prefix}facts.md"
        for (fact, fld), use in sorted(uses.items(), key=lambda kv: natural_key(
                f"{kv[0][0]}.{kv[0][1]}")):
            decl = self.ps.facts.get(fact)
            name = self.link(uri, facts_uri, f"`{fact}`", slug("fact-" + fact))
            typ = decl.type.describe() if decl is not None else ""
            question = _md(decl.descriptions.get(self.lang)
                           or decl.descriptions.get("en", "")) if decl is not None else ""
            if fld:
                name += f" → `{fld}`"
                record = getattr(getattr(decl, "type", None), "element", None)
                descs = getattr(record, "descriptions", {}).get(fld, {})
                ftype = getattr(record, "field_type", lambda _n: None)(fld)
                if ftype is not None:
                    typ = f"{ftype.describe()} ({self.lab['field_of']})"
                q = descs.get(self.lang) or descs.get("en")
                if q:
                    question = _md(q)
            roles = ", ".join(self.role(r) for r in sorted(use.roles))
            out.append(f"| {name} | `{typ}` | {question} | {roles} |")
        return [*out, ""]

    def role(self, role: str) -> str:
        """A role of a fact read, for the 'used in' column."""
        kind, _, rest = role.partition(":")
        if kind == "definition":
            return f"{self.lab['definition']} `{rest}`"
        if kind == "rule":
            return f"{self.lab['rule']} `{rest}`"
        return self.lab.get(kind, kind)

    def explain_table(self, explains: tuple[ast.Explain, ...]) -> list[str]:
        """The explanation templates, in this language first."""
        if not explains:
            return []
        statuses = ["compliant", "non_compliant", "unknown", "not_applicable", None]
        rows = sorted(explains, key=lambda x: (x.lang != self.lang, x.lang,
                                                statuses.index(x.status)
                                                if x.status in statuses else 9))
        out = [f"| {self.lab['status']} | {self.lab['lang']} | {self.lab['template']} |",
               "|---|---|---|"]
        for x in rows:
            out.append(f"| `{x.status or self.lab['any_status']}` | {x.lang} | {_md(x.template)} |")
        return [*out, ""]

    def condition_rows(self, applies: tuple[ast.Expr, ...], unless: tuple[ast.Expr, ...],
                       policy: ast.PolicyDef | None = None) -> list[tuple[str, str]]:
        """Rows for the applicability conditions and the exceptions."""
        rows = []
        if policy is not None:
            for e in policy.applies:
                rows.append((self.lab["applies_when"],
                             f"{_code(self.expr_text(e))} {self.lab['of_policy']}"))
        for e in applies:
            rows.append((self.lab["applies_when"], _code(self.expr_text(e))))
        for e in unless:
            rows.append((self.lab["unless"], _code(self.expr_text(e))))
        return rows

    def require_text(self, req: ast.Require | None) -> str:
        """A requirement, as written or in words."""
        if req is None:
            return self.lab["all_methods"]
        if req.kind == "all_methods":
            return f"`require all methods` — {self.lab['all_methods']}"
        if req.kind == "any_methods":
            return f"`require any methods` — {self.lab['any_methods']}"
        return _code(self.expr_text(req.expr))

    def header(self, uri: str) -> list[str]:
        """The language switch at the top of every page."""
        other = (uri.replace("catalogue/", "catalogue/th/", 1) if self.lang == "en"
                 else uri.replace("catalogue/th/", "catalogue/", 1))
        return [f"<small>{self.link(uri, other, self.lab['other_lang'])} · "
                f"{self.lab['other_lang_note']}</small>", ""]

    # ---- pages

    def page_head(self, kind: str, ident: str, titles: Any, uri: str) -> list[str]:
        """The heading of a measure's or decision's page: its id, the language switch, its
        title in the page's language and, when it differs, in the other."""
        title = self.t(titles) or ""
        out = [f"# {kind} {ident}", "", *self.header(uri)]
        if title:
            out += [f"**{_md(title)}**", ""]
        other_title = _text(titles, "th" if self.lang == "en" else "en")
        if other_title and other_title != title:
            out += [f"*{_md(other_title)}*", ""]
        return out

    def policy_row(self, policy: ast.PolicyDef, uri: str) -> tuple[str, str]:
        """The table row naming the policy a measure or decision belongs to."""
        return (self.lab["policy"],
                self.link(uri, f"{self.prefix}index.md", f"`{policy.id}`",
                          slug("policy-" + policy.id))
                + f" — {_md(_title(policy.titles, self.lang))}")

    def measure_page(self, cm: Any) -> CataloguePage:
        """The page of one measure and its methods."""
        m: ast.MeasureDef = cm.measure
        policy: ast.PolicyDef = cm.policy
        uri = self.measure_uri(m.id)
        lab = self.lab
        out = self.page_head(lab["measure"], m.id, m.titles, uri)
        rows = [
            self.policy_row(policy, uri),
            (lab["modality"], self.modality(m.modality)),
            (lab["basis"], self.basis(_all_interpretations(m))),
            *self.cite_rows(resolve_cites(m.cites), uri),
        ]
        for eff, own in ((policy.effective, True), (m.effective, False)):
            text = _effective(eff, lab)
            if text:
                rows.append((lab["effective"], text + (f" {lab['of_policy']}" if own else "")))
        rows += self.condition_rows(m.applies, m.unless, policy)
        rows.append((lab["requirement"], self.require_text(m.require)
                     if m.require is not None or not m.methods else self.lab["all_methods"]))
        if m.methods:
            rows.append((lab["methods"], ", ".join(
                f"[{m.id}.m{_arabic(x.number)}](#{slug(f'{m.id}.m{_arabic(x.number)}')})"
                for x in m.methods)))
        rows.append((lab["defined_in"], self.where(m)))
        out += self.table(rows)
        out += self.texts_block(lab["source_text"], m.texts, 2)
        out += self.interpretation_block(m.interpretations)
        out += self.ambiguity_block(m.ambiguities, m.actors)
        out += [f"## {lab['facts_used']}", "", lab["facts_used_note"], ""]
        out += self.facts_table(self.uses(self.measure_exprs(m, policy)), uri)
        if m.explains:
            out += [f"## {lab['explanations']}", "", *self.explain_table(m.explains)]
        if m.methods:
            out += [f"## {lab['methods']}", ""]
        for meth in m.methods:
            mid = f"{m.id}.m{_arabic(meth.number)}"
            mtitle = self.t(meth.titles)
            out += [f"### {lab['method']} {_arabic(meth.number)}"
                    + (f" — {_md(mtitle)}" if mtitle else "") + f" {{#{slug(mid)}}}", ""]
            mrows = [(lab["id"], f"`{mid}`"), (lab["basis"], self.basis(meth.interpretations)),
                     *self.cite_rows(resolve_cites(meth.cites, m.cites), uri),
                     *self.condition_rows(meth.applies, meth.unless),
                     (lab["requirement"], self.require_text(meth.require)),
                     (lab["defined_in"], self.where(meth))]
            out += self.table(mrows)
            out += self.texts_block(lab["source_text"], meth.texts, 4)
            out += self.interpretation_block(meth.interpretations)
            out += self.ambiguity_block(meth.ambiguities, meth.actors)
            out += [f"#### {lab['facts_used']}", ""]
            out += self.facts_table(self.uses(self.method_exprs(meth)), uri)
            if meth.explains:
                out += [f"#### {lab['explanations']}", "", *self.explain_table(meth.explains)]
        return CataloguePage(uri, m.id, "\n".join(out), "measures")

    def decision_page(self, cd: Any) -> CataloguePage:
        """The page of one decision: options, rules, law and interpretation."""
        d: ast.DecisionDef = cd.decision
        policy: ast.PolicyDef = cd.policy
        uri = self.decision_uri(d.id)
        lab = self.lab
        out = self.page_head(lab["decision"], d.id, d.titles, uri)
        rows = [
            self.policy_row(policy, uri),
            (lab["basis"], self.basis(d.interpretations) + (
                f" — {lab['rules_interpreted']}: " + ", ".join(
                    f"[`{r.id}`](#{slug(f'{d.id}.{r.id}')})" for r in d.rules
                    if r.interpretations)
                if any(r.interpretations for r in d.rules) else "")),
            *self.cite_rows(resolve_cites(d.cites), uri),
        ]
        for eff, own in ((policy.effective, True), (d.effective, False)):
            text = _effective(eff, lab)
            if text:
                rows.append((lab["effective"], text + (f" {lab['of_policy']}" if own else "")))
        rows += self.condition_rows(d.applies, (), policy)
        rows.append((lab["subjects"], _code(f"for {d.subject.var} in "
                                            f"{self.expr_text(d.subject.collection)}")
                     if d.subject is not None else lab["once"]))
        if d.chosen is not None:
            rows.append((lab["chosen"], _code(self.expr_text(d.chosen))))
        rows.append((lab["defined_in"], self.where(d)))
        out += self.table(rows)
        out += self.texts_block(lab["source_text"], d.texts, 2)
        out += self.interpretation_block(d.interpretations)
        out += self.ambiguity_block(d.ambiguities)

        out += [f"## {lab['options']}", "",
                f"| {lab['option']} | {lab['title']} | {lab['citation']} | {lab['basis']} |",
                "|---|---|---|---|"]
        for o in d.options:
            cites = "; ".join(_md(c.path) + f" ({_code(c.written)})"
                              for c in resolve_cites(o.cites, d.cites))
            name = f"`{o.id}`{{#{slug(f'{d.id}.{o.id}')}}}" + (f" (`{o.ref}`)" if o.ref else "")
            out.append(f"| {name} | {_md(self.t(o.titles) or '')} | {cites} | "
                       f"{self.basis(o.interpretations)} |")
        out.append("")
        for o in d.options:
            if o.interpretations or o.texts:
                out += [f"### {lab['option']} `{o.id}`", ""]
                out += self.texts_block(lab["source_text"], o.texts, 4)
                out += self.interpretation_block(o.interpretations)

        out += [f"## {lab['law_vs_interp']}", "",
                f"| {lab['rule']} | {lab['modality']} | {lab['action']} | {lab['options']} | "
                f"{lab['basis']} |", "|---|---|---|---|---|"]
        for r in d.rules:
            out.append(f"| [`{r.id}`](#{slug(f'{d.id}.{r.id}')}) | {_modality_word(r.modality)} "
                       f"| {lab[r.action]} | {', '.join(f'`{o}`' for o in r.options)} | "
                       f"{self.basis(r.interpretations)} |")
        out += ["", f"## {lab['rules']}", ""]
        exprs_all, scope = self.decision_exprs(d, policy)
        for r in d.rules:
            rtitle = self.t(r.titles)
            out += [f"### `{r.id}`" + (f" — {_md(rtitle)}" if rtitle else "")
                    + f" {{#{slug(f'{d.id}.{r.id}')}}}", ""]
            rrows = [(lab["id"], f"`{d.id}.{r.id}`"),
                     (lab["modality"], self.modality(r.modality)),
                     (lab["action"], f"{lab[r.action]} "
                      + ", ".join(f"`{o}`" for o in r.options)),
                     (lab["basis"], self.basis(r.interpretations)),
                     *self.cite_rows(resolve_cites(r.cites, d.cites), uri)]
            if r.when is not None:
                rrows.append((lab["when"], _code(self.expr_text(r.when))))
            rrows += [(lab["unless"], _code(self.expr_text(e))) for e in r.unless]
            if r.priority is not None:
                rrows.append((lab["priority"], str(r.priority)))
            if r.overrides:
                rrows.append((lab["overrides"], ", ".join(
                    f"[`{o}`](#{slug(f'{d.id}.{o}')})" for o in r.overrides)))
            rrows.append((lab["defined_in"], self.where(r)))
            out += self.table(rrows)
            out += self.texts_block(lab["source_text"], r.texts, 4)
            out += self.interpretation_block(r.interpretations)
            out += self.ambiguity_block(r.ambiguities)
            r_exprs = [(e, "when") for e in ([r.when] if r.when is not None else [])]
            r_exprs += [(e, "unless") for e in r.unless]
            if r_exprs:
                out += [f"#### {lab['facts_used']}", ""]
                out += self.facts_table(self.uses(r_exprs, scope), uri)
        out += [f"## {lab['facts_used']}", "", lab["facts_used_note"], ""]
        out += self.facts_table(self.uses(exprs_all, scope), uri)
        return CataloguePage(uri, d.id, "\n".join(out), "decisions")

    def items_page(self) -> CataloguePage:
        """Every referable item."""
        uri = f"{self.prefix}items.md"
        lab = self.lab
        out = [f"# {lab['items']}", "", *self.header(uri), lab["intro_items"], ""]
        if not self.items:
            out += [lab["no_items"], ""]
        groups: dict[str, list[ast.ItemDef]] = defaultdict(list)
        for item in self.items:
            groups[item.id.rsplit(".", 1)[0] if "." in item.id else item.id].append(item)
        for group, items in groups.items():
            out += [f"## `{group}`", ""]
            for item in items:
                title = self.t(item.titles)
                out += [f"### `{item.id}`" + (f" — {_md(title)}" if title else "")
                        + f" {{#{slug(item.id)}}}", ""]
                # An item is not judged: its basis is worth saying only when it is a reading.
                rows = [(lab["basis"], self.basis(item.interpretations))] * bool(
                    item.interpretations) + self.cite_rows(resolve_cites(item.cites), uri)
                eff = _effective(item.effective, lab)
                if eff:
                    rows.append((lab["effective"], eff))
                rows.append((lab["defined_in"], self.where(item)))
                out += self.table(rows)
                out += self.texts_block(lab["source_text"], item.texts, 4)
                out += self.interpretation_block(item.interpretations)
                out += self.ambiguity_block(item.ambiguities)
        return CataloguePage(uri, lab["items"], "\n".join(out))

    def facts_page(self) -> CataloguePage:
        """Every fact, enum, record and definition, with the rules that read each fact."""
        uri = f"{self.prefix}facts.md"
        lab = self.lab
        out = [f"# {lab['facts']}", "", *self.header(uri), lab["intro_facts"], ""]
        groups: dict[str, list[str]] = defaultdict(list)
        for name in sorted(self.ps.facts, key=natural_key):
            groups[name.split(".")[0]].append(name)
        for group, names in groups.items():
            out += [f"## `{group}`", "",
                    f"| {lab['fact']} | {lab['type']} | {lab['question']} | {lab['used_by']} |",
                    "|---|---|---|---|"]
            for name in names:
                decl = self.ps.facts[name]
                question = decl.descriptions.get(self.lang) or decl.descriptions.get("en", "")
                users = ", ".join(self.link(uri, u, f"`{rid}`", "") if "#" not in u else
                                  self.link(uri, u.split("#")[0], f"`{rid}`", u.split("#")[1])
                                  for rid, u in sorted(self.fact_users.get(name, {}).items(),
                                                       key=lambda kv: natural_key(kv[0])))
                out.append(f"| `{name}`{{#{slug('fact-' + name)}}} | `{decl.type.describe()}` | "
                           f"{_md(question)} | {users or lab['none']} |")
            out.append("")
        if self.ps.defines:
            out += [f"## {lab['definitions']}", "",
                    f"| {lab['definitions']} | {lab['description']} | {lab['expression']} |",
                    "|---|---|---|"]
            for name in sorted(self.ps.defines, key=natural_key):
                dd = self.ps.defines[name]
                out.append(f"| `{name}`{{#{slug('define-' + name)}}} | "
                           f"{_md(self.t(dd.labels) or '')} | {_code(self.expr_text(dd.expr))} |")
            out.append("")
        out += [f"## {lab['enums']}", ""]
        for name in sorted(self.ps.enums, key=natural_key):
            enum = self.ps.enums[name]
            out += [f"### `{name}` {{#{slug('enum-' + name)}}}", "",
                    f"| {lab['value']} | th | en |", "|---|---|---|"]
            for v in enum.values:
                labels = enum.labels.get(v, {})
                out.append(f"| `{v}` | {_md(labels.get('th', ''))} | {_md(labels.get('en', ''))} |")
            out.append("")
        if self.ps.records:
            out += [f"## {lab['records']}", ""]
        for name in sorted(self.ps.records, key=natural_key):
            rec = self.ps.records[name]
            out += [f"### `{name}` {{#{slug('record-' + name)}}}", "",
                    f"| {lab['record_field']} | {lab['type']} | {lab['description']} |",
                    "|---|---|---|"]
            for fname, ftype in rec.fields:
                descs = rec.descriptions.get(fname, {})
                out.append(f"| `{fname}` | `{ftype.describe()}` | "
                           f"{_md(descs.get(self.lang) or descs.get('en', ''))} |")
            out.append("")
        return CataloguePage(uri, lab["facts"], "\n".join(out))

    def sources_page(self) -> CataloguePage:
        """Every source document, and what cites it."""
        uri = f"{self.prefix}sources.md"
        lab = self.lab
        out = [f"# {lab['sources']}", "", *self.header(uri), lab["intro_sources"], ""]
        for sid in sorted(self.ps.documents, key=natural_key):
            doc = self.ps.documents[sid]
            out += [f"## `{sid}` {{#{slug('source-' + sid)}}}", ""]
            rows = []
            for lang in (self.lang, *[x for x in LANGS if x != self.lang]):
                if _text(doc.titles, lang):
                    rows.append((f"{lab['title']} ({lang})", _md(_text(doc.titles, lang) or "")))
            if doc.issuers:
                rows.append((lab["issuer"], _md(self.t(doc.issuers) or "")))
            if doc.dated is not None:
                rows.append((lab["dated"], _date(doc.dated)))
            users = self.cited_by.get(sid, {})
            rows.append((lab["cited_by"], ", ".join(
                self.link(uri, u.split("#")[0], f"`{rid}`", u.partition("#")[2])
                for rid, u in sorted(users.items(), key=lambda kv: natural_key(kv[0])))
                or lab["not_cited"]))
            out += self.table(rows)
            for lang in (self.lang, *[x for x in LANGS if x != self.lang]):
                value = _text(doc.texts, lang)
                if value:
                    out += [f"> **{lang}** — {_md(value)}", ""]
        return CataloguePage(uri, lab["sources"], "\n".join(out))

    def index_page(self) -> CataloguePage:
        """The overview: policies, and tables of measures, decisions and items."""
        uri = f"{self.prefix}index.md"
        lab = self.lab
        out = [f"# {lab['catalogue']}", "", *self.header(uri), lab["generated"], ""]
        out += [f"## {lab['policies']}", ""]
        for pid in sorted(self.ps.policies, key=natural_key):
            p = self.ps.policies[pid]
            out += [f"### `{pid}` — {_md(_title(p.titles, self.lang))} "
                    f"{{#{slug('policy-' + pid)}}}", ""]
            rows = []
            if p.version:
                rows.append((lab["version"], f"`{p.version}`"))
            if p.source:
                rows.append((lab["sources"], self.link(uri, f"{self.prefix}sources.md",
                                                       f"`{p.source}`",
                                                       slug("source-" + p.source))))
            eff = _effective(p.effective, lab)
            if eff:
                rows.append((lab["effective"], eff))
            rows += [(lab["applies_when"], _code(self.expr_text(e))) for e in p.applies]
            rows.append((lab["defined_in"], self.where(p)))
            out += self.table(rows)
            desc = self.t(p.texts)
            if desc:
                out += [f"> {_md(desc)}", ""]
            out += self.interpretation_block(p.interpretations)
            out += self.ambiguity_block(p.ambiguities)
        out += [f"## {lab['measures']}", ""]
        policies = sorted({cm.policy.id for cm in self.measures}, key=natural_key)
        for pid in policies:
            if len(policies) > 1:
                out += [f"### {lab['measures']} · `{pid}`", ""]
            out += [f"| {lab['id']} | {lab['modality']} | {lab['title']} | {lab['n_methods']} "
                    f"| {lab['basis']} |", "|---|---|---|---|---|"]
            for cm in (cm for cm in self.measures if cm.policy.id == pid):
                m = cm.measure
                out.append(f"| {self.link(uri, self.measure_uri(m.id), f'`{m.id}`')} | "
                           f"{_modality_word(m.modality)} | {_md(self.t(m.titles) or '')} | "
                           f"{len(m.methods)} | {self.basis(_all_interpretations(m))} |")
            out.append("")
        if not self.measures:
            out.append(lab["no_measures"])
        out += ["", f"## {lab['decisions']}", ""]
        if self.decisions:
            out += [f"| {lab['id']} | {lab['title']} | {lab['options']} | {lab['rules']} |",
                    "|---|---|---|---|"]
            for cd in self.decisions:
                d = cd.decision
                out.append(f"| {self.link(uri, self.decision_uri(d.id), f'`{d.id}`')} | "
                           f"{_md(self.t(d.titles) or '')} | "
                           f"{', '.join(f'`{o.id}`' for o in d.options)} | {len(d.rules)} |")
        else:
            out.append(lab["no_decisions"])
        out += ["", f"## {lab['items']}", ""]
        if self.items:
            out += [f"| {lab['id']} | {lab['title']} |", "|---|---|"]
            for item in self.items:
                link = self.link(uri, f"{self.prefix}items.md", f"`{item.id}`", slug(item.id))
                out.append(f"| {link} | {_md(self.t(item.titles) or '')} |")
        else:
            out.append(lab["no_items"])
        out += ["", f"## {lab['facts']} · {lab['sources']}", "",
                f"- {self.link(uri, f'{self.prefix}facts.md', lab['facts'])}: "
                f"{len(self.ps.facts)}",
                f"- {self.link(uri, f'{self.prefix}sources.md', lab['sources'])}: "
                f"{len(self.ps.documents)}", ""]
        return CataloguePage(uri, lab["overview"], "\n".join(out))

    def pages(self) -> list[CataloguePage]:
        """Every page of this language's catalogue."""
        return [self.index_page(),
                *(self.measure_page(cm) for cm in self.measures),
                *(self.decision_page(cd) for cd in self.decisions),
                self.items_page(), self.facts_page(), self.sources_page()]

    def nav(self) -> list[Any]:
        """The navigation section for this language."""
        pages = self.pages()
        lab = self.lab
        out: list[Any] = [{lab["overview"]: f"{self.prefix}index.md"}]
        measures: list[Any] = [{p.nav_title: p.uri} for p in pages if p.group == "measures"]
        policies = sorted({cm.policy.id for cm in self.measures}, key=natural_key)
        if len(policies) > 1:  # one sub-section per policy, so that a long list stays usable
            measures = [{f"{pid} — {_title(self.ps.policies[pid].titles, self.lang)}"
                         if len(_title(self.ps.policies[pid].titles, self.lang)) < 30 else pid:
                         [{cm.measure.id: self.measure_uri(cm.measure.id)}
                          for cm in self.measures if cm.policy.id == pid]}
                        for pid in policies]
        decisions = [{p.nav_title: p.uri} for p in pages if p.group == "decisions"]
        if measures:
            out.append({lab["measures"]: measures})
        if decisions:
            out.append({lab["decisions"]: decisions})
        out += [{lab["items"]: f"{self.prefix}items.md"},
                {lab["facts"]: f"{self.prefix}facts.md"},
                {lab["sources"]: f"{self.prefix}sources.md"}]
        return out


def _template_names(explains: Iterable[ast.Explain]) -> list[tuple[ast.Expr, str]]:
    """The names an explanation template fills in (``{agency.name}``), as expressions."""
    out: list[tuple[ast.Expr, str]] = []
    for x in explains:
        for name in re.findall(r"(?<!\{)\{([^{}]+)\}(?!\})", x.template):
            out.append((ast.Name(name.strip()), "explanations"))
    return out


def _arabic(number: str) -> str:
    return number.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))


def _modality_word(mod: str) -> str:
    thai = {"must": "ต้อง", "must_not": "ต้องไม่", "should": "ควร", "may": "อาจ",
            "consider": "พิจารณา"}
    return f"`{mod.replace('_', ' ')}` ({thai.get(mod, '')})"


def _all_interpretations(m: ast.MeasureDef) -> ast.Texts:
    """A measure rests on interpretation when it or one of its methods does."""
    texts = list(m.interpretations)
    for meth in m.methods:
        texts += meth.interpretations
    return tuple(texts)


def _relpath(target: str, start: str) -> str:
    import posixpath

    return posixpath.relpath(target, start or ".")


def build_catalogue(ps: PolicySet, root: Path | None = None
                    ) -> tuple[dict[str, str], dict[str, list[Any]]]:
    """All catalogue pages (URI → Markdown) and the navigation section of each language.

    ``root`` is the folder that file names in the pages are shown relative to."""
    pages: dict[str, str] = {}
    navs: dict[str, list[Any]] = {}
    for lang in LANGS:
        cat = Catalogue(ps, lang, root)
        for page in cat.pages():
            pages[page.uri] = page.content
        navs[lang] = cat.nav()
    return pages, navs


# --------------------------------------------------------------------------- API reference


def public_modules(package_dir: Path, package: str = "govrules") -> list[str]:
    """The dotted names of the public modules of the package, the package itself first."""
    out = []
    for path in sorted(package_dir.rglob("*.py")):
        parts = path.relative_to(package_dir).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if any(p.startswith("_") for p in parts):
            continue
        out.append(".".join((package, *parts)))
    return sorted(out, key=lambda name: (name != package, name))


def _summary(package_dir: Path, module: str) -> str:
    """The first line of a module's docstring, read without importing the module."""
    import ast as pyast

    rel = Path(*module.split(".")[1:])
    path = package_dir / rel / "__init__.py" if (package_dir / rel).is_dir() else (
        package_dir / rel.with_suffix(".py"))
    doc = pyast.get_docstring(pyast.parse(path.read_text(encoding="utf-8")))
    return (doc or "").strip().splitlines()[0] if doc else ""


def build_reference(package_dir: Path) -> tuple[dict[str, str], list[Any]]:
    """The API reference pages (URI → Markdown) and their navigation section."""
    modules = public_modules(package_dir)
    pages: dict[str, str] = {}
    nav: list[Any] = [{"Overview": "reference/index.md"}]
    rows = ["| module | |", "|---|---|"]
    for module in modules:
        uri = f"reference/{module}.md"
        pages[uri] = f"# `{module}`\n\n::: {module}\n"
        nav.append({module: uri})
        rows.append(f"| [`{module}`]({module}.md) | {_md(_summary(package_dir, module))} |")
    pages["reference/index.md"] = "\n".join([
        "# API reference", "",
        "One page per public module of the package, generated from the docstrings when this "
        "site is built. Most programs need only the front door, `govrules` itself "
        "([Python API](../api.md) is the guide to it); the other modules are the stages of the "
        "[pipeline](../architecture.md).", "", *rows, ""])
    return pages, nav


# --------------------------------------------------------------------------- docstring markup

# The package's docstrings are reStructuredText-flavoured: Sphinx roles (:class:`Report`) and
# doctest examples (>>> ...). Markdown would show the roles literally and turn `>>>` into three
# nested quotes; this preprocessor makes roles code spans and doctests Python console blocks.
_ROLE = re.compile(r":(?:py:)?(?:func|class|mod|meth|attr|exc|data|obj|const):`~?([^`]+)`")
_DOCTEST_FLAGS = re.compile(r"\s*#\s*doctest:.*$")
_FENCE_LINE = re.compile(r"^\s*(```|~~~)")


def _role(m: re.Match[str]) -> str:
    target = m.group(1)
    # `~a.b.C` shows `C`, as Sphinx does; anything else is shown as written.
    shown = target.rsplit(".", 1)[-1] if m.group(0).split("`")[1].startswith("~") else target
    return f"`{shown}`"


def docstring_markup(lines: list[str]) -> list[str]:
    """Sphinx roles → code spans; doctest paragraphs → ``pycon`` blocks (outside fences)."""
    out: list[str] = []
    fence: str | None = None
    doctest = False
    for line in lines:
        m = _FENCE_LINE.match(line)
        if fence is not None:
            out.append(line)
            if m and m.group(1) == fence:
                fence = None
            continue
        if m and not doctest:
            fence = m.group(1)
            out.append(line)
            continue
        if not doctest and line.lstrip().startswith(">>>"):
            indent = line[: len(line) - len(line.lstrip())]
            out += ["", f"{indent}```pycon"]
            doctest = True
        if doctest:
            if not line.strip():
                out += [f"{indent}```", ""]
                doctest = False
                continue
            out.append(_DOCTEST_FLAGS.sub("", line))
            continue
        out.append(_ROLE.sub(_role, line))
    if doctest:
        out.append(f"{indent}```")
    return out


def _markup_extension() -> Any:
    from markdown.extensions import Extension
    from markdown.preprocessors import Preprocessor

    class DocstringMarkup(Preprocessor):
        def run(self, lines: list[str]) -> list[str]:
            return docstring_markup(lines)

    class DocstringMarkupExtension(Extension):
        def extendMarkdown(self, md: Any) -> None:
            # Before the fenced-code preprocessors (priority 25), so that they see the blocks.
            md.preprocessors.register(DocstringMarkup(md), "govrules_docstrings", 40)

    return DocstringMarkupExtension()


# --------------------------------------------------------------------------- mkdocs events

_STATE: dict[str, Any] = {}


def _expand_nav(nav: Any, navs: Mapping[str, list[Any]]) -> Any:
    """Replace the entries ``catalogue/index.md``, ``catalogue/th/index.md`` and
    ``reference/index.md`` of the configured navigation with the sections of generated pages
    (``navs`` maps ``en``, ``th`` and ``reference`` to them)."""
    targets = {"catalogue/index.md": navs["en"], "catalogue/th/index.md": navs["th"],
               "reference/index.md": navs.get("reference", [])}
    if isinstance(nav, list):
        return [_expand_nav(x, navs) for x in nav]
    if isinstance(nav, dict):
        out = {}
        for key, value in nav.items():
            out[key] = targets[value] if isinstance(value, str) and value in targets else (
                _expand_nav(value, navs))
        return out
    return nav


def _early(func: Any) -> Any:
    """Run before the plugins' ``on_config`` (mkdocstrings reads the Markdown extensions)."""
    try:
        from mkdocs.plugins import event_priority
    except ImportError:  # pragma: no cover - mkdocs < 1.4
        return func
    return event_priority(100)(func)


@_early
def on_config(config: Any) -> Any:
    """Load the policies, build the catalogue and the API reference, expand their entries in
    the navigation, and add the docstring markup to the Markdown extensions."""
    from mkdocs.exceptions import PluginError

    from govrules.errors import GovrulesError, render_diagnostics

    root = Path(config["config_file_path"]).resolve().parent
    try:
        ps = load(root / POLICIES_DIR)
    except GovrulesError as exc:  # the catalogue cannot be built: say why, as `check` would
        sources = {}
        for d in exc.diagnostics:
            with contextlib.suppress(OSError):
                sources[d.span.file] = Path(d.span.file).read_text(encoding="utf-8")
        raise PluginError("the policy catalogue needs policies/ to check clean:\n\n"
                          + render_diagnostics(exc.diagnostics, sources)) from None
    pages, navs = build_catalogue(ps, root)
    ref_pages, navs["reference"] = build_reference(root / "src" / "govrules")
    _STATE["pages"] = {**pages, **ref_pages}
    if config["nav"] is not None:
        config["nav"] = _expand_nav(config["nav"], navs)
    config["markdown_extensions"].append(_markup_extension())
    return config


def on_files(files: Any, config: Any) -> Any:
    """Add the generated pages to the site."""
    from mkdocs.structure.files import File

    for uri, content in sorted(_STATE.get("pages", {}).items()):
        existing = files.get_file_from_path(uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, uri, content=content))
    return files

