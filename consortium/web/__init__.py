"""Pages that belong to no single domain: home, inbox, error pages and template helpers."""
