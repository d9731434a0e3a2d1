"""Invention disclosures: filing, review, assessment and the protection decision."""
