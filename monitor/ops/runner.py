"""`monitor run`: the unattended job cron starts. Does what is due, records how it went.

A frequent cron line (say every 15 minutes) only fetches the sites whose ``every:`` has elapsed
since their last successful fetch; their Wayback history is checked for new captures less often
(``archive_every``, weekly by default), since the archive changes slowly and its limits are strict.
Each site's outcome is recorded in ``site_runs``, which is what due times and `monitor status`
are computed from, so a crash mid-run simply leaves the site due for the next run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from monitor.config import Settings, Site
from monitor.ops.jobs import run_spiders
from monitor.ops.lock import RunLock
from monitor.ops.summary import CrawlSummary
from monitor.store import Store

DEFAULT_ARCHIVE_EVERY = 7 * 86400
DEFAULT_OPERATOR_AFTER = 3  # failed runs in a row before the operator hears of it


@dataclass
class SiteOutcome:
    slug: str
    due: bool
    ok: bool = True
    archive_checked: bool = False
    error: str | None = None
    consecutive_failures: int = 0
    next_due: str | None = None
    counts: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "site": self.slug,
            "due": self.due,
            "ok": self.ok,
            "archive_checked": self.archive_checked,
            "error": self.error,
            "consecutive_failures": self.consecutive_failures,
            "next_due": self.next_due,
            **self.counts,
        }


@dataclass
class RunReport:
    run_id: int | None
    sites: list[SiteOutcome]
    stop_reason: str | None = None
    deliveries: list = field(default_factory=list)  # notify.DeliveryResult, alerts and operator

    @property
    def failed(self) -> bool:
        return bool(self.stop_reason) or any(not s.ok for s in self.sites)

    @property
    def undelivered(self) -> bool:
        return any(d.status in ("failed", "deferred") for d in self.deliveries)


def parse_stamp(stamp: str) -> datetime:
    return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def is_due(last: str | None, every: int, now: datetime) -> bool:
    """Due when never done, or ``every`` has passed (less a little slack for cron jitter)."""
    if last is None:
        return True
    slack = min(300.0, every * 0.1)
    return (now - parse_stamp(last)).total_seconds() >= every - slack


def run(
    settings: Settings,
    sites: list[Site],
    *,
    force: bool = False,
    archive_every: int = DEFAULT_ARCHIVE_EVERY,
    operator_after: int = DEFAULT_OPERATOR_AFTER,
    overrides: dict | None = None,
    now: datetime | None = None,
) -> RunReport:
    """Fetch what is due, record each site's outcome; raises RunInProgress if already running.

    ``force`` fetches every live page now; archives keep their own, slower schedule. With an
    apprise config in ``settings``, the live crawl queues alerts (new archive captures are
    imported silently first, so the newest pair is the live crawl's to judge), then every
    pending alert is delivered, and a site failing ``operator_after`` runs in a row, or whose
    policy shrank or emptied, alerts the URLs tagged ``operator`` instead of subscribers.
    """
    now = now or datetime.now(UTC)
    alerting = settings.apprise_config is not None
    if alerting:
        from monitor.delivery import notify  # apprise loads ~200 plugins: only when alerting

        notify.subscribers_for(settings)  # a bad apprise config fails before any fetch
    with RunLock(settings.db):
        with Store(settings.db) as store:
            store.sync_sites(sites)
            outcomes = {}
            live: list[Site] = []
            archive: list[Site] = []
            for site in sites:
                last = store.last_success(site.slug)
                due = force or is_due(last, site.every, now)
                outcome = SiteOutcome(site.slug, due)
                if not due:
                    outcome.next_due = _stamp(parse_stamp(last) + timedelta(seconds=site.every))
                else:
                    live.append(site)
                    last_archive = store.last_success(site.slug, archive=True)
                    if is_due(last_archive, archive_every, now):
                        archive.append(site)
                        outcome.archive_checked = True
                outcomes[site.slug] = outcome
            run_id = store.start_run("run", os.getpid()) if live else None
        report = RunReport(run_id, list(outcomes.values()))
        if live:
            jobs = [("live", {"sites": live, "notify": alerting})]
            if archive:
                jobs.insert(0, ("wayback", {"sites": archive, "notify": False}))
            summary = run_spiders(settings, live, jobs, overrides)
            report.stop_reason = summary.stop_reason
        with Store(settings.db) as store:
            # Stopped by a signal, no site's outcome is recorded: what was stored stays, every
            # site stays due, and the next run finishes the job without counting a failure.
            if live and not summary.interrupted:
                with store.atomic():  # one commit for every site's outcome, not one per site
                    _record(store, run_id, summary, outcomes, operator_after)
            if alerting and not (live and (summary.interrupted or summary.store_error)):
                report.deliveries = notify.deliver_pending(store, settings)
                report.deliveries += notify.deliver_operator_alerts(store, settings)
            if live:
                store.finish_run(run_id, ok=not summary.failed)
                summary.raise_for_stop()
    return report


def _record(
    store: Store, run_id: int, summary: CrawlSummary, outcomes: dict, operator_after: int
) -> None:
    for site_summary in summary.sites:
        outcome = outcomes[site_summary.slug]
        outcome.ok = not site_summary.failed and not summary.stop_reason
        outcome.error = site_summary.last_error or (None if outcome.ok else summary.stop_reason)
        outcome.counts = dict(site_summary.counts)
        store.record_site_run(
            run_id,
            site_summary.slug,
            ok=outcome.ok,
            archive_checked=outcome.archive_checked and outcome.ok,
            error=outcome.error,
            counts=outcome.counts,
        )
        outcome.consecutive_failures = store.consecutive_failures(site_summary.slug)
        if outcome.consecutive_failures == operator_after:  # once per streak
            store.queue_operator_alert(
                site_summary.slug,
                "failing",
                f"failing:{site_summary.slug}:{run_id}",
                f"{site_summary.slug} failed {operator_after} runs in a row; last error: "
                f"{outcome.error}",
            )


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
