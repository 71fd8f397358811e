"""Hypothesis profiles for the property suite (tests/properties/).

``ci`` (the default, what ``make test`` runs) is bounded and derandomized, so that CI is
reproducible and fast; ``deep`` (``make test-deep``, or ``HYPOTHESIS_PROFILE=deep``) runs many
more examples with fresh randomness. The tests read the profile named by ``HYPOTHESIS_PROFILE``
through :func:`hypothesis.settings.get_profile`, so these profiles do not change the settings
of tests outside this folder.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile("ci", max_examples=30, deadline=None, derandomize=True,
                          suppress_health_check=_SLOW, print_blob=True)
settings.register_profile("deep", max_examples=1000, deadline=None,
                          suppress_health_check=_SLOW, print_blob=True)
