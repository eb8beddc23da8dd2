"""Which language an article is written in, so that non-English text is not scored as English.

Every measure in framing is built for English (English lexicons, an English tokenizer and
pipeline, readability formulas fitted to English, VADER's English word list): Korean text gets
a Flesch reading ease above 100 and German *die* is read as the verb. The detector is
`py3langid` (a maintained fork of langid.py, 97 languages); its model ships inside the package,
so nothing is downloaded at run time. Its confidence is a normalised probability in [0, 1].

A text is refused as non-English only when the detector is sure (:data:`REFUSE_CONFIDENCE`)
and the text is long enough to judge (:data:`MIN_LETTERS`): a place name such as *Alphen aan
den Rijn* or a short quote must not sink an English article. Both thresholds were set on the
odd-numbered texts of three English corpora (12,000 sentences and 568 articles: no refusal)
and checked on the even-numbered ones (``benchmarks/eval_language.py``: no refusal either).

>>> detect("Die Regierung hat am Montag die Invasion scharf verurteilt.").code
'de'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from framing.errors import InputError

#: The language the measures are built for.
ENGLISH = "en"
#: Refuse only when the detector gives a non-English language at least this probability.
REFUSE_CONFIDENCE = 0.9
#: ... and the text has at least this many letters (shorter texts are names and fragments).
MIN_LETTERS = 40
#: The detector reads at most this many characters, in evenly spaced windows (linear, bounded).
SAMPLE_CHARS = 60_000
_WINDOWS = 6

#: English names of the languages the detector knows (ISO 639-1/-3 codes).
NAMES: dict[str, str] = {
    "af": "Afrikaans", "am": "Amharic", "an": "Aragonese", "ar": "Arabic", "as": "Assamese",
    "az": "Azerbaijani", "be": "Belarusian", "bg": "Bulgarian", "bn": "Bengali", "br": "Breton",
    "bs": "Bosnian", "ca": "Catalan", "cs": "Czech", "cy": "Welsh", "da": "Danish",
    "de": "German", "dz": "Dzongkha", "el": "Greek", "en": "English", "eo": "Esperanto",
    "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish",
    "fo": "Faroese", "fr": "French", "ga": "Irish", "gl": "Galician", "gu": "Gujarati",
    "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "ht": "Haitian Creole", "hu": "Hungarian",
    "hy": "Armenian", "id": "Indonesian", "ig": "Igbo", "is": "Icelandic", "it": "Italian",
    "ja": "Japanese", "jv": "Javanese", "ka": "Georgian", "kk": "Kazakh", "km": "Khmer",
    "kn": "Kannada", "ko": "Korean", "ku": "Kurdish", "ky": "Kyrgyz", "la": "Latin",
    "lb": "Luxembourgish", "lo": "Lao", "lt": "Lithuanian", "lv": "Latvian", "mg": "Malagasy",
    "mk": "Macedonian", "ml": "Malayalam", "mn": "Mongolian", "mr": "Marathi", "ms": "Malay",
    "mt": "Maltese", "nb": "Norwegian Bokmål", "ne": "Nepali", "nl": "Dutch",
    "nn": "Norwegian Nynorsk", "no": "Norwegian", "oc": "Occitan", "or": "Odia",
    "pa": "Punjabi", "pcm": "Nigerian Pidgin", "pl": "Polish", "ps": "Pashto",
    "pt": "Portuguese", "qu": "Quechua", "ro": "Romanian", "ru": "Russian", "rw": "Kinyarwanda",
    "se": "Northern Sami", "si": "Sinhala", "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian",
    "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu",
    "th": "Thai", "tl": "Tagalog", "tr": "Turkish", "ug": "Uyghur", "uk": "Ukrainian",
    "ur": "Urdu", "vi": "Vietnamese", "vo": "Volapük", "wa": "Walloon", "xh": "Xhosa",
    "yo": "Yoruba", "zh": "Chinese", "zu": "Zulu", "zxx": "no linguistic content",
}  # fmt: skip


@dataclass(frozen=True)
class Language:
    """A detected language: ISO code, probability in [0, 1], and how many letters were read."""

    code: str
    confidence: float
    letters: int

    @property
    def name(self) -> str:
        return NAMES.get(self.code, self.code)

    @property
    def refused(self) -> bool:
        """True when the text is confidently not English (see the module doc)."""
        return (
            self.code != ENGLISH
            and self.confidence >= REFUSE_CONFIDENCE
            and self.letters >= MIN_LETTERS
        )


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _sample(text: str) -> str:
    """The whole text, or evenly spaced windows of it when it is longer than SAMPLE_CHARS."""
    if len(text) <= SAMPLE_CHARS:
        return text
    width = SAMPLE_CHARS // _WINDOWS
    step = (len(text) - width) // (_WINDOWS - 1)
    return "\n".join(text[k * step : k * step + width] for k in range(_WINDOWS))


def detect(text: str) -> Language:
    """The language of ``text`` (``zxx`` with confidence 0 for a text without letters)."""
    sample = _sample(text)
    letters = sum(map(str.isalpha, sample))  # C speed: this runs on every article
    if not letters:
        return Language("zxx", 0.0, 0)
    code, confidence = _identifier().classify(sample)
    return Language(str(code), round(float(confidence), 4), letters)


def check_english(language: Language, source: str) -> None:
    """InputError naming the language when ``language`` is confidently not English."""
    if language.refused:
        raise InputError(
            f"{source}: the text is in {language.name} ({language.code}, confidence "
            f"{language.confidence:.2f}); framing's measures are English-only "
            "(--language-check off scores it anyway)"
        )
