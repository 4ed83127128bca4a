"""Authors as a reader expects them from the byline shapes of news sites in several languages (our own text, no
corpus page): people's names in page order, once each, without "By", roles, dates, places, handles or e-mails.

An agency the byline credits as a co-author, in a list ("Jane Doe, Reuters", "Anna Kowalska, PAP"), stays a name of
its own, as the project's corpora record it ("Adam Vidler, AP"); an agency glued to a name as its suffix
("Jane Doe (AP)", "María García / EFE") is dropped (tests/test_extraction_normalize.py holds those conventions)."""

import json

import pytest

from newsproj.extraction import extract
from newsproj.extraction.normalize import author_names

BODY = "".join(f"<p>Paragraph {i} of the article, long enough to be prose that any extractor keeps as text.</p>"
               for i in range(8))


def _page(head: str = "", byline: str = "", aside: str = "", lang: str = "en") -> str:
    return (f"<html lang='{lang}'><head><title>Headline</title>{head}</head><body>{aside}<article><h1>Headline</h1>"
            f"{byline}<div class='content'>{BODY}</div></article></body></html>")


def _authors(html: str) -> list[str]:
    outcome = extract(html, "http://127.0.0.1/news/2024/story")
    assert outcome.article is not None
    return [a.name for a in outcome.article.authors]


def _ld(author: object, **more: object) -> str:
    node = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Headline", "author": author,
            **more}
    return f"<script type='application/ld+json'>{json.dumps(node)}</script>"


