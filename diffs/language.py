"""Which language a policy is written in, so the judge reads it with the right lexicon.

Counting the most frequent function words is enough to tell English from French policy prose
(they share almost none), needs no model, and runs in microseconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

LANGUAGES = ("en", "fr", "de")
UNKNOWN = "und"  # BCP 47 "undetermined": both lexicons apply

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_FUNCTION_WORDS = {
    "en": frozenset(
        "the and of to you your we our is are for with that this by or be in on as may not "
        "will any which from it have has us such when".split()
    ),
    "fr": frozenset(
        "le la les des et du de vous votre vos nous nos est sont pour avec que qui ce cette "
        "par ou dans sur au aux une un pas peut être ne sera".split()
    ),
    "de": frozenset(
        "der die das und oder wir du dein deine deiner sie ihre ist sind für mit von zu auf "
        "nicht ein eine einen dem den des wenn werden wird kann können auch als bei".split()
    ),
}
_MIN_HITS = 3
_SAMPLE_CHARS = 20_000


def detect(texts: Iterable[str]) -> str:
    """ "en", "fr", or "und" when there are too few words to tell."""
    sample: list[str] = []
    size = 0
    for text in texts:
        sample.append(text)
        size += len(text)
        if size >= _SAMPLE_CHARS:
            break
    words = [w.casefold() for w in _WORD.findall(" ".join(sample))]
    words = [w.split("'")[-1] if "'" in w else w for w in words]  # l'utilisateur -> utilisateur
    hits = {lang: sum(w in vocab for w in words) for lang, vocab in _FUNCTION_WORDS.items()}
    best = max(LANGUAGES, key=lambda lang: hits[lang])
    other = max(hits[lang] for lang in LANGUAGES if lang != best)
    if hits[best] < _MIN_HITS or hits[best] < 1.5 * other:
        return UNKNOWN
    return best
