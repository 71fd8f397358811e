"""Shared test helpers: golden files, refreshed with ``pytest --update-golden``.

A golden file holds the expected output of a renderer or of the checker's diagnostics. Tests
compare against it with :func:`check_golden` (or the ``golden`` fixture); after an intended
change of output, ``pytest --update-golden`` rewrites the files, and ``git diff`` shows what
changed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from goldens import check_golden


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files under tests/golden/ with the actual output",
    )


_CACHE_HOME: str | None = None


def pytest_configure(config: pytest.Config) -> None:
    # The on-disk cache (govrules.cache) of this test session lives in a folder of its own:
    # the suite neither reads what other runs left in ~/.cache nor leaves anything there.
    # Child processes (the CLI tests) inherit it.
    global _CACHE_HOME
    _CACHE_HOME = tempfile.mkdtemp(prefix="govrules-test-cache-")
    os.environ["XDG_CACHE_HOME"] = _CACHE_HOME


def pytest_unconfigure(config: pytest.Config) -> None:
    if _CACHE_HOME is not None:
        shutil.rmtree(_CACHE_HOME, ignore_errors=True)


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[Path, str], None]:
    """``golden(path, actual)``: :func:`check_golden` bound to the running test."""

    def check(path: Path, actual: str) -> None:
        check_golden(path, actual, request)

    return check
