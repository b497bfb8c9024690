"""Police-recorded crime: serious violence, knife crime, qualifiers, stop and search, outcomes.

The people, time and relationship helpers here are shared by these chapters.
"""
