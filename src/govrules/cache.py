"""The on-disk cache: work that start-up would otherwise repeat in every process.

Two things are kept, both under ``$XDG_CACHE_HOME/govrules`` (``~/.cache/govrules`` when the
variable is unset):

* Lark's analysis of the grammar (``grammar-*.lark-cache``, written and read by Lark), which
  saves building the LALR tables;
* checked policy sets (``policies-*.pickle``): the :class:`~govrules.model.PolicySet` and the
  warnings :func:`govrules.check` found, so that ``govrules eval`` on policy texts it has seen
  before neither parses nor checks them again.

A cached policy set is found by a key made of everything its content depends on: the names
and texts of the policy files, and the *engine fingerprint* — the text of every module of this
package and of the grammar, and the versions of Python, Lark and attrs. Changing a policy file,
upgrading govrules or editing its source therefore never reads a stale entry; it writes a new
one. At most :data:`MAX_POLICY_ENTRIES` policy sets are kept, the least recently used dropped
first.

The cache is skipped, never an error: it is not used when ``GOVRULES_NO_CACHE`` is set to
anything but an empty string, when the folder cannot be created or written, or (on POSIX) when
the folder is not owned by the current user or others may write to it — a cache entry is a
pickle, and only a folder no one else can write is trusted to hold one. An unreadable or
corrupt entry is deleted and the work done afresh.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

__all__ = [
    "MAX_POLICY_ENTRIES",
    "cache_folder",
    "clear",
    "engine_fingerprint",
    "entries",
    "grammar_cache_file",
    "load_policies",
    "store_policies",
]

MAX_POLICY_ENTRIES = 32
"""How many checked policy sets the folder keeps (each is a few hundred kilobytes)."""

_POLICY_PREFIX = "policies-"
_POLICY_SUFFIX = ".pickle"
_OURS = (_POLICY_PREFIX, "grammar-", ".tmp-")


def cache_folder() -> Path | None:
    """The cache folder, created if need be; None when the cache is off or not trustworthy."""
    if os.environ.get("GOVRULES_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "govrules"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = folder.stat()
    except OSError:
        return None
    if not os.access(folder, os.W_OK | os.X_OK):
        return None
    if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o022):
        return None
    return folder


def grammar_cache_file(grammar: str, lark_version: str, variant: str = "") -> str | None:
    """Where Lark may keep its analysis of ``grammar``, or None when the cache is off.

    The name comes from the grammar text, Lark's version and ``variant`` (the parser options
    that change the analysis, when they are not the default ones), so a stale file is never
    read and two parsers of one grammar never share a file.
    """
    folder = cache_folder()
    if folder is None:
        return None
    variant = f"\n{variant}" if variant else ""
    key = hashlib.sha256(f"{lark_version}{variant}\n{grammar}".encode()).hexdigest()[:20]
    return str(folder / f"grammar-{key}.lark-cache")


@functools.cache
def engine_fingerprint() -> str:
    """SHA-256 of everything a checked policy set depends on besides the policy texts.

    The source of every module of this package and the grammar, the Python version, and the
    code of Lark and attrs that shapes a parse and a pickle (read from their files rather than
    asked of the packages, so that computing the fingerprint imports neither).
    """
    from .source import grammar_text

    h = hashlib.sha256()
    h.update(f"{sys.version}\n{sys.implementation.cache_tag}\n".encode())
    package = Path(__file__).resolve().parent
    files = sorted(package.rglob("*.py"))
    for dependency in ("lark", "attr"):
        spec = importlib.util.find_spec(dependency)
        if spec is not None and spec.origin:  # lark/__init__.py carries Lark's version
            root = Path(spec.origin).parent
            files.extend(root / name for name in ("__init__.py", "_make.py", "lark.py")
                         if (root / name).is_file())
    for path in files:
        h.update(str(path).encode("utf-8", "surrogateescape"))
        h.update(b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    h.update(grammar_text().encode("utf-8"))
    return h.hexdigest()


def _policy_file(folder: Path, content_key: str) -> Path:
    key = hashlib.sha256(f"{engine_fingerprint()}\n{content_key}".encode()).hexdigest()[:32]
    return folder / f"{_POLICY_PREFIX}{key}{_POLICY_SUFFIX}"


def load_policies(content_key: str) -> Any | None:
    """The entry :func:`store_policies` kept for ``content_key``, or None.

    ``content_key`` identifies the policy files (names and texts); the engine fingerprint is
    added here. A file that cannot be read or unpickled is deleted.
    """
    folder = cache_folder()
    if folder is None:
        return None
    path = _policy_file(folder, content_key)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        entry = pickle.loads(data)
        if not (isinstance(entry, tuple) and len(entry) == 2 and entry[0] == content_key):
            raise ValueError("not a govrules cache entry")
    except Exception:
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # least recently *used* is what the pruning drops
    return entry[1]


def store_policies(content_key: str, value: Any) -> None:
    """Keep ``value`` (a picklable object) for ``content_key``; silently skip on any failure.

    The file is written to a temporary name and renamed, so a reader never sees half of it
    and two processes writing the same entry do no harm.
    """
    folder = cache_folder()
    if folder is None:
        return
    path = _policy_file(folder, content_key)
    try:
        data = pickle.dumps((content_key, value), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=_POLICY_SUFFIX)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return
    _prune(folder)


def _prune(folder: Path) -> None:
    """Drop the least recently used policy entries beyond :data:`MAX_POLICY_ENTRIES`."""
    entries: list[tuple[float, str, Path]] = []
    for path in folder.glob(f"{_POLICY_PREFIX}*{_POLICY_SUFFIX}"):
        with contextlib.suppress(OSError):
            entries.append((path.stat().st_mtime, path.name, path))
    entries.sort(reverse=True)
    for _, _, path in entries[MAX_POLICY_ENTRIES:]:
        with contextlib.suppress(OSError):
            path.unlink()


def entries() -> list[Path]:
    """The files govrules wrote to the cache folder, by name (empty when the cache is off)."""
    folder = cache_folder()
    if folder is None:
        return []
    return sorted(path for path in folder.iterdir()
                  if path.is_file() and path.name.startswith(_OURS))


def clear() -> int:
    """Delete every file govrules wrote to the cache folder; return how many were deleted."""
    removed = 0
    for path in entries():
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
    return removed
