"""Blogs, CMS default themes and personal news sites (issue 11, "probe", fourth round): posts in the shapes blog
engines and CMS defaults gave them from 2005 to now — WordPress (Twenty Ten, Twelve, Thirteen, Fifteen, Seventeen,
Nineteen, Twenty and the Twenty Twenty-Four block theme: ``entry-content``, comment threads, the "Leave a Reply"
form, widgets: About me, recent posts, archives, categories, tag cloud, blogroll, Jetpack "Share this:"/"Like this:"),
Blogger ("Posted by X at 10:32 PM", "Labels:", "Older Posts", "Subscribe to: Post Comments (Atom)"), LiveJournal,
Tumblr (text, quote and photo posts), Movable Type and Typepad, Drupal 7 (``node``, ``field-item``), Joomla
(``item-page``, "Hits: 123"), Ghost, Substack and Medium (likes, claps, "Subscribe", "Share"), Squarespace, and a
hand-written personal news site; and the pages around them that are no article. All text is written for these
tests.

What each ambiguous shape should give (the decision this probe makes, and tests):

- a blog's home of whole posts (WordPress, Blogger, LiveJournal, Tumblr, Movable Type), its "page 2", a Blogger
  label page of whole posts: no record; each post gives its own record from its permalink;
- a post of 20–30 words (a personal news site's one-liner, a Blogger "frozen again", a WordPress aside, a Drupal
  brief): a record of that one line — a reader who opens the permalink reads a post;
- a post that is mostly a quote of another site: a record of the post's own lines and of the quote with its source
  line (the quote is what the post publishes, as a newspaper's quoted statement is);
- a post of two lines around an embedded video: a record of the two lines;
- a post whose readers' comments are five times longer than it: a record of the post alone;
- a Tumblr quote post: the quote and its source line; a photo post: its caption;
- the sidebar (About me, even when it is longer than the post), the comment form, "Posted by … at …", "Labels:",
  "Hits:", claps, likes, "Share this:", "Subscribe", an author card's bio: never in the record;
- authors: the post's named author (a WordPress "by", Blogger's "Posted by", a Joomla "Written by", a Ghost or
  Medium author); a LiveJournal user name is the author; a Tumblr, which names only the blog, has none;
- tag, category, month archive, author, search result, Squarespace/Ghost/Substack archive pages: no record, each
  counted as a listing.

:func:`site` gives ``path → (Content-Type, bytes)`` (robots.txt, a sitemap, an RSS feed and an Atom feed included);
:data:`ARTICLES` and :data:`LISTINGS` say what each page is; :func:`truth_lines` writes a ``truth.jsonl`` that
``../shared/tools/score.py`` reads."""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from html import escape


@dataclass
class Page:
    path: str
    html: str = ""
    headline: str = ""
    lines: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    shape: str = ""


ARTICLES: list[Page] = []
LISTINGS: dict[str, str] = {}


def _add(page: Page) -> Page:
    ARTICLES.append(page)
    return page


def _ps(lines: list[str]) -> str:
    return "".join(f"<p>{escape(t)}</p>\n" for t in lines)


def _head(title: str, extra: str = "", lang: str = "en") -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}</title>{extra}'
            "</head>\n")


def _jsonld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


# ------------------------------------------------------------------------------------------- WordPress
WP = "Hillside Notes"
WP_ABOUT = ("I am Maggie Thorne, a retired geography teacher who gardens on a steep clay bank above the village of "
            "Ashcombe. This blog began in 2009 as a diary of what grew and what the slugs ate, and it has wandered "
            "into local history, weather and the occasional grumble about the bus timetable ever since.")
WP_POSTS: list[Page] = []


def _wp_sidebar() -> str:
    recent = "".join(f'<li><a href="{p.path}">{escape(p.headline)}</a></li>' for p in WP_POSTS[-5:])
    return (
        '<div id="secondary" class="widget-area" role="complementary">'
        '<aside id="search-2" class="widget widget_search"><form role="search" action="/"><label>Search for:</label>'
        '<input type="search" name="s"><input type="submit" value="Search"></form><p>Popular searches: <a href="/?s='
        'rain">rain</a></p></aside>'
        f'<aside id="text-3" class="widget widget_text"><h3 class="widget-title">About me</h3><div class="textwidget">'
        f'<p>{escape(WP_ABOUT)}</p></div></aside>'
        f'<aside id="recent-posts-2" class="widget widget_recent_entries"><h3 class="widget-title">Recent Posts</h3>'
        f"<ul>{recent}</ul></aside>"
        '<aside id="archives-2" class="widget widget_archive"><h3 class="widget-title">Archives</h3><ul>'
        '<li><a href="/2012/05/">May 2012</a> (4)</li><li><a href="/2013/08/">August 2013</a> (2)</li>'
        '<li><a href="/2010/04/">April 2010</a> (6)</li></ul></aside>'
        '<aside id="categories-2" class="widget widget_categories"><h3 class="widget-title">Categories</h3><ul>'
        '<li class="cat-item"><a href="/category/garden/">Garden</a> (41)</li><li class="cat-item"><a href='
        '"/category/village/">Village life</a> (17)</li></ul></aside>'
        '<aside id="tag_cloud-2" class="widget widget_tag_cloud"><h3 class="widget-title">Tags</h3><div '
        'class="tagcloud"><a href="/tag/compost/" style="font-size: 18pt;">compost</a> <a href="/tag/frogs/" '
        'style="font-size: 8pt;">frogs</a> <a href="/tag/rain/" style="font-size: 14pt;">rain</a> <a href="/tag/'
        'tomatoes/" style="font-size: 11pt;">tomatoes</a></div></aside>'
        '<aside id="linkcat-2" class="widget widget_links"><h3 class="widget-title">Blogroll</h3><ul class="xoxo '
        'blogroll"><li><a href="/b/">Gordon Rides Again</a></li><li><a href="/lj/">ravenwood\'s journal</a></li>'
        '<li><a href="/t/">harbourlight</a></li><li><a href="/mt/">The Night Bus</a></li><li><a href="/tp/">'
        'Counting House</a></li><li><a href="/d/">Brindle Valley News</a></li><li><a href="/j/index.php/news">'
        'Marlow Cross Community</a></li><li><a href="/g/">Small Kitchen</a></li><li><a href="/s/archive">The Long '
        'Desk</a></li><li><a href="/m/@danaokafor">Dana Okafor on Medium</a></li><li><a href="/sq/blog">Fernside '
        'Studio</a></li><li><a href="/news/">Tollbridge Today</a></li></ul></aside>'
        '<aside id="meta-2" class="widget widget_meta"><h3 class="widget-title">Meta</h3><ul><li><a href="/wp-login'
        '.php">Log in</a></li><li><a href="/feed/">Entries <abbr>RSS</abbr></a></li><li><a href="/comments/feed/">'
        'Comments <abbr>RSS</abbr></a></li><li><a href="https://wordpress.org/">WordPress.org</a></li></ul></aside>'
        "</div>")


def _wp_header() -> str:
    return ('<header id="masthead" class="site-header"><hgroup><h1 class="site-title"><a href="/" rel="home">'
            f'{WP}</a></h1><h2 class="site-description">A garden on a clay bank, and the village below it</h2>'
            '</hgroup><nav id="site-navigation" class="main-navigation"><ul class="nav-menu"><li><a href="/">Home</a>'
            '</li><li><a href="/about/">About</a></li><li><a href="/category/garden/">Garden</a></li></ul></nav>'
            "</header>")


WP_FOOT = ('<footer id="colophon" role="contentinfo"><div class="site-info"><a href="https://wordpress.org/">'
           "Proudly powered by WordPress</a></div></footer>")


def _wp_entry(p: Page, theme: str, full: bool = True, *, body: str | None = None, extra_after: str = "") -> str:
    """An ``<article>`` as WordPress themes print it: a title, the entry meta, ``entry-content``, the footer."""
    title = (f'<h1 class="entry-title">{escape(p.headline)}</h1>' if full else
             f'<h2 class="entry-title"><a href="{p.path}" rel="bookmark">{escape(p.headline)}</a></h2>')
    meta = (f'<div class="entry-meta"><span class="posted-on">Posted on <a href="{p.path}" rel="bookmark"><time '
            f'class="entry-date published" datetime="{p.date}T08:15:00+00:00">{_long_date(p.date)}</time></a>'
            f'</span> <span class="byline">by <span class="author vcard"><a class="url fn n" href="/author/'
            f'maggie-thorne/">{p.authors[0]}</a></span></span></div>')
    content = body if body is not None else _ps(p.lines)
    return (f'<article id="post-{zlib.crc32(p.path.encode()) % 9000 + 100}" class="post type-post status-publish '
            f'format-standard hentry {theme}"><header class="entry-header">{title}{meta}</header><div class='
            f'"entry-content">'
            f"{content}</div>{extra_after}<footer class=\"entry-footer\"><span class=\"cat-links\">Posted in "
            '<a href="/category/garden/" rel="category tag">Garden</a></span> <span class="tags-links">Tagged <a '
            'href="/tag/compost/" rel="tag">compost</a>, <a href="/tag/rain/" rel="tag">rain</a></span> '
            f'<span class="comments-link"><a href="{p.path}#comments">2 Comments</a></span></footer></article>')


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def _long_date(day: str | None) -> str:
    assert day
    y, m, d = day.split("-")
    return f"{MONTHS[int(m) - 1]} {int(d)}, {y}"


def _wp_comments(p: Page, comments: list[tuple[str, str, list[str]]]) -> str:
    items = "".join(
        f'<li class="comment even thread-even depth-1" id="li-comment-{i}"><article id="comment-{i}" class="comment">'
        f'<footer class="comment-meta"><div class="comment-author vcard"><img alt="" src="/avatar/{i}.png" '
        f'class="avatar" height="44" width="44"><cite class="fn">{escape(who)}</cite> <span class="says">says:</span>'
        f'</div><div class="comment-metadata"><a href="{p.path}#comment-{i}"><time datetime='
        f'"{p.date}T19:0{i}:00+00:00">'
        f"{escape(when)}</time></a></div></footer><div class=\"comment-content\">{_ps(text)}</div><div class=\"reply\">"
        f'<a class="comment-reply-link" href="?replytocom={i}#respond">Reply</a></div></article></li>'
        for i, (who, when, text) in enumerate(comments, 1))
    return (f'<div id="comments" class="comments-area"><h2 class="comments-title">{len(comments)} thoughts on '
            f"&ldquo;{escape(p.headline)}&rdquo;</h2><ol class=\"comment-list\">{items}</ol>{WP_REPLY}</div>")


WP_REPLY = ('<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply'
            ' <small><a rel="nofollow" id="cancel-comment-reply-link" href="#respond" style="display:none;">Cancel '
            'reply</a></small></h3><form action="/wp-comments-post.php" method="post" id="commentform" class="comment-'
            'form"><p class="comment-notes"><span id="email-notes">Your email address will not be published.</span> '
            'Required fields are marked <span class="required">*</span></p><p class="comment-form-comment"><label '
            'for="comment">Comment</label> <textarea id="comment" name="comment" cols="45" rows="8"></textarea></p>'
            '<p class="comment-form-author"><label for="author">Name <span class="required">*</span></label> <input '
            'id="author" name="author" type="text"></p><p class="comment-form-email"><label for="email">Email <span '
            'class="required">*</span></label> <input id="email" name="email" type="email"></p><p class="comment-'
            'form-url"><label for="url">Website</label> <input id="url" name="url" type="url"></p><p class="comment-'
            'form-cookies-consent"><input id="wp-comment-cookies-consent" type="checkbox"> <label>Save my name, email,'
            ' and website in this browser for the next time I comment.</label></p><p class="form-submit"><input '
            'name="submit" type="submit" id="submit" class="submit" value="Post Comment"></p></form></div>')


