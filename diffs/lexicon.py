"""Privacy vocabulary, English and French, by OPP-115 category: what a changed clause is about.

The categories follow the OPP-115 taxonomy of privacy-policy practices (Wilson et al., 2016),
plus "contact" (grievance officer, DPO, privacy contact). Each entry is (noun, pattern); the noun
names the matched term in reasons ("new recipient"). Patterns match case-insensitively on word
boundaries. Entries shared by both languages (emails, phone numbers) sit in `_ANY`.
"""

from __future__ import annotations

import re
from functools import cache

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

_NUMBER_WORDS = (
    r"\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)?|hundred"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|un|une|deux|trois|quatre"
    r"|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|dix-sept|dix-huit"
    r"|(?:vingt|trente|quarante|cinquante|soixante|quatre-vingts?)(?:-\w+)?|cent"
    r"|ein(?:e[nm]?)?|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf"
    r"|zwölf|dreizehn|vierzehn|fünfzehn|sechzehn|siebzehn|achtzehn|zwanzig|dreißig|vierzig"
    r"|fünfzig|sechzig|siebzig|achtzig|neunzig|hundert"
)
_UNITS = (
    r"(?:calendar\s+)?(?:days?|weeks?|months?|years?|hours?)"
    r"|jours?(?:\s+calendaires)?|semaines?|mois|ans?|années?|heures?"
    r"|tagen?|wochen?|monate[n]?|jahre[n]?|stunden?"
)
DURATION = (
    rf"(?:{_NUMBER_WORDS})\s*(?:\([\w-]+\)\s*)?(?:(?:more|additional|further|extra)\s+)?"
    rf"(?:{_UNITS})(?!\w)"  # "one another" holds no year ("an")
    # "for a year", "within a month": one, said with the article, after a word of time
    r"|(?:(?<=\bfor )|(?<=\bwithin )|(?<=\bafter )|(?<=\bthan )|(?<=\bup to ))an?\s+"
    r"(?:days?|weeks?|months?|years?)\b"
)
_TEEN_WORDS = (
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|treize|quatorze|quinze|seize"
    r"|dix-sept|dix-huit|dreizehn|vierzehn|fünfzehn|sechzehn|siebzehn|achtzehn"
)
# Ages: "under 13", "under the age of 13", "between the ages of 13", "moins de 15 ans" (the
# duration pattern already covers "15 ans").
# an age is said in years: "at least 30 days" is a period
_AGE_UNITS = (
    r"years?(?: old| of age)?|ans|années?|jahren?(?: alt)?"
    r"|(?:months?|mois|monaten?)(?=\s+(?:old|of age|d'âge|alt))"  # a baby's age: "18 months old"
)
_AND_OVER = (
    r"(?:aged?\s+|âgée?s?\s+de\s+)?\d+\s+(?:(?:years?|ans|jahren?)\s+(?:of\s+age\s+|old\s+|alt\s+)?)?"
    r"(?:or|and|ou|et|oder|und)\s+(?:older|over|above|up|plus|älter|mehr)(?![\w-])"
)
AGE = (
    rf"(?:{_AND_OVER}|"  # "18 or older", "aged 18 and over"
    rf"(?:aged?|between|ages)(?:\s+the\s+ages?\s+of)?\s+(?:[1-9]\d?|{_TEEN_WORDS})\s*(?:to|and|-|–)"
    rf"\s*(?:[1-9]\d?|{_TEEN_WORDS})(?![\w:.-])(?!\s*(?:am|pm|h|uhr|heures?)\b)|"  # "aged 13 to 17"
    r"(?:under|below|over|above|aged?|at least|younger than|older than|between"
    r"|moins de|plus de|(?:âgée?s? )?d'au moins|au moins|âgée?s? de|mindestens)"
    r"(?:\s+the\s+ages?\s+of)?\s+"
    rf"(?:\d+|\w+\s*\(\d+\)|{_TEEN_WORDS})(?:\s*\([\w-]+\))?(?:\s+(?:{_AGE_UNITS}))?(?![\w-])"
    r"(?!\s+(?:calendar\s+|business\s+)?(?:days?|weeks?|months?|hours?|jours?|semaines?|mois|heures?"
    r"|tagen?|wochen?|monaten?|stunden?)\b))"
)

