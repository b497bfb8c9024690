"""Adapters: other formats (data.police.uk, force extracts) → the data contract."""

from svsna.adapters.police_uk import import_police_uk

__all__ = ["import_police_uk"]
