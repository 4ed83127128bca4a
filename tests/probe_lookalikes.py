"""Article pages that look like what probe17's rules remove or judge (review17, an outside attack on them): a story
whose lines link a source after a label, a timeline of linked earlier stories, a list article with a headline and a
summary per item, an obituary whose facts box opens with dated lines, a Khmer brief, a story about a Korean
reporter, a story whose text is followed by a bold label in an indented paragraph. All text is written for these
tests. :data:`ARTICLES` maps a path to ``(html, lines that must be in its record's body)``, :data:`AUTHORS` a path
to the authors its record must give (where a rule read them wrong)."""

from __future__ import annotations

from html import escape

SITE = "Harwood Evening Post"
BASE = "http://127.0.0.1:8000"
NAV = ("<div class='nav'><a href='/'>Home</a> | <a href='/news/'>News</a> | <a href='/sport/'>Sport</a> | "
       "<a href='/whatson/'>What's On</a></div>")


def page(title: str, body: str, head: str = "", lang: str = "en", site: str = SITE, top: str = "") -> str:
    return (f"<html lang='{lang}'><head><meta charset='utf-8'><title>{escape(title)} - {escape(site)}</title>{head}"
            f"</head><body>{NAV}{top}<div class='main'><h1>{escape(title)}</h1>{body}</div>"
            f"<p class='foot'>Copyright 2024 {escape(site)}</p></body></html>")


def record(articles: dict[str, tuple[str, list[str]]], path: str):
    """The record :func:`process_page` makes of ``articles[path]``, which must keep every line listed for it."""
    from newsproj.extraction.page import process_page
    from newsproj.items import PageItem

    html, lines = articles[path]
    outcome = process_page(PageItem(url=BASE + path, html=html, date_downloaded="2024-11-01T00:00:00+00:00"))
    assert outcome.article is not None, (path, outcome.listing, outcome.drop)
    body = outcome.article.articleBody.split("\n")
    assert [line for line in lines if line not in body] == [], (body, outcome.removed)
    return outcome.article


def homepage_site(articles: dict[str, tuple[str, list[str]]]) -> dict[str, tuple[str, str]]:
    """``articles`` served with a homepage linking each of them and a robots.txt allowing all, for a crawl from
    ``/`` (tests/e2e/test_listing_lookalikes.py ``crawl_homepage``)."""
    html = "text/html; charset=utf-8"
    pages = {path: (html, text) for path, (text, _) in articles.items()}
    links = "".join(f"<li><a href='{escape(p)}'>{escape(p.rsplit('/', 1)[-1])}</a></li>" for p in articles)
    pages["/"] = (html, page(SITE, f"<ul>{links}</ul>"))
    pages["/robots.txt"] = ("text/plain", "User-agent: *\nDisallow:\n")
    return pages


def assert_crawled(result, got: dict[str, dict], articles: dict[str, tuple[str, list[str]]],
                   absent: dict[str, list[str]] | None = None, authors: dict[str, list[str]] | None = None,
                   dates: dict[str, str] | None = None, open_: set[tuple[str, str]] | frozenset = frozenset()) -> None:
    """A crawl of a look-alike module's pages (``got``: its records by path) gave a record for each of ``articles``
    and no other, each with its lines and without its ``absent`` lines (chrome), with its ``authors`` and the first
    ten characters of its ``dates``; ``open_`` holds ``(test, path)`` pairs not fixed yet ("prose", "authors",
    "date"), skipped."""
    assert sorted(got) == sorted(articles), (
        sorted(got), {k: v for k, v in result.stats.items() if "listing" in k or "dropped" in k})
    for path, (_, lines) in articles.items():
        if ("prose", path) in open_:
            continue
        body = got[path]["articleBody"].split("\n")
        assert [line for line in lines if line not in body] == [], (path, body)
        assert [line for line in (absent or {}).get(path, ()) if line in body] == [], (path, body)
    for path, names in (authors or {}).items():
        if ("authors", path) not in open_:
            assert [a["name"] for a in got[path]["authors"]] == names, path
    for path, day in (dates or {}).items():
        if ("date", path) not in open_:
            assert (got[path]["datePublished"] or "")[:10] == day, path


