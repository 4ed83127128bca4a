"""Article layouts no site file and no dev corpus page was written from (issue 11, "probe"): a site of them crawled
with `scrapy crawl news` from its homepage (links only) and from robots.txt (its sitemap). Every article gives a
record with its own text, the headline the reader sees, its authors; the listing gives none."""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

import pytest

from tests.sites import jsonld, serve_pages

NAV = ('<div class="nav"><a href="/">Home</a> <a href="/news/">News</a> <a href="/business/">Business</a> '
       '<a href="/about/">About</a></div>')
FOOT = "<div class='footer'>© 2024 Probe Gazette Ltd</div>"


def _paras(*texts: str) -> str:
    return "".join(f"<p>{escape(t)}</p>" for t in texts)


def _head(title: str, extra: str = "") -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)}</title>{extra}"
            "</head>")


KICKER = ["The leader of Harwood council resigned on Friday night, hours before a vote of no confidence over a "
          "housing deal signed without the cabinet's approval.",
          "The agreement, worth twelve million pounds, committed the council to buying 140 flats from a developer "
          "before planning permission had been granted.",
          "Her deputy will lead the council until a new leader is chosen at a special meeting next week."]
SEO = ["Queues stretched around the block at the town's open-air lido on Thursday as temperatures reached 33C, the "
       "hottest day of the year so far.",
       "Lifeguards said more than 2,400 swimmers had passed through the gates by mid-afternoon, close to the record "
       "set during the summer of 1976.",
       "Health officials reminded people to drink plenty of water and to check on elderly neighbours."]
BLOGGER = ["Well, that is the leeks finished for this year, and not in the way I had hoped for at all.",
           "Something got into the bed overnight on Thursday and pulled up about half of them, leaving them "
           "scattered along the path. My money is on the badger that Ron from plot twelve keeps seeing.",
           "Next year I am putting a proper fence round the whole plot, whatever it costs me."]
TABLE = ["Traders in Hebden Cross will keep their Saturday pitches in the market square after councillors rejected "
         "a plan to move the market to a car park on the edge of town.",
         "The proposal, put forward to ease congestion on market days, drew more than 1,100 objections in a town "
         "of fewer than 9,000 people.",
         "The council will instead trial a one-way system on the surrounding streets from September."]
SIGNUP = ["Cricket was played at Elm Park on Saturday for the first time in two seasons, after the club opened a "
          "new pavilion to replace the one destroyed by fire in 2022.",
          "The timber building has changing rooms for both teams, a kitchen and a scorebox overlooking the square.",
          "The first match, against Brampton Second XI, was abandoned for rain after nineteen overs."]
JAPANESE = ["市は10日、市立中央図書館の開館時間を来月から午後10時まで延長すると発表した。"
            "仕事帰りの利用者や受験生からの要望が多かった"
            "ことを受けた措置で、平日のみが対象となる。",
            "延長に伴い、夜間の職員を3人増員するほか、閲覧室の照明を省エネ型に切り替える。"
            "年間の追加費用は約1200万円を見込んでいる。",
            "図書館によると、昨年度の来館者数は約48万人で、そのうち3割近くが午後6時以降の閉館間際に集中していた。"]
SEO_TITLE = "Lido heatwave: record crowds as temperatures hit 33C - latest news and pictures"

