"""The single window: technology offers, the public catalogue, requests and matchmaking."""
