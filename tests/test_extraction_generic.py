import lxml.html
import pytest

from newsproj.extraction.generic import body_text, from_jsonld

PARAS = [f"Paragraph number {i} of the story says something long enough to count as a line of prose here."
         for i in range(12)]


def _page(blocks: list[str], extra: str = "") -> lxml.html.HtmlElement:
    return lxml.html.fromstring(
        "<html><body><article><h1>A headline for the test</h1>"
        + "".join(f"<p>{b}</p>" for b in blocks) + f"</article>{extra}</body></html>"
    )


def test_jsonld_body_that_holds_ours_and_more_is_taken_as_the_page_paragraphs():
    tree = _page(PARAS[:4], "<div class='more'>" + "".join(f"<p>{p}</p>" for p in PARAS[4:]) + "</div>")
    ours = "\n".join(PARAS[:4])
    wider = from_jsonld(tree, ours, " ".join(PARAS))
    assert wider == "\n".join(PARAS)


def test_a_jsonld_body_written_in_markdown_is_taken_as_the_text_the_page_shows():
    """Condé Nast writes articleBody in Markdown: links, "{: .small}" attributes, "+++" directive lines and
    HTML entities. Its paragraphs are still the page's, and no markup reaches the body."""
    linked = ("Last year they published <a href='https://example.org/p'>a paper</a> about their work at the "
              "test pond, with <em class='small'>NASA</em>, said \u2018Do no harm,\u2019\u00a0\u201d the director.")
    tree = _page([*PARAS[:4], linked, *PARAS[4:]])
    markdown = "\n\n".join([
        *PARAS[:4], "Last year they published [a paper](https://example.org/p) about their work at the test pond, "
        "with *NASA*{: .small}, said \u2018Do no harm,\u2019&nbsp;\u201d the director.", "+++feature-default",
        "{: legacyType=\"feature-small\"}", *PARAS[4:]])
    wider = from_jsonld(tree, "\n".join(PARAS[:4]), markdown)
    assert wider is not None and wider.split("\n")[4].startswith("Last year they published a paper about")
    assert not any(mark in wider for mark in ("](", "{:", "+++", "*", "&nbsp;"))


def test_jsonld_body_that_is_a_summary_or_another_text_is_ignored():
    tree = _page(PARAS)
    ours = "\n".join(PARAS[:4])
    assert from_jsonld(tree, ours, "A short summary of the story.") is None
    assert from_jsonld(tree, ours, "Something else entirely, repeated at length. " * 40) is None
    assert from_jsonld(tree, ours, None) is None


def test_body_split_over_twin_containers_is_joined():
    from newsproj.extraction.generic import continuation

    first, second = PARAS[:4], PARAS[4:]
    tree = lxml.html.fromstring(
        "<html><body><article><h1>A headline for the test</h1>"
        "<div class='article-body'>" + "".join(f"<p>{p}</p>" for p in first) + "</div>"
        "<div class='ad'>Advertisement</div>"
        "<div class='article-body'>" + "".join(f"<p>{p}</p>" for p in second) + "</div>"
        "<div class='teasers'><p><a href='/x'>A teaser link that is not part of the article at all here</a></p></div>"
        "</article></body></html>"
    )
    assert continuation(tree, "\n".join(first)) == "\n".join(PARAS)


def test_a_twin_that_differs_from_the_body_container_by_a_modifier_class_only_is_joined():
    """rp.pl's last body container lacks the others' spacing modifier ("body articleBody -bottom-space", then
    "body articleBody "): a twin all the same. A container of another class in the story (a box) is not one."""
    from newsproj.extraction.generic import continuation

    first, second = PARAS[:4], PARAS[4:]
    tree = lxml.html.fromstring(
        "<html><body><article><h1>A headline for the test</h1><div class='content'>"
        "<div class='body articleBody -bottom-space'>" + "".join(f"<p>{p}</p>" for p in first) + "</div>"
        "<div class='ad'>Advertisement</div>"
        "<div class='body articleBody '>" + "".join(f"<p>{p}</p>" for p in second) + "</div>"
        "<div class='body articleBox'><p>A box beside the story with a sentence long enough to count as prose.</p>"
        "</div></div></article></body></html>"
    )
    assert continuation(tree, "\n".join(first)) == "\n".join(PARAS)


def test_twins_by_modifier_are_split_only_where_a_class_holds_the_containers_longest_token(monkeypatch):
    """The twins of a body container by its core classes (modifiers aside) are found among the elements of its tag by
    the core's longest token first (a class whose core equals the container's holds it): the classes of the page's
    other elements of that tag are not split into tokens. The same twins, the same continuation."""
    from newsproj.extraction import generic

    first, second = PARAS[:4], PARAS[4:]
    boxes = "".join(f"<div class='promo promo-{i}'><span>Promo {i}</span></div>" for i in range(20))
    tree = lxml.html.fromstring(
        "<html><body><article><h1>A headline for the test</h1><div class='content'>"
        "<div class='body articleBody -bottom-space'>" + "".join(f"<p>{p}</p>" for p in first) + "</div>"
        "<div class='ad'>Advertisement</div>" + boxes +
        "<div class='body articleBody '>" + "".join(f"<p>{p}</p>" for p in second) + "</div>"
        "</div></article></body></html>"
    )
    split: list[str | None] = []
    core_classes = generic._core_classes
    monkeypatch.setattr(generic, "_core_classes", lambda cls: split.append(cls) or core_classes(cls))
    assert generic.continuation(tree, "\n".join(first)) == "\n".join(PARAS)
    assert not any(cls and cls.startswith(("promo", "ad")) for cls in split)


def test_a_related_stories_box_in_the_bodys_class_is_no_continuation():
    """A related-stories box set in the body's own class, or with a BEM modifier ("c-text c-text--related"), inside
    an <aside> beside the story: its teasers are no part of the body. A body inside an <aside> keeps its twins."""
    from newsproj.extraction.generic import continuation

    first, second = PARAS[:4], PARAS[4:]
    for related in ("c-text c-text--related", "c-text -teaser", "c-text"):
        tree = lxml.html.fromstring(
            "<html><body><article><h1>A headline for the test</h1>"
            "<div class='c-text'>" + "".join(f"<p>{p}</p>" for p in first) + "</div>"
            f"<aside class='related'><h2>Related stories</h2><div class='{related}'>"
            + "".join(f"<p>{p}</p>" for p in second) + "</div></aside></article></body></html>"
        )
        assert continuation(tree, "\n".join(first)) is None, related
    tree = lxml.html.fromstring(
        "<html><body><aside class='story'><h1>A headline for the test</h1>"
        "<div class='c-text'>" + "".join(f"<p>{p}</p>" for p in first) + "</div><div class='ad'>Advertisement</div>"
        "<div class='c-text'>" + "".join(f"<p>{p}</p>" for p in second) + "</div></aside></body></html>"
    )
    assert continuation(tree, "\n".join(first)) == "\n".join(PARAS)


def test_no_twin_container_no_continuation():
    from newsproj.extraction.generic import continuation

    tree = _page(PARAS[:4])
    assert continuation(tree, "\n".join(PARAS[:4])) is None


def test_lists_of_bare_links_are_pruned_but_prose_lists_stay():
    from newsproj.extraction.generic import body_text

    tree = lxml.html.fromstring(
        "<html><body><article><h1>A headline for the test</h1>" + "".join(f"<p>{p}</p>" for p in PARAS[:6])
        + "<ul><li>First point of the list, written out as a sentence of prose.</li>"
          "<li>Second point of the list, also a full sentence of prose text.</li></ul>"
        + "".join(f"<p>{p}</p>" for p in PARAS[6:])
        + "<ul><li><a href='/a'>Related story number one about something</a></li>"
          "<li><a href='/b'>Related story number two about something else</a></li></ul>"
        "</article></body></html>"
    )
    body = body_text(tree, "http://127.0.0.1/a") or ""
    assert "First point of the list" in body
    assert "Related story" not in body



def test_a_slideshows_numbered_captions_are_pruned_but_numbered_prose_lists_stay():
    """A gallery in the article's container, its legends a list whose items open with their place in the show
    ("1/44 A humanoid robot ...", "2/44 ..."): no body line. Lists that only look numbered stay: a recipe's
    fractions, dates, a thread's "1/" posts that skip, a list numbered "1." or starting elsewhere."""
    from newsproj.extraction.generic import pruned

    def items(texts: list[str]) -> str:
        return "<ul>" + "".join(f"<li>{t}</li>" for t in texts) + "</ul>"

    gallery = items([f"<h2><span class='counter'>{i}/44</span> A robot at fair number {i}, Getty Images</h2>"
                     for i in range(1, 45)])
    kept = [
        items(["1/2 cup heavy cream", "1/4 cup sugar", "2/3 cup flour"]),
        items(["01/05/2003 - 01/12/2003", "01/12/2003 - 01/19/2003", "01/19/2003 - 01/26/2003"]),
        items(["1/ The first point of the thread", "3/ The third point", "4/ The fourth point"]),
        items(["1. The first step of the recipe", "2. The second step", "3. The third step"]),
        items(["2/9 The second photo", "3/9 The third photo", "4/9 The fourth photo"]),
        items(["1/3 of the voters said yes", "2/3 of them said no"]),
    ]
    tree = lxml.html.fromstring("<html><body><article><h1>A headline for the test</h1>" + "".join(
        f"<p>{p}</p>" for p in PARAS[:4]) + gallery + "".join(kept) + "</article></body></html>")
    text = pruned(tree).text_content()
    assert "robot at fair" not in text
    for words in ("1/2 cup heavy", "01/05/2003", "1/ The first point", "1. The first", "2/9 The second", "1/3 of"):
        assert words in text

def _pruned_story(container: str, inserted: str) -> str:
    """The text of :func:`pruned` on a story in ``<div class=container>`` with ``inserted`` amid its paragraphs."""
    from newsproj.extraction.generic import pruned

    tree = lxml.html.fromstring(
        f"<html><body><article><h1>A headline for the test</h1><div class='{container}'>"
        + "".join(f"<p>{p}</p>" for p in PARAS[:4]) + inserted
        + "".join(f"<p>{p}</p>" for p in PARAS[4:]) + "</div></article></body></html>")
    text = pruned(tree).text_content()
    assert all(p in text for p in PARAS)
    return text


@pytest.mark.parametrize(("boxes", "kept"), [
    # a fact box or info box set apart beside the story ("Fakta om …", background figures, "Die Autorin"), whatever
    # the site calls it; a container that is only called a box (the article's own, a quote box) stays
    (["infobox", "info-box border--top", "fm-box flexmodule--factbox", "fact-box wrapper", "InfoBox", "Faktenbox"],
     "quote-box"),
    # the writer's box ("About the author", a biography, "View more articles"); a class that names authors
    # otherwise (a story about writers) stays
    (["author-bio", "post-authorInfo", "author_box", "about-the-author", "better-author-bio-div", "Author-authorInfo"],
     "authors-corner"),
], ids=["fact-box", "author-box"])
def test_fact_info_and_author_boxes_are_pruned_but_other_boxes_stay(boxes, kept):
    """Boxes beside the story, by their class, are not the article's text."""
    text = _pruned_story("article-box", "".join(
        f"<div class='{c}'><h3>Box {i} title</h3><p>Background figure number {i} of a box.</p></div>"
        for i, c in enumerate(boxes)) + f"<div class='{kept}'><p>A sentence of the story itself.</p></div>")
    assert "Background figure" not in text and "Box 0 title" not in text
    assert "A sentence of the story itself" in text


def test_what_the_page_marks_not_prose_inside_the_story_is_pruned():
    """Tailwind Typography's "not-prose" opts a block out of the text's styling: a newsletter promo, a teaser or a
    figure set into the story by the site's own markup. A class that only contains the word stays."""
    text = _pruned_story(
        "prose article-body",
        "<section class='not-prose col-span-3'><h3>Ein FUNKE Liebe</h3><p>Every other Sunday: answers to questions"
        " about relationships, sent to you.</p></section>"
        "<div class='md:max-w-prose not-prosecco'><p>A sentence in a block named like the class.</p></div>")
    assert "FUNKE Liebe" not in text and "answers to questions" not in text
    assert "A sentence in a block" in text


def test_an_image_widgets_caption_outside_figure_is_pruned_but_prose_beside_a_picture_stays():
    """IOL's image widget: "<div><span><picture/></span><p>Pictured right, is ...</p><p>Image: Name</p></div>", a
    caption and its credit set as paragraphs after the picture, outside <figure>. A block that opens with a picture
    and goes on with a paragraph of the story (over 300 characters), a picture whose element holds words too, or a
    picture followed by a list, stays."""
    story = ("The council met again on Tuesday evening and, after four hours of debate, voted to keep the library "
             "open on Sundays for another year, a decision that the mayor called a victory for the town's readers "
             "and that the opposition, which had asked for the money to go to the roads, said it would contest at "
             "the next budget meeting in the spring.")
    text = _pruned_story(
        "article-body",
        "<div class='image-widget'><span class='img'><picture><img src='/a.jpg'></picture></span>"
        "<p><span>Pictured right, is reader Ann Lee, speaking to the novelist at the fair.</span></p>"
        "<p>Image: Fouzia Van Der Fort</p></div>"
        f"<div class='block'><p><img src='/b.jpg'></p><p>{story}</p></div>"
        "<div class='block'><p><img src='/c.jpg'>Readers queued from dawn.</p><p>The doors opened at nine.</p></div>"
        "<div class='block'><span><img src='/d.jpg'></span><ul><li>Opening hours: nine to five on Sundays.</li>"
        "</ul></div>")
    assert "Pictured right" not in text and "Fouzia" not in text
    assert story in text and "Readers queued from dawn" in text and "The doors opened" in text
    assert "Opening hours" in text


@pytest.mark.parametrize("block", [
    # a WordPress group block: the story's picture and a short paragraph of the story, grouped by the editor
    "<div class='wp-block-group is-layout-flow'><figure class='wp-block-image size-large'><img src='/a.jpg' "
    "class='wp-image-12'></figure><p>The mayor said the vote would stand.</p></div>",
    # a picture (in a link to its full size) then a short paragraph of the story, in a plain div
    "<div><a href='/b-full.jpg'><img src='/b.jpg'></a><p>The mayor said the vote would stand.</p></div>",
    # the same with a link in the paragraph: the words beside the link are the story's
    "<div><span><img src='/c.jpg'></span><p>The mayor said the <a href='/vote'>vote</a> would stand.</p></div>",
    # a picture in a paragraph of its own, then two short paragraphs of the story
    "<div><p><img src='/d.jpg'></p><p>The mayor said the vote would stand.</p><p>He left at nine.</p></div>",
], ids=["wp-group", "plain-div", "paragraph-with-a-link", "picture-paragraph"])
def test_a_short_story_paragraph_beside_a_picture_is_not_taken_for_its_caption(block):
    """A div that opens with a picture and goes on with a short paragraph is the image's caption only when it says
    so (its class or id names an image, photo, figure, caption...) or when its words are a link's (a teaser tile):
    the story's own picture and paragraph, grouped, keep the paragraph."""
    text = _pruned_story("entry-content", block)
    assert "The mayor said the" in text


@pytest.mark.parametrize("block", [
    # Express: "(Image: Getty)" captions in a "photo" block
    "<div class='photo changeSpace'><p class='withoutCaption'><picture><img src='/a.jpg'></picture></p>"
    "<span class='newsCaption'>Prince Harry picked up an award on Thursday <span class='caption'>(Image: Getty)"
    "</span></span></div>",
    # a figure by its class, outside <figure> ("Figure 1." and an enlarge link)
    "<div class='figure'><a href='/b.png'><img src='/b.png'></a><p><span>Figure 1.</span> Backup and restore "
    "your designs with the new manager. <a href='/b.png'>[click to enlarge]</a></p></div>",
    # a teaser tile: the picture and a linked headline of another story
    "<div class='grid_4 entry hot-story'><p class='photo'><a href='/x'><img src='/x.jpg'></a></p>"
    "<h4><a href='/x'>Usain Bolt Owns These Olympics, and Everyone Knows It</a></h4></div>",
], ids=["photo-class", "figure-class", "teaser-tile"])
def test_a_picture_blocks_caption_by_its_class_or_a_teaser_tile_is_pruned(block):
    """The caption blocks that say what they are, and teaser tiles, go with their picture."""
    text = _pruned_story("entry-content", block)
    assert "Prince Harry" not in text and "Figure 1" not in text and "Usain Bolt" not in text


