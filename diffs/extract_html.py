"""HTML to raw blocks: keep the policy body, drop page chrome, and let only blocks split text."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import lxml.html
from cssselect import SelectorError
from lxml import etree

from .document import RawBlock
from .extract_text import TOC_TITLE, is_marked_heading
from .links import target
from .rules import Boundary

# Never text a reader sees.
_NON_TEXT_TAGS = frozenset(
    "script style noscript template svg math iframe object embed input select textarea button "
    "link meta head canvas audio video map".split()
)
# Page chrome, unless it turns out to hold the policy (ASP.NET wraps whole pages in a <form>;
# an unclosed <nav> swallows the rest of the page).
_CHROME_TAGS = frozenset({"form", "nav", "aside", "dialog", "menu"})
_PAGE_CHROME_TAGS = frozenset({"header", "footer"})
_CHROME_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog"}
)
_CHROME_NAME = re.compile(
    r"(?:cookie|consent|gdpr|ccpa)[-_]?(?:banner|bar|notice|popup|pop-up|modal|dialog|overlay"
    r"|prompt|message|box|law|wrapper|container|settings|manager)"
    r"|onetrust|cookiebot|cookieyes|didomi|usercentrics|qc-cmp|truste|cc-(?:window|banner)"
    r"|social[-_]?(?:share|links|icons|media)|share[-_]?(?:bar|buttons|links|this)|addthis"
    r"|sharethis|breadcrumb|skip[-_]?(?:link|to|nav|content)|^skip$|back[-_]?to[-_]?top"
    r"|(?:scroll|to)[-_]top"
    r"|^(?:site|page|global|top)?[-_]?(?:header|footer|topstrip|top[-_]?bar|masthead|menubar"
    r"|navbar|sidebar)(?:$|_)",
    re.IGNORECASE,
)
# Wayback Machine playback inserts (toolbar, donation banner): never part of the archived page.
_ARCHIVE_ID = re.compile(r"^(?:wm-|donato)")
# Class/id names are only trusted on containers: a heading with id="consent" is policy text.
_CHROME_NAME_TAGS = frozenset("div section span ul ol p a table td".split())
_CHROME_LINK_TEXT = re.compile(
    r"^\W*(?:back to top|to top|top of page|skip to (?:main )?content|skip navigation)\W*$",
    re.IGNORECASE,
)
_TOC_MIN_LINKS = 3
_MAIN_XPATHS = ("//main", "//*[@role='main']", "//article")
_MAIN_MIN_SHARE = 0.3
_CONTENT_XPATH = ".//main | .//article | .//*[@role='main']"
_CHROME_MAX_SHARE = 0.5
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCK_TAGS = frozenset(
    "address article blockquote body caption center dd details div dl dt fieldset figcaption "
    "figure footer h1 h2 h3 h4 h5 h6 header hr html legend li main ol p pre section summary "
    "table tbody td tfoot th thead tr ul".split()
)
_BOLD_TAGS = frozenset({"b", "strong"})
_ITALIC_TAGS = frozenset({"i", "em"})
# A block whose class or id says it is a title ("title", "section-heading", "title--sub"):
# themes that use <div>s for headings. "sub" in the name means one level deeper.
_TITLE_NAME = re.compile(r"^(?:[\w-]*[-_])?(?:title|heading|headline)(?:$|[-_])", re.IGNORECASE)
_SUB_NAME = re.compile(r"sub", re.IGNORECASE)
_BOLD_HEADING_MAX_CHARS = 100
_LINK_DENSE_MIN_LINKS = 3
_LINK_DENSE_SHARE = 0.9
_WAYBACK_TOOLBAR = ("<!-- BEGIN WAYBACK TOOLBAR INSERT -->", "<!-- END WAYBACK TOOLBAR INSERT -->")
_PARSER = lxml.html.HTMLParser(huge_tree=True)  # no depth limit: deep nesting must not lose text
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_PARSER_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _strip_wayback_toolbar(markup: str) -> str:
    start = markup.find(_WAYBACK_TOOLBAR[0])
    if start < 0:
        return markup
    end = markup.find(_WAYBACK_TOOLBAR[1], start)
    return markup[:start] + (markup[end + len(_WAYBACK_TOOLBAR[1]) :] if end >= 0 else "")


def parse(markup: str) -> lxml.html.HtmlElement | None:
    """Parse leniently; None when there is nothing to parse."""
    markup = _XML_DECLARATION.sub("", _PARSER_UNSAFE.sub("", _strip_wayback_toolbar(markup)))
    if not markup.strip():
        return None
    try:
        return lxml.html.document_fromstring(markup, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None


def _cloudflare_email(encoded: str) -> str | None:
    """Cloudflare's email obfuscation: hex bytes, the first one XOR-ing the rest. Decoding it
    keeps "[email protected]" placeholders from showing up as changes."""
    try:
        data = bytes.fromhex(encoded)
    except ValueError:
        return None
    if len(data) < 2:
        return None
    return bytes(b ^ data[0] for b in data[1:]).decode("utf-8", "replace")


def _reveal_emails(root: lxml.html.HtmlElement) -> None:
    for el in root.xpath("//*[@data-cfemail]"):
        email = _cloudflare_email(el.get("data-cfemail", ""))
        if email:
            for child in list(el):
                el.remove(child)
            el.text = email


def _is_chrome(el: lxml.html.HtmlElement) -> bool:
    tag = el.tag
    if tag in _CHROME_TAGS:
        return True
    if el.get("hidden") is not None or el.get("aria-hidden", "").lower() == "true":
        return True
    if el.get("role", "").lower() in _CHROME_ROLES:
        return True
    if tag in _PAGE_CHROME_TAGS:
        return not any(
            a.tag in ("main", "article") or a.get("role") == "main" for a in el.iterancestors()
        )
    if tag in _CHROME_NAME_TAGS:
        names = f"{el.get('id', '')} {el.get('class', '')}".split()
        if any(_is_chrome_name(name) for name in names):
            return True
    if tag == "a":
        return bool(_CHROME_LINK_TEXT.match(el.text_content()))
    return False


def _is_chrome_name(name: str) -> bool:
    """A chrome word at either end of a class or id ("cookie-banner", "site-share-buttons"),
    never in the middle of a slug made from a heading ("data-from-social-media-accounts")."""
    return any(
        match.start() == 0 or match.end() == len(name) for match in _CHROME_NAME.finditer(name)
    )


def _drop(elements: Iterator[lxml.html.HtmlElement]) -> None:
    """Remove elements but keep their tail text, which belongs to the parent."""
    for el in list(elements):
        if el.getparent() is not None:
            el.drop_tree()


def _holds_content(el: lxml.html.HtmlElement, page_words: int) -> bool:
    if el.xpath(_CONTENT_XPATH):
        return True
    return page_words > 0 and _text_length(el) > _CHROME_MAX_SHARE * page_words


def _is_table_of_contents(el: lxml.html.HtmlElement) -> bool:
    """A list of links to places on this page: navigation, whatever the theme calls it. Pages
    add and drop them without touching the policy."""
    links = el.findall(".//a")
    if len(links) < _TOC_MIN_LINKS or not all(a.get("href", "").startswith("#") for a in links):
        return False
    return sum(_text_length(a) for a in links) >= _LINK_DENSE_SHARE * _text_length(el)


def _toc_title(toc: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The "Table of contents" label just before a table of contents, maybe a level up."""
    el = toc
    while el.getprevious() is None and el.getparent() is not None:
        el = el.getparent()
    label = el.getprevious()
    if label is not None and TOC_TITLE.match(label.text_content()):
        return label
    return None


