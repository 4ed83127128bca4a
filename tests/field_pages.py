"""Article pages for the carried field and cleaning defects (fields18, issue 11): prose that a chrome pattern's words
open, chrome that stays in a body, authors and dates read wrong. All text is written for these tests.

:data:`ARTICLES` maps a path to ``(html, lines that must be in its record's body)``; :data:`ABSENT` a path to lines
that must not be (chrome); :data:`AUTHORS` a path to the authors its record must give; :data:`DATES` a path to the
``datePublished`` it must give (its first ten characters)."""

from __future__ import annotations

import json

from tests.probe_lookalikes import NAV, SITE, page, ps  # noqa: F401  (the same site's pages)

ARTICLES: dict[str, tuple[str, list[str]]] = {}
ABSENT: dict[str, list[str]] = {}
AUTHORS: dict[str, list[str]] = {}
DATES: dict[str, str] = {}

# a column on reading whose lines open with a "read also" label's words, used in a sentence (a comma after them, or
# a lowercase clause); the page's own "read also" box (the label, a colon and a linked headline) still goes
READING = [
    "Библиотекарь из Твери Анна Смирнова двадцать лет ведёт кружок чтения для взрослых и уверена, что читать "
    "никогда не поздно.",
    "Главное, по её словам, не количество книг, а привычка: полчаса в день после ужина, без телефона и телевизора.",
    "Читайте также, как советует автор, медленно и с карандашом в руках",
    "Читайте также о том, как менялись цены на хлеб в девяностые",
    "Так она называет газетные подшивки, которые хранятся в подвале библиотеки с 1991 года.",
    "Участники кружка встречаются по четвергам, и за последний год их стало втрое больше, чем было до пандемии.",
]
ARTICLES["/ru/2024/03/kruzhok-chteniya.html"] = (page(
    "Кружок чтения в Твери собирает всё больше взрослых",
    ps(READING[:4]) + "<p>Читайте также: <a href='/ru/2024/02/biblioteka.html'>Библиотеку на Советской улице "
    "закроют на ремонт</a></p>" + ps(READING[4:]), lang="ru"), READING)
ABSENT["/ru/2024/03/kruzhok-chteniya.html"] = ["Читайте также: Библиотеку на Советской улице закроют на ремонт"]

# a German weather report whose day and night lines open with "Tags:" (by day) and "Nachts:"; the page's own tag
# list (a label and names, no sentence) still goes
WEATHER = [
    "Nach dem ersten Schnee der Saison bleibt es in der Region bis zum Wochenende kalt, teilte der Wetterdienst am "
    "Montagmorgen mit.",
    "Tags: Sonnig und mild, nachts leichter Frost.",
    "Nachts: Klar, an der Küste vereinzelt Nebel.",
    "Am Donnerstag zieht von Westen ein Tief heran, das bis zu zehn Zentimeter Neuschnee in den Höhenlagen bringen "
    "kann.",
    "Autofahrer sollten sich auf glatte Straßen einstellen, vor allem auf Brücken und in schattigen Waldstücken.",
]
ARTICLES["/de/2024/12/wetter-frost.html"] = (page(
    "Sonnige Tage, frostige Nächte", ps(WEATHER) + "<p>Tags: <a href='/tag/wetter'>Wetter</a>, "
    "<a href='/tag/winter'>Winter</a>, <a href='/tag/verkehr'>Verkehr</a></p>", lang="de"), WEATHER)
ABSENT["/de/2024/12/wetter-frost.html"] = ["Tags: Wetter, Winter, Verkehr"]

# a flood story whose lines open with "Photo by" and "Image by" in a sentence (the picture the story speaks of); the
# page's own credit under its picture still goes
FLOOD = [
    "The river burst its banks at Millford early on Sunday, flooding more than forty homes along Water Lane and "
    "the lower end of the high street.",
    "Photo by the river shows high water.",
    "Image by the satellite shows fires.",
    "Residents said the water rose faster than in the floods of 2007, reaching the doors within an hour of the "
    "first warning.",
    "The council has opened the village hall as a rest centre and says it will stay open until the water goes down.",
]
ARTICLES["/news/2024/02/millford-flood.html"] = (page(
    "River floods forty homes in Millford",
    ps(FLOOD[:1]) + "<p><img src='/img/flood.jpg' alt=''></p><p>Top image by Jane Doe</p>" + ps(FLOOD[1:])),
    FLOOD)
ABSENT["/news/2024/02/millford-flood.html"] = ["Top image by Jane Doe"]

