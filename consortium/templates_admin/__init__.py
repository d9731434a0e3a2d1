"""Contract templates that legal staff own: the validator, uploads, four-eyes activation."""
