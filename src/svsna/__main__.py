"""Allow ``python -m svsna``."""

from svsna.cli import main

main()
