#!/usr/bin/env python3
"""Build the bundled demo news site, "The Demo Courier", under fixtures/demo/.

The site is served by newsproj's loopback fixture server, which maps URL paths to
files (``/x/y/`` -> ``x/y/index.html``) and replaces every ``{{BASE}}`` in a served
file (also inside ``.gz`` files) with its own base URL. Hence absolute URLs are
written as ``{{BASE}}/path`` and navigation links are relative.

Everything is generated from the data in this file: about thirty articles in three
page templates that mimic three different CMSes, section listings with pagination,
tag and author pages, static pages, robots.txt, sitemaps, RSS/Atom feeds and
``truth.jsonl`` (the records a crawl from ``/`` must export). The script uses the
standard library only, never reads the clock or the network, and writes the same
bytes on every run:

    python tools/build_demo.py            # (re)write fixtures/demo/
    python tools/build_demo.py --check    # exit 1 if the committed files differ

Article prose is fictional and written for this project, except the seed article
(a Euronews report of 5 September 2024), reproduced from the project's seed example
so that its chrome can be compared with a naive scrape of the real page.
"""

# ruff: noqa: E501  -- article prose and HTML template lines are kept whole for readability
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import html
import json
import re
import struct
import sys
import textwrap
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "demo"

BASE = "{{BASE}}"  # replaced by the fixture server with e.g. http://127.0.0.1:43121
SITE_NAME = "The Demo Courier"
PAGE_SIZE = 4  # teasers per section page; older articles move to /<section>/page/N/
HOMEPAGE_SIZE = 8
FEED_SIZE = 15
NEWS_SITEMAP_SIZE = 10
GZIP_MTIME = 0  # fixed so that sitemap-news.xml.gz is reproducible

SECTIONS = {"world": "World", "business": "Business", "tech": "Tech"}


# ---------------------------------------------------------------------------------------- data model


@dataclass(frozen=True)
class Image:
    caption: str
    credit: str  # as printed on the page ("Copyright ... via AP", "Photo: NAME/Agency")


@dataclass(frozen=True)
class Article:
    template: str  # "A" (Euronews-like), "B" (bootstrap CMS), "C" (old blog)
    section: str
    slug: str
    headline: str
    published: str  # exactly as the page states it: ISO 8601 with offset, or a date
    body: tuple[str, ...]  # paragraphs; an entry starting with "## " is a subheading
    authors: tuple[str, ...] = ()
    modified: str | None = None
    lang: str = "en"
    description: str | None = None
    image: Image | None = None
    tags: tuple[str, ...] = ()

    @property
    def date(self) -> dt.date:
        return dt.date.fromisoformat(self.published[:10])

    @property
    def path(self) -> str:
        d = self.date
        if self.template == "A":
            return f"/{self.section}/{d:%Y/%m/%d}/{self.slug}.html"
        if self.template == "B":
            return f"/{self.section}/articles/{self.slug}/"
        return f"/{self.section}/{d:%Y/%m}/{self.slug}.html"

    @property
    def url(self) -> str:
        return BASE + self.path

    @property
    def image_url(self) -> str | None:
        return f"{BASE}/media/{self.date:%Y/%m}/{self.slug}.png" if self.image else None

    @property
    def instant(self) -> dt.datetime:
        """Publication instant used for ordering and feeds.

        Template C pages only state a date; the CMS behind them publishes at 08:00 CEST.
        """
        if len(self.published) == 10:
            return dt.datetime.fromisoformat(self.published + "T08:00:00+02:00")
        return dt.datetime.fromisoformat(self.published)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body if not p.startswith("## ")]

    def text_lines(self) -> list[str]:
        return [p.removeprefix("## ") for p in self.body]


def prose(text: str) -> tuple[str, ...]:
    """Split a block of prose into paragraphs (blank-line separated, soft-wrapped)."""
    blocks = textwrap.dedent(text).strip().split("\n\n")
    return tuple(" ".join(line.strip() for line in b.splitlines()) for b in blocks)


def world(
    slug: str,
    headline: str,
    published: str,
    authors: tuple[str, ...],
    image: Image,
    body: str,
    modified: str | None = None,
    tags: tuple[str, ...] = (),
) -> Article:
    """Template A article: the standfirst (first paragraph) doubles as the description."""
    paragraphs = prose(body)
    return Article(
        "A", "world", slug, headline, published, paragraphs, authors, modified, "en", paragraphs[0], image, tags
    )


def business(
    slug: str,
    headline: str,
    published: str,
    authors: tuple[str, ...],
    body: str,
    description: str | None,
    image: Image,
    modified: str | None = None,
    tags: tuple[str, ...] = (),
) -> Article:
    return Article(
        "B", "business", slug, headline, published, prose(body), authors, modified, "en", description, image, tags
    )


def tech(
    slug: str,
    headline: str,
    published: str,
    authors: tuple[str, ...],
    body: str,
    description: str | None = None,
    image: Image | None = None,
    lang: str = "en",
    tags: tuple[str, ...] = (),
) -> Article:
    return Article("C", "tech", slug, headline, published, prose(body), authors, None, lang, description, image, tags)


# ---------------------------------------------------------------------------------------- the seed article

SEED = Article(
    template="A",
    section="world",
    slug="putin-calls-ukraines-incursion-into-kursk-a-failure",
    headline="Putin calls Ukraine's incursion into Kursk a 'failure' and alleges heavy Ukrainian losses",
    published="2024-09-05T14:32:11+02:00",
    modified="2024-09-05T16:05:40+02:00",
    authors=("Sertac Aktan",),
    lang="en",
    description=(
        "The Russian president is trying to frame Ukraine's unprecedented actions on Russian soil "
        "as a futile attempt to distract his own military."
    ),
    image=Image("Vladimir Putin in Vladivostok.", "Copyright Vyacheslav Prokofyev, Sputnik, Kremlin Pool Photo via AP"),
    tags=("russia", "ukraine", "war-in-ukraine"),
    body=(
        "The Russian president is trying to frame Ukraine's unprecedented actions on Russian soil as a futile attempt to distract his own military.",
        "Vladimir Putin has described Ukraine's cross-border incursion into Russia's Kursk region as a \"failure\", contradicting reports that it caught his military off-guard.",
        "Speaking at the plenary session of the Eastern Economic Forum in Vladivostok on Thursday, Putin said: \"Ukraine's goal was to make Russia transfer troops from one area to another and stop the offensive in Donbas, but they did not succeed. Ukraine is now suffering very heavy losses in manpower and equipment.\u201d",
        "Putin claimed that the goal of the Kursk incursion was to make Russia nervous and stop its offensive in key areas, and that this strategy did not work.",
        "He said Russian armed forces have stabilised the situation and are gradually squeezing the Ukrainians out of the border areas. Putin also asserted that Ukraine has in fact weakened itself in key areas by transferring fairly large and well-trained units away from the front to the Russian border.",
        "## 'Trump is hard on Russia'",
        "Meanwhile, Putin offered a surprising endorsement in the US presidential race, opting for Vice President Kamala Harris over former president Donald Trump.",
        '"Our favourite, if I can call it that, was the current president, Mr Biden, but he was removed from the race. But he recommended all his supporters support Ms Harris, so we will do the same, we will support her. She laughs so expressively and infectiously that it says that everything is fine with her.',
        '"Trump, on the other hand, imposed so many restrictions and sanctions against Russia, as no president before him had ever done."',
        "## BRICS enters the picture",
        "Appearing on the panel in Vladivostok alongside Malaysian Prime Minister Anwar Ibrahim and Chinese Vice President Han Zheng, Putin announced that he would prefer to have China, Brazil and India as mediators in Ukraine peace talks.",
        '\u201cWe have never refused to negotiate \u2014 but not based on some temporary demands, based on the documents that were agreed upon and actually initialled in Istanbul," Putin said.',
        '"We respect our friends, our partners, who, I believe, are sincerely interested in resolving all issues related to this conflict."',
        "The government in Kyiv has stated it will not engage in direct negotiations with Russia.",
    ),
)

# The seed page's "You might also like" box, as on the original page. These stories are not part of
# the demo site; they link off-site (example.net) so that crawl-scope filtering is exercised.
SEED_RELATED = (
    "The rise of deepfakes: How AI is fuelling new threats to security and privacy",
    "S\u00e1nchez urges the EU to 'reconsider' tariffs on Chinese electric cars, exposing cracks",
    "Centre-left MEPs fire warning over von der Leyen Commission picks",
)

# ---------------------------------------------------------------------------------------- World (template A)

