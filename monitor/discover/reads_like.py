"""Does a page read like a privacy policy? A small scorer a person can check by hand.

A link that says "Privacy" can lead to a cookie banner's settings, a blog post about privacy or
the terms of use. Before `monitor add` watches a page it asks what the page talks about: a
privacy policy covers most of a known set of topics (what personal data is collected, why, who
it is shared with, how long it is kept, the reader's rights, how to reach the controller...),
says it is a privacy policy, and is long enough to say all that. Terms of use talk about
liability and governing law; cookie notices talk about little but cookies; blog posts are short
and have bylines. Every point of the score comes with its reason, so a verdict can be argued
with, and the vocabulary covers the languages of our data (English, French, German, Spanish,
Italian, Hindi).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from diffs.normalize import normalize


def _words(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(patterns), re.IGNORECASE)


# The topics a privacy policy covers: (name a person reads, pattern). Each counts once.
TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "personal data",
        _words(
            r"personal(?:ly identifiable)? (?:data|information|details)",
            r"données (?:à caractère |de santé )?personnel",
            r"personenbezogen",
            r"datos personales",
            r"dati personali",
            r"व्यक्तिगत (?:जानकारी|डेटा)",
        ),
    ),
    (
        "what is collected",
        _words(
            r"\bwe (?:may )?(?:collect|gather|receive|obtain)",
            r"\bcollect(?:s|ed|ion)?\b",
            r"\bcollect(?:e|ons|ées?)\b",
            r"\berhebe?n?\b|\berhoben\b",
            r"recop(?:ila|ilamos|ilación)",
            r"raccol(?:ta|gliamo)",
        ),
    ),
    (
        "purposes of use",
        _words(
            r"\bpurposes?\b",
            r"\bhow we use\b|\bwe use (?:your|the|this|such) (?:personal )?(?:data|information)",
            r"\bfinalités?\b",
            r"\bzweck",
            r"\bfinalidad",
            r"\bfinalità",
        ),
    ),
    (
        "sharing with third parties",
        _words(
            r"third[- ]part(?:y|ies)",
            r"\b(?:share|disclose|transfer)s?\b",
            r"\bdestinataires?\b|\btiers\b|sous-traitants?",
            r"\bdritte[nr]?\b|\bempfänger",
            r"\bterceros\b",
            r"\bterzi\b",
        ),
    ),
    (
        "retention",
        _words(
            r"\bretain(?:s|ed)?\b|\bretention\b",
            r"\b(?:kept|keep|store[sd]?) (?:\w+ ){0,4}(?:for|as long as|until)\b",
            r"durée de conservation|\bconserv(?:ées?|ons|ation)\b",
            r"aufbewahr|speicherdauer|gespeichert",
            r"\bconserva(?:mos|ción|zione)\b",
        ),
    ),
    (
        "your rights",
        _words(
            r"right (?:to|of) (?:access|rectif|correct|eras|delet|object|withdraw|portab)",
            r"\bopt[- ]out\b|\bunsubscribe\b|\bwithdraw (?:your )?consent",
            r"\b(?:access|review|correct|update|delete) (?:and|or) (?:\w+ ){0,2}"
            r"(?:correct|update|delete)",
            r"droits? d['’]accès|\brectification\b|droit d['’]opposition|effacement",
            r"auskunft|berichtigung|löschung|widerspruch",
            r"derecho de acceso|rectificación|supresión",
            r"diritto di accesso",
        ),
    ),
    (
        "security",
        _words(
            r"\bsecur(?:e|ity)\b|\bsafeguards?\b|\bencrypt",
            r"\bsécurité\b",
            r"\bsicherheit\b",
            r"\bseguridad\b",
            r"\bsicurezza\b",
        ),
    ),
    (
        "whom to contact",
        _words(
            r"\bcontact us\b|\bcontact (?:our|the) (?:privacy|data protection)",
            r"grievance officer|data protection officer|\bDPO\b|privacy officer",
            r"délégué à la protection|nous contacter|\bcontactez\b",
            r"datenschutzbeauftragt",
            r"delegado de protección",
            r"[\w.+-]+@[\w-]+\.[\w.]+",
        ),
    ),
    (
        "cookies and tracking",
        _words(r"\bcookies?\b", r"\btrack(?:ing|ers?)\b", r"\banalytics\b", r"\btraceurs?\b"),
    ),
    (
        "legal basis or consent",
        _words(
            r"\bconsent\b|legitimate interests?|lawful basis|legal basis",
            r"\bGDPR\b|\bRGPD\b|\bDSGVO\b|\bCCPA\b|\bHIPAA\b|information technology act|\bDPDP\b",
            r"\bconsentement\b|intérêt légitime|base légale|\bCNIL\b",
            r"\beinwilligung\b|berechtigte[sn]? interesse",
            r"\bconsentimiento\b|\bconsenso\b",
            r"सहमति",
        ),
    ),
    (
        "calls itself a privacy policy",
        _words(
            r"privacy (?:policy|notice|statement|charter)",
            r"data protection (?:policy|notice|statement)",
            r"politique (?:de confidentialité|de protection des données|vie privée)",
            r"datenschutz(?:erklärung|hinweise|richtlinie)",
            r"política de privacidad|aviso de privacidad",
            r"informativa (?:sulla )?privacy",
            r"गोपनीयता नीति|निजता नीति",
        ),
    ),
)

# What other legal and editorial pages talk about.
TERMS_WORDS = _words(
    r"governing law|\bjurisdiction\b|\barbitrat",
    r"\bindemnif",
    r"limitation of liability|\bliable\b|\bliability\b",
    r"\bwarrant(?:y|ies)\b|\bas is\b",
    r"terms (?:of (?:use|service)|and conditions)|\bthese terms\b",
    r"conditions générales|\bCGU\b|\bresponsabilité\b",
    r"nutzungsbedingungen|\bhaftung\b|\bkündig",
    r"términos y condiciones",
)
COOKIE_WORDS = _words(r"\bcookies?\b")
BLOG_WORDS = _words(
    r"\bposted (?:on|by|in)\b|\bmin(?:ute)?s? read\b|\bread more\b|\bleave a (?:reply|comment)\b",
    r"\bshare this (?:post|article)\b|\brelated (?:posts|articles)\b|\bwritten by\b|\btags?:",
)

MIN_WORDS = 250  # shorter pages cannot cover what a privacy policy must
MIN_TOPICS = 7  # of the 11 above
PASS_SCORE = 8.0


@dataclass(frozen=True)
class Reading:
    """The verdict on one page, with every reason that went into it."""

    score: float
    is_policy: bool
    words: int
    title: str | None
    topics: tuple[str, ...]
    missing: tuple[str, ...]
    reasons: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict:
        return {
            "score": round(self.score, 1),
            "is_policy": self.is_policy,
            "words": self.words,
            "title": self.title,
            "topics": list(self.topics),
            "missing": list(self.missing),
            "reasons": list(self.reasons),
        }

    def summary(self) -> str:
        """One line for a report."""
        verdict = "reads like a privacy policy" if self.is_policy else "not a privacy policy"
        return f"{verdict} (score {self.score:.1f}, {self.words} words, " + (
            f"{len(self.topics)}/{len(TOPICS)} topics)"
        )


def read_text(text: str, title: str | None = None) -> Reading:
    """Score a page's visible text (and its title) on the privacy-policy vocabulary."""
    words = len(text.split())
    found = tuple(name for name, pattern in TOPICS if pattern.search(text))
    missing = tuple(name for name, _ in TOPICS if name not in found)
    reasons = [f"covers {len(found)} of {len(TOPICS)} privacy-policy topics (+{len(found)})"]
    score = float(len(found))
    if missing:
        reasons.append("missing: " + ", ".join(missing))
    title_pattern = dict(TOPICS)["calls itself a privacy policy"]
    if title and title_pattern.search(title):
        score += 2
        reasons.append(f"title {title!r} names a privacy policy (+2)")

    if words < MIN_WORDS:
        score -= 4
        reasons.append(f"only {words} words: too short for a privacy policy (-4)")

    per_thousand = 1000 / max(words, 1)
    terms = len(TERMS_WORDS.findall(text)) * per_thousand
    cookies = len(COOKIE_WORDS.findall(text)) * per_thousand
    blog = len(BLOG_WORDS.findall(text))
    if terms > 8:
        penalty = min(6.0, terms / 4)
        score -= penalty
        reasons.append(
            f"talks like terms of use ({terms:.0f} liability/jurisdiction words per 1000) "
            f"(-{penalty:.1f})"
        )
    if cookies > 15:
        penalty = min(6.0, cookies / 5)
        score -= penalty
        reasons.append(f"mostly about cookies ({cookies:.0f} per 1000 words) (-{penalty:.1f})")
    if blog >= 2:  # one "read more" happens in policies too
        penalty = min(4.0, 2.0 * blog)
        score -= penalty
        reasons.append(f"reads like a blog post ({blog} byline/share markers) (-{penalty:.1f})")

    is_policy = (
        score >= PASS_SCORE
        and len(found) >= MIN_TOPICS
        and "personal data" in found
        and words >= MIN_WORDS
    )
    return Reading(score, is_policy, words, title, found, missing, tuple(reasons))


def read_page(body: bytes, content_type: str | None = None, url: str | None = None) -> Reading:
    """Score a fetched page: extract its main text as the monitor would, then read it."""
    document = normalize(body, content_type=content_type, url=url)
    return read_text(document.text, document.title)
