"""Places: hotspots and Gi*, schools, the night-time economy and deprivation.

The spatial SQL and maps here are shared by these chapters.
"""
