"""Benefit-sharing plans: exact distribution of licence income to beneficiaries."""
