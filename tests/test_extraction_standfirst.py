import lxml.html

from newsproj.extraction.standfirst import standfirst

PAGE = """<html><body><article>
<header><h1>Rates held at four percent</h1>
<p class="dek">The central bank kept its main rate unchanged and signalled cuts later in the year.</p>
<figure><figcaption>The governor speaking in the capital on Tuesday afternoon.</figcaption></figure>
<p class="byline">By Jane Doe</p></header>
<div class="body"><p>The central bank of Velmora held its benchmark rate at four percent on Tuesday.</p>
<p>Economists had expected the decision.</p></div></article></body></html>"""
BODY = "The central bank of Velmora held its benchmark rate at four percent on Tuesday.\nEconomists had expected it."
DESC = "The central bank kept its main rate unchanged and signalled cuts later in the year."


def test_standfirst_that_the_description_states_is_taken_back():
    tree = lxml.html.fromstring(PAGE)
    assert standfirst(tree, BODY, "Rates held at four percent", [DESC]) == [DESC]


def test_truncated_description_still_matches():
    tree = lxml.html.fromstring(PAGE)
    assert standfirst(tree, BODY, None, ["The central bank kept its main rate unchanged and signalled…"]) == [DESC]


def test_no_description_no_standfirst():
    # Captions and bylines sit between headline and body too: without the page's own description as evidence
    # (or the displayed headline, to find a deck right after it), nothing is added.
    tree = lxml.html.fromstring(PAGE)
    assert standfirst(tree, BODY, None, []) == []


def test_standfirst_already_in_body_is_not_repeated():
    tree = lxml.html.fromstring(PAGE)
    assert standfirst(tree, DESC + "\n" + BODY, None, [DESC]) == []


def test_standfirst_inside_a_wrapper_that_also_holds_the_body():
    page = ("<html><body><article><h1>Rates held at four percent</h1><div class='wrap'>"
            f"<div class='teaser'>Berlin. {DESC}</div><div class='body'><p>{BODY.splitlines()[0]}</p>"
            "<p>Economists had expected it.</p></div></div></article></body></html>")
    tree = lxml.html.fromstring(page)
    assert standfirst(tree, BODY, None, [DESC]) == [f"Berlin. {DESC}"]


def test_the_body_is_found_in_the_page_however_its_words_are_cased():
    """The body's first line is found where the page writes it in capitals whose casefolded form is longer
    ('STRASSE' for 'Straße': every text is screened for the line's longest word, casefolded, before its key is
    read): the standfirst above it is taken, none when the body is never found."""
    desc = "Die Stadt sperrt die Hauptstraße für drei Wochen, weil die Brücke darunter erneuert werden muss."
    body = "Die Hauptstraße ist ab Montag gesperrt, sagte der Bürgermeister.\nUmleitungen sind ausgeschildert."
    page = (f"<html><body><article><h1>Hauptstraße gesperrt</h1><p class='dek'>{desc}</p>"
            "<p>DIE HAUPTSTRASSE IST AB MONTAG GESPERRT, SAGTE DER BÜRGERMEISTER.</p></article></body></html>")
    assert standfirst(lxml.html.fromstring(page), body, None, [desc]) == [desc]
    elsewhere = page.replace("HAUPTSTRASSE", "UMGEHUNGSSTRASSE")
    assert standfirst(lxml.html.fromstring(elsewhere), body, None, [desc]) == []


FUNKE = """<html><body><nav><ol><li><h1 class="whitespace-nowrap">Rates held at four percent, experts say</h1></li></ol>
</nav><article><hgroup><div>Experten analysieren</div><h2>Rates held at four percent</h2></hgroup>
<div class="copy-lg"><span>The bank of Velmora meets again. Will it cut? Experts weigh the effect on savers.</span>
</div>
<div class="byline">Von Jane Doe und John Roe, Berlin, 9. September 2025</div>
<div class="body"><p>The central bank of Velmora held its benchmark rate at four percent on Tuesday.</p>
<p>Economists had expected the decision.</p></div></article></body></html>"""
INTRO = "The bank of Velmora meets again. Will it cut? Experts weigh the effect on savers."


