"""Property (c): the formatter keeps the meaning of a policy and is idempotent."""

from __future__ import annotations

from typing import Any

import pytest
from common import profile
from generators import policies
from hypothesis import given

from govrules.syntax import parse_text

formatter = pytest.importorskip("govrules.formatter")


@profile()
@given(policies())
def test_format_keeps_the_ast_and_is_idempotent(gen: Any) -> None:
    once = formatter.format_source(gen.text, "gen.pol")
    assert parse_text(once, "gen.pol") == parse_text(gen.text, "gen.pol")
    assert formatter.format_source(once, "gen.pol") == once