def _wp_page(p: Page, theme: str, body_class: str, *, body: str | None = None, comments: str = WP_REPLY,
             extra_after: str = "", head: str = "") -> str:
    nav = ('<nav class="navigation post-navigation"><h2 class="screen-reader-text">Post navigation</h2><div '
           'class="nav-links"><div class="nav-previous"><a href="/2010/04/frogspawn-in-the-water-butt/" rel="prev">'
           '<span class="meta-nav">&larr;</span> Frogspawn in the water butt</a></div></div></nav>')
    return (_head(f"{p.headline} | {WP}", '<meta name="generator" content="WordPress 5.4.2">'
                  f'<link rel="alternate" type="application/rss+xml" title="{WP} &raquo; Feed" href="/feed/">{head}')
            + f'<body class="post-template-default single single-post {body_class}"><div id="page" class="hfeed site">'
            f'{_wp_header()}<div id="main" class="wrapper"><div id="primary" class="site-content"><div id="content" '
            f'role="main">{_wp_entry(p, theme, body=body, extra_after=extra_after)}{nav}{comments}</div></div>'
            f"{_wp_sidebar()}</div>{WP_FOOT}</div></body></html>")


def _wp(page: Page, theme: str, body_class: str, **kw) -> Page:
    page.authors = page.authors or ["Maggie Thorne"]
    WP_POSTS.append(page)
    _add(page)
    page.html = ""  # built once every post is known (the sidebar lists the recent ones)
    page._wp = (theme, body_class, kw)  # type: ignore[attr-defined]
    return page


FROGS = ["The first frogspawn of the year turned up this morning, not in the pond but in the old water butt by the "
         "shed, which has had no lid since the storm in February.",
         "I counted at least four clumps floating against the side. Quite how the frogs got in there I do not know, "
         "as the rim is a good three feet off the ground and there is nothing for them to climb.",
         "I have scooped most of it out with a jam jar and put it in the pond, where the tadpoles will at least have "
         "weed to hide in, and left one clump behind to see what happens.",
         "Last year the pond had spawn by the second week of March, so we are nearly a month late. The cold spell "
         "must have kept everybody in bed."]
_wp(Page("/2010/04/frogspawn-in-the-water-butt/", headline="Frogspawn in the water butt", lines=FROGS,
         date="2010-04-11", shape="WordPress Twenty Ten: entry-content, two comments and the Leave a Reply form"),
    "twentyten", "twentyten", comments_list=[
        ("Jean Harker", "April 11, 2010 at 7:02 pm", ["Ours are late too. Nothing in the pond until Tuesday."]),
        ("Phil", "April 12, 2010 at 8:15 am", ["Frogs can climb better than you think. I once found one on a "
                                                "windowsill."])])

COMPOST = ["After three years of turning the compost heap by hand I have finally given in and bought one of those "
           "rotating bins on a stand.",
           "The idea is that you give it a spin every few days and the contents break down in a matter of weeks "
           "instead of months. I shall report back in the summer, if the slugs leave me anything to report."]
_wp(Page("/2012/05/the-great-compost-experiment/", headline="The great compost experiment", lines=COMPOST,
         date="2012-05-03", shape="WordPress Twenty Twelve: a short post under a comment thread five times its length"),
    "twentytwelve", "twentytwelve custom-font-enabled", comments_list=[
        ("Roger Beale", "May 3, 2012 at 6:40 pm",
         ["We had one of these for two years and I would not bother again. The trouble is that it never gets hot "
          "enough inside, because you can only fill it a bit at a time, and you end up with a drum of wet grass "
          "clippings that smells like a silage pit.",
          "The trick, if you must persist, is to add plenty of torn-up cardboard every time you put in kitchen "
          "scraps, and to leave the door open for an afternoon now and then."]),
        ("Sue at number nine", "May 4, 2012 at 9:12 am",
         ["Mine works beautifully, but I think it depends where you put it. Ours is on the patio in full sun and "
          "it is ready in about six weeks in the summer. In the winter it does nothing at all, so I go back to the "
          "old heap from November to March.",
          "Do not overfill it either. Half full is about right, or it is too heavy to turn."]),
        ("Alan Ferris", "May 4, 2012 at 2:30 pm",
         ["I made my own from a plastic barrel and a length of scaffold pole, which cost next to nothing. The "
          "hardest part was cutting the door. I used a jigsaw and two old hinges from a kitchen cupboard, and a "
          "bungee cord to keep it shut. It has been going five years now and the only thing I have had to replace "
          "is the bungee cord, which the sun rots every summer."]),
        ("Maggie Thorne", "May 5, 2012 at 10:05 am",
         ["Thank you all. Roger, I have a stack of cardboard from the new fridge, so that will go in tomorrow. "
          "Sue, the patio is a good idea, though I am not sure my husband will agree to it.",
          "Alan, I am impressed, but I do not trust myself with a jigsaw."]),
        ("Kath W", "May 7, 2012 at 8:48 pm",
         ["We gave up on ours when the rats found it. They chewed straight through the base in a single night. "
          "Now we use a dalek bin on paving slabs with chicken wire underneath, and we have had no trouble since."])])

SNOWDROPS = ["The snowdrops under the beech hedge are out at last, three weeks after the ones in the churchyard, which "
             "I take as a personal insult."]
_wp(Page("/2015/02/snowdrops/", headline="Snowdrops", lines=SNOWDROPS, date="2015-02-17",
         shape="WordPress Twenty Fifteen: a one-sentence post of 26 words beside an About me widget longer than it"),
    "twentyfifteen", "twentyfifteen")

PARISH = ["The minutes of last week's parish council meeting are up on the noticeboard and on the council's website, "
          "and the paragraph about the footpath is worth reading in full:",
          "The Council received a report from the Footpaths Officer concerning the collapse of the retaining wall "
          "beside Footpath 14 between Mill Lane and the recreation ground.",
          "Members noted that the wall is in private ownership and that the landowner has been asked to make it safe. "
          "Until the work is complete the path will remain closed and a diversion will be signed along Mill Lane.",
          "The Clerk was asked to write to the County Council requesting a timetable for the repairs.",
          "Ashcombe Parish Council, minutes of 14 September",
          "So no timetable, no promise and no money, and the children will walk to school along a lane without a "
          "pavement for the foreseeable future."]
_wp(Page("/2017/09/what-the-parish-council-said/", headline="What the parish council said", lines=PARISH,
         date="2017-09-22", shape="WordPress Twenty Seventeen: a post that is mostly a blockquote of another site"),
    "twentyseventeen", "twentyseventeen has-sidebar colors-light",
    body=f"<p>{escape(PARISH[0])}</p><blockquote class=\"wp-block-quote\">{_ps(PARISH[1:4])}<cite><a href="
         f"\"https://example.org/minutes/\">{escape(PARISH[4])}</a></cite></blockquote><p>{escape(PARISH[5])}</p>")

HEDGEHOG = ["The trail camera finally caught our hedgehog on Tuesday night, trundling along the bottom of the fence at "
            "a quarter past eleven.",
            "Thirty-eight seconds of grainy footage, and I have watched it about forty times."]
_wp(Page("/2020/06/hedgehog-camera/", headline="Hedgehog on camera", lines=HEDGEHOG, date="2020-06-18",
         shape="WordPress Twenty Twenty: an embedded video and two lines"),
    "twentytwenty", "twentytwenty singular enable-search-modal",
    body=f"<p>{escape(HEDGEHOG[0])}</p><figure class=\"wp-block-embed is-type-video is-provider-youtube wp-block-embed"
         "-youtube\"><div class=\"wp-block-embed__wrapper\"><iframe title=\"Hedgehog at the fence\" width=\"580\" "
         "height=\"326\" src=\"https://www.youtube.com/embed/Xq3v9aB2kLm?feature=oembed\" frameborder=\"0\" "
         "allowfullscreen></iframe></div></figure>"
         f"<p>{escape(HEDGEHOG[1])}</p>")

SEEDSWAP = ["The Ashcombe seed swap is back at the village hall on Saturday 16 March, from ten until one, after a "
            "gap of four years.",
            "Bring any seeds you have saved or have left over, in a labelled envelope if you can, and take home "
            "whatever takes your fancy. You do not have to bring anything to take something.",
            "The gardening club will have a table of potted-up perennials for a pound each, and there will be tea, "
            "cake and advice, not necessarily in that order.",
            "If you have never saved seed before, beans and peas are the easiest place to start: leave a few pods on "
            "the plant until they rattle, then shell them and keep them somewhere dry."]
_wp(Page("/2024/03/seed-swap-at-the-village-hall/", headline="Seed swap at the village hall", lines=SEEDSWAP,
         date="2024-03-04", shape="WordPress Twenty Twenty-Four block theme: wp-block-post-content, no <article>"),
    "twentytwentyfour", "wp-embed-responsive")

TOMATOES = ["The first three tomatoes of the year came off the Gardener's Delight this afternoon, which is early for "
            "a plant that spent most of June sulking in the cold frame.",
            "They were eaten standing up, warm, with a pinch of salt, which is the only proper way."]
_wp(Page("/2013/08/first-tomatoes/", headline="First tomatoes", lines=TOMATOES, date="2013-08-02",
         shape="WordPress Twenty Thirteen: a tiny post, an About me box and a promo box with no chrome-like name"),
    "twentythirteen", "twentythirteen single-author",
    extra_after='<div class="box-note"><p>Enjoyed this post? Get new posts from Hillside Notes by email, about '
                'once a week. No spam, ever.</p><form><input type="email" placeholder="Your email address"><button>'
                "Sign me up</button></form></div>")

APPLES = ["Apple Day at the community orchard drew a bigger crowd than ever on Sunday, helped by the first dry "
          "weekend in a month.",
          "The juicing team pressed more than four hundred litres over the afternoon. Most of it went home in "
          "people's own bottles, and the rest was sold in aid of the orchard's new fence.",
          "The identification table, run by a man from the county fruit group, put names to eleven mystery trees, "
          "including a Cornish Gilliflower that nobody knew was there.",
          "Next year the plan is to graft some of the older varieties so that they are not lost when the trees "
          "finally come down."]
_wp(Page("/2019/10/apple-day/", headline="Apple Day at the orchard", lines=APPLES, date="2019-10-21",
         shape="WordPress Twenty Nineteen with Jetpack: Share this, Like this, Related"),
    "twentynineteen", "twentynineteen",
    extra_after='<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social"><h3 '
                'class="sd-title">Share this:</h3><div class="sd-content"><ul><li><a class="share-twitter" href="?'
                'share=twitter"><span>Twitter</span></a></li><li><a class="share-facebook" href="?share=facebook">'
                '<span>Facebook</span></a></li></ul></div></div></div><div class="sharedaddy sd-block sd-like '
                'jetpack-likes-widget-wrapper"><h3 class="sd-title">Like this:</h3><div class="likes-widget-'
                'placeholder">Loading...</div></div><div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-'
                'relatedposts-headline"><em>Related</em></h3><div class="jp-relatedposts-items"><p class="jp-'
                'relatedposts-post"><a href="/2012/05/the-great-compost-experiment/">The great compost experiment'
                '</a><span>In &quot;Garden&quot;</span></p></div></div>')


