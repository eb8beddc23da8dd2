"""Quantities and dates in news text, normalised and compared by what they describe.

Plain text in, :class:`Quantity` values with character offsets out; regex and small tables only
(no spaCy), deterministic, and :func:`extract_quantities` never raises. A rewrite that turns
"around 11,000 soldiers" into "an estimated 12,000 North Korean troops" should be reported as one
changed number, so each quantity carries *what* it counts (``described``) or *which event* a date
belongs to (``event``), and :func:`same_referent` pairs quantities on that, not on position.

Kinds
    ``count``, ``percent``, ``fraction``, ``money``, ``age``, ``date``, ``year``, ``duration``,
    ``ordinal``. ``fraction`` (two-thirds -> 0.6667) is kept apart from ``percent`` (40% -> 40.0)
    so one kind never mixes a 0-1 and a 0-100 scale; the two still pair and compare (a fraction
    is worth ``100 * value`` percent, equal within half a percentage point).

Values
    11,000 / 11 thousand / 11k -> 11000.0; 4.5 million -> 4500000.0; spelled numbers are valued
    ("two" -> 2.0, "twenty-one" -> 21.0, "half a million" -> 500000.0) because a rewrite that
    writes "two soldiers" for "2 soldiers" says the same thing. Indefinite plurals ("thousands
    of", "dozens", "tens of thousands"), ranges ("3-5") and decades ("the 1990s") have
    ``value=None`` and ``vague=True``: they cannot be compared (``incomparable``).
    Years keep their number as value (2023.0); dates have ``value=None`` and a
    ``date=(year, month, day)`` tuple with ``None`` for the parts the text leaves out.

Qualifiers (words right before the number; part of the span)
    about / around / approximately / roughly / some / an estimated -> ``approx``; nearly / almost
    / fewer than / less than / under / close to -> ``under``; over / more than / above / upwards
    of -> ``over``; up to / as many as -> ``up_to``; at least / no fewer than -> ``at_least``;
    a trailing "or so" -> ``approx``, "or more" -> ``at_least``. Dates, years and ordinals are
    always ``exact``: "by January" or "since 2024" relate a date to an event, they do not blur it.

What a number describes (``described``)
    The head noun after the number, skipping determiners, possessives, capitalised (proper)
    adjectives such as "North Korean", participles ("deployed", "injured") and a few adjectives
    ("more", "additional"); after a plural number a singular noun followed by a plural one is a
    compound ("120 fighter jets" -> "jet"). "of" leads to the noun phrase it introduces ("40% of
    North Korea's deployed soldiers" -> "soldier"). The noun is lemmatised by an irregular-plural
    table, a news synonym table (troops/soldiers/servicemen/forces/personnel -> "soldier";
    people/persons/individuals -> "person"; casualties/losses/"killed or injured" -> "casualty";
    killed/dead/deaths -> "death"; wounded/injured -> "injury") and a suffix rule (-ies -> -y,
    -ches/-shes/-sses/-xes -> drop "es", else drop "s"). Deaths, injuries and casualties stay
    three referents: a rewrite that turns 4,000 casualties into 4,000 dead changed what is
    counted, not the count. A casualty predicate describes the number when no noun follows
    ("around 4,000 of whom have been killed or injured", "over 4,000 had suffered losses") and
    wins over the noun when it follows it ("4,000 troops had been killed or injured" counts
    casualties: pairing it with "11,000 troops" deployed would report a false change). In a
    Title Case line the first capitalised plural is the noun ("3,500 More Soldiers").
    Ages describe the noun after "-year-old" or the name before "Name, 26," ("Ri").

Dates and events
    "Jan. 9", "January 9, 2025", "9 January 2025", "9th of January", "2025-01-09", "January 2025",
    a month after a temporal preposition ("in February", "as of January", "last August"),
    unambiguous d/m/y or m/d/y slashes. Relative dates ("last month", "on Wednesday", "two years
    ago") are skipped (not emitted): without the publication date they cannot be resolved, and a
    rewrite that keeps "last month" has nothing to compare. A year inside a full date belongs to
    the date. ``event`` is the lemma (small table) of the nearest event word among the 8 words
    before the date in its sentence, not counting the preposition that introduces the date
    ("captured on Jan. 9" -> "capture"; "deployed to the war in Ukraine on Jan. 5" -> "deploy";
    8 rather than 6 because passives with an agent and a place, "were captured by Ukraine in
    Russia's Kursk region in January", run to 7); when the date opens its sentence ("On March 17,
    2025, diplomats ... convened") the next 10 words are searched instead. A participle after a
    determiner or possessive ("North Korea's deployed soldiers") is an adjective, not the event.
    Money and durations carry ``event`` too ("earned approximately $540 million" -> "earn").

Not quantities
    Numbers glued to letters or to a word by a hyphen ("Su-27", "COVID-19", "G7", "MH17"; but
    "mid-2024" is a year), numbers after a capitalised word mid-sentence or after an identifier
    word ("Article 45", "Resolution 2231"; in a Title Case line only the identifier words count,
    so headlines keep their numbers), phone numbers, times, URLs, e-mail addresses, version
    numbers, a number alone on its line (page furniture such as font-size steps), "one" without a
    noun after it ("one of the two soldiers" is a count of 2 soldiers, never a count of 1: "one
    of" picks a member, it counts nothing), and capitalised ordinals in names ("Third Geneva
    Convention"). "the 1950-53 Korean War" gives two years, 1950 and 1953. A bare 1800-2100 is
    a year unless a qualifier precedes it or a verb precedes it and a plural noun follows ("sent
    2000 soldiers"; but "the 2024 elections"): AP style writes counts from 1,000 with a comma.

Referents and comparison
    :func:`same_referent`: same kind (fraction ~ percent), then for count, percent, fraction,
    ordinal and age the same non-empty ``described``; for money the same ``described``, or with
    none on both sides the same ``event``; for dates and years the same ``event``, or with no
    event on either side the same month (dates) / year (years); for durations the same event.
    Unknown never matches unknown: pairing two undescribed counts would report false changes.
    :func:`compare_quantities`: ``same`` (equal values; dates whose known parts agree, so "Jan. 9"
    = "January 9, 2025"), ``requalified`` (equal values, different qualifier), ``changed``
    (different value, date, or currency), ``incomparable`` (vague, unvalued or different kinds).
"""

from __future__ import annotations

import bisect
import calendar
import functools
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Literal

from framing.text.calendar import MONTHS, WEEKDAYS

Kind = Literal[
    "count", "percent", "fraction", "money", "age", "date", "year", "duration", "ordinal"
]
Qualifier = Literal["exact", "approx", "over", "under", "up_to", "at_least"]
Verdict = Literal["same", "requalified", "changed", "incomparable"]
DateParts = tuple[int | None, int | None, int | None]


