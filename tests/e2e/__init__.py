"""Real-browser journeys through the pages (Playwright + the system Chromium)."""