def test_a_deck_right_after_the_displayed_headline_is_taken_without_the_description():
    """FUNKE sets the intro after the <hgroup> of kicker and headline (an <h2>; the <h1> is the breadcrumb's), and
    the page's description says something else: the deck's place and its being a sentence are the evidence. A
    byline there is no sentence, and nothing is taken without the headline to find its element by."""
    tree = lxml.html.fromstring(FUNKE)
    other = ["The bank of Velmora decides on rates again; what it means for savers and borrowers."]
    assert standfirst(tree, BODY, "Rates held at four percent", other) == [INTRO]
    assert standfirst(tree, BODY, None, other) == []
    no_stop = FUNKE.replace("on savers.", "on savers")
    assert standfirst(lxml.html.fromstring(no_stop), BODY, "Rates held at four percent", other) == []


def test_a_note_or_a_prompt_right_after_the_headline_is_no_deck():
    """The deck's place is its only evidence: a block there that opens with a label ("Editor's note:", "Read
    more:") or that the chrome vocabulary names (a read-aloud player's line, a paywall's counter, a newsletter's
    prompt), however long, is not taken; the FUNKE deck still is."""
    other = ["The bank of Velmora decides on rates again; what it means for savers and borrowers."]
    for note in ("Editor's note: this story has been updated to correct the governor's name.",
                 "Read more: Savers face lower rates as the bank of Velmora signals cuts, experts say.",
                 "Support independent journalism: become a member today for just one dollar a week.",
                 "Lesen Sie auch: Die Zentralbank von Velmora senkt bald die Zinsen, sagen Experten.",
                 "Listen to this article, read by an automated voice, in about four minutes.",
                 "You have 3 free articles left this month. Subscribe for unlimited access.",
                 "Sign up for our morning newsletter to get the latest business news in your inbox."):
        page = FUNKE.replace(INTRO, note)
        assert standfirst(lxml.html.fromstring(page), BODY, "Rates held at four percent", other) == [], note
    assert standfirst(lxml.html.fromstring(FUNKE), BODY, "Rates held at four percent", other) == [INTRO]


def test_containers_inside_a_container_without_the_bodys_first_words_are_not_read(monkeypatch):
    """A container whose text lacks the body's first line's longest word (a menu, a sidebar) holds no container whose
    text opens with the body (its text is part of the outer one's): their texts are not read (a whole-text read each,
    ~13 % of the standfirst's time on the dev pages). The blocks inside it still are: the standfirst of a page that
    sets it inside such a box is taken back, and the body is still found after it."""
    menu = "".join(f"<div class='m{i}'><div><span>Section {i}</span><span>More {i}</span></div></div>"
                   for i in range(6))
    page = (f"<html><body><article><h1>Rates held at four percent</h1><div class='top'>{menu}<div class='box'>"
            f"<p class='dek'>{DESC}</p><div><span>x</span><span>y</span></div></div></div>"
            f"<div class='body'><p>{BODY.splitlines()[0]}</p><p>Economists had expected it.</p></div>"
            "</article></body></html>")
    tree = lxml.html.fromstring(page)
    read: list[str] = []
    text_content = lxml.html.HtmlElement.text_content

    def counted(self):
        read.append(self.get("class") or self.tag)
        return text_content(self)

    monkeypatch.setattr(lxml.html.HtmlElement, "text_content", counted)
    assert standfirst(tree, BODY, "Rates held at four percent", [DESC]) == [DESC]
    assert "top" in read and "m0" not in read and "box" not in read


HEADED = """<html><body><article><header><h1>Rates held at four percent</h1>{deck}
<div class="byline">By Jane Doe</div></header>
<div class="body"><p>The central bank of Velmora held its benchmark rate at four percent on Tuesday.</p>
<p>Economists had expected the decision.</p></div></article></body></html>"""
NO_STOP = "Savers wait another quarter as the bank of Velmora keeps its main rate where it was"


def _decks(deck: str) -> list[str]:
    return standfirst(lxml.html.fromstring(HEADED.format(deck=deck)), BODY, "Rates held at four percent", [])