@dataclass(frozen=True)
class Quantity:
    """A number or date in a text: ``text == source[start:end]`` (qualifier included).

    ``described`` is the lemma of what is counted ("soldier"), ``event`` the lemma of what a
    date (or sum, or duration) belongs to ("capture"), ``unit`` the measurement unit of a
    percent ("percent" / "percentage point") or a duration ("day", "year").
    """

    start: int
    end: int
    text: str
    kind: Kind
    value: float | None
    qualifier: Qualifier = "exact"
    vague: bool = False
    currency: str | None = None
    unit: str | None = None
    described: str | None = None
    date: DateParts | None = None
    event: str | None = None


# --------------------------------------------------------------------------- tables

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SUFFIX_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "hundredth": 100,
}  # fmt: skip
_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}  # fmt: skip
_MONTHS = MONTHS
_WEEKDAYS = WEEKDAYS
_DATE_PREPS = {
    "in", "on", "since", "by", "until", "till", "from", "through", "during", "of", "early",
    "late", "mid", "last", "next", "this", "before", "after", "as", "between", "and", "to",
}  # fmt: skip
_TIME_UNITS = {
    "second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0,
    "month": 30.4375, "year": 365.25, "decade": 3652.5, "century": 36525.0,
}  # fmt: skip
_CURRENCY_SYMBOLS = {
    "US$": "USD", "A$": "AUD", "C$": "CAD", "HK$": "HKD", "NT$": "TWD", "S$": "SGD", "$": "USD",
    "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW", "₹": "INR", "₽": "RUB", "₴": "UAH",
}  # fmt: skip
_CURRENCY_CODES = {"USD", "EUR", "GBP", "JPY", "KRW", "CNY", "RUB", "UAH", "INR", "TWD", "CHF"}
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "yen": "JPY",
    "won": "KRW", "yuan": "CNY", "renminbi": "CNY", "ruble": "RUB", "rubles": "RUB",
    "rouble": "RUB", "roubles": "RUB", "rupee": "INR", "rupees": "INR", "hryvnia": "UAH",
    "hryvnias": "UAH",
}  # fmt: skip
# Counted nouns of news copy that mean the same referent.
_SYNONYMS = {
    "troop": "soldier", "troops": "soldier", "soldier": "soldier", "soldiers": "soldier",
    "serviceman": "soldier", "servicemen": "soldier", "servicemember": "soldier",
    "servicemembers": "soldier", "forces": "soldier", "personnel": "soldier",
    "fighters": "soldier", "combatants": "soldier", "people": "person", "persons": "person",
    "individuals": "person", "individual": "person", "casualties": "casualty",
    "casualty": "casualty", "losses": "casualty", "killed": "death", "dead": "death",
    "deaths": "death", "death": "death", "died": "death", "fatalities": "death",
    "wounded": "injury", "injured": "injury", "injuries": "injury", "pows": "prisoner",
    "captives": "prisoner", "prisoners": "prisoner", "kids": "child",
}  # fmt: skip
_IRREGULAR = {
    "children": "child", "men": "man", "women": "woman", "feet": "foot", "teeth": "tooth",
    "mice": "mouse", "geese": "goose", "lives": "life", "wives": "wife", "knives": "knife",
    "halves": "half", "thieves": "thief", "leaves": "leaf", "police": "police", "data": "data",
    "media": "media", "criteria": "criterion", "crises": "crisis", "analyses": "analysis",
}  # fmt: skip
_CASUALTY_PHRASES = {
    ("killed", "or", "injured"): "casualty", ("killed", "or", "wounded"): "casualty",
    ("killed", "and", "wounded"): "casualty", ("killed", "and", "injured"): "casualty",
    ("dead", "or", "wounded"): "casualty", ("dead", "or", "injured"): "casualty",
    ("dead", "and", "wounded"): "casualty", ("wounded", "or", "killed"): "casualty",
    ("injured", "or", "killed"): "casualty",
}  # fmt: skip
_CASUALTY_WORDS = {
    "killed": "death", "dead": "death", "died": "death", "deaths": "death",
    "fatalities": "death", "wounded": "injury", "injured": "injury", "injuries": "injury",
    "casualties": "casualty", "losses": "casualty",
}  # fmt: skip
_PREDICATE_FILLERS = {
    "have", "has", "had", "been", "were", "was", "are", "is", "be", "being", "reportedly",
    "now", "already", "also", "allegedly", "either", "both", "presumed", "believed", "feared",
    "confirmed", "suffered", "sustained", "incurred", "since", "all",
}  # fmt: skip
# Event words for dates, sums and durations, nearest first wins.
_EVENTS = {
    "capture": "capture", "captured": "capture", "captures": "capture", "capturing": "capture",
    "seized": "capture", "deploy": "deploy", "deployed": "deploy", "deploys": "deploy",
    "deploying": "deploy", "deployment": "deploy", "deployments": "deploy",
    "dispatched": "deploy", "sent": "send", "send": "send", "sending": "send",
    "killed": "kill", "kill": "kill", "killing": "kill", "died": "die", "death": "die",
    "wounded": "injure", "injured": "injure", "released": "release", "release": "release",
    "published": "publish", "publication": "publish", "announced": "announce",
    "announcement": "announce", "signed": "sign", "signing": "sign", "established": "establish",
    "visited": "visit", "visit": "visit", "joined": "join", "arrived": "arrive",
    "arrival": "arrive", "attacked": "attack", "attack": "attack", "began": "begin",
    "begun": "begin", "started": "begin", "invaded": "invade", "invasion": "invade",
    "met": "meet", "meeting": "meet", "convened": "meet", "gathered": "meet", "summit": "meet",
    "talks": "meet", "elected": "elect", "election": "elect", "born": "birth",
    "executed": "execute", "execution": "execute", "surrendered": "surrender",
    "defected": "defect", "defection": "defect", "transferred": "transfer",
    "repatriated": "repatriate", "repatriation": "repatriate", "returned": "return",
    "reported": "report", "posted": "post", "briefing": "brief", "earned": "earn",
    "earnings": "earn", "sold": "sell", "sales": "sell", "offensive": "offensive",
    "counteroffensive": "offensive", "interviewed": "interview", "interview": "interview",
    "sentenced": "sentence", "arrested": "arrest", "arrest": "arrest", "freed": "release",
    "exchanged": "exchange", "exchange": "exchange", "launched": "launch", "launch": "launch",
    "ended": "end", "agreed": "agree", "agreement": "agree", "detained": "detain",
    "fought": "fight", "served": "serve", "serving": "serve", "spent": "spend",
    "paid": "pay", "imprisoned": "imprison", "imprisonment": "imprison", "lost": "lose",
}  # fmt: skip
_DETERMINERS = {
    "the", "a", "an", "its", "their", "his", "her", "these", "those", "our", "my", "your",
    "this", "that", "all", "some", "such", "whose",
}  # fmt: skip
_ADJ_SKIP = {
    "more", "additional", "other", "extra", "new", "young", "old", "armed", "active", "foreign",
    "elite", "special", "regular", "total", "further", "fresh", "former", "current", "known",
    "missing", "remaining", "surviving", "fighting", "serving", "unarmed", "dead", "injured",
    "wounded", "estimated", "reported", "confirmed", "captive", "military", "enemy", "civil",
    "local", "senior", "junior", "innocent", "ordinary", "full", "entire", "mostly", "such",
}  # fmt: skip
# Words that end a noun-phrase search: nothing after them is what the number counts.
_STOP = {
    "of", "to", "in", "on", "at", "for", "from", "by", "with", "and", "or", "but", "nor",
    "have", "has", "had", "are", "were", "was", "is", "be", "been", "being", "will", "would",
    "could", "can", "may", "might", "must", "should", "shall", "do", "does", "did", "who",
    "whom", "which", "that", "what", "whose", "them", "they", "it", "he", "she", "we", "you",
    "i", "us", "him", "than", "as", "per", "into", "onto", "over", "under", "about", "around",
    "after", "before", "since", "until", "while", "when", "where", "if", "so", "not", "no",
    "each", "every", "among", "amid", "against", "during", "through", "across", "between",
    "including", "like", "near", "without", "within", "ago", "later", "earlier", "percent",
    "certain", "sure", "likely", "unlikely", "confident", "higher", "lower", "up", "down",
    "less", "fewer", "times", "said", "say", "says", "remain", "remained", "left", "fled",
    "went", "came", "died", "killed", "then", "there", "here", "also", "too", "only",
    "just", "even", "still", "yet", "already", "away", "back", "out", "off", "again",
    "alone", "apiece", "either", "both", "presumed", "believed", "feared",
}  # fmt: skip
_IDENTIFIER_WORDS = {
    "article", "articles", "section", "chapter", "paragraph", "clause", "resolution", "room",
    "flight", "route", "unit", "no", "no.", "nos", "number", "page", "item", "rule", "phase",
    "version", "episode", "season", "volume", "vol", "vol.", "grade", "level", "class",
    "category", "type", "model", "gate", "platform", "exit", "highway", "interstate",
    "amendment", "protocol", "brigade", "division", "battalion", "regiment", "corps", "squad",
}  # fmt: skip
_ABBREVIATIONS = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr",
    "ms", "mrs", "dr", "st", "no", "vs", "gen", "lt", "col", "sgt", "prof", "rep", "sen",
    "gov", "inc", "corp", "co", "jr", "sr",
}  # fmt: skip

