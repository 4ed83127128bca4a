"""The displayed headline: the visible heading that agrees with the page's metadata titles."""

from __future__ import annotations

import lxml.html
import pytest

from newsproj.extraction import headline, metadata


def _page(head: str, body: str) -> metadata.PageMeta:
    return metadata.read(lxml.html.fromstring(f"<html><head>{head}</head><body>{body}</body></html>"))


def _choose(head: str, body: str, url: str = "https://www.example-news.com/2024/05/story.html") -> str | None:
    return headline.choose(_page(head, body), url)


def test_the_visible_h1_that_the_title_confirms_wins_over_another_og_title():
    head = ("<title>BBC News - Sally Ride, the first US woman in space, dies aged 61</title>"
            "<meta property='og:title' content='First US woman into space dies'>")
    assert _choose(head, "<h1>Sally Ride, the first US woman in space, dies aged 61</h1>") == (
        "Sally Ride, the first US woman in space, dies aged 61")


def test_an_h1_that_is_the_site_name_is_the_masthead():
    head = "<title>Joy the Baker – Onion and Ricotta Frittata</title>"
    body = "<h1><a href='/'>Joy the Baker</a></h1><h2>Onion and Ricotta Frittata</h2><p>text</p>"
    assert _choose(head, body, "http://joythebaker.com/2012/10/frittata/") == "Onion and Ricotta Frittata"
    # no heading shows it: the title without the site's name
    assert _choose(head, "<h1><a href='/'>Joy the Baker</a></h1>", "http://joythebaker.com/x") == (
        "Onion and Ricotta Frittata")


@pytest.mark.parametrize(("title", "url", "expected"), [
    ("icScotland - Ryan dismayed by Gloucester", "http://icscotland.co.uk/sport/x.html", "Ryan dismayed by Gloucester"),
    ("Do sub-notebooks threaten the MacBook Air? - News - Tech.co.uk", "http://www.tech.co.uk/a",
     "Do sub-notebooks threaten the MacBook Air?"),
    ("Covic turns up heat on Schwarzer | Sport | smh.com.au", "http://www.smh.com.au/x",
     "Covic turns up heat on Schwarzer"),
])
def test_a_heading_that_is_a_part_of_the_title_is_the_headline(title: str, url: str, expected: str):
    body = f"<div class='nav'><a href='/'>Home</a></div><div class='storyTitle'>{expected}</div><p>Story.</p>"
    assert _choose(f"<title>{title}</title>", body, url) == expected


def test_a_heading_holding_a_separator_of_its_own_agrees_with_the_title_it_starts():
    head = "<title>Say Hello To the World's Cheapest Car - The $2,500 Nano | Autopia from Wired.com</title>"
    assert _choose(head, "<h1>Say Hello To the World's Cheapest Car - The $2,500 Nano</h1>") == (
        "Say Hello To the World's Cheapest Car - The $2,500 Nano")


def test_a_heading_that_agrees_with_nothing_loses_to_the_title():
    head = "<title>Amy cries 'I love you' to jailed husband</title>"
    assert _choose(head, "<h1>Entertainment - Wire</h1>") == "Amy cries 'I love you' to jailed husband"


def test_a_kicker_in_its_own_element_keeps_a_separator():
    body = "<h1><span class='kicker'>Handel mit Teheran</span><span>Druck durch Sanktionen?</span></h1>"
    assert _choose("<title>Druck durch Sanktionen? | Zeitung</title>", body) == (
        "Handel mit Teheran: Druck durch Sanktionen?")
    body = "<h1><span class='kicker'>Bubi-Bomber wieder da</span><span>: </span><span>Geduld mit Niemiec</span></h1>"
    assert _choose("<title>Bubi-Bomber wieder da: Geduld mit Niemiec | Sport</title>", body) == (
        "Bubi-Bomber wieder da: Geduld mit Niemiec")


@pytest.mark.parametrize(("h1", "text"), [
    # a name and the page's kind in elements of their own, the dash in the second: spaced, as the page shows it
    ("<span class='fn'>2031 Larkspur Wagon</span>\n  <span class='page-title'> - Review</span>",
     "2031 Larkspur Wagon - Review"),
    ("<span>2031 Larkspur Wagon</span><span>|</span><span>Review</span>", "2031 Larkspur Wagon | Review"),
    # a hyphen that starts a word in its own element is no separator
    ("<span>Anti</span><span>-noise rules</span>", "Anti-noise rules"),
    ("<span>Harbour notes</span><span>: </span><span>Ferries</span>", "Harbour notes: Ferries"),
])
def test_a_dash_in_an_element_of_its_own_keeps_its_spaces(h1: str, text: str):
    assert metadata.heading_text(lxml.html.fragment_fromstring(f"<h1>{h1}</h1>")) == text


def test_a_page_that_names_only_its_site_still_has_a_headline():
    assert _choose("<title>Morris Daily Herald</title>", "<p>Story.</p>", "http://morrisdailyherald.com/a") == (
        "Morris Daily Herald")


def _ld(headline: str) -> str:
    return ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
            f'"headline": "{headline}"}}</script>')


def test_a_kicker_the_declared_headline_leaves_out_is_a_label():
    # FAZ, der Freitag: the heading shows "Kicker : Headline"; JSON-LD and og:title declare the headline alone
    head = (_ld("Wie gefährlich Billigware aus China wirklich ist")
            + "<meta property='og:title' content='Wie gefährlich Billigware aus China wirklich ist'>"
            + "<title>Wie gefährlich Billigware aus China wirklich ist</title>")
    body = ("<h2><span>Onlineversand aus Fernost</span> : "
            "<span>Wie gefährlich Billigware aus China wirklich ist</span></h2><p>Text.</p>")
    assert _choose(head, body) == "Wie gefährlich Billigware aus China wirklich ist"
    # words before the declared headline without a separator are the headline's own ("Officials Eyeing ...")
    head = "<meta property='og:title' content='Possible Tsunami Debris off Wash.'><title>Debris | News</title>"
    assert _choose(head, "<h1>Officials Eyeing Possible Tsunami Debris off Wash.</h1>") == (
        "Officials Eyeing Possible Tsunami Debris off Wash.")


