"""Golden files: expected renderer and diagnostic output, refreshed with ``--update-golden``.

Kept out of ``conftest.py`` so that test modules can import it by a name no other conftest
shadows (tests/properties has a conftest of its own).
"""

from __future__ import annotations

from pathlib import Path

import pytest

GOLDEN_DIR = Path(__file__).parent / "golden"


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