BYLINES = [
    # English
    ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
    ("JANE DOE AND JOHN ROE", ["JANE DOE", "JOHN ROE"]),
    ("By JOHN SMITH, Associated Press", ["JOHN SMITH", "Associated Press"]),
    ("By Jane E. Doe", ["Jane E. Doe"]),
    ("By Ana Y. Torres and Jane Doe", ["Ana Y. Torres", "Jane Doe"]),
    ("Updated 3 hours ago by Jane Doe", ["Jane Doe"]),
    ("By Jane Doe | Updated 3 hours ago", ["Jane Doe"]),
    ("By Jane Doe @janedoe", ["Jane Doe"]),
    ("By Jane Doe | Twitter: @janedoe", ["Jane Doe"]),
    ("By Jane Doe, jane.doe@example.com", ["Jane Doe"]),
    ("By Jane Doe 12 March 2024", ["Jane Doe"]),
    ("Jane Doe March 12, 2024 10:30 AM", ["Jane Doe"]),
    ("By Jane Doe, Photos by John Roe", ["Jane Doe"]),
    ("Written by Jane Doe • 5 min read", ["Jane Doe"]),
    ("Jane Doe, Senior Reporter, and John Roe, Staff Writer", ["Jane Doe", "John Roe"]),
    ("By Jane Doe and John Roe and Jane Doe", ["Jane Doe", "John Roe"]),
    ("Staff and agencies", []),
    ("Jane Doe and agencies", ["Jane Doe"]),
    ("Jane Doe Reuters", ["Jane Doe"]),
    ("Jane Doe, Opinion Contributor", ["Jane Doe"]),
    ("Jane Doe, Guest Columnist", ["Jane Doe"]),
    ("Fred Y. Lee, Washington Bureau Chief", ["Fred Y. Lee"]),
    ("By Jane Doe Special to The Post", ["Jane Doe"]),
    ("By Jane Doe Twitter", ["Jane Doe"]),
    # a date with a month's name, before or after the names, is taken out alone (not the names after it)
    ("4:10 pm, August 9, 2012, by, Jane Doe", ["Jane Doe"]),
    ("Jane Doe, on November 8, 2012, 12:43 PM EDT", ["Jane Doe"]),
    ("Monday, November 12, 2012, by, Jane Doe", ["Jane Doe"]),
    ("April Ryan and June Doe", ["April Ryan", "June Doe"]),
    ("Jane Doe, Follow Jane on Twitter", ["Jane Doe"]),
    # German
    ("Von Anna Müller und Jan Berg", ["Anna Müller", "Jan Berg"]),
    ("Von Anna Müller, dpa", ["Anna Müller", "dpa"]),
    ("Ein Kommentar von Anna Müller", ["Anna Müller"]),
    ("Text: Anna Müller, Fotos: Jan Berg", ["Anna Müller"]),
    ("Text: Anna Müller Foto: Jan Berg", ["Anna Müller"]),
    ("Anna Müller, Redakteurin Politik", ["Anna Müller"]),
    ("Von Anna Müller, Berlin", ["Anna Müller"]),
    ("Von Anna Müller | Aktualisiert am 12.03.2024", ["Anna Müller"]),
    ("Anna Müller, 12.03.2024, 14:30 Uhr", ["Anna Müller"]),
    ("Anna Müller, Chefredakteurin", ["Anna Müller"]),
    ("Anna Müller, Sportreporterin", ["Anna Müller"]),
    ("Redaktion", []),
    # French
    ("Par Jean Dupont, avec AFP", ["Jean Dupont", "AFP"]),
    ("Par Jean Dupont et Marie Curie", ["Jean Dupont", "Marie Curie"]),
    ("Par Jean Dupont - Publié le 12/03/2024 à 14h30", ["Jean Dupont"]),
    ("Par Jean Dupont, envoyé spécial à Kyiv", ["Jean Dupont"]),
    ("Jean Dupont, correspondant à Bruxelles", ["Jean Dupont"]),
    ("Jean Dupont, rédacteur en chef", ["Jean Dupont"]),
    ("Sophie Martin, à Lyon", ["Sophie Martin"]),
    ("Par la rédaction", []),
    # Spanish
    ("Por María García | Madrid", ["María García"]),
    ("Por María García y José Pérez", ["María García", "José Pérez"]),
    ("María García / EFE", ["María García"]),
    ("Por Redacción", []),
    ("María García, corresponsal en Bruselas", ["María García"]),
    ("Por María García Actualizado: 12/03/2024 14:30h", ["María García"]),
    # Italian
    ("di Marco Rossi e Giulia Bianchi", ["Marco Rossi", "Giulia Bianchi"]),
    ("Marco Rossi, inviato a Kiev", ["Marco Rossi"]),
    ("a cura di Marco Rossi", ["Marco Rossi"]),
    ("Marco Rossi (ANSA)", ["Marco Rossi"]),
    # Portuguese
    ("Por João Silva e Ana Souza", ["João Silva", "Ana Souza"]),
    ("João Silva, enviado especial a Kiev", ["João Silva"]),
    ("Por João Silva, Lusa", ["João Silva", "Lusa"]),
    # Dutch
    ("Door Jan de Vries en Piet Jansen", ["Jan de Vries", "Piet Jansen"]),
    ("Door Jan de Vries, correspondent in Brussel", ["Jan de Vries"]),
    ("Jan de Vries, chefredacteur", ["Jan de Vries"]),
    ("Door de redactie", []),
    # Polish
    ("Anna Kowalska, PAP", ["Anna Kowalska", "PAP"]),
    ("Autor: Anna Kowalska", ["Anna Kowalska"]),
    ("Anna Kowalska i Jan Nowak", ["Anna Kowalska", "Jan Nowak"]),
    ("Tekst: Anna Kowalska, zdjęcia: Jan Nowak", ["Anna Kowalska"]),
    ("Jan Kowalski, redaktor naczelny", ["Jan Kowalski"]),
    # Swedish
    ("Av Anna Svensson och Erik Berg", ["Anna Svensson", "Erik Berg"]),
    ("Anna Svensson/TT", ["Anna Svensson"]),
    ("Anna Svensson, reporter", ["Anna Svensson"]),
    ("Erik Berg, chefredaktör", ["Erik Berg"]),
    ("Erik Berg, nyhetsreporter", ["Erik Berg"]),
]


@pytest.mark.parametrize(("byline", "expected"), BYLINES, ids=[b for b, _ in BYLINES])
def test_a_byline_names_its_people(byline: str, expected: list[str]):
    """The byline as a site's author <meta> gives it, and as its byline element shows it."""
    assert author_names([byline]) == expected
    assert _authors(_page(byline=f"<div class='byline'>{byline}</div>")) == expected