def test_a_kicker_the_declared_headline_holds_is_part_of_it():
    # Die Welt: the kicker is shown apart from the <h2>; the JSON-LD headline holds both
    head = (_ld("Landtagswahl in Thüringen: Voigt, Höcke und der Vorwurf einer Lüge vor laufender Kamera")
            + "<title>Landtagswahl in Thüringen: Voigt, Höcke und der Vorwurf einer Lüge vor laufender Kamera - WELT"
              "</title>")
    body = ("<div class='topic'>Landtagswahl in Thüringen</div>"
            "<h2>Voigt, Höcke und der Vorwurf einer Lüge vor laufender Kamera</h2><p>Text.</p>")
    assert _choose(head, body) == (
        "Landtagswahl in Thüringen: Voigt, Höcke und der Vorwurf einer Lüge vor laufender Kamera")
    # a blog's name before the headline in og:title is no kicker: the heading stays
    head = ("<meta property='og:title' content='Web Ink Now: Going off script'>"
            "<title>Web Ink Now: Going off script</title>")
    assert _choose(head, "<h2>Going off script</h2><p>Text.</p>", "http://www.webinknow.com/2012/10/x.html") == (
        "Going off script")


def test_the_kicker_rules_are_linear_on_huge_titles():
    import time

    title = "word " * 200_000
    head = _ld(title.strip()) + f"<meta property='og:title' content='{title}'><title>{title}</title>"
    started = time.process_time()
    _choose(head, "<h1>" + "a: " * 90 + "word word word</h1>" + "<h2>word word word</h2>" * 50)
    assert time.process_time() - started < 2


SITE_NAME_CASES = [
    # a 2012 TypePad/Movable Type blog: the first heading is the blog's name, the post's title an <h3> further down
    ("<title>Seth's Blog: Entering sync markets</title>",
     "<div id='banner'><h1><a href='http://sethgodin.typepad.com/seths_blog/'>Seth's Blog</a></h1>"
     "<h2>Seth Godin's riffs on marketing, respect, and the ways ideas spread.</h2></div>"
     "<div class='entry'><h2 class='date-header'>November 9, 2012</h2><h3>Entering sync markets</h3><p>Post.</p></div>",
     "http://sethgodin.typepad.com/seths_blog/2012/11/x.html", "Entering sync markets"),
    ("<title>The Morning Wrap - The BLT: The Blog of Legal Times</title>",
     "<h1>The BLT: The Blog of Legal Times</h1><h2>Recent Comments</h2><h3>The Morning Wrap</h3><p>Post.</p>",
     "http://legaltimes.typepad.com/blt/2012/11/x.html", "The Morning Wrap"),
    # the headline is the first <h1>, the site's name a sidebar heading: not a masthead
    ("<title>Local biotech researcher dies - Kansas City Business Journal:</title>",
     "<b>Members: Log in</b><h1>Local biotech researcher dies</h1><p>Story.</p><h3>Kansas City Business Journal</h3>",
     "http://kansascity.bizjournals.com/x.html", "Local biotech researcher dies"),
    # the headline in an <h2> first, the blog's name shown below it: the headline stays
    ("<title>Fat Head » Interview With Rocky Angelucci, Part Two</title>",
     "<h2>Interview With Rocky Angelucci, Part Two</h2><p>Post.</p><h3>Fat Head</h3>",
     "http://www.fathead-movie.com/x", "Interview With Rocky Angelucci, Part Two"),
    # 2008 pages state no og:site_name, and a crawl serves them from another host than their own: the footer's
    # copyright notice names the site
    ("<title>T.J. Ford Cleared To Practice : PROTRADE</title>",
     "<div class='story'><p>Toronto guard T.J. Ford has been cleared to practice.</p></div>"
     "<div id='footer'>©2008 PROTRADE *All times listed are in Pacific Time unless otherwise noted.</div>",
     "http://127.0.0.1:8000/nba/x.html", "T.J. Ford Cleared To Practice"),
    ("<title>Sri Lankan cricket chief resigns | The Independent on Saturday</title>",
     "<h1><img alt='IOL'></h1><p>Story.</p>"
     "<p class='copy'>© 2007 The Independent on Saturday &amp; Independent Online (Pty) Ltd.</p>",
     "http://127.0.0.1:8000/x.html", "Sri Lankan cricket chief resigns"),
    # the site's name between the headline and a tagline: the headline, not all three
    ("<title>Slow Start Cost the Majors in Ottawa - OurSports Central - Independent and Minor League Sports News"
     "</title>",
     "<table><tr><td><p>Story.</p></td></tr><tr><td class=bottom>&nbsp;Copyright © 2007 OurSports Central - "
     "<a href='/about/privacy'>Privacy Policy</a></td></tr></table>",
     "http://127.0.0.1:8000/services/releases/?id=3580033", "Slow Start Cost the Majors in Ottawa"),
    # "(c)" or "copyright" in the article's prose, with no year or © after it, is no notice: the words after it
    # are not the site's name (they held the headline, and the site's name became the headline)
    ("<title>Nonprofit groups spend millions | Daily Planet</title>",
     "<h1>Nonprofit groups spend millions</h1><p>Under section 501(c) nonprofit groups spend millions on ads.</p>",
     "http://127.0.0.1:8000/2010/05/x.html", "Nonprofit groups spend millions"),
    ("<title>Photographers lose their case | Daily Planet</title>",
     "<h1>Photographers lose their case</h1><p>Over copyright photographers lose their case, the court said.</p>",
     "http://127.0.0.1:8000/2010/05/y.html", "Photographers lose their case"),
]


@pytest.mark.parametrize(("head", "body", "url", "expected"), SITE_NAME_CASES)
def test_the_sites_name_beside_the_headline_is_not_the_headline(head: str, body: str, url: str, expected: str):
    assert _choose(head, body, url) == expected


