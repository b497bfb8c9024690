"""DuckDB warehouse: the only code that executes SQL; atomic, idempotent loads."""

from svsna.warehouse.build import build_warehouse
from svsna.warehouse.connection import Warehouse
from svsna.warehouse.spatial import load_spatial, spatial_extension_path

__all__ = ["Warehouse", "build_warehouse", "load_spatial", "spatial_extension_path"]