def test_a_list_of_kickers_and_headline_links_goes_with_its_heading_but_prose_lists_stay():
    """FUNKE pages set "<h3>Exklusive Politik-Hintergründe</h3><ul><li><strong>Warnung:</strong> <a>Headline</a>"
    into the text: a kicker and the link that ends the item, the kicker as long as the link."""
    from newsproj.extraction.generic import pruned

    tree = lxml.html.fromstring(
        "<html><body><article><h1>A headline for the test</h1>" + "".join(f"<p>{p}</p>" for p in PARAS[:6])
        + "<h3>Exklusive Politik-Hintergründe – für Sie recherchiert</h3><ul>"
          "<li><strong>„Über manches irritiert“: </strong><a href='/a'>Klingbeil greift Klöckner an</a></li>"
          "<li><strong>KI in der Schule? </strong><a href='/b'>Digitalminister: „Werden die KI haben“</a></li></ul>"
        + "".join(f"<p>{p}</p>" for p in PARAS[6:])
        + "<h3>What the ruling means</h3><ul>"
          "<li><strong>Tenants:</strong> rents may rise by <a href='/r'>two per cent</a> a year at most.</li>"
          "<li><strong>Landlords:</strong> <a href='/l'>the new register</a> opens in May, the ministry says.</li>"
          "<li><b>Courts:</b> <a href='/c'>Read the judgment</a> and <a href='/d'>the dissent</a></li></ul>"
        "</article></body></html>"
    )
    text = " ".join(pruned(tree).text_content().split())
    assert "Klingbeil" not in text and "Exklusive Politik-Hintergründe" not in text
    assert "What the ruling means" in text
    assert "Tenants: rents may rise by two per cent a year at most." in text
    assert "Read the judgment and the dissent" in text


def test_hover_cards_inside_paragraphs_are_pruned_by_the_class_vocabulary():
    from newsproj.cleaning.patterns import vocabulary
    from newsproj.extraction.generic import body_text

    assert vocabulary().prune_xpath, "chrome.toml [prune] compiles to XPaths"
    card = ("<span class='rollover-people'><a href='/people/jane'>Jane Doe</a><span class='rollover-people-block'>"
            "<a href='/x'>Jane Doe's latest column about something else entirely</a></span></span>")
    tree = _page([f"The bill was introduced by Rep. {card} on Monday after weeks of talks in the committee.", *PARAS])
    body = body_text(tree, "http://127.0.0.1/a") or ""
    assert "introduced by Rep. Jane Doe on Monday" in body
    assert "latest column" not in body


def test_prune_xpaths_stop_at_the_first_item_that_keeps_a_list():
    """A prune XPath that keeps a list when one of its items is no link or no numbered caption asks for the first
    such item (``not(li[X][1])``): libxml2 then stops there, where ``not(li[X])`` tests every item of every list of the
    page (~0.1 ms a page more). The same lists are pruned: a list of links, not a list of prose items."""
    import re

    from lxml import etree

    from newsproj.cleaning.patterns import vocabulary

    tests = [(xpath, test) for xpath in vocabulary().prune_xpath for test in re.findall(r"not\(li\[.*\]\)", xpath)]
    assert len(tests) >= 2
    assert all(test.endswith("][1])") for _, test in tests), tests
    page = lxml.html.fromstring("<html><body><ul><li><a href='/a'>One headline</a></li><li><a href='/b'>Two</a>"
                                "</li></ul><ul><li>A plain item of prose</li><li><a href='/c'>Three</a></li></ul>"
                                "<ol><li>1/3 The mayor</li><li>2/3 The crowd</li><li>3/3 The square</li></ol>"
                                "</body></html>")
    found = [el for xpath, _ in tests for el in etree.XPath(xpath)(page)]
    assert [el.tag for el in found] == ["ul", "ol"]


def test_page_xpaths_walk_the_page_once_for_a_step_with_predicates():
    """The XPaths evaluated on every page write a named step with predicates as ``/descendant::div[...]``, not
    ``//div[...]``: the same elements where no predicate is positional, but libxml2 turns ``//div`` into one walk of
    the page only when the step has no predicate (with one it tests the children of every node: ~20 % more).
    The class walks (``//*[...]``) are not libxml2's on a whole page."""
    import re

    from newsproj.cleaning.patterns import vocabulary
    from newsproj.extraction import generic

    paths = [*vocabulary().prune_xpath, generic._SPANS_AND_BREAKS.path]
    assert [path for path in paths if re.search(r"(?:^|[|(])\s*//[a-z][\w-]*\[", path)] == []
    page = lxml.html.fromstring("<html><body><div><br>" + "loose words of a story " * 5 + "<br>more</div><p>Text "
                                "<span class='x'>in a span</span></p></body></html>")
    assert [el.tag for el in generic._SPANS_AND_BREAKS(page)] == ["div", "span"]


def test_body_with_one_wrapper_per_paragraph_gets_the_paragraphs_the_extractor_skipped():
    from newsproj.extraction.generic import continuation

    tree = lxml.html.fromstring(
        "<html><body><article><h1>A headline for the test</h1>"
        + "".join(f"<div class='para'><p>{p}</p></div>" for p in PARAS) + "</article></body></html>"
    )
    kept = [p for i, p in enumerate(PARAS) if i % 3]  # an extractor that dropped every third paragraph
    assert continuation(tree, "\n".join(kept)) == "\n".join(PARAS)


def test_react_comment_separators_do_not_cut_a_paragraph():
    from newsproj.extraction.generic import body_text

    tree = lxml.html.fromstring(
        "<html><body><article><h1>A headline for the test</h1>"
        "<p>Once again, <!-- -->I am not complaining about the keyboard, which is better than the old one.</p>"
        + "".join(f"<p>{p}</p>" for p in PARAS) + "</article></body></html>"
    )
    body = body_text(tree, "http://127.0.0.1/a") or ""
    assert "Once again, I am not complaining about the keyboard" in body


def test_ruby_readings_stay_inline():
    from newsproj.extraction.generic import body_text

    ruby = "<ruby><rb>尹錫悦</rb><rp>（</rp><rt>ユンソンニョル</rt><rp>）</rp></ruby>"
    tree = lxml.html.fromstring(
        "<html><body><article><h1>A headline for the test</h1>"
        f"<p>【ソウル】韓国の {ruby} 大統領は３日夜、緊急談話を出し、"
        "野党が国政をまひさせているとして非常戒厳を宣言した。</p>"
        + "".join(f"<p>{p}</p>" for p in PARAS) + "</article></body></html>"
    )
    body = body_text(tree, "http://127.0.0.1/a") or ""
    assert "尹錫悦（ユンソンニョル） 大統領は" in body.replace("  ", " ")


def test_prose_words_leave_out_navigation_asides_headers_and_link_lists_but_keep_links_in_paragraphs():
    from newsproj.extraction.generic import _prose_words

    tree = lxml.html.fromstring(
        "<html><body><header><a href='/'>Home page link</a> site tagline words</header>"
        "<nav><ul><li><a href='/a'>Section one</a></li><li><a href='/b'>Section two</a></li></ul></nav>"
        "<article><p>one two <a href='/x'>three four</a> five</p><!-- a comment -->six"
        "<script>var hidden = 1;</script>seven<div><a href='/t'>teaser link words</a></div>eight</article>"
        "<aside>related words here</aside><footer>footer words</footer></body></html>"
    )
    assert _prose_words(tree) == 8  # one .. five in the paragraph (its link too), six, seven, eight


def test_a_span_in_the_middle_of_a_sentence_stays_whatever_its_class():
    from newsproj.extraction.generic import body_text

    tree = _page([
        "The insider has reported that <span class='link'><a href='/x'>the league will fine the player</a></span>"
        " for his role in the fight on Thursday night, officials said.",
        *PARAS,
    ])
    body = body_text(tree, "http://127.0.0.1/a") or ""
    assert "reported that the league will fine the player for his role" in body


def test_format_characters_survive_extraction():
    """Soft hyphens (the page's own text) and zero-width non-joiners (Persian words) are not dropped."""
    from newsproj.extraction.generic import body_text

    tree = _page([
        "Þar greindu frétta&shy;menn Brenn&shy;punkt frá þeim skil&shy;yrðum sem settu félögum sínum reglur.",
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \u0628\u0631\u0648\u0645 and a few more words here.",
        *PARAS,
    ])
    body = body_text(tree, "http://127.0.0.1/a") or ""
    assert "Brenn\u00adpunkt" in body
    assert "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645" in body


def test_prose_as_loose_text_split_by_breaks_keeps_its_first_paragraph():
    from newsproj.extraction.generic import body_text, pruned

    lead = "The lead paragraph of the story, written as loose text in its container, before any child element."
    rest = "<br> <br>".join(PARAS[:6])
    tree = lxml.html.fromstring(
        "<html><body><div class='article'><h1>A headline for the test</h1>"
        f"<div class='content'>{lead} See <em><a href='/s'>the source</a></em> for more.<br> <br>"
        f"<img src='/a.jpg'><center><em>A caption under the photo</em></center> <br>{rest}</div></div>"
        "<div id='right'><h3>Guides</h3><a href='/g'><p>" + PARAS[11] + "</p></a></div></body></html>"
    )
    paragraphs = [" ".join(p.text_content().split()) for p in pruned(tree).iter("p")]
    assert paragraphs[0] == lead + " See the source for more."
    assert paragraphs[1:7] == PARAS[:6]
    body = body_text(tree, "http://127.0.0.1/a") or ""
    assert body.split("\n")[0] == lead + " See the source for more."


def test_a_story_written_as_loose_text_in_a_font_element_keeps_its_lead():
    # an old ASP.NET page: the story is the loose text of a <font> (its headline, a date's div, a teaser box and
    # the text split by <br>s), its lead the tail of an empty <b>: trafilatura lost the lead and took the page's
    # menus and boxes for the body
    from newsproj.extraction.generic import body_text, pruned

    lead = "World number one Roger Federer has warned his rivals that he is still hungry to achieve more in the game."
    rest = "<br/><br/>".join(PARAS[:6])
    page = ("<html><body><form id='aspnetForm'><div id='menu'><ul>"
            + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(12)) + "</ul></div>"
            "<div id='fullitem'><font size='2'><h1>Federer aiming for more titles</h1><div>Saturday, 05 Jan 2008</div>"
            "<span>Roger Federer is aiming to win a hat-trick</span><div><ul><li><a href='/x'>Sport clothes</a> Shop"
            f" for sport clothes.</li></ul></div><b></b>{lead}<br/><br/>{rest}<br/><br/></font></div></form>"
            "</body></html>")
    paragraphs = [" ".join(p.text_content().split()) for p in pruned(lxml.html.fromstring(page)).iter("p")]
    at = paragraphs.index(lead)
    assert paragraphs[at + 1:at + 7] == PARAS[:6]
    body = body_text(lxml.html.fromstring(page), "http://127.0.0.1/a") or ""
    lines = body.split("\n")
    assert lines[lines.index(lead) + 1:lines.index(lead) + 7] == PARAS[:6]
    assert "Sport clothes" not in body and "Section 3" not in body
    # a <font> inside a paragraph is the paragraph's markup: no paragraph is made inside it
    inline = lxml.html.fromstring(f"<html><body><p><font size='2'>{lead}<br>{PARAS[0]}</font></p></body></html>")
    assert len(list(pruned(inline).iter("p"))) == 1


def test_a_sentence_an_ad_box_cuts_keeps_its_end():
    # the page sets an ad box inside a sentence: the parser closes the <p> at the <div>, so the sentence's end is
    # loose text after the box, which trafilatura dropped with it ("... eventually has to knock off" and no more)
    from newsproj.extraction.generic import body_text, pruned

    cut = "Floyd said it is still too early for the team to start thinking it eventually has to knock off"
    end = "a highly ranked team to forge a breakthrough."
    ad = ("<div class='articleEmbeddedAdBox'><hr class='articleAdRule'/><div class='articleAdHeader'>Advertisement"
          "</div><div class='adElement'><script>show()</script></div></div>")
    tree = lxml.html.fromstring(
        "<html><body><table><tr><td><div class='articleBody'>"
        + "".join(f"<p>{p}" for p in PARAS[:4]) + f"<p>{cut} {ad} {end} <em>Coach</em> says so.\n<p>{PARAS[4]}"
        "<p>Read more: <div class='box'><p>Other story</p></div> Scores and schedules of the week"
        "</div></td></tr></table></body></html>"
    )
    paragraphs = [" ".join(p.text_content().split()) for p in pruned(tree).iter("p")]
    assert f"{cut} {end} Coach says so." in paragraphs
    assert PARAS[4] in paragraphs
    # a label's paragraph ("Read more:") is no sentence the box cut: the text after the box stays apart
    assert "Read more:" in paragraphs
    body = body_text(tree, "http://127.0.0.1/a") or ""
    assert f"{cut} {end} Coach says so." in body.split("\n")
    assert "Advertisement" not in body


def test_screen_reader_text_is_pruned_and_leaves_the_words_around_it_apart():
    from newsproj.extraction.generic import pruned

    tree = lxml.html.fromstring(
        "<html><body><article><h1><span>Kicker</span><span class='visually-hidden'>: </span><span>Title</span></h1>"
        "<p>Investors were promised a battery <a href='/x'>in a report<span class='sr-only'> (opens in a new window)"
        "</span></a>, the company said.</p></article></body></html>"
    )
    page = pruned(tree)
    assert " ".join(page.find(".//h1").text_content().split()) == "Kicker Title"
    assert "new window" not in page.find(".//p").text_content()


def test_both_trafilatura_runs_share_one_tree():
    """The precise run extracts from the tree it is given (no copy of a copy): it removes only what trafilatura
    prunes from its input, so the balanced run on the same tree finds what it finds on a fresh copy."""
    import copy

    from newsproj.extraction.generic import _run

    tree = _page(["<span class='byline'>By A Writer</span>", *PARAS], "<aside><p>Sidebar text here.</p></aside>"
                 "<div class='infinite-scroll'><p>The next story of the site, appended below.</p></div>"
                 "<div id='comments'><p>A reader's comment on the story, signed.</p></div>")
    fresh = copy.deepcopy(tree)
    assert _run(tree, "http://127.0.0.1/a", True, ("//aside",))
    assert tree.find(".//aside") is None and "reader's comment" not in tree.text_content()
    balanced = _run(tree, "http://127.0.0.1/a", False, ("//aside",))
    assert balanced == _run(fresh, "http://127.0.0.1/a", False, ("//aside",))


def test_on_a_thread_forum_the_balanced_run_gets_the_comment_containers(monkeypatch):
    """On a thread-forum page trafilatura's balanced mode keeps the comment containers its precision mode prunes:
    the precise run works on a copy there, and the balanced run sees the posts."""
    from newsproj.extraction import generic

    seen = []
    run = generic._run

    def spy(tree, url, precision, prune_xpath):
        seen.append((precision, "Second post" in tree.text_content()))
        return run(tree, url, precision, prune_xpath)

    monkeypatch.setattr(generic, "_run", spy)
    posts = "".join(f"<div class='comment'><p>Second post number {i}, a reply in the thread with a few more words "
                    "in it.</p></div>" for i in range(30))
    tree = lxml.html.fromstring(
        "<html><head><script type='application/ld+json'>{\"@type\": \"DiscussionForumPosting\"}</script></head>"
        f"<body><h1>A thread</h1><p>{PARAS[0]}</p><div class='comments'>{posts}</div></body></html>")
    generic._main_and_prose(tree, "http://127.0.0.1/t", (), False, None, 5000)
    assert seen == [(True, True), (False, True)]


