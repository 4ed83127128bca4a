"""Articles that look like listings (review16, an outside attack on the old-layout listing rules of issue 11): pages
of an old table layout with no metadata — a story whose paragraphs open with links to earlier stories, a list-style
article with a link leading every item, a story followed by "Summary... More..." teasers, an explainer with a
glossary ``<dl>`` of linked terms, a Q&A of bold-led lines, a short story above "Most read: A | B | C" rows —
crawled with `scrapy crawl news` from the homepage (links only). Every one is an article and gives its record: a
listing verdict on one loses it (issue 11, "no article-shaped page ends without a record")."""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from tests.sites import serve_pages

NAV = ("<table width='100%'><tr><td><a href='/'>Home</a> | <a href='/news/'>News</a> | <a href='/sport/'>Sport</a>"
       " | <a href='/whatson/'>What's On</a> | <a href='/contact.html'>Contact us</a></td></tr></table>")
FOOT = "<p class='foot'>Copyright 2009 Harwood Weekly Courier</p>"


def _page(title: str, body: str) -> str:
    return (f"<html><head><title>{escape(title)} - Harwood Weekly Courier</title></head><body>{NAV}"
            f"<table width='760'><tr><td valign='top'><h1>{escape(title)}</h1>{body}</td></tr></table>{FOOT}"
            "</body></html>")


# a story whose paragraphs open with links to the earlier stories it cites (a link within a sentence)
INLINE = [
    "As <a href='/news/2009/03/budget-vote.html'>we reported last month</a>, the council's plan to close the "
    "Eastgate swimming baths drew more than two thousand objections from residents and local clubs.",
    "After <a href='/news/2009/04/baths-petition.html'>the petition was handed in</a>, councillors asked officers "
    "to look again at the cost of repairing the roof and the boilers, which date from 1962.",
    "In <a href='/news/2009/05/officers-report.html'>their report published on Monday</a>, officers say the "
    "repairs would cost about 1.4 million pounds, far less than the figure given in January.",
    "The <a href='/news/2009/05/swimming-club.html'>Eastgate Otters swimming club</a> said the news was a relief "
    "for its 300 members, many of whom learned to swim in the baths as children.",
    "A final decision will be taken at the full council meeting on June 4, which is open to the public.",
]
# a list-style article: every item opens with a link to the place it is about
LIST_INTRO = "Summer is here at last. Here is our pick of the best things to do in and around Harwood this year."
LIST_ITEMS = [
    "<a href='/whatson/lido.html'>The Eastgate open-air lido</a> reopens on June 1 after a winter of repairs, "
    "with a new paddling pool and longer opening hours at weekends.",
    "<a href='/whatson/festival.html'>The Harwood folk festival</a> returns to Castle Park on the second weekend "
    "of July, with forty acts on three stages and a craft market.",
    "<a href='/whatson/railway.html'>The Moor Valley steam railway</a> runs every day in August, and children "
    "under five travel free when they come with a paying adult.",
    "<a href='/whatson/museum.html'>The town museum's new gallery</a> tells the story of the mills that once "
    "employed half the town, with looms you can try for yourself.",
    "<a href='/whatson/walks.html'>The guided heritage walks</a> leave the market cross at ten o'clock every "
    "Saturday morning and last about two hours, whatever the weather.",
]
STORY = ["The last working mill in Harwood will close in September, its owners announced on Wednesday, ending more "
         "than two hundred years of cloth making in the town.",
         "Sixty workers will lose their jobs. The company blamed rising energy prices and the loss of its largest "
         "customer last year."]
TEASERS = [("/news/2009/06/union.html", "The union representing mill workers has asked the owners to meet them"),
           ("/news/2009/06/pictures.html", "Our photographers look back at two centuries of the town's cloth mills"),
           ("/news/2009/06/help.html", "The council says it will set up a jobs fair for the workers who lose jobs")]
GLOSS_INTRO = ("Council tax bills in Harwood will rise by 4.5 per cent from April. Here is what the main words on "
               "your bill mean.")
GLOSS = [("/glossary/band-d.html", "Band D equivalent",
          "The charge for a home in the middle band, used to compare bills between councils."),
         ("/glossary/precept.html", "Adult social care precept",
          "An extra charge that councils may add to pay for care services for older and disabled people."),
         ("/glossary/discount.html", "Single person discount",
          "A cut of one quarter in the bill when only one adult lives in the home."),
         ("/glossary/parish.html", "Parish council charge",
          "The part of the bill that pays for your parish or town council, if you have one.")]