# An age or a period as a clause states it ("under 13", "for 30 days"), not inside a word.
PERIOD = re.compile(rf"(?<![\w.])(?:{AGE}|{DURATION})(?!\w)", re.IGNORECASE)

# The data a policy is about, named as a whole ("the data we collect", "categories of personal
# data"): a term for what a clause speaks of, one term however it is worded.
ALL_DATA_WE_HOLD = {
    "en": r"(?:data|information) (?:processed|collected|(?:that )?we (?:process|collect))"
    r"|categories of (?:personal )?data",
    "fr": r"donn[ée]es trait[ée]es|catégories de données",
}

# Data reaching others said from their side: "our hosting provider stores your data", "our
# affiliates may receive your information", "nos prestataires traitent vos données".
RECIPIENT_ACTS = {
    "en": r"(?:providers?|(?:sub-?)?processors?|partners?|affiliates?|vendors?|contractors?"
    r"|third[- ]part(?:y|ies)|recipients?)\s+(?:\w+\s+){0,3}?(?:receiv(?:e|es|ed|ing)"
    r"|process(?:es|ed|ing)?|stor(?:e|es|ed|ing)|host(?:s|ed|ing)?|access(?:es|ed)?|gets?)"
    # and in the passive: "is stored by our payment processor"
    r"|(?:received|processed|stored|hosted|accessed) by (?:\w+\s+){0,3}?(?:providers?"
    r"|(?:sub-?)?processors?|partners?|affiliates?|vendors?|contractors?|third[- ]part(?:y|ies))",
    "fr": r"(?:prestataires?|sous-traitants?|partenaires?|filiales?|destinataires?|tiers"
    r"|hébergeurs?|fournisseurs?)"
    r"\s+(?:\w+\s+){0,3}?(?:re[çc]oi\w*|traite\w*|stocke\w*|héberge\w*|accède\w*)",
    "de": r"(?:dienstleister\w*|auftragsverarbeiter\w*|partner\w*|empfänger\w*|dritte\w*"
    r"|hoster|anbieter\w*)"
    r"\s+(?:\w+\s+){0,3}?(?:erhalt\w*|erhält|verarbeit\w*|speicher\w*|hosten)",
}

# Data handed to someone in other words than "share": "provide your data to", "make it
# available to", "send them to". Said of data only: "provide you with" and "provide services
# to" hand nothing over.
HANDING_OVER = (
    # not the reader's: "you provide data to create an account" hands nothing to others
    r"(?:(?<![Yy]ou )(?:provid(?:e|es|ed|ing)|send(?:s|ing)?|sent|pass(?:es|ed|ing)?"
    r"|forward(?:s|ed|ing)?|releas(?:e|es|ed|ing)"
    r"|mak(?:e|es|ing)|made|giv(?:e|es|ing)|gave|hand(?:s|ed|ing)?)"
    r"(?: [\w-]+){0,3}? (?:data|information|details|records|recordings|files|videos"
    r"|photos|content|passwords?|credentials|it|them)(?: (?:on|over|available))? (?:to|with)"
    r"(?! (?:you|us)\b)"
    # the data as subject: "your data may pass to the new owner"
    r"|(?:data|information|details|it|they) (?:\w+ )?pass(?:es)? to(?! (?:you|us)\b))"
)