@pytest.mark.parametrize("masthead", ["", "<h1><a href='/'>The Daily Site</a></h1>"])
def test_story_in_a_layout_table_comes_out_as_paragraphs_not_as_one_table_row(masthead):
    """An old table layout: trafilatura returns the layout row ("| | Headline Paragraph 0 ... |"); the text looks
    wrong (a table), so the independent candidates are weighed and the one made of prose is kept. Also when the
    site's name is an <h1> beside the story's: two headings are no infinite scroll."""
    from newsproj.extraction.generic import body_text

    nav = "".join(f"<tr><td><a href='/s{i}'>Section {i}</a></td><td>|</td></tr>" for i in range(30))
    heading = "<h1>Story headline here</h1>" if masthead else "<b>Story headline here</b><br><br>"
    tree = lxml.html.fromstring(
        "<html><head><title>Story</title></head><body>" + masthead + "<table><tr><td><table>" + nav + "</table></td>"
        "<td><font size=2>" + heading + "<br><br>".join(PARAS[:8]) + "</font></td></tr>"
        "</table></body></html>"
    )
    lines = body_text(tree, "http://example.com/story.asp?id=1").split("\n")
    assert all(p in lines for p in PARAS[:8])
    assert not any(line.startswith("|") for line in lines)


def test_wrong_block_signals():
    from newsproj.extraction.generic import agree, looks_wrong

    page = lxml.html.fromstring(
        "<html><body><ul>" + "".join(f"<li><a href='/{i}'>Menu entry number {i} here</a></li>" for i in range(20))
        + "</ul></body></html>"
    )
    menu = "\n".join(f"Menu entry number {i} here" for i in range(20))
    story = "\n".join(PARAS)
    assert looks_wrong(menu, page, 0) == "links"
    assert looks_wrong("\n".join(f"| {p} | more |" for p in PARAS[:6]), page, 0) == "table"
    # a table short of the page's prose is a table (no candidate that agrees with it confirms it)
    assert looks_wrong("\n".join(f"| {p} | more |" for p in PARAS[:6]), page, 5000) == "table"
    assert looks_wrong(PARAS[0], page, 0) == "short"
    assert looks_wrong(story, page, 2000) == "little_prose"  # the page holds much more prose than the text
    assert looks_wrong(story, page, len(story.split())) is None
    # a short main text that an independent candidate agrees with stays (the rest of the page is comments)
    assert agree(story, story + "\nOne more line from the candidate.")
    assert not agree(story, menu)


def test_menu_on_a_page_with_several_headings_is_wrong_but_a_first_article_is_not():
    from newsproj.extraction.generic import looks_wrong

    page = lxml.html.fromstring("<html><body><p>x</p></body></html>")
    menu = "\n".join(f"Section name {i}" for i in range(30))  # no prose: a menu taken for the first article
    story = "\n".join(PARAS)  # the first of several articles: the page's other prose is the next ones
    assert looks_wrong(menu, page, 2000, several=True) == "little_prose"
    assert looks_wrong(story, page, 2000, several=True) is None


def test_unclosed_paragraphs_nested_by_the_parser_are_separate_lines():
    """``<p>`` left open inside ``<font>`` (PHP news scripts of the 2000s): the parser nests every paragraph in the
    one before; each is still a line of its own, not the whole story in one line."""
    from newsproj.extraction.generic import body_text, pruned

    html = (
        "<html><head><title>Story</title></head><body><table><tr><td class='ArticleText'><p><font size=2>"
        "<b><h3>Story headline here</h3></b><font size=-2>Staff and agencies<br>19 January, 2008<br><br>"
        "<font size=3><br><br><p> <p>By A. WRITER, Associated Press Writer <p>"
        + " <p>".join(PARAS[:8]) + "</font></font></font></td></tr></table></body></html>"
    )
    tree = lxml.html.fromstring(html)
    assert tree.xpath("//p//p")  # (how the parser reads it)
    assert not pruned(tree).xpath("//p//p")
    lines = body_text(tree, "http://example.com/index.php?action=fullnews&id=1").split("\n")
    assert all(p in lines for p in PARAS[:8])


def test_a_paragraph_around_an_aside_stays_one_paragraph():
    from newsproj.extraction.generic import pruned

    tree = lxml.html.fromstring(
        "<html><body><article><p>Start of a sentence that goes on <aside><p>Advertisement</p></aside> and ends"
        " here.</p></article></body></html>"
    )
    assert [p.text_content() for p in pruned(tree).iter("p")][0].startswith("Start of a sentence")


def test_markup_shown_as_text_is_no_body_line_but_a_title_in_angle_brackets_is():
    """A video's <noframes> fallback (its markup is text to the parser) and a comment form's list of allowed tags
    would make the record invalid ("articleBody: contains HTML"): the lines go, the article stays."""
    from newsproj.extraction import extract

    tags = ' '.join(f'<{t} title="">' for t in ("a", "abbr", "acronym", "blockquote", "cite", "del"))
    html = (
        "<html><head><title>Safety video</title></head><body><article><h1>Safety video</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAS[:3])
        + "<p><iframe src='https://www.youtube.com/embed/x'></iframe><noframes><a href='https://www.youtube.com/"
          "watch?v=x'><img src='https://img.youtube.com/vi/x/0.jpg' alt='Preview'/></a></noframes></p>"
        + "<p>For those who have yet to watch &lt;The Palace: Tale of Jang Noksu&gt;, what are you waiting for?</p>"
        + "".join(f"<p>{p}</p>" for p in PARAS[3:6])
        + f"<p>You may use these HTML tags and attributes: {tags}</p></article></body></html>"
    )
    body = extract(html, "http://127.0.0.1/2012/11/safety-video/").article.articleBody
    assert "<a " not in body and "<img" not in body and "HTML tags and attributes" not in body
    assert "<The Palace: Tale of Jang Noksu>" in body
    assert all(p in body for p in PARAS[:6])


def test_a_text_with_under_half_the_page_prose_looks_wrong_and_repeated_captions_are_no_prose():
    from newsproj.extraction.generic import looks_wrong, signals

    page = lxml.html.fromstring("<html><body><p>x</p></body></html>")
    story = "\n".join(PARAS[:8])  # precision mode stopped at the first half of a body split in two
    assert looks_wrong(story, page, int(2.2 * len(story.split()))) == "little_prose"
    caption = "Architectural concepts for the habitat challenge, a competition to judge designs of Mars settlements."
    with_slideshow = story + "\n" + "\n".join([caption] * 20)  # a slideshow's caption, once per slide
    assert signals(with_slideshow, set()).prose == signals(story + "\n" + caption, set()).prose


def test_a_text_the_balanced_run_agrees_with_is_not_weighed_against_candidates(monkeypatch):
    """A story short of the page's prose (readers' comments below it) looks wrong; when the balanced run on the
    page less its chrome containers took the same text, no candidate is run (each costs a trafilatura or
    readability run), also when a container was pruned (then the unpruned candidate is not the balanced run)."""
    from newsproj.extraction import generic

    calls: list[str] = []
    monkeypatch.setattr(generic, "_unpruned", lambda page, url: calls.append("unpruned") or None)
    monkeypatch.setattr(generic, "_readability", lambda page, url: calls.append("readability") or None)
    replies = "".join(f"<div class='reply'><p>Reader {i} writes that the story was a good read and that they would "
                      "like to see more of it soon.</p></div>" for i in range(40))
    tree = _page(PARAS, f"<div class='share-buttons'>Share this</div><section id='comments'>{replies}</section>")
    text = generic.body_text(tree, "http://example.com/a")
    assert all(p in text.split("\n") for p in PARAS) and "Reader 1 " not in text
    assert calls == []
    # a menu short of the page's prose is still weighed against the candidates
    menu = "".join(f"<li><a href='/s{i}'>Section number {i} of the site</a></li>" for i in range(40))
    page = f"<html><body><ul>{menu}</ul><section id='comments'>{replies}</section></body></html>"
    generic.body_text(lxml.html.fromstring(page), "http://example.com/b")
    assert calls


def test_readers_comments_in_items_of_the_posts_class_are_no_continuation():
    """A blog whose post and each reader's comment are ``<div class="item">``: the comments are no second half of
    the body."""
    from newsproj.extraction.generic import continuation

    comments = "".join(
        f"<div class='item'><p>Reader number {i} thinks this is a very interesting post and says so at length.</p>"
        f"<p>Posted by reader{i} at 10:{i:02d} am</p></div>" for i in range(12)
    )
    tree = lxml.html.fromstring(
        "<html><body><div id='contentbody'><div class='item'><h1>A headline for the test</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAS[:5]) + "</div>"
        f"<div class='comment_container'><div id='comments'>{comments}</div></div></div></body></html>"
    )
    assert continuation(tree, "\n".join(PARAS[:5])) is None


def _with_teasers(story: list[str], teasers: int) -> lxml.html.HtmlElement:
    items = "".join(
        f"<li><a href='/2008/01/story-{i}.html'>Other story number {i} in the news</a><br>"
        f"A summary of other story {i}.</li>" for i in range(teasers)
    )
    return lxml.html.fromstring(
        "<html><body><div id='story'>" + "".join(f"<p>{p}</p>" for p in story)
        + f"<h3>Blog Watch</h3><ul>{items}</ul></div></body></html>"
    )


def test_a_teaser_list_at_the_end_of_the_body_goes_but_a_list_article_stays():
    from newsproj.extraction.generic import without_teaser_tail

    teasers = "\n".join(f"- Other story number {i} in the news\n- A summary of other story {i}." for i in range(6))
    story = "\n".join(PARAS[:8])
    assert without_teaser_tail(story + "\nBlog Watch\n" + teasers, _with_teasers(PARAS[:8], 6)) == (
        story + "\nBlog Watch")
    # a list article: its linked items are most of it
    intro = PARAS[0]
    assert without_teaser_tail(intro + "\n" + teasers, _with_teasers(PARAS[:1], 6)) == intro + "\n" + teasers



def test_a_teaser_box_longer_than_the_story_goes_when_readability_leaves_it_out(monkeypatch):
    """A story whose container holds a teaser box longer than it ("Blog Watch": ten headlines, each with a summary):
    the box goes when readability-lxml's block is the story alone; it stays when the block holds the list too (a
    list article), or when there is no block, or when what comes before the list is only an intro to it."""
    from newsproj.extraction import generic

    story = "\n".join(PARAS[:4])
    teasers = "\n".join(f"- Other story number {i} in the news\n- A summary of other story {i}." for i in range(10))
    tree = _with_teasers(PARAS[:4], 10)
    monkeypatch.setattr(generic, "_readability", lambda page, url: story)
    assert generic.without_teaser_tail(story + "\n" + teasers, generic.Readings(tree)) == story
    intro = PARAS[0]
    assert generic.without_teaser_tail(intro + "\n" + teasers, generic.Readings(tree)) == intro + "\n" + teasers
    monkeypatch.setattr(generic, "_readability", lambda page, url: story + "\n" + teasers)
    assert generic.without_teaser_tail(story + "\n" + teasers, generic.Readings(tree)) == story + "\n" + teasers
    monkeypatch.setattr(generic, "_readability", lambda page, url: None)
    assert generic.without_teaser_tail(story + "\n" + teasers, generic.Readings(tree)) == story + "\n" + teasers

def _headed(headings: list[tuple[str, str]]) -> lxml.html.HtmlElement:
    return lxml.html.fromstring("<html><body>" + "".join(f"<h1>{h}</h1>{after}" for h, after in headings)
                                + "</body></html>")


def test_a_label_or_box_heading_beside_the_story_heading_is_no_second_article():
    """Two ``<h1>`` make an infinite-scroll page only when each opens an article (paragraphs follow it): a section
    label or the site's name above the story's heading, or the titles of link boxes, do not."""
    from newsproj.extraction.generic import several_articles

    story = "".join(f"<p>{p}</p>" for p in PARAS[:6])
    links = "<p>" + " ".join(f"<a href='/{i}'>Another story number {i} of the site</a>" for i in range(20)) + "</p>"
    assert not several_articles(_headed([("Europe", ""), ("Story headline here", story)]))
    assert not several_articles(_headed([("Story headline here", story), ("Links We Like", links)]))
    assert not several_articles(_headed([("The Daily Site", "<p>All the news, every day.</p>"),
                                         ("Story headline here", story)]))
    assert several_articles(_headed([("Story headline here", story), ("The next story", story)]))


def test_a_lead_kept_under_a_section_label_heading_is_short_of_the_story(monkeypatch):
    """Precision mode kept only the lead of a story whose page puts a section label in an ``<h1>`` above the
    headline: the page holds one article, so the lead is short of the page's prose and the full story is taken
    (with the label taken for a second article's heading, the lead was the record)."""
    from newsproj.extraction import generic

    run = generic._run

    def lead_only(tree, url, precision, prune_xpath):
        text = run(tree, url, precision, prune_xpath)
        return "\n".join(PARAS[:4]) if precision else text

    monkeypatch.setattr(generic, "_run", lead_only)
    story = "".join(f"<p>{p}</p>" for p in PARAS)
    tree = lxml.html.fromstring(
        "<html><head><title>Story headline here</title></head><body><div class='kicker'><h1>Europe</h1></div>"
        f"<div class='story'><h1>Story headline here</h1>{story}</div></body></html>"
    )
    lines = generic.body_text(tree, "http://example.com/world/europe/story.html").split("\n")
    assert all(p in lines for p in PARAS)


def test_several_articles_reads_each_text_once():
    """One walk over the page: 20,000 headings each with a paragraph of links cost no more than reading them."""
    import time

    from newsproj.extraction.generic import several_articles

    page = _headed([("Heading", "<p><a href='/x'>link text here</a> and a word</p>")] * 20_000)
    started = time.process_time()
    assert not several_articles(page)
    assert time.process_time() - started < 5


def _gallery_page() -> tuple[lxml.html.HtmlElement, str, str]:
    story = [f"{p} It goes on with a second sentence, so that the story is long." for p in PARAS * 2]
    captions = [f"Robot {i} at a fair" for i in range(500)]  # (a slideshow's short captions)
    tree = lxml.html.fromstring(
        "<html><head><title>Story headline here</title></head><body><article><h1>Story headline here</h1>"
        + "".join(f"<p>{p}</p>" for p in story) + "</article><div class='gallery'><ul>"
        + "".join(f"<li><span>{i}/500</span><div>{c}</div></li>" for i, c in enumerate(captions))
        + "</ul></div></body></html>"
    )
    return tree, "\n".join(story), "\n".join(story + captions)


def test_a_much_wider_balanced_text_that_readability_does_not_hold_is_the_page_not_the_story(monkeypatch):
    """A precise text that is an article already, and a balanced one three times as long (a gallery's captions,
    the next stories): when readability-lxml's block agrees with the precise text, the precise text stays."""
    from newsproj.extraction import generic

    tree, story, wider = _gallery_page()
    monkeypatch.setattr(generic, "_run", lambda tree, url, precision, prune_xpath: story if precision else wider)
    assert generic._main_and_prose(tree, "http://example.com/a", (), False, generic.Readings(tree), 5000)[0] == story
    # a precise text that is no article yet (the first block of a body split in two): the wider text is taken
    lead = "\n".join(story.split("\n")[:4])
    monkeypatch.setattr(generic, "_run", lambda tree, url, precision, prune_xpath: lead if precision else wider)
    assert generic._main_and_prose(tree, "http://example.com/a", (), False, generic.Readings(tree), 5000)[0] == wider



def test_a_short_posts_precise_text_stays_when_readability_leaves_out_the_balanced_runs_about_box(monkeypatch):
    """A blog post of sixty words and the blog's "about me" box beside it: the balanced run takes both (more than
    twice the precise text). readability-lxml's block is the post alone, so the precise text stays, however short."""
    from newsproj.extraction import generic

    post = "\n".join(PARAS[:4])
    about = "\n".join(f"Every day I write about healthcare and technology, part {i} of the blog's description." for i
                      in range(8))
    tree = lxml.html.fromstring(f"<html><body><div class='post'><p>{post}</p></div><div class='profile'><p>{about}"
                                "</p></div></body></html>")
    monkeypatch.setattr(generic, "_run", lambda tree, url, precision, prune_xpath: post if precision else
                        post + "\n" + about)
    monkeypatch.setattr(generic, "_readability", lambda page, url: post)
    assert generic._main_and_prose(tree, "http://example.com/a", (), False, generic.Readings(tree), 500)[0] == post
    # readability holds the box too (the post's own container): the balanced text is taken
    monkeypatch.setattr(generic, "_readability", lambda page, url: post + "\n" + about)
    assert generic._main_and_prose(tree, "http://example.com/a", (), False, generic.Readings(tree), 500)[0] == (
        post + "\n" + about)