QA = [("Q: Who can apply for the new parking permits?",
       "A: Anyone who lives in the town centre zone and owns or keeps a car registered at their address."),
      ("Q: How much will a permit cost?",
       "A: Forty pounds a year for the first car and sixty pounds for a second car at the same address."),
      ("Q: When does the scheme start?",
       "A: On September 1. Permits can be bought online or at the town hall from the middle of August.")]

BATHS = ["The council voted on Tuesday night to keep the Eastgate swimming baths open for at least five more years, "
         "after a petition.",
         "Officers had said the repairs would cost 1.4 million pounds, but a new survey puts the figure at less "
         "than half that.",
         "The roof can be mended over the winter while the pool stays open, the council's leisure officer told the "
         "meeting.",
         "The swimming club, which has 300 members, said it would hold a gala in the spring to celebrate."]
HEADS = [f"Headline number {i} about the town council and its budget plans" for i in range(16)]
STRUNG = ("<p>Most read: " + " | ".join(f"<a href='/news/s{i}.html'>{h}</a>" for i, h in enumerate(HEADS[:8]))
          + "</p><p>Latest: " + " | ".join(f"<a href='/news/t{i}.html'>{h}</a>" for i, h in enumerate(HEADS[8:]))
          + "</p>")

ARTICLES = {
    # a short story above rows of headlines strung by "|" in the same table cell (most of the text's words are
    # link texts; its own sentences make it an article)
    "/news/2009/06/baths-vote.html": _page("Baths saved", "".join(f"<p>{p}</p>" for p in BATHS) + STRUNG),
    "/news/2009/06/baths-saved.html": _page("Eastgate baths may be saved", "".join(f"<p>{p}</p>" for p in INLINE)),
    "/whatson/2009/06/summer-guide.html": _page(
        "Five things to do in Harwood this summer",
        f"<p>{LIST_INTRO}</p><ol>" + "".join(f"<li>{i}</li>" for i in LIST_ITEMS) + "</ol>"),
    "/news/2009/06/mill-closes.html": _page(
        "Last mill to close", "".join(f"<p>{p}</p>" for p in STORY) + "<h3>Related stories</h3>"
        + "".join(f"<p>{t}... <a href='{u}'>More...</a></p>" for u, t in TEASERS)),
    "/news/2009/06/council-tax-explained.html": _page(
        "Council tax: what your bill means", f"<p>{GLOSS_INTRO}</p><dl>"
        + "".join(f"<dt><a href='{u}'>{h}</a></dt><dd>{t}</dd>" for u, h, t in GLOSS) + "</dl>"),
    "/news/2009/06/parking-permits.html": _page(
        "Parking permits: your questions answered",
        "<p>The council's new parking permits go on sale next month. Here are the answers to the questions readers "
        "have asked us most.</p>" + "".join(f"<p><b>{q}</b><br>{a}</p>" for q, a in QA)),
}


def _site(articles: dict[str, str] | None = None) -> dict[str, tuple[str, str]]:
    """``articles`` (these tests' own by default) served with a homepage linking each and a robots.txt."""
    articles = ARTICLES if articles is None else articles
    html = "text/html; charset=iso-8859-1"
    pages = {path: (html, page) for path, page in articles.items()}
    links = " | ".join(f"<a href='{p}'>{escape(p.rsplit('/', 1)[-1])}</a>" for p in articles)
    pages["/"] = (html, _page("Harwood Weekly Courier", f"<p>{links}</p>"))
    pages["/robots.txt"] = ("text/plain", "User-agent: *\nDisallow:\n")
    return pages


def crawl_homepage(crawl, pages: dict[str, tuple[str, str]]):
    """``scrapy crawl news`` of ``pages`` served on 127.0.0.1, from the homepage with links only."""
    server, _ = serve_pages(pages)
    try:
        return crawl("-a", f"start_urls={server.base}/", "-s", "NEWSPROJ_MONITOR_MIN_COVERAGE={}")
    finally:
        server.stop()


def test_articles_that_look_like_listings_give_their_records_from_the_homepage(crawl):
    result = crawl_homepage(crawl, _site())
    got = {urlsplit(r["url"]).path: r for r in result.records}
    assert sorted(got) == sorted(ARTICLES), (sorted(got), {k: v for k, v in result.stats.items() if "listing" in k})
    assert "reported last month" in got["/news/2009/06/baths-saved.html"]["articleBody"]
    assert "guided heritage walks" in got["/whatson/2009/06/summer-guide.html"]["articleBody"]