_QUALIFIER_TABLE: list[tuple[str, Qualifier]] = [
    ("about", "approx"), ("around", "approx"), ("approximately", "approx"),
    ("roughly", "approx"), ("some", "approx"), ("an estimated", "approx"),
    ("estimated", "approx"), ("approx.", "approx"), ("circa", "approx"),
    ("nearly", "under"), ("almost", "under"), ("fewer than", "under"),
    ("less than", "under"), ("under", "under"), ("just under", "under"),
    ("close to", "under"), ("below", "under"), ("over", "over"), ("more than", "over"),
    ("above", "over"), ("upwards of", "over"), ("upward of", "over"),
    ("in excess of", "over"), ("well over", "over"), ("just over", "over"),
    ("up to", "up_to"), ("as many as", "up_to"), ("as much as", "up_to"),
    ("at least", "at_least"), ("no fewer than", "at_least"), ("no less than", "at_least"),
]  # fmt: skip
_QUALIFIERS = dict(_QUALIFIER_TABLE)
_QUALIFIER_WORDS = {w for phrase in _QUALIFIERS for w in phrase.split()}

# --------------------------------------------------------------------------- patterns

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMWORD = "|".join(sorted([*_UNITS, "hundred", "dozen", *_SCALES], key=len, reverse=True))
_WORDS = (
    rf"(?:(?:half[ \u00a0]+)?a[ \u00a0]+)?(?:{_NUMWORD})"
    rf"(?:(?:[ \u00a0]+and[ \u00a0]+|[ \u00a0-]+)(?:{_NUMWORD}))*"
)
_NUM = rf"(?:{_DIGITS}|(?i:\b{_WORDS}\b))"
_SCALE = r"(?:[ \u00a0]+(?i:thousand|million|billion|trillion)\b|(?:k|K|mn|bn|tn)\b)"
_MONEY_SCALE = r"(?:[ \u00a0]*(?i:thousand|million|billion|trillion)\b|(?:k|K|m|mn|b|bn|tn)\b)"
_MONTH = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
_YEAR = r"(?:1[89]\d\d|20\d\d|2100)"
_SYMBOLS = "|".join(re.escape(s) for s in sorted(_CURRENCY_SYMBOLS, key=len, reverse=True))
_CURWORDS = "|".join(sorted(_CURRENCY_WORDS, key=len, reverse=True))

