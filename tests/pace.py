"""Whether requests kept a pace, read from the replay's request log (never from wall time).

Requests sent one ``interval`` apart: any ``n`` of them in a row span at least ``n - 1``
intervals, so no window of ``k`` intervals holds more than ``k + 1`` of them. Load can only
stretch a span (a client that gets its turn late sends late), with two exceptions that can
shorten it by a bounded amount: the replay notes a request when one of its handler threads gets
to it, and a loaded client may send a request a little after the turn it reserved (the next
turn is reserved from the turn, not from the late send). Either note may be behind the truth,
so every span is allowed to look shorter by a margin, once, whatever its length: one late note
cannot fail a test, and over a long run the rate is still held almost exactly.

The margin is half an interval: 115 ms of lateness was seen at load average 17 on 2 cores, so
the tests pace at 300 ms or more. Still caught: no pace (gaps near 0), two workers each keeping
the pace alone (half the spacing), a pace 20% too fast over five or more requests.
"""

from __future__ import annotations


def pace_breaches(arrivals: list[float], interval: float) -> list[str]:
    """Each run of consecutive requests that came faster than one per ``interval`` allows.

    Every span (from any request to any later one) is checked, not only neighbours: a pace
    kept on average but broken by two requests sent in the same turn fails on the neighbours,
    and a pace a little too fast everywhere fails on the long spans. Empty when the pace held.
    """
    late = interval / 2
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