def test_a_short_text_readability_has_agreed_with_costs_no_unpruned_run(monkeypatch):
    """A main text short of the page's prose, and readability's block (read already, for the balanced run's check)
    agrees with it: the main text stays whatever the unpruned candidate finds, so trafilatura is not run again."""
    from newsproj.extraction import generic

    post = "\n".join(PARAS[:4])
    tree = lxml.html.fromstring(f"<html><body><div class='post'><p>{post}</p></div></body></html>")
    calls: list[str] = []
    monkeypatch.setattr(generic, "_unpruned", lambda page, url: calls.append("unpruned") or post + "\n" + post)
    readings = generic.Readings(tree)
    readings.made["readability"] = post
    assert generic.best_candidate(readings, "http://example.com/a", post, "little_prose") == post
    assert calls == []
    # not read yet: the candidates are weighed as before
    assert generic.best_candidate(generic.Readings(tree), "http://example.com/a", post, "little_prose") == post
    assert calls == ["unpruned"]

def test_boxes_of_another_column_in_the_body_class_are_no_continuation():
    """A layout whose every box is ``<div class="module-content">``: the story's box in the main column and the
    teasers' boxes in a sidebar. The sidebar's are no second half of the body; a twin beside the story's box
    after an inline ad still is."""
    from newsproj.extraction.generic import continuation

    teasers = "".join(
        f"<div class='module'><div class='module-content'><p>Teaser {i}: another story of the site, told in a long "
        f"enough sentence to be prose here.</p></div></div>" for i in range(6)
    )
    story = "".join(f"<p>{p}</p>" for p in PARAS[:5])
    rest = "".join(f"<p>{p}</p>" for p in PARAS[5:])

    def page(after_ad: str) -> lxml.html.HtmlElement:
        return lxml.html.fromstring(
            "<html><body><div id='content'><div id='primary'><div class='module article'><h1>A headline</h1>"
            f"<div class='module-content'>{story}</div><div class='ad'>Advertisement</div>{after_ad}</div></div>"
            f"<div id='secondary'>{teasers}</div></div></body></html>"
        )

    assert continuation(page(""), "\n".join(PARAS[:5])) is None
    assert continuation(page(f"<div class='module-content'>{rest}</div>"), "\n".join(PARAS[:5])) == "\n".join(PARAS)


@pytest.mark.parametrize("precision", [True, False])
def test_run_options_are_what_extractor_builds_for_the_pages_url(precision):
    """The runs' options are copies of one Extractor per mode with the page's URL set (building one costs a dozen
    ConfigParser reads): every attribute must equal what Extractor(url=...) builds, or a trafilatura that derives
    more from the URL would silently see a stale one."""
    from trafilatura.settings import Extractor

    from newsproj.extraction.generic import _options

    for url in ("http://example.com/a", "http://example.com/b", None):
        built = Extractor(output_format="python", precision=precision, fast=precision, comments=False, tables=True,
                          dedup=False, with_metadata=False, url=url)
        copied = _options(url, precision)
        slots = Extractor.__slots__
        assert {s: getattr(copied, s) for s in slots} == {s: getattr(built, s) for s in slots}


def test_run_options_hold_the_day_they_run_on(monkeypatch):
    """trafilatura's options hold today's date (``max_date``): cached once, a crawl running across midnight kept
    yesterday's (this file's test above failed when the suite crossed 00:00)."""
    import datetime as real
    import types

    from trafilatura import settings

    from newsproj.extraction import generic

    class Later(real.datetime):
        @classmethod
        def now(cls, tz=None):
            return real.datetime(2031, 1, 2, 12, tzinfo=tz or real.UTC)

    class LaterDay(real.date):
        @classmethod
        def today(cls):
            return real.date(2031, 1, 2)

    assert generic._options(None, True).date_params["max_date"] != "2031-01-02"
    monkeypatch.setattr(settings, "datetime", Later)
    monkeypatch.setattr(generic, "datetime", types.SimpleNamespace(date=LaterDay))
    assert generic._options(None, True).date_params["max_date"] == "2031-01-02"


def test_a_twin_deep_in_the_page_in_a_wrapper_of_the_containers_kind_continues_the_body():
    """A paywall's second half: the same wrapper and body container again, several levels away from the first."""
    from newsproj.extraction.generic import continuation

    def half(paras: list[str]) -> str:
        return ("<div class='row'><div class='col'><div class='article--content'><div class='body'>"
                + "".join(f"<p>{p}</p>" for p in paras) + "</div></div></div></div>")

    tree = lxml.html.fromstring(
        f"<html><body><main><section class='free'>{half(PARAS[:5])}</section><div class='paywall'>"
        f"<section class='paid'>{half(PARAS[5:])}</section></div>"
        "<aside><div class='box'><div class='body'><p>A teaser of another story of the site, in a sentence long "
        "enough to be prose.</p><p>And a second sentence of that teaser, also long enough to count here.</p>"
        "</div></div></aside></main></body></html>"
    )
    assert continuation(tree, "\n".join(PARAS[:5])) == "\n".join(PARAS)


def test_a_layout_table_replaced_by_readabilitys_prose_costs_no_unpruned_run(monkeypatch):
    """In place of a layout table, readability's block of prose is enough: trafilatura is not run again on the whole
    page. When readability finds no such block, the unpruned candidate is still weighed."""
    from newsproj.extraction import generic

    calls: list[str] = []
    story = "\n".join(PARAS[:8])
    monkeypatch.setattr(generic, "_unpruned", lambda page, url: calls.append("unpruned") or story)
    monkeypatch.setattr(generic, "_readability", lambda page, url: calls.append("readability") or story)
    page = lxml.html.fromstring("<html><body><p>x</p></body></html>")
    table = "\n".join(f"| {p} | more |" for p in PARAS[:6])
    assert generic.best_candidate(page, "http://example.com/a", table, "table") == story
    assert calls == ["readability"]
    calls.clear()
    monkeypatch.setattr(generic, "_readability", lambda page, url: calls.append("readability") or None)
    assert generic.best_candidate(page, "http://example.com/a", table, "table") == story
    assert calls == ["readability", "unpruned"]


def test_first_body_is_the_first_body_in_document_order():
    from lxml import etree

    from newsproj.extraction.generic import first_body

    page = lxml.html.document_fromstring("<html><head><title>t</title></head><body><p>a</p></body></html>")
    page.insert(0, etree.Comment("a comment child"))
    page.insert(0, etree.ProcessingInstruction("php", "x"))
    assert first_body(page) is page.find(".//body") is not None
    head = page.find("head")
    inner = etree.SubElement(head, "body")  # (no parser makes this: the first body in document order is in the head)
    assert first_body(page) is inner is page.find(".//body")
    fragment = lxml.html.fromstring("<div><p>x</p></div>")
    assert first_body(fragment) is None is fragment.find(".//body")


def _precise(tree: lxml.html.HtmlElement) -> str:
    from newsproj.extraction.generic import _run, pruned

    return _run(pruned(tree), "http://127.0.0.1/a", True, ()) or ""


def test_a_paragraph_in_a_div_of_its_own_keeps_its_sentence_with_a_link_in_the_precise_run():
    """trafilatura's precision run deletes a short <div> holding a link and an element: React pages wrap each
    paragraph in <div>s of its own (Evening Standard), or write it as a <div> of spans and links (9News)."""
    wrapped = [f"<div class='row'><div><div><p>{p}</p></div></div></div>" for p in PARAS[:6]]
    tree = lxml.html.fromstring(
        "<html><body><article><h1>A headline for the test</h1>" + "".join(wrapped[:3])
        + "<div class='row'><div><div><p>Why had there been such a <a href='/x'>strong turn away from the "
        "Conservatives at the election</a>?</p></div></div></div>" + "".join(wrapped[3:]) + "</article></body></html>"
    )
    assert "Why had there been such a strong turn away from the Conservatives at the election?" in _precise(tree)
    spans = [f"<div class='block'><div class='c'><span>{p}</span></div></div>" for p in PARAS[:6]]
    tree = lxml.html.fromstring(
        "<html><body><article><h1>A headline for the test</h1>" + "".join(spans[:3])
        + "<div class='block'><div class='c'><span>Yet even after the </span><a href='/y'><span>release of "
        "thousands of pages of court records</span></a><span> in recent days, questions remain.</span></div></div>"
        + "<div class='block'><div class='c'><span>He served 13 months in a jail work-release program, then "
        "quietly rebuilt his network with the help of his </span><a href='/z'><span>socialite former girlfriend, "
        "Ghislaine Maxwell.</span></a></div></div>" + "".join(spans[3:]) + "</article></body></html>"
    )
    body = _precise(tree)
    assert "Yet even after the release of thousands of pages of court records in recent days" in body
    assert "with the help of his socialite former girlfriend, Ghislaine Maxwell." in body


def test_an_empty_icon_inside_a_link_does_not_take_the_link_text_out_of_the_precise_run():
    """The precision run deletes an empty inline element with the text after it."""
    tree = _page([
        "Näheren Aufschluss soll die Auswertung von <a href='/v'><span class='icon icon_extlink'></span>"
        "Videomaterial aus einer Beobachtungsstation aus Bremerhaven</a> bringen, sagte der Astronom.",
        *PARAS,
    ])
    assert "Auswertung von Videomaterial aus einer Beobachtungsstation aus Bremerhaven bringen" in _precise(tree)


def test_an_empty_span_before_a_paragraphs_text_does_not_take_the_paragraph_out_of_the_precise_run():
    """WordPress marks where its "read more" cut was with an empty span at the start of a paragraph."""
    tree = _page([*PARAS[:4], "<span id='more-7770'></span>That sentiment made me incredibly sad, and for the record,"
                  " I really liked her.", *PARAS[4:]])
    assert "That sentiment made me incredibly sad" in _precise(tree)


def test_icons_of_a_share_bar_are_no_paragraph_text():
    from newsproj.extraction.generic import pruned

    tree = _page(PARAS[:3], "<ul class='tools'><li><a href='/c'><i class='icon'></i>Comment</a></li></ul>")
    assert pruned(tree).find(".//ul//i") is not None  # (left to trafilatura's rules: no paragraph)


@pytest.mark.parametrize("block", [
    "<p>Read more: <a href='/r'>Another headline of another story on the same site today</a></p>",
    "<p>ALSO READ | <a href='/r'>Another headline of another story on the same site today</a>, here</p>",
    "<p><a href='/t'>A teaser headline of another story</a> and its summary of more than ten words here.</p>",
    "<p>Stay informed with us, your source for credible journalism, for only a few dollars a month.<br>"
    "<a href='/s'>Subscribe Now!</a></p>",
    "<div><a href='/1'>Home</a> <a href='/2'>World news</a> <a href='/3'>Business</a> <a href='/4'>Sport</a></div>",
    # a label before a link of more than half the line: a teaser set into the text
    "<p>Lesen Sie auch zum Thema: <a href='/k'>Klingbeil greift Klöckner an, sagt der Minister</a>.</p>",
    # a widget: counts for links, no sentence ends it
    "<div><span>What's Your Reaction?</span> <a href='/1'>0</a> <a href='/2'>0</a> <a href='/3'>0</a> "
    "<a href='/4'>0</a> <a href='/5'>0</a> <a href='/6'>0</a> <span>0 Reactions</span></div>",
])
def test_a_link_box_or_a_link_that_starts_its_line_stays_a_link(block):
    from newsproj.extraction.generic import pruned

    tree = _page(PARAS[:3], f"<div class='box'>{block}</div>")
    box = pruned(tree).find(".//div[@class='box']")
    assert box.findall(".//a")  # (trafilatura's link-density rules still see them)


def test_links_inside_sentences_become_text_in_the_pruned_copy_only():
    from newsproj.extraction.generic import pruned

    tree = _page(["The minister said on <a href='/x'>Tuesday in a statement</a> that the talks would go on.",
                  "Lesen Sie auch, was <a href='/k'>Klingbeil über Klöckner und die Rente gesagt hat</a>."])
    assert not pruned(tree).findall(".//p/a")
    assert tree.findall(".//p/a")  # (the page itself is not edited)


def test_a_sentence_broken_by_breaks_is_prose_but_table_cells_and_headings_are_not():
    """A post written with <br>s comes out one phrase a line: its sentence counts as prose (``signals``, the short
    page's check) as a line of it would. A table's cells as lines, a heading or a dateline before a sentence, and
    link texts of the page are no part of one."""
    from newsproj.extraction.generic import goes_on, signals
    from newsproj.extraction.verdict import _sentences

    post = "I love the idea of keeping these pressed autumn\nleaves for other paper projects this winter!"
    assert signals(post, set()).prose == 16
    assert _sentences(post.split("\n")) == [post.replace("\n", " ")]
    assert signals("Simple As That\nshares this easy leaf garland that would\nsuit your table.", set()).prose == 13
    cells = "Pos.\nDriver\nPoints\n1\nKyle Busch\n5040\n2\nMartin Truex Jr.\n5035\n" * 3
    assert signals(cells, set()).prose == 0 and _sentences(cells.split("\n")) == []
    headed = "Final standings of the 2019 season after 36 races:\nPos.\nFriday, 22 October 2010 20:13\nCome back soon!"
    assert signals(headed, set()).prose == 0
    # the page's link texts open no sentence: a list of books with a note under each is no prose
    books = "A Book About Paper Crafts for Children\nlove this whole series and its pictures too!"
    assert signals(books, {"a book about paper crafts for children"}).prose == 0
    assert signals(books, set()).prose == 15
    assert goes_on("these paper", "punched leaves") and goes_on("Simple As That", "shares this")
    assert not goes_on("Truck Series", "Only the first twelve") and not goes_on("after 36 races:", "Pos.")


SIDEBAR_BOOKS = "".join(
    f"<li class='module-list-item'><div class='thumb'><a href='http://shop.example/item/{i}'><img alt='book' "
    f"src='/b{i}.jpg'></a></div><p class='desc'><a href='http://shop.example/item/{i}'>Author Name{i}: A Book About "
    f"Paper Crafts Number {i} for Children</a></p></li>" for i in range(8))


SIDEBAR_NOTES = "<div class='module'><h2>Elsewhere</h2><div class='module-content'>" + "".join(
    f"<div class='note'>Week {i}: the contributors of this blog visited a paper mill and a print shop, and wrote "
    "about what they saw there for the readers.</div>" for i in range(6)) + "</div></div>"


@pytest.mark.parametrize("notes", ["", SIDEBAR_NOTES], ids=["list", "list-short-of-the-page-prose"])
def test_a_short_post_written_with_breaks_beats_a_sidebar_list_of_links_both_runs_take(notes):
    """A 21-word post written with <br>s under a picture; beside it a sidebar's list of books (links) and an about
    box. trafilatura takes the list: it is made of the page's link texts, so readability's block (the post, its
    sentence broken over two lines) is weighed and wins, and the page is a short article, not too short. With more
    of the sidebar's prose (``notes``) the list is short of the page's prose and both runs take it (they agree): it
    is weighed all the same."""
    from newsproj.extraction.page import process_page
    from newsproj.items import PageItem

    post = ("<div style='text-align: center;'><a href='/img/leaves.jpg'><img src='/img/leaves-800.jpg' alt='leaves'>"
            "</a><br>I love the idea of keeping these pressed autumn <br>leaves for other paper projects this winter! "
            "<br>Get the details at <a href='http://other.example/leaves'>Leaf Studio</a>.</div>")
    html = ("<html><head><title>Pressed Leaves for Crafting | The Craft Nest</title></head><body>"
            "<div id='banner'><h1><a href='/'>The Craft Nest</a></h1></div>"
            "<div id='content'><div class='entry'><h3 class='entry-header'>Pressed Leaves for Crafting</h3>"
            f"<div class='entry-content'><div class='entry-body'>{post}</div></div><div class='entry-footer'><p>"
            "11/09/2012 in <a href='/crafts/'>Crafts</a> | <a href='/p'>Permalink</a></p></div></div></div>"
            "<div id='sidebar'><div class='module'><h2>About</h2><div class='module-content'><p>A blog of crafts for "
            "children and their parents, gathered from around the web every week since 2007, with a weekly list of "
            "new finds.</p></div></div><div class='module'><h2>Favorite Craft Books</h2><div class='module-content'>"
            f"<ul class='module-list'>{SIDEBAR_BOOKS}</ul></div></div>{notes}</div></body></html>")
    outcome = process_page(PageItem(url="http://127.0.0.1/2012/11/pressed-leaves.html", html=html,
                                    date_downloaded="2024-09-12T10:00:00+00:00"))
    assert outcome.article is not None, (outcome.listing, outcome.drop)
    body = outcome.article.articleBody
    assert body.startswith("I love the idea of keeping these pressed autumn"), body
    assert "Book About Paper Crafts" not in body and "A blog of crafts" not in body


