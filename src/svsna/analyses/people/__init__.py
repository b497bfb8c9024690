"""People over time: linked cohorts, reoffending, knife carriers and co-offending."""
