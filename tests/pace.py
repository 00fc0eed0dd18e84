"""Whether requests kept a pace, read from the replay's request log (never from wall time).

Requests sent one ``interval`` apart: any ``n`` of them in a row span at least ``n - 1``
intervals, so no window of ``k`` intervals holds more than ``k + 1`` of them. Load can only
stretch a span (a client that gets its turn late sends late), with two exceptions that can
shorten it by a bounded amount: the replay notes a request when one of its handler threads gets
to it, and a loaded client may send a request a little after the turn it reserved (the next
turn is reserved from the turn, not from the late send). Either note may be behind the truth,
so every span is allowed to look shorter by a margin, once, whatever its length, and the spans
starting at one note may be shorter still (a late note shortens only the spans that start at
it): one late note cannot fail a test, and over a long run the rate is still held almost
exactly.

The margin is half an interval: 115 ms of lateness was seen at load average 17 on 2 cores, so
the tests pace at 300 ms or more. A note 160 ms late (at a 300 ms pace) was seen since in a
fresh-clone CI run, hence the one note whose spans are not read. Still caught: no pace (gaps
near 0), two workers each keeping the pace alone (half the spacing), two requests in one turn,
a pace 20% too fast over five or more requests.
"""

from __future__ import annotations


def pace_breaches(arrivals: list[float], interval: float) -> list[str]:
    """Each run of consecutive requests that came faster than one per ``interval`` allows.

    Every span (from any request to any later one) is checked, not only neighbours: a pace
    kept on average but broken by two requests sent in the same turn fails on the neighbours,
    and a pace a little too fast everywhere fails on the long spans. Empty when the pace held,
    or when it held but for the spans starting at one request: a note later than the margin
    shortens only the spans that start at it.
    """
    times = sorted(arrivals)
    breaches = _breaches(times, interval)
    if breaches and any(not _breaches(times, interval, late) for late in range(len(times))):
        return []
    return breaches


def _breaches(times: list[float], interval: float, late: int | None = None) -> list[str]:
    """The spans shorter than their intervals allow, but those starting at request ``late``."""
    margin = interval / 2
    breaches = []
    for first, start in enumerate(times):
        if first == late:
            continue
        for last in range(first + 1, len(times)):
            span = times[last] - start
            least = (last - first) * interval - margin
            if span < least:
                breaches.append(
                    f"requests {first + 1} to {last + 1} of {len(times)} came {span:.3f} s "
                    f"apart; the pace allows no less than {least:.3f} s"
                )
    return breaches