def _wp_build() -> None:
    for p in WP_POSTS:
        theme, body_class, kw = p._wp  # type: ignore[attr-defined]
        kw = dict(kw)
        comments = kw.pop("comments_list", None)
        body = kw.pop("body", None)
        if theme == "twentytwentyfour":  # the block theme: no <article>, a post-content block in a <main>
            p.html = (_head(f"{p.headline} – {WP}", '<meta name="generator" content="WordPress 6.4.3">')
                      + f'<body class="post-template-default single single-post {body_class}"><div class="wp-site-'
                      'blocks"><header class="wp-block-template-part"><div class="wp-block-group"><p class="wp-block'
                      f'-site-title"><a href="/" rel="home">{WP}</a></p><nav class="wp-block-navigation"><a href="/">'
                      'Home</a> <a href="/about/">About</a></nav></div></header><main class="wp-block-group"><div '
                      'class="wp-block-group"><h1 class="wp-block-post-title">' + escape(p.headline) + '</h1><div '
                      'class="wp-block-template-part"><div class="wp-block-group post-meta"><div class="wp-block-'
                      f'post-date"><time datetime="{p.date}T09:30:00+00:00">{_long_date(p.date)}</time></div><div '
                      'class="wp-block-post-author-name">by <a href="/author/maggie-thorne/">Maggie Thorne</a></div>'
                      '</div></div></div><div class="entry-content wp-block-post-content is-layout-constrained">'
                      + _ps(p.lines) + '</div><div class="wp-block-group"><div class="wp-block-post-terms">Posted in '
                      '<a href="/category/village/">Village life</a></div></div><nav class="wp-block-group">'
                      '<div class="post-navigation-link-previous"><a href="/2020/06/hedgehog-camera/">Hedgehog on '
                      'camera</a></div></nav><div class="wp-block-comments"><h2>Comments</h2>' + WP_REPLY
                      + '</div></main><footer class="wp-block-template-part"><div class="wp-block-group"><h2 class='
                      f'"wp-block-heading">{WP}</h2><p>Designed with <a href="https://wordpress.org">WordPress</a>'
                      '</p></div></footer></div></body></html>')
            continue
        p.html = _wp_page(p, theme, body_class, body=body,
                          comments=_wp_comments(p, comments) if comments else WP_REPLY, **kw)


# ------------------------------------------------------------------------------------------- Blogger
BG = "Gordon Rides Again"


def _blogger(p: Page, weekday: str, time: str, labels: list[str], body: str | None = None,
             comments: int = 0) -> str:
    return (
        _head(f"{BG}: {p.headline}", "<meta content='blogger' name='generator'><link rel='alternate' type='application"
              f"/atom+xml' title='{BG} - Atom' href='/b/feeds/posts/default'>")
        + "<body><div id='outer-wrapper'><div id='header-wrapper'><div class='header section' id='header'><div "
        f"class='widget Header'><h1 class='title'><a href='/b/'>{BG}</a></h1><p class='description'>Miles, hills and "
        "punctures on an old steel bike</p></div></div></div><div id='content-wrapper'><div id='main-wrapper'><div "
        "class='main section' id='main'><div class='widget Blog' id='Blog1'><div class='blog-posts hfeed'>"
        f"<h2 class='date-header'><span>{weekday}, {_long_date(p.date).replace(',', '')[:-5]}, {p.date[:4]}"  # type: ignore[index]
        "</span></h2><div class='date-outer'><div class='post-outer'><div class='post hentry'><a name='1'></a>"
        f"<h3 class='post-title entry-title'>{escape(p.headline)}</h3><div class='post-header'></div><div "
        f"class='post-body entry-content'>"
        f"{body if body is not None else '<br /><br />'.join(escape(t) for t in p.lines)}"
        "<div style='clear: both;'></div></div><div class='post-footer'><div class='post-footer-line post-footer-"
        f"line-1'><span class='post-author vcard'>Posted by <span class='fn'>{p.authors[0]}</span></span> <span "
        f"class='post-timestamp'>at <a class='timestamp-link' href='{p.path}' rel='bookmark'><abbr class='published' "
        f"title='{p.date}T{time}:00+01:00'>{_twelve(time)}</abbr></a></span> <span class='post-comment-link'>"
        f"</span> <span class='post-icons'><span class='item-control blog-admin'></span></span></div><div "
        "class='post-footer-line post-footer-line-2'><span class='post-labels'>Labels: " + ", ".join(
            f"<a href='/b/search/label/{t}' rel='tag'>{t}</a>" for t in labels)
        + "</span></div><div class='post-footer-line post-footer-line-3'><span class='reaction-buttons'>Reactions: "
        "<iframe class='reactions-iframe' src='about:blank'></iframe></span></div></div></div>"
        f"<div class='comments' id='comments'><a name='comments'></a><h4>{comments} comments:</h4>"
        + ("<dl id='comments-block'><dt class='comment-author'>Anonymous said...</dt><dd class='comment-body'><p>Great"
           " ride, those hills look brutal.</p></dd><dd class='comment-footer'><span class='comment-timestamp'><a "
           "href='#c1'>10:14 AM</a></span></dd></dl>" if comments else "")
        + "<p class='comment-footer'><a href='/b/comment-form'>Post a Comment</a></p></div></div></div></div>"
        "<div class='blog-pager' id='blog-pager'><span id='blog-pager-newer-link'><a class='blog-pager-newer-link' "
        "href='/b/' title='Newer Post'>Newer Post</a></span><span id='blog-pager-older-link'><a class='blog-pager-"
        "older-link' href='/b/' title='Older Post'>Older Post</a></span><a class='home-link' href='/b/'>Home</a>"
        "</div><div class='clear'></div><div class='post-feeds'><div class='feed-links'>Subscribe to: <a class='feed-"
        "link' href='/b/feeds/posts/default' target='_blank' type='application/atom+xml'>Post Comments (Atom)</a>"
        "</div></div></div></div></div><div id='sidebar-wrapper'><div class='sidebar section' id='sidebar'><div "
        "class='widget Profile' id='Profile1'><h2>About Me</h2><div class='widget-content'><a href='/b/profile'><img "
        "alt='My Photo' src='/b/me.jpg'></a><dl class='profile-datablock'><dt class='profile-data'><a class='profile-"
        "name-link' href='/b/profile' rel='author'>Gordon Pike</a></dt><dd class='profile-textblock'>Fifty-something "
        "accountant from Kendal who should know better. I ride a 1987 Raleigh with downtube shifters and write about "
        "where it takes me, mostly uphill and mostly in the rain.</dd></dl><a class='profile-link' href='/b/profile' "
        "rel='author'>View my complete profile</a></div></div><div class='widget BlogArchive' id='BlogArchive1'><h2>"
        "Blog Archive</h2><div class='widget-content'><ul class='hierarchy'><li class='archivedate expanded'><a "
        "class='toggle' href='javascript:void(0)'>▼</a> <a class='post-count-link' href='/b/'>2014</a> <span "
        "class='post-count'>(12)</span></li><li class='archivedate collapsed'><a class='post-count-link' href='/b/'>"
        "2011</a> <span class='post-count'>(23)</span></li></ul></div></div><div class='widget Label' id='Label1'>"
        "<h2>Labels</h2><div class='widget-content list-label-widget-content'><ul><li><a dir='ltr' href='/b/search/"
        "label/Cycling'>Cycling</a> <span dir='ltr'>(48)</span></li><li><a dir='ltr' href='/b/search/label/Lakes'>"
        "Lakes</a> <span dir='ltr'>(9)</span></li></ul></div></div><div class='widget Followers'><h2 class='title'>"
        "Followers</h2><div class='widget-content'>31 followers</div></div></div></div></div><div id='footer-"
        "wrapper'><div class='widget Attribution'>Powered by <a href='https://www.blogger.com'>Blogger</a>.</div>"
        "</div></div></body></html>")


def _twelve(hhmm: str) -> str:
    h, m = (int(x) for x in hhmm.split(":"))
    return f"{(h - 1) % 12 + 1}:{m:02d} {'AM' if h < 12 else 'PM'}"


BG_POSTS: list[tuple[Page, tuple]] = []


def _bg(page: Page, *args, **kw) -> Page:
    page.authors = ["Gordon Pike"]
    page.html = _blogger(page, *args, **kw)
    BG_POSTS.append((page, args))
    return _add(page)


C2C = ["Day one of the coast to coast, and it started the way these things always start: in the rain, in a car park"
       " in Whitehaven, with a bag of jelly babies and a spare inner tube that turned out to be the wrong size.",
       "The first twenty miles out along the old railway path were easy enough. After that the road turns uphill "
       "towards Ennerdale and stays that way for most of the afternoon.",
       "Whinlatter was every bit as long as people had warned me. I walked the last few hundred yards and was "
       "overtaken by a man with a child seat on the back, which did wonders for my morale.",
       "Sixty-two miles, one puncture, fish and chips in Keswick. Tomorrow it is Kirkstone, and I am trying not to "
       "think about it."]
_bg(Page("/b/2007/06/coast-to-coast-day-one.html", headline="Coast to coast, day one", lines=C2C, date="2007-06-16",
         shape="Blogger Minima (2007): <br>-separated post, Posted by at, Labels, Reactions, About Me profile"),
    "Saturday", "22:32", ["Cycling", "Lakes"], comments=1)
FROZEN = ["Roads frozen solid again this morning so the bike stays in the shed. Fourth day running. I have "
          "cleaned the chain twice out of sheer boredom."]
_bg(Page("/b/2009/01/frozen-again.html", headline="Frozen again", lines=FROZEN, date="2009-01-08",
         shape="Blogger: a 25-word post, shorter than its About Me profile"), "Thursday", "07:51", ["Cycling"])
WHEELS = ["After eleven years and something like forty thousand miles, the old wheels are finally retired. The rear "
          "rim had worn so thin at the braking surface that you could see light through it.",
          "The new ones were built by the chap at the shop in Staveley, who took one look at the old hubs and asked "
          "whether I wanted them back for sentimental reasons. I did.",
          "First ride on them this evening, out to Sedbergh and back over the Howgills road. They are stiffer and "
          "quieter, and the bike feels about ten years younger, which is more than can be said for the rider."]
_bg(Page("/b/2011/08/new-wheels.html", headline="New wheels", lines=WHEELS, date="2011-08-23",
         shape="Blogger (2011): paragraphs in <div>s, Labels, a Followers widget"),
    "Tuesday", "21:05", ["Cycling"], body="".join(f"<div>{escape(t)}</div><div><br /></div>" for t in WHEELS))
COL = ["Made it to the top of Hardknott at the third attempt. The first two ended in the usual way, pushing, at the "
       "thirty per cent hairpin.",
       "This time I went up at eight in the morning when there was nobody coming down, and took the hairpin wide on "
       "the wrong side of the road. I would not recommend it, but it worked.",
       "The view from the top was worth every bit of it: the whole of Eskdale laid out below and the sea a silver "
       "line beyond it."]
_bg(Page("/b/2014/05/the-col-at-last.html", headline="Hardknott at last", lines=COL, date="2014-05-25",
         shape="Blogger Simple (2014): a photo with a caption table above the text"),
    "Sunday", "18:20", ["Cycling", "Lakes"],
    body="<div class='separator' style='clear: both; text-align: center;'><a href='/b/img/hardknott.jpg' style="
         "'margin-left: 1em; margin-right: 1em;'><img border='0' height='240' src='/b/img/hardknott-s.jpg' width="
         "'320'></a></div><table class='tr-caption-container' align='center'><tbody><tr><td><img src='/b/img/x.gif'>"
         "</td></tr><tr><td class='tr-caption'>The top, finally</td></tr></tbody></table>"
         + "".join(f"<p>{escape(t)}</p>" for t in COL))

# ------------------------------------------------------------------------------------------- LiveJournal
LJ_POSTS: list[Page] = []


def _lj_entry(p: Page, when: str, mood: str, music: str, tags: list[str], comments: int) -> str:
    return (f"<div class='entry'><div class='entry-header'><span class='ljuser' lj:user='ravenwood'><a href='/lj/'>"
            f"<b>ravenwood</b></a></span> <div class='subject'><a href='{p.path}'>{escape(p.headline)}</a></div>"
            f"<div class='datetime'>{when}</div></div><div class='entry-text'>"
            + "<br /><br />".join(escape(t) for t in p.lines)
            + f"<br /><br /><span class='currents'><b>Current mood:</b> {mood}<br /><b>Current music:</b> {music}"
            "</span></div><div class='ljtags'><b>Tags:</b> " + ", ".join(
                f"<a rel='tag' href='/lj/tag/{t}'>{t}</a>" for t in tags)
            + f"</div><ul class='entry-interaction-links'><li><a href='{p.path}?mode=reply'>Leave a comment</a></li>"
            f"<li><a href='{p.path}#comments'>{comments} comments</a></li><li><a href='{p.path}'>Link</a></li></ul>"
            "</div>")


