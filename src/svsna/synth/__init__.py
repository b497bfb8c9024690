"""The synthetic Derby-and-Derbyshire-like area used by `svsna demo` and the tests."""

from svsna.synth.area import DEMO_SEED, write_area

__all__ = ["DEMO_SEED", "write_area"]