def test_copyright_notices_are_read_boundedly():
    import time

    from newsproj.extraction.metadata import MAX_NOTICES

    started = time.process_time()
    tree = lxml.html.fromstring("<html><head><title>T</title></head><body>"
                                + "<p>© 2008 Gazette Limited</p>" * 50_000
                                + "<p>© " + "Gazette " * 200_000 + "</p></body></html>")
    owners = metadata.read(tree).owners
    assert len(owners) <= MAX_NOTICES and owners[0] == "Gazette Limited"
    assert time.process_time() - started < 5


def test_a_photo_credit_is_no_site_name():
    # a caption's "© Getty Images ..." names what the photo shows, not the site: the heading is still the headline
    head = "<title>Donald Trump speaks in Ohio | Gazette</title>"
    body = ("<h1><a href='/'>Gazette</a></h1><h1>Donald Trump speaks in Ohio</h1>"
            "<figure><figcaption>© Getty Images Donald Trump speaks in Ohio"
            "</figcaption></figure><p>Story.</p><p class='footer'>© 2012 Gazette</p>")
    assert _choose(head, body, "http://127.0.0.1:8000/x.html") == "Donald Trump speaks in Ohio"


# ------------------------------------------------------------------ the site's name, the host's labels, the title bar

@pytest.mark.parametrize(("head", "body", "url", "expected"), [
    # a word of the host ("news" of news.com.au) inside a headline is no site's name
    ("<title>Bad news comes in threes | The Daily Planet</title>", "<h1>Bad news comes in threes</h1><p>Story.</p>",
     "http://www.dailyplanet.news.com.au/story/0,1,2.html", "Bad news comes in threes"),
    # a subdomain's label is the site's name: the title without it
    ("<title>icMidlands - Council backs new tram line</title>", "<p>Story.</p>",
     "http://icmidlands.icnetwork.co.uk/news/x.html", "Council backs new tram line"),
    # ... but only where it is the whole text: a headline may name the blog whose host it is on
    ("<title>Nutty Nomads: Tripfilms Interview! - travel blog</title>",
     "<h1><a href='/'>travel blog</a></h1><h2>Nutty Nomads: Tripfilms Interview!</h2><p>Post.</p>",
     "http://nuttynomads.blogs-host.com/x", "Nutty Nomads: Tripfilms Interview!"),
    # a list of search keywords after the headline is no part of it
    ("<title>ROVERS SIGN STRIKER | Football Transfer News, Live Scores, Fixtures, Results</title>", "<p>Story.</p>",
     "http://www.goalsport.example/x", "ROVERS SIGN STRIKER"),
    # ... also a list of six items or more, one of five words (sportinglife.com, l3s-gn1)
    ("<title>ROVERS SIGN STRIKER | Premier League Football Transfer News, Football News, Fixtures, Results, Match"
     " Reports, Stats</title>", "<p>Story.</p>", "http://www.goalsport.example/x", "ROVERS SIGN STRIKER"),
    # ... but a headline that names a few things, then says what they did, is a headline
    ("<title>Apple, Google, Microsoft, Amazon Face New EU Probe | Gazette</title>", "<p>Story.</p>",
     "http://www.gazette.com/x", "Apple, Google, Microsoft, Amazon Face New EU Probe"),
    # "Section- Headline": a hyphen after a word and before a space parts the title ...
    ("<title>gazette.com - Music- Singer settles lawsuit</title>", "<p>Story.</p>", "http://www.gazette.com/x",
     "Singer settles lawsuit"),
    # ... but a suspended hyphen does not
    ("<title>Pre- and post-war Berlin in photographs</title>", "<p>Story.</p>", "http://www.gazette.com/x",
     "Pre- and post-war Berlin in photographs"),
    # the site's name before a colon that follows a word, or in parentheses at the end
    ("<title>Gazette.com: Move over Orkut, here comes BigAdda</title>", "<p>Story.</p>", "http://www.gazette.com/x",
     "Move over Orkut, here comes BigAdda"),
    ("<title>Algeria: Al-Qaeda claims northern attack | Gazette</title>", "<p>Story.</p>",
     "http://www.gazette.com/x", "Algeria: Al-Qaeda claims northern attack"),
    ("<title>Pace Star Sajs Bollywood Adventure (from The Bolton Gazette)</title>", "<p>Story.</p>",
     "http://www.theboltongazette.co.uk/x", "Pace Star Sajs Bollywood Adventure"),
    # ... and not where the title is the site's name and its tagline: the heading
    ("<title>CSTV.com: #1 in College Sports</title>", "<h1>Harden earns player of the week</h1><p>Story.</p>",
     "http://www.cstv.com/x", "Harden earns player of the week"),
])
def test_the_sites_name_is_known_by_its_host(head: str, body: str, url: str, expected: str):
    assert _choose(head, body, url) == expected


@pytest.mark.parametrize(("url", "labels"), [
    ("https://news.bbc.co.uk/1/hi/x.stm", ("bbc",)),
    ("http://icscotland.icnetwork.co.uk/x", ("icnetwork", "icscotland")),
    ("http://www.dailyplanet.news.com.au/x", ("dailyplanet",)),
    # the public suffix list knows the suffixes a split at the second-level 'co', 'com', 'org' missed
    ("https://www.unsw.edu.au/news/x", ("unsw",)),
    ("https://www.salud.gob.mx/x", ("salud",)),
    # a suffix that the list does not know: its last label (the list's default rule)
    ("http://www.goalsport.example/x", ("goalsport",)),
    # an address or a one-label host names no site ('127' was taken for one)
    ("http://127.0.0.1:8080/x", ()),
    ("http://[::1]:8080/x", ()),
    ("http://localhost:8080/x", ()),
    ("not a url", ()),
    ("http://[broken/x", ()),
])
def test_the_host_labels_are_the_registrable_domain_and_its_subdomains(url: str, labels: tuple[str, ...]):
    assert headline.host_label(url) == labels