def _drop_tables_of_contents(root: lxml.html.HtmlElement) -> None:
    tocs = [el for el in root.iter("ul", "ol") if _is_table_of_contents(el)]
    titles = [_toc_title(toc) for toc in tocs]
    _drop(iter(tocs + [title for title in titles if title is not None]))


def _remove_chrome(root: lxml.html.HtmlElement) -> None:
    _drop(el for el in root.iter(etree.Comment, etree.ProcessingInstruction))
    _drop(el for el in root.iter(*_NON_TEXT_TAGS))
    _drop(el for el in root.iter() if _ARCHIVE_ID.match(str(el.get("id", ""))))
    _drop_tables_of_contents(root)
    page_words = _text_length(root)
    chrome = [el for el in root.iter() if isinstance(el.tag, str) and _is_chrome(el)]
    _drop(el for el in chrome if not _holds_content(el, page_words))


def _select(root: lxml.html.HtmlElement, selectors: Sequence[str]) -> list[lxml.html.HtmlElement]:
    """Elements matching any selector, outermost only, in document order."""
    order = {el: i for i, el in enumerate(root.iter())}
    found: set[lxml.html.HtmlElement] = set()
    for selector in selectors:
        try:
            found.update(root.cssselect(selector))
        except SelectorError as exc:
            raise ValueError(f"invalid CSS selector {selector!r}: {exc}") from exc
    outermost = [el for el in found if not any(a in found for a in el.iterancestors())]
    return sorted(outermost, key=order.__getitem__)


