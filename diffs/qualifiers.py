"""Words that change what a clause allows without naming new data, parties or places: one
practice put for another ("we share" -> "we sell"), a duty for a choice ("required" ->
"optional"), one kind of consent for another ("explicit" -> "implied"), and all of something
for part of it ("all of your data" -> "some of your data").

Each is read in the runs a change swapped (a deleted run and the inserted run that replaces
it), so the verdict quotes the words that changed. The word lists are ours: no maintained
vocabulary of these qualifiers exists in the languages we read.
"""

from __future__ import annotations

import re
from functools import cache

from .diff import quote
from .lexicon import HANDING_OVER, RECIPIENT_ACTS, SAFEGUARD
from .organisations import rebranded
from .practice import CONSENT_ASKED, languages_for, names_practice, practice_verbs, sentences
from .signals import content_words

# Data going out to others, by how: sold (for money) or shared. Verbs that also say what is
# done for the reader ("send", "provide", "communicate") are left out; "share it with you"
# is no flow to others either.
_FLOWS: dict[str, dict[str, str]] = {
    "en": {
        "sale": r"sell\w*|sold|sale|rent(?:s|ing)?|monetiz\w*|monetis\w*",
        "sharing": rf"shar(?:e|es|ed|ing)|disclos\w*|transfer\w*|{HANDING_OVER}"
        rf"|{RECIPIENT_ACTS['en']}",
    },
    "fr": {
        "sale": r"vend\w*|vente|lou(?:e|ons|ent)|monétis\w*|commercialis\w*",
        "sharing": r"partag\w*|transm\w*|transf[èée]r\w*|divulgu\w*|c[èé]d\w*"
        rf"|communiqu(?:é|ée|és|ées)|{RECIPIENT_ACTS['fr']}",
    },
    "de": {
        "sale": r"verkauf\w*|vermiet\w*",
        "sharing": r"weiterg\w*|teilen|(?:ge)?teilt|übermitt\w*|offenleg\w*|übertrag\w*"
        rf"|{RECIPIENT_ACTS['de']}",
    },
}
_TO_THE_READER = re.compile(r"\s+(?:with\s+|avec\s+|mit\s+)?(?:you|vous|ihnen|dir)\b", re.I)

# A duty to give data, or a choice to.
_REQUIRED = (
    r"required|mandatory|obligatory|compulsory|necessary|obligatoires?|requis\w*"
    r"|nécessaires?|indispensables?|erforderlich\w*|verpflichtend\w*|notwendig\w*|pflicht\w*"
)
_OPTIONAL = r"optional|voluntar\w*|facultati\w*|optionnel\w*|volontaire\w*|freiwillig\w*"

# Kinds of consent: given in so many words, or read into silence.
_EXPRESS = r"explicit|express|affirmative|opt-in|explicite|exprès|expresse|ausdrücklich\w*"
_IMPLIED = r"implied|implicit|deemed|presumed|tacit|implicite|tacite|présumé\w*|stillschweigend\w*"
_CONSENT = re.compile(r"consent\w*|einwilligung\w*|zustimmung\w*", re.IGNORECASE)

# All of something, or a part of it.
_ALL = r"all|every|entire|whole|tou(?:t|te|s|tes)|l'ensemble|alle\w*|sämtlich\w*"
_PART = (
    r"some|certain|part|parts|portion|selected|quelques|certain(?:e|s|es)?|une partie"
    r"|einige\w*|bestimmte\w*|teil(?:e|weise)?"
    # a digest of something is part of it: "all of the conversations" -> "a summary of them"
    r"|summary|summaries|overview|excerpts?|résumés?|aperçu|extraits?|zusammenfassung\w*"
    r"|auszug|auszüge|übersicht"
)


