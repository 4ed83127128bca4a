"""Field normalisation: ISO 8601 dates, BCP 47 languages, author names, absolute URLs. Never invents a value."""

from __future__ import annotations

import re
import unicodedata
import warnings
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser as dateutil_parser

from .. import soft_failures
from ..text import word_count  # noqa: F401 - imported from here by extraction code
from ..times import is_day, moment, zoneless  # noqa: F401 - zoneless: imported from here by extraction code

_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
_LANG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{2}|\d{3}))?\b")


MAX_DATE_CHARS = 200
"""Longer strings are not dates ("Thursday, 28 September 2023, 11:45 p.m. Central European Summer Time" is 70)."""


def iso_date(value: str | None, timezone: str | None = None) -> str | None:
    """A date string a page gives, in one of the record's forms (docs/record.md): ``YYYY-MM-DD`` for a day,
    ``YYYY-MM-DDTHH:MM:SS+HH:MM`` for a time (to the second, the page's offset kept).

    A naive date-time gets ``timezone`` (the site's, from its config) when one is known; without one it stays
    naive, ``YYYY-MM-DDTHH:MM:SS`` (see :func:`zoneless`), never taken for UTC. An ISO 8601 value is read by the
    package's rule (:func:`newsproj.times.moment`), any other by dateutil (newsproj/times.py says why they differ).
    """
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    if len(value) > MAX_DATE_CHARS:
        return None  # prose, not a date: dateutil's fuzzy lexer would walk all of it
    if is_day(value):  # a day, its zone too ("2024-09-12Z", "2024-09-12+02:00"): no time of day is made up
        day = moment(value)
        return day.date().isoformat() if day is not None else None
    parsed = moment(value)
    if parsed is None:
        try:
            with warnings.catch_warnings():
                # "Fri Apr 28 19:20:36 CEST 2023": a zone abbreviation dateutil does not know is left out, so the
                # time is naive and gets the site's timezone below (as the crawl did, minus the warning)
                warnings.simplefilter("ignore", dateutil_parser.UnknownTimezoneWarning)
                parsed = dateutil_parser.parse(value)
        except (ValueError, OverflowError):
            return None
        if not _HAS_TIME.search(value):
            return parsed.date().isoformat()
    if not (1990 <= parsed.year <= 2100):
        return None
    if parsed.tzinfo is None and timezone:
        try:
            parsed = parsed.replace(tzinfo=ZoneInfo(timezone))
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return parsed.isoformat(timespec="seconds")


@cache
def _languages() -> tuple[frozenset[str], dict[str, str]]:
    """ISO 639-1 codes CLDR knows, and ISO 639-2/3 aliases of them (``eng`` → ``en``), from babel's data."""
    from babel.core import get_global
    from babel.localedata import locale_identifiers

    codes = frozenset(c.split("_")[0] for c in locale_identifiers() if len(c.split("_")[0]) == 2)
    aliases = {k: v for k, v in get_global("language_aliases").items() if len(k) == 3 and v in codes}
    return codes, aliases


# Norwegian: pages say "nb"/"nn" (written standards), detectors and most data say "no" (the language).
_MACRO = {"nb": "no", "nn": "no"}


def bcp47(value: str | None) -> str | None:
    """``en``, ``en-US``, ``pt-BR`` from what a page states (``en_US``, ``EN-us``, ``en-US,en``, ``eng``).

    A value that is no ISO 639 language ("kr" for Korea, "utf-8" in a Content-Language) is None."""
    if not value or not isinstance(value, str):
        return None
    match = _LANG.match(value.strip())
    if not match:
        return None
    lang, region = match.group(1).lower(), match.group(2)
    codes, aliases = _languages()
    lang = aliases.get(lang, lang)
    if lang not in codes:
        return None
    lang = _MACRO.get(lang, lang)
    return f"{lang}-{region.upper()}" if region else lang


_DROP_CATEGORIES = {"Cc", "Cs", "Co", "Cn"}


def _drop(ch: str) -> bool:
    # control characters go; format characters stay (soft hyphens, and the zero-width joiners that Indic,
    # Persian and emoji text needs), except the byte-order mark
    return (unicodedata.category(ch) in _DROP_CATEGORIES and ch not in "\n\t") or ch == "\ufeff"


