"""svsna: Serious Violence Strategic Needs Assessments from record-level data."""

__version__ = "0.1.0"
