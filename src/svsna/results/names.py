"""The one rule that turns a name into an identifier: table ids, file names and anchors."""

from __future__ import annotations

import re


def slug(name: str) -> str:
    """Lower-case ASCII letters and digits, runs of anything else as one ``_``.

    Safe as a table id, a file name on every system and an HTML anchor.

    Examples
    --------
    >>> slug("North East Derbyshire"), slug("Derby (City)"), slug("Royal Derby Hospital")
    ('north_east_derbyshire', 'derby_city', 'royal_derby_hospital')
    >>> slug("***")
    'unknown'
    """
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "unknown"