WORLD = [
    world(
        "velmora-heads-to-snap-election-after-coalition-collapse",
        "Velmora heads to a snap election after its coalition collapses over pensions",
        "2024-09-12T09:14:00+02:00",
        ("Mara Lindqvist",),
        Image(
            "Prime Minister Ilse Kovar leaves parliament in Karsk on Wednesday.",
            "Copyright Marta Novak, Courier Pictures via AP",
        ),
        modified="2024-09-12T11:02:00+02:00",
        tags=("elections", "velmora"),
        body="""
        Voters in Velmora will return to the polls on 20 October after the three-party coalition of
        Prime Minister Ilse Kovar collapsed over a dispute about pension reform.

        President Dragan Meris dissolved parliament on Wednesday evening, hours after the Liberal Union
        withdrew its four ministers from the cabinet. It is the country's second early election in
        three years.

        "We could not put our name to a budget that asks pensioners to pay for the mistakes of the last
        decade," Liberal Union leader Petra Holm told reporters outside the parliament building in Karsk.

        Kovar, whose centre-right Civic Alliance has led the government since 2022, said she would run
        again and accused her former partners of "choosing the campaign over the country".

        Recent polls put the Civic Alliance and the opposition Social Democrats within two points of each
        other, with the new anti-corruption party Clean Slate at around 12 per cent.

        ## What happens next

        Parties have until 25 September to register their lists. The election commission said it expected
        turnout to be lower than the 71 per cent recorded in 2021, citing voter fatigue.

        Analysts warned that a long coalition negotiation after the vote could delay the 2025 budget, which
        must be approved by the end of December to avoid automatic spending cuts.
        """,
    ),
    world(
        "floodwaters-recede-in-vetra-valley-as-clean-up-begins",
        "Floodwaters recede in the Vetra valley as a long clean-up begins",
        "2024-09-11T17:40:00+02:00",
        ("Tomas Reyes",),
        Image("Volunteers clear mud from a street in Orlec.", "Copyright Ivo Brandl, Courier Pictures via AP"),
        tags=("floods", "climate"),
        body="""
        Residents of the Vetra valley began returning to their homes on Wednesday as floodwaters that had
        cut off a dozen villages for almost a week finally started to recede.

        Emergency services said the river had fallen by more than two metres since its peak on Saturday,
        when it burst its banks after four days of almost continuous rain.

        In the town of Orlec, shop owners shovelled mud from their floors while army trucks delivered
        drinking water and generators. "Everything on the ground floor is gone," said baker Milan Sori\u0107,
        pointing to a brown line on the wall well above his counter.

        Regional authorities estimate the damage at more than \u20ac300 million. Around 4,000 people were
        evacuated and two deaths have been confirmed.

        Hydrologists said the rainfall was the heaviest recorded in the valley since measurements began in
        1951, and called for the rebuilding of flood defences that were damaged in a smaller flood in 2019.

        The government has promised an emergency fund for households and small businesses, with the first
        payments expected before the end of the month.
        """,
    ),
    world(
        "pell-harbour-declares-climate-emergency-over-fresh-water",
        "Island state of Pell Harbour declares climate emergency as sea water reaches its wells",
        "2024-09-10T08:05:00+02:00",
        ("Aiko Brandt",),
        Image("A water tanker arrives at the harbour of Pell Town.", "Copyright Sione Tapu, Courier Pictures via AP"),
        tags=("climate",),
        body="""
        The small island state of Pell Harbour has declared a national climate emergency, saying rising
        seas are contaminating the underground water its 38,000 residents depend on.

        Salt levels in three of the island's five main wells have doubled in four years, according to a
        government report published on Monday, making the water unfit to drink without treatment.

        "We are not talking about a problem for our grandchildren. We are talking about this summer,"
        Prime Minister Leota Vaai said in an address broadcast on national radio.

        The declaration allows the government to fast-track the construction of a desalination plant and to
        ration water for hotels, which use almost a third of the supply during the tourist season.

        Neighbouring states have offered tankers of drinking water, and the first shipment arrived on
        Tuesday. Officials said the island had enough stored water to last until November.

        Pell Harbour will ask for help from a regional adaptation fund at a meeting of Pacific ministers
        next month.
        """,
    ),
    world(
        "alpine-rail-tunnel-reopens-after-landslide",
        "Alpine rail tunnel reopens eleven months after landslide cut key freight route",
        "2024-09-09T12:20:00+02:00",
        ("Luca Ferrante",),
        Image(
            "The first passenger train leaves the northern portal of the Sella tunnel.",
            "Copyright Paolo Rinaldi, Courier Pictures via AP",
        ),
        modified="2024-09-09T15:45:00+02:00",
        tags=("transport", "europe"),
        body="""
        The Sella rail tunnel, one of the busiest freight links across the Alps, reopened on Monday,
        eleven months after a landslide buried its southern entrance under 20,000 cubic metres of rock.

        The first passenger train left the northern portal shortly after 6am, carrying engineers, local
        mayors and a handful of commuters who had queued since before dawn.

        Around 90 freight trains a day used the line before the closure. Many of them were diverted onto
        roads, and hauliers say the detour added up to six hours to a journey between the two valleys.

        Rebuilding the entrance cost \u20ac180 million, most of it spent on anchoring the slope above the
        tracks with steel nets and more than 2,000 rock bolts.

        "The mountain has not changed, but now we are watching it every minute," said project manager
        Giulia Conti, describing sensors that will stop trains automatically if the slope moves.

        Full freight capacity is expected to return by the end of October, once signalling tests are
        complete.
        """,
    ),
    world(
        "velmora-coalition-on-the-brink-as-pension-talks-fail",
        "Velmora's coalition on the brink as pension talks fail for a third time",
        "2024-09-06T19:30:00+02:00",
        ("Mara Lindqvist",),
        Image(
            "Liberal Union leader Petra Holm speaks to reporters in Karsk.",
            "Copyright Marta Novak, Courier Pictures via AP",
        ),
        tags=("velmora",),
        body="""
        Talks between Velmora's three governing parties on pension reform broke down on Friday for the
        third time in a month, raising the prospect of an early election.

        The Liberal Union wants to keep the retirement age at 65 and fund the pension system through higher
        taxes on property, a plan the Civic Alliance of Prime Minister Ilse Kovar has rejected.

        After six hours of negotiations, both sides blamed each other. "There was no serious offer on the
        table," a Liberal Union negotiator said, speaking on condition of anonymity.

        Kovar's spokesperson said the prime minister remained "open to dialogue" but would not accept a
        budget that increased the deficit above 3 per cent of GDP.

        Without the Liberal Union's 14 seats the government would lose its majority in the 120-seat
        parliament.
        """,
    ),
    SEED,
    world(
        "wildfire-crews-battle-blazes-on-the-lirea-peninsula",
        "Wildfire crews battle blazes on three fronts on the Lirea peninsula",
        "2024-09-04T10:10:00+02:00",
        ("Tomas Reyes",),
        Image(
            "A firefighting plane drops water near the village of Aspra.",
            "Copyright Nikos Dimas, Courier Pictures via AP",
        ),
        tags=("wildfires", "climate"),
        body="""
        More than 600 firefighters backed by eleven water-bombing planes were fighting three wildfires on
        the Lirea peninsula on Wednesday, as strong winds pushed the flames towards holiday villages.

        Authorities ordered the evacuation of five villages overnight, and coastguard boats took around 300
        tourists from a beach that had been cut off by the fire.

        No injuries have been reported, but at least 40 houses have been damaged. The largest fire has
        burned around 3,500 hectares of pine forest and olive groves since it started on Monday.

        "The wind changes direction every hour, so we cannot plan anything," said fire brigade commander
        Eleni Petrou. "We are defending houses one by one."

        Meteorologists expect the wind to ease on Thursday evening. The region has had almost no rain since
        May.
        """,
    ),
    world(
        "teachers-strike-closes-schools-across-estrava",
        "Teachers' strike closes schools across Estrava on the first day of term",
        "2024-09-02T07:55:00+02:00",
        ("Luca Ferrante",),
        Image(
            "Teachers march through the centre of Estrava's capital.", "Copyright Jana Horak, Courier Pictures via AP"
        ),
        tags=("education", "strikes"),
        body="""
        Most state schools in Estrava stayed closed on Monday, the first day of the school year, as
        teachers began a three-day strike over pay and class sizes.

        The teachers' union said more than 80 per cent of its members had joined the walkout. The education
        ministry put the figure at 62 per cent.

        Teachers are asking for a 9 per cent pay rise and a limit of 25 pupils per class. The government
        has offered 4 per cent this year and a further 3 per cent in 2025.

        "We love our jobs, but we cannot pay rent with love," said Katarina Veli, a secondary school teacher
        who joined a march of several thousand people in the capital.

        Education minister Oskar Brun said the offer was "the most the budget can carry" and urged the
        union to return to talks.

        Many parents said they supported the teachers, even though they had to take a day off work to look
        after their children.
        """,
    ),
    world(
        "aid-convoys-reach-cut-off-villages-in-tarvania",
        "Aid convoys reach mountain villages in Tarvania cut off by landslides",
        "2024-08-30T16:45:00+02:00",
        ("Aiko Brandt",),
        Image(
            "Trucks carrying food aid wait at a checkpoint on the road to Dorvan.",
            "Copyright Arman Sadik, Courier Pictures via AP",
        ),
        tags=("humanitarian-aid",),
        body="""
        The first aid convoys in almost two weeks reached villages in Tarvania's northern highlands on
        Friday, after engineers reopened a mountain road blocked by a series of landslides.

        Twelve trucks carried flour, medicine and tents to the district of Dorvan, where around 15,000
        people have been living without regular supplies since heavy storms in mid-August.

        Aid workers said food stocks in some villages had almost run out and that several small clinics had
        no power. "People came to meet the trucks on foot, some of them walked for hours," said Amina Dulić
        of the Tarvanian Red Crescent.

        The government has appealed for international help to rebuild bridges and roads before the first
        snow, which usually falls in the highlands in late October.

        Helicopters will continue to fly supplies to the most remote villages, which cannot yet be reached
        by road.
        """,
    ),
    world(
        "centre-left-holds-estrava-capital-in-municipal-elections",
        "Centre-left holds Estrava's capital in municipal elections as turnout jumps",
        "2024-08-28T22:10:00+02:00",
        ("Mara Lindqvist",),
        Image(
            "Mayor Nadia Olsen celebrates with supporters on election night.",
            "Copyright Jana Horak, Courier Pictures via AP",
        ),
        modified="2024-08-29T08:30:00+02:00",
        tags=("elections",),
        body="""
        The centre-left kept control of Estrava's capital in Sunday's municipal elections, with Mayor Nadia
        Olsen winning a second term with 46 per cent of the vote.

        Turnout rose to 58 per cent from 49 per cent four years ago, which analysts linked to a campaign
        dominated by housing costs and public transport.

        Olsen promised to build 5,000 council flats by 2028 and to make buses free for pupils and
        pensioners. "This city belongs to the people who keep it running," she told supporters.

        Her main challenger, the conservative businessman Viktor Lenz, took 38 per cent, the party's best
        result in the capital in two decades.

        Elsewhere in the country, conservatives won control of four of the six largest cities, a result the
        prime minister called "a clear message" ahead of next year's general election.
        """,
    ),
]

# ---------------------------------------------------------------------------------------- Business (template B)

