"""Where data goes: the countries, states and areas a reworded clause adds, removes, or moves
across "in" / "outside" ("transfer: 'in the EU' -> 'outside the EU'"). The places themselves
come from pycountry (`places`)."""

from __future__ import annotations

import re

from .diff import quote
from .organisations import ORG_SUFFIX, organisations
from .places import mentions_moved, places, places_in_name, sides
from .signals import CAPITALISED, Edit, respelled


def place_reasons(edit: Edit) -> list[str]:
    """Countries, states and areas added or removed, or moved across "in" / "outside". A
    place inside a company's name ("NETS Denmark A/S") is the company's, judged as a party."""
    before, after = _without_companies(edit.before), _without_companies(edit.after)
    old, new = places(before), places(after)
    old_sides, new_sides = sides(before), sides(after)
    more, fewer = mentions_moved(before, after, edit.deleted, edit.inserted)
    if old_sides == new_sides and not (more or fewer):
        return []
    went = CAPITALISED.findall(" ".join(edit.deleted))
    came = CAPITALISED.findall(" ".join(edit.inserted))
    # a place that replaces a word spelled almost like it is a respelling ("Kingson"); "India"
    # -> "China" is another place
    for place in [p for p in new if p not in old]:
        if any(respelled(w, new[place].split()[-1]) for w in went if w not in new[place]):
            new.pop(place)
    for place in [p for p in old if p not in new]:
        if any(respelled(w, old[place].split()[-1]) for w in came if w not in old[place]):
            old.pop(place)
    reasons = []
    for place in sorted(old.keys() & new.keys()):
        crossed = _outside(old_sides.get(place, ())) ^ _outside(new_sides.get(place, ()))
        if crossed:
            was = sorted(old_sides[place] - new_sides[place]) or [old[place]]
            now = sorted(new_sides[place] - old_sides[place]) or [new[place]]
            reasons.append(f"transfer: {quote(was[0])} -> {quote(now[0])}")
    # a place the other side names inside a name ("California Privacy Rights") was named
    added = sorted(p for p in new.keys() - old.keys() if p not in places_in_name(before))
    removed = sorted(p for p in old.keys() - new.keys() if p not in places_in_name(after))
    if more and not (added or removed or fewer):  # the place was named, now once more
        return [*reasons, f"place named once more: {quote(', '.join(new[p] for p in more))}"]
    if fewer and not (added or removed or more):
        return [*reasons, f"place named once less: {quote(', '.join(old[p] for p in fewer))}"]
    added, removed = added + more, removed + fewer
    if added and removed:
        was, now = ", ".join(old[p] for p in removed), ", ".join(new[p] for p in added)
        reasons.append(f"place: {quote(was)} -> {quote(now)}")
    elif added:
        reasons.append(f"place added: {quote(', '.join(new[p] for p in added))}")
    elif removed:
        reasons.append(f"place removed: {quote(', '.join(old[p] for p in removed))}")
    return reasons


def _outside(ways: frozenset[str] | tuple[()]) -> frozenset[bool]:
    """Whether a place is named inside, outside, or both."""
    return frozenset(way.startswith("outside ") for way in ways)


def _without_companies(text: str) -> str:
    """The text with the names that carry a legal form taken out."""
    for name in organisations(text):
        if ORG_SUFFIX.search(name):
            text = text.replace(name, " ")
    return text


# Data that never leaves the person's device, or that goes to the company's computers.
_ON_DEVICE = re.compile(
    r"\b(?:on|stays? on|remains? on|never leaves?|locally on|stored locally|processed locally"
    r"|sur|reste sur|auf|bleib\w* auf)\s+(?:your|the|votre|l'|ihrem|dem)\s*(?:own\s+)?"
    r"(?:device|phone|computer|appareil|téléphone|ordinateur|gerät|smartphone)\b|\blocally\b"
    r"|\blocalement\b|\blokal\b",
    re.IGNORECASE,
)
_ON_SERVERS = re.compile(
    r"\b(?:our|the company's|nos|unsere\w*)\s+(?:\w+\s+)?(?:servers?|cloud|data cent(?:er|re)s?"
    r"|serveurs?|servern?|rechenzentr\w*)\b|\b(?:the cloud|uploaded|téléversé\w*|hochgeladen)\b",
    re.IGNORECASE,
)


def device_reasons(before: str, after: str) -> list[str]:
    """Data kept on the person's device now sent to the company's servers, or back: where it
    is processed, as a place is ("processed on your device" -> "on our servers")."""
    was_local, is_local = _ON_DEVICE.search(before), _ON_DEVICE.search(after)
    went, came = _ON_SERVERS.search(before), _ON_SERVERS.search(after)
    if was_local and not is_local and came and not went:
        return [f"transfer: {quote(was_local.group())} -> {quote(came.group())}"]
    if is_local and not was_local and went and not came:
        return [f"transfer: {quote(went.group())} -> {quote(is_local.group())}"]
    return []