@cache
def _dropped() -> re.Pattern[str]:
    """The characters of the Basic Multilingual Plane that ``clean_text`` turns into spaces, as one character
    class built once (a test per character of every text cost more than the rest of the cleaning)."""
    ranges: list[tuple[int, int]] = []
    for cp in range(0x10000):
        if _drop(chr(cp)):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    return re.compile("[" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges) + "]")


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def clean_text(value: str | None, compose: bool = True) -> str | None:
    """NFC, no control characters, single spaces; None when nothing is left.

    ``compose=False`` keeps the characters as the page wrote them (the body: a decomposed "ü" stays two code
    points, as in the page's own text, so the text matches what the publisher shipped)."""
    if not value or not isinstance(value, str):
        return None
    if compose:
        value = unicodedata.normalize("NFC", value)
    if _ASTRAL.search(value):  # (emoji and rarer scripts: tested a character at a time)
        value = "".join(" " if _drop(ch) else ch for ch in value)
    else:
        value = _dropped().sub(" ", value)
    value = re.sub(r"[ \t\u00a0\u2009\u202f]+", " ", value).strip()
    return value or None




# ------------------------------------------------------------------ authors

BYLINE_START = re.compile(r"^\s*(?:(?:additional |original )?(?:reporting|written|words|text|story|report) )?"
                          r"(?:by|von|par|por|di|door|af|av|przez|od|بقلم|โดย|מאת)\s*[:\-]?\s+", re.I)
"""The start of a byline ("By ", "Reporting by ", "Von: ", "Par ", Arabic "بقلم ", Thai "โดย ", Hebrew "מאת "): the one
pattern for it (authors, headlines)."""
_NOT_AUTHOR = re.compile(r"^\s*(?:editing|edited|compiled|graphics?|photos?|photographs?|video|illustrations?)"
                         r" by\b", re.I)
"""A part of a byline that names who edited or illustrated the story ("Reporting by A; Editing by B")."""
_WHERE = re.compile(r"^(\S+(?: \S+){1,3}|(?i:staff|team|desk)) (?:in|for) (?:the )?[A-Z]"
                    r"(?:(?! (?:and|und|et|y|e|og|en|och) )[^,;|/&·•]){0,60}$")