def ps(lines: list[str]) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in lines)


ARTICLES: dict[str, tuple[str, list[str]]] = {}
LEFT: dict[str, tuple[str, list[str]]] = {}
"""Pages 134c87a loses as well (not the probe's rules): not served, listed for a later round."""

# a timeline set in the story: each month, then the earlier story it links (the story's own account of events)
TIMELINE_LEAD = [
    "The Eastgate swimming baths will stay open after councillors voted on Tuesday night to pay for a new roof, "
    "ending a campaign that has run for most of the year.",
    "Here is how the year unfolded for the baths and the people who swim there.",
]
TIMELINE = [
    ("January", "/news/2024/01/baths-closure-plan.html", "Council proposes closing the baths to save money"),
    ("March", "/news/2024/03/baths-petition.html", "Swimmers hand in a petition with two thousand names"),
    ("June", "/news/2024/06/roof-survey.html", "Councillors agree to survey the roof again"),
    ("September", "/news/2024/09/baths-vote.html", "Councillors vote to keep the baths open for five years"),
]
TIMELINE_END = ["The repairs will start in November and the pool will stay open while the work is done, the "
                "council said in a statement on Wednesday morning."]
ARTICLES["/news/2024/10/baths-saved.html"] = (page(
    "Eastgate baths saved after a year of campaigning",
    ps(TIMELINE_LEAD) + "".join(f"<p>{m}: <a href='{u}'>{escape(t)}</a></p>" for m, u, t in TIMELINE)
    + ps(TIMELINE_END)),
    [*TIMELINE_LEAD, *(f"{m}: {t}" for m, _, t in TIMELINE), *TIMELINE_END])

# a list article: each item's headline links the place it is about, its summary below it (no metadata)
LIST_INTRO = "Summer is here. These are our five favourite walks around Harwood, all under two hours."
WALKS = [
    ("/whatson/walks/castle-hill.html", "Castle Hill and the old ramparts",
     "A steep climb from the market square rewards you with views over the whole valley and the mills."),
    ("/whatson/walks/canal.html", "Along the canal to Moor Lock",
     "Flat and easy, this towpath walk passes three locks and a cafe that sells the best scones in town."),
    ("/whatson/walks/woods.html", "Through Tanner's Wood in bluebell time",
     "In May the woods are carpeted with bluebells; keep dogs on a lead near the nesting birds."),
    ("/whatson/walks/river.html", "The river path to Oldbridge",
     "Follow the river downstream past the weir to the medieval bridge, and come back on the bus."),
    ("/whatson/walks/moor.html", "Up on Harwood Moor at dusk",
     "The longest walk on our list: take a torch, a map and a warm coat, even in the middle of summer."),
]
# (left: "- Name Text" lines led by a link to another page make _linked_lines' teasers, on 134c87a too)
LEFT["/whatson/2024/06/five-walks.html"] = (page(
    "Five summer walks around Harwood",
    ps([LIST_INTRO]) + "<ul class='walks'>" + "".join(
        f"<li><a href='{u}'>{escape(h)}</a><p>{escape(s)}</p></li>" for u, h, s in WALKS) + "</ul>"),
    [LIST_INTRO, *(s for _, _, s in WALKS)])

# an obituary whose facts open with dated lines (a born/died box above the text)
OBIT_FACTS = ["Born: 12 March 1931", "Died: 2 May 2024"]
OBIT = [
    "Margaret Hale, who ran the Harwood folk festival for thirty years and taught half the town to dance, has died "
    "at the age of 93.",
    "She started the festival in a church hall in 1968 with four bands and a borrowed piano, and saw it grow into "
    "a weekend that fills Castle Park every July.",
    "She is survived by her two sons and five grandchildren. The funeral will be held at St Mary's church.",
]
ARTICLES["/news/2024/05/margaret-hale-obituary.html"] = (page(
    "Margaret Hale, founder of the folk festival", ps(OBIT_FACTS + OBIT),
    "<meta property='article:published_time' content='2024-05-06T09:00:00+01:00'>"),
    [*OBIT_FACTS, *OBIT])

