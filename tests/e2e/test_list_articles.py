"""Articles whose lines are led by links (attack17, an outside attack on session 16's listing verdict for old
layouts): a pub guide whose items open "<a>The Crown and Anchor</a> — A riverside pub...", a numbered list of
"<a>Name</a>: description", candidates' profiles under a linked bold name, a glossary ``<dl>`` of linked terms under
its intro ("Here is what the words on your bill mean:"), a vox pop of "<a>Mary Jones, Eastgate</a>: “…”" and a story
whose paragraphs open with a linked body's name and its possessive; and a short story under a "See also" box of three
headlines, one a line. An old table layout, no metadata, crawled with `scrapy crawl news` from the homepage (links
only). Each was an article before session 16 and a listing (``teasers``) after it: a lost article. (Not here: a
glossary with no line above its ``<dl>``, which is the shape of a features page's teasers, and stays a listing.)"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from tests.e2e.test_listing_lookalikes import _page, _site, crawl_homepage

PUBS = [("/food/crown.html", "The Crown and Anchor",
         "A riverside pub with a beer garden that runs down to the water and a kitchen known for its fish pie."),
        ("/food/weavers.html", "The Weavers Arms",
         "A Victorian corner pub with six real ales on tap and a quiz every Tuesday night."),
        ("/food/greenman.html", "The Green Man Inn",
         "A coaching inn on the old London road, with open fires, low beams and a Sunday roast that sells out."),
        ("/food/lamb.html", "The Lamb and Flag",
         "The smallest pub in town, one room with a dartboard, where the landlord has pulled pints for forty years."),
        ("/food/railway.html", "The Railway Tavern",
         "Next to the station, with a model train that runs round the ceiling and cider from a farm nearby.")]
CANDIDATES = [("/people/smith.html", "Jane Smith (Labour)",
               "Jane Smith, 52, has lived in the ward for thirty years and runs a florist on the High Street.",
               "She wants the council to reopen the library on Saturday afternoons and to fill the potholes."),
              ("/people/okoro.html", "Sam Okoro (Conservative)",
               "Sam Okoro, 38, is a chartered accountant and a governor of Eastgate Primary School.",
               "He says he would freeze parking charges in the town centre for two years."),
              ("/people/hale.html", "Tom Hale (Liberal Democrat)",
               "Tom Hale, 61, retired from teaching last year after three decades at Millbrook High.",
               "He is campaigning for a new crossing outside the school gates on Station Road."),
              ("/people/price.html", "Ann Price (Green Party)",
               "Ann Price, 29, works for a wildlife charity and helped plant the community orchard.",
               "She wants solar panels on every council building by the end of the decade.")]
TERMS = [("/glossary/band-d.html", "Band D equivalent",
          "The charge for a home in the middle band, used to compare bills between councils."),
         ("/glossary/precept.html", "Adult social care precept",
          "An extra charge that councils may add to pay for care services for older and disabled people."),
         ("/glossary/discount.html", "Single person discount",
          "A cut of one quarter in the bill when only one adult lives in the home."),
         ("/glossary/parish.html", "Parish council charge",
          "The part of the bill that pays for your parish or town council, if you have one.")]
VOICES = [("/people/mary-jones.html", "Mary Jones, Eastgate",
           "“I learned to swim there, and so did my children. It would have broken my heart to see it go.”"),
          ("/people/peter-lane.html", "Peter Lane, Castle Hill",
           "“The council should never have let the roof get into that state in the first place.”"),
          ("/people/ruth-ade.html", "Ruth Ade, Mill Lane",
           "“It is the only pool my grandson can get to on the bus, so this is wonderful news.”"),
          ("/people/ken-roe.html", "Ken Roe, Station Road",
           "“Five years is not long. We will be back here fighting again before we know it.”")]
BODIES = [("/topics/council.html", "Harwood Borough Council", "'s cabinet agreed on Monday to raise council tax by "
           "4.5 per cent, the most it may without a referendum."),
          ("/topics/police.html", "Harwood Police Authority", "'s share of the bill will go up by twelve pounds a "
           "year for a Band D home."),
          ("/topics/fire.html", "The County Fire Service", " (which also sets a charge) will freeze its part of the "
           "bill for a second year running.")]
SHORT = ["The council voted on Tuesday night to keep the Eastgate swimming baths open for at least five more years.",
         "Officers said the repairs would cost less than half of the 1.4 million pounds first feared.",
         "The swimming club said it would hold a gala in the spring to celebrate."]
SEE_ALSO = [("/news/2009/05/baths-petition.html", "Petition to save Eastgate baths handed in"),
            ("/news/2009/04/baths-survey.html", "New survey halves the cost of baths repairs"),
            ("/news/2009/03/baths-closure.html", "Council plans to close the Eastgate baths")]

ARTICLES = {
    "/whatson/2009/07/best-pubs.html": _page(
        "Five of the best pubs in Harwood",
        "<p>Our readers voted for their favourite pubs. These are the five that came top:</p><ul>"
        + "".join(f"<li><a href='{u}'>{n}</a> — {escape(d)}</li>" for u, n, d in PUBS) + "</ul>"),
    "/whatson/2009/07/pub-guide.html": _page(
        "Harwood's pubs, by our readers",
        "<p>More than three thousand of you voted in this year's pub awards, twice as many as last year.</p>"
        + "".join(f"<p>{i}. <a href='{u}'>{n}</a>: {escape(d[0].lower() + d[1:])}</p>"
                  for i, (u, n, d) in enumerate(PUBS, 1))),
    "/news/2009/07/eastgate-candidates.html": _page(
        "Eastgate ward: meet the candidates",
        "<p>Four candidates are standing on Thursday. They are:</p>"
        + "".join(f"<p><b><a href='{u}'>{n}</a></b><br>{escape(a)}<br>{escape(b)}</p>" for u, n, a, b in CANDIDATES)),
    "/news/2009/07/council-tax-words.html": _page(
        "Council tax: the words on your bill",
        "<p>Here is what the words on your bill mean:</p><dl>"
        + "".join(f"<dt><a href='{u}'>{h}</a></dt><dd>{escape(t)}</dd>" for u, h, t in TERMS) + "</dl>"),
    "/news/2009/07/baths-voices.html": _page(
        "Baths saved: what you told us",
        "<p>We asked swimmers outside the baths what they made of the news:</p>"
        + "".join(f"<p><a href='{u}'>{n}</a>: {escape(q)}</p>" for u, n, q in VOICES)),
    "/news/2009/07/council-tax-rise.html": _page(
        "Council tax to rise by 4.5 per cent",
        "".join(f"<p><a href='{u}'>{n}</a>{escape(rest)}</p>" for u, n, rest in BODIES)
        + "<p>The full council will vote on the budget on February 24.</p>"),
    # (the headlines alone on their lines, none with a summary: the story's paragraphs were taken for the last
    # one's summary)
    "/news/2009/07/baths-saved.html": _page(
        "Baths saved", "<p><b>See also:</b><br>" + "<br>".join(f"<a href='{u}'>{t}</a>" for u, t in SEE_ALSO)
        + "</p>" + "".join(f"<p>{p}</p>" for p in SHORT)),
}


def test_articles_led_by_linked_names_and_terms_give_their_records_from_the_homepage(crawl):
    result = crawl_homepage(crawl, _site(ARTICLES))
    got = {urlsplit(r["url"]).path: r for r in result.records}
    assert sorted(got) == sorted(ARTICLES), (sorted(got), {k: v for k, v in result.stats.items() if "listing" in k})
    assert "quiz every Tuesday night" in got["/whatson/2009/07/best-pubs.html"]["articleBody"]
    assert "community orchard" in got["/news/2009/07/eastgate-candidates.html"]["articleBody"]
    assert "only one adult lives in the home" in got["/news/2009/07/council-tax-words.html"]["articleBody"]
    assert "wonderful news" in got["/news/2009/07/baths-voices.html"]["articleBody"]
    assert "gala in the spring" in got["/news/2009/07/baths-saved.html"]["articleBody"]