"""A name, then where it reports from or whom it writes for: "Jane Doe in London", "Jane Doe for The Guardian"
(up to the next name: "John Smith in Kyiv and Jane Doe" names two); a role alone before the place ("Staff in London")
names no one and is dropped as a role below, a word alone before "for" is a name's part ("Center for Drug
Evaluation")."""
_ROLE_WORDS = (
    r"(?:(?:staff|senior|chief|special|political|foreign|economics|business|sports?|science|technology|"
    r"health|education|environment|investigative|white house|washington|world|national|local|"
    r"digital|managing|deputy|executive|contributing|news|travel|opinion|guest|bureau) ){0,3}(?:reporter|writer|"
    r"correspondent|editor(?:-in-chief)?|chief|"
    r"journalist|columnist|contributor|photographer|producer|analyst|redakteur(?:in)?|"
    r"korrespondent(?:in)?|autor(?:in)?|기자|특파원|記者|记者|প্রতিবেদক|সংবাদদাতা|संवाददाता|مراسل|"
    r"envoyée? spéciale?|correspondante?|journaliste|rédact(?:eur|rice)|corresponsal|periodista|redactora?|"
    r"inviat[oa](?: special[ei])?|corrispondente|giornalista|redat(?:tore|trice)|enviad[oa](?: especial)?|"
    r"correspondente|jornalista|verslaggever|redacteur|korespondent(?:ka)?|dziennikar(?:z|ka)|redaktor(?:ka)?|"
    r"reporterka|\w{0,20}?(?:redakteur(?:in)?|redacteur|redaktör|reporter(?:in)?|korrespondent(?:in)?))s?"
    r"(?: en chef| naczeln[yaei]| jefe)?"
)
"""Roles a byline gives beside a name, in the corpora's languages ("envoyé spécial", "corresponsal", "inviato",
"enviado especial", "verslaggever", "dziennikarka"...)."""
_ROLE = re.compile(rf"\b{_ROLE_WORDS}(?!\w)", re.I)
# (Korean, Japanese, Chinese: "reporter"; Bengali, Hindi, Arabic: "reporter", "correspondent")
_ROLE_AFTER = re.compile(
    rf"(?:,| [|·•-]) ?(?i:{_ROLE_WORDS})(?: (?i:in|en|à|a|au|aux|em|no|na|w|we|för|für|aus|bei|at|from|de|da|do|"
    r"del|dla|te|uit|ve)(?: [A-ZÀ-ÖØ-ÞĀ-Ž][^\s,;|·•]{0,40}){1,3}| [A-ZÀ-ÖØ-ÞĀ-Ž][^\s,;|·•]{0,40})?"
    r"(?=[ ,;|·•]*$|[,;|·•])"
)
"""A role after a name, with where it reports from or its desk, up to the next separator or the end: ", envoyé
spécial à Kyiv", ", corresponsal en Bruselas" (the "en" is no Dutch "and" there), ", Redakteurin Politik"."""
# Every pattern here runs on what a page says, so none may backtrack more than linearly: a match starts only at
# the start of a token (``(?<!\S)``), and the part after "@" cannot run over another "@" (3,000 "@" in a JSON-LD
# author took 69 s with ``\S+@\S+\.\w+``). The ``\s*`` of the others see single spaces only: ``_strip_author``
# collapses white space first ("A" + 50,000 newlines + "B" was quadratic in every ``\s*`` pattern).
_EMAIL = re.compile(r"(?<!\S)\S+@[^\s@]+\.\w+")
_URLISH = re.compile(r"https?://\S+|www\.\S+|@\w+")
_DATE_WORDS = (r"(?:last )?updated|published|posted|aktualisiert|veröffentlicht|publié|mis à jour|actualizado|"
               r"publicado|atualizado|aggiornato|pubblicato|bijgewerkt|gepubliceerd|opublikowano|zaktualizowano|"
               r"uppdaterad|publicerad")
_MONTHS = (r"jan(?:uary|uar|vier|uari|eiro)?|feb(?:ruary|ruar|ruari)?|février|fevereiro|febbraio|febrero|"
           r"mar(?:ch|s|zo|ço|ca)?|märz|maart|apr(?:il|ile|il)?|avril|abril|kwietnia|may|mai|mei|maj|maggio|mayo|"
           r"maio|maja|june?|juni|juin|junio|junho|giugno|czerwca|july?|juli|juillet|julio|julho|luglio|lipca|"
           r"aug(?:ust|usti|ustus)?|août|agosto|sierpnia|sept?(?:ember|embre|iembre)?|settembre|setembro|"
           r"września|oct(?:ober|obre)?|okt(?:ober)?|ottobre|outubro|octubre|października|nov(?:ember|embre|embro)?|"
           r"listopada|dec(?:ember|embre)?|dez(?:ember|embro)?|décembre|diciembre|dicembre|grudnia|enero|gennaio|"
           r"janeiro|stycznia|lutego")
_DATEISH = re.compile(
    rf"\b(?:\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|{_DATE_WORDS})(?!\w).*$", re.I)
_MONTH_DATE = re.compile(
    rf"\b(?:\d{{1,2}}\.? (?:{_MONTHS})\b\.?|(?:{_MONTHS})\.? \d{{1,2}}(?:st|nd|rd|th)?\b)(?:,? \d{{4}}\b)?"
    r"(?:,? \d{1,2}[:.]\d{2}(?: ?[ap]\.?m\b\.?)?)?", re.I)
"""Where a date glued to a name starts: a numeric date, a word that says the story was updated or published (in
the corpora's languages); :data:`_MONTH_DATE`, a day and a month's name either way round ("12 March 2024", "March
12, 2024, 10:30 AM"; a month alone is a name's part: "April Ryan", "June Doe"), is taken out alone (a name may follow
it: "August 9, 2012, by David O'Brien")."""
_DATED_START = re.compile(
    rf"^(?:{_DATE_WORDS})\b[^|·•]{{0,60}}? (?:by|von|par|por|di|door|av|af|przez|od) (?=\S)", re.I)