def _lj(page: Page, *args) -> Page:
    page.authors = ["ravenwood"]
    page.html = (_head(f"ravenwood: {page.headline}", "<meta name='description' content='ravenwood - LiveJournal'>")
                 + "<body><div id='lj_controlstrip'><a href='/lj/login'>Login</a> <a href='/lj/create'>Create a "
                 "LiveJournal Account</a> <a href='/lj/'>Explore LJ</a></div><div id='header'><h1>ravenwood's "
                 "journal</h1><p>Recent Entries · Archive · Friends · User Info</p></div><div id='content'>"
                 + _lj_entry(page, *args) + "</div><div id='footer'>Powered by LiveJournal.com</div></body></html>")
    LJ_POSTS.append(page)
    page._lj = args  # type: ignore[attr-defined]
    return _add(page)


MOVE = ["So that is it, the last box is out of the flat on Argyle Street and the keys have gone back to the "
        "letting agent, who inspected the oven with a torch as if expecting to find a body in it.",
        "Six years in that place. I will not miss the damp in the bathroom or the man upstairs who practised the "
        "bagpipes on Sunday mornings, but I will miss the view of the railway yards at night, all those orange "
        "lights.",
        "The new place is smaller and quieter and has a garden the size of a tablecloth. The cat has spent the whole "
        "day under the bed and I am inclined to join her."]
_lj(Page("/lj/84211.html", headline="Moving day", lines=MOVE, date="2006-04-02",
         shape="LiveJournal (2006): ljuser, Current mood/music, Tags, Leave a comment"),
    "Apr. 2nd, 2006 | 09:12 pm", "exhausted", "Belle and Sebastian - Piazza, New York Catcher", ["moving", "cat"], 7)
EXAM = ["Last exam done. Three hours on medieval trade routes and I wrote the word Hanseatic more times than anyone "
        "ever should. Going to sleep until Thursday."]
_lj(Page("/lj/84562.html", headline="Done", lines=EXAM, date="2006-06-09",
         shape="LiveJournal: a post of 31 words"), "Jun. 9th, 2006 | 04:40 pm", "relieved", "the kettle",
    ["uni"], 12)

# ------------------------------------------------------------------------------------------- Tumblr
TB = "harbourlight"
TB_POSTS: list[Page] = []


def _tumblr_post(p: Page, kind: str, inner: str, notes: int) -> str:
    return (f"<article class='post {kind}'><div class='post-content'>{inner}</div><div class='post-meta'><a href="
            f"'{p.path}' class='date'>{_long_date(p.date)}</a> <a href='{p.path}#notes' class='notes'>{notes} notes"
            "</a> <a href='/t/tagged/harbour' class='tag'>#harbour</a> <a href='/t/tagged/evening' class='tag'>"
            "#evening</a> <a class='reblog' href='https://www.tumblr.com/reblog/1'>Reblog</a></div></article>")


def _tb(page: Page, kind: str, inner: str, notes: int) -> Page:
    post = _tumblr_post(page, kind, inner, notes)
    page._tb = post  # type: ignore[attr-defined]
    page.html = (_head(f"{TB}" + (f" — {page.headline}" if page.headline else ""),
                       f"<meta property='og:type' content='tumblr-feed:{kind}'><meta property='og:title' content="
                       f"'{escape(page.headline)}'><meta name='twitter:site' content='tumblr'>"
                       f"<meta property='article:published_time' content='{page.date}T20:11:00Z'>")
                 + f"<body><header><h1><a href='/t/'>{TB}</a></h1><p class='description'>evenings, water, "
                 "things that float</p><nav><a href='/t/archive'>Archive</a> <a href='/t/ask'>Ask me anything</a> "
                 f"<a href='/t/rss'>RSS</a></nav></header><main>{post}</main><footer><a href='/t/'>{TB}</a> · "
                 "Theme by someone · Powered by Tumblr</footer><div class='tumblr_controls'><a href='https://www."
                 "tumblr.com/follow/harbourlight'>Follow</a> <a href='https://www.tumblr.com/register'>Sign up</a>"
                 "</div></body></html>")
    TB_POSTS.append(page)
    return _add(page)


TRAINS = ["Every train out of the city was forty minutes late tonight because of a signal fault somewhere past the "
          "river, so the whole platform just stood there together watching the boards.",
          "A woman next to me started handing out satsumas from her shopping bag. By the time the train came half "
          "of us were peeling them and talking, which has never happened on that platform before and probably never "
          "will again."]
_tb(Page("/t/post/98765432101/late-trains", headline="Late trains", lines=TRAINS, date="2013-11-14",
         shape="Tumblr text post"), "text", f"<h2 class='title'>Late trains</h2>{_ps(TRAINS)}", 42)
QUOTE = ["“The sea does not care how long you have been standing on the shore. It comes in when it comes in.”",
         "— my grandfather, every single time we missed the tide"]
_tb(Page("/t/post/98765432102", headline="", lines=QUOTE, date="2013-12-01",
         shape="Tumblr quote post (no title: the headline is the quote's start as the page's og:title says)"),
    "quote", f"<blockquote class='quote'><p>{escape(QUOTE[0])}</p></blockquote><p class='source'>{escape(QUOTE[1])}"
             "</p>", 311)
QUOTE_HEAD = "“The sea does not care how long you have been standing on the shore."
ARTICLES[-1].headline = QUOTE_HEAD
ARTICLES[-1].html = ARTICLES[-1].html.replace("content=''", f"content='{escape(QUOTE_HEAD)}'").replace(
    f"<title>{TB}</title>", f"<title>{TB} — {escape(QUOTE_HEAD)}</title>")
DUSK = ["The harbour at dusk from the end of the north pier, ten minutes after the fishing boats came in. The gulls "
        "had already given up on them."]
_tb(Page("/t/post/98765432103/harbour-at-dusk", headline="The harbour at dusk", lines=DUSK, date="2014-02-19",
         shape="Tumblr photo post with a caption of one sentence"), "photo",
    "<figure class='photo'><img src='/t/img/tumblr_n1abc.jpg' alt='' width='500'></figure><div class='caption'>"
    f"<p><b>The harbour at dusk</b></p><p>{escape(DUSK[0])}</p></div>", 87)
# the photo post's caption line "The harbour at dusk" is its title (og:title), not a body line

# ------------------------------------------------------------------------------------------- Movable Type / Typepad
NIGHTBUS = ["The night bus from the centre is the only place in this city where everybody talks to everybody. Tonight"
            " it was a nurse coming off a late shift, two students arguing about a film, and a man with a fishing "
            "rod who would not say where he was going.",
            "The driver, who has done the route for nineteen years, says Friday is the worst and Tuesday the "
            "strangest. He would not explain what he meant by strangest.",
            "I got off at the top of the hill at ten past two. The man with the fishing rod stayed on."]
MT_POSTS: list[Page] = []


def _mt(page: Page, when: str) -> Page:
    page.authors = ["Colin Marsh"]
    entry = (f"<h2 class='date-header'>{_long_date(page.date)}</h2><div class='entry' id='entry-1174'><h3 class="
             f"'entry-header'>{escape(page.headline)}</h3><div class='entry-content'><div class='entry-body'>"
             + _ps(page.lines) + "</div></div><p class='entry-footer'><span class='post-footers'>Posted by Colin "
             f"Marsh at {when}</span> <span class='separator'>|</span> <a class='permalink' href='{page.path}'>"
             "Permalink</a> | <a href='" + page.path + "#comments'>Comments (3)</a> | <a href='" + page.path
             + "#trackbacks'>TrackBack (0)</a></p></div>")
    page._mt = entry  # type: ignore[attr-defined]
    page.html = (_head(f"The Night Bus: {page.headline}", "<meta name='generator' content='Movable Type 3.2'>"
                       "<link rel='alternate' type='application/atom+xml' href='/mt/atom.xml'>")
                 + "<body class='layout-two-column-right'><div id='container'><div id='banner'><h1 id='banner-"
                 "header'><a href='/mt/' accesskey='1'>The Night Bus</a></h1><h2 id='banner-description'>Notes from "
                 "the last bus home</h2></div><div id='pagebody'><div id='alpha'>"
                 + f"<p class='content-nav'><a href='/mt/'>Main</a></p>{entry}<div class='trackbacks'><h3 id="
                 "'trackbacks-header'>TrackBack</h3><div class='trackbacks-info'><p>TrackBack URL for this entry:"
                 "<br />/mt-tb.cgi/1174</p></div></div><div class='comments'><h3 class='comments-header'>Comments"
                 "</h3><div class='comment' id='comment-1'><div class='comment-content'><p>Tuesday strangest. I "
                 "believe it.</p></div><p class='comment-footer'>Posted by: Fee | November 19, 2005 10:02 AM</p>"
                 "</div></div><div class='comments-open'><h2 class='comments-open-header'>Post a comment</h2><form>"
                 "<label>Name:</label><input><label>Remember personal info?</label><input type='checkbox'><label>"
                 "Comments:</label><textarea></textarea><input type='submit' value='Preview'><input type='submit' "
                 "value='Post'></form></div></div><div id='beta'><div class='module-search module'><h2 class='module"
                 "-header'>Search</h2><form><input name='search'></form></div><div class='module-archives module'>"
                 "<h2 class='module-header'>Archives</h2><div class='module-content'><ul class='module-list'><li><a "
                 "href='/mt/archives.html'>All entries</a></li></ul></div></div><div class='module-syndicate "
                 "module'><div class='module-content'><a href='/mt/atom.xml'>Subscribe to this blog's feed</a><br />"
                 "Powered by Movable Type 3.2</div></div></div></div></div></body></html>")
    MT_POSTS.append(page)
    return _add(page)


_mt(Page("/mt/archives/2005/11/the-night-bus.html", headline="The night bus", lines=NIGHTBUS, date="2005-11-18",
         shape="Movable Type 3 default: entry-body, Posted by at | Permalink | Comments | TrackBack, Post a comment"),
    "November 18, 2005 02:31 AM")
BUDGET = ["Budget day, and the chancellor's speech had the usual thing buried on page nine of the red book: the "
          "threshold for the lower rate is frozen again, which means more people pay more without anybody saying "
          "the words tax rise.",
          "For a household on an average wage the difference this year is about forty pounds. Next year, if prices "
          "keep going the way they are, it will be closer to a hundred.",
          "None of this was in the speech itself, of course. It never is."]
TP = ("<body class='layout-two-column-right'><div id='container'><div id='container-inner'><div id='banner'><div "
      "id='banner-inner'><h1 id='banner-header'><a href='/tp/'>Counting House</a></h1><h2 id='banner-description'>"
      "Money, tax and other people's budgets</h2></div></div><div id='pagebody'><div id='pagebody-inner'><div "
      "id='alpha'><div id='alpha-inner'>")
