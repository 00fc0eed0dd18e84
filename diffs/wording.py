"""How a clause's wording can change without what it says about data changing: a respelled
word, a date or a duration written another way, a version string, a template placeholder, the
policy's own update notes, a word that is only part of a name. The judge asks these before it
reads a change for its meaning."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from text_to_num import text2num

from .diff import words
from .extract_text import TOC_TITLE
from .organisations import organisations
from .practice import DOCUMENT_NAME
from .signals import content_words

Term = tuple[str, str, str]  # category, noun, lemma

_MONTHS = (
    r"jan(?:uary|vier)?|feb(?:ruary)?|févr(?:ier)?|mar(?:ch|s)?|apr(?:il)?|avr(?:il)?|may|mai"
    r"|june?|juin|july?|juil(?:let)?|aug(?:ust)?|août|sep(?:t(?:ember|embre)?)?|oct(?:ober|obre)?"
    r"|nov(?:ember|embre)?|dec(?:ember)?|déc(?:embre)?"
)
DATE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th|er)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}\b"
    rf"|\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"
    rf"|\b(?:{_MONTHS})\.?\s+\d{{4}}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b(?:19|20)\d{2}(?:\d{4})?\b",
    re.IGNORECASE,
)


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


_NEGATING_PREFIXES = frozenset({"un", "non", "in", "im", "ir", "il", "dis", "dés", "des", "nicht"})


def _is_typo_fix(old: str, new: str) -> bool:
    """Two spellings of one word ("loggin"/"logging", "organisation"/"organization"); a word
    and its negation ("encrypted"/"unencrypted") are two words."""
    if old.isdigit() or new.isdigit() or min(len(old), len(new)) < 4:
        return False
    short, long = sorted((old, new), key=len)
    if long.endswith(short) and long[: len(long) - len(short)].rstrip("-") in _NEGATING_PREFIXES:
        return False
    if old[0] != new[0] and old[1] != new[1] and old[2:] == new[2:]:
        return False  # a prefix for its opposite: "explicit"/"implicit", "include"/"exclude"
    return _edit_distance(old, new) <= (1 if max(len(old), len(new)) < 8 else 2)


# British and American spellings of one word, each side brought to one form: "Centre" and
# "Center", "amongst" and "among", "licence" and "license", "colour" and "color"
_VARIANTS = tuple(
    (re.compile(pattern), form)
    for pattern, form in (
        (r"^(among|while|amid)st$", r"\1"),
        (r"^(\w{3,})tre(s?)$", r"\1ter\2"),
        (r"^(\w{2,}[^o])our(s|ed|ing|ite|ites|able|al)?$", r"\1or\2"),
        (r"^(\w{3,})is(e|es|ed|ing|ation|ations|er|ers)$", r"\1iz\2"),
        (r"^(\w{3,})ys(e|es|ed|ing)$", r"\1yz\2"),
        (r"^(\w{3,})ogue(s?)$", r"\1og\2"),
        (r"^(licen|defen|offen|preten)ce(s?)$", r"\1se\2"),
        (r"^(program)me(s?)$", r"\1\2"),
        (r"^(judg|acknowledg)ement(s?)$", r"\1ment\2"),
        (r"^(\w{3,}[aeiou])ll(ed|ing|er|ers)$", r"\1l\2"),
        (r"^(enrol|fulfil|instal)(ment|ments|s)?$", r"\1l\2"),
    )
)


def _variant(word: str) -> str:
    word = word.casefold()
    for pattern, form in _VARIANTS:
        word = pattern.sub(form, word)
    return word


def spelling_fixes(before: str, after: str) -> list[tuple[str, str]] | None:
    """The respelled words, when respelling is all that changed; None otherwise."""
    a, b = words(before), words(after)
    fixes = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if op != "replace" or i2 - i1 != j2 - j1:
            return None
        for old, new in zip(a[i1:i2], b[j1:j2], strict=True):
            if not (_is_typo_fix(old, new) or _variant(old) == _variant(new)):
                return None
            fixes.append((old, new))
    return fixes


UPDATE_HEAD = re.compile(
    r"^\W*(?:updates?|changes?|revisions?|amendments?) to\b"
    # the policy's log of its edits: "We've added information about our calling features"
    r"|^\W*we(?:'ve|’ve| have)? (?:also )?(?:added|updated|clarified|expanded|revised|removed"
    r"|simplified|reorgani[sz]ed|restructured|included) (?:more |new |further |additional |some )?"
    r"(?:information|details|language|descriptions?|explanations?|sections?|wording|examples?"
    r"|a (?:new )?section)\b"
    r"|^\W*nous avons (?:également )?(?:ajouté|mis à jour|clarifié|précisé|complété|réorganisé"
    r"|simplifié) (?:des |de nouvelles |les |plus d')?(?:informations?|précisions|détails"
    r"|sections?|exemples?|explications)\b"
    r"|^\W*wir haben (?:\w+ ){0,3}?(?:informationen|angaben|abschnitte?|erläuterungen|details"
    r"|beispiele) (?:\w+ ){0,4}?(?:hinzugefügt|aktualisiert|ergänzt|präzisiert|klargestellt"
    r"|überarbeitet)\b",
    re.IGNORECASE,
)
UPDATE_NOTE = re.compile(
    r"\b(?:added|removed|updated|changed|clarified|replaced|ajouté\w*|supprimé\w*|modifié\w*"
    r"|mis à jour|remplacé\w*|hinzugefügt|entfernt|aktualisiert|geändert)\b",
    re.IGNORECASE,
)
# A sentence about the policy itself rather than about data: "This Privacy Policy explains how
# we collect...", "We've updated our Privacy Notice", "Learn more about how we use...". The
# practices it names are stated (and judged) where the policy states them.
_THE_POLICY = (
    r"(?:this|our|the|these|cette|notre|la présente|nos|les|ces|diese|unsere|die)\s+"
    r"(?:\w+\s+){0,2}"
    r"(?:polic(?:y|ies)|notice|statement|sections?|paragraphs?|chapters?|tables?|politique"
    r"|charte|déclaration|conditions|rubriques?|datenschutzerklärung|erklärung"
    r"|datenschutzhinweise?|abschnitte?|tabelle)"
)
ABOUT_THE_POLICY = re.compile(
    rf"{_THE_POLICY}\s+(?:[\w'-]+\s+){{0,3}}(?:explains?|describes?|sets? out|outlines?|tells? you"
    r"|informs? you|summari[sz]es?|lists|explique\w*|décri\w*|précise\w*|présente\w*"
    r"|vous informe\w*|énumère\w*|erläuter\w*|beschreib\w*|informier\w*|(?:zeig|auflist)\w*)\b"
    rf"|\b(?:updated|changed|revised|amended|mis à jour|modifié\w*|aktualisiert|geändert)\s+"
    rf"{_THE_POLICY}|{_THE_POLICY}\s+(?:has|have|was|a|ont|wurde)\s+(?:been\s+|été\s+)?"
    r"(?:updated|changed|revised|amended|mis\w* à jour|modifié\w*|aktualisiert|geändert)"
    r"|\b(?:learn|find out|read|see)\s+(?:more\s+)?(?:about\s+)?how\s+we"
    # a pointer back to what the policy said: "Learn more about these legal bases and how
    # they relate to ..." (not "Learn more about how Google uses ...": that names a party)
    r"|^\W*(?:to\s+)?(?:learn|find out|read)\s+more\s+(?:<?https?://\S+\s+)?(?:about|on)"
    r"\s+(?:these|this|those|that|the above)\b"
    # "previous versions of this policy are in our archive": where the policy's past is kept
    rf"|\b(?:previous|earlier|past|former|prior|archived)\s+versions?\s+of\s+{_THE_POLICY}"
    rf"|\bversions? (?:précédentes?|antérieures?) de {_THE_POLICY}"
    rf"|\b(?:frühere|vorherige|ältere)n? (?:versionen|fassungen) (?:\w+ )?{_THE_POLICY}"
    r"|\bpour en savoir plus sur (?:la façon|la manière|comment) dont nous",
    re.IGNORECASE,
)
# A template's blank: "[Company name]", "{{date}}", "XXXX", "____".
PLACEHOLDER = re.compile(r"\[[^\]]{2,40}\]|\{\{?[^}]{1,40}\}?\}|\bX{3,}\b|_{3,}|<[A-Z _]{3,}>")
_VERSION = re.compile(r"v?\d+(?:\.\d+){2,}")
# ITU-T E.164: an international telephone number has at most 15 digits, country code included
_MOST_DIGITS_DIALLED = 15
# opening hours, "09.00-11.00" or "13:00 - 15:00": a time range, no phone number
_HOURS = re.compile(r"\d{1,2}[.:h]\d{2}\s*[-–]\s*\d{1,2}[.:h]\d{2}")
# times of day, alone or as a range ("9:30", "09-11.00"): no age, no period of keeping data
CLOCK = re.compile(
    r"(?:\b\d{1,2}\s*[-–]\s*)?\b\d{1,2}[.:h]\d{2}\b(?:\s*[-–]\s*\d{1,2}[.:h]\d{2}\b)?"
)
_DATE_PART = re.compile(r"\d+|[^\W\d_]+")
_MONTH_NUMBER = {
    name: number
    for number, names in enumerate(
        (
            "jan january janvier",
            "feb february fév févr février",
            "mar march mars",
            "apr april avr avril",
            "may mai",
            "jun june juin",
            "jul july juil juillet",
            "aug august août",
            "sep sept september septembre",
            "oct october octobre",
            "nov november novembre",
            "dec december déc décembre",
        ),
        1,
    )
    for name in names.split()
}


# German articles that count one ("eine Woche"), which text2num does not read as numbers
_ONE = frozenset({"eine", "einen", "einem"})
_ARTICLE_ONE = frozenset({"a", "an"})  # "a year"; only first ("1 an" is one French year)


_AGE_BOUND = {
    "under": "under",
    "below": "under",
    "younger than": "under",
    # "over 18", "18 or older" and "at least 18": one bound, however it is said
    "over": "at least",
    "above": "at least",
    "older than": "at least",
    "between": "between",
    "aged": "aged",
    "age": "aged",
    "d'au moins": "at least",
    "au moins": "at least",
    "mindestens": "at least",
}
_AGE_BOUND_START = re.compile(
    r"^(?:under|over|between|aged|at least|moins de|plus de|âgée?s? de)\b"
)
_AND_OVER = re.compile(
    r"^(?:aged? |âgée?s? de )?(\d+) (?:(?:years?|ans|jahren?) (?:of age |old |alt )?)?"
    r"(?:or|and|ou|et|oder|und) (?:older|over|above|up|plus|älter|mehr)$"
)
_AGED_BOUND = re.compile(r"^âgée?s? (?=d'au moins )")  # "âgées d'au moins 18" -> "d'au moins 18"
_AGE_IN_YEARS = re.compile(r"\s+(?:years?|ans|années?|jahren?)(?:\s+(?:old|of age|alt))?$")
# "aged 13 to 17", "between 13 and 17", "ages 13-17": one range
_AGE_RANGE = re.compile(
    r"^(?:aged?|between|ages)(?: the ages? of)?\s+(\d+)\s*(?:to|and|-|–)\s*(\d+)$"
)
_AGE_WORDING = re.compile(rf"^({'|'.join(_AGE_BOUND)})(?: the ages? of)?(?= \d)")


def quantity_key(written: str) -> str:
    """A quantity as one form: "deux (2) ans", "two years" and "2 ans"/"2 years" keep their
    unit and read the number as digits."""
    text = " ".join(written.casefold().split())
    text = re.sub(r"(\S+)\s*\((\d+)\)", r"\2", text)  # "two (2) years" -> "2 years"
    text = re.sub(r"(\d+)\s*\([^\d()]+\)", r"\1", text)  # "18 (eighteen) years" -> "18 years"
    text = " ".join(_digits(word) for word in text.split())  # "treize", "thirty" -> "13", "30"
    text = re.sub(r"\s*\b(?:calendar|calendaires)\b", "", text)  # "30 calendar days" -> "30 days"
    text = re.sub(r"\s*\b(?:more|additional|further|extra)\b", "", text)  # "2 more years"
    text = _AND_OVER.sub(r"at least \1", _AGED_BOUND.sub("", text))  # "aged 18 and over"
    text = _AGE_RANGE.sub(r"\1 to \2", text)
    text = _AGE_WORDING.sub(lambda m: _AGE_BOUND[m.group(1)], text)  # "below the age of" -> "under"
    if _AGE_BOUND_START.match(text):
        text = _AGE_IN_YEARS.sub("", text)  # an age is in years unless it says otherwise
    head, _, rest = text.partition(" ")
    if head in _ARTICLE_ONE and rest:
        return f"1 {rest}"
    return f"{_digits(head)} {rest}".strip()


@lru_cache(maxsize=4096)
def _digits(word: str) -> str:
    """A number written in words as digits ("thirty", "dreißig", "vingt-quatre" -> "30",
    "30", "24"), by text2num, which knows the numbers of English, French and German; the
    articles that count one ("eine", "einen") are ours. Any other word as it is."""
    if word in _ONE:
        return "1"
    if not word.replace("-", "").isalpha():
        return word
    for language in ("en", "fr", "de"):
        try:
            return str(text2num(word, language))
        except ValueError:
            continue
    return word


# How many days a unit of time holds, in the languages of the lexicon.
_DAYS_IN = {
    "day": 1, "days": 1, "jour": 1, "jours": 1, "tag": 1, "tage": 1, "tagen": 1,
    "week": 7, "weeks": 7, "semaine": 7, "semaines": 7, "woche": 7, "wochen": 7,
    "month": 30, "months": 30, "mois": 30, "monat": 30, "monate": 30, "monaten": 30,
    "year": 365, "years": 365, "an": 365, "ans": 365, "année": 365, "années": 365,
    "jahr": 365, "jahre": 365, "jahren": 365,
}  # fmt: skip
_SPAN = re.compile(r"(\D*?)(\d+) (\w+)")  # "within 30 days": the lead, the number, the unit
_SPAN_TOLERANCE = 0.02  # 12 months (360 days by months of 30) is a year of 365


def same_span(one: str, other: str) -> bool:
    """Whether two periods (quantity keys) in different units last as long: "1 month" and
    "30 days", "12 months" and "1 year", "6 months" and "180 days". In one unit any other
    figure is another period."""
    spans = [_SPAN.fullmatch(key) for key in (one, other)]
    if not (spans[0] and spans[1]) or spans[0].group(1) != spans[1].group(1):
        return False  # "within a month" and "for 30 days" are two promises
    units = [_DAYS_IN.get(span.group(3)) for span in spans]
    if not (units[0] and units[1]) or units[0] == units[1]:
        return False
    days = [int(span.group(2)) * unit for span, unit in zip(spans, units, strict=True)]
    return abs(days[0] - days[1]) <= _SPAN_TOLERANCE * max(days)


def not_a_phone(written: str) -> bool:
    """A date, a version string, opening hours or an identifier too long to dial (a page's
    render or tracking number) that the phone pattern caught."""
    if sum(c.isdigit() for c in written) > _MOST_DIGITS_DIALLED:
        return True
    return bool(DATE.fullmatch(written) or _VERSION.fullmatch(written) or _HOURS.fullmatch(written))


def not_a_term(term: Term, written: str, text: str, language: str = "") -> bool:
    """A date, a version string or opening hours that the phone pattern caught, or a word
    that is only ever part of a name in the text ("Agency for Digital Government" names no
    government, "the Personal Information Protection Act" no personal information)."""
    if term[1] == "phone":
        return not_a_phone(written)
    if written not in _outside_documents(text):
        return True  # only in a document's or a law's name: "where this disclosure is required"
    found = [n.casefold() for n in organisations(text, language)]
    # a name longer than the term ("Agency for Digital Government"); the term capitalised
    # alone ("your Consent") is the term
    names = " ".join(n for n in found if n != written)
    outside = _outside_names(text, language).casefold()
    return bool(names) and written in names and written not in outside


@lru_cache(maxsize=4096)
def _outside_documents(text: str) -> str:
    """The text without the names of documents and laws, casefolded, one space between words:
    read once per text, however many of its terms ask."""
    return " ".join(DOCUMENT_NAME.sub(" ", text).casefold().split())


def _outside_names(text: str, language: str) -> str:
    for name in sorted(organisations(text, language), key=len, reverse=True):
        text = text.replace(name, " ")
    return text


def _date_key(written: str) -> tuple[str, ...]:
    """A date as its parts, month names as numbers, in sorted order: "29 June 2022" and
    "June 29, 2022" have one key."""
    parts = []
    for part in _DATE_PART.findall(written.casefold()):
        if part.isdigit():
            parts.append(str(int(part)))
        elif part.rstrip(".") in _MONTH_NUMBER:
            parts.append(str(_MONTH_NUMBER[part.rstrip(".")]))
    return tuple(sorted(parts))


def same_dates_reformatted(before: str, after: str) -> bool:
    """Only the way dates are written changed ("29 June 2022" -> "June 29, 2022")."""
    old, new = list(DATE.finditer(before)), list(DATE.finditer(after))
    if not old or words(DATE.sub(" ", before)) != words(DATE.sub(" ", after)):
        return False
    return sorted(_date_key(m.group()) for m in old) == sorted(_date_key(m.group()) for m in new)


# a line that is only the policy's title or its date: "Privacy Policy", "Last modified:" (the
# date itself taken out), "Politique de confidentialité", "Effective"
DOCUMENT_LINE = re.compile(
    # the title with the company's or product's name before it: "Trello Privacy Policy"
    r"(?:(?-i:(?:[A-Z][\w.&'’-]*\s+){0,3})(?:our |the )?(?:privacy|cookie) (?:policy|notice"
    r"|statement)|politique de "
    r"confidentialité|datenschutzerklärung|datenschutzhinweise|(?:last )?(?:modified|updated"
    r"|revised)(?: on)?|effective(?: date| from| as of| starting| since)?|en vigueur(?: au| le)?"
    r"|dernière mise à jour(?: le)?|mis à jour le|version(?: du)?|stand"
    r"|zuletzt aktualisiert(?: am)?)\W*",
    re.IGNORECASE,
)
_NAVIGATION_LINKS = 3  # document titles in a line made of nothing else: a navigation bar
# pages every site links to beside its policy
_SITE_PAGE = re.compile(
    r"\b(?:Terms(?: of (?:Service|Use))?|Code of Conduct|Cookie Settings|Imprint|Impressum"
    r"|Legal(?: Notice)?|Mentions légales|CGU|CGV|Accessibility|Sitemap|Contact(?: us)?|Help"
    r"|Security|Careers|Blog|About(?: us)?)\b"
)


def navigation(text: str) -> bool:
    """A line of links to the site's documents ("Terms of Service Privacy Policy Cookie
    Policy"): navigation around the policy, not a clause of it."""
    if TOC_TITLE.match(text):  # "Table of contents": the title of the page's own index
        return True
    titles = DOCUMENT_NAME.findall(text) + _SITE_PAGE.findall(DOCUMENT_NAME.sub(" ", text))
    rest = content_words(_SITE_PAGE.sub(" ", DOCUMENT_NAME.sub(" ", text)))
    return len(titles) >= _NAVIGATION_LINKS and len(rest) <= 1


# A sentence that says what a technology is or does by itself, in the policy's voice of a
# glossary: "A cookie is a small data file...", "Session cookies last only until...".
_EXPLAINS = re.compile(
    r"\W*(?:an? |the |these |such )?(?:(?:session|persistent|first-party|third-party|flash|http)"
    r" )?(?:cookies?|pixels?|(?:web )?beacons?|clear gifs?|tags?|local storage|sdks?"
    r"|tracking technologies|traceurs?|témoins?)(?:,[^.]{0,80},)? (?:is|are|can be|may be|last"
    r"|lasts|remain|remains|allow|allows|help|helps|est|sont|sind|ist)\b",
    re.IGNORECASE,
)
_WE_ACT = re.compile(r"\b(?:we|us|our|nous|wir)\b", re.IGNORECASE)


def explains_a_thing(sentence: str) -> bool:
    """A sentence of the policy's glossary: what a cookie or a pixel is, no one acting."""
    return bool(_EXPLAINS.match(sentence)) and not _WE_ACT.search(sentence)
