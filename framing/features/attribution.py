"""Attribution: quotes and reported speech, who speaks, and how identifiable they are.

An *attribution* is a reporting cue outside quoted speech (``said``, ``according to``; lexicon
``attribution``) with the source it names, or a stretch of quoted speech with no cue at all
(an unattributed quote). Besides verbs and phrases, three cues are punctuation or documents:
a colon before a quotation ('Her answer: "..."'), a dash after one that credits a name
('"..." ― Pamela Padilla'), a name label opening a headline or transcript line ("Matthews:
..."), and the verbs with which a poll or report is credited ("a new poll shows", "the survey
found"), which count only when their subject is a document. "Suggest" counts only with a
speaker or a document as subject ("those facts suggest" is an inference, not a source).
Quotes are linked to the nearest cue in the sentences they span; an attribution with quoted
words is *direct*, one without is *indirect*.

Sources are found from the dependency parse when the pipeline has one (the cue verb's subject,
the object of "according to"), otherwise by clause rules: the subject before the cue (skipping
introductory phrases), the last phrase before a sentence-final cue (", the official added."),
or the phrase after an inverted cue ('," said Ri.'). A description in apposition gives way to
the name ("Kurt Volker, a senior diplomat, said" and "a senior diplomat, Kurt Volker, said"
are both Kurt Volker); a dateline ("LONDON (AP) —") is never part of a source.

Source kinds, each with the rule that decided it (``source_rule`` and the evidence note):

* ``named_person`` / ``named_organization``: a proper name, a titled name ("Foreign Minister
  X"), a news organisation, an institution's head noun ("the Port of Rotterdam Authority",
  "the ministry"), a place speaking for its state. With a parse spaCy's entity label is one
  signal among these, overruled where the lexicon or the article itself says otherwise (a
  surname of a person the article names is a person, whatever the tagger says);
* ``document``: a poll, survey, study, report, letter, statement, lawsuit, treaty ("a new poll
  shows", "the Geneva Conventions require");
* ``anonymous``: an indefinite or quantified source ("an official", "sources", "analysts"), or
  unnamed members of a group ("Republicans say");
* ``unresolved``: a pronoun with no earlier source to resolve to;
* ``none``: a cue without a findable source, a generic source (you, we, people), or a quote
  without a cue.

Pronouns resolve to the nearest fitting earlier mention: he/she to the nearest person (a speaker
typed a person or one unnamed individual, or a person the article names), it to the nearest
organisation or document speaker, they to the nearest speaker of any kind. "I" outside quoted
speech is the author.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from framing.evidence import Evidence, FamilyResult
from framing.features._util import ratio
from framing.features.context import FeatureContext
from framing.features.registry import count, feature, rate, share
from framing.lexicon.matcher import Match

CITATION = (
    "Newell, Margolin & Ruths (2018) PolNeAR; Pareti (2016) PARC 3.0; Bergler (1992) "
    "reporting verbs"
)
KINDS = ("named_person", "named_organization", "anonymous", "document", "unresolved", "none")
NAMED = frozenset({"named_person", "named_organization"})
MAX_SOURCE_TOKENS = 14

# Closed-class words that shape clauses: these are grammar, not vocabulary, so they live here.
_CLAUSE_BREAKS = frozenset(
    [
        "that",
        "whether",
        "because",
        "while",
        "although",
        "though",
        "since",
        "when",
        "after",
        "before",
        "if",
        "but",
        "where",
        "once",
        "until",
        "unless",
        "as",
        "than",
        "so",
    ]
)
_INTRO_STARTS = frozenset(
    [
        "in",
        "on",
        "at",
        "during",
        "after",
        "before",
        "when",
        "while",
        "as",
        "according",
        "despite",
        "following",
        "given",
        "amid",
        "meanwhile",
        "however",
        "moreover",
        "additionally",
        "also",
        "earlier",
        "later",
        "still",
        "yet",
        "first",
        "second",
        "finally",
        "instead",
        "separately",
        "asked",
        "speaking",
        "writing",
        "last",
        "this",
        "by",
        "with",
        "from",
        "for",
        "under",
        "since",
        "though",
        "although",
        "if",
        "once",
    ]
)
_TRAILING = frozenset(
    [
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "did",
        "does",
        "do",
        "also",
        "further",
        "later",
        "earlier",
        "then",
        "publicly",
        "officially",
        "reportedly",
        "previously",
        "recently",
        "repeatedly",
        "again",
        "often",
        "long",
        "not",
        "never",
        "would",
        "will",
        "could",
        "may",
        "might",
        "can",
        "should",
        "must",
        "shall",
        "once",
        "already",
        "subsequently",
        "today",
        "yesterday",
        "tonight",
    ]
)
_FINITE = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "remain",
        "remains",
        "remained",
        "seem",
        "seems",
        "seemed",
        "appear",
        "appears",
        "appeared",
        "become",
        "becomes",
        "became",
        "will",
        "would",
        "can",
        "could",
        "should",
        "must",
        "may",
        "might",
    ]
)
_RIGHT_STOPS = frozenset(
    [
        "when",
        "in",
        "on",
        "at",
        "during",
        "after",
        "before",
        "that",
        "to",
        "as",
        "while",
        "with",
        "for",
        "from",
        "about",
        "of",
        "by",
        "since",
        "if",
        "because",
        "but",
        "and",
    ]
)
_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})
_PREPOSITIONS = frozenset({"of", "at", "to", "for", "in", "from", "with", "by", "on"})
_PRONOUN_KIND = {
    "he": "person",
    "she": "person",
    "him": "person",
    "her": "person",
    "it": "organization",
    "they": "any",
}
#: Sources that name nobody: generic you and we, people at large.
_GENERIC = frozenset({"you", "we", "one", "people", "everyone", "everybody", "anyone", "nobody"})
_HONORIFICS = frozenset(
    {"Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr", "Sen.", "Rep.", "Gov."}
)
_DOCUMENT_CUES = "document_verbs"
_VERB_CUES = ("speech_verbs", _DOCUMENT_CUES)
#: Reporting verbs that as often state an inference from facts ("those facts suggest"): cues
#: only when their subject is a speaker or a document.
_INFERENCE_VERBS = frozenset({"suggest", "suggests", "suggested", "suggesting"})
#: Dashes that credit a quotation to the name after them ('"..." ― Pamela Padilla').
_DASHES = frozenset({"—", "–", "―", "-", "--"})
_BREAK_DASHES = _DASHES - {"-"}  # a hyphen token also joins names: "Jean - Claude"
#: Words after a document noun that leave it the head: "the poll released Sunday".
_DOCUMENT_FOLLOWERS = frozenset(
    {
        "this",
        "last",
        "released",
        "published",
        "taken",
        "conducted",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "that",
        "which",
    }
)
#: Label words a colon follows that credit nobody ("Photo: Reuters", "Update: ...").
_LABELS = frozenset(
    {
        "photo",
        "photos",
        "image",
        "video",
        "update",
        "updated",
        "note",
        "source",
        "credit",
        "watch",
        "read",
        "related",
        "editor",
        "advertisement",
        "warning",
        "breaking",
        "more",
    }
)
#: Endings of plural party, faith and nationality words ("Democrats", "Republicans",
#: "Evangelicals", "Europeans", "Muslims", "Christians", "Conservatives").
_GROUP_SUFFIXES = ("ans", "crats", "ists", "icals", "ims", "ives", "als", "ites")
#: Quotation-mark tokens (straight, curly, doubled apostrophes and backquotes).
_QUOTE_MARKS = frozenset({'"', "“", "”", "''", "``", "„", "«", "»"})
_PHRASE_CUES = ("source_phrases",)


@dataclass
class Attribution:
    sentence: int
    cue: tuple[int, int] | None  # token range
    source: tuple[int, int] | None  # token range
    kind: str
    mode: str = "indirect"
    resolved_from: str | None = None
    resolved_to: tuple[int, int] | None = None
    quotes: list[int] = field(default_factory=list)
    rule: str = ""  # which typing rule decided the kind (shown in the evidence)
    needs: str = ""  # "document" / "speaker": a cue that holds only with such a source


@feature(
    "attribution",
    title="Attribution",
    description="Quoted and reported speech: reporting cues, direct quotes, and the kind of "
    "source each attribution names.",
    requires=("lexicon:attribution", "lexicon:sources"),
    citation=CITATION,
    details=("sources", "attributions"),
    metrics=(
        count(
            "attributions",
            "Attributions: reporting cues outside quoted speech plus quotes with no cue.",
            unit="attributions",
        ),
        count(
            "direct_quotes",
            "Stretches of quoted speech (quotations of 4+ words, or "
            "shorter ones next to a reporting cue).",
            unit="quotes",
        ),
        count("direct_attributions", "Attributions that carry quoted words.", unit="attributions"),
        count(
            "indirect_attributions",
            "Attributions without quoted words (reported speech).",
            unit="attributions",
        ),
        count(
            "attributed_sentences",
            "Sentences holding a reporting cue or quoted speech.",
            unit="sentences",
        ),
        share("attribution_density", "Attributed sentences / sentences."),
        rate(
            "attributions_per_100_words",
            "Attributions per 100 words.",
            "attributions per 100 words",
        ),
        count("named_person_attributions", "Attributions to a named person.", unit="attributions"),
        count(
            "named_organization_attributions",
            "Attributions to a named organisation or a definite institution.",
            unit="attributions",
        ),
        count(
            "document_attributions",
            'Attributions to a document, poll, study or report ("a new poll shows").',
            unit="attributions",
        ),
        count(
            "anonymous_attributions",
            'Attributions to an unnamed source ("an official", "sources").',
            unit="attributions",
        ),
        count(
            "unattributed",
            "Attributions with no identifiable source: quotes with no cue, "
            "cues with no source, unresolved pronouns.",
            unit="attributions",
        ),
        rate(
            "named_sources_per_100_words",
            "Attributions to named people and organisations per 100 words.",
            "attributions per 100 words",
        ),
        rate(
            "anonymous_sources_per_100_words",
            "Attributions to unnamed sources per 100 words.",
            "attributions per 100 words",
        ),
        count(
            "distinct_named_sources",
            "Distinct named people and organisations quoted or "
            "paraphrased (a surname matches its full name).",
            unit="sources",
        ),
        share("quote_word_share", "Words inside quoted speech / words."),
    ),
)
def attribution(ctx: FeatureContext) -> FamilyResult:
    quotes = ctx.speech_quotes
    atts: list[Attribution] = []
    for m in _cues(ctx):
        sent = ctx.sentence_of[m.start]
        src = _find_source(ctx, m, atts)
        if src is None and ctx.lowers[m.start].endswith("ing"):
            continue  # a participle with no speaker modifies its clause: "..., suggesting X"
        needs = (
            "document"
            if m.category == _DOCUMENT_CUES
            else "speaker"
            if ctx.lowers[m.start] in _INFERENCE_VERBS
            else ""
        )
        if needs and src is None:
            continue
        atts.append(Attribution(sent, (m.start, m.end), src, "none", needs=needs))
    atts += _mark_cues(ctx, atts)
    atts += _speaker_labels(ctx, atts)
    atts.sort(key=lambda a: (a.sentence, a.cue or (10**9, 0)))
    for a in atts:
        _type_source(ctx, a, atts)
    # A cue that credits content only to a document or a speaker: "fires have continued,
    # showing ..." and "those facts suggest ..." are not attributions.
    atts = [a for a in atts if _holds(a)]
    _link_quotes(ctx, atts)
    linked = {k for a in atts for k in a.quotes}
    for k, q in enumerate(quotes):
        if k not in linked:
            first = next(iter(ctx.tokens_in(q.inner_start, q.inner_end)), None)
            sent = ctx.sentence_of[first] if first is not None else -1
            atts.append(Attribution(sent, None, None, "none", "direct", quotes=[k]))
    atts.sort(key=lambda a: (a.sentence, a.cue or (10**9, 0)))
    return _result(ctx, atts)


def _holds(a: Attribution) -> bool:
    if a.needs == "document":
        return a.kind == "document" or a.rule == "unattributed plural (reports)"
    if a.needs == "speaker":
        return a.kind not in {"none", "unresolved"} and a.rule != "fallback"
    return True


# --------------------------------------------------------------------------- cues


def _cues(ctx: FeatureContext) -> list[Match]:
    """Reporting cues outside quoted speech. Matches of other categories (nominal cues, and
    non-cues such as "when asked", which outrank the verb inside them) are context only."""
    ms = [
        m
        for m in ctx.matches("attribution")
        if m.category in _VERB_CUES + _PHRASE_CUES and ctx.quote_of[m.start] < 0
    ]
    return [m for m in ms if not m.weak or _used_as_cue(ctx, m)]


def _used_as_cue(ctx: FeatureContext, m: Match) -> bool:
    """A weak cue ("claims", "added", "reports") is a reporting verb here only when the parser
    tags it a verb, or, without a parse, when a subject precedes it or content follows it
    ('he added', '... reports that', 'claims: "...'); "refuted claims of" is a noun."""
    if ctx.resources.parsed:
        return ctx.doc[m.start].pos_ in {"VERB", "AUX"}
    sent = ctx.sentence_of[m.start]
    if sent >= 0 and _inverted(ctx, m.start, ctx.sentences[sent].start) and m.start > 0:
        return ctx.doc[m.start - 1].text == "," or ctx.quote_index_all[m.start - 1] >= 0
    nxt = ctx.doc[m.end] if m.end < len(ctx.doc) else None
    if sent >= 0 and nxt is not None and nxt.text in {".", "!", "?"}:
        # '..., the official added.': a short subject between the last comma and the verb
        k = m.start - 1
        while k > ctx.sentences[sent].start and ctx.texts[k] != ",":
            k -= 1
        piece = range(k + 1, m.start)
        if (
            ctx.texts[k] == ","
            and 0 < len(piece) <= 6
            and _starts_noun_phrase(ctx, k + 1)
            and not any(ctx.lowers[i] in _PREPOSITIONS for i in piece)
        ):
            return True
    if nxt is not None and (
        nxt.lower_ == "that" or nxt.text in {":", '"', "“"} or ctx.quote_index_all[nxt.i] >= 0
    ):
        return True
    prev = m.start - 1
    while prev >= 0 and ctx.lowers[prev] in _TRAILING:
        prev -= 1
    if prev < 0:
        return False
    p = ctx.doc[prev]
    if ctx.lowers[prev] in _PRONOUN_KIND or ctx.lowers[prev] in {"i", "we", "you"}:
        return True
    if sent >= 0 and p.text[:1].isupper() and _proper(ctx, prev, ctx.sentences[sent].start):
        # a name before it, with a quotation soon after: 'Sanders called it "arbitrary"'
        if ctx.sentence_of[prev] >= 0 and prev != ctx.sentences[ctx.sentence_of[prev]].start:
            return True
        stop = min(m.end + 8, ctx.sentences[sent].end)
        return any(ctx.quote_index_all[i] >= 0 for i in range(m.end, stop))
    return False


def _mark_cues(ctx: FeatureContext, atts: list[Attribution]) -> list[Attribution]:
    """Quotations introduced by punctuation instead of a verb: a colon before the opening mark
    ('Her answer: "..."'), or a dash after the closing one that credits a name ('"..." ―
    Pamela Padilla'). The mark is the cue; a sentence that already has a verb cue keeps it."""
    has_cue = {a.sentence for a in atts}
    out: list[Attribution] = []
    n = len(ctx.doc)
    for q in ctx.speech_quotes:
        toks = ctx.tokens_in(q.start, q.end)
        if not len(toks):
            continue
        k = toks[0] - 1
        while k >= 0 and ctx.is_space[k]:
            k -= 1
        if q.opened and k > 0 and ctx.texts[k] == ":" and ctx.quote_index_all[k] < 0:
            sent = ctx.sentence_of[k]
            if sent >= 0 and sent not in has_cue:
                src = _colon_source(ctx, k, ctx.sentences[sent].start)
                out.append(Attribution(sent, (k, k + 1), src, "none"))
                has_cue.add(sent)
        k = toks[-1] + 1
        while k < n and ctx.is_space[k]:
            k += 1
        if not (q.closed and k < n - 1 and ctx.texts[k] in _DASHES):
            continue
        if ctx.texts[k] == "-" and not (ctx.whitespace[k] and ctx.whitespace[k - 1]):
            continue
        sent = ctx.sentence_of[k]
        if sent < 0 or sent in has_cue:
            continue
        stop = k + 1  # the credit runs to the end of its line, across a sentence split
        while stop < min(n, k + 9) and "\n" not in ctx.texts[stop]:
            stop += 1
        src = _right_phrase(ctx, k + 1, stop, proper_only=True)
        if src is not None and any(_proper(ctx, i, -1) for i in range(*src)):
            out.append(Attribution(sent, (k, k + 1), src, "none"))
            has_cue.add(sent)
    return out


def _speaker_labels(ctx: FeatureContext, atts: list[Attribution]) -> list[Attribution]:
    """Headline and transcript labels: a name opening a sentence and followed by a colon
    ("Matthews: Well, ...", "Bill Clinton: Hillary 'better qualified'"). The name must be one
    the article gives a person (or two to four capitalised words); label words do not count."""
    has_cue = {a.sentence for a in atts}
    people = _person_keys(ctx)
    out = []
    for sent_no, sent in enumerate(ctx.sentences):
        if sent_no in has_cue:
            continue
        k = sent.start
        while k < sent.end and not ctx.word_mask[k]:
            k += 1
        j = k
        while (
            j < sent.end
            and j - k < 5
            and (_proper(ctx, j, -1) or ctx.texts[j] in _HONORIFICS or ctx.texts[j] in {"'s", "’s"})
        ):
            j += 1
        if j == k or j >= sent.end or ctx.texts[j] != ":" or ctx.lowers[k] in _LABELS:
            continue
        if ctx.quote_index_all[j] >= 0:
            continue
        key = _key(ctx, k, j)
        named = _same_person(key, people) != key or j - k >= 2
        document = any(
            m.category == "document_heads" and k <= m.start < j for m in _source_matches(ctx, k, j)
        )
        if named or document:
            out.append(Attribution(sent_no, (j, j + 1), (k, j), "none"))
    return out


def _source_matches(ctx: FeatureContext, s: int, e: int) -> list[Match]:
    return [m for ms in _cats(ctx, s, e).values() for m in ms]


def _colon_source(ctx: FeatureContext, colon: int, sent_start: int) -> tuple[int, int] | None:
    """Who a colon-introduced quotation is credited to: the noun phrase before the colon
    ('Clinton's reply:'), or the pronoun or name opening a short clause ('He put it simply:')."""
    clause = sent_start
    for i in range(colon - 1, sent_start - 1, -1):
        if _is_break(ctx, i):
            clause = i + 1
            break
    segs = [seg for seg in _segments(ctx, clause, colon) if _starts_noun_phrase(ctx, seg[0])]
    if not segs:
        return None
    s, e = segs[-1]
    if ctx.lowers[s] in {"he", "she", "they", "it"}:
        return s, s + 1
    if e - s > 8:
        k = s
        while k < e and _proper(ctx, k, sent_start if k == sent_start else -1):
            k += 1
        return (s, k) if k > s else None
    return _trim(ctx, s, e)


# --------------------------------------------------------------------------- sources


def _is_break(ctx: FeatureContext, i: int) -> bool:
    text = ctx.texts[i]
    return (
        ctx.quote_index_all[i] >= 0
        or text in {";", ":", "(", ")"}
        or text in _BREAK_DASHES
        or text in _QUOTE_MARKS
        or (text in _CLAUSE_BREAKS and text.islower())
    )


def _segments(ctx: FeatureContext, start: int, end: int) -> list[tuple[int, int]]:
    """Comma-separated pieces of tokens ``[start, end)``, without empty ones."""
    out, s = [], start
    texts, mask = ctx.texts, ctx.word_mask
    for i in [*(i for i in range(start, end) if texts[i] == ","), end]:
        if any(mask[s:i]):
            out.append((s, i))
        s = i + 1
    return out


def _trim(ctx: FeatureContext, s: int, e: int) -> tuple[int, int] | None:
    while e > s and (
        ctx.lowers[e - 1] in _TRAILING
        or not ctx.word_mask[e - 1]
        or (ctx.lowers[e - 1].endswith("ly") and ctx.texts[e - 1].islower())
    ):
        e -= 1
    while s < e and not ctx.word_mask[s]:
        s += 1
    if s >= e:
        return None
    if e - s > MAX_SOURCE_TOKENS:
        return None
    if any(ctx.lowers[i] in _FINITE for i in range(s, e)):
        return None  # a clause ("troops have taken ..."), not a noun phrase naming a speaker
    return s, e


def _passive_addressee(ctx: FeatureContext, m: Match) -> bool:
    """'he was told', 'were asked': the subject heard, someone unnamed spoke."""
    k = m.start - 1
    while k >= 0 and ctx.lowers[k] in {"also", "reportedly", "later", "then", "not"}:
        k -= 1
    return (
        ctx.lowers[m.start] in {"told", "asked"}
        and k >= 0
        and ctx.lowers[k] in {"was", "were", "been", "being", "is", "are", "be"}
        and not (m.end < len(ctx.doc) and ctx.lowers[m.end] == "by")
    )


def _find_source(
    ctx: FeatureContext, m: Match, earlier: list[Attribution]
) -> tuple[int, int] | None:
    if _passive_addressee(ctx, m):
        return None
    if ctx.resources.parsed:
        src = _parsed_source(ctx, m)
        if src is not None:
            return src
    sent = ctx.sentences[ctx.sentence_of[m.start]]
    if _passive_addressee(ctx, m):
        return None
    if ctx.lowers[m.start] in _PRONOUN_KIND:
        return m.start, m.start + 1  # a cue term that includes its subject: "he added"
    if m.category in _PHRASE_CUES:
        return _right_phrase(ctx, m.end, sent.end, proper_only=False)
    # participial or coordinated cue ("..., adding that"): the earlier cue's source
    if ctx.lowers[m.start].endswith("ing"):
        for a in reversed(earlier):
            if a.sentence == ctx.sentence_of[m.start] and a.source is not None:
                return a.source
        # absolute construction: "..., with defector Yeonmi Park pointing out that"
        k = m.start - 1
        while k > sent.start and ctx.texts[k] not in {",", ";"} and ctx.lowers[k] != "with":
            k -= 1
        if ctx.lowers[k] == "with":
            return _trim(ctx, k + 1, m.start)
        if m.start > 0 and ctx.texts[m.start - 1] == ",":
            # "Mr. Cruz seemed to mock his talk, saying ...": the main clause's subject
            got = _clause_subject(ctx, sent.start, m.start)
            if got is not None:
                return got
    if m.start - 1 > sent.start and ctx.lowers[m.start - 1] == "to":
        # "prompting Ukrainian officials to describe": the infinitive's subject
        k = m.start - 1
        while k > sent.start and ctx.texts[k - 1] not in {",", ";"} and not _is_break(ctx, k - 1):
            k -= 1
        while k < m.start - 1 and ctx.texts[k].islower() and ctx.lowers[k].endswith(("ing", "ed")):
            k += 1
        got = _trim(ctx, k, m.start - 1)
        if got is not None:
            # "He went out of his way to say": the subject of the verb that governs "to"
            if ctx.lowers[got[0]] in _PRONOUN_KIND:
                return got[0], got[0] + 1
            j = got[0]
            while j < got[1] and (_proper(ctx, j, sent.start) or ctx.texts[j] in _HONORIFICS):
                j += 1
            if got[0] < j < got[1] and ctx.texts[j].islower() and not _demonym(ctx, j - 1):
                return got[0], j
            return got
    if m.start - 1 > sent.start and ctx.lowers[m.start - 1] in {"and", "but"}:
        # "strategists fear that ... and warn that": the subject of the first verb
        got = _clause_subject(ctx, sent.start, m.start)
        if got is not None:
            return got
    clause = sent.start  # after the last break before the cue
    for i in range(m.start - 1, sent.start - 1, -1):
        if _is_break(ctx, i):
            clause = i + 1
            break
    # The subject is the nearest comma-separated piece before the cue that can start a noun
    # phrase: "X, who ..., publicly said" and "X, currently held ..., stated" both give X.
    segs = _segments(ctx, clause, m.start)
    for k in range(len(segs) - 1, -1, -1):
        if _starts_noun_phrase(ctx, segs[k][0]):
            got = _trim(ctx, *segs[k])
            if got is not None:
                return _apposition(ctx, segs[:k], got)
    if _inverted(ctx, m.start, sent.start):
        return _right_phrase(ctx, m.end, sent.end, proper_only=True)
    return None


def _is_name(ctx: FeatureContext, s: int, e: int) -> bool:
    """Is ``[s, e)`` a bare name of one to five capitalised words ("Kurt Volker")?"""
    words = [i for i in range(s, e) if ctx.word_mask[i]]
    return (
        0 < len(words) <= 5
        and all(_proper(ctx, i, -1) or ctx.texts[i] in _HONORIFICS for i in words)
        and ctx.lowers[s] not in _INTRO_STARTS
    )


def _apposition(
    ctx: FeatureContext, before: list[tuple[int, int]], got: tuple[int, int]
) -> tuple[int, int]:
    """'Kurt Volker, a senior diplomat, said' and 'Ramil Carr, 31, a photographer, said': a
    description after a name stands in apposition to it, and the name is the source."""
    s, e = got
    if _is_name(ctx, s, e) or _proper(ctx, _head(ctx, s, e), -1):
        return got
    for seg in reversed(before):
        words = [i for i in range(*seg) if ctx.word_mask[i]]
        if all(ctx.doc[i].like_num for i in words):
            continue  # an age: "Ramil Carr, 31, ..."
        if _is_name(ctx, *seg):
            return _trim(ctx, *seg) or got
        break
    return got


def _demonym(ctx: FeatureContext, i: int) -> bool:
    """Does token ``i`` look like a nationality adjective ("Korean", "Japanese", "Israeli")?"""
    return ctx.lowers[i].endswith(("an", "ese", "ish", "ic", "i"))


def _clause_subject(ctx: FeatureContext, start: int, stop: int) -> tuple[int, int] | None:
    """The subject opening a sentence: the first noun-phrase piece, cut before its verb."""
    for seg in _segments(ctx, start, stop):
        if not _starts_noun_phrase(ctx, seg[0]):
            continue
        s = seg[0]
        if ctx.lowers[s] in {"but", "and", "yet", "so", "or"}:
            s += 1
        e = s
        while e < seg[1] and not (
            ctx.lowers[e] in _FINITE
            or ctx.lowers[e] in _TRAILING
            or (ctx.texts[e].islower() and ctx.lowers[e].endswith("ed"))
        ):
            e += 1
        if e == seg[1]:
            continue  # no verb in this piece: an introductory phrase ("But days later,")
        if e - s > 6:
            return None
        got = _trim(ctx, s, e)
        if got is None:
            return None
        if ctx.lowers[s] in _PRONOUN_KIND or any(_proper(ctx, i, start) for i in range(*got)):
            return got
        return got if ctx.lowers[s] in _DETERMINERS else None
    return None


def _inverted(ctx: FeatureContext, i: int, sent_start: int) -> bool:
    """Is the cue at ``i`` in inverted position ('," said Ri' or a sentence-initial 'Said')?"""
    k = i - 1
    while k >= sent_start and ctx.is_space[k]:
        k -= 1
    if k < sent_start:
        return True
    if ctx.texts[k] == ",":
        k -= 1
    return k >= 0 and (
        ctx.quote_index_all[k] >= 0 or ctx.texts[k] in _QUOTE_MARKS or ctx.texts[k] in {"’", "'"}
    )


def _starts_noun_phrase(ctx: FeatureContext, i: int) -> bool:
    """Can token ``i`` start a noun phrase? Rejects adverbs, participles, relatives, prepositions
    and introductory words, which start the pieces around a subject."""
    t, low = ctx.doc[i], ctx.lowers[i]
    if low in _INTRO_STARTS or low in _PREPOSITIONS or low in {"who", "whom", "whose", "which"}:
        return False
    if t.text.islower() and (low.endswith(("ly", "ed", "ing")) and len(low) > 4):
        return False
    return bool(ctx.word_mask[i])


def _right_phrase(
    ctx: FeatureContext, start: int, stop: int, *, proper_only: bool
) -> tuple[int, int] | None:
    """The phrase after an inverted cue ('said Ri') or after 'according to'."""
    e = start
    while e < stop:
        t = ctx.doc[e]
        if t.text in {",", ".", ";", ":", "!", "?"} or t.is_space or _is_break(ctx, e):
            break
        if e > start and t.text in _RIGHT_STOPS and proper_only:
            break
        if e > start and t.lower_ in {"that", "who", "which"}:
            break
        e += 1
    if e == start:
        return None
    first = ctx.doc[start]
    if proper_only and not (first.text[:1].isupper() or first.lower_ in _DETERMINERS | {"a", "an"}):
        return None
    return _trim(ctx, start, e)


def _parsed_source(ctx: FeatureContext, m: Match) -> tuple[int, int] | None:
    """Source from the dependency parse: the cue verb's subject, or the object of the cue
    preposition; None to fall back to the clause rules."""
    span = ctx.doc[m.start : m.end]
    if m.category in _PHRASE_CUES:
        for t in span:
            for c in t.children:
                if c.dep_ == "pobj" and c.i >= m.end:
                    return _cut(ctx, c.left_edge.i, c.right_edge.i + 1)
        return None
    verbs = [t for t in span if t.pos_ in {"VERB", "AUX"}] or list(span)
    verb = verbs[-1] if m.term.endswith("saying") else verbs[0]
    for _ in range(4):
        for c in verb.children:
            if c.dep_ in {"nsubj", "nsubjpass"} and ctx.quote_index_all[c.i] < 0:
                return _cut(ctx, c.left_edge.i, c.right_edge.i + 1)
        if verb.dep_ in {"conj", "advcl", "xcomp", "pcomp"} and verb.head.i != verb.i:
            verb = verb.head
        else:
            break
    return None


def _cut(ctx: FeatureContext, s: int, e: int) -> tuple[int, int] | None:
    """A subject subtree up to its first comma or quotation (drops appositives and clauses),
    without a dateline before it ("LONDON (AP) — ..."); 'a senior diplomat, Kurt Volker,'
    gives the name."""
    for i in range(s, e):
        if ctx.texts[i] in {")", *_BREAK_DASHES} and any(
            ctx.texts[j].isupper() and len(ctx.texts[j]) > 1 for j in range(s, i)
        ):
            s = i + 1
    whole = e
    for i in range(s, e):
        if ctx.texts[i] == "," or ctx.quote_index_all[i] >= 0 or ctx.lowers[i] in {"who", "which"}:
            e = i
            break
    got = _trim(ctx, s, e)
    if got is not None and e < whole and ctx.texts[e] == "," and not _is_name(ctx, *got):
        k = e + 1
        while k < whole and ctx.texts[k] != "," and ctx.quote_index_all[k] < 0:
            k += 1
        if k > e + 1 and _is_name(ctx, e + 1, k):
            return _trim(ctx, e + 1, k) or got
        if k > e + 1 and _named_in(ctx, e + 1, k):
            return _trim(ctx, e + 1, k) or got
    return got


# --------------------------------------------------------------------------- typing


def _cats(ctx: FeatureContext, s: int, e: int) -> dict[str, list[Match]]:
    """The ``sources`` matches inside tokens ``[s, e)``, by category, in text order."""
    ms = ctx.matches("sources")  # in text order, not overlapping
    out: dict[str, list[Match]] = {}
    for k in range(bisect_left(ms, s, key=_start), len(ms)):
        m = ms[k]
        if m.start >= e:
            break
        if m.end <= e:
            out.setdefault(m.category, []).append(m)
    return out


def _start(m: Match) -> int:
    return m.start


def _head(ctx: FeatureContext, s: int, e: int) -> int:
    """Index of the phrase's head word: the last word before its first preposition, except
    inside a name ("Secretary of State John Kerry", "the Port of Rotterdam Authority")."""
    for i in range(s + 1, e):
        if ctx.lowers[i] in _PREPOSITIONS and not (
            i + 1 < e
            and ctx.texts[i + 1][:1].isupper()
            and ctx.texts[i - 1][:1].isupper()
            and (i - 1 > s or not _starts_sentence(ctx, s))
        ):
            e = i
            break
    for i in range(e - 1, s - 1, -1):
        if ctx.word_mask[i] and ctx.lowers[i] not in {"'s", "’s"}:
            return i
    return s


def _name_word(ctx: FeatureContext, i: int, sent_start: int) -> bool:
    """A name word, or the lower-case end of a hyphenated name ("Yu Yong-weon")."""
    return _proper(ctx, i, sent_start) or (
        i >= 2 and ctx.texts[i - 1] == "-" and _proper(ctx, i - 2, sent_start)
    )


def _starts_sentence(ctx: FeatureContext, i: int) -> bool:
    sent = ctx.sentence_of[i]
    return sent >= 0 and ctx.sentences[sent].start == i


def _proper(ctx: FeatureContext, i: int, sent_start: int) -> bool:
    """Is token ``i`` a capitalised name word ("Volker", "O'Neill", "Hyo-jin")?"""
    text = ctx.texts[i]
    return (
        text[:1].isupper()
        and text.replace("'", "").replace("’", "").isalpha()
        and (i != sent_start or not ctx.doc[i].is_stop)
        and ctx.plain_lowers[i] not in _DETERMINERS
    )


def _in(ms: list[Match] | None, i: int) -> bool:
    return any(m.start <= i < m.end for m in ms or ())


def _kind(ctx: FeatureContext, s: int, e: int) -> tuple[str, str]:
    """The kind of a source phrase and the rule that decided it. Lexical evidence inside the
    phrase comes first (an indefinite, a news outlet, a document, a title before a name, an
    institution's head noun, a place); then the entity tagger's label when there is a parse,
    overruled where the article itself calls the name a person; then capitalisation."""
    cats = _cats(ctx, s, e)
    sent_start = ctx.sentences[ctx.sentence_of[s]].start
    head = _head(ctx, s, e)
    propers = [i for i in range(s, e) if _proper(ctx, i, sent_start)]
    low = ctx.lowers[head]
    document = _document_head(ctx, e, cats.get("document_heads"), head)
    named_in = _named_in(ctx, s, e)
    if named_in:
        return "named_person", "named in the phrase (identified as X)"
    if "anonymizers" in cats and cats["anonymizers"][0].start == s:
        if document:
            return "document", "document head"
        return "anonymous", "indefinite or quantified"
    if "news_organizations" in cats and not document:
        return "named_organization", "news outlet"
    if document:
        named = [i for i in propers if i != sent_start]
        if low.endswith("s") and not named and ctx.lowers[s] not in _DETERMINERS:
            return "anonymous", "unattributed plural (reports)"
        return "document", "document head"
    if (
        "person_titles" in cats
        and propers
        and _name_word(ctx, head, sent_start)
        and not _in(cats.get("organization_heads"), head)
    ):
        return "named_person", "title + name"
    org_in_name = _proper(ctx, head, sent_start) and any(
        ctx.texts[m.start][:1].isupper()
        and m.start <= head
        and all(
            ctx.texts[i][:1].isupper() or ctx.lowers[i] in {"of", "for", "and", "the", "on"}
            for i in range(m.start, head + 1)
        )
        for m in cats.get("organization_heads", [])
    )  # "the Ministry of Foreign Affairs", "the Port of Rotterdam Authority"
    if org_in_name and not _in(cats.get("organization_heads"), head):
        return "named_organization", "organisation head in the name"
    if _in(cats.get("organization_heads"), head):
        plural_bare = low.endswith("s") and not propers and ctx.lowers[s] not in _DETERMINERS
        if plural_bare:
            return "anonymous", "unnamed plural institution"
        return "named_organization", "organisation head"
    if _in(cats.get("places"), head):
        return "named_organization", "place (a state speaking)"
    head_text = ctx.texts[head]
    if head_text.isupper() and head_text.isalpha() and 2 <= len(head_text) <= 6:
        return "named_organization", "acronym"
    if _in(cats.get("anonymous_heads"), head):
        return "anonymous", "unnamed role or group"
    key = _key(ctx, s, e)
    if ctx.resources.parsed:
        label = ctx.doc[head].ent_type_
        if label == "PERSON":
            return "named_person", "entity PERSON"
        if label in {"ORG", "NORP", "GPE", "FAC"}:
            if propers and _part_of(key, _person_keys(ctx)):
                return "named_person", "article names this person"
            if _group_plural(ctx, s, head):
                return "anonymous", "members of a named group (Democrats)"
            return "named_organization", f"entity {label}"
    if propers and _name_word(ctx, head, sent_start):
        if _part_of(key, _person_keys(ctx)):
            return "named_person", "article names this person"
        if _group_plural(ctx, s, head):
            return "anonymous", "members of a named group (Democrats)"
        return "named_person", "proper name"
    return "anonymous", "fallback"


def _named_in(ctx: FeatureContext, s: int, e: int) -> bool:
    """'a soldier identified only by his surname Ri', 'a man named Kim': a name given inside
    an otherwise indefinite phrase."""
    for i in range(s, e - 1):
        if ctx.lowers[i] in {"named", "surname", "surnamed", "called"} or (
            ctx.lowers[i] == "as" and i > s and ctx.lowers[i - 1] == "identified"
        ):
            return _proper(ctx, i + 1, -1)
    return False


def _document_head(ctx: FeatureContext, e: int, ms: list[Match] | None, head: int) -> bool:
    """Is the phrase headed by a document noun: the head itself, or a document noun that a
    participle, a preposition or a date follows ("a poll conducted by ...", "the report
    published Tuesday", "exit polls in South Carolina")?"""
    for m in ms or ():
        if m.start <= head < m.end:
            return True
        j = m.end
        if j >= e:
            return True
        nxt = ctx.lowers[j]
        if (
            nxt in _PREPOSITIONS
            or nxt in _DOCUMENT_FOLLOWERS
            or (ctx.texts[j].islower() and nxt.endswith(("ed", "en")) and len(nxt) > 3)
        ):
            return True
    return False


def _group_plural(ctx: FeatureContext, s: int, head: int) -> bool:
    """A bare plural of a party, faith or nationality ("Republicans", "senior Democrats"):
    unnamed members of a group, not the organisation."""
    text = ctx.texts[head]
    return (
        ctx.lowers[s] not in _DETERMINERS
        and text[:1].isupper()
        and text.endswith(_GROUP_SUFFIXES)
        and not _part_of(ctx.lowers[head], _person_keys(ctx))
    )


def _person_keys(ctx: FeatureContext) -> list[str]:
    """Counting keys of the people the article names: a title or honorific before a name, a
    first and last name, or (with a parse) a PERSON entity. Found once per article."""
    got = ctx.memo.get("attribution.people")
    if got is None:
        got = ctx.memo["attribution.people"] = [_key(ctx, s, e) for s, e in _person_mentions(ctx)]
    assert isinstance(got, list)
    return got


def _person_mentions(ctx: FeatureContext) -> list[tuple[int, int]]:
    got = ctx.memo.get("attribution.person_mentions")
    if got is not None:
        assert isinstance(got, list)
        return got
    out: list[tuple[int, int]] = []
    if ctx.resources.parsed:
        out += [(ent.start, ent.end) for ent in ctx.doc.ents if ent.label_ == "PERSON"]
    titles = {
        i
        for m in ctx.matches("sources")
        if m.category == "person_titles"
        for i in range(m.start, m.end)
    }
    not_people = {
        i
        for m in ctx.matches("sources")
        if m.category in {"organization_heads", "news_organizations", "places", "document_heads"}
        for i in range(m.start, m.end)
    }
    n = len(ctx.doc)
    i = 0
    while i < n:
        if not _proper(ctx, i, -1) or i in titles:
            i += 1
            continue
        j = i
        while j < n and _proper(ctx, j, -1) and j not in titles:
            j += 1
        run = range(i, j)
        k = i - 1
        titled = k >= 0 and (k in titles or ctx.texts[k] in _HONORIFICS)
        sent = ctx.sentence_of[i]
        first_word = sent >= 0 and i == ctx.sentences[sent].start
        modifier = (
            j < n and ctx.texts[j].isalpha() and ctx.texts[j].islower() and _demonym(ctx, j - 1)
        )  # "North Korean soldier": an adjective, not a name
        if (
            not modifier
            and not any(t in not_people for t in run)
            and not any(ctx.texts[t].isupper() for t in run)
            and (titled or (2 <= j - i <= 3 and not ctx.resources.parsed))
            and not (first_word and ctx.doc[i].is_stop)
        ):
            out.append((i, j))
        i = j
    out.sort()
    ctx.memo["attribution.person_mentions"] = out
    return out


def _type_source(ctx: FeatureContext, a: Attribution, atts: list[Attribution]) -> None:
    if a.cue is None:
        return
    if a.source is None:
        a.kind, a.rule = "none", "no source found"
        return
    s, e = a.source = _narrow(ctx, *a.source)
    low = ctx.lowers[s]
    if e - s == 1 and low in {"who", "which", "that"}:
        ante = _antecedent(ctx, s)
        if ante is None:
            a.kind, a.rule = "none", "relative pronoun with no antecedent"
            return
        s, e = a.source = ante
        low = ctx.lowers[s]
    if (e - s == 1 and low in _GENERIC) or (
        "you" in ctx.lowers[s:e]
        and not any(_proper(ctx, i, ctx.sentences[ctx.sentence_of[s]].start) for i in range(s, e))
    ):
        a.kind, a.rule = "none", "generic (you, we, people)"
        return
    if e - s == 1 and low == "i":
        a.kind, a.rule = "named_person", "first person outside quotes: the author"
        return
    if e - s == 1 and low in _PRONOUN_KIND:
        _resolve(ctx, a, atts)
        return
    a.kind, a.rule = _kind(ctx, s, e)


def _antecedent(ctx: FeatureContext, rel: int) -> tuple[int, int] | None:
    """The noun phrase a relative pronoun hangs on: 'Ivanka Trump, who spoke' -> Ivanka Trump."""
    k = rel - 1
    if k >= 0 and ctx.texts[k] == ",":
        k -= 1
    sent = ctx.sentence_of[rel]
    floor = ctx.sentences[sent].start if sent >= 0 else 0
    e = k + 1
    while k >= floor and ctx.texts[k] != "," and not _is_break(ctx, k):
        k -= 1
    for seg in _segments(ctx, k + 1, e):
        if _starts_noun_phrase(ctx, seg[0]):
            return _trim(ctx, *seg)
    return None


def _nominal(ctx: FeatureContext) -> frozenset[int]:
    """Tokens inside nominal cues ("an interview"), found once per article."""
    got = ctx.memo.get("attribution.nominal")
    if got is None:
        got = ctx.memo["attribution.nominal"] = frozenset(
            i
            for m in ctx.matches("attribution")
            if m.category == "nominal_cues"
            for i in range(m.start, m.end)
        )
    assert isinstance(got, frozenset)
    return got


def _narrow(ctx: FeatureContext, s: int, e: int) -> tuple[int, int]:
    """ "an interview by Chosun Ilbo" -> "Chosun Ilbo": a speech event's source is its agent."""
    nominal = _nominal(ctx)
    for i in range(s, e - 1):
        if i in nominal and ctx.lowers[i + 1] in {"by", "with", "from", "of"}:
            for j in range(i + 2, e):
                if _proper(ctx, j, -1):
                    k = j
                    while k < e and (_proper(ctx, k, -1) or ctx.lowers[k] in {"of", "the", "and"}):
                        k += 1
                    while k > j and not _proper(ctx, k - 1, -1):
                        k -= 1
                    return j, k
    return s, e


def _resolve(ctx: FeatureContext, a: Attribution, atts: list[Attribution]) -> None:
    """A pronoun's source: he/she the nearest earlier person (a speaker typed a person or a
    single unnamed one, or a person the article names), it the nearest earlier organisation
    or document speaker, they the nearest earlier speaker of any kind."""
    assert a.source is not None
    want = _PRONOUN_KIND[ctx.lowers[a.source[0]]]
    a.resolved_from = ctx.doc[a.source[0]].text
    a.kind, a.rule = "unresolved", "pronoun with no earlier fitting source"
    before = a.source[0]
    best: tuple[int, tuple[int, int], str, str] | None = None
    for b in atts:
        if b.cue is None or b.cue[0] >= before or b is a or b.kind in {"none", "unresolved"}:
            continue
        src = b.resolved_to or b.source
        if src is None or src[0] >= before:
            continue
        fits = (
            want == "any"
            or (want == "person" and b.kind == "named_person")
            or (want == "person" and b.kind == "anonymous" and not _plural(ctx, *src))
            or (want == "organization" and b.kind in {"named_organization", "document"})
        )
        if fits and (best is None or src[0] > best[0]):
            best = (src[0], src, b.kind, "pronoun -> earlier speaker")
    if want == "person":
        people = [m for m in _person_mentions(ctx) if m[1] <= before]
        if people and (best is None or people[-1][0] > best[0]):
            best = (people[-1][0], people[-1], "named_person", "pronoun -> person named before")
    if best is not None:
        _, a.resolved_to, a.kind, a.rule = best


def _plural(ctx: FeatureContext, s: int, e: int) -> bool:
    low = ctx.lowers[_head(ctx, s, e)]
    return low.endswith("s") and not low.endswith("ss") and not ctx.texts[s][:1].isupper()


# --------------------------------------------------------------------------- quotes


def _link_quotes(ctx: FeatureContext, atts: list[Attribution]) -> None:
    """Give each quote to the closest cue in the sentences it spans (on a tie, the cue found
    first). Cues are looked up by sentence, so the work grows with the text, not with
    quotes × cues."""
    by_sentence: dict[int, list[int]] = {}
    for n, a in enumerate(atts):
        if a.cue is not None:
            by_sentence.setdefault(a.sentence, []).append(n)
    for k, q in enumerate(ctx.speech_quotes):
        toks = ctx.tokens_in(q.inner_start, q.inner_end)
        sents = {ctx.sentence_of[i] for i in toks} - {-1}
        if len(toks):
            # '...would they accept me?" Ri said': the cue opens the next sentence
            nxt = _next_word(ctx, toks[-1] + 1)
            if nxt is not None:
                sents.add(ctx.sentence_of[nxt])
        best: tuple[int, int] | None = None  # (distance, index in atts)
        for sent in sents:
            for n in by_sentence.get(sent, ()):
                cue = atts[n].cue
                assert cue is not None  # only cued attributions are indexed
                c0 = ctx.idx[cue[0]]
                dist = q.start - c0 if c0 < q.start else c0 - q.end
                if best is None or (dist, n) < best:
                    best = (dist, n)
        if best is not None:
            atts[best[1]].quotes.append(k)
            atts[best[1]].mode = "direct"


def _next_word(ctx: FeatureContext, i: int) -> int | None:
    """The first word token from ``i`` on within the same paragraph."""
    while i < len(ctx.doc):
        if "\n" in ctx.texts[i] or "\n" in ctx.whitespace[i - 1]:
            return None
        if ctx.word_mask[i]:
            return i
        i += 1
    return None


# --------------------------------------------------------------------------- output


def _key(ctx: FeatureContext, s: int, e: int) -> str:
    """Counting key of a named source: a person by surname, anything else by its words."""
    words = [ctx.texts[i] for i in range(s, e) if ctx.word_mask[i]]
    if words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    return " ".join(words).lower()


def _result(ctx: FeatureContext, atts: list[Attribution]) -> FamilyResult:
    quotes = ctx.speech_quotes
    _unify_people(ctx, atts)
    kinds = Counter(a.kind for a in atts)
    n_words = ctx.n_words
    sentences = {a.sentence for a in atts} - {-1}
    for i, q in enumerate(ctx.quote_of):
        if q >= 0 and ctx.sentence_of[i] >= 0:
            sentences.add(ctx.sentence_of[i])
    quote_words = sum(1 for i, q in enumerate(ctx.quote_of) if q >= 0 and ctx.word_mask[i])
    direct = sum(1 for a in atts if a.mode == "direct")

    evidence: list[Evidence] = []
    records = []
    named: dict[str, dict[str, object]] = {}
    for a in atts:
        src = a.resolved_to or a.source
        src_text = _span_text(ctx, src) if src else None
        if a.cue is not None:
            evidence.append(ctx.evidence("attribution", "cue", *a.cue, a.mode))
        if a.source is not None:
            note = f"{a.kind} ({a.rule})" + (f" -> {src_text}" if a.resolved_from else "")
            evidence.append(ctx.evidence("attribution", f"source:{a.kind}", *a.source, note))
        for k in a.quotes:
            quote = quotes[k]
            toks = ctx.tokens_in(quote.inner_start, quote.inner_end)
            if len(toks):
                evidence.append(
                    ctx.evidence(
                        "attribution",
                        "direct_quote",
                        toks[0],
                        toks[-1] + 1,
                        src_text or "unattributed",
                    )
                )
        if src is not None and a.kind in NAMED:
            key = _key(ctx, *src)
            if a.kind == "named_person":
                key = _same_person(key, [k for k, v in named.items() if v["kind"] == a.kind])
            entry = named.setdefault(key, {"source": src_text, "kind": a.kind, "count": 0})
            entry["count"] = int(str(entry["count"])) + 1
            if src_text and len(src_text) > len(str(entry["source"])):
                entry["source"] = src_text
        records.append(_record(ctx, a, src_text))

    other = Counter(
        (_span_text(ctx, a.resolved_to or a.source), a.kind)
        for a in atts
        if a.kind not in NAMED and (a.resolved_to or a.source)
    )
    sources = [dict(v) for v in named.values()]
    sources += [{"source": t, "kind": k, "count": c} for (t, k), c in other.items()]
    sources.sort(key=lambda d: (-int(str(d["count"])), str(d["kind"]), str(d["source"]).lower()))

    n_named = kinds["named_person"] + kinds["named_organization"]
    values: dict[str, float | int] = {
        "attributions": len(atts),
        "direct_quotes": len(quotes),
        "direct_attributions": direct,
        "indirect_attributions": len(atts) - direct,
        "attributed_sentences": len(sentences),
        "attribution_density": ratio(len(sentences), len(ctx.sentences)),
        "attributions_per_100_words": ratio(len(atts), n_words, 100),
        "named_person_attributions": kinds["named_person"],
        "named_organization_attributions": kinds["named_organization"],
        "document_attributions": kinds["document"],
        "anonymous_attributions": kinds["anonymous"],
        "unattributed": kinds["none"] + kinds["unresolved"],
        "named_sources_per_100_words": ratio(n_named, n_words, 100),
        "anonymous_sources_per_100_words": ratio(kinds["anonymous"], n_words, 100),
        "distinct_named_sources": len(named),
        "quote_word_share": ratio(quote_words, n_words),
    }
    return FamilyResult(values, evidence, {"sources": sources, "attributions": records})


def _same_person(key: str, known: list[str]) -> str:
    """The known key naming the same person: one name's words contain the other's ("Park" and
    "Foreign Minister Park Jin"; family-name-first or last, titled or not)."""
    words = set(key.split())
    for k in known:
        other = set(k.split())
        if words and (words <= other or other <= words):
            return k
    return key


def _part_of(key: str, people: list[str]) -> bool:
    """Are all of ``key``'s words part of a person's name ("volker" of "kurt volker"; not
    "trump 's campaign" of "trump")?"""
    words = set(key.split())
    return bool(words) and any(words <= set(p.split()) for p in people)


def _unify_people(ctx: FeatureContext, atts: list[Attribution]) -> None:
    """A name typed as a person once is a person wherever it recurs ("Foreign Minister Andrii
    Sybiha" ... "Sybiha voiced"): entity taggers often flip a bare surname to ORG."""
    people = []
    for a in atts:
        src = a.resolved_to or a.source
        key = _key(ctx, *src) if src is not None else ""
        if a.kind == "named_person" and key:
            people.append(key)
    people = list(dict.fromkeys(people))  # the first match is the same; repeats cost time
    for a in atts:
        src = a.resolved_to or a.source
        if a.kind == "named_organization" and src is not None and a.rule.startswith("entity"):
            key = _key(ctx, *src)
            if key and len(key.split()) <= 2 and _part_of(key, people):
                a.kind, a.rule = "named_person", "same name as a person quoted"


def _span_text(ctx: FeatureContext, span: tuple[int, int] | None) -> str | None:
    if span is None:
        return None
    return ctx.span_text(*span)


def _record(ctx: FeatureContext, a: Attribution, src_text: str | None) -> dict[str, object]:
    def chars(span: tuple[int, int] | None) -> list[int] | None:
        if span is None:
            return None
        return list(ctx.char_bounds(*span))

    return {
        "sentence": a.sentence,
        "mode": a.mode,
        "cue": _span_text(ctx, a.cue),
        "cue_span": chars(a.cue),
        "source": src_text,
        "source_span": chars(a.source),
        "source_kind": a.kind,
        "source_rule": a.rule,
        "resolved_from": a.resolved_from,
        "quotes": [
            [ctx.speech_quotes[k].inner_start, ctx.speech_quotes[k].inner_end] for k in a.quotes
        ],
    }