BUSINESS = [
    business(
        "harbourline-shipping-record-quarter",
        "Harbourline Shipping posts record quarter as freight rates climb",
        "2024-09-12T07:30:00+01:00",
        ("Priya Natarajan", "Owen Hale"),
        modified="2024-09-12T09:10:00+01:00",
        tags=("shipping", "earnings"),
        description="The container line made more profit in three months than in the whole of last year.",
        image=Image("Containers stacked at Harbourline's terminal.", "Courier Pictures"),
        body="""
        Harbourline Shipping made more profit in the three months to August than in the whole of last year,
        as disruption on major trade routes pushed container rates to their highest level since 2022.

        The company reported operating profit of \u20ac1.4bn for the quarter, up from \u20ac310m a year earlier,
        on revenue of \u20ac6.2bn. Shares rose 7 per cent in early trading.

        Longer routes around the southern cape have absorbed around a tenth of the world's container fleet,
        leaving fewer ships available and allowing carriers to charge more.

        Chief executive Marit Solberg warned that the good times would not last. "A lot of new ships will be
        delivered next year, and when the routes normalise, rates will fall quickly," she said.

        Harbourline raised its full-year profit forecast for the second time this summer and said it would
        use part of the windfall to order eight methanol-powered vessels.
        """,
    ),
    business(
        "velmora-central-bank-holds-rates",
        "Velmora's central bank holds rates but signals a cut before the end of the year",
        "2024-09-11T14:00:00+01:00",
        ("Owen Hale",),
        tags=("interest-rates", "velmora"),
        description="Policymakers kept the main rate at 4.25% but said inflation was falling faster than expected.",
        image=Image("The central bank's headquarters in Karsk.", "Courier Pictures"),
        body="""
        The National Bank of Velmora kept its main interest rate unchanged at 4.25 per cent on Wednesday,
        but governor Anton Reiss said a cut was likely before the end of the year.

        Inflation fell to 2.9 per cent in August, its lowest level in three years, helped by cheaper energy
        and a stronger currency.

        "We are not declaring victory yet, but the direction is clear," Reiss told a news conference,
        adding that wage growth remained higher than the bank would like.

        Two of the seven members of the rate-setting council voted for an immediate cut of a quarter point.

        Economists said the political crisis in Velmora, where the government is close to collapse, could
        make the bank more cautious if the currency weakens.

        Mortgage lenders have already started to lower their fixed rates in anticipation of a cut.
        """,
    ),
    business(
        "grainly-oat-milk-stock-market-listing",
        "Oat milk maker Grainly files for a stock market listing",
        "2024-09-10T06:45:00+01:00",
        ("Hannah Okafor",),
        tags=("ipo", "food"),
        description="The company could be valued at up to \u20ac900m in the biggest food listing of the year.",
        image=Image("Grainly's production line.", "Grainly"),
        body="""
        Grainly, the oat milk company that started in a university kitchen eight years ago, has filed for a
        listing on the stock exchange, in what could be the largest food flotation of the year.

        People familiar with the plans said the company hoped to be valued at between \u20ac700m and \u20ac900m.
        It intends to raise around \u20ac150m to build a second factory.

        Grainly's sales grew 31 per cent last year to \u20ac212m, but it has yet to make an annual profit, and
        the listing documents warn that competition from supermarket own brands is increasing.

        Co-founder Lena Brandt said the company would break even next year. "Oat milk is no longer a niche,
        and we are no longer a start-up," she said.

        Plant-based food listings have had a mixed record. Several companies that floated during the boom
        of 2021 now trade well below their initial price.
        """,
    ),
    business(
        "retail-footfall-falls-for-third-month",
        "Retail footfall falls for a third month as shoppers stay at home",
        "2024-09-09T10:30:00+01:00",
        (),
        tags=("retail",),
        description=None,
        image=Image("Shoppers on a quiet high street.", "Courier Pictures"),
        body="""
        The number of people visiting shops fell for a third month in a row in August, as wet weather and
        tight household budgets kept shoppers away from high streets and shopping centres.

        Footfall was 3.8 per cent lower than a year earlier, according to figures from the Retail Footfall
        Monitor, which counts visitors at more than 2,000 locations.

        High streets were worst affected, with visits down 5.1 per cent, while retail parks, where parking is
        usually free, recorded a small increase.

        Retailers said the figures matched what they saw in their stores, with customers buying less often
        and spending more carefully when they did.

        The industry is hoping for a stronger autumn, helped by falling inflation and the prospect of lower
        interest rates.
        """,
    ),
    business(
        "nordvind-cuts-1200-jobs",
        "Wind turbine supplier Nordvind cuts 1,200 jobs as orders slump",
        "2024-09-06T08:00:00+01:00",
        ("Priya Natarajan", "Hannah Okafor"),
        modified="2024-09-06T12:40:00+01:00",
        tags=("energy", "jobs"),
        description="The company blamed delays in offshore wind projects and rising competition.",
        image=Image("A Nordvind rotor blade leaves the factory.", "Nordvind"),
        body="""
        Nordvind, one of Europe's largest makers of wind turbine blades, will cut 1,200 jobs, around a tenth
        of its workforce, after a sharp drop in orders for offshore projects.

        The company said delays in planning permission and grid connections had pushed several large wind
        farms back by two years or more, leaving its factories with too little work.

        Most of the cuts will fall at its plant in the northern port of Kessel, where the company is the
        largest private employer. Unions called the decision "a disaster for the town".

        Nordvind also warned about competition from cheaper blades made in Asia, and called on governments
        to favour local suppliers in their tenders.

        The shares fell 12 per cent on Friday morning, taking their losses since January to almost half.

        The company said it would keep its research centre and would be ready to hire again when demand
        recovers.
        """,
    ),
    business(
        "coffee-prices-hit-13-year-high",
        "Coffee prices hit a 13-year high after a poor harvest",
        "2024-09-04T13:15:00+01:00",
        ("Owen Hale",),
        tags=("commodities", "food"),
        description="Roasters warn that shoppers will pay more for a bag of beans by Christmas.",
        image=Image("Coffee beans being sorted.", "Courier Pictures"),
        body="""
        The price of arabica coffee beans rose to its highest level in 13 years on Wednesday, after a dry
        season damaged crops in several of the largest producing regions.

        Futures for December delivery traded at $2.58 a pound, up more than 60 per cent since the start of
        the year.

        Traders said stocks held in warehouses were unusually low, leaving the market sensitive to any
        further bad news about the weather.

        Roasters have so far absorbed much of the increase, but several said they would have to raise prices
        for shoppers before the end of the year.

        "A cup in a caf\u00e9 will not change much, because the beans are a small part of the price. A bag in
        the supermarket will," said Jonas Weber, who runs a mid-sized roastery.
        """,
    ),
    business(
        "skylark-adds-14-winter-routes",
        "Budget airline Skylark adds 14 routes for the winter season",
        "2024-09-03T09:00:00+01:00",
        ("Hannah Okafor",),
        tags=("aviation",),
        description="The airline is betting on demand for winter sun and city breaks.",
        image=Image("A Skylark aircraft at the gate.", "Skylark"),
        body="""
        Skylark, the low-cost airline, will add 14 new routes this winter, most of them to sunny
        destinations in southern Europe and North Africa.

        The airline said bookings for the winter season were 11 per cent higher than a year ago, and that
        average fares had held steady despite higher fuel and airport costs.

        It will base two more aircraft at regional airports, creating around 90 jobs for pilots and cabin
        crew.

        Chief commercial officer Tessa Lund said customers were still prioritising travel over other
        spending. "People will cut back on many things before they cut back on their holiday," she said.

        Skylark carried 28 million passengers in its last financial year and expects to reach 31 million
        this year.
        """,
    ),
    business(
        "late-payments-squeeze-small-businesses",
        "Small businesses say late payments are squeezing their cash flow, survey finds",
        "2024-08-30T07:00:00+01:00",
        ("Priya Natarajan",),
        tags=("small-business",),
        description="Almost half of small firms waited more than 60 days for at least one invoice this year.",
        image=Image("A carpenter at work in his workshop.", "Courier Pictures"),
        body="""
        Almost half of small businesses have waited more than 60 days for at least one invoice to be paid
        this year, according to a survey by the Federation of Independent Traders.

        One in five said late payments had forced them to delay paying their own suppliers or staff, and
        one in ten said they had turned down new work because they could not afford to wait for payment.

        Larger companies were the worst offenders, the survey found, with some routinely paying suppliers
        after 90 or even 120 days.

        "A small firm is not a bank. It cannot lend money for free to companies a hundred times its size,"
        said the federation's chair, Ruth Adeyemi.

        The federation wants the government to fine large companies that regularly pay late and to publish
        a list of the worst payers.
        """,
    ),
    business(
        "copper-miner-agrees-takeover-of-rival",
        "Copper miner Ostra agrees \u20ac2.1bn takeover of smaller rival",
        "2024-08-29T16:20:00+01:00",
        ("Owen Hale", "Daniel Kim"),
        tags=("mining", "mergers"),
        description="The deal would create the region's second-largest copper producer.",
        image=Image("An open-pit copper mine.", "Ostra Mining"),
        body="""
        Ostra Mining has agreed to buy its smaller rival Kallberg Metals for \u20ac2.1bn in cash and shares,
        betting that demand for copper will keep growing as power grids are expanded.

        Kallberg shareholders will receive \u20ac14.50 a share, a premium of 34 per cent on the closing price
        before talks between the two companies were first reported.

        The combined group would produce around 420,000 tonnes of copper a year, making it the second-largest
        producer in the region.

        Ostra's chief executive, Henrik Maal, said the deal would save \u20ac120m a year, mainly by sharing
        processing plants that are only a few kilometres apart.

        The takeover needs the approval of competition authorities and of two-thirds of Kallberg's
        shareholders, who will vote in November.
        """,
    ),
    business(
        "four-day-week-trial-extended",
        "Four-day week trial extended at 40 firms after productivity gains",
        "2024-08-27T08:30:00+01:00",
        ("Daniel Kim",),
        tags=("jobs",),
        description="Companies in the pilot reported fewer sick days and no fall in output.",
        image=Image("Staff at one of the companies taking part in the trial.", "Courier Pictures"),
        body="""
        Forty companies that tried a four-day working week over the past six months will keep it for at
        least another year, after reporting fewer sick days and no fall in output.

        The trial, run by a group of researchers from three universities, involved around 2,900 employees in
        sectors from software to care homes. Staff kept their full pay.

        Sick days fell by a third on average, and the number of people leaving the companies halved. Most
        firms said their revenue was stable or slightly higher.

        Not every company was convinced. Six of the 46 firms that took part will return to a five-day week,
        mostly because customers expected them to be available every weekday.

        "It works best where people can organise their own time," said lead researcher Sofia Lindgren. "In a
        shop or a call centre it needs much more planning."
        """,
    ),
]

# ---------------------------------------------------------------------------------------- Tech (template C)

