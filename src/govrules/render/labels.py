"""The label catalogue: every word and sentence template the renderers print, in Thai and English.

Renderers never write a label of their own: they ask :func:`label` (or one of the helpers below),
so ``--lang th`` switches every heading, status, modality, finding and sentence at once. The
titles, source texts, interpretations and explanations of verdicts come from the policies and
are already per language in the :class:`~govrules.verdict.Verdict`.

A template names its parameters in braces: ``label("summary.counts", "th", n=3)``. Adding a
label means adding both languages; ``tests/test_render.py`` checks that every entry has both.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Final

from ..dates import format_both, to_be_year
from ..errors import printable

if TYPE_CHECKING:
    from ..errors import Diagnostic

__all__ = [
    "CITATION_PARTS_TH",
    "LABELS",
    "LANGS",
    "basis_label",
    "citation_path",
    "date_both",
    "display_width",
    "finding_label",
    "label",
    "modality_label",
    "outcome_label",
    "reason_text",
    "status_label",
    "status_tag",
    "warning_text",
]

LANGS: Final = ("en", "th")
"""The languages every label exists in."""

LABELS: Final[dict[str, dict[str, str]]] = {
    # statuses: the word in a sentence or a table, and the short tag of the text report
    "status.compliant": {"en": "compliant", "th": "ปฏิบัติตาม"},
    "status.non_compliant": {"en": "non-compliant", "th": "ไม่ปฏิบัติตาม"},
    "status.unknown": {"en": "unknown", "th": "ยังไม่ทราบ"},
    "status.not_applicable": {"en": "not applicable", "th": "ไม่อยู่ในบังคับ"},
    "status.conflict": {"en": "conflict", "th": "ขัดกัน"},
    "tag.compliant": {"en": "COMPLIANT", "th": "ปฏิบัติตาม"},
    "tag.non_compliant": {"en": "NON-COMPLIANT", "th": "ไม่ปฏิบัติตาม"},
    "tag.unknown": {"en": "UNKNOWN", "th": "ยังไม่ทราบ"},
    "tag.not_applicable": {"en": "N/A", "th": "ไม่อยู่ในบังคับ"},
    "tag.conflict": {"en": "CONFLICT", "th": "ขัดกัน"},
    # modalities (as the evaluator spells them) and what a failure under each means
    "modality.must": {"en": "must", "th": "ต้อง"},
    "modality.must_not": {"en": "must not", "th": "ต้องไม่"},
    "modality.should": {"en": "should", "th": "ควร"},
    "modality.may": {"en": "may", "th": "อาจ"},
    "modality.consider": {"en": "consider", "th": "พิจารณา"},
    "finding.violation": {"en": "violation", "th": "การฝ่าฝืน"},
    "finding.advisory": {"en": "advisory", "th": "ข้อเสนอแนะ"},
    "finding.none": {"en": "no finding", "th": "ไม่ถือเป็นข้อบกพร่อง"},
    "findings.violations": {"en": "{n} violation(s)", "th": "ฝ่าฝืน {n} รายการ"},
    "findings.advisories": {"en": "{n} advisory finding(s)", "th": "ข้อเสนอแนะ {n} รายการ"},
    # basis of a conclusion
    "basis.law": {"en": "law", "th": "ตามตัวบท"},
    "basis.interpretation": {"en": "interpretation", "th": "การตีความ"},
    "basis.law.long": {"en": "Rests on the text of the source",
                       "th": "อาศัยตัวบทของแหล่งที่มาโดยตรง"},
    "basis.interpretation.long": {
        "en": "Rests on the project's interpretation of the source, not on its text alone",
        "th": "อาศัยการตีความของโครงการ มิใช่ตัวบทของแหล่งที่มาเพียงอย่างเดียว"},
    # option outcomes of decisions
    "outcome.allowed": {"en": "allowed", "th": "ทำได้"},
    "outcome.recommended": {"en": "recommended", "th": "แนะนำ"},
    "outcome.excluded": {"en": "excluded", "th": "ถูกตัดออก"},
    "outcome.not_addressed": {"en": "not addressed", "th": "ไม่มีข้อกำหนด"},
    "outcome.unknown": {"en": "unknown", "th": "ยังไม่ทราบ"},
    "outcome.conflict": {"en": "conflict", "th": "ขัดกัน"},
    # kinds of verdict
    "kind.measure": {"en": "measure", "th": "มาตรการ"},
    "kind.method": {"en": "method", "th": "วิธีการ"},
    "kind.decision": {"en": "decision", "th": "การพิจารณา"},
    # headings and field names
    "report.title": {"en": "govrules report for {source}", "th": "รายงาน govrules สำหรับ {source}"},
    "report.html_title": {"en": "Compliance audit report", "th": "รายงานการตรวจสอบการปฏิบัติตาม"},
    "report.as_of": {"en": "as of {date}", "th": "ณ วันที่ {date}"},
    "report.hashes": {"en": "policy set sha256 {policy}…  facts sha256 {facts}…",
                      "th": "sha256 ชุดนโยบาย {policy}…  sha256 ข้อเท็จจริง {facts}…"},
    "field.facts_source": {"en": "Facts file", "th": "แฟ้มข้อเท็จจริง"},
    "field.as_of": {"en": "Evaluated as of", "th": "ประเมิน ณ วันที่"},
    "field.policy_sha256": {"en": "Policy set SHA-256", "th": "SHA-256 ของชุดนโยบาย"},
    "field.facts_sha256": {"en": "Facts SHA-256", "th": "SHA-256 ของข้อเท็จจริง"},
    "field.engine": {"en": "govrules version", "th": "รุ่นของ govrules"},
    "field.format": {"en": "Report data format", "th": "รูปแบบข้อมูลของรายงาน"},
    "field.status": {"en": "Status", "th": "สถานะ"},
    "field.modality": {"en": "Modality", "th": "ระดับความผูกพัน"},
    "field.finding": {"en": "Finding", "th": "ผลการตรวจ"},
    "field.basis": {"en": "Basis", "th": "ฐานของข้อสรุป"},
    "field.policy": {"en": "Policy", "th": "นโยบาย"},
    "field.subject": {"en": "Subject", "th": "เรื่องที่พิจารณา"},
    "field.reason": {"en": "Reason", "th": "เหตุผล"},
    "field.missing": {"en": "Missing facts", "th": "ข้อเท็จจริงที่ยังขาด"},
    "field.explanation": {"en": "Explanation", "th": "คำอธิบาย"},
    "field.citation": {"en": "Citation", "th": "อ้างอิง"},
    "field.source_text": {"en": "Source text", "th": "ตัวบทของแหล่งที่มา"},
    "field.written": {"en": "as written", "th": "ตามที่เขียนไว้"},
    "field.interpretation": {"en": "Interpretation", "th": "การตีความ"},
    "field.ambiguities": {"en": "Ambiguities of the sources", "th": "ความกำกวมของแหล่งที่มา"},
    "field.actors": {"en": "Duty falls on", "th": "ผู้มีหน้าที่"},
    "field.options": {"en": "Options", "th": "ทางเลือก"},
    "field.option": {"en": "Option", "th": "ทางเลือก"},
    "field.outcome": {"en": "Outcome", "th": "ผล"},
    "field.rules": {"en": "Rules", "th": "กฎ"},
    "field.trace": {"en": "Trace", "th": "ลำดับการพิจารณา"},
    "field.facts_used": {"en": "Facts used", "th": "ข้อเท็จจริงที่ใช้"},
    "field.fact": {"en": "Fact (key path)", "th": "ข้อเท็จจริง (ชื่อคีย์)"},
    "field.value": {"en": "Value", "th": "ค่า"},
    "field.where": {"en": "Where in the facts file", "th": "ตำแหน่งในแฟ้มข้อเท็จจริง"},
    "field.count": {"en": "Count", "th": "จำนวน"},
    "field.verdict": {"en": "Verdict", "th": "ผลการพิจารณา"},
    "field.title": {"en": "Title", "th": "ชื่อเรื่อง"},
    "field.methods": {"en": "Methods", "th": "วิธีการ"},
    "heading.policies": {"en": "Policies evaluated", "th": "นโยบายที่ใช้ประเมิน"},
    "field.version": {"en": "Version", "th": "ฉบับ"},
    "field.source": {"en": "Source", "th": "แหล่งที่มา"},
    "field.in_force": {"en": "In force", "th": "ช่วงใช้บังคับ"},
    "field.applies": {"en": "Applies to these facts", "th": "ใช้กับข้อเท็จจริงนี้หรือไม่"},
    "policy.version": {"en": "version {version}", "th": "ฉบับ {version}"},
    "policy.source": {"en": "source: {title}", "th": "แหล่งที่มา: {title}"},
    "policy.in_force_from": {"en": "in force from {start}", "th": "ใช้บังคับตั้งแต่ {start}"},
    "policy.in_force_between": {"en": "in force from {start} until {end}",
                                "th": "ใช้บังคับตั้งแต่ {start} ถึง {end}"},
    "policy.no_period": {"en": "in force (no period given)",
                         "th": "ใช้บังคับ (ไม่ได้กำหนดช่วงเวลา)"},
    "policy.not_in_force_from": {
        "en": "NOT in force on this date: in force only from {start}",
        "th": "ไม่อยู่ในช่วงใช้บังคับ ณ วันที่ประเมิน: ใช้บังคับตั้งแต่ {start} เท่านั้น"},
    "policy.not_in_force_between": {
        "en": "NOT in force on this date: in force only from {start} until {end}",
        "th": "ไม่อยู่ในช่วงใช้บังคับ ณ วันที่ประเมิน: ใช้บังคับเฉพาะตั้งแต่ {start} ถึง {end}"},
    "policy.applies.yes": {"en": "applies to these facts", "th": "ใช้กับข้อเท็จจริงนี้"},
    "policy.applies.no": {"en": "does not apply to these facts",
                          "th": "ไม่ใช้กับข้อเท็จจริงนี้"},
    "policy.applies.unknown": {"en": "whether it applies is unknown (missing {facts})",
                               "th": "ยังไม่ทราบว่าใช้หรือไม่ (ขาด {facts})"},
    "heading.summary": {"en": "Summary", "th": "สรุป"},
    "heading.by_status": {"en": "By status", "th": "ตามสถานะ"},
    "heading.by_modality": {"en": "By modality", "th": "ตามระดับความผูกพัน"},
    "heading.verdicts": {"en": "Verdicts", "th": "ผลการพิจารณา"},
    "heading.findings": {"en": "Findings", "th": "ผลการตรวจที่พบ"},
    "heading.warnings": {"en": "Warnings about the facts file", "th": "คำเตือนเกี่ยวกับแฟ้มข้อเท็จจริง"},
    "heading.provenance": {"en": "Provenance", "th": "ที่มาของรายงาน"},
    "heading.contents": {"en": "Contents", "th": "สารบัญ"},
    "heading.verify": {"en": "How to reproduce this report", "th": "วิธีทำซ้ำรายงานนี้"},
    # short words of the text report
    "word.failed": {"en": "failed", "th": "ไม่ผ่าน"},
    "word.missing": {"en": "missing", "th": "ขาด"},
    "word.reason": {"en": "reason", "th": "เหตุผล"},
    "word.cite": {"en": "cite", "th": "อ้างอิง"},
    "word.ambiguities": {"en": "ambiguities", "th": "ความกำกวม"},
    "word.by": {"en": "by", "th": "โดย"},
    "word.warning": {"en": "warning", "th": "คำเตือน"},
    "word.help": {"en": "help", "th": "คำแนะนำ"},
    "word.none": {"en": "none", "th": "ไม่มี"},
    "word.yes": {"en": "yes", "th": "ใช่"},
    "word.no": {"en": "no", "th": "ไม่ใช่"},
    "word.not_given": {"en": "not given", "th": "ไม่ได้ระบุ"},
    "word.unknown_value": {"en": "unknown", "th": "ไม่ทราบ"},
    "value.true": {"en": "true", "th": "จริง"},
    "value.false": {"en": "false", "th": "เท็จ"},
    "word.absent_at": {"en": "absent; would go under {where}", "th": "ไม่มี; ควรอยู่ใต้ {where}"},
    "heading.ambiguities": {"en": "Ambiguities of the sources cited",
                            "th": "ความกำกวมของแหล่งที่มาที่เกี่ยวข้อง"},
    "sentence.ambiguities": {
        "en": "Verdicts that depend on an entry of the domain inventory's list of ambiguities "
              "(A1–A31): read the entry before relying on them.",
        "th": "ผลการพิจารณาที่ขึ้นกับรายการความกำกวมในบัญชีความกำกวมของแหล่งที่มา (A1–A31) "
              "ควรอ่านรายการนั้นก่อนนำผลไปใช้"},
    "word.total": {"en": "total", "th": "รวม"},
    "word.chosen": {"en": "chosen", "th": "เลือกแล้ว"},
    "word.chosen_option": {"en": "Option chosen", "th": "ทางเลือกที่หน่วยงานเลือก"},
    "summary.line": {"en": "summary: {counts} ({violations}, {advisories})",
                     "th": "สรุป: {counts} ({violations}, {advisories})"},
    "summary.count": {"en": "{n} {status}", "th": "{status} {n}"},
    # sentences
    "sentence.verify": {
        "en": "Anyone with the same policies and facts can reproduce these verdicts: the hashes "
              "above identify both. Run `govrules eval POLICIES FACTS --as-of {as_of} --format "
              "json` and compare, or keep a decision log (`--log`) and check it with "
              "`govrules verify-log`.",
        "th": "ผู้ใดที่มีชุดนโยบายและข้อเท็จจริงชุดเดียวกันสามารถทำซ้ำผลการพิจารณานี้ได้ "
              "ค่าแฮชข้างต้นระบุทั้งสองอย่าง ให้รัน `govrules eval POLICIES FACTS --as-of {as_of} "
              "--format json` แล้วเปรียบเทียบ หรือเก็บบันทึกการตัดสิน (`--log`) แล้วตรวจด้วย "
              "`govrules verify-log`"},
    "sentence.no_findings": {"en": "No violations and no advisory findings.",
                             "th": "ไม่พบการฝ่าฝืนและไม่มีข้อเสนอแนะ"},
    "sentence.not_read": {"en": "This verdict read no facts.",
                          "th": "ผลการพิจารณานี้ไม่ได้ใช้ข้อเท็จจริงใด"},
    "sentence.legend": {
        "en": "Law: the conclusion follows from the text of the source. Interpretation: it rests "
              "on the project's reading of an unclear source; the reading is quoted.",
        "th": "ตามตัวบท: ข้อสรุปเป็นไปตามตัวบทของแหล่งที่มา การตีความ: ข้อสรุปอาศัยการตีความ"
              "ของโครงการในกรณีที่แหล่งที่มาไม่ชัดเจน โดยยกข้อความการตีความไว้ด้วย"},
    # the evaluator's reasons (English data) and their Thai forms
    "reason.facts are missing": {"en": "facts are missing", "th": "ข้อเท็จจริงยังไม่ครบ"},
    "reason.it is not known whether the measure applies": {
        "en": "it is not known whether the measure applies",
        "th": "ยังไม่ทราบว่ามาตรการนี้ใช้บังคับกับหน่วยงานหรือไม่"},
    "reason.it is not known whether the decision applies": {
        "en": "it is not known whether the decision applies",
        "th": "ยังไม่ทราบว่าการพิจารณานี้ใช้กับหน่วยงานหรือไม่"},
    "reason.the evaluation date is outside the effective period": {
        "en": "the evaluation date is outside the effective period",
        "th": "วันที่ประเมินอยู่นอกช่วงเวลาที่มีผลใช้บังคับ"},
    "reason.the applicability condition does not hold": {
        "en": "the applicability condition does not hold",
        "th": "ไม่เข้าเงื่อนไขการใช้บังคับ"},
    "reason.an exception (`unless`) holds": {
        "en": "an exception (`unless`) holds", "th": "เข้าข้อยกเว้น (`unless`)"},
    "reason.rules contradict each other for an option": {
        "en": "rules contradict each other for an option",
        "th": "กฎขัดกันเองสำหรับทางเลือกหนึ่ง"},
    "reason.the chosen option is not known": {
        "en": "the chosen option is not known", "th": "ยังไม่ทราบว่าเลือกทางเลือกใด"},
    "reason.excluded": {"en": "the chosen option `{option}` is excluded",
                        "th": "ทางเลือกที่หน่วยงานเลือก `{option}` ถูกตัดออก"},
    "reason.measure_na": {"en": "the measure is not applicable: {reason}",
                          "th": "มาตรการไม่อยู่ในบังคับ: {reason}"},
    # `govrules explain`: the field names of its layout, and the words of its trace
    "explain.status": {"en": "status", "th": "สถานะ"},
    "explain.modality": {"en": "modality", "th": "ระดับความผูกพัน"},
    "explain.finding": {"en": "finding", "th": "ผลการตรวจ"},
    "explain.basis": {"en": "basis", "th": "ฐานของข้อสรุป"},
    "explain.policy": {"en": "policy", "th": "นโยบาย"},
    "explain.subject": {"en": "subject", "th": "เรื่องที่พิจารณา"},
    "explain.citation": {"en": "citation", "th": "อ้างอิง"},
    "explain.written": {"en": "as written", "th": "ตามที่เขียนไว้"},
    "explain.source": {"en": "source text", "th": "ตัวบทของแหล่งที่มา"},
    "explain.interpretation": {"en": "interpretation", "th": "การตีความ"},
    "explain.missing": {"en": "missing facts", "th": "ข้อเท็จจริงที่ยังขาด"},
    "explain.reason": {"en": "reason", "th": "เหตุผล"},
    "explain.options": {"en": "options", "th": "ทางเลือก"},
    "explain.explanation": {"en": "explanation", "th": "คำอธิบาย"},
    "explain.trace": {"en": "trace", "th": "ลำดับการพิจารณา"},
    "explain.reads": {"en": "facts read", "th": "ข้อเท็จจริงที่อ่าน"},
    "explain.facts": {"en": "facts", "th": "ข้อเท็จจริง"},
    "explain.as_of": {"en": "as of", "th": "ณ วันที่"},
    "explain.because": {"en": "decided by", "th": "ตัดสินโดย"},
    "word.read": {"en": "read", "th": "อ่าน"},
}

_REASON_EXCLUDED = re.compile(r"the chosen option `([^`]*)` is excluded")
_REASON_MEASURE_NA = "the measure is not applicable: "


def label(key: str, lang: str, /, **params: object) -> str:
    """The label ``key`` in ``lang`` (English when ``lang`` is unknown), filled with ``params``.

    Raises ``KeyError`` for a key the catalogue lacks: a missing label is a bug, not a fallback.
    """
    entry = LABELS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**params) if params else text


def status_label(status: str, lang: str) -> str:
    """The status as a word (``non-compliant``, ``ไม่ปฏิบัติตาม``)."""
    return label(f"status.{status}", lang)


def status_tag(status: str, lang: str) -> str:
    """The short status tag of the text report (``NON-COMPLIANT``, ``N/A``)."""
    return label(f"tag.{status}", lang)


def modality_label(modality: str | None, lang: str) -> str:
    """The modality word; an unknown modality is shown as written."""
    if not modality:
        return ""
    key = f"modality.{modality.replace(' ', '_')}"
    return label(key, lang) if key in LABELS else modality


def finding_label(finding: str | None, lang: str) -> str:
    """The finding (``violation``, ``advisory``, ``none``) as a word; empty for no finding."""
    if not finding:
        return ""
    key = f"finding.{finding}"
    return label(key, lang) if key in LABELS else finding


def outcome_label(outcome: str, lang: str) -> str:
    """The outcome of a decision option as a word."""
    key = f"outcome.{outcome}"
    return label(key, lang) if key in LABELS else outcome


def basis_label(basis: str, lang: str) -> str:
    """``law`` or ``interpretation`` as a word."""
    key = f"basis.{basis}"
    return label(key, lang) if key in LABELS else basis


def reason_text(reason: str, lang: str) -> str:
    """The evaluator's reason (English data) in ``lang``; an unforeseen reason is kept as is."""
    if f"reason.{reason}" in LABELS:
        return label(f"reason.{reason}", lang)
    m = _REASON_EXCLUDED.fullmatch(reason)
    if m:
        return label("reason.excluded", lang, option=m.group(1))
    if reason.startswith(_REASON_MEASURE_NA):
        inner = reason_text(reason[len(_REASON_MEASURE_NA):], lang)
        return label("reason.measure_na", lang, reason=inner)
    return reason


