"""Delivery: who is owed an alert (written to the outbox inside the ingest transaction), the
message it becomes, and sending it through apprise.

``monitor.delivery.notify`` (apprise, ~200 plugins) is imported only where alerts are sent.
"""

from monitor.delivery.alerts import Subscriber, queue_alerts
from monitor.delivery.message import render_alert

__all__ = ["Subscriber", "queue_alerts", "render_alert"]