_MASKS = [
    re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+"),
    re.compile(r"(?i)\b\d{1,2}:\d{2}(?::\d{2})?(?:[ \u00a0]?[ap]\.?m\.?)?"),
    re.compile(r"(?i)\b\d{1,2}[ \u00a0]?(?:a\.m\.|p\.m\.|am\b|pm\b)"),
    re.compile(r"\d+(?:\.\d+){2,}"),
]
_PHONE = re.compile(
    r"(?<![\w,.])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?"
    r"(?:\d{2,4}(?:[ .-]\d{2,4}){2,}|\d{3}-\d{4})(?![\w,])"
)
_ISO_DATE = re.compile(rf"\b({_YEAR})-(\d{{1,2}})-(\d{{1,2}})\b")
_SLASH_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b")
_MONTH_DAY = re.compile(
    rf"(?P<month>{_MONTH})[ \u00a0]+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?![,.]\d)"
    rf"(?:,?[ \u00a0]+(?P<year>{_YEAR})\b)?"
)
_DAY_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?[ \u00a0]+(?:of[ \u00a0]+)?(?P<month>{_MONTH})"
    rf"(?:,?[ \u00a0]+(?P<year>{_YEAR})\b)?"
)
_MONTH_YEAR = re.compile(rf"(?P<month>{_MONTH}),?[ \u00a0]+(?P<year>{_YEAR})\b")
_MONTH_ALONE = re.compile(rf"(?P<month>{_MONTH})")
_YEAR_RANGE = re.compile(rf"\b({_YEAR})[ \u00a0]?[-–—][ \u00a0]?(\d{{4}}|\d{{2}})\b")
_DECADE = re.compile(r"\b(1[89]\d0|20\d0)['’]?s\b")
_AGE_SUFFIX = re.compile(rf"{_NUM}(?:[ \u00a0-]+years?[ \u00a0-]+old\b)")
_AGE_PREFIX = re.compile(rf"(?i:\baged?[ \u00a0]+(?:of[ \u00a0]+)?)(?P<n>{_DIGITS})\b")
_AGE_APPOSITION = re.compile(
    r"(?P<name>[A-Z][\w'’-]*(?:[ \u00a0][A-Z][\w'’-]*){0,2})"
    r"(?:,[ \u00a0]?(?P<n>\d{1,3})(?=,)|[ \u00a0]\((?P<m>\d{1,3})\))"
)
_MONEY_PREFIX = re.compile(
    rf"(?P<cur>{_SYMBOLS}|\b(?:{'|'.join(sorted(_CURRENCY_CODES))})[ \u00a0]?)"
    rf"[ \u00a0]?(?P<n>{_DIGITS})(?P<scale>{_MONEY_SCALE})?"
)
_MONEY_SUFFIX = re.compile(
    rf"(?P<n>{_NUM})(?P<scale>{_SCALE})?[ \u00a0]+(?P<cur>(?i:{_CURWORDS})\b"
    rf"|(?:{'|'.join(sorted(_CURRENCY_CODES))})\b)"
)
_PERCENT = re.compile(
    rf"(?P<n>{_NUM})[ \u00a0]?(?P<unit>%|(?i:percentage[ \u00a0]+points?|per[ \u00a0]?cent|pct)\b)"
)
_FRACTION = re.compile(
    rf"(?i)\b(?P<num>{'|'.join(_UNITS)}|a|\d+)[ \u00a0-]"
    rf"(?P<den>{'|'.join(sorted(_DENOMINATORS, key=len, reverse=True))})\b"
    r"|\b(?P<half>half)(?=[ \u00a0]+of\b)"
    rf"|\b(?P<one>one|\d+)[ \u00a0]+in[ \u00a0]+(?P<every>{'|'.join(_UNITS)}|\d+)\b"
)
_DURATION = re.compile(
    rf"(?P<n>{_NUM})(?:[ \u00a0]+|-)(?P<unit>(?i:seconds?|minutes?|hours?|days?|weeks?|months?"
    r"|years?|decades?|century|centuries))\b(?![ \u00a0-]+old\b)"
    r"(?P<ago>[ \u00a0]+ago\b)?"
)
_VAGUE = re.compile(
    r"(?i)\b(?:tens|hundreds|thousands|millions|billions|dozens)"
    r"(?:[ \u00a0]+of[ \u00a0]+(?:thousands|millions|billions))?\b"
)
_RANGE = re.compile(
    rf"(?P<a>{_DIGITS})[ \u00a0]?[-–][ \u00a0]?(?P<b>{_DIGITS})(?P<scale>{_SCALE})?"
)
_ORDINAL = re.compile(rf"\b(?P<n>\d+)(?P<suf>st|nd|rd|th)\b|(?i:\b(?P<w>{'|'.join(_ORDINALS)})\b)")
_ORDINAL_SUFFIX = {1: "st", 2: "nd", 3: "rd"}
_NUMBER = re.compile(rf"(?P<n>{_NUM})(?P<scale>{_SCALE})?")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*")
_NEXT_WORD = re.compile(r"[ \u00a0]+([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)")
_QUALIFIER_RE = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(q) for q in _QUALIFIERS) + r")[ \u00a0]+$", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*\s+|\n")

# --------------------------------------------------------------------------- helpers


def _parse_words(s: str) -> float | None:
    """'twenty-one' -> 21, 'two hundred thousand' -> 200000, 'half a million' -> 500000."""
    tokens = [t for t in re.split(r"[ \u00a0-]+", s.lower()) if t and t != "and"]
    total, current, seen = 0.0, 0.0, False
    factor = 1.0
    if tokens[:2] == ["half", "a"]:
        factor, tokens = 0.5, tokens[2:]
    if tokens and tokens[0] == "a":
        if len(tokens) < 2 or tokens[1] not in {"hundred", "dozen", *_SCALES}:
            return None
        current, tokens = 1.0, tokens[1:]
    for t in tokens:
        if t in _UNITS:
            current += _UNITS[t]
        elif t == "hundred":
            current = max(current, 1.0) * 100
        elif t == "dozen":
            current = max(current, 1.0) * 12
        elif t in _SCALES:
            total += max(current, 1.0) * _SCALES[t]
            current = 0.0
        else:
            return None
        seen = True
    return (total + current) * factor if seen else None


def _parse_number(s: str) -> float | None:
    if s[:1].isdigit():
        try:
            return float(s.replace(",", ""))
        except ValueError:
            return None
    return _parse_words(s)


def _scale_value(scale: str | None) -> float:
    if not scale:
        return 1.0
    word = scale.strip().lower()
    return _SCALES.get(word, _SUFFIX_SCALES.get(word, 1.0))


def _is_plural(word: str) -> bool:
    w = word.lower()
    if w in _IRREGULAR and _IRREGULAR[w] != w:
        return True
    if w in {"people", "personnel", "police", "troops", "forces", "casualties", "losses"}:
        return True
    return w.endswith("s") and not w.endswith(("ss", "us", "is", "'s", "’s"))


def lemma(word: str) -> str:
    """Singular, synonym-folded form of a counted noun: 'troops' -> 'soldier'."""
    w = word.lower().rstrip("'’")
    if w in _SYNONYMS:
        return _SYNONYMS[w]
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith(("sses", "ches", "shes", "xes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        w = w[:-1]
    return _SYNONYMS.get(w, w)


def _words_after(text: str, pos: int, limit: int) -> list[tuple[str, int]]:
    """Up to ``limit`` words (with their end offsets) after ``pos``; punctuation or a digit
    ends the run."""
    out: list[tuple[str, int]] = []
    while len(out) < limit:
        m = _NEXT_WORD.match(text, pos)
        if not m:
            break
        pos = m.end()
        out.append((m.group(1), pos))
    return out


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "’s", "s'", "s’"))


def _head_after(text: str, pos: int, plural: bool) -> tuple[str, int] | None:
    """Lemma and end of the noun a number ending at ``pos`` counts ('11,000 North Korean
    troops' -> 'soldier')."""
    words = _words_after(text, pos, 10)
    lows = [w.lower() for w, _ in words]
    i = 2 if lows[:2] in (["or", "so"], ["or", "more"]) else 0  # "5 or so soldiers"
    i += 1 if lows[i : i + 1] == ["of"] else 0
    title: bool | None = None
    while i < len(words):
        w, end = words[i]
        lw = w.lower()
        nxt = words[i + 1] if i + 1 < len(words) else None
        if lw in _DETERMINERS or _possessive(w) or lw in _ADJ_SKIP:
            i += 1
            continue
        if lw in _STOP or lw in _UNITS or lw in _SCALES:
            return None
        if w[0].isupper():  # proper adjective ("North Korean") or a name: not the counted noun
            if title is None:
                title = _title_case_at(text, pos)
            if title and plural and _is_plural(w):
                return lemma(lw), end  # "3,500 More Soldiers": a headline capitalises nouns
            i += 1
            continue
        if (
            nxt is not None
            and lw not in _SYNONYMS
            and (lw.endswith("ed") or ("-" in lw and nxt[0].lower() not in _STOP))
        ):
            i += 1  # participle or hyphenated adjective ("deployed soldiers", "well-trained")
            continue
        if (
            plural
            and nxt is not None
            and not _is_plural(lw)
            and nxt[0][0].islower()
            and nxt[0].lower() not in _STOP | _DETERMINERS
            and _is_plural(nxt[0])
        ):
            lw, end = nxt[0].lower(), nxt[1]  # compound noun: "fighter jets"
        return lemma(lw), end
    return None


