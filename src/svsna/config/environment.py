"""The one module that reads environment variables.

``SVSNA_TODAY`` fixes "today" (ISO date) so that future-date checks are
reproducible in tests and archived runs.
"""

from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    """Return the date treated as today: ``SVSNA_TODAY`` if set, else the clock."""
    fixed = os.environ.get("SVSNA_TODAY")
    if fixed:
        return dt.date.fromisoformat(fixed)
    return dt.date.today()
