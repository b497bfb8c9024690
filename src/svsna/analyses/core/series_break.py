"""Series breaks: comparing two periods across a change of definition, like for like.

When the definition of serious violence changes (ABH joins it on 1 September
2025 in the shipped definition), the count before and the count after measure
different things; set side by side they show the definition change as a rise.
The Office for National Statistics treats such a change as a *discontinuity*
:cite:`ons2024seriesbreaks`: figures either side are not compared directly.
Here every comparison across a change counts both periods on one basis, the
offence groups that are in serious violence throughout (the *common basis*);
the groups that joined or left are counted separately and named in the
sentence, and the charts mark the date of the change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt

    from svsna.config import Definition


@dataclass(frozen=True)
class GroupChange:
    """An offence group that joined (or left) serious violence on ``date``."""

    group: str
    label: str
    date: dt.date
    joined: bool


@dataclass(frozen=True)
class Basis:
    """The offence groups a comparison over a span may count on both sides.

    ``common`` are in serious violence on every day of the span; ``changes``
    are the groups that joined or left during it, with the date.
    """

    common: tuple[str, ...]
    changes: tuple[GroupChange, ...] = ()

    @property
    def broken(self) -> bool:
        """Whether the definition changed during the span."""
        return bool(self.changes)

    @property
    def changed(self) -> tuple[str, ...]:
        """Ids of the groups that joined or left, in order of change."""
        return tuple(dict.fromkeys(c.group for c in self.changes))

    @property
    def dates(self) -> tuple[dt.date, ...]:
        """The dates the definition changed, in order."""
        return tuple(sorted({c.date for c in self.changes}))

    def labels(self) -> str:
        """The changed groups' labels, joined in words (``ABH and X``)."""
        names = list(dict.fromkeys(c.label for c in self.changes))
        return (
            names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        )

    def words(self) -> str:
        """What happened, e.g. ``ABH joined serious violence on 1 September 2025``.

        Examples
        --------
        >>> import datetime as dt
        >>> b = Basis(("homicide",), (GroupChange("abh", "ABH", dt.date(2025, 9, 1), True),))
        >>> b.words()
        'ABH joined serious violence on 1 September 2025'
        """
        parts = [
            f"{c.label} {'joined' if c.joined else 'left'} serious violence on "
            f"{long_date(c.date)}"
            for c in self.changes
        ]
        return "; ".join(parts)


def long_date(day: dt.date) -> str:
    """``1 September 2025``."""
    return f"{day.day} {day:%B %Y}"


def sv_basis(definition: Definition, first: dt.date, last: dt.date) -> Basis:
    """The common basis of serious violence from ``first`` to ``last`` (inclusive).

    Examples
    --------
    >>> import datetime as dt
    >>> from svsna.config import load_definition
    >>> d = load_definition(None)
    >>> b = sv_basis(d, dt.date(2024, 4, 1), dt.date(2026, 3, 31))
    >>> "abh" in b.common, b.changed, b.dates
    (False, ('abh',), (datetime.date(2025, 9, 1),))
    >>> sv_basis(d, dt.date(2023, 4, 1), dt.date(2025, 3, 31)).broken
    False
    """
    versions = definition.serious_violence.versions
    following = [*versions[1:], None]
    in_force = [
        v
        for v, nxt in zip(versions, following, strict=True)
        if v.from_ <= last and (nxt is None or nxt.from_ > first)
    ]
    if not in_force:
        return Basis(())
    shared = set(in_force[0].groups).intersection(*(v.groups for v in in_force[1:]))
    labels = {g.id: g.label for g in definition.offence_groups}
    changes = []
    for old, new in zip(in_force, in_force[1:], strict=False):
        for group in new.groups:
            if group not in old.groups:
                changes.append(
                    GroupChange(group, labels.get(group, group), new.from_, True)
                )
        for group in old.groups:
            if group not in new.groups:
                changes.append(
                    GroupChange(group, labels.get(group, group), new.from_, False)
                )
    order = [g.id for g in definition.offence_groups]
    common = tuple(g for g in order if g in shared)
    return Basis(common, tuple(changes))


__all__ = ["Basis", "GroupChange", "long_date", "sv_basis"]
