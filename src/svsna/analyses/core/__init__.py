"""What every family shares: the run's context, the definition as SQL, years, SQL text, figures."""
