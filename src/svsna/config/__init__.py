"""The definition and every threshold, as typed configuration."""

from svsna.config.definition import (
    WEEKDAYS,
    AgeBand,
    Definition,
    OffenceGroup,
    band_label,
    normalise_offence_code,
)
from svsna.config.environment import today
from svsna.config.loading import load_definition, shipped_names

__all__ = [
    "WEEKDAYS",
    "AgeBand",
    "Definition",
    "OffenceGroup",
    "band_label",
    "load_definition",
    "normalise_offence_code",
    "shipped_names",
    "today",
]