def test_a_heading_that_shows_the_title_bar_is_not_the_headline():
    # the page repeats its <title>, site and section names and all, in a heading above the headline
    head = "<title>Gazette.com | Sports | Hale, 86: club's first president</title>"
    body = ("<div class='pagetitle'>Gazette.com | Sports | Hale, 86: club's first president</div>"
            "<div class='headline'>Hale, 86: club's first president</div><p>Story.</p>")
    assert _choose(head, body, "http://www.gazette.com/sports/1") == "Hale, 86: club's first president"


def test_a_heading_and_a_title_that_part_words_differently_agree():
    # the title drops an apostrophe the heading shows: the heading's spelling, which parts more words
    head = "<title>Pace Star Sajs Bollywood Adventure | Gazette</title>"
    body = "<div class='headline'>Pace star Saj's Bollywood adventure</div><p>Story.</p>"
    assert _choose(head, body) == "Pace star Saj's Bollywood adventure"
    # the heading's markup glues a kicker to the headline: the title's spelling
    head = "<title>Bubi-Bomber wieder da: Geduld mit Niemiec</title>"
    body = "<h1><b>Bubi-Bomber wieder da</b>Geduld mit Niemiec</h1><p>Story.</p>"
    assert _choose(head, body) == "Bubi-Bomber wieder da: Geduld mit Niemiec"


def test_the_site_name_rules_are_linear_on_huge_titles():
    import time

    started = time.process_time()
    # (50,000 characters: a pattern quadratic in them would take minutes)
    for title in ("x" + " " * 50_000 + "(from Gazette)", "(" * 50_000, "a:" * 50_000, "a, " * 50_000,
                  "word- " * 50_000, "x" + " " * 50_000 + "(from " + "Gazette " * 10_000 + ")"):
        head = f"<meta property='og:title' content='{title}'><title>{title}</title>"
        _choose(head, "<h1>" + title[:5000] + "</h1>", "http://www.gazette.com/x")
    assert time.process_time() - started < 3


def test_a_title_that_ends_with_the_sites_name_is_not_cut_short():
    # a block of headline, site's name and date is no fuller form of the og:title: the <h1> is the headline
    head = ("<meta property='og:site_name' content='The Gazette'>"
            "<meta property='og:title' content='Typhoon kills 6 across Japan, 12 injured：The Gazette'>")
    body = ("<div class='article-title'>Typhoon kills 6 across Japan, 12 injured THE GAZETTE October 24, 2017</div>"
            "<h1>Typhoon kills 6 across Japan, 12 injured</h1><p>Story.</p>")
    assert _choose(head, body) == "Typhoon kills 6 across Japan, 12 injured"


def test_a_syndicated_titles_source_is_no_part_of_it_on_any_host():
    head = "<title>Pace Star Sajs Bollywood Adventure (from The Bolton Gazette )</title>"
    assert _choose(head, "<p>Story.</p>", "http://127.0.0.1:8000/x.html") == "Pace Star Sajs Bollywood Adventure"
    # words in parentheses that are the headline's own stay
    head = "<title>Lessons we learned (from the war in Ukraine)</title>"
    assert _choose(head, "<p>Story.</p>", "http://127.0.0.1:8000/x.html") == (
        "Lessons we learned (from the war in Ukraine)")


def test_a_one_word_brand_is_the_sites_name_only_where_the_host_says_so():
    # (review) a brand before a headline is as often what the headline is about: it stays, unless the host (or, on
    # an address that names no site, the page's own links: test_extraction_metadata.py) names it
    assert _choose("<title>PlayStation - Sony cuts the console's price</title>", "<p>Story.</p>",
                   "http://127.0.0.1:8000/x.html") == "PlayStation - Sony cuts the console's price"
    assert _choose("<title>icMidlands - Council backs new tram line</title>", "<p>Story.</p>",
                   "http://icmidlands.co.uk/x.html") == "Council backs new tram line"
    # a headline of words stays whole, a brand inside it too
    assert _choose("<title>McCarthy is not for sale</title>", "<p>Story.</p>", "http://127.0.0.1:8000/x.html") == (
        "McCarthy is not for sale")


def test_a_title_that_shares_no_word_with_the_article_is_the_sections_name():
    head = "<title>Local Sports Wire</title>"
    body = ("<h2>Search</h2><h3>Top stories</h3><h2>Toronto guard Ford close to resuming workouts</h2>"
            "<p>Toronto guard T.J. Ford could resume workouts next week, the Raptors said on Monday.</p>")
    article = "Toronto guard T.J. Ford could resume workouts next week, the Raptors said on Monday."
    assert headline.choose(_page(head, body),
                           "http://127.0.0.1:8000/x.html", article) == "Toronto guard Ford close to resuming workouts"
    # a title whose words the article uses stays, and so does one beside an og:title (a page that states its
    # headline in metadata)
    article = "The local sports wire reports that Toronto guard T.J. Ford could resume workouts next week."
    assert headline.choose(_page(head, body),
                           "http://127.0.0.1:8000/x.html", article) == "Local Sports Wire"
    head += "<meta property='og:title' content='Local Sports Wire'>"
    assert headline.choose(_page(head, body),
                           "http://127.0.0.1:8000/x.html", "Toronto guard T.J. Ford could resume workouts.") == (
        "Local Sports Wire")


