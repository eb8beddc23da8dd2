"""Quantities and dates: what is extracted, what it describes, and how two of them compare."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.rewrite.numbers import (
    Quantity,
    compare_quantities,
    describe,
    extract_quantities,
    same_referent,
)
from tests.conftest import seed_path


def only(text: str) -> Quantity:
    """The single quantity of ``text``."""
    qs = extract_quantities(text)
    assert len(qs) == 1, qs
    return qs[0]


def find(text: str, span: str) -> Quantity:
    """The quantity of ``text`` whose text is ``span``."""
    hits = [q for q in extract_quantities(text) if q.text == span]
    assert len(hits) == 1, extract_quantities(text)
    return hits[0]


def texts(text: str) -> list[str]:
    return [q.text for q in extract_quantities(text)]


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("11,000 soldiers", 11_000.0),
        ("11 thousand soldiers", 11_000.0),
        ("11k soldiers", 11_000.0),
        ("4.5 million people", 4_500_000.0),
        ("two soldiers", 2.0),
        ("twenty-one soldiers", 21.0),
        ("a dozen tanks", 12.0),
        ("half a million people", 500_000.0),
        ("two hundred thousand people", 200_000.0),
    ],
)
def test_count_values_are_normalised(text: str, value: float) -> None:
    q = only(text)
    assert (q.kind, q.value, q.vague) == ("count", value, False)


@pytest.mark.parametrize(
    "text", ["thousands of troops", "tens of thousands of troops", "dozens of soldiers"]
)
def test_indefinite_plurals_are_vague_with_no_value(text: str) -> None:
    q = only(text)
    assert (q.kind, q.value, q.vague, q.described) == ("count", None, True, "soldier")


def test_a_range_is_vague() -> None:
    q = only("3-5 soldiers were hurt")
    assert (q.text, q.value, q.vague, q.described) == ("3-5", None, True, "soldier")


@pytest.mark.parametrize("text", ["40%", "40 %", "40 percent", "40 per cent", "forty percent"])
def test_percent_forms(text: str) -> None:
    q = only(f"{text} of the soldiers")
    assert (q.kind, q.value, q.unit, q.described) == ("percent", 40.0, "percent", "soldier")


def test_percentage_points_are_their_own_unit() -> None:
    assert only("rose 5 percentage points").unit == "percentage point"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("two-thirds of the soldiers", 2 / 3),
        ("a third of the soldiers", 1 / 3),
        ("three-quarters of the soldiers", 0.75),
        ("half of the soldiers", 0.5),
        ("one in five soldiers", 0.2),
    ],
)
def test_fractions_are_proportions(text: str, value: float) -> None:
    q = only(text)
    assert q.kind == "fraction" and q.described == "soldier"
    assert q.value == pytest.approx(value)


def test_a_third_without_of_is_an_ordinal_not_a_fraction() -> None:
    q = only("a third soldier was captured")
    assert (q.kind, q.value) == ("ordinal", 3.0)


# --------------------------------------------------------------------------- qualifiers


@pytest.mark.parametrize(
    ("prefix", "qualifier"),
    [
        ("", "exact"),
        ("about ", "approx"),
        ("around ", "approx"),
        ("approximately ", "approx"),
        ("roughly ", "approx"),
        ("an estimated ", "approx"),
        ("some ", "approx"),
        ("nearly ", "under"),
        ("almost ", "under"),
        ("fewer than ", "under"),
        ("over ", "over"),
        ("more than ", "over"),
        ("up to ", "up_to"),
        ("as many as ", "up_to"),
        ("at least ", "at_least"),
    ],
)
def test_qualifier_words_before_the_number(prefix: str, qualifier: str) -> None:
    text = f"North Korea sent {prefix}11,000 soldiers."
    q = only(text)
    assert (q.qualifier, q.value, q.text) == (qualifier, 11_000.0, f"{prefix}11,000")
    assert q.start == text.index(prefix + "11,000")


def test_trailing_or_so_and_or_more() -> None:
    assert (only("11,000 or so soldiers").qualifier, only("20 or more people").qualifier) == (
        "approx",
        "at_least",
    )
    assert only("11,000 or so soldiers").described == "soldier"


def test_a_sentence_initial_qualifier_is_part_of_the_span() -> None:
    q = only("Approximately 11,000 North Korean troops are reportedly aiding Russia.")
    assert (q.text, q.qualifier, q.described) == ("Approximately 11,000", "approx", "soldier")


# --------------------------------------------------------------------------- described


@pytest.mark.parametrize("noun", ["troops", "soldiers", "servicemen", "forces", "personnel"])
def test_soldier_synonyms(noun: str) -> None:
    assert only(f"11,000 {noun} were sent").described == "soldier"


@pytest.mark.parametrize("noun", ["people", "persons", "individuals"])
def test_person_synonyms(noun: str) -> None:
    assert only(f"300 {noun} fled").described == "person"


@pytest.mark.parametrize(
    ("text", "described"),
    [
        ("11,000 North Korean soldiers", "soldier"),
        ("3,500 more soldiers", "soldier"),
        ("Around 3,500 additional North Korean soldiers", "soldier"),
        ("two injured North Korean soldiers", "soldier"),
        ("120 fighter jets", "jet"),
        ("17 children", "child"),
        ("eight other organizations", "organization"),
        ("12 stories", "story"),
        ("4,000 casualties", "casualty"),
        ("4,000 deaths", "death"),
    ],
)
def test_head_noun_after_adjectives_and_compounds(text: str, described: str) -> None:
    assert only(text).described == described


def test_casualty_predicates_describe_the_number() -> None:
    q = only("around 4,000 killed or injured")
    assert (q.text, q.qualifier, q.value, q.described) == (
        "around 4,000",
        "approx",
        4000.0,
        "casualty",
    )
    q = only("around 4,000 of whom have been killed or injured")
    assert q.described == "casualty"
    # after the noun a casualty predicate wins: these troops are counted as casualties
    assert only("4,000 North Korean troops had been killed or injured").described == "casualty"
    assert only("12 soldiers were killed").described == "death"


def test_deployment_stays_a_count_of_soldiers() -> None:
    assert only("11,000 North Korean soldiers have been deployed").described == "soldier"


def test_over_4000_losses_and_two_thirds_presumed_dead() -> None:
    text = "reports indicating over 4,000 had suffered losses, including two-thirds presumed dead."
    over, frac = extract_quantities(text)
    assert (over.text, over.kind, over.qualifier, over.value, over.described) == (
        "over 4,000",
        "count",
        "over",
        4000.0,
        "casualty",
    )
    assert (frac.text, frac.kind, frac.described) == ("two-thirds", "fraction", "death")
    assert frac.value == pytest.approx(0.6667, abs=1e-4)


def test_of_them_can_stay_undescribed() -> None:
    assert only("about 40% of them").described is None


def test_percent_before_an_adjective_describes_nothing() -> None:
    assert only("he was 80 percent certain about his decision").described is None


# --------------------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("text", "currency", "value"),
    [
        ("$540 million", "USD", 5.4e8),
        ("¥6.45 trillion", "JPY", 6.45e12),
        ("¥6.45 Trillion", "JPY", 6.45e12),
        ("1.5 trillion won", "KRW", 1.5e12),
        ("€5bn", "EUR", 5e9),
        ("£20 million", "GBP", 2e7),
        ("300 yuan", "CNY", 300.0),
        ("USD 5 million", "USD", 5e6),
    ],
)
def test_money(text: str, currency: str, value: float) -> None:
    q = only(f"They paid {text} for it.")
    assert (q.kind, q.currency, q.text) == ("money", currency, text)
    assert q.value == pytest.approx(value)


def test_money_carries_its_qualifier_and_event() -> None:
    q = only("North Korea earned approximately $540 million from arms deals")
    assert (q.text, q.qualifier, q.event) == ("approximately $540 million", "approx", "earn")
    assert describe(q) == "money of earn"


# --------------------------------------------------------------------------- ages


def test_name_comma_age_comma_is_an_age() -> None:
    text = "Ri, 26, and another soldier, 21-year-old Baek, were captured on Jan. 9."
    ri, baek, date = extract_quantities(text)
    assert (ri.text, ri.kind, ri.value, ri.described) == ("26", "age", 26.0, "Ri")
    assert (baek.text, baek.kind, baek.value, baek.described) == (
        "21-year-old",
        "age",
        21.0,
        "Baek",
    )
    assert date.kind == "date"


def test_age_describes_the_noun_after_year_old() -> None:
    q = only("26-year-old North Korean soldier expresses hopes")
    assert (q.kind, q.value, q.described) == ("age", 26.0, "soldier")


@pytest.mark.parametrize(
    ("text", "value"), [("aged 61", 61.0), ("26 years old", 26.0), ("Yu Huaying, 61, was", 61.0)]
)
def test_other_age_forms(text: str, value: float) -> None:
    q = only(text)
    assert (q.kind, q.value) == ("age", value)


def test_a_count_after_a_comma_is_not_an_age() -> None:
    qs = extract_quantities("In 2015, 26 soldiers were sent.")
    assert [(q.kind, q.value) for q in qs] == [("year", 2015.0), ("count", 26.0)]


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "span", "date"),
    [
        ("captured on Jan. 9 in Kursk", "Jan. 9", (None, 1, 9)),
        ("captured on January 9, 2025, in Kursk", "January 9, 2025", (2025, 1, 9)),
        ("captured on 9 January 2025 in Kursk", "9 January 2025", (2025, 1, 9)),
        ("captured on 2025-01-09 in Kursk", "2025-01-09", (2025, 1, 9)),
        ("captured on the 9th of January in Kursk", "9th of January", (None, 1, 9)),
        ("captured on March 3rd 2024 in Kursk", "March 3rd 2024", (2024, 3, 3)),
        ("captured in January 2025 in Kursk", "January 2025", (2025, 1, None)),
        ("captured in January in Kursk", "January", (None, 1, None)),
        ("captured on 13/01/2025 in Kursk", "13/01/2025", (2025, 1, 13)),
        ("Friday, May 16, 2025", "May 16, 2025", (2025, 5, 16)),
    ],
)
def test_dates_are_normalised(text: str, span: str, date: tuple[int | None, ...]) -> None:
    q = only(text)
    assert (q.kind, q.text, q.date, q.value) == ("date", span, date, None)


def test_on_is_not_part_of_the_date() -> None:
    text = "On March 17, 2025, diplomats from South Korea and Ukraine convened."
    q = only(text)
    assert (q.text, q.date) == ("March 17, 2025", (2025, 3, 17))


@pytest.mark.parametrize(
    "text",
    [
        "captured last month by Ukrainian forces",
        "the ministry said on Wednesday",
        "he said during a press conference, Tuesday (local time)",
        "captured earlier this year",
        "sent to Russia last fall",
        "deployed two years ago",
        "They may agree",  # the modal, not the month
        "on 01/09/2025",  # January 9 or 1 September: not guessed
    ],
)
def test_relative_and_ambiguous_dates_are_skipped(text: str) -> None:
    assert extract_quantities(text) == []


def test_a_year_inside_a_full_date_belongs_to_the_date() -> None:
    assert texts("captured on January 11, 2025, and treated") == ["January 11, 2025"]


def test_years() -> None:
    year = find("North Korea earned $540 million in 2023", "2023")
    assert (year.kind, year.value, year.date, year.event) == (
        "year",
        2023.0,
        (2023, None, None),
        "earn",
    )
    assert only("by mid-2024").kind == "year"
    assert (only("in the 1990s").value, only("in the 1990s").vague) == (1990.0, True)


def test_the_1950_53_korean_war_is_two_years_not_counts() -> None:
    qs = extract_quantities("since the 1950-53 Korean War")
    assert [(q.text, q.kind, q.value) for q in qs] == [
        ("1950", "year", 1950.0),
        ("53", "year", 1953.0),
    ]


def test_a_bare_four_digit_number_is_a_count_only_when_it_counts() -> None:
    assert [q.kind for q in extract_quantities("the 2024 elections")] == ["year"]
    assert [q.kind for q in extract_quantities("they sent 2000 soldiers")] == ["count"]
    assert [q.kind for q in extract_quantities("about 2000 people")] == ["count"]


# --------------------------------------------------------------------------- events


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Ri and Baek were captured on Jan. 9 in Russia's Kursk region.", "capture"),
        ("He said he was deployed to the war in Ukraine on Jan. 5 but was unaware.", "deploy"),
        ("Captured on January 11, 2025, these two soldiers received treatment.", "capture"),
        (
            "The two soldiers were captured by Ukraine in Russia's Kursk region in January 2025.",
            "capture",
        ),
        ("troops sent to battlefields since October 2024 to support Russia", "send"),
        ("Yu Yong-weon, who visited Ukraine in February, reported", "visit"),
        # the date opens the sentence: the event follows it
        ("On March 17, 2025, diplomats from South Korea and Ukraine convened.", "meet"),
        ("Since 2024, North Korea has deployed thousands of troops to Russia.", "deploy"),
        # "deployed" after a possessive is an adjective; the event is the killing
        (
            "By January 2025, about 40% of North Korea's deployed soldiers had been killed.",
            "kill",
        ),
        ("The photo was taken in Seoul on Feb. 13.", None),
    ],
)
def test_date_events(text: str, event: str | None) -> None:
    (q,) = [q for q in extract_quantities(text) if q.kind in {"date", "year"}]
    assert q.event == event


def test_an_event_in_another_sentence_does_not_count() -> None:
    q = only("They were captured. On Jan. 9 the fighting ended.")
    assert q.event == "end"


# --------------------------------------------------------------------------- durations, ordinals


def test_durations() -> None:
    q = only("He served three years in prison.")
    assert (q.kind, q.value, q.unit, q.event) == ("duration", 3.0, "year", "serve")
    q = only("a 10-day ceasefire")
    assert (q.kind, q.value, q.unit, q.described) == ("duration", 10.0, "day", "ceasefire")
    two_weeks, fourteen_days = only("two weeks"), only("14 days")
    assert compare_quantities(two_weeks, fourteen_days) == "same"


def test_ordinals_need_a_noun_and_are_not_names() -> None:
    q = only("for the first time")
    assert (q.kind, q.value, q.described) == ("ordinal", 1.0, "time")
    assert only("in the 21st century").value == 21.0
    assert extract_quantities('"First, I plan to apply for asylum," he said.') == []
    assert extract_quantities("According to the Third Geneva Convention, prisoners") == []
    assert extract_quantities("without triggering a Third World War") == []


# --------------------------------------------------------------------------- hard negatives


@pytest.mark.parametrize(
    "text",
    [
        "returning them would violate Article 45 of the Geneva Convention",
        "Resolution 2231 of the Security Council",
        "during the COVID-19 pandemic",
        "Russian Su-27 jets and F-16s",
        "a G7 summit and flight MH17",
        "Call +82-2-724-2114 or (202) 555-0123",
        "at 10:30 a.m. or 9 pm",
        "see https://example.com/2024/05/story-11000 or lhj@koreatimes.co.kr",
        "version 3.8.0 of the library",
        "No. 5 on the list",
    ],
)
def test_identifiers_are_not_quantities(text: str) -> None:
    assert extract_quantities(text) == []


def test_page_furniture_numbers_are_skipped() -> None:
    text = "Settings\n\nⓕ font-size\n\n  • -2\n  • -1\n  • 0\n  • +1\n  • +2\n"
    assert extract_quantities(text) == []


def test_one_of_the_two_soldiers_counts_two_not_one() -> None:
    # "one of" picks a member of a set: it counts nothing (no false count 1 of soldier)
    q = only("one of the two soldiers expressed a desire to defect")
    assert (q.text, q.value, q.described) == ("two", 2.0, "soldier")
    assert extract_quantities("one of the soldiers expressed a desire to defect") == []
    assert extract_quantities("no one should be forcibly returned") == []


def test_one_with_a_noun_is_a_count() -> None:
    q = only("one soldier expressed a desire to remain in Ukraine")
    assert (q.value, q.described) == (1.0, "soldier")


def test_title_case_headlines_keep_their_numbers() -> None:
    q = only("North Korea Sent 3,500 More Soldiers To Russia")
    assert (q.value, q.described) == (3500.0, "soldier")


# --------------------------------------------------------------------------- describe


def test_describe() -> None:
    assert describe(only("11,000 troops")) == "count of soldier"
    assert describe(only("captured on Jan. 9")) == "date of capture"
    assert describe(only("about 40% of the soldiers")) == "percent of soldier"
    assert describe(only("they counted 11,000")) == "count"


# --------------------------------------------------------------------------- referents


def test_troops_and_soldiers_are_the_same_referent_and_the_number_changed() -> None:
    a, b = only("11,000 troops"), only("12,000 soldiers")
    assert same_referent(a, b)
    assert compare_quantities(a, b) == "changed"


def test_requalified() -> None:
    a, b = only("11,000 soldiers"), only("about 11,000 soldiers")
    assert same_referent(a, b)
    assert compare_quantities(a, b) == "requalified"
    assert compare_quantities(a, only("11,000 troops")) == "same"


def test_an_age_and_a_count_never_pair() -> None:
    age = find("Ri, 26, was captured", "26")
    count = only("26 soldiers were captured")
    assert age.kind == "age" and count.kind == "count"
    assert not same_referent(age, count)
    assert compare_quantities(age, count) == "incomparable"


def test_undescribed_numbers_never_pair() -> None:
    assert not same_referent(only("they counted 11,000"), only("they counted 12,000"))


def test_casualties_are_not_deployments() -> None:
    assert not same_referent(only("around 4,000 killed or injured"), only("11,000 soldiers"))


def test_vague_is_incomparable() -> None:
    a, b = only("thousands of troops"), only("11,000 troops")
    assert same_referent(a, b)
    assert compare_quantities(a, b) == "incomparable"


def test_a_fraction_pairs_with_a_percent() -> None:
    frac, pct = only("two-thirds of the soldiers"), only("67% of the soldiers")
    assert same_referent(frac, pct)
    assert compare_quantities(frac, pct) == "same"
    assert compare_quantities(frac, only("60% of the soldiers")) == "changed"


def test_a_different_currency_is_a_change() -> None:
    a, b = only("paid $540 million in aid"), only("paid €540 million in aid")
    assert same_referent(a, b)
    assert compare_quantities(a, b) == "changed"


def test_dates_missing_parts_are_compatible() -> None:
    jan9 = only("Jan. 9")
    assert compare_quantities(jan9, only("January 9, 2025")) == "same"
    assert compare_quantities(jan9, only("January 11")) == "changed"
    assert compare_quantities(only("January 2025"), jan9) == "same"
    assert same_referent(jan9, only("January 11"))  # no events: same month


def test_dates_pair_on_their_event() -> None:
    a = only("were captured on Jan. 9 in Russia's Kursk region")
    b = find("Captured on January 11, 2025, these two soldiers", "January 11, 2025")
    c = only("deployed to the war in Ukraine on Jan. 5")
    assert same_referent(a, b) and compare_quantities(a, b) == "changed"
    assert not same_referent(a, c)


def test_years_compare_as_dates() -> None:
    a = find("joined the military in 2015", "2015")
    b = find("joined the military in 2016", "2016")
    assert same_referent(a, b) and compare_quantities(a, b) == "changed"


# --------------------------------------------------------------------------- seeds


def test_seed_rewrite_pairs() -> None:
    s001, s002, s003, s004 = (
        extract_quantities(seed_path(n).read_text(encoding="utf-8"))
        for n in ("001", "002", "003", "004")
    )

    def by_text(qs: list[Quantity], text: str) -> Quantity:
        (q,) = [q for q in qs if q.text == text]
        return q

    # 11,000 (around) -> 12,000 (an estimated): a changed count of soldiers
    a, b = by_text(s001, "around 11,000"), by_text(s003, "An estimated 12,000")
    assert same_referent(a, b) and compare_quantities(a, b) == "changed"
    # around 4,000 killed or injured -> over 4,000 had suffered losses: requalified casualties
    a, b = by_text(s002, "around 4,000"), by_text(s003, "over 4,000")
    assert same_referent(a, b) and compare_quantities(a, b) == "requalified"
    # captured on Jan. 9 -> captured on January 11, 2025: a changed capture date
    a, b = by_text(s004, "Jan. 9"), by_text(s003, "January 11, 2025")
    assert (describe(a), describe(b)) == ("date of capture", "date of capture")
    assert compare_quantities(a, b) == "changed"


def test_seed_004_quantities() -> None:
    text = seed_path("004").read_text(encoding="utf-8")
    got = [
        (q.text, q.kind, q.value, q.qualifier, q.described or q.event)
        for q in extract_quantities(text)
    ]
    assert got == [
        ("Jan. 12", "date", None, "exact", "post"),
        ("Jan. 12", "date", None, "exact", "post"),
        ("26-year-old", "age", 26.0, "exact", "soldier"),
        ("26", "age", 26.0, "exact", "Ri"),
        ("21-year-old", "age", 21.0, "exact", "Baek"),
        ("Jan. 9", "date", None, "exact", "capture"),
        ("thousands", "count", None, "exact", "soldier"),
        ("October 2024", "date", None, "exact", "send"),
        ("80 percent", "percent", 80.0, "exact", None),
        ("2015", "year", 2015.0, "exact", "join"),
        ("Jan. 5", "date", None, "exact", "deploy"),
        ("first", "ordinal", 1.0, "exact", "instance"),
        ("11,000", "count", 11000.0, "exact", "soldier"),
        ("around 4,000", "count", 4000.0, "approx", "casualty"),
        ("Feb. 13", "date", None, "exact", "brief"),
        ("Feb. 13", "date", None, "exact", "brief"),
        ("third", "ordinal", 3.0, "exact", "country"),
        ("first", "ordinal", 1.0, "exact", "time"),
        ("thousands", "count", None, "exact", None),
        ("10", "count", 10.0, "exact", None),
    ]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_spans_are_exact_and_deterministic(prefix: str) -> None:
    text = seed_path(prefix).read_text(encoding="utf-8")
    qs = extract_quantities(text)
    assert qs == extract_quantities(text)
    assert all(q.text == text[q.start : q.end] for q in qs)


# --------------------------------------------------------------------------- properties

_VOCABULARY = [
    "11,000", "about", "over", "Jan.", "9", "January", "2025", ",", ".", "one", "of",
    "two-thirds", "$540", "million", "40%", "soldiers", "killed", "or", "injured", "Article",
    "45", "COVID-19", "1950-53", "Ri", "26", "21-year-old", "\n", "-", "on", "captured",
    "thousands", "the", "won", "¥6.45", "trillion", "+2", "10:30", "3.8.0",
]  # fmt: skip
_NEWSY = st.lists(st.sampled_from(_VOCABULARY), max_size=40).map(" ".join)


def _check_spans(text: str) -> None:
    qs = extract_quantities(text)
    last = 0
    for q in qs:
        assert q.text == text[q.start : q.end]
        assert last <= q.start < q.end
        last = q.end


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_any_text_gives_ordered_disjoint_exact_spans(text: str) -> None:
    _check_spans(text)


@settings(max_examples=150, deadline=None)
@given(_NEWSY)
def test_newsy_text_gives_ordered_disjoint_exact_spans(text: str) -> None:
    _check_spans(text)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_formatted_integers_round_trip(n: int) -> None:
    q = only(f"{n:,} soldiers")
    assert (q.kind, q.described) == ("count", "soldier")
    assert q.value is not None and math.isclose(q.value, n)
