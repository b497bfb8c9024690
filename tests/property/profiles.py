"""Hypothesis settings for the whole-pipeline property tests, one name per use.

``ci`` (the default: what ``uv run pytest`` and CI run) builds a few folders,
the same ones on every run (derandomised), so the suite's time is bounded
and a red run always means the program changed, never a luckier draw; a
failing folder is shown as drawn (shrinking one build at a time takes long).
``explore`` (``SVSNA_HYPOTHESIS=explore``) builds many random folders, to look
for new failures; set ``SVSNA_SAVE_NASTY`` to a folder to keep each one that
breaks the rule, then add it to ``tests/data/nasty/`` so that every run
replays it. Each example is a whole build (every format), so no deadline.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

_COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile(
    "svsna-ci",
    max_examples=6,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],  # a failure is shown as drawn, not shrunk
    **_COMMON,
)
settings.register_profile("svsna-explore", max_examples=200, **_COMMON)

#: The settings the whole-pipeline tests run with.
PIPELINE = settings.get_profile(f"svsna-{os.environ.get('SVSNA_HYPOTHESIS', 'ci')}")
