"""Helpers shared by the property tests: the active hypothesis profile, building a policy set
from generated text, and evaluating."""

from __future__ import annotations

import os
from typing import Any

from hypothesis import settings

from govrules.checker import check_modules
from govrules.errors import render_diagnostics
from govrules.model import PolicySet
from govrules.syntax import parse_text

PROFILE_NAME = os.environ.get("HYPOTHESIS_PROFILE", "ci")


def profile(scale: float = 1.0, **overrides: Any) -> settings:
    """The active profile (``ci`` or ``deep``), its example count scaled by ``scale``."""
    base = settings.get_profile(PROFILE_NAME)
    n = max(1, int(base.max_examples * scale))
    return settings(base, max_examples=n, **overrides)


def build(texts: dict[str, str]) -> PolicySet:
    """Parse and check generated files; a generated policy set must check clean."""
    modules = [parse_text(text, name) for name, text in texts.items()]
    ps, diags = check_modules(modules, texts)
    errors = [d for d in diags if d.is_error]
    assert ps is not None and not errors, render_diagnostics(errors, texts) + "\n\n" + \
        "\n".join(texts.values())
    return ps
