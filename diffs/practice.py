"""What a sentence says about people's data: which practice it states (collect, use, share,
sell, keep, transfer, protect, track), which right or choice it gives, whose data it is and how
identifiable (the organisations it names are read by `organisations`).

The judge asks these questions of the words a change inserted or deleted and of the sentences
it added or removed, so a verdict says which practice changed rather than which keyword the
clause happens to hold. The word lists are ours (no maintained vocabulary of privacy practices
exists in the languages we read); places come from pycountry (`places`).
"""

from __future__ import annotations

import re
from functools import cache

from .lexicon import HIDDEN_EMAIL
from .organisations import organisations

# Consent as the condition of a practice, said without a lead: "if you agree", "where you
# accept them", "si vous l'acceptez", "mit Ihrer Einwilligung".
CONSENT_ASKED = re.compile(
    r"\b(?:with your (?:prior |explicit |express )?(?:consent|permission|agreement"
    r"|authori[sz]ation|approval)|(?:if|where|when|once|provided) you (?:have )?(?:consent\w*"
    r"|agree\w*|accept\w*|opt(?:ed)? in|allow\w* (?:it|us|this|them)|permit\w* (?:it|us|this|them)"
    r"|give (?:us )?(?:your )?(?:consent|permission))|subject to your consent"
    r"|avec votre (?:accord|consentement|autorisation)|sous réserve de votre consentement"
    r"|(?:si|lorsque) vous (?:y |l'|les )?(?:consentez|avez consenti|acceptez|les avez acceptés"
    r"|l'avez accepté|êtes d'accord|donnez votre (?:accord|consentement))"
    r"|(?:mit|nach) (?:ihrer|deiner) (?:vorherigen |ausdrücklichen )?(?:einwilligung|zustimmung"
    r"|erlaubnis)|(?:wenn|sofern|soweit|falls) (?:sie|du) (?:\w+ )?(?:einwillig\w*|eingewilligt"
    r"|zustimm\w*|zugestimmt))",
    re.IGNORECASE,
)

