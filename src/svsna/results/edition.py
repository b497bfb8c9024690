"""The two editions of a report, and the one place that says how each is named and coloured.

The edition travels as this enum from the command line to every renderer;
no renderer spells out its own wording of "restricted".
"""

from __future__ import annotations

from enum import StrEnum


class Edition(StrEnum):
    """``public`` (disclosure control on, the default) or ``restricted`` (exact numbers).

    Examples
    --------
    >>> Edition("restricted").label, Edition.PUBLIC.restricted
    ('RESTRICTED edition', False)
    """

    PUBLIC = "public"
    RESTRICTED = "restricted"

    @property
    def restricted(self) -> bool:
        """Whether the edition shows exact numbers (never for publication)."""
        return self is Edition.RESTRICTED

    @property
    def label(self) -> str:
        """How the edition is named on covers, headers and running heads."""
        return "RESTRICTED edition" if self.restricted else "Public edition"

    @property
    def banner(self) -> str:
        """The warning every page and sheet of the restricted edition carries ('' in public)."""
        return "RESTRICTED edition: exact numbers, not for publication." if self.restricted else ""

    @property
    def colour(self) -> str:
        """The colour of the edition's marks (Analysis Function dark pink for restricted)."""
        return "#801650" if self.restricted else "#3d3d3d"

    def disclosure_note(
        self, threshold: int, symbol: str, *, rounded_to: int | None = None
    ) -> str:
        """One sentence saying what the edition withholds (or how it rounds)."""
        if self.restricted:
            return self.banner
        if rounded_to is not None:
            return (
                f"Public edition: every count is rounded to the nearest multiple of "
                f"{rounded_to}, each total on its own."
            )
        if threshold <= 0:
            return "Public edition: no count is withheld."
        return f"Public edition: counts from 1 to {threshold} are shown as {symbol}."
