"""Does a page's HTML read like an app shell, whose text only a browser running its scripts sees?

Many clinic and health sites build their pages in the browser: the HTML holds an empty
``<div id="root">``, a "Loading..." line, a ``<noscript>`` notice and scripts. The crawler sends
such pages to a browser (crawler/rendering.py); everything else is read as fetched. A shell needs
scripts and little visible text, plus one sign of an app (a root element, a noscript notice, a
loading line): a short plain page (a 404, a stub) has no scripts to run and is never sent.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

SHELL_MAX_WORDS = 60  # a policy is hundreds of words; a shell's chrome is a few dozen at most
ROOT_IDS = frozenset(
    {"root", "app", "__next", "__nuxt", "___gatsby", "svelte", "main-app", "q-app"}
)
ROOT_ATTRIBUTES = ("data-reactroot", "ng-version", "ng-app", "data-v-app", "data-server-rendered")
LOADING = re.compile(
    r"\bloading\b|please wait|enable javascript|javascript (?:is )?(?:required|disabled)"
    r"|requires javascript|turn on javascript|chargement|cargando|wird geladen",
    re.IGNORECASE,
)
_INVISIBLE = ("script", "style", "noscript", "template", "svg")


def looks_like_shell(html: str) -> bool:
    """True when ``html`` is an app shell or loading screen that scripts fill in."""
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return False
    if not root.xpath("//script"):
        return False
    has_noscript = bool(root.xpath("//noscript"))
    text = visible_text(root, SHELL_MAX_WORDS + 1)
    words = len(text.split())
    if words > SHELL_MAX_WORDS:
        return False
    return has_noscript or _has_app_root(root) or bool(LOADING.search(text)) or words < 5


def reads_as_loading(text: str) -> bool:
    """A rendered page's visible text is still a loading screen (few words, or a loading line)."""
    words = text.split()
    return len(words) < 5 or (len(words) <= SHELL_MAX_WORDS and bool(LOADING.search(text)))


def visible_text(root: lxml.html.HtmlElement, enough: int | None = None) -> str:
    """The text a reader would see, without scripts, styles and noscript notices; with
    ``enough``, it stops after that many words (a policy page is long, and read on every run).
    Removes the invisible elements from ``root``."""
    for element in list(root.iter(*_INVISIBLE)):
        element.drop_tree()  # keeps the element's tail, which is visible
    body = root.find("body")
    parts, count = [], 0
    for piece in (body if body is not None else root).itertext():
        parts.append(piece)
        count += len(piece.split())
        if enough is not None and count >= enough:
            break
    return " ".join(" ".join(parts).split())


def _has_app_root(root: lxml.html.HtmlElement) -> bool:
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.get("id") in ROOT_IDS:
            return True
        if any(name in element.attrib for name in ROOT_ATTRIBUTES):
            return True
    return False
