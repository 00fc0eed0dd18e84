"""SIGTERM and SIGINT stop any command soon, keep what was stored, and say so in one line.

systemd and cron stop jobs with SIGTERM, people with Ctrl-C (SIGINT). Everything the store writes
is one transaction per capture, so stopping between two transactions loses nothing; the next run
finishes the job. The first signal asks the command to stop: a crawl stops starting requests and
jobs, lets the requests in flight finish for up to ``GRACE_SECONDS``, then stops its event loop
wherever it is (never inside a transaction: the loop runs one callback at a time); other commands
stop at the next Python step, except inside a `shielded` block (marking a sent message). The
command then records what it did and exits 128 + the signal's number (143 for SIGTERM, 130 for
SIGINT) with one line. A second signal ends the process at once, with one line and the same code.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from monitor.errors import Interrupted

GRACE_SECONDS = 8.0  # requests in flight may finish; the command still ends within 10 s
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)

_received: int | None = None
_shield_depth = 0


def received() -> int | None:
    """The stop signal this process received, if any."""
    return _received


def reset() -> None:
    """Forget a received signal (tests running several commands in one process)."""
    global _received
    _received = None


def install() -> None:
    """For commands without an event loop: the first signal raises `Interrupted` where the
    program is (as Ctrl-C raises KeyboardInterrupt), or when a `shielded` block ends."""
    for signum in STOP_SIGNALS:
        signal.signal(signum, _interrupt)


def install_for_loop(stop_gracefully: Callable[[], None], stop_now: Callable[[], None]) -> None:
    """For a crawl: the first signal calls ``stop_gracefully`` from the event loop and
    ``stop_now`` ``GRACE_SECONDS`` later if the loop still runs; the second ends the process."""
    from twisted.internet import reactor

    def first(signum: int, _frame) -> None:
        global _received
        if _received is not None:
            _exit_now(signum)
        _received = signum
        reactor.callFromThread(stop_gracefully)
        reactor.callFromThread(reactor.callLater, GRACE_SECONDS, stop_now)

    for signum in STOP_SIGNALS:
        signal.signal(signum, first)


@contextmanager
def shielded() -> Iterator[None]:
    """Hold a first signal off until the block ends (a short step that must not be cut)."""
    global _shield_depth
    _shield_depth += 1
    try:
        yield
    finally:
        _shield_depth -= 1
    if _shield_depth == 0 and _received is not None:
        raise Interrupted(_received)


def check() -> None:
    """Raise `Interrupted` if a stop signal arrived (for loops that poll between steps)."""
    if _received is not None and _shield_depth == 0:
        raise Interrupted(_received)


def _interrupt(signum: int, _frame) -> None:
    global _received
    if _received is not None:
        _exit_now(signum)
    _received = signum
    if _shield_depth == 0:
        raise Interrupted(signum)


def _exit_now(signum: int) -> None:
    """The second signal: no cleanup, no traceback; SQLite's journal keeps the file whole."""
    name = signal.Signals(signum).name
    os.write(2, f"Error: interrupted again by {name}; stopped at once\n".encode())
    os._exit(128 + signum)
