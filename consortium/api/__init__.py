"""The JSON API under /api/v1 (bearer tokens, the error format of API.md, OpenAPI)."""