SPLIT_LEAD = ["The council is preparing next year's budget, but the elections and a new mayor could change all of it.",
              "The gap between the two candidates' plans for the harbour over the next ten years could not be greater."]


def _split_story(lead_first: bool = True) -> lxml.html.HtmlElement:
    """A story whose first two paragraphs sit in one ``<article>`` and the rest, after a side rail, in another."""
    lead = "<div class='article_body entry-content'><article>" + "".join(f"<p>{p}</p>" for p in SPLIT_LEAD) + (
        "</article></div>")
    rest = "<div class='article_body'><article>" + "".join(f"<p>{p}</p>" for p in PARAS) + "</article></div>"
    rail = "<div class='side-rail'><ul>" + "".join(f"<li><a href='/s{i}'>Other story {i}</a></li>" for i in range(5))
    return lxml.html.fromstring(
        "<html><head><title>Harbour plans | The Courier</title></head><body><h1>Harbour plans: at what price?</h1>"
        f"<div id='article'>{lead if lead_first else rest}{rail}</ul></div>{rest if lead_first else lead}</div>"
        "</body></html>")


@pytest.mark.parametrize("lead_first", [True, False])
def test_a_short_lead_in_a_container_of_its_own_stays_before_the_candidate_that_left_it_out(monkeypatch, lead_first):
    """The precise run keeps only a story's first two paragraphs (their own ``<article>``, the rest after a side
    rail in another): a text too short, so a candidate is taken, which holds the rest and not them. The two lines of
    prose shown before the candidate's text are the story's lead: they stay before it. Shown after it, they are no
    lead (a box below the story): the candidate alone."""
    from newsproj.extraction import generic

    # (trafilatura's precise run stops at the first <article>, its balanced run finds nothing; the unpruned
    # candidate has the second)
    monkeypatch.setattr(generic, "_run", lambda tree, url, precision, prune_xpath: "\n".join(SPLIT_LEAD) if precision
                        else None)
    monkeypatch.setattr(generic, "_unpruned", lambda page, url: "\n".join(PARAS))
    monkeypatch.setattr(generic, "_readability", lambda page, url: None)
    lines = generic.body_text(_split_story(lead_first), "http://127.0.0.1/2012/10/harbour.html").split("\n")
    assert lines == ([*SPLIT_LEAD, *PARAS] if lead_first else PARAS)


def test_a_short_text_with_a_line_that_is_no_prose_or_in_the_candidate_is_no_lead():
    from newsproj.extraction.generic import _with_lead

    page = _split_story()
    rest = "\n".join(PARAS)
    assert _with_lead("\n".join(SPLIT_LEAD), rest, page) == "\n".join([*SPLIT_LEAD, *PARAS])
    assert _with_lead("\n".join([SPLIT_LEAD[0], "Harbour plans"]), rest, page) == rest  # (a label: no prose)
    assert _with_lead("\n".join([SPLIT_LEAD[0], PARAS[0]]), rest, page) == rest  # (the candidate holds a line of it)


def test_a_post_under_a_long_comment_thread_is_not_short_of_the_page_prose(monkeypatch):
    """The page's prose is measured after the precise run, which removed the comment thread (trafilatura prunes it in
    every mode with comments off): the comments' prose, which no run can take, sends the post neither to the
    balanced run nor to the candidates."""
    from newsproj.extraction import generic

    asked = []
    run = generic._run

    def spy(tree, url, precision, prune_xpath):
        asked.append("precise" if precision else "balanced")
        return run(tree, url, precision, prune_xpath)

    def candidate(page, url):
        asked.append("candidate")

    monkeypatch.setattr(generic, "_run", spy)
    monkeypatch.setattr(generic, "_readability", candidate)
    monkeypatch.setattr(generic, "_unpruned", candidate)
    comments = "".join(f"<li><p>Reader {i} wrote a long comment about the story, with several opinions of their own "
                       "about the matter.</p></li>" for i in range(40))
    tree = lxml.html.fromstring(
        "<html><body><article><h1>A headline for the test</h1>" + "".join(f"<p>{p}</p>" for p in PARAS[:5])
        + f"</article><div id='comments'><ol class='commentlist'>{comments}</ol></div></body></html>")
    body = generic.body_text(tree, "http://127.0.0.1/post")
    assert body is not None and PARAS[0] in body and "Reader 3" not in body
    assert asked == ["precise"]


def test_prose_in_blocks_both_runs_discard_sends_no_page_to_the_balanced_run(monkeypatch):
    """Prose in blocks trafilatura's extractor discards in every mode by their class (here a widget of other stories'
    summaries) does not make the precise text look short of the page's prose: the balanced run (~16 ms), which here
    would take the widget in through its fallbacks, does not run. Where such blocks hold more than ``1 - KEPT_SHARE``
    of the prose (here, at the module's share: the widget is most of it), they still count."""
    from newsproj.extraction import generic

    asked = []
    run = generic._run

    def spy(tree, url, precision, prune_xpath):
        asked.append("precise" if precision else "balanced")
        return run(tree, url, precision, prune_xpath)

    monkeypatch.setattr(generic, "_run", spy)
    share = generic.KEPT_SHARE
    monkeypatch.setattr(generic, "KEPT_SHARE", 0.1)
    others = "".join(f"<p>Summary {i} of another story on the site, told in a sentence or two of its own words for "
                     "the readers who came for this one.</p>" for i in range(12))
    html = ("<html><body><article><h1>A headline for the test</h1>" + "".join(f"<p>{p}</p>" for p in PARAS[:3])
            + f"</article><div class='story-widget'>{others}</div></body></html>")
    tree = generic.pruned(lxml.html.fromstring(html))
    text, prose = generic._main_and_prose(tree, "http://127.0.0.1/post", (), False)
    assert text is not None and PARAS[0] in text and "Summary 3" not in text
    page_prose = generic._prose_words(generic.pruned(lxml.html.fromstring(html)))
    assert asked == ["precise"] and page_prose > 2 * generic.word_count(text) >= prose  # (kept prose: looks_wrong)
    monkeypatch.setattr(generic, "KEPT_SHARE", share)
    assert generic._kept_prose_words(generic.pruned(lxml.html.fromstring(html)), page_prose) == page_prose


def test_a_short_list_of_linked_names_between_the_storys_paragraphs_stays_but_tag_lines_and_menus_go():
    """A paragraph that lists linked names ("宮崎県：<a>高鍋町</a>、<a>新富町</a>、<a>宮崎市</a>", the places an
    earthquake was felt) between the story's paragraphs: trafilatura's precision run deletes a short paragraph of
    short links, so its links become text. A tag line that ends the story, and a menu (links set apart by bars),
    stay links."""
    from newsproj.extraction.generic import pruned

    listed = ["宮崎県：<a href='/t/1'>高鍋町</a>、<a href='/t/2'>新富町</a>、<a href='/t/3'>宮崎市</a>",
              "<a href='/k'>福岡県</a>：<a href='/t/4'>久留米市</a>",
              "Follow <a href='/f'>Facebook</a>, <a href='/t'>Twitter</a> and <a href='/i'>Instagram</a>"]
    lead = "気象庁は13日、震度5弱の地震があったと発表した。各地の震度は次のとおり。"
    tree = _page([PARAS[0], lead, *listed, PARAS[1]])
    body = _precise(tree)
    for line in ("宮崎県：高鍋町、新富町、宮崎市", "福岡県：久留米市", "Follow Facebook, Twitter and Instagram"):
        assert line in body
    tags = "Tags: <a href='/t/a'>Politik</a>, <a href='/t/b'>Berlin</a>, <a href='/t/c'>Wahl</a>"
    menu = "<a href='/1'>Home</a> | <a href='/2'>News</a> | <a href='/3'>Sport</a>"
    for block in (tags, menu):
        box = pruned(_page([*PARAS[:3], block, "Teilen"] if block is menu else [*PARAS[:3], block]))
        assert len(box.findall(".//p/a")) == 3
    # no prose paragraph before it: a line of links at the top of the article is the page's, not the story's
    assert len(pruned(_page([tags, *PARAS[:3]])).findall(".//p/a")) == 3


def test_a_links_screen_reader_hint_in_a_span_of_its_own_goes_but_the_links_words_stay():
    """Golem hides "(öffnet im neuen Fenster)" in a span of its own class inside each external link; the extractors
    glued it into the sentence ("Investoren(öffnet im neuen Fenster) , zu denen")."""
    from newsproj.extraction.generic import pruned

    tree = _page([*PARAS[:3], "Quantumscape versprach ihren <a href='https://x.example/p'>Investoren<span "
                  "class='go-vh'>(öffnet im neuen Fenster)</span></a>, zu denen Volkswagen gehörte, einen neuen Akku.",
                  "The chief said <a href='/w'><span>Open the window</span></a> and <a href='/n'><span>opens a new "
                  "chapter</span></a> were his words.", *PARAS[3:]])
    text = pruned(tree).text_content()
    assert "ihren Investoren, zu denen Volkswagen" in text
    assert "said Open the window and opens a new chapter were his words" in text


def test_chrome_containers_tested_by_class_are_found_among_the_elements_with_a_class_or_id(monkeypatch):
    """The vocabulary's XPaths that test only an element's class and id (fact, info and author boxes) are evaluated on
    the page's elements with a class or an id, not by libxml2 over every element: the same elements in the same
    order as the XPaths' own evaluation (the root's class too: ``//*`` holds it; tokens first, then each XPath's
    elements). An element of a page that is not its root gets the XPaths themselves."""
    from lxml import etree

    from newsproj.cleaning.patterns import vocabulary
    from newsproj.extraction import generic

    vocab = vocabulary()
    assert sum(walk is not None for walk in generic._class_walks(vocab.prune_xpath)) >= 2
    page = lxml.html.fromstring(
        "<html class='FactBox'><body><div class='article-box'><p class='x-Author-Bio'>About me</p>"
        "<aside id='infobox' class='Box'><div class='authorbox nav'>Bio</div><ul><li><a href='/a'>One</a></li>"
        "<li><a href='/b'>Two</a></li></ul></aside><p class='author'>By me</p><div class='faktenBox'>x</div>"
        "<div class='faktenbox'>Fakten</div></div></body></html>")

    def by_xpaths(tree):
        tokens = vocab.prune_tokens
        found = [el for el in tree.xpath("descendant-or-self::*[@class or @id]")
                 if el.get("id") in tokens or not tokens.isdisjoint((el.get("class") or "").split())]
        return found + [el for xpath in vocab.prune_xpath for el in etree.XPath(xpath)(tree)]

    expected = by_xpaths(page)
    assert len(expected) >= 5 and page in expected
    evaluated = []
    compiled = generic._compiled
    monkeypatch.setattr(generic, "_compiled", lambda xpath: evaluated.append(xpath) or compiled(xpath))
    assert generic._chrome_containers(page, vocab.prune_tokens, vocab.prune_xpath) == expected
    assert not any("translate(@class" in xpath for xpath in evaluated)  # (not evaluated over the page)
    inner = page.find(".//aside")
    assert generic._chrome_containers(inner, vocab.prune_tokens, vocab.prune_xpath) == by_xpaths(inner)


def test_a_prune_xpath_testing_another_attribute_than_class_or_id_is_evaluated_whole():
    """Only an XPath whose tests read class and id alone is tested on the elements with one of them: an XPath of the
    same shape on ``@data-role`` finds elements that have neither, so libxml2 evaluates it over the page."""
    from lxml import etree

    from newsproj.extraction import generic

    xpaths = ("//*[contains(@data-role, 'factbox') or contains(@class, 'factbox')]",)
    page = lxml.html.fromstring("<html><body><div data-role='factbox'>Facts</div><p class='factbox'>More</p>"
                                "</body></html>")
    expected = etree.XPath(xpaths[0])(page)
    assert [el.tag for el in expected] == ["div", "p"]
    assert generic._chrome_containers(page, frozenset(), xpaths) == expected


def test_links_in_sentences_are_read_without_text_content_when_they_have_no_child(monkeypatch):
    """The inline repairs read a childless link's text as its own ``text`` (lxml's ``text_content()`` evaluates an
    XPath, ~1 µs more a link: ~100 links a page); a link with children is read whole. The same links become text."""
    from newsproj.extraction import generic

    page = ("<html><body><p>The council met on <a href='/t'>Tuesday</a> and voted on the <a href='/b'><b>budget</b> "
            "plan</a> for the coming year after a long debate.</p><p><a href='/x'>Menu</a></p></body></html>")
    read: list[str] = []
    text_content = lxml.html.HtmlMixin.text_content
    monkeypatch.setattr(lxml.html.HtmlMixin, "text_content",
                        lambda self: read.append(self.tag) or text_content(self))
    tree = generic.pruned(lxml.html.fromstring(page))
    assert [el.tag for el in tree.iter("a")] == ["a"]  # (the two links in the sentence became text; the menu's stays)
    assert " ".join(tree.find(".//p").text_content().split()).startswith("The council met on Tuesday and voted on the "
                                                                           "budget plan")
    assert read.count("a") == 2  # (the link with a child, twice: its letters, its sentence's end; none for the others)


STORY = [
    "The harbour board met on Tuesday evening to decide how the old quay will be rebuilt over the next three years.",
    "Engineers told the board that the stone wall has sunk by almost a metre since the storms of the last winter.",
    "The mayor said the town would ask the region for half of the cost, and the board agreed to wait for an answer.",
    "Fishermen who use the quay every morning asked for a temporary pier while the works go on, and got a promise.",
    "A public meeting on the plans is to be held in the town hall next month, the board said after the vote.",
]
"""A story's paragraphs (prose that must survive the caption rule)."""


def _captioned_story(extra: str = "") -> str:
    """A story with a picture and its caption (the picture's alt text again, under it), a subheading and, inside
    the story, a teaser tile: one link holding another story's picture and its headline, the picture labelled with
    that headline. ``extra``: more of the story's own markup, after the tile."""
    tile = ("<article class='teaser'><a href='/other-story'><div class='pic'><img src='/t.jpg' alt='Seven new ferries "
            "ordered for the island routes'></div><span class='kicker'>Transport</span><h3>Seven new ferries ordered "
            "for the island routes</h3></a></article>")
    picture = ("<div align='center'><div class='article-img'><img src='/quay.jpg' alt='The old quay at low tide'>"
               "</div><br><span class='minor2 small gray'>The old quay at low tide</span></div>")
    return ("<html><head><title>Quay to be rebuilt | The Courier</title></head><body><h1>Quay to be rebuilt</h1>"
            f"<div class='article-body'><p>{STORY[0]}</p>{picture}<p>{STORY[1]}</p><p>{STORY[2]}</p>"
            f"<h2>The fishermen's pier</h2><p>{STORY[3]}</p>{tile}<p>{STORY[4]}</p>{extra}</div></body></html>")


