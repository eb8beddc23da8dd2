"""JSON, JSON Lines and CSV records: one cleaned Document per record, metadata from fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.errors import InputError
from framing.ingest import TEXT_FIELDS, read_path, read_records

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


def test_jsonl_gives_one_document_per_line_with_id_or_index_as_source() -> None:
    path = FIXTURES / "articles.jsonl"
    first, second = read_path(path)
    assert first.source == f"{path}#cour-001"
    assert second.source == f"{path}#2"
    assert second.text.startswith("Volunteers planted three hundred oak saplings")


def test_record_fields_fill_metadata_and_other_scalars_go_to_extra() -> None:
    first, second = read_path(FIXTURES / "articles.jsonl")
    metadata = first.metadata
    assert metadata.title == "Library extends weekend hours"
    assert metadata.date == "2024-03-02"  # "March 2, 2024" made ISO
    assert metadata.byline == "Ines Marlowe"
    assert metadata.outlet == "The Lakeside Courier"
    assert metadata.url == "https://courier.example.org/library"
    assert metadata.extra == (("section", "Local"), ("word_count", "64"))  # the tag list is dropped
    assert second.metadata.extra == (("headline", "no title field here"),)
    assert second.metadata.title is None


def test_record_text_is_cleaned_like_a_dump() -> None:
    (first, _) = read_path(FIXTURES / "articles.jsonl")
    assert first.text.split("\n\n") == [
        "The town library will open on Sunday afternoons from April, the council said on Thursday.",
        "Librarians said the change followed a petition signed by more than six hundred residents.",
    ]
    assert [(r.line, r.reason) for r in first.removed] == [
        (1, "title"),
        (3, "share-widget"),
        (9, "subscribe-prompt"),
    ]


def test_json_object_is_one_record() -> None:
    path = FIXTURES / "article.json"
    (document,) = read_path(path)
    assert document.source == f"{path}#1"
    assert document.text.endswith("Tickets go on sale next week.")
    assert document.metadata.title == "Night trains to resume on the coast line"
    assert document.metadata.date == "2024-05-03"
    assert document.metadata.byline == "Daniel Ferro"
    assert document.metadata.outlet == "Coastal Daily"


def test_json_list_is_many_records_with_any_known_text_field() -> None:
    path = FIXTURES / "articles.json"
    first, second = read_path(path)
    assert first.source == f"{path}#7"  # a numeric id
    assert first.text.startswith("The ferry company said fares would stay the same")
    assert second.source == f"{path}#2"
    assert second.metadata.outlet == "Harbour Post"
    assert second.metadata.date == "2024-05-08"


def test_csv_rows_with_multiline_text() -> None:
    path = FIXTURES / "articles.csv"
    first, second = read_path(path)
    assert first.source == f"{path}#c1"
    assert first.text == (
        "The council approved two new cycle lanes on Monday.\n\n"
        "Work is due to start in the autumn, officials said."
    )
    assert first.metadata.byline == "Ana Lindqvist"
    assert first.metadata.outlet == "Valley Times"
    assert first.metadata.extra == (("region", "north"),)
    assert second.source == f"{path}#2"  # empty id: the row number
    assert second.metadata.byline is None


def test_text_field_option_picks_the_field() -> None:
    (document,) = read_path(FIXTURES / "missing_text.jsonl", text_field="summary")
    assert document.text == "Only a summary is here."


def test_missing_text_field_names_the_valid_fields() -> None:
    path = FIXTURES / "missing_text.jsonl"
    with pytest.raises(InputError) as error:
        read_path(path)
    message = str(error.value)
    assert message.startswith(f"{path}: line 1 has no text field")
    assert all(field in message for field in TEXT_FIELDS)
    assert "summary, title" in message


def test_missing_custom_text_field_names_it() -> None:
    with pytest.raises(InputError, match="expected 'story'"):
        read_path(FIXTURES / "articles.jsonl", text_field="story")


def test_malformed_jsonl_names_the_line() -> None:
    path = FIXTURES / "malformed.jsonl"
    with pytest.raises(InputError, match=r"malformed\.jsonl: invalid JSON on line 3"):
        read_path(path)


def test_malformed_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[\n  {"text": "One."},\n  {"text": }\n]\n')
    with pytest.raises(InputError, match=r"broken\.json: invalid JSON at line 3, column 12"):
        read_path(path)


def test_ragged_csv_row_is_named() -> None:
    with pytest.raises(InputError, match=r"ragged\.csv: row 2 \(line 3\) has 3 fields"):
        read_path(FIXTURES / "ragged.csv")


def test_malformed_csv_quote_is_named(tmp_path: Path) -> None:
    path = tmp_path / "quotes.csv"
    path.write_text('title,text\nOne,"The text "with" stray quotes."\n')
    with pytest.raises(InputError, match=r"quotes\.csv: malformed CSV at line 2"):
        read_path(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[1, 2]", "object 1 is a int, not an object"),
        ("[]", "holds no records"),
        ('{"text": 42}', "object 1: field 'text' is not a string"),
        ('{"text": "   "}', "object 1: field 'text' is empty"),
        ('{"text": "Share\\n\\nSubscribe"}', "nothing left after cleaning"),
    ],
)
def test_bad_records_are_input_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "records.json"
    path.write_text(content)
    with pytest.raises(InputError, match=r"records\.json") as error:
        read_path(path)
    assert message in str(error.value)


def test_read_records_in_memory() -> None:
    documents = read_records(
        [{"ID": "x9", "Body": "The quay reopened on Friday."}, {"text": "Rain fell all week."}],
        "feed",
    )
    assert [d.source for d in documents] == ["feed#x9", "feed#2"]
    assert documents[0].text == "The quay reopened on Friday."
    with pytest.raises(InputError, match="feed: record 1 has no text field"):
        read_records([{"title": "No text"}], "feed")


def test_an_unparseable_date_is_kept_as_written() -> None:
    (document,) = read_records([{"text": "The quay reopened.", "date": "early May"}], "feed")
    assert document.metadata.date == "early May"


def test_an_unnamed_csv_column_is_not_mistaken_for_a_field(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(",text\n0,The quay reopened on Friday.\n")
    (document,) = read_path(path)
    assert document.source == f"{path}#1"
    assert document.metadata.title is None
    assert document.metadata.extra == ()
