"""Logging for people and for log shippers, with secrets taken out of every line.

Scrapy and our own code log through the standard library; one handler on the root logger
formats every record (human-readable text or one JSON object per line) and redacts credentials
in URLs and apprise-style tokens before anything reaches a file or a terminal.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime

# user:password@ in any URL, and query parameters that carry secrets
URL_CREDENTIALS = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)[^/\s:@]+(?::[^/\s@]*)?@", re.I)
# user:password@host where the scheme was already cut off (e.g. in error messages)
BARE_CREDENTIALS = re.compile(r"(?<![\w/])[^\s/:@'\"]+:[^\s/@'\"]+@(?=[\w.-])")
SECRET_PARAMS = re.compile(
    r"(?P<key>[?&](?:pass(?:word)?|token|key|secret|apikey|api_key|auth)=)[^&\s]+", re.I
)
# apprise service URLs hold their tokens in the path (slack://T/B/C, discord://id/token, ...)
APPRISE_URL = re.compile(
    r"\b(?P<scheme>(?:slack|discord|msteams|tgram|pover|pushover|json|jsons|xml|xmls|form|forms"
    r"|mailto|mailtos|matrix|matrixs|ntfy|ntfys|gotify|gotifys|rocket|rockets|mattermost"
    r"|mmost|mmosts|signal|signals|twilio|zulip|webex|wxteams)://)[^\s'\"<>]+",
    re.I,
)


# Secrets of the apprise URLs loaded by this process (webhook path tokens, header values...):
# they are taken out of every line even where no URL shape gives them away.
_KNOWN_SECRETS: set[str] = set()


def remember_secrets(secrets: set[str]) -> None:
    """Redact these strings from every later line (the parts of a loaded apprise URL)."""
    _KNOWN_SECRETS.update(secret for secret in secrets if secret)


def redact(text: str) -> str:
    """The text with credentials, secret query parameters and apprise URL paths replaced."""
    for secret in sorted(_KNOWN_SECRETS, key=len, reverse=True):
        text = text.replace(secret, "<redacted>")
    text = APPRISE_URL.sub(lambda m: f"{m.group('scheme')}<redacted>", text)
    text = URL_CREDENTIALS.sub(lambda m: f"{m.group('scheme')}<redacted>@", text)
    text = BARE_CREDENTIALS.sub("<redacted>@", text)
    return SECRET_PARAMS.sub(lambda m: f"{m.group('key')}<redacted>", text)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["error"] = redact(self.formatException(record.exc_info).splitlines()[-1])
        return json.dumps(entry, ensure_ascii=False)


def setup_logging(level: str = "WARNING", log_format: str = "text") -> None:
    """Send every log record to stderr, formatted and redacted; replaces earlier handlers."""
    numeric_level = getattr(logging, level.upper(), logging.WARNING)
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(numeric_level)
    handler.addFilter(RedactingFilter())
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(
            logging.Formatter(
                "%(asctime)s %(levelname)s %(name)s: %(message)s", "%Y-%m-%d %H:%M:%S"
            )
        )
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(numeric_level)
