"""The words whose flip changes what a clause allows, in English, French and German: modal
verbs, negations, limits, "before"/"after", and the set phrases that hold a negation or a limit
but change nothing ("including but not limited to"). The reader masks the phrases, then counts
the rest in a modified clause's old and new words."""

from __future__ import annotations

import re

MODALS = {
    # the contractions first: "can't" is no "can"
    "en": r"won't|can't|cannot|(?:may|might|can|could|will|shall|must|should|would)(?:\s+not|n't)?"
    r"|(?:do|does|did)(?:\s+not|n't)|never|not|no longer|neither|nor|no"
    # a verb that says no: "we stop linking", "is prohibited from using"
    r"|(?:stop|stops|stopped|cease|ceases|ceased)(?= \w+ing\b)"
    r"|prohibit(?:s|ed)?|barred|forbidden|precluded"
    r"|(?:have|has|had|is|are|was|were)n't",  # "haven't used", "isn't shared"
    "fr": r"(?:peut|peuvent|pouvons|pourra|pourrons|pourront|pourrait|pourraient|"
    r"doit|doivent|devons|devra|devront|est susceptible de|sont susceptibles de)"
    r"|(?:ne|n')\s*(?:\S+\s+){0,3}?(?:pas|jamais|aucun|aucune|plus|nullement)|jamais"
    r"|aucune?\s+(?:\S+\s+){0,10}?(?:ne\s+|n')\w+",  # "aucun transfert ... n'a lieu"
    "de": r"(?:kann|können|kannst|darf|dürfen|wird|werden|muss|müssen|soll|sollen)"
    r"|nicht|nie|niemals|kein\w*|nicht mehr|weder",
}
LIMITS = {
    "en": r"only|solely|exclusively|unless|except|without|lack(?:s|ing)?|strictly necessary"
    r"|other than(?= (?:when|if|where|as|for|to|with)\b)|apart from|save (?:for|where|when|as)"
    r"|(?:limited|restricted) to"
    r"|(?:limit|restrict)s? (?:(?:the|our|its|their) )?(?:access|use|processing)"
    r"|(?:you|users?|members?|people) must be",  # "you must be 18" is "only for those 18"
    "fr": r"uniquement|seulement|exclusivement|(?:à la |sous la )?seule condition|sauf|sans"
    r"|à l'exception d[eu']|hormis|excepté|strictement nécessaires?"
    # "ne ... qu'en cas de doute": the elided "que" ends before its apostrophe, so the match
    # ends at a word's end
    r"|n[e']\s*(?:\S+\s+){0,4}?qu(?:e\b|(?='))|(?:limitée?s?|réservée?s?) à",
    "de": r"nur|ausschließlich|außer|es sei denn|ohne|beschränkt auf",
}
# When a practice happens relative to the person's say: "before" -> "after" sharing.
BEFORE = re.compile(r"\b(?:before|prior to|avant|vor(?:her)?)\b", re.IGNORECASE)
AFTER = re.compile(r"\b(?:after|afterwards|après|nach(?:her|dem)?)\b", re.IGNORECASE)
NEGATIONS = {
    "en": re.compile(
        r"\b(?:not|never|no longer|no|neither|nor|stop|stops|stopped|cease|ceases|ceased"
        r"|prohibit|prohibits|prohibited|barred|forbidden|precluded)\b|n't|cannot",
        re.IGNORECASE,
    ),
    "fr": re.compile(r"\b(?:pas|jamais|aucune?|plus|nullement)$|^jamais$", re.IGNORECASE),
    "de": re.compile(r"\b(?:nicht|nie|niemals|kein\w*|weder)\b", re.IGNORECASE),
}
# Set phrases that contain a negation or a limit but change nothing: masked before counting,
# so "including but not limited to" is not a negation added.
IDIOMS = {
    "en": r"(?:including,? )?but not limited to|without limitation|not only|whether or not"
    r"|if not|or not(?=\s*[,.;:)])|(?<=if you )(?:do not|don't|no longer) (?:want|wish)\b"
    r"|not applicable|not-for-profit|non-profit|no later than"
    r"|no (?:less|more|fewer) than"
    # the browser signal, not a promise: "Do Not Track" (settings, signals, requests)
    r"|(?-i:Do Not Track)|do[- ]not[- ]track(?= (?:signals?|settings?|requests?|headers?"
    r"|preferences?|mechanisms?|features?|browser))|[\"“']do not track[\"”']"
    r"|not less than|not more than|without prejudice to"
    # hedges that bind nothing: "where applicable" names no condition a reader can check
    r"|(?:where|when|if|as) (?:applicable|appropriate|relevant)|as the case may be"
    # words that name a definition: "(collectively, "Inputs")"
    r"|collectively|hereinafter|together(?= ['\"“])"
    r"|do not sell ?(?:(?:or |and |/) ?share )?my (?:personal )?(?:information|data)",
    "fr": r"sans (?:que cette liste soit exhaustive|s'y limiter|limitation|préjudice)"
    r"|(?<=si vous )ne (?:souhaitez|voulez|désirez) (?:pas|plus)\b"  # the reader's wish
    r"|non (?:exhaustive?|seulement)|notamment|ne sont pas limités? à|au plus tard|pas moins de"
    r"|le cas échéant|s'il y a lieu|ci-après|collectivement",
    "de": r"unter anderem|insbesondere|nicht nur|nicht abschließend|spätestens|gegebenenfalls"
    r"|(?<=wenn sie )(?:nicht|keine\w*)(?=[^,.;]{0,60}\b(?:möchten|wünschen|wollen)\b)"
    r"|nachfolgend|im folgenden",
}