# path → (page, expected headline, expected authors, expected body lines)
ARTICLES = {
    "/politics/2024/02/09/council-leader-resigns": (
        _head("Exclusive: Council leader resigns over housing deal | Probe Gazette",
              "<meta property='og:title' content='Council leader resigns over housing deal'>"
              "<meta property='article:published_time' content='2024-02-09T21:30:00+00:00'>")
        + f"<body>{NAV}<article><h1><span class='kicker'>Exclusive</span>Council leader resigns over housing deal"
          f"</h1><p class='byline'>By Lucy Granger</p>{_paras(*KICKER)}</article>{FOOT}</body></html>",
        "Council leader resigns over housing deal", ["Lucy Granger"], KICKER),
    "/news/2024/07/19/lido-heatwave-swimmers": (
        _head(f"{SEO_TITLE} | Probe Gazette", f"<meta property='og:title' content='{SEO_TITLE}'>"
              + jsonld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": SEO_TITLE,
                        "datePublished": "2024-07-19T16:00:00+01:00",
                        "author": {"@type": "Person", "name": "Beth Ward"}}))
        + f"<body>{NAV}<article><h1>Swimmers return to the lido as the heatwave peaks</h1>{_paras(*SEO)}</article>"
          f"{FOOT}</body></html>",
        "Swimmers return to the lido as the heatwave peaks", ["Beth Ward"], SEO),
    "/2008/09/notes-from-the-allotment.html": (
        _head("Gordon's Plot: Notes from the allotment, the great leek disaster",
              "<meta content='blogger' name='generator'>")
        + "<body><table width='100%'><tr><td valign='top' width='70%'><div class='date-header'>Sunday, September 14,"
          " 2008</div><div class='post'><h3 class='post-title'>Notes from the allotment, the great leek disaster</h3>"
          "<div class='post-body'>" + "<br /><br />".join(escape(t) for t in BLOGGER) + "</div>"
          "<div class='post-footer'>Posted by Gordon Pike at <a class='timestamp-link' href='#'>7:42 PM</a> "
          "<a href='#'>3 comments</a></div></div></td><td valign='top' class='sidebar'><h2>Blog Archive</h2>"
          "<a href='/'>2008 (34)</a></td></tr></table></body></html>",
        "Notes from the allotment, the great leek disaster", ["Gordon Pike"], BLOGGER),
    "/archive/2006/06/17/story.asp?id=88812": (
        "<html><head><title>Valley Courier - Mill town keeps its Saturday market</title></head><body><table "
        "width='760'><tr><td width='140' valign='top'><a href='/'>Home</a><br><a href='/news/'>News</a><br>"
        "<a href='/sport/'>Sport</a><br><a href='/classifieds/'>Classifieds</a><br><a href='/weather/'>Weather: "
        "Sunny, 22C</a></td><td width='460' valign='top'><font size='5'><b>Mill town keeps its Saturday market</b>"
        "</font><br><font size='2'>Saturday, June 17, 2006</font><br><br>" + "<br><br>".join(TABLE)
        + "</td></tr></table></body></html>",
        "Mill town keeps its Saturday market", [], TABLE),
    "/sport/2024/05/11/cricket-club-new-pavilion": (
        _head("Cricket club's new pavilion opens | Probe Gazette",
              "<meta name='author' content='Sam Whitlow'>"
              "<meta property='article:published_time' content='2024-05-11T09:00:00+00:00'>")
        + f"<body>{NAV}<article><h1>Cricket club's new pavilion opens</h1>{_paras(*SIGNUP[:2])}"
          "<div class='inline-promo'><h3>Get the Probe Gazette sport briefing</h3><p>The week's results, fixtures "
          "and club news from across the county, every Monday morning.</p><form><input type='email'><button>Go"
          f"</button></form></div>{_paras(*SIGNUP[2:])}</article>{FOOT}</body></html>",
        "Cricket club's new pavilion opens", ["Sam Whitlow"], SIGNUP),
    "/articles/20240410-00000123": (
        _head("市立図書館、開館時間を夜10時まで延長｜地域ニュース",
              "<meta property='article:published_time' content='2024-04-10T18:00:00+09:00'>").replace(
            "lang='en'", "lang='ja'")
        + f"<body>{NAV}<article><h1>市立図書館、開館時間を夜10時まで延長</h1>{_paras(*JAPANESE)}</article>{FOOT}"
          "</body></html>",
        "市立図書館、開館時間を夜10時まで延長", [], JAPANESE),
}


def _site() -> dict[str, tuple[str, str]]:
    html = "text/html; charset=utf-8"
    pages = {path: (html, page) for path, (page, *_) in ARTICLES.items()}
    paths = list(ARTICLES)
    teasers = "".join(f"<li><a href='{escape(p)}'>{escape(ARTICLES[p][1])}</a></li>" for p in paths)
    pages["/"] = (html, _head("Probe Gazette") + f"<body>{NAV}<h1>Probe Gazette</h1><ul>{teasers}</ul>{FOOT}"
                  "</body></html>")
    pages["/robots.txt"] = ("text/plain", "User-agent: *\nDisallow:\nSitemap: {{BASE}}/sitemap.xml\n")
    pages["/sitemap.xml"] = ("application/xml", '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns='
                             '"http://www.sitemaps.org/schemas/sitemap/0.9">' + "".join(
                                 f"<url><loc>{{{{BASE}}}}{escape(p)}</loc></url>" for p in paths) + "</urlset>")
    return pages


@pytest.mark.parametrize("seed", ["/", "/robots.txt"])
def test_unseen_layouts_give_their_article_headline_and_authors(crawl, seed: str):
    server, _ = serve_pages(_site())
    try:
        result = crawl("-a", f"start_urls={server.base}{seed}")
    finally:
        server.stop()
    assert result.returncode == 0, result.log[-3000:]
    got = {urlsplit(r["url"]).path + (f"?{urlsplit(r['url']).query}" if urlsplit(r["url"]).query else ""): r
           for r in result.records}
    assert sorted(got) == sorted(ARTICLES), result.log[-3000:]
    for path, (_, headline, authors, lines) in ARTICLES.items():
        record = got[path]
        assert record["headline"] == headline, path
        assert [a["name"] for a in record["authors"]] == authors, path
        assert record["articleBody"].split("\n") == lines, (path, record["articleBody"][:300])
