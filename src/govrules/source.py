"""Reading policy files: bytes to clean text, and the files of a policy folder.

Bad bytes are reported as diagnostics rather than exceptions: text that is not UTF-8, NUL bytes,
an empty file. A UTF-8 byte-order mark is dropped and CRLF line endings become LF, so that both
simply work and spans count columns the way an editor does.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import attrs

from .errors import Diagnostic, PolicyError, Span

__all__ = [
    "MAX_POLICY_BYTES",
    "SourceFile",
    "decode_source",
    "find_policy_files",
    "grammar_text",
    "normalize_name",
    "read_source",
]

MAX_POLICY_BYTES = 20 * 1024 * 1024
"""Policy files larger than this are refused before they are read."""


def normalize_name(name: str) -> str:
    """The canonical form of a name (an identifier in a policy, a key in a facts file).

    NFKC, as Python does for identifiers, then SARA AM recomposed: NFKC splits ``ำ`` into
    ``ํ`` + ``า``, and Thai keyboards type the single character, so names and keys typed either
    way are one name.
    """
    return unicodedata.normalize("NFKC", name).replace("\u0e4d\u0e32", "\u0e33")


@attrs.frozen
class SourceFile:
    """The text of one policy file, as parsed (BOM removed, line endings normalised)."""

    name: str
    text: str


def _offset_to_span(name: str, data: bytes, offset: int) -> Span:
    before = data[:offset]
    line = before.count(b"\n") + 1
    col_bytes = before[before.rfind(b"\n") + 1 :]
    column = len(col_bytes.decode("utf-8", errors="replace")) + 1
    return Span(name, line, column, line, column + 1, offset, offset + 1)


def decode_source(name: str, data: bytes) -> SourceFile:
    """Decode the bytes of a policy file, or raise :class:`PolicyError` saying what is wrong."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise PolicyError(
            Diagnostic(
                "E101",
                "policy file is empty",
                Span.whole_file(name),
                hint="a policy file holds at least one declaration, such as `fact` or `measure`",
            )
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        raise PolicyError(
            Diagnostic(
                "E102",
                "policy file contains a NUL byte",
                _offset_to_span(name, data, nul),
                hint="this looks like a binary file, or text saved as UTF-16; save it as UTF-8",
            )
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PolicyError(
            Diagnostic(
                "E103",
                f"policy file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset "
                f"{exc.start})",
                _offset_to_span(name, data, exc.start),
                hint="save the file as UTF-8 (convert Thai text saved as TIS-620 or Windows-874)",
            )
        ) from None
    return SourceFile(name, text.replace("\r\n", "\n").replace("\r", "\n"))


def read_source(path: str | os.PathLike[str]) -> SourceFile:
    """Read one policy file from disk."""
    name = os.fspath(path)
    p = Path(name)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise IsADirectoryError(name)
        if size > MAX_POLICY_BYTES:
            raise PolicyError(
                Diagnostic(
                    "E104",
                    f"policy file is too large ({size} bytes, at most {MAX_POLICY_BYTES})",
                    Span.whole_file(name),
                )
            )
        data = p.read_bytes()
    except PolicyError:
        raise
    except FileNotFoundError:
        raise PolicyError(
            Diagnostic("E105", f"no such file or folder `{name}`", Span.whole_file(name))
        ) from None
    except IsADirectoryError:
        raise PolicyError(
            Diagnostic("E106", f"`{name}` is a folder, not a policy file", Span.whole_file(name))
        ) from None
    except OSError as exc:
        raise PolicyError(
            Diagnostic("E107", f"cannot read `{name}`: {exc.strerror}", Span.whole_file(name))
        ) from None
    return decode_source(name, data)


def find_policy_files(path: str | os.PathLike[str]) -> list[Path]:
    """The ``.pol`` files of a path: the file itself, or every ``.pol`` file under a folder.

    Sorted by path so that the result does not depend on the file system's order.
    """
    p = Path(path)
    if not p.exists():
        raise PolicyError(
            Diagnostic("E105", f"no such file or folder `{os.fspath(path)}`",
                       Span.whole_file(os.fspath(path)))
        )
    if p.is_file():
        return [p]
    files = sorted(f for f in p.rglob("*.pol") if f.is_file())
    if not files:
        raise PolicyError(
            Diagnostic(
                "E108",
                f"no policy files in `{os.fspath(path)}`",
                Span.whole_file(os.fspath(path)),
                hint="policy files end in `.pol`",
            )
        )
    return files


def grammar_text() -> str:
    """The text of the Lark grammar of the policy language (:mod:`govrules.syntax`), from the
    installed package or the source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "grammar" / "policy.lark",  # inside an installed wheel
                      here.parents[1] / "grammar" / "policy.lark"):  # a source checkout
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    import importlib.resources  # the package is not on a file system (a zip, say)

    return (importlib.resources.files("govrules").joinpath("grammar/policy.lark")
            .read_text(encoding="utf-8"))