PERSON = {"@type": "Person", "name": "Jane Doe"}
PAGES = [
    # JSON-LD author as a string, a list, a Person, an Organization
    ("ld-string", _page(_ld("Jane Doe")), ["Jane Doe"]),
    ("ld-string-two", _page(_ld("Jane Doe, John Roe")), ["Jane Doe", "John Roe"]),
    ("ld-list-order", _page(_ld([{"@type": "Person", "name": "John Roe"}, PERSON])), ["John Roe", "Jane Doe"]),
    ("ld-list-strings", _page(_ld(["By Jane Doe", "John Roe", "Jane Doe"])), ["Jane Doe", "John Roe"]),
    ("ld-role-in-name", _page(_ld({"@type": "Person", "name": "Jane Doe, Staff Writer"})), ["Jane Doe"]),
    ("ld-agency", _page(_ld({"@type": "Organization", "name": "Reuters"})), ["Reuters"]),
    # a Person with a profile URL and no name: the byline on the page names them
    ("ld-person-url-only",
     _page(_ld({"@type": "Person", "url": "https://example.com/authors/jane-doe"}),
           "<div class='byline'>By Jane Doe</div>"), ["Jane Doe"]),
    # the publisher as the author (its JSON-LD name, not og:site_name): a person's byline on the page wins
    ("ld-org-is-publisher",
     _page(_ld({"@type": "Organization", "name": "Gazette Media Group"},
               publisher={"@type": "Organization", "name": "Gazette Media Group"})
           + "<meta property='og:site_name' content='The Gazette'>",
           "<div class='byline'>By Jane Doe</div>"), ["Jane Doe"]),
    ("ld-org-is-publisher-alone",
     _page(_ld({"@type": "Organization", "name": "Gazette Media Group"},
               publisher={"@type": "Organization", "name": "Gazette Media Group"})), ["Gazette Media Group"]),
    # meta author of the site's name; rel=author to a profile
    ("meta-site-name",
     _page("<meta property='og:site_name' content='The Gazette'><meta name='author' content='The Gazette'>",
           "<a rel='author' href='/authors/jane-doe'>Jane Doe</a>"), ["Jane Doe"]),
    ("meta-two-people", _page("<meta name='author' content='Jane Doe; John Roe'>"), ["Jane Doe", "John Roe"]),
    ("rel-author-twice",
     _page(byline="<a rel='author' href='/authors/jane-doe'>Jane Doe</a>"
                  "<div class='bio'><a rel='author' href='/authors/jane-doe'>Jane Doe</a></div>"), ["Jane Doe"]),
    # a byline inside the related-articles box is another story's
    ("related-box-only",
     _page(aside="<aside class='related-articles'><ul><li><a href='/a'>Other story</a>"
                 "<span class='byline'>By John Roe</span></li></ul></aside>"), []),
    ("related-box-before-byline",
     _page(byline="<div class='byline'>By Jane Doe</div>",
           aside="<aside class='related-articles'><ul><li><a href='/a'>Other story</a>"
                 "<span class='byline'>By John Roe</span></li></ul></aside>"), ["Jane Doe"]),
]


@pytest.mark.parametrize(("html", "expected"), [p[1:] for p in PAGES], ids=[p[0] for p in PAGES])
def test_a_page_names_its_authors(html: str, expected: list[str]):
    assert _authors(html) == expected


MB = 1_000_000
HOSTILE = {
    # each pattern of the shapes above, repeated to a megabyte: a role and its place, a date before and after the
    # names, a month, the kind of piece, a label, a picture credit, "with", a network's label
    "role_places": ", correspondant à Kyiv" * (MB // 22),
    "role_capitals": "Jane Doe, reporter" + " Ab" * (MB // 3),
    "dated_starts": "Updated " + "3 hours ago " * (MB // 12),
    "months": "12 March " * (MB // 9),
    "month_days": "March 1 " * (MB // 8),
    "leads": "Ein Kommentar " * (MB // 14),
    "labels": "Text: " * (MB // 6),
    "pictures": "Foto " * (MB // 5),
    "withs": "avec " * (MB // 5),
    "splits": "Jane E. " * (MB // 8),
    "compound_roles": "Jane Doe, " + "a" * MB + "reporter",
    "places": "Jane Doe, à Lyon" + " x" * (MB // 2),
    "newsrooms": "la " * (MB // 3) + "rédaction",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_megabyte_byline_is_read_in_linear_time(name: str):
    from tests.hostile import finishes

    finishes(author_names, [HOSTILE[name]])


def test_a_byline_longer_than_any_is_cut_at_a_separator_and_noted():
    from newsproj import soft_failures
    from newsproj.extraction.normalize import MAX_BYLINE_CHARS

    soft_failures.take()
    raw = "By Jane Doe, John Roe, " + "Ana Torres, " * MAX_BYLINE_CHARS
    assert author_names([raw]) == ["Jane Doe", "John Roe", "Ana Torres"]
    assert soft_failures.take() == ("byline_cut",)
    assert author_names(["By Jane Doe"]) == ["Jane Doe"] and soft_failures.take() == ()