TECH = [
    tech(
        "lindhaven-switches-off-last-copper-exchange",
        "Lindhaven switches off its last copper telephone exchange",
        "2024-09-12",
        ("Felix Moreau",),
        description="The city is the first in the country to move every phone line to fibre.",
        image=Image("Engineers remove equipment from the Lindhaven exchange.", "Photo: Sanne de Wit/Courier Images"),
        tags=("telecoms", "broadband"),
        body="""
        The city of Lindhaven switched off its last copper telephone exchange on Wednesday night, making it
        the first city in the country where every phone line now runs over fibre.

        Engineers cut the power to the 1960s building on Harbour Street just after midnight. At its peak in
        the 1980s, the exchange handled calls for 90,000 lines.

        ## What changes for customers

        For most households nothing changes, because their lines were moved to fibre over the past three
        years. Around 400 customers who had not yet switched were given free equipment.

        Older burglar alarms, lift emergency phones and some card terminals needed new hardware, which the
        operator says it has now installed.

        Consumer groups have asked for clear information about what happens during a power cut, since fibre
        equipment needs electricity while old copper lines did not. Customers who depend on a landline can
        ask for a free battery backup.

        The building will be sold, and the city council hopes to turn it into housing.
        """,
    ),
    tech(
        "leipziger-start-up-baut-natrium-akkus",
        "Leipziger Start-up baut Natrium-Akkus f\u00fcr Heimspeicher",
        "2024-09-11",
        ("Anna Vogel",),
        lang="de",
        description="Die Akkus kommen ohne Lithium und Kobalt aus und sollen g\u00fcnstiger sein.",
        image=Image(
            "Ein Mitarbeiter pr\u00fcft Batteriezellen in der Leipziger Fertigung.",
            "Foto: Jonas Richter/Courier Images",
        ),
        tags=("batterien", "energie"),
        body="""
        Ein Start-up aus Leipzig will im kommenden Jahr Heimspeicher auf den Markt bringen, die statt Lithium
        Natrium verwenden. Die ersten Ger\u00e4te sollen im Fr\u00fchjahr an Kunden ausgeliefert werden.

        Natrium ist billiger als Lithium und kommt fast \u00fcberall vor, zum Beispiel im Kochsalz. Die Zellen
        speichern zwar weniger Energie pro Kilogramm, f\u00fcr einen Speicher im Keller spiele das Gewicht aber
        kaum eine Rolle, sagt Gr\u00fcnderin Miriam Kessler.

        ## Weniger Rohstoffe aus dem Ausland

        Das Unternehmen beziehe die meisten Materialien aus Europa, erkl\u00e4rt Kessler. Kobalt und Nickel
        werden nicht ben\u00f6tigt. Ein Speicher mit zehn Kilowattstunden soll rund 20 Prozent weniger kosten als
        ein vergleichbares Lithium-Ger\u00e4t.

        Fachleute halten den Ansatz f\u00fcr vielversprechend, weisen aber auf offene Fragen hin. Wie lange die
        Zellen im Alltag halten, m\u00fcsse sich erst zeigen, sagt ein Batterieforscher der Universit\u00e4t.

        Das Start-up hat zuletzt 18 Millionen Euro von Investoren eingesammelt und besch\u00e4ftigt derzeit 45
        Mitarbeiterinnen und Mitarbeiter.
        """,
    ),
    tech(
        "open-source-maintainers-warn-of-burnout",
        "Open-source maintainers warn of burnout as company funding dries up",
        "2024-09-10",
        ("Ravi Menon",),
        description=None,
        image=Image("Developers at an open-source conference.", "Photo: Kim Larsen/Courier Images"),
        tags=("open-source", "software"),
        body="""
        Volunteers who maintain widely used open-source software say they are struggling to keep up, as
        companies that depend on their work cut back on sponsorship.

        A survey of 1,100 maintainers published this week found that 58 per cent had considered quitting in
        the past year, and that a third received no money at all for their work.

        "Every bank and every car company runs code that I look after in the evenings," said one developer
        who maintains a popular data compression library. "I get bug reports at 3am from people who have
        never said thank you."

        ## Security worries

        Security researchers say the problem is not only about fairness. Projects with a single, exhausted
        maintainer are easier targets for attackers who offer to help and then slip malicious code in.

        Some governments have started small funds to pay for security work on critical projects, but
        maintainers say the amounts are tiny compared with what companies save by using free software.
        """,
    ),
    tech(
        "review-fieldbook-14-laptop",
        "Review: the Fieldbook 14 is a laptop for people who hate laptops",
        "2024-09-09",
        ("Felix Moreau",),
        description="Repairable, quiet and a little boring \u2014 which is exactly the point.",
        image=Image("The Fieldbook 14 with its keyboard removed.", "Photo: Felix Moreau/The Demo Courier"),
        tags=("reviews", "laptops"),
        body="""
        The Fieldbook 14 does not try to impress you. It is a grey, slightly thick laptop with a matte screen,
        a proper keyboard and a battery you can replace with a single screwdriver.

        That is exactly why I liked it. After three weeks of daily use, it has never once made a noise, got
        hot on my lap or asked me to sign in to anything.

        ## Built to be opened

        Every part that usually fails, from the keyboard to the charging port, can be swapped in minutes.
        The maker sells spare parts on its website and publishes repair guides for each of them.

        Battery life is good rather than great: around nine hours of writing and browsing, less with video
        calls. The screen is sharp but not very bright, which matters if you work outside.

        ## Should you buy one?

        At \u20ac1,149 it is not cheap, and the webcam is poor. But if you want a computer that will still be
        working in seven years, the Fieldbook 14 is one of the few laptops designed with that in mind.
        """,
    ),
    tech(
        "satellite-lyonnais-surveille-les-vignobles",
        "Une start-up lyonnaise lance un satellite pour surveiller les vignobles",
        "2024-09-06",
        ("Claire Dubois",),
        lang="fr",
        description="Le petit satellite doit aider les viticulteurs \u00e0 mieux g\u00e9rer l'eau et les maladies.",
        image=Image(
            "Le satellite avant son exp\u00e9dition vers le site de lancement.", "Photo : Louis Garnier/Courier Images"
        ),
        tags=("espace", "agriculture"),
        body="""
        Une jeune entreprise lyonnaise a lanc\u00e9 cette semaine son premier satellite, un appareil de la taille
        d'une bo\u00eete \u00e0 chaussures con\u00e7u pour observer les vignobles depuis l'espace.

        Gr\u00e2ce \u00e0 une cam\u00e9ra capable de mesurer la chaleur et l'humidit\u00e9 des feuilles, le satellite doit
        rep\u00e9rer les parcelles qui manquent d'eau ou qui montrent les premiers signes de maladie.

        \u00ab Un viticulteur conna\u00eet ses vignes par c\u0153ur, mais il ne peut pas voir cinquante hectares d'un
        seul coup d'\u0153il \u00bb, explique la cofondatrice, Camille Roux.

        ## Des premiers clients dans la vall\u00e9e du Rh\u00f4ne

        Une trentaine de domaines ont d\u00e9j\u00e0 sign\u00e9 pour tester le service pendant les vendanges. Les images
        seront envoy\u00e9es sur une application pour t\u00e9l\u00e9phone deux fois par semaine.

        L'entreprise, qui emploie vingt personnes, pr\u00e9voit de lancer trois autres satellites d'ici \u00e0 2026
        afin d'offrir des images quotidiennes.
        """,
    ),
    tech(
        "hospitals-trial-ai-scribe-for-patient-notes",
        "Hospitals trial an AI scribe that writes up patient notes",
        "2024-09-05",
        (),
        description="Doctors in four hospitals will test software that listens to consultations.",
        image=None,
        tags=("ai", "health"),
        body="""
        Four hospitals will start testing software that listens to consultations between doctors and
        patients and writes up the notes automatically, in a trial announced by the health ministry.

        Doctors say they spend up to a third of their working day on paperwork. The software records the
        conversation, produces a summary in the standard format and lets the doctor correct it before it is
        saved.

        Patients will be asked for permission before each recording, and the audio will be deleted once the
        notes have been approved, the ministry said.

        Privacy campaigners welcomed the safeguards but asked who would be responsible if the software made a
        mistake that harmed a patient.

        The trial will run for twelve months and will be evaluated by an independent team of researchers.
        """,
    ),
    tech(
        "gallium-nitride-phone-chargers-explained",
        "Why your next phone charger might be made of gallium nitride",
        "2024-09-04",
        ("Ravi Menon",),
        description=None,
        image=None,
        tags=("hardware",),
        body="""
        If you have bought a phone charger recently, it may have been surprisingly small for how quickly it
        charges. The reason is a material called gallium nitride, or GaN.

        Chargers convert power from the wall socket into the low voltage a phone needs. Traditional chargers
        do this with silicon chips, which waste some energy as heat and need space to cool down.

        ## Smaller and cooler

        Gallium nitride can switch power on and off much faster than silicon while losing less energy. That
        means smaller parts, less heat and a charger that can be half the size of an older one.

        The material is not new. It has been used in LED lights and radar systems for years, but prices
        have fallen enough for it to appear in everyday chargers.

        GaN chargers still cost a little more, but for people who carry a laptop and a phone, one small
        charger that handles both may be worth it.
        """,
    ),
    tech(
        "glasfaser-ausbau-auf-dem-land-stockt",
        "Glasfaser-Ausbau auf dem Land stockt, klagen Gemeinden",
        "2024-09-02",
        ("Anna Vogel",),
        lang="de",
        description="Viele Gemeinden warten seit Jahren auf schnelles Internet.",
        image=Image("Bauarbeiter verlegen Leerrohre am Rand einer Landstra\u00dfe.", "Foto: Petra Lang/Courier Images"),
        tags=("breitband",),
        body="""
        Der Ausbau von Glasfaseranschl\u00fcssen in l\u00e4ndlichen Regionen kommt langsamer voran als geplant.
        Das geht aus einer Umfrage unter mehr als 300 Gemeinden hervor, die am Montag ver\u00f6ffentlicht wurde.

        Knapp die H\u00e4lfte der befragten B\u00fcrgermeister gab an, dass sich Bauprojekte um mindestens ein Jahr
        verz\u00f6gern. Als Gr\u00fcnde nannten sie fehlende Baufirmen, lange Genehmigungsverfahren und gestiegene
        Kosten.

        \u201eWir haben Familien, die aufs Land ziehen wollen, aber ohne schnelles Internet k\u00f6nnen sie nicht im
        Homeoffice arbeiten\u201c, sagt der B\u00fcrgermeister einer kleinen Gemeinde im Mittelgebirge.

        ## Streit um F\u00f6rdergeld

        Viele Gemeinden warten zudem auf F\u00f6rdermittel, deren Antr\u00e4ge sich bei den Beh\u00f6rden stapeln. Die
        Netzbetreiber fordern einfachere Regeln und schnellere Entscheidungen.

        Das zust\u00e4ndige Ministerium verweist darauf, dass inzwischen mehr als ein Drittel aller Haushalte
        einen Glasfaseranschluss buchen k\u00f6nne, und k\u00fcndigte an, die Antragsverfahren zu vereinfachen.
        """,
    ),
    tech(
        "retro-gaming-handhelds-teenagers",
        "Retro gaming handhelds find a new audience among teenagers",
        "2024-08-29",
        ("Felix Moreau",),
        description="Cheap devices that play decades-old games are selling out.",
        image=Image("A teenager plays on a retro handheld console.", "Photo: Mia Santos/Courier Images"),
        tags=("gaming",),
        body="""
        Small handheld consoles that play games from the 1980s and 1990s have become an unexpected hit with
        teenagers who were born long after the games were first released.

        The devices, which cost between \u20ac50 and \u20ac150, often sell out within hours when new models are
        announced, and videos about them are watched millions of times.

        "The games are short, they are hard, and nobody tries to sell you anything while you play," said
        16-year-old Noah, who bought one with money from a summer job.

        Some of the devices come loaded with copies of games whose rights still belong to their publishers,
        which has led to legal warnings. Others only run games that players must supply themselves.

        Shops that sell second-hand games say the trend has also pushed up prices for original cartridges.
        """,
    ),
    tech(
        "vaultkey-password-manager-breach-explained",
        "Password managers: what the VaultKey breach means for you",
        "2024-08-27",
        ("Ravi Menon",),
        description="Encrypted vaults were stolen. Here is what you should do now.",
        image=Image("A password manager app on a phone screen.", "Photo: Kim Larsen/Courier Images"),
        tags=("security",),
        body="""
        The password manager VaultKey said on Monday that attackers had copied encrypted backups of customer
        vaults from one of its cloud storage accounts.

        The company says the vaults cannot be opened without each customer's master password, which it does
        not store. But security experts warn that weak master passwords could be guessed over time.

        ## What you should do

        If you use VaultKey, change your master password now and make it long: a phrase of four or five
        random words is better than a short password with symbols.

        Then change the passwords of your most important accounts, starting with email and banking, and turn
        on two-step verification wherever it is offered.

        Experts still recommend password managers. "Reusing one password everywhere is far more dangerous
        than trusting a well-run password manager," said security researcher Dana Ito.
        """,
    ),
]

ARTICLES: list[Article] = sorted(WORLD + BUSINESS + TECH, key=lambda a: a.instant, reverse=True)

# Linked from the homepage, disallowed in robots.txt, absent from sitemaps, feeds and truth.
PRIVATE = Article(
    "A",
    "private",
    "leaked-draft-shows-deep-cuts-in-velmora-budget",
    "Leaked draft shows deep cuts in Velmora's 2025 budget",
    "2024-09-12T06:00:00+02:00",
    prose("""
        A draft of Velmora's 2025 budget seen by The Demo Courier would cut spending on regional roads and
        culture by almost a fifth, while protecting pensions and defence.

        The 212-page document, dated 2 September, was prepared by the finance ministry before the coalition
        collapsed and has not been approved by the cabinet.

        The finance ministry declined to comment on what it called "a working document".

        Subscribers can read the full analysis of the draft in our weekly politics newsletter.
        """),
    ("Mara Lindqvist",),
    None,
    "en",
    "A draft seen by The Demo Courier would cut regional spending by almost a fifth.",
    Image("The finance ministry in Karsk.", "Copyright Marta Novak, Courier Pictures via AP"),
    ("velmora",),
)

AUTHOR_BIOS = {
    "Mara Lindqvist": "Mara Lindqvist is our chief political correspondent and writes a weekly column on European politics.",
    "Tomas Reyes": "Tomas Reyes covers climate, disasters and the environment.",
    "Aiko Brandt": "Aiko Brandt reports on humanitarian affairs and small island states.",
    "Luca Ferrante": "Luca Ferrante covers transport, labour and southern Europe.",
    "Sertac Aktan": "Sertac Aktan writes about Russia, Ukraine and Turkey.",
    "Priya Natarajan": "Priya Natarajan covers companies, trade and small business.",
    "Owen Hale": "Owen Hale is our economics editor.",
    "Hannah Okafor": "Hannah Okafor covers consumer business, food and travel.",
    "Daniel Kim": "Daniel Kim writes about work, pay and the future of jobs.",
    "Felix Moreau": "Felix Moreau reviews gadgets and writes about telecoms.",
    "Anna Vogel": "Anna Vogel berichtet f\u00fcr die Courier-Europa-Redaktion \u00fcber Energie und Digitales.",
    "Ravi Menon": "Ravi Menon covers software, security and open source.",
    "Claire Dubois": "Claire Dubois couvre l'espace et l'innovation pour l'\u00e9dition europ\u00e9enne.",
}

