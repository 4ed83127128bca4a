"""Article pages for the carried field and cleaning defects of round 19 (fields19): bylines that put a role before
the name or open the text with the date, blog and journal footers, numeric dates read by the page's language, a
related story's date above the byline, prose that a chrome label's words open, a journal's mood and tag lines. All
text is written for these tests.

The same tables as tests/field_pages.py: :data:`ARTICLES` maps a path to ``(html, lines that must be in its record's
body)``; :data:`ABSENT` a path to lines that must not be (chrome); :data:`AUTHORS` a path to the authors its record
must give; :data:`DATES` a path to the ``datePublished`` it must give (its first ten characters, "" for none)."""

from __future__ import annotations

from tests.probe_lookalikes import page, ps

ARTICLES: dict[str, tuple[str, list[str]]] = {}
ABSENT: dict[str, list[str]] = {}
AUTHORS: dict[str, list[str]] = {}
DATES: dict[str, str] = {}

# a byline that puts the writer's role before the name: the name is the author, not nobody
MARKET = [
    "Traders at Harwood's covered market say footfall has doubled since the council cut parking charges in the "
    "town centre at the start of the summer.",
    "The market's oldest stallholder, a cheesemonger who has sold there for forty years, said Saturdays had not "
    "been this busy since the nineties.",
    "The council will decide next month whether to keep the lower charges, which cost it about 80,000 pounds a year "
    "in lost income.",
    "A survey of shoppers found that most would come into town more often if the charges stayed where they are now.",
]
ARTICLES["/news/2024/08/market-footfall.html"] = (page(
    "Market traders cheer the cut in parking charges",
    "<div class='byline'>Staff Writer, Jane Doe</div>" + ps(MARKET)), MARKET)
AUTHORS["/news/2024/08/market-footfall.html"] = ["Jane Doe"]

# a feature whose first subheading is a title-case phrase that opens with "By": not a byline, and the page names no
# author
WARRANT = [
    "Forty firms in the county hold a royal warrant, the mark that tells shoppers a business supplies the royal "
    "household, and three of them are in Harwood.",
    "The oldest is a saddler on Bridge Street whose great-grandfather first supplied harness to the royal stables in "
    "1911, and who still makes every bridle by hand.",
    "A warrant lasts five years and is reviewed before it is renewed, so the firms can never take it for granted.",
    "The saddler says the warrant brings in orders from all over the world, most of them from riders who have never "
    "been to Harwood.",
]
ARTICLES["/news/2024/05/royal-warrants.html"] = (page(
    "The Harwood firms that supply the palace",
    "<h2>By Royal Appointment</h2>" + ps(WARRANT[:2]) + "<h2>By Popular Demand</h2>" + ps(WARRANT[2:])),
    ["By Royal Appointment", *WARRANT[:2], "By Popular Demand", *WARRANT[2:]])
AUTHORS["/news/2024/05/royal-warrants.html"] = []

# a blog post: the footer names its writer ("Posted by Jane at 10:15 AM"), the sidebar's profile box links her profile
WALK = [
    "We walked the old railway line from Harwood to Millford on Sunday, eleven miles of cinder track through the "
    "cuttings and over the viaduct.",
    "The viaduct was the best part: you can see the whole valley from the middle, and on a clear day the hills beyond "
    "the coast.",
    "We stopped for lunch at the old station at Moor End, which is now a cafe that serves the best scones in the "
    "county, and caught the bus home.",
    "Next month we plan to walk the other half of the line, from Millford to the sea, if the weather is kind to us.",
]
ARTICLES["/2024/06/railway-walk.html"] = (page(
    "Walking the old railway line",
    "<div class='post-body'>" + ps(WALK) + "</div><div class='post-footer'>Posted by <a href='/profile/1'>Jane</a> "
    "at 10:15 AM</div><div class='sidebar'><h2>About Me</h2><p><a href='/profile/1'>Jane</a></p><p>I walk.</p>"
    "<p><a href='/profile/1'>View my complete profile</a></p></div>"), WALK)
