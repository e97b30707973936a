"""Training programs: series, sessions, presenters, organizations and the framework."""
