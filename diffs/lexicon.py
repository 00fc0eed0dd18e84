"""English privacy vocabulary by category (OPP-115-like): what a changed clause is about.

Each entry is (noun, pattern); the noun names the matched term in reasons ("new recipient").
Patterns are matched case-insensitively on word boundaries.
"""

from __future__ import annotations

import re

CATEGORIES = (
    "first-party-collection",
    "third-party-sharing",
    "user-choice",
    "user-access",
    "data-retention",
    "data-security",
    "policy-change",
    "do-not-track",
    "international",
    "children",
    "contact",
    "other",
)

# Short names for reasons a person reads.
LABELS = {
    "first-party-collection": "collection",
    "third-party-sharing": "sharing",
    "user-choice": "choice",
    "user-access": "access",
    "data-retention": "retention",
    "data-security": "security",
    "policy-change": "policy change",
    "do-not-track": "tracking",
    "international": "transfer",
    "children": "children",
    "contact": "contact",
    "other": "other",
}

DURATION = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen|twenty"
DURATION += r"|thirty|sixty|ninety)\s*(?:calendar\s+)?(?:days?|weeks?|months?|years?)"

_ENTRIES: dict[str, tuple[tuple[str, str], ...]] = {
    "first-party-collection": (
        ("verb", r"collect(?:s|ed|ing|ion)?|gather(?:s|ed|ing)?|obtain(?:s|ed)?"),
        ("data type", r"health(?: data| information| records?)?|medical(?: records?| history)?"),
        ("data type", r"biometrics?|genetic|fingerprints?|face ?prints?|facial recognition"),
        ("data type", r"(?:precise )?(?:geo)?location(?: data)?|gps"),
        ("data type", r"contact lists?|address books?|contacts"),
        (
            "data type",
            r"financial(?: information| data)?|credit card|debit card|bank(?:ing)? details",
        ),
        ("data type", r"aadhaar|pan card|passport|social security number|driver'?s licen[cs]e"),
        ("data type", r"ip address(?:es)?|device identifiers?|advertising id|imei"),
        ("data type", r"sexual orientation|ethnicity|religio(?:n|us)|political|criminal"),
        ("data type", r"prescriptions?|diagnos[ie]s|blood group|insurance(?: information)?"),
    ),
    "third-party-sharing": (
        ("practice", r"sell(?:s|ing)?|sold|sale of|rent(?:s|ing)?|trade|monetiz\w*"),
        ("practice", r"shar(?:e|es|ed|ing)|disclos(?:e|es|ed|ing|ure)|transfer(?:s|red)? to"),
        (
            "recipient",
            r"third[- ]part(?:y|ies)|data brokers?|advertis(?:ers|ing partners|ing networks)",
        ),
        (
            "recipient",
            r"ad networks?|marketing partners|business partners|affiliates?|subsidiar(?:y|ies)",
        ),
        (
            "recipient",
            r"pharma(?:ceutical)?(?: companies)?|insurers?|insurance companies|employers?",
        ),
        ("recipient", r"service providers?|(?:sub-?)?processors?|vendors?|law enforcement"),
        ("recipient", r"government(?: authorities| agencies)?|researchers?"),
    ),
    "user-choice": (
        ("right", r"opt[- ]?(?:out|in)|unsubscribe|withdraw(?:al)?(?: your)? consent|withdraw"),
        (
            "practice",
            r"consent(?:s|ed)?|your (?:choice|permission)|without your (?:permission|consent)",
        ),
    ),
    "user-access": (
        ("right", r"right to (?:access|rectif\w*|correct\w*|delet\w*|eras\w*|object|restrict\w*)"),
        ("right", r"access (?:to )?your (?:personal )?(?:data|information)"),
        ("right", r"(?:a )?copy of your (?:personal )?(?:data|information)"),
        (
            "right",
            r"delet(?:e|ion of) your|erasure|rectif(?:y|ication)|data portability|portability",
        ),
        ("right", r"correct (?:your|any) (?:personal )?(?:data|information|inaccura\w*)"),
    ),
    "data-retention": (
        ("practice", r"retain(?:s|ed)?|retention|as long as|indefinitely|archiv(?:e|ed)"),
        ("period", DURATION),
    ),
    "data-security": (
        ("practice", r"security|secure(?:d|ly)?|encrypt(?:ed|ion)?|safeguards?|ssl|tls"),
        ("practice", r"breach(?:es)?|unauthori[sz]ed access|firewalls?|pseudonymi[sz]\w*"),
    ),
    "policy-change": (
        (
            "practice",
            r"(?:changes?|updates?|modif\w*|amend\w*) (?:to )?(?:this|our|the) (?:privacy )?"
            r"(?:policy|statement|notice)|last updated|effective date|without (?:prior )?notice",
        ),
    ),
    "do-not-track": (
        ("practice", r"do not track|dnt|global privacy control|tracking technologies|web beacons?"),
        ("practice", r"cookies?|pixels?|fingerprinting"),
    ),
    "international": (
        (
            "practice",
            r"(?:transfer\w*|stored?|processed) (?:\w+ ){0,4}(?:abroad|outside|overseas|"
            r"internationally|other countries|any other part of the world)|cross[- ]border",
        ),
        ("practice", r"standard contractual clauses|adequacy decision|privacy shield"),
    ),
    "children": (
        ("practice", r"child(?:ren)?|minors?|under the age of|(?:under|below) (?:13|16|18)"),
        ("practice", r"parental consent|parents? or (?:legal )?guardians?|kids|age of \d+"),
    ),
    "contact": (
        ("contact", r"grievance officer|data protection officer|dpo|privacy officer|nodal officer"),
        ("contact", r"contact us|reach (?:out to )?us|write to us"),
        ("email", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
        ("phone", r"\+?\d[\d ().-]{7,}\d"),
    ),
}

LEXICON: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    category: tuple(
        (noun, re.compile(rf"(?<![\w@])(?:{p})(?![\w@])", re.IGNORECASE)) for noun, p in entries
    )
    for category, entries in _ENTRIES.items()
}

# Terms of these categories in an added or removed clause make the change material, unless the
# term is only a generic verb ("collect"), which nearly every clause has.
MATERIAL_CATEGORIES = frozenset(CATEGORIES) - {"policy-change", "do-not-track", "other"}
WEAK_NOUNS = frozenset({"verb"})