def _title_case_at(text: str, pos: int) -> bool:
    """Is ``pos`` in a Title Case line (every word of four letters or more capitalised)?"""
    lo = max(0, pos - 300)
    newline = text.rfind("\n", lo, pos)
    end = text.find("\n", pos, pos + 300)
    line = text[newline + 1 if newline >= 0 else lo : end if end >= 0 else pos + 300]
    long_words = [w for w in _WORD.findall(line) if len(w) > 3]
    return len(long_words) >= 3 and all(w[0].isupper() for w in long_words)


def _predicate_after(text: str, pos: int) -> str | None:
    """'4,000 killed or injured', '4,000 of whom have been killed': what the number counts."""
    words = [w.lower() for w, _ in _words_after(text, pos, 12)]
    i = 2 if words[:2] in (["or", "so"], ["or", "more"]) else 0
    if words[i : i + 2] in (["of", "whom"], ["of", "them"], ["of", "which"], ["of", "these"]):
        i += 2
    while i < len(words) and words[i] in _PREDICATE_FILLERS:
        i += 1
    phrase = tuple(words[i : i + 3])
    if phrase in _CASUALTY_PHRASES:
        return _CASUALTY_PHRASES[phrase]
    if i < len(words) and words[i] in _CASUALTY_WORDS:
        return _CASUALTY_WORDS[words[i]]
    return None


def _noun_after(text: str, pos: int, plural: bool) -> str | None:
    """The head noun after ``pos`` alone (ages, money, ordinals, durations)."""
    head = _head_after(text, pos, plural)
    return head[0] if head else None


def _described(text: str, pos: int, plural: bool) -> str | None:
    """What a count, percent or fraction ending at ``pos`` counts: a casualty predicate after
    the noun wins ("4,000 troops had been killed or injured" counts casualties, not a
    deployment)."""
    head = _head_after(text, pos, plural)
    if head is None:
        return _predicate_after(text, pos)
    return _predicate_after(text, head[1]) or head[0]


def _ends_sentence(text: str, m: re.Match[str]) -> bool:
    """A full stop after an abbreviation ('Jan.', 'U.S.', 'Mr.') does not end a sentence."""
    if not m.group().startswith("."):
        return True
    before = re.search(r"([A-Za-z]+)$", text[max(0, m.start() - 12) : m.start()])
    word = before.group(1) if before else ""
    return not (word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper()))


def _sentence_start(text: str, pos: int) -> int:
    """Start of the sentence holding ``pos`` (looking back at most 400 characters)."""
    lo = max(0, pos - 400)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, pos) if _ends_sentence(text, m)]
    return ends[-1] if ends else lo


def _sentence_end(text: str, pos: int) -> int:
    """End of the sentence holding ``pos`` (looking ahead at most 400 characters)."""
    hi = min(len(text), pos + 400)
    ends = (m.start() for m in _SENTENCE_END.finditer(text, pos, hi) if _ends_sentence(text, m))
    return next(ends, hi)


def _attributive(words: list[str], i: int) -> bool:
    """A participle after a determiner or possessive is an adjective ('Korea's deployed')."""
    if i == 0 or not words[i].lower().endswith(("ed", "ing")):
        return False
    prev = words[i - 1]
    return prev.lower() in _DETERMINERS or _possessive(prev)


def _event(text: str, start: int, end: int) -> str | None:
    """Lemma of the event a date (sum, duration) at ``text[start:end]`` is attached to."""
    s0 = _sentence_start(text, start)
    before = _WORD.findall(text[s0:start])
    if before and before[-1].lower() in _DATE_PREPS:
        before = before[:-1]
    if before and before[-1].lower() == "as":  # "as of January"
        before = before[:-1]
    window = before[-8:]
    offset = len(before) - len(window)
    for i in range(len(window) - 1, -1, -1):
        lw = window[i].lower().rstrip("'’")
        if lw in _EVENTS and not _attributive(before, i + offset):
            return _EVENTS[lw]
    if all(w.lower() in _DATE_PREPS for w in before):
        after = _WORD.findall(text[end : _sentence_end(text, end)])[:10]
        for i, w in enumerate(after):
            if w.lower() in _EVENTS and not _attributive(after, i):
                return _EVENTS[w.lower()]
    return None


def _qualifier(text: str, start: int, free: Callable[[int, int], bool]) -> tuple[int, Qualifier]:
    """The qualifier right before ``start`` and where it begins (or ``start`` if none)."""
    head = text[max(0, start - 24) : start]
    m = _QUALIFIER_RE.search(head)  # leftmost match = longest phrase ("just over")
    if m:
        qstart = start - len(head) + m.start(1)
        if free(qstart, start):
            return qstart, _QUALIFIERS[m.group(1).lower()]
    return start, "exact"


def _glued_left(text: str, i: int) -> bool:
    """Is the number starting at ``i`` part of a word or identifier ('G7', 'Su-27')?"""
    if i == 0:
        return False
    c = text[i - 1]
    if c.isalnum() or c in "_/":
        return True
    if c in "-‐" and i >= 2 and text[i - 2].isalnum():
        m = re.search(r"([A-Za-z]+)$", text[max(0, i - 12) : i - 1])
        return not (m and m.group(1).lower() in {"mid", "pre", "post", "late", "early"})
    return c == "." and i >= 2 and text[i - 2].isdigit()


def _glued_right(text: str, j: int) -> bool:
    if j >= len(text):
        return False
    c = text[j]
    if c.isalnum() or c == "_":
        return True
    nxt = text[j + 1] if j + 1 < len(text) else ""
    return (c in ".,/:" and nxt.isdigit()) or (c in "-‐" and nxt.isalnum())


def _valid_date(y: int | None, m: int, d: int | None) -> bool:
    if not 1 <= m <= 12:
        return False
    if d is None:
        return True
    last = calendar.monthrange(y if y is not None else 2000, m)[1]  # 2000: allow Feb 29
    return 1 <= d <= last


def _month(s: str) -> int:
    return _MONTHS[s.rstrip(".").lower()]


# --------------------------------------------------------------------------- extraction