def test_a_deck_without_a_stop_is_taken_when_its_class_names_it():
    """A deck often ends without a stop (news-dev CanadaCom, RollingStone; dragnet's "stand-first"; msv's
    Independent "<div class='intro'><p>…</p>"): its class is the evidence then, on the block right after the
    displayed headline or on the holder it opens."""
    assert _decks(f'<p class="article-subtitle">{NO_STOP}</p>') == [NO_STOP]
    assert _decks(f'<div class="article-excerpt larva">{NO_STOP}</div>') == [NO_STOP]
    assert _decks(f'<p id="stand-first" class="stand-first-alone">{NO_STOP}</p>') == [NO_STOP]
    assert _decks(f'<div class="intro"><!-- deck --><p>{NO_STOP}&nbsp;</p></div>') == [NO_STOP]


def test_a_line_without_a_stop_beside_the_headline_needs_a_deck_class_on_a_prose_block():
    """Bylines, dates and second titles sit there too, without a stop: no deck class, a class that names no deck
    ("leader-board", "introduction-video" are no tokens of it), a heading (a subtitle, which AEB's and L3S's
    truths leave out), a block not right after the headline, or one that is not its holder's first child: nothing."""
    byline = "By Jane Doe and John Roe in Brussels and Berlin, for the Velmora Times"
    assert _decks(f'<p class="article-meta">{byline}</p>') == []
    assert _decks(f'<p>{NO_STOP}</p>') == []
    assert _decks(f'<p class="leader-board">{NO_STOP}</p>') == []
    assert _decks(f'<p class="introduction-video">{NO_STOP}</p>') == []
    assert _decks(f'<h2 class="subtitle">{NO_STOP}</h2>') == []
    assert _decks(f'<div class="share"></div><p class="dek">{NO_STOP}</p>') == []
    assert _decks(f'<div class="intro"><span>Analysis</span><p>{NO_STOP}</p></div>') == []
    assert _decks(f'<div class="intro">Analysis<p>{NO_STOP}</p></div>') == []
    # a label's note keeps its own rule: no deck, class or not
    note = "Editor's note: this story was updated with the bank's statement of Tuesday"
    assert _decks(f'<p class="dek">{note}</p>') == []


LEAD = "The wreckage of the airliner has been moved to an engineering base after a slow journey from the runway."
FIRST = "The jet started its 500m journey from the end of the southern runway to the airline's base on Sunday."
PROMPT = "To read this article in full you must be registered with the site."


def _framed(description_lead: str = LEAD, deck: str = "") -> str:
    """An ASP.NET page: one <form> around the whole page, a sign-in prompt above the headline, the lead in a
    div of its own between the headline and the body's div."""
    return ("<html><body><form id='aspnetForm' method='post'>"
            f"<div class='signin'><p>{PROMPT}</p></div>"
            "<div class='viewarticle'><div class='headline'><h1>Stricken plane moved from runway</h1></div>"
            f"{deck}<div class='keypoints'></div><div class='firstpara'>{description_lead}</div>"
            f"<div class='bodytext'>{FIRST}<br><br>Engineers will now examine the wreckage.</div></div>"
            "</form></body></html>")


def test_the_lead_a_headline_dash_lead_description_states_is_taken_in_a_page_wide_form():
    # the description repeats the headline before the lead; the body (as extracted) opens with the sign-in
    # prompt shown above the headline, which the cleaning step removes: the lead between them is the story's
    tree = lxml.html.fromstring(_framed())
    body = f"{PROMPT}\n{FIRST}\nEngineers will now examine the wreckage."
    desc = f"Stricken plane moved from runway - {LEAD}"
    assert standfirst(tree, body, "Stricken plane moved from runway", [desc]) == [LEAD]
    # a description that is the lead alone states no "headline - lead": inside a page-wide form nothing but such a
    # lead is taken (the form may be a box's, its text a promotion's)
    assert standfirst(lxml.html.fromstring(_framed()), body, "Stricken plane moved from runway", [LEAD]) == []


