"""Patent families: filings, their deadlines and costs, licence registration (issue 19)."""
