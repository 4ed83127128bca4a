"""Article pages that look like what session 17's rules (134c87a..b6f7837) take off or judge (attack18, an outside
attack on them): a Thai story whose paragraphs open with links to earlier stories. All text is written for these
tests. :data:`ARTICLES` maps a path to ``(html, lines that must be in its record's body)``, :data:`AUTHORS` a path
to the authors its record must give (where a rule read them wrong)."""

from __future__ import annotations

from tests.probe_lookalikes import page

ARTICLES: dict[str, tuple[str, list[str]]] = {}
AUTHORS: dict[str, list[str]] = {}


def _ps(paragraphs: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)  # (the paragraphs' own markup: their links)


# a Thai story whose paragraphs open with a link to the earlier story they cite, then a space and the rest of the
# clause (Thai ends a clause with a space, and writes no case)
TH_LINKS = [("/th/news/2567/03/pool-report.html", "รายงานของสภาเมืองเมื่อเดือนที่แล้ว"),
            ("/th/news/2567/04/petition.html", "คำร้องที่มีชาวเมืองลงชื่อกว่าสองพันคน"),
            ("/th/news/2567/05/club.html", "ชมรมว่ายน้ำอีสต์เกตซึ่งมีสมาชิกสามร้อยคน")]
TH_RESTS = ["ระบุว่าค่าซ่อมหลังคาและหม้อต้มน้ำของสระว่ายน้ำอีสต์เกตอยู่ที่ราวหนึ่งล้านสี่แสนปอนด์ "
            "ต่ำกว่าตัวเลขที่ประกาศเมื่อเดือนมกราคมมาก",
            "ทำให้สมาชิกสภาขอให้เจ้าหน้าที่ทบทวนค่าใช้จ่ายในการซ่อมแซมอีกครั้ง เพราะหม้อต้มน้ำสร้างขึ้นตั้งแต่ปีพ.ศ. 2505",
            "กล่าวว่าข่าวนี้ทำให้สมาชิกโล่งใจ เพราะหลายคนหัดว่ายน้ำที่สระแห่งนี้ตั้งแต่ยังเป็นเด็ก"]
TH_LAST = "การตัดสินใจขั้นสุดท้ายจะมีขึ้นในการประชุมสภาเต็มคณะวันที่ 4 มิถุนายน ซึ่งเปิดให้ประชาชนเข้าร่วมฟังได้"
ARTICLES["/th/news/2567/06/pool-saved.html"] = (page(
    "สระว่ายน้ำอีสต์เกตอาจได้ไปต่อ",
    _ps([f"<a href='{u}'>{t}</a> {r}" for (u, t), r in zip(TH_LINKS, TH_RESTS, strict=True)] + [TH_LAST]),
    lang="th"),
    [*(f"{t} {r}" for (_, t), r in zip(TH_LINKS, TH_RESTS, strict=True)), TH_LAST])

# an awards story: each winner a label, a colon and a link to the winner's page, above its own paragraph; two
# "Read also:" lines between them are cross-promotions (one label, repeated)
AWARDS_TEXT = [
    "The Harwood food and drink awards were handed out at a dinner in the town hall on Friday night, with more than "
    "three hundred people from pubs, cafes and restaurants across the borough in the audience.",
    "The judges visited more than eighty places over the summer and said the standard was the highest they had seen "
    "since the awards began in 2009.",
]
AWARDS = [("Best pub", "/whatson/pubs/crown-and-anchor.html", "The Crown and Anchor, Eastgate",
           "The riverside pub won for the second year running, the judges praising its real ales and its Sunday "
           "roast."),
          ("Best cafe", "/whatson/cafes/bluebell.html", "The Bluebell Tea Rooms, Castle Street",
           "The family-run cafe was praised for its homemade cakes and for its welcome to walkers and their dogs."),
          ("Best restaurant", "/whatson/restaurants/old-mill.html", "The Old Mill Kitchen, Mill Lane",
           "The restaurant, which opened in a converted cloth mill last spring, won over the judges with its tasting "
           "menu.")]
AWARDS_PROMOS = [("/news/2024/09/market-hall.html", "Market hall traders fear for their future"),
                 ("/news/2024/08/brewery.html", "Harwood brewery doubles in size after sales boom")]
ARTICLES["/news/2024/10/food-awards.html"] = (page(
    "Harwood food and drink awards: the winners",
    _ps(AWARDS_TEXT) + "".join(
        _ps([f"{label}: <a href='{u}'>{name}</a>", text]) + promo for (label, u, name, text), promo in zip(
            AWARDS, [*(f"<p>Read also: <a href='{u}'>{h}</a></p>" for u, h in AWARDS_PROMOS), ""], strict=True))),
    [*AWARDS_TEXT, *(line for label, _, name, text in AWARDS for line in (f"{label}: {name}", text))])