def test_a_deck_inside_a_page_wide_form_is_not_taken_on_the_description_alone():
    # the place of a deck and a description that states it vouch for a block outside forms only; inside a form
    # holding the whole page such a block may be a box's (a promotion, a form's own text)
    deck = f"<h2>{LEAD}</h2>"
    tree = lxml.html.fromstring(_framed(description_lead="", deck=deck))
    body = f"{FIRST}\nEngineers will now examine the wreckage."
    assert standfirst(tree, body, "Stricken plane moved from runway", [LEAD]) == []


def test_a_headline_dash_lead_description_vouches_for_the_lead_outside_forms_too():
    page = ("<html><body><article><h1>Rates held at four percent</h1><div class='figures'><p>Chart</p></div>"
            f"<div class='first'>{DESC}</div><div class='body'><p>{BODY.splitlines()[0]}</p>"
            "<p>Economists had expected it.</p></div></article></body></html>")
    tree = lxml.html.fromstring(page)
    assert standfirst(tree, BODY, "Rates held at four percent", [f"Rates held at four percent | {DESC}"]) == [DESC]
    # a description that only opens with the headline's words, with no separator, states no lead of its own
    assert standfirst(lxml.html.fromstring(page), BODY, "Rates held at four percent",
                      [f"Rates held at four percent {DESC}"]) == []


def test_a_body_opening_with_a_chrome_line_shown_above_the_headline_still_gets_its_standfirst():
    # the extracted body's first line is a sign-in prompt set above the headline: the body begins at its first
    # line of prose, so the standfirst between the headline and that line is found (and the prompt is not taken)
    page = (f"<html><body><div class='signin'><p>{PROMPT}</p></div><article>"
            f"<h1>Rates held at four percent</h1><p class='dek'>{DESC}</p>"
            f"<div class='body'><p>{BODY.splitlines()[0]}</p><p>Economists had expected it.</p></div>"
            "</article></body></html>")
    body = f"{PROMPT}\n{BODY}"
    assert standfirst(lxml.html.fromstring(page), body, "Rates held at four percent", [DESC]) == [DESC]


def test_a_headline_dash_lead_description_is_read_when_casefolding_changes_the_headlines_length():
    # "ß" casefolds to "ss": the separator is looked for where the headline ends in the description, not where its
    # casefolded form would end (there the lead was never found); in a page-wide form only such a lead is taken
    from newsproj.extraction.standfirst import _leads

    headline = "Große Straße nach Unfall gesperrt"
    for separator in (" - ", ": ", " | "):
        assert _leads([f"{headline}{separator}{LEAD}"], headline) == [LEAD], separator
        assert _leads([f"{headline.upper()}{separator}{LEAD}"], headline) == [LEAD], separator
    page = _framed().replace("Stricken plane moved from runway", headline)
    body = f"{PROMPT}\n{FIRST}\nEngineers will now examine the wreckage."
    assert standfirst(lxml.html.fromstring(page), body, headline, [f"{headline} - {LEAD}"]) == [LEAD]


def test_a_site_slogan_after_the_headline_in_the_description_is_no_lead():
    # "Headline | The Daily Planet - news you can trust ...": the text after the headline is the site's slogan, no
    # sentence of a lead; a strap showing it under the headline is not the story's standfirst
    slogan = "The Daily Planet - news you can trust, every single day since 1938"
    first = "The council voted on Monday to raise property taxes for the third year in a row, officials said."
    page = (f"<html><body><article><h1>Council raises taxes</h1><div class='strap'>{slogan}</div><div class='body'>"
            f"<p>{first}</p><p>More text here.</p></div></article></body></html>")
    body = f"{first}\nMore text here."
    assert standfirst(lxml.html.fromstring(page), body, "Council raises taxes", [f"Council raises taxes | {slogan}"]
                      ) == []
    # a lead the description cuts short ("...", "…") is still a lead
    lead = "The wreckage of the airliner has been moved to an engineering base after a slow journey from the..."
    page = page.replace(slogan, lead)
    assert standfirst(lxml.html.fromstring(page), body, "Council raises taxes", [f"Council raises taxes - {lead}"]
                      ) == [lead]