# a byline naming the author and, after a comma, the city the story is filed from: one author, not two
BATHS = [
    "The council voted on Tuesday night to keep the Eastgate swimming baths open for at least five more years, "
    "after a campaign that drew two thousand signatures.",
    "Officers had said the repairs would cost 1.4 million pounds, but a new survey puts the figure at less than "
    "half that amount.",
    "The roof can be mended over the winter while the pool stays open, the council's leisure officer told the "
    "meeting on Tuesday.",
    "The swimming club, which has 300 members, said it would hold a gala in the spring to celebrate the decision.",
]
ARTICLES["/news/2024/09/baths-vote.html"] = (page(
    "Councillors vote to keep the baths open", "<div class='byline'>By Jane Doe, London</div>" + ps(BATHS)), BATHS)
AUTHORS["/news/2024/09/baths-vote.html"] = ["Jane Doe"]

# a column whose author's one-word pen name ("Tim") the site's host holds inside a longer word (harwoodtimes): not the
# site's own name, so the letter it quotes, signed under the text, does not name its author
LETTER = [
    "The head teacher of Eastgate Primary wrote to parents this week to say that the school will close early on "
    "Fridays from January, to give staff time for training.",
    "Many parents were unhappy, and several wrote to this column to say so, pointing out that they work on Fridays.",
    "The school says the change will last for one term only and that a club will look after children whose parents "
    "cannot collect them early.",
    "Here is what the letter said, in full, so that readers can judge for themselves whether it is fair.",
]
ARTICLES["/news/2024/11/school-fridays.html"] = (page(
    "Early Fridays at Eastgate Primary", ps(LETTER) + "<p style='text-align:right'><strong>Margaret Hale"
    "</strong></p>", head="<meta name='author' content='Tim'>"
    "<link rel='canonical' href='https://www.harwoodtimes.co.uk/news/2024/11/school-fridays.html'>",
    site="Harwood Times"), LETTER)
AUTHORS["/news/2024/11/school-fridays.html"] = ["Tim"]

# a photo gallery and a video page whose only JSON-LD node is the gallery or the video itself (no article node), its
# author a Person: the page's author
GALLERY = [
    "Thousands lined the streets of Harwood on Saturday for the first carnival parade since the town's centenary, "
    "with forty floats, six marching bands and dancers from every school in the district.",
    "The parade set off from Castle Park at noon and took nearly two hours to reach the market square, where the "
    "mayor crowned this year's carnival queen in front of a crowd that filled the square and the streets around it.",
    "Our photographer followed the floats from the park to the square. The Eastgate Otters swimming club won the "
    "prize for the best float with a giant paper whale that sprayed water over the crowd at every corner.",
    "Organisers said more than twelve thousand people watched, the most since records began in 1987, and that the "
    "money raised from the stalls will go to the hospice and the new playground at Moor Lane.",
    "Next year's carnival will be held on the second Saturday of July, and the committee is already looking for "
    "volunteers to help build the floats over the spring.",
]


def _ld(node: dict) -> str:
    return f"<script type='application/ld+json'>{json.dumps(node)}</script>"


for _path, _type, _title, _name, _lead in (
        ("/pictures/2024/07/carnival-parade.html", "ImageGallery", "In pictures: the carnival parade", "Ann Lee",
         "Our pictures of the day the carnival came back to Harwood, from the floats to the crowning of the queen."),
        ("/video/2024/07/carnival-parade.html", "VideoObject", "Watch: the carnival parade", "Tom Price",
         "Our film of the day the carnival came back to Harwood, from the first float to the last band.")):
    ARTICLES[_path] = (page(_title, ps([_lead, *GALLERY]), head=_ld({
        "@context": "https://schema.org", "@type": _type, "name": _title, "uploadDate": "2024-07-14",
        "author": {"@type": "Person", "name": _name}})), [_lead, *GALLERY])
    AUTHORS[_path] = [_name]

# a story with no date of its own above a box of related stories, each with its date: the page gives no date (not
# the first related story's); a story under a masthead that shows the day's date, its own date in its byline
ROOF = [
    "Work to replace the roof of the Eastgate swimming baths will start next month, the council confirmed, after "
    "a survey found that the old timbers could be repaired rather than replaced.",
    "The pool will stay open while the work is done, though the spectators' gallery will close for six weeks.",
    "The swimming club said it was delighted and thanked the two thousand people who signed its petition.",
    "The council expects the work to cost about 600,000 pounds, less than half the figure given last year.",
]
ARTICLES["/news/roof-work-to-start.html"] = (page(
    "Roof work at the baths to start next month", ps(ROOF) + "<div class='related'><h3>More on this story</h3>"
    "<div><a href='/news/baths-petition.html'>Petition handed in</a> <span class='date'>12 May 2023</span></div>"
    "<div><a href='/news/baths-vote.html'>Councillors vote to keep the baths</a> <span class='date'>3 June 2023"
    "</span></div></div>"), ROOF)