def _text_length(el: lxml.html.HtmlElement) -> int:
    return len("".join(el.itertext()).split())


def _auto_roots(root: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The main content when the page marks it and it holds most of the text, else the body."""
    body = root.find("body")
    body = body if body is not None else root
    total = _text_length(body)
    for xpath in _MAIN_XPATHS:
        for candidate in root.xpath(xpath):
            if total and _text_length(candidate) >= _MAIN_MIN_SHARE * total:
                return [candidate]
    _drop(el for el in body.iter("ul", "ol", "div", "table") if _is_link_dense(el))
    return [body]


def _is_link_dense(el: lxml.html.HtmlElement) -> bool:
    """Menus outside <nav>: almost all text is link text, spread over several links."""
    links = el.findall(".//a")
    if len(links) < _LINK_DENSE_MIN_LINKS:
        return False
    total = _text_length(el)
    return total > 0 and sum(_text_length(a) for a in links) >= _LINK_DENSE_SHARE * total


def _titled(el: lxml.html.HtmlElement) -> bool:
    """A <div> or <p> that a theme uses as a heading: role="heading", or a title class, with
    short text that is not a sentence."""
    if el.tag not in ("div", "p", "span", "dt"):
        return False
    names = f"{el.get('id', '')} {el.get('class', '')}".split()
    if el.get("role") != "heading" and not any(_TITLE_NAME.match(name) for name in names):
        return False
    text = " ".join(el.text_content().split())
    return 0 < len(text) <= _BOLD_HEADING_MAX_CHARS and not text.endswith((".", ";", ","))


def _pseudo_level(el: lxml.html.HtmlElement) -> int:
    level = el.get("aria-level", "")
    if level.isdigit() and 1 <= int(level) <= 6:
        return int(level)
    names = f"{el.get('id', '')} {el.get('class', '')}"
    return -2 if _SUB_NAME.search(names) else -1


class _Walker:
    """Flattens a tree into blocks: text flows until a block element starts or ends."""

    def __init__(
        self, span: tuple[float, float] | None = None, page_url: str | None = None
    ) -> None:
        self.blocks: list[RawBlock] = []
        self._parts: list[str] = []
        # open <a>s: href, and the flush and part where the link's text starts
        self._links: list[tuple[str | None, int, int]] = []
        self._flushes = 0
        self._page_url = page_url
        self._all_bold = True
        self._all_italic = True
        self._context: list[tuple[str, int]] = [("paragraph", 0)]
        self._bold_depth = 0
        self._italic_depth = 0
        self._span = span  # event positions kept (start/end markers), None for all
        self._position = 0.0

    def add_text(self, text: str | None) -> None:
        if self._span and not self._span[0] <= self._position < self._span[1]:
            return
        if text:
            self._parts.append(text)
            if text.strip() and not self._bold_depth:
                self._all_bold = False
            if text.strip() and not self._italic_depth:
                self._all_italic = False

    def flush(self) -> None:
        text = " ".join("".join(self._parts).split())
        kind, level = self._context[-1]
        if text:
            if kind == "paragraph" and self._all_bold and len(text) <= _BOLD_HEADING_MAX_CHARS:
                # a pseudo-heading: negative levels are depths below the last real heading
                kind, level = "heading", -2 if self._all_italic else -1
            elif kind == "paragraph" and is_marked_heading(text):
                kind, level = "heading", -1
            self.blocks.append((kind, text, level))
        self._parts, self._all_bold, self._all_italic = [], True, True
        self._flushes += 1

    def start(self, el: lxml.html.HtmlElement) -> None:
        tag = el.tag
        if tag == "br":
            self.flush()
        elif tag in _BLOCK_TAGS:
            self.flush()
            if tag in _HEADINGS:
                self._context.append(("heading", _HEADINGS[tag]))
            elif _titled(el):
                self._context.append(("heading", _pseudo_level(el)))
            elif tag == "li":
                self._context.append(("item", 0))
            else:
                self._context.append(self._context[-1])
        if tag in _BOLD_TAGS:
            self._bold_depth += 1
        if tag in _ITALIC_TAGS:
            self._italic_depth += 1
        if tag == "a":
            self._links.append((el.get("href"), self._flushes, len(self._parts)))
        self.add_text(el.text)

    def close_link(self) -> None:
        """Write the target after the link's text (diffs/links.py says which are kept)."""
        href, flushes, first = self._links.pop()
        if flushes != self._flushes:  # a block ended inside the link: its text is gone
            return
        kept = target("".join(self._parts[first:]), href, self._page_url)
        if kept:
            self._parts.append(f" <{kept}>")

    def end(self, el: lxml.html.HtmlElement) -> None:
        tag = el.tag
        if tag in _BOLD_TAGS:
            self._bold_depth -= 1
        if tag in _ITALIC_TAGS:
            self._italic_depth -= 1
        if tag == "a" and self._links:
            self.close_link()
        if tag in _BLOCK_TAGS:
            self.flush()
            self._context.pop()

    def walk(self, root: lxml.html.HtmlElement, events: dict[tuple[str, object], int]) -> None:
        """Text at an element's start event sits at its index, its tail just after its end."""
        for event, el in etree.iterwalk(root, events=("start", "end")):
            if not isinstance(el.tag, str):
                continue
            self._position = events.get((event, el), 0)
            if event == "start":
                self.start(el)
            else:
                self.end(el)
                if el is not root:
                    self._position += 0.5
                    self.add_text(el.tail)
        self.flush()


def title(root: lxml.html.HtmlElement) -> str | None:
    found = root.find(".//title")
    return found.text_content() if found is not None else None


def _events(root: lxml.html.HtmlElement) -> dict[tuple[str, object], int]:
    """Document order of every start and end event, so markers can bound a range."""
    walk = etree.iterwalk(root, events=("start", "end"))
    return {(event, el): i for i, (event, el) in enumerate(walk)}


def _marker(
    root: lxml.html.HtmlElement,
    boundary: Boundary,
    events: dict[tuple[str, object], int],
    not_before: float = 0.0,
) -> float | None:
    """Event position of a marker's first match at or after `not_before`: before an element
    is its start event, after it just past its end event."""
    for element in _select(root, [boundary.selector]):
        position = events[("end", element)] + 0.5 if boundary.after else events[("start", element)]
        if position >= not_before:
            return float(position)
    return None


def _span(
    root: lxml.html.HtmlElement,
    start: Boundary | None,
    end: Boundary | None,
    events: dict[tuple[str, object], int],
) -> tuple[float, float] | None:
    """The kept range of event positions. Without its start marker a page is not the page the
    rule was written for (nothing is kept); without its end marker the range runs to the end."""
    if start is None and end is None:
        return None
    low = _marker(root, start, events) if start else 0.0
    if low is None:
        return (0.0, 0.0)
    high = _marker(root, end, events, low) if end else None
    return (low, float("inf") if high is None else high)


def extract(
    markup: str,
    select: Sequence[str] = (),
    remove: Sequence[str] = (),
    start: Boundary | None = None,
    end: Boundary | None = None,
    page_url: str | None = None,
) -> tuple[list[RawBlock], str | None]:
    """Raw blocks of the policy body and the page title.

    `select` picks the policy's elements, `remove` drops noise inside them, `start`/`end` cut
    the policy out of a page it shares with other documents; without any, the body is found
    automatically. `page_url` tells links to the page's own site from links elsewhere.
    """
    root = parse(markup)
    if root is None:
        return [], None
    page_title = title(root)
    # Markers are found before anything is dropped: a range may start after a page header
    # that chrome removal takes away. Positions of the elements that stay keep their order.
    events = _events(root)
    span = _span(root, start, end, events)
    if remove:
        _drop(iter(_select(root, remove)))
    _reveal_emails(root)
    _remove_chrome(root)
    if select:
        roots = _select(root, select)
    elif start or end:
        body = root.find("body")
        roots = [body if body is not None else root]
    else:
        roots = _auto_roots(root)
    walker = _Walker(span, page_url)
    for element in roots:
        walker.walk(element, events)
    return walker.blocks, page_title
