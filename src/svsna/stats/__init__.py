"""Statistics: trend tests, rate intervals, disclosure control, spatial statistics."""

from svsna.stats.rates import Rate, poisson_interval, rate
from svsna.stats.trends import ChangeTest, poisson_change_test

__all__ = ["ChangeTest", "Rate", "poisson_change_test", "poisson_interval", "rate"]
