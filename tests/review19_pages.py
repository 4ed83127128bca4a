"""Article pages that look like what session 18's verdict rules take for a listing (review19, an outside attack on
b6f7837..940231c): a list article whose items each sit in a box of their own under a heading linking the item's
page (a blog's home of excerpts is laid out so: ``posts``), with an intro ending in a colon; a story whose body
opens with a related story's box, its linked heading and "Read more" (a blog's home of one post above "Continue
reading" is so); and pages the rules must leave alone. The pages are laid out as a news theme does (an
``<article>`` with its ``<h1>`` and an ``entry-content`` body). All text is written for these tests.
:data:`ARTICLES` maps a path to ``(html, lines that must be in its record's body)``; :data:`LISTINGS` the paths of
pages that must give no record, with the listing reason they must be given."""

from __future__ import annotations

from html import escape

SITE = "Millbrook Courier"
BASE = "http://127.0.0.1:8000"
NAV = ("<nav><a href='/news/'>News</a> | <a href='/food/'>Food</a> | <a href='/sport/'>Sport</a> | "
       "<a href='/about/'>About</a></nav>")


def page(title: str, body: str, head: str = "", h1: str | None = None) -> str:
    """A news theme's article page: masthead, menu, the article (its ``<h1>``, its ``entry-content``), footer."""
    h1 = f"<h1 class='entry-title'>{escape(title)}</h1>" if h1 is None else h1
    return (f"<html lang='en'><head><meta charset='utf-8'><title>{escape(title)} - {SITE}</title>{head}</head>"
            f"<body><header class='site-header'><p class='logo'><a href='/'>{SITE}</a></p>{NAV}</header>"
            f"<main><article class='post'>{h1}<div class='entry-content'>{body}</div></article></main>"
            f"<footer><p>Copyright 2026 {SITE}</p></footer></body></html>")


def ps(lines: list[str]) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in lines)


ARTICLES: dict[str, tuple[str, list[str]]] = {}
LISTINGS: dict[str, tuple[str, str]] = {}

# a list article: its intro ends with a colon, each item a <section> under a heading linking the place's review
RESTAURANTS_INTRO = ("Our critics ate their way around the county this year, and these four kitchens stood out from "
                     "all the rest:")
RESTAURANTS = [
    ("/food/reviews/the-old-forge.html", "The Old Forge, Upper Millbrook",
     "A converted smithy where the chef cooks almost everything over an open fire, from the bread to the custard "
     "tart."),
    ("/food/reviews/harbour-kitchen.html", "Harbour Kitchen",
     "Fish comes straight off the boats each morning, and the set lunch is still one of the best bargains around."),
    ("/food/reviews/lime-tree.html", "The Lime Tree",
     "A small vegetarian cafe with a short menu that changes daily; book ahead for the Sunday roast of root "
     "vegetables."),
    ("/food/reviews/station-canteen.html", "Station Canteen",
     "Open from seven in the morning, it serves the town's best bacon rolls and a strong pot of tea for two pounds."),
]
ARTICLES["/food/2026/11/best-new-restaurants.html"] = (page(
    "The best new restaurants of the year",
    ps([RESTAURANTS_INTRO]) + "".join(
        f"<section class='item'><h2><a href='{u}'>{escape(h)}</a></h2><p>{escape(s)}</p></section>"
        for u, h, s in RESTAURANTS)),
    [RESTAURANTS_INTRO, *(s for _, _, s in RESTAURANTS)])

# the same list with an intro that is a sentence (an article on 940231c too)
RESTAURANTS_SENTENCE = "Our critics ate their way around the county this year, and these four kitchens stood out."
ARTICLES["/food/2026/11/restaurants-of-the-year.html"] = (page(
    "Four restaurants of the year",
    ps([RESTAURANTS_SENTENCE]) + "".join(
        f"<section class='item'><h2><a href='{u}'>{escape(h)}</a></h2><p>{escape(s)}</p></section>"
        for u, h, s in RESTAURANTS)),
    [RESTAURANTS_SENTENCE, *(s for _, _, s in RESTAURANTS)])

# a story whose body opens with an earlier story's box: its linked heading and a "Read more" link to it
BRIDGE = [
    "The Millbrook bridge will reopen to traffic on Monday after six weeks of repairs, the county council said on "
    "Thursday afternoon.",
    "Engineers replaced two of the bridge's steel bearings and resurfaced the road, which carries about nine "
    "thousand cars a day.",
    "Buses that were diverted through Lower Green will return to their usual routes from the first service on "
    "Monday morning.",
]
BRIDGE_BOX = ("<aside class='related'><h3><a href='/news/2026/10/bridge-shut.html'>Millbrook bridge shut for six "
              "weeks of repairs</a></h3><a href='/news/2026/10/bridge-shut.html'>Read more</a></aside>")
