"""Shared test helpers: golden files, refreshed with ``pytest --update-golden``.

A golden file holds the expected output of a renderer or of the checker's diagnostics. Tests
compare against it with :func:`check_golden` (or the ``golden`` fixture); after an intended
change of output, ``pytest --update-golden`` rewrites the files, and ``git diff`` shows what
changed.
"""

from __future__ import annotations

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


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[Path, str], None]:
    """``golden(path, actual)``: :func:`check_golden` bound to the running test."""

    def check(path: Path, actual: str) -> None:
        check_golden(path, actual, request)

    return check
