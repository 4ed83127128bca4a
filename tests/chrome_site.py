"""A news site whose articles carry chrome the vocabulary (newsproj/cleaning/chrome.toml) does not know: new
phrasings, other languages, an invented CMS's boxes - what a crawl of an unseen publisher meets (issue 11). Each
article has its own prose; its chrome boxes vary a little from article to article, as real templates do (a
partner's name, a photographer, the author's other stories). Our own text, no corpus page.

``CHROME`` lists the chrome lines a record must not keep (a substring of a body line is enough); ``PROSE`` the
prose that repeats legitimately and must stay (a quoted boilerplate sentence, a column's standing intro)."""

from __future__ import annotations

import html

SECTIONS = ("polityka", "economie", "kultur")
TOPICS = ("harbour dredging", "tram timetable", "museum roof", "school meals", "river flood wall", "library hours",
          "market hall lease", "stadium lights", "bakery licence", "hospital parking", "bridge repairs",
          "orchestra funding", "ferry fares", "archive fire", "garden allotments", "festival permits",
          "station lifts", "workshop rents", "council pay", "cycle lanes", "night buses", "water meters",
          "bin collections", "street names")
PEOPLE = ("Marta Kowalczyk", "Joost van Dam", "Leonie Brandt", "Samuel Osei", "Ines Duarte", "Piotr Zielinski")
PARTNERS = ("the Harbour Reporting Collective", "Lakeside Public Media", "the Northern Data Desk")
AGENCIES = ("Nordpress", "Agencja Wschód", "ANP-Regio")

CHROME = (
    "Zapisz się na nasz newsletter",
    "Najważniejsze wiadomości dnia prosto na Twoją skrzynkę",
    "Lees ook",
    "Tip the newsroom",
    "Send us documents securely through our encrypted drop box",
    "This story was produced in partnership with",
    "You have reached your limit of free stories this month",
    "Start your subscription for 1 euro in the first month",
    "Bild:",
    "Our journalism needs your support",
    "Independent local reporting costs money. Chip in what you can today",
    "Give monthly",
    "Spotted an error in this story",
    "Report a correction",
    "Mit Material von",
    "More from this author",
)
PROSE = (
    "The company said it does not comment on ongoing legal proceedings as a matter of policy.",
    "Every week our columnist answers one reader's question about money, rent and the household budget.",
)


def _prose(n: int, topic: str, paragraphs: int = 6) -> list[str]:
    out = []
    for p in range(paragraphs):
        out.append(f"The {topic} dispute entered its {n * 3 + p + 2}th week on Tuesday as councillor number "
                   f"{n * 11 + p} told residents of ward {n + p} that the plan for the {topic} would be revised "
                   f"after {p + n + 4} objections, while shopkeepers near stop {n * 7 + p} said the delay had "
                   f"already cost them custom in a season they called the hardest in {p + 9} years.")
    return out


