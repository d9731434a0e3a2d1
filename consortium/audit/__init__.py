"""The audit log: a hash chain over every transition, signature and revenue event."""