DATES["/news/roof-work-to-start.html"] = ""
GALA = [
    "The Eastgate Otters swimming club will hold its first gala in the newly repaired baths on the last Saturday "
    "of April, with races for every age group from six to sixty.",
    "Entries close at the end of March, and the club says places in the relay races are filling up fast.",
    "Spectators are welcome, and the gallery, closed during the repairs, will be open again in time for the gala.",
]
ARTICLES["/news/otters-gala.html"] = (page(
    "Otters to hold first gala in the repaired baths",
    "<p class='byline'>By Jane Doe, <span class='date'>14 March 2024</span></p>" + ps(GALA),
    top="<div class='masthead'><a href='/'>Harwood Evening Post</a> <span class='date'>Monday, 28 October 2024"
        "</span></div>"), GALA)
DATES["/news/otters-gala.html"] = "2024-03-14"

# a story with a table of figures: its rows stay, the table's caption (a label over the table, as a picture's caption
# is) goes
BUDGET = [
    "The council published its spending plan for the Eastgate baths on Tuesday, with the figures below showing where "
    "the money will go over the next two years.",
    "| Year | Roof | Boilers |",
    "| 2025 | 300,000 | 50,000 |",
    "| 2026 | 200,000 | 40,000 |",
    "Councillors will vote on the plan next month, and the public can comment on it until the end of February at the "
    "town hall or on the council's website.",
]
ARTICLES["/news/2024/12/baths-budget.html"] = (page(
    "Where the baths money will go", ps(BUDGET[:1]) + "<table><caption>Table 1: Spending on the baths, in pounds"
    "</caption><tr><th>Year</th><th>Roof</th><th>Boilers</th></tr><tr><td>2025</td><td>300,000</td><td>50,000</td>"
    "</tr><tr><td>2026</td><td>200,000</td><td>40,000</td></tr></table>" + ps(BUDGET[-1:])), BUDGET)
ABSENT["/news/2024/12/baths-budget.html"] = ["| Table 1: Spending on the baths, in pounds | | |"]

# a Thai story with its source line under the text, and an Arabic opinion piece with the site's disclaimer under it
ROAD = [
    "กรุงเทพมหานครประกาศปิดถนนสายหลักสามสายในวันอาทิตย์นี้ เพื่อจัดงานเดินวิ่งการกุศลประจำปี "
    "ซึ่งคาดว่าจะมีผู้เข้าร่วมกว่าหนึ่งหมื่นคน",
    "ผู้จัดงานระบุว่ารายได้ทั้งหมดจะมอบให้กับโรงพยาบาลเด็กแห่งชาติ เพื่อจัดซื้อเครื่องมือแพทย์ที่จำเป็นสำหรับผู้ป่วยเด็ก",
    "ที่มาของชื่องานมาจากเส้นทางวิ่งที่ผ่านสวนสาธารณะเก่าแก่ที่สุดของเมือง",
    "ตำรวจจราจรแนะนำให้ผู้ขับขี่หลีกเลี่ยงเส้นทางดังกล่าวตั้งแต่เวลาตีสี่ถึงเที่ยงวัน และใช้ระบบขนส่งสาธารณะแทน",
]
ARTICLES["/th/2024/11/road-closures.html"] = (page(
    "ปิดถนนสามสายวันอาทิตย์ จัดงานเดินวิ่งการกุศล", ps([*ROAD, "ที่มา: สำนักงานเขตปทุมวัน"]), lang="th"), ROAD)
ABSENT["/th/2024/11/road-closures.html"] = ["ที่มา: สำนักงานเขตปทุมวัน"]
MARKET = [
    "قررت بلدية المدينة إغلاق السوق القديم لمدة أسبوعين من أجل ترميم الأسقف والممرات التي تضررت في عاصفة الشتاء "
    "الماضي، وهو قرار أراه صائبا وإن جاء متأخرا.",
    "فالتجار اشتكوا لسنوات من تسرب المياه، وكان على البلدية أن تستمع إليهم قبل أن تتفاقم الأضرار.",
    "ويعود بناء السوق إلى القرن التاسع عشر، ويعد من أهم المعالم في المنطقة ويزوره آلاف السياح كل عام.",
    "وأتمنى أن تنتهي الأعمال في موعدها، وأن يعود السوق كما عرفناه مكانا للقاء قبل أن يكون مكانا للبيع.",
]
ARTICLES["/ar/2024/11/old-market.html"] = (page(
    "ترميم السوق القديم خطوة متأخرة", ps([*MARKET, "المقالات المنشورة تعبر عن رأي كاتبها ولا تعبر بالضرورة عن "
                                          "رأي الموقع"]), lang="ar"), MARKET)
ABSENT["/ar/2024/11/old-market.html"] = ["المقالات المنشورة تعبر عن رأي كاتبها ولا تعبر بالضرورة عن رأي الموقع"]
