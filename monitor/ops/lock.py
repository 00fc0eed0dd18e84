"""One run at a time per database: an advisory lock next to the SQLite file.

``flock`` locks belong to the open file of a live process: when the process dies, even by
kill -9, the kernel releases the lock, so a stale lock from a dead run is simply taken over.
The file holds the holder's PID only to say who is running.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from monitor.errors import MonitorError


class RunInProgress(MonitorError):
    """Another `monitor run` holds the lock on this database."""

    exit_code = 6


class RunLock:
    def __init__(self, db_path: Path):
        self.path = Path(f"{db_path}.lock")
        self._file = None

    def __enter__(self) -> RunLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+")  # noqa: SIM115 (held open for the lock's lifetime)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            handle.close()
            raise RunInProgress(
                f"another run (pid {holder}) is working on this database; try again later"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._file = handle
        return self

    def __exit__(self, *exc: object) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None
