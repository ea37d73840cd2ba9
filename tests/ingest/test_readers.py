import io
import json
import re
from pathlib import Path

import pytest

from kg.errors import InputError, KGError
from kg.ingest import ReadOptions, Source, iter_sources, read_articles, read_path
from kg.ingest.text import parse_front_matter, parse_header_block
from kg.model import Article
from tests.helpers.articles import (
    ARTICLE,
    ARTICLE_2,
    HTML_PAGE,
    Handler,
    http_server,
    make_pdf,
    text_pdf,
)
from tests.helpers.paths import CORPUS, ROOT, SEED, need_shared


def test_front_matter_fields_and_body_offset() -> None:
    text = '---\ntitle: "A: title"\noutlet: Pacific Ledger\ndate: 2024-12-03\n---\nBody here.\n'
    fields, start = parse_front_matter(text, "x.md")
    assert fields == {"title": "A: title", "outlet": "Pacific Ledger", "date": "2024-12-03"}
    assert text[start:] == "Body here.\n"


def test_front_matter_is_ordinary_yaml() -> None:
    """Lists, quoted titles with colons, comments, block scalars: PyYAML reads them; plain
    values stay text as written (a date is ISO text, `3.10` and `Yes` are not numbers or
    booleans); several authors give the first as the byline author."""
    text = (
        "---\n"
        "# written by hand\n"
        'title: "Chips: the new oil?"   # a comment after a value\n'
        "author:\n  - Mara Quentin\n  - Ola Brandt\n"
        "outlet: 'The Harbour Ledger'\n"
        "date: 2023-10-17\n"
        "tags: [chips, export controls]\n"
        "type: >\n  analysis\n"
        "...\n"
        "Body here.\n"
    )
    fields, start = parse_front_matter(text, "x.md")
    assert fields == {
        "title": "Chips: the new oil?",
        "author": "Mara Quentin",
        "outlet": "The Harbour Ledger",
        "date": "2023-10-17",
        "type": "analysis",
    }
    assert text[start:] == "Body here.\n"
    fields, _ = parse_front_matter("---\ntitle: 3.10\noutlet: NO\nauthor: Yes\n---\nx\n", "x")
    assert fields == {"title": "3.10", "outlet": "NO", "author": "Yes"}
    fields, _ = parse_front_matter("---\ndate: !!timestamp 2024-02-14 08:00:00\n---\nx\n", "x")
    assert fields["date"].startswith("2024-02-14")
    assert parse_front_matter("---\n---\nBody.\n", "x") == ({}, 8)


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("title: Rules: new", "not valid YAML (line 2)"),
        ("title: ok\noutlet: [unclosed", "not valid YAML (line"),
        ("- just\n- a list", "a list, not a mapping"),
        ("just a sentence", "a single value, not a mapping"),
        ("title: [a, b]", "field 'title' is a list"),
        ("author: {name: X}", "field 'author' is a mapping"),
    ],
)
def test_front_matter_that_is_not_a_mapping_of_fields_is_an_input_error(
    block: str, message: str
) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        parse_front_matter(f"---\n{block}\n---\nBody.\n", "x.md")


def test_yaml_front_matter_gives_the_article_its_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: 'Licences: a review'\nauthor: [Mara Quentin, Ola Brandt]\n"
        "date: 2024-02-14\nurl: https://ledger.example/a\n---\n" + ARTICLE,
        encoding="utf-8",
    )
    art = read_path(path)
    assert (art.title, art.author, art.date, art.key) == (
        "Licences: a review",
        "Mara Quentin",
        "2024-02-14",
        "https://ledger.example/a",
    )
    assert art.text[art.body_start :] == ARTICLE


