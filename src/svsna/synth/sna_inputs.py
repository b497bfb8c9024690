"""The synthetic area's SNA inputs beyond the data: ``sna.yaml``.

The partnership's own words (chapters 1-2 and its own recommendations) come
from ``sna.yaml`` beside the data; the demo area ships one modelled on the
Derby and Derbyshire SNA 2025 (:file:`sna.yaml` in this package).
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from svsna.config.sna_settings import SETTINGS_FILE

if TYPE_CHECKING:
    from pathlib import Path


def write_settings(out: Path) -> None:
    """Write the demo partnership's ``sna.yaml`` into the data folder."""
    text = resources.files("svsna.synth").joinpath("sna.yaml").read_text("utf-8")
    (out / SETTINGS_FILE).write_text(text, encoding="utf-8")