def test_a_short_title_that_the_article_uses_only_further_down_is_the_sections_name():
    # (l3s-gn1 half A: "Seattle Post-Intelligencer: Hockey" stated alone, the story's heading in a title element)
    # a title of a few words, a site's and a section's name, that none of the article's first lines use: the
    # heading whose words they use is the headline, though the section's name comes up further down the story
    head = "<title>Harbour Gazette: Hockey</title>"
    body = ("<b>Sections</b><p class='title'>Young forwards lead the western reserves</p>"
            "<p>Three young forwards lead the sixteen western reserves named on Monday.</p>")
    lead = "Three young forwards lead the sixteen western reserves named on Monday for the winter showcase game."
    article = lead + " " + "The coaches picked them from a long list of candidates. " * 10 + (
        "Hockey fans voted for the starters last month.")
    assert len(lead) < headline.LEAD_CHARS < article.index("Hockey")
    url = "http://127.0.0.1:8000/x.html"
    assert headline.choose(_page(head, body), url, article) == "Young forwards lead the western reserves"
    # a title of more words is a headline of its own where the article uses one of them anywhere ("Hockey")
    head = "<title>Harbour Gazette: Hockey stars of the future named</title>"
    assert headline.choose(_page(head, body), url, article) == "Harbour Gazette: Hockey stars of the future named"
    # and a short title that the article's first lines use stays
    head = "<title>Harbour Gazette: Hockey</title>"
    assert headline.choose(_page(head, body), url, "Hockey: " + article) == "Harbour Gazette: Hockey"
    # a short title that is no site's and section's name is the headline, though only the text further down uses
    # its words: not a subheading of the story (review21: "Talks broke down on Sunday night" on 0e33d7e)
    lead = ("Crews walked off the boats at dawn on Monday, leaving thousands of commuters stranded on both sides of "
            "the bay as talks over pay broke down late on Sunday night.")
    article = lead + " Union leaders met the operator again without agreement." * 8 + " The ferry strike is the first."
    assert len(lead) < headline.LEAD_CHARS < article.index("ferry strike")
    page = _page("<title>Ferry strike called</title>", "<div><h2>Talks broke down on Sunday night</h2></div>")
    assert headline.choose(page, url, article) == "Ferry strike called"


def test_an_h1_that_is_all_a_title_holds_besides_the_sites_name_is_the_sections_name():
    # (cbs11tv.com, l3s-gn1: the section's name is the <title>'s only part besides the site's name, and the page shows
    # it as an <h1> above the story's <h2>)
    head = "<title>cbs11tv.com - Local Sports Wire</title>"
    body = ("<h1>Local Sports Wire</h1><h2>Search</h2><h2>Toronto guard Ford close to resuming workouts</h2>"
            "<p>Toronto guard T.J. Ford could resume workouts next week, the Raptors said on Monday.</p>")
    page = _page(head, body)
    article = "TORONTO (AP) Raptors guard T.J. Ford was cleared to resume workouts Wednesday."
    assert headline.choose(page, "http://cbs11tv.com/localsportswire/22.0.html", article) == (
        "Toronto guard Ford close to resuming workouts")
    # an article that uses the heading's words: the heading stays
    assert headline.choose(page, "http://cbs11tv.com/localsportswire/22.0.html", "The local sports wire: " + article) \
        == "Local Sports Wire"


def test_where_the_title_is_the_sites_name_the_heading_the_article_speaks_of_wins():
    head = "<title>SuperSoccer</title>"
    body = ("<span class='title'>England</span><span class='title'>McCarthy is not for sale - Hughes</span>"
            "<p>Blackburn manager Mark Hughes says striker Benni McCarthy is not for sale.</p>")
    page = _page(head, body)
    article = "Blackburn manager Mark Hughes says striker Benni McCarthy is not for sale."
    assert headline.choose(page, "http://127.0.0.1:8000/x.html", article) == "McCarthy is not for sale - Hughes"
    # (no article: nothing says that the one-word title is a site's name)
    assert headline.choose(page, "http://127.0.0.1:8000/x.html") == "SuperSoccer"
    assert headline.choose(page, "http://www.supersoccer.example/x.html") == "England"  # (the host says: a heading)


@pytest.mark.parametrize("title", ["BlackRock: inflation to stay high for years",
                                   "OpenAI: Altman returns as chief executive"])
def test_a_company_named_before_a_colon_is_the_headlines_subject_not_the_site(title):
    # (review) a one-word brand before a colon is no site's name on its own: a headline names a company first
    # ("BlackRock: …"); only the site's own name (host, og:site_name, a domain) goes there
    url = "http://127.0.0.1:8000/x.html"
    assert _choose(f"<title>{title}</title>", "<p>Story.</p>", url) == title
    assert _choose(f"<meta property='og:title' content='{title}'>", "<p>Story.</p>", url) == title
    assert _choose("<title>TheStar.com: Council backs new tram line</title>", "<p>Story.</p>", url) == (
        "Council backs new tram line")


def test_a_heading_that_is_a_kicker_glued_to_a_declared_title_gives_that_title():
    # the <h1> and the JSON-LD headline carry a kicker ("FCB-"), og:title states the headline without it
    head = (_ld("FCB-Interim coach Miller: We have little left to lose")
            + "<meta property='og:title' content='Interim coach Miller: We have little left to lose'>"
            + "<title>FCB-Interim coach Miller: We have little left to lose - Ballpaper</title>")
    body = "<h1>FCB-Interim coach Miller: We have little left to lose</h1><p>Story.</p>"
    assert _choose(head, body) == "Interim coach Miller: We have little left to lose"
    # without a declared title that drops the kicker, the heading stays whole
    head = (_ld("FCB-Interim coach Miller: We have little left to lose")
            + "<title>FCB-Interim coach Miller: We have little left to lose - Ballpaper</title>")
    assert _choose(head, body) == "FCB-Interim coach Miller: We have little left to lose"


def test_titles_that_differ_in_their_separator_only_are_written_as_the_heading_shows_them():
    head = (_ld("Reactor dismantled - Cooling towers blown up in Gundelfingen")
            + "<meta property='og:title' content='Reactor dismantled: Cooling towers blown up in Gundelfingen'>")
    body = "<h2>Reactor dismantled: Cooling towers blown up in Gundelfingen</h2><p>Story.</p>"
    assert _choose(head, body) == "Reactor dismantled: Cooling towers blown up in Gundelfingen"
    body = "<h2>Reactor dismantled - Cooling towers blown up in Gundelfingen</h2><p>Story.</p>"
    assert _choose(head, body) == "Reactor dismantled - Cooling towers blown up in Gundelfingen"