"""A date before the names: "Updated 3 hours ago by Jane Doe", "Publié le 3 mars par Jean Dupont"."""
_SPLIT = re.compile(r"\s*(?:,|;|\||/|&|·|•|\band\b|\bund\b|\bet\b|(?-i:\by\b|\be\b|\bi\b)|\bog\b|\ben\b|"
                    r"\boch\b)\s*", re.I)
"""Between two names: a separator or "and" (en, de, fr, es, it, pt, pl, da/no, nl, sv); the one-letter "y", "e",
"i" in lower case only (a capital one is an initial: "Jane E. Doe", "Ana Y. Torres")."""
_WITH = re.compile(r"^(?:avec|with|mit|con|com|met|med|z|ze) (?=\S)")
"""A co-author credited with "with" in a byline's list ("Par Jean Dupont, avec AFP"): the name after it (lower
case only: "Con Coughlin" is a name)."""
_LEAD = re.compile(
    r"^(?:(?i:(?:ein|eine|an?|the|une?|una?|uno) )?(?i:kommentar|analyse|analysis|gastbeitrag|gastkommentar|"
    r"interview|reportage|kolumne|glosse|column|essay|review|rezension|commentary|opinion|chronique|éditorial|"
    r"tribune|columna|opinión|crónica|commento|editoriale|commentaar|felieton|komentarz|recenzja|krönika|"
    r"recension) (?:von|by|par|de|por|di|door|av|af|przez|od)|(?i:a cura di)) (?=\S)")
"""The kind of piece before "by" ("Ein Kommentar von", "An analysis by", "Une chronique de"), or Italian "a cura di"
(edited by: the author): the words before the names."""
_LABEL = re.compile(r"^(?i:text|texte|texto|testo|tekst|author|autor|auteur|autore|autora|autorka|verfasser|"
                    r"skribent|forfatter|written by|words) ?: ?(?=\S)")
"""A label of the names ("Text: Anna Müller", "Autor: Anna Kowalska")."""
_SPECIAL_TO = re.compile(r" (?i:special) to .*$| (?i:twitter|facebook|instagram|linkedin|bluesky|e-?mail)$")
"""Whom a name writes for as a guest ("Jane Doe Special to The Post"), or a network's label after it."""
_PLACE_PART = re.compile(r"(?:à|au|aux|en|in|em|w|we|aus|from|at|ve) [A-ZÀ-ÖØ-ÞĀ-Ž][^\s,;|]{0,40}(?: \S+){0,2}")
"""A byline's part that is only where it was filed from ("Sophie Martin, à Lyon")."""
_PICTURES = re.compile(r"(?:^| )(?i:fotos?|photos?|bilder?|zdjęcia|zdjęcie|foto's|video|grafik|grafiken|"
                       r"illustrations?|infografik|kamera|montage|fotografia|fotografía|photographie) ?:.*$")
"""Who took the pictures, after the text's author ("Text: Anna Müller Foto: Jan Berg"): no author of the text."""
_FOLLOW = re.compile(r"(?i:follow|folgen|suivre|seguir|segui) ")
"""A part that asks to follow someone ("Follow Tim on Twitter"): a link's label, no name."""
_SOCIAL = re.compile(r"(?i:twitter|x|facebook|instagram|linkedin|bluesky|mastodon|threads|tiktok|e-?mail|mail|"
                     r"follow|folgen|suivre|seguir|contact|kontakt)")
"""A network's or contact's label left once its handle or address is taken out ("Twitter: @janedoe")."""
_AGENCY_SUFFIX = re.compile(r"\s*[(|–/-]\s*(?:AP|AFP|Reuters|dpa|EFE|ANSA|PA|Bloomberg|CNN|BBC|TT|NTB|ANP|APA|SDA|KNA|"
                            r"epd|PAP|ČTK|CTK|MTI|STT|Lusa|Belga|Xinhua|Kyodo|Yonhap|Ritzau)\)?\s*$")
