"""Deliver alerts through apprise: the outbox drained, each subscriber URL on its own.

Subscribers come from an apprise configuration file (apprise's own YAML or text format, with
tags). The store never sees their URLs, which carry passwords and tokens: a subscriber is known
by an HMAC-SHA256 fingerprint of its URL, keyed by a secret kept in a file beside the database
(``<db>.alert-key``, or ``MONITOR_ALERT_KEY_FILE``), so a copied or published database cannot
be used to confirm a guessed URL. See docs/decisions/0008-alerts-go-through-an-outbox.md.

Every URL is sent to on its own, so one that is down or wrong never blocks the others; its rows
stay pending and are retried, with exponential backoff, by later runs. Logs and results show URLs
only as apprise redacts them (``url(privacy=True)``).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import secrets
import socket
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import apprise
from apprise.common import MATCH_ALL_TAG, NotifyFormat, NotifyType

from monitor.config import Settings, alert_key_path
from monitor.delivery.alerts import Subscriber
from monitor.delivery.message import escape, render_alert
from monitor.errors import ConfigError, Interrupted, MonitorError, StoreWriteError
from monitor.logs import redact as redact_line
from monitor.logs import remember_secrets
from monitor.ops import signals
from monitor.store import Store
from monitor.store.claims import MAX_IN_DOUBT, UNCONFIRMED

log = logging.getLogger("monitor.notify")

MAX_BACKOFF = timedelta(hours=6)
SEND_TIMEOUT = 60  # seconds one URL may take before it counts as failed
DEFAULT_LEASE = 600  # seconds a delivery holds a claimed row: well over SEND_TIMEOUT
SETTLE_TRIES = 4  # busy timeouts waited out to record a message that was sent
KEY_BYTES = 32
# Query options apprise adds to every URL it prints back: settings, not secrets.
APPRISE_OPTIONS = {"overflow", "retry", "wait", "optional", "cto", "method", "format", "verify"}


@dataclass(frozen=True)
class Channel:
    """One apprise URL, loaded: what may be stored (subscriber), shown (label) and used."""

    subscriber: Subscriber
    label: str  # apprise's redacted form of the URL: safe for logs and terminals
    service: object = field(compare=False, repr=False)

    @property
    def short(self) -> str:
        return self.subscriber.fingerprint[:12]


@dataclass
class DeliveryResult:
    """What happened to one message for one URL in this run."""

    status: str  # sent | failed | deferred (its channel failed earlier this run) | unmatched
    # | unconfirmed (sent twice by deliveries that crashed before recording it; not sent again)
    subscriber: str
    label: str | None
    title: str | None = None
    site: str | None = None
    error: str | None = None
    attempts: int = 0
    next_try: str | None = None

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "subscriber": self.subscriber,
            "url": self.label,
            "site": self.site,
            "title": self.title,
            "error": self.error,
            "attempts": self.attempts,
            "next_try": self.next_try,
        }


# -- the key and the fingerprints -------------------------------------------------------------


def alert_key(path: Path) -> bytes:
    """The secret that keys fingerprints; created (mode 600) on first use."""
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read the alert key {path}: {exc}") from None
    key = secrets.token_bytes(KEY_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first: use theirs
        return alert_key(path)
    except OSError as exc:
        raise ConfigError(f"cannot create the alert key {path}: {exc}") from None
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key.hex() + "\n")
    return key


def fingerprint(key: bytes, url: str) -> str:
    """HMAC-SHA256 of an apprise URL: stable for one key, useless without it."""
    return hmac.new(key, url.encode("utf-8"), hashlib.sha256).hexdigest()


# -- loading the apprise configuration --------------------------------------------------------


def load_channels(config: Path, key: bytes) -> list[Channel]:
    """Every URL of an apprise configuration file, deduplicated, with its tags."""
    if not config.is_file():
        raise ConfigError(f"apprise config not found: {config}")
    loader = apprise.AppriseConfig()
    with apprise.LogCapture(level=logging.WARNING) as problems:
        loaded = loader.add(str(config)) and len(loader.services()) > 0
    if not loaded:
        detail = redact_line(_first_line(problems.getvalue())) or "no notification URLs in it"
        raise ConfigError(f"apprise config {config} cannot be used: {detail}")
    merged: dict[str, Channel] = {}
    for service in loader.services():
        url = service.url(privacy=False)
        subscriber = Subscriber(fingerprint(key, url), frozenset(str(t) for t in service.tags))
        known = merged.get(subscriber.fingerprint)
        if known is not None:  # the same URL listed twice: one subscriber with both tag sets
            subscriber = Subscriber(subscriber.fingerprint, subscriber.tags | known.subscriber.tags)
        merged[subscriber.fingerprint] = Channel(subscriber, _label(service), service)
        remember_secrets(_secret_parts(url))  # no log line of this process shows them
    return list(merged.values())


def channels_for(settings: Settings) -> list[Channel]:
    """The configured channels, or a clear error when no apprise config is set."""
    if settings.apprise_config is None:
        raise ConfigError("no apprise config: pass --apprise-config or set MONITOR_APPRISE_CONFIG")
    return load_channels(settings.apprise_config, alert_key(alert_key_path(settings)))


def subscribers_for(settings: Settings) -> list[Subscriber] | None:
    """What queueing needs (fingerprints and tags); None when alerts are not configured."""
    if settings.apprise_config is None:
        return None
    return [channel.subscriber for channel in channels_for(settings)]


# -- delivery ---------------------------------------------------------------------------------


def deliver_pending(
    store: Store, settings: Settings, *, now: datetime | None = None, retry_now: bool = False
) -> list[DeliveryResult]:
    """Send every outbox row that is due, marking each by its URL's own result.

    A row whose URL fails stays pending with its next try pushed back (doubling from
    ``settings.notify_backoff`` up to six hours); the other rows of that URL wait for the next
    run rather than fail again now. Rows whose fingerprint matches no configured URL (a URL
    removed from the config, a different key) stay pending and are reported as unmatched.
    ``retry_now`` sends every pending row whatever its next try (after fixing a channel).
    """
    now = now or datetime.now(UTC)
    channels = {c.subscriber.fingerprint: c for c in channels_for(settings)}
    owner = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
    failed_now: dict[str, str] = {}
    results = []
    for delivery in store.pending_deliveries(due_by=None if retry_now else _iso(now)):
        channel = channels.get(delivery.subscriber)
        base = DeliveryResult(
            status="unmatched",
            subscriber=delivery.subscriber[:12],
            label=channel.label if channel else None,
            site=delivery.site,
            attempts=delivery.attempts,
            next_try=delivery.next_try,
            error=delivery.last_error,
        )
        if channel is None:
            base.error = "no URL in the apprise config has this fingerprint"
            results.append(base)
            continue
        if delivery.subscriber in failed_now:
            base.status = "deferred"
            base.error = failed_now[delivery.subscriber]
            results.append(base)
            continue
        signals.check()  # a stop signal ends the delivery between two messages
        lease_end = _iso(datetime.now(UTC) + timedelta(seconds=_lease_seconds()))
        in_doubt = store.claim_delivery(delivery.id, owner, lease_end)
        if in_doubt is None:  # sent meanwhile, or another delivery holds it
            continue
        base.attempts = delivery.attempts + 1
        if in_doubt >= MAX_IN_DOUBT:  # sent twice already, both outcomes lost: no third time
            _settle(store.settle_sent, delivery.id, owner, UNCONFIRMED)
            base.status, base.error, base.next_try = "unconfirmed", UNCONFIRMED, None
            log.warning("alert to %s: %s", channel.label, UNCONFIRMED)
            results.append(base)
            continue
        try:
            base.title, body = render_alert(
                store.alert_evidence(delivery.alert_id),
                delivery.threshold,
                wayback_url=settings.wayback_url,
                report_url=settings.report_url,
            )
            store.mark_sending(delivery.id, owner)
            error = send(channel, base.title, body)
            if error is not None:
                signals.check()  # a send cut short by a stop signal is in doubt, not failed
        except BaseException:
            # stopped before or during the send: give the row back (still in doubt if it went
            # out), so the next delivery sends it, once, without waiting for the lease
            with suppress(MonitorError), signals.shielded():
                store.release_delivery(delivery.id, owner)
            raise
        with signals.shielded():  # a sent message is recorded before a signal ends the command
            if error is None:
                _settle(store.settle_sent, delivery.id, owner)
                base.status, base.error, base.next_try = "sent", None, None
                log.info("alert sent to %s: %s", channel.label, base.title)
            else:
                next_try = _iso(now + _backoff(settings.notify_backoff, delivery.attempts))
                _settle(store.settle_failed, delivery.id, owner, error, next_try)
                failed_now[delivery.subscriber] = error
                base.status, base.error, base.next_try = "failed", error, next_try
                log.warning(
                    "alert to %s failed (retry after %s): %s", channel.label, next_try, error
                )
        results.append(base)
    return results


def _settle(record, *arguments) -> None:
    """Record a message's outcome, waiting out a busy database a few times over: the message
    went out, so giving up early would send it again. If the database stays busy (or is full)
    the command fails in one line; the row stays in doubt and is sent at most once more."""
    for attempt in range(1, SETTLE_TRIES + 1):
        try:
            record(*arguments)
            return
        except StoreWriteError as exc:
            if "busy" not in str(exc) or attempt == SETTLE_TRIES:
                raise StoreWriteError(
                    f"{exc} (the message was sent; recording it failed)"
                ) from None
            log.warning("%s; trying again to record a sent message", exc)


def _lease_seconds() -> float:
    """How long a claimed row is held (``MONITOR_NOTIFY_LEASE``) before another delivery may
    take it over: longer than a send may take."""
    raw = os.environ.get("MONITOR_NOTIFY_LEASE", str(DEFAULT_LEASE))
    try:
        return float(raw)
    except ValueError:
        raise ConfigError(f"MONITOR_NOTIFY_LEASE must be seconds, not {raw!r}") from None


OPERATOR_TAG = "operator"


def deliver_operator_alerts(store: Store, settings: Settings) -> list[DeliveryResult]:
    """Send pending operator alerts (failing sites, broken pages) to URLs tagged ``operator``.

    An alert is marked sent once every operator URL took it; until then it stays pending and
    the next run tries again. Without any operator URL it stays pending and is reported.
    """
    operators = [c for c in channels_for(settings) if OPERATOR_TAG in c.subscriber.tags]
    results = []
    for alert in store.pending_operator_alerts():
        title = f"policy-monitor needs attention: {alert['site']} ({alert['kind']})"
        body = escape(alert["detail"])
        if not operators:
            results.append(
                DeliveryResult(
                    status="unmatched",
                    subscriber="-",
                    label=None,
                    site=alert["site"],
                    title=title,
                    error=f"no URL tagged {OPERATOR_TAG!r} in the apprise config",
                )
            )
            continue
        errors = []
        for channel in operators:
            error = send(channel, title, body)
            if error:
                errors.append(error)
            results.append(
                DeliveryResult(
                    status="failed" if error else "sent",
                    subscriber=channel.short,
                    label=channel.label,
                    site=alert["site"],
                    title=title,
                    error=error,
                    attempts=1,
                )
            )
        if not errors:
            store.mark_operator_alert_sent(alert["id"])
    return results


def send_test(settings: Settings) -> list[DeliveryResult]:
    """Send a short test message to every configured URL; nothing is stored."""
    results = []
    title = "policy-monitor test message"
    body = (
        "This is a test from **policy-monitor**: alerts about material changes to the privacy "
        "policies it watches will arrive here."
    )
    for channel in channels_for(settings):
        error = send(channel, title, body)
        results.append(
            DeliveryResult(
                status="sent" if error is None else "failed",
                subscriber=channel.short,
                label=channel.label,
                title=title,
                error=error,
                attempts=1,
            )
        )
    return results


def send(channel: Channel, title: str, body: str) -> str | None:
    """Send one Markdown message to one URL: None when delivered, else why not (redacted)."""
    single = apprise.Apprise()
    single.add(channel.service)
    try:
        result = single.notify(
            body=body,
            title=title,
            body_format=NotifyFormat.MARKDOWN,
            notify_type=NotifyType.WARNING,
            tag=MATCH_ALL_TAG,
            timeout=SEND_TIMEOUT,
        )
    except Interrupted:  # a stop signal, not a failed send
        raise
    except Exception as exc:  # a plugin bug must not stop the other URLs
        return redact(f"{type(exc).__name__}: {exc}", channel)
    if result:
        return None
    messages = [entry.message for entry in result.logs() if entry.message]
    detail = messages[-1] if messages else f"apprise reported {result.status.name.lower()}"
    return redact(detail, channel)


def redact(text: str, channel: Channel) -> str:
    """Remove the URL's secrets (the full URL, password, path and query values) from text."""
    secrets_in_url = _secret_parts(channel.service.url(privacy=False))
    for secret in sorted(secrets_in_url, key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


def _secret_parts(url: str) -> set[str]:
    """Every part of an apprise URL that may be a secret: password, path tokens (webhook ids
    and tokens, Slack's and Discord's), query and header values (``+Authorization=...``)."""
    parts = urlsplit(url)
    candidates = {url, parts.password or "", unquote(parts.password or "")}
    candidates.update(s for s in parts.path.split("/") if not _plain_word(s))
    for pair in parts.query.split("&"):
        name, _, value = pair.partition("=")
        if name not in APPRISE_OPTIONS:
            plain = unquote(value.replace("+", " "))
            candidates.update({value, unquote(value), plain})
            candidates.update(piece for piece in plain.split() if len(piece) >= 8)
    return {c for c in candidates if len(c) >= 6}


def _plain_word(segment: str) -> bool:
    """A path segment that names a place (``hook``, ``services``), not a token."""
    return segment.isalpha() and segment.islower() and len(segment) <= 12


def _label(service) -> str:
    """apprise's redacted URL without the options apprise adds to every URL, and with what its
    privacy view leaves in (path tokens of JSON/XML/form webhooks, header and query values)
    masked too."""
    parts = urlsplit(service.url(privacy=True))
    path = "/".join(
        segment if _shown(unquote(segment)) else "***" for segment in parts.path.split("/")
    )
    query = "&".join(
        _masked_option(pair)
        for pair in parts.query.split("&")
        if pair and pair.split("=")[0] not in APPRISE_OPTIONS
    )
    return parts._replace(path=path, query=query).geturl()


def _shown(segment: str) -> bool:
    """Path segments a label may show: empty, masked by apprise, plain words, e-mail addresses."""
    return (
        not segment
        or "..." in segment
        or "*" in segment
        or _plain_word(segment)
        or re.fullmatch(r"[^@\s/]+@[\w.-]+", segment) is not None
    )


SECRET_OPTION = re.compile(r"pass|token|key|secret|auth|sig|code|hook|session|cookie", re.I)


def _masked_option(pair: str) -> str:
    """``name=value`` with the value masked when it is a header (``+Name``), a form or query
    field (``-name``, ``:name``) or named like a secret; plugin settings stay readable."""
    name, _, value = pair.partition("=")
    plain = unquote(name)
    if value and (plain[:1] in "+-:" or SECRET_OPTION.search(plain)):
        return f"{name}=***"
    return pair


def _backoff(base: float, previous_attempts: int) -> timedelta:
    seconds = base * 2 ** min(previous_attempts, 20)
    return min(timedelta(seconds=seconds), MAX_BACKOFF)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")
