"""Measurements that are too slow or too data-hungry for tests; each appends to RESULTS.md."""