def test_bold_text_that_starts_a_title_does_not_outweigh_a_json_ld_headline():
    # a <strong> teaser label that starts the <title> is no heading where the page declares its headline
    head = (_ld("Children's race on Saturday: parents not allowed at the start")
            + "<meta property='og:title' content='City Marathon 2024: Clear winner and a royal visit'>")
    body = "<p>Text <strong>City Marathon 2024</strong> more text.</p>"
    assert _choose(head, body) == "Children's race on Saturday: parents not allowed at the start"
    # (an old layout's bold heading without JSON-LD still cuts the site's name off a title it starts)
    head = "<title>City Marathon draws record field on ChicagoRunner.com</title>"
    body = "<p><b>City Marathon draws record field</b></p><p>Story.</p>"
    assert _choose(head, body, "http://127.0.0.1:8000/x.html") == "City Marathon draws record field"


def test_a_sites_name_before_a_colon_and_a_headline_is_no_name_alone():
    # "Brainy Gamer: Crafting wonder" is the blog's name and the post's title, not the site's name and tagline
    head = ("<title>Brainy Gamer: Crafting wonder</title>"
            "<meta property='og:title' content='Brainy Gamer: Crafting wonder'>")
    body = "<h1>Brainy Gamer</h1><h2>Thoughts on games</h2><h3>Crafting wonder</h3><p>Story.</p>"
    assert _choose(head, body, "http://brainygamer.example/2012/10/crafting.html") == "Crafting wonder"
    assert headline._site_like("Brainy Gamer", (), headline.host_label("http://brainygamer.example/"))
    assert not headline._site_like("Brainy Gamer: Crafting wonder", (), headline.host_label("http://brainygamer.example/"))


def test_a_heading_of_product_names_is_the_headline_where_the_title_is_the_sites_name():
    # two of its five words are the article's: enough where the <title> shares none with the article
    head = "<title>Pixel Crafts</title>"
    body = "<h2>Inspiration for creatives</h2><h1>CES: iSleep to iDream with iPod-ready bed</h1><p>Story.</p>"
    article = "A bed maker showed the iSleep at CES, with speakers in the headboard and a dock by the pillow."
    page = _page(head, body)
    assert headline.choose(page, "http://127.0.0.1:8000/x.html", article) == "CES: iSleep to iDream with iPod-ready bed"


def test_the_h1_of_the_story_wins_over_a_title_stated_alone_that_no_heading_shows():
    """A page that states only a <title> ("Feed Article | Business |", an older headline) and shows the story's
    heading in its <h1>: the h1 is the headline when the article uses its words (half of them, one in its first
    lines). A box's <h1> ("Other News in Technology") or a section's label is no story's heading: the title stays."""
    article = ("Harbour authorities in Pell approved plans for a second ferry terminal on Tuesday, after a year of "
               "debate over its cost. The terminal will serve the island routes from next spring.")

    def chosen(title: str, h1: str) -> str | None:
        html = f"<html><head><title>{title}</title></head><body><h1>{h1}</h1><p>{article}</p></body></html>"
        return headline.choose(metadata.read(lxml.html.fromstring(html)), "http://127.0.0.1:8000/x.html", article)

    assert chosen("Feed Article | Business |", "Harbour authority approves second ferry terminal") == (
        "Harbour authority approves second ferry terminal")
    assert chosen("Pell debates ferries again - The Courier", "Harbour authority approves second ferry terminal") == (
        "Harbour authority approves second ferry terminal")
    assert chosen("Second ferry terminal for Pell", "Other News in Technology") == "Second ferry terminal for Pell"
    assert chosen("Second ferry terminal for Pell", "Weather and Tides") == "Second ferry terminal for Pell"


def test_title_lines_are_looked_for_only_among_the_first_lines(monkeypatch):
    """A title line is dropped before the prose starts or among the first ``TITLE_LINES``; past both, the body's
    other lines are kept without reading their keys (a key a line: ~0.09 ms a page on the dev pages). The same
    lines either way: a title repeated further down stays."""
    import newsproj.extraction as extraction
    from newsproj.extraction.metadata import PageMeta

    title = "Rates held at four percent"
    prose = "The central bank of Velmora held its benchmark rate at four percent on Tuesday, as economists expected."
    lines = [title, prose, *(f"Paragraph number {i} of the story." for i in range(40))]
    lines[20] = title
    keyed: list[str] = []
    text_key = extraction.text_key
    monkeypatch.setattr(extraction, "text_key", lambda text: keyed.append(text) or text_key(text))
    out = extraction._without_title_lines("\n".join(lines), PageMeta(h1=title), title)
    assert out.split("\n") == lines[1:]
    assert len([text for text in keyed if text.startswith("Paragraph")]) < extraction.TITLE_LINES


def test_a_kicker_element_the_headline_follows_without_a_space_keeps_a_separator():
    # Arc/WordPress themes: <h1><span class="kicker">Exclusive</span>Headline</h1>; og:title declares the headline
    head = ("<meta property='og:title' content='Council leader resigns over housing deal'>"
            "<title>Exclusive: Council leader resigns over housing deal | Gazette</title>")
    body = "<h1><span class='kicker'>Exclusive</span>Council leader resigns over housing deal</h1><p>Text.</p>"
    assert _choose(head, body) == "Council leader resigns over housing deal"
    page = _page("", body)
    assert page.headings[0].text == "Exclusive: Council leader resigns over housing deal"
    # a drop capital is no kicker, nor is a word the heading's markup splits in lower case
    assert _page("", "<h1><span class='dropcap'>T</span>he harbour reopens</h1>").headings[0].text == (
        "The harbour reopens")
    assert _page("", "<h1><i>Titanic</i>'s last voyage retold</h1>").headings[0].text == (
        "Titanic's last voyage retold")


@pytest.mark.parametrize("h1", [
    "<h1><span class='first'>New </span>York Mayor Resigns After Budget Row</h1>",
    "<h1><span class='dropword'>The </span>Queen Opens Parliament In Rain</h1>",
    "<h1><a href='/topic/trump'>Donald </a>Trump Wins The Primary</h1>",
])
def test_a_first_word_styled_with_its_space_is_no_glued_kicker(h1: str):
    """47287b2 parted every first element of 3+ letters from a capitalised text after it: an element whose text ends
    with its space is not glued ("New York Mayor Resigns", not "New: York Mayor Resigns", even with <title> saying
    so: the record took the parted heading)."""
    text = " ".join(_page("", h1 + "<p>Text.</p>").headings[0].text.split())
    assert ":" not in text
    head = f"<title>{text} | Gazette</title>"
    assert _choose(head, h1 + "<p>Text.</p>") == text