_add(Page("/tp/2008/03/budget-day.html", headline="Budget day, page nine", lines=BUDGET, date="2008-03-12",
          authors=["Helen Crane"],
          shape="Typepad (2008): entry-body, Posted by on in | Permalink | Comments, TrackBack",
          html=_head("Counting House: Budget day, page nine",
                     "<meta name='generator' content='http://www.typepad.com/'>") + TP
          + "<h2 class='date-header'>March 12, 2008</h2><div class='entry-category-politics entry' id='entry-4499'>"
          "<h3 class='entry-header'>Budget day, page nine</h3><div class='entry-content'><div class='entry-body'>"
          + _ps(BUDGET) + "</div></div><div class='entry-footer'><p class='entry-footer-info'><span class='post-"
          "footers'>Posted by Helen Crane on March 12, 2008 at 04:15 PM in <a href='/tp/politics/'>Politics</a></span>"
          " <span class='separator'>|</span> <a class='permalink' href='/tp/2008/03/budget-day.html'>Permalink</a> |"
          " <a href='#comments'>Comments (2)</a></p><div class='entry-share'><a href='/tp/digg'>Digg This</a> | <a "
          "href='/tp/save'>Save to del.icio.us</a></div></div></div><div class='comments' id='comments'><h3 class="
          "'comments-header'>Comments</h3><div class='comments-content'><div class='comment'><div class='comment-"
          "content'><p>Forty pounds is a week's shopping for some of us.</p></div><p class='comment-footer'>Posted by:"
          " <a href='/tp/'>Jo</a> | March 12, 2008 at 06:01 PM</p></div></div></div><div class='comments-open'><h2 "
          "class='comments-open-header'>Post a comment</h2><p>Comments are moderated, and will not appear until "
          "the author has approved them.</p></div></div></div><div id='beta'><div class='module-typelist module'><h2"
          " class='module-header'>Recent Posts</h2><ul><li><a href='/tp/'>Counting House</a></li></ul></div><div "
          "class='module-powered module'><div class='module-content'>Powered by <a href='https://www.typepad.com/'>"
          "TypePad</a></div></div></div></div></div></div></div></body></html>"))

TIDE = ["The tide tables for next year are out, and the spring tides fall on weekends more often than not.",
        "Good news for the cockle pickers, bad news for anyone who parks on the slipway.",
        "Check before you go."]
PRINTS = ["Low Water", "The Estuary Year", "Mudlarks", "Salt Marsh Days", "Pilot Cutter", "The Lighthouse Keepers",
          "Sandbanks", "Wading Birds", "The Ferryman", "Harbour Walls", "Ebb and Flow", "Fog Signals"]
"""A Typepad sidebar's book list: each title a row of a layout table, with a hidden layer of shops (dragnet's
2012 blogs set their author's books this way, far longer than a post of three lines)."""


def _shop_layer(n: int, title: str) -> str:
    return (f"<div id='InfoLayer{n}' style='position:absolute; visibility: hidden'><div><p>Buy <span class="
            f"'booktitle'>{escape(title)}</span> now from these online sellers:</p><ul class='booksitelist'>"
            + "".join(f"<li><a href='/tp2/shop/{n}/{shop}'>{shop}</a></li>" for shop in ("bookshop", "readers",
                                                                                       "harbour-books"))
            + "</ul><p>Find it at a shop near you:</p><form><input name='postcode'></form></div></div>")


TP_BOOKS = ("<div class='module-typelist module'><h2 class='module-header'>MY BOOKS</h2><div class='typelist-plain "
            "module-content'><ul class='module-list'><li class='module-list-item'><table cellpadding=0 cellspacing=0"
            " border=0 width='130'><tr><td><table cellpadding=0 cellspacing=0 border=0 width=150><tr><td colspan=4>"
            "<strong>Ruth Penhale has written twelve books about the estuary and the people who work on it</strong>"
            "<br><br><a href='/tp2/books.html'>Every shop that stocks them</a><br><hr><a href='/tp2/extras.html'>"
            "Extras</a><br></td></tr>"
            + "".join(f"<tr><td><img src='/tp2/spacer.gif' width=1 height=1 alt='Image'></td><td valign=top><img "
                      f"src='/tp2/bullet.gif' alt='Image'></td><td width=3><img src='/tp2/spacer.gif' alt='Image'>"
                      f"</td><td valign=top><a href='/tp2/books.html' class='bookpurchase'>{escape(title)}</a><br>"
                      f"{_shop_layer(n, title)}</td></tr>" for n, title in enumerate(PRINTS))
            + "</table></td></tr></table></li></ul></div></div>")
TP2_NAV = ("<p class='content-nav'><a href='/tp2/2012/07/slipway.html'>&laquo; The slipway at Polwenna after the "
           "storm</a> | <a href='/tp2/'>Blog Home</a> | <a href='/tp2/2012/07/fog.html'>Fog again on the estuary "
           "&raquo;</a></p>")
"""The post's neighbours above and below it: a line of 14 words that ends in a guillemet, prose by its shape."""
_add(Page("/tp2/2012/07/tide-tables.html", headline="Tide tables", lines=TIDE, date="2012-07-12",
          authors=["Ruth Penhale"],
          shape="Typepad two-column-left (2012): a three-line post beside a sidebar whose book list is a layout table "
          "longer than the post",
          html=_head("Estuary Notes: Tide tables", "<meta name='generator' content='http://www.typepad.com/'>")
          + "<body class='layout-two-column-left'><div id='container'><div id='container-inner' class='pkg'><div "
          "id='banner'><div id='banner-inner' class='pkg'><h1 id='banner-header'><a href='/tp2/'>Estuary Notes</a>"
          "</h1><h2 id='banner-description'>Ruth Penhale on tides, boats and the people of the estuary</h2></div>"
          "</div><div id='pagebody'><div id='pagebody-inner' class='pkg'><div id='alpha'><div id='alpha-inner' "
          "class='pkg'><div class='module-archives module'><h2 class='module-header'>Free updates by email</h2><div "
          "class='module-content'><form><input name='email'><input type='submit' value='Subscribe'></form></div>"
          "</div>" + TP_BOOKS + "<div class='module-archives module'><h2 class='module-header'>Archives</h2><div "
          "class='module-content'><ul class='module-list'>" + "".join(
              f"<li><a href='/tp2/2012/{m:02d}/'>{MONTHS[m - 1]} 2012</a></li>" for m in range(7, 0, -1))
          + "</ul></div></div><div class='module-powered module'><div class='module-content'>Blog powered by "
          "<a href='https://www.typepad.com/'>TypePad</a></div></div></div></div><div id='beta'><div id='beta-inner'"
          " class='pkg'>" + TP2_NAV + "<div class='entry' "
          "id='entry-6a00d8345'><h3 class='entry-header'>Tide tables</h3><div class='entry-content'><div "
          "class='entry-body'>" + _ps(TIDE) + "</div></div><div class='entry-footer'><p class='entry-footer-info'>"
          "Posted by Ruth Penhale on July 12, 2012 | <a class='permalink' href='/tp2/2012/07/tide-tables.html'>"
          "Permalink</a></p></div></div><div class='trackbacks'><h3 class='trackbacks-header'>TrackBack</h3><div "
          "class='trackbacks-info'><p>TrackBack URL for this entry:<br>/tp2/services/trackback/6a00d8345</p><p>Listed"
          " below are links to weblogs that reference Tide tables:</p></div></div>" + TP2_NAV
          + "</div></div></div></div></div></div></body></html>"))

# ------------------------------------------------------------------------------------------- Drupal 7
DV = "Brindle Valley News"


def _drupal(nid: int, p: Page, submitted: str, extra_field: str = "") -> str:
    return (_head(f"{p.headline} | {DV}", '<meta name="Generator" content="Drupal 7 (http://drupal.org)">'
                  f'<link rel="canonical" href="/d/node/{nid}"><link rel="shortlink" href="/d/node/{nid}">')
            + '<body class="html not-front not-logged-in one-sidebar sidebar-first page-node page-node- page-node-'
            f'{nid} node-type-article"><div id="skip-link"><a href="#main-content" class="element-invisible element-'
            'focusable">Skip to main content</a></div><div id="page-wrapper"><div id="page"><div id="header"><div '
            f'class="section clearfix"><a href="/d/" title="Home" rel="home" id="logo"><img src="/d/logo.png" '
            f'alt="Home"></a><div id="name-and-slogan"><div id="site-name"><strong><a href="/d/">{DV}</a></strong>'
            '</div><div id="site-slogan">News from the valley, by the valley</div></div></div></div><div id="main-'
            'wrapper"><div id="main" class="clearfix"><div id="content" class="column"><div class="section"><a id='
            f'"main-content"></a><h1 class="title" id="page-title">{escape(p.headline)}</h1><div class="region region-'
            f'content"><div id="block-system-main" class="block block-system"><div class="content"><div id="node-{nid}"'
            ' class="node node-article node-promoted clearfix" about="/d/node/' + str(nid) + '" typeof="sioc:Item '
            'foaf:Document"><div class="meta submitted"><span property="dc:date dc:created" content="'
            f'{p.date}T10:21:00+00:00" datatype="xsd:dateTime">Submitted by <span class="username">{p.authors[0]}'
            f'</span> on {submitted}</span></div><div class="content clearfix"><div class="field field-name-body '
            'field-type-text-with-summary field-label-hidden"><div class="field-items"><div class="field-item even" '
            f'property="content:encoded">{_ps(p.lines)}</div></div></div>{extra_field}</div><ul class="links inline">'
            '<li class="comment-add first last"><a href="/d/comment/reply/' + str(nid) + '#comment-form">Add new '
            'comment</a></li></ul></div></div></div></div></div></div><div id="sidebar-first" class="column sidebar">'
            '<div class="section"><div class="region region-sidebar-first"><div id="block-user-login" class="block '
            'block-user"><h2>User login</h2><div class="content"><form><div class="form-item"><label>Username '
            '</label><input></div><div class="form-item"><label>Password </label><input type="password"></div><div '
            'class="item-list"><ul><li class="first"><a href="/d/user/register">Create new account</a></li><li '
            'class="last"><a href="/d/user/password">Request new password</a></li></ul></div></form></div></div>'
            '<div id="block-block-1" class="block block-block"><div class="content"><p>Brindle Valley News is run by '
            'volunteers from the three villages of the valley. If you have a story, a photograph or a complaint, we '
            'would love to hear from you: come and find us at the Tuesday market.</p></div></div></div></div></div>'
            '</div></div><div id="footer-wrapper"><div class="section"><div class="region region-footer"><div id='
            '"block-system-powered-by" class="block block-system"><div class="content"><span>Powered by <a href='
            '"https://www.drupal.org">Drupal</a></span></div></div></div></div></div></div></div></body></html>')


BRIDGE = ["The footbridge over the Brindle at Low Mill will close for six weeks from Monday 4 April while its timber "
          "deck is replaced.",
          "The county council says the deck has rotted through in several places since it was last renewed in "
          "1998, and that a temporary repair last winter did not last.",
          "Walkers on the valley path will be sent along the road through Nether Brindle, a detour of about half a "
          "mile. The council has promised temporary signs at both ends.",
          "Parents at Low Mill primary, many of whom use the bridge on the school run, have asked whether the work "
          "could be done in the Easter holidays instead."]
_add(Page("/d/node/412", headline="Low Mill footbridge to close for six weeks", lines=BRIDGE, date="2016-03-15",
          authors=["Ellen Dacre"], shape="Drupal 7 Bartik: node, field-item, Submitted by on, a promo block with "
          "no chrome-like name in the sidebar",
          html=""))
ARTICLES[-1].html = _drupal(412, ARTICLES[-1], "Tue, 03/15/2016 - 10:21",
                            '<div class="field field-name-field-tags field-type-taxonomy-term-reference field-label-'
                            'above"><div class="field-label">Tags:&nbsp;</div><div class="field-items"><div class='
                            '"field-item even"><a href="/d/taxonomy/term/7" typeof="skos:Concept">Roads</a></div>'
                            "</div></div>")
SHOW = ["The Brindle Valley show is cancelled this year after heavy rain left the showground at Top Farm under water. "
        "Organisers hope to hold it again next August."]
_add(Page("/d/node/418", headline="Valley show cancelled", lines=SHOW, date="2016-07-29", authors=["Ellen Dacre"],
          shape="Drupal 7: a brief of 28 words", html=""))
ARTICLES[-1].html = _drupal(418, ARTICLES[-1], "Fri, 07/29/2016 - 18:02")

# ------------------------------------------------------------------------------------------- Joomla
MC = "Marlow Cross Community"