def test_a_line_that_is_a_pictures_alt_text_is_its_caption_or_a_teasers_headline():
    """A caption that repeats its picture's alt text (appleinsider's "<img alt=X><span>X</span>"), and a teaser tile
    set in the story whose picture is labelled with the teaser's headline (Berliner Zeitung's "<article><a><img
    alt=X>…<h3>X</h3></a></article>"), are no lines of the story (half A: aeb 0.9820 -> 0.9825, news 0.9850 ->
    0.9853; half B no corpus worse). The story's prose and its subheading stay, and so does a paragraph that a
    picture's alt repeats whole (an alt set to the lead: longer than CAPTION_WORDS)."""
    from newsproj.extraction.page import process_page
    from newsproj.items import PageItem

    lead_alt = ("The board heard that the works will close the quay to boats for at least four months, from the end "
                "of the summer season to the first weeks of the new year, while the old stones are lifted and "
                "numbered one by one.")
    extra = f"<p>{lead_alt}</p><img src='/works.jpg' alt='{lead_alt}'>"
    outcome = process_page(PageItem(url="http://127.0.0.1/news/quay.html", html=_captioned_story(extra),
                                    date_downloaded="2024-09-12T10:00:00+00:00"))
    assert outcome.article is not None, (outcome.listing, outcome.drop)
    lines = outcome.article.articleBody.split("\n")
    assert lines == [STORY[0], STORY[1], STORY[2], "The fishermen's pier", STORY[3], STORY[4], lead_alt], lines
    assert ("The old quay at low tide", "caption") in outcome.removed
    assert ("Seven new ferries ordered for the island routes", "caption") in outcome.removed


def _story_with(fragment: str) -> str:
    """A story with ``fragment`` between its second and third paragraphs."""
    return ("<html><head><title>Quay to be rebuilt | The Courier</title></head><body><h1>Quay to be rebuilt</h1>"
            f"<div class='article-body'><p>{STORY[0]}</p><p>{STORY[1]}</p>{fragment}<p>{STORY[2]}</p>"
            f"<p>{STORY[3]}</p><p>{STORY[4]}</p></div></body></html>")


@pytest.mark.parametrize(("fragment", "line"), [
    # a subheading, then a picture labelled with it (no caption of its own)
    ("<h2>iPhone 15 Pro</h2><figure><img src='/p.jpg' alt='iPhone 15 Pro'></figure>", "iPhone 15 Pro"),
    ("<h3>Lionel Messi</h3><img src='/m.jpg' alt='Lionel Messi'>", "Lionel Messi"),
    # a paragraph that says what a picture's alt says
    ("<p>Tim Cook presented the phones in Cupertino on Tuesday.</p><img src='/c.jpg' alt='Tim Cook presented the "
     "phones in Cupertino on Tuesday.'>", "Tim Cook presented the phones in Cupertino on Tuesday."),
    ("<figure><img src='/k.jpg' alt='Der Kanzler traf am Dienstag in Kiew ein.'></figure><p>Der Kanzler traf am "
     "Dienstag in Kiew ein.</p>", "Der Kanzler traf am Dienstag in Kiew ein."),
    # the same words, other punctuation: no caption of that picture
    ("<p>\"I am not guilty,\" she told the court.</p><figure><img src='/g.jpg' alt='I am not guilty, she told the "
     "court'><figcaption>I am not guilty, she told the court</figcaption></figure>",
     "\"I am not guilty,\" she told the court."),
    # a subheading equal to a caption shown under a picture further on: the page shows the text twice
    ("<h2>The fishermen's pier</h2><div><div><img src='/f.jpg' alt=\"The fishermen's pier\"></div><span>The "
     "fishermen's pier</span></div>", "The fishermen's pier"),
    # a paragraph inside the picture's block, before it
    ("<div><p>The new pier opens in May.</p><img src='/n.jpg' alt='The new pier opens in May.'></div>",
     "The new pier opens in May."),
])
def test_a_line_equal_to_a_pictures_alt_text_stays_unless_it_is_that_pictures_own_caption(fragment, line):
    """A heading or paragraph that a picture's alt text repeats is the story's own: only the picture's own block
    (its link or figure, a teaser tile's link to the same story, an inline caption after it) holds a caption, and
    then only when the page shows the text nowhere else, exactly (punctuation kept)."""
    from newsproj.extraction.page import process_page
    from newsproj.items import PageItem

    outcome = process_page(PageItem(url="http://127.0.0.1/news/quay.html", html=_story_with(fragment),
                                    date_downloaded="2024-09-12T10:00:00+00:00"))
    assert outcome.article is not None, (outcome.listing, outcome.drop)
    assert line in outcome.article.articleBody.split("\n"), (outcome.article.articleBody, outcome.removed)


_CREWS = "Crews began lifting the first stones on Monday."
_BOATS = "What happens to the boats"
_SEA = "We will not let the quay fall into the sea."


@pytest.mark.parametrize(("fragment", "line"), [
    # WordPress's media-and-text block: the picture's figure, then a content <div> holding the story's paragraph or
    # subheading (the <div>'s text is the alt's, but the text is the <p>'s or <h3>'s)
    (f"<div class='wp-block-media-text'><figure class='wp-block-media-text__media'><img src='/m.jpg' alt='{_CREWS}'>"
     f"</figure><div class='wp-block-media-text__content'><p>{_CREWS}</p></div></div>", _CREWS),
    (f"<div class='wp-block-media-text'><figure class='wp-block-media-text__media'><img src='/m.jpg' alt='{_BOATS}'>"
     f"</figure><div class='wp-block-media-text__content'><h3>{_BOATS}</h3></div></div>", _BOATS),
    # an AMP hero (amp-img, its <noscript><img> fallback) over the paragraph it illustrates
    (f"<div class='hero'><amp-img src='/a.jpg' alt='{_CREWS}' layout='responsive'><noscript><img src='/a.jpg' "
     f"alt='{_CREWS}'></noscript></amp-img><div class='t'><p>{_CREWS}</p></div></div>", _CREWS),
    # a section's picture and its subheading, each in a <div>
    (f"<div class='section-head'><div class='pic'><img src='/c.jpg' alt='{_BOATS}'></div><div class='title'><h2>"
     f"{_BOATS}</h2></div></div>", _BOATS),
    # a pull quote with the speaker's picture labelled with the quote
    (f"<div class='pull'><img src='/q.png' alt='{_SEA}'><div class='q'><blockquote><p>{_SEA}</p></blockquote></div>"
     "</div>", _SEA),
    # the block is itself the paragraph or quote: an inline picture, then the words in <em>/<span>
    (f"<blockquote><img src='/a.png' alt='{_SEA}'><span>{_SEA}</span></blockquote>", _SEA),
    (f"<p><img src='/a.png' alt='{_CREWS}'><em>{_CREWS}</em></p>", _CREWS),
    # a subheading with an icon labelled with it, each in a <span>
    (f"<h2><span class='icon'><img src='/i.png' alt='{_BOATS}'></span><span>{_BOATS}</span></h2>", _BOATS),
])
def test_a_paragraph_or_heading_after_a_picture_is_no_caption_when_a_wrapper_holds_it(fragment, line):
    """An element after the picture whose text is the alt's is its caption only when no paragraph, heading, quote
    or list item holds that text: not a wrapper <div> around the story's own <p>/<h2>, nor an <em>/<span> that is
    all of a <p> or <blockquote> (picture_captions looked only at the wrapper and its ancestors below the block)."""
    from newsproj.extraction.page import process_page
    from newsproj.items import PageItem

    outcome = process_page(PageItem(url="http://127.0.0.1/news/quay.html", html=_story_with(fragment),
                                    date_downloaded="2024-09-12T10:00:00+00:00"))
    assert outcome.article is not None, (outcome.listing, outcome.drop)
    assert line in outcome.article.articleBody.split("\n"), (outcome.article.articleBody, outcome.removed)


