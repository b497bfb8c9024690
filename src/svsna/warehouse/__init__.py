"""The warehouse: the only code that executes SQL, on DuckDB or Spark; atomic loads."""

from svsna.warehouse.build import adopt_warehouse, build_warehouse
from svsna.warehouse.connection import Warehouse
from svsna.warehouse.derive import CheckedTable
from svsna.warehouse.linkage import LinkRun, link_people
from svsna.warehouse.places import (
    LOCATED,
    LOCATED_COLUMNS,
    NTE_LOCATED,
    SCHOOL_DISTANCE,
)
from svsna.warehouse.settings import ENGINES, EngineSettings, engine_settings
from svsna.warehouse.spatial import load_spatial, spatial_extension_path

__all__ = [
    "adopt_warehouse",
    "ENGINES",
    "LOCATED",
    "LOCATED_COLUMNS",
    "NTE_LOCATED",
    "SCHOOL_DISTANCE",
    "CheckedTable",
    "EngineSettings",
    "LinkRun",
    "Warehouse",
    "build_warehouse",
    "engine_settings",
    "link_people",
    "load_spatial",
    "spatial_extension_path",
]
