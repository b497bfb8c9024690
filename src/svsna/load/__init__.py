"""Read a data folder in the contract's form and check every row."""

from svsna.load.loader import LoadResult, TableLoad, load_folder
from svsna.load.readers import find_sources
from svsna.load.rules import EXPLANATIONS, Action, Rule
from svsna.load.validate import REJECT_COLUMNS

__all__ = [
    "EXPLANATIONS",
    "REJECT_COLUMNS",
    "Action",
    "LoadResult",
    "Rule",
    "TableLoad",
    "find_sources",
    "load_folder",
]