def _words(body: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


@cache
def _flow_patterns(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    langs = languages_for(language)
    return tuple(
        (flow, _words("|".join(_FLOWS[lang][flow] for lang in langs if lang in _FLOWS)))
        for flow in ("sale", "sharing")
    )


def flows(text: str, language: str, within: int | None = None) -> frozenset[str]:
    """How a text says data goes out to others: "sale", "sharing", both or neither; with
    `within`, only what is said from the text's first `within` characters on."""
    found = set()
    taken: list[tuple[int, int]] = []
    for flow, pattern in _flow_patterns(language):
        for match in pattern.finditer(text):
            if within is not None and match.start() >= within:
                continue
            if any(s <= match.start() < e for s, e in taken):
                continue  # "sell" is a sale, not also a sharing
            if flow == "sharing" and _TO_THE_READER.match(text[match.end() :]):
                continue  # "we send you a receipt"
            taken.append(match.span())
            found.add(flow)
    return frozenset(found)


_FOLLOWING = 6  # words after a run that say what it hands over and to whom


@cache
def recipient_acts(languages: tuple[str, ...]) -> re.Pattern[str]:
    """Data reaching others said from their side ("our provider stores it"), in these
    languages' words."""
    return _words("|".join(RECIPIENT_ACTS[lang] for lang in languages))


def _with_what_follows(run: str, text: str) -> str:
    at = text.find(run)
    if at < 0:
        return run
    return run + " " + " ".join(text[at + len(run) :].split()[:_FOLLOWING])


def flow_reasons(
    swaps: tuple[tuple[str, str], ...], language: str, before: str = "", after: str = ""
) -> list[str]:
    """One practice put in place of another where data goes out: "share" -> "sell", "use" ->
    "share". Two words of one flow ("share" -> "disclose") say the same. Where data comes in
    from is read too (`source_reasons`)."""
    reasons = []
    # "we do not share it with third parties" -> "third parties do not receive it": the same
    # flow told from the recipient's side
    if flows(before, language) == flows(after, language) and any(
        recipient_acts(languages_for(language)).search(text) for text in (before, after)
    ):
        return []
    reasons += source_reasons(before, after)
    for taken, put in swaps:
        # read with the words after it: "send" alone hands nothing, "send it to" does
        was = flows(_with_what_follows(taken, before), language, len(taken))
        now = flows(_with_what_follows(put, after), language, len(put))
        if was != now and (was or now) and names_practice(taken, language):
            if names_practice(put, language):
                reasons.append(f"practice changed: {quote(taken.strip())} -> {quote(put.strip())}")
    return reasons


# Where data comes from: "from you", "from credit reference agencies", "auprès de vous".
_FROM = re.compile(
    r"\b(?:from|auprès d[eu']|de la part d[eu']|von|bei)\s+(?:the\s+|our\s+|des\s+|der\s+)?"
    r"(?P<source>(?:[\w'-]+\s+){0,3}?[\w'-]+)(?=\s*[.,;:)]|\s+(?:and|or|when|if|to|for|et|ou"
    r"|und|oder)\b|$)",
    re.IGNORECASE,
)
# the person as the source, or others: one put for the other changes where data comes from
_WHO_GIVES = re.compile(
    r"you|yourself|vous|ihnen|dir|third[- ]part\w*|tiers|dritt\w*|partners?|partenaires?"
    r"|public(?:ly available)? sources?|sources? publiques?|öffentlich\w* quellen"
    r"|\w*agenc(?:y|ies)|\w*brokers?|registers?|registres?",
    re.IGNORECASE,
)


_HOW = frozenset("directly automatically only also too indirectly directement direkt".split())


def _source(words_: str) -> str:
    """A source without how it gives: "you directly" is "you"."""
    return " ".join(w for w in words_.casefold().split() if w not in _HOW)


def source_reasons(before: str, after: str) -> list[str]:
    """One source of data put for another in a clause about data: "we collect your address
    from you" -> "from credit agencies"."""
    old = {_source(m.group("source")) for m in _FROM.finditer(before)}
    new = {_source(m.group("source")) for m in _FROM.finditer(after)}
    went, came = old - new, new - old
    if len(went) != 1 or len(came) != 1:
        return []
    (was,), (now,) = went, came
    if not (_WHO_GIVES.fullmatch(was) or _WHO_GIVES.fullmatch(now)):
        return []
    if {w[:_STEM] for w in content_words(was)} & {w[:_STEM] for w in content_words(now)}:
        return []  # "from our partner" -> "from our partners"
    return [f"collection: source changed: {quote(was)} -> {quote(now)}"]


# Who can see something: its owner alone, or anyone.
_PRIVATE = (
    r"private|privately|hidden|confidential\w*|privé\w*|masqué\w*|confidentiel\w*|privat\w*"
    r"|verborgen|vertraulich\w*"
)
_PUBLIC = r"public|publicly|publique\w*|öffentlich\w*"

# Whether a feature runs unless the person acts: "off by default" -> "on by default".
_OFF = r"off|disabled|deactivated|désactivée?s?|deaktiviert|aus"
_ON = r"on|enabled|activated|activée?s?|aktiviert|an"
_DEFAULT = re.compile(r"\bdefault\b|\bpar défaut\b|\bstandardmäßig\b", re.IGNORECASE)

_KINDS = (
    ("default", _words(_OFF), _words(_ON)),
    ("obligation", _words(_REQUIRED), _words(_OPTIONAL)),
    ("visibility", _words(_PRIVATE), _words(_PUBLIC)),
    ("consent", _words(_EXPRESS), _words(_IMPLIED)),
    ("scope", _words(_ALL), _words(_PART)),
)


def replacements(highlights: tuple[tuple[int, str], ...]) -> list[tuple[str, str]]:
    """Each deleted run with the inserted run right beside it, however short: "all" ->
    "some" weighs little but replaces."""
    runs = [(op, text) for op, text in highlights if op == 0 or text.strip()]
    pairs = []
    for at in range(len(runs) - 1):
        (op, text), (next_op, next_text) = runs[at], runs[at + 1]
        if {op, next_op} == {-1, 1}:
            pairs.append((text, next_text) if op == -1 else (next_text, text))
    return pairs


_NEGATED = re.compile(r"(?:un|non|nicht|non-|nicht-)(\w{4,})", re.IGNORECASE)


def _negated(one: str, other: str) -> bool:
    """One word the negation of the other: "encrypted" / "unencrypted", "verschlüsselt" /
    "unverschlüsselt", "identifiable" / "non-identifiable"."""
    one, other = one.strip().casefold(), other.strip().casefold()
    for short, long in ((one, other), (other, one)):
        match = _NEGATED.fullmatch(long)
        if match and match.group(1) == short:
            return True
    return False


# A condition, up to the end of its clause: "if you enroll in our telematics program".
_CONDITIONS = re.compile(
    r"(?:\b(?:where|when|whenever|if|unless|provided that|as long as|si|lorsque|quand|wenn|falls"
    r"|sofern|soweit)\b"
    # "Should a parent contact us": "if" said by putting "should" first
    r"|(?:^|(?<=[.;:!?]\s))should\s+(?=(?:you|we|a|an|the|any|your|our|there)\b))[^.,;:()]*",
    re.IGNORECASE,
)
_STEM = 5  # letters two forms of one word share ("required", "requires")
# A condition that binds a practice to law: a court, a legal duty, a regulation.
_LAW = re.compile(
    r"\b(?:laws?|legal\w*|lawful\w*|court\w*|subpoena\w*|warrants?|regulat\w*|statut\w*"
    r"|legislat\w*|required|requires?|obliged|obligat\w*|loi|légal\w*|judiciaire\w*|gesetz\w*"
    r"|rechtlich\w*|gericht\w*|verpflicht\w*)\b",
    re.IGNORECASE,
)
_CONDITION_WORDS = 2


# A condition that holds a practice back: while something lasts, as the law requires, as the
# reader asks. Dropped, the practice is done without it.
_HOLDING_BACK = re.compile(
    r"\b(?:while|whilst|as long as|provided that|only (?:if|when|where|while)|(?:if|when|where"
    r"|once) you (?:have )?(?:agree|consent|choose|chose|opt|ask|enable|allow|request|turn"
    r"|switch|give)\w*|(?:if|when|where|as) (?:required|permitted|authori[sz]ed) by law"
    r"|tant que|pendant que|seulement si|uniquement si|solange|während|nur wenn"
    # what the law or a court orders: "sur réquisition judiciaire", "auf richterliche Anordnung"
    r"|(?:upon|on|under) (?:a )?(?:court order|subpoena|warrant)|sur (?:réquisition|décision"
    r"|injonction|ordonnance)|(?:lorsque|si) la loi l'(?:exige|impose)|auf (?:\w+ )?(?:anordnung"
    r"|beschluss|verlangen)|wenn (?:das|ein) gesetz (?:es|dies) (?:verlangt|vorschreibt))"
    r"[^.,;:()]*",
    re.IGNORECASE,
)


def _dropped_condition(before: str, after: str) -> list[str]:
    """A condition that held a practice back, cut with nothing in its place: "we share your
    location with delivery partners while an order is active" -> "... with delivery
    partners"."""
    if CONSENT_ASKED.search(after):
        return []  # "if you agree" -> "with your consent": the basis is judged on its own
    if set(content_words(after)) - set(content_words(before)):
        return []  # words put in: a condition reworded, judged as one put for another
    return [
        f"condition removed: {quote(held.group().strip())}"
        for held in _HOLDING_BACK.finditer(before)
        if held.group() not in after
    ]


def condition_reasons(before: str, after: str) -> list[str]:
    """One condition put for another with other words: "where required by law" -> "when we
    believe it is appropriate", "if you enroll in our program" -> "whenever you use the app";
    or one that held a practice back, cut. The same condition reworded ("where the law
    requires it") keeps its words' stems."""
    held = _CONDITIONS.findall(after)
    old = [c for c in _CONDITIONS.findall(before) if c not in after]
    new = [c for c in held if c not in before]
    if not held:
        dropped = _dropped_condition(before, after)
        if dropped:
            return dropped
    if len(old) != 1 or len(new) != 1:
        return []  # none changed, or several: which replaced which is a guess
    if _LAW.search(old[0]) and not _LAW.search(new[0]):
        # "when the law requires it" -> "when they ask for it": no longer bound to law
        return [f"condition changed: {quote(old[0].strip())} -> {quote(new[0].strip())}"]
    was = {w[:_STEM] for w in content_words(old[0])}
    now = {w[:_STEM] for w in content_words(new[0])}
    # two words of weight each: "unless directed to" -> "unless authorized to" is one condition
    if min(len(was), len(now)) >= _CONDITION_WORDS and not was & now:
        return [f"condition changed: {quote(old[0].strip())} -> {quote(new[0].strip())}"]
    return []


# Where a recipient stands after a verb that hands data over or shows it: "visible to ...".
_RECIPIENT_SLOT = re.compile(
    r"\b(?:visible|shown|displayed|available|shared|disclosed|sold|transferred|sent|provided"
    r"|given|accessible|share|disclose|sell|transfer|send|provide|give)\s+(?:\w+\s+){0,3}?"
    r"(?:to|with)\s+$",
    re.IGNORECASE,
)


# how a recipient is named: a determiner, a quantifier or a name
_WHO = re.compile(
    r"\s*(?:the|our|their|its|your|other|others|any|anyone|everyone|all|third|some|certain"
    r"|selected|public|a|an|les|nos|des|aux|la|le|d'autres|tous)\b|\s*[A-Z]",
)


def audience_reasons(highlights: tuple[tuple[int, str], ...], before: str, after: str) -> list[str]:
    """Who data goes to or is shown to, replaced by others: "visible to other members" ->
    "visible to anyone on the internet"."""
    reasons = []
    for taken, put in replacements(highlights):
        at_old, at_new = before.find(taken), after.find(put)
        if at_old < 0 or at_new < 0:
            continue
        slotted = _RECIPIENT_SLOT.search(before[max(0, at_old - 60) : at_old]) and (
            _RECIPIENT_SLOT.search(after[max(0, at_new - 60) : at_new])
        )
        if not (_WHO.match(taken) and _WHO.match(put)):
            continue  # "disclose information to protect our rights": a purpose, not a party
        was = {w[:_STEM] for w in content_words(taken)}
        now = {w[:_STEM] for w in content_words(put)}
        renamed = rebranded(taken, put)  # "Facebook" -> "Meta": one company, its new name
        if slotted and was and now and not was & now and not renamed:
            reasons.append(f"recipient changed: {quote(taken.strip())} -> {quote(put.strip())}")
    return reasons


# The reader and the company, as the pronouns that name them: one put for the other changes
# who acts or whose data it is ("pharmacies you choose" -> "pharmacies we choose").
_READER_BODY = r"you|your|yours|vous|votre|vos|du|dein\w*"
_COMPANY_BODY = r"we|us|our|ours|nous|notre|nos|wir|uns|unser\w*"
_READER, _COMPANY = _words(_READER_BODY), _words(_COMPANY_BODY)
# the reader as the subject of a passive: "You will not be discriminated against"
_PASSIVE_READER = re.compile(
    r"\byou\s+(?:(?:will|may|can|shall|won't)\s+)?(?:not\s+)?(?:be|are|were)\s+\w+ed\b",
    re.IGNORECASE,
)
_READER_WORD = re.compile(rf"\b(?:{_READER_BODY})\b", re.IGNORECASE)
_COMPANY_WORD = re.compile(rf"\b(?:{_COMPANY_BODY})\b", re.IGNORECASE)


def _sides(taken: str, put: str) -> bool:
    """One run the reader's pronoun and the other the company's."""
    taken, put = taken.strip(), put.strip()
    return bool(
        (_READER.fullmatch(taken) and _COMPANY.fullmatch(put))
        or (_COMPANY.fullmatch(taken) and _READER.fullmatch(put))
    )


def qualifier_reasons(highlights: tuple[tuple[int, str], ...], text: str) -> list[str]:
    """A duty swapped for a choice, express consent for implied, all for part, a word for its
    negation ("verschlüsselt" -> "unverschlüsselt"), the reader for the company, or back."""
    reasons = []
    old = "".join(t for op, t in highlights if op != 1)
    new = "".join(t for op, t in highlights if op != -1)
    # "Your card number is stored by our processor" -> "Our processor stores your card number"
    same_sides = all(
        len(side.findall(old)) == len(side.findall(new)) for side in (_READER_WORD, _COMPANY_WORD)
    )
    for taken, put in replacements(highlights):
        if _negated(taken, put):
            reasons.append(f"negation: {quote(taken.strip())} -> {quote(put.strip())}")
            continue
        if _sides(taken, put) and not same_sides and not _PASSIVE_READER.search(new + old):
            reasons.append(f"who acts or whose: {quote(taken.strip())} -> {quote(put.strip())}")
            continue
        for kind, one, other in _KINDS:
            if kind == "consent" and not _CONSENT.search(text):
                continue
            if kind == "default" and not _DEFAULT.search(text):
                continue
            was = (bool(one.search(taken)), bool(other.search(taken)))
            now = (bool(one.search(put)), bool(other.search(put)))
            if {was, now} == {(True, False), (False, True)}:
                reasons.append(f"{kind}: {quote(taken.strip())} -> {quote(put.strip())}")
    return reasons


# How people hear of a change to the policy before it binds them: told, asked, warned ahead.
_NOTICE = re.compile(
    r"\b(?:(?<!without )notif\w*|inform(?:s|ed|ing)?|tell(?:s|ing)? (?:you|users|members"
    r"|customers)|told"
    r"|e-?mail\w*|alert\w*|in advance"
    r"|let (?:you|users|members|customers) know"
    r"|(?<!without )(?<!without any )(?:advance|prior) notice"  # "without prior notice": none
    r"|ask(?:ing)? for your (?:consent|agreement)"
    r"|before (?:they|it|the changes?|the update|(?:\w+ )?changes) (?:take|takes|become|becomes)"
    r" effect(?:ive)?"
    r"|informer|informerons|informera|informée?s?|préven\w*|avertir|benachrichtig\w*|informier\w*"
    r"|mitteil\w*|erfahren sie)\b",
    re.IGNORECASE,
)


# How people use a right: in the product, online or by e-mail, or only on paper.
_ELECTRONIC = re.compile(
    r"\b(?:settings|in the app|in-app|online|e-?mail\w*|form|dashboard|account page|einstellungen"
    r"|in der app|per e-mail|paramètres|dans l'application|en ligne|par e-mail|formulaire)\b",
    re.IGNORECASE,
)
_ON_PAPER = re.compile(
    r"\b(?:by (?:post|mail|letter)|in writing|by registered|postal|schriftlich|per post|brief\w*"
    r"|par courrier|par écrit|lettre recommandée)\b",
    re.IGNORECASE,
)


def route_reasons(before: str, after: str) -> list[str]:
    """A right used in the app or by e-mail now only on paper: "withdraw consent in the app
    settings" -> "withdraw consent in writing by post"."""
    online, paper = _ELECTRONIC.search(before), _ON_PAPER.search(after)
    if online and paper and not _ELECTRONIC.search(after):
        return [f"right made harder: {quote(online.group())} -> {quote(paper.group())}"]
    return []


def notice_reasons(before: str, after: str) -> list[str]:
    """Where a policy says how it tells people of its changes, a notice taken out or put in:
    "we will notify you by email before they take effect" -> "we will post the updated policy
    on this page". One way of telling for another ("notify" -> "inform") is the same promise."""
    old, new = _NOTICE.findall(before), _NOTICE.findall(after)
    if bool(old) == bool(new):
        return []
    if old:
        return [f"policy change: notice removed: {quote(', '.join(dict.fromkeys(old)))}"]
    return [f"policy change: notice added: {quote(', '.join(dict.fromkeys(new)))}"]


# A promise to tell or ask people before a practice happens to their data.
_ADVANCE_NOTICE = re.compile(
    r"\b(?:notify|tell|inform|warn|alert|ask|e-?mail)\s+(?:you|users|members|customers)\b"
    r"[^.;]{0,40}?"
    r"\b(?:before|prior to|in advance|beforehand)\b|\b(?:advance|prior) notice\b"
    r"|\bvous\s+(?:informer\w*|prévenir|préviendr\w*|avertir\w*|demander\w*)\b[^.;]{0,40}?"
    r"\b(?:avant|au préalable|préalablement)\b|\bpréavis\b"
    r"|\b(?:informieren|benachrichtigen|fragen)\s+(?:wir\s+)?(?:sie|dich)\b[^.;]{0,40}?"
    r"\b(?:vorher|bevor|vorab|im voraus)\b",
    re.IGNORECASE,
)


def advance_notice_reasons(before: str, after: str) -> list[str]:
    """A promise to tell people before something is done with their data, taken out or put
    in: "we will tell you before we share your data with a new partner" -> "we may share
    your data with new partners"."""
    moved = _one_side(_ADVANCE_NOTICE, before, after)
    if moved is None:
        return []
    phrase, put_in = moved
    return [f"notice {'added' if put_in else 'removed'}: {quote(phrase)}"]


def _one_side(pattern: re.Pattern[str], before: str, after: str) -> tuple[str, bool] | None:
    """The phrase `pattern` finds on one side only, and whether it was put in (or taken out);
    None when both sides have one, or neither."""
    was, now = pattern.search(before), pattern.search(after)
    if now and not was:
        return now.group(), True
    if was and not now:
        return was.group(), False
    return None


# "for now": a promise kept only until further notice
_HEDGE = re.compile(
    r"\b(?:currently|presently|at (?:this|the present) time|at present|for now|at the moment"
    r"|as of (?:now|today)|actuellement|à ce jour|pour (?:le moment|l'instant)|derzeit|zurzeit"
    r"|aktuell|momentan|gegenwärtig)\b",
    re.IGNORECASE,
)
_REFUSAL = re.compile(
    r"\b(?:not|never|no|don't|doesn't|won't|pas|jamais|aucune?|nicht|nie|niemals|kein\w*)\b",
    re.IGNORECASE,
)


# "we will try to answer": an effort promised where a result was
_EFFORT = re.compile(
    r"\b(?:try|tries|attempt|endeavou?r|aim|seek|strive)s? to\b|\b(?:make|use)s? (?:all )?"
    r"(?:reasonable|commercially reasonable|best|every) (?:efforts?|endeavou?rs?) to\b"
    r"|\bdo (?:our|its|their) (?:very )?best to\b"
    r"|\b(?:where|when|if|as far as) (?:possible|feasible|practicable)\b"
    r"|\bs'efforcer\b|\bs'efforce\b|\bnous efforçons\b|\bdans la mesure du possible\b"
    r"|\bbemühen\b|\bnach möglichkeit\b|\bsoweit möglich\b",
    re.IGNORECASE,
)
# a promise: "we will", "nous répondrons", "wir werden"
_PROMISE = re.compile(
    r"\b(?:will|shall|'ll|must|s'engage|\w+rons|verpflichten|werden|wird)\b", re.IGNORECASE
)


def hedge_reasons(before: str, after: str) -> list[str]:
    """A promise weakened: not to do something, made temporary ("we will never sell your
    data" -> "we do not currently sell your data"), or to do something, made an effort ("we
    will answer within 30 days" -> "we will try to answer"). The company may then do
    otherwise without breaking its word."""
    promised = _PROMISE.search(before) or _REFUSAL.search(before)
    for sentence in sentences(after):
        hedge = _HEDGE.search(sentence)
        if hedge and _REFUSAL.search(sentence) and not _HEDGE.search(before):
            return [f"promise limited to the present: {quote(hedge.group())} added"]
        effort = _EFFORT.search(sentence)
        if effort and promised and not _EFFORT.search(before):
            return [f"promise weakened: {quote(effort.group())} added"]
    return []


def safeguard_reasons(before: str, after: str) -> list[str]:
    """A legal tool for transfers abroad dropped, or swapped for another: "we use the
    Standard Contractual Clauses" -> "we rely on our own contracts"."""
    old = [name for name, pattern in SAFEGUARD.items() if pattern.search(before)]
    new = [name for name, pattern in SAFEGUARD.items() if pattern.search(after)]
    gone = [name for name in old if name not in new]
    if not gone:
        return []
    came = [name for name in new if name not in old]
    return [f"transfer: safeguard changed: {', '.join(gone)} -> {', '.join(came) or 'none'}"]


# Decisions about a person made by a machine, or by people: "may be banned automatically".
_AUTOMATED = re.compile(
    r"\b(?:automat\w*|algorithm\w*|without (?:any )?human|solely by (?:software|machines?|tools?)"
    r"|automatisé\w*|automatique\w*|automatisiert\w*)\b",
    re.IGNORECASE,
)
_DECISION = re.compile(
    r"\b(?:decid\w*|decisions?|ban\w*|suspend\w*|terminat\w*|approv\w*|reject\w*|declin\w*"
    r"|eligib\w*|scor\w*|décision\w*|refus\w*|entscheid\w*|sperr\w*)\b",
    re.IGNORECASE,
)


def automation_reasons(before: str, after: str) -> list[str]:
    """Decisions about people now made by a machine, where the clause did not say so, or no
    longer: "A member of our team reviews every account before it is banned" -> "Accounts
    may be banned automatically"."""
    if not (_DECISION.search(before) and _DECISION.search(after)):
        return []
    moved = _one_side(_AUTOMATED, before, after)
    if moved is None:
        return []
    phrase, put_in = moved
    return [f"automated decision: {quote(phrase)} {'put in' if put_in else 'taken out'}"]


# Where a negation stops: at a stop, a comma or a "but" that opens another clause.
_SEGMENT = re.compile(
    r"[,;:.()]|\b(?:but|however|whereas|while|mais|cependant|toutefois|aber|jedoch|sondern)\b",
    re.IGNORECASE,
)
_NEGATION_WORD = re.compile(
    r"\b(?:not|never|no|cannot|can't|don't|doesn't|won't|ne|n'|pas|jamais|nicht|nie|kein\w*)\b"
    r"|n't\b",
    re.IGNORECASE,
)
_PERMISSION = r"may|can|might|could|peut|peuvent|pouvons|pourrons|pourra|kann|können|dürfen|darf"
_MODAL = re.compile(rf"\b(?:{_PERMISSION})\b", re.IGNORECASE)
# a permission just before the verb: "may share", "can also read", "peut transmettre"
_ALLOWED = re.compile(rf"\b(?:{_PERMISSION})(?:\s+\w+){{0,2}}\s+$", re.IGNORECASE)
_SEEING = r"read|reads|see|sees|view|views|access|listen to|hear"


@cache
def _practice_verb(language: str) -> re.Pattern[str]:
    return _words(f"{practice_verbs(language)}|{_SEEING}")


def _verb_states(text: str, language: str) -> tuple[dict[str, str], dict[str, str]]:
    """The practice verbs a text says are not done (under a negation in their part of the
    sentence) and those it says may be done (after "may", "can", with no negation there),
    each by its stem with the words it is written in."""
    negated: dict[str, str] = {}
    allowed: dict[str, str] = {}
    for segment in _SEGMENT.split(text):
        for match in _practice_verb(language).finditer(segment):
            # "staff cannot read": the words before the verb are read with what comes before
            *before_verb, _ = match.group().split()
            lead = " ".join([segment[: match.start()], *before_verb, ""])
            verb = " ".join(
                w.casefold()[:_STEM]
                for w in match.group().split()
                if not (_NEGATION_WORD.fullmatch(w) or _MODAL.fullmatch(w))
            )
            if _NEGATION_WORD.search(lead):
                negated.setdefault(verb, match.group())
            elif _ALLOWED.search(lead):
                allowed.setdefault(verb, match.group())
    return negated, allowed


def negation_scope_reasons(before: str, after: str, language: str) -> list[str]:
    """A practice the old clause said is not done, now said to be allowed while the negation
    stays for the rest: "we do not sell data or share it" -> "we do not sell data, but we may
    share it"; "cannot read the messages or the notes" -> "can read the messages but not the
    notes". The negation's count is unchanged, so the modality alone does not see it."""
    if not (_NEGATION_WORD.search(before) and _MODAL.search(after)):
        return []  # most clauses: nothing negated before, or nothing allowed after
    was_negated, was_allowed = _verb_states(before, language)
    negated, allowed = _verb_states(after, language)
    freed = sorted(set(was_negated) & set(allowed) - set(was_allowed) - set(negated))
    return [f"negation narrowed: {quote(allowed[verb])} now allowed" for verb in freed]


# An exception the reader alone opens: "unless you turn it on", "es sei denn, Sie aktivieren".
_READERS_EXCEPTION = re.compile(
    r"\b(?:unless|except (?:if|when|where)|sauf si|à moins que|es sei denn,?|außer wenn)\s+"
    r"(?:you|vous|sie|du)\s+(?:\S+\s+){0,3}?(?:turn|switch|enabl|opt|activ|choose|chose"
    r"|aktivier|einschalt|schalte)\w*",
    re.IGNORECASE,
)
# The same choice said without an exception: "off by default", "you can turn it on".
_READERS_CHOICE = re.compile(
    rf"{_DEFAULT.pattern}|\byou can (?:\S+\s+){{0,2}}?(?:turn|switch|enable|opt|activate|choose)"
    r"|vous pouvez (?:\S+\s+){0,2}?activer|(?:sie|du) (?:können|kannst) .{0,40}?"
    r"(?:aktivier|einschalt)",
    re.IGNORECASE,
)


def choice_made_exception(with_exception: str, without: str) -> bool:
    """The reader's own choice, once said as a choice and now as an exception ("off by
    default; you can turn it on" -> "stays off unless you turn it on"): no limit on the
    company came or went."""
    return bool(_READERS_EXCEPTION.search(with_exception) and _READERS_CHOICE.search(without))
