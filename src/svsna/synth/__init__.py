"""The synthetic Derby-and-Derbyshire-like area used by `svsna demo` and the tests.

How it is built, which reference tables it reproduces exactly, and where the
reference contradicts itself: see :mod:`svsna.synth.area`.
"""

from svsna.synth.area import DEMO_SEED, write_area

__all__ = ["DEMO_SEED", "write_area"]
