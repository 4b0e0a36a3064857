"""Study setup for the research lead: study, call lists, segments, settings, script."""
