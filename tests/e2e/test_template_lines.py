"""The template-line rule in a crawl (newsproj/pipelines/template.py): a line every article of a site ends with
goes once the crawl has seen it on NEWSPROJ_TEMPLATE_MIN_PAGES articles - from the first article on, which waits for
the site's next pages (or the end of the crawl) on a first crawl - and from the first article of the next run, which
reads the site's evidence from STATE_DIR/templates/."""

from __future__ import annotations

from tests.sites import article_html, homepage, serve_pages

TEMPLATE = ("<p>Zur Startseite der Lokalredaktion</p>"
            "<p>Wróć do strony głównej</p>")
LINES = ("Zur Startseite der Lokalredaktion", "Wróć do strony głównej")


def site(numbers: range) -> dict[str, tuple[str, str]]:
    pages: dict[str, tuple[str, str]] = {"/robots.txt": ("text/plain", "User-agent: *\nDisallow:\n")}
    links = []
    for n in numbers:
        path = f"/news/2024/09/story-number-{n}-about-the-town.html"
        links.append(path)
        pages[path] = ("text/html; charset=utf-8",
                       article_html(path, f"Story number {n} about the town", n=n, body_extra=TEMPLATE))
    pages["/"] = ("text/html; charset=utf-8", homepage(links))
    return pages


def with_template(records: list[dict]) -> int:
    return sum(1 for r in records if any(line in r["articleBody"].split("\n") for line in LINES))


def test_first_run_learns_the_template_and_the_next_run_starts_with_it(tmp_path, crawl):
    state = f"STATE_DIR={tmp_path / 'state'}"
    server, pages = serve_pages(site(range(6)))
    try:
        first = crawl("-a", f"start_urls={server.base}/", "-s", state, "-s", "CONCURRENT_REQUESTS=1")
        assert first.returncode == 0, first.log[-3000:]
        assert len(first.records) == 6
        assert with_template(first.records) == 0  # the first articles waited for the evidence of the next ones
        assert first.stats["newsproj/template/removed/template"] == 12
        assert first.stats["newsproj/template/records"] == 6
        assert first.stats["newsproj/template/held"] == 5
        assert list((tmp_path / "state" / "templates").glob("*.json"))

        pages.pages.update(site(range(9)))  # three new articles on the next day
        second = crawl("-a", f"start_urls={server.base}/", "-s", state)
    finally:
        server.stop()
    assert second.returncode == 0, second.log[-3000:]
    assert len(second.records) == 3
    assert with_template(second.records) == 0
    assert second.stats["newsproj/template/removed/template_history"] == 6
    assert second.stats["newsproj/template/history/loaded"] == 1


def test_switched_off_the_template_stays(tmp_path, crawl):
    server, _ = serve_pages(site(range(5)))
    try:
        result = crawl("-a", f"start_urls={server.base}/", "-s", "NEWSPROJ_TEMPLATE_ENABLED=0")
    finally:
        server.stop()
    assert result.returncode == 0, result.log[-3000:]
    assert with_template(result.records) == 5


END_BOXES = ("Tip the newsroom", "Our journalism needs your support", "Zapisz się na nasz newsletter",
             "Najważniejsze wiadomości dnia prosto na Twoją skrzynkę.")


def test_a_site_of_three_articles_loses_its_template_on_its_first_crawl(crawl_site):
    """An unseen publisher with few articles (issue 11): every article ends with the same boxes the vocabulary does
    not know (a tip box, a donate box, a Polish newsletter sign-up). Judged as they came, the first two records kept
    them (the third page was the first with evidence); they wait for the crawl's end now, and none keeps them."""
    from newsproj.testing.server import Site
    from tests.chrome_site import chrome_site
    from tests.sites import PageSite

    site: Site = PageSite(chrome_site(range(3), 26))
    result, records = crawl_site(site)
    assert len(records) == 3
    kept = [line for r in records.values() for line in r["articleBody"].split("\n") if line.startswith(END_BOXES)]
    assert kept == []
    assert result.stats["newsproj/template/held_released/idle"] == 3
    assert [sum("dispute entered its" in line for line in r["articleBody"].split("\n"))
            for r in records.values()] == [6, 6, 6]  # the prose is whole