class _Extractor:
    """One pass per pattern family, most specific first; a claimed character is never reused."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.claimed = bytearray(len(text))
        self.out: list[Quantity] = []
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._lines: dict[int, tuple[int, int, int, bool]] = {}

    def line(self, pos: int) -> tuple[int, int, int, bool]:
        """(start, end, letters, title case) of the line holding ``pos``, computed once."""
        n = bisect.bisect_right(self.line_starts, pos) - 1
        if n not in self._lines:
            start = self.line_starts[n]
            end = self.line_starts[n + 1] - 1 if n + 1 < len(self.line_starts) else len(self.text)
            line = self.text[start:end]
            letters = sum(c.isascii() and c.isalpha() for c in line)
            self._lines[n] = (start, end, letters, _title_case_at(self.text, start))
        return self._lines[n]

    def lonely(self, start: int, end: int) -> bool:
        """A number with no letters on its line is page furniture ('• -2', '0')."""
        own = sum(c.isascii() and c.isalpha() for c in self.text[start:end])
        return self.line(start)[2] == own

    def name_part(self, i: int) -> bool:
        """Is the number at ``i`` part of a name ('Article 45', 'Resolution 2231')?"""
        text = self.text
        before = text[max(0, i - 40) : i]
        m = re.search(r"(?:^|(?<=[^\w.]))([A-Za-z][\w'’.]*)[ \u00a0]+$", before)
        if not m:
            return before.endswith("#")
        word = m.group(1)
        if word.lower() in _IDENTIFIER_WORDS:
            return True
        if word.lower() in _QUALIFIER_WORDS:
            return False  # "About 1,800" after a dateline: an approximator, not a name
        if not word[0].isupper() or word.lower().rstrip(".") in _MONTHS.keys() | _WEEKDAYS:
            return False
        if self.line(i)[3]:
            return False  # a Title Case headline capitalises every word, names or not
        return not _sentence_initial(text, i - len(before) + m.start(1))

    def free(self, start: int, end: int) -> bool:
        return start < end and not any(self.claimed[start:end])

    def claim(self, start: int, end: int) -> None:
        self.claimed[start:end] = b"\x01" * (end - start)

    def add(
        self,
        start: int,
        end: int,
        kind: Kind,
        value: float | None,
        *,
        qualify: bool = True,
        vague: bool = False,
        currency: str | None = None,
        unit: str | None = None,
        described: str | None = None,
        date: DateParts | None = None,
        event: str | None = None,
    ) -> None:
        qualifier: Qualifier = "exact"
        if qualify:
            start, qualifier = _qualifier(self.text, start, self.free)
            tail = re.match(r"[ \u00a0]+or[ \u00a0]+(so|more)\b", self.text[end : end + 12])
            if tail and qualifier == "exact" and self.free(end, end + tail.end()):
                qualifier = "approx" if tail.group(1) == "so" else "at_least"
                end += tail.end()
        self.claim(start, end)
        text = self.text[start:end]
        self.out.append(
            Quantity(
                start,
                end,
                text,
                kind,
                value,
                qualifier,
                vague=vague,
                currency=currency,
                unit=unit,
                described=described,
                date=date,
                event=event,
            )
        )

    def matches(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """Matches of ``pattern`` on unclaimed text that are not glued to a word."""
        for m in pattern.finditer(self.text):
            s, e = m.span()
            if s == e or not self.free(s, e):
                continue
            if _glued_left(self.text, s) or _glued_right(self.text, e):
                continue
            yield m

    def run(self) -> list[Quantity]:
        for mask in _MASKS:
            for m in mask.finditer(self.text):
                if self.free(*m.span()):
                    self.claim(*m.span())
        self.dates()
        for m in self.matches(_PHONE):
            if sum(c.isdigit() for c in m.group()) >= 7:
                self.claim(*m.span())
        self.years()
        self.ages()
        self.money()
        self.percents()
        self.fractions()
        self.durations()
        self.vague()
        self.ranges()
        self.ordinals()
        self.counts()
        return sorted(self.out, key=lambda q: q.start)

    # -- dates and years

    def _date(self, m: re.Match[str], y: int | None, mo: int, d: int | None) -> None:
        if not _valid_date(y, mo, d):
            return
        s, e = m.span()
        self.add(s, e, "date", None, qualify=False, date=(y, mo, d), event=_event(self.text, s, e))

    def dates(self) -> None:
        for m in self.matches(_ISO_DATE):
            self._date(m, int(m.group(1)), int(m.group(2)), int(m.group(3)))
        for m in self.matches(_SLASH_DATE):
            a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            year = y if y > 99 else 2000 + y
            if a > 12 >= b:
                self._date(m, year, b, a)
            elif b > 12 >= a or a == b:
                self._date(m, year, a, b)
            else:  # 01/09/2025: January 9 or 1 September; the year is all that is certain
                self.claim(*m.span())
        for pattern in (_MONTH_DAY, _DAY_MONTH, _MONTH_YEAR):
            for m in self.matches(pattern):
                groups = m.groupdict()
                year_ = int(groups["year"]) if groups.get("year") else None
                day = int(groups["day"]) if groups.get("day") else None
                self._date(m, year_, _month(groups["month"]), day)
        for m in self.matches(_MONTH_ALONE):
            before = self.text[max(0, m.start() - 12) : m.start()]
            prev = re.search(r"([A-Za-z]+)[ \u00a0-]+$", before)
            if prev and prev.group(1).lower() in _DATE_PREPS:
                self._date(m, None, _month(m.group("month")), None)

    def years(self) -> None:
        for m in self.matches(_YEAR_RANGE):
            y1, tail = int(m.group(1)), m.group(2)
            y2 = int(tail) if len(tail) == 4 else (y1 // 100) * 100 + int(tail)
            if y2 <= y1:
                continue
            for y, s, e in ((y1, m.start(1), m.end(1)), (y2, m.start(2), m.end(2))):
                self.add(
                    s,
                    e,
                    "year",
                    float(y),
                    qualify=False,
                    date=(y, None, None),
                    event=_event(self.text, m.start(), m.end()),
                )
        for m in self.matches(_DECADE):
            y = int(m.group(1))
            self.add(
                m.start(),
                m.end(),
                "year",
                float(y),
                qualify=False,
                vague=True,
                date=(y, None, None),
                event=_event(self.text, m.start(), m.end()),
            )

    # -- ages, money, percents, fractions, durations

    def ages(self) -> None:
        for m in self.matches(_AGE_SUFFIX):
            n = re.match(_NUM, m.group())
            value = _parse_number(n.group()) if n else None
            if value is None:
                continue
            described = _noun_after(self.text, m.end(), plural=False)
            if described is None:
                after = re.match(r"[ \u00a0]+([A-Z][\w'’-]*)", self.text[m.end() : m.end() + 40])
                described = after.group(1) if after else None  # "21-year-old Baek"
            self.add(m.start(), m.end(), "age", value, described=described)
        for m in self.matches(_AGE_PREFIX):
            self.add(m.start(), m.end(), "age", _parse_number(m.group("n")))
        for m in _AGE_APPOSITION.finditer(self.text):
            group = "n" if m.group("n") else "m"
            s, e = m.span(group)
            name = m.group("name")
            first = name.split()[0].lower().rstrip(".")
            if not self.free(s, e) or first in _MONTHS or first in _WEEKDAYS:
                continue
            if first in _DATE_PREPS or first in _DETERMINERS or first in _QUALIFIER_WORDS:
                continue
            self.add(s, e, "age", float(m.group(group)), qualify=False, described=name)

    def money(self) -> None:
        for m in self.matches(_MONEY_PREFIX):
            value = _parse_number(m.group("n"))
            if value is None:
                continue
            currency = _CURRENCY_SYMBOLS.get(m.group("cur").strip(), m.group("cur").strip())
            self._money(m, value * _scale_value(m.group("scale")), currency)
        for m in self.matches(_MONEY_SUFFIX):
            value = _parse_number(m.group("n"))
            if value is None:
                continue
            cur = m.group("cur")
            currency = _CURRENCY_WORDS.get(cur.lower(), cur)
            self._money(m, value * _scale_value(m.group("scale")), currency)

    def _money(self, m: re.Match[str], value: float, currency: str) -> None:
        s, e = m.span()
        self.add(
            s,
            e,
            "money",
            value,
            currency=currency,
            described=_noun_after(self.text, e, plural=False),
            event=_event(self.text, s, e),
        )

    def percents(self) -> None:
        for m in self.matches(_PERCENT):
            value = _parse_number(m.group("n"))
            if value is None:
                continue
            points = m.group("unit").lower().startswith("percentage")
            unit = "percentage point" if points else "percent"
            described = _described(self.text, m.end(), plural=True)
            self.add(m.start(), m.end(), "percent", value, unit=unit, described=described)

    def fractions(self) -> None:
        for m in self.matches(_FRACTION):
            if m.group("half"):
                value = 0.5
            elif m.group("den"):
                num = m.group("num").lower()
                n = 1.0 if num == "a" else _parse_number(num)
                den = m.group("den").lower()
                if n is None or (num in {"a", "one", "1"} and den.endswith("s")):
                    continue
                if num == "a" and not re.match(r"[ \u00a0]+of\b", self.text[m.end() :]):
                    continue  # "a third soldier" is an ordinal, "a third of" a fraction
                value = n / _DENOMINATORS[den]
            else:
                n, every = (
                    _parse_number(m.group("one").lower()),
                    _parse_number(m.group("every").lower()),
                )
                if n is None or not every or n >= every:
                    continue
                value = n / every
            described = _described(self.text, m.end(), plural=True)
            self.add(m.start(), m.end(), "fraction", value, described=described)

    def durations(self) -> None:
        for m in self.matches(_DURATION):
            n = m.group("n")
            if n.lower() in {"one", "a"} and m.group("unit").lower().endswith("s"):
                continue
            value = _parse_number(n)
            if value is None:
                continue
            if m.group("ago"):
                self.claim(*m.span())  # relative date: not resolvable without a dateline
                continue
            unit = m.group("unit").lower()
            unit = "century" if unit.startswith("centur") else unit.rstrip("s")
            described = _noun_after(self.text, m.end(), plural=False) if "-" in m.group() else None
            s, e = m.span()
            self.add(
                s,
                e,
                "duration",
                value,
                unit=unit,
                described=described,
                event=_event(self.text, s, e),
            )

    # -- vague counts, ranges, ordinals, counts

    def vague(self) -> None:
        for m in self.matches(_VAGUE):
            words = [w for w, _ in _words_after(self.text, m.end(), 4)]
            if (
                words
                and words[0].lower() == "of"
                and any(w.lower() in _CURRENCY_WORDS for w in words)
            ):
                cur = next(w for w in words if w.lower() in _CURRENCY_WORDS)
                self.add(
                    m.start(),
                    m.end(),
                    "money",
                    None,
                    vague=True,
                    currency=_CURRENCY_WORDS[cur.lower()],
                )
                continue
            described = _described(self.text, m.end(), plural=True)
            self.add(m.start(), m.end(), "count", None, vague=True, described=described)

    def ranges(self) -> None:
        for m in self.matches(_RANGE):
            if self.lonely(m.start(), m.end()) or self.name_part(m.start()):
                continue
            self.add(
                m.start(),
                m.end(),
                "count",
                None,
                vague=True,
                described=_described(self.text, m.end(), plural=True),
            )

    def ordinals(self) -> None:
        for m in self.matches(_ORDINAL):
            if m.group("n"):
                n = int(m.group("n")[-7:])
                expected = "th" if 10 <= n % 100 <= 20 else _ORDINAL_SUFFIX.get(n % 10, "th")
                if m.group("suf") != expected or len(m.group("n")) > 6:
                    continue  # "21th" is a typo or an identifier, not an ordinal
                described = _noun_after(self.text, m.end(), plural=False)
                self.add(
                    m.start(), m.end(), "ordinal", float(n), qualify=False, described=described
                )
                continue
            word = m.group("w")
            nxt = re.match(r"[ \u00a0]+([A-Z])", self.text[m.end() : m.end() + 3])
            if word[0].isupper() and nxt and not _sentence_initial(self.text, m.start()):
                continue  # "Third Geneva Convention", "Third World War"
            described = _noun_after(self.text, m.end(), plural=False)
            if described is None:
                continue  # "First, ...", "at first", "the second"
            value = float(_ORDINALS[word.lower()])
            self.add(m.start(), m.end(), "ordinal", value, qualify=False, described=described)

    def counts(self) -> None:
        for m in self.matches(_NUMBER):
            s, e = m.span()
            n = m.group("n")
            value = _parse_number(n)
            if value is None:
                continue
            if n[:1].isdigit() and (self.lonely(s, e) or self.name_part(s)):
                continue
            head = _head_after(self.text, e, plural=value != 1)
            if n.lower() == "one":
                first = _words_after(self.text, e, 1)
                if head is None or (first and first[0][0].lower() in {"of", "another"}):
                    continue  # "one of the two soldiers": a pronoun, it counts nothing
                if re.search(r"(?i)\b(?:no|any|each|every)[ \u00a0]+$", self.text[:s][-8:]):
                    continue  # "no one", "each one"
            if re.fullmatch(_YEAR, n) and not m.group("scale") and not self._counted_year(s, head):
                self.add(
                    s,
                    e,
                    "year",
                    value,
                    qualify=False,
                    date=(int(n), None, None),
                    event=_event(self.text, s, e),
                )
                continue
            described = _described(self.text, e, plural=value != 1)
            self.add(s, e, "count", value * _scale_value(m.group("scale")), described=described)

    def _counted_year(self, s: int, head: tuple[str, int] | None) -> bool:
        """Is a bare 1800-2100 a count? AP style writes 2,000 for counts, so only with a
        qualifier ("about 2000 soldiers") or before a plural noun after a verb ("sent 2000
        soldiers"; not "the 2024 elections", "in 2022 protests")."""
        if _qualifier(self.text, s, self.free)[1] != "exact":
            return True
        if head is None:
            return False
        word = re.search(r"[\w'’]+$", self.text[: head[1]])
        prev = re.search(r"([A-Za-z]+)[ \u00a0]+$", self.text[max(0, s - 20) : s])
        after_function_word = bool(prev) and prev.group(1).lower() in (  # type: ignore[union-attr]
            _DETERMINERS | _DATE_PREPS | _STOP
        )
        return bool(word) and _is_plural(word.group()) and not after_function_word  # type: ignore[union-attr]


def _sentence_initial(text: str, i: int) -> bool:
    """Does ``i`` start a sentence, a line or a quotation?"""
    before = text[max(0, i - 4) : i]
    if i <= 4 and not before.strip():
        return True
    if re.search(r"(?:[.!?][\"”’)]*\s+|\n\s*|[\"“‘(]\s*)$", before):
        return True
    # after a dateline ("ROTTERDAM (Reuters) - About", "SEOUL — Around") the story begins
    return bool(re.search(r"\s[-—–]{1,2}\s+$", text[max(0, i - 6) : i]))


def extract_quantities(text: str) -> list[Quantity]:
    """All quantities and dates of ``text``, sorted by start, never overlapping.

    >>> [(q.text, q.kind, q.value, q.described) for q in extract_quantities(
    ...     "North Korea sent around 11,000 soldiers.")]
    [('around 11,000', 'count', 11000.0, 'soldier')]

    A run of more than ``MAX_TOKEN`` non-space characters (a minified script, an inline image,
    a page with no spaces) holds no quantity a reader could check; it is blanked first, offsets
    kept, so the patterns stay linear on such input.
    """
    return list(_extract(text))


@functools.lru_cache(maxsize=16384)
def _extract(text: str) -> tuple[Quantity, ...]:
    """:func:`extract_quantities`, memoised: rewrites repeat their sources' sentences."""
    bounded = blank_long_tokens(text)
    if bounded is text:
        return tuple(_Extractor(text).run())
    out: list[Quantity] = []
    pos = 0
    for gap in _GAP.finditer(bounded):  # extract between the blanked runs, offsets shifted
        out += _shift(_Extractor(bounded[pos : gap.start()]).run(), pos)
        pos = gap.end()
    return tuple(out + _shift(_Extractor(bounded[pos:]).run(), pos))


def _shift(qs: list[Quantity], offset: int) -> list[Quantity]:
    if not offset:
        return qs
    return [replace(q, start=q.start + offset, end=q.end + offset) for q in qs]


MAX_TOKEN = 100
_LONG_TOKEN = re.compile(rf"\S{{{MAX_TOKEN + 1},}}")
_GAP = re.compile(rf" {{{MAX_TOKEN + 1},}}")


def blank_long_tokens(text: str) -> str:
    """``text`` with every run of more than ``MAX_TOKEN`` non-space characters turned into
    spaces (same length, so offsets still point into the original)."""
    if len(text) <= MAX_TOKEN or not _LONG_TOKEN.search(text):
        return text
    return _LONG_TOKEN.sub(lambda m: " " * (m.end() - m.start()), text)


# --------------------------------------------------------------------------- comparison


def describe(q: Quantity) -> str:
    """A short key for what ``q`` measures: 'count of soldier', 'date of capture'.

    >>> describe(extract_quantities("captured on Jan. 9")[0])
    'date of capture'
    """
    what = q.event if q.kind in {"date", "year", "duration"} else q.described
    if what is None and q.kind == "money":
        what = q.event
    return f"{q.kind} of {what}" if what else q.kind


_PERCENTISH = {"percent", "fraction"}


def _kinds_match(a: Quantity, b: Quantity) -> bool:
    return a.kind == b.kind or {a.kind, b.kind} == _PERCENTISH


def same_referent(a: Quantity, b: Quantity) -> bool:
    """Do ``a`` and ``b`` measure the same thing (so their values may be compared)?

    >>> x, = extract_quantities("11,000 troops")
    >>> y, = extract_quantities("12,000 soldiers")
    >>> same_referent(x, y)
    True
    """
    if not _kinds_match(a, b):
        return False
    if a.kind in {"date", "year"}:
        if a.event is not None or b.event is not None:
            return a.event == b.event
        if a.date is None or b.date is None:
            return False
        if a.kind == "year":
            return a.date[0] == b.date[0]
        years_agree = a.date[0] is None or b.date[0] is None or a.date[0] == b.date[0]
        return a.date[1] == b.date[1] and years_agree
    if a.kind == "duration":
        return a.event is not None and a.event == b.event
    if a.kind == "money" and a.described is None and b.described is None:
        return a.event is not None and a.event == b.event
    if a.kind == "percent" and b.kind == "percent" and a.unit != b.unit:
        return False
    return a.described is not None and a.described == b.described


def _percent_value(q: Quantity) -> float | None:
    if q.value is None:
        return None
    return q.value * 100 if q.kind == "fraction" else q.value


def compare_quantities(a: Quantity, b: Quantity) -> Verdict:
    """'same', 'requalified', 'changed' or 'incomparable' (see the module docstring).

    >>> x, = extract_quantities("11,000 soldiers")
    >>> y, = extract_quantities("about 11,000 soldiers")
    >>> compare_quantities(x, y)
    'requalified'
    """
    if not _kinds_match(a, b) or a.vague or b.vague:
        return "incomparable"
    if a.kind in {"date", "year"}:
        if a.date is None or b.date is None:
            return "incomparable"
        pairs = [(x, y) for x, y in zip(a.date, b.date, strict=True) if None not in (x, y)]
        if not pairs:
            return "incomparable"
        return "same" if all(x == y for x, y in pairs) else "changed"
    tol = 0.0
    if a.kind == "duration":
        if a.unit not in _TIME_UNITS or b.unit not in _TIME_UNITS:
            return "incomparable"
        va = None if a.value is None else a.value * _TIME_UNITS[a.unit]
        vb = None if b.value is None else b.value * _TIME_UNITS[b.unit]
    elif a.kind != b.kind:  # a fraction against a percent: "two-thirds" = "67%"
        va, vb, tol = _percent_value(a), _percent_value(b), 0.5
    else:
        va, vb = a.value, b.value
    if va is None or vb is None:
        return "incomparable"
    if a.kind == "money" and a.currency and b.currency and a.currency != b.currency:
        return "changed"
    if not math.isclose(va, vb, rel_tol=1e-9, abs_tol=tol):
        return "changed"
    return "same" if a.qualifier == b.qualifier else "requalified"
