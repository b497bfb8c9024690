"""The definition in force, in words and rows: shared by chapter 2 and the codes appendix.

Everything here is read from the definition, so the words printed can never
disagree with what was counted: which groups are serious violence in each
version and from when, what is excluded, and which Home Office codes make
each group.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from svsna.analyses.core.months import join_words

if TYPE_CHECKING:
    from svsna.config import Definition

#: A first version starting on or before this date applies "from the start of the data".
_EARLIEST = dt.date(1970, 1, 1)


@dataclass(frozen=True)
class Version:
    """One version of serious violence: its dates and the groups it adds and drops."""

    starts: dt.date
    ends: dt.date | None
    groups: tuple[str, ...]
    added: tuple[str, ...]
    removed: tuple[str, ...]

    @property
    def first_day(self) -> str:
        """``2025-09-01``, or ``start of data`` for a first version with no real start."""
        return "start of data" if self.starts <= _EARLIEST else self.starts.isoformat()

    @property
    def since(self) -> str:
        """``from 2025-09-01``, or ``from the start of the data`` for the first."""
        if self.starts <= _EARLIEST:
            return "from the start of the data"
        return f"from {self.first_day}"

    @property
    def span(self) -> str:
        """``from 2025-09-01``; ``from … until 2025-08-31`` when a later one follows."""
        if self.ends is None:
            return self.since
        return f"{self.since} until {self.ends.isoformat()}"


def versions(definition: Definition) -> list[Version]:
    """The serious-violence versions in order, each with what changed from the one before."""
    found = definition.serious_violence.versions
    result = []
    before: tuple[str, ...] = ()
    for i, version in enumerate(found):
        following = found[i + 1] if i + 1 < len(found) else None
        ends = following.from_ - dt.timedelta(days=1) if following else None
        added = tuple(g for g in version.groups if i and g not in before)
        removed = tuple(g for g in before if g not in version.groups)
        result.append(Version(version.from_, ends, version.groups, added, removed))
        before = version.groups
    return result


def label(definition: Definition, group_id: str) -> str:
    """The group's label (its id when the definition does not list it)."""
    try:
        return definition.group(group_id).label
    except KeyError:
        return group_id


def labels(definition: Definition, group_ids: tuple[str, ...] | list[str]) -> str:
    """Group labels in words: ``Homicide, Robbery and ABH``."""
    return join_words([label(definition, g) for g in group_ids])


def status(definition: Definition, group_id: str) -> str:
    """Whether a group is serious violence: ``yes``, ``no``, ``excluded`` or by date."""
    if group_id in definition.serious_violence.excluded_groups:
        return "excluded"
    found = versions(definition)
    inside = [v for v in found if group_id in v.groups]
    if not inside:
        return "no"
    if len(inside) == len(found):
        return "yes"
    return "; ".join(f"yes {v.span}" for v in inside)


def change_sentences(definition: Definition) -> list[str]:
    """One sentence per change of the definition by date (ABH added from 2025-09-01)."""
    sentences = []
    for version in versions(definition)[1:]:
        parts = []
        if version.added:
            parts.append(f"adds {labels(definition, version.added)}")
        if version.removed:
            parts.append(f"drops {labels(definition, version.removed)}")
        change = " and ".join(parts) or "keeps the same groups"
        sentences.append(
            f"The definition {change} for occurrences committed {version.since}."
        )
    return sentences


def exclusion_sentences(definition: Definition) -> list[str]:
    """What serious violence leaves out, in words."""
    sv = definition.serious_violence
    sentences = []
    if sv.excluded_groups:
        sentences.append(
            f"{labels(definition, sv.excluded_groups)} are never counted as serious "
            "violence."
        )
    if sv.exclude_domestic_abuse:
        sentences.append(
            "Occurrences flagged as domestic-abuse related are excluded from serious "
            "violence, and so from knife crime."
        )
    return sentences
