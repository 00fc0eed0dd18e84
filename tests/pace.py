"""Whether requests kept a pace, read from the replay's request log (never from wall time).

Requests sent one ``interval`` apart: any ``n`` of them in a row span at least ``n - 1``
intervals, so no window of ``k`` intervals holds more than ``k + 1`` of them. Load can only
stretch a span (a client that gets its turn late sends late), with two exceptions that can
shorten it by a bounded amount: the replay notes a request when one of its handler threads gets
to it, and a loaded client may send a request a little after the turn it reserved. Either note
may be up to LATE seconds behind the truth, so every span is allowed to look LATE shorter, once,
whatever its length: a single late note cannot fail a test, and over a long run the rate is still
held almost exactly.
"""

from __future__ import annotations

# How far behind the wire a request's time may be noted on a loaded 2-core machine: a handler
# thread woken late, or a client process descheduled between reserving its turn and sending
# (23 ms was seen under `pytest -n 2` alone; a CPU-bound process beside it adds more).
LATE = 0.1


def pace_breaches(arrivals: list[float], interval: float, late: float = LATE) -> list[str]:
    """Each run of consecutive requests that came faster than one per ``interval`` allows.

    Every span (from any request to any later one) is checked, not only neighbours: a pace
    kept on average but broken by two requests sent in the same turn fails on the neighbours,
    and a pace a little too fast everywhere fails on the long spans. Empty when the pace held.
    """
    times = sorted(arrivals)
    breaches = []
    for first, start in enumerate(times):
        for last in range(first + 1, len(times)):
            span = times[last] - start
            least = (last - first) * interval - late
            if span < least:
                breaches.append(
                    f"requests {first + 1} to {last + 1} of {len(times)} came {span:.3f} s "
                    f"apart; the pace allows no less than {least:.3f} s"
                )
    return breaches