def _joomla(p: Page, slug: str, published: str, hits: int) -> str:
    return (_head(f"{p.headline} - {MC}", '<meta name="generator" content="Joomla! - Open Source Content '
                  'Management">')
            + '<body class="site com_content view-article no-layout no-task itemid-101"><div class="body"><div '
            f'class="container"><header class="header"><a class="brand pull-left" href="/j/"><span class="site-title"'
            f'>{MC}</span></a><div class="header-search pull-right"><form><input name="searchword" placeholder='
            '"Search ..."></form></div></header><nav class="navigation"><ul class="nav menu nav-pills"><li class='
            '"item-101 current active"><a href="/j/index.php/news">News</a></li><li class="item-102"><a href="/j/'
            'index.php/events">Events</a></li><li class="item-103"><a href="/j/index.php/contact">Contact us</a></li>'
            '</ul></nav><div class="row-fluid"><main id="content" class="span9"><div id="system-message-container">'
            '</div><div class="item-page" itemscope itemtype="https://schema.org/Article"><meta itemprop="inLanguage"'
            ' content="en-GB"><div class="page-header"><h2 itemprop="headline">' + escape(p.headline) + '</h2></div>'
            '<div class="btn-group pull-right"><a class="btn dropdown-toggle" href="#">Tools</a><ul class="dropdown-'
            'menu"><li class="print-icon"><a href="?tmpl=component&amp;print=1">Print</a></li><li class="email-icon">'
            '<a href="/j/index.php/component/mailto/">Email</a></li></ul></div><dl class="article-info muted"><dt '
            'class="article-info-term">Details</dt><dd class="createdby" itemprop="author" itemscope itemtype='
            f'"https://schema.org/Person">Written by <span itemprop="name">{p.authors[0]}</span></dd><dd class='
            f'"category-name">Category: <a href="/j/index.php/news" itemprop="genre">News</a></dd><dd class='
            '"published">'
            f'<span class="icon-calendar"></span><time datetime="{p.date}T09:00:00+00:00" itemprop="datePublished">'
            f'Published: {published}</time></dd><dd class="hits"><span class="icon-eye-open"></span><meta itemprop='
            f'"interactionCount" content="UserPageVisits:{hits}">Hits: {hits}</dd></dl><div itemprop="articleBody">'
            + _ps(p.lines) + '</div><ul class="pager pagenav"><li class="previous"><a href="/j/index.php/news" rel='
            '"prev"><span class="icon-chevron-left"></span> Prev</a></li><li class="next"><a href="/j/index.php/news"'
            ' rel="next">Next <span class="icon-chevron-right"></span></a></li></ul></div></main><div id="aside" '
            'class="span3"><div class="well "><h3 class="page-header">Who we are</h3><div class="custom"><p>Marlow '
            'Cross Community is a residents\' group for the streets between the canal and the ring road. We meet on '
            'the first Wednesday of every month at the Scout hut, and everyone is welcome.</p></div></div><div '
            'class="well "><h3 class="page-header">Login Form</h3><form><input name="username"><input name="password"'
            ' type="password"><button>Log in</button></form><ul class="unstyled"><li><a href="/j/reset">Forgot your '
            'password?</a></li></ul></div></div></div></div></div><footer class="footer"><div class="container"><p '
            f'class="pull-right"><a href="#top" id="back-top">Back to Top</a></p><p>&copy; 2014 {MC}</p></div>'
            "</footer></body></html>")


LIBRARY = ["The branch library on Canal Street will open on Saturday afternoons again from next month, after the "
           "residents' group agreed to provide volunteers to help staff it.",
           "The library lost its Saturday afternoon opening in the cuts of 2011. Since then the only weekend service "
           "has been a three-hour morning session, which many working families said was too early.",
           "Twelve volunteers have signed up so far. They will shelve books, help people use the computers and run "
           "a rhyme time for under-fives, while a member of the council's staff stays on duty.",
           "Anyone who would like to help can leave their name at the library desk."]
_add(Page("/j/index.php/news/34-library-saturday-afternoons", headline="Library to open on Saturday afternoons",
          lines=LIBRARY, date="2014-03-12", authors=["Tom Ashworth"],
          shape="Joomla 3 Protostar: item-page, Details, Written by, Published, Hits, a 'Who we are' well", html=""))
ARTICLES[-1].html = _joomla(ARTICLES[-1], "34-library-saturday-afternoons", "12 March 2014", 123)
LIGHTS = ["New street lights went up on Towpath Lane this week, two years after residents first complained that the "
          "stretch by the lock was too dark to walk after six o'clock.",
          "The council says the lights are the low-glare kind, to avoid disturbing the bats that roost under the "
          "lock bridge."]
_add(Page("/j/index.php/news/36-towpath-lane-lights", headline="Towpath Lane gets its lights", lines=LIGHTS,
          date="2014-11-04", authors=["Tom Ashworth"], shape="Joomla 3: a two-paragraph item", html=""))
ARTICLES[-1].html = _joomla(ARTICLES[-1], "36-towpath-lane-lights", "04 November 2014", 57)

# ------------------------------------------------------------------------------------------- Ghost
KITCHEN = ["Our kitchen is two metres by three, with one window, four cupboards and an oven that runs thirty degrees "
           "hot. For five years I have cooked for a family of four in it, and I have learned a few things.",
           "The first is that you cannot have gadgets. Every machine that does one thing takes up space that could "
           "hold a pan that does ten. The bread maker went first, then the juicer, then the slow cooker, and I have "
           "not missed any of them.",
           "The second is that you wash up as you go, always, or there is nowhere to put the next thing down.",
           "The third is that a small kitchen is a sociable kitchen. Nobody can cook in ours without somebody else "
           "leaning in the doorway, talking, and getting handed a knife and an onion."]
_add(Page("/g/notes-on-a-small-kitchen/", headline="Notes on a small kitchen", lines=KITCHEN, date="2018-10-02",
          authors=["Priya Nair"], shape="Ghost Casper (2018): gh-content, a subscribe form, an author card with a bio",
          html=_head("Notes on a small kitchen", '<meta name="generator" content="Ghost 2.2"><meta property="og:type" '
                     'content="article"><meta property="article:published_time" content="2018-10-02T07:30:00.000Z">'
                     + _jsonld({"@context": "https://schema.org", "@type": "Article", "publisher": {
                         "@type": "Organization", "name": "Small Kitchen"}, "author": {
                         "@type": "Person", "name": "Priya Nair"}, "headline": "Notes on a small kitchen",
                         "datePublished": "2018-10-02T07:30:00.000Z"}))
          + '<body class="post-template"><div class="site-wrapper"><header class="site-header outer"><nav class="site'
          '-nav"><a class="site-nav-logo" href="/g/">Small Kitchen</a><ul class="nav"><li><a href="/g/">Home</a></li>'
          '<li><a href="/g/tag/recipes/">Recipes</a></li></ul><a class="subscribe-button" href="#subscribe">Subscribe'
          '</a></nav></header><main id="site-main" class="site-main outer"><div class="inner"><article class="post-full'
          ' post"><header class="post-full-header"><section class="post-full-meta"><time class="post-full-meta-date" '
          'datetime="2018-10-02">2 October 2018</time> <span class="date-divider">/</span> <a href="/g/tag/life/">'
          'Life</a></section><h1 class="post-full-title">Notes on a small kitchen</h1></header><section class="post-'
          'full-content"><div class="post-content">' + _ps(KITCHEN) + '</div></section><section class="subscribe-'
          'form"><h3 class="subscribe-form-title">Subscribe to Small Kitchen</h3><p>Get the latest posts delivered '
          'right to your inbox</p><form><input type="email" placeholder="youremail@example.com"><button>Subscribe'
          '</button></form></section><footer class="post-full-footer"><section class="author-card"><img class="author-'
          'profile-image" src="/g/priya.jpg" alt="Priya Nair"><section class="author-card-content"><h4 class="author-'
          'card-name"><a href="/g/author/priya/">Priya Nair</a></h4><p>Cook, mother of two, and owner of the smallest '
          'kitchen in Leith. I write about feeding people well in not much space and not much time.</p></section>'
          '</section><div class="post-full-footer-right"><a class="author-card-button" href="/g/author/priya/">Read '
          'More</a></div></footer></article></div></main><aside class="read-next outer"><div class="inner"><div class='
          '"read-next-feed"><article class="read-next-card"><header class="read-next-card-header"><small>More in'
          '</small>'
          '<h3><a href="/g/tag/life/">Life</a></h3></header><div class="read-next-card-content"><ul><li><a href="/g/">'
          'A cupboard of tins</a></li></ul></div></article></div></div></aside><footer class="site-footer outer"><div '
          'class="site-footer-content inner"><section class="copyright"><a href="/g/">Small Kitchen</a> &copy; 2018'
          '</section><nav class="site-footer-nav"><a href="/g/">Latest Posts</a> <a href="https://ghost.org">Ghost'
          '</a></nav></div></footer></div></body></html>'))

# ------------------------------------------------------------------------------------------- Substack / Medium
DESK = ["I spent nineteen years on the news desk of a regional paper, and last month I left. People keep asking why, "
        "so here is the long answer, or at least the start of it.",
        "It was not the money, though the money was bad and getting worse. It was that the job had turned into "
        "feeding a website that measured everything and valued nothing, where a story about a council budget that "
        "took a week to report counted for less than a picture of a dog in a hat.",
        "I do not think the people who ran it were bad people. They were doing what the numbers told them to do, "
        "and the numbers were all they had left.",
        "This newsletter is my attempt to do the other kind of work: slow, local, and paid for by the people who "
        "read it."]
_add(Page("/s/p/why-i-left-the-newsroom", headline="Why I left the newsroom", lines=DESK, date="2021-04-19",
          authors=["Ruth Ellery"], shape="Substack: a subtitle, likes and comments counts, Share, Subscribe boxes "
          "inside and after the post",
          html=_head("Why I left the newsroom - by Ruth Ellery - The Long Desk",
                     '<meta property="og:type" content="article"><meta name="author" content="Ruth Ellery">'
                     + _jsonld({"@context": "https://schema.org", "@type": "NewsArticle", "headline":
                                "Why I left the newsroom", "datePublished": "2021-04-19T06:00:00+00:00",
                                "author": [{"@type": "Person", "name": "Ruth Ellery"}], "publisher": {
                                    "@type": "Organization", "name": "The Long Desk"}}))
          + '<body><div id="entry"><div class="topbar"><a href="/s/" class="navbar-title-link">The Long Desk</a><button'
          ' class="button primary subscribe-btn">Subscribe</button><a href="/s/signin">Sign in</a></div><div class='
          '"single-post-container"><article class="typography newsletter-post post"><div class="post-header"><h1 '
          'class="post-title">Why I left the newsroom</h1><h3 class="subtitle">Nineteen years, one desk, and a dog in '
          'a hat</h3><div class="post-meta"><div class="profile-hover-card-target"><a href="/s/profile/ruth">Ruth '
          'Ellery</a></div><div class="post-date" title="Apr 19, 2021">Apr 19, 2021</div></div><div class="post-ufi">'
          '<a class="like-button"><span class="label">214</span></a><a class="comment-button" href="/s/p/why-i-left-'
          'the-newsroom/comments"><span class="label">38</span></a><a class="share-button"><span class="label">Share'
          '</span></a></div></div><div class="available-content"><div class="body markup">' + _ps(DESK[:2])
          + '<div class="subscription-widget-wrap"><div class="subscription-widget"><p class="cta-caption">Thanks for '
          'reading The Long Desk! Subscribe for free to receive new posts and support my work.</p><form><input type='
          '"email" placeholder="Type your email..."><button>Subscribe</button></form></div></div>' + _ps(DESK[2:])
          + '<p class="button-wrapper"><a class="button primary" href="/s/subscribe"><span>Subscribe now</span></a>'
          '</p></div></div><div class="post-footer"><div class="post-ufi"><a class="like-button"><span class="label">'
          '214</span></a><a class="comment-button"><span class="label">38</span></a><a class="share-button"><span '
          'class="label">Share</span></a></div></div></article><div class="single-post-section"><h4>Discussion about '
          'this post</h4><a href="/s/p/why-i-left-the-newsroom/comments">View comments</a></div></div><div class='
          '"footer"><a href="/s/archive">Archive</a> <a href="/s/about">About</a> &copy; 2021 Ruth Ellery · <a href='
          '"https://substack.com">Start writing</a></div></div></body></html>'))