ARTICLES["/news/2026/11/bridge-reopens.html"] = (page(
    "Millbrook bridge to reopen on Monday", BRIDGE_BOX + ps(BRIDGE)), BRIDGE)

# the same story under its topic's label, a heading linking the topic's page atop its text, beside a sidebar's teaser
# of a sentence (a blog's home of one post under its linked title beside another box is a listing)
BUSES = [
    "The number 7 bus will run every ten minutes between Millbrook and Lower Green from January, the bus company "
    "said on Wednesday, twice as often as it does now.",
    "Four new electric buses will join the route, and the last bus from the town centre will leave at midnight on "
    "Fridays and Saturdays.",
    "The company said more people now take the 7 than any other route in the county, most of them to the station.",
]
ARTICLES["/news/2026/11/buses-every-ten-minutes.html"] = (page(
    "Number 7 bus to run every ten minutes",
    "<h4 class='topic'><a href='/topics/transport'>Transport</a></h4>" + ps(BUSES)).replace("</main>", (
        "<aside class='sidebar'><div class='teaser'><h3><a href='/news/2026/09/library-hours.html'>Library to open "
        "late on weekdays</a></h3><p>The town library will stay open until nine in the evening from January, the "
        "council said.</p></div></aside></main>")), BUSES)

# a one-paragraph brief under a linked "Read more" box of a related story and beside a sidebar of teasers
BRIEF = ("The county's mobile library will stop in Lower Green every second Tuesday from January, parking outside "
         "the village hall from ten until noon. Borrowers can order books online and collect them at the van, the "
         "council said, and the service is free for anyone who lives or works in the county. The old stop at the "
         "school gates ends in December because of the new crossing there.")
ARTICLES["/news/2026/11/mobile-library.html"] = (page(
    "Mobile library to stop in Lower Green", ps([BRIEF]) + (
        "<aside class='more'><h3><a href='/news/2026/09/library-hours.html'>Library to open late on weekdays</a>"
        "</h3><p>The town library stays open until nine from January.</p>"
        "<a href='/news/2026/09/library-hours.html'>Continue reading</a></aside>")), [BRIEF])

# a blog's home of one post's first paragraph above "Continue reading": a listing (session 18's case)
LISTINGS["/blog/"] = "posts", page(
    "Millbrook walks", "<article class='post'><h2><a href='/blog/2026/11/frost-on-the-moor.html'>Frost on the "
    "moor</a></h2><p>We set out before dawn, and by the time the sun came up the whole moor was white and "
    "silent, the paths hard underfoot and the streams edged with ice.</p>"
    "<a href='/blog/2026/11/frost-on-the-moor.html'>Continue reading</a></article>",
    h1="<h1 class='site-title'><a href='/blog/'>Millbrook walks</a></h1>")


# a short story on a plain page (most of its words) whose last paragraph, an update, is set in a block of its own:
# readability-lxml's block is the story's first block only
LIDO = [
    "The friends of the lido, who raised four thousand pounds of their own, said they would hold a party on the "
    "opening day.",
    "The pool is due to open on the first Saturday in May, weather allowing, and season tickets go on sale in March.",
]
LIDO_UPDATE = ("Update, 3 December: the council has since said that the opening may slip to June if the new pumps, "
               "which come from a firm in Germany, arrive late, and that it will confirm the date in the new year.")
ARTICLES["/news/2026/12/lido-to-reopen.html"] = (
    "<html lang='en'><head><meta charset='utf-8'><title>Lido to reopen next summer - Courier</title></head><body>"
    "<p class='logo'><a href='/'>Courier</a></p><article><h1>Lido to reopen next summer</h1><div class='text'>"
    f"{ps(LIDO)}</div><div class='update'><em>{escape(LIDO_UPDATE)}</em></div></article><p>© Courier</p>"
    "</body></html>", [*LIDO, LIDO_UPDATE])

# a head-to-head opinion piece: two parts, each its writer's byline linking the writer's page and a "More from" link
# to it at its end (a LiveJournal or Tumblr home's posts each link their permalink twice so)
BYPASS_YES = [
    "A bypass would take four thousand lorries a day out of the town centre, and the air on the high street would "
    "be fit to breathe again.",
    "The route along the old railway line harms no homes, and the county has set aside most of the money already.",
]
BYPASS_NO = [
    "The bypass would cut through the water meadows, the last open land between the town and the river, and it "
    "would not stay empty for long.",
    "Every new road in the county has filled with traffic within ten years, and this one would be no different.",
]


