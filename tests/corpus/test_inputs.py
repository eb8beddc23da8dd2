"""Input discovery and outlet resolution: manifest > sidecar > folder > metadata > unknown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from framing.api import compare
from framing.comparison import Comparison
from framing.corpus.inputs import Failure, InputFile, discover, read_manifest
from framing.errors import InputError

STORIES = {
    "harbour": (
        "Aid workers said on Monday that a convoy reached the harbour town of {place}. "
        '"Civilians need food, water and medicine today," said a spokesperson for the relief '
        "agency. Military analysts warned that the offensive could shift the strategic balance "
        "and threaten regional security."
    ),
    "border": (
        "The ministry said refugees crossing the border near {place} would receive shelter. "
        '"No family should sleep in the cold," said the deputy minister. Officials added that '
        "troops were redeployed to deter further attacks on the supply route."
    ),
    "talks": (
        "Negotiators said talks in {place} would resume next week. "
        '"We are ready to discuss a ceasefire and the return of prisoners," said the envoy. '
        "Diplomats described the sanctions as leverage, while aid groups warned of hunger."
    ),
}


def article(place: str, story: str = "harbour") -> str:
    """A one-paragraph invented article; ``place`` makes its text (and id) unique."""
    return STORIES[story].format(place=place)


def html_page(place: str, site_name: str) -> str:
    body = article(place, "talks") + " " + article(place + " Port", "harbour")
    return (
        "<!doctype html><html><head>"
        f'<meta property="og:site_name" content="{site_name}">'
        f"<title>Talks resume in {place}</title></head><body><article>"
        f"<h1>Talks resume in {place}</h1><p>{body}</p></article></body></html>"
    )


def record_line(place: str, outlet: str) -> str:
    return json.dumps({"id": place.lower(), "outlet": outlet, "text": article(place, "border")})


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def labels(items: list[InputFile | Failure]) -> list[str]:
    return [i.label if isinstance(i, InputFile) else i.source for i in items]


# --- which source wins -------------------------------------------------------------------


@pytest.fixture(scope="module")
def layered(tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    """One corpus where every outlet source competes with the ones below it."""
    root = tmp_path_factory.mktemp("layers") / "news"
    folder = root / "Folder News"
    write(
        root / "manifest.csv",
        "file,outlet,role\n"
        "Folder News/triple.txt,Manifest Wire,original\n"
        "Folder News/role-only.txt,,rewrite\n",
    )
    # listed in the manifest, inside an outlet folder and with a sidecar: the manifest wins
    write(folder / "triple.txt", article("Aldmere"))
    write(folder / "triple.json", json.dumps({"outlet": "Sidecar Daily"}))
    # sidecar beats folder
    write(folder / "side.txt", article("Brenholt"))
    write(folder / "side.json", json.dumps({"outlet": "Sidecar Daily", "role": "related"}))
    # folder beats metadata (HTML site name, a record's outlet field)
    write(folder / "page.html", html_page("Corvath", "Meta Herald"))
    write(folder / "feed.jsonl", record_line("Dunmoor", "Record Times") + "\n")
    write(folder / "plain.txt", article("Elsby"))
    # a manifest entry without an outlet keeps its role; the outlet falls through to the folder
    write(folder / "role-only.txt", article("Fenwick"))
    # metadata only
    write(root / "page.html", html_page("Garrow", "Meta Herald"))
    write(root / "feed.jsonl", record_line("Halden", "Record Times") + "\n")
    # a sidecar beats the page's own site name
    write(root / "sided.html", html_page("Ivesham", "Meta Herald"))
    write(root / "sided.json", json.dumps({"outlet": "Sidecar Daily"}))
    # nothing says
    write(root / "lonely.txt", article("Jarrow"))
    return compare([str(root)], spacy_model="blank")


@pytest.mark.parametrize(
    ("source", "outlet", "outlet_from", "role"),
    [
        ("news/Folder News/triple.txt", "Manifest Wire", "manifest", "original"),
        ("news/Folder News/side.txt", "Sidecar Daily", "sidecar", "related"),
        ("news/Folder News/page.html", "Folder News", "folder", None),
        ("news/Folder News/feed.jsonl#dunmoor", "Folder News", "folder", None),
        ("news/Folder News/plain.txt", "Folder News", "folder", None),
        ("news/Folder News/role-only.txt", "Folder News", "folder", "rewrite"),
        ("news/page.html", "Meta Herald", "metadata", None),
        ("news/feed.jsonl#halden", "Record Times", "metadata", None),
        ("news/sided.html", "Sidecar Daily", "sidecar", None),
        ("news/lonely.txt", "unknown", "unknown", None),
    ],
)
def test_each_outlet_source_beats_the_ones_below_it(
    layered: Comparison, source: str, outlet: str, outlet_from: str, role: str | None
) -> None:
    (a,) = [a for a in layered.articles if a.source == source]
    assert (a.outlet, a.outlet_from, a.role) == (outlet, outlet_from, role)


def test_every_article_is_scored_and_only_the_unattributed_one_is_unknown(
    layered: Comparison,
) -> None:
    assert layered.failures == []
    assert len(layered.articles) == 10
    assert layered.unknown_outlets == ["news/lonely.txt"]


def test_the_manifest_of_a_subfolder_is_found_and_its_names_are_relative_to_it(
    tmp_path: Path,
) -> None:
    write(tmp_path / "Desk" / "manifest.csv", "file,outlet\nstory.txt,Desk Manifest\n")
    write(tmp_path / "Desk" / "story.txt", article("Kelso"))
    write(tmp_path / "Desk" / "story.json", json.dumps({"outlet": "Sidecar Daily"}))
    (item,) = list(discover([tmp_path]))
    assert isinstance(item, InputFile)
    assert (item.placement.outlet, item.placement.outlet_from) == ("Desk Manifest", "manifest")


# --- manifest formats and validation ------------------------------------------------------


def test_yaml_manifest_list_form(tmp_path: Path) -> None:
    write(
        tmp_path / "manifest.yaml",
        "- file: a.txt\n  outlet: List Wire\n  role: original\n  date: 2025-05-16\n"
        "- file: b.txt\n  outlet: Other Post\n  role: rewrite\n"
        "  declared_source: List Wire\n",
    )
    write(tmp_path / "a.txt", article("Lydford"))
    write(tmp_path / "b.txt", article("Lydford", "border"))
    a, b = (i.placement for i in discover([tmp_path]) if isinstance(i, InputFile))
    assert (a.outlet, a.outlet_from, a.role, a.date) == (
        "List Wire",
        "manifest",
        "original",
        "2025-05-16",
    )
    assert (b.outlet, b.role, b.declared_source) == ("Other Post", "rewrite", "List Wire")


@pytest.mark.parametrize("name", ["manifest.yaml", "manifest.yml"])
def test_yaml_manifest_mapping_form(tmp_path: Path, name: str) -> None:
    write(
        tmp_path / name,
        "a.txt: Map Post\nb.txt:\n  outlet: Map Daily\n  role: rewrite\n",
    )
    write(tmp_path / "a.txt", article("Marsden"))
    write(tmp_path / "b.txt", article("Marsden", "talks"))
    a, b = (i.placement for i in discover([tmp_path]) if isinstance(i, InputFile))
    assert (a.outlet, a.outlet_from, a.role) == ("Map Post", "manifest", None)
    assert (b.outlet, b.outlet_from, b.role) == ("Map Daily", "manifest", "rewrite")


def test_yaml_manifest_with_a_files_key(tmp_path: Path) -> None:
    write(tmp_path / "manifest.yaml", "files:\n  - file: a.txt\n    outlet: Keyed Wire\n")
    write(tmp_path / "a.txt", article("Netherby"))
    (item,) = list(discover([tmp_path]))
    assert isinstance(item, InputFile)
    assert item.placement.outlet == "Keyed Wire"


def test_yaml_manifest_never_turns_an_outlet_into_a_boolean(tmp_path: Path) -> None:
    # Hard negative: PyYAML reads a bare `no` / `On` as a boolean. The outlet must be kept as
    # written or the manifest refused, never attributed to an outlet called "False"/"True".
    write(tmp_path / "manifest.yaml", "a.txt: NO\nb.txt: On\n")
    write(tmp_path / "a.txt", article("Ormsby"))
    write(tmp_path / "b.txt", article("Ormsby", "border"))
    items = list(discover([tmp_path]))
    outlets = [i.placement.outlet for i in items if isinstance(i, InputFile)]
    assert "False" not in outlets and "True" not in outlets, outlets


def test_a_manifest_role_outside_the_valid_roles_names_the_file_and_the_roles(
    tmp_path: Path,
) -> None:
    manifest = write(tmp_path / "manifest.csv", "file,outlet,role\na.txt,X Wire,copy\n")
    with pytest.raises(InputError) as info:
        read_manifest(manifest)
    message = str(info.value)
    assert str(manifest) in message
    assert "'copy'" in message
    assert "original, rewrite, related" in message


def test_a_bad_manifest_fails_the_files_it_covers_and_the_batch_goes_on(tmp_path: Path) -> None:
    write(tmp_path / "bad" / "manifest.csv", "file,outlet,role\na.txt,X Wire,copy\n")
    write(tmp_path / "bad" / "a.txt", article("Pelham"))
    write(tmp_path / "good" / "b.txt", article("Pelham", "talks"))
    items = list(discover([tmp_path]))
    failures = [i for i in items if isinstance(i, Failure)]
    assert [f.source for f in failures] == [f"{tmp_path.name}/bad/a.txt"]
    assert (
        "manifest.csv" in failures[0].reason and "original, rewrite, related" in failures[0].reason
    )
    assert [i.label for i in items if isinstance(i, InputFile)] == [f"{tmp_path.name}/good/b.txt"]


def test_a_yaml_manifest_that_is_not_a_list_of_entries_is_refused(tmp_path: Path) -> None:
    manifest = write(tmp_path / "manifest.yaml", "just a sentence\n")
    with pytest.raises(InputError, match=r"manifest\.yaml"):
        read_manifest(manifest)


# --- what is and is not an article --------------------------------------------------------


def test_sidecars_and_manifests_are_read_not_scored(tmp_path: Path) -> None:
    write(tmp_path / "manifest.csv", "file,outlet\na.txt,A Wire\n")
    write(tmp_path / "sub" / "manifest.yaml", "- file: c.txt\n  outlet: C Wire\n")
    write(tmp_path / "a.txt", article("Quarley"))
    write(tmp_path / "b.html", html_page("Quarley", "Meta Herald"))
    write(tmp_path / "b.json", json.dumps({"outlet": "B Sidecar"}))
    write(tmp_path / "sub" / "c.txt", article("Quarley", "talks"))
    # a .json without a sibling article is a record file and is scored (hard negative)
    write(tmp_path / "records.json", json.dumps({"text": article("Rydal", "border")}))
    got = labels(list(discover([tmp_path])))
    top = tmp_path.name
    assert got == [f"{top}/a.txt", f"{top}/b.html", f"{top}/records.json", f"{top}/sub/c.txt"]


def test_hidden_files_and_folders_and_unsupported_types_are_skipped(tmp_path: Path) -> None:
    write(tmp_path / "keep.txt", article("Selby"))
    write(tmp_path / ".git" / "notes.txt", article("Selby", "talks"))
    write(tmp_path / "Outlet" / ".cache" / "old.txt", article("Selby", "border"))
    write(tmp_path / ".draft.txt", article("Selby Draft"))
    write(tmp_path / "photo.png", "not an article")
    assert labels(list(discover([tmp_path]))) == [f"{tmp_path.name}/keep.txt"]


def test_a_missing_path_is_a_failure_and_the_other_paths_are_still_read(tmp_path: Path) -> None:
    write(tmp_path / "ok" / "a.txt", article("Tenby"))
    missing = tmp_path / "nowhere"
    items = list(discover([missing, tmp_path / "ok"]))
    assert isinstance(items[0], Failure)
    assert items[0].source == str(missing)
    assert "no such file" in items[0].reason
    assert labels(items[1:]) == ["ok/a.txt"]

    result = compare([str(missing), str(tmp_path / "ok")], spacy_model="blank")
    assert [f.source for f in result.failures] == [str(missing)]
    assert [a.source for a in result.articles] == ["ok/a.txt"]


def test_a_single_file_is_labelled_as_given(tmp_path: Path) -> None:
    path = write(tmp_path / "Outlet" / "a.txt", article("Ulverston"))
    (item,) = list(discover([path]))
    assert isinstance(item, InputFile)
    assert item.label == str(path)
    assert item.placement.outlet is None  # no folder below the one given


def test_results_are_sorted_whatever_order_the_files_were_created_in(tmp_path: Path) -> None:
    names = ["b/2.txt", "a/1.txt", "c.txt", "a/0.txt", "b/1.txt", "a.txt"]
    for n, folder in enumerate(("one", "two")):
        for i, name in enumerate(names if n == 0 else reversed(names)):
            write(tmp_path / folder / name, article(f"{name} {i}"))
    one = [x.removeprefix("one/") for x in labels(list(discover([tmp_path / "one"])))]
    two = [x.removeprefix("two/") for x in labels(list(discover([tmp_path / "two"])))]
    # sorted by path components, so a folder's files stay together
    assert one == two == ["a/0.txt", "a/1.txt", "a.txt", "b/1.txt", "b/2.txt", "c.txt"]

    first = compare([str(tmp_path / "one")], spacy_model="blank")
    again = compare([str(tmp_path / "one")], spacy_model="blank")
    assert [a.source for a in first.articles] == [f"one/{x}" for x in one]
    assert [a.source for a in again.articles] == [a.source for a in first.articles]
