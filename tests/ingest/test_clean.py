"""clean_text, rule by rule: what counts as page furniture, and what prose must survive."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.ingest import REMOVAL_REASONS, CleanedText, clean_text, parse_date

BODY = (
    "The harbour ferry made its first crossing of the year on Friday, eleven weeks after a "
    "cracked propeller shaft took it out of service in December."
)
BODY_2 = (
    "Around forty passengers queued on the slipway before dawn, and the skipper sounded the "
    "horn three times as the boat left the quay."
)


def clean(*lines: str) -> CleanedText:
    return clean_text("\n\n".join(lines))


def reasons(cleaned: CleanedText) -> dict[str, str]:
    return {r.text: r.reason for r in cleaned.removed}


# --- furniture on its own line ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Share", "share-widget"),
        ("Share post:", "share-widget"),
        ("• Twitter share button", "share-widget"),
        ("Click to share on WhatsApp (Opens in new window)", "share-widget"),
        ("Email", "share-widget"),
        ("Please enter your comment!", "comment-prompt"),
        ("You have entered an incorrect email address!", "comment-prompt"),
        ("Copy link", "share-widget"),
        ("Subscribe", "subscribe-prompt"),
        ("Sign up for our daily newsletter", "subscribe-prompt"),
        ("Advertisement", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("spot_imgspot_img", "template"),
        ("{{ article.author }}", "template"),
        ("go top", "navigation"),
        ("Back to top", "navigation"),
        ("CLOSE", "navigation"),
        ("X", "navigation"),
        ("Menu | Search", "navigation"),
        ("Home » World » Asia", "navigation"),
        ("Tags: ferries, harbour, council", "tags"),
        ("© 2024 The Lakeside Courier. All rights reserved.", "copyright"),
        ("Δ", "no-text"),
        ("Date:", "empty-label"),
        ("———", "no-text"),
        ("• 3", "no-text"),
        ("Soldiers march in Pyongyang during a parade, Feb. 8. AP", "caption"),
        ("The ferry leaves Wenlow quay on Friday. Reuters/Ines Marlowe", "caption"),
        ("Passengers board the ferry on Friday (Photo: Ines Marlowe)", "caption"),
        ("Photo: Ines Marlowe", "caption"),
        ("Getty Images", "caption"),
    ],
)
def test_furniture_line_is_removed(line: str, reason: str) -> None:
    cleaned = clean(BODY, line, BODY_2)
    assert reasons(cleaned) == {line: reason}
    assert cleaned.text == f"{BODY}\n\n{BODY_2}"


def test_topics_label_takes_its_short_tag_lines_with_it() -> None:
    cleaned = clean(BODY, "Topics", "Ferries", "Local government", BODY_2)
    assert cleaned.text == f"{BODY}\n\n{BODY_2}"
    assert set(reasons(cleaned).values()) == {"tags"}


def test_comments_heading_after_the_article_removes_the_comments_to_the_end() -> None:
    cleaned = clean(
        BODY,
        "3 Comments",
        "Ann Lee says:",
        "This is a disgrace. The ferry is all we have left, and the council knows it.",
        "LEAVE A REPLY",
        "Save my name, email, and website in this browser for the next time I comment.",
    )
    assert cleaned.text == BODY
    assert list(reasons(cleaned).values()) == [
        "comment-prompt",
        "comments",
        "comments",
        "comment-prompt",
        "comment-prompt",
    ]


def test_a_comment_count_above_the_article_removes_only_itself() -> None:
    cleaned = clean("Harbour ferry returns", "0 Comments", BODY, BODY_2)
    assert cleaned.text == f"{BODY}\n\n{BODY_2}"


def test_settings_menu_takes_its_short_items_with_it() -> None:
    cleaned = clean("Settings", "Font size", "• Small", "• Large", BODY, "• A bulleted point.")
    assert cleaned.text == f"{BODY}\n\n• A bulleted point."
    assert set(reasons(cleaned).values()) == {"settings-menu"}


# --- hard negatives: prose that merely looks like furniture -----------------------------------


@pytest.mark.parametrize(
    "prose",
    [
        "Shares of the shipping company rose 4% on Monday.",
        "In a video shared online, one soldier said he wanted to stay in Ukraine.",
        "Share prices fell.",
        "The ministry cited international law and related practices.",
        "Related talks will continue next week, officials said.",
        "Subscribers to the service rose by a tenth last year.",
        "Comments made by the minister drew criticism from the opposition.",
        "The report was first published by Reuters.",
        "Tickets go on sale next week.",
        "By January 2025, about 40% of the deployed soldiers had been killed or wounded.",
        "By Monday, the ministry had not responded.",
        "Popular anger has grown since the vote.",
        "Close to 4,000 soldiers were killed or wounded.",
        "X marks the spot, the captain joked.",
        "The date: a detail the court did not settle.",
    ],
)
def test_prose_that_mentions_furniture_words_stays(prose: str) -> None:
    cleaned = clean(BODY, prose, BODY_2)
    assert cleaned.removed == ()
    assert prose in cleaned.text.split("\n\n")


def test_a_short_one_sentence_paragraph_stays() -> None:
    assert clean(BODY, "He declined to comment.", BODY_2).text.split("\n\n")[1] == (
        "He declined to comment."
    )


# --- teaser lists -----------------------------------------------------------------------------


def test_related_marker_removes_the_teaser_list_to_the_end() -> None:
    cleaned = clean(
        BODY,
        "More like this",
        "Lighthouse open day returns for the summer season",
        "The lighthouse on Carrick point will open to visitors on three weekends...",
        "Quay market traders call for longer opening hours",
        "Traders at the weekly market say the current hours are too short.",
        "Bridge consultation draws record response",
    )
    assert cleaned.text == BODY
    assert set(reasons(cleaned).values()) == {"related-list"}


def test_teaser_list_ends_where_article_prose_resumes() -> None:
    cleaned = clean(
        BODY,
        "Read more",
        "Lighthouse open day returns for the summer season",
        BODY_2,
        "The council said the ferry would be inspected again in the autumn.",
    )
    assert cleaned.text.split("\n\n") == [
        BODY,
        BODY_2,
        "The council said the ferry would be inspected again in the autumn.",
    ]


def test_a_single_full_sentence_teaser_does_not_end_the_list() -> None:
    cleaned = clean(
        BODY,
        "Related",
        "Lighthouse open day returns",
        "The lighthouse will open to visitors on three weekends.",
        "Traders call for longer hours",
        "Traders say the hours are too short...",
    )
    assert cleaned.text == BODY


def test_an_inline_read_more_link_removes_only_its_line() -> None:
    cleaned = clean(BODY, "Read more: Lighthouse open day returns", BODY_2)
    assert cleaned.text == f"{BODY}\n\n{BODY_2}"
    assert reasons(cleaned) == {"Read more: Lighthouse open day returns": "related-list"}


# --- headline, byline, date, source -----------------------------------------------------------


def test_title_subheadline_byline_and_date_become_metadata() -> None:
    cleaned = clean(
        "Tuesday, 12 March 2024",
        "Harbour ferry returns after winter repairs",
        "Repairs cost twice the first estimate",
        "By Ines Marlowe, Harbour Correspondent",
        BODY,
    )
    assert cleaned.text == BODY
    assert cleaned.metadata.title == "Harbour ferry returns after winter repairs"
    assert cleaned.metadata.date == "2024-03-12"
    assert cleaned.metadata.byline == "Ines Marlowe"
    assert dict(cleaned.metadata.extra) == {"subheadline": "Repairs cost twice the first estimate"}
    assert list(reasons(cleaned).values()) == ["date", "title", "subheadline", "byline"]


def test_no_title_when_prose_comes_first() -> None:
    cleaned = clean(BODY, "A headline-like line later on", BODY_2)
    assert cleaned.metadata.title is None
    assert cleaned.removed == ()


def test_a_question_can_be_a_title() -> None:
    assert clean("Will the ferry run all summer?", BODY).metadata.title == (
        "Will the ferry run all summer?"
    )


def test_a_known_title_is_removed_wherever_it_repeats_and_no_other_is_guessed() -> None:
    cleaned = clean_text(f"Ferry returns\n\n{BODY}\n\nFerry returns", title="Ferry returns")
    assert cleaned.text == BODY
    assert [r.reason for r in cleaned.removed] == ["title", "title"]


def test_dated_byline_gives_date_and_byline() -> None:
    cleaned = clean("Mayor defends budget", "Posted on June 3, 2024 by Daniel Ferro", BODY)
    assert (cleaned.metadata.date, cleaned.metadata.byline) == ("2024-06-03", "Daniel Ferro")
    other = clean("By Korea Times staff | March 12, 2024", BODY)
    assert (other.metadata.date, other.metadata.byline) == ("2024-03-12", "Korea Times staff")


def test_signature_gives_email_domain_and_byline_only_when_there_is_none() -> None:
    signed = clean(BODY, "Ines Marlowe imarlowe@courier.example.org")
    assert signed.metadata.byline == "Ines Marlowe"
    assert signed.metadata.email_domain == "courier.example.org"
    both = clean("By Tomas Reddy", BODY, "Ines Marlowe imarlowe@courier.example.org")
    assert both.metadata.byline == "Tomas Reddy"


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Original Source: www.independent.co.uk", "www.independent.co.uk"),
        ("Original source: The Lakeside Courier", "The Lakeside Courier"),
        ("Source: courier.example.org", "courier.example.org"),
    ],
)
def test_original_source_is_kept_as_written(line: str, value: str) -> None:
    cleaned = clean(BODY, line)
    assert cleaned.metadata.original_source == value
    assert cleaned.text == BODY


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("Friday, May 16, 2025", "2025-05-16"),
        ("16 May 2025", "2025-05-16"),
        ("Published: Mar. 3, 2024 10:15 a.m.", "2024-03-03"),
        ("Updated 2025.03.12 14:05", "2025-03-12"),
        ("2024-06-01T07:30:00+09:00", "2024-06-01"),
        ("Sept. 9, 2024", "2024-09-09"),
        ("2025-02-30", None),
        ("May 2025 was the warmest on record.", None),
        ("Smarch 3, 2024", None),
    ],
)
def test_parse_date(value: str, iso: str | None) -> None:
    assert parse_date(value) == iso


def test_the_first_date_line_wins() -> None:
    cleaned = clean("May 16, 2025", BODY, "Updated: May 17, 2025")
    assert cleaned.metadata.date == "2025-05-16"
    assert [r.reason for r in cleaned.removed] == ["date", "date"]


# --- duplicates and output form ---------------------------------------------------------------


def test_a_repeated_line_keeps_its_first_copy_and_loses_the_repeats() -> None:
    caption = "Passengers board the ferry at dawn on Friday."
    cleaned = clean(BODY, caption, caption, BODY_2, caption)
    assert cleaned.text == f"{BODY}\n\n{caption}\n\n{BODY_2}"
    assert [(r.line, r.reason) for r in cleaned.removed] == [(5, "duplicate"), (9, "duplicate")]
    assert cleaned.warnings == ()  # two short repeats are not a repeated body


def test_a_body_output_twice_is_kept_once_and_reported() -> None:
    cleaned = clean(BODY, BODY_2, BODY, BODY_2)
    assert cleaned.text == f"{BODY}\n\n{BODY_2}"
    assert [r.reason for r in cleaned.removed] == ["repeated-body", "repeated-body"]
    assert cleaned.warnings and "appears 2 times" in cleaned.warnings[0]


def test_a_body_of_repeated_paragraphs_with_cr_line_endings_is_not_all_boilerplate() -> None:
    raw = "\r".join([BODY, BODY_2] * 5)
    cleaned = clean_text(raw)
    assert cleaned.text == f"{BODY}\n\n{BODY_2}"
    assert {r.reason for r in cleaned.removed} == {"repeated-body"}
    assert "appears 5 times" in cleaned.warnings[0]


def test_a_title_repeated_with_the_body_is_still_the_title() -> None:
    title = "Ferry Service Resumes After Storm"
    cleaned = clean(title, BODY, BODY_2, title, BODY, BODY_2)
    assert cleaned.metadata.title == title
    assert cleaned.text == f"{BODY}\n\n{BODY_2}"


def test_output_is_normalised_and_joined_by_blank_lines() -> None:
    raw = "  Cafe\u0301   owners\tsaid  “yes”.  \r\n\r\n\r\n It’s   open.\n"
    cleaned = clean_text(raw)
    assert cleaned.text == "Café owners said “yes”.\n\nIt’s open."
    assert cleaned.raw_chars == len("".join(raw.split()))


def test_removed_lines_carry_raw_line_numbers_and_stripped_text() -> None:
    cleaned = clean_text(f"{BODY}\n   Share   \n\n{BODY_2}")
    (line,) = cleaned.removed
    assert (line.line, line.text, line.reason) == (2, "Share", "share-widget")


def test_empty_and_blank_input_give_empty_text() -> None:
    assert clean_text("") == CleanedText("", clean_text("").metadata, (), 0)
    assert clean_text(" \n\t\n").text == ""


def test_every_reason_is_documented_in_one_line() -> None:
    assert all(desc and "\n" not in desc for desc in REMOVAL_REASONS.values())
    samples = [
        "Global\nA headline for the sake of it\nSubhead for the sake of it\nBy Ann Lee",
        "Settings\nfont-size\n• +1\nDate:\nMay 1, 2024\nAdvertisement\nTags: a, b",
        f"{BODY}\nPhoto: Ann Lee\nShare\nLEAVE A REPLY\nSubscribe\nspot_img\ngo top\n———",
        f"{BODY}\n{BODY_2}\n{BODY_2}\nOriginal Source: example.org\nAnn Lee al@example.org",
        f"{BODY}\nRelated\nA teaser headline here",
        f"{BODY}\nTopics\nFerries\n© 2024 Courier\n2 Comments\nAnn says: hello.",
        f"{BODY}\n{BODY_2}\n{BODY}\n{BODY_2}",
    ]
    seen = {r.reason for s in samples for r in clean_text(s).removed}
    assert seen == set(REMOVAL_REASONS)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from([BODY, BODY_2, "Share", "A short line here.", "Officials said so."]),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from(["\n", "\r", "\r\n", "\n\n"]),
)
def test_a_kept_paragraph_is_never_repeated_and_a_removed_repeat_was_kept_once(
    lines: list[str], newline: str
) -> None:
    cleaned = clean_text(newline.join(lines))
    kept = cleaned.text.split("\n\n") if cleaned.text else []
    assert len(kept) == len(set(kept))
    for r in cleaned.removed:
        if r.reason in ("duplicate", "repeated-body"):
            assert r.text in kept


# issue #20: an obfuscated e-mail in a one-line article no longer drops the article ----------


def test_an_email_placeholder_inside_prose_keeps_the_line() -> None:
    article = (
        "Residents displaced by the flood can reach the relief office at [email protected] "
        "or by phone, officials said on Monday, adding that shelters in the north were full."
    )
    cleaned = clean_text(article)
    assert cleaned.text == article
    assert cleaned.removed == ()


def test_an_email_placeholder_on_a_short_line_is_still_template_residue() -> None:
    page = "The bridge reopened on Friday after repairs.\n\nContact: [email protected]"
    cleaned = clean_text(page)
    assert cleaned.text == "The bridge reopened on Friday after repairs."
    assert [r.reason for r in cleaned.removed] == ["template"]
