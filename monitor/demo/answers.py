"""What the replay answers besides the fixtures' captures: the Wayback toolbar around an archived
page, and the pages of faults (a bot challenge, a login wall, a blocked site's CDX answer)."""

from __future__ import annotations

import html
import re

from monitor.demo.fixtures import (
    Capture,
    pad_timestamp,
)


def toolbar(body: bytes, capture: Capture, base: str, history: list[Capture]) -> bytes:
    """Wrap an archived body the way the Wayback web view does: scripts in <head>, a banner
    after <body>, an archival comment at the end. Extraction must learn to remove all three."""
    when = pad_timestamp(capture.timestamp)
    first, last = pad_timestamp(history[0].timestamp), pad_timestamp(history[-1].timestamp)
    head = (
        '\n<script src="/_static/js/bundle-playback.js?v=replay" charset="utf-8"></script>\n'
        '<link rel="stylesheet" type="text/css" href="/_static/css/banner-styles.css?v=replay" />\n'
        "<!-- End Wayback Rewrite JS Include -->\n"
    )
    banner = (
        "\n<!-- BEGIN WAYBACK TOOLBAR INSERT -->\n"
        '<div id="wm-ipp-base" lang="en" style="display:none;direction:ltr;">'
        '<div id="wm-ipp" style="position:fixed;left:0;top:0;right:0;">'
        f'<span id="wm-logo">The Wayback Machine - {base}/web/{capture.timestamp}/'
        f"{capture.url}</span>"
        f'<form id="wm-ipp-form" target="_top"><input id="wmtbURL" type="text" name="url" '
        f'value="{html.escape(capture.url)}"/><input type="submit" value="Go"/></form>'
        f'<div id="wm-capinfo"><a href="{base}/web/*/{capture.url}">{len(history)} captures</a> '
        f"{first:%d %b %Y} - {last:%d %b %Y}</div>"
        f'<div id="wm-date">{when:%b %d, %Y}</div>'
        '<a id="wm-btns" href="#close">About this capture</a>'
        "</div></div>\n<!-- END WAYBACK TOOLBAR INSERT -->\n"
    )
    footer = (
        f"\n<!--\n     FILE ARCHIVED ON {when:%H:%M:%S %b %d, %Y} AND RETRIEVED FROM THE\n"
        "     INTERNET ARCHIVE (REPLAY STAND-IN).\n-->\n"
    )
    text = body.decode("utf-8", errors="replace")
    text = re.sub(r"(<head\b[^>]*>)", lambda m: m[1] + head, text, count=1, flags=re.I)
    text = re.sub(r"(<body\b[^>]*>)", lambda m: m[1] + banner, text, count=1, flags=re.I)
    return (text + footer).encode("utf-8")


def simple_page(title: str, message: str) -> bytes:
    return (
        f"<!DOCTYPE html>\n<html><head><title>{title}</title></head>"
        f"<body><h1>{title}</h1><p>{message}</p></body></html>\n"
    ).encode()


CHALLENGE_PAGE = (
    b'<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>'
    b'<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">'
    b'<meta name="robots" content="noindex,nofollow"><meta http-equiv="refresh" content="390">'
    b'</head><body><div class="main-wrapper" role="main"><div class="main-content">'
    b'<h1 class="zone-name-title">Verifying you are human. This may take a few seconds.</h1>'
    b'<div id="challenge-stage"></div><noscript><div class="h2">Enable JavaScript and cookies to '
    b"continue</div></noscript></div></div>"
    b'<script src="/cdn-cgi/challenge-platform/orchestrate.js">'
    b"</script></body></html>\n"
)

SOFT_404_PAGE = (
    b'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
    b"<title>Page not found</title></head>"
    b'<body class="error404"><header><a href="/">Home</a></header>'
    b"<main><h1>Oops! Page not found</h1>"
    b"<p>Sorry, the page you are looking for does not exist or has been moved.</p>"
    b'<p><a href="/">Go back to the home page</a></p></main></body></html>\n'
)

LOGIN_PAGE = (
    b'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head>'
    b"<body><main><h1>Sign in to continue</h1>"
    b'<form method="post" action="/login"><label>Email <input type="email" name="email"></label>'
    b'<label>Password <input type="password" name="password"></label>'
    b'<button type="submit">Sign in</button></form>'
    b'<p><a href="/forgot">Forgot your password?</a></p></main></body></html>\n'
)

BLOCKED_ANSWER = (
    b"org.archive.util.io.RuntimeIOException: org.archive.wayback.exception."
    b"AdministrativeAccessControlException: Blocked Site Error\n"
)

CP1252_SAMPLE = (
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
    "<title>Privacy Policy</title></head><body><h1>Privacy Policy</h1>"
    "<p>We call this our “privacy promise” – we’ll never charge more than €10 for a copy of "
    "your data.</p></body></html>\n"
).encode("cp1252")


# ---------------------------------------------------------------------------------------------
# The server
