"""Which links on a page lead to its privacy policy? Rank them, each point with its reason.

Sites name the link in many ways ("Privacy", "Data Protection", "Datenschutz", "गोपनीयता नीति"),
put it in the footer, in a menu or only in a sitemap, and often beside links that also say
"privacy" but are not the policy (cookie settings, "Your privacy choices", a blog post about
privacy). A link's text, title (or aria-label) and URL path each add points; words that mark
those look-alikes take points away; the footer and menus, where policies live, add one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.etree
import lxml.html

# A link text that names the policy itself, in the languages of our data.
POLICY_PHRASE = re.compile(
    r"privacy (?:policy|notice|statement|charter|centre|center)|privacy & data"
    r"|data protection(?: policy| notice| statement)?|politique de confidentialité"
    r"|confidentialité|vie privée|données personnelles|datenschutz(?:erklärung|hinweise)?"
    r"|política de privacidad|aviso de privacidad|privacidad|informativa (?:sulla )?privacy"
    r"|privacyverklaring|gegevensbescherming|política de privacidade|privacidade"
    r"|गोपनीयता नीति|निजता नीति|प्राइवेसी पॉलिसी|গোপনীয়তা নীতি|தனியுரிமைக் கொள்கை"
    r"|గోప్యతా విధానం|गोपनीयता धोरण",
    re.IGNORECASE,
)
# A text that only mentions privacy ("Privacy", "गोपनीयता").
PRIVACY_WORD = re.compile(r"\bprivacy\b|गोपनीयता|निजता|গোপনীয়তা|தனியுரிமை|గోప్యత", re.IGNORECASE)
POLICY_PATH = re.compile(
    r"privacy|privacidad|privacidade|datenschutz|confidentialit|vie-privee|data-?protection"
    r"|donnees-personnelles|gdpr|rgpd|dpdp|gopniyata",
    re.IGNORECASE,
)
COOKIE = re.compile(r"cookie", re.IGNORECASE)
SETTINGS = re.compile(
    r"settings|preferences|choices|opt[- ]?out|do not sell|manage|einstellungen|paramètres"
    r"|réglages|gérer",
    re.IGNORECASE,
)
ARTICLE_PATH = re.compile(r"/(?:blog|news|articles?|posts?|stories|magazine|press)/", re.I)
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "whatsapp:", "sms:")
ARTICLE_WORDS = 8  # a link text longer than this is a headline, not a footer link
MIN_SCORE = 3.0


@dataclass(frozen=True)
class Candidate:
    """A link that may lead to the privacy policy, with its score and why."""

    url: str
    text: str
    title: str
    where: str  # "footer", "menu", "page" or "sitemap"
    score: float
    reasons: tuple[str, ...]

    @property
    def label(self) -> str:
        """What a person would call this link: its text, else its title, else its URL."""
        return self.text or self.title or self.url

    def as_dict(self) -> dict:
        return {
            "url": self.url,
            "text": self.text,
            "title": self.title,
            "where": self.where,
            "score": round(self.score, 1),
            "reasons": list(self.reasons),
        }


def score_link(url: str, text: str = "", title: str = "", where: str = "page") -> Candidate:
    """Score one link by its text, its title or aria-label, its URL path and where it sits."""
    text = " ".join(text.split())
    title = " ".join(title.split())
    path = urlsplit(url).path
    score = 0.0
    reasons: list[str] = []
    for label, value in (("text", text), ("title", title)):
        if not value:
            continue
        if POLICY_PHRASE.search(value):
            score += 6
            reasons.append(f"link {label} {value!r} names a privacy policy (+6)")
            break
        if PRIVACY_WORD.search(value):
            score += 4
            reasons.append(f"link {label} {value!r} mentions privacy (+4)")
            break
    if POLICY_PATH.search(path):
        score += 3
        reasons.append(f"URL path {path!r} says privacy (+3)")
    words = f"{text} {title} {path}"
    if COOKIE.search(words):
        score -= 2
        reasons.append("mentions cookies: may be a cookie notice (-2)")
    if SETTINGS.search(f"{text} {title}"):
        score -= 6
        reasons.append("a settings or opt-out link, not a policy (-6)")
    if ARTICLE_PATH.search(path) or len(text.split()) > ARTICLE_WORDS:
        score -= 6
        reasons.append("looks like an article or blog post (-6)")
    if score > 0 and where in ("footer", "menu"):
        score += 1
        reasons.append(f"in the page {where}, where policies are linked (+1)")
    if where == "sitemap" and score > 0:
        reasons.append("listed in the sitemap")
    return Candidate(url, text, title, where, score, tuple(reasons))


def _where(element: lxml.html.HtmlElement) -> str:
    """ "footer" if the link is anywhere inside a footer, else "menu" if inside a menu."""
    where = "page"
    for ancestor in element.iterancestors():
        tag = ancestor.tag if isinstance(ancestor.tag, str) else ""
        marks = f"{ancestor.get('id', '')} {ancestor.get('class', '')} {ancestor.get('role', '')}"
        if tag == "footer" or re.search(r"footer|contentinfo", marks, re.I):
            return "footer"
        if tag == "nav" or re.search(r"\bnav|menu|dropdown|navigation", marks, re.I):
            where = "menu"
    return where


def page_links(body: bytes | str, base_url: str) -> list[tuple[str, str, str, str]]:
    """Every followable link of a page: (absolute URL, text, title, where)."""
    try:
        root = lxml.html.document_fromstring(body)
    except (lxml.etree.ParserError, ValueError):
        return []
    base = root.find(".//base[@href]")
    base_url = urljoin(base_url, base.get("href")) if base is not None else base_url
    found = []
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith("#") or href.lower().startswith(SKIPPED_SCHEMES):
            continue
        url = urldefrag(urljoin(base_url, href)).url
        if urlsplit(url).scheme not in ("http", "https"):
            continue
        alt = " ".join(img.get("alt", "") for img in anchor.iter("img"))
        text = " ".join(f"{anchor.text_content()} {alt}".split())
        title = anchor.get("title") or anchor.get("aria-label") or ""
        found.append((url, text, title, _where(anchor)))
    return found


def rank(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the best-scored link per URL, drop the unconvincing, best first (stable)."""
    best: dict[str, Candidate] = {}
    for candidate in candidates:
        kept = best.get(candidate.url)
        if kept is None or candidate.score > kept.score:
            best[candidate.url] = candidate
    ranked = [c for c in best.values() if c.score >= MIN_SCORE]
    return sorted(ranked, key=lambda c: -c.score)