# the same list article in an old layout: each item a paragraph, its linked headline, a line break, its summary
ARTICLES["/whatson/2024/06/five-walks-br.html"] = (page(
    "Five summer walks around Harwood this year",
    ps([LIST_INTRO]) + "".join(f"<p><a href='{u}'>{escape(h)}</a><br>{escape(s)}</p>" for u, h, s in WALKS)),
    [LIST_INTRO, *(s for _, _, s in WALKS)])
# (left: 134c87a loses its items' text, the branch the page: a <div> of a link over a <div> of text)
LEFT["/whatson/2024/06/five-walks-div.html"] = (page(
    "Five summer walks around Harwood in June",
    ps([LIST_INTRO]) + "".join(f"<div class='walk'><a href='{u}'>{escape(h)}</a><div>{escape(s)}</div></div>"
                               for u, h, s in WALKS)),
    [LIST_INTRO, *(s for _, _, s in WALKS)])

# a story about a Korean reporter: his name and "기자" (reporter) in bold in its text; the story's own byline under it
KO_TEXT = [
    "30년 동안 지역 신문에서 일한 김민수 기자가 이번 달 은퇴한다. 그는 항구 도시의 작은 사건부터 큰 선거까지 "
    "모든 소식을 전해 왔다.",
    "동료들은 그가 매일 아침 가장 먼저 편집국에 나와 시장 상인들에게 전화를 걸었다고 말했다. 그의 마지막 기사는 "
    "다음 주 토요일 신문에 실린다.",
]
ARTICLES["/ko/news/articleView.html?idxno=5101"] = (page(
    "30년 지역 기자, 이번 달 은퇴",
    f"<p><strong>김민수 기자</strong>는 {escape(KO_TEXT[0])}</p><p>{escape(KO_TEXT[1])}</p>"
    "<p class='reporter'>이지은 기자 jieun@harwood.example</p>", lang="ko"),
    [KO_TEXT[1]])

# a story set in indented paragraphs (an older layout), then a bold label in a paragraph with a right margin (no
# text set right) above the share buttons
INDENT = [
    "The ferry between Harwood quay and the island will run every hour from Monday, the harbour board said, after "
    "a second boat was repaired over the winter.",
    "Islanders had complained for months about a timetable that left them waiting up to three hours in the rain "
    "for a crossing that takes twenty minutes.",
]
ARTICLES["/news/2024/04/ferry-hourly.html"] = (page(
    "Island ferry to run every hour",
    "".join(f"<p style='text-indent: 2em'>{escape(t)}</p>" for t in INDENT)
    + "<p style='margin-right: 1em'><strong>Share This Story</strong></p><div class='share'>"
    "<a href='/share?to=mail'><img src='/i/mail.png' alt=''></a><a href='/share?to=print'><img src='/i/print.png' "
    "alt=''></a></div>"),
    INDENT)

# a Vietnamese story whose source is set under it, right-aligned and bold: "Theo Reuters" (according to Reuters)
VI_TEXT = [
    "Giá dầu thô trên thị trường thế giới tăng hơn ba phần trăm trong phiên giao dịch hôm thứ Hai, mức tăng mạnh nhất "
    "trong hai tháng qua.",
    "Các nhà phân tích cho rằng nguồn cung giảm và nhu cầu phục hồi tại châu Á là nguyên nhân chính khiến giá tăng.",
]
ARTICLES["/vi/the-gioi/gia-dau-tang-5102.html"] = (page(
    "Giá dầu tăng mạnh nhất trong hai tháng", ps(VI_TEXT)
    + "<p style='text-align:right;'><strong>Theo Reuters</strong></p>", lang="vi"),
    VI_TEXT)