_AGENCY_AFTER_NAME = re.compile(
    r"^([^\s,;&]+ (?!(?i:and|und|et|y|e|i|og|en|och)\b)[^\s,;&]+(?: (?!(?i:and|und|et|y|e|i|og|en|och)\b)[^\s,;&]+)?) "
    r"(?:(?i:(?:for )?(?:the )?Associated Press)|Reuters|AFP|"
    r"AP|dpa|EFE|ANSA|PAP|Lusa|Bloomberg)$"
)
"""The agency after a name without a separator ("JANE DOE Associated Press"); "The Associated Press" alone stays."""
_FOR_AGENCY = re.compile(r"^for (?:the )?(?=associated press$)", re.I)
""""For The Associated Press" after a name: whom the author writes for, the agency itself."""
_ROLE_ONLY = re.compile(
    r"^(?:and|the|our|with|in|for|at|of|by|von|par|por|di|news|staff|team|desk|editors?|authors?|autor(?:in|en)?|নিজস্ব"
    r"|nachrichten|nouvelles|noticias|notizie|nieuws|nyheter|nyheder|uutiset|wiadomości|notícias"
    r"|agencies|agences|agenturen|agencias|agenzie|agências|agencje|on|am|le|el|il|em|op|den|written by|posted by"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag"
    r"|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado"
    r"|domingo|gmt|utc|[ecmp][sd]t|bst|cet|cest|mez|mesz"
    r"|(?:(?:la|die|de|el|the|a|la nostra|unsere|notre) )?(?:redaktion|redactie|rédaction|redacción|redazione|redação"
    r"|redakcja|redaktionen|newsroom))$",
    re.I
)
"""A word that names no one: a preposition left of a split byline, a role, or "News" in a language of the corpora
(a section's label in an author <meta>, "Nachrichten"); Bengali "নিজস্ব" (own: "নিজস্ব প্রতিবেদক", staff reporter)."""


AGENCIES = frozenset({
    "ap", "afp", "reuters", "dpa", "efe", "ansa", "pa", "pa media", "bloomberg", "epd", "kna", "apa", "sda", "ats",
    "anp", "tt", "ntb", "ritzau", "xinhua", "kyodo", "yonhap", "anadolu", "europa press", "belga", "tass", "ria",
    "associated press", "lusa", "pap", "čtk", "ctk", "mti", "stt", "hina", "bernama", "antara", "aap", "upi",
})
"""News agencies: a byline of only these and the publisher is an organisation byline, kept as written."""


def _strip_author(name: str) -> str:
    name = " ".join(name.split())
    name = _EMAIL.sub("", name)
    name = _URLISH.sub("", name)
    name = _DATED_START.sub("", name)
    name = _DATEISH.sub("", name)
    name = _MONTH_DATE.sub(",", name)
    name = re.sub(r"\[\w{1,10}\]", "", name)  # ("Marty Lederman [link]")
    name = _LEAD.sub("", name)
    name = _LABEL.sub("", name)
    name = _PICTURES.sub("", name)
    name = BYLINE_START.sub("", name)
    name = _LABEL.sub("", name)
    name = _SPECIAL_TO.sub("", name)
    name = _WHERE.sub(r"\1", name)
    name = _AGENCY_SUFFIX.sub("", name)
    name = _AGENCY_AFTER_NAME.sub(r"\1", name)
    name = re.sub(r"\(\s*\)|\[\s*\]", "", name)
    name = re.sub(r"\s*\(\s*[\w.]{1,6}\.?\s*\)?\s*$", "", name)  # "Elena Oberholzer (obe.)": a desk code
    name = re.sub(r"\s+", " ", name).strip(" ,;:|-–—·•()")
    return name


_NO_ONE = re.compile(r"staff|our|নিজস্ব", re.I)
"""A word that makes a role name no one: "Staff Reporter", "Our Correspondent", Bengali "নিজস্ব প্রতিবেদক"."""


def _no_one(part: str) -> bool:
    """A byline's part that is a role and no name: "Staff Reporter", "Our Correspondent" (what is left once the role
    is taken out names no one, and a word says so); not a title a person holds ("Chief Reporter, Jane Doe")."""
    rest = _strip_author(_ROLE.sub("", part))
    return (not rest or bool(_ROLE_ONLY.match(rest))) and any(_NO_ONE.fullmatch(w) for w in part.split())