def candidates(body: bytes | str, base_url: str) -> list[Candidate]:
    """The links of a page that may lead to its privacy policy, best first."""
    return rank([score_link(*link) for link in page_links(body, base_url)])


def sitemap_candidates(body: bytes, base_url: str) -> list[Candidate]:
    """Policy-looking URLs of an XML sitemap (a sitemap has no link text: the path must say it)."""
    try:
        root = lxml.etree.fromstring(body, parser=lxml.etree.XMLParser(resolve_entities=False))
    except lxml.etree.XMLSyntaxError:
        return []
    urls = [
        (element.text or "").strip()
        for element in root.iter()
        if isinstance(element.tag, str) and element.tag.rsplit("}", 1)[-1] == "loc"
    ]
    return rank([score_link(urljoin(base_url, url), where="sitemap") for url in urls if url])


def second_page(body: bytes | str, base_url: str) -> str | None:
    """An inner page of the same site whose footer may hold the links the homepage lacks.

    "About" and "Contact" pages carry the full footer on sites whose homepage is a splash page.
    """
    host = urlsplit(base_url).netloc
    inner = [
        (url, text)
        for url, text, _title, _where in page_links(body, base_url)
        if urlsplit(url).netloc == host and urldefrag(url).url.rstrip("/") != base_url.rstrip("/")
    ]
    for url, text in inner:
        if re.search(r"about|contact|über|à propos|quienes|हमारे बारे में|संपर्क", text, re.I):
            return url
    return inner[0][0] if inner else None
