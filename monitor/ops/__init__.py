"""Operations: running the spiders here or over Redis, scheduled runs, the run lock."""