def test_picture_captions_are_read_from_a_bounded_number_of_pictures_and_blocks():
    from newsproj.extraction.generic import PICTURE_BLOCK_SLACK, PICTURE_TEXT_CHARS, PICTURES, picture_captions

    def pictures(alts: list[str]) -> str:
        return "".join(f"<div><div><img src='/{i}.jpg' alt='{a}'></div><span>{a}</span></div>"
                       for i, a in enumerate(alts))

    long_alt = "word " * (PICTURE_TEXT_CHARS // 5 + 1)
    crowded = f"<div><img alt='A crowded block'><span>A crowded block</span><p>{'x' * PICTURE_BLOCK_SLACK}</p></div>"
    texts = picture_captions(lxml.html.fromstring(
        f"<html><body>{pictures([f'Picture {i} of the show' for i in range(PICTURES + 10)])}{pictures([long_alt])}"
        f"{crowded}<img alt=' '><img></body></html>"))
    assert len(texts) == PICTURES
    assert "Picture 0 of the show" in texts and f"Picture {PICTURES} of the show" not in texts


TABLE_STORY = [
    "Traders in Hebden Cross will keep their Saturday pitches in the market square after councillors rejected a "
    "plan to move the market to a car park on the edge of town.",
    "The proposal, put forward to ease congestion on market days, drew more than 1,100 objections in a town of "
    "fewer than 9,000 people.",
    "Stallholders said moving away from the square would cost them passing trade from the shops and cafes around "
    "it, and some said they would have given up altogether.",
    "The council will instead trial a one-way system on the surrounding streets from September.",
]


def test_an_old_table_layouts_navigation_cell_before_the_story_is_no_body():
    """A 2006 layout: a navigation cell of links parted by <br>s beside the story's cell, in one table row that
    trafilatura takes whole: the run of link lines at the body's start goes; the story stays."""
    from newsproj.extraction import extract

    nav = ("<a href='/'>Home</a><br><a href='/news/'>News</a><br><a href='/sport/'>Sport</a><br>"
           "<a href='/ads/'>Classifieds</a><br><a href='/weather/'>Weather: Sunny, 22C</a>")
    html = ("<html><head><title>Valley Courier - Mill town keeps its market</title></head><body><table><tr>"
            f"<td width='140' valign='top'>{nav}</td><td valign='top'><font size='5'><b>Mill town keeps its market"
            "</b></font><br><font size='2'>Saturday, June 17, 2006</font><br><br>"
            + "<br><br>".join(TABLE_STORY) + "</td></tr></table></body></html>")
    body = extract(html, "http://127.0.0.1/archive/story.asp?id=1").article.articleBody
    assert body.split("\n")[-len(TABLE_STORY):] == TABLE_STORY
    assert not {"Sport", "Classifieds", "Weather: Sunny, 22C"} & set(body.split("\n"))


def test_a_single_linked_line_or_linked_prose_at_the_bodys_start_stays():
    from newsproj.extraction.generic import without_link_head

    story = "\n".join(PARAS[:4])
    page = lxml.html.fromstring("<html><body><a href='/politics/'>Politics</a><a href='/x'>Home</a>"
                                f"<a href='/y'>{PARAS[0]}</a></body></html>")
    assert without_link_head("Politics\n" + story, page) == "Politics\n" + story  # one kicker: cleaning's
    assert without_link_head("Home\nPolitics\n" + story, page) == story
    assert without_link_head(story, page) == story  # a linked first paragraph is prose
    assert without_link_head("Home\nPolitics\nShort text.", page) == "Home\nPolitics\nShort text."  # nothing left


def test_a_sign_up_box_around_an_email_field_goes_whatever_its_words():
    """A newsletter box between a story's paragraphs (its heading, its pitch, a form with an e-mail field): the form
    goes in trafilatura, its heading and pitch stayed as body lines. The box is found by its field, not its words."""
    from newsproj.extraction import extract

    box = ("<div class='promo-box'><h3>Der Sport-Überblick am Montag</h3><p>Ergebnisse, Tabellen und Vereinsnachrichten"
           " aus der Region, jede Woche kostenlos.</p><form><input type='email' name='e'><button>Los</button></form>"
           "</div>")
    html = ("<html><head><title>Story</title></head><body><article><h1>A headline for the test</h1>"
            + "".join(f"<p>{p}</p>" for p in PARAS[:3]) + box + "".join(f"<p>{p}</p>" for p in PARAS[3:6])
            + "</article></body></html>")
    body = extract(html, "http://127.0.0.1/news/story.html").article.articleBody
    assert body.split("\n") == PARAS[:6]
    # a container that holds the story's words too is no box: only the form's own box goes
    from newsproj.extraction.generic import _signup_boxes

    tree = lxml.html.fromstring(
        f"<html><body><div id='story'><p>{PARAS[0]}</p><p>{PARAS[1]}</p>{box}</div></body></html>")
    assert [b.get("class") for b in _signup_boxes(tree)] == ["promo-box"]
    brief = "".join(f"<p>{p}</p>" for p in PARAS[:3])  # (a brief of 54 words and its own sign-up form)
    tree = lxml.html.fromstring(f"<html><body><div id='brief'>{brief}<form><input type='email'></form></div>"
                                "</body></html>")
    assert [b.tag for b in _signup_boxes(tree)] == ["form"]


SIDE_TEASERS = [
    "Police appeal after a series of burglaries in the villages north of the town, where thieves have targeted "
    "garden sheds and outbuildings over the past month.",
    "Plans for a new leisure centre have been delayed again after the only bid to build it came in well over budget, "
    "the council's cabinet heard on Tuesday evening.",
    "A charity shop volunteer who has worked every Saturday for forty years has been given a lifetime achievement "
    "award by the county's volunteering network.",
]


@pytest.mark.parametrize("side_first", [True, False])
def test_a_column_of_teasers_beside_the_story_cell_of_a_layout_table_is_no_body(side_first: bool):
    """A 2003-style layout: the story's cell and, in the same table row, a cell of "Other news" (a "More" link and a
    summary each) that trafilatura takes in with the story, before or after it."""
    from newsproj.extraction import extract

    side = ("<td width='180' valign='top'><b>Other news</b>"
            + "".join(f"<p><a href='/n{i}.html'>More</a> {s}</p>" for i, s in enumerate(SIDE_TEASERS)) + "</td>")
    story = ("<td valign='top'><h2>Sunday opening saved at recycling centres</h2>"
             + "".join(f"<p>{p}</p>" for p in TABLE_STORY) + "</td>")
    row = side + story if side_first else story + side
    html = ("<html><head><title>The Valley Courier - Sunday opening saved at recycling centres</title></head><body>"
            f"<table><tr>{row}</tr></table></body></html>")
    body = extract(html, "http://127.0.0.1/archive/story.asp?id=2").article.articleBody
    assert body.split("\n") == TABLE_STORY


def test_lines_of_another_cell_stay_where_that_cell_has_no_links_or_they_sit_between_the_storys():
    from newsproj.extraction.generic import without_other_cells

    story = "".join(f"<p>{p}</p>" for p in TABLE_STORY)
    text = "\n".join([*SIDE_TEASERS, *TABLE_STORY])
    # a second column of prose without links (a text set in two columns): kept
    page = lxml.html.fromstring("<html><body><table><tr><td>" + "".join(f"<p>{s}</p>" for s in SIDE_TEASERS)
                                + f"</td><td>{story}</td></tr></table></body></html>")
    assert without_other_cells(text, page) == text
    # the other cell's lines between the story's lines: not a column beside it
    page = lxml.html.fromstring("<html><body><table><tr><td>" + "".join(
        f"<p><a href='/{i}'>More</a> {s}</p>" for i, s in enumerate(SIDE_TEASERS)) + f"</td><td>{story}</td></tr>"
        "</table></body></html>")
    mixed = "\n".join([TABLE_STORY[0], SIDE_TEASERS[0], *TABLE_STORY[1:]])
    assert without_other_cells(mixed, page) == mixed
    assert without_other_cells(text, page) == "\n".join(TABLE_STORY)


def test_a_story_cell_that_holds_a_picture_table_keeps_its_story_beside_a_column_of_teasers():
    """review15: a story's cell that holds a table of its own (a picture and its caption, "Enlarge", "Gallery": the
    2000s way to float a picture) is no innermost cell, so its paragraphs are placed in no cell; the teaser column
    is then the cell of the most placed words. The story is most of the text: it stays whole, never cut down to
    the teasers (before: the body was the six teasers alone)."""
    from newsproj.extraction import extract

    nav = "<td class='nav'>" + "".join(f"<a href='/s{i}'>Section {i}</a><br>" for i in range(6)) + "</td>"
    side = ("<td class='side'><b>Other news</b>" + "".join(
        f"<p><a href='/t{i}'>Teaser headline number {i} here</a> A short summary of the other story {i} in a few"
        f" more words. <a href='/t{i}'>More</a></p>" for i in range(6)) + "</td>")
    picture = ("<table align='right'><tr><td><img src='a.jpg'><p>The flooded main street of the valley town on"
               " Tuesday morning, seen from the old stone bridge above the river by a resident who waded out with a"
               " camera held high above the water.</p><a href='/big'>Enlarge</a> <a href='/gallery'>Gallery</a>"
               "</td></tr></table>")
    story = [f"Story paragraph {i} tells what happened in the valley town this week, with quotes and numbers."
             for i in range(8)]
    cell = "<td class='story'><h1>Valley town floods</h1>" + picture + "".join(f"<p>{p}</p>" for p in story) + "</td>"
    html = ("<html lang='en'><head><title>Valley town floods</title></head><body>"
            f"<table><tr>{nav}{cell}{side}</tr></table></body></html>")
    body = extract(html, "http://127.0.0.1/archive/story.asp?id=3").article.articleBody
    assert all(p in body for p in story), body[:300]


def test_an_email_field_inside_a_paragraphs_wrapper_takes_no_paragraph_with_it():
    """review15: a story set one paragraph a <div class='c'>, a newsletter field inside one of the wrappers: the
    wrapper is one of a run of like blocks, no sign-up box (before: its paragraph went with the field)."""
    from newsproj.extraction import extract

    blocks = "".join(f"<div class='c'><p>{p}</p>" + ("<input type='email' name='e'>" if i == 3 else "") + "</div>"
                     for i, p in enumerate(PARAS[:6]))
    html = ("<html><head><title>Story</title></head><body><article><h1>A headline for the test</h1>" + blocks
            + "</article></body></html>")
    assert extract(html, "http://127.0.0.1/news/story.html").article.articleBody.split("\n") == PARAS[:6]


@pytest.mark.parametrize("path", ["/zh/news/2011-04/12/content_88123.htm", "/ja/news/20110415_02.html"])
def test_a_chinese_or_japanese_story_in_a_layout_table_is_its_cell_not_the_table(path):
    """A portal page laid out in a table, its story in one cell (tests/old_layouts.py): trafilatura gives the table
    as "|" rows (Japanese: the navigation and sidebar cells around the story), or the story's paragraphs and then
    the table again (Chinese). Its candidates were weighed blind: a Chinese or Japanese paragraph was 4 "words"
    and no prose (no "。" ended a sentence), so readability's cell never beat the table."""
    from tests import old_layouts

    page = next(p for p in old_layouts.ARTICLES if p.path == path)
    body = body_text(lxml.html.fromstring(page.html), f"http://127.0.0.1:8000{path}") or ""
    lines = body.split("\n")
    assert not any(line.startswith("|") for line in lines), body
    assert lines[-len(page.lines):] == page.lines


def test_a_link_that_only_works_the_browser_is_no_line_of_the_story():
    """"<< Back" (``javascript:history.back()``) under a <font>/<br> story of 2003 was its last line; a script link
    inside a sentence (a glossary pop-up) keeps its words."""
    from tests import old_layouts

    page = next(p for p in old_layouts.ARTICLES if p.path == "/news/story.asp?id=20390")
    body = body_text(lxml.html.fromstring(page.html), "http://127.0.0.1:8000/news/story.asp?id=20390") or ""
    assert body.split("\n")[-1] == page.lines[-1], body[-200:]
    glossary = page.html.replace("marine diesel", "<a href=\"javascript:popup('/glossary/diesel')\">marine diesel</a>")
    body = body_text(lxml.html.fromstring(glossary), "http://127.0.0.1:8000/news/story.asp?id=20390") or ""
    assert page.lines[2] in body


def test_a_breadcrumb_trail_above_a_table_layouts_story_is_no_line_of_it():
    """"Home > Local News" (two links on one line, parted by ">") was the first line of a 2004 story set in nested
    tables."""
    from tests import old_layouts

    page = next(p for p in old_layouts.ARTICLES if p.path == "/news/story.asp?id=20451")
    url = "http://127.0.0.1:8000/news/story.asp?id=20451"
    body = body_text(lxml.html.fromstring(page.html), url) or ""
    assert "Home > Local News" not in body.split("\n"), body[:200]
    assert page.lines[0] in body


def _blog_with_thread(extra_head: str = "") -> lxml.html.HtmlElement:
    """A short post (a quote and a line) above a long thread of readers' comments, each in a ``<div
    class="commentbody by-NAME">`` (Schneier's blog, 2012, dragnet-dev R684)."""
    comments = "".join(
        f"<div class='commentbody by-reader-{i}'><a name='c{i}'></a><div id='c{i}'>"
        + "".join(f"<p>Reader number {i} disagrees with the post in paragraph {k} and explains at length why the "
                  "defect is a real crisis for everybody who writes software that talks to servers, with examples "
                  "from work, certificates and libraries.</p>" for k in range(8 if i == 5 else 1))
        + f"</div><p class='posted'>Posted by: Reader {i} at November 7, 2012 1:{i:02d} PM</p></div>"
        for i in range(12)
    )
    return lxml.html.fromstring(
        f"<html><head>{extra_head}</head><body><div class='indivbody'><h3>New SSL Vulnerability</h3>"
        "<p>It's hard for me to get too worked up about this vulnerability:</p>"
        f"<blockquote>{PARAS[0]}</blockquote><p>Great research, and the vulnerability should be fixed.</p></div>"
        f"<div class='commentform'><h2 id='comments'>Comments</h2></div>{comments}</body></html>"
    )


def test_readabilitys_block_is_the_post_not_the_readers_comment_thread():
    """readability-lxml keeps a "comment" container whose class also says "body" ("commentbody"): its block was a
    reader's comment. A block that opens in the comments is read again without them; on a thread-forum page
    (schema.org DiscussionForumPosting) the comment containers are the posts and stay."""
    from newsproj.extraction import generic

    tree = _blog_with_thread()
    block = generic.Readings(tree).candidate("readability")
    assert block is not None and "Reader number" not in block
    assert "Great research" in block
    assert tree.xpath("//*[@data-newsproj-comments]") == []  # (the page is left as it was)
    forum = _blog_with_thread('<script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script>')
    assert "Reader number" in (generic.Readings(forum).candidate("readability") or "")


def test_a_tiny_post_taken_with_its_whole_page_is_the_post_readability_finds():
    """A 25-word Blogger post in the Minima layout: no precise text, and the balanced run takes the whole page (the
    blog's description, 'Subscribe to: Post Comments (Atom)', the About Me profile of 30 words, the archive, the
    labels). That text is 85 % of the words the page shows: readability-lxml's block, all in it, a quarter of it
    and a sentence of prose, is the post."""
    from tests import blog_layouts

    page = next(p for p in blog_layouts.ARTICLES if p.path == "/b/2009/01/frozen-again.html")
    body = body_text(lxml.html.fromstring(page.html), "http://127.0.0.1:8000" + page.path)
    assert body is not None and body.split("\n") == page.lines


def test_a_short_story_that_is_most_of_a_plain_page_keeps_all_its_paragraphs():
    """A plain page of a short story and little else (a heading, three paragraphs, a footer line): the main text
    is the whole page, and it stays whole."""
    story = PARAS[:3]
    tree = lxml.html.fromstring("<html><body><h1>A headline for the test</h1>" + "".join(
        f"<p>{p}</p>" for p in story) + "<p><a href='/'>Home</a></p></body></html>")
    body = body_text(tree, "http://127.0.0.1/story.html")
    assert body is not None and all(p in body for p in story)


def test_a_short_post_beside_a_sidebar_book_table_is_the_post_readability_finds():
    """A three-line Typepad post (30 words) beside its blog's sidebar, whose list of the writer's books is a layout
    table of twelve rows, each with a hidden layer of shops: the balanced run takes the post and the table, which
    looks like a layout table. readability-lxml's block is the post alone, all in that text, and the text's other
    lines are table rows, not prose: the block is taken (before, the table rows stayed: more prose than the
    block's three short sentences)."""
    from tests import blog_layouts

    page = next(p for p in blog_layouts.ARTICLES if p.path == "/tp2/2012/07/tide-tables.html")
    body = body_text(lxml.html.fromstring(page.html), "http://127.0.0.1:8000" + page.path)
    assert body is not None and body.split("\n") == page.lines


def test_readabilitys_block_is_the_story_beside_rows_only_when_the_other_rows_are_no_prose():
    """The block stands for a text that looked like a table only when the text's other lines are no prose: a
    story whose paragraphs are rows of a layout table (each cell read as a line) is not the block's, nor is a text
    that lacks some of the block's words, nor a block under ``MIN_BODY_WORDS`` words."""
    from newsproj.extraction.generic import _story_beside_rows, signals

    block = PARAS[0] + "\n" + PARAS[1]
    books = "\n".join(f"|  |  |  | Title number {i} Buy it now from these shops: Find it near you: |"
                      for i in range(12))
    story_rows = "\n".join(f"| {p} |" for p in PARAS[2:8])
    found = signals(block, set())
    assert _story_beside_rows(block + "\n" + books, block, found, set())
    assert not _story_beside_rows(block + "\n" + story_rows, block, found, set())
    assert not _story_beside_rows(PARAS[0] + "\n" + books, block, found, set())  # (the block's words not all in it)
    short = "Three words here."
    assert not _story_beside_rows(short + "\n" + books, short, signals(short, set()), set())


ABOUT = ("Hi, I am Tom. I build furniture out of reclaimed wood in a barn behind the house, and this blog is where I "
         "write up each piece, the mistakes included, so that you can make the same thing without making the same "
         "mistakes. Most weeks there is a new post on Friday.")
POST = ["Finished the oak bench this morning and it holds three grown adults without a creak.",
        "Photos of the joints tomorrow."]


def _blog_post(post: list[str], main_class: str = "content", side: str = "<div id='sidebar'>",
               wrap: str = "") -> lxml.html.HtmlElement:
    about = f"<div class='widget widget_text'><h3>About</h3><div class='textwidget'><p>{ABOUT}</p></div></div>"
    return lxml.html.fromstring(
        f"<html><body><div id='wrap' class='{wrap}'><div id='content' class='{main_class}'><div class='post'><h2>The "
        "bench</h2><div class='post-content'>" + "".join(f"<p>{p}</p>" for p in post) + "</div></div></div>"
        + side + about + "<ul><li><a href='/archive/2012/11/'>November 2012</a></li></ul></div></div></body></html>")


def test_a_short_posts_lines_shown_only_in_the_sidebar_go():
    """A two-line post (20 words) whose text came with the blog's "About" text widget from the sidebar (what
    trafilatura takes with a post too short to stand alone): the widget's line goes, whatever its length, when the
    post has a line of its own shown outside the sidebars; a Drupal ``region-sidebar-first`` block is a sidebar
    too, and so is the inner ``sidebar`` of a ``sidebar-wrapper``."""
    from newsproj.extraction.generic import without_sidebar_lines

    text = "\n".join([*POST, ABOUT])
    assert without_sidebar_lines(text, _blog_post(POST)) == "\n".join(POST)
    drupal = _blog_post(POST, side="<div id='sidebar-first' class='column sidebar'><div class='region "
                                   "region-sidebar-first'>")
    assert without_sidebar_lines(text, drupal) == "\n".join(POST)
    blogger = _blog_post(POST, side="<div id='sidebar-wrapper'><div id='sidebar' class='sidebar section'>")
    assert without_sidebar_lines(text, blogger) == "\n".join(POST)


def test_sidebar_lines_stay_where_the_sidebar_holds_the_story_or_little_would_be_left():
    """Nothing goes: from a story inside a column named a sidebar (a ``content-sidebar-wrap`` around the story and
    its sidebar is a wrapper: only the innermost element named a sidebar is one; a story whose own column is one
    has no line shown outside), from a one-line post (fewer than ``MIN_BODY_WORDS`` words would be left), from a
    long text, nor a line also shown outside the sidebars (the post's sentence as a "recent posts" teaser)."""
    from newsproj.extraction.generic import SHORT_POST_WORDS, without_sidebar_lines

    text = "\n".join([*POST, ABOUT])
    wrapped = _blog_post(POST, wrap="content-sidebar-wrap")
    assert without_sidebar_lines(text, wrapped) == "\n".join(POST)  # (the wrapper is no sidebar: the widget's is)
    own_column = _blog_post(POST, main_class="main-sidebar-column", side="<div class='sidebar-widgets'>")
    assert without_sidebar_lines(text, own_column) == text
    one_line = "Photos of the joints tomorrow.\n" + ABOUT
    assert without_sidebar_lines(one_line, _blog_post(POST[1:])) == one_line
    story = PARAS + [p.replace("story", "report") for p in PARAS]
    long_text = "\n".join([*story, ABOUT])
    assert len(long_text.split()) > SHORT_POST_WORDS
    assert without_sidebar_lines(long_text, _blog_post(story)) == long_text
    teaser = _blog_post(POST, side=f"<div id='sidebar'><p>{ABOUT}</p>")  # (the About text outside the sidebar too)
    teaser.find(".//div[@class='post-content']").append(lxml.html.fromstring(f"<p>{ABOUT}</p>"))
    assert without_sidebar_lines(text, teaser) == text


def test_sidebar_lines_are_found_in_one_walk_of_a_hostile_page():
    """Pages of 5,000 nested or 20,000 side-by-side elements named a sidebar, and a text of 290 lines: the first
    ``MAX_SIDEBARS`` named elements are looked at, the page is walked once, each line searched once: well under a
    second."""
    import time

    from newsproj.extraction.generic import without_sidebar_lines

    nested = "<div class='sidebar'>" * 5000 + "word " * 50 + "</div>" * 5000
    flat = "".join(f"<div class='sidebar'><p>word{i} text</p></div>" for i in range(20000))
    text = "\n".join([POST[0], *(f"word{i}" for i in range(290))])
    for inner in (nested, flat):
        page = lxml.html.fromstring(f"<html><body><p>{POST[0]}</p>{inner}</body></html>")
        started = time.process_time()
        without_sidebar_lines(text, page)
        assert time.process_time() - started < 1


PULL_TEXT = [
    "The harbour board voted on Tuesday to close the old ferry pier for repairs from the first of March.",
    "Engineers found that two of the timber piles had rotted through. The pier has to close before the spring "
    "storms, the board's chair said, or it may not open again at all.",
    "Ferries will use the container quay while the work goes on, which adds ten minutes to each crossing.",
    "Regular passengers said they could live with the detour. Most of them had expected the news for years.",
    "Harbour engineer Ann Lee said the piles were the worst she had seen.",
]


def _pull_quote_page(extra: str) -> str:
    return ("<html><head><title>Old ferry pier to close for repairs | Harbour Post</title></head><body><article>"
            "<h1>Old ferry pier to close for repairs</h1>" + f"<p>{PULL_TEXT[0]}</p><p>{PULL_TEXT[1]}</p>" + extra
            + "".join(f"<p>{t}</p>" for t in PULL_TEXT[2:]) + "</article></body></html>")


@pytest.mark.parametrize(("extra", "line", "dropped"), [
    # a pull quote: a sentence of the article set again in a <blockquote>, with the quote marks it adds
    ("<blockquote class='pullquote'><p>“The pier has to close before the spring storms, the board's chair said, or "
     "it may not open again at all.”</p></blockquote>",
     "“The pier has to close before the spring storms, the board's chair said, or it may not open again at all.”",
     True),
    # (a quote that is the blockquote's own text, no paragraph inside)
    ("<blockquote>Engineers found that two of the timber piles had rotted through.</blockquote>",
     "Engineers found that two of the timber piles had rotted through.", True),
    # a quotation the text holds nowhere else: the article's (a statement, a letter, an embedded post)
    ("<blockquote><p>We are sorry for the trouble and we will reopen the pier as soon as it is safe to do so, the "
     "operator wrote to its passengers.</p></blockquote>",
     "We are sorry for the trouble and we will reopen the pier as soon as it is safe to do so, the operator wrote "
     "to its passengers.", False),
    # a subheading that quotes a sentence of the text: no quote's block, it stays
    ("<h2>Most of them had expected the news for years</h2>", "Most of them had expected the news for years", False),
    # a few words the text holds in a longer sentence: a phrase, not a pull quote
    ("<blockquote><p>“before the spring storms”</p></blockquote>", "“before the spring storms”", False),
    # a pull quote's attribution in its box goes with it (news-dev half A: TimesLive)
    ("<blockquote class='c-stack'><p>Engineers found that two of the timber piles had rotted through.</p><span>— "
     "<span>Harbour engineer Ann Lee</span></span></blockquote>", "— Harbour engineer Ann Lee", True),
    # a quotation's attribution stays with it
    ("<blockquote><p>We are sorry for the trouble and we will reopen the pier as soon as it is safe to do so.</p><p>— "
     "Harbour engineer Ann Lee</p></blockquote>", "— Harbour engineer Ann Lee", False),
])
def test_a_pull_quote_that_repeats_a_sentence_of_the_text_goes_but_quotations_stay(extra, line, dropped):
    """A ``<blockquote>`` whose words a longer line of the text holds (six words or more; quote marks, case and
    spacing left out) is a pull quote: the article's own sentence shown again beside its paragraph, dropped as
    ``pull_quote`` (counted) while the paragraph keeps it, and so does its attribution in its box right after it. A
    quotation whose words are nowhere else in the text (and its attribution), a heading that quotes the text, and a
    short phrase stay (news-dev half A: LRT, DerFreitag, TimesLive; dragnet half A: 222, 356)."""
    from newsproj.extraction.page import process_page
    from newsproj.items import PageItem

    outcome = process_page(PageItem(url="http://127.0.0.1/news/2024/02/01/ferry-pier", html=_pull_quote_page(extra),
                                    date_downloaded="2024-09-12T10:00:00+00:00"))
    body = outcome.article.articleBody.split("\n")
    assert [t for t in PULL_TEXT if t in body] == PULL_TEXT  # (the paragraphs keep their sentences)
    assert "Harbour engineer Ann Lee said the piles were the worst she had seen." in body  # (her name elsewhere)
    assert (line not in body) is dropped, body
    assert ((line, "pull_quote") in outcome.removed) is dropped


def test_a_short_paragraph_of_a_post_written_inside_a_blockquote_is_no_attribution():
    """A blog that writes its post inside ``<blockquote>``: its paragraphs are the quote's blocks. One of them the post
    says again in a longer paragraph (it may go as a pull quote, the longer one keeps its words), and the short
    paragraph right after it ("That is a promise.", under six words) was taken for that quote's attribution - the
    quote's other text, 1-8 words - and dropped with it, though the text holds it nowhere else. A pull quote's box
    holds one quotation; a quote of several paragraphs has no attribution to drop."""
    from newsproj.extraction.page import process_page
    from newsproj.items import PageItem

    promise = "We will not let the pier fall into the sea while I am mayor."
    post = [PULL_TEXT[0], promise, "That is a promise.", PULL_TEXT[2],
            "As I told the gallery: we will not let the pier fall into the sea while I am mayor, and I meant it.",
            PULL_TEXT[3]]
    html = ("<html><head><title>Old ferry pier to close | Mayor's blog</title></head><body><article>"
            "<h1>Old ferry pier to close</h1><blockquote>" + "".join(f"<p>{p}</p>" for p in post)
            + "</blockquote></article></body></html>")
    outcome = process_page(PageItem(url="http://127.0.0.1/blog/2024/02/01/ferry-pier", html=html,
                                    date_downloaded="2024-09-12T10:00:00+00:00"))
    body = outcome.article.articleBody.split("\n")
    assert "That is a promise." in body, outcome.removed
    assert [p for p in post if p != promise and p not in body] == []


def test_pull_quotes_are_read_from_a_bounded_number_of_quotes_and_judged_against_the_lines_that_stay():
    """A page of 20,000 blockquotes: the first ``MAX_QUOTES`` (their first ``MAX_QUOTE_BLOCKS`` paragraphs) are read;
    a text of 4,000 lines, half of them quotes that the other half holds, is cleaned in well under two seconds. A
    quote is a pull quote only where a line that stays holds it: a reader's comment (here a line a site pattern drops)
    that quotes the post's quotation and more does not take the post's quotation with it."""
    import time

    from newsproj.cleaning import clean_body
    from newsproj.extraction.generic import MAX_QUOTES, quote_lines

    sentence = "The pier has to close before the spring storms or it may not open again at all"
    quotes = "".join(f"<blockquote><p>{sentence} {i}</p></blockquote>" for i in range(20000))
    page = lxml.html.fromstring(f"<html><body>{quotes}</body></html>")
    lines = [*(f"{sentence} {i}" for i in range(2000)), *(f"So it was said: {sentence} {i}, he said."
                                                          for i in range(2000))]
    text = "\n".join(lines)
    started = time.process_time()
    found = quote_lines(page, text)
    cleaned = clean_body(text, quotes=found)
    assert time.process_time() - started < 2
    assert found == {f"{sentence} {i}": "" for i in range(MAX_QUOTES)}
    assert {line for line, reason in cleaned.removed if reason == "pull_quote"} == set(found)
    assert quote_lines(lxml.html.fromstring(f"<html><body><p>{sentence}</p></body></html>"), text) == {}

    quotation = "Given that the regulator has fewer people than the banks it watches, cooperation rarely pays"
    post = [PULL_TEXT[0], quotation, PULL_TEXT[2], f"Reader says: as the post quotes, {quotation}. I doubt it."]
    kept = clean_body("\n".join(post), drop_lines=("^Reader says:",), quotes={quotation: ""})
    assert kept.text.split("\n") == post[:3]


def test_a_list_of_prose_in_a_story_without_a_container_trafilatura_knows_stays_but_link_lists_do_not():
    # a story in a plain <div> (no article, post or content container): trafilatura recovers its paragraphs one by
    # one and, but in recall mode, none of its lists; a list of full-sentence points was lost with them
    from newsproj.extraction.generic import body_text, pruned

    points = ["If possible, <strong>start your search with a reputable dealer</strong>. We know that there are "
              "plenty of honest folks out there, but a dealer offers an extra layer of protection.",
              "Before you buy, <strong>make a very full inspection of the car</strong>. Any flooded vehicle has "
              "probably been given a thorough cleaning, so the obvious signs are gone.",
              "<strong>Ask for a damage report</strong> from <a href='/carfax'>Carfax</a> or a similar service, "
              "which won't help much if the damage was never reported."]
    nav = ("<ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li>"
           "<li><a href='/reviews'>Reviews</a></li></ul>")
    related = ("<ul><li><a href='/r1'>Used car prices climb again as storm season ends in the Northeast.</a></li>"
               "<li><a href='/r2'>Hoping for a deal on a used car this winter? Don't hold your breath.</a></li></ul>")
    teasers = ("<ul><li><a href='/t1'>Suzuki shuts down U.S. auto sales</a> The maker leaves the American market "
               "after decades of falling sales, a strong yen and a dwindling line-up of cars.</li><li><a href='/t2'>"
               "Ford Escape video road test</a> We drove the new model for a week on the highway and in town, and "
               "we liked it.</li></ul>")
    tree = lxml.html.fromstring(
        f"<html><body><div id='top'>{nav}</div><div class='story_text'><h1>A headline for the test</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAS[:5]) + "<ul>" + "".join(f"<li>{p}</li>" for p in points) + "</ul>"
        + f"<p>{PARAS[5]}</p>{related}{teasers}</div><div class='side'><p>Short side note.</p>"
        "<ul><li>A sidebar's own list item that is written as a sentence of prose.</li></ul></div></body></html>")
    lines = (body_text(tree, "http://127.0.0.1/a") or "").split("\n")
    for point in points:
        assert " ".join(lxml.html.fromstring(f"<p>{point}</p>").text_content().split()) in lines
    assert PARAS[5] in lines
    body = "\n".join(lines)
    for chrome in ("Home", "Reviews", "Used car prices climb", "Hoping for a deal", "Suzuki shuts", "Ford Escape",
                   "sidebar's own list"):
        assert chrome not in body
    # the lists that are no prose keep their items as they are (only a list of prose gets paragraphs), also where
    # no chrome container is pruned (the markup repairs alone)
    copy = pruned(tree, chrome=False)
    assert [len(ul.findall("li/p")) for ul in copy.iter("ul")] == [0, 3, 0, 0, 0]


def test_a_list_of_prose_inside_a_story_container_keeps_its_bullets():
    from newsproj.extraction.generic import body_text

    tree = lxml.html.fromstring(
        "<html><body><article><h1>A headline for the test</h1>" + "".join(f"<p>{p}</p>" for p in PARAS[:5])
        + "<ul><li>First point of the list, written out as a sentence of prose with a few more words.</li>"
          "<li>Second point of the list, also a full sentence of prose text with a few more words.</li></ul>"
        + "".join(f"<p>{p}</p>" for p in PARAS[5:7]) + "</article></body></html>")
    lines = (body_text(tree, "http://127.0.0.1/a") or "").split("\n")
    assert "- First point of the list, written out as a sentence of prose with a few more words." in lines
    assert "- Second point of the list, also a full sentence of prose text with a few more words." in lines


def test_a_paragraph_of_prose_linked_as_a_whole_stays_but_teasers_and_related_links_do_not():
    # a quote linked to its source, a sentence linked as a whole: trafilatura deletes a paragraph that is one link in
    # every mode (its link density test), and the story lost its opening quote
    from newsproj.extraction.generic import body_text

    quote = ("“Just because a car generates a lot of buzz or is a best seller doesn’t mean that it’s a good choice "
             "for you. The five models here may be on a lot of shopping lists, but we suggest you steer clear…”")
    linked = "This week's new episode is a really fun, quick, easy, and profoundly silly party game called Say Anything"
    chrome = [
        "Read more: Used car prices tick up after the storm, but beware of the flooded finds.",  # a label
        "Can the third presidential debate swing it for either of the two candidates in the race?",  # a headline asks
        "Click here to find out which 9 other stocks recently crossed above their moving average »",  # points
    ]
    footer = "BBC © 2012 The BBC is not responsible for the content of external sites. Read more."
    tree = lxml.html.fromstring(
        "<html><body><article><h1>A headline for the test</h1><div class='postbody'>"
        f"<blockquote><p><a href='http://news.example.org/cars.html'><em>{quote}</em></a></p></blockquote>"
        + "".join(f"<p>{p}</p>" for p in PARAS[:3])
        + f"<p><a href='http://www.youtube.com/watch?v=x'>{linked}</a>.</p>"
        + "".join(f"<p>{p}</p><p><a href='/other-{n}'>{c}</a></p>" for n, (p, c) in enumerate(
            zip(PARAS[3:6], chrome, strict=True)))
        + "".join(f"<p>{p}</p>" for p in PARAS[6:8])
        + f"</div></article><div class='foot'><p><a href='http://www.bbc.co.uk/help'>{footer}</a></p></div>"
        "</body></html>")
    lines = (body_text(tree, "http://127.0.0.1/a") or "").split("\n")
    assert quote in lines
    assert f"{linked}." in lines
    assert all(p in lines for p in PARAS[:8])
    body = "\n".join(lines)
    for line in [*chrome, footer]:
        assert line[:40] not in body


def test_a_run_of_paragraphs_each_one_link_is_a_list_of_teasers_not_prose_linked_as_a_whole():
    # related stories set as paragraphs of one link each, after the story's prose in its container: each is a
    # statement of 10+ words with prose beside it, but a run of them is a list of links (trafilatura deletes them)
    from newsproj.extraction.generic import body_text

    teasers = ["The council voted to raise property taxes for the third year in a row on Monday.",
               "Police arrested two men after a break-in at the downtown jewellery store on Sunday."]
    linked = "This week's new episode is a really fun, quick, easy, and profoundly silly party game called Say Anything"
    tree = lxml.html.fromstring(
        "<html><body><article><h1>A headline for the test</h1>" + "".join(f"<p>{p}</p>" for p in PARAS[:3])
        + f"<p><a href='http://www.youtube.com/watch?v=x'>{linked}</a>.</p>"
        + "".join(f"<p>{p}</p>" for p in PARAS[3:5])
        + "".join(f"<p><a href='/r{n}'>{t}</a></p>" for n, t in enumerate(teasers)) + "</article></body></html>")
    lines = (body_text(tree, "http://127.0.0.1/a") or "").split("\n")
    assert f"{linked}." in lines  # (one linked sentence among prose stays)
    assert all(p in lines for p in PARAS[:5])
    body = "\n".join(lines)
    for teaser in teasers:
        assert teaser[:40] not in body


def test_a_list_of_teasers_whose_items_open_with_a_date_or_byline_before_the_link_is_no_list_of_prose():
    from newsproj.extraction.generic import pruned

    teasers = ("<ul><li><span>Jan 5, 2020</span> <a href='/t1'>Suzuki shuts down U.S. auto sales</a> The maker leaves "
               "the American market after decades of falling sales.</li><li>By Ann Lee <a href='/t2'>Ford Escape "
               "video road test</a> We drove the new model for a week on the highway and in town.</li></ul>")
    points = ("<ul><li>Ask for a damage report from <a href='/carfax'>Carfax</a> or a similar service, which won't "
              "help much if the damage was never reported.</li><li>Before you buy, make a very full inspection of the "
              "car, as any flooded vehicle has probably been cleaned.</li></ul>")
    tree = lxml.html.fromstring(
        "<html><body><div class='story_text'><h1>A headline for the test</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAS[:5])
        + points + teasers + "</div></body></html>")
    copy = pruned(tree, chrome=False)
    assert [len(ul.findall("li/p")) for ul in copy.iter("ul")] == [2, 0]


def test_a_subheading_set_in_bold_before_a_box_is_not_a_sentence_the_box_cut():
    # "<p><strong>What the new rules mean ...</strong></p><div class=ad>...</div> Drivers will ...": a paragraph all in
    # bold that ends without a stop is a subheading; the loose text after the box is the next paragraph, not its end
    from newsproj.extraction.generic import body_text, pruned

    heading = "What the new rules mean for drivers in the city"
    loose = "Drivers will need a permit to enter the centre from next year, the council said."
    cut = "Floyd said it is still too early for the team to start thinking it eventually has to knock off"
    end = "a highly ranked team to forge a breakthrough."
    tree = lxml.html.fromstring(
        "<html><body><div class='story'><h1>A headline for the test</h1>" + "".join(f"<p>{p}" for p in PARAS[:5])
        + f"<p><strong>{heading}</strong></p><div class='ad'>Advertisement</div> {loose}<p>{PARAS[5]}"
        f"<p>{cut} <div class='ad'>Advertisement</div> {end}<p>{PARAS[6]}</div></body></html>")
    paragraphs = [" ".join(p.text_content().split()) for p in pruned(copy_of(tree)).iter("p")]
    assert heading in paragraphs and f"{cut} {end}" in paragraphs
    lines = (body_text(tree, "http://127.0.0.1/a") or "").split("\n")
    assert heading in lines and loose in lines


def copy_of(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    import copy

    return copy.deepcopy(tree)


def test_a_list_whose_every_item_ends_with_its_link_is_a_list_of_teasers_not_of_prose():
    # a teaser's summary and its "Read more." / "(full story)" link: each item a sentence of prose by its words, but
    # every item ends in a link to another page
    from newsproj.extraction.generic import pruned

    sums = ["Suzuki shuts down its U.S. auto sales as the maker leaves the American market for good.",
            "The new Ford Escape gets a road test on the highway and in town for a whole week."]
    teasers = ["<ul>" + "".join(f"<li>{s} <a href='/x{n}'>Read more.</a></li>" for n, s in enumerate(sums)) + "</ul>",
               "<ul>" + "".join(f"<li>{s} (<a href='/x{n}'>full story</a>)</li>" for n, s in enumerate(sums)) + "</ul>"]
    points = ("<ul><li>Ask for a damage report from <a href='/carfax'>Carfax</a> or a similar service, which won't "
              "help much if the damage was never reported.</li><li>Before you buy, make a very full inspection of the "
              "car, as <a href='/flood'>any flooded vehicle</a> has probably been cleaned.</li></ul>")
    tree = lxml.html.fromstring(
        "<html><body><div class='story_text'><h1>A headline for the test</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAS[:5])
        + points + "".join(teasers) + "</div></body></html>")
    copy = pruned(tree, chrome=False)
    assert [len(ul.findall("li/p")) for ul in copy.iter("ul")] == [2, 0, 0]