WALK = ["The summer I was twelve, my mother and I walked home from my grandmother's village, forty kilometres, "
        "because the only bus had broken down and she refused to wait for another.",
        "We left at dawn with a bottle of water each and a bag of roasted groundnuts. By noon the road was so hot "
        "that the tar stuck to our sandals.",
        "My mother talked the whole way: about her own childhood, about the people who lived in each compound we "
        "passed, about what she wanted for me. I have forgotten most of what she said, and remember all of how it "
        "felt.",
        "We got home after dark. My father, who had been waiting at the bus stop since four, walked straight past "
        "us without recognising us under all the dust."]
_add(Page("/m/@danaokafor/the-long-walk-home-3f2a9c1d", headline="The long walk home", lines=WALK, date="2019-03-04",
          authors=["Dana Okafor"], shape="Medium (2019): claps, Follow, min read, 'Written by' with a bio, More from",
          html=_head("The long walk home - Dana Okafor - Medium",
                     '<meta property="og:type" content="article"><meta name="author" content="Dana Okafor">'
                     '<meta property="article:published_time" content="2019-03-04T11:22:31.904Z">'
                     '<meta property="og:site_name" content="Medium">')
          + '<body><div id="root"><nav class="metabar"><a href="/m/">Medium</a><a href="/m/m/signin">Sign in</a><a '
          'href="/m/get-started">Get started</a></nav><article><section><div class="section-content"><div class='
          '"section-inner"><h1 class="graf graf--h3 graf--title">The long walk home</h1><div class="postMetaInline">'
          '<a href="/m/@danaokafor" class="ds-link">Dana Okafor</a> <button class="button">Follow</button><time '
          'datetime="2019-03-04T11:22:31.904Z">Mar 4, 2019</time> · <span class="readingTime" title="4 min read">'
          '</span>4 min read</div>' + "".join(f'<p class="graf graf--p">{escape(t)}</p>' for t in WALK)
          + '</div></div></section></article><footer class="postArticle-footer"><div class="u-flex"><button class='
          '"clap">👏</button><span class="clapCount">1.2K</span><span>claps</span> <a href="#responses">6 responses'
          '</a></div><div class="postMetaLockup"><h2 class="ui-h3">Written by Dana Okafor</h2><p class="ui-body">'
          'Writer and radio producer in Lagos and London. Stories about families, roads and the places between '
          'them.</p><button>Follow</button></div><div class="js-moreFromAuthor"><h3>More from Dana Okafor</h3><ul><li>'
          '<a href="/m/@danaokafor">My father\'s radio</a></li></ul></div></footer></div></body></html>'))

# ------------------------------------------------------------------------------------------- Squarespace
STUDIO = ["After two years of throwing pots in a garden shed, I have finally signed the lease on a proper studio, "
          "a former bakery on Fernside Road with a north-facing window and a floor that slopes towards the drain.",
          "The kiln arrives next week, on a lorry with a crane, which the neighbours are very excited about.",
          "I will be running beginners' evening classes from October, six people at a time, and the studio will be "
          "open to visitors on the first Saturday of every month."]
_add(Page("/sq/blog/opening-the-studio", headline="Opening the studio", lines=STUDIO, date="2016-09-14",
          authors=["Anna Lowe"], shape="Squarespace 7 Brine: sqs-block-content, Share/Tweet/Pin, Newer/Older Post",
          html=_head("Opening the studio — Fernside Studio",
                     '<meta property="og:type" content="article"><meta itemprop="author" content="Anna Lowe">'
                     '<meta itemprop="datePublished" content="2016-09-14T09:00:00+0100"><!-- This is Squarespace. -->')
          + '<body class="collection-type-blog view-item"><div class="Site"><header class="Header"><div class="Header-'
          'branding"><a href="/sq/">Fernside Studio</a></div><nav class="Header-nav"><a href="/sq/shop">Shop</a> <a '
          'href="/sq/classes">Classes</a> <a href="/sq/blog">Journal</a></nav></header><main class="Main"><article '
          'class="BlogItem hentry"><div class="BlogItem-meta"><time class="Blog-meta-item Blog-meta-item--date" '
          'datetime="2016-09-14">September 14, 2016</time><a class="Blog-meta-item--author" href="/sq/blog?author=1">'
          'Anna Lowe</a></div><h1 class="BlogItem-title" data-content-field="title">Opening the studio</h1><div class='
          '"sqs-layout sqs-grid-12 columns-12" data-type="item"><div class="row sqs-row"><div class="col sqs-col-12 '
          'span-12"><div class="sqs-block html-block sqs-block-html"><div class="sqs-block-content">' + _ps(STUDIO)
          + '</div></div></div></div></div><div class="BlogItem-share"><div class="Share"><a class="ss-social-button"'
          ' href="/sq/share/facebook">Facebook</a><a class="ss-social-button" href="/sq/share/twitter">Tweet</a><a '
          'class="ss-social-button" href="/sq/share/pinterest">Pin it</a></div></div><nav class="BlogItem-pagination">'
          '<a class="BlogItem-pagination-link BlogItem-pagination-link--prev" href="/sq/blog"><div class="BlogItem-'
          'pagination-link-label">Newer Post</div><h4>Glazes I keep coming back to</h4></a><a class="BlogItem-'
          'pagination-link--next" href="/sq/blog"><div class="BlogItem-pagination-link-label">Older Post</div><h4>A '
          'year of Saturday markets</h4></a></nav></article></main><footer class="Footer"><div class="sqs-block-'
          'content"><p>Fernside Studio · 14 Fernside Road · Open first Saturdays, 10–4</p><form><input type="email" '
          'placeholder="Email Address"><button>Sign Up</button></form><p>We respect your privacy.</p></div></footer>'
          "</div></body></html>"))

# ------------------------------------------------------------------------------------------- personal news site
TOLL = ["Tollbridge Road is closed between the bridge and the garage from 7pm tonight until Friday morning for "
        "resurfacing; buses will divert via Mill Street."]
ROADS = ["The resurfacing of Tollbridge Road finished a day early and the road reopened at six this morning.",
         "The council says the new surface should last fifteen years. The potholes outside the garage, which have "
         "been there for about as long, are gone."]
TT = ("<body bgcolor='#ffffff'><div id='top'><a href='/news/'><img src='/news/tt.gif' alt='Tollbridge Today'></a> "
      "<small>the village news, typed up by Jim</small></div><div id='menu'><a href='/news/'>News</a> | <a "
      "href='/news/whats-on.html'>What's on</a> | <a href='/news/contact.html'>Contact</a></div><div id='main'>")
TT_FOOT = ("</div><div id='side'><p>Tollbridge Today has been typed up every week since 2004. Send your news to Jim at"
           " the post office, or drop a note through the door of number 6 Mill Street.</p></div><div id='bottom'>"
           "<small>Page updated by hand. No cookies here.</small></div></body></html>")
_add(Page("/news/2016/03/21/road-closed.html", headline="Tollbridge Road closed tonight", lines=TOLL,
          date="2016-03-21", authors=["Jim Harrow"], shape="personal news site: a one-line post of 26 words",
          html=_head("Tollbridge Today - Tollbridge Road closed tonight")
          + TT + "<h2>Tollbridge Road closed tonight</h2><p class='date'>Monday 21 March 2016, by Jim Harrow</p>"
          + _ps(TOLL) + "<p><a href='/news/'>&laquo; back to the news</a></p>" + TT_FOOT))
_add(Page("/news/2016/03/24/road-open.html", headline="Tollbridge Road open again", lines=ROADS, date="2016-03-24",
          authors=["Jim Harrow"], shape="personal news site: two short paragraphs",
          html=_head("Tollbridge Today - Tollbridge Road open again")
          + TT + "<h2>Tollbridge Road open again</h2><p class='date'>Thursday 24 March 2016, by Jim Harrow</p>"
          + _ps(ROADS) + "<p><a href='/news/'>&laquo; back to the news</a></p>" + TT_FOOT))

_wp_build()

# ------------------------------------------------------------------------------------------- listings
_WP_BY_DATE = sorted(WP_POSTS, key=lambda p: p.date or "", reverse=True)


def _wp_list(title: str, inner: str, body_class: str) -> str:
    return (_head(title, '<meta name="generator" content="WordPress 5.4.2">') + f'<body class="{body_class}"><div '
            f'id="page" class="hfeed site">{_wp_header()}<div id="main" class="wrapper"><div id="primary" class="site-'
            f'content"><div id="content" role="main">{inner}</div></div>{_wp_sidebar()}</div>{WP_FOOT}</div></body>'
            "</html>")


def _wp_full(posts: list[Page]) -> str:
    return "".join(_wp_entry(p, "home", full=False) for p in posts)


def _excerpt(p: Page, words: int = 30) -> str:
    text = " ".join(" ".join(p.lines).split()[:words])
    return f"{text} [&hellip;]"


LISTINGS["/"] = _wp_list(f"{WP} | A garden on a clay bank", _wp_full(_WP_BY_DATE[:5])
                         + '<nav class="navigation paging-navigation"><div class="nav-previous"><a href="/page/2/">'
                           '<span class="meta-nav">&larr;</span> Older posts</a></div></nav>', "home blog")
LISTINGS["/page/2/"] = _wp_list(f"{WP} | Page 2", _wp_full(_WP_BY_DATE[5:])
                                + '<nav class="navigation paging-navigation"><div class="nav-next"><a href="/">Newer '
                                  'posts <span class="meta-nav">&rarr;</span></a></div></nav>', "home blog paged")
LISTINGS["/category/garden/"] = _wp_list(
    f"Garden | {WP}", '<header class="archive-header"><h1 class="archive-title">Category Archives: <span>Garden</span>'
    '</h1></header>' + "".join(
        f'<article class="post hentry"><header class="entry-header"><h2 class="entry-title"><a href="{p.path}">'
        f'{escape(p.headline)}</a></h2></header><div class="entry-summary"><p>{_excerpt(p)}</p></div></article>'
        for p in _WP_BY_DATE), "archive category")
LISTINGS["/tag/compost/"] = _wp_list(
    f"compost | {WP}", '<h1 class="page-title">Tag: compost</h1><ul>' + "".join(
        f'<li><a href="{p.path}">{escape(p.headline)}</a> <time>{_long_date(p.date)}</time></li>'
        for p in _WP_BY_DATE[:4]) + "</ul>", "archive tag")
LISTINGS["/2012/05/"] = _wp_list(
    f"May 2012 | {WP}", '<h1 class="page-title">Monthly Archives: May 2012</h1>'
    + "".join(_wp_entry(p, "archive", full=False, body=f"<p>{_excerpt(p, 45)}</p>") for p in _WP_BY_DATE[3:6]),
    "archive date")
LISTINGS["/author/maggie-thorne/"] = _wp_list(
    f"Maggie Thorne | {WP}", '<header class="archive-header"><h1 class="archive-title">Author Archives: <span class='
    '"vcard">Maggie Thorne</span></h1></header><div class="author-info"><div class="author-description"><h2>About '
    f'Maggie Thorne</h2><p>{escape(WP_ABOUT)}</p></div></div>' + _wp_full(_WP_BY_DATE[:3]), "archive author")
LISTINGS["/?s=rain"] = _wp_list(
    f"Search Results for “rain” | {WP}", '<header class="page-header"><h1 class="page-title">Search Results for: '
    '<span>rain</span></h1></header>' + "".join(
        f'<article class="post hentry"><h2 class="entry-title"><a href="{p.path}">{escape(p.headline)}</a></h2>'
        f'<div class="entry-summary"><p>{_excerpt(p, 40)}</p></div></article>' for p in _WP_BY_DATE[1:5]),
    "search search-results")
