"""Article and listing pages in the shapes of 2003–2013 news sites (issue 11, "probe", second round): nested table
layouts, ``<font>``/``<br><br>`` text without ``<p>``, ``<div id="content">`` with inline scripts and iframes, print
versions, portal pages in legacy encodings declared by ``<meta http-equiv>`` only, by the HTTP header only or by
both contradicting each other, comment threads longer than the story, related-news tables, forum-like news,
a multi-page article, links given only by ``<area>``, ``<select onchange>`` or JavaScript, and listings that must not
become articles. All text is written for these tests.

:func:`site` gives ``path → (Content-Type, bytes)``; :data:`ARTICLES` and :data:`LISTINGS` say what each page is;
:func:`truth_lines` writes a ``truth.jsonl`` that ``../shared/tools/score.py`` reads."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape

SITE = "Colbridge Echo"


@dataclass
class Page:
    path: str
    html: str
    headline: str = ""
    lines: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    encoding: str = "utf-8"
    ctype: str = "text/html; charset=utf-8"
    language: str = "en"
    shape: str = ""
    linked: bool = True
    """Linked from the homepage by an ordinary ``<a href>`` (else only as ``shape`` says)."""

    @property
    def body(self) -> bytes:
        return self.html.encode(self.encoding)


def _old_head(title: str, meta: str = "") -> str:
    return ('<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<html><head>'
            f"{meta}<title>{escape(title)}</title>"
            '<link rel="stylesheet" href="/css/echo.css"></head>\n')


LEFT_NAV = ('<td width="130" valign="top" bgcolor="#eeeeee" class="nav"><a href="/">Home</a><br>'
            '<a href="/news/local/">Local News</a><br><a href="/sport/">Sport</a><br><a href="/archive/2009/03/14/">'
            'Archive</a><br><a href="/search.php?q=flood">Search</a><br><a href="/classifieds/">Classifieds</a><br>'
            '<a href="/weather/">Weather</a></td>')
MASTHEAD = ('<table width="100%" cellpadding="0" cellspacing="0"><tr><td><a href="/"><img src="/img/logo.gif" '
            f'alt="{SITE}" width="300" height="60"></a></td><td align="right"><font size="1">Your local paper since '
            '1887</font></td></tr></table>')
FOOTER = (f'<table width="100%"><tr><td align="center"><font size="1">&copy; 2009 {SITE} Newspapers Ltd. All '
          'rights reserved. <a href="/terms/">Terms</a> | <a href="/contact/">Contact us</a></font></td></tr>'
          '</table>')
ADCELL = ('<td width="160" valign="top"><iframe src="/ads/banner.html?zone=right" width="160" height="600" '
          'frameborder="0" scrolling="no"></iframe></td>')


def _brs(lines: list[str]) -> str:
    return "<br><br>\n".join(escape(t) for t in lines)


def _ps(lines: list[str], attrs: str = "") -> str:
    return "".join(f"<p{attrs}>{escape(t)}</p>\n" for t in lines)


# ----------------------------------------------------------------------------------------------- the articles
ARTICLES: list[Page] = []


def _add(page: Page) -> Page:
    ARTICLES.append(page)
    return page


FLOOD = ["The steel flood barrier across the river Wend at Colbridge was finally lowered into place on Tuesday, "
         "fourteen months after the date first promised to householders on the low side of town.",
         "Engineers blamed the delay on the discovery of a medieval timber causeway under the riverbed, which had to "
         "be recorded by archaeologists before the piling could begin.",
         "The barrier cost six point two million pounds, almost a third more than the first estimate, with the extra "
         "money found from the regional flood defence budget.",
         "Margaret Holt, whose shop on Quay Street flooded three times in five years, said she would believe it "
         "worked when she saw the water stop at the gate.",
         "The agency that runs the barrier will test it once a month through the winter."]
_add(Page(
    "/news/story.asp?id=20451", shape="nested tables, story in one <td> among nav/ad/teaser cells",
    headline="Flood barrier on the Wend finished a year late", lines=FLOOD, authors=["Tom Ashcroft"],
    html=_old_head(f"{SITE} - Local News - Flood barrier on the Wend finished a year late")
    + f'<body bgcolor="#ffffff" topmargin="0">{MASTHEAD}<table width="760" border="0" cellpadding="4"><tr>{LEFT_NAV}'
    '<td width="470" valign="top"><table width="100%" border="0"><tr><td><font face="Arial" size="1">'
    '<a href="/">Home</a> &gt; <a href="/news/local/">Local News</a></font></td></tr><tr><td><font face="Arial" '
    'size="4" color="#003366"><b>Flood barrier on the Wend finished a year late</b></font></td></tr><tr><td>'
    '<font face="Arial" size="1">By Tom Ashcroft<br>Tuesday 10 March 2009, 16:20</font></td></tr><tr><td>'
    '<table align="right" width="180" border="1" cellpadding="3"><tr><td bgcolor="#ffffcc"><font size="1"><b>'
    'Story Tools</b><br><a href="/email.asp?id=20451">Email this story</a><br><a href="/print.asp?id=20451">'
    'Print this story</a><br><a href="/forum/">Discuss this story</a></font></td></tr></table>'
    f'<font face="Arial" size="2">{_brs(FLOOD)}</font></td></tr></table></td><td width="160" valign="top">'
    '<table width="100%" border="1" cellpadding="3"><tr><td bgcolor="#003366"><font color="#ffffff"><b>Top '
    'Stories</b></font></td></tr><tr><td><font size="1"><a href="/news/story.asp?id=20390">Ferry fares to rise by '
    'nine per cent</a><br>Passengers face a steep rise.</font></td></tr><tr><td><font size="1">'
    '<a href="/news/local/">More local news</a></font></td></tr><tr><td><iframe src="/ads/box.html" width="150" '
    f'height="250"></iframe></td></tr></table></td></tr></table>{FOOTER}</body></html>'))

FERRY = ["Passengers on the Colbridge to Annisport ferry will pay nine per cent more for their tickets from the "
         "first of April, the operator confirmed yesterday.",
         "A single adult fare will go up from four pounds forty to four pounds eighty, while a car and driver will "
         "cost twenty one pounds each way.",
         "The company said the price of marine diesel had almost doubled in two years and it could no longer absorb "
         "the cost.",
         "Regular travellers who buy a book of twenty tickets before the end of March will still pay the old price."]
_add(Page(
    "/news/story.asp?id=20390", shape="<font>/<br><br> text without <p>",
    headline="Ferry fares to rise by nine per cent in April", lines=FERRY,
    html=_old_head("Ferry fares to rise by nine per cent in April :: Colbridge Echo")
    + f'<body>{MASTHEAD}<table width="100%"><tr>{LEFT_NAV}<td valign="top"><font face="Verdana" size="3"><b>Ferry '
    'fares to rise by nine per cent in April</b></font><br><font face="Verdana" size="1" color="#666666">Published '
    f'05/03/2009</font><br><br><font face="Verdana" size="2">{_brs(FERRY)}</font><br><br><font size="1">'
    '<a href="javascript:history.back()">&lt;&lt; Back</a></font></td></tr></table>'
    f'{FOOTER}</body></html>'))

BUS = ["A late night bus service between the town centre and Wendham airport will run for another six months after "
       "the trial carried more passengers than expected.",
       "The N7 leaves the bus station every hour from eleven at night until five in the morning and was meant to be "
       "withdrawn at the end of February.",
       "Figures from the operator show an average of thirty eight passengers on each journey, most of them airport "
       "staff on early shifts.",
       "The county council has agreed to cover the cost until the end of August, when the route will be reviewed "
       "again."]
_add(Page(
    "/2009/03/night-bus-trial-extended.html", shape='<div id="content"> with inline scripts and iframes',
    headline="Night bus trial extended to the airport", lines=BUS, authors=["Priya Nandra"],
    html=_old_head("Night bus trial extended to the airport - Colbridge Echo",
                   '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
                   '<script type="text/javascript">var pageSection = "local";</script>')
    + f'<body><div id="header">{MASTHEAD}</div><div id="wrapper"><div id="content"><h2 class="headline">Night bus '
    'trial extended to the airport</h2><div class="byline">by Priya Nandra | 12 March 2009</div>'
    f'<p>{escape(BUS[0])}</p><script type="text/javascript">document.write(\'<div class="ad">\'+'
    "adserver.tag('mpu')+'</div>');</script><noscript><a href=\"/ads/click\">Advertisement</a></noscript>"
    f'<p>{escape(BUS[1])}</p><iframe src="/widgets/poll.html" width="300" height="200" frameborder="0"></iframe>'
    f'<p>{escape(BUS[2])}</p><script>if (window.trackRead) trackRead(20455);</script><p>{escape(BUS[3])}</p>'
    '</div><div id="sidebar"><h3>Most read</h3><ul><li><a href="/news/story.asp?id=20451">Flood barrier finished'
    '</a></li><li><a href="/news/story.asp?id=20390">Ferry fares to rise</a></li></ul></div></div>'
    f'<div id="footer">{FOOTER}</div></body></html>'))

CLOCK = ["The clock on Colbridge town hall will strike the hours again from Saturday, after volunteers spent the "
         "winter repairing a mechanism that had been silent since 1998.",
         "The team of six, most of them retired engineers, cleaned and re-bushed every wheel of the movement and "
         "made a new pendulum rod from seasoned oak.",
         "Parts that could not be mended were cast at a foundry in the Midlands from drawings found in the borough "
         "archives.",
         "The first chime is planned for noon on Saturday, when the mayor will start the clock in front of the people "
         "who paid for the work through a public appeal."]
_add(Page(
    "/news/article.php?id=4412", shape="article with a printer-friendly version link",
    headline="Town hall clock to chime again after eleven years", lines=CLOCK, authors=["Helen Marsh"],
    html=_old_head("Colbridge Echo | Town hall clock to chime again after eleven years")
    + f'<body>{MASTHEAD}<table width="760"><tr>{LEFT_NAV}<td valign="top"><span class="headline">Town hall clock '
    'to chime again after eleven years</span><br><span class="byline">Helen Marsh, Chief Reporter</span><br>'
    '<span class="tools"><a href="/print.php?id=4412" target="_blank">Printer-friendly version</a> | '
    "<a href=\"javascript:window.open('/sendfriend.php?id=4412','send','width=400,height=300')\">Send to a friend"
    f'</a></span><div class="text">{_ps(CLOCK)}</div></td>{ADCELL}</tr></table>{FOOTER}</body></html>'))

PRINT = Page(
    "/print.php?id=4412", shape="printer-friendly page of /news/article.php?id=4412", linked=False,
    headline="Town hall clock to chime again after eleven years", lines=CLOCK, authors=["Helen Marsh"],
    html=_old_head("Print: Town hall clock to chime again after eleven years")
    + '<body onload="window.print()"><img src="/img/logo-bw.gif" alt="Colbridge Echo"><hr><b>Town hall clock to '
    f'chime again after eleven years</b><br>Helen Marsh, Chief Reporter<br><br>{_brs(CLOCK)}<hr>'
    '<font size="1">This story was printed from the Colbridge Echo website.</font> '
    '<a href="javascript:window.close()">Close window</a></body></html>')

# ----------------------------------------------------------------------------------- portal pages, legacy encodings
RU_BRIDGE = ["В субботу в Кострове после двух лет ремонта открыли движение по мосту через реку Вязьму. На церемонии "
             "присутствовали глава района и несколько сотен жителей.",
             "Старый деревянный мост закрыли весной позапрошлого года, после того как паводок повредил две опоры. "
             "Всё это время жителям заречной части города приходилось делать крюк в двенадцать километров.",
             "Новый мост рассчитан на грузовики массой до сорока тонн. По словам подрядчика, работы обошлись "
             "областному бюджету в 214 миллионов рублей.",
             "Автобусы пятого маршрута вернутся на прежнюю схему движения с понедельника."]
RU_NAV = ('<td width="150" valign="top"><a href="/">Главная</a><br><a href="/ru/news/">Новости</a><br>'
          '<a href="/ru/sport/">Спорт</a><br><a href="/ru/weather/">Погода</a><br><a href="/ru/forum/">Форум</a></td>')
RU_FOOT = ('<table width="100%"><tr><td align="center"><font size="1">© 2011 Костровский вестник. При '
           'перепечатке ссылка обязательна.</font></td></tr></table>')


def _ru_portal(title: str, headline: str, lines: list[str], meta: str = "", date: str = "12.04.2011 09:15") -> str:
    return (_old_head(f"{headline} :: Костровский вестник", meta).replace("<html>", '<html lang="ru">')
            + f'<body><table width="100%" cellpadding="0"><tr><td><a href="/"><img src="/img/kv.gif" alt="'
            'Костровский вестник"></a></td><td>Курс валют: USD 28,41 · EUR 40,87</td></tr></table><table '
            f'width="100%" cellpadding="5"><tr>{RU_NAV}<td valign="top"><div class="date">{date}</div><h1>'
            f'{escape(headline)}</h1><div class="news-text">{_ps(lines)}</div><div class="share">Версия для печати'
            ' | Обсудить на форуме</div></td><td width="200" valign="top"><b>Последние новости</b><br>'
            '<a href="/ru/news/1042.html">В Берёзовке открыли спортзал</a><br><a href="/ru/news/1043.html">'
            f'Рынок переедет на новое место</a></td></tr></table>{RU_FOOT}</body></html>')


_add(Page(
    "/ru/news/1041.html", shape="Russian portal, windows-1251 declared by <meta http-equiv> only",
    headline="В Кострове открыли новый мост через Вязьму", lines=RU_BRIDGE, language="ru",
    encoding="cp1251", ctype="text/html",
    html=_ru_portal("", "В Кострове открыли новый мост через Вязьму", RU_BRIDGE,
                    '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">')))

RU_GYM = ["Ученики школы в посёлке Берёзовка впервые за много лет провели урок физкультуры в настоящем спортзале. "
          "Прежний зал находился в бывшем складе и зимой почти не отапливался.",
          "Строительство нового зала заняло одиннадцать месяцев. Деньги выделили из программы развития сельских "
          "школ, ещё часть собрали местные предприниматели.",
          "Директор школы Наталья Рябова рассказала, что теперь в школе откроются секции волейбола и настольного "
          "тенниса. Записаться в них смогут и дети из соседних деревень."]
_add(Page(
    "/ru/news/1042.html", shape="Russian portal, koi8-r declared by the HTTP header only",
    headline="В Берёзовке открыли новый спортзал", lines=RU_GYM, language="ru",
    encoding="koi8-r", ctype="text/html; charset=koi8-r",
    html=_ru_portal("", "В Берёзовке открыли новый спортзал", RU_GYM)))

RU_MARKET = ["Городской рынок, который почти тридцать лет работал на площади у вокзала, летом переедет в новый "
             "павильон на улице Заводской. Решение приняли на заседании городской думы.",
             "Торговцы опасаются, что на новом месте покупателей станет меньше. Администрация обещает пустить до "
             "павильона дополнительный автобус.",
             "Освободившуюся площадь у вокзала планируют превратить в сквер с фонтаном."]
_add(Page(
    "/ru/news/1043.html", shape="Russian XHTML, <?xml encoding='windows-1251'?> and a header without charset",
    headline="Городской рынок переедет на новое место", lines=RU_MARKET, language="ru",
    encoding="cp1251", ctype="text/html",
    html='<?xml version="1.0" encoding="windows-1251"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 '
    'Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
    + _ru_portal("", "Городской рынок переедет на новое место", RU_MARKET).split("\n", 1)[1].replace(
        '<html lang="ru">', '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="ru">')))

RU_KITES = ["В воскресенье на поле у деревни Сосновка прошёл ежегодный фестиваль воздушных змеев. В этом году в нём "
            "приняли участие более трёхсот человек из пяти областей.",
            "Самый большой змей длиной одиннадцать метров привезли участники из Твери. Запустить его удалось только с "
            "третьей попытки, когда усилился ветер.",
            "Организаторы обещают, что в следующем году фестиваль продлится два дня."]
_add(Page(
    "/ru/news/1044.html", shape="Russian portal, UTF-8 bytes under a <meta> that says windows-1251",
    headline="Фестиваль воздушных змеев собрал рекордное число участников", lines=RU_KITES, language="ru",
    encoding="utf-8", ctype="text/html",
    html=_ru_portal("", "Фестиваль воздушных змеев собрал рекордное число участников", RU_KITES,
                    '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">')))

UK_TOWER = ["Водонапірна вежа, збудована в Малинівці ще на початку минулого століття, знову постачає воду до "
            "будинків на трьох вулицях селища. Ремонт тривав майже пів року.",
            "За словами сільського голови, вежу хотіли розібрати, але мешканці зібрали підписи за її збереження. "
            "Тепер на ній встановили нові насоси та лічильники.",
            "Наступного року громада планує замінити труби на вулиці Садовій, де пориви трапляються найчастіше."]
_add(Page(
    "/ua/novyny/2011/04/vezha.html",
    shape="Ukrainian portal, windows-1251 bytes: HTTP header says ISO-8859-1, <meta> says windows-1251",
    headline="У Малинівці відремонтували стару водонапірну вежу", lines=UK_TOWER, language="uk",
    encoding="cp1251", ctype="text/html; charset=ISO-8859-1",
    html=_old_head("У Малинівці відремонтували стару водонапірну вежу - Новини Полісся",
                   '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">').replace(
        "<html>", '<html lang="uk">')
    + '<body><div id="top"><a href="/ua/">Новини Полісся</a> | <a href="/ua/novyny/">Новини</a> | '
    '<a href="/ua/region/">Регіон</a></div><table width="100%"><tr><td valign="top" width="70%">'
    '<div class="title">У Малинівці відремонтували стару водонапірну вежу</div><div class="data">14 квітня 2011'
    f'</div><div class="txt">{_brs(UK_TOWER)}</div></td><td valign="top"><b>Читайте також</b><br>'
    '<a href="/ua/novyny/">Усі новини</a></td></tr></table><div id="bottom">© Новини Полісся, 2011</div>'
    "</body></html>"))

CS_STATION = ["Zastupitelé obce Lhotka ve čtvrtek schválili stavbu nové hasičské zbrojnice. Současná budova pochází "
              "z padesátých let a do jejích vrat se moderní cisterna nevejde.",
              "Stavba by měla začít na jaře a stát přibližně devět milionů korun. Většinu peněz obec získá z krajské "
              "dotace, zbytek zaplatí ze svého rozpočtu.",
              "Starosta Jiří Kovářík uvedl, že stará zbrojnice nezmizí. Obec v ní chce zřídit malé muzeum místních "
              "dobrovolných hasičů."]
_add(Page(
    "/cz/zpravy/lhotka-zbrojnice.php", shape="Czech portal, windows-1250 bytes: header says UTF-8, <meta> cp1250",
    headline="Obec Lhotka dostane novou hasičskou zbrojnici", lines=CS_STATION, language="cs",
    encoding="cp1250", ctype="text/html; charset=utf-8",
    html=_old_head("Obec Lhotka dostane novou hasičskou zbrojnici | Regionální zpravodaj",
                   '<meta http-equiv="Content-Type" content="text/html; charset=windows-1250">').replace(
        "<html>", '<html lang="cs">')
    + '<body><table width="980"><tr><td colspan="2"><a href="/cz/">Regionální zpravodaj</a></td></tr><tr>'
    '<td width="180" valign="top"><a href="/cz/zpravy/">Zprávy</a><br><a href="/cz/sport/">Sport</a><br>'
    '<a href="/cz/kultura/">Kultura</a></td><td valign="top"><h1>Obec Lhotka dostane novou hasičskou zbrojnici</h1>'
    f'<p class="perex"><i>Vydáno 7. 4. 2011</i></p>{_ps(CS_STATION)}<p><a href="/cz/zpravy/">Další zprávy</a></p>'
    '</td></tr></table><div class="pata">© Regionální zpravodaj 2011</div></body></html>'))

PL_BUS = ["Od przyszłego poniedziałku mieszkańcy osiedla Zielone Wzgórze dojadą bezpośrednio na dworzec kolejowy. "
          "Miejski przewoźnik uruchamia nową linię numer 14.",
          "Autobusy będą kursować co dwadzieścia minut w godzinach szczytu i co czterdzieści minut wieczorem. Pierwszy "
          "odjazd zaplanowano na godzinę piątą rano.",
          "O nowe połączenie mieszkańcy zabiegali od trzech lat. Pod petycją w tej sprawie podpisało się ponad dwa "
          "tysiące osób."]
_add(Page(
    "/pl/wiadomosci/nowa-linia-14.html", shape="Polish portal, ISO-8859-2 declared by the HTTP header only",
    headline="Nowa linia autobusowa połączy osiedle z dworcem", lines=PL_BUS, language="pl",
    encoding="iso-8859-2", ctype="text/html; charset=iso-8859-2",
    html=_old_head("Nowa linia autobusowa połączy osiedle z dworcem - Gazeta Miejska").replace(
        "<html>", '<html lang="pl">')
    + '<body><div id="menu"><a href="/pl/">Gazeta Miejska</a> <a href="/pl/wiadomosci/">Wiadomości</a> '
    '<a href="/pl/sport/">Sport</a></div><div id="tresc"><h2>Nowa linia autobusowa połączy osiedle z dworcem</h2>'
    f'<div class="data">2011-04-11</div><font size="2">{_brs(PL_BUS)}</font></div><div id="stopka">'
    "&copy; Gazeta Miejska</div></body></html>"))

ZH_LIBRARY = ["记者从市文化局获悉，位于城东新区的市图书馆新馆将于下月一日正式对外开放。新馆建筑面积约两万平方米，"
              "可容纳藏书一百二十万册。",
              "新馆设有少儿阅览区、电子阅览室和古籍修复中心，每天开放时间为上午九时至晚上九时。读者凭身份证即可免费"
              "办理借书证。",
              "据介绍，老馆将改建为社区文化活动中心，预计明年年底完工。"]
_add(Page(
    "/zh/news/2011-04/12/content_88123.htm", shape="Chinese portal, GB2312 declared by <meta http-equiv> only",
    headline="市图书馆新馆下月正式开放", lines=ZH_LIBRARY, language="zh",
    encoding="gb2312", ctype="text/html",
    html=_old_head("市图书馆新馆下月正式开放_城市新闻_东城网",
                   '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    + '<body><table width="950" align="center"><tr><td><a href="/zh/">东城网首页</a> | <a href="/zh/news/">新闻'
    '</a> | <a href="/zh/sports/">体育</a></td></tr></table><table width="950" align="center"><tr><td width="650" '
    'valign="top"><div align="center"><font size="5"><b>市图书馆新馆下月正式开放</b></font></div><div '
    'align="center"><font size="2">2011年04月12日 08:30 来源：东城晚报</font></div><div class="content">'
    f'{_ps(ZH_LIBRARY)}</div><div>【<a href="/zh/news/">返回新闻首页</a>】【<a href="javascript:window.print()">'
    '打印本页</a>】</div></td><td valign="top"><b>相关新闻</b><br><a href="/zh/news/">城东新区规划公布</a><br>'
    '</td></tr></table><div align="center">东城网版权所有</div></body></html>'))

JA_STATION = ["市が進めていた駅前広場の改修工事が完了し、十五日に記念式典が開かれた。広場には新たに屋根付きのバス乗り場"
              "と観光案内所が設けられた。",
              "工事は二年前に始まり、総事業費は約八億円。市によると、段差をなくしたことで車いすの利用者も乗り場まで"
              "移動しやすくなった。",
              "式典に参加した市民からは「雨の日でも待ちやすくなった」との声が聞かれた。"]
_add(Page(
    "/ja/news/20110415_02.html", shape="Japanese portal, Shift_JIS declared by <meta http-equiv> only",
    headline="駅前広場の改修工事が完了", lines=JA_STATION, language="ja",
    encoding="shift_jis", ctype="text/html",
    html=_old_head("駅前広場の改修工事が完了 - みなと新聞",
                   '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">')
    + '<body><table width="780"><tr><td colspan="2"><a href="/ja/">みなと新聞</a>　<a href="/ja/news/">ニュース'
    '</a>　<a href="/ja/sports/">スポーツ</a></td></tr><tr><td width="560" valign="top"><h2>駅前広場の改修工事が完了'
    f'</h2><div class="date">2011年4月15日</div>{_ps(JA_STATION)}</td><td valign="top"><b>主なニュース</b><br>'
    '<a href="/ja/news/">一覧へ</a></td></tr></table><div>Copyright みなと新聞社</div></body></html>'))

# --------------------------------------------------------------------------- comments, related links, forums
GREEN = ["Children will no longer be allowed to play football on the village green at Hatherby after the parish "
         "council voted four to three to ban ball games there.",
         "The vote followed complaints from two households whose windows had been broken by stray balls over the "
         "summer.",
         "Councillors who opposed the ban said the green had been used for games for more than a century and that "
         "the playing field on Mill Lane was too far for younger children to walk to alone.",
         "Signs announcing the ban will go up next month."]
COMMENTS = [
    ("oldhatherbyboy", "I grew up on that green and we broke a few windows too. Nobody called the council, our dads "
     "just paid for the glass and we said sorry. What has happened to this village?"),
    ("Concerned Resident", "It is easy to say that when it is not your window. The ball came through our kitchen "
     "window twice in August and once nearly hit my granddaughter. Something had to be done."),
    ("MillLaneMum", "The playing field is across the main road with no crossing. I am not letting my eight year old "
     "walk there, so where exactly are the children supposed to go now?"),
    ("Jeff P", "Four votes to three. So three people decide for the whole village. Typical of this council, who "
     "never ask anyone before they make their minds up."),
    ("oldhatherbyboy", "@Concerned Resident fair enough about the granddaughter, but a net behind the goal would "
     "have cost a lot less than the signs."),
    ("Sally", "A net is a good idea. Perhaps the people who want the games to carry on could raise the money for one "
     "and take it to the next meeting."),
]
_add(Page(
    "/news/2009/09/hatherby-green-ball-games-ban.html", shape="comment thread longer than the story",
    headline="Parish council bans ball games on the green", lines=GREEN,
    html=_old_head("Parish council bans ball games on the green | Colbridge Echo")
    + f'<body>{MASTHEAD}<div id="main"><div id="story"><h1>Parish council bans ball games on the green</h1>'
    f'<p class="date">Thursday, September 17, 2009</p>{_ps(GREEN)}</div><div id="comments"><h3>6 comments</h3>'
    + "".join(f'<div class="comment"><div class="comment-author">{escape(who)} wrote:</div><div class="comment-body">'
              f'{escape(text)}</div><div class="comment-meta">17/09/2009 at {10 + i}:0{i} <a href="#report">Report'
              '</a></div></div>' for i, (who, text) in enumerate(COMMENTS))
    + '<h3>Have your say</h3><form action="/comment.php" method="post"><textarea name="c"></textarea><input '
    'type="submit" value="Post comment"></form></div></div>' + f"{FOOTER}</body></html>"))

TURNIPS = ["A lorry shed most of its load of turnips on the A614 near Brambling on Monday morning, closing one "
           "carriageway for nearly four hours.",
           "The driver told police that a strap had snapped as he went round the bend by the old mill, and about "
           "eight tonnes of turnips spilled across the road.",
           "Nobody was hurt. Farmers from nearby fields helped the highways team scoop the vegetables into trailers, "
           "and one of them said most would still go for cattle feed.",
           "Traffic was diverted through Brambling village until the road reopened shortly before lunchtime."]
RELATED = [f"{t} ({d:02d}/0{m}/2009)" for t, d, m in zip(
    ["Roadworks on the A614 to last until June", "Bypass plan back on the table", "Speed cameras for Brambling",
     "Lorry ban call after crash", "Bridge weight limit lowered", "Tractor run raises money for hospice",
     "Turnip prices fall after mild winter", "Farmers' market moves indoors", "New roundabout opens at Tollgate",
     "Council to repair potholes faster", "Bus shelter vandalised again", "Village hall gets new roof",
     "Petrol station to close", "Police warn of diesel thefts", "Mill conversion approved", "Road gritting plan",
     "Cyclists ask for safer route", "School crossing patrol wanted", "Level crossing closed for repairs",
     "Car boot sale returns", "Hedge cutting season begins", "Harvest festival at St Mary's",
     "Ploughing match winners named", "Young farmers' dance", "Bridleway reopened", "Flooded road warning",
     "Street lights switched off at midnight", "Post bus service ends", "Hospital parking charges rise",
     "Village shop saved by residents"], range(1, 31), [1, 2, 3] * 10, strict=True)]
_add(Page(
    "/news/2009/02/turnips-a614.html", shape='150-word story over a "Related news" table of 30 links',
    headline="Turnips spill across the A614 after lorry strap snaps", lines=TURNIPS,
    html=_old_head("Turnips spill across the A614 after lorry strap snaps - Colbridge Echo")
    + f'<body>{MASTHEAD}<table width="760"><tr>{LEFT_NAV}<td valign="top"><h1>Turnips spill across the A614 after '
    f'lorry strap snaps</h1><p><i>Monday, 2 February 2009</i></p>{_ps(TURNIPS)}<table width="100%" border="0" '
    'cellspacing="1" bgcolor="#cccccc"><tr><td bgcolor="#003366" colspan="2"><font color="#ffffff"><b>Related news'
    '</b></font></td></tr>'
    + "".join(f'<tr><td bgcolor="#ffffff"><a href="/news/story.asp?id={19000 + i}">{escape(r.rsplit(" (", 1)[0])}'
              f'</a></td><td bgcolor="#ffffff"><font size="1">{r.rsplit(" (", 1)[1].rstrip(")")}</font></td></tr>'
              for i, r in enumerate(RELATED))
    + f"</table></td></tr></table>{FOOTER}</body></html>"))

POST = ["The post office in Kelby Street will close at one o'clock on Saturdays from next month, the branch's owner "
        "has announced.",
        "Derek Amos, who has run the branch for eleven years, said Saturday afternoons now brought in fewer than "
        "twenty customers and he could not pay a counter clerk to sit there.",
        "Parcels that cannot be delivered on a Saturday will be kept at the sorting office in Station Road, which is "
        "open until five."]
REPLIES = [("kelbyken", "Posts: 412", "Another nail in the coffin for the high street. First the bank, now this."),
           ("jan_w", "Posts: 38", "To be fair twenty customers in four hours is not much. I would not stay open "
            "either."),
           ("kelbyken", "Posts: 412", "The sorting office is two miles away and there is no bus on Saturday "
            "afternoon. Try carrying a parcel that far."),
           ("Moderator", "Posts: 2,109", "Please keep it civil. Derek reads this forum too.")]
_add(Page(
    "/forum/viewtopic.php?t=8812", shape="forum-like news page: the story is the first post",
    headline="Kelby Street post office to close on Saturday afternoons", lines=POST, authors=["Newsdesk"],
    html=_old_head("Colbridge Echo Forum :: View topic - Kelby Street post office to close on Saturday afternoons")
    + '<body><table width="100%"><tr><td><a href="/forum/">Colbridge Echo Forum Index</a> -&gt; <a '
    'href="/forum/viewforum.php?f=3">Local news</a></td></tr></table><table class="forumline" width="100%" '
    'cellspacing="1"><tr><th>Author</th><th>Message</th></tr><tr><td class="row1" valign="top" width="150">'
    '<span class="name"><b>Newsdesk</b></span><br><span class="postdetails">Site Admin<br>Joined: 14 Jan 2004<br>'
    'Posts: 5,833</span></td><td class="row1" valign="top"><span class="postdetails">Posted: Wed Oct 07, 2009 9:14 '
    'am &nbsp; Post subject: Kelby Street post office to close on Saturday afternoons</span><hr><span '
    f'class="postbody">{_brs(POST)}</span></td></tr>'
    + "".join(f'<tr><td class="row{2 - i % 2}" valign="top"><span class="name"><b>{escape(u)}</b></span><br><span '
              f'class="postdetails">{escape(n)}</span></td><td class="row{2 - i % 2}" valign="top"><span '
              f'class="postdetails">Posted: Wed Oct 07, 2009 {11 + i}:2{i} am</span><hr><span class="postbody">'
              f'{escape(t)}</span></td></tr>' for i, (u, n, t) in enumerate(REPLIES))
    + '</table><table width="100%"><tr><td>Page <b>1</b> of <b>1</b></td><td align="right"><a '
    'href="/forum/posting.php?mode=reply&amp;t=8812">Post reply</a></td></tr></table></body></html>'))

# ------------------------------------------------------------------------------ a multi-page article (3 pages)
LIGHT = [
    ["The lighthouse on Skerrow Point is the last on this stretch of coast where someone still climbs the stairs "
     "every evening, and for the past nineteen years that someone has been Alan Brice.",
     "He is not a keeper in the old sense. The light has been automatic since 1992, but the trust that owns the "
     "building pays him to check the lamp, wind the old clockwork for visitors and keep the brass bright."],
    ["Most days begin with the weather. Brice writes the wind, the sea state and the visibility in a ledger that "
     "goes back to 1871, in a hand that has changed with every keeper.",
     "The earliest pages record shipwrecks in a single line each. One in 1883 notes only that the crew of a coal brig "
     "were brought ashore alive and given dry clothes from the keeper's own chest."],
    ["The trust wants to open the tower to school parties next year, and Brice has been asked to talk to them about "
     "the work. He is not sure what he will tell them.",
     "He says the job is mostly cleaning and counting stairs, and that the best part is the half hour after the "
     "light comes on, when the sea goes dark and the beam starts to turn."],
]
for _n, _lines in enumerate(LIGHT, start=1):
    _pager = " ".join(f"<b>{k}</b>" if k == _n else f'<a href="/features/skerrow-lighthouse.html'
                      f'{"" if k == 1 else f"?page={k}"}">{k}</a>' for k in (1, 2, 3))
    if _n < 3:
        _pager += f' <a href="/features/skerrow-lighthouse.html?page={_n + 1}">Next &raquo;</a>'
    _add(Page(
        "/features/skerrow-lighthouse.html" + ("" if _n == 1 else f"?page={_n}"), linked=_n == 1,
        shape=f"page {_n} of a multi-page article with a 'Page 1 2 3 Next' pager",
        headline="The last man on the lighthouse stairs", lines=_lines, authors=["Ruth Kendal"],
        html=_old_head(f"The last man on the lighthouse stairs{'' if _n == 1 else f' (page {_n})'} - Features - "
                       f"{SITE}")
        + f'<body>{MASTHEAD}<table width="760"><tr>{LEFT_NAV}<td valign="top"><div class="feature"><h1>The last man '
        'on the lighthouse stairs</h1><div class="byline">Words by Ruth Kendal</div>'
        f'{_ps(_lines)}<div class="pager">Page {_pager}</div></div></td></tr></table>{FOOTER}</body></html>'))

# ------------------------------------------------------- articles the homepage links only by <area>, <select>, JS
_simple = ('{head}<body>{mast}<table width="760"><tr>{nav}<td valign="top"><font size="4"><b>{h}</b></font><br>'
           '<font size="1">{date}</font><br><br>{body}</td></tr></table>{foot}</body></html>')


def _simple_story(headline: str, date: str, lines: list[str]) -> str:
    """A story in the plain table layout: the masthead, the left navigation, the headline, the date and the lines."""
    return _simple.format(head=_old_head(f"{headline} - Colbridge Echo"), mast=MASTHEAD, nav=LEFT_NAV, h=headline,
                          date=date, body=_brs(lines), foot=FOOTER)


ALLOT = ["The waiting list for an allotment in Colbridge has grown to almost four years, the town's allotment society "
         "said at its annual meeting.",
         "There are 212 plots on the three sites the council owns and 160 names on the list, many of them young "
         "families who moved into the new estates by the bypass.",
         "The society has asked the council to split some of the larger plots in half so that more people can be "
         "offered one sooner."]
_add(Page("/news/story.asp?id=20460", shape="linked from the homepage only by an image map <area>", linked=False,
          headline="Allotment waiting list reaches four years", lines=ALLOT,
          html=_simple_story("Allotment waiting list reaches four years", "14 March 2009", ALLOT)))
CHESS = ["Colbridge Chess Club has begun its fiftieth season with more members than at any time since the 1970s.",
         "The club meets on Tuesday evenings in the back room of the Wheatsheaf, where it has played since it was "
         "founded by two railwaymen in 1959.",
         "Its secretary, Pauline Oduya, said online chess had brought in younger players who then wanted to play "
         "across a real board, and the club now runs a junior section on Saturday mornings."]
_add(Page("/news/story.asp?id=20461", shape="linked from the homepage only by a <select onchange> jump menu",
          linked=False, headline="Chess club celebrates its fiftieth season", lines=CHESS,
          html=_simple_story("Chess club celebrates its fiftieth season", "14 March 2009", CHESS)))
POWER = ["About three thousand homes in the north of Colbridge were without electricity for most of Friday evening "
         "after a cable fault at the substation on Ferry Lane.",
         "Power went off shortly after six and was back on in most streets by half past ten, although a few houses "
         "near the substation waited until after midnight.",
         "The network operator said customers without power for more than twelve hours could claim compensation, "
         "but nobody in Colbridge had been cut off for that long."]
_add(Page("/news/story.asp?id=20462", shape="linked from the homepage only by JavaScript (onclick location=)",
          linked=False, headline="Power cut leaves three thousand homes in the dark", lines=POWER,
          html=_simple_story("Power cut leaves three thousand homes in the dark", "13 March 2009", POWER)))

# ------------------------------------------------------------------------------------- the wrong block to avoid
BAKER = ["A Colbridge baker has won a national award for a sourdough loaf made with flour milled four miles from her "
         "shop.",
         "Anna Pettifer, who opened the Crust and Crumb on Market Street in 2006, beat more than three hundred "
         "entries from bakeries across the country.",
         "She said the starter for the winning loaf had been kept alive since her first week of trading and was "
         "fed twice a day, even on Christmas Day.",
         "The shop will offer a free slice to every customer on Saturday to celebrate."]
MOSTREAD = ["Parents protest over school bus cuts. Dozens of parents gathered outside County Hall on Monday to "
            "oppose plans to end free transport for pupils living under three miles from school.",
            "Rugby club bar licence approved. The club will be able to serve drinks until eleven on match days after "
            "magistrates rejected objections from neighbours.",
            "Fire crews tackle barn blaze. Three crews spent the night at a farm near Hatherby where a barn full of "
            "hay caught fire, but no animals were harmed.",
            "Cinema to show silent films. The Regal will show three silent comedies with a live pianist next month as "
            "part of the town's winter festival of film and music.",
            "Dog show raises hundreds for charity. More than eighty dogs took part in the fun show in Abbey Park, "
            "raising money for the hospice and the local animal rescue centre."]
_add(Page(
    "/news/local/2009/03/baker-award.shtml", shape="short story beside a 'Most read' column of longer teasers",
    headline="Market Street baker wins national sourdough award", lines=BAKER, authors=["Sam Oakes"],
    html=_old_head("Market Street baker wins national sourdough award | Local | Colbridge Echo")
    + f'<body>{MASTHEAD}<table width="900"><tr>{LEFT_NAV}<td valign="top" width="420"><h1 class="story">Market '
    'Street baker wins national sourdough award</h1><div class="byline">By Sam Oakes</div><div class="storytext">'
    f'{_ps(BAKER)}</div></td><td valign="top" width="300"><div class="mostread"><h2>Most read</h2>'
    + "".join(f'<div class="item"><a href="/news/local/">{escape(t.split(". ", 1)[0])}</a><p>'
              f'{escape(t.split(". ", 1)[1])}</p></div>' for t in MOSTREAD)
    + f"</div></td></tr></table>{FOOTER}</body></html>"))

LIBRARY = ["Colbridge library will close at noon on Friday so that a leaking roof light over the reading room can be "
           "replaced before the weekend rain.",
           "Books due back on Friday afternoon can be returned on Saturday without a fine."]
_add(Page(
    "/news/story.asp?id=20463", shape="a very short story (two short lines) in a table layout",
    headline="Library to close early on Friday for roof repair", lines=LIBRARY,
    html=_simple_story("Library to close early on Friday for roof repair", "12 March 2009", LIBRARY)))

HARBOUR = ["Colbridge's harbour master, Dennis Carew, steps down this week after thirty one years in the job, the "
           "longest anyone has held it since the harbour commission was formed.",
           "Carew joined as a boatman at sixteen and says he has seen the port change from coal and timber to "
           "yachts and the summer ferry.",
           "Asked what he would miss, he said the early mornings, when the harbour is flat calm and the only sound "
           "is the gulls on the fish quay.",
           "His successor, Lisa Teague, is the first woman to hold the post."]
_add(Page(
    "/news/2009/03/harbour-master-retires.php", shape="site name in the page's only <h1>, story in <td class=text>",
    headline="Harbour master retires after 31 years", lines=HARBOUR, authors=["Graham Fenn"],
    html=_old_head("Harbour master retires after 31 years")
    + f'<body><table width="100%"><tr><td><h1>{SITE}</h1></td></tr></table><table width="760"><tr>{LEFT_NAV}'
    '<td valign="top" class="text"><h2 class="title">Harbour master retires after 31 years</h2><p class="by">By '
    f'Graham Fenn</p>{_ps(HARBOUR)}<table border="1" cellpadding="4"><tr><td><b>Story Tools</b> '
    '<a href="/email.php">E-mail</a> | <a href="/print.php?id=4500">Print</a> | <a href="/rss/">RSS</a></td></tr>'
    f"</table></td></tr></table>{FOOTER}</body></html>"))

TRAM = ["A week after the new tram timetable came in, I have ridden the route every morning and every evening, and "
        "the honest answer is that it is better at some hours and worse at others.",
        "The seven forty from Abbey Road now turns up on time more often than not, which it never did under the old "
        "timetable. The problem is the evening: after seven the gap between trams has grown from twelve minutes to "
        "twenty.",
        "The operator says the evening gap will be reviewed in the summer. Until then, anyone leaving work late "
        "should bring a book."]
TRAM_COMMENTS = ["Spot on about the evenings. Twenty minutes in the rain at Castle Street is no joke.",
                 "The morning trams are still packed though. Better on time and packed than late and packed, I "
                 "suppose.",
                 "Has anyone asked why the Sunday service was cut as well? Nobody mentioned that in the consultation.",
                 "I have started cycling. Quicker than waiting twenty minutes, and you do not have to stand."]
_add(Page(
    "/blog/2012/05/tram-timetable-one-week-in/", shape="2012 blog-news: entry, comments and trackbacks",
    headline="The new tram timetable, one week in", lines=TRAM, authors=["Kate Lowry"],
    html="<!DOCTYPE html><html lang='en-GB'><head><meta charset='UTF-8'><title>The new tram timetable, one week in "
    "| Echo Transport Blog</title><meta name='generator' content='WordPress 3.3.2'></head><body class='single'>"
    "<div id='page'><div id='header'><h1 id='site-title'><a href='/blog/'>Echo Transport Blog</a></h1></div>"
    "<div id='main'><div id='content'><div class='post'><h2 class='entry-title'>The new tram timetable, one week in"
    "</h2><div class='entry-meta'>Posted on May 14, 2012 by <span class='author vcard'>Kate Lowry</span></div>"
    f"<div class='entry-content'>{_ps(TRAM)}</div><div class='entry-utility'>Posted in <a href='/blog/category/"
    "trams/'>Trams</a> | <a href='#comments'>4 Comments</a></div></div><div id='comments'><h3>4 Responses to "
    "&#8220;The new tram timetable, one week in&#8221;</h3><ol class='commentlist'>"
    + "".join(f"<li class='comment'><div class='comment-author vcard'><cite>reader{i}</cite> says:</div><div "
              f"class='comment-meta'>May {14 + i}, 2012 at 8:1{i} pm</div><p>{escape(c)}</p></li>"
              for i, c in enumerate(TRAM_COMMENTS))
    + "</ol><h3>Trackbacks</h3><ol><li><a href='/blog/2012/05/links-for-may/'>Links for May</a></li></ol>"
    "<div id='respond'><h3>Leave a Reply</h3><form><textarea></textarea></form></div></div></div>"
    "<div id='secondary'><h3>Archives</h3><ul><li><a href='/blog/2012/05/'>May 2012</a></li></ul></div></div>"
    "<div id='footer'>Proudly powered by WordPress</div></div></body></html>"))

POOL = ["Colbridge swimming pool reopened on Monday after nine weeks closed while the roof over the main pool was "
        "repaired.",
        "Inspectors found corrosion in two of the steel beams in January, and the pool was shut the same day as a "
        "precaution.",
        "Season ticket holders will have their tickets extended by nine weeks, the leisure trust said."]
_add(Page(
    "/leisure/pool-reopens.htm", shape="story in a <span> with <br>, a <noscript> and an ad <iframe> in the middle",
    headline="Swimming pool reopens after roof repair", lines=POOL,
    html=_old_head("Swimming pool reopens after roof repair - Colbridge Echo")
    + f'<body>{MASTHEAD}<div id="content"><span class="heading">Swimming pool reopens after roof repair</span><br>'
    f'<span class="text">{escape(POOL[0])}<br><br>{escape(POOL[1])}<br><br><iframe src="/ads/inline.html" '
    'width="468" height="60"></iframe><noscript><img src="/ads/pixel.gif"></noscript><br><br>'
    f'{escape(POOL[2])}</span></div>{FOOTER}</body></html>'))

# ------------------------------------------------------------------------------------ listings (no record each)
STORIES = [p for p in ARTICLES if p.linked]
LISTINGS: dict[str, str] = {}


def _listing_page(title: str, inner: str) -> str:
    return (_old_head(f"{title} - {SITE}") + f'<body>{MASTHEAD}<table width="760"><tr>{LEFT_NAV}<td valign="top">'
            f"<h1>{escape(title)}</h1>{inner}</td></tr></table>{FOOTER}</body></html>")


_EN = [p for p in STORIES if p.language == "en"]
LISTINGS["/archive/2009/03/14/"] = _listing_page(
    "Archive: Saturday 14 March 2009",
    '<table width="100%">' + "".join(f'<tr><td width="50"><font size="1">{8 + i:02d}:{(i * 7) % 60:02d}</font></td>'
                                     f'<td><a href="{escape(p.path)}">{escape(p.headline)}</a></td></tr>'
                                     for i, p in enumerate(_EN))
    + '</table><p><a href="/archive/2009/03/13/">&laquo; Previous day</a></p>')
LISTINGS["/news/local/"] = _listing_page(
    "Local News",
    '<table width="100%" cellpadding="4">' + "".join(
        f'<tr><td valign="top"><a href="{escape(p.path)}"><b>{escape(p.headline)}</b></a><br><font size="2">'
        f'{escape(p.lines[0].split(",")[0].split(". ")[0][:90])}...</font></td></tr>' for p in _EN)
    + '</table><p>Page 1 of 2 <a href="/news/local/?page=2">Next</a></p>')
LISTINGS["/news/local/?page=2"] = _listing_page(
    "Local News - page 2", "<table>" + "".join(
        f'<tr><td><a href="{escape(p.path)}">{escape(p.headline)}</a> <font size="1">(12/03/2009)</font></td></tr>'
        for p in _EN[:6]) + '</table><p><a href="/news/local/">Previous</a> Page 2 of 2</p>')
LISTINGS["/search.php?q=flood"] = _listing_page(
    "Search results for: flood",
    "<p>Found 5 results for <b>flood</b>, showing 1 to 5.</p>" + "".join(
        f'<div class="result"><a href="{escape(p.path)}">{escape(p.headline)}</a><br><font size="2">'
        f'...{escape(p.lines[0][:140])}...</font><br><font size="1" color="green">{escape(p.path)} - 10/03/2009'
        '</font></div><br>' for p in _EN[:5]))
LISTINGS["/sport/"] = _listing_page(
    "Sport and leisure", "".join(
        f'<div class="item"><a href="{escape(p.path)}"><b>{escape(p.headline)}</b></a><br>'
        f'{escape(" ".join(p.lines[:2]))}<br><small>12/03/2009</small></div>' for p in _EN[:8]))
LISTINGS["/features/"] = _listing_page(
    "Features", "<dl>" + "".join(f'<dt><a href="{escape(p.path)}">{escape(p.headline)}</a></dt><dd>'
                                 f'{escape(" ".join(p.lines[:2]))}</dd>' for p in _EN[4:12]) + "</dl>")
LISTINGS["/news/briefs.php"] = _listing_page(
    "News in brief", "".join(f'<p><b>{escape(p.headline)}</b> {escape(p.lines[0])} <a href="{escape(p.path)}">'
                             "More...</a></p>" for p in _EN[:8]))
_RU = [p for p in STORIES if p.language == "ru"]
LISTINGS["/ru/news/"] = _ru_portal("", "Новости", [], "").replace(
    '<div class="news-text"></div>', '<table width="100%">' + "".join(
        f'<tr><td><font size="1">12.04.2011</font></td><td><a href="{escape(p.path)}"><b>{escape(p.headline)}</b>'
        f'</a><br>{escape(p.lines[0].split(". ")[0])}.</td></tr>' for p in _RU) + "</table>")
_PORTAL_LINKS = [p for p in STORIES if p.language != "en" and p.language != "ru"]
AREA, SELECT, JSLINK = (next(p for p in ARTICLES if p.shape.startswith(f"linked from the homepage only by {w}"))
                        for w in ("an image map", "a <select", "JavaScript"))
LISTINGS["/"] = (
    _old_head(f"{SITE} - Colbridge, Wendham and the Wend valley")
    + f'<body>{MASTHEAD}<table width="760"><tr>{LEFT_NAV}<td valign="top"><map name="promo"><area shape="rect" '
    f'coords="0,0,300,120" href="{AREA.path}" alt="Allotments"><area shape="rect" coords="0,120,300,240" '
    'href="/news/local/" alt="More local news"></map><img src="/img/promo.gif" usemap="#promo" width="300" '
    'height="240" border="0"><br><table width="100%" cellpadding="3">'
    + "".join(f'<tr><td><a href="{escape(p.path)}"><b>{escape(p.headline)}</b></a></td></tr>' for p in STORIES[:8])
    + '</table><form name="jump"><select name="menu" onchange="location=this.options[this.selectedIndex].value;">'
    f'<option value="">Quick links...</option><option value="{SELECT.path}">Chess club at fifty</option>'
    '<option value="/sport/">Sport</option></select></form><p><a href="#" onclick="location=\''
    f"{JSLINK.path}'; return false;\">Power cut: latest</a> | "
    f"<a href=\"javascript:location.href='{JSLINK.path}'\">(same story)</a></p>"
    '<p><b>More:</b> <a href="/news/local/">Local news</a> | <a href="/archive/2009/03/14/">Archive</a> | '
    '<a href="/search.php?q=flood">Search: flood</a> | <a href="/ru/news/">Новости</a> | <a href="/sport/">Sport</a>'
    ' | <a href="/features/">Features</a> | <a href="/news/briefs.php">In brief</a></p><p>'
    + " | ".join(f'<a href="{escape(p.path)}">{escape(p.headline)}</a>' for p in _PORTAL_LINKS + STORIES[8:]
                 if p.language != "ru")
    + f"</p></td></tr></table>{FOOTER}</body></html>")


def site() -> dict[str, tuple[str, bytes]]:
    """``path → (Content-Type, body bytes)`` of every page, with robots.txt and a sitemap of the articles."""
    pages: dict[str, tuple[str, bytes]] = {p.path: (p.ctype, p.body) for p in ARTICLES}
    pages[PRINT.path] = (PRINT.ctype, PRINT.body)
    for path, text in LISTINGS.items():
        ru = path.startswith("/ru/")
        pages[path] = ("text/html; charset=windows-1251" if ru else "text/html; charset=utf-8",
                       text.encode("cp1251" if ru else "utf-8"))
    pages["/robots.txt"] = ("text/plain", b"User-agent: *\nDisallow: /cgi-bin/\nSitemap: {{BASE}}/sitemap.xml\n")
    pages["/sitemap.xml"] = ("application/xml", (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f"<url><loc>{{{{BASE}}}}{escape(p.path)}</loc></url>" for p in ARTICLES) + "</urlset>").encode())
    return pages


def truth_lines(base: str = "http://probe.invalid") -> list[str]:
    """``truth.jsonl`` rows (score.py's fields) of the articles."""
    return [json.dumps({"id": p.path, "url": base + p.path, "title": p.headline, "body": "\n".join(p.lines),
                        "authors": p.authors, "language": p.language, "published": None}, ensure_ascii=False)
            for p in ARTICLES]