_ANY: dict[str, tuple[tuple[str, str], ...]] = {
    "contact": (
        ("email", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
        ("phone", r"\+?\d[\d ().-]{7,}\d"),
    ),
    "data-retention": (("period", DURATION),),
}

_EN: dict[str, tuple[tuple[str, str], ...]] = {
    "first-party-collection": (
        ("verb", r"collect(?:s|ed|ing|ion)?|gather(?:s|ed|ing)?|obtain(?:s|ed)?"),
        # what the reader hands over is collected: "Data you provide", "information you give us"
        ("verb", r"(?:data|information|details) (?:that )?you (?:provide|give|submit|share)"),
        # data about health, not any word of it ("health professional", "medical team")
        (
            "data type",
            r"health (?:data|information|records?|conditions?|status)|(?:your|their) health"
            r"|protected health information|medical (?:records?|history|information|data"
            r"|conditions?)",
        ),
        ("data type", r"biometrics?|genetic|fingerprints?|face ?prints?|facial recognition"),
        # ways of following a person that cookie settings do not reach
        (
            "data type",
            r"(?:browser |device )?fingerprinting|session replays?|cross-device tracking",
        ),
        # a person's location, not "the location of our servers"
        (
            "data type",
            r"(?<!center )(?<!centre )(?<!server )(?<!depending on your )(?:precise )?(?:geo)?"
            r"location(?: data)?(?! of (?:our|the|its|their)\b)|gps",
        ),
        ("data type", r"contact lists?|address books?|contacts"),
        (
            "data type",
            r"financial(?: information| data)?|credit card|debit card|bank(?:ing)? details",
        ),
        ("data type", r"aadhaar|pan card|passport|social security number|driver'?s licen[cs]e"),
        ("data type", r"government[- ]issued id|identity documents?|photo id|id documents?"),
        (
            "data type",
            r"ip address(?:es)?|internet protocol address(?:es)?|device identifiers?|device ids?"
            r"|advertising id|imei",
        ),
        # the special categories of GDPR art. 9, as policies name them
        (
            "data type",
            r"gender identity|sex life|trade union(?: membership)?|racial (?:or ethnic )?origin"
            r"|ethnic origin|philosophical beliefs|hiv(?: status)?|facial (?:geometry|scans?)"
            r"|face geometry|voiceprints?",
        ),
        (
            "data type",
            r"sexual orientation|ethnicity|religion|religious (?:beliefs?|views)"
            r"|political (?:opinions?|views|affiliations?)|criminal (?:records?|convictions?"
            r"|offen[cs]es|history)",
        ),
        (
            "data type",
            r"prescriptions?|diagnos[ie]s|blood group|(?:health )?insurance (?:information"
            r"|details|number)",
        ),
        ("data type", ALL_DATA_WE_HOLD["en"]),
        (
            "purpose",
            r"(?:targeted|interest[- ]based|behaviou?ral|personali[sz]ed|tailored) advertising"
            r"|advertising|ads|profiling|(?:direct )?marketing purposes"
            r"|(?<=we |to )profile you",  # "to create a profile you give us" is no profiling
        ),
    ),
    "third-party-sharing": (
        ("practice", r"sell(?:s|ing)?|sold|sale of|for sale|rent(?:s|ing)?|trade|monetiz\w*"),
        (
            "practice",
            # not a thing used by several: "local shared objects", "a shared computer"
            r"shar(?:e|es|ed|ing)(?! (?:objects?|computers?|devices?|drives?|folders?))"
            r"|disclos(?:e|es|ed|ing|ure)"
            r"|transfer(?:s|red|ring)?(?: [\w-]+){0,3}? to"
            r"|receiv(?:e|es|ed|ing) (?:[\w,-]+ ){0,3}?(?:data|information) from us",
        ),
        ("practice", HANDING_OVER),
        # people given sight of the data: "may be reviewed by contractors"
        ("practice", r"(?:reviewed|accessed|viewed|seen|read|heard|listened to) by"),
        (
            "recipient",
            r"third[- ]part(?:y|ies)|data brokers?|advertis(?:ers|ing partners|ing networks)",
        ),
        (
            "recipient",
            r"ad networks?|marketing partners|business partners|affiliates?|subsidiar(?:y|ies)"
            r"|(?:affiliated|group) compan(?:y|ies)|companies (?:of|in|within) (?:our|the) group",
        ),
        (
            "recipient",
            r"pharma(?:ceutical)?(?: companies)?|insurers?|insurance companies|employers?",
        ),
        (
            "recipient",
            r"service providers?|(?:sub-?)?processors?|vendors?|suppliers?|law enforcement",
        ),
        ("recipient", r"government(?: authorities| agencies)?|researchers?"),
        ("recipient", r"regulators?|regulatory (?:authorities|bodies|agencies)|tax authorities"),
        ("recipient", r"auditors?|(?:professional|legal) advis[eo]rs?|data brokers?"),
        ("recipient", r"credit (?:reference|reporting) agenc(?:y|ies)|debt collect(?:ors?|ion)"),
        ("recipient", r"(?:independent|separate|joint) (?:data )?controllers?"),
        ("recipient", r"marketers|marketing (?:companies|firms|agencies)|lead generators?"),
    ),
    "user-choice": (
        ("right", r"opt[- ]?(?:out|in)|unsubscribe|withdraw\w*(?: \w+){0,3}? consent|withdraw"),
        (
            "practice",
            r"consent(?:s|ed)?|your (?:choice|permission)|without your (?:permission|consent)",
        ),
    ),
    "user-access": (
        ("right", r"right to (?:access|rectif\w*|correct\w*|delet\w*|eras\w*|object|restrict\w*)"),
        # the reader's access, not access controls ("we limit access to your data")
        (
            "right",
            r"(?<!limit )(?<!limits )(?<!restrict )(?<!restricts )(?<!control )(?<!have )"
            r"(?<!has )(?<!unauthori[sz]ed )access (?:to )?your (?:personal )?(?:data|information)",
        ),
        ("right", r"(?:a )?copy of your (?:personal )?(?:data|information)"),
        (
            "right",
            r"delet(?:e|ion of) your|erasure|rectif(?:y|ication)|data portability|portability",
        ),
        ("right", r"correct (?:your|any) (?:personal )?(?:data|information|inaccura\w*)"),
    ),
    "data-retention": (
        (
            "practice",
            r"retain(?:s|ed)?|retention|as long as|indefinitely|archiv(?:e|ed)|kept|stored"
            # "keep" and "store" of data, not "keep in mind", "keep our service safe", "App Store"
            r"|(?:keep|keeps|keeping|store|stores|storing)"
            r"(?!(?: \w+){1,2} (?:safe|secure|confidential))"  # "keep it safe" protects
            r"(?= (?:your|the|this|that|such|personal"
            r"|it|them|these|those|data|information|records|messages|content|copies)\b"
            # "keep medical records", "store chat transcripts"
            r"|(?: [\w-]+){1,2} (?:data|information|records|messages|content|copies|transcripts"
            r"|logs|recordings|files)\b)",
        ),
    ),
    "data-security": (
        (
            "practice",
            r"security|secure(?:d|ly)?|encrypt(?:ed|ion)?|safeguards?|ssl|tls|safe(?:ly)?"
            r"|protect(?:s|ed|ing|ion)?",
        ),
        ("practice", r"breach(?:es)?|unauthori[sz]ed access|firewalls?|pseudonymi[sz]\w*"),
    ),
    "policy-change": (
        (
            "practice",
            r"(?:changes?|updates?|modif\w*|amend\w*) (?:to )?(?:this|our|the) (?:privacy )?"
            r"(?:policy|statement|notice)|last updated|effective date|without (?:prior )?notice"
            # "If we make significant changes, ... before they take effect"; a heading "Changes"
            r"|(?:make|makes|making|made) (?:\w+ )?changes|changes (?:will )?take effect"
            r"|^(?:[\w ]+ )?(?:changes|updates)$",
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
        ("practice", rf"child(?:ren)?|minors?|{AGE}|under the age of"),
        ("practice", r"parental consent|parents? or (?:legal )?guardians?|kids|age of \d+"),
    ),
    "contact": (
        ("contact", r"(?:grievance|data protection|privacy|nodal) officers?|dpos?"),
        ("invitation", r"contact us|reach (?:out to )?us|write to us"),
    ),
}

_FR: dict[str, tuple[tuple[str, str], ...]] = {
    "first-party-collection": (
        ("verb", r"collect(?:e|es|ons|ent|er|ée?s?)|recueill\w*|obten\w*"),
        (
            "data type",
            r"données (?:de santé|relatives à (?:la |votre )?santé|médicales)|état de santé"
            r"|informations (?:de santé|médicales|relatives à (?:la |votre )?santé)|votre santé"
            r"|dossiers? médica(?:l|ux)|antécédents médicaux|biométriques?|génétiques?"
            r"|empreintes? digitales?|reconnaissance faciale",
        ),
        ("data type", r"(?:géo)?localisation|gps|carnet d'adresses|vos contacts"),
        (
            "data type",
            r"coordonnées bancaires|carte bancaire|numéro de sécurité sociale|nir|passeport"
            r"|pièces? d'identité|carte d'identité|carte vitale|identifiant national de santé"
            r"|dossier médical partagé",
        ),
        ("data type", r"adresses? ip|identifiants? (?:de l'appareil|publicitaires?)"),
        (
            "data type",
            r"vie sexuelle|identité de genre|appartenance syndicale|"
            r"convictions? philosophiques?|statut sérologique|"
            r"orientation sexuelle|origine (?:ethnique|raciale)|opinions? politiques?|"
            r"convictions? religieuses?|infractions?|condamnations?",
        ),
        ("data type", r"ordonnances?|diagnostics?|groupe sanguin|(?:numéro|données) de mutuelle"),
        ("data type", ALL_DATA_WE_HOLD["fr"]),
        (
            "purpose",
            r"communications? ciblées?|publicités? ciblées?|prospection(?: commerciale)?|"
            r"profilage|fins? (?:publicitaires|commerciales|de marketing)|"
            r"communications? marketing",
        ),
    ),
    "third-party-sharing": (
        ("practice", r"vend(?:re|ons|ent|u|us|ues|s)?|ventes?|lou(?:er|ons)|commercialis\w*"),
        (
            "practice",
            r"partag(?:e|es|er|eons|ent|ée?s?)|divulgu\w*|transmet\w*|transmises?|"
            r"communiqu\w* (?:vos |les |des |ces )?(?:données|informations)"
            r"|communiqu(?:é|ée|és|ées)\b",
        ),
        ("recipient", r"tiers|partenaires?(?: commerciaux| publicitaires)?|annonceurs?"),
        ("recipient", r"courtiers? en données|sous-traitants?|prestataires?|filiales?"),
        ("recipient", r"sociétés? (?:affiliées|du groupe)|laboratoires? pharmaceutiques?"),
        ("recipient", r"assureurs?|employeurs?|autorités?(?: publiques)?|chercheurs?"),
        ("recipient", r"commissaires? aux comptes|auditeurs?|recouvrement|organismes? de crédit"),
        ("recipient", r"responsables? (?:de traitement )?(?:conjoints?|indépendants?)"),
    ),
    "user-choice": (
        (
            "right",
            r"retir(?:er|ez) (?:votre |son )?consentement|désinscri\w*|désabonn\w*|"
            r"vous opposer|droit d'opposition",
        ),
        ("practice", r"consentement|votre accord|sans votre (?:accord|consentement)"),
    ),
    "user-access": (
        (
            "right",
            r"droit d'accès|droit de rectification|droit à l'effacement|droit à l'oubli|"
            r"droit à la portabilité|portabilité|droit à la limitation|limitation du traitement",
        ),
        ("right", r"copie de vos données|supprimer vos données|effacement"),
    ),
    "data-retention": (
        (
            "practice",
            r"conserv(?:er|ons|ées?|ation)|durée de conservation|archiv\w*|indéfiniment",
        ),
    ),
    "data-security": (
        (
            "practice",
            r"sécurité|sécuris\w*|chiffr(?!es?\b)\w*|crypt\w*|violations? de données"
            r"|pseudonymis\w*|accès non autorisé",
        ),
    ),
    "policy-change": (
        (
            "practice",
            r"(?:modifi\w*|mise à jour|changement) (?:de )?(?:la |cette )?politique"
            r"|date de (?:mise à jour|modification)",
        ),
    ),
    "do-not-track": (("practice", r"cookies?|traceurs?|pixels?|balises? web"),),
    "international": (
        (
            "practice",
            r"hors de l'(?:ue|union européenne|eee|espace économique européen)|"
            r"en dehors de l'(?:ue|union européenne|eee)|pays tiers|transferts? internationa\w*",
        ),
        (
            "practice",
            r"clauses contractuelles(?: types| standards?| spécifiques)?|décision d'adéquation",
        ),
    ),
    "children": (
        ("practice", rf"enfants?|mineurs?|{AGE}(?:\s+ans)?|autorité parentale"),
        ("practice", r"parents?|représentant légal|titulaires? de l'autorité parentale"),
    ),
    "contact": (
        ("contact", r"délégué à la protection des données|dpos?|référent (?:rgpd|données)"),
        ("invitation", r"contactez-nous|nous contacter|écrivez-nous|nous écrire"),
    ),
}

# German: the same categories, the words German policies use (nouns are capitalised; matching
# ignores case). Compound nouns are matched whole ("Gesundheitsdaten") or by their common stems.
_DE: dict[str, tuple[tuple[str, str], ...]] = {
    "first-party-collection": (
        ("verb", r"erheb\w*|erhob\w*|(?:ge)?sammel\w*|erfass\w*"),
        (
            "data type",
            r"gesundheitsdaten|gesundheit\w*|medizinisch\w*|biometrisch\w*|genetisch\w*"
            r"|fingerabdr\w*|gesichtserkennung",
        ),
        ("data type", r"standort\w*|gps|adressbuch|kontakte|kontaktlisten?|telefonnummer\w*"),
        ("data type", r"bankverbindung|kreditkart\w*|zahlungsdaten|ausweis\w*|reisepass"),
        ("data type", r"ip-adressen?|geräte-?kennung\w*|werbe-?id\w*|metadaten"),
        (
            "data type",
            r"sexuelle orientierung|ethnische herkunft|politische meinung\w*"
            r"|religiöse überzeugung\w*",
        ),
        ("purpose", r"(?:personalisierte |gezielte )?werbung|werbezwecke\w*|profiling|marketing"),
    ),
    "third-party-sharing": (
        ("practice", r"verkauf\w*|vermiet\w*"),
        ("practice", r"weiterg\w*|weitergab\w*|übermitt\w*|offenleg\w*|(?:ge)?teilt|teilen"),
        # the separable verb: "wir geben Ihre Daten nicht an Dritte weiter"
        ("practice", r"(?:geben|gibt|gaben|gab|leiten|leitet) (?:\S+ ){0,6}?weiter"),
        ("recipient", r"dritte\w*|drittanbieter\w*|werbepartner\w*|partner(?:n|unternehmen)?"),
        ("recipient", r"dienstleister\w*|auftragsverarbeiter\w*|datenhändler\w*"),
        ("recipient", r"verbundene unternehmen|tochtergesellschaft\w*|konzern\w*"),
        ("recipient", r"versicherungen|versicherer\w*|arbeitgeber\w*|behörden|forscher\w*"),
        ("recipient", r"wirtschaftsprüfer\w*|steuerberater\w*|inkasso\w*|auskunfteien"),
        ("recipient", r"gemeinsam(?:e|en)? verantwortlich\w*|eigenständig\w* verantwortlich\w*"),
    ),
    "user-choice": (
        ("right", r"einwilligung (?:jederzeit )?widerrufen|widerruf\w*|abmelden|widerspruch\w*"),
        (
            "practice",
            r"einwilligung|eingewilligt|zustimmung|zugestimmt"
            r"|ohne ihre (?:einwilligung|zustimmung)",
        ),
    ),
    "user-access": (
        (
            "right",
            r"auskunft\w*|berichtigung\w*|löschung\w*|recht auf vergessenwerden"
            r"|datenübertragbarkeit|einschränkung der verarbeitung",
        ),
        ("right", r"kopie ihrer (?:personenbezogenen )?daten"),
    ),
    "data-retention": (
        (
            "practice",
            r"(?:ge)?speicher\w*|(?:auf)?bewahr\w*|speicherdauer|unbegrenzt|abgelegt|ablegen"
            r"|(?:legen|legt) (?:[\w.,-]+ ){0,8}ab",
        ),
    ),
    "data-security": (
        ("practice", r"sicherheit|verschlüssel\w*|ende-zu-ende|datenpann\w*|unbefugt\w*"),
    ),
    "policy-change": (
        ("practice", r"änderungen (?:dieser|der) datenschutzerklärung|stand:|zuletzt aktualisiert"),
    ),
    "do-not-track": (("practice", r"cookies?|tracking|pixel|web-?beacons?"),),
    "international": (
        (
            "practice",
            r"außerhalb (?:der eu|der europäischen union|des ewr)|drittländer\w*"
            r"|internationale übermittlung\w*|standardvertragsklauseln|angemessenheitsbeschluss",
        ),
    ),
    "children": (("practice", rf"kinder\w*|minderjährig\w*|{AGE}|eltern\w*"),),
    "contact": (
        ("contact", r"datenschutzbeauftragte\w*|aufsichtsbehörde\w*"),
        ("invitation", r"kontaktieren sie uns|schreiben sie uns"),
    ),
}


# Every lexicon pattern is a whole word (or words) read without regard to case.
LEXICON_FLAGS = re.IGNORECASE


def _merge(
    *sources: dict[str, tuple[tuple[str, str], ...]],
) -> dict[str, tuple[tuple[str, str], ...]]:
    merged: dict[str, list[tuple[str, str]]] = {}
    for source in sources:
        for category, entries in source.items():
            for noun, pattern in entries:
                merged.setdefault(category, []).append((noun, rf"(?<![\w@])(?:{pattern})(?![\w@])"))
    return {category: tuple(entries) for category, entries in merged.items()}


# Per detected language; "und" (too little text to tell) reads with every list.
_LISTS = {"de": (_ANY, _DE), "en": (_ANY, _EN), "fr": (_ANY, _FR), "und": (_ANY, _EN, _FR, _DE)}


@cache
def lexicon(language: str) -> dict[str, tuple[tuple[str, str], ...]]:
    """Category -> (noun, pattern) of a language's lexicon (of "und" for one it has no list
    for), patterns as text to compile with LEXICON_FLAGS: the reader compiles them into one
    scanner, for the language it reads, so an English policy never compiles the other lists."""
    return _merge(*_LISTS.get(language, _LISTS["und"]))


# Terms of these categories in an added or removed clause make the change material, unless the
# term is only a generic verb ("collect"), which nearly every clause has.
MATERIAL_CATEGORIES = frozenset(CATEGORIES) - {"policy-change", "do-not-track", "other"}
# Nouns that sort a clause but change nothing alone: a verb of a practice, and an invitation
# to get in touch ("contact us"), which names no route; the address, phone or form does.
WEAK_NOUNS = frozenset({"verb", "invitation"})

# Words for data as such: "information collected" and "data collected" are one term.
DATA_SYNONYMS = frozenset(
    "information informations details données renseignements daten informationen".split()
)
# One kind of data under two names (lemmas, as the reader forms them): no kind came or went.
TERM_SYNONYMS = {
    "address book": "contact",
    "contact list": "contact",
    "device id": "device identifier",
    "device ids": "device identifier",
    "internet protocol address": "ip address",
    "geolocation": "location",  # "geolocation in de-identified form" -> "location in ..."
    "geolocation data": "location data",
    "precise geolocation": "precise location",
    "carnet d'adresse": "vos contact",
    # advertising chosen by what is known of the person, under its several names
    "interest based advertising": "targeted advertising",
    "behavioral advertising": "targeted advertising",
    "behavioural advertising": "targeted advertising",
    "personalized advertising": "targeted advertising",
    "personalised advertising": "targeted advertising",
    "tailored advertising": "targeted advertising",
}

# Words that mark a clause as about privacy, for deciding whether a changed email or phone
# number is the privacy contact (material) or, say, the licensing desk (minor).
PRIVACY_WORDS = re.compile(
    r"privacy|personal (?:data|information)|data protection|grievance|dpo|"
    r"confidentialité|vie privée|données (?:personnelles|à caractère personnel)|"
    r"protection des données|réclamation|cnil",
    re.IGNORECASE,
)
# Where people turn with a complaint: a new organisation named here is a changed contact.
GRIEVANCE_WORDS = re.compile(
    r"complaints?|disputes?|grievance|ombudsman|arbitration|réclamations?|litiges?|médiat\w*",
    re.IGNORECASE,
)
# The people and bodies answerable for people's data: who they are is part of the policy.
ANSWERABLE = re.compile(
    r"\b(?:data protection officer|privacy officer|grievance officer|dpo|controller"
    r"|representative|délégué(?:e)? à la protection des données|responsable (?:du|de) traitement"
    r"|représentant(?:e)?|datenschutzbeauftragte\w*|verantwortlich\w*|vertreter\w*"
    r"|responsible for (?:the )?(?:processing|your (?:personal )?(?:data|information))"
    # the company a user contracts with is the one that answers for the data
    r"|(?:are|is) contracting with|contracting (?:entity|party)|vertragspartner\w*"
    r"|(?:are|is) represented (?:in|by)"  # "We are represented in Europe by Acme Europe Ltd"
    r"|contractez avec|cocontractant\w*)\b",
    re.IGNORECASE,
)
# Cloudflare's stand-in for an email address it hides from scrapers.
HIDDEN_EMAIL = re.compile(r"\[email(?:\s|&#160;)protected\]", re.IGNORECASE)
# An added or removed clause only shares or collects something if it speaks of data.
DATA_WORDS = re.compile(
    r"\b(?:data|information|details|données|informations|renseignements|daten|informationen"
    # using someone's contact details is a practice on their data
    r"|(?:contact|e-?mail|call|text|send) you|vous (?:contacter|envoyer|appeler)"
    r"|Sie kontaktieren)\b",
    re.IGNORECASE,
)
# Capitalised words that are not names of organisations.
GENERIC_NAMES = frozenset(
    "we you our us your i personal information data privacy policy website site services service "
    "company users user terms app application the this these those if for in on by any all "
    "nous vous notre nos votre vos le la les un une des si pour dans sur par ce cette ces "
    "politique données utilisateur utilisateurs service services société site application "
    "january february march april may june july august september october november december "
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "monday tuesday wednesday thursday friday saturday sunday notice statement cookie cookies "
    "united states kingdom european union economic area rights right article section "
    "datenschutzerklärung daten sie ihre wir".split()
)


# The legal tools that let data leave a country's protection: ours, as no maintained list of
# them exists; each with one name, however a policy writes it.
_SAFEGUARDS = {
    "standard contractual clauses": r"standard contractual clauses|model (?:contract )?clauses"
    r"|SCCs?|clauses contractuelles types|standardvertragsklauseln|standarddatenschutzklauseln",
    "binding corporate rules": r"binding corporate rules|BCRs?|règles d'entreprise contraignantes"
    r"|verbindliche interne datenschutzvorschriften",
    "adequacy decision": r"adequacy (?:decisions?|findings?|regulations?)"
    r"|adequate (?:level|protection)|décisions? d'adéquation|angemessenheitsbeschl\w*",
    "Data Privacy Framework": r"data privacy framework|DPF",
    "Privacy Shield": r"privacy shield",
    "UK transfer agreement": r"international data transfer (?:agreement|addendum)|IDTA"
    r"|UK addendum",
}
SAFEGUARD = {
    name: re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)
    for name, body in _SAFEGUARDS.items()
}

# Words that carry no meaning of their own, in the languages we read.
FUNCTION_WORDS = frozenset(
    "a an the and or of to in on at for by with from as is are be been was were this that these "
    "those it its we our us you your they their them may can will would should could also such "
    "any all some other e g eg i ie etc including include includes like example examples if "
    "le la les de des du un une et ou en à au aux pour par sur dans avec vos votre nous vous "
    "notamment compris inclus comme exemple si der die das und oder zu mit von für den dem des "
    "ein eine wie "
    "einschließlich upon into onto within without about after before under over through during "
    "when where while which who whom whose what how not no each every most many much more than "
    "then there here so but yet nor once unless until whether because although though "
    "lorsque quand afin dont qui que chaque tout tous toute toutes sans sous entre vers chez "
    "selon wenn bei nach vor über unter durch ohne jede alle sie ihr ihre ihren ihrem ihrer ihres "
    "ihnen unser unsere unseren unserem unserer kein keine im am zum zur vom beim wobei dass "
    "falls sofern soweit weil".split()
)