_INITIALS = re.compile(r"[A-Z]{2,5}").fullmatch
"""An agency's or a broadcaster's initials ("CNN", "BBC"), no place."""


def _filed_from(text: str, parts: list[str]) -> bool:
    """Whether the byline's last part is where the story is filed from, not a second author: one capitalised word
    after a comma that ends the byline, following a name of two words or more ("By Jane Doe, London"); not an agency
    nor initials ("Jane Doe, Reuters", "Jane Doe, CNN"). A person's name has a given name and a family name; a
    city's, one word."""
    last, before = parts[-1], parts[-2]
    return (" " not in last and last[:1].isupper() and text.rstrip().endswith((", " + last, "| " + last, "· " + last))
            and len(before.split()) >= 2 and last.casefold() not in AGENCIES and not _INITIALS(last))


MAX_BYLINE_CHARS = 2_000
"""Characters of one author string read (fifty names and their roles are 2,000): a longer one is cut at its last
separator or space within the limit, noted as the soft failure ``byline_cut``."""


def author_names(raw: list[str]) -> list[str]:
    """Normalised, deduplicated author names from raw byline strings.

    "By A and B" / "A, B" are split; "By", roles, e-mails, URLs, dates and agency suffixes are removed.
    A byline that is only an organisation is kept as it is.
    """
    out: list[str] = []
    seen: set[str] = set()
    for item in raw:
        if not item or not isinstance(item, str):
            continue
        if len(item) > MAX_BYLINE_CHARS:  # (no byline: a template's or a hostile page's text; its head is read)
            soft_failures.note("byline_cut")
            item = item[:MAX_BYLINE_CHARS]
            item = item[: max(item.rfind(","), item.rfind(";"), item.rfind("|"), item.rfind(" "))]
        text = _strip_author(clean_text(item) or "")
        if not text:
            continue
        # A role after a name: "Jane Doe, Staff Writer" → drop the role part.
        text = _ROLE_AFTER.sub("", text).strip(" ,;|·•-") or text
        parts = [p for p in _SPLIT.split(text)
                 if p and not _NOT_AUTHOR.match(p) and not _PICTURES.match(p) and not _FOLLOW.match(p)]
        if len(parts) > 1 and _filed_from(text, parts):
            parts.pop()
        for index, part in enumerate(parts):
            part = _WITH.sub("", _FOR_AGENCY.sub("", part))
            role = _ROLE.search(part)
            if index == 0 and len(parts) > 1 and role and _no_one(part):
                if len(parts) == 2 and " " not in parts[1].strip():
                    break  # "Staff Reporter, London", "Our Correspondent, Karachi": a role, then where it files from
                continue  # "Staff Writer, Jane Doe": a role, then the name of who holds it (a name has two words)
            if role and len(part.split()) > 1:
                before = BYLINE_START.sub("", part[: role.start()]).strip()  # (what the role follows)
                part = _strip_author(_ROLE.sub("", part))
                if part.casefold() in AGENCIES:
                    continue  # "AP Science Writer": the employer in a role, not a second author
                employer, _, name = part.partition(" ")
                if name and employer.casefold() in AGENCIES and before.casefold() == employer.casefold():
                    part = name  # "AP Science Writer Seth Borenstein": the employer before the role and the name
            part = _strip_author(part)
            if (not part or _ROLE_ONLY.match(part) or _ROLE.fullmatch(part) or _SOCIAL.fullmatch(part)
                    or len(part) > 80 or (index and _PLACE_PART.fullmatch(part))):
                continue
            words = part.split()
            if len(words) > 4 and sum(w[:1].islower() for w in words) >= 3:
                continue  # a description ("professor at the faculty of ..."), not a name
            if not any(ch.isalpha() for ch in part) or re.search(r"\d", part):
                continue  # names have no digits: a date or a time left in the byline
            key = part.casefold()
            if re.fullmatch(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,4}", key) and (out or len(parts) > 1):
                continue  # a site's domain beside people's names ("Lrt.lt")
            if key not in seen:
                seen.add(key)
                out.append(part)
    return out
