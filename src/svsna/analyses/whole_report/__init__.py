"""Whole-report analyses: data quality and the district profiles, which read across families."""