# Reader comments shown under template B articles (two per page, chosen by position).
COMMENTS = (
    ("grumpy_accountant", "Interesting, but the article does not say what this means for ordinary savers."),
    ("M. Harwood", "I have worked in this industry for twenty years and this was always coming."),
    ("lisa_k", "Good reporting. I would like to see a follow-up in six months."),
    ("Tom from Derby", "Another day, another headline. Wake me up when prices actually come down."),
    ("Farida S.", "The figures in the third paragraph look optimistic to me."),
    ("oldtimer57", "Shareholders win again, workers lose again."),
)


# ---------------------------------------------------------------------------------------- helpers


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def author_path(name: str) -> str:
    return f"/author/{slugify(name)}/"


def tag_path(tag: str) -> str:
    return f"/tag/{tag}/"


def section_page_path(section: str, page: int) -> str:
    return f"/{section}/" if page == 1 else f"/{section}/page/{page}/"


def chunks(items: list[Article], size: int) -> list[list[Article]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def json_ld(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return '<script type="application/ld+json">\n' + text.replace("</", "<\\/") + "\n</script>"


def snippet(article: Article, words: int = 28) -> str:
    if article.description:
        return article.description
    tokens = article.paragraphs[0].split()
    return " ".join(tokens[:words]) + ("\u2026" if len(tokens) > words else "")


def section_articles(section: str) -> list[Article]:
    return [a for a in ARTICLES if a.section == section]


def tag_label(tag: str) -> str:
    return tag.replace("-", " ").capitalize()


def by_authors_text(names: Iterable[str], conj: str = "and") -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {conj} " + names[-1]


MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def human_date(article: Article) -> str:
    d = article.date
    if article.lang == "de":
        return f"{d:%d.%m.%Y}"
    if article.lang == "fr":
        return f"{d:%d/%m/%Y}"
    return f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}"


def rfc822(moment: dt.datetime) -> str:
    days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    offset = moment.strftime("%z")
    return (
        f"{days[moment.weekday()]}, {moment.day:02d} {months[moment.month - 1]} {moment.year} "
        f"{moment:%H:%M:%S} {offset}"
    )


# ---------------------------------------------------------------------------------------- shared chrome

NAV = (("/", "Home"), ("/world/", "World"), ("/business/", "Business"), ("/tech/", "Tech"))
FOOTER = (
    ("/about/", "About us"),
    ("/contact/", "Contact"),
    ("/newsletters/", "Newsletters"),
    ("/tag/elections/", "Elections"),
    ("/author/mara-lindqvist/", "Mara Lindqvist's column"),
    ("/rss.xml", "RSS"),
)
FEED_LINKS = (
    '<link rel="alternate" type="application/rss+xml" title="The Demo Courier" href="/rss.xml">\n'
    '<link rel="alternate" type="application/atom+xml" title="The Demo Courier" href="/atom.xml">'
)


def nav_items(fmt: str) -> str:
    return "\n".join(fmt.format(href=href, label=label) for href, label in NAV)


def footer_items(fmt: str) -> str:
    return "\n".join(fmt.format(href=href, label=label) for href, label in FOOTER)


# ---------------------------------------------------------------------------------------- template A
# A Euronews-like CMS: JSON-LD NewsArticle, BEM class names, share modal, ad slots between paragraphs.


def a_dates(article: Article, visible: bool) -> str:
    def fmt(iso: str, with_day: bool) -> str:
        moment = dt.datetime.fromisoformat(iso)
        offset = moment.utcoffset()
        assert offset is not None, iso
        hours = int(offset.total_seconds() // 3600)
        day = f"{moment:%d/%m/%Y} - " if with_day else ""
        return f"{day}{moment:%H:%M} GMT{hours:+d}"

    def time_tag(iso: str, with_day: bool) -> str:
        moment = dt.datetime.fromisoformat(iso)
        text = fmt(iso, with_day) if visible else ""
        return f'<time datetime="{moment:%Y-%m-%d %H:%M}">{text}</time>'

    parts = [f"Published on {time_tag(article.published, True)}"]
    if article.modified:
        same_day = article.modified[:10] == article.published[:10]
        parts.append(f"Updated {time_tag(article.modified, not same_day)}")
    elif not visible:
        parts.append("Updated")
    return '<div class="c-article-publication-date">' + " ".join(parts) + "</div>"


def a_related(article: Article) -> list[tuple[str, str]]:
    if article is SEED:
        return [(f"https://syndication.example.net/euronews/{slugify(t)}", t) for t in SEED_RELATED]
    others = [a for a in section_articles("world") if a is not article and a is not SEED]
    return [(a.path, a.headline) for a in others[:3]]


def render_a(article: Article) -> str:
    visible_dates = article is not SEED  # the seed page renders its dates client-side
    img = article.image
    assert img is not None
    jsonld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": article.url},
        "headline": article.headline,
        "description": article.description,
        "datePublished": article.published,
        "dateModified": article.modified or article.published,
        "image": {
            "@type": "ImageObject",
            "url": article.image_url,
            "width": 1200,
            "height": 675,
            "caption": img.caption,
        },
        "inLanguage": article.lang,
        "articleSection": SECTIONS.get(article.section, "Exclusive"),
        "keywords": ", ".join(article.tags),
        "author": [{"@type": "Person", "name": n, "url": BASE + author_path(n)} for n in article.authors],
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": SITE_NAME,
            "logo": {"@type": "ImageObject", "url": f"{BASE}/media/logo.png"},
        },
    }
    if not article.modified:
        del jsonld["dateModified"]
    if not article.authors:
        del jsonld["author"]

    body_parts: list[str] = []
    paragraph_no = 0
    for block in article.body:
        if block.startswith("## "):
            body_parts.append(f"<h2>{esc(block[3:])}</h2>")
            continue
        paragraph_no += 1
        body_parts.append(f"<p>{esc(block)}</p>")
        if paragraph_no == 1 or paragraph_no % 4 == 0:
            body_parts.append(
                f'<div class="c-ad c-ad--inread" id="enw-ad-inread-{paragraph_no}">'
                '<span class="c-ad__label">ADVERTISEMENT</span><div class="c-ad__slot"></div></div>'
            )
    body_html = "\n".join(body_parts)

    byline = ", ".join(
        f'<a class="c-article-contributors__link" href="{author_path(n)}">{esc(n)}</a>' for n in article.authors
    )
    share_bar = (
        '<div class="c-article-share-bar"><button class="c-share-button js-share-open">'
        'Share this article</button><a class="c-comments-count" href="#comments">Comments</a></div>'
    )
    related = "\n".join(
        f'<li class="c-related__item"><article class="m-object"><a class="m-object__title" '
        f'href="{attr(href)}"><h3>{esc(title)}</h3></a></article></li>'
        for href, title in a_related(article)
    )

    return f"""<!DOCTYPE html>
<html lang="{article.lang}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(article.headline)} | {SITE_NAME}</title>
<meta name="description" content="{attr(article.description or "")}">
<link rel="canonical" href="{article.url}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="{SITE_NAME}">
<meta property="og:title" content="{attr(article.headline)}">
<meta property="og:description" content="{attr(article.description or "")}">
<meta property="og:url" content="{article.url}">
<meta property="og:image" content="{article.image_url}">
<meta property="og:locale" content="en_GB">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:site" content="@democourier">
{json_ld(jsonld)}
</head>
<body class="enw-page enw-page--article">
<div id="cookie-consent" class="c-cookie-banner" role="dialog" aria-label="Cookie consent">
<p class="c-cookie-banner__text">We value your privacy. We and our partners store and access information on your device, such as cookies, to personalise content and ads, measure audiences and improve our services.</p>
<button class="c-cookie-banner__accept">Agree and close</button>
<button class="c-cookie-banner__settings">Learn more</button>
</div>
<header class="c-header">
<div class="c-header__top">
<a class="c-header__logo" href="/" aria-label="{SITE_NAME} home">{SITE_NAME}</a>
<nav class="c-header__services"><a class="c-header__service" href="/newsletters/"><span class="u-hide-large">Newsletter</span><span class="u-show-large">Newsletters</span></a><a class="c-header__service" href="/events/"><span class="u-hide-large">Events</span><span class="u-show-large">Events</span></a><a class="c-header__service" href="/podcasts/">Podcasts</a></nav>
<div class="c-loader" aria-hidden="true">Loader</div>
<div class="c-find-us"><span class="c-find-us__title">Find Us</span>
<ul class="c-find-us__list"><li><a href="https://social.example.net/@democourier" aria-label="Mastodon"></a></li><li><a href="https://video.example.net/democourier" aria-label="Video channel"></a></li></ul>
</div>
</div>
<nav class="c-header__menu" aria-label="Sections">
<ul>
{nav_items('<li class="c-header__menu-item"><a href="{href}">{label}</a></li>')}
</ul>
</nav>
</header>
<div class="c-ad c-ad--leaderboard" id="enw-ad-top"><span class="c-ad__label">ADVERTISEMENT</span><div class="c-ad__slot"></div></div>
<main id="enw-main-content" class="o-container">
<article class="o-article" data-article-id="{slugify(article.slug)}">
<div class="c-article-header">
<h1 class="c-article-title">{esc(article.headline)}</h1>
</div>
<div class="c-article-media">
<div class="c-article-media__caption-short">{esc(img.caption)}</div>
<figure class="c-article-figure">
<img class="c-article-figure__img" src="{article.image_url}" alt="{attr(img.caption)}" width="1200" height="675">
<figcaption class="c-article-caption"><span class="c-article-caption__text">{esc(img.caption)}</span> <span class="c-article-caption__copyright">{esc(img.credit)}</span></figcaption>
</figure>
<div class="c-article-media__copyright">{esc(img.credit)}</div>
</div>
<div class="c-article-byline">
<div class="c-article-contributors">By {byline}</div>
{a_dates(article, visible_dates)}
</div>
{share_bar}
<div class="c-share-modal" hidden>
<div class="c-share-modal__header"><span>Share this article</span><button class="c-share-modal__close">Close Button</button></div>
<div class="c-share-modal__embed"><p>Copy/paste the article video embed link below:</p><input readonly value="{article.url}"><button class="js-copy">Copy to clipboard</button><span class="c-share-modal__copied">Copied</span></div>
</div>
<div class="c-article-content js-article-content">
{body_html}
</div>
{share_bar}
</article>
<section class="c-related" aria-label="You might also like">
<h2 class="c-related__title">You might also like</h2>
<ul class="c-related__list">
{related}
</ul>
</section>
<aside class="c-newsletter-box">
<h3 class="c-newsletter-box__title">Stay informed</h3>
<p>Sign up to our newsletter and get the day's top stories delivered to your inbox every morning.</p>
<form class="c-newsletter-box__form" action="/newsletters/" method="get"><input type="email" name="email" placeholder="Your email address"><button type="submit">Subscribe</button></form>
</aside>
</main>
<footer class="c-footer">
<ul class="c-footer__links">
{footer_items('<li><a href="{href}">{label}</a></li>')}
</ul>
<p class="c-footer__copyright">Copyright \u00a9 {SITE_NAME} 2024</p>
</footer>
</body>
</html>
"""


# ---------------------------------------------------------------------------------------- template B
# A bootstrap-based CMS: div soup, OpenGraph and article:* meta only (no JSON-LD), comments.


def b_time_text(iso: str) -> str:
    moment = dt.datetime.fromisoformat(iso)
    return f"{moment.day} {MONTHS_EN[moment.month - 1][:3]} {moment.year} \u00b7 {moment:%H:%M}"