def test_the_displayed_h1_wins_over_declared_seo_titles_that_state_the_story_in_other_words():
    seo = "Lido heatwave: record crowds as temperatures hit 33C - latest news and pictures"
    head = f"{_ld(seo)}<meta property='og:title' content='{seo}'><title>{seo} | Gazette</title>"
    body = "<h1 class='headline'>Swimmers return to the lido as the heatwave peaks</h1><p>Text.</p>"
    assert _choose(head, body) == "Swimmers return to the lido as the heatwave peaks"
    # an <h1> that shares no words with the declared title, or a short label, is not the story's heading
    assert _choose(head, "<h1>Weather and travel updates for the region</h1><p>Text.</p>") == seo
    assert _choose(head, "<h1>Lido heatwave latest</h1><p>Text.</p>") == seo
    # an <h1> that shares two thirds of its words with the declared title is that title lightly reworded: the
    # declared one stays
    declared = "Laos methanol poisonings: Australian teenager becomes sixth to die as police detain hostel bosses"
    head = f"{_ld(declared)}<title>{declared} | Gazette</title>"
    body = "<h1>Australian teenager becomes sixth to die in Laos poisoning as police detain hostel bosses</h1>"
    assert _choose(head, body + "<p>Text.</p>") == declared


def test_a_japanese_heading_that_is_a_part_of_the_title_is_the_headline():
    # a CJK title holds no spaces: its parts are compared by their characters, not as one word each
    head = "<title>市立図書館、開館時間を夜10時まで延長｜地域ニュース</title>"
    body = ("<h1>市立図書館、開館時間を夜10時まで延長</h1>"
            "<p>市は10日、市立中央図書館の開館時間を延長すると発表した。</p>")
    assert _choose(head, body, "https://www.chiiki-news.jp/articles/1") == "市立図書館、開館時間を夜10時まで延長"
    assert headline.word_length("地域ニュース") == 4 and headline.word_length("Local news") == 2


def test_a_line_break_inside_a_heading_parts_its_words():
    head = "<title>Storm closes schools across the county | Gazette</title>"
    assert _choose(head, "<h1>Storm closes schools<br>across the county</h1><p>Text.</p>") == (
        "Storm closes schools across the county")
    assert _page("", "<h1><span>Storm closes</span><br/>schools</h1>").headings[0].text == "Storm closes schools"


def test_an_h1_above_a_heading_that_shows_the_declared_title_is_a_label_not_the_headline():
    # review15: the <h1> a kicker of the story ("Exclusive interview with …"), an <h2> showing the declared title
    declared = "Mayor vows to fix every pothole in the city by summer"
    head = f"{_ld(declared)}<meta property='og:title' content='{declared}'><title>{declared} | Gazette</title>"
    body = ("<h1>Exclusive interview with the mayor of the city</h1><h2>Mayor vows to fix every pothole by summer</h2>"
            "<p>Text.</p>")
    assert _choose(head, body) == declared
    # without the <h2>, the <h1> that states the story in other words is the headline (779efaf)
    assert _choose(head, "<h1>City mayor pledges smooth streets by summer</h1><p>Text.</p>") == (
        "City mayor pledges smooth streets by summer")


def test_an_underscore_beside_chinese_characters_parts_a_portals_title():
    # a Chinese portal's "headline_section_site" (an underscore, no spaces): the heading that shows the headline part
    head = "<title>区政府公布新的垃圾分类办法_本地新闻_河西在线</title>"
    url = "http://www.hexi-online.cn/news/2012-05/08/content_4411.htm"
    body = "<div align='center'><font size='5'><b>区政府公布新的垃圾分类办法</b></font></div><p>正文。</p>"
    assert _choose(head, body, url) == "区政府公布新的垃圾分类办法"
    # no heading shows it: the part that is clearly longest (a Chinese part's words counted by its characters)
    assert _choose(head, "<p>正文。</p>", url) == "区政府公布新的垃圾分类办法"
    # an underscore between Latin letters is no separator here ("snake_case" in a developer's headline)
    head = "<title>Why snake_case beats camelCase in config files</title>"
    assert _choose(head, "<p>Story.</p>", url) == "Why snake_case beats camelCase in config files"


def test_the_chinese_separator_rule_is_linear_on_huge_titles():
    import time

    started = time.process_time()
    for title in ("新闻_" * 50_000, "_" * 100_000, "新" * 50_000 + "_" * 50_000 + "x", "_新" * 50_000):
        head = f"<meta property='og:title' content='{title}'><title>{title}</title>"
        _choose(head, "<h1>" + title[:5000] + "</h1><b>" + title[:3000] + "</b>", "http://www.hexi-online.cn/x")
    assert time.process_time() - started < 3


@pytest.mark.parametrize("kicker", ["<p class='kicker'>Analysis</p>", "<span class='label'>ข่าวเด่น</span>",
                                    "<div class='topic'><a href='/politics/'>Politics</a></div>"])
def test_a_kicker_shown_above_the_headline_is_no_line_of_the_text(kicker):
    """A label in an element of its own right above the <h1> ("Analysis", "ข่าวเด่น": top story) is not the
    article's first line; a short first paragraph under the headline is."""
    from newsproj.extraction import extract

    first = "Work starts in January."
    text = ["Work to replace the footbridge over the railway at Carlow station will begin in January, Network South "
            "has confirmed on Monday.",
            "The new bridge will have lifts at both ends, ending a long campaign by wheelchair users and parents with "
            "pushchairs who use a crossing half a mile away."]
    html = (f"<html><head><title>Carlow footbridge to be replaced | Wire</title></head><body><article>{kicker}"
            f"<h1>Carlow footbridge to be replaced</h1><p>{first}</p>" + "".join(f"<p>{t}</p>" for t in text)
            + "</article></body></html>")
    body = extract(html, "http://127.0.0.1/news/2024/12/02/footbridge").article.articleBody
    assert body.split("\n") == [first, *text]


