"""Renderers: turn a :class:`~govrules.verdict.Report` into text, JSON, Markdown or HTML.

They only read the report. Every label they print comes from :mod:`govrules.render.labels`, in
the language asked for (``en`` or ``th``). :func:`render` picks a renderer by name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .text import render_text

if TYPE_CHECKING:
    from ..verdict import Report

__all__ = ["FORMATS", "render", "render_html", "render_json", "render_markdown", "render_text"]

FORMATS = ("text", "json", "markdown", "html")
"""The report formats :func:`render` knows."""


def render_json(report: object) -> str:
    """The stable JSON form of a report (see :meth:`~govrules.verdict.Report.to_json`)."""
    from ..verdict import Report

    assert isinstance(report, Report)
    return report.to_json()


def render_markdown(report: Report, lang: str = "en") -> str:
    """The Markdown report (see :mod:`govrules.render.markdown`)."""
    from .markdown import render_markdown as _render

    return _render(report, lang)


def render_html(report: Report, lang: str = "en") -> str:
    """The self-contained HTML audit report (see :mod:`govrules.render.html`)."""
    from .html import render_html as _render

    return _render(report, lang)


def render(report: Report, fmt: str = "text", lang: str = "en", color: bool = False) -> str:
    """``report`` in format ``fmt`` (one of :data:`FORMATS`) and language ``lang``.

    ``color`` only matters for ``text``. Raises ``ValueError`` for an unknown format or
    language.
    """
    from .labels import LANGS

    if lang not in LANGS:
        raise ValueError(f"unknown report language {lang!r}; use one of {', '.join(LANGS)}")
    if fmt == "text":
        return render_text(report, lang, color=color)
    if fmt == "json":
        return render_json(report)
    if fmt == "markdown":
        return render_markdown(report, lang)
    if fmt == "html":
        return render_html(report, lang)
    raise ValueError(f"unknown report format `{fmt}`; use one of {', '.join(FORMATS)}")
