"""Thai messages for diagnostics (``govrules check --lang th``, and the errors of facts files,
policy tests, ``govrules explain`` and decision logs).

:data:`MESSAGES` maps a diagnostic code to pairs of templates, English and Thai. A template is
the English message with ``{}`` where user text or a number goes; :func:`translate` matches the
English message of a diagnostic against the templates of its code and fills the Thai template
with the same pieces, in order (``{0}``, ``{1}``...), so that backticked user text — names, ids,
values — is carried over untouched. :data:`HINTS` does the same for hints, whatever the code.
A piece that is not in backticks but is itself a noun phrase the code builds (``measure `m```,
``method 2 of measure `m```...) is translated through :data:`PHRASES` the same way, so that the
Thai message does not carry an English phrase. The witness of an analysis finding is a field
of its own (:attr:`Diagnostic.witness`) and is kept as it is.
A message or hint with no matching template stays in English, so a code not (yet) covered still
gives a useful diagnostic. Text that comes from a library (PyYAML's, ``json``'s and ``tomllib``'s
syntax errors, the operating system's reasons) and the message of another diagnostic embedded in
one (``E702``, ``E703``) are pieces carried over as they are.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

import attrs

from .errors import Diagnostic

__all__ = ["HINTS", "MESSAGES", "PHRASES", "translate", "translate_text"]

MESSAGES: Mapping[str, tuple[tuple[str, str], ...]] = {
    # -- reading and syntax (E1xx)
    "E101": (("policy file is empty", "ไฟล์นโยบายว่างเปล่า"),),
    "E102": (("policy file contains a NUL byte", "ไฟล์นโยบายมีไบต์ NUL"),),
    "E103": (("policy file is not valid UTF-8 (byte {} at offset {})",
              "ไฟล์นโยบายไม่ได้เข้ารหัสเป็น UTF-8 ที่ถูกต้อง (ไบต์ {0} ที่ตำแหน่ง {1})"),),
    "E104": (("policy file is too large ({} bytes, at most {})",
              "ไฟล์นโยบายใหญ่เกินไป ({0} ไบต์ ไม่เกิน {1})"),),
    "E105": (("no such file or folder `{}`", "ไม่พบไฟล์หรือโฟลเดอร์ `{0}`"),),
    "E106": (("`{}` is a folder, not a policy file", "`{0}` เป็นโฟลเดอร์ ไม่ใช่ไฟล์นโยบาย"),),
    "E107": (("cannot read `{}`: {}", "อ่าน `{0}` ไม่ได้: {1}"),),
    "E108": (("no policy files in `{}`", "ไม่มีไฟล์นโยบายใน `{0}`"),
             ("no policy files given", "ไม่ได้ระบุไฟล์นโยบาย")),
    "E110": (("unexpected character `{}`", "พบอักขระ `{0}` ที่ไม่คาดคิด"),
             ("unknown escape `{}` in a text", "ลำดับหลีก `{0}` ในข้อความไม่เป็นที่รู้จัก")),
    "E111": (("unexpected end of file", "ไฟล์จบก่อนที่ควรจะจบ"),
             ("unexpected `{}`", "พบ `{0}` ในตำแหน่งที่ไม่คาดคิด")),
    "E112": (("policy is nested too deeply", "นโยบายซ้อนกันลึกเกินไป"),
             ("brackets are nested more than {} deep", "วงเล็บซ้อนกันลึกเกิน {0} ชั้น"),
             ("expression is nested more than {} deep", "นิพจน์ซ้อนกันลึกเกิน {0} ชั้น")),
    # -- structure (E2xx)
    "E201": (("two `{}` texts for the same thing", "มีข้อความภาษา `{0}` สองข้อความสำหรับสิ่งเดียวกัน"),
             ("two `{}` explanations for status `{}`",
              "มีคำอธิบายภาษา `{0}` สองข้อความสำหรับสถานะ `{1}`"),
             ("two `{}` explanations for every status",
              "มีคำอธิบายภาษา `{0}` สองข้อความที่ใช้กับทุกสถานะ")),
    "E202": (("invalid date `{}`", "วันที่ `{0}` ไม่ถูกต้อง"),),
    "E203": (("`{}` is given more than once", "ระบุ `{0}` มากกว่าหนึ่งครั้ง"),),
    "E204": (("effective period ends before it starts", "ช่วงเวลาที่มีผลสิ้นสุดก่อนเริ่มต้น"),),
    "E205": (("number is too large", "ตัวเลขมีค่ามากเกินไป"),
             ("number is too long", "ตัวเลขยาวเกินไป")),
    "E206": (("`{}` cannot name a bound variable", "`{0}` ใช้เป็นชื่อตัวแปรไม่ได้"),),
    "E210": (("unknown name `{}`", "ไม่รู้จักชื่อ `{0}`"),),
    "E211": (("`{}` is both a fact and a value of {}", "`{0}` เป็นทั้งข้อเท็จจริงและค่าของ {1}"),
             ("`{}` is both a definition and a value of {}", "`{0}` เป็นทั้งนิยามและค่าของ {1}")),
    "E212": (("record `{}` has no field `{}`", "ระเบียน `{0}` ไม่มีฟิลด์ `{1}`"),),
    "E213": (("`{}` is a whole `{}` record", "`{0}` เป็นระเบียน `{1}` ทั้งระเบียน"),),
    "E214": (("variable `{}` hides `{}`", "ตัวแปร `{0}` บังชื่อ `{1}`"),
             ("variable `{}` is already bound", "ตัวแปร `{0}` ถูกใช้อยู่แล้ว")),
    "E215": (("definition `{}` cannot use the variable `{}`",
              "นิยาม `{0}` ใช้ตัวแปร `{1}` ไม่ได้"),),
    "E216": (("definitions refer to each other in a cycle: `{}`",
              "นิยามอ้างถึงกันเป็นวง: `{0}`"),),
    "E217": (("records contain each other in a cycle: `{}`", "ระเบียนบรรจุกันเป็นวง: `{0}`"),),
    "E220": (("field `{}` is declared more than once in record `{}`",
              "ฟิลด์ `{0}` ถูกประกาศมากกว่าหนึ่งครั้งในระเบียน `{1}`"),
             ("source `{}` is declared more than once",
              "เอกสารแหล่งที่มา `{0}` ถูกประกาศมากกว่าหนึ่งครั้ง"),
             ("value `{}` is declared more than once in enum `{}`",
              "ค่า `{0}` ถูกประกาศมากกว่าหนึ่งครั้งใน enum `{1}`"),
             ("fact `{}` is declared more than once", "ข้อเท็จจริง `{0}` ถูกประกาศมากกว่าหนึ่งครั้ง"),
             ("enum `{}` is declared more than once", "enum `{0}` ถูกประกาศมากกว่าหนึ่งครั้ง"),
             ("record `{}` is declared more than once", "ระเบียน `{0}` ถูกประกาศมากกว่าหนึ่งครั้ง"),
             ("definition `{}` is declared more than once",
              "นิยาม `{0}` ถูกประกาศมากกว่าหนึ่งครั้ง")),
    "E221": (("`{}` is a built-in type and cannot be redeclared",
              "`{0}` เป็นชนิดข้อมูลพื้นฐาน ประกาศซ้ำไม่ได้"),),
    "E222": (("unknown type `{}`", "ไม่รู้จักชนิดข้อมูล `{0}`"),),
    "E223": (("`set of {}` needs an enum, but `{}` is not one",
              "`set of {0}` ต้องใช้ enum แต่ `{1}` ไม่ใช่ enum"),),
    "E224": (("`list of {}` needs a record, but `{}` is not one",
              "`list of {0}` ต้องใช้ระเบียน แต่ `{1}` ไม่ใช่ระเบียน"),),
    "E225": (("a record field cannot be a list", "ฟิลด์ของระเบียนเป็นรายการไม่ได้"),
             ("a record field cannot be a whole `{}` record",
              "ฟิลด์ของระเบียนเป็นระเบียน `{0}` ทั้งระเบียนไม่ได้")),
    "E226": (("a fact cannot be a whole `{}` record", "ข้อเท็จจริงเป็นระเบียน `{0}` ทั้งระเบียนไม่ได้"),),
    "E227": (("fact `{}` is inside the fact `{}`", "ข้อเท็จจริง `{0}` อยู่ภายในข้อเท็จจริง `{1}`"),),
    "E228": (("enum `{}` has no values", "enum `{0}` ไม่มีค่าใดเลย"),
             ("record `{}` has no fields", "ระเบียน `{0}` ไม่มีฟิลด์ใดเลย")),
    "E230": (("file `{}` has no policy", "ไฟล์ `{0}` ไม่ได้ระบุนโยบาย"),),
    "E231": (("policy `{}` is defined more than once", "นโยบาย `{0}` ถูกนิยามมากกว่าหนึ่งครั้ง"),),
    "E232": (("file `{}` names more than one policy", "ไฟล์ `{0}` ระบุนโยบายมากกว่าหนึ่งนโยบาย"),),
    "E233": (("unknown policy `{}`", "ไม่รู้จักนโยบาย `{0}`"),),
    "E234": (("unknown source document `{}`", "ไม่รู้จักเอกสารแหล่งที่มา `{0}`"),),
    "E235": (("{} cites no source", "{0} ไม่ได้อ้างอิงแหล่งที่มา"),),
    "E236": (("the citation of {} does not name its document",
              "การอ้างอิงของ{0} ไม่ได้ระบุเอกสารแหล่งที่มา"),),
    "E240": (("measure id `{}` is used more than once", "รหัสมาตรการ `{0}` ถูกใช้มากกว่าหนึ่งครั้ง"),
             ("decision id `{}` is used more than once",
              "รหัสการตัดสินใจ `{0}` ถูกใช้มากกว่าหนึ่งครั้ง"),
             ("item id `{}` is used more than once", "รหัสรายการ `{0}` ถูกใช้มากกว่าหนึ่งครั้ง"),
             ("`{}` is used more than once: it is also the id of method {} of measure `{}`",
              "`{0}` ถูกใช้มากกว่าหนึ่งครั้ง: เป็นรหัสของวิธีการ {1} ของมาตรการ `{2}` ด้วย")),
    "E241": (("method {} appears twice in {}", "วิธีการ {0} ปรากฏสองครั้งใน{1}"),),
    "E242": (("`require {} methods`, but {} has no methods",
              "ใช้ `require {0} methods` แต่{1} ไม่มีวิธีการ"),),
    "E243": (("{} has neither `require` nor methods", "{0} ไม่มีทั้ง `require` และวิธีการ"),),
    "E244": (("{} has no `require`", "{0} ไม่มี `require`"),),
    "E245": (("`{}` is already the id of something else", "`{0}` เป็นรหัสของสิ่งอื่นอยู่แล้ว"),),
    "E250": (("decision `{}` has no options", "การตัดสินใจ `{0}` ไม่มีทางเลือก"),),
    "E251": (("option `{}` is declared twice in `{}`", "ทางเลือก `{0}` ถูกประกาศสองครั้งใน `{1}`"),),
    "E252": (("`{}` is not an option of decision `{}`", "`{0}` ไม่ใช่ทางเลือกของการตัดสินใจ `{1}`"),),
    "E253": (("rule `{}` appears twice in decision `{}`",
              "กฎ `{0}` ปรากฏสองครั้งในการตัดสินใจ `{1}`"),),
    "E254": (("`{}` is not a rule of decision `{}`", "`{0}` ไม่ใช่กฎของการตัดสินใจ `{1}`"),),
    "E255": (("rule `{}` overrides itself", "กฎ `{0}` มีผลเหนือตัวเอง"),),
    "E256": (("rules override each other in a cycle: `{}`", "กฎมีผลเหนือกันเป็นวง: `{0}`"),),
    "E257": (("unknown name `{}` in explanation", "ไม่รู้จักชื่อ `{0}` ในคำอธิบาย"),),
    "E258": (("`{` is not closed in the explanation", "`{{` ยังไม่ได้ปิดในคำอธิบาย"),
             ("`{}` is not a placeholder", "`{0}` ไม่ใช่ตัวยึดตำแหน่ง")),
    # -- types (E3xx)
    "E301": (("{} needs a `bool` condition, found `{}`",
              "{0} ต้องใช้เงื่อนไขชนิด `bool` แต่พบ `{1}`"),),
    "E302": (("cannot compare `{}` with `{}`", "เปรียบเทียบ `{0}` กับ `{1}` ไม่ได้"),),
    "E303": (("`{}` needs two numbers or two dates, found `{}` and `{}`",
              "`{0}` ต้องใช้ตัวเลขสองตัวหรือวันที่สองวัน แต่พบ `{1}` และ `{2}`"),),
    "E304": (("`{}` needs a set on its right, found `{}`",
              "`{0}` ต้องมีเซตอยู่ทางขวา แต่พบ `{1}`"),),
    "E305": (("`{}` is not a value of `{}`", "`{0}` ไม่ใช่ค่าของ `{1}`"),),
    "E306": (("a set cannot hold `{}` values", "เซตเก็บค่าชนิด `{0}` ไม่ได้"),
             ("a set cannot mix `{}` and `{}`", "เซตผสมค่าชนิด `{0}` กับ `{1}` ไม่ได้")),
    "E307": (("a `{}` cannot be in a `{}`", "ค่าชนิด `{0}` อยู่ใน `{1}` ไม่ได้"),
             ("a `{}` cannot include a `{}`", "`{0}` บรรจุ `{1}` ไม่ได้")),
    "E308": (("`includes` needs a set of enum values on its left, found `{}`",
              "`includes` ต้องมีเซตของค่า enum อยู่ทางซ้าย แต่พบ `{0}`"),),
    "E309": (("`subset of` needs two sets of the same enum, found `{}` and `{}`",
              "`subset of` ต้องใช้เซตของ enum เดียวกันสองเซต แต่พบ `{0}` และ `{1}`"),),
    "E310": (("`-` needs a number, found `{}`", "`-` ต้องใช้ตัวเลข แต่พบ `{0}`"),
             ("`{}` needs two numbers, found `{}` and `{}`",
              "`{0}` ต้องใช้ตัวเลขสองตัว แต่พบ `{1}` และ `{2}`")),
    "E311": (("{} needs a list of records, found `{}`", "{0} ต้องใช้รายการของระเบียน แต่พบ `{1}`"),),
    "E312": (("`size` needs a set or a list, found `{}`",
              "`size` ต้องใช้เซตหรือรายการ แต่พบ `{0}`"),),
    "E313": (("`chosen` must be an option of `{}`, found `{}`",
              "`chosen` ต้องเป็นทางเลือกของ `{0}` แต่พบ `{1}`"),),
    "E314": (("cannot tell which enum this set belongs to", "ไม่สามารถระบุได้ว่าเซตนี้เป็นของ enum ใด"),
             ("cannot tell which enum `{}` belongs to", "ไม่สามารถระบุได้ว่า `{0}` เป็นของ enum ใด")),
    "E315": (("cannot tell the type of the empty set `{}`",
              "ไม่สามารถระบุชนิดของเซตว่าง `{0}` ได้"),),
    "E316": (("definition `{}` is a `{}`", "นิยาม `{0}` มีชนิดเป็น `{1}`"),),
    # -- facts files (E4xx)
    "E400": (("cannot evaluate facts of type `{}`", "ประเมินข้อเท็จจริงชนิด `{0}` ไม่ได้"),
             ("{} more errors not shown", "ยังมีข้อผิดพลาดอีก {0} รายการที่ไม่ได้แสดง"),
             ("{} more error not shown", "ยังมีข้อผิดพลาดอีก {0} รายการที่ไม่ได้แสดง")),
    "E401": (("unsupported facts file suffix: {}", "ไม่รองรับนามสกุลไฟล์ข้อเท็จจริง: {0}"),
             ("cannot read `{}`: {}", "อ่าน `{0}` ไม่ได้: {1}")),
    "E402": (("facts file `{}` does not exist", "ไม่พบไฟล์ข้อเท็จจริง `{0}`"),
             ("facts file `{}` is a directory", "ไฟล์ข้อเท็จจริง `{0}` เป็นโฟลเดอร์"),
             ("facts file `{}` is not a regular file", "ไฟล์ข้อเท็จจริง `{0}` ไม่ใช่ไฟล์ปกติ"),
             ("cannot read facts file `{}`: {}", "อ่านไฟล์ข้อเท็จจริง `{0}` ไม่ได้: {1}")),
    "E403": (("facts file `{}` is larger than {} MiB",
              "ไฟล์ข้อเท็จจริง `{0}` มีขนาดเกิน {1} MiB"),),
    "E404": (("facts file contains a NUL byte at offset {}",
              "ไฟล์ข้อเท็จจริงมีไบต์ NUL ที่ตำแหน่ง {0}"),
             ("facts file is not valid UTF-8: byte `{}` at offset {}",
              "ไฟล์ข้อเท็จจริงไม่ได้เข้ารหัสเป็น UTF-8 ที่ถูกต้อง: ไบต์ `{0}` ที่ตำแหน่ง {1}")),
    "E405": (("facts file is empty", "ไฟล์ข้อเท็จจริงว่างเปล่า"),),
    "E406": (("facts file holds more than one YAML document",
              "ไฟล์ข้อเท็จจริงมีเอกสาร YAML มากกว่าหนึ่งเอกสาร"),
             ("a mapping key must be a plain value, not a list or mapping",
              "คีย์ของ mapping ต้องเป็นค่าธรรมดา ไม่ใช่รายการหรือ mapping"),
             ("invalid JSON: {}", "JSON ไม่ถูกต้อง: {0}"),
             ("invalid TOML: {}", "TOML ไม่ถูกต้อง: {0}"),
             ("invalid YAML: {}", "YAML ไม่ถูกต้อง: {0}")),
    "E407": (("anchors (`{}`) are not allowed in facts files",
              "ไม่อนุญาตให้ใช้แองเคอร์ (`{0}`) ในไฟล์ข้อเท็จจริง"),
             ("aliases (`{}`) are not allowed in facts files",
              "ไม่อนุญาตให้ใช้เอเลียส (`{0}`) ในไฟล์ข้อเท็จจริง")),
    "E408": (("tag `{}` is not allowed in facts files", "ไม่อนุญาตให้ใช้แท็ก `{0}` ในไฟล์ข้อเท็จจริง"),
             ("invalid `{}` value {}", "ค่า {1} ไม่ใช่ค่า `{0}` ที่ถูกต้อง")),
    "E409": (("duplicate key `{}`: `{}` and `{}` are one name",
              "คีย์ `{0}` ซ้ำ: `{1}` กับ `{2}` เป็นชื่อเดียวกัน"),
             ("duplicate key `{}`", "คีย์ `{0}` ซ้ำ"),
             ("duplicate key: {}", "คีย์ซ้ำ: {0}"),
             ("invalid `as_of` date: {}", "วันที่ `as_of` ไม่ถูกต้อง: {0}"),
             ("`as_of` date in doubt: `{}` is read as C.E. (the year {} C.E.) but looks like a "
              "B.E. date", "วันที่ `as_of` น่าสงสัย: `{0}` ถูกอ่านเป็น ค.ศ. (ปี ค.ศ. {1}) "
              "แต่ดูเหมือนเป็นวันที่แบบ พ.ศ."),
             ("`as_of` date in doubt: `{}` is in the year {} C.E.",
              "วันที่ `as_of` น่าสงสัย: `{0}` อยู่ในปี ค.ศ. {1}")),
    "E410": (("facts file is nested too deeply", "ไฟล์ข้อเท็จจริงซ้อนกันลึกเกินไป"),
             ("facts file is nested too deeply (more than {} levels)",
              "ไฟล์ข้อเท็จจริงซ้อนกันลึกเกินไป (เกิน {0} ชั้น)")),
    "E411": (("expected a mapping at `{}`, found {}", "ที่ `{0}` ควรเป็น mapping แต่พบ {1}"),
             ("expected a mapping at the top level of the facts file, found {}",
              "ระดับบนสุดของไฟล์ข้อเท็จจริงควรเป็น mapping แต่พบ {0}")),
    "E412": (("expected {} at `{}`, found {}", "ที่ `{1}` ควรเป็น {0} แต่พบ {2}"),),
    "E413": (("expected {} at `{}`, found unknown value {}",
              "ที่ `{1}` ควรเป็น {0} แต่พบค่าที่ไม่รู้จัก {2}"),),
    "E414": (("integer out of range at `{}`: expected {}, found {}",
              "จำนวนเต็มที่ `{0}` อยู่นอกช่วงที่รับได้: ควรเป็น {1} แต่พบ {2}"),
             ("number out of range at `{}`: expected {}, found {}",
              "ตัวเลขที่ `{0}` อยู่นอกช่วงที่รับได้: ควรเป็น {1} แต่พบ {2}"),
             ("integer out of range at `{}`: a number has more than 4300 digits",
              "จำนวนเต็มที่ `{0}` อยู่นอกช่วงที่รับได้: ตัวเลขยาวเกิน 4300 หลัก"),
             ("integer out of range: a number has more than 4300 digits",
              "จำนวนเต็มอยู่นอกช่วงที่รับได้: ตัวเลขยาวเกิน 4300 หลัก")),
    "E415": (("not a finite number at `{}`: expected {}, found {}",
              "ค่าที่ `{0}` ไม่ใช่ตัวเลขที่มีค่าจำกัด: ควรเป็น {1} แต่พบ {2}"),),
    "E416": (("invalid date at `{}`: expected date, found {}",
              "วันที่ที่ `{0}` ไม่ถูกต้อง: ควรเป็นวันที่ แต่พบ {1}"),),
    "E417": (("ambiguous number `{}`: YAML 1.1 reads it as {} (octal)",
              "ตัวเลข `{0}` กำกวม: YAML 1.1 อ่านเป็น {1} (เลขฐานแปด)"),
             ("ambiguous number `{}`: YAML 1.1 reads it as {} (base 60)",
              "ตัวเลข `{0}` กำกวม: YAML 1.1 อ่านเป็น {1} (เลขฐานหกสิบ)"),
             ("ambiguous boolean `{}`: YAML 1.1 reads it as {}, YAML 1.2 as a text",
              "ค่าตรรกะ `{0}` กำกวม: YAML 1.1 อ่านเป็น {1} แต่ YAML 1.2 อ่านเป็นข้อความ")),
    # -- record streams (stream.py: JSON Lines, CSV, Parquet)
    "E420": (("cannot tell the format of `{}`", "ไม่สามารถระบุรูปแบบของ `{0}` ได้"),),
    "E421": (("`{}` is not valid UTF-8 (byte offset {} of a read block)",
              "`{0}` ไม่ได้เข้ารหัสเป็น UTF-8 ที่ถูกต้อง (ไบต์ที่ตำแหน่ง {1} ของบล็อกที่อ่าน)"),
             ("`{}` is not a readable CSV file: {}", "`{0}` ไม่ใช่ไฟล์ CSV ที่อ่านได้: {1}"),
             ("line {} is not valid JSON: {}", "บรรทัด {0} ไม่ใช่ JSON ที่ถูกต้อง: {1}"),
             ("line {} cannot be read: {}", "อ่านบรรทัด {0} ไม่ได้: {1}"),
             ("line {} is not a JSON object", "บรรทัด {0} ไม่ใช่ออบเจกต์ JSON")),
    "E422": (("row {} has more cells than the header has columns",
              "แถว {0} มีจำนวนเซลล์มากกว่าจำนวนคอลัมน์ของแถวหัวตาราง"),
             ("row {} has fewer cells than the header has columns",
              "แถว {0} มีจำนวนเซลล์น้อยกว่าจำนวนคอลัมน์ของแถวหัวตาราง"),
             ("column `{}` repeats or overlaps another column of the header",
              "คอลัมน์ `{0}` ซ้ำหรือทับซ้อนกับคอลัมน์อื่นของแถวหัวตาราง"),
             ("reading Parquet needs pyarrow, which is not installed",
              "การอ่านไฟล์ Parquet ต้องใช้แพ็กเกจ pyarrow ซึ่งยังไม่ได้ติดตั้ง")),
    # -- warnings
    "W201": (("fact `{}` is never used", "ไม่มีการใช้ข้อเท็จจริง `{0}`"),),
    "W202": (("enum `{}` is never used", "ไม่มีการใช้ enum `{0}`"),),
    "W203": (("date `{}` is in the year {} C.E.", "วันที่ `{0}` อยู่ในปี ค.ศ. {1}"),),
    "W204": (("date `{}` is in the year {} C.E.", "วันที่ `{0}` อยู่ในปี ค.ศ. {1}"),),
    "W206": (("measure `{}` has methods, but its `require` does not use them",
              "มาตรการ `{0}` มีวิธีการ แต่ `require` ของมาตรการไม่ได้ใช้วิธีการเหล่านั้น"),),
    "W205": (("ambiguity `{}` is not of the form `A<number>`",
              "ความกำกวม `{0}` ไม่อยู่ในรูปแบบ `A<number>`"),),
    "W400": (("{} more warnings not shown", "ยังมีคำเตือนอีก {0} รายการที่ไม่ได้แสดง"),
             ("{} more warning not shown", "ยังมีคำเตือนอีก {0} รายการที่ไม่ได้แสดง")),
    "W405": (("`{}` is read as C.E. (the year {} C.E.) but looks like a B.E. date",
              "`{0}` ถูกอ่านเป็น ค.ศ. (ปี ค.ศ. {1}) แต่ดูเหมือนเป็นวันที่แบบ พ.ศ."),
             ("`{}` is in the year {} C.E.", "`{0}` อยู่ในปี ค.ศ. {1}")),
    "W401": (("undeclared key `{}` is ignored", "คีย์ `{0}` ไม่ได้ประกาศไว้ จึงไม่นำมาใช้"),
             ("undeclared field of {} `{}` is ignored",
              "ฟิลด์ `{1}` ไม่ได้ประกาศไว้ในระเบียน `{0}` จึงไม่นำมาใช้")),
    "W402": (("duplicate value {} in `{}`", "ค่า {0} ซ้ำใน `{1}`"),),
    "W403": (("null element in `{}` makes the fact unknown",
              "ค่า null ใน `{0}` ทำให้ข้อเท็จจริงนี้ไม่ทราบค่า"),),
    "W406": (("subjects {} of decision `{}` share the label `{}`",
              "สิ่งที่พิจารณา {0} ของการตัดสินใจ `{1}` ใช้ป้ายชื่อ `{2}` ร่วมกัน"),),
    "W404": (("date `{}` at `{}` is read as C.E. but looks like a B.E. date",
              "วันที่ `{0}` ที่ `{1}` ถูกอ่านเป็น ค.ศ. แต่ดูเหมือนเป็นปี พ.ศ."),
             ("date at `{}`: `{}` is in the year {} C.E.",
              "วันที่ที่ `{0}`: `{1}` อยู่ในปี ค.ศ. {2}")),
    # -- consistency analysis (E5xx, W5xx)
    "E501": (("rules `{}` and `{}` of decision `{}` conflict on option {}",
              "กฎ `{0}` และ `{1}` ของการตัดสินใจ `{2}` ขัดกันที่ทางเลือก {3}"),),
    "W502": (("{} can never apply", "{0} ไม่มีทางใช้บังคับได้"),),
    "W503": (("the exception of {} always applies", "เข้าข้อยกเว้นของ{0} เสมอ"),),
    "W504": (("this exception of {} can never apply", "ไม่มีทางเข้าข้อยกเว้นนี้ของ{0}"),),
    "W505": (("rule `{}` of decision `{}` is shadowed",
              "กฎ `{0}` ของการตัดสินใจ `{1}` ถูกบดบัง"),),
    "W506": (("fact `{}` is never set by a policy test",
              "ไม่มีการทดสอบนโยบายใดกำหนดค่าข้อเท็จจริง `{0}`"),),
    "W507": (("consistency of {} not proven", "ยังพิสูจน์ความสอดคล้องของ{0} ไม่ได้"),),
    # -- policy tests (E60x, testing.py)
    "E601": (("cannot read `{}`: {}", "อ่าน `{0}` ไม่ได้: {1}"),
             ("test file is not valid UTF-8", "ไฟล์ทดสอบไม่ได้เข้ารหัสเป็น UTF-8 ที่ถูกต้อง"),
             ("test file is not valid YAML: {}", "ไฟล์ทดสอบเป็น YAML ที่ไม่ถูกต้อง: {0}")),
    "E602": (("a test file is a mapping with a `tests` list",
              "ไฟล์ทดสอบต้องเป็น mapping ที่มีรายการ `tests`"),
             # the longer forms first: `unknown field `{}`` would match them too
             ("unknown field `{}` in the expectation of `{}`",
              "ไม่รู้จักฟิลด์ `{0}` ในผลที่คาดหวังของ `{1}`"),
             ("unknown field `{}` in a test", "ไม่รู้จักฟิลด์ `{0}` ในการทดสอบ"),
             ("unknown field `{}`", "ไม่รู้จักฟิลด์ `{0}`"),
             ("test {} is not a mapping", "การทดสอบที่ {0} ไม่ใช่ mapping"),
             ("test {} has no `name`", "การทดสอบที่ {0} ไม่มี `name`"),
             ("test `{}` needs exactly one of `facts` and `facts_file`",
              "การทดสอบ `{0}` ต้องมี `facts` หรือ `facts_file` อย่างใดอย่างหนึ่งเท่านั้น"),
             ("`facts` of test `{}` is not a mapping", "`facts` ของการทดสอบ `{0}` ไม่ใช่ mapping"),
             ("`facts_file` of test `{}` is not a file name",
              "`facts_file` ของการทดสอบ `{0}` ไม่ใช่ชื่อไฟล์"),
             ("test `{}` has no `as_of` date", "การทดสอบ `{0}` ไม่มีวันที่ `as_of`"),
             ("test `{}` has no `expect` mapping", "การทดสอบ `{0}` ไม่มี mapping `expect`"),
             ("the expectation of `{}` is neither a status nor a mapping",
              "ผลที่คาดหวังของ `{0}` ไม่ใช่ทั้งสถานะและ mapping"),
             ("`missing` of `{}` is not a list", "`missing` ของ `{0}` ไม่ใช่รายการ"),
             ("`options` of `{}` is not a mapping", "`options` ของ `{0}` ไม่ใช่ mapping"),
             ("`{}` is not a decision and has no options",
              "`{0}` ไม่ใช่การตัดสินใจ จึงไม่มีทางเลือก")),
    "E603": (("no rule `{}` in the policy set", "ไม่มีกฎ `{0}` ในชุดนโยบาย"),),
    "E604": (("unknown status `{}`", "ไม่รู้จักสถานะ `{0}`"),
             ("unknown finding `{}`", "ไม่รู้จักข้อค้นพบ `{0}`"),
             ("unknown basis `{}`", "ไม่รู้จักฐานของผลการพิจารณา `{0}`"),
             ("unknown option outcome `{}`", "ไม่รู้จักผลของทางเลือก `{0}`"),
             ("decision `{}` has no option `{}`", "การตัดสินใจ `{0}` ไม่มีทางเลือก `{1}`")),
    "E606": (("no policy files under {}", "ไม่มีไฟล์นโยบายภายใต้ {0}"),
             ("no `*.test.yaml` files under {}", "ไม่มีไฟล์ `*.test.yaml` ภายใต้ {0}")),
    # -- `govrules explain` (E62x, explain.py)
    "E620": (("no rule `{}` in the policy set", "ไม่มีกฎ `{0}` ในชุดนโยบาย"),),
    "E621": (("no verdict `{}` for these facts", "ไม่มีผลการพิจารณา `{0}` สำหรับข้อเท็จจริงชุดนี้"),),
    # -- decision logs (E70x, decision_log.py)
    "E701": (("line {} of the decision log is not JSON: {}",
              "บรรทัด {0} ของบันทึกการตัดสินใจไม่ใช่ JSON: {1}"),
             ("line {} of the decision log repeats the key `{}`",
              "บรรทัด {0} ของบันทึกการตัดสินใจมีคีย์ `{1}` ซ้ำ"),
             ("line {} of the decision log cannot be read",
              "อ่านบรรทัด {0} ของบันทึกการตัดสินใจไม่ได้"),
             ("line {} of the decision log is not a JSON object",
              "บรรทัด {0} ของบันทึกการตัดสินใจไม่ใช่ออบเจกต์ JSON")),
    "E702": (("field `{}` of line {} is missing", "บรรทัด {1} ไม่มีฟิลด์ `{0}`"),
             ("field `{}` of line {} is not a string", "ฟิลด์ `{0}` ของบรรทัด {1} ไม่ใช่สตริง"),
             ("field `{}` of line {} is not an object",
              "ฟิลด์ `{0}` ของบรรทัด {1} ไม่ใช่ออบเจกต์"),
             ("line {} has log version `{}`, expected `{}`",
              "บรรทัด {0} มีรุ่นของรูปแบบบันทึกเป็น `{1}` แต่ควรเป็น `{2}`"),
             ("line {} cannot be evaluated again: {}", "ประเมินบรรทัด {0} ซ้ำไม่ได้: {1}")),
    "E703": (("cannot load the policies at `{}`: {}", "โหลดนโยบายที่ `{0}` ไม่ได้: {1}"),
             ("cannot load the policies at `{}`", "โหลดนโยบายที่ `{0}` ไม่ได้"),
             ("the policy set at `{}` (sha256 `{}…`) is not the one line {} was evaluated "
              "against (sha256 `{}…`)",
              "ชุดนโยบายที่ `{0}` (sha256 `{1}…`) ไม่ใช่ชุดนโยบายที่ใช้ประเมินบรรทัด {2} "
              "(sha256 `{3}…`)")),
    "E704": (("cannot read decision log `{}`: {}", "อ่านบันทึกการตัดสินใจ `{0}` ไม่ได้: {1}"),
             ("decision log `{}` holds no entries", "บันทึกการตัดสินใจ `{0}` ไม่มีรายการใดเลย")),
}
"""Message templates per code: (English, Thai)."""

PHRASES: tuple[tuple[str, str], ...] = (
    # what a message is about (checker.py and analysis.py); the longer forms come first
    ("method {} of measure `{}`", "วิธีการ {0} ของมาตรการ `{1}`"),
    ("option `{}` of decision `{}`", "ทางเลือก `{0}` ของการตัดสินใจ `{1}`"),
    ("rule `{}` of decision `{}`", "กฎ `{0}` ของการตัดสินใจ `{1}`"),
    ("measure `{}`", "มาตรการ `{0}`"),
    ("method `{}`", "วิธีการ `{0}`"),
    ("decision `{}`", "การตัดสินใจ `{0}`"),
    ("option `{}`", "ทางเลือก `{0}`"),
    ("rule `{}`", "กฎ `{0}`"),
    ("item `{}`", "รายการ `{0}`"),
    ("the body of `{}`", "ส่วนเนื้อหาของ `{0}`"),
    # what the analysis checked (W502-W505), and why it proved nothing (W507)
    ("checked all {} combinations of the values of {}",
     "ตรวจครบทั้ง {0} กรณีของค่าที่เป็นไปได้ของ {1}"),
    ("{} combinations of the values of {} exceed the limit of {}",
     "ค่าที่เป็นไปได้ของ {1} มี {0} กรณี เกินขีดจำกัด {2} กรณี"),
    ("its subjects are not a list fact", "สิ่งที่พิจารณาไม่ได้มาจากข้อเท็จจริงชนิดรายการ"),
    ("the engine did not confirm a conflict between rules `{}` and `{}` found by the analysis",
     "เครื่องประเมินไม่ยืนยันการขัดกันระหว่างกฎ `{0}` และ `{1}` ที่การวิเคราะห์พบ"),
    ("`{}` reads a whole record or a nested field", "`{0}` อ่านทั้งระเบียนหรืออ่านฟิลด์ที่ซ้อนอยู่"),
    ("`{}` is not a field", "`{0}` ไม่ใช่ฟิลด์"),
    ("a quantifier ranges over something other than a list fact",
     "ตัวบ่งปริมาณไล่ไปบนสิ่งที่ไม่ใช่ข้อเท็จจริงชนิดรายการ"),
    ("as_of: {}", "`as_of`: {0}"),
    ("field `{}`: {}", "ฟิลด์ `{0}`: {1}"),
    ("set of {} values: {}", "เซตของค่า {0} ค่า: {1}"),
    ("`{}`: {}", "`{0}`: {1}"),
    ("lists of up to {} records of {} kinds are too many",
     "รายการที่มีได้ถึง {0} ระเบียนจากระเบียน {1} แบบมีจำนวนมากเกินไป"),
    ("values of type `{}` are not enumerated", "ไม่ได้ไล่ค่าทุกค่าของชนิด `{0}`"),
    ("it is used in arithmetic or `size`", "ถูกใช้ในการคำนวณหรือใน `size`"),
    ("it is compared through a definition or a computation",
     "ถูกเปรียบเทียบผ่านนิยามหรือการคำนวณ"),
    ("it is compared with another fact", "ถูกเปรียบเทียบกับข้อเท็จจริงอื่น"),
    ("it is compared with a computed value", "ถูกเปรียบเทียบกับค่าที่คำนวณได้"),
    ("it is used as a whole list", "ถูกใช้ทั้งรายการ"),
    ("`{}` is used as a whole list", "`{0}` ถูกใช้ทั้งรายการ"),
    ("quantifiers over `{}` are nested", "ตัวบ่งปริมาณบน `{0}` ซ้อนกัน"),
    ("rules quantify over `{}`, the list of subjects",
     "กฎใช้ตัวบ่งปริมาณบน `{0}` ซึ่งเป็นรายการของสิ่งที่พิจารณา"),
    ("`count` over `{}`", "`count` บน `{0}`"),
    # what a facts file holds instead of what was expected (facts.py, E411-E416). A type name
    # and the value (`int `5``, `text `"x"``, `bool `true``) are kept as they are.
    ("int `{}` ({} digits)", "int `{0}` ({1} หลัก)"),
    ("decimal `{}` ({} digits)", "decimal `{0}` ({1} หลัก)"),
    ("an integer of about {} digits", "จำนวนเต็มยาวประมาณ {0} หลัก"),
    ("datetime `{}`", "วันที่และเวลา `{0}`"),
    ("time `{}`", "เวลา `{0}`"),
    ("a mapping", "mapping"),
    ("a list of {} items", "รายการที่มี {0} ค่า"),
    ("a list of {} item", "รายการที่มี {0} ค่า"),
    ("a value of type `{}`", "ค่าชนิด `{0}`"),
    ("no suffix", "ไม่มีนามสกุล"),
    # why a date is no date (dates.py, and Python's own reasons for an impossible date)
    ("`{}` is not a date of the form YYYY-MM-DD [BE|CE]",
     "`{0}` ไม่ใช่วันที่ในรูปแบบ `YYYY-MM-DD [BE|CE]`"),
    ("`{}` is not a valid date: {}", "`{0}` ไม่ใช่วันที่ที่ถูกต้อง: {1}"),
    ("day is out of range for month", "วันเกินจำนวนวันของเดือน"),
    ("month must be in 1..12", "เดือนต้องอยู่ระหว่าง 1 ถึง 12"),
    ("year {} is out of range", "ปี {0} อยู่นอกช่วงที่รองรับ"),
    # why a line of a stream or a test file cannot be read (stream.py E421, testing.py E601)
    ("duplicate key `{}`", "คีย์ `{0}` ซ้ำ"),
    ("aliases are not allowed in test files", "ไม่อนุญาตให้ใช้เอเลียสในไฟล์ทดสอบ"),
    ("invalid YAML", "YAML ไม่ถูกต้อง"),
)
"""Templates of the noun phrases and reasons the code builds into messages and hints:
(English, Thai). A piece of a message or hint that is not in backticks, and that a phrase
template matches as a whole, is translated too (its own pieces in turn)."""

HINTS: tuple[tuple[str, str], ...] = (
    ("a policy file holds at least one declaration, such as `fact` or `measure`",
     "ไฟล์นโยบายต้องมีการประกาศอย่างน้อยหนึ่งรายการ เช่น `fact` หรือ `measure`"),
    ("this looks like a binary file, or text saved as UTF-16; save it as UTF-8",
     "ดูเหมือนเป็นไฟล์ไบนารีหรือข้อความที่บันทึกเป็น UTF-16 ให้บันทึกเป็น UTF-8"),
    ("save the file as UTF-8 (convert Thai text saved as TIS-620 or Windows-874)",
     "บันทึกไฟล์เป็น UTF-8 (แปลงข้อความภาษาไทยที่บันทึกเป็น TIS-620 หรือ Windows-874)"),
    ("policy files end in `.pol`", "ไฟล์นโยบายมีนามสกุล `.pol`"),
    ("texts are written in double quotes: \"...\"", "ข้อความต้องอยู่ในเครื่องหมายคำพูดคู่: \"...\""),
    ("a text must end with `\"` on the same line", "ข้อความต้องปิดด้วย `\"` ในบรรทัดเดียวกัน"),
    ("a `\"` inside a text is written `\\\"`", "เครื่องหมาย `\"` ภายในข้อความให้เขียนเป็น `\\\"`"),
    ("the text before it ends at that `\"`", "ข้อความก่อนหน้าจบที่ `\"` นั้น"),
    ("texts are written in straight double quotes: \"...\"",
     "ข้อความต้องอยู่ในเครื่องหมายคำพูดคู่แบบตรง: \"...\""),
    ("the escapes are `\\\"`, `\\\\`, `\\n` and `\\t`",
     "ลำดับหลีกที่ใช้ได้คือ `\\\"`, `\\\\`, `\\n` และ `\\t`"),
    ("write a backslash as `\\\\`", "ให้เขียนเครื่องหมายทับกลับเป็น `\\\\`"),
    ("write `{}`, or quote it (`{}`) if it is a text",
     "ให้เขียน `{0}` หรือใส่เครื่องหมายคำพูด (`{1}`) หากเป็นข้อความ"),
    ("its verdict follows the condition alone while its methods are judged apart; write "
     "`require all methods` (or `any`) if the methods are how the measure is met",
     "ผลของมาตรการขึ้นกับเงื่อนไขเท่านั้น ส่วนวิธีการพิจารณาแยกต่างหาก ให้เขียน "
     "`require all methods` (หรือ `any`) หากวิธีการเป็นทางปฏิบัติตามมาตรการ"),
    ("YAML does not allow tabs for indentation: indent with spaces",
     "YAML ไม่อนุญาตให้ใช้แท็บในการย่อหน้า: ให้ย่อหน้าด้วยช่องว่าง"),
    ("`{}` is not a decision: its one verdict is `{}`",
     "`{0}` ไม่ใช่การตัดสินใจ: มีผลการพิจารณาเดียวคือ `{1}`"),
    ("give a .pol file or a folder of them", "ให้ระบุไฟล์ .pol หรือโฟลเดอร์ที่มีไฟล์ดังกล่าว"),
    ("give each an `id` of its own: reports name subjects by it",
     "ให้แต่ละรายการมี `id` ของตนเอง: รายงานเรียกสิ่งที่พิจารณาด้วย `id` นี้"),
    ("write `and`", "ให้เขียน `and`"),
    ("write `or`", "ให้เขียน `or`"),
    ("write `not`", "ให้เขียน `not`"),
    ("`!=` is the only comparison with `!`", "`!=` เป็นการเปรียบเทียบเดียวที่ใช้ `!`"),
    ("clauses end without `;`: remove it", "ข้อความสั่งไม่ต้องลงท้ายด้วย `;`: ให้ลบออก"),
    ("the `{}` at line {}, column {} is not closed before this `{}`",
     "`{0}` ที่บรรทัด {1} คอลัมน์ {2} ยังไม่ได้ปิดก่อน `{3}` นี้"),
    ("the `{}` at line {}, column {} is not closed",
     "`{0}` ที่บรรทัด {1} คอลัมน์ {2} ยังไม่ได้ปิด"),
    ("split the condition into named `define`s", "แยกเงื่อนไขออกเป็น `define` ที่มีชื่อ"),
    ("give each language once", "ระบุแต่ละภาษาเพียงครั้งเดียว"),
    ("keep one and delete the others", "เก็บไว้หนึ่งรายการและลบรายการอื่น"),
    ("combine the conditions with `and` or `or`", "รวมเงื่อนไขด้วย `and` หรือ `or`"),
    ("`until {}` is earlier than `from {}`", "`until {0}` มาก่อน `from {1}`"),
    ("numbers have at most 18 digits", "ตัวเลขมีได้ไม่เกิน 18 หลัก"),
    ("numbers have at most 40 characters", "ตัวเลขยาวได้ไม่เกิน 40 อักขระ"),
    ("a variable is a plain name without dots, such as `p`",
     "ตัวแปรเป็นชื่อธรรมดาที่ไม่มีจุด เช่น `p`"),
    # the longer forms first: `did you mean `{}`?` would match them too
    ("did you mean `{}` or `{}` or `{}`?", "หมายถึง `{0}`, `{1}` หรือ `{2}` หรือไม่"),
    ("did you mean `{}` or `{}`?", "หมายถึง `{0}` หรือ `{1}` หรือไม่"),
    ("did you mean `{}` (C.E.)?", "หมายถึง `{0}` (ค.ศ.) หรือไม่"),
    ("`{}` is read as C.E. (the year {} C.E.) but looks like a B.E. date: write `{}` if the year "
     "is Buddhist Era", "`{0}` ถูกอ่านเป็น ค.ศ. (ปี ค.ศ. {1}) แต่ดูเหมือนเป็นวันที่แบบ พ.ศ.: "
     "เขียน `{2}` หากเป็นปีพุทธศักราช"),
    ("`{}` is in the year {} C.E.: did you mean `{}` (C.E.)?",
     "`{0}` อยู่ในปี ค.ศ. {1}: หมายถึง `{2}` (ค.ศ.) หรือไม่"),
    ("write `{}` if the year is Buddhist Era, or `{}` if the year is C.E.",
     "เขียน `{0}` หากเป็นปีพุทธศักราช หรือ `{1}` หากเป็นปีคริสต์ศักราช"),
    ("write `{}` if the year is Buddhist Era", "เขียน `{0}` หากเป็นปีพุทธศักราช"),
    ("did you mean `{}`? the values of `{}` are {}",
     "หมายถึง `{0}` หรือไม่ ค่าของ `{1}` ได้แก่ {2}"),
    ("did you mean `{}`?", "หมายถึง `{0}` หรือไม่"),
    ("write dates as `YYYY-MM-DD`", "เขียนวันที่ในรูปแบบ `YYYY-MM-DD`"),
    ("named by {} of test `{}` at {}", "ระบุโดย {0} ของการทดสอบ `{1}` ที่ {2}"),
    ("write the path of a facts file, relative to the test file",
     "เขียนเส้นทางของไฟล์ข้อเท็จจริง โดยนับจากที่อยู่ของไฟล์ทดสอบ"),
    ("write `{}` for the decimal number, or quote it (`{}`) if it is a text such as a code",
     "เขียน `{0}` หากหมายถึงเลขฐานสิบ หรือใส่เครื่องหมายคำพูด (`{1}`) หากเป็นข้อความ เช่น รหัส"),
    ("quote it (`{}`) if it is a text such as a time, or write the number itself",
     "ใส่เครื่องหมายคำพูด (`{0}`) หากเป็นข้อความ เช่น เวลา หรือเขียนตัวเลขนั้นโดยตรง"),
    ("write `true` or `false`", "เขียน `true` หรือ `false`"),
    ("delete one of them", "ลบรายการใดรายการหนึ่ง"),
    ("give the record the fields it needs directly", "ใส่ฟิลด์ที่ต้องการลงในระเบียนโดยตรง"),
    ("a record cannot contain itself, directly or through other records",
     "ระเบียนบรรจุตัวเองไม่ได้ ทั้งโดยตรงและผ่านระเบียนอื่น"),
    ("use it in a condition, or delete the declaration", "ใช้ในเงื่อนไข หรือลบการประกาศนี้"),
    ("choose another name for the inner variable", "ตั้งชื่ออื่นให้ตัวแปรด้านใน"),
    ("say when the method is met: `require CONDITION`",
     "ระบุว่าวิธีการนี้บรรลุเมื่อใด: `require CONDITION`"),
    ("add `require CONDITION`, or methods with their own `require`",
     "เพิ่ม `require CONDITION` หรือเพิ่มวิธีการที่มี `require` ของตัวเอง"),
    ("write `require CONDITION` instead", "เขียน `require CONDITION` แทน"),
    ("a file belongs to one policy; put other policies in other files",
     "ไฟล์หนึ่งเป็นของนโยบายเดียว ให้แยกนโยบายอื่นไว้ในไฟล์อื่น"),
    ("list its values in the braces: `enum NAME { a b c }`",
     "ระบุค่าในวงเล็บปีกกา: `enum NAME {{ a b c }}`"),
    ("declare its fields in the braces: `record NAME { kind : text }`",
     "ประกาศฟิลด์ในวงเล็บปีกกา: `record NAME {{ kind : text }}`"),
    ("arithmetic works on `int` and `decimal` values",
     "การคำนวณใช้ได้กับค่าชนิด `int` และ `decimal`"),
    ("it is first declared at {}", "ประกาศครั้งแรกที่ {0}"),
    ("it is first used at {}", "ใช้ครั้งแรกที่ {0}"),
    ("give each language once per status; join the sentences",
     "ให้ระบุแต่ละภาษาครั้งเดียวต่อหนึ่งสถานะ โดยรวมประโยคเข้าด้วยกัน"),
    ("a method's verdict is named after its measure (the method is at {}); give this one "
     "another id", "ผลการพิจารณาของวิธีการตั้งชื่อตามมาตรการของวิธีการนั้น (วิธีการอยู่ที่ {0}) "
     "จึงต้องตั้งรหัสอื่นให้สิ่งนี้"),
    ("it is first given at {}", "ระบุครั้งแรกที่ {0}"),
    ("an empty facts file is almost always a mistake", "ไฟล์ข้อเท็จจริงที่ว่างเปล่ามักเกิดจากความผิดพลาด"),
    ("the file holds only comments or `null`", "ไฟล์มีเพียงหมายเหตุหรือ `null`"),
    ("a facts file maps names such as `agency` to values",
     "ไฟล์ข้อเท็จจริงจับคู่ชื่อ เช่น `agency` กับค่า"),
    ("a date fact takes a day, not a time", "ข้อเท็จจริงชนิดวันที่รับค่าเป็นวัน ไม่ใช่เวลา"),
    ("a set holds each value once; the repeat is ignored",
     "เซตเก็บค่าแต่ละค่าเพียงครั้งเดียว ค่าที่ซ้ำจะถูกละไว้"),
    ("remove the null, or leave out the whole fact if it is not known",
     "ลบค่า null ออก หรือละข้อเท็จจริงทั้งรายการหากยังไม่ทราบ"),
    # -- facts files (E400-E416, W401-W404)
    ("pass a facts file path, a mapping or a `Facts` object",
     "ส่งเส้นทางของไฟล์ข้อเท็จจริง mapping หรือออบเจกต์ `Facts`"),
    ("facts files end in {}", "ไฟล์ข้อเท็จจริงต้องมีนามสกุล {0}"),
    ("name a file inside it", "ระบุไฟล์ที่อยู่ในโฟลเดอร์นั้น"),
    ("the file looks like UTF-16; save it as UTF-8",
     "ไฟล์นี้ดูเหมือนบันทึกเป็น UTF-16 ให้บันทึกเป็น UTF-8"),
    ("facts files are text; is this a binary file?",
     "ไฟล์ข้อเท็จจริงต้องเป็นไฟล์ข้อความ ไฟล์นี้เป็นไฟล์ไบนารีหรือไม่"),
    ("save the file as UTF-8 (Thai text saved as TIS-620 or Windows-874 is a common cause)",
     "บันทึกไฟล์เป็น UTF-8 (สาเหตุที่พบบ่อยคือข้อความภาษาไทยที่บันทึกเป็น TIS-620 หรือ Windows-874)"),
    ("a facts file is one mapping; remove the second `---`",
     "ไฟล์ข้อเท็จจริงประกอบด้วย mapping เดียว ให้ลบ `---` ตัวที่สองออก"),
    ("write the value out in full where it is needed",
     "เขียนค่าให้ครบถ้วนในทุกตำแหน่งที่ต้องใช้"),
    ("facts files hold plain values only; remove the tag",
     "ไฟล์ข้อเท็จจริงเก็บได้เฉพาะค่าธรรมดา ให้ลบแท็กออก"),
    ("keys are compared as names are, after Unicode normalisation (NFKC); say each fact once",
     "คีย์เปรียบเทียบกันแบบชื่อ คือหลังการปรับรูปแบบยูนิโคด (NFKC) ให้ระบุข้อเท็จจริงแต่ละข้อครั้งเดียว"),
    ("it was first written on line {}; say each fact once",
     "เขียนไว้ครั้งแรกที่บรรทัด {0} ให้ระบุข้อเท็จจริงแต่ละรายการเพียงครั้งเดียว"),
    ("write YYYY-MM-DD, or YYYY-MM-DD BE",
     "เขียนวันที่ในรูปแบบ `YYYY-MM-DD` หรือ `YYYY-MM-DD BE`"),
    ("`{}` holds the facts {}", "`{0}` เก็บข้อเท็จจริง {1}"),
    ("write a number such as `1250.50`", "เขียนเป็นตัวเลข เช่น `1250.50`"),
    ("put the value in quotes to make it text",
     "ใส่ค่าไว้ในเครื่องหมายคำพูดเพื่อให้เป็นข้อความ"),
    ("write a list, such as `[a, b]`", "เขียนเป็นรายการ เช่น `[a, b]`"),
    ("YAML reads unquoted `yes`, `no`, `on` and `off` as true/false; the values of `{}` are {}",
     "YAML อ่าน `yes`, `no`, `on` และ `off` ที่ไม่อยู่ในเครื่องหมายคำพูดเป็น `true`/`false` "
     "ค่าของ `{0}` ได้แก่ {1}"),
    ("the values of `{}` are {}", "ค่าของ `{0}` ได้แก่ {1}"),
    ("numbers must lie within ±{}", "ตัวเลขต้องอยู่ในช่วง ±{0}"),
    ("NaN and infinity are not allowed in facts",
     "ไม่อนุญาตให้ใช้ค่า NaN หรือค่าอนันต์ในข้อเท็จจริง"),
    ("{}; write dates as `YYYY-MM-DD`, optionally followed by `BE` or `CE`",
     "{0}; เขียนวันที่ในรูปแบบ `YYYY-MM-DD` ซึ่งอาจตามด้วย `BE` หรือ `CE`"),
    ("a dotted name is a path of nested mappings: write `{}` inside a mapping under `{}`",
     "ชื่อที่มีจุดคือเส้นทางของ mapping ที่ซ้อนกัน: เขียน `{0}` ไว้ใน mapping ภายใต้ `{1}`"),
    ("a date without an era is C.E.; write `\"{} BE\"` (quoted) if the year is Buddhist Era",
     "วันที่ที่ไม่ระบุศักราชจะถือเป็นปี ค.ศ. หากเป็นปี พ.ศ. ให้เขียน `\"{0} BE\"` "
     "(อยู่ในเครื่องหมายคำพูด)"),
    # -- record streams (E401, E420-E422)
    ("check the path", "ตรวจสอบเส้นทางของไฟล์"),
    ("name the file .jsonl, .csv or .parquet, or pass the format (`--input-format`)",
     "ตั้งชื่อไฟล์ให้มีนามสกุล `.jsonl`, `.csv` หรือ `.parquet` หรือระบุรูปแบบ (`--input-format`)"),
    ("save the file as UTF-8", "บันทึกไฟล์เป็น UTF-8"),
    ("check the quoting and the length of the fields",
     "ตรวจสอบเครื่องหมายคำพูดและความยาวของฟิลด์"),
    ("write one JSON object per line", "เขียนออบเจกต์ JSON บรรทัดละหนึ่งออบเจกต์"),
    ("write one JSON object per line, each key once",
     "เขียนออบเจกต์ JSON บรรทัดละหนึ่งออบเจกต์ และระบุแต่ละคีย์เพียงครั้งเดียว"),
    ("leave a cell empty (`,,`) for a missing fact",
     "ให้เว้นเซลล์ว่างไว้ (`,,`) สำหรับข้อเท็จจริงที่ยังไม่ทราบ"),
    ("every row has one cell per column of the header",
     "แต่ละแถวต้องมีหนึ่งเซลล์ต่อหนึ่งคอลัมน์ของแถวหัวตาราง"),
    ("give each fact one column", "ให้ข้อเท็จจริงแต่ละรายการมีคอลัมน์เดียว"),
    ("install the extra: `pip install 'govrules[parquet]'`",
     "ติดตั้งส่วนเสริม: `pip install 'govrules[parquet]'`"),
    # -- policy tests (E601-E606)
    ("start the file with `tests:` and list the tests under it",
     "ขึ้นต้นไฟล์ด้วย `tests:` แล้วระบุการทดสอบไว้ข้างใต้"),
    ("the fields are `as_of` and `tests`", "ฟิลด์ที่ใช้ได้คือ `as_of` และ `tests`"),
    ("the fields are {}", "ฟิลด์ที่ใช้ได้คือ {0}"),
    ("give `as_of:` at the top of the file or in the test",
     "ระบุ `as_of:` ที่ส่วนต้นของไฟล์หรือในการทดสอบ"),
    ("list verdict keys and their expected status under `expect:`",
     "ระบุคีย์ของผลการพิจารณาและสถานะที่คาดหวังไว้ใต้ `expect:`"),
    ("write `KEY: compliant` or `KEY: {status: compliant, missing: [...]}`",
     "เขียน `KEY: compliant` หรือ `KEY: {{status: compliant, missing: [...]}}`"),
    ("one of {}", "ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: {0}"),
    ("the options are {}", "ทางเลือกที่มีคือ {0}"),
    ("run `govrules eval` to see the verdict keys",
     "เรียกใช้ `govrules eval` เพื่อดูคีย์ของผลการพิจารณา"),
    ("give the folder of the policies the tests are for",
     "ระบุโฟลเดอร์ของนโยบายที่ต้องการทดสอบ"),
    ("policy tests are files named `NAME.test.yaml`",
     "ไฟล์ทดสอบนโยบายต้องมีชื่อในรูปแบบ `NAME.test.yaml`"),
    # -- `govrules explain` (E620, E621)
    ("run `govrules eval` to list the verdicts and their ids",
     "เรียกใช้ `govrules eval` เพื่อแสดงรายการผลการพิจารณาและรหัสของแต่ละรายการ"),
    ("its verdicts here are {}", "ผลการพิจารณาของกฎนี้สำหรับข้อเท็จจริงชุดนี้ ได้แก่ {0}"),
    ("the decision has no subject in these facts",
     "การตัดสินใจนี้ไม่มีสิ่งที่พิจารณาในข้อเท็จจริงชุดนี้"),
    # -- decision logs (E701-E704)
    ("each line must be one JSON object written by `govrules eval --log`",
     "แต่ละบรรทัดต้องเป็นออบเจกต์ JSON หนึ่งออบเจกต์ที่เขียนโดย `govrules eval --log`"),
    ("the line was not written by `govrules eval --log`, or was edited",
     "บรรทัดนี้ไม่ได้เขียนโดย `govrules eval --log` หรือถูกแก้ไขภายหลัง"),
    ("verify it with the govrules version that wrote it",
     "ตรวจสอบด้วย `govrules` รุ่นที่เขียนบรรทัดนี้"),
    ("pass `--policies PATH` with the policy set the log was written against",
     "ระบุ `--policies PATH` เป็นชุดนโยบายที่ใช้ขณะเขียนบันทึกนี้"),
    ("pass `--policies PATH` with the policy set of that time, for example a checkout of the "
     "commit that was in force",
     "ระบุ `--policies PATH` เป็นชุดนโยบายในขณะนั้น เช่น ชุดนโยบายจากคอมมิตที่มีผลใช้บังคับ"
     "อยู่ในเวลานั้น"),
    ("the recorded facts or `as_of` were edited", "ข้อเท็จจริงหรือ `as_of` ที่บันทึกไว้ถูกแก้ไข"),
    ("give the file written by `govrules eval --log`",
     "ระบุไฟล์ที่เขียนโดย `govrules eval --log`"),
    ("a file with measures or decisions starts with `policy ID { … }` or `in policy ID`",
     "ไฟล์ที่มีมาตรการหรือการตัดสินใจต้องขึ้นต้นด้วย `policy ID {{ … }}` หรือ `in policy ID`"),
    ("declare it with `fact NAME : TYPE`", "ประกาศด้วย `fact NAME : TYPE`"),
    ("declare it with `{}` or `{}`", "ประกาศด้วย `{0}` หรือ `{1}`"),
    ("declare it with `{}`", "ประกาศด้วย `{0}`"),
    ("expected {}", "คาดว่าจะพบ {0}"),
    # -- names, citations, measures, explanations, conditions (E211-E311, W205)
    ("rename the enum value or the fact", "เปลี่ยนชื่อค่า enum หรือชื่อข้อเท็จจริง"),
    ("rename the enum value or the definition", "เปลี่ยนชื่อค่า enum หรือชื่อนิยาม"),
    ("every rule cites its source: add `cite DOC: section 50 …`",
     "กฎทุกข้อต้องอ้างอิงแหล่งที่มา: เพิ่ม `cite DOC: section 50 …`"),
    ("every rule cites its source: add `cite DOC: section 50 …`, or `{}` to extend the "
     "citation of its parent",
     "กฎทุกข้อต้องอ้างอิงแหล่งที่มา: เพิ่ม `cite DOC: section 50 …` หรือ `{0}` "
     "เพื่ออ้างอิงต่อจากการอ้างอิงของมาตรการหรือการตัดสินใจที่ครอบอยู่"),
    ("write `cite DOC: section 50 …`; only methods, options and rules may cite relative to "
     "their parent",
     "เขียน `cite DOC: section 50 …` เฉพาะวิธีการ ทางเลือก และกฎเท่านั้นที่อ้างอิงต่อจาก"
     "การอ้างอิงของมาตรการหรือการตัดสินใจที่ครอบอยู่ได้"),
    ("placeholders are names in braces, such as `{agency.name}`; write `{{` for a literal brace",
     "ตัวยึดตำแหน่งคือชื่อในวงเล็บปีกกา เช่น `{{agency.name}}` หากต้องการวงเล็บปีกกาเป็นตัวอักษร"
     "ธรรมดา ให้เขียน `{{{{`"),
    ("a condition is a comparison such as `agency.staff > 10`, a `bool` fact, or conditions "
     "joined with `and` / `or`",
     "เงื่อนไขคือการเปรียบเทียบ เช่น `agency.staff > 10` ข้อเท็จจริงชนิด `bool` "
     "หรือเงื่อนไขหลายข้อที่เชื่อมด้วย `and` / `or`"),
    ("name a fact of type `list of RECORD`", "ระบุข้อเท็จจริงชนิด `list of RECORD`"),
    ("ambiguities are numbered as in the domain inventory: `A5`",
     "ความกำกวมใช้หมายเลขตามบัญชีรายการของโดเมน เช่น `A5`"),
    # -- consistency analysis (E501, W502-W507)
    ("both can fire for the same subject, `{}` excluding and `{}` allowing, and neither "
     "overrides the other or has a higher priority: add `overrides {}` to `{}` (or the "
     "reverse), a `priority`, or an `unless`",
     "กฎทั้งสองทำงานพร้อมกันได้ในกรณีเดียวกัน โดย `{0}` ตัดทางเลือกนั้นออกแต่ `{1}` "
     "อนุญาตให้เลือก และไม่มีกฎใดมีผลเหนืออีกกฎหรือมีลำดับความสำคัญสูงกว่า: เพิ่ม "
     "`overrides {2}` ให้ `{3}` (หรือกลับกัน) หรือเพิ่ม `priority` หรือ `unless`"),
    ("both can fire for the same subject, `{}` excluding and `{}` recommending, and neither "
     "overrides the other or has a higher priority: add `overrides {}` to `{}` (or the "
     "reverse), a `priority`, or an `unless`",
     "กฎทั้งสองทำงานพร้อมกันได้ในกรณีเดียวกัน โดย `{0}` ตัดทางเลือกนั้นออกแต่ `{1}` "
     "แนะนำทางเลือกนั้น และไม่มีกฎใดมีผลเหนืออีกกฎหรือมีลำดับความสำคัญสูงกว่า: เพิ่ม "
     "`overrides {2}` ให้ `{3}` (หรือกลับกัน) หรือเพิ่ม `priority` หรือ `unless`"),
    ("its conditions and effective period never hold together ({})",
     "เงื่อนไขและช่วงเวลาที่มีผลไม่มีทางเป็นจริงพร้อมกัน ({0})"),
    ("whenever it would apply, an `unless` holds ({})",
     "ทุกกรณีที่จะใช้บังคับ จะมีเงื่อนไข `unless` ที่เป็นจริงด้วยเสมอ ({0})"),
    ("it never holds when the rest of the conditions do ({})",
     "ข้อยกเว้นนี้ไม่เป็นจริงเลยในกรณีที่เงื่อนไขอื่นเป็นจริง ({0})"),
    ("whenever it fires, a rule that beats it fires too ({}) and its firing changes no "
     "outcome ({})",
     "ทุกครั้งที่กฎนี้ทำงาน จะมีกฎที่มีผลเหนือกว่าทำงานด้วย ({0}) "
     "และการทำงานของกฎนี้ไม่ทำให้ผลใดเปลี่ยน ({1})"),
    ("none of the {} policy test files gives it a value, so no test shows how a verdict "
     "depends on it; add a test that sets it",
     "ไม่มีไฟล์ทดสอบนโยบายใดใน {0} ไฟล์ที่กำหนดค่าให้ข้อเท็จจริงนี้ จึงไม่มีการทดสอบที่แสดงว่า"
     "ผลการพิจารณาขึ้นอยู่กับข้อเท็จจริงนี้อย่างไร ให้เพิ่มการทดสอบที่กำหนดค่านี้"),
    ("{}; the analysis makes no claim that it can never conflict or never apply",
     "{0}; การวิเคราะห์จึงไม่ได้สรุปว่าไม่มีทางขัดกันหรือไม่มีทางใช้บังคับ"),
)
"""Hint templates, whatever the code: (English, Thai)."""


@functools.cache
def _pattern(template: str) -> re.Pattern[str]:
    pieces = template.split("{}")
    return re.compile("(.+?)".join(re.escape(p) for p in pieces) + r"\Z", re.S)


@functools.cache
def _quoted(template: str) -> tuple[bool, ...]:
    """For each ``{}`` of ``template``, whether it stands inside backticks."""
    quoted: list[bool] = []
    ticks = 0
    for piece in template.split("{}")[:-1]:
        ticks += piece.count("`")
        quoted.append(ticks % 2 == 1)
    return tuple(quoted)


def translate_text(text: str, templates: tuple[tuple[str, str], ...]) -> str | None:
    """``text`` in Thai by the first template it matches, or None when none does.

    The pieces the template captures are filled in as they are when they stand in backticks;
    any other piece that a :data:`PHRASES` template matches as a whole is translated first.
    """
    for english, thai in templates:
        m = _pattern(english).match(text)
        if m is not None:
            pieces = [piece if quoted else translate_text(piece, PHRASES) or piece
                      for piece, quoted in zip(m.groups(), _quoted(english), strict=True)]
            return thai.format(*pieces)
    return None


def translate(diag: Diagnostic) -> Diagnostic:
    """``diag`` with its message and hint in Thai where the catalogue has them.

    The code, span and severity are unchanged; a message or hint the catalogue does not cover
    stays in English.
    """
    message = translate_text(diag.message, MESSAGES.get(diag.code, ())) or diag.message
    hint = None if diag.hint is None else _translate_hint(diag.hint)
    return attrs.evolve(diag, message=message, hint=hint)


def _translate_hint(hint: str) -> str:
    """A hint in Thai: whole where :data:`HINTS` has it, else sentence by sentence — a hint is
    sometimes built of several joined by ``; `` (a facts file's hint, then which test named
    the file) — each sentence without a template staying as it is."""
    if hint.startswith("expected ") and "; " in hint:  # the expected tokens, then more advice
        expected, rest = hint.split("; ", 1)
        return f"{translate_text(expected, HINTS) or expected}; {_translate_hint(rest)}"
    whole = translate_text(hint, HINTS)
    if whole is not None or "; " not in hint:
        return whole or hint
    return "; ".join(translate_text(part, HINTS) or part for part in hint.split("; "))