# a Khmer brief: one paragraph of about 100 code points (a word every four: 25; every two: 50)
KM_TEXT = "ក្រសួងសុខាភិបាលបានប្រកាសថា មន្ទីរពេទ្យថ្មីមួយនៅខេត្តកំពត នឹងបើកនៅខែក្រោយ ដើម្បីបម្រើប្រជាជននៅជនបទ។"
ARTICLES["/km/news/2024/05/new-hospital.html"] = (page(
    "មន្ទីរពេទ្យថ្មីនៅខេត្តកំពត", ps([KM_TEXT]) + "<div class='side'><h3>ព័ត៌មានផ្សេងទៀត</h3><ul>"
    "<li><a href='/km/news/2024/05/rain.html'>ភ្លៀងធ្លាក់ខ្លាំងនៅរាជធានីភ្នំពេញ</a></li>"
    "<li><a href='/km/news/2024/05/market.html'>ផ្សារថ្មីបើកនៅខេត្តសៀមរាប</a></li></ul></div>", lang="km"),
    [KM_TEXT])

# the same in Myanmar, its sentence ended with "။"
MY_TEXT = "ကျန်းမာရေးဝန်ကြီးဌာနက ရန်ကုန်မြို့တွင် ဆေးရုံအသစ်တစ်ခုကို လာမည့်လတွင် ဖွင့်လှစ်မည်ဟု ပြောကြားခဲ့သည်။"
ARTICLES["/my/news/2024/05/new-hospital.html"] = (page(
    "ရန်ကုန်တွင် ဆေးရုံအသစ်", ps([MY_TEXT]) + "<div class='side'><h3>အခြားသတင်းများ</h3><ul>"
    "<li><a href='/my/news/2024/05/rain.html'>ရန်ကုန်တွင် မိုးသည်းထန်စွာရွာ</a></li>"
    "<li><a href='/my/news/2024/05/market.html'>မန္တလေးတွင် ဈေးအသစ်ဖွင့်</a></li></ul></div>", lang="my"),
    [MY_TEXT])

# a story in its own <div>, then a bold label in a paragraph with a right padding (no text set right) over the
# links to other stories
FERRY2 = [
    "The island ferry will carry bicycles free of charge from May, the harbour board said on Thursday, to bring "
    "more cyclists to the island's new coastal path.",
    "The path, which runs for eleven miles around the island, was opened last autumn and has been busy every "
    "weekend since, islanders say.",
]
ARTICLES["/news/2024/04/ferry-bicycles.html"] = (
    f"<html lang='en'><head><meta charset='utf-8'><title>Bicycles to travel free on the ferry - {SITE}</title></head>"
    f"<body>{NAV}<h1>Bicycles to travel free on the ferry</h1><div class='story'>{ps(FERRY2)}</div>"
    "<p style='padding-right: 8px'><b>Related Stories</b></p><ul>"
    "<li><a href='/news/2024/03/ferry-breakdown.html'>Island ferry breaks down for the third time</a></li>"
    "<li><a href='/news/2024/02/coastal-path.html'>Island coastal path opens to walkers and cyclists</a></li></ul>"
    f"<p class='foot'>Copyright 2024 {SITE}</p></body></html>",
    FERRY2)

AUTHORS = {
    "/ko/news/articleView.html?idxno=5101": ["이지은"],
    "/vi/the-gioi/gia-dau-tang-5102.html": [],
    "/news/2024/04/ferry-bicycles.html": [],
}

# a story whose lines after its paragraphs link its sources on the site: a sentence going on after the colon (the
# link text in lower case), a report's PDF
STORMS = [
    "The harbour board says the winter storms cost the port more than two million pounds in lost trade and "
    "repairs to the outer wall.",
    "Its chairman said the board would ask the government for help with the cost of raising the wall by a metre.",
    "Fishermen said they had warned the board about the state of the wall for years before the storms hit.",
]
SOURCES = [
    ("In March", "/news/2024/03/harbour-report.html", "the board warned that the outer wall needed work"),
    ("Full report", "/files/harbour-review-2024.pdf", "Harbour Board review of the winter storms 2024"),
]
ARTICLES["/news/2024/04/storms-cost.html"] = (page(
    "Storms cost the port two million pounds",
    "".join(f"<p>{escape(p)}</p><p>{label}: <a href='{u}'>{escape(t)}</a></p>" for p, (label, u, t)
            in zip(STORMS, SOURCES, strict=False)) + f"<p>{escape(STORMS[2])}</p>"),
    [*STORMS, *(f"{label}: {t}" for label, _, t in SOURCES)])
