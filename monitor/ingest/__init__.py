"""The ingest core: one capture in, versions, clauses, comparisons and alerts stored."""