_BG_HOME_POSTS = "".join(
    f"<h2 class='date-header'><span>{args[0]}, {_long_date(p.date)}</span></h2><div class='post hentry'><h3 class="
    f"'post-title entry-title'><a href='{p.path}'>{escape(p.headline)}</a></h3><div class='post-body entry-content'>"
    + "<br /><br />".join(escape(t) for t in p.lines) + "</div><div class='post-footer'>Posted by <span class='fn'>"
    f"Gordon Pike</span> at <a class='timestamp-link' href='{p.path}'>{_twelve(args[1])}</a> <a href='{p.path}"
    f"#comments'>0 comments</a> <span class='post-labels'>Labels: <a href='/b/search/label/Cycling'>Cycling</a>"
    "</span></div></div>" for p, args in reversed(BG_POSTS))
BG_SHELL = (_head(BG, "<meta content='blogger' name='generator'>") + "<body><div id='outer-wrapper'><div id='header'>"
            f"<h1 class='title'><a href='/b/'>{BG}</a></h1></div><div id='main-wrapper'><div class='blog-posts "
            "hfeed'>{}</div><div class='blog-pager'><a class='blog-pager-older-link' href='/b/search?updated-max="
            "2009-01-08T07:51:00%2B01:00&amp;max-results=7'>Older Posts</a> <a class='home-link' href='/b/'>Home</a>"
            "</div><div class='post-feeds'>Subscribe to: <a href='/b/feeds/posts/default'>Posts (Atom)</a></div>"
            "</div><div id='sidebar-wrapper'><h2>About Me</h2><p>Fifty-something accountant from Kendal who should "
            "know better.</p></div></div></body></html>")
LISTINGS["/b/"] = BG_SHELL.replace("{}", _BG_HOME_POSTS)
LISTINGS["/b/search/label/Cycling"] = BG_SHELL.replace(
    "{}", "<div class='status-msg-wrap'><div class='status-msg-body'>Showing posts with label <b>Cycling</b>. <a "
    "href='/b/'>Show all posts</a></div></div>" + _BG_HOME_POSTS)
LISTINGS["/lj/"] = (_head("ravenwood's journal") + "<body><div id='header'><h1>ravenwood's journal</h1></div><div "
                    "id='content'>" + "".join(_lj_entry(p, *p._lj) for p in reversed(LJ_POSTS))  # type: ignore
                    + "<div class='pager'><a href='/lj/?skip=20'>Previous 20</a></div></div></body></html>")
LISTINGS["/t/"] = (_head(TB) + f"<body><header><h1><a href='/t/'>{TB}</a></h1><p class='description'>evenings, "
                   "water, things that float</p></header><main>" + "".join(
                       p._tb for p in reversed(TB_POSTS))  # type: ignore[attr-defined]
                   + "</main><nav class='pagination'><a href='/t/page/2'>Older</a></nav></body></html>")
LISTINGS["/mt/"] = (_head("The Night Bus", "<meta name='generator' content='Movable Type 3.2'>") + "<body><div "
                    "id='banner'><h1><a href='/mt/'>The Night Bus</a></h1></div><div id='alpha'>"
                    + "".join(p._mt for p in MT_POSTS)  # type: ignore[attr-defined]
                    + "<p class='content-nav'><a href='/mt/archives.html'>Archives</a></p></div></body></html>")
LISTINGS["/mt/archives.html"] = (
    _head("The Night Bus: Archives") + "<body><h1>The Night Bus</h1><h2>Archives</h2><ul class='archive-list'>"
    + "".join(f"<li class='archive-list-item'>{_long_date(p.date)}: <a href='{p.path}'>{escape(p.headline)}</a>"
              "</li>" for p in MT_POSTS) + "</ul></body></html>")
LISTINGS["/tp/"] = (_head("Counting House") + TP + "<h2 class='date-header'>March 12, 2008</h2><div class='entry'><h3"
                    " class='entry-header'><a href='/tp/2008/03/budget-day.html'>Budget day, page nine</a></h3><div "
                    f"class='entry-body'><p>{escape(BUDGET[0])}</p><p class='entry-more-link'><a href='/tp/2008/03/"
                    "budget-day.html'>Continue reading &raquo;</a></p></div></div></div></div></div></div></div></div>"
                    "</body></html>")
_DP = [p for p in ARTICLES if p.path.startswith("/d/node/")]
LISTINGS["/d/"] = (_head(DV) + f"<body class='html front'><div id='site-name'><a href='/d/'>{DV}</a></div><div "
                   "class='region region-content'>" + "".join(
                       f"<div class='node node-article node-teaser'><h2><a href='{p.path}'>{escape(p.headline)}</a>"
                       f"</h2><div class='field-item even'><p>{escape(p.lines[0][:110])}…</p></div><ul class='links "
                       f"inline'><li><a href='{p.path}'>Read more</a></li></ul></div>" for p in _DP)
                   + "<ul class='pager'><li><a href='/d/taxonomy/term/7'>Roads</a></li></ul></div></body></html>")
LISTINGS["/d/taxonomy/term/7"] = (_head(f"Roads | {DV}") + "<body class='html page-taxonomy'><h1 class='title'>Roads"
                                  "</h1>" + "".join(
                                      f"<div class='node node-teaser'><h2><a href='{p.path}'>{escape(p.headline)}</a>"
                                      f"</h2><span class='submitted'>Submitted by {p.authors[0]}</span></div>"
                                      for p in _DP) + "</body></html>")
_JP = [p for p in ARTICLES if p.path.startswith("/j/")]
LISTINGS["/j/index.php/news"] = (
    _head(f"News - {MC}") + "<body class='site com_content view-category'><div class='blog'>" + "".join(
        f"<div class='items-row'><div class='item'><div class='page-header'><h2><a href='{p.path}'>"
        f"{escape(p.headline)}</a></h2></div><dl class='article-info'><dd class='hits'>Hits: 12</dd></dl>"
        f"<p>{escape(p.lines[0])}</p><p class='readmore'><a class='btn' href='{p.path}'>Read more: "
        f"{escape(p.headline)}</a></p></div></div>" for p in _JP) + "</div></body></html>")
_GP = [p for p in ARTICLES if p.path.startswith("/g/")]
LISTINGS["/g/"] = (_head("Small Kitchen") + "<body class='home-template'><header class='site-home-header'><h1>Small "
                   "Kitchen</h1><h2>Feeding people well in not much space</h2></header><div class='post-feed'>"
                   + "".join(f"<article class='post-card'><a class='post-card-content-link' href='{p.path}'><header>"
                             f"<h2 class='post-card-title'>{escape(p.headline)}</h2></header><section class='post-"
                             f"card-excerpt'><p>{escape(_excerpt(p, 33))}</p></section></a><footer>Priya Nair · 3 min"
                             " read</footer></article>" for p in _GP) + "</div></body></html>")
LISTINGS["/s/archive"] = (_head("Archive - The Long Desk") + "<body><h1>The Long Desk</h1><div class='portable-"
                          "archive-list'><div class='post-preview'><a class='post-preview-title' href='/s/p/why-i-"
                          "left-the-newsroom'>Why I left the newsroom</a><div class='post-preview-description'>Nineteen"
                          " years, one desk, and a dog in a hat</div><div class='post-preview-meta'>Apr 19, 2021 · "
                          "Ruth Ellery · 214 likes · 38 comments</div></div></div><button>Subscribe</button></body>"
                          "</html>")
LISTINGS["/m/@danaokafor"] = (_head("Dana Okafor – Medium") + "<body><h1>Dana Okafor</h1><p>Writer and radio "
                              "producer in Lagos and London.</p><button>Follow</button><div class='streamItem'><h3><a "
                              "href='/m/@danaokafor/the-long-walk-home-3f2a9c1d'>The long walk home</a></h3><p>The "
                              "summer I was twelve, my mother and I walked home…</p><span>4 min read</span></div>"
                              "</body></html>")
LISTINGS["/sq/blog"] = (_head("Journal — Fernside Studio") + "<body class='collection-type-blog view-list'><h1>Journal"
                        "</h1><article class='BlogList-item'><a href='/sq/blog/opening-the-studio' class='BlogList-"
                        "item-title'>Opening the studio</a><div class='BlogList-item-excerpt'><p>After two years of "
                        "throwing pots in a garden shed, I have finally signed the lease…</p></div><a href='/sq/blog/"
                        "opening-the-studio' class='BlogList-item-readmore'>Read More</a></article></body></html>")
_NP = [p for p in ARTICLES if p.path.startswith("/news/")]
LISTINGS["/news/"] = (_head("Tollbridge Today") + TT + "<h1>The news</h1><ul>" + "".join(
    f"<li>{_long_date(p.date)}: <a href='{p.path}'>{escape(p.headline)}</a></li>" for p in reversed(_NP))
    + "</ul>" + TT_FOOT)


def _rfc822(day: str | None) -> str:
    assert day
    return format_datetime(datetime.fromisoformat(day + "T09:00:00+00:00"))


def _rss() -> str:
    items = "".join(
        f"<item><title>{escape(p.headline)}</title><link>{{{{BASE}}}}{escape(p.path)}</link><pubDate>{_rfc822(p.date)}"
        f"</pubDate><dc:creator>{escape(p.authors[0]) if p.authors else ''}</dc:creator><description>"
        f"{escape(p.lines[0][:80])}</description></item>" for p in ARTICLES)
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<channel><title>{WP} and friends</title><link>{{{{BASE}}}}/</link><description>posts</description>"
            f"{items}</channel></rss>")


def _atom(posts: list[Page]) -> str:
    entries = "".join(
        f"<entry><id>tag:blogger.com,1999:post-{i}</id><published>{p.date}T10:00:00+01:00</published><title>"
        f"{escape(p.headline)}</title><link rel='alternate' type='text/html' href='{{{{BASE}}}}{escape(p.path)}'/>"
        f"<author><name>{escape(p.authors[0])}</name></author></entry>" for i, p in enumerate(posts))
    return ("<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'><id>tag:blogger.com,1999:"
            f"blog-1</id><title>{BG}</title><updated>2014-05-25T18:20:00+01:00</updated>{entries}</feed>")


def site() -> dict[str, tuple[str, bytes]]:
    """``path → (Content-Type, body bytes)`` of every page, with robots.txt, a sitemap and two feeds."""
    html = "text/html; charset=utf-8"
    pages: dict[str, tuple[str, bytes]] = {p.path: (html, p.html.encode("utf-8")) for p in ARTICLES}
    for path, text in LISTINGS.items():
        pages[path] = (html, text.encode("utf-8"))
    pages["/robots.txt"] = ("text/plain", b"User-agent: *\nDisallow: /wp-admin/\nSitemap: {{BASE}}/sitemap.xml\n")
    pages["/sitemap.xml"] = ("application/xml", (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f"<url><loc>{{{{BASE}}}}{escape(p.path)}</loc><lastmod>{p.date}</lastmod></url>" for p in ARTICLES)
        + "</urlset>").encode())
    pages["/feed/"] = ("application/rss+xml; charset=UTF-8", _rss().encode("utf-8"))
    pages["/b/feeds/posts/default"] = ("application/atom+xml; charset=UTF-8",
                                       _atom([p for p, _ in BG_POSTS]).encode("utf-8"))
    return pages


def truth_lines(base: str = "http://probe.invalid") -> list[str]:
    """``truth.jsonl`` rows (score.py's fields) of the articles."""
    return [json.dumps({"id": p.path, "url": base + p.path, "title": p.headline, "body": "\n".join(p.lines),
                        "authors": p.authors, "published": p.date, "language": "en"}, ensure_ascii=False)
            for p in ARTICLES]