def render_b(article: Article) -> str:
    img = article.image
    assert img is not None
    position = BUSINESS.index(article)
    others = [a for a in BUSINESS if a is not article]
    read_more = others[(position + 1) % len(others)]
    related = others[:3]
    comments = [COMMENTS[(2 * position) % len(COMMENTS)], COMMENTS[(2 * position + 1) % len(COMMENTS)]]

    body_parts: list[str] = []
    for number, paragraph in enumerate(article.paragraphs, start=1):
        body_parts.append(f"<p>{esc(paragraph)}</p>")
        if number == 2:
            body_parts.append(
                f'<p class="read-more"><strong>Read more:</strong> <a href="{read_more.path}">'
                f"{esc(read_more.headline)}</a></p>"
            )
        if number == 3:
            body_parts.append(
                '<div class="ad-slot ad-slot--inline my-4 text-center">'
                '<small class="text-muted text-uppercase">Advertisement</small>'
                '<div class="ad-slot__inner" data-ad-unit="business_inline"></div></div>'
            )
    body_html = "\n".join(body_parts)

    if article.authors:
        links = [f'<a rel="author" href="{author_path(n)}">{esc(n)}</a>' for n in article.authors]
        byline = f'<span class="byline__authors">By {by_authors_text(links)}</span>\n<span class="text-muted mx-1">\u00b7</span>\n'
    else:
        byline = ""
    updated = (
        (
            f'\n<span class="text-muted small ms-2">Updated <time class="updated" datetime="{article.modified}">'
            f"{b_time_text(article.modified)}</time></span>"
        )
        if article.modified
        else ""
    )
    modified_meta = (
        f'\n<meta property="article:modified_time" content="{article.modified}">' if article.modified else ""
    )
    description_meta = (
        f'\n<meta property="og:description" content="{attr(article.description)}">' if article.description else ""
    )
    comment_html = "\n".join(
        f'<div class="comment border-bottom py-2"><div class="comment__meta"><strong class="comment__author">{esc(name)}</strong> '
        f'<span class="text-muted small">{days + 1} days ago</span></div><p class="comment__text mb-1">{esc(text)}</p>'
        f'<button class="btn btn-link btn-sm p-0">Reply</button></div>'
        for days, (name, text) in enumerate(comments)
    )
    related_html = "\n".join(f'<li class="mb-2"><a href="{a.path}">{esc(a.headline)}</a></li>' for a in related)
    primary_tag = article.tags[0]

    return f"""<!doctype html>
<html lang="{article.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(article.headline)} \u2013 {SITE_NAME} Business</title>
<meta property="og:type" content="article">
<meta property="og:title" content="{attr(article.headline)}">{description_meta}
<meta property="og:url" content="{article.url}">
<meta property="og:image" content="{article.image_url}">
<meta property="og:site_name" content="{SITE_NAME}">
<meta property="article:published_time" content="{article.published}">{modified_meta}
<meta property="article:section" content="Business">
<meta property="article:tag" content="{attr(", ".join(article.tags))}">
<link rel="canonical" href="{article.url}">
</head>
<body class="d-flex flex-column h-100">
<div class="alert alert-dark alert-dismissible fade show mb-0 rounded-0 cookie-alert" role="alert">
This site uses cookies to improve your experience and to show you relevant advertising. <a href="/about/" class="alert-link">Cookie policy</a>
<button type="button" class="btn btn-sm btn-light ms-2" data-bs-dismiss="alert">Accept</button>
</div>
<nav class="navbar navbar-expand-lg navbar-dark bg-dark">
<div class="container">
<a class="navbar-brand fw-bold" href="/">{SITE_NAME}</a>
<button class="navbar-toggler" type="button" data-bs-toggle="collapse" data-bs-target="#mainNav"><span class="navbar-toggler-icon"></span></button>
<div class="collapse navbar-collapse" id="mainNav">
<ul class="navbar-nav me-auto">
{nav_items('<li class="nav-item"><a class="nav-link" href="{href}">{label}</a></li>')}
</ul>
</div>
</div>
</nav>
<div class="container mt-3">
<div class="ad-slot ad-slot--leaderboard text-center mb-3"><small class="text-muted text-uppercase">Advertisement</small><div class="ad-slot__inner" data-ad-unit="business_top"></div></div>
<div class="row">
<div class="col-lg-8">
<nav aria-label="breadcrumb"><ol class="breadcrumb"><li class="breadcrumb-item"><a href="/">Home</a></li><li class="breadcrumb-item"><a href="/business/">Business</a></li></ol></nav>
<div class="post-header mb-3">
<a class="badge bg-primary text-decoration-none mb-2" href="{tag_path(primary_tag)}">{esc(tag_label(primary_tag))}</a>
<h1 class="post-title display-6 fw-bold">{esc(article.headline)}</h1>
<div class="byline d-flex flex-wrap align-items-center small">
{byline}<time class="published" datetime="{article.published}">{b_time_text(article.published)}</time>{updated}
</div>
</div>
<div class="share-buttons d-flex gap-2 mb-3">
<span class="small text-muted">Share</span>
<button class="btn btn-outline-secondary btn-sm" data-share="facebook">Facebook</button>
<button class="btn btn-outline-secondary btn-sm" data-share="twitter">Twitter</button>
<button class="btn btn-outline-secondary btn-sm" data-share="linkedin">LinkedIn</button>
<button class="btn btn-outline-secondary btn-sm" data-share="email">Email</button>
</div>
<figure class="figure w-100">
<img class="figure-img img-fluid rounded" src="{article.image_url}" alt="{attr(img.caption)}">
<figcaption class="figure-caption">{esc(img.caption)} <span class="figure-credit">({esc(img.credit)})</span></figcaption>
</figure>
<div class="article-body">
{body_html}
</div>
<p class="follow-us small mt-4">Follow us on Twitter <a href="https://social.example.net/@democourierbiz">@DemoCourierBiz</a> for the latest business news.</p>
<div class="card newsletter-box bg-light my-4">
<div class="card-body">
<h5 class="card-title">Sign up for our newsletter</h5>
<p class="card-text">The Morning Ledger: the business stories that matter, every weekday at 7am.</p>
<form class="d-flex gap-2" action="/newsletters/" method="get"><input class="form-control" type="email" name="email" placeholder="you@example.com"><button class="btn btn-primary" type="submit">Sign up</button></form>
</div>
</div>
<section class="comments mt-4" id="comments">
<h4 class="h5">Comments ({len(comments)})</h4>
{comment_html}
<p class="small text-muted mt-2">Comments are moderated. Please read our community guidelines before posting.</p>
</section>
</div>
<aside class="col-lg-4">
<div class="related-stories card mb-4">
<div class="card-body">
<h4 class="h6 text-uppercase">Related stories</h4>
<ul class="list-unstyled mb-0">
{related_html}
</ul>
</div>
</div>
<div class="ad-slot ad-slot--mpu text-center"><small class="text-muted text-uppercase">Advertisement</small><div class="ad-slot__inner" data-ad-unit="business_mpu"></div></div>
</aside>
</div>
</div>
<footer class="footer mt-auto py-4 bg-light border-top">
<div class="container">
<ul class="list-inline mb-2">
{footer_items('<li class="list-inline-item"><a href="{href}">{label}</a></li>')}
</ul>
<p class="small text-muted mb-0">\u00a9 2024 {SITE_NAME}. All rights reserved.</p>
</div>
</footer>
</body>
</html>
"""


# ---------------------------------------------------------------------------------------- template C
# An older blog engine: XHTML doctype, meta author/date, microdata, table-free but id-based layout.

C_CHROME = {
    "en": {
        "posted": "Posted by {author} on {date}",
        "posted_anon": "Posted on {date}",
        "tags": "Tags:",
        "print": "Print",
        "email": "Email",
        "share": "Share",
        "most_read": "Most read",
        "cookies": "We use cookies to give you the best experience on our website. By continuing to browse "
        "you agree to our use of cookies.",
        "more": "Find out more",
        "ok": "OK",
        "photo": "Photo",
        "desk": "Tech desk",
    },
    "de": {
        "posted": "Veröffentlicht von {author} am {date}",
        "posted_anon": "Veröffentlicht am {date}",
        "tags": "Schlagw\u00f6rter:",
        "print": "Drucken",
        "email": "E-Mail",
        "share": "Teilen",
        "most_read": "Meistgelesen",
        "cookies": "Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten. Wenn Sie weiter "
        "surfen, stimmen Sie der Nutzung von Cookies zu.",
        "more": "Mehr erfahren",
        "ok": "OK",
        "photo": "Foto",
        "desk": "Courier Europa \u2013 Technik",
    },
    "fr": {
        "posted": "Publi\u00e9 par {author} le {date}",
        "posted_anon": "Publi\u00e9 le {date}",
        "tags": "Mots-cl\u00e9s :",
        "print": "Imprimer",
        "email": "E-mail",
        "share": "Partager",
        "most_read": "Les plus lus",
        "cookies": "Nous utilisons des cookies pour vous offrir la meilleure exp\u00e9rience sur notre site. "
        "En poursuivant votre navigation, vous acceptez leur utilisation.",
        "more": "En savoir plus",
        "ok": "OK",
        "photo": "Photo",
        "desk": "Courier Europe \u2013 Tech",
    },
}
C_MOST_READ = (
    "vaultkey-password-manager-breach-explained",
    "review-fieldbook-14-laptop",
    "lindhaven-switches-off-last-copper-exchange",
    "gallium-nitride-phone-chargers-explained",
    "open-source-maintainers-warn-of-burnout",
)


