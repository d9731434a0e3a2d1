"""The platform operator's pages: organisations, people, and what runs in the background."""
