"""DuckDB warehouse: the only code that executes SQL; atomic, idempotent loads."""

from svsna.warehouse.build import build_warehouse
from svsna.warehouse.connection import Warehouse
from svsna.warehouse.linkage import LinkRun, link_people
from svsna.warehouse.spatial import load_spatial, spatial_extension_path

__all__ = [
    "LinkRun",
    "Warehouse",
    "build_warehouse",
    "link_people",
    "load_spatial",
    "spatial_extension_path",
]