def article(n: int, count: int, section: str) -> str:
    topic = TOPICS[n % len(TOPICS)]
    title = f"Council delays the {topic} decision, round {n}"
    author = PEOPLE[n % len(PEOPLE)]
    paras = _prose(n, topic)
    if n % 5 == 1:  # a quoted standard statement, in the middle of the text
        paras.insert(3, PROSE[0])
    intro = f"<p>{PROSE[1]}</p>" if section == "kultur" and n % 2 == 0 else ""
    other = [(m, f"Council delays the {TOPICS[m % len(TOPICS)]} decision, round {m}")
             for m in ((n + 1) % count, (n + 2) % count, (n + 3) % count)]
    read_also = (f'<p class="lees-ook"><strong>Lees ook:</strong> <a href="/{SECTIONS[other[0][0] % 3]}/'
                 f'{other[0][0]}-story.html">{html.escape(other[0][1])}</a></p>')
    figure = (f'<figure><img src="/img/{n}.jpg" alt="The {topic}"><figcaption>The {topic} site on Monday. '
              f'Bild: {PEOPLE[(n + 2) % len(PEOPLE)]} / {AGENCIES[n % 3]}</figcaption></figure>')
    body = [intro, figure]
    for i, para in enumerate(paras):
        body.append(f"<p>{html.escape(para)}</p>")
        if i == 2:
            body.append(read_also)
        if i == 3 and n % 2 == 0:
            body.append('<div class="paywall-upsell"><p>You have reached your limit of free stories this month.</p>'
                        '<p><a href="/subscribe">Start your subscription for 1 euro in the first month</a></p></div>')
    body.append(f"<p><em>Mit Material von {AGENCIES[(n + 1) % 3]}</em></p>")
    if n % 3 == 0:
        body.append(f"<p><em>This story was produced in partnership with {PARTNERS[n % 3]}.</em></p>")
    body.append('<div class="cms-tipbox"><h4>Tip the newsroom</h4><p>Send us documents securely through our '
                'encrypted drop box, or call the desk.</p></div>')
    body.append('<div class="donate"><h3>Our journalism needs your support</h3><p>Independent local reporting '
                'costs money. Chip in what you can today.</p><p><a href="/donate">Give monthly</a> '
                '<a href="/donate?once=1">Give once</a></p></div>')
    body.append('<p class="corrections">Spotted an error in this story? <a href="/corrections">Report a '
                'correction</a></p>')
    body.append('<div class="nl-signup"><p><strong>Zapisz się na nasz newsletter</strong></p><p>Najważniejsze '
                'wiadomości dnia prosto na Twoją skrzynkę.</p><form><input name="email"><button>Zapisz'
                '</button></form></div>')
    body.append('<div class="author-more"><h4>More from this author</h4><ul>' + "".join(
        f'<li><a href="/{SECTIONS[m % 3]}/{m}-story.html">{html.escape(t)}</a></li>' for m, t in other)
        + "</ul></div>")
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta property="og:type" content="article"><meta property="article:published_time"
 content="2026-11-{(n % 27) + 1:02d}T09:00:00+01:00"></head>
<body><header><a href="/">The Lakeside Courier</a><nav>{''.join(f'<a href="/{s}/">{s}</a> ' for s in SECTIONS)}
</nav></header><main><article><h1>{html.escape(title)}</h1><p class="byline">By {author}</p>
{''.join(body)}</article></main><footer><p>The Lakeside Courier, 12 Quay Street</p></footer></body></html>"""


def chrome_site(numbers: range, count: int | None = None) -> dict[str, tuple[str, str]]:
    """Articles ``numbers`` (in sections by number), section pages and a homepage linking the sections."""
    count = count or (max(numbers) + 1)
    pages: dict[str, tuple[str, str]] = {"/robots.txt": ("text/plain", "User-agent: *\nDisallow:\n")}
    by_section: dict[str, list[str]] = {s: [] for s in SECTIONS}
    for n in numbers:
        section = SECTIONS[n % 3]
        path = f"/{section}/{n}-story.html"
        by_section[section].append(path)
        pages[path] = ("text/html; charset=utf-8", article(n, count, section))
    for section, links in by_section.items():
        items = "".join(f'<li><a href="{u}">{u.rsplit("/", 1)[1]}</a></li>' for u in links)
        pages[f"/{section}/"] = ("text/html; charset=utf-8", f"""<!doctype html><html lang="en"><head>
<meta charset="utf-8"><title>{section}</title></head><body><h1>{section}</h1><ul>{items}</ul></body></html>""")
    pages["/"] = ("text/html; charset=utf-8", """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>The Lakeside Courier</title></head><body><h1>The Lakeside Courier</h1><ul>"""
                  + "".join(f'<li><a href="/{s}/">{s}</a></li>' for s in SECTIONS) + "</ul></body></html>")
    return pages


def chrome_lines(record: dict) -> list[str]:
    """The body lines of a record that hold chrome."""
    return [line for line in record["articleBody"].split("\n") if any(c in line for c in CHROME)]


def prose_lost(record: dict, page_html: str) -> list[str]:
    """The legitimately repeating prose the page has and the record lost."""
    return [p for p in PROSE if p in page_html and p not in record["articleBody"]]
