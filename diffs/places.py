"""Places a policy names: countries and their subdivisions from pycountry (ISO 3166, in every
language pycountry translates), plus the economic areas policies transfer data into or out of.

A place added, removed or moved across "in"/"outside" in a clause about data is a change in
where the data goes. pycountry is kept by others and knows names in many languages; only the
economic areas and the few words that make a place "outside" are ours.
"""

from __future__ import annotations

import gettext
import importlib.util
import json
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path

# Areas that are not countries but are where data is kept or sent (ISO has no code for them),
# and the short forms of two countries, each with the one name it goes by here: "EU" and
# "European Union" are one place.
_EU, _EEA = "European Union", "European Economic Area"
_AREAS = {
    "EU": _EU,
    "E.U.": _EU,
    "European Union": _EU,
    "UE": _EU,
    "Union européenne": _EU,
    "Europäische Union": _EU,
    "Europäischen Union": _EU,
    "EEA": _EEA,
    "European Economic Area": _EEA,
    "EEE": _EEA,
    "Espace économique européen": _EEA,
    "EWR": _EEA,
    "Europäischen Wirtschaftsraums": _EEA,
    "Europäischer Wirtschaftsraum": _EEA,
    "Europe": "Europe",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "US": "United States",
    "U.S.": "United States",
    "USA": "United States",
    "U.S.A.": "United States",
    "Asia": "Asia",
    "Africa": "Africa",
    "North America": "North America",
    "South America": "South America",
    "Latin America": "Latin America",
    "Middle East": "Middle East",
    "Asia Pacific": "Asia Pacific",
    "APAC": "Asia Pacific",
    "EMEA": "EMEA",
}
_TRANSLATED = ("fr", "de", "es", "it", "nl", "pt", "sv", "da")
_SUBDIVISION_TYPES = frozenset(
    {
        "State",
        "Province",
        "Canton",
        "Land",
        "Country",
        "Territory",
        "Nation",
        "Region",
        "Autonomous community",
        "Federal district",
        "Federal territory",
        "Union territory",
        "Metropolitan region",
    }
)
# Subdivision names that are also ordinary words in policy prose.
_COMMON = frozenset(
    "centre center central north south east west northern southern eastern western capital "
    "coast island islands lake lakes national federal upper lower delta plateau littoral "
    "highlands lowlands midlands interior mountain river valley north-east north-west "
    "south-east south-west".split()
)
_OUTSIDE = re.compile(
    r"(?<!\w)(?:outside(?: of)?|beyond|abroad|hors d[eu']|en dehors d[eu']|außerhalb)\s*"
    r"(?:the\s+|l'|la\s+|le\s+|des?\s+|der\s+|dem\s+)?$",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[\w.'’-]+")
# a capitalised word right after a place: the place names a thing ("EU Standard Contractual
# Clauses", "UK GDPR", "United States Department of Commerce"), not where data goes
_NAME_FOLLOWS = re.compile(
    r"[ \t]+(?!(?:And|Or|Et|Und|States?|Member|Residents?|Citizens?|Users?|Territor\w*"
    r"|Countr\w*|Regions?)\b)[A-Z][A-Za-z]"
)
_MAX_WORDS = 5


@cache
def _pycountry_data() -> tuple[Path, Path]:
    """pycountry's databases and translations folders, found without importing pycountry:
    its import and its objects cost a comparison more than its data does (0.1 s of CPU)."""
    spec = importlib.util.find_spec("pycountry")
    folder = Path(next(iter(spec.submodule_search_locations or ()), "")) if spec else Path()
    if not (folder / "databases" / "iso3166-2.json").is_file():  # another layout: ask it
        import pycountry

        return Path(pycountry.DATABASE_DIR), Path(pycountry.LOCALES_DIR)
    return folder / "databases", folder / "locales"


@cache
def _entries(standard: str) -> list[dict[str, str]]:
    """The records of an ISO 3166 part ("3166-1" countries, "3166-2" subdivisions)."""
    databases, _ = _pycountry_data()
    return json.loads((databases / f"iso{standard}.json").read_text(encoding="utf-8"))[standard]


def subdivisions(country_code: str) -> list[dict[str, str]]:
    """A country's subdivisions ({"code": "US-CA", "name": "California", "type": "State"})."""
    return [s for s in _entries("3166-2") if s["code"].startswith(f"{country_code}-")]


@cache
def _names() -> dict[str, str]:
    """Every known place name, as written, mapped to one canonical name."""
    names: dict[str, str] = {}

    def add(name: str | None, canonical: str) -> None:
        if name and len(name) >= 2 and name.casefold() not in _COMMON:
            names.setdefault(name, canonical)

    _, locales = _pycountry_data()
    translations = [
        gettext.translation("iso3166-1", locales, languages=[lang], fallback=True)
        for lang in _TRANSLATED
    ]
    for country in _entries("3166-1"):
        common = country.get("common_name")
        canonical = common or country["name"]
        # "Korea, Republic of" is also written "Republic of Korea"
        name = country["name"]
        inverted = " ".join(reversed(name.split(", "))) if ", " in name else None
        for written in (name, common, country.get("official_name"), inverted):
            add(written, canonical)
            for translation in translations:
                add(translation.gettext(written) if written else None, canonical)
    for subdivision in _entries("3166-2"):
        if subdivision["type"] in _SUBDIVISION_TYPES and len(subdivision["name"]) >= 4:
            add(subdivision["name"], subdivision["name"])
    for area, canonical in _AREAS.items():
        add(area, canonical)
        add(area.rstrip("."), canonical)  # "the U.S." is read without its final stop
    return names


@cache
def _longest() -> int:
    return max(len(_TOKEN.findall(name)) for name in _names())


def places(text: str) -> dict[str, str]:
    """Canonical place -> how the text first says where it is ("EU", "outside EU")."""
    found: dict[str, str] = {}
    for canonical, where, _ in _places(text):
        found.setdefault(canonical, where)
    return found


def sides(text: str) -> dict[str, frozenset[str]]:
    """Canonical place -> every way the text says where it is: a place named both "within
    the EEA" and "outside the EEA" has both sides, so one mention moving across is seen."""
    found: dict[str, set[str]] = {}
    for canonical, where, _ in _places(text):
        found.setdefault(canonical, set()).add(where)
    return {canonical: frozenset(ways) for canonical, ways in found.items()}


def mentions_moved(
    before: str, after: str, deleted: Sequence[str], inserted: Sequence[str]
) -> tuple[list[str], list[str]]:
    """Places named on both sides that an edit named once more, or once less (canonical
    names): "residents of California, kept in California" -> "kept in any state"."""
    old, new = _mentions(before), _mentions(after)
    took, put = _named(" ".join(deleted)), _named(" ".join(inserted))
    both = _named(before).keys() & _named(after).keys()
    more = sorted(p for p in (new - old).keys() & both if put[p] > took[p])
    fewer = sorted(p for p in (old - new).keys() & both if took[p] > put[p])
    return more, fewer


def _named(text: str) -> Counter[str]:
    return Counter(canonical for canonical, _, _ in _places(text))


def _mentions(text: str) -> Counter[str]:
    """Mentions that say where something is ("kept in California", "servers outside the EU"),
    not whose or which ("California residents", "U.S. State Privacy Laws")."""
    return Counter(
        canonical
        for canonical, _, start in _places(text)
        if _LOCATED_BEFORE.search(text[max(0, start - 25) : start])
    )


_LOCATED_BEFORE = re.compile(
    r"(?<!\w)(?:in|within|inside|outside(?: of)?|to|into|from|across|throughout|en|au|aux|dans"
    r"|hors d[eu']|vers|nach|aus|innerhalb|außerhalb)\s+(?:the\s+|l'|la\s+|le\s+|les\s+"
    r"|der\s+|dem\s+|den\s+|die\s+)?$",
    re.IGNORECASE,
)


def places_in_name(name: str) -> set[str]:
    """The places a company's name holds ("Orbit UK Ltd": United Kingdom), which tell two
    companies of one group apart."""
    return {canonical for canonical, _, _ in _places(name, in_names=True)}


@lru_cache(maxsize=8192)
def _places(text: str, in_names: bool = False) -> tuple[tuple[str, str, int], ...]:
    """Every mention of a place, in order, as (canonical name, how the text says it, where it
    starts); inside names too when `in_names`."""
    names = _names()
    found: list[tuple[str, str, int]] = []
    tokens = list(_TOKEN.finditer(text))
    index = 0
    while index < len(tokens):
        token = tokens[index].group()
        if not token[:1].isupper():
            index += 1
            continue
        for width in range(min(_longest(), _MAX_WORDS, len(tokens) - index), 0, -1):
            start, end = tokens[index].start(), tokens[index + width - 1].end()
            written = text[start:end].rstrip(".,'’")
            canonical = names.get(written)
            if canonical and not in_names and _NAME_FOLLOWS.match(text, end):
                index += width  # "EU Standard Contractual Clauses", "UK GDPR": part of a name
                break
            if canonical:
                outside = bool(_OUTSIDE.search(text[max(0, start - 25) : start]))
                where = f"outside {written}" if outside else written
                found.append((canonical, where, start))
                index += width
                break
        else:
            index += 1
    return tuple(found)
