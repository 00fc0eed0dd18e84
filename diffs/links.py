"""Where a policy's links point, kept in its text: "cliquez ici <drive.google.com/file/d/1oc...>".

A policy often delegates to a linked document (the list of processors, the cookie table, the
contact form), and pointing that link at another document is a change of the policy even when no
visible word moved. So each link's target is written after its text, in angle brackets, where a
reader sees it and the diff compares it. What is left out says nothing about the policy: links
within the page (tables of contents, heading anchors), scripts, Cloudflare's e-mail protection,
and targets that repeat the link's own text.

Links to other pages of the same site are left out too: themes add and drop them ("book an
appointment" becomes a link), and a site that moves renames them all. Files on the same site (the
PDF of the processors' list) are kept, written as a path ("</docs/processors.pdf>"), so a move to a
new domain or to https does not touch them; targets elsewhere keep their host.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urljoin, urlsplit

# A kept target inside a clause: " <path-or-url>" (no spaces or angle brackets inside).
TARGET = re.compile(r" ?<([^<>\s]+)>")
_WAYBACK_PREFIX = re.compile(r"^(?:https?://[^/]+)?/web/\d{1,14}(?:[a-z]{2}_)?/", re.IGNORECASE)
_DROPPED_SCHEMES = ("javascript:", "data:", "about:", "blob:")
_EMAIL_PROTECTION = "/cdn-cgi/l/email-protection"
_DOCUMENT_SUFFIXES = (
    ".pdf",
    ".doc",
    ".docx",
    ".odt",
    ".rtf",
    ".txt",
    ".xls",
    ".xlsx",
    ".csv",
    ".ods",
)
# What two spellings of one address differ in: "https://www." and "http://", "//".
SCHEME_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//(?:www\.)?", re.IGNORECASE)


def _host(netloc: str) -> str:
    return netloc.lower().split("@")[-1].split(":")[0].removeprefix("www.")


def _plain(text: str) -> str:
    """A target or label compared loosely: "https://www.x.com/" and "x.com" are one."""
    return SCHEME_HOST.sub("", unquote(text.strip())).rstrip("/").casefold()


def target(label: str, href: str | None, page_url: str | None = None) -> str | None:
    """What to write after a link's text, or None when the target adds nothing."""
    href = " ".join((href or "").split())
    label = " ".join(label.split())
    if not href or not label or href.startswith("#") or href.lower().startswith(_DROPPED_SCHEMES):
        return None
    href = _WAYBACK_PREFIX.sub("", href)
    lowered = href.lower()
    if lowered.startswith(("mailto:", "tel:")):
        address = unquote(href.split(":", 1)[1].split("?", 1)[0]).strip()
        same = address.casefold() == label.casefold()
        if lowered.startswith("tel:"):
            same = re.sub(r"\D", "", address) == re.sub(r"\D", "", label)
        return None if same or not address else address
    if _EMAIL_PROTECTION in href:
        return None
    absolute = urljoin(page_url, href) if page_url else href
    parts, page = urlsplit(absolute), urlsplit(page_url or "")
    same_site = not parts.netloc or _host(parts.netloc) == _host(page.netloc)
    if parts.scheme in ("", "http", "https") and same_site:
        if not parts.path.lower().endswith(_DOCUMENT_SUFFIXES):
            return None  # another page of the site, or this one at an anchor
        shown = parts.path
        shown += f"?{parts.query}" if parts.query else ""
        shown += f"#{parts.fragment}" if parts.fragment else ""
    else:
        shown = absolute
    shown = shown.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
    return None if _plain(shown) == _plain(label) else shown


def without_targets(text: str) -> str:
    """The words a reader reads, without the kept link targets."""
    return TARGET.sub("", text)


def reachable(text: str) -> str:
    """The words a reader reads and the e-mail addresses the links write to: "Contact us
    <dpo@acme.com>" gives the address as surely as "By email: dpo@acme.com"."""
    return TARGET.sub(_address_kept, text)


def _address_kept(target: re.Match[str]) -> str:
    address = target.group(1).removeprefix("mailto:")
    return f" ({address})" if _EMAIL.fullmatch(address) else ""


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def targets(text: str) -> list[str]:
    return TARGET.findall(text)


_LOCALE_SEGMENT = re.compile(r"/[a-z]{2}(?:[-_][a-z]{2})?(?=/|$)", re.IGNORECASE)


def same_page(url: str) -> str:
    """A link's page, whatever the scheme, "www.", locale segment ("/en-GB/"), query,
    fragment or trailing slash: what a re-extraction or a visitor's locale changes."""
    url = re.sub(r"^(?:https?:)?//(?:www\.)?", "", url.strip().casefold())
    url = re.split(r"[?#]", url, maxsplit=1)[0]
    host, _, path = url.partition("/")
    return host + _LOCALE_SEGMENT.sub("", "/" + path).rstrip("/")
