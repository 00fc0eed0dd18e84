"""The store: the only module that knows SQL (SQLite through sqlite-utils)."""