# Who reads, hears or views people's data when a policy says so: the company or its people.
_WHO_SEES = (
    r"(?:we|staff|employees|personnel|humans?|people|reviewers?|moderators?|contractors?"
    r"|team|teams|they|agents?|engineers?)"
)
_SEEING = r"read|see|view|access|listen to|look at"  # what people who see data do to it
# Practices, each a label a reader understands and the verbs (any form) that state it.
_PRACTICES: dict[str, dict[str, str]] = {
    "en": {
        "collection": r"means|refers? to|collect\w*|gather\w*|obtain\w*|receiv\w*"
        r"|record(?:s|ed|ing)?|captur\w*|ask(?:s|ed)? (?:you )?for"
        r"|request(?:s|ed)? (?:your|that you)|upload\w*",
        "use": r"us(?:e|es|ed|ing)|process\w*|analy[sz]\w*|combin\w*|infer\w*|train\w*"
        r"|communicat\w*|contact(?:s|ed|ing)? you\b"
        r"|personali[sz]\w*|profil\w*|match\w*|link(?:s|ed)? (?:it|them|your)|rely on"
        r"|enabled? by default|turn(?:s|ed)? on|verif\w*"
        r"|leverag\w*|tailor(?:s|ing)?|scan(?:s|ned|ning)?|fed into"
        r"|feed(?:s|ing)? (?:\w+ ){0,3}?into"
        r"|(?:help|allow|enable|let)(?:s|ed)? us (?:to )?(?:improve|develop|train|build|understand"
        r"|personali[sz]e|show|recommend|suggest|offer|target|measure|analy[sz]e|tailor|set)"
        # people reading or hearing the data ("our staff may listen to recordings"); the
        # reader reading or reviewing ("we encourage you to review") is no practice
        rf"|{_WHO_SEES}(?: in [A-Z][\w-]+)? (?:\w+ ){{0,2}}?(?:reads?|listen(?:s|ed|ing)? to"
        r"|review(?:s|ed)?|views?"
        r"|look(?:s|ed)? at|access(?:es|ed)?|sees?|hears?|checks?)",
        # "send you a reminder" writes to the reader; it hands their data to no one
        "sharing": r"shar(?:e|es|ed|ing)|disclos\w*|sell\w*|sold|sale|rent\w*|transfer\w*"
        r"|send\w*(?! you\b)"
        # "provide it to", not "provide us with information" (the reader gives it to us)
        r"|sent|provid(?:e|es|ed|ing) (?!(?:us|you) with)(?:\w+ )?(?:to|with)"
        r"|mak(?:e|es|ing) (?:\w+ )?available"
        r"|convey\w*|(?:pass|forward)(?:s|es|ed)? (?:\w+ )?to|giv(?:e|es|en) (?:\w+ )?access"
        r"|publish\w*"
        r"|let(?:s|ting)? (?:\w+ ){1,3}(?:see|view|access|read)"
        r"|report(?:s|ed)? to|(?:reviewed|accessed|viewed|seen|read|heard|listened to) by"
        r"|(?<!in )exchang(?:e|es|ed|ing)\b(?! (?:for|rates?)\b)"  # "not exchanged between"
        r"|(?:visible|shown|displayed|public(?:ly)? available) (?:publicly|to)"
        r"|licens(?:e|es|ed|ing) (?:\w+ ){0,3}?to"
        # others than the company seeing it: "employers who pay can see your usage reports"
        r"|(?:employers?|administrators?|admins?|parents?|guardians?|other (?:users|members"
        r"|people|customers|players)|anyone|others|everyone|the public|organi[sz]ations?"
        r"|your (?:contacts|friends|followers)) (?:\w+ ){0,5}?(?:can|may|will|could) (?:also )?"
        r"(?:see|view|access|read)",
        "retention": r"keep\w*|kept|retain\w*|retention|stor(?:e|es|ed|ing|age)|hold\w*"
        r"|delet\w*|eras\w*|destroy\w*|purg\w*|anonymi[sz]\w*|archiv\w*|reissu\w*|hosted",
        "security": r"protect\w*|encrypt\w*|secur(?:e|ed|es|ing|ity)|safeguard\w*|breach\w*",
        "tracking": r"track\w*|monitor\w*|cookies?|pixels?|beacons?|tags?|sdks?|fingerprint\w*",
    },
    "fr": {
        "collection": r"désigne\w*|collect\w*|recueill\w*|obten\w*|obtien\w*|re[çc]\w*|enregistr\w*"
        r"|demand\w*|fourni\w*|renseign\w*",
        "use": r"utilis\w*|réutilis\w*|trait\w*|analys\w*|exploit\w*|combin\w*|croise\w*|profil\w*"
        r"|servir à|sert à|servent à"
        r"|(?:nous|personnel|salariés|employés|collaborateurs|équipes?) (?:(?!vous\b)\S+ ){0,4}?"
        r"(?:consult\w*|accéd\w*|accèd\w*|écout\w*|lis(?:ons|ent)|voi\w*)"
        r"|personnalis\w*|repos\w* sur|fond\w* sur",
        "sharing": r"partag\w*|communiqu\w* (?:\S+ ){0,3}?(?:données|informations|à|aux)"
        r"|transm\w*|vend\w*|c[èé]d\w*|transf[èée]r\w*"
        r"|divulgu\w*|(?<!vous )envo\w*|mis(?:es)? à disposition|destinataires?|échang[ée]\w*"
        r"|publié\w*|rendu\w* publi\w*|indexé\w*|(?:autres (?:membres|utilisateurs)|tout le monde"
        r"|employeurs?|administrateurs?|parents?) (?:\S+ ){0,3}?(?:voir|consulter|accéder"
        r"|recevoir)",
        "retention": r"conserv\w*|stock\w*|supprim\w*|effac\w*|archiv\w*|détrui\w*|anonymis\w*"
        r"|héberg\w*",
        "security": r"prot[èée]g\w*|chiffr(?!es?\b)\w*|sécuris\w*|sécurité",
        "tracking": r"trac\w*|cookies?|traceurs?|pixels?|suiv\w*",
    },
    "de": {
        "collection": r"erheb\w*|erhob\w*|(?:ge)?sammel\w*|erhalt\w*|erhält|erfass\w*"
        r"|aufzeichn\w*|aufgezeichnet|mitgeschnitten",
        "use": r"verwend\w*|(?:ge)?nutz(?!ung)\w*|verarbeit\w*|analysier\w*|auswert\w*|anzuzeigen"
        r"|zusammenführ\w*|zusammengeführt|verknüpf\w*|abgleich\w*|kombinier\w*"
        r"|trainier\w*|training"
        r"|einseh\w*|zugreif\w*|lesen|liest|abgewickelt|abwickel\w*"
        r"|(?:wickeln|wickelt) (?:[\w.-]+ ){0,8}ab"
        r"|(?:ge)?zeig\w*",
        "sharing": r"weiterg\w*|weitergab\w*|(?:ge)?teil\w*|übermitt\w*|verkauf\w*|offenleg\w*"
        r"|(?:geben|gibt|gaben|gab|leiten|leitet) (?:\w+ ){0,6}weiter"
        r"|weiterzugeben|übertrag\w*|empfänger\w*|indexiert|veröffentlich\w*|ausgetauscht"
        r"|(?:andere (?:mitglieder|nutzer\w*)|arbeitgeber\w*|eltern|jede[rs]?) (?:\S+ ){0,5}?"
        r"(?:sehen|einsehen|abrufen|erhalten|zugreifen)",
        "retention": r"(?:ge)?speicher\w*|(?:auf)?bewahr\w*|(?:ge)?lösch\w*|behalt\w*|gehostet"
        r"|abgelegt|ablegen|(?:legen|legt) (?:[\w.,-]+ ){0,8}ab",
        "security": r"(?:ge)?schütz\w*|schutz|verschlüssel\w*|sicher\w*",
        "tracking": r"verfolg\w*|cookies?|tracking\w*",
    },
}
# Rights and choices a person has over their data, by the right's short name.
_RIGHTS: dict[str, dict[str, str]] = {
    "en": {
        "access": r"access (?:to )?(?:(?:your|the|their|any|all) )?(?:[\w-]+ ){0,3}?"
        r"(?:data|information|records?|details|content|files|history)\b"
        r"|(?:a )?copy of (?:your|the)"
        # "may request information about our disclosures", "ask us for a list of the parties"
        r"|(?:request|ask (?:us )?for|obtain) (?:certain )?(?:information|details|a list)"
        r" (?:about|regarding|of|on|concerning)"
        # not a sales inquiry: "request information about Vimeo's services"
        r"(?! (?:our|the|its|[\w.-]+['’]s) (?:services?|products?|offerings?|plans?|pric\w+"
        r"|features?)\b)"
        r"|right (?:of|to) access|know what"
        # the first of the rights a sentence lists: "you can access, correct and delete ..."
        r"|access(?=(?:,|\s+(?:and|or))\s+(?:correct|delet|rectif|updat|eras|amend|download|obtain"
        r"|receive|review|port|object|restrict))",
        "correction": r"correct\w*|rectif\w*"
        r"|updat(?:e|ing) (?:your|inaccurate)(?! (?:\w+ ){0,2}(?:preferences|settings|choices))"
        # "review and change your profile": a verb of editing on the reader's data
        r"|(?:change|edit|amend|modify)(?= (?:it|them)\b|\s*$| (?:your|this|that|the|any) (?!"
        r"preferences|settings|choices?|mind|consent|cookie|browser"
        # the document itself: "we reserve the right to modify this Privacy Policy"
        r"|privacy (?:policy|notice|statement)|polic|notice|statement|terms|agreement))",
        "deletion": r"delet\w*|eras\w*|be forgotten|remov(?:e|al)(?= (?:of )?(?:it|them|your)\b)",
        "objection": r"object\w*|opt[- ]?out|unsubscrib\w*|stop (?:receiving|us|using)",
        "restriction": r"restrict\w*|limit (?:the )?(?:use|processing|how|what|the way)",
        "portability": r"portab\w*|port (?:your|it)|(?:structured|machine-readable|commonly used)"
        r"(?:,? (?:commonly used|machine-readable|structured))* format",
        "consent withdrawal": r"withdraw\w*|revok\w*",
        "complaint": r"complain\w*|lodge|supervisory authority|data protection authority"
        r"|dispute resolution|redress|ombudsman",
        "human review": r"human (?:intervention|review)|contest|automated decision"
        r"|(?:review|reconsider) (?:a|the|any|this|that|such) decisions?",
        "agent": r"authori[sz]ed agents?"
        r"|(?:act|submit \w+ requests?|make \w+ requests?) on your behalf",
        "non-discrimination": r"discriminat\w*|retaliat\w*|penali[sz]\w*",
        "choice": r"opt[- ]?in|consent\w*|choose|choices?|settings|preferences|disable|turn off"
        r"|(?:decide|control)s? (?:who|what|whether|how|which)",
    },
    "fr": {
        "access": r"droit d'accès|accéder|copie de vos",
        "correction": r"rectifi\w*|corrig\w*",
        "deletion": r"effac\w*|supprim\w*|suppression|oubli",
        "objection": r"opposer|opposition|désinscri\w*|désabonn\w*|refuser (?:que|les?|la)",
        "restriction": r"limitation",
        "portability": r"portabilité",
        "consent withdrawal": r"retir\w* (?:votre |son )?consentement|retrait",
        "complaint": r"réclamation|cnil|autorité de contrôle|plainte|médiat\w*",
        "human review": r"intervention humaine|contester|décision automatisée|revue manuelle",
        "agent": r"mandataire|en votre nom",
        "non-discrimination": r"discrimin\w*",
        "choice": r"consentement|paramètres|préférences|choix|accord",
    },
    "de": {
        "access": r"auskunft\w*|zugang|zugriff",
        "correction": r"berichtig\w*|korrig\w*",
        "deletion": r"(?:ge)?lösch\w*",
        "objection": r"widersprech\w*|widerspruch|abmeld\w*",
        "restriction": r"einschränk\w*",
        "portability": r"übertragbarkeit",
        "consent withdrawal": r"widerruf\w*",
        "complaint": r"beschwerde\w*|aufsichtsbehörde",
        "human review": r"automatisiert\w* entscheid\w*",
        "agent": r"bevollmächtigt\w*|in ihrem namen",
        "non-discrimination": r"benachteilig\w*|diskriminier\w*",
        "choice": r"einwillig\w*|einstellungen|zustimm\w*",
    },
}
# Where a right is stated as the reader's: "you have the right", "you can", "vous pouvez".
_ENTITLED = {
    "en": r"you (?:have|has) (?:the|a) right|right to|rights?\b|you (?:can|may|could|are able to)"
    r"|(?:only )?you (?:alone )?(?:decide|choose|control)"
    # policies that speak of the reader in the third person: "the user can access ...",
    # "individuals in the UK can lodge a complaint"
    r"|(?:users?|customers?|members?|visitors?|individuals?|consumers?|patients?|residents?)"
    r"(?: (?:in|of|from) (?:the )?[\w.]+(?: [\w.]+)?)? (?:can|may"
    r"|could|(?:is|are) (?:also )?entitled to|(?:has|have) the right)|entitled to"
    r"|you will be able to|allow(?:s)? you|let(?:s)? you|enable(?:s)? you|to exercise"
    r"|contact (?:us|our)|by (?:emailing|writing|calling)|request"
    # a promise that stands for a right: "we will not retaliate against you"
    r"|not (?:\w+ )?(?:retaliate|discriminate|penali[sz]e)",
    "fr": r"droits?|vous (?:pouvez|pourrez|disposez|avez la possibilité)|exercer|contacter",
    "de": r"recht\w*|du (?:kannst|hast)|sie (?:können|haben)|kannst du|(?:können|haben) sie",
}
# Data objects: what a practice must act on to be about people's data.
_OBJECTS = {
    "en": r"data|information|details|contents?|messages?|communications?|recordings?|records"
    r"|histor(?:y|ies)|identifiers?|identit\w*|profiles?|accounts?|activit\w*|usage|locations?"
    r"|preferences|contacts?|photos?|voice|audio|images?|videos?|documents?|inputs?|outputs?"
    r"|prompts?|conversations?|chats?|searche?s?|queries|emails?|e-mails?|addresses|numbers?"
    # "address" alone may be a verb ("to address your concerns"): the data is someone's
    r"|(?:your|postal|home|billing|shipping|delivery|mailing|e-?mail|ip|physical|street) address"
    r"|(?:your|the user's) screens?|screen (?:content|activity|recordings?)|keystrokes"
    r"|mouse movements|(?:when|whether) (?:you|people|users) (?:are|were|was|is) (?:last )?"
    r"(?:online|active)|(?:online|activity) status|last seen"
    r"|names?|birth|birthdays?|birth ?dates?|age|gender|signatures?|likeness|photographs?"
    r"|payments?|transactions?|purchases?|receipts?|devices?"
    r"|cookies?|certificates?|statistics|calls|phone calls|pictures?|transcripts?"
    r"|feedback|submissions?|uploads?|files|interactions|behaviou?rs?|biometrics?|visits"
    r"|passwords?|credentials|posts|dms"
    # what people do, described as data: "the pages you visit", "how you use our app"
    r"|(?:pages?|sites?|websites?|screens?|links?|ads?|adverts?|articles?|products?|features?"
    r"|apps?|posts?|shows?|songs?|items?) (?:that |which )?(?:you|people|users|visitors)"
    r" (?:\w+ )?(?:visit|view|click|watch|read|browse|use|open|tap|search for|buy|like|follow"
    r"|listen to|interact with)"
    r"|(?:how|when|where|what) (?:you|people|users|visitors) (?:\w+ )?(?:use|interact|navigate"
    r"|browse|search|buy|watch|read|click|engage)",
    "fr": r"données|informations?|renseignements?|contenus?|messages?|communications?"
    r"|historiques?|identifiants?|identité|profils?|comptes?|activités?|coordonnées"
    r"|adresses?|numéros?|noms?|téléphone|achats?|paiements?|avis|statistiques"
    # the kinds of data the English list names, as French policies name them
    r"|(?:date|lieu) de naissance|âge|sexe|genre|(?:géo)?localisation|position|photos?"
    r"|vidéos?|images?|voix|conversations?|fichiers?|documents?|e-?mails?"
    r"|courriels?|appareils?|navigation|cookies?|mots? de passe|préférences|centres d'intérêts?"
    r"|biométri\w+|santé|factures?|commandes?|transactions?"
    r"|(?:pages?|sites?|contenus?|articles?|produits?|annonces?) (?:que|qui) vous"
    r" (?:\w+ )?(?:visitez|consultez|regardez|lisez|achetez|aimez|intéressent)"
    r"|(?:façon|manière) dont vous (?:\w+ )?(?:utilisez|naviguez)"
    r"|comment vous (?:\w+ )?(?:utilisez|naviguez)|appels(?: téléphoniques)?"
    r"|(?:votre|vos) utilisations? d[eu']|(?:quand|si) vous (?:êtes|étiez) en ligne"
    r"|dernière connexion|prénom",
    # German joins nouns: "Standortdaten", "Chatverläufe", "Nutzerkonto" are data too
    "de": r"\w*daten|\w*informationen|\w*inhalte?|\w*nachrichten|chats?|\w*verl[äa]uf\w*"
    r"|kontakt\w*|\w*konto|\w*profil\w*|\w*nummer\w*|\w*adressen?|standort\w*|fotos?"
    r"|bilder|aufnahmen|aufzeichnung\w*|geräte\w*|eingaben|unterhaltungen|gespräch\w*"
    r"|zahlung\w*|bestellung\w*|käufe|einkäufe"
    r"|geburtsdatum|alter|geschlecht|gesundheit\w*|passw(?:o|ö)rt\w*|e-?mails?|videos?"
    r"|dateien|dokumente|cookies?|präferenzen|interessen|rechnung\w*|transaktion\w*"
    r"|(?:seiten|inhalte|artikel|produkte),? die sie (?:\w+ )?(?:besuchen|aufrufen|ansehen"
    r"|lesen|kaufen)|wie sie (?:\w+ ){0,3}?(?:nutzen|verwenden)|anrufe|telefonate|nutzung"
    r"|wann sie (?:zuletzt )?online|online-status",
}
# Whose data a practice is about: the reader, people, or data as such. A sentence that names
# none of them talks about something else (a trademark, a product) even when its verbs and
# nouns are those of a practice ("Withings is used as a trade name").
_PEOPLE = {
    "en": r"you|your|yours|users?|customers?|visitors?|members?|individuals?|people|persons?"
    r"|children|minors?|patients?|donors?|employees?|candidates?|subscribers?|personal|data"
    r"|information|accounts?|profiles?|cookies?|pixels?|beacons?|sdks?|trackers?|tracking"
    r"|analytics|advertising",
    "fr": r"vous|vos|votre|utilisat\w+|clients?|visiteurs?|membres?|personnes?|enfants?"
    r"|mineurs?|patients?|salariés?|abonnés?|personnel\w*|données|informations?|comptes?"
    r"|profils?|cookies?|traceurs?|pixels?|publicit\w*|mesure d'audience",
    "de": r"sie|ihr\w*|nutzer\w*|kunden?|besucher\w*|mitglieder\w*|personen\w*|kinder"
    r"|personenbezogen\w*|daten|informationen|kont(?:o|en)|profil\w*|cookies?|tracking|pixel"
    r"|werbung",
}
# Who handles data in a sentence stating a practice: the company, a party, or a passive voice.
_ACTORS = {
    "en": r"means|refers? to|we|us|our|ours|they|their|partners?|providers?|processors?"
    r"|vendors?|affiliates?|third[- ]part(?:y|ies)|staff|employees|teams?|human reviewers?"
    r"|moderators?|contractors?|(?:is|are|be) (?:visible|shown|displayed|publicly available) to"
    r"|employers?|administrators?|admins?|other (?:users|members|people|customers|players)"
    r"|anyone|everyone|the public"
    r"|(?:is|are|be|been|being|was|were|get|gets)(?: \w+ly)? \w+(?:ed|en)"
    r"|(?:is|are|be) (?:kept|sold|sent|held|stored|fed|read|seen|shown|given)",
    "fr": r"désigne\w*|nous|notre|nos|partenaires?|prestataires?|sous-traitants?|tiers|filiales?"
    r"|autres (?:membres|utilisateurs)|tout le monde|employeurs?|administrateurs?|équipes?"
    r"|personnel|salariés|employés|collaborateurs|modérateurs"
    r"|(?:est|sont|sera|seront|être|été) \w+(?:é|ée|és|ées|is|ise|ises|u|us|ue|ues)",
    "de": r"bezeichnet|wir|uns|unser\w*|partner|dienstleister|dritte\w*"
    r"|andere (?:mitglieder|nutzer\w*)|arbeitgeber\w*|eltern|administrator\w*|suchmaschinen"
    r"|(?:wird|werden|wurde|wurden) \w+|\w+(?:t|en) (?:werden|wird)",
}
# Words that say how identifiable data is: a swap between the two sides changes whose data it is.
_UNLINKED = {
    "en": r"anonym\w*|aggregat\w*|de-?identif\w*|pseudonymi[sz]\w*|non-?identifiable|hashed"
    r"|non-?personal|statistical",
    "fr": r"anonym\w*|agrégé\w*|pseudonymis\w*|statistiques?|non personnelles?",
    "de": r"anonym\w*|aggregiert\w*|pseudonymisiert\w*|statistisch\w*",
}
_LINKED = {
    "en": r"identifiable|identified|individual(?:ly|i[sz]ed)?|personal(?:ly)?|identifying"
    r"|raw|precise|exact",
    "fr": r"identifiables?|identifiée?s?|individuel\w*|personnel\w*|nominati\w*|précises?",
    "de": r"personenbezogen\w*|identifizierbar\w*|individuell\w*|genau\w*",
}
# Capitalised words that are titles, roles, documents or laws, not organisations.
# Headings under which every named organisation is a recipient, processor or partner.
PARTY_SECTION = re.compile(
    r"recipient|processor|sub-?processor|service providers?|vendors?|partners?|third[- ]part"
    r"|who (?:we|do we) share|share|disclos|controller|representative|advertis|analytics"
    r"|cookies?|pixels?|destinataires?|sous-traitants?|prestataires?|partenaires?|tiers"
    r"|responsable du traitement|empfänger|auftragsverarbeiter|dienstleister|partner",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=[A-Z\"'(«])")


def _alternation(patterns: dict[str, str], languages: tuple[str, ...]) -> str:
    return "|".join(patterns[lang] for lang in languages if lang in patterns)


def languages_for(language: str) -> tuple[str, ...]:
    """The vocabularies to read a text with: its own, or all of them when undetermined."""
    return (language,) if language in _PRACTICES else tuple(_PRACTICES)


@cache
def _practice_patterns(language: str) -> list[tuple[str, re.Pattern[str]]]:
    langs = languages_for(language)
    return [
        (
            label,
            re.compile(rf"(?<!\w)(?:{'|'.join(_PRACTICES[g][label] for g in langs)})(?!\w)", re.I),
        )
        for label in _PRACTICES["en"]
    ]


@cache
def practice_verbs(language: str) -> str:
    """One alternation of the words that state a practice other than security (security says
    how data is kept, not who handles it), for patterns built elsewhere."""
    langs = languages_for(language)
    return "|".join(
        _PRACTICES[g][label] for g in langs for label in _PRACTICES[g] if label != "security"
    )


@cache
def _right_patterns(language: str) -> list[tuple[str, re.Pattern[str]]]:
    langs = languages_for(language)
    return [
        (label, re.compile(rf"(?<!\w)(?:{'|'.join(_RIGHTS[g][label] for g in langs)})(?!\w)", re.I))
        for label in _RIGHTS["en"]
    ]


@cache
def _pattern(table: str, language: str) -> re.Pattern[str]:
    source = {
        "objects": _OBJECTS,
        "entitled": _ENTITLED,
        "unlinked": _UNLINKED,
        "linked": _LINKED,
        "actors": _ACTORS,
        "people": _PEOPLE,
    }
    body = _alternation(source[table], languages_for(language))
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def practices(text: str, language: str, heading: str = "") -> list[str]:
    """The practices a text states, the one it states first leading: each practice whose verb
    it uses on a data object, done by someone who handles data (we, a named party, or a
    passive "is shared"), not by the reader ("when you use the app"). Under a `heading` that
    names who does it ("What does Kivra use your data for?"), an item of a purpose list needs
    no subject of its own ("Communicate information from authorities to you")."""
    text = DOCUMENT_NAME.sub(" ", text)  # "a Data Processing Agreement" states no processing
    text = HIDDEN_EMAIL.sub(" ", text)  # "[email protected]": an address Cloudflare hid
    text = _NAME_OF_A_THING.sub(" ", text)  # "used as a trade name": no one's name
    if _BOUND_TO_SECRECY.search(text):
        return ["security"]  # the people who see the data keep it to themselves
    if _PREFERENCE_SIGNAL.search(text) and _WE.search(text):
        return ["choice"]  # whether the company honours a browser's "do not track" signal
    if not (
        _pattern("objects", language).search(text)
        or _DATA_PRONOUN.match(text)
        or _IT_HELPS_US.match(text)
        or _done_to_pronoun(language).search(text)
    ):
        return []
    if not _has_actor(text, language) and not (heading and _heading_acts(heading, language)):
        return []
    found = {
        label: _where_stated(pattern, text)
        for label, pattern in _practice_patterns(language)
        if pattern.search(text) and (label != "security" or protects_data(text, language))
    }
    return sorted(found, key=found.__getitem__)


# Words that name data just before a practice word make it describe the data, not state
# what is done: "les données collectées sont conservées", "the information we collect is kept".
_DESCRIBES_DATA = re.compile(
    r"\b(?:data|information|details|données|informations|daten|informationen)"
    r"(?:\s+(?:de|d'|du|des)\s*\w+)?\s+(?:(?:that|which|we|you|que|qui|nous|vous|ainsi|die"
    r"|wir|sie)\s+){0,3}$",
    re.IGNORECASE,
)


def _where_stated(pattern: re.Pattern[str], text: str) -> tuple[bool, int]:
    """Where a practice's word first states what is done (the first practice stated is what
    the sentence is about); a word that only describes data comes after any that states."""
    places = [m.start() for m in pattern.finditer(text)]
    stated = [at for at in places if not _DESCRIBES_DATA.search(text[:at])]
    return (not stated, (stated or places)[0])


# A browser's signal of a person's choice: how a company answers it is a choice kept or not.
_PREFERENCE_SIGNAL = re.compile(
    r"\bdo[- ]not[- ]track\b|\bDNT\b|global privacy control|\bGPC\b|opt-out preference signal",
    re.IGNORECASE,
)
# A sentence whose subject is a pronoun for the data the sentence before named, in the
# passive: "They may be shared with...", "Elles peuvent être transférées...".
_DATA_PRONOUN = re.compile(
    r"^\W*(?:they|these|elles|ils|celles-ci|ceux-ci|diese)\s+(?:\w+\s+){0,3}?"
    r"(?:be|been|are|être|sont|seront|werden|wird|würden)\s+\w+",
    re.IGNORECASE,
)
_WE = re.compile(r"\b(?:we|us|our|nous|wir)\b", re.IGNORECASE)
# the data the sentence before named, at work for the company: "This also helps us improve
# our models", "Cela nous permet de ..."
_IT_HELPS_US = re.compile(
    r"^\W*(?:this|it|that|these|they|cela|ceci|elles?|ils|dies|diese|sie)\s+(?:also\s+|aussi\s+"
    r"|auch\s+)?(?:helps?|allows?|lets?|enables?|nous permet\w*|nous aide\w*|hilft uns"
    r"|ermöglich\w* uns)\b",
    re.IGNORECASE,
)


@cache
def _done_to_pronoun(language: str) -> re.Pattern[str]:
    """The company or its people acting on a pronoun for data the sentence before named: "we
    keep them longer", "we may share it with our partners", "only your care team can read
    them"."""
    return re.compile(
        rf"\b{_WHO_SEES}\s+(?:\w+\s+){{0,2}}?(?:{practice_verbs(language)}|{_SEEING})"
        r"\s+(?:it|them)\b",
        re.IGNORECASE,
    )


# Staff bound to keep what they see secret: a promise about data that names no data.
_BOUND_TO_SECRECY = re.compile(
    r"\b(?:staff|employees|personnel|employés|salariés|collaborateurs|mitarbeiter\w*"
    r"|beschäftigte\w*)\b[^.]{0,60}\b(?:confidential\w*|confidentialité|secret professionnel"
    r"|vertraulich\w*|verschwiegenheit|schweigepflicht|datengeheimnis)",
    re.IGNORECASE,
)
# The title of a document ("Data Processing Agreement", "Cookie Policy", "Politique de
# confidentialité"): its words name the document, not a practice.
# The name of a brand, a product or a domain: a name, but no person's ("Withings is used as
# a trade name", "noms de domaine", "une identité visuelle").
_NAME_OF_A_THING = re.compile(
    r"\b(?:(?:trade|brand|domain|product|generic|company)\s+names?"
    r"|noms?\s+(?:commercia\w*|de domaine|de produits?|génériques?|de marques?)"
    r"|(?:visual|brand)\s+identit\w*|identités?\s+visuelles?)\b",
    re.IGNORECASE,
)
DOCUMENT_NAME = re.compile(
    r"(?:\b[A-Z][\w-]*\s+){1,4}(?:Agreements?|Addend(?:um|a)|Polic(?:y|ies)|Notices?|Terms"
    # and laws: "the Personal Information Protection Act" states no practice
    r"|Statements?|Charters?|Disclosures|Act|Regulations?|Directive)\b"
    r"|\bdata processing (?:agreements?|addend(?:um|a)|terms)\b"
    # a notice, not an act: "where this disclosure is required", "additional disclosures"
    r"|\b(?:this|these|the following|additional|supplemental) (?:[A-Z][\w.-]* )*[Dd]isclosures?\b"
    r"(?! of\b)"
    r"|\b(?:politique|charte|déclaration|avis) (?:de |des |d')\w+(?: des \w+)?"
)


def names_data(text: str, language: str) -> bool:
    """Whether words name a kind of data ("messages", "location", "Standortdaten")."""
    return bool(_pattern("objects", language).search(text))


def data_nouns(text: str, language: str) -> list[str]:
    """The words that name kinds of data in a text, casefolded ("messages", "photos")."""
    return [m.group().casefold() for m in _pattern("objects", language).finditer(text)]


def practice_words(text: str, language: str) -> set[str]:
    """The practices whose verbs a text uses, by label ("retention" for "keeps"), security
    aside, with or without a subject: what a phrase does to data, whoever the sentence says
    does it."""
    return {
        label
        for label, pattern in _practice_patterns(language)
        if label != "security" and pattern.search(text)
    }


def names_practice(text: str, language: str) -> bool:
    """Whether words name a practice's verb or a data object ("to train our models", "voice
    recordings"), with or without a subject. Words of security ("in a secure manner") say how
    data is kept, not what is done with it."""
    return bool(_pattern("objects", language).search(text)) or any(
        pattern.search(text)
        for label, pattern in _practice_patterns(language)
        if label != "security"
    )


def about_people(text: str, language: str) -> bool:
    """Whether a text speaks of people or their data at all (see `_PEOPLE`)."""
    return bool(_pattern("people", language).search(text))


def rights(text: str, language: str) -> list[str]:
    """The rights or choices a text gives the reader ("you can ask us to delete..."); a right
    our words do not name, given in so many words about the reader's data ("you may request
    that we explain how a score about you was calculated"), is "another right"."""
    if not _pattern("entitled", language).search(text):
        return []
    found = [label for label, pattern in _right_patterns(language) if pattern.search(text)]
    if not found and GIVES_RIGHT.search(text) and _ABOUT_THE_READER.search(text):
        found = ["another right"]
    return found


# A right given in so many words: "you may ask us to ...", "the right to ...".
GIVES_RIGHT = re.compile(
    r"\byou (?:may|can|could|will be able to|are entitled to|have the right to)(?: also)?"
    r" (?:ask|request|require|obtain|receive|object|opt|direct|instruct|choose|access|download"
    r"|delete|correct|withdraw|limit|restrict|appeal|exercise)\b"
    r"|\b(?<!reserve the )(?<!reserves the )right to \w+",  # not the company's own right
    re.IGNORECASE,
)
_ABOUT_THE_READER = re.compile(r"\b(?:about you|your|yours)\b", re.IGNORECASE)


def right_words(text: str, language: str) -> list[str]:
    """The rights whose words a text holds, said as a right or not ("correct", "opt out")."""
    return [label for label, pattern in _right_patterns(language) if pattern.search(text)]


def _has_actor(text: str, language: str) -> bool:
    """Someone who handles data: we, a named party, or a passive voice."""
    return bool(_pattern("actors", language).search(text) or organisations(text, language))


def _heading_acts(heading: str, language: str) -> bool:
    """A heading that says someone handles data: "How we use your personal data"."""
    return _has_actor(heading, language) and any(
        pattern.search(heading) for _, pattern in _practice_patterns(language)
    )


def states_practice(text: str, language: str, heading: str = "") -> str | None:
    """What a sentence says about people's data, as a reader's label ("right: deletion",
    "sharing"), or None when it states no practice, right or choice."""
    found = rights(text, language)
    if found:
        return f"right: {found[0]}"
    found = practices(text, language, heading)
    return found[0] if found else None


def protects_data(text: str, language: str) -> str | None:
    """The word of a promise to protect data in a text ("protect your personal information",
    "encrypted messages"), or None: "protect our rights" protects no data."""
    text = HIDDEN_EMAIL.sub(" ", text)
    felt = _MOTTO.sub(" ", text)
    if not _security_words(language).search(felt):
        text = felt  # "we take the security of your data seriously" and no more
    objects = _pattern("objects", language)
    for match in _security_words(language).finditer(text):
        word = match.group()
        if word[:1].isupper() and match.start() > 0:
            continue  # "Data Protection Officer": part of a name
        if _NAMES_A_LAW.match(text[match.end() :]):
            continue  # "the data protection regulation", "l'autorité de protection"
        if word.casefold() == "secure" and _WAY_IN.match(text[match.end() :]):
            continue  # "log in to your secure account": the name of a way in, no promise
        # within its table cell: "DDoS protection | IP address" protects no address
        protected = " ".join(text[match.end() :].split("|")[0].split()[:_OBJECT_REACH])
        described = " ".join(text[: match.start()].split("|")[-1].split()[-_OBJECT_REACH:])
        # "encrypted", "security", "secure" name a state; "secure the service" is a verb
        lead = text[max(0, match.start() - _LEAD_CHARS) : match.start()]
        verb = _PROTECTING_VERB.fullmatch(word) and not _STATE_BEFORE.search(lead)
        verb = verb or _DETERMINER.match(text[match.end() :])
        # "to provide, secure and improve our services": "secure" in a row of verbs
        verb = verb or (word.casefold() == "secure" and _VERB_ROW.search(lead))
        state = not verb
        # data, not privacy: "committed to protecting your privacy" is a motto
        if objects.search(protected) or (state and objects.search(described)):
            return word
    return None


@cache
def _security_words(language: str) -> re.Pattern[str]:
    """The practice's words of security, and "safe" ("keep your records safe")."""
    body = "|".join(_PRACTICES[g]["security"] for g in languages_for(language))
    return re.compile(rf"(?<!\w)(?:{body}|safe(?:ly|ty)?)(?!\w)", re.IGNORECASE)


# words after "protection" that make it the name of a law, a body or an office
_NAMES_A_LAW = re.compile(
    r"\s+(?:\w+\s+)?(?:regulations?|laws?|acts?|authorit(?:y|ies)|officers?|representatives?"
    # "your data protection and privacy rights", "the Data Protection Commissioner"
    r"|legislation|(?:and \w+ )?rights|commissioner|enquiries|inquiries|questions|matters"
    r"|directives?|rules|règlement|loi|autorité|délégué|grundverordnung|gesetz\w*|behörde"
    r"|beauftragte\w*)\b",
    re.IGNORECASE,
)
_WAY_IN = re.compile(
    r"\s+(?:member\s+|customer\s+)?(?:accounts?|portal|site|website|web\s?site|area|log\s?in"
    r"|sign[- ]in|page)\b",
    re.IGNORECASE,
)
_OBJECT_REACH = 5  # words between a word of security and the data it protects
_LEAD_CHARS = 12  # what comes just before a word of security: "sind ", "-", ", "
# a participle after "are" or a hyphen names a state: "sind Ende-zu-Ende-verschlüsselt"
_STATE_BEFORE = re.compile(
    r"(?:-|\b(?:are|is|remain|remains|sont|est|restent|reste|sind|ist"
    r"|bleiben|bleibt)\s+)$",
    re.IGNORECASE,
)
# What a company feels about security, no measure it takes: "we take the security of your
# data seriously", "la sécurité de vos données est une priorité", "ist uns wichtig".
_MOTTO = re.compile(
    r"\b(?:take|takes|taking|prenons|prend|prennent|nehmen|nimmt)\s+(?:\S+\s+){1,6}?"
    r"(?:seriously|au sérieux|(?:sehr )?ernst)\b"
    # what is important is security itself: "the security of your data is important to us"
    r"|\b(?:security|safety|protection|privacy|confidentiality|sécurité|confidentialité"
    r"|\w*sicherheit|\w*schutz)\b(?:\s+\S+){0,4}?\s+(?:is|are|est|sont|ist|sind)\s+"
    r"(?:very |extremely |of the utmost |"
    r"une |notre |unsere |uns |sehr )*(?:important|paramount|a priority|a top priority|our "
    r"(?:top |first |highest )?priority|priorité|primordiale?|essentielle?|wichtig|priorität)"
    r"(?: to us| pour nous)?\b",
    re.IGNORECASE,
)
# verbs of protecting: their object follows ("protect your data"); "protect our rights" is
# no promise about data
_DETERMINER = re.compile(r"\s+(?:the|our|your|its|their|this|these|that|it|them)\b", re.I)
_VERB_ROW = re.compile(r"(?:\bto|,|\band|\bor)\s*$", re.IGNORECASE)
_PROTECTING_VERB = re.compile(
    r"protect(?:s|ing)?|encrypt(?:s|ing)?|safeguard(?:s|ing)?|protég\w*|chiffr(?:er|ons|ent)"
    r"|sécuris(?:er|ons|ent)|schütz(?:en|t)|verschlüssel(?:n|t)",
    re.IGNORECASE,
)


def identifiability(text: str, language: str) -> tuple[set[str], set[str]]:
    """The words saying data is unlinked (anonymous, aggregated...) and linked (individual,
    identifiable...) to a person."""
    unlinked = {m.group().casefold() for m in _pattern("unlinked", language).finditer(text)}
    linked = {m.group().casefold() for m in _pattern("linked", language).finditer(text)}
    return unlinked, linked


def sentences(text: str) -> list[str]:
    """A clause cut into sentences (a clause may hold several when a paragraph is one clause)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]