# stories with a byline line at the top and no other source of an author: names that hold a word 00d169d takes for
# a subheading's ("A", an initial written without its full stop; "So", a surname)
BYLINE_STORIES = {
    "/news/2024/10/ferry-fares.html": ("Ferry fares to rise in April", "By Peter A Jones", [
        "Passengers on the island ferry will pay nine per cent more for their tickets from April, the harbour board "
        "said on Monday, blaming the cost of fuel and of repairs to its older boat.",
        "Islanders said the rise would hit families and the elderly hardest, and asked for a cheaper season ticket "
        "for people who cross to the mainland every day for work."]),
    "/news/2024/10/library-hours.html": ("Library to open later on Thursdays", "By Nicole So", [
        "Harwood's central library will stay open until eight o'clock on Thursday evenings from next month, after "
        "a survey found that many readers could not visit during the day.",
        "The longer hours will be paid for by closing the library on Monday mornings, when it has the fewest "
        "visitors of the week, the council said."]),
}
for _path, (_title, _byline, _text) in BYLINE_STORIES.items():
    ARTICLES[_path] = (page(_title, _ps([_byline, *_text])), _text)
    AUTHORS[_path] = [_byline.removeprefix("By ")]

# an old layout's story with a "Top" link set right and bold under its text (back to the top of the page)
TOP_TEXT = [
    "The footbridge over the river at Oldbridge will close for six weeks from Monday while its deck is replaced, "
    "the county council said, and walkers will be sent over the road bridge instead.",
    "The work was planned for last autumn but was put off after floods damaged the riverbank path on both sides "
    "of the bridge.",
]
ARTICLES["/news/2024/10/footbridge-closes.html"] = (page(
    "Oldbridge footbridge to close for six weeks",
    _ps(TOP_TEXT) + "<p align='right'><b><a href='#top'>Top</a></b></p>"), TOP_TEXT)
AUTHORS["/news/2024/10/footbridge-closes.html"] = []

# a Korean story whose byline block states only its time (no reporter), above a "most read" box whose teasers each
# name their reporter ("김민수 기자")
KO_TEXT = [
    "시는 다음 달부터 항구 주변 도로의 제한 속도를 시속 30킬로미터로 낮춘다고 밝혔다. 지난해 이 구간에서 보행자 "
    "사고가 열두 건이나 잇따랐고, 그중 두 건은 어린이가 다친 사고였기 때문이다.",
    "상인들은 손님이 줄어들까 걱정하면서도 안전이 먼저라는 데 동의했다. 시는 석 달 뒤 사고 건수와 상점 매출을 함께 "
    "살펴 효과를 점검할 계획이라고 덧붙였다.",
]
ARTICLES["/ko/news/articleView.html"] = (page(
    "항구 도로 제한 속도 낮춘다",
    "<div class='info'>입력 2024.05.01 10:30</div>" + _ps(KO_TEXT) + "<div class='news-list'><h3>많이 본 뉴스</h3><ul>"
    "<li><a href='/ko/news/bus.html'>시장, 새 버스 노선 발표</a> <span>김민수 기자</span></li>"
    "<li><a href='/ko/news/festival.html'>항구 축제 다음 주 개막</a> <span>박서준 기자</span></li></ul></div>",
    lang="ko"), KO_TEXT)
AUTHORS["/ko/news/articleView.html"] = []

# a Vietnamese story whose JSON-LD author is the paper itself, signed under its text "PV" (phóng viên: reporter), set
# right and bold
VI_TEXT = [
    "Giá xăng trong nước sẽ giảm hơn năm trăm đồng mỗi lít từ chiều nay, theo quyết định của liên bộ Công Thương và "
    "Tài chính công bố sáng thứ Năm.",
    "Đây là lần giảm thứ ba liên tiếp, sau khi giá dầu thô trên thị trường thế giới đi xuống trong hai tuần qua vì "
    "nhu cầu yếu tại châu Âu.",
]
VI_LD = ('{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Giá xăng giảm lần thứ ba liên tiếp",'
         ' "author": {"@type": "Organization", "name": "Báo Hà Thành"}, "datePublished": "2024-05-02T08:00:00+07:00"}')
ARTICLES["/vi/kinh-te/gia-xang-giam-5103.html"] = (page(
    "Giá xăng giảm lần thứ ba liên tiếp",
    _ps(VI_TEXT) + "<p style='text-align:right'><strong>PV</strong></p>",
    f"<meta property='og:site_name' content='Báo Hà Thành'><script type='application/ld+json'>{VI_LD}</script>",
    lang="vi"), VI_TEXT)
