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

GOLDEN_DIR = Path(__file__).parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files under tests/golden/ with the actual output",
    )


def check_golden(path: Path, actual: str, request: pytest.FixtureRequest) -> None:
    """Compare ``actual`` with the golden file ``path``, or rewrite it with ``--update-golden``.

    The file holds ``actual`` followed by one newline.
    """
    text = actual if actual.endswith("\n") else actual + "\n"
    if request.config.getoption("--update-golden"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"golden file {path} is missing; run `pytest --update-golden` to create it")
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"output differs from {path}; run `pytest --update-golden` if intended"


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[Path, str], None]:
    """``golden(path, actual)``: :func:`check_golden` bound to the running test."""

    def check(path: Path, actual: str) -> None:
        check_golden(path, actual, request)

    return check