AUTHORS["/2024/06/railway-walk.html"] = ["Jane"]
ABSENT["/2024/06/railway-walk.html"] = ["View my complete profile", "Posted by Jane at 10:15 AM"]

# a story whose first line gives its day and its writer: the author and the date, and not a line of the text
CHOIR = [
    "The Harwood Male Voice Choir sang to a full house at the Corn Exchange on Saturday, its first concert since the "
    "hall reopened after the fire.",
    "The choir's conductor said the members had rehearsed twice a week through the winter for the occasion.",
    "Money raised from the tickets will go towards a new piano for the hall, which lost its old one in the fire.",
    "The choir sings next at the cathedral in June, where it will join three other choirs from the county.",
]
ARTICLES["/news/choir-concert.html"] = (page(
    "Choir sings to a full house at the Corn Exchange",
    "<p>Monday 21 March 2016, by Jim Harrow</p>" + ps(CHOIR)), CHOIR)
AUTHORS["/news/choir-concert.html"] = ["Jim Harrow"]
DATES["/news/choir-concert.html"] = "2016-03-21"
ABSENT["/news/choir-concert.html"] = ["Monday 21 March 2016, by Jim Harrow"]

# numeric dates in a byline, read by the page's language: month first in en-US, day first in en-GB and French
BRIDGE = [
    "The footbridge over the river at Millford will close for repairs on Monday, the council said, and will stay "
    "closed for about six weeks.",
    "Walkers will have to use the road bridge a mile downstream, where a temporary footway has been marked out.",
    "The repairs will replace the rotten boards and repaint the steel, which has not been painted since 1998.",
    "The council said the bridge would reopen before the Easter holidays, when the riverside path is at its busiest.",
]
for _path, _lang, _day, _end in (
        ("/us/2016/bridge-repairs.html", "en-US", "2016-03-04", "Cyclists must walk their bikes on the detour."),
        ("/uk/2016/bridge-repairs.html", "en-GB", "2016-04-03", "Cyclists are asked to dismount on the diversion.")):
    ARTICLES[_path] = (page("Footbridge to close for repairs",
                            "<p class='byline'>By Jane Doe, 3/4/2016</p>" + ps([*BRIDGE, _end]), lang=_lang),
                       [*BRIDGE, _end])
    DATES[_path] = _day
# an en-US page whose metadata states its date: the metadata's, whatever its byline's numbers read as
ARTICLES["/us/2016/bridge-reopens.html"] = (page(
    "Footbridge reopens after repairs", "<p class='byline'>By Jane Doe, 3/4/2016</p>" + ps(BRIDGE[:1] + [
        "The footbridge reopened on Sunday after six weeks of repairs, a week earlier than the council had said.",
        "Walkers no longer need to use the road bridge a mile downstream, and the temporary footway has gone."]),
    lang="en-US", head="<meta property='article:published_time' content='2016-04-03T09:00:00Z'>"), [])
DATES["/us/2016/bridge-reopens.html"] = "2016-04-03"
PONT = [
    "La passerelle qui enjambe la rivière à Millford sera fermée pour travaux à partir de lundi, a annoncé la "
    "mairie, pour une durée d'environ six semaines.",
    "Les piétons devront emprunter le pont routier, à un kilomètre en aval, où un passage provisoire a été tracé.",
    "Les travaux remplaceront les planches pourries et repeindront l'acier, qui n'a pas été repeint depuis 1998.",
    "La mairie affirme que la passerelle rouvrira avant les vacances de Pâques, quand le chemin est le plus fréquenté.",
]
ARTICLES["/fr/2016/passerelle.html"] = (page(
    "La passerelle fermée pour travaux", "<p class='byline'>Par Jeanne Dupont, 3/4/2016</p>" + ps(PONT), lang="fr"),
    PONT)
DATES["/fr/2016/passerelle.html"] = "2016-04-03"