def _view(label: str, name: str, slug: str, lines: list[str]) -> str:
    return (f"<section class='view'><h2>{escape(label)}</h2><p class='byline'>By <a href='/author/{slug}'>{name}</a>"
            f"</p>{ps(lines)}<p class='more'><a href='/author/{slug}'>More from {name}</a></p></section>")


ARTICLES["/opinion/2026/11/should-millbrook-build-a-bypass.html"] = (page(
    "Head to head: should Millbrook build a bypass?",
    _view("Yes: it is long overdue", "Ruth Allen", "ruth-allen", BYPASS_YES)
    + _view("No: it would ruin the meadows", "Tom Baines", "tom-baines", BYPASS_NO)), [*BYPASS_YES, *BYPASS_NO])

# a series' part two: its text opens with part one's title, a heading linking part one (the words of its slug), and
# ends with "Read part one" (a Movable Type home of one whole post links its permalink twice under its title so)
LIDO_HISTORY = [
    "In the second part of our history of the lido, we follow the pool from its post-war heyday to the campaign "
    "that saved it in the 1990s.",
    "By 1950 the lido drew three thousand swimmers on a hot Sunday, and a diving board was added for the town's "
    "first gala.",
    "The decline began in the 1970s, when the council built an indoor pool in the town centre and cut the lido's "
    "season to ten weeks.",
]
PART_ONE = "/news/2026/11/lido-history-part-one.html"
ARTICLES["/news/2026/11/lido-history-part-two.html"] = (page(
    "The lido at 90: from heyday to rescue",
    f"<p class='series'>Previously:</p><h3><a href='{PART_ONE}'>Lido history part one</a></h3>{ps(LIDO_HISTORY)}"
    f"<p><a href='{PART_ONE}'>Read part one</a></p>"), LIDO_HISTORY)

# a Vietnamese story signed by its writer, bold and set right under the text (as Vietnamese sites sign), that quotes
# a resident in a blockquote whose attribution is set so too (a letters page signs each letter so: no author)
VI_POOL = [
    "Hồ bơi thành phố sẽ mở cửa trở lại vào tháng Năm sau khi hội đồng đồng ý chi tiền thay máy bơm mới cho hồ.",
    "Nhiều người dân đã chờ đợi tin này suốt cả mùa hè vừa qua, khi hồ bơi phải đóng cửa vì máy bơm hỏng.",
]
VI_QUOTE = "Chúng tôi rất vui mừng vì trẻ em trong khu phố lại có nơi học bơi an toàn vào mùa hè tới."
VI_END = ("Công việc sửa chữa dự kiến kéo dài khoảng một tháng và sẽ hoàn thành trước Tết, theo thông báo của thành "
          "phố.")
ARTICLES["/tin-tuc/2026/11/ho-boi-mo-cua-tro-lai.html"] = (page(
    "Hồ bơi thành phố mở cửa trở lại vào tháng Năm",
    ps(VI_POOL) + f"<blockquote><p>{VI_QUOTE}</p><p align='right'><b>Trần Thị Mai</b></p></blockquote>"
    + ps([VI_END]) + "<p align='right'><b>Nguyễn Minh Anh</b></p>").replace("lang='en'", "lang='vi'"),
    [*VI_POOL, VI_QUOTE, VI_END])
AUTHORS = {"/tin-tuc/2026/11/ho-boi-mo-cua-tro-lai.html": ["Nguyễn Minh Anh"]}
"""Paths whose record must give these authors."""

# a post whose date is only in its footer ("Posted on <date> by <a>Jane Doe</a>") above a box of related stories,
# each with its date (no date in its URL, no metadata): the footer's date is the post's
REPAIRS = [
    "Repairs to the lido's pumps will start next week, the council said, and the work should take about a month to "
    "finish.",
    "The pool closed in June when both pumps failed, and the friends of the lido raised four thousand pounds "
    "towards new ones.",
    "Swimmers will be able to see the work from the park's viewing platform, which stays open every day until dusk.",
]
ARTICLES["/news/lido-repairs-to-start"] = (page(
    "Lido repairs to start next week", ps(REPAIRS) + "</div><p class='entry-meta'>Posted on <time datetime="
    "'2026-11-28T09:00:00'>28 November 2026</time> by <a href='/author/jane-doe'>Jane Doe</a></p><div class="
    "'related'><h3>More on the lido</h3><ul><li><a href='/news/lido-closes'>Lido closes after its pumps fail</a> "
    "<span class='date'>12 June 2026</span></li><li><a href='/news/lido-fund'>Friends of the lido start a fund</a> "
    "<span class='date'>3 August 2026</span></li></ul>"), REPAIRS)
DATES = {"/news/lido-repairs-to-start": "2026-11-28"}
"""Paths whose record must give this ``datePublished`` day."""

