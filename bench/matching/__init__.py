"""Match quality and speed of the catalogue's matchmaking (issue 18)."""
