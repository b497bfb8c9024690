"""The data contract: declarative schemas of the tables svsna reads."""

from svsna.contract.schema import Column, Kind, TableSchema, normalise_header
from svsna.contract.tables import CONTRACT

__all__ = ["CONTRACT", "Column", "Kind", "TableSchema", "normalise_header"]
