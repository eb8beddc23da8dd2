"""Lexicon files: the validating loader (FILE:LINE errors), the built-ins, matching, user files."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.errors import LexiconError
from framing.lexicon.load import (
    BUILTIN,
    builtin_path,
    default_tokenizer,
    load_lexicon,
    load_lexicons,
    merge,
)
from framing.lexicon.matcher import CompiledLexicon
from framing.lexicon.model import Lexicon, compile_pattern, term_problem
from framing.lexicon.toml import CATEGORY_KEYS, LEXICON_KEYS, parse_lexicon
from framing.score import Engine

HEAD = '[lexicon]\nname = "test"\nversion = "1.0.0"\n'


def write(tmp_path: Path, text: str, name: str = "lex.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load_error(path: Path) -> str:
    """The message of the LexiconError that loading ``path`` raises."""
    with pytest.raises(LexiconError) as error:
        load_lexicon(path)
    message = str(error.value)
    assert "\n" not in message
    return message


def error_at(tmp_path: Path, text: str, line: int) -> str:
    """Load ``text`` from a file; the error must start with ``FILE:LINE:``. Returns the rest."""
    path = write(tmp_path, text)
    message = load_error(path)
    prefix = f"{path}:{line}: "
    assert message.startswith(prefix), f"expected {prefix!r}, got {message!r}"
    return message[len(prefix) :]


# --- FILE:LINE errors -----------------------------------------------------------------------


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    text = (
        "[lexicon]\n"  # 1
        'name = "test"\n'  # 2
        "version = 1.0.0\n"  # 3: bare value, not TOML
    )
    assert "invalid TOML" in error_at(tmp_path, text, 3)


def test_a_bare_word_term_is_invalid_toml(tmp_path: Path) -> None:
    text = HEAD + (
        "\n"  # 4
        "[categories.a]\n"  # 5
        'codebook = "c"\n'  # 6
        'terms = ["war", no]\n'  # 7: YAML would read `no` as False; TOML refuses it
    )
    assert "invalid TOML" in error_at(tmp_path, text, 7)


def test_unknown_key_in_lexicon_table_lists_the_valid_keys(tmp_path: Path) -> None:
    text = (
        "[lexicon]\n"  # 1
        'name = "test"\n'  # 2
        'version = "1.0.0"\n'  # 3
        'licence = "CC-BY-4.0"\n'  # 4: British spelling, not a key
        "\n"
        "[categories.a]\n"
        'codebook = "c"\n'
        'terms = ["war"]\n'
    )
    rest = error_at(tmp_path, text, 4)
    assert "'licence'" in rest
    for key in LEXICON_KEYS:
        assert key in rest


def test_unknown_key_in_category_lists_the_valid_keys(tmp_path: Path) -> None:
    text = HEAD + (
        "\n"  # 4
        "[categories.a]\n"  # 5
        'codebook = "c"\n'  # 6
        'terms = ["war"]\n'  # 7
        'weak = ["battle"]\n'  # 8: the key is weak_terms
    )
    rest = error_at(tmp_path, text, 8)
    assert "'weak'" in rest
    assert "[categories.a]" in rest
    for key in CATEGORY_KEYS:
        assert key in rest


@pytest.mark.parametrize("missing", ["name", "version"])
def test_missing_name_or_version_points_at_the_lexicon_table(tmp_path: Path, missing: str) -> None:
    fields = {"name": 'name = "test"', "version": 'version = "1.0.0"'}
    del fields[missing]
    text = (
        "# a comment\n"  # 1
        "\n"  # 2
        "[lexicon]\n"  # 3
        + "".join(f"{v}\n" for v in fields.values())
        + '\n[categories.a]\ncodebook = "c"\nterms = ["war"]\n'
    )
    assert repr(missing) in error_at(tmp_path, text, 3)


def test_missing_lexicon_table(tmp_path: Path) -> None:
    text = '[categories.a]\ncodebook = "c"\nterms = ["war"]\n'
    assert "missing [lexicon]" in error_at(tmp_path, text, 1)


@pytest.mark.parametrize("missing", ["codebook", "terms"])
def test_missing_codebook_or_terms_points_at_the_category(tmp_path: Path, missing: str) -> None:
    fields = {"codebook": 'codebook = "c"', "terms": 'terms = ["war"]'}
    del fields[missing]
    text = (
        HEAD
        + "\n"  # 4
        + '[categories.a]\ncodebook = "c"\nterms = ["peace"]\n'  # 5-7
        + "\n"  # 8
        + "[categories.b]\n"  # 9
        + 'description = "d"\n'  # 10
        + "".join(f"{v}\n" for v in fields.values())
    )
    rest = error_at(tmp_path, text, 9)
    assert repr(missing) in rest
    assert "categories.b" in rest


@pytest.mark.parametrize("name", ["Framing", "my-lex", "1lex", "my lex", "_lex"])
def test_bad_lexicon_name(tmp_path: Path, name: str) -> None:
    text = (
        "[lexicon]\n"  # 1
        'version = "1.0.0"\n'  # 2
        f'name = "{name}"\n'  # 3
        '\n[categories.a]\ncodebook = "c"\nterms = ["war"]\n'
    )
    rest = error_at(tmp_path, text, 3)
    assert "bad lexicon name" in rest
    assert repr(name) in rest


@pytest.mark.parametrize("name", ["Strategic", "bad-name", "2nd"])
def test_bad_category_name(tmp_path: Path, name: str) -> None:
    text = HEAD + (
        "\n"  # 4
        '[categories.a]\ncodebook = "c"\nterms = ["peace"]\n'  # 5-7
        f"[categories.{name}]\n"  # 8
        'codebook = "c"\n'
        'terms = ["war"]\n'
    )
    rest = error_at(tmp_path, text, 8)
    assert "bad category name" in rest
    assert repr(name) in rest


def test_bad_version(tmp_path: Path) -> None:
    text = (
        '[lexicon]\nname = "test"\nversion = "one"\n[categories.a]\ncodebook = "c"\nterms = ["w"]\n'
    )
    assert "bad version 'one'" in error_at(tmp_path, text, 3)


def test_non_string_term(tmp_path: Path) -> None:
    text = HEAD + (
        "\n"  # 4
        "[categories.a]\n"  # 5
        'codebook = "c"\n'  # 6
        'terms = ["war", 3]\n'  # 7
    )
    assert "3 is not a string" in error_at(tmp_path, text, 7)


def test_non_string_weak_term(tmp_path: Path) -> None:
    text = HEAD + (
        "\n"  # 4
        "[categories.a]\n"  # 5
        'codebook = "c"\n'  # 6
        'terms = ["war"]\n'  # 7
        "weak_terms = [true]\n"  # 8
    )
    assert "is not a string" in error_at(tmp_path, text, 8)


def test_empty_term_on_the_terms_line(tmp_path: Path) -> None:
    text = HEAD + '\n[categories.a]\ncodebook = "c"\nterms = ["war", ""]\n'
    assert "empty term" in error_at(tmp_path, text, 7)


def test_empty_term_in_a_multi_line_list_names_its_own_line(tmp_path: Path) -> None:
    text = HEAD + (
        "\n"  # 4
        "[categories.a]\n"  # 5
        'codebook = "c"\n'  # 6
        "terms = [\n"  # 7
        '    "war",\n'  # 8
        '    "",\n'  # 9
        "]\n"
    )
    assert "empty term" in error_at(tmp_path, text, 9)


def test_whitespace_only_term_is_empty(tmp_path: Path) -> None:
    text = HEAD + (
        "\n"  # 4
        "[categories.a]\n"  # 5
        'codebook = "c"\n'  # 6
        "terms = [\n"  # 7
        '    "war",\n'  # 8
        '    "   ",\n'  # 9
        "]\n"
    )
    assert "empty term" in error_at(tmp_path, text, 9)


TERMS_AT_LINE_9 = HEAD + (
    "\n"  # 4
    "[categories.a]\n"  # 5
    'codebook = "c"\n'  # 6
    "terms = [\n"  # 7
    '    "war",\n'  # 8
    '    "{term}",\n'  # 9
    "]\n"
)


@pytest.mark.parametrize(
    ("term", "reason"),
    [
        ("ref*ugee", "may only end a word"),
        ("**", "may only end a word"),
        ("re*", "at least 3"),
        ("ab*", "at least 3"),
        ("civilian ca*", "at least 3"),
        ("*", "bad word"),
        ("refugee *", "bad word"),
    ],
)
def test_bad_wildcard(tmp_path: Path, term: str, reason: str) -> None:
    rest = error_at(tmp_path, TERMS_AT_LINE_9.replace("{term}", term), 9)
    assert f"bad term {term!r}" in rest
    assert reason in rest


@pytest.mark.parametrize(
    "term",
    [
        "a-b*",  # two letters; the hyphen splits it and leaves a one-letter wildcard 'b*'
        "...*",  # no letters at all
    ],
)
def test_wildcard_needs_three_letters_before_the_star(tmp_path: Path, term: str) -> None:
    # lexicons/README.md: "At least three letters must come before the `*`."
    assert term_problem(term) is not None
    error_at(tmp_path, TERMS_AT_LINE_9.replace("{term}", term), 9)


@pytest.mark.parametrize("term", ["{FOO}", "around {num}", "{NUM}s", "up to {}"])
def test_bad_placeholder(tmp_path: Path, term: str) -> None:
    rest = error_at(tmp_path, TERMS_AT_LINE_9.replace("{term}", term), 9)
    assert f"bad term {term!r}" in rest
    assert "{NUM}" in rest


def test_num_placeholder_is_accepted(tmp_path: Path) -> None:
    lex = load_lexicon(write(tmp_path, TERMS_AT_LINE_9.replace("{term}", "around {NUM}")))
    (term,) = [t for t in lex.categories["a"].terms if t.text == "around {NUM}"]
    assert term.pattern == ("around", "{NUM}")
    assert term.line == 9


def test_duplicate_term_within_a_category_names_both_lines(tmp_path: Path) -> None:
    text = HEAD + (
        "\n"  # 4
        "[categories.a]\n"  # 5
        'codebook = "c"\n'  # 6
        "terms = [\n"  # 7
        '    "war",\n'  # 8
        '    "peace",\n'  # 9
        '    "war",\n'  # 10
        "]\n"
    )
    rest = error_at(tmp_path, text, 10)
    assert "duplicate term 'war'" in rest
    assert "line 8" in rest


def test_duplicate_between_terms_and_weak_terms(tmp_path: Path) -> None:
    text = HEAD + (
        "\n"  # 4
        "[categories.a]\n"  # 5
        'codebook = "c"\n'  # 6
        'terms = ["war"]\n'  # 7
        'weak_terms = ["War"]\n'  # 8: compared case-insensitively
    )
    rest = error_at(tmp_path, text, 8)
    assert "duplicate term 'War'" in rest
    assert "line 7" in rest


def test_duplicate_term_across_categories_names_both_lines(tmp_path: Path) -> None:
    text = HEAD + (
        "\n"  # 4
        "[categories.a]\n"  # 5
        'codebook = "c"\n'  # 6
        "terms = [\n"  # 7
        '    "peace",\n'  # 8
        '    "ceasefire",\n'  # 9
        "]\n"  # 10
        "\n"  # 11
        "[categories.b]\n"  # 12
        'codebook = "c"\n'  # 13
        "terms = [\n"  # 14
        '    "troops",\n'  # 15
        '    "Ceasefire",\n'  # 16
        "]\n"
    )
    rest = error_at(tmp_path, text, 16)
    assert "duplicate term 'Ceasefire'" in rest
    assert "'a'" in rest
    assert "line 9" in rest


def test_unreadable_file_is_a_lexicon_error(tmp_path: Path) -> None:
    path = tmp_path / "absent.toml"
    assert load_error(path).startswith(f"{path}:1: ")


def test_lexicon_error_is_a_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        load_lexicon(write(tmp_path, "[lexicon]\n"))


# --- the built-in lexicons --------------------------------------------------------------------


@pytest.fixture(scope="module")
def builtins() -> dict[str, Lexicon]:
    return {name: load_lexicon(builtin_path(name)) for name in BUILTIN}


def test_the_builtins_load(builtins: dict[str, Lexicon]) -> None:
    assert sorted(builtins) == ["attribution", "evaluation", "framing", "hedging", "sources"]
    for name, lex in builtins.items():
        assert lex.name == name
        assert re.fullmatch(r"\d+\.\d+\.\d+", lex.version)
        assert lex.license
        assert lex.references
        assert lex.categories


def test_every_builtin_category_cites_its_codebook(builtins: dict[str, Lexicon]) -> None:
    for lex in builtins.values():
        for cat in lex.categories.values():
            assert cat.codebook.strip(), f"{lex.name}.{cat.name} has no codebook"
            assert cat.terms, f"{lex.name}.{cat.name} has no terms"


def test_builtins_load_together_with_no_user_files() -> None:
    lexicons = load_lexicons()
    assert lexicons.custom == ()
    assert set(lexicons.versions) == set(BUILTIN)


# --- matching ---------------------------------------------------------------------------------


def compiled(
    categories: dict[str, list[str]], weak: dict[str, list[str]] | None = None
) -> CompiledLexicon:
    """A CompiledLexicon from ``{category: terms}`` (categories in the given file order)."""
    weak = weak or {}
    body = "".join(
        f'[categories.{name}]\ncodebook = "c"\nterms = {json.dumps(terms)}\n'
        + (f"weak_terms = {json.dumps(weak[name])}\n" if name in weak else "")
        for name, terms in categories.items()
    )
    return CompiledLexicon(parse_lexicon(HEAD + body))


def hits(lexicon: CompiledLexicon, tokens: list[str]) -> list[tuple[str, str, int, int]]:
    return [(m.category, m.term, m.start, m.end) for m in lexicon.match(tokens)]


@pytest.mark.parametrize("order", ["short_first", "long_first"])
def test_longest_match_wins_whatever_the_category(order: str) -> None:
    cats = {"strategic": ["casualties"], "humanitarian": ["civilian casualties"]}
    if order == "long_first":
        cats = dict(reversed(cats.items()))
    lex = compiled(cats)
    assert hits(lex, ["heavy", "civilian", "casualties", "and", "casualties"]) == [
        ("humanitarian", "civilian casualties", 1, 3),
        ("strategic", "casualties", 4, 5),
    ]


@pytest.mark.parametrize("order", ["wildcard_first", "exact_first"])
def test_an_exact_term_beats_a_wildcard_of_the_same_length(order: str) -> None:
    cats = {"hedges": ["doubt*"], "boosters": ["doubtless"]}
    if order == "exact_first":
        cats = dict(reversed(cats.items()))
    lex = compiled(cats)
    assert hits(lex, ["doubtless"]) == [("boosters", "doubtless", 0, 1)]
    assert hits(lex, ["doubts"]) == [("hedges", "doubt*", 0, 1)]


def test_wildcard_matches_any_token_starting_with_its_stem() -> None:
    lex = compiled({"humanitarian": ["refuge*"]})
    for token in ["refuge", "refugee", "refugees"]:
        assert hits(lex, [token]) == [("humanitarian", "refuge*", 0, 1)]
    assert hits(lex, ["refuse", "refug", "prefugee"]) == []


def test_matching_is_on_lower_cased_tokens_and_terms() -> None:
    lex = compiled({"a": ["Human Rights"]})
    assert hits(lex, ["human", "rights"]) == [("a", "Human Rights", 0, 2)]


@pytest.mark.parametrize("number", ["4,000", "40%", "four", "4.5", "11,000", "1st", "dozens"])
def test_num_matches_one_number_token(number: str) -> None:
    lex = compiled({"hedges": ["around {NUM}"]})
    assert hits(lex, ["around", number, "people"]) == [("hedges", "around {NUM}", 0, 2)]


@pytest.mark.parametrize("token", ["forty-ish", "some", "4,000th-ish", "", "%"])
def test_num_does_not_match_other_tokens(token: str) -> None:
    lex = compiled({"hedges": ["around {NUM}"]})
    assert hits(lex, ["around", token]) == []


def test_multi_word_terms_do_not_overlap() -> None:
    lex = compiled({"a": ["according to", "to date"]})
    assert hits(lex, ["according", "to", "date"]) == [("a", "according to", 0, 2)]


def test_weak_terms_are_flagged_weak() -> None:
    lex = compiled({"strategic": ["troops"]}, weak={"strategic": ["strategy"]})
    assert [(m.term, m.weak) for m in lex.match(["strategy", "troops"])] == [
        ("strategy", True),
        ("troops", False),
    ]


# --- user lexicons through an Engine -----------------------------------------------------------

STRATEGIC_OVERRIDE = """\
[lexicon]
name = "framing"
version = "1.0.0"