@pytest.mark.parametrize("post", ["Snowdrops", "First tomatoes"])
def test_a_title_part_that_is_the_masthead_linking_home_is_the_site_not_the_headline(post: str):
    """A WordPress post of one or two words: "<post> | <blog>" in the title, the blog's name in an <h1> linking the
    home page, the post's in another <h1>. Neither part names the site by its metadata or its host (a blog on
    127.0.0.1, a host of its own): the masthead says which part is the site's (the whole title was the headline)."""
    head = f"<title>{post} | Hillside Notes</title>"
    body = (f"<header><h1 class='site-title'><a href='/' rel='home'>Hillside Notes</a></h1></header><article><h1 "
            f"class='entry-title'>{post}</h1><p>A sentence of the post, which is short and about the garden.</p>"
            "</article>")
    assert _choose(head, body, "http://127.0.0.1:8000/2015/02/post/") == post


def test_an_h1_that_is_a_declared_title_and_a_label_is_the_headline_shown():
    # a car guide's page: og:title names the car, the <h1> shows it with the page's kind after a dash; a teaser
    # further down ends with the og:title and is no headline of this page
    head = ("<meta property='og:title' content='2031 Larkspur Wagon'>"
            "<title>2031 Larkspur Wagon Reviews and Ratings - Motor Almanac</title>")
    body = ("<h1><span class='fn'>2031 Larkspur Wagon</span> <span class='page-title'> - Review</span></h1>"
            "<p>The wagon rides softly and seats seven.</p><h2>Shopping for a 2031 Larkspur Wagon</h2>")
    url = "https://www.motoralmanac.example/overview/larkspur_wagon_2031"
    assert _choose(head, body, url) == "2031 Larkspur Wagon - Review"
    # a longer text after the dash is no label of the page's kind
    assert _choose(head, body.replace(" - Review", " - Review of the seven seat family car"), url) == (
        "Shopping for a 2031 Larkspur Wagon")


def test_the_declared_title_and_label_rule_reads_a_bounded_heading():
    import time

    head = "<meta property='og:title' content='2031 Larkspur Wagon'>"
    body = "<h1>2031 Larkspur Wagon" + " - Review" * 100_000 + "</h1>" + "<h1>2031 Larkspur Wagon - x</h1>" * 200
    started = time.process_time()
    _choose(head, body)
    assert time.process_time() - started < 2


@pytest.mark.parametrize(("title", "expected"), [
    # the site's name and its sections glued to the headline by hyphens without spaces
    ("Mayor to open the new bridge... with a parade-City Buzz-Local-The Daily Harbour",
     "Mayor to open the new bridge... with a parade"),
    ("Storm closes the coast road-The Daily Harbour", "Storm closes the coast road"),
    # (the site's name is the subdomain's: a run of the last part's words)
    ("Ferry fares rise in spring-Travel-The Daily Harbour", "Ferry fares rise in spring"),
    # a headline's own hyphenated words stay: no site's name after them
    ("Aspen die-off alarms foresters in the north-west", "Aspen die-off alarms foresters in the north-west"),
    ("Pro-Harbour groups win the vote-Local News", "Pro-Harbour groups win the vote-Local News"),
])
def test_a_sites_name_glued_by_hyphens_is_no_part_of_the_headline(title: str, expected: str):
    assert _choose(f"<title>{title}</title>", "<p>Story.</p>", "https://www.dailyharbour.com/local/x.cms") == expected
    assert _choose(f"<title>{title}</title>", "<p>Story.</p>", "https://dailyharbour.portalpages.com/x.cms") == expected


def test_the_glued_site_tail_is_read_boundedly():
    # a megabyte of hyphenated words (a keyword dump): one rsplit of a bounded title, no headline lost
    title = "Harbour-" * 130_000 + "The Daily Harbour"
    assert _choose(f"<title>{title}</title>", "<p>Story.</p>", "https://www.dailyharbour.com/x") is not None
    words = "-".join(["Word"] * 10_000)
    assert _choose(f"<title>{words}-The Daily Harbour</title>", "<p>Story.</p>", "https://www.dailyharbour.com/x")


def test_a_long_title_the_article_barely_uses_is_the_sites_tagline():
    # a <title> stated alone, no heading agrees with it, and most of its words are not the article's (the site's
    # tagline or a section's keywords, one of them "gardening" the story says once): the heading whose words the
    # article's first lines use is the headline, in an element whose class names a heading too
    head = "<title>Garden World - Gardening News | Gardening Tips, Daily Plant Guides, Seed Swap Offers</title>"
    body = ("<b>Home</b><b>Shop</b><span class='heading'>ORCHARD FROST CUTS APPLE HARVEST</span>"
            "<p>An early frost has cut the orchard apple harvest by a third, growers said.</p>")
    article = ("An early frost has cut the orchard apple harvest by a third, growers said.\n"
               "Gardening clubs will help with the late picking.")
    assert headline.choose(_page(head, body), "http://www.gardenworld.com/news/x", article) == (
        "ORCHARD FROST CUTS APPLE HARVEST")
    # a title whose words the article mostly uses stays the headline
    head = "<title>Garden World - Early frost cuts the orchard apple harvest by a third</title>"
    assert headline.choose(_page(head, body), "http://www.gardenworld.com/news/x", article) == (
        "Early frost cuts the orchard apple harvest by a third")
    # and a heading that agrees with the title is not given up for another whose words the article uses
    head = "<title>Frost notes from the valley - Garden World</title>"
    body = ("<h1>Frost notes from the valley</h1><span class='heading'>ORCHARD FROST CUTS APPLE HARVEST</span>"
            "<p>An early frost has cut the orchard apple harvest by a third, growers said.</p>")
    assert headline.choose(_page(head, body), "http://www.gardenworld.com/news/x", article) == (
        "Frost notes from the valley")