def render_c(article: Article) -> str:
    words = C_CHROME[article.lang]
    date_text = human_date(article)
    if article.authors:
        author = ", ".join(f'<span itemprop="author">{esc(n)}</span>' for n in article.authors)
        posted = words["posted"].format(author=author, date=date_text)
    else:
        posted = words["posted_anon"].format(date=date_text)
    head_meta = []
    if article.authors:
        head_meta.append(f'<meta name="author" content="{attr(", ".join(article.authors))}" />')
    head_meta.append(f'<meta name="date" content="{article.published}" />')
    if article.description:
        head_meta.append(f'<meta name="description" content="{attr(article.description)}" />')
    head_meta.append(f'<meta name="keywords" content="{attr(", ".join(article.tags))}" />')
    if article.image:
        head_meta.append(f'<meta property="og:image" content="{article.image_url}" />')
    photo = ""
    if article.image:
        photo = (
            f'<div class="photo">\n<img src="{article.image_url}" alt="{attr(article.image.caption)}" width="480" height="270" />\n'
            f'<p class="caption">{esc(article.image.caption)}</p>\n<p class="credit">{esc(article.image.credit)}</p>\n</div>'
        )
    body_html = "\n".join(f"<h2>{esc(b[3:])}</h2>" if b.startswith("## ") else f"<p>{esc(b)}</p>" for b in article.body)
    tags_html = ", ".join(f'<a href="{tag_path(t)}" rel="tag">{esc(t)}</a>' for t in article.tags)
    most_read = "\n".join(
        f'<li><a href="{a.path}">{esc(a.headline)}</a></li>' for slug in C_MOST_READ for a in TECH if a.slug == slug
    )
    lang = article.lang

    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="{lang}" xml:lang="{lang}">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{esc(article.headline)} :: {SITE_NAME} Tech</title>
{chr(10).join(head_meta)}
<link rel="alternate" type="application/rss+xml" title="RSS" href="/rss.xml" />
</head>
<body class="single">
<div id="cookie-notice">{esc(words["cookies"])} <a href="/about/">{words["more"]}</a> | <a href="#" class="cookie-ok">{words["ok"]}</a></div>
<div id="wrapper">
<div id="header">
<div id="logo"><a href="/">{SITE_NAME}</a></div>
<div id="tagline">{esc(words["desk"])}</div>
</div>
<ul id="nav">
{nav_items('<li><a href="{href}">{label}</a></li>')}
</ul>
<div id="main">
<div id="content" itemscope="itemscope" itemtype="http://schema.org/BlogPosting">
<h1 class="posttitle" itemprop="headline">{esc(article.headline)}</h1>
<p class="postmeta">{posted}<meta itemprop="datePublished" content="{article.published}" /></p>
{photo}
{body_html}
<p class="tags">{words["tags"]} {tags_html}</p>
<p class="tools"><a href="javascript:window.print()">{words["print"]}</a> | <a href="mailto:?subject={attr(article.headline)}">{words["email"]}</a> | <a href="#share">{words["share"]}</a></p>
</div>
<div id="sidebar">
<h3>{words["most_read"]}</h3>
<ol class="most-read">
{most_read}
</ol>
<h3>Sections</h3>
<ul>
{nav_items('<li><a href="{href}">{label}</a></li>')}
</ul>
</div>
</div>
<div id="footer">
{" | ".join(f'<a href="{href}">{label}</a>' for href, label in FOOTER)}
<br />&copy; 2024 {SITE_NAME}
</div>
</div>
</body>
</html>
"""


RENDERERS: dict[str, Callable[[Article], str]] = {"A": render_a, "B": render_b, "C": render_c}


# ---------------------------------------------------------------------------------------- site pages
# Homepage, section listings, tag and author pages and static pages share one front-end shell.


def shell(title: str, main: str, *, description: str, head_extra: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<meta name="description" content="{attr(description)}">
<meta property="og:type" content="website">
<meta property="og:site_name" content="{SITE_NAME}">
{FEED_LINKS}{head_extra}
</head>
<body class="site">
<header class="site-header">
<a class="site-header__logo" href="/">{SITE_NAME}</a>
<nav class="site-nav">
<ul>
{nav_items('<li><a href="{href}">{label}</a></li>')}
</ul>
</nav>
</header>
<main class="site-main">
{main}
</main>
<footer class="site-footer">
<ul>
{footer_items('<li><a href="{href}">{label}</a></li>')}
</ul>
<p>\u00a9 2024 {SITE_NAME}</p>
</footer>
</body>
</html>
"""


def teaser(article: Article, heading: str = "h3") -> str:
    by = f'<span class="teaser__by">{esc(by_authors_text(article.authors))}</span> ' if article.authors else ""
    return (
        f'<article class="teaser teaser--{article.section}">\n'
        f'<{heading} class="teaser__title"><a href="{article.path}">{esc(article.headline)}</a></{heading}>\n'
        f'<p class="teaser__meta">{by}<time datetime="{article.published}">{human_date(article)}</time></p>\n'
        f'<p class="teaser__text">{esc(snippet(article))}</p>\n</article>'
    )


def render_home() -> str:
    latest = "\n".join(teaser(a, "h2") for a in ARTICLES[:HOMEPAGE_SIZE])
    blocks = []
    for section, label in SECTIONS.items():
        items = "\n".join(f'<li><a href="{a.path}">{esc(a.headline)}</a></li>' for a in section_articles(section)[:3])
        blocks.append(
            f'<section class="section-block">\n<h2><a href="/{section}/">{label}</a></h2>\n<ul>\n{items}\n</ul>\n'
            f'<p><a class="more" href="/{section}/">More {label.lower()} news</a></p>\n</section>'
        )
    main = f"""<section class="top-stories">
<h1 class="visually-hidden">{SITE_NAME}: latest news</h1>
{latest}
</section>
<aside class="exclusive">
<p class="exclusive__label">Subscriber exclusive</p>
<h2><a href="{PRIVATE.path}">{esc(PRIVATE.headline)}</a></h2>
<p>{esc(PRIVATE.description or "")}</p>
</aside>
{chr(10).join(blocks)}
<section class="newsletter-promo"><h2>Newsletters</h2><p>Get our morning briefing and weekly columns by email. <a href="/newsletters/">Choose your newsletters</a></p></section>"""
    return shell(
        f"{SITE_NAME} \u2013 News from Europe and the world",
        main,
        description="Independent news, business and technology reporting from The Demo Courier.",
        head_extra=f'\n<link rel="canonical" href="{BASE}/">',
    )


def pagination(section: str, page: int, pages: int) -> str:
    links = []
    if page > 1:
        links.append(
            f'<a class="pagination__prev" rel="prev" href="{section_page_path(section, page - 1)}">\u2190 Newer</a>'
        )
    for n in range(1, pages + 1):
        if n == page:
            links.append(f'<span class="pagination__current" aria-current="page">{n}</span>')
        else:
            links.append(f'<a class="pagination__page" href="{section_page_path(section, n)}">{n}</a>')
    if page < pages:
        links.append(
            f'<a class="pagination__next" rel="next" href="{section_page_path(section, page + 1)}">Older \u2192</a>'
        )
    return '<nav class="pagination" aria-label="Pages">\n' + "\n".join(links) + "\n</nav>"


def render_section(section: str) -> dict[str, str]:
    label = SECTIONS[section]
    pages = chunks(section_articles(section), PAGE_SIZE)
    out = {}
    for number, items in enumerate(pages, start=1):
        path = section_page_path(section, number)
        head = [f'<link rel="canonical" href="{BASE}{path}">']
        if number > 1:
            head.append(f'<link rel="prev" href="{section_page_path(section, number - 1)}">')
        if number < len(pages):
            head.append(f'<link rel="next" href="{section_page_path(section, number + 1)}">')
        title = label if number == 1 else f"{label} \u2013 page {number}"
        main = (
            f'<h1 class="listing-title">{esc(title)}</h1>\n<div class="listing">\n'
            + "\n".join(teaser(a) for a in items)
            + "\n</div>\n"
            + pagination(section, number, len(pages))
        )
        out[path] = shell(
            f"{title} | {SITE_NAME}",
            main,
            description=f"The latest {label.lower()} news from {SITE_NAME}.",
            head_extra="\n" + "\n".join(head),
        )
    return out


def linked_tags() -> list[str]:
    """Tags that some page links to: template B's category badge, template C's tag line, the footer."""
    tags = {"elections"}
    for a in ARTICLES:
        if a.template == "B":
            tags.add(a.tags[0])
        elif a.template == "C":
            tags.update(a.tags)
    return sorted(tags)


def render_tag(tag: str) -> str:
    items = [a for a in ARTICLES if tag in a.tags]
    main = (
        f'<h1 class="listing-title">Topic: {esc(tag_label(tag))}</h1>\n'
        f'<p class="listing-intro">All our stories tagged \u201c{esc(tag)}\u201d, newest first.</p>\n<div class="listing">\n'
        + "\n".join(teaser(a) for a in items)
        + "\n</div>"
    )
    return shell(f"{tag_label(tag)} | {SITE_NAME}", main, description=f"Stories about {tag_label(tag).lower()}.")


def render_author(name: str) -> str:
    items = [a for a in ARTICLES if name in a.authors]
    main = (
        f'<div class="author-card">\n<h1>{esc(name)}</h1>\n<p class="author-card__bio">{esc(AUTHOR_BIOS[name])}</p>\n</div>\n'
        f'<h2>Latest from {esc(name)}</h2>\n<div class="listing">\n' + "\n".join(teaser(a) for a in items) + "\n</div>"
    )
    return shell(f"{name} | {SITE_NAME}", main, description=AUTHOR_BIOS[name])


STATIC_PAGES = {
    "/about/": (
        "About us",
        """
        The Demo Courier is an independent news organisation founded in 2009 by a group of journalists who
        wanted to report on Europe for readers everywhere.

        Our newsroom of forty journalists covers world news, business and technology, with correspondents in
        six countries. We are funded by our readers and by advertising, and we do not accept money from
        political parties.

        ## Our journalists

        {team}

        ## Cookies and privacy

        We use cookies to measure how our site is used and to show advertising. You can change your choices at
        any time in the cookie settings at the bottom of every page.
        """,
    ),
    "/contact/": (
        "Contact",
        """
        The Demo Courier, 12 Quay Street, Karsk.

        News desk: newsdesk@democourier.example. Corrections: corrections@democourier.example.

        For advertising enquiries, please write to ads@democourier.example.
        """,
    ),
    "/newsletters/": (
        "Newsletters",
        """
        The Morning Briefing: the five stories you need to know, every weekday at 6am.

        The Morning Ledger: business and markets, every weekday at 7am.

        Mara Lindqvist's Europe: our chief political correspondent's weekly column, every Sunday.
        """,
    ),
    "/events/": (
        "Events",
        """
        Courier Live brings our journalists on stage with the people they write about.

        Our autumn season of debates will be announced soon. Sign up to our newsletters to hear about it first.
        """,
    ),
    "/podcasts/": (
        "Podcasts",
        """
        The Daily Courier: twenty minutes on one big story, every weekday.

        Ledger Lines: our business team on the numbers behind the news, every Friday.
        """,
    ),
}


def render_static(path: str) -> str:
    title, text = STATIC_PAGES[path]
    team = ", ".join(f'<a href="{author_path(n)}">{esc(n)}</a>' for n in sorted(AUTHOR_BIOS))
    parts = []
    for block in prose(text):
        if block.startswith("## "):
            parts.append(f"<h2>{esc(block[3:])}</h2>")
        elif block == "{team}":
            parts.append(f'<p class="team">{team}</p>')
        else:
            parts.append(f"<p>{esc(block)}</p>")
    main = f'<div class="page">\n<h1>{esc(title)}</h1>\n' + "\n".join(parts) + "\n</div>"
    return shell(f"{title} | {SITE_NAME}", main, description=f"{title} \u2013 {SITE_NAME}.")


# ---------------------------------------------------------------------------------------- robots, sitemaps, feeds

ROBOTS = f"""User-agent: *
Disallow: /private/

Sitemap: {BASE}/sitemap_index.xml
"""


def render_sitemap_index() -> str:
    entries = "\n".join(
        f"  <sitemap>\n    <loc>{BASE}/{name}</loc>\n    <lastmod>{ARTICLES[0].modified or ARTICLES[0].published}</lastmod>\n  </sitemap>"
        for name in ("sitemap-articles.xml", "sitemap-news.xml.gz")
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "\n</sitemapindex>\n"
    )


def render_sitemap_articles() -> str:
    entries = "\n".join(
        f"  <url>\n    <loc>{a.url}</loc>\n    <lastmod>{a.modified or a.published}</lastmod>\n  </url>"
        for a in ARTICLES
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "\n</urlset>\n"
    )


def render_sitemap_news() -> str:
    entries = "\n".join(
        f"""  <url>
    <loc>{a.url}</loc>
    <news:news>
      <news:publication>
        <news:name>{SITE_NAME}</news:name>
        <news:language>{a.lang}</news:language>
      </news:publication>
      <news:publication_date>{a.published}</news:publication_date>
      <news:title>{esc(a.headline)}</news:title>
    </news:news>
  </url>"""
        for a in ARTICLES[:NEWS_SITEMAP_SIZE]
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"\n'
        '        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n' + entries + "\n</urlset>\n"
    )