[categories.strategic]
codebook = "test override"
terms = ["blockade"]
weak_terms = ["strategy"]
"""

TEXT = (
    "The troops advanced on the town.\n\n"
    "The blockade strategy failed.\n\n"
    "The marketing strategy worked for the refugees."
)


def frame_evidence(engine: Engine, text: str, category: str) -> list[str]:
    score = engine.score_text(text)
    return [
        e.text.lower() for e in score.evidence if e.family == "frames" and e.category == category
    ]


def test_builtin_troops_are_context_not_strategic(blank: Engine) -> None:
    # framing 2.0.0: people in arms are context (military_persons); they license weak terms
    assert "troops" not in frame_evidence(blank, TEXT, "strategic")
    assert frame_evidence(blank, "The troops began the deployment.", "strategic") == ["deployment"]


def test_user_file_replaces_a_builtin_category(tmp_path: Path, blank: Engine) -> None:
    path = write(tmp_path, STRATEGIC_OVERRIDE)
    engine = Engine(spacy_model="blank", lexicons=[path])
    score = engine.score_text(TEXT)
    # troops is gone; the weak "strategy" counts only next to the strong "blockade"
    assert frame_evidence(engine, TEXT, "strategic") == ["blockade", "strategy"]
    assert score.metrics["strategic_terms"] == 2
    assert score.metrics["strategic_sentence_share"] == pytest.approx(1 / 3)
    # the category left out of the user file stays as built in
    assert frame_evidence(engine, TEXT, "humanitarian") == ["refugees"]
    assert set(engine.lexicon_set["framing"].categories) == set(
        blank.lexicon_set["framing"].categories
    )
    builtin = blank.lexicon_set["framing"].version
    assert score.lexicons["framing"].startswith(f"{builtin}+user.")
    assert score.lexicon_hash != blank.score_text(TEXT).lexicon_hash


def test_user_file_with_a_new_name_adds_custom_measures(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[lexicon]\nname = "mylex"\nversion = "0.1"\n\n'
        '[categories.cat]\ncodebook = "mine"\nterms = ["ferry", "harbo*"]\n'
        'weak_terms = ["boat"]\n\n'
        '[categories.other]\ncodebook = "mine"\nterms = ["bridge"]\n',
    )
    engine = Engine(spacy_model="blank", lexicons=[path])
    score = engine.score_text(
        "The ferry left the harbour.\n\nA boat sank.\n\nThe ferry boat returned."
    )
    assert (
        score.custom["mylex.cat"]["count"] == 4
    )  # ferry, harbour, ferry, boat (not the lone boat)
    assert score.custom["mylex.cat"]["per_1000_words"] > 0
    assert score.custom["mylex.other"]["count"] == 0
    assert engine.lexicon_set.custom == ("mylex",)
    assert score.lexicons["mylex"].startswith("0.1+user.")
    custom = [e.text for e in score.evidence if e.family == "custom:mylex"]
    assert custom == ["ferry", "harbour", "ferry", "boat"]


def test_merge_refuses_a_term_in_two_categories(tmp_path: Path) -> None:
    base = load_lexicon(builtin_path("framing"))
    humanitarian = next(t.text for t in base.categories["humanitarian"].terms)
    path = write(
        tmp_path,
        STRATEGIC_OVERRIDE.replace('["blockade"]', f'["blockade", "{humanitarian}"]'),
    )
    user = load_lexicon(path)
    with pytest.raises(LexiconError) as error:
        merge(base, user)
    message = str(error.value)
    assert message.startswith(f"{path}:7: ")  # the user's terms line
    assert repr(humanitarian) in message
    assert "'humanitarian'" in message
    assert "framing.toml" in message
    with pytest.raises(LexiconError):
        load_lexicons([path])


def test_merge_conflict_points_at_the_user_file_whichever_category_it_replaces(
    tmp_path: Path,
) -> None:
    # The user's humanitarian list takes a built-in strategic term: the user file is the one
    # to fix, so its FILE:LINE leads the message, as when the user replaces strategic.
    path = write(
        tmp_path,
        '[lexicon]\nname = "framing"\nversion = "1.0.0"\n\n'
        '[categories.humanitarian]\ncodebook = "c"\n'
        'terms = ["grief", "artillery"]\n',  # line 7
    )
    with pytest.raises(LexiconError) as error:
        load_lexicons([path])
    message = str(error.value)
    assert message.startswith(f"{path}:7: "), message
    assert "'artillery'" in message


def test_merge_allows_moving_a_term_when_both_categories_are_replaced(tmp_path: Path) -> None:
    base = load_lexicon(builtin_path("framing"))
    path = write(
        tmp_path,
        STRATEGIC_OVERRIDE.replace('["blockade"]', '["blockade", "suffer*"]')
        + '\n[categories.humanitarian]\ncodebook = "c"\nterms = ["grief"]\n',
    )
    merged = merge(base, load_lexicon(path))
    assert [t.text for t in merged.categories["humanitarian"].terms] == ["grief"]
    assert merged.overrides == (str(path),)


# --- properties -------------------------------------------------------------------------------

TERM_ALPHABET = st.sampled_from(list("abcé -*{}NUM.'’0123\t")) | st.characters()
terms = st.one_of(
    st.text(),
    st.text(TERM_ALPHABET, max_size=20),
    st.lists(
        st.sampled_from(["war", "refuge*", "{NUM}", "{FOO}", "ab*", "*", "u.s.", "people's", ""]),
        max_size=4,
    ).map(" ".join),
)


@settings(max_examples=300, deadline=None)
@given(terms)
def test_term_problem_never_raises_and_accepted_terms_compile(text: str) -> None:
    problem = term_problem(text)
    assert problem is None or isinstance(problem, str)
    if problem is None:
        pattern = compile_pattern(text, default_tokenizer())
        assert pattern
        assert all(p for p in pattern)


# issue #20: the loader is linear in its input and never reads a FIFO or a device -----------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
def test_a_fifo_or_a_device_as_lexicon_is_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "watch.toml"
    os.mkfifo(fifo)  # reading it would block forever
    assert "not a regular file" in load_error(fifo)
    assert load_error(Path("/dev/zero")).startswith("/dev/zero:1: ")
    os.mkfifo(tmp_path / "moral.dic")
    assert "not a regular file" in load_error(tmp_path / "moral.dic")


def test_terms_of_a_large_lexicon_keep_their_lines_and_wildcard_warnings(tmp_path: Path) -> None:
    words = [f"w{i:05d}x" for i in range(3000)]
    body = "".join(f'  "{w}",\n' for w in words)
    text = (
        '[lexicon]\nname = "big"\nversion = "1.0"\ndescription = "x"\nlicense = "CC0"\n\n'
        f'[categories.alpha]\ncodebook = "x"\nterms = [\n{body}]\n\n'
        '[categories.beta]\ncodebook = "x"\nterms = ["w0001*", \'w02999*\']\n'
    )
    lex = load_lexicon(write(tmp_path, text))
    alpha = lex.categories["alpha"].terms
    assert [t.line for t in alpha[:2]] == [10, 11] and alpha[-1].line == 3009
    assert lex.categories["beta"].terms[1].line == 3014  # a literal '…' string too
    shadowed = [w for w in lex.warnings if "is also matched by" in w]
    assert len(shadowed) == 10 + 1  # w00010x..w00019x by w0001*, w02999x by w02999*
    assert shadowed[0].startswith(f"{lex.path}:20: 'w00010x' (alpha)")