# a Thai section page: each teaser its headline's link, a space and its summary on one line (a Thai story's
# paragraphs that open with a link and go on with their clause are written so too: e03a8aa), no text of its own
TH_TEASERS = [  # (headline, summary), each linking one of the articles above
    ("สภาเมืองอนุมัติงบซ่อมสะพานข้ามแม่น้ำ",
     "ที่ประชุมสภาเมืองมีมติเมื่อวันอังคารให้ใช้งบประมาณสองล้านบาทเพื่อซ่อมแซมสะพานข้ามแม่น้ำที่ชำรุดมานานหลายปี"),
    ("ห้องสมุดประชาชนขยายเวลาเปิดถึงสามทุ่ม",
     "ห้องสมุดประชาชนของเทศบาลจะเปิดให้บริการจนถึงเวลาสามทุ่มทุกวันธรรมดาตั้งแต่เดือนมกราคมเป็นต้นไป"),
    ("ตลาดน้ำริมคลองกลับมาเปิดอีกครั้ง",
     "พ่อค้าแม่ค้ากว่าห้าสิบรายกลับมาขายอาหารและผลไม้ที่ตลาดน้ำริมคลองหลังจากปิดซ่อมท่าเรือไปสามเดือน"),
    ("โรงเรียนประถมได้รับรางวัลด้านสิ่งแวดล้อม",
     "โรงเรียนประถมประจำตำบลได้รับรางวัลจากกระทรวงจากโครงการคัดแยกขยะและปลูกต้นไม้รอบสนามกีฬา"),
    ("ถนนสายหลักปิดซ่อมผิวจราจรสองสัปดาห์",
     "เทศบาลแจ้งว่าถนนสายหลักหน้าตลาดจะปิดการจราจรในเวลากลางคืนเป็นเวลาสองสัปดาห์เพื่อปูผิวถนนใหม่"),
    ("เทศกาลลอยกระทงปีนี้จัดที่สวนสาธารณะ",
     "คณะกรรมการจัดงานเลือกสวนสาธารณะริมบึงเป็นสถานที่จัดงานลอยกระทงเพราะมีพื้นที่กว้างและที่จอดรถเพียงพอ"),
]
LISTINGS["/th/news/"] = "teasers", (
    f"<html lang='th'><head><meta charset='utf-8'><title>ข่าวท้องถิ่น - {SITE}</title></head><body><header>"
    f"<p class='logo'><a href='/'>{SITE}</a></p>{NAV}</header><main><h1>ข่าวท้องถิ่น</h1><ul class='news'>"
    + "".join(f"<li><a href='{u}'>{h}</a> {t}</li>" for u, (h, t) in zip(ARTICLES, TH_TEASERS, strict=False))
    + "</ul></main></body></html>")

def site() -> dict[str, tuple[str, bytes]]:
    """``path → (Content-Type, body bytes)``: a homepage linking every page, robots.txt naming a sitemap of the
    articles (``{{BASE}}``: the server's address, tests/e2e/test_old_layouts.py ``BytesSite``)."""
    html = "text/html; charset=utf-8"
    pages = {path: (html, text.encode()) for path, (text, _) in ARTICLES.items()}
    pages.update({path: (html, text.encode()) for path, (_, text) in LISTINGS.items()})
    teasers = "".join(f"<li><a href='{escape(path)}'>{escape(path.strip('/').rsplit('/', 1)[-1])}</a></li>"
                      for path in [*ARTICLES, *LISTINGS])
    pages["/"] = (html, (f"<html><head><meta charset='utf-8'><title>{SITE}</title></head><body><h1>{SITE}</h1>"
                         f"{NAV}<ul>{teasers}</ul></body></html>").encode())
    pages["/robots.txt"] = ("text/plain", b"User-agent: *\nDisallow:\nSitemap: {{BASE}}/sitemap.xml\n")
    pages["/sitemap.xml"] = ("application/xml", (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f"<url><loc>{{{{BASE}}}}{escape(path)}</loc></url>" for path in ARTICLES) + "</urlset>").encode())
    return pages


def truth_lines(base: str = "http://127.0.0.1:8000") -> list[str]:
    """``truth.jsonl`` rows (/work/shared/tools/score.py's fields) of the articles."""
    import json
    import re

    rows = []
    for path, (text, lines) in ARTICLES.items():
        title = re.search(r"<title>(.*?) - ", text)
        lang = re.search(r"<html lang='(\w+)'", text)
        rows.append(json.dumps({"id": path, "url": base + path, "title": title.group(1) if title else None,
                                "body": "\n".join(lines), "authors": AUTHORS.get(path, []),
                                "published": DATES.get(path), "language": lang.group(1) if lang else None}))
    return rows