def render_rss() -> str:
    items = []
    for a in ARTICLES[:FEED_SIZE]:
        creators = "".join(f"\n      <dc:creator>{esc(n)}</dc:creator>" for n in a.authors)
        items.append(f"""    <item>
      <title>{esc(a.headline)}</title>
      <link>{a.url}</link>
      <guid isPermaLink="true">{a.url}</guid>
      <pubDate>{rfc822(a.instant)}</pubDate>{creators}
      <category>{SECTIONS[a.section]}</category>
      <description>{esc(snippet(a))}</description>
    </item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>{SITE_NAME}</title>
    <link>{BASE}/</link>
    <atom:link href="{BASE}/rss.xml" rel="self" type="application/rss+xml"/>
    <description>Latest news from {SITE_NAME}</description>
    <language>en</language>
    <lastBuildDate>{rfc822(ARTICLES[0].instant)}</lastBuildDate>
{chr(10).join(items)}
  </channel>
</rss>
"""


def render_atom() -> str:
    entries = []
    for a in ARTICLES[:FEED_SIZE]:
        authors = "".join(f"\n    <author><name>{esc(n)}</name></author>" for n in a.authors)
        updated = dt.datetime.fromisoformat(a.modified).isoformat() if a.modified else a.instant.isoformat()
        entries.append(f"""  <entry>
    <title>{esc(a.headline)}</title>
    <link rel="alternate" type="text/html" href="{a.url}"/>
    <id>{a.url}</id>
    <published>{a.instant.isoformat()}</published>
    <updated>{updated}</updated>{authors}
    <summary>{esc(snippet(a))}</summary>
  </entry>""")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>{SITE_NAME}</title>
  <link rel="alternate" type="text/html" href="{BASE}/"/>
  <link rel="self" type="application/atom+xml" href="{BASE}/atom.xml"/>
  <id>{BASE}/</id>
  <updated>{ARTICLES[0].instant.isoformat()}</updated>
  <author><name>{SITE_NAME}</name></author>
{chr(10).join(entries)}
</feed>
"""


# ---------------------------------------------------------------------------------------- truth and images


def truth_record(a: Article) -> dict:
    return {
        "path": a.path,
        "template": a.template,
        "headline": a.headline,
        "authors": [{"name": n} for n in a.authors],
        "datePublished": a.published,
        "dateModified": a.modified,
        "inLanguage": a.lang,
        "description": a.description,
        "mainImage": a.image_url,
        "articleBody": "\n".join(a.text_lines()),
    }


def render_truth() -> str:
    return "".join(
        json.dumps(truth_record(a), ensure_ascii=False) + "\n" for a in sorted(ARTICLES, key=lambda a: a.path)
    )


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A small solid-colour PNG (placeholder photo)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + bytes(rgb) * width
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * height, 9))
        + chunk(b"IEND", b"")
    )


def image_colour(slug: str) -> tuple[int, int, int]:
    seed = zlib.crc32(slug.encode())
    return (64 + seed % 128, 64 + (seed >> 8) % 128, 64 + (seed >> 16) % 128)


# ---------------------------------------------------------------------------------------- README (generated site map)


def file_for(path: str) -> str:
    return path.lstrip("/") + "index.html" if path.endswith("/") else path.lstrip("/")


def hrefs(text: str) -> list[str]:
    return sorted(set(re.findall(r'href="(/[^"#?]*)"', text)))


def inbound_links(pages: dict[str, str]) -> dict[str, list[str]]:
    """For each article path, the HTML pages (by URL path) that link to it."""
    found: dict[str, list[str]] = {a.path: [] for a in ARTICLES}
    for page_path, text in pages.items():
        for href in hrefs(text):
            if href in found and href != page_path:
                found[href].append(page_path)
    return found


def link_depths(pages: dict[str, str]) -> dict[str, int]:
    """Clicks from / to each HTML page, following same-site links and obeying robots.txt."""
    depths = {"/": 0}
    frontier = ["/"]
    while frontier:
        following = []
        for page in frontier:
            for href in hrefs(pages[page]):
                if href in pages and href not in depths and not href.startswith("/private/"):
                    depths[href] = depths[page] + 1
                    following.append(href)
        frontier = following
    return depths


def listing_position(article: Article) -> str:
    index = section_articles(article.section).index(article)
    return section_page_path(article.section, index // PAGE_SIZE + 1)


def render_readme(pages: dict[str, str]) -> str:
    inbound = inbound_links(pages)
    depths = link_depths(pages)
    homepage = {a.path for a in ARTICLES if "/" in inbound[a.path]}

    def kinds(article: Article) -> str:
        sources = set()
        for page in inbound[article.path]:
            if page.startswith(("/tag/", "/author/")):
                sources.add(page.split("/")[1])
            elif page in pages and any(page == a.path for a in ARTICLES):
                sources.add("articles")
        return ", ".join(sorted(sources))

    rows = [
        f"| {a.template} | {a.lang} | `{a.path}` | {'yes' if a.path in homepage else ''} | "
        f"`{listing_position(a)}` | {kinds(a)} | {depths[a.path]} |"
        for a in ARTICLES
    ]
    paginated = [a.path for a in ARTICLES if a.path not in homepage and "/page/" in listing_position(a)]
    news = ", ".join(f"`{a.path}`" for a in ARTICLES[:NEWS_SITEMAP_SIZE])
    return f"""# The Demo Courier — demo news site

Generated by `tools/build_demo.py` (do not edit by hand; run `python tools/build_demo.py`).
Served by newsproj's loopback fixture server: `/x/y/` → `x/y/index.html`, other paths → the file of that
name, `{{{{BASE}}}}` → the server's base URL (also inside `.gz`). `truth.jsonl` (the records a crawl from `/`
must export, sorted by `path`) and this README are not linked from any page.

## Pages

| kind | URL paths |
| --- | --- |
| homepage | `/` — {HOMEPAGE_SIZE} newest articles, 3 per section, the private "exclusive" |
| sections | `/world/`, `/business/`, `/tech/`, each paginated by {PAGE_SIZE}: `/<section>/page/2/`, `/<section>/page/3/` |
| articles, template A (Euronews-like, JSON-LD) | `/world/YYYY/MM/DD/<slug>.html` |
| articles, template B (bootstrap CMS, OpenGraph + `article:*` meta, no JSON-LD) | `/business/articles/<slug>/` |
| articles, template C (old blog, `meta name=author/date`, microdata, no canonical) | `/tech/YYYY/MM/<slug>.html` |
| not articles | `/about/`, `/contact/`, `/newsletters/`, `/events/`, `/podcasts/`, `/tag/<tag>/`, `/author/<name>/` |
| private (robots.txt `Disallow: /private/`, linked from `/` only, not in sitemaps, feeds or truth) | `{PRIVATE.path}` |
| discovery | `/robots.txt` → `/sitemap_index.xml` → `/sitemap-articles.xml` (all {len(ARTICLES)} articles, `lastmod`) and `/sitemap-news.xml.gz` (Google News, {NEWS_SITEMAP_SIZE} newest; also as plain `/sitemap-news.xml`); `/rss.xml` and `/atom.xml` ({FEED_SIZE} newest) |
| images | `/media/YYYY/MM/<slug>.png` (placeholders; `og:image` of articles that have one) |

The seed article (the Euronews page behind `seed-example.txt`) is `{SEED.path}`.
Its "You might also like" links point off-site (`https://syndication.example.net/...`), and every template
links off-site to `social.example.net`: a crawl must stay on the fixture server's host and port.

## Things a crawler should cope with

- Three templates with different metadata: A has JSON-LD (`NewsArticle`, several `author`s possible),
  B has only `article:published_time` / `article:modified_time` and `<a rel="author">` bylines (two authors on
  some pages), C has `meta name="author"`, a date-only `meta name="date"` and no `<link rel="canonical">`.
- Articles without an author: {", ".join(f"`{a.path}`" for a in ARTICLES if not a.authors)}.
- Articles without a description: {", ".join(f"`{a.path}`" for a in ARTICLES if a.description is None)}.
- Articles without an image: {", ".join(f"`{a.path}`" for a in ARTICLES if a.image is None)}.
- Non-English (template C, `<html lang>` and localised chrome): {", ".join(f"`{a.path}` ({a.lang})" for a in ARTICLES if a.lang != "en")}.
- Chrome to strip: cookie banners, ad slots between paragraphs ("ADVERTISEMENT", "Advertisement"), share bars,
  photo captions and credits (A repeats its credit twice), bylines and dates, "Read more:" links inside the
  B body, newsletter boxes, related-story lists, B reader comments, C "Tags:" and "Print | Email | Share" lines
  and "Most read" sidebar. `articleBody` in the truth holds paragraphs and subheadings only.
- Articles that a listing-only crawl (`/` plus section pages) finds only on `/<section>/page/N/`
  (they are also linked from tag/author pages and some from other articles, see the table):
  {", ".join(f"`{p}`" for p in paginated)}.
- Every article is reachable from `/` by links alone (at most {max(depths[a.path] for a in ARTICLES)} clicks, obeying
  robots.txt); no article is only in the sitemaps or feeds. The feeds and sitemaps list subsets (see above).
- Articles in the news sitemap: {news}.

## Articles, newest first

"listed on" is the section page that lists the article; "also linked from" counts tag and author pages and
other articles (related, "Read more", "Most read"); "clicks" is the link distance from `/`.

| template | lang | path | on `/` | listed on | also linked from | clicks |
| --- | --- | --- | --- | --- | --- | --- |
{chr(10).join(rows)}
"""


# ---------------------------------------------------------------------------------------- build


def build() -> dict[str, bytes]:
    """Every output file, keyed by its path relative to fixtures/demo/."""
    pages: dict[str, str] = {"/": render_home()}
    for section in SECTIONS:
        pages.update(render_section(section))
    for article in ARTICLES:
        pages[article.path] = RENDERERS[article.template](article)
    pages[PRIVATE.path] = render_a(PRIVATE)
    for tag in linked_tags():
        pages[tag_path(tag)] = render_tag(tag)
    for name in sorted({n for a in ARTICLES + [PRIVATE] for n in a.authors}):
        pages[author_path(name)] = render_author(name)
    for path in STATIC_PAGES:
        pages[path] = render_static(path)

    files: dict[str, bytes] = {file_for(p): text.encode() for p, text in pages.items()}
    news = render_sitemap_news().encode()
    files.update(
        {
            "robots.txt": ROBOTS.encode(),
            "sitemap_index.xml": render_sitemap_index().encode(),
            "sitemap-articles.xml": render_sitemap_articles().encode(),
            "sitemap-news.xml": news,
            "sitemap-news.xml.gz": gzip.compress(news, compresslevel=9, mtime=GZIP_MTIME),
            "rss.xml": render_rss().encode(),
            "atom.xml": render_atom().encode(),
            "truth.jsonl": render_truth().encode(),
            "README.md": render_readme(pages).encode(),
            "media/logo.png": png(32, 32, (20, 40, 90)),
        }
    )
    for article in ARTICLES + [PRIVATE]:
        if article.image_url:
            files[article.image_url.removeprefix(BASE + "/")] = png(16, 9, image_colour(article.slug))
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with fixtures/demo/ instead of writing")
    args = parser.parse_args(argv)
    files = build()
    existing = {str(p.relative_to(OUT)) for p in OUT.rglob("*") if p.is_file()} if OUT.exists() else set()
    if args.check:
        stale = sorted(
            name for name, data in files.items() if not (OUT / name).is_file() or (OUT / name).read_bytes() != data
        )
        extra = sorted(existing - set(files))
        for name in stale:
            print(f"differs: {name}", file=sys.stderr)
        for name in extra:
            print(f"not generated: {name}", file=sys.stderr)
        return 1 if stale or extra else 0
    for name in sorted(existing - set(files)):
        (OUT / name).unlink()
    for name, data in sorted(files.items()):
        target = OUT / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)
    print(f"wrote {len(files)} files under {OUT.relative_to(ROOT)}/ ({len(ARTICLES)} articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
