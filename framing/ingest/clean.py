"""Boilerplate removal for raw text dumps copied from news web pages.

A dump copied from a browser holds the article and the page around it: menus, share buttons,
comment forms, photo captions, teaser lists of other stories. ``clean_text`` keeps the article
prose, moves what the page says about the article (headline, byline, date, declared source) into
``Metadata``, and records every other line it drops as a ``RemovedLine`` with a reason, so the
cleaning can be audited line by line and its share of the page (the boilerplate share) reported.

The unit is the raw line (split on ``\\n``, ``\\r\\n`` or ``\\r``). Every rule looks at one
line's words or at its place among its neighbours; none knows a particular site. In order:

1. **Page furniture**, judged line by line on the text without leading bullets and icons (``•``,
   ``-``, ``#``, ``ⓕ``…) and, unless noted, on the whole line, so prose that merely *mentions*
   sharing or related matters never matches:

   - ``template``: leftover template code (``spot_imgspot_img``, ``{{…}}``, a lone identifier
     with an underscore, ``[email protected]`` on a line of at most 12 words, HTML tags);
   - ``navigation``: a line made only of navigation words (``go top``, ``Back to top``,
     ``CLOSE``, a lone ``X``, ``Menu``, ``Search``, ``LETTER``, ``Next``…) or a breadcrumb
     (``Home » World » Asia``: short segments joined by ``»``, ``›``, ``>``, ``/`` or ``|``);
   - ``no-text``: a line without a letter (dividers, stray bullets and numbers) or of one
     character;
   - ``share-widget``: a short line made only of sharing words with at least one of ``share``,
     ``tweet``, ``email``, ``print``, ``copy``, ``pin`` or a social network (``Share``,
     ``Share post:``, ``• Facebook share button``, ``Copy link``,
     ``Click to share on X (Opens in new window)``);
   - ``comment-prompt``: comment forms and counts (``LEAVE A REPLY``, ``0 Comments``,
     ``Please enter your comment!``, ``Save my name, email, and website…``);
   - ``subscribe-prompt``: ``Subscribe…``, ``Newsletter``, ``Sign up for our newsletter``,
     ``Already a subscriber?``;
   - ``advertisement``: ``Advertisement``, ``Sponsored``, ``Story continues below``;
   - ``settings-menu``: reader tools (``Settings``, ``font-size``, ``Dark mode``, ``A+``,
     ``Listen to this article``) *and* the short bulleted or letterless items right after such
     a line (``• -2`` … ``• +2``);
   - ``tags``: a tag list (``Tags: North Korea, Ukraine``), or a bare ``Topics``/``Tags`` line
     *and* the short (1-4 word) unpunctuated lines right after it;
   - ``empty-label``: a one-word label with nothing after it (``Date:``);
   - ``copyright``: ``© 2024 …``, ``Copyright 2024 …``, ``All rights reserved``;
   - ``caption``: a photo caption, i.e. a line ending in a photo credit after a sentence or
     date (``…, Jan. 12. Yonhap``; ``… / AP Photo/Ahn Young-joon``; credits: Yonhap, AP, AFP,
     Reuters, Getty Images, EPA, Xinhua, Kyodo, Pool, ``Courtesy of …`` and others), a line
     ending in ``(Photo: …)``, a line starting ``Photo:`` / ``Image by`` …, or a credit alone.

2. **Teaser lists** (``related-list``): a line that is only a list marker (``Related``,
   ``Related Articles``, ``More like this``, ``Popular``, ``Most read``, ``Trending``,
   ``Top 10 Stories``, ``Read more``, ``Recommended``, ``You may also like``, ``Latest``…)
   starts a list of other stories' headlines and teasers. The list runs to the end of the text
   or until substantial article prose resumes: a line ending in a full stop (not an ellipsis)
   of 25+ words, or of 5+ words followed by another such line. Teasers are headlines (no final
   punctuation) and one-line snippets, usually cut off with ``...``, so they never qualify.
   A marker with text after a colon (``Read more: …``) removes that one line only.

3. **Reader comments** (``comments``): once the article prose has begun, a comments heading
   (``3 Comments``, ``Comments (3)``, ``Leave a Reply``, ``Join the conversation``) starts the
   comment section, which runs to the end of the text. Comments are prose, so no resumption
   rule could tell them from the article; a comment count above the article removes only itself.

4. **Metadata lines** (outside teaser lists and comments; the first of each kind wins):
   ``date`` (a line that is only a date, optionally with ``Published:``/``Updated`` and a time;
   → ``date`` as ISO ``YYYY-MM-DD``), ``byline`` (``By NAME`` with a capitalised name that is
   not a month or weekday, optionally followed by ``| DATE``, or ``Posted on DATE by NAME``;
   → ``byline`` and ``date``), ``signature`` (``NAME email@domain`` or a lone e-mail;
   → ``byline`` if none, and ``email_domain``), ``original-source`` (``Original Source: X`` or
   ``Source: <domain>``; → ``original_source`` as written).

5. **Headlines**, among the lines still kept: before any prose, one- or two-word lines without
   final punctuation are ``section-label`` (``Global``); the first headline-like line (3 to 25
   words, no final ``.``, ``,``, ``;``, ``:`` or ellipsis, at most 250 characters; a ``?`` or
   ``!`` is allowed up to 15 words) is the ``title``. The next kept line, if headline-like
   too (and not ending in ``?``/``!``), is the ``subheadline`` (→ ``extra["subheadline"]``).
   If prose comes first, there is no title. When the caller knows the title (HTML metadata,
   a record's title field), lines equal to it are the title and nothing else is guessed.
   Every copy of the title is removed as ``title``.

6. ``duplicate``: a line that occurs again among the kept lines (a caption repeated under its
   photo, a widget printed twice, a paragraph pasted twice): the first copy is kept, the
   later copies are removed. When the repeats add up to at least half as much text as is kept
   (over two lines or more), the whole body was repeated (an extractor or a copy-paste that
   output the article twice): the repeats are removed as ``repeated-body`` and a warning says
   how many copies there were.

Kept lines are stripped, NFC-normalised, have runs of whitespace collapsed to one space and are
joined by a blank line. Quotes and apostrophes are kept as written. ``raw_chars`` counts the
non-whitespace characters of the input, so ``Document.boilerplate_share`` is the share of them
that the removed lines hold. The rules are pure functions of the text: deterministic, offline,
and fast (precompiled regular expressions, one pass per stage).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from framing.document import Metadata, RemovedLine
from framing.text.calendar import MONTHS, WEEKDAY_ABBREVIATIONS, WEEKDAYS

REMOVAL_REASONS: dict[str, str] = {
    "template": "leftover template or widget code, e.g. 'spot_imgspot_img', '{{…}}', HTML tags",
    "navigation": "a line of navigation words only: 'go top', 'CLOSE', a lone 'X', 'Menu'",
    "share-widget": "share buttons and social links: 'Share', 'Share post:', 'Kakao share button'",
    "comment-prompt": "comment forms: 'LEAVE A REPLY', 'Please enter your comment!'",
    "comments": "reader comments: everything after a comments heading that follows the article",
    "subscribe-prompt": "subscription and newsletter calls to action: 'Subscribe', 'Newsletter'",
    "advertisement": "advertising labels: 'Advertisement', 'Sponsored', 'Story continues below'",
    "settings-menu": "reader tools ('Settings', 'font-size', 'Dark mode') and their short items",
    "empty-label": "a one-word field label with no value: 'Date:', 'Author:'",
    "tags": "a tag or topic list: 'Tags: North Korea, Ukraine', or 'Topics' and short lines",
    "copyright": "a copyright notice: '© 2024 …', 'All rights reserved'",
    "caption": "a photo caption: ends in a credit ('…, Jan. 12. Yonhap') or starts 'Photo:'",
    "no-text": "a line without a word: dividers, stray bullets and numbers, a lone character",
    "related-list": "a 'Related' / 'Popular' / 'Top 10 Stories' marker and the teasers after it",
    "date": "a line that is only a date (→ metadata.date, ISO YYYY-MM-DD)",
    "byline": "'By NAME' or 'Posted on DATE by NAME' (→ metadata.byline, metadata.date)",
    "signature": "'NAME email@domain' (→ metadata.byline if none, metadata.email_domain)",
    "original-source": "'Original Source: X' (→ metadata.original_source, as written)",
    "section-label": "a one- or two-word section label above the headline: 'Global'",
    "title": "the headline: the first headline-like line (→ metadata.title)",
    "subheadline": "a second headline right after the title (→ metadata.extra['subheadline'])",
    "duplicate": "a later copy of a line kept earlier (a repeated caption or paragraph)",
    "repeated-body": "a later copy of the whole article body (the page printed it twice or more)",
}

#: The repeats of a text are a repeated body when they hold at least this share of the kept
#: text's characters.
REPEATED_BODY_SHARE = 0.5


@dataclass(frozen=True)
class CleanedText:
    """The article text of a raw dump, what the page says about it, and what was removed.

    >>> cleaned = clean_text("Big News Today\\n\\nShare\\n\\nSomething happened on Monday.")
    >>> cleaned.text, cleaned.metadata.title, [r.reason for r in cleaned.removed]
    ('Something happened on Monday.', 'Big News Today', ['title', 'share-widget'])
    """

    text: str
    metadata: Metadata
    removed: tuple[RemovedLine, ...]
    raw_chars: int
    warnings: tuple[str, ...] = ()


_BREAK = re.compile(r"\r\n|\r|\n")
_BULLETS = "•·▪◦‣●○■□▶►▸▹▕│|*+-–—>»›#"  # plus any symbol: see _is_icon
_SENTENCE_END = re.compile(r"[.!?][\"'”’»)\]]*$")
_FULL_STOP_END = re.compile(r"\.[\"'”’»)\]]*$")
_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)[\"'”’»)\]]*$")
_NO_HEADLINE_END = re.compile(r"[.,;:…][\"'”’»)\]]*$")
_QUESTION_END = re.compile(r"[!?][\"'”’»)\]]*$")

_TEMPLATE = re.compile(
    r"spot_img|\{\{|\}\}|\{%|%\}|^[\w-]*_[\w-]*$"
    r"|</?\s*(?:div|span|script|iframe|img|p|a|br|li|ul)\b[^>]*>|\bjavascript:|googletag"
    r"|adsbygoogle|document\.write",
    re.IGNORECASE,
)
#: An e-mail address a page's script would have filled in (Cloudflare's "email protection"):
#: template residue on a short line, but a one-line article may quote it inside its prose.
_EMAIL_PLACEHOLDER = re.compile(r"\[email\s*protected\]", re.IGNORECASE)
#: Longest line (in words) an e-mail placeholder makes furniture: "Contact us: [email …]".
EMAIL_PLACEHOLDER_WORDS = 12

_NAV_WORD = (
    r"(?:(?:go|back|scroll|return)\s+(?:to\s+)?top|to\s+top|top|close|x|×|✕|✖|menu|main\s+menu"
    r"|search|home|homepage|skip\s+to\s+(?:main\s+)?content|sign\s+in|sign\s+up|log\s*in"
    r"|log\s*out|register|my\s+account|letter|next|previous|prev|toggle\s+navigation"
    r"|navigation|open\s+menu|more|↑|▲)"
)
_NAVIGATION = re.compile(rf"^{_NAV_WORD}(?:\s?[|/·•]?\s?{_NAV_WORD})*$", re.IGNORECASE)
_CRUMB_SPLIT = re.compile(r"\s[»›>/|]\s")

_SHARE_KEYS = frozenset({
    "share", "shares", "sharing", "tweet", "facebook", "twitter", "kakao", "kakaotalk",
    "kakaostory", "whatsapp", "linkedin", "reddit", "telegram", "pinterest", "tumblr",
    "messenger", "flipboard", "naver", "threads", "bluesky", "mastodon", "email", "e-mail",
    "print", "copy", "pin"
})  # fmt: skip
_SHARE_WORDS = _SHARE_KEYS | frozenset({
    "button", "buttons", "icon", "post", "this", "article", "story", "page", "on", "via", "with",
    "to", "x", "mail", "link", "copy", "url", "sms", "line", "band", "click", "opens", "in",
    "new", "window", "the", "your", "a", "friend", "friends", "options", "send"
})  # fmt: skip
_SHARE_SPLIT = re.compile(r"[\s:/|,()·•]+")

_COMMENT = re.compile(
    r"^(?:leave\s+a\s+(?:reply|comment|response)\b.*"
    r"|(?:post|add|write|submit)\s+(?:a\s+|your\s+)?comment"
    r"|please\s+enter\s+(?:your\s+)?(?:comment|name|e-?mail|website)\b.*"
    r"|you\s+have\s+entered\s+an\s+incorrect\s+e-?mail\b.*"
    r"|(?:\d+\s+)?comments?(?:\s*\(\d+\))?|(?:no|\d+)\s+(?:comments|responses|replies)(?:\s+yet)?"
    r"|join\s+the\s+(?:conversation|discussion)|cancel\s+reply"
    r"|save\s+my\s+name,?\s+e-?mail,?\s+and\s+website\b.*|be\s+the\s+first\s+to\s+comment"
    r"|(?:view|show|hide|read)\s+(?:all\s+)?comments(?:\s*\(\d+\))?"
    r"|log\s*in\s+to\s+(?:comment|reply)|comment\s+policy|(?:comment|name|e-?mail|website)\s*\*"
    r"|your\s+e-?mail\s+address\s+will\s+not\s+be\s+published\b.*"
    r"|required\s+fields\s+are\s+marked\b.*)[\s!.:*]*$",
    re.IGNORECASE,
)

_SUBSCRIBE = re.compile(
    r"^(?:subscribe\b.*|newsletters?"
    r"|(?:sign\s+up|join|get|receive|enter\s+your\s+e-?mail)(?:\s+\S+){0,8}?"
    r"\s+(?:newsletters?|inbox|alerts|briefing|digest)\b.*"
    r"|already\s+(?:a\s+)?subscriber\b.*|unlock\s+(?:this|full)\s+(?:article|story|access)\b.*)$",
    re.IGNORECASE,
)

_COMMENTS_HEADING = re.compile(
    r"^(?:(?:\d+\s+)?comments?(?:\s*\(\d+\))?|leave\s+a\s+(?:reply|comment)\b.*"
    r"|join\s+the\s+(?:conversation|discussion)|reader\s+comments"
    r"|(?:\d+\s+)?(?:responses|replies)\s+to\s+.+)[\s!.:]*$",
    re.IGNORECASE,
)

_ADVERTISEMENT = re.compile(
    r"^(?:advertisement|advertising|ads?|sponsored(?:\s+content|\s+links?)?|paid\s+(?:content|post)"
    r"|promoted(?:\s+content)?"
    r"|(?:story|article)\s+continues\s+(?:below|after\s+(?:this\s+)?advertisement)"
    r"(?:\s+advertisement)?"
    r"|continue\s+reading\s+(?:below|the\s+main\s+story)"
    r"|scroll\s+to\s+continue(?:\s+with\s+content)?)[\s.:]*$",
    re.IGNORECASE,
)

_SETTINGS = re.compile(
    r"^(?:(?:(?:reader|display|reading|text|page|article)\s+)?(?:settings|options)"
    r"|(?:font|text)[\s_-]?size|font|(?:dark|light|night|reading|reader)\s+mode"
    r"|(?:increase|decrease|reset)\s+(?:font|text)(?:\s+size)?|aa|a\+|a-|a\s+a\s+a"
    r"|listen(?:\s+to\s+(?:this\s+)?article)?)$",
    re.IGNORECASE,
)
_MENU_ITEM_WORDS = frozenset({
    "small", "medium", "large", "larger", "largest", "default", "normal", "reset", "dark",
    "light", "a", "a+", "a-", "aa"
})  # fmt: skip

_RELATED_WORDS = (
    r"(?:related(?:\s+(?:articles?|stories|news|posts?|content|coverage|links|reading|topics"
    r"|videos?))?"
    r"|more\s+like\s+this|more\s+(?:stories|news|articles|headlines|to\s+read)"
    r"|(?:most\s+)?popular(?:\s+(?:now|stories|news|articles|posts))?"
    r"|most\s+(?:read|viewed|shared|commented|recent)|trending(?:\s+(?:now|stories|news|topics))?"
    r"|top\s+(?:\d+\s+)?(?:stories|news|articles|headlines|reads)"
    r"|latest(?:\s+(?:news|stories|articles|posts|headlines))?|read\s+(?:more|also|next)"
    r"|also\s+read|see\s+also|recommended(?:\s+(?:for\s+you|stories|articles|reading))?"
    r"|you\s+(?:may|might)\s+(?:also\s+)?like|editor[’']?s[’']?\s+picks?|don[’']?t\s+miss"
    r"|in\s+case\s+you\s+missed\s+it|what\s+to\s+read\s+next|up\s+next|further\s+reading)"
)
_RELATED_MARKER = re.compile(rf"^{_RELATED_WORDS}[\s:.]*$", re.IGNORECASE)
_RELATED_INLINE = re.compile(rf"^{_RELATED_WORDS}\s*[:|»›>]\s*\S", re.IGNORECASE)

_EMPTY_LABEL = re.compile(r"^[^\W\d_][\w'’-]*\s*:$")
_TAGS = re.compile(
    r"^(?:tags?|topics?|keywords?|categories|category|filed\s+under|labels?)\s*:\s*\S",
    re.IGNORECASE,
)
_TAGS_MARKER = re.compile(
    r"^(?:tags|topics|keywords|categories|filed\s+under|more\s+on\s+(?:this\s+story|these\s+topics)"
    r"|explore\s+more\s+on\s+these\s+topics)\s*:?$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\))?\s*\d{4})|all\s+rights\s+reserved",
    re.IGNORECASE,
)

_CREDIT = (
    r"(?:Yonhap(?:\s+News(?:\s+Agency)?)?|YONHAP|Newsis|News1|AP|AFP|Reuters|REUTERS"
    r"|Getty\s+Images|Getty|EPA(?:-EFE)?|EFE|Xinhua|XINHUA|Kyodo|Bloomberg|Shutterstock|iStock"
    r"|Alamy|Anadolu(?:\s+Agency)?|NurPhoto|TASS|KCNA|Joint\s+Press\s+Corps|Pool|POOL"
    r"|Courtesy\s+of\s+[^.]{1,60})"
    r"(?:\s+(?:Photo|photo|Photos|Images|Pictures|File|file\s+photo))?(?:\s?/\s?[^/]{1,60})?"
)
_CAPTION_END = re.compile(rf"(?:[.,;]\s|\s[-–—|/]\s?){_CREDIT}$")
_CAPTION_ALONE = re.compile(rf"^©?\s?{_CREDIT}$")
_CAPTION_PAREN = re.compile(
    r"[(\[](?:(?:AP|AFP|Reuters|EPA|Getty|Yonhap|Xinhua|File|file)\s)?"
    r"(?:[Pp]hotos?|[Ii]mages?|[Pp]ictures?|[Cc]ourtesy|[Cc]redit|[Ii]llustration)\b[^)\]]{0,80}"
    r"[)\]]$"
)
_CAPTION_START = re.compile(
    r"^(?:photo|image|picture|file\s+photo|illustration|graphic)(?:\s+(?:by|credit|courtesy))?"
    r"\s?[:|/©]\s?\S",
    re.IGNORECASE,
)

_MONTHS = MONTHS
_WEEKDAYS = WEEKDAYS | WEEKDAY_ABBREVIATIONS
_DATE = re.compile(
    r"^(?:(?:published|posted|updated|last\s+updated|modified|created|date|dated|issued)"
    r"(?:\s+(?:on|at))?\s?[:\-–—|]?\s?)?"
    r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s)?"
    r"(?:(?P<mon>[a-z]{3,9})\.?\s(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s(?P<year>\d{4})"
    r"|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s(?:of\s)?(?P<mon2>[a-z]{3,9})\.?,?\s(?P<year2>\d{4})"
    r"|(?P<year3>\d{4})[-./](?P<mon3>\d{1,2})[-./](?P<day3>\d{1,2})\.?)"
    r"(?:(?:\s?[,|@–—-]\s?|\sat\s|\s|t)\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?"
    r"(?:\s?[ap]\.?m\.?)?(?:\s?\(?[a-z]{1,5}\)?)?(?:\s?[+-]\d{1,2}:?\d{2})?)?$",
    re.IGNORECASE,
)

_BYLINE = re.compile(
    r"^(?:(?:written|reported|story|words|text)\s)?by\s?:?\s(?P<rest>\S.*)$", re.IGNORECASE
)
_DATED_BYLINE = re.compile(r"^(?P<date>.+?\d{4}.*?)\s+by\s+(?P<rest>\S.*)$", re.IGNORECASE)
_BYLINE_SPLIT = re.compile(r"\s?[,|/;(]\s?|\s[-–—]\s")
_NAME_LOWER_WORDS = frozenset({
    "and", "&", "de", "da", "del", "della", "van", "von", "der", "den", "bin", "al", "la", "le",
    "du", "di", "y", "staff", "reporter", "reporters", "correspondent", "writer", "editor"
})  # fmt: skip
_NOT_NAMES = frozenset({
    "the", "a", "an", "this", "that", "these", "those", "their", "his", "her", "its", "our"
})  # fmt: skip

_EMAIL = r"[\w.+-]+@(?P<domain>[\w-]+(?:\.[\w-]+)+)"
_SIGNATURE = re.compile(
    rf"^(?:(?P<name>[^\W\d_][\w'’.-]*(?:\s[^\W\d_][\w'’.-]*){{0,4}})\s?[,|/–—-]?\s)?"
    rf"[<(\[]?(?:e-?mail\s?:?\s?)?{_EMAIL}[>)\]]?\.?$",
    re.IGNORECASE,
)

_ORIGINAL_SOURCE = re.compile(
    r"^original\s+(?:source|article|story)\s?:\s?(?P<value>\S.*)$", re.IGNORECASE
)
_SOURCE_DOMAIN = re.compile(
    r"^(?:source|via)\s?:\s?(?P<value>(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Line:
    """One raw line: its number, its stripped raw text, the normalised text and the bare core."""

    number: int
    raw: str
    text: str
    core: str
    bulleted: bool
    words: int

    @classmethod
    def parse(cls, number: int, raw: str) -> _Line:
        text = " ".join(unicodedata.normalize("NFC", raw).split())
        start = 0
        while start < len(text) and (text[start] in _BULLETS or _is_icon(text[start])):
            start += 1
        core = text[start:]
        return cls(number, raw.strip(), text, core, start > 0, len(core.split()))


def _is_icon(ch: str) -> bool:
    """Symbols, dashes, spaces and private-use glyphs (icon fonts) that lead menu items."""
    return ch.isspace() or unicodedata.category(ch) in {"So", "Sm", "Pd", "Co"}


@dataclass
class _Found:
    """Metadata collected while scanning; the first value of each kind wins."""

    title: str | None = None
    date: str | None = None
    byline: str | None = None
    signature_name: str | None = None
    email_domain: str | None = None
    original_source: str | None = None
    extra: list[tuple[str, str]] = field(default_factory=list)

    def metadata(self) -> Metadata:
        return Metadata(
            title=self.title,
            date=self.date,
            byline=self.byline or self.signature_name,
            email_domain=self.email_domain,
            original_source=self.original_source,
            extra=tuple(sorted(self.extra)),
        )


def clean_text(raw: str, *, title: str | None = None) -> CleanedText:
    """Remove web-page boilerplate from a raw text dump; keep the article prose.

    ``title`` is a headline known from elsewhere (HTML metadata, a record's title field): lines
    equal to it are removed as the title, and no other line is guessed to be one.

    >>> cleaned = clean_text("By Jane Roe\\n\\nThe council met on Monday.\\n\\nSubscribe")
    >>> cleaned.text, cleaned.metadata.byline
    ('The council met on Monday.', 'Jane Roe')
    """
    lines = [_Line.parse(n, part) for n, part in enumerate(_BREAK.split(raw), start=1)]
    reasons: list[str | None] = [None] * len(lines)
    content = [i for i, line in enumerate(lines) if line.text]
    for i in content:
        reasons[i] = _furniture_reason(lines[i])
    _mark_settings_menus(lines, reasons, content)
    _mark_tag_lists(lines, reasons, content)
    _mark_related_lists(lines, reasons, content)
    _mark_comment_sections(lines, reasons, content)
    found = _Found()
    for i in content:
        if reasons[i] is None:
            reasons[i] = _metadata_reason(lines[i], found)
    known_title = " ".join(unicodedata.normalize("NFC", title).split()) if title else None
    _mark_headlines(lines, reasons, content, found, known_title)
    warnings = _mark_repeats(lines, reasons, content)

    kept = [lines[i].text for i in content if reasons[i] is None]
    removed = tuple(
        RemovedLine(line=lines[i].number, text=lines[i].raw, reason=reason)
        for i in content
        if (reason := reasons[i]) is not None
    )
    return CleanedText(
        text="\n\n".join(kept),
        metadata=found.metadata(),
        removed=removed,
        raw_chars=len("".join(raw.split())),  # str.split and isspace agree on whitespace
        warnings=warnings,
    )


def _mark_repeats(
    lines: Sequence[_Line], reasons: list[str | None], content: list[int]
) -> tuple[str, ...]:
    """Later copies of kept lines are ``duplicate`` (the first copy stays), or all
    ``repeated-body`` when they amount to a second copy of the body; the warning if so."""
    copies: Counter[str] = Counter()
    repeats = []
    for i in content:
        if reasons[i] is None:
            copies[lines[i].text] += 1
            if copies[lines[i].text] > 1:
                repeats.append(i)
                reasons[i] = "duplicate"
    if len(repeats) < 2:
        return ()
    repeated_chars = sum(len(lines[i].text) for i in repeats)
    kept_chars = sum(len(text) for text in copies)
    if repeated_chars < REPEATED_BODY_SHARE * kept_chars:
        return ()
    for i in repeats:
        reasons[i] = "repeated-body"
    times = Counter(copies.values()).most_common(1)[0][0]
    return (
        f"the article body appears {max(times, 2)} times; only the first copy is kept "
        f"({len(repeats)} repeated lines removed as 'repeated-body')",
    )


def parse_date(value: str) -> str | None:
    """An ISO ``YYYY-MM-DD`` date for a string that is only a date, else None.

    Month names are read from a fixed English table (not ``strptime``'s ``%B``, which follows
    the process locale), so the result does not depend on the machine.

    >>> parse_date("Friday, May 16, 2025"), parse_date("Updated 2025.03.12 14:05")
    ('2025-05-16', '2025-03-12')
    """
    match = _DATE.match(" ".join(value.split()))
    if match is None:
        return None
    groups = match.groupdict()
    year = groups["year"] or groups["year2"] or groups["year3"]
    day = groups["day"] or groups["day2"] or groups["day3"]
    month_name = groups["mon"] or groups["mon2"]
    month = _MONTHS.get(month_name.lower()) if month_name else int(groups["mon3"])
    if month is None:
        return None
    try:
        return date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None


def _furniture_reason(line: _Line) -> str | None:
    """The reason a line is page furniture on its own merits, or None."""
    core = line.core
    if not any(ch.isalpha() for ch in core):
        return "no-text"
    if _TEMPLATE.search(core):
        return "template"
    if line.words <= EMAIL_PLACEHOLDER_WORDS and _EMAIL_PLACEHOLDER.search(core):
        return "template"
    if line.words <= 8 and (_NAVIGATION.match(core) or _is_breadcrumb(core)):
        return "navigation"
    if len(core) == 1:
        return "no-text"
    if _is_share_widget(core):
        return "share-widget"
    if line.words <= 25 and _COMMENT.match(core):
        return "comment-prompt"
    if line.words <= 14 and _SUBSCRIBE.match(core):
        return "subscribe-prompt"
    if line.words <= 6 and _ADVERTISEMENT.match(core):
        return "advertisement"
    if line.words <= 5 and _SETTINGS.match(core):
        return "settings-menu"
    if line.words <= 6 and _RELATED_MARKER.match(core):
        return "related-list"
    if line.words <= 30 and _RELATED_INLINE.match(core):
        return "related-list"
    if line.words <= 6 and _TAGS_MARKER.match(core):
        return "tags"
    if _EMPTY_LABEL.match(core):
        return "empty-label"
    if line.words <= 20 and _TAGS.match(core):
        return "tags"
    if line.words <= 30 and _COPYRIGHT.search(line.text):  # the core has lost a leading ©
        return "copyright"
    if _is_caption(line):
        return "caption"
    return None


def _is_breadcrumb(core: str) -> bool:
    """``Home » Politics » Council``: short segments joined by », ›, >, / or |."""
    parts = _CRUMB_SPLIT.split(core)
    if not 2 <= len(parts) <= 8:
        return False
    if any(len(part.split()) > 3 or _SENTENCE_END.search(part) for part in parts):
        return False
    return len(parts) >= 3 or parts[0].casefold() in {"home", "homepage"}


def _is_share_widget(core: str) -> bool:
    tokens = [t for t in _SHARE_SPLIT.split(core.casefold()) if t and not t.isdigit()]
    return (
        0 < len(tokens) <= 10
        and all(t in _SHARE_WORDS for t in tokens)
        and any(t in _SHARE_KEYS for t in tokens)
    )


def _is_caption(line: _Line) -> bool:
    core = line.core
    if line.words > 80:
        return False
    if _CAPTION_END.search(core) or _CAPTION_PAREN.search(core):
        return not _SENTENCE_END.search(core)
    return (line.words <= 15 and _CAPTION_START.match(core) is not None) or (
        line.words <= 6 and _CAPTION_ALONE.match(core) is not None
    )


def _mark_settings_menus(
    lines: Sequence[_Line], reasons: list[str | None], content: list[int]
) -> None:
    """Short bulleted or letterless items right after a settings line belong to its menu."""
    in_menu = False
    for i in content:
        line = lines[i]
        if reasons[i] == "settings-menu":
            in_menu = True
        elif (
            in_menu
            and reasons[i] in (None, "no-text")
            and line.words <= 3
            and (
                line.bulleted or reasons[i] == "no-text" or line.core.casefold() in _MENU_ITEM_WORDS
            )
        ):
            reasons[i] = "settings-menu"
        else:
            in_menu = False


def _mark_tag_lists(lines: Sequence[_Line], reasons: list[str | None], content: list[int]) -> None:
    """Short lines without final punctuation right after a bare "Topics" line are its tags."""
    in_tags = False
    for i in content:
        line = lines[i]
        if reasons[i] == "tags" and _TAGS_MARKER.match(line.core):
            in_tags = True
        elif (
            in_tags
            and reasons[i] is None
            and _is_headline(line, min_words=1, max_words=4, questions=0)
        ):
            reasons[i] = "tags"
        else:
            in_tags = False


def _mark_comment_sections(
    lines: Sequence[_Line], reasons: list[str | None], content: list[int]
) -> None:
    """After the article has begun, a comments heading starts reader comments: to the end."""
    body_started = False
    for n, i in enumerate(content):
        if reasons[i] is None and _is_prose(lines[i]):
            body_started = True
        elif body_started and _COMMENTS_HEADING.match(lines[i].core):
            for j in content[n + 1 :]:
                if reasons[j] is None:
                    reasons[j] = "comments"
            return


def _mark_related_lists(
    lines: Sequence[_Line], reasons: list[str | None], content: list[int]
) -> None:
    """From a bare list marker to the end, or to where article prose resumes: teasers."""
    candidates = [i for i in content if reasons[i] is None]
    next_candidate = dict(itertools.pairwise(candidates))
    in_list = False
    for i in content:
        if reasons[i] == "related-list" and _RELATED_MARKER.match(lines[i].core):
            in_list = True
        elif in_list and reasons[i] is None:
            if _resumes_prose(lines, i, next_candidate.get(i)):
                in_list = False
            else:
                reasons[i] = "related-list"


def _resumes_prose(lines: Sequence[_Line], i: int, following: int | None) -> bool:
    line = lines[i]
    if not _is_prose(line):
        return False
    if line.words >= 25:
        return True
    return _FULL_STOP_END.search(line.core) is not None and (
        following is not None and _is_prose(lines[following])
    )


def _is_prose(line: _Line) -> bool:
    core = line.core
    return (
        line.words >= 5
        and _SENTENCE_END.search(core) is not None
        and _ELLIPSIS_END.search(core) is None
    )


def _metadata_reason(line: _Line, found: _Found) -> str | None:
    """Record a date, byline, signature or declared source line in ``found``; its reason."""
    core = line.core
    if line.words <= 12:
        iso = parse_date(core)
        if iso is not None:
            found.date = found.date or iso
            return "date"
    if line.words <= 16 and (match := _BYLINE.match(core) or _DATED_BYLINE.match(core)):
        parts = _BYLINE_SPLIT.split(match["rest"], maxsplit=1)
        name = _byline_name(parts[0])
        if name is not None:
            found.byline = found.byline or name
            when = match.groupdict().get("date") or (parts[1] if len(parts) > 1 else "")
            found.date = found.date or parse_date(when)
            return "byline"
    if line.words <= 7 and (match := _SIGNATURE.match(core)):
        name = match["name"]
        if name is None or _is_name(name.split()):
            if name is not None:
                found.signature_name = found.signature_name or name
            found.email_domain = found.email_domain or match["domain"].lower()
            return "signature"
    if line.words <= 12 and (match := _ORIGINAL_SOURCE.match(core) or _SOURCE_DOMAIN.match(core)):
        found.original_source = found.original_source or match["value"].strip()
        return "original-source"
    return None


def _byline_name(name: str) -> str | None:
    """The name after "By", if it looks like one (capitalised words, not a date)."""
    tokens = name.split()
    if not tokens or len(tokens) > 6 or not _is_name(tokens):
        return None
    return name.strip()


def _is_name(tokens: Sequence[str]) -> bool:
    first = tokens[0].casefold().strip(".,")
    if first in _MONTHS or first in _WEEKDAYS or first in _NOT_NAMES:
        return False
    for token in tokens:
        if any(ch.isdigit() for ch in token):
            return False
        if token.casefold() in _NAME_LOWER_WORDS or token.startswith(("al-", "el-", "d'", "d’")):
            continue
        if not token[0].isupper():
            return False
        if token.endswith(".") and len(token) > 3:
            return False
    return True


def _mark_headlines(
    lines: Sequence[_Line],
    reasons: list[str | None],
    content: list[int],
    found: _Found,
    known_title: str | None,
) -> None:
    """Section labels, then the title, then an optional subheadline, before any prose.

    Every copy of the title goes as "title"; later copies of other lines are left for
    "duplicate" and are not read here.
    """
    candidates = [i for i in content if reasons[i] is None]
    first: dict[str, int] = {}
    for i in candidates:
        first.setdefault(lines[i].text, i)
    later = {i for i in candidates if first[lines[i].text] != i}  # removed later as repeats
    if known_title:
        found.title = known_title
    else:
        for i in candidates:
            line = lines[i]
            if _is_headline(line, min_words=3, max_words=25, questions=15):
                found.title = line.core
                break
            if _is_headline(line, min_words=1, max_words=2, questions=0):
                reasons[i] = "section-label"
            elif i not in later:
                return  # prose comes first: no title
    if found.title is None:
        return
    key = found.title.casefold()
    copies = [i for i in candidates if reasons[i] is None and lines[i].core.casefold() == key]
    if not copies:
        return
    for i in copies:
        reasons[i] = "title"
    title_at = copies[0]
    for i in candidates:
        if i <= title_at or reasons[i] is not None or i in later:
            continue
        if _is_headline(lines[i], min_words=3, max_words=25, questions=0):
            reasons[i] = "subheadline"
            found.extra.append(("subheadline", lines[i].core))
        return


def _is_headline(line: _Line, *, min_words: int, max_words: int, questions: int) -> bool:
    """Short, with letters, and without final sentence punctuation (``?``/``!`` up to a limit)."""
    core = line.core
    if not min_words <= line.words <= max_words or len(core) > 250:
        return False
    if _NO_HEADLINE_END.search(core):
        return False
    if _QUESTION_END.search(core):
        return line.words <= questions
    return True