AUTHORS["/vi/kinh-te/gia-xang-giam-5103.html"] = ["Báo Hà Thành"]

# a list article: an intro ending with a colon, then each item a <div> of its linked name over a <div> of its text
WALKS_INTRO = "Here are the four walks our readers liked best in the whole county this year:"
WALKS = [("/whatson/walks/castle.html", "The Castle Hill circuit walk",
          "A steep climb rewarded with views over the whole valley. Allow two hours and wear good boots, as the path "
          "is rough near the top."),
         ("/whatson/walks/river.html", "The Harwood riverside path",
          "A flat walk along the old towpath, good for pushchairs. Cafes at both ends make it an easy morning out for "
          "families."),
         ("/whatson/walks/moor.html", "The Moor Valley reservoir loop",
          "Six miles round the water with a bird hide halfway. The car park fills early on sunny weekends, so arrive "
          "before nine."),
         ("/whatson/walks/woods.html", "The Eastgate bluebell woods",
          "Best in late April and early May. Keep dogs on leads, as ground-nesting birds breed in the woods in "
          "spring.")]
ARTICLES["/whatson/2024/05/four-walks.html"] = (page(
    "Four walks for the bank holiday",
    _ps([WALKS_INTRO]) + "".join(f"<div class='walk'><a href='{u}'>{n}</a><p>{t}</p></div>" for u, n, t in WALKS)),
    [WALKS_INTRO, *(t for _, _, t in WALKS)])

# a story's own timeline of earlier stories, a month's label each, one month twice
TIMELINE_LEAD = ["The Eastgate swimming baths will stay open for five more years after a vote on Tuesday night, ending "
                 "a campaign that began when the council first proposed closing them in January."]
TIMELINE = [("January", "/news/2024/01/baths-closure-plan.html", "Council proposes closing the baths to save money"),
            ("March", "/news/2024/03/baths-petition.html", "Swimmers hand in a petition with two thousand names"),
            ("March", "/news/2024/03/baths-march.html", "Hundreds walk from the baths to the town hall in protest"),
            ("June", "/news/2024/06/roof-survey.html", "Councillors agree to survey the roof again"),
            ("September", "/news/2024/09/baths-vote.html", "Councillors vote to keep the baths open for five years")]
TIMELINE_END = ["The repairs will start in November and the pool will stay open while the work is done, the council "
                "said."]
ARTICLES["/news/2024/10/baths-year.html"] = (page(
    "A year of campaigning for the Eastgate baths",
    _ps(TIMELINE_LEAD) + _ps([f"{m}: <a href='{u}'>{t}</a>" for m, u, t in TIMELINE]) + _ps(TIMELINE_END)),
    [*TIMELINE_LEAD, *(f"{m}: {t}" for m, _, t in TIMELINE), *TIMELINE_END])

# a letters page: each letter signed by its writer, the name bold and set right under it
LETTERS = [("The council's plan to close the Eastgate baths is short-sighted. Where will our children learn to swim "
            "when the nearest pool is twelve miles away?", "Margaret Hale"),
           ("I was delighted to read that the footbridge at Oldbridge is to be repaired at last. Walkers have waited "
            "far too long for this work.", "Tom Reed"),
           ("Why does the number 12 bus no longer stop at the hospital? Patients and visitors now face a long walk up "
            "the hill in all weathers.", "Ann Lee")]
ARTICLES["/opinion/2024/10/letters.html"] = (page(
    "Letters to the editor", "".join(f"<p>{t}</p><p align='right'><b>{n}</b></p>" for t, n in LETTERS)),
    [line for letter in LETTERS for line in letter])
AUTHORS["/opinion/2024/10/letters.html"] = []

# a Korean story that names no reporter, under a photo whose credit names the photographer: "사진=김민수 기자"
KO_PHOTO_TEXT = [
    "시립 도서관이 다음 달부터 목요일마다 밤 여덟 시까지 문을 연다. 낮에 도서관을 찾기 어려운 직장인이 많다는 설문 "
    "결과에 따른 것이다.",
    "연장 운영에 드는 비용은 이용객이 가장 적은 월요일 오전에 문을 닫아 마련한다. 시는 반년 뒤 이용객 수를 보고 "
    "계속 운영할지 정하기로 했다.",
]
ARTICLES["/ko/news/library-hours.html"] = (page(
    "시립 도서관, 목요일 밤 여덟 시까지 연다",
    "<div class='info'>입력 2024.05.02 09:00</div><div class='photo'><img src='/i/library.jpg' alt=''>"
    "<p class='photo-caption'>사진=김민수 기자</p></div>" + _ps(KO_PHOTO_TEXT), lang="ko"), KO_PHOTO_TEXT)
AUTHORS["/ko/news/library-hours.html"] = []
