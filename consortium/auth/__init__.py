"""People: users, roles, passwords, web sessions and API tokens."""