# a related story's teaser with its date above the story's byline and its own date: the story's date
LIBRARY = [
    "Harwood's library will open on Sundays from next month, the first time in its history, after a trial run in "
    "the summer drew more than two thousand visitors.",
    "The extra day will be staffed by volunteers from the Friends of the Library, who raised the money for the "
    "heating themselves.",
    "The library's manager said Sunday had become the busiest day of the week during the trial, ahead of Saturday.",
]
ARTICLES["/news/library-sundays.html"] = (page(
    "Library to open on Sundays",
    "<p class='byline'>By Jane Doe, <span class='date'>14 October 2024</span></p>" + ps(LIBRARY),
    top="<div class='related'><a href='/news/library-trial.html'>Library trial draws crowds</a> "
        "<span class='date'>2 August 2024</span></div>"), LIBRARY)
DATES["/news/library-sundays.html"] = "2024-10-14"
# a section's link and the story's date above its headline (no other date): the story's date
FERRY = [
    "The harbour ferry will run on Sundays from next month, the operator said, after a summer in which it carried "
    "more passengers than in any year since it began.",
    "The first boat will leave the quay at nine and the last will return at six, with a crossing every half hour.",
    "Fares will stay the same, and children under five will still travel free on every crossing.",
]
ARTICLES["/news/ferry-sundays.html"] = (page(
    "Harbour ferry to run on Sundays", ps(FERRY),
    top="<div class='kicker'><a href='/news/'>News</a> <span class='date'>9 September 2024</span></div>"), FERRY)
DATES["/news/ferry-sundays.html"] = "2024-09-09"

# lines of prose that open with a chrome label's words ("Also read", "Topics:", "Video:"), and the page's own
# labels over links, which go
FIRE = [
    "Fire crews spent six hours on Tuesday night fighting a blaze at the old mill on Water Lane, which has stood "
    "empty since 2009.",
    "Also read what the council said about the plan in its March report.",
    "Topics: the meeting covered three topics and ended late",
    "Video: the clip shows the fire spreading from the roof.",
    "Nobody was hurt, and the fire service said it was treating the blaze as deliberate.",
    "The council had planned to turn the mill into flats, and its owners said on Wednesday that the plan would go "
    "ahead once the site was safe.",
]
ARTICLES["/news/2024/10/mill-fire.html"] = (page(
    "Fire crews fight blaze at the old mill", ps(FIRE[:3]) + "<p>Video: <a href='/video/mill-fire.html'>Watch the "
    "mill burn</a></p>" + ps(FIRE[3:]) + "<p>Also read: <a href='/news/mill-plans.html'>Plans for the mill "
    "flats</a></p><p>Topics: <a href='/t/fire'>Fire</a>, <a href='/t/mill'>Mill</a></p>"), FIRE)
ABSENT["/news/2024/10/mill-fire.html"] = ["Video: Watch the mill burn", "Also read: Plans for the mill flats",
                                          "Topics: Fire, Mill"]

# a journal post: its mood, music and tag lines under the text are the journal's, not the post's
JOURNAL = [
    "Finally finished the quilt I started last winter, all two hundred squares of it, and it is on the bed tonight.",
    "The hardest part was the border, which I unpicked three times before the corners lay flat.",
    "My grandmother taught me to quilt when I was nine, and I used her old thimble for every stitch of this one.",
    "Next I want to try a smaller one for the baby, in yellows and greens, if I can find the fabric in town.",
]
ARTICLES["/2016/03/quilt.html"] = (page(
    "The quilt is finished", ps(JOURNAL) + "<p>Current mood: accomplished</p><p>Current music: Nick Drake - Pink "
    "Moon</p><p>Tags: crafts, quilting, family</p>"), JOURNAL)
ABSENT["/2016/03/quilt.html"] = ["Current mood: accomplished", "Current music: Nick Drake - Pink Moon",
                                 "Tags: crafts, quilting, family"]
