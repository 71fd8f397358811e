"""Renderers: turn a :class:`~govrules.verdict.Report` into text or JSON. They only read it."""

from __future__ import annotations

from .text import render_text

__all__ = ["render_json", "render_text"]


def render_json(report: object) -> str:
    """The stable JSON form of a report (see :meth:`~govrules.verdict.Report.to_json`)."""
    from ..verdict import Report

    assert isinstance(report, Report)
    return report.to_json()