CITATION_PARTS_TH: Final[dict[str, str]] = {
    "activity": "กิจกรรม",
    "area": "ด้าน",
    "duty": "หน้าที่",
    "factor": "ปัจจัย",
    "goal": "เป้าหมาย",
    "issue": "ประเด็น",
    "item": "ข้อย่อย",
    "measure": "มาตรการ",
    "method": "วิธีการ",
    "objective": "วัตถุประสงค์",
    "observation": "ข้อสังเกต",
    "option": "ทางเลือก",
    "paragraph": "วรรค",
    "pattern": "รูปแบบที่",
    "phase": "ระยะที่",
    "point": "ข้อ",
    "principle": "หลักการ",
    "proposal": "ข้อเสนอ",
    "section": "ข้อ",
    "sentence": "ประโยค",
    "step": "ขั้นตอนที่",
    "sub_item": "ข้อย่อย",
}
"""The words of a citation's clause path in Thai (``issue 1.1`` → ``ประเด็น 1.1``); the memo's
own sections are «ข้อ» as the Thai documents number them. A label not listed stays as written."""


def citation_path(path: str, lang: str) -> str:
    """A citation's normalised clause path (``issue 1.1, measure 1.1.3``) in ``lang``."""
    if lang != "th" or not path:
        return path
    parts = []
    for part in path.split(", "):
        word, space, rest = part.partition(" ")
        parts.append(CITATION_PARTS_TH.get(word, word) + space + rest)
    return ", ".join(parts)


def warning_text(warning: Diagnostic, lang: str) -> tuple[str, str | None]:
    """The message and the hint of a facts-file warning of a report, in ``lang``: in Thai from
    :mod:`govrules.messages_th` where it has them, otherwise as the loader wrote them; control
    characters written as escapes (:func:`govrules.errors.printable`)."""
    if lang == "th":
        from ..messages_th import translate

        warning = translate(warning)
    hint = None if warning.hint is None else printable(warning.hint)
    return printable(warning.message), hint  # (a key from the facts file is in the message)


def date_both(value: object, lang: str) -> str:
    """A date in both calendars: ``2024-06-01 (2567-06-01 BE)``; in Thai ``2567-06-01 พ.ศ.
    (2024-06-01 ค.ศ.)``, the Buddhist Era first."""
    import datetime as dt

    assert isinstance(value, dt.date)
    if lang != "th":
        return format_both(value)
    be = f"{to_be_year(value.year):04d}-{value.month:02d}-{value.day:02d}"
    return f"{be} พ.ศ. ({value.isoformat()} ค.ศ.)"


def display_width(text: str) -> int:
    """How many terminal columns ``text`` takes: Thai vowel and tone marks take none."""
    width = 0
    for ch in text:
        if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width
