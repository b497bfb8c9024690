"""The whole SNA around the analyses: what a partnership publishes besides the numbers.

Introduction and definition (chapters 1-2, from ``sna.yaml`` and the
definition in force), recommendations, what changed since the last edition,
interventions and their estimated effects, community voice, the analyses the
reference's recommendations ask for, and the Serious Violence Duty coverage
appendix. The chapters that read the report itself (recommendations, changes,
duty coverage) are computed after the others (``Chapter.after_others``).
"""
