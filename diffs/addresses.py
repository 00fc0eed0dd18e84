"""Postal addresses in a text: street lines and postcodes, in the ways English, French and
German policies write them.

A controller's or a privacy desk's postal address is where people send their requests, so a
changed address is a changed route to exercise one's rights, as a changed e-mail address or
phone number is. The judge asks for the addresses on each side of a change; these patterns are
ours (no maintained library parses addresses in running text without a model), and they match
case-sensitively: a street or a city is written with a capital.
"""

from __future__ import annotations

import re
from functools import cache

from .diff import quote
from .places import places, subdivisions

_NAME = r"[A-Z][\w'’.-]*"
_STREET = re.compile(
    # "10 Downing Street", "500 Main St", "1600 Amphitheatre Parkway"
    rf"\b\d{{1,5}}[A-Za-z]?,?\s+(?:{_NAME}\s+){{0,3}}(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?"
    r"|Boulevard|Blvd\.?|Lane|Ln\.?|Drive|Dr\.?|Way|Place|Pl\.?|Square|Sq\.?|Court|Ct\.?"
    r"|Parkway|Pkwy\.?|Highway|Hwy\.?|Quay|Row|Terrace|Plaza)\b"
    # "12 rue de la Paix", "3 avenue Foch", "7 bis, boulevard Haussmann"
    r"|\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|boulevard|bd|allée|chemin|impasse|quai|place"
    rf"|cours|route|Rue|Avenue|Boulevard|Allée|Chemin|Impasse|Quai|Place|Cours|Route)\s+"
    rf"(?:(?:de la|de l'|des|du|de|d')\s*)?{_NAME}"
    # "Friedrichstraße 68", "Unter den Linden 1"
    rf"|\b{_NAME}(?:straße|strasse|weg|platz|gasse|allee|ring|damm)\s+\d{{1,4}}[a-z]?\b"
)
_POSTCODE = re.compile(
    r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b"  # UK: "SW1A 2AA"
    r"|\b[A-Z]{2}\s\d{5}(?:-\d{4})?\b"  # US: "TX 78701"
    r"|\bCEDEX\b\s*\d*"
)
# FR, DE, ES, IT: "75002 Paris", "10117 Berlin": five digits and a name, which also reads as
# "10000 Users", so only where an address puts it
_CODE_AND_CITY = re.compile(rf"\b(?:\d{{5}}|\d{{2}}\s\d{{3}})\s+{_NAME}")


@cache
def _us_states() -> tuple[dict[str, str], re.Pattern[str]]:
    """US states by name -> their two letters, from pycountry, and the "California 94105"
    that an address writes for "CA 94105"."""
    codes = {s["name"]: s["code"].split("-")[1] for s in subdivisions("US")}
    names = "|".join(sorted(map(re.escape, codes), key=len, reverse=True))
    return codes, re.compile(rf"\b({names})\s(\d{{5}}(?:-\d{{4}})?)\b")


def _state_by_code(text: str) -> str:
    codes, written = _us_states()
    return written.sub(lambda m: f"{codes[m.group(1)]} {m.group(2)}", text)


def postal_addresses(text: str) -> list[str]:
    """The street lines and postcodes a text holds, as written (spacing normalised). A
    five-digit code and a city count where an address puts them: first, after a comma or a
    street line ("We have 10000 Users" holds none)."""
    text = _state_by_code(text)
    streets = list(_STREET.finditer(text))
    found = [m.group() for m in streets] + [m.group() for m in _POSTCODE.finditer(text)]
    for code in _CODE_AND_CITY.finditer(text):
        before = text[: code.start()].rstrip()
        after_street = any(0 <= code.start() - s.end() <= 3 for s in streets)
        if not before or before.endswith(",") or after_street:
            found.append(code.group())
    return list(dict.fromkeys(" ".join(f.split()).rstrip(".,") for f in found))


def address_reasons(before: str, after: str) -> list[str]:
    """A postal address changed where people write about their data: a route changed."""
    old, new = postal_addresses(before), postal_addresses(after)
    # "Bangalore 560102 India" -> "Singapore": the same street in another country ("CA" and
    # "California" are one state)
    was, now = (set(places(_state_by_code(text))) for text in (before, after))
    if old and new and set(old) == set(new) and was != now:
        gone, came = (quote(", ".join(sorted(side)) or "none") for side in (was, now))
        return [f"contact: address country changed: {gone} -> {came}"]
    if set(old) == set(new) or not (old or new):
        return []
    was = ", ".join(a for a in old if a not in new) or "none"
    now = ", ".join(a for a in new if a not in old) or "none"
    return [f"contact: postal address changed: {quote(was)} -> {quote(now)}"]
