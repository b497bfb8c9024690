"""The one rule that turns a name into an identifier: table ids, file names and anchors."""

from __future__ import annotations

import re

#: Names Windows keeps for devices, whatever the extension: ``con.html`` cannot be opened.
WINDOWS_DEVICES = frozenset(
    [
        "con",
        "prn",
        "aux",
        "nul",
        *(f"{d}{n}" for d in ("com", "lpt") for n in range(1, 10)),
    ]
)


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


def unique_slugs(
    names: list[str], *, prefix: str = "", length: int = 40
) -> dict[str, str]:
    """A short slug per name, unique among them (a ``_2``, ``_3`` … where two collide).

    Names that differ only in case or punctuation, or share their first
    ``length`` characters, still get different identifiers, so no file or
    table of one overwrites another's; a Windows device name gets a ``_``
    (a district called "Con" must not make ``con.html``).

    Examples
    --------
    >>> keys = unique_slugs(["High Peak", "high peak!", "x" * 90, "<b>", "CON"], prefix="p_")
    >>> list(keys.values())[:2], len(keys["x" * 90]), keys["<b>"], keys["CON"]
    (['p_high_peak', 'p_high_peak_2'], 42, 'p_b', 'p_con_')
    """
    keys: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        stem = slug(name)[:length].strip("_") or "unknown"
        base = prefix + (f"{stem}_" if stem in WINDOWS_DEVICES else stem)
        key, n = base, 1
        while key in taken:
            n += 1
            key = f"{base}_{n}"
        keys[name] = key
        taken.add(key)
    return keys