def test_a_header_block_of_key_value_lines_gives_the_article_its_metadata(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_text(
        "Title: Notice: Revised Licence Policy for Accelerators\n"
        "Document number: 2031-00042\n"
        "Publication date: March 4, 2031\n"
        "URL: https://register.example/2031-00042\n\n" + ARTICLE,
        encoding="utf-8",
    )
    art = read_path(path)
    assert (art.title, art.date, art.key) == (
        "Notice: Revised Licence Policy for Accelerators",
        "2031-03-04",
        "https://register.example/2031-00042",
    )
    assert art.text[art.body_start :] == ARTICLE  # the header is no article text


@pytest.mark.parametrize(
    "top",
    [
        "BEIJING: The ministry spoke on Monday.\nIt said: the rules are unfair.",  # prose with colons
        "Chips: the new oil",  # a headline with a colon
        "Source: a lone line",  # one line alone must be a title, a date or a URL
        "Date: the chip war's next chapter",  # a lone date line that is no date
        "Document number: 7\nAgency: Commerce",  # no title, date or URL among the keys
        "Title: Chips\nThe ministry said on Monday that the rules were unfair.",  # a prose line
    ],
)
def test_a_first_paragraph_that_is_no_header_block_stays_article_text(top: str) -> None:
    assert parse_header_block(top + "\n\n" + ARTICLE) == ({}, 0)


@pytest.mark.parametrize(
    ("top", "fields"),
    [
        ("Title: Chips and the rules", {"title": "Chips and the rules"}),
        ("Date: 2031-03-04", {"date": "2031-03-04"}),
        ("URL: https://register.example/42", {"url": "https://register.example/42"}),
    ],
)
def test_one_title_date_or_url_line_is_a_header_block(top: str, fields: dict[str, str]) -> None:
    assert parse_header_block(top + "\n\n" + ARTICLE) == (fields, len(top) + 2)


def test_a_header_date_that_is_no_date_is_left_out_not_an_error() -> None:
    fields, start = parse_header_block("Title: Chips\nDate: last spring\n\nBody.\n")
    assert fields == {"title": "Chips"} and start == len("Title: Chips\nDate: last spring\n\n")


def test_a_part_mark_on_the_first_line_is_no_title(tmp_path: Path) -> None:
    path = tmp_path / "bill.txt"
    path.write_text("IV\n\nLicensing Reform for Accelerators\n\n" + ARTICLE, encoding="utf-8")
    assert read_path(path).title == "Licensing Reform for Accelerators"


def test_unclosed_front_matter_is_an_input_error() -> None:
    with pytest.raises(InputError, match="never closed"):
        parse_front_matter("---\ntitle: x\nauthor: y\n", "x.md")


def test_corpus_articles_have_metadata() -> None:
    for path in sorted(CORPUS.glob("[0-9]*.md")):
        art = read_path(path)
        assert art.title and art.outlet and art.author and art.date and art.url and art.genre
        assert art.text[art.body_start :].strip()
        assert art.key == art.url


@pytest.mark.shared_data
def test_seed_byline_and_title() -> None:
    art = read_path(need_shared(SEED))
    assert art.author == "Daniel Reed"
    assert art.title == art.text.splitlines()[0].strip()  # the first line, read at run time
    assert art.byline is not None and art.text[art.byline.start : art.byline.end] == "Daniel Reed"
    bio = art.text.rstrip().rsplit("\n\n", 1)[1]  # the last paragraph is the author's bio
    assert "Daniel Reed" in bio and bio not in art.body


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t \n", "empty"),
        (b"\x00\x01binary\x00", "binary"),
        (b"caf\xe9 au lait", "UTF-8"),
        (b"---\ntitle: x\n---\n   \n", "no article text"),
    ],
)
def test_bad_files_raise_input_error_with_path(tmp_path: Path, content: bytes, reason: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(InputError) as exc:
        read_path(bad)
    assert reason in exc.value.reason
    assert str(bad) in str(exc.value)


def test_folders_are_walked_and_unsupported_files_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One sentence here.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("Another one.", encoding="utf-8")
    (tmp_path / "README.md").write_text("not an article", encoding="utf-8")
    found = list(iter_sources([tmp_path, tmp_path / "x.pdf", tmp_path / "missing.txt"]))
    names = sorted(Path(s.name).name for s in found if not isinstance(s, InputError))
    errors = [s for s in found if isinstance(s, InputError)]
    assert names == ["a.txt", "b.md"]
    assert len(errors) == 2


# --- formats -------------------------------------------------------------------------------------


def test_html_main_text_and_metadata_from_meta_tags_and_json_ld(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(HTML_PAGE, encoding="utf-8")
    art = read_path(page)
    assert art.title == "Licence rules widened for processors"
    assert art.author == "Mara Quentin"
    assert art.outlet == "The Harbour Ledger"
    assert art.date == "2024-02-14"
    assert art.url == art.key == "https://ledger.example/2024/licence-rules"
    assert "resellers in third countries" in art.text
    for boilerplate in ("cookies", "Home", "All rights reserved", "Privacy policy"):
        assert boilerplate not in art.text
    assert "\n\n" in art.text  # paragraphs kept apart, so each starts a sentence


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    page = tmp_path / "latin.html"
    html = HTML_PAGE.replace('charset="utf-8"', 'charset="windows-1252"')
    page.write_bytes(html.replace("advanced", "advanced (café)").encode("cp1252"))
    assert "advanced (café)" in read_path(page).text


def test_pdf_text_in_reading_order_with_title_and_date(tmp_path: Path) -> None:
    left = ["Left column opens the report", "and runs down the left side", "to its end here."]
    right = ["Right column follows after", "and runs down the right side", "to the last line."]
    lines = []
    for i, (a, b) in enumerate(zip(left, right, strict=True)):  # drawn row by row, across
        lines += [(72.0, 700.0 - 14 * i, a), (330.0, 700.0 - 14 * i, b)]
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(make_pdf([lines], title="Two columns", created="D:20240301120000Z"))
    art = read_path(pdf, ReadOptions(any_language=True))
    assert art.text == (
        "Left column opens the report and runs down the left side to its end here.\n\n"
        "Right column follows after and runs down the right side to the last line.\n"
    )
    assert (art.title, art.date) == ("Two columns", "2024-03-01")


def test_pdf_pages_and_hyphenation(tmp_path: Path) -> None:
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(text_pdf(ARTICLE * 12))
    art = read_path(pdf)
    assert art.text.count("advanced processors") == 12
    assert "\n" not in art.text.split("\n\n")[0]  # lines of one block joined


def test_jsonl_records_with_configured_field_names(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    rows = [
        {
            "body": ARTICLE,
            "headline": "Licences",
            "link": "https://a.example/1",
            "when": "2024-05-01",
        },
        {"body": ARTICLE_2, "headline": "Centres", "byline": {"name": "Ola Brandt"}, "id": 7},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    options = ReadOptions(
        text_field="body",
        fields={"title": "headline", "url": "link", "date": "when", "author": "byline"},
    )
    first, second = list(read_articles([feed], options))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.title, first.url, first.key, first.date) == (
        "Licences",
        "https://a.example/1",
        "https://a.example/1",
        "2024-05-01",
    )
    assert (second.title, second.author, second.source) == ("Centres", "Ola Brandt", f"{feed}:2")
    assert second.key.endswith("feed.jsonl#7") and second.text == ARTICLE_2


def test_jsonl_fields_are_found_under_the_names_common_exporters_use(tmp_path: Path) -> None:
    feed = tmp_path / "abstracts.jsonl"
    rows = [
        {
            "doc_number": "2031-00042",
            "headline": "Licences",
            "publication_date": "2031-03-04",
            "link": "https://register.example/2031-00042",
            "abstract": ARTICLE,
            "summary": "A short teaser.",
        },
        {"maintext": ARTICLE_2, "date_publish": "2031-03-05 08:00:00", "publisher": "Ledger"},
        {"headline": "No text here", "tags": ["chips"]},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    first, second, third = list(read_articles([feed], ReadOptions()))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.text, first.title, first.date, first.key) == (
        ARTICLE,  # the abstract, not the shorter summary after it in the list of names
        "Licences",
        "2031-03-04",
        "https://register.example/2031-00042",
    )
    assert (second.text, second.date, second.outlet) == (ARTICLE_2, "2031-03-05", "Ledger")
    assert isinstance(third, InputError)
    assert "no text field (looked for text, body, content, maintext, ...)" in str(third)
    assert "headline, tags" in str(third)
    # a field the user names is read under that name only
    only_summary = list(read_articles([feed], ReadOptions(text_field="summary")))
    assert isinstance(only_summary[0], Article) and only_summary[0].text == "A short teaser."
    assert all(isinstance(r, InputError) for r in only_summary[1:])


def test_folders_with_include_and_exclude_globs(tmp_path: Path) -> None:
    (tmp_path / "keep").mkdir()
    (tmp_path / "drafts").mkdir()
    (tmp_path / "keep" / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "keep" / "b.txt").write_text(ARTICLE_2, encoding="utf-8")
    (tmp_path / "keep" / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    (tmp_path / "drafts" / "c.md").write_text(ARTICLE, encoding="utf-8")

    def names(options: ReadOptions) -> list[str]:
        return [
            Path(s.name).name for s in iter_sources([tmp_path], options) if isinstance(s, Source)
        ]

    assert names(ReadOptions()) == ["c.md", "a.md", "b.txt", "page.html"]
    assert names(ReadOptions(exclude=("drafts",))) == ["a.md", "b.txt", "page.html"]
    assert names(ReadOptions(include=("*.md",), exclude=("drafts/*",))) == ["a.md"]
    assert names(ReadOptions(include=("keep/*.txt", "*.html"))) == ["b.txt", "page.html"]


def test_stdin_is_read_and_sniffed(tmp_path: Path) -> None:
    html = io.BytesIO(HTML_PAGE.encode("utf-8"))
    (art,) = list(read_articles(["-"], ReadOptions(stdin=html)))
    assert isinstance(art, Article) and art.title == "Licence rules widened for processors"
    (txt,) = list(read_articles(["-"], ReadOptions(stdin=io.BytesIO(ARTICLE.encode()))))
    assert isinstance(txt, Article) and txt.text == ARTICLE and txt.key.startswith("stdin:")


def test_encodings_bom_and_forced(tmp_path: Path) -> None:
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xff\xfe" + ARTICLE.encode("utf-16-le"))
    assert read_path(bom).text == ARTICLE
    latin = tmp_path / "latin.txt"
    latin.write_bytes(ARTICLE.replace("new", "néw").encode("cp1252"))
    with pytest.raises(InputError, match="cp1252"):
        read_path(latin)
    assert "néw licence" in read_path(latin, ReadOptions(encoding="cp1252")).text


def test_command_line_outlet_and_date_override_what_is_found(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(HTML_PAGE, encoding="utf-8")
    art = read_path(page, ReadOptions(outlet="Desk Notes", date="2025-01-02"))
    assert (art.outlet, art.date, art.author) == ("Desk Notes", "2025-01-02", "Mara Quentin")
    with pytest.raises(KGError, match="YYYY-MM-DD"):
        ReadOptions(date="2 January")


def test_non_english_is_refused_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    path.write_text(
        "Le gouvernement a annoncé mardi de nouvelles règles sur les exportations de puces. "
        "Le ministre a déclaré que ces mesures étaient nécessaires pour protéger la sécurité "
        "nationale, tandis que les industriels craignent des pertes sur les marchés asiatiques.",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="does not look like English"):
        read_path(path)
    assert read_path(path, ReadOptions(any_language=True)).text.startswith("Le gouvernement")
    chinese = tmp_path / "zh.txt"
    chinese.write_text("美国商务部周二表示将扩大对先进芯片出口的限制。" * 5, encoding="utf-8")
    with pytest.raises(InputError, match="does not look like English"):
        read_path(chinese)


# --- URLs ----------------------------------------------------------------------------------------


def test_urls_are_fetched_politely_and_kept_for_offline_runs(tmp_path: Path) -> None:
    cache = tmp_path / "fetched"
    with http_server() as base:
        options = ReadOptions(cache_dir=cache, timeout=5)
        urls = [f"{base}/article.html", f"{base}/report.pdf", f"{base}/plain.txt"]
        html, pdf, txt = list(read_articles(urls, options))
        assert isinstance(html, Article) and html.url == "https://ledger.example/2024/licence-rules"
        assert isinstance(pdf, Article) and pdf.title == "Processor licences"
        assert isinstance(txt, Article) and txt.url == urls[2] and txt.key == urls[2]
        assert all(ua.startswith("kg/") for ua in Handler.user_agents)
        hits = dict(Handler.hits)
    # the server is gone: a second run reads the cache, with the same text
    again = list(read_articles(urls, ReadOptions(cache_dir=cache)))
    assert [a.text for a in again if isinstance(a, Article)] == [html.text, pdf.text, txt.text]
    assert hits == {"/article.html": 1, "/report.pdf": 1, "/plain.txt": 1}
    offline = list(read_articles(urls[:1], ReadOptions(cache_dir=cache, refetch=True, timeout=1)))
    assert isinstance(offline[0], InputError) and "cannot fetch" in offline[0].reason


def test_a_folder_reached_twice_is_read_once_and_is_not_a_loop(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "a" / "loop").symlink_to(tmp_path, target_is_directory=True)
    found = list(iter_sources([tmp_path]))
    assert [Path(s.name).name for s in found if isinstance(s, Source)] == ["x.md"]
    (loop,) = [s for s in found if isinstance(s, InputError)]
    assert loop.source.endswith("a/loop") and "directory loop" in loop.reason


def test_every_ingest_option_is_documented_in_the_readme() -> None:
    from kg.cli.ingest import ingest as ingest_command

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### `kg ingest") : readme.index("### `kg extract")]
    options = [o for p in ingest_command.params for o in p.opts if o.startswith("--")]
    undocumented = [o for o in options if o not in section and o not in ("--store", "--quiet")]
    assert undocumented == []
