"""Contract documents: rendering from templates, content-addressed storage and signatures."""
