"""Chrome removal, parametrized over fixtures/chrome/<case>/ (input.txt → expected.txt)."""

import json
from pathlib import Path

import pytest

from newsproj.cleaning import chrome_reason, clean_body

CASES = sorted(p for p in (Path(__file__).parent.parent / "fixtures" / "chrome").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_chrome_case(case: Path):
    meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
    cleaned = clean_body((case / "input.txt").read_text(encoding="utf-8"), meta.get("headline"), meta.get("authors"))
    expected = (case / "expected.txt").read_text(encoding="utf-8").strip().split("\n")
    got = cleaned.text.split("\n")
    assert [line for line in got if line not in expected] == [], "chrome left in the body"
    assert [line for line in expected if line not in got] == [], "article lines removed"
    assert all(reason for _, reason in cleaned.removed)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Share this article", "share"),
        ("Share this articleComments", "share"),
        ("ADVERTISEMENT", "ads"),
        ("Copy to clipboard", "share"),
        ("Sign up for our weekly newsletter to get the best stories in your inbox.", "newsletter"),
        ("Copyright Vyacheslav Prokofyev, Sputnik, Kremlin Pool Photo via AP", "credits"),
        ("Photo: Jane Doe/Reuters", "credits"),
        ("You might also like", "related"),
        ("We use cookies to give you the best experience on our website.", "consent"),
        ("Published on 05/09/2024 - 14:20 Updated", "dateline"),
        ("Read more: Markets rally as inflation cools", "related"),
        (">> Sie suchen einen Immobilienkredit? Unser großer Baufinanzierungsvergleich zeigt aktuelle Konditionen.",
         "related"),
        (">>>Scroll through the gallery to see NASA's costliest missions", "related"),
        ("Follow us on Twitter", "share"),
        ("3 comments", "comments"),
        ("Tags: elections, europe", "navigation"),
        ("Von Nina Magoley", "byline"),
        ("By Jane Doe and John Roe", "byline"),
        ("mit dpa", "credits"),
        ("- Photos: Europa, Mysterious Icy Moon of Jupiter", "credits"),
        ("[Related: Salesforce Dreamforce Keynote: AI, Integration]", "related"),
        ("Passer la publicité", "ads"),
        ("- Advertisement embed-more-topicStory continues below", "ads"),
        ("Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.", "share"),
        ("Like this story? Share it with a friend!", "share"),
        ("Get the latest updates right in your inbox. Subscribe to NJ.com’s newsletters.", "newsletter"),
        ("¿Quieres añadir otro usuario a tu suscripción?", "newsletter"),
        ("$$ARTICLEAD$$", "ads"),
        ("Les også: Tone Damli ofret musikkarrieren for barna: – Prioritert det som har vært viktigst", "related"),
        ("02:57 Min.. Verfügbar bis 06.05.2024.", "media"),
        ("|", "media"),
        ("- Aktuelle Nachrichten aufs Handy? Hier geht es zur neuen WAZ-News-App – für Android und iOS.", "newsletter"),
        ("2025年1月14日 01時28分 (1月14日 01時40分更新)", "dateline"),
        ("Tempo de leitura: 1 minuto", "related"),
        ("China furious at Macron for Hong Kong protest jibe [INSIGHT]|", "related"),
        ("(Reporting by Greg Roumeliotis, with reporting by Herb Lash; editing by Martin Howell)", "credits"),
        ("Keith Bradsher contributed reporting from Hong Kong.", "credits"),
        ("sexta-feira, 22 de outubro de 2010 às 20:13", "dateline"),
        ("[button link=”http://example.org/submit/” type=”big”] Send us YOUR kit review[/button]", "navigation"),
        ("Popular", "related"),
        ("Weitere Beiträge", "related"),
        ("“swipe left below to view more authors”Swipe →", "navigation"),
        ("This is a breaking news story and will be updated", "navigation"),
        ("This is a breaking new story - more to follow", "navigation"),
        ("Check out more of our latest travel stories by signing up to our free weekly newsletter", "newsletter"),
        # end-of-article calls to action
        ("Want more? Follow us on Instagram", "share"),
        ("Do you have a story? Email us at news@example.com", "share"),
        ("Send us your photos and videos", "share"),
        ("Was this article helpful?", "share"),
        ("Tell us what you think in the comments below.", "share"),
        ("Facebook | Twitter | Email", "share"),
        # error-report prompts
        ("Have you spotted an error? Let us know.", "navigation"),
        ("Spotted a mistake? Report it here", "navigation"),
        ("Seen an error in this story? Please contact the newsdesk so we can fix it.", "navigation"),
        # newsletter sign-ups
        ("Click here to subscribe to our newsletter.", "newsletter"),
        ("Get the best stories delivered to your inbox", "newsletter"),
        ("Subscriber-only content", "newsletter"),
        # agency source tags and dateline bylines
        ("WASHINGTON (Reuters) -", "credits"),
        ("LONDON, May 3 (Reuters) -", "credits"),
        ("Source: AFP", "credits"),
        ("By Jane Doe | May 3, 2024", "credits"),
        ("By John Smith, Reuters", "credits"),
        ("Copyright 2024 The Associated Press. All rights reserved.", "credits"),
        ("Copyright Press Association Ltd", "credits"),
        # comment counters, headings, notices and prompts (the comment section's furniture)
        ("• 7 Comments", "comments"),
        ("- No Comments", "comments"),
        ("Recent comments", "comments"),
        ("Comments:", "comments"),
        ("The comments to this entry are closed.", "comments"),
        ("Report this comment", "comments"),
        ("- Login or register to post comments", "comments"),
        ("| POSTED ON November 7th, 2012 | 99 COMMENTS | + ADD YOUR COMMENT |", "comments"),
        ("Add comment", "comments"),
        ("Notify me of followup comments via e-mail", "comments"),  # a comment form's (seen in half B)
        ("Get the new app for Android and iOS", "newsletter"),
        ("E-mail comments to editor@example.com", "comments"),
        ("There are currently no comments for this entry.", "comments"),
        ("0 comments have been made. Post a comment.", "comments"),
        # a notice that starts with ©, however long
        ("© owned by or licensed to Example Newspapers Limited 2008.", "credits"),
        ("News", "navigation"),
        ("- More about:", "related"),
        ("| | Sponsored Links |", "ads"),
        ("Stand: 12.05.2024, 10:15 Uhr", "dateline"),
        ("Published Date: Oct 24, 2017 02:54 pm | Updated Date: Oct 24, 2017 02:54 pm", "dateline"),
        ("Share/save this article:", "share"),
        ("No related posts.", "related"),
        ("Social Media Tags:Las Vegas travelers, California Coast Wineries", "navigation"),
        ("- Tags:", "navigation"),
        ("Hot Topics:", "navigation"),
        # a gallery caption that ends with the agency of the photo
        ("Singulato Motors' concept car Tigercar P0 Reuters", "credits"),
        ("A man walks past a damaged building in Kyiv AFP", "credits"),
        # a follow prompt naming an @handle
        ("Follow Jane Doe @janedoe. Follow us @example, Facebook and Google+. Original article on Example.com.",
         "share"),
        ("Check us out on Facebook and also on Twitter. Follow us @example, @janedoe", "share"),
        ("– Follow the Ticker on Twitter: @ExampleTicker", "share"),
        # the wire agencies' notice, whole or cut at its first line break (seen in half B)
        ("This material may not be published, broadcast, rewritten or redistributed.", "credits"),
        ("published, broadcast, rewritten or redistributed.", "credits"),
        # page tools, a line of them only
        ("Print Email this Comment", "share"),
        ("E-mail Print Share", "share"),
        ("Send to a friend", "share"),
        ("Email this article", "share"),
        ("Print this story", "share"),
        ("Tweet", "share"),
        ("Text size: A A A", "share"),
        # calls to follow, sign up, download
        ("Like us on Facebook", "share"),
        ("For the latest news, follow us on Twitter.", "share"),
        ("Sign up for breaking news alerts on your phone.", "newsletter"),
        ("Text FIRST to 622639, to sign up for First Read alerts to your mobile phone.", "newsletter"),
        ("Get breaking news alerts", "newsletter"),
        ("Get the latest news from Example.com in your inbox.", "newsletter"),
        ("Get the latest news from Computerworld delivered via email.", "newsletter"),
        ("Download our free app", "newsletter"),
        ("Log in", "newsletter"),
        ("Login / Register", "newsletter"),
        # error-report prompts and contacts
        ("If you see an error, please contact us.", "navigation"),
        ("Send us a correction", "navigation"),
        ("Email the author", "navigation"),
        # agency tags, wire bylines' titles, photo credits
        ("— Reuters", "credits"),
        ("-- IANS", "credits"),
        ("AFP, AP", "credits"),
        ("— The Associated Press", "credits"),
        ("(With inputs from agencies)", "credits"),
        ("Associated Press Writer", "credits"),
        ("AP Business Writer", "credits"),
        ("Courtesy of the artist", "credits"),
        ("(c) Indo-Asian News Service", "credits"),
        ("This story is sourced direct from an overseas news agency as an additional service to readers.", "credits"),
        ("Brought to you by", "ads"),
        ("SPONSOR SHOWCASE", "ads"),
        ("« 8 great talks on war and peace | Main | What data is being collected on you? Some shocking info »",
         "navigation"),
        ("« A General Architecture for Personal Clouds | Main", "navigation"),
        ("« The puzzle joint | Blog Home | Two deadlines (and a read) »", "navigation"),
        ("| New SSL Vulnerability »", "navigation"),
        ("« Schneier on Security |", "navigation"),
        ("To read this article in full you must be registered with the site.", "newsletter"),
        ("SEND ME TIPS: example(at)gmail(dot)com", "navigation"),
        ("Facebook Fan Page: www.facebook.com/example", "share"),
        ("Youtube Videos: www.youtube.com/user/example", "share"),
        ("If you enjoyed this post, you might want to subscribe to Example and follow me on Twitter!", "share"),
        ("Join Example's 61922 readers now:", "share"),
        ("TrackBack URL for this entry:", "comments"),
        ("Listed below are links to weblogs that reference Are YOU in?:", "comments"),
        ("marymary (not verified)", "comments"),
        ("Send investigative tips to iteam@example.com", "navigation"),
        ("Handout", "credits"),
        ("[via ISO1200]", "credits"),
        # photo and gallery furniture
        ("Click to enlarge", "media"),
        ("Toggle caption", "media"),
        ("Image 1 of 12", "media"),
        ("Buy photo", "media"),
        ("View gallery", "media"),
        ("Previous Next", "media"),
        ("Next story:", "media"),
        # comment furniture, related lists
        ("Comments (12)", "comments"),
        ("Trackback URL", "comments"),
        ("Permalink", "comments"),
        ("Have your say", "comments"),
        ("Posted in Politics | 3 Comments", "comments"),
        ("New and Improved Comments", "comments"),
        ("Read comments", "comments"),
        ("If you have trouble leaving a comment, review this help page. Still having problems? Let us know.",
         "comments"),
        ("Related Posts", "related"),
        ("| Related Industry News | Latest News |", "related"),
        ("Also read: Why the sky is blue", "related"),
        ("Read the full story here.", "related"),
        # bars laid out as a table row (every cell chrome), social bookmarking, a site's notices
        ("| Most Viewed Stories | Most Emailed Stories |", "related"),
        ("| E-mail this article to a friend Printable version | | |", "share"),
        ("• Add to Del.icio.us", "share"),
        ("• Digg this story", "share"),
        ("Please read our Terms and Conditions and Privacy Statement before using this site.", "consent"),
        ("NOTICE: We collect personal information on this site. To learn more, see our Privacy Policy", "consent"),
        ("icScotland™ is a trade mark of Scottish & Universal Newspapers Limited.", "credits"),
        ("Redistribution, republication. syndication, rewriting or broadcast is expressly prohibited without the prior "
         "written consent of AHN.", "credits"),
        ("The opinions expressed in this release are those of the organization issuing it, and do not necessarily "
         "reflect the thoughts or opinions of Example Central.", "credits"),
        # blog furniture around a post and its comment thread (WordPress, Blogger, Movable Type defaults)
        ("Architecture, Preserving Modern Architecture | 1 Comment", "comments"),
        ("comments (0) October 25th, 2012", "comments"),
        ("Comment on Facebook", "comments"),
        ("View all posts by Becky", "comments"),
        ("Name (required)", "comments"),
        ("Mail (will not be published) (required)", "comments"),
        ("RSS feed for comments on this post. TrackBack URI", "comments"),
        ("NOTE: Please use English. Comments are moderated.", "comments"),
        ("Comment entries are limited to 100 words.", "comments"),
        # related-list headings alone, calls to subscribe or write to the author
        ("- Related devices:", "related"),
        ("RELATED URLS:-", "related"),
        ("Related The Rolling Stones Content", "related"),
        ("- TOP STORIES", "related"),
        ("SUBSCRIBE TO OUR RSS FEEDS & GET YOUR NEWS LIVE!", "newsletter"),
        ("Readers can mail me their comments, suggestions and advice at jane.doe@example.com", "share"),
        ("Posted by Jane Doe on October 31, 2012 in Dinner, Sarah Carey, Today's Recipe, Video, Slow Cooker",
         "dateline"),
        ("ARNOLD! SHARE ME on TWITTER! http://bit.ly/THsVIy", "share"),
        ("This service is provided on Times Newspapers' standard Terms and Conditions. Please read our Privacy Policy.",
         "consent"),
        # blog software's navigation, sidebar and comment form (Blogger, WordPress): defaults, whatever the site
        ("Newer Post Older Post Home", "navigation"),
        ("View my complete profile", "navigation"),
        ("« Older Entries", "navigation"),
        ("Proudly powered by WordPress", "navigation"),
        ("This entry was posted in News and tagged economy, tax. Bookmark the permalink.", "navigation"),
        ("Email This BlogThis! Share to Twitter Share to Facebook", "share"),
        ("Like this:", "share"),
        ("Cancel reply", "comments"),
        ("Reply ↓", "comments"),
        ("Links to this post", "comments"),
        ("You may use these HTML tags and attributes: <a href=\"\" title=\"\"> <b> <em>", "comments"),
        ("Save my name, email, and website in this browser for the next time I comment.", "comments"),
        # a link to the rest of a story alone on its line ([related] more, also the listing verdict's)
        ("Leggi tutto »", "related"),
        ("Czytaj dalej", "related"),
        # half A of the dev corpora (issue 11): a comment form's policy and limit, a box's heading, a newsletter
        # prompt hyphenated, a link to the contact form
        ("Comments are moderated by our editors, so there may be a delay between submission and publication of your "
         "comment. Offensive or abusive comments will not be published.", "comments"),
        ("Limit: 1000 characters", "comments"),
        ("ALSO BY THIS AUTHOR...", "related"),
        ("In This Section", "related"),
        ("- Sign-up to the Daily Blog Tips newsletter and you will be able to download the \"Make Money Blogging\" "
         "eBook for free (worth $47).", "newsletter"),
        ("Have an idea for the blog? Click here to contact us!", "navigation"),
        ("Sign up now for the Us Weekly newsletter to get breaking celebrity news, hot pics and more delivered "
         "straight to your inbox!", "newsletter"),
        ("You can follow SPACE.com on Twitter @Spacedotcom. We're also on Facebook & Google+.", "share"),
        # the same prompts in the forms the review's prose guards still take as chrome
        ("Comments are moderated, so your comment may take a while to appear. Abusive comments will be deleted without "
         "notice.", "comments"),
        ("Sign-up to our newsletter for the week's best recipes.", "newsletter"),
        ("Subscribe to the Morning Brief and get the day's top stories delivered directly to your inbox.",
         "newsletter"),
        ("You can follow the Guardian on Instagram and Twitter.", "share"),
        # the forms the vocabulary sweep's guards (prose about the subject) still take as chrome
        ("Get The Herald delivered to your door every morning from just £1 a week.", "newsletter"),
        ("Sign up for our daily newsletter and get the headlines delivered to your inbox.", "newsletter"),
        ("Sign up for the Morning Brief newsletter.", "newsletter"),
        ("The best of the week, every Friday. Subscribe to the Weekend Reads newsletter.", "newsletter"),
        ("280 characters remaining", "comments"),
        ("We may earn a commission when you buy through links on our site.", "ads"),
        ("Postmedia may earn an affiliate commission from purchases made through links on this page.", "ads"),
        ("It looks like you're using an ad blocker. Please consider supporting us.", "ads"),
        ("Copyright The Herald Group. All rights reserved.", "credits"),
        ("Reporting by Jane Doe in London; Editing by John Roe", "credits"),
        ("Additional reporting by the Associated Press.", "credits"),
        ("Follow the Guardian on Instagram, where we post the best of our photography every day.", "share"),
        ("Exclusivo para suscriptores", "newsletter"),
        ("Hazte suscriptor", "newsletter"),
        ("Kommentare", "comments"),
        ("Kommentar schreiben", "comments"),
        ("Commentaires", "comments"),
        ("Folgen Sie uns auch bei Social Media", "newsletter"),
        ("- Die WAZ auch bei Social Media – ob Instagram, Facebook oder TikTok.", "newsletter"),
        # forms ef4c297's guards let through (review4): a policy that tells how the comment fares, without a pronoun;
        # the author, the blog or an @handle to follow
        ("Comments are moderated and may take up to 24 hours to appear. Off-topic or abusive comments will be removed.",
         "comments"),
        ("Comments are moderated before they are published. Please keep the discussion civil and on topic.",
         "comments"),
        ("Comments will be moderated. Abusive, off-topic or promotional comments will be removed without notice.",
         "comments"),
        ("You can follow the author on Twitter at @janedoe.", "share"),
        ("You can follow this blog on Facebook and Instagram.", "share"),
        ("You can follow the show on Instagram @theshow.", "share"),
        # offers the sweep of bec8f90 let through (review5; b22b8cb removed them): no sign-up word before, no "Get"
        # first, but the offer ends the line or the question
        ("The best stories, delivered to your inbox every morning.", "newsletter"),
        ("Want more stories like this delivered to your inbox? Tap here.", "newsletter"),
        ("Enter your email address to have the latest news delivered to your inbox.", "newsletter"),
        ("The day's biggest stories, handpicked by our editors and delivered to your inbox each evening.",
         "newsletter"),
        # a newsletter prompt after a dash or put as "you can" (bec8f90 let them through; b22b8cb removed them)
        ("You can sign up for the Evening Standard newsletter here.", "newsletter"),
        ("Don't miss out — sign up for the Morning Briefing newsletter today.", "newsletter"),
        ("You can also subscribe to the Daily Briefing newsletter to get the top stories every morning.", "newsletter"),
        # a disclosure in the publisher's name, the ad-blocker detector's label (bec8f90 let them through; b22b8cb
        # removed them)
        ("Vox Media may earn a commission from purchases made through links.", "ads"),
        ("Prices correct at time of publication. The Telegraph may earn commission from purchases made via links.",
         "ads"),
        ("Ad blocker detected", "ads"),
        ("AdBlock Detected!", "ads"),
        # the comment section's label naming its readers (ea6fb3b let them through; b22b8cb removed them)
        ("Commentaires des lecteurs", "comments"),
        ("Comentarios de los lectores", "comments"),
        ("Commenti dei lettori", "comments"),
        ("Kommentare der Leser", "comments"),
        ("Kommentare von Lesern", "comments"),
        # the site speaking of its accounts (20f6227 let them through; b22b8cb removed them)
        ("Wir sind auch bei Social Media aktiv.", "newsletter"),
        ("Auch bei Social Media sind wir für Sie da: Facebook, Instagram und TikTok.", "newsletter"),
        # a picture's credit under a story (dragnet half A)
        ("Top image by Boqiang Liao", "credits"),
        ("Listing image by Marcin Lachowicz", "credits"),
        ("Image courtesy of Shutterstock", "credits"),
        # a post's author line (dragnet half A), with a title or an initial's full stop
        ("Posted by Rudy Galfi, Product Manager", "dateline"),
        ("Published by Jane Doe Jr.", "dateline"),
        ("Posted by John Smith.", "dateline"),
    ],
)
def test_chrome_lines(line, reason):
    assert chrome_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell sharply on Monday after the central bank raised interest rates again.",
        "The law requires parents to give their consent before a child can open a bank account online.",
        "He said the company would subscribe to the new industry standard by the end of the year.",
        "Putin claimed that the goal of the Kursk incursion was to make Russia nervous.",
        "BRICS enters the picture",
        "'Trump is hard on Russia'",
        "Comments made by the minister on Tuesday drew criticism from opposition parties and unions.",
        "By the end of the year, prices rose.",
        "by and large the plan worked",
        "The company said its app would launch on Android and iOS next spring, ahead of rivals in the market.",
        "The meeting lasted 2:30 minutes longer than planned, officials said on Monday.",
        "In 2019 the plant produced 12:1 more than in 1990, the company said in its annual report.",
        "The popular vote was split between the two candidates in most of the northern districts.",
        "Details of the agreement are yet to follow, a spokesman for the ministry said on Friday afternoon.",
        # prose that shares a word with a vocabulary pattern: every pattern comes with prose that must survive it
        "Facebook shares fell sharply.",
        "Twitter stock rose after the announcement.",
        "YouTube removed the channel on Friday",
        "Instagram is testing a new feed",
        "Copyright law reform stalls in Brussels",
        "Copyright holders sued the platform",
        "Netflix subscribers fell by two million",
        "Subscribers will pay more from April.",
        "Newspaper subscriptions rose for the first time in a decade",
        "Print sales of the paper fell again.",
        "Related charges were dropped.",
        "Recommended doses were exceeded in two cases",
        "Comments by the minister drew criticism.",
        "Advertising revenue doubled",
        "Sponsored trips for lawmakers are under review",
        "Cookies and cakes were sold at the fair",
        "Privacy policy changes take effect in May",
        "Sign language interpreters joined the briefing",
        "Register of lobbyists published",
        "Follow the money, the investigator said.",
        "Photo finish decides the 100m final",
        "Source code of the app was leaked",
        "Reuters reported the deal first.",
        "By Monday, the rain had stopped.",
        "By 2030 the city wants to be carbon neutral",
        "WASHINGTON (Reuters) - The Senate passed the bill on Tuesday after a long debate.",
        "Found an error in the code, the researchers fixed it within days.",
        "Tell us about your plans, the judge asked the defendant.",
        "Send us your comments, the council wrote to residents.",
        "Want to know more about the plan? The ministry published a summary.",
        "Do you have a licence? Police asked every driver at the checkpoint.",
        "Email us at once, the manager told the staff.",
        "Was this the end of the affair? Not quite.",
        "Published in 1998, the novel sold a million copies.",
        "Updated rules apply to all new contracts",
        "Watch makers in Switzerland cut jobs",
        "Listen carefully, the coach told his players.",
        "More than 300 people attended the funeral",
        "Popular support for the measure is growing",
        "Newsletters from the 1920s were found in the attic",
        "Search and rescue teams reached the village",
        "Menu prices rose by a fifth",
        "Home owners face higher taxes",
        "Loading bays at the port were closed",
        "Print media are losing readers",
        "Video evidence was shown in court",
        "Gallery owners protested the new rules",
        "Premium fuel prices hit a record",
        "Stand out in social media through real-time engagement",
        "No comment from the ministry on Tuesday",
        "No comments were made during the hearing.",
        "Make a comment about the weather, the teacher said.",
        "Comments from readers poured in after the report",
        "Report this to the police, the officer said.",
        "News travels fast in a small town.",
        "News of the merger leaked on Friday",
        "Sponsored links between the two charities were cut",
        "More about that later.",
        "Add comments to the draft by Friday, the editor wrote to the team.",
        "Three comments have been made by the judge so far in the hearing.",
        "There are no comments on the plan from the council yet, a spokesman said on Monday.",
        "Stand-up comedy returns to the festival",
        "The 1990s saw the © symbol on every CD sleeve.",
        "Recent comments by the governor angered unions",
        "Send comments on the proposal to the planning office by March, the council said.",
        "Published in 1998, the novel sold a million copies by 2001, its publisher said at 10:30 on Monday.",
        "Updated at 10:30, the figures showed a rise of 3% in the first quarter of the year.",
        "No related charges were filed.",
        "Key topics: the budget and schools",
        "The deal was first reported by Reuters",
        "Shares fell after the news, according to Reuters",
        "The agency said it was working with AP",
        "Fans follow the band on tour, said @bandname",
        "He urged fans to follow him @realname and share the video.",
        "Share and share alike, the chairman said of the profits.",
        "No comments yet from the White House",
        "Comments are closed-door affairs in this parliament, critics say, and rarely published.",
        "Report a comment you think breaks the law to the police, the minister urged on Monday.",
        "News of the deal came as a surprise to analysts",
        "Tags on the luggage showed the bags had been in Rome",
        "Topics such as tax were off the table",
        "The photo, taken by Reuters, went viral",
        "Published: the full report, 300 pages long",
        "Hot topics at the summit included trade and climate.",
        "The shop was robbed at 10:30 pm on Friday, police said.",
        "Follow-up checks found no fault in the brakes",
        "Related posts on the forum were deleted by moderators.",
        "Add comment cards to the feedback box, the manager said.",
        "The band's followers on @ handles grew",
        "The report was published and broadcast worldwide, then rewritten for the web.",
        "Copies were redistributed to schools, the ministry said.",
        "Notify the police of any comments that threaten violence, the minister said.",
        # wrongly removed before (held-out half B): an app prompt needs the prompt, not just "app … Android"
        "It’s unlikely to put a dent in the popularity of Venmo, but today Google is making it easier to send cash "
        "using its Gmail app for Android.",
        "Download the app for Android or iOS and you will find the same bug, researchers said on Friday.",
        # the same paragraph as it stands on the page (half B): its last sentence reads like the prompt
        "It’s unlikely to put a dent or even a slight ding in the popularity of Venmo, but today Google is making it "
        "easier to send cash using its Gmail app for Android. You can already send people payments via Google Wallet "
        "through Gmail on the desktop. Now, that same feature is coming to the mobile app (but just Android, not iOS).",
        # prose beside the page-tool, call, agency, credit, gallery and comment patterns
        "Print sales of the paper fell again.",
        "Send it by post",
        "Save the children",
        "Email traffic doubled",
        "Text messages to 911 rose",
        "Text HOME to 741741 to reach a crisis counselor",
        "Find us on the map",
        "Supporters who like us on Facebook will get discounts, the company said in a filing to the regulator.",
        "We will continue to pin away. Please let us know what you would like to see. Follow us on Pinterest!",
        "Sign up for alerts, the mayor told residents on Monday as the storm approached the coast.",
        "Get updates done faster",
        "Get the latest figures by email, the agency told journalists at the briefing on Monday.",
        "Get the new app store rules explained",
        "Log In and Check it Out",
        "Login problems hit the bank's customers",
        "If you see an error in your tax bill, contact the county assessor.",
        "Send us a letter",
        "Contact the author's family for comment, police said.",
        "Reuters and AP reported the deal.",
        "Associated Press style guide changes",
        "With input from residents, the plan was revised.",
        "With reporting from the front line, the book won prizes",
        "Courtesy of a generous donor, the library reopened.",
        "Courtesy calls on the minister were cancelled",
        "(c) the minister may revoke the licence",
        "Brought to you by the makers of the film, it flopped.",
        "Facebook: the company said profits fell",
        "Join 300 protesters in the square, organisers urged.",
        "To vote you must be registered with the county, officials said.",
        "« Main street » was closed | the mayor said",
        "| Home sales rose 5% in May |",
        "« Désaccord total », a dit la syndicaliste | mardi",
        "Le « Home » du club » a fermé",
        "The vote | 12 for, 3 against »",
        "If you enjoyed this post's first part, the second will surprise you.",
        "Sponsored links between charities were cut",
        "Claims that the vote was rigged (not verified) spread online.",
        "Send tips to the police, the sheriff said.",
        "The story was sourced from court papers and three officials.",
        "Handout payments rose",
        "(Via a spokesman, the minister declined to comment.)",
        "Via Appia",
        "Click to enlarge the map, the guide says.",
        "Image of the year",
        "Buy now, pay later schemes grow",
        "View from the gallery",
        "Next steps for the council",
        "Previous owners sued",
        "Comments (and complaints) poured in",
        "Permalinks are stable addresses",
        "Have your say on the budget, the council urged residents in a letter sent to every household.",
        "Posted in Iraq, the soldier wrote home every week",
        "Related posts on the forum were deleted by moderators.",
        "Also reading the report, the judge frowned",
        "Read the full report, the judge told the jury.",
        "- Graphics: 40 customised compute units at 1,172MHz",
        "- Video: 4K recording at 60 frames a second",
        "No comment.",
        "| Name | Age |",
        "| Share | 12 | Print |",
        "| Print | Online | Radio | TV | Web | Mobile | Email | Share | Other |",
        "Please read our report on the budget before the vote, the minister said.",
        "Kleenex is a trademark of Kimberly-Clark, which sued the copycats in 2019.",
        "Reproduction or redistribution of the report was banned by the court.",
        "The views expressed in the survey varied widely between regions.",
        # a pointer to a graphic the article links to (a Reuters convention, AEB half A), not its credit
        "(Graphic: Global assets in 2019 - here)",
        "Mason declined comment.",
        "Closing comments from the judge were brief",
        "Readers had trouble posting comments after the update, the company said.",
        # prose the any-length prompts of f03a195/3924a7a deleted (review): reported speech and stories about the
        # thing a prompt names, not a prompt to the reader
        '"If you find a mistake on your ballot, tell us immediately," the county clerk said.',
        "Officials who found the error let us know on Tuesday that the figures would be revised upward by a point.",
        "Voters who spot a mistake on their ballot should contact us right away, the elections office said.",
        "To see a GP you must be registered with a practice, the NHS said in guidance published on Monday.",
        "To access the shelter, you must be a registered member of the tribe, officials said.",
        "The deal covers broadcast, syndication and retransmission rights for the next ten seasons, the league said.",
        '"We collect personal information only when users consent," the company said in a statement on Monday.',
        "The company told regulators: we collect personal data to improve our services and nothing more, it said.",
        "Subscribe buttons drove newsletter growth, Substack’s chief said.",
        "Sign up numbers for the email alerts doubled last year, the council said.",
        "Register of electors updates are due by March, officials said.",
        "Please read our terms and conditions carefully, the bank told customers who lost money.",
        # prose that shares words with the blog-furniture, related-heading, feed and contact patterns
        "Readers left one comment on the story, the editor said.",
        "Comments (0) were due by March 3, 2024, the agency said.",
        "Comment on Facebook's plan was muted.",
        "View all posts by the council as public records, the judge ordered.",
        "Name (required) fields were left blank on most forms.",
        "Comments are moderated by volunteers, the company said on Monday.",
        "Comment entries are limited to 100 words, the paper said.",
        "RSS feed for comments on this post was broken for years, users said.",
        "Related news articles were removed.",
        "Related payments filled former posts.",
        "Related costs: 40 million euros",
        "Top stories of the year were chosen by readers.",
        "Subscribe to our feeds? Few readers do, the survey found.",
        "Readers can mail me their comments at jane.doe@example.com, the columnist wrote.",
        "Continue reading the report, the judge told the jury.",
        "Posted by mail on March 3, 2020 in Boston, the letter arrived a month late.",
        "Users who share them on Facebook risk a fine under the new law, the minister said.",
        "Share it on Facebook? Few do.",
        "This service is provided under the terms of the contract, the council said.",
        "Older posts were deleted by the moderators.",
        "Powered by WordPress, the site grew fast.",
        "This entry was posted in error, the editor said.",
        "Like this: a row of lamps along the river.",
        "Cancel reply cards were sent to every voter.",
        "Read more widely, the teacher said.",
        "»Der Zusammenbruch der SVB zeigt, dass es Mängel in der Regulierung gibt«, sagte sie.",
        "The ratio rose from 2 >> 1 to 3 >> 1, the engineers said.",
        # prose that must survive the patterns above (issue 11, half A)
        "Comments are moderated by volunteers, the company said in a statement.",
        "Comments are moderated, and that is exactly the problem, says the founder of the forum.",
        "Limits of 1000 characters per message were introduced in 2010.",
        "Also by the same author, a second study published last year found the opposite effect.",
        "In this section of the report, the auditors list every contract signed since 2019.",
        "The sign-up to the council's newsletter was slow, officials admitted on Monday.",
        "If you wish to complain, click here to contact the regulator directly, the notice reads.",
        "The parcels were delivered straight to the depot by drones, the company said.",
        "You can follow the trial on Twitter, where reporters post live updates, the court clerk said.",
        "You can follow the river on foot for about three miles before the path turns inland.",
        # prose that the patterns of 6e628a8 and 5fe4b17 took as written (review: a column on moderation, a story on a
        # scam that quotes its wording, quick commerce, phishing, a match streamed, a club's sign-up closing)
        "Comments are moderated by an algorithm on most of the big platforms, and that is where the trouble begins for "
        "small publishers.",
        "Comments are reviewed before publication under the new media law, which takes effect in January and carries "
        "fines of up to 50,000 euros.",
        "Sign-up to the council's newsletter doubled after the floods, and the town hall now sends it twice a week.",
        "Sign-up for the club's newsletter closes on Friday, the day before the draw for the cup final tickets.",
        'The fraudulent email told customers their accounts were frozen and asked them to "click here to contact us" '
        "within 24 hours, prosecutors said.",
        'Texts urging bank customers to “click here to contact us” rose by a third last year.',
        "Groceries delivered straight to your door within 15 minutes was the promise that made Getir a unicorn; now it "
        "is leaving Britain.",
        "Phishing emails delivered straight to your inbox are getting harder to spot, researchers at the university "
        "warned on Tuesday.",
        "Meal kits delivered directly to your door cost on average 40 per cent more than the same food bought at a "
        "supermarket.",
        "You can follow the match live on YouTube, where the league streams every game of the season for free.",
        "You can follow a similar strategy on Instagram: post at the same time every day and answer every comment.",
        # prose about the very subject of a pattern (issue 11 finding 5: the vocabulary sweep): a reporter writing about
        # deliveries, newsletters, contest rules, ad blockers, affiliate links, cookies, rights, reporting, a council's
        # post
        "Meal kits delivered to your door cost on average 40 per cent more than the same food bought at a supermarket.",
        "Prescriptions delivered to your door will cost an extra £2 from April, the pharmacy chain said.",
        "Scam texts delivered to your inbox now outnumber real ones, the regulator warned on Tuesday.",
        "Readers who sign up for the newsletter are three times more likely to renew their subscription, the study "
        "found.",
        "Voters who sign up for the council's newsletter get notice of every planning hearing.",
        "Most people subscribe to the newsletters of two or three outlets and ignore the rest, the survey found.",
        "Fewer readers subscribe to paid newsletters than the platform claimed in its filing.",
        "Investors who subscribe to the fund's newsletter were promised returns of 20 per cent, prosecutors said.",
        "Limit: 500 words",
        "Maximum 280 characters",
        "Maximum 500 words",
        "Ad blocker use rose to 40 per cent of readers, the survey found.",
        "Publishers may earn a commission from the links, the regulator said, and must disclose it.",
        "Influencers who earn affiliate commission must say so, the watchdog ruled on Friday.",
        '"We use cookies to follow you from site to site," the company admitted in court.',
        "This website uses cookies, the banner says, but the regulator says that is not enough.",
        "All rights reserved, the label insists, but the song is everywhere.",
        "Reporting by the BBC led to the resignation, the committee found.",
        "Additional reporting by the paper's team uncovered the fraud.",
        "Follow the rules or pay a fine, the council warned on Facebook, where its post was shared 10,000 times.",
        "Los suscriptores de la plataforma pagarán más.",
        "La suscripción anual sube a 99 euros.",
        # a heading on someone's remarks, not the comment section's label
        "Kommentare des Kanzlers sorgten für Ärger",
        "Commentaires du président",
        "Comentarios del ministro",
        "Commenti del premier",
        "Auch bei Social Media wächst der Druck auf die Plattformen, Hassrede schneller zu löschen.",
        "Bei Social Media verbringen Jugendliche im Schnitt drei Stunden am Tag, so die Studie.",
        "Wir sind auch bei Social Media mit Hass konfrontiert, sagte die Ministerin.",
        # what someone said in the words of a site's notice
        "Add your comment to the consultation by Friday, the council said in a letter to residents.",
        "We and our partners in the coalition will vote against the budget, the opposition leader said.",
        "Enable JavaScript in the settings, the bank told customers who could not log in.",
        "The opinions expressed in this report do not necessarily reflect those of the agency, its director said.",
        "Three newsrooms contributed reporting to this report, its editor said.",
        # (and prose beside the forms review4 takes again: no pronoun, no word on how a comment fares; no author, blog
        # or handle)
        "Comments are moderated by volunteers on most forums, and the big platforms take days to remove hate speech.",
        "You can follow the story of the rescue on YouTube, where the coastguard posted the footage on Sunday.",
        # a picture the story speaks of, in a short sentence (a determiner before it), not a credit
        "A picture by Banksy sold for £16m.",
        "The photo by her brother went viral.",
        "One photo by a reader went viral.",
        # a short sentence that opens with "Posted by" / "Published by", not a post's author line
        "Posted by mistake, it was deleted.",
        "Published by Penguin, it sold well.",
    ],
)
def test_prose_is_not_chrome(line):
    assert chrome_reason(line) is None


def test_the_chrome_tests_hold_at_least_as_much_prose_as_chrome():
    chrome = next(m for m in test_chrome_lines.pytestmark if m.name == "parametrize").args[1]
    prose = next(m for m in test_prose_is_not_chrome.pytestmark if m.name == "parametrize").args[1]
    assert len(prose) >= len(chrome)


def test_a_line_shown_twice_keeps_its_first_copy():
    """A caption shown twice, a pull quote, a label repeated per item ("[Engadget]"): said once, not never (half A:
    truth lines removed dragnet 69 → 65, l3s 16 → 10, body F1 and chrome unchanged)."""
    prose = "A first long paragraph of the article that has quite a lot of words in it to be prose for sure."
    body = "\n".join(["Vladimir Putin in Vladivostok", prose, "Vladimir Putin in Vladivostok", prose])
    assert clean_body(body).text == "\n".join(["Vladimir Putin in Vladivostok", prose])
    items = ["Apple shows a new phone", "[Engadget]", "Google shows a new watch", "[Engadget]"]
    assert clean_body("\n".join([prose, *items])).text == "\n".join([prose, *items[:3]])
    # a caption shown alone and again glued to its credit goes everywhere, sentence or not
    credit = "Copyright Vyacheslav Prokofyev, Sputnik, Kremlin Pool Photo via AP"
    body = "\n".join(["Vladimir Putin in Vladivostok.", prose, "Vladimir Putin in Vladivostok.",
                      f"Vladimir Putin in Vladivostok. {credit}"])
    assert clean_body(body).text == prose


def test_a_short_sentence_shown_twice_keeps_its_first_copy():
    """A pull quote, or a call to vote under each candidate: a sentence repeated is said once, not never."""
    prose = "A first long paragraph of the article that has quite a lot of words in it to be prose for sure."
    vote = "Проголосовать за Олесю вы можете на последней странице!"
    body = "\n".join(["Wolverine is back, one last time.", prose, vote, "Wolverine is back, one last time.", vote])
    assert clean_body(body).text == "\n".join(["Wolverine is back, one last time.", prose, vote])


def test_labels_ending_with_a_colon_repeated_per_item_are_kept():
    prose = ["A first long paragraph of the article that has quite a lot of words in it to be prose for sure.",
             "A second long paragraph of the article that has quite a lot of words in it to be prose, too.",
             "A third long paragraph of the article that has quite a lot of words in it to be prose again."]
    body = "\n".join(line for p in prose for line in ("Pros:", p, "Cons:", p.replace("article", "review")))
    assert clean_body(body).text == body


def test_teaser_heading_glued_to_its_link_text_is_dropped():
    prose = "A first long paragraph of the article that has quite a lot of words in it to be prose for sure."
    body = "\n".join([prose, "Mike Johnson’s Art of the Deal Mike Johnson’s Art of the Deal"])
    assert clean_body(body).text == prose


def test_a_question_asked_of_each_guest_is_kept_every_time():
    long = "An answer that is long enough to be prose, with quite a few words in it, as answers in interviews are."
    body = "\n".join(["What inspired you?", long, "What inspired you?", long.replace("answer", "reply")])
    assert clean_body(body).text.count("What inspired you?") == 2


def test_required_literals_skip_only_patterns_a_line_cannot_match():
    import re

    from newsproj.cleaning.patterns import first_match, required_literal, vocabulary

    assert required_literal(re.compile(r"\bshare (?:it|this) with (?:a|your) friends?\b", re.I)) == " friend"
    assert required_literal(re.compile(r"^(?:faq|q&a)$", re.I)) is None
    assert required_literal(re.compile(r"a|bcdef", re.I)) is None  # an alternation at the top: nothing required
    patterns = (("share", re.compile(r"\bshare this article\b", re.I)),)
    literals = tuple(required_literal(rx) for _, rx in patterns)
    assert first_match("Please SHARE This Article now", patterns, literals) == "share"
    assert first_match("nothing to see", patterns, literals) is None
    # under re.I the long s matches "s", which str.lower() does not give: such a line is searched in full
    assert first_match("please \u017fhare this article", patterns, literals) == "share"
    vocab = vocabulary()
    lines = ["Share this story", "Advertisement", "Sign up for our newsletter today", "A plain sentence of prose.",
             "Copy to clipboard", "ſubscribe to our newsletter"]
    for line in lines:  # same answer as searching every pattern
        expected = next((g for g, rx in vocab.any if rx.search(line)), None)
        assert first_match(line, vocab.any, vocab.any_literals) == expected
        assert first_match(line, vocab.any, vocab.any_literals, vocab.any_alternatives) == expected
        expected = next((g for g, rx in vocab.short if rx.search(line)), None)
        assert first_match(line, vocab.short, vocab.short_literals, vocab.short_alternatives) == expected


def test_required_alternatives_skip_only_patterns_a_line_cannot_match():
    import re

    from newsproj.cleaning.patterns import first_match, required_alternatives

    credits = re.compile(r"\b(?:getty images|shutterstock|picture[- ]alliance)\b", re.I)
    assert required_alternatives(credits) == ("getty images", "shutterstock", "alliance")
    assert required_alternatives(re.compile(r"^(?:ap|afp|reuters)$", re.I)) is None  # "ap": too short to tell
    # a pattern that fails at the line's first character is searched: cheaper than testing its words
    assert required_alternatives(re.compile(r"^(?:read also|see also)\b", re.I)) is None
    assert required_alternatives(re.compile(r"^(?!.*\bsaid\b)(?:spotted|noticed)\b", re.I)) == ("spotted", "noticed")
    patterns = (("credits", credits),)
    words = (required_alternatives(credits),)
    assert first_match("Photo: Picture-Alliance/DPA", patterns, (None,), words) == "credits"
    assert first_match("Photo: Reuters", patterns, (None,), words) is None
    assert first_match("Photo: \u017fhutterstock", patterns, (None,), words) == "credits"  # (long s: searched)


def test_the_literal_gate_searches_the_patterns_the_in_tests_would():
    """One scan of a line finds the words its patterns require (literals, alternatives' words): a word inside a longer
    one found at the same position ("follow" in "follow us @"), words that overlap ("share this" in "share this
    article"), a word at the line's end; the patterns searched, and so the answer, are those of one ``in`` test a
    pattern."""
    import re

    from newsproj.cleaning.patterns import (
        first_match,
        literal_gate,
        required_alternatives,
        required_literal,
        vocabulary,
    )

    patterns = (("a", re.compile(r"follow us @\w+", re.I)), ("b", re.compile(r"\bfollow\b", re.I)),
                ("c", re.compile(r"share this (?:article|story)", re.I)), ("d", re.compile(r"this article$", re.I)),
                ("e", re.compile(r"\b(?:getty images|shutterstock)\b", re.I)),
                ("f", re.compile(r"^(?:faq|q&a)$", re.I)))
    literals = tuple(required_literal(rx) for _, rx in patterns)
    alternatives = tuple(None if literal else required_alternatives(rx)
                         for (_, rx), literal in zip(patterns, literals, strict=True))
    gate = literal_gate(literals, alternatives)
    assert gate.always == {5}
    lines = ["Follow us @paper", "Do follow the story", "Please share this article", "About this article",
             "Photo: Shutterstock", "FAQ", "Nothing here at all", "follo", "ſhare this article", ""]
    vocab = vocabulary()
    lines += ["Share this story", "Advertisement", "Sign up for our newsletter today", "Copy to clipboard",
              "Follow us on Twitter @news", "Photo: Getty Images/AFP", "Read more »", "A plain sentence of prose."]
    for line in lines:
        assert first_match(line, patterns, literals, alternatives, gate) == first_match(
            line, patterns, literals, alternatives) == next((g for g, rx in patterns if rx.search(line)), None), line
        for listed, found, words, gates in ((vocab.any, vocab.any_literals, vocab.any_alternatives, vocab.any_gate),
                                            (vocab.short, vocab.short_literals, vocab.short_alternatives,
                                             vocab.short_gate)):
            assert first_match(line, listed, found, words, gates) == next(
                (g for g, rx in listed if rx.search(line)), None), line


def test_repeated_structure_is_kept_every_time():
    """A plan, grid or table repeated per item repeats its labels: those are the article, not captions."""
    prose = "A first long paragraph of the article that has quite a lot of words in it to be prose for sure."
    plan = ["Pre-Workout Meal", "Eat 60–90 minutes before your workout", "Asparagus and eggs, toast and butter"]
    body = "\n".join([prose, "Plan A", *plan, "Plan B", *plan, "Plan C", *plan])
    assert clean_body(body).text == body  # each label three times


def test_two_word_headings_repeated_per_part_are_kept_every_time():
    """A review in parts, each headed "The issue" and "Our verdict...": headings of two words repeated three times are
    the article's structure (l3s half B lost eight of them as a repeated control)."""
    prose = [f"Part {i}: a long paragraph of the review that has quite a lot of words in it to be prose for sure."
             for i in range(3)]
    body = "\n".join(line for i in range(3) for line in ("The issue", prose[i], "Our verdict...", f"Verdict {i}."))
    assert clean_body(body).text == body


def test_labels_repeated_as_a_block_are_kept_every_time_a_lone_caption_once():
    prose = "A first long paragraph of the article that has quite a lot of words in it to be prose for sure."
    other = "Another paragraph of the same article, long enough and different enough to count as its prose."
    block = ["Meal 1", "1 scoop of protein, 1 cup of strawberries, 8 oz. of almond milk (or water)"]
    body = "\n".join(["A caption of a photo", prose, *block, other, "A caption of a photo", *block])
    assert clean_body(body).text == "\n".join(["A caption of a photo", prose, *block, other, *block])


def test_repeated_list_items_and_tweet_attributions_are_kept():
    prose = "A first long paragraph of the article that has quite a lot of words in it to be prose for sure."
    body = "\n".join([
        prose, "First tweet of the senate about the plenary session today.", "— The Senate (@Senate) October 9, 2018",
        "Second tweet of the senate about the motion.", "— The Senate (@Senate) October 9, 2018",
        "- See it now: Amazon", prose.replace("first", "second"), "- See it now: Amazon",
        "| Pos | Player | Plays |", "| QB | Smith | 60 |", "| Pos | Player | Plays |", "| RB | Jones | 40 |",
    ])
    assert clean_body(body).text == body


def test_a_step_of_a_list_of_steps_is_kept_where_a_box_of_calls_to_action_goes():
    """A list item of a sentence's length that a label's pattern matches ("- Sign up for …") is a step of the
    article's list when the item beside it is a step of that length too, and stays; a box of calls to action, each
    item a label the vocabulary drops, still goes (its items have no step beside them)."""
    prose = "Streaming prices rose again this autumn, and a bundle of three services now costs most households more."
    steps = ["- Sign up for a streaming account without adverts for twelve dollars a month",
             "- If you already have an account, visit your account page to upgrade the plan",
             "- Register for the bundle with the same email address as your first account"]
    cta = ["- Sign up for our newsletter", "- Follow us on Twitter", "- Share this article with your friends today"]
    end = "Prices for the cheapest plans with adverts have not changed since the spring, the companies said."
    cleaned = clean_body("\n".join([prose, "Here is how to get the cheaper plan:", *steps, end, *cta]))
    assert cleaned.text == "\n".join([prose, "Here is how to get the cheaper plan:", *steps, end])
    assert [reason for _, reason in cleaned.removed] == ["newsletter", "share", "share"]
    # (alone, or beside a one-word item, a step-shaped call to action is still one)
    assert clean_body("\n".join([prose, steps[0], "- Home"])).text == "\n".join([prose, "- Home"])


def test_a_comment_section_opened_by_its_disclaimer_goes_to_the_end_of_the_body():
    """A comment section with its rules and no signed comment: from its disclaimer ("… comments from our readers.
    They do not represent the views of …") to the end of the body, its rules ("* Comments unrelated to the story.")
    go with it; sentences on what readers' comments represent, a reported disclaimer, stay."""
    prose = ["The harbour board voted on Tuesday to close the old ferry terminal next spring and move the service "
             "to the new quay on the east side of the bay.",
             "Traders on the waterfront said they feared losing passing trade, and asked the board for a grant to "
             "cover the first year of the move."]
    section = ["Below are comments from our readers. They do not represent the views of the Harbour Post.",
               "Comments stay open for a week after a story is published.",
               "Please do not post:", "* Personal attacks or threats.", "* Comments unrelated to the story.",
               "If you think a comment breaks these rules, tell us through the contact form."]
    cleaned = clean_body("\n".join([*prose, *section]))
    assert cleaned.text == "\n".join(prose)
    assert {reason for _, reason in cleaned.removed} == {"comments"}
    kept = ["The readers who left comments on the plan do not represent the town as a whole, the mayor argued.",
            "Comments from readers do not represent the views of the board, its chairman wrote on Sunday.",
            "Most comments from readers were positive, and they do not represent a majority view."]
    for line in kept:
        assert clean_body("\n".join([*prose, line, *section[1:3]])).text.split("\n")[2] == line


def test_an_article_on_comment_moderation_keeps_the_lines_after_a_disclaimer_it_reports():
    """A story about readers' comments may report a site's disclaimer with a clause of its own after the site's name
    (", the company argued", ", its notice read", ", reads the banner"): that line and the story after it are prose,
    not a comment section to cut to the end (review21: each of these lost the last three paragraphs on main)."""
    prose = ["The European Court of Human Rights ruled on Tuesday that an Estonian news portal was liable for the "
             "abusive comments its readers had posted under a story about a ferry company.",
             "The portal had argued that it could not be held responsible for what its readers wrote, since it "
             "removed offensive posts as soon as it was told about them."]
    after = ["The judges said a commercial portal that invites comments must take steps to stop clearly unlawful "
             "ones from being published, and ordered it to pay damages of 320 euros.",
             "Press freedom groups said the ruling would push news sites to close their comment sections altogether."]
    for line in [
        "Comments from readers do not represent the views of the portal, the company argued in its appeal.",
        "Comments by users do not reflect the views of the portal, its notice read, and the court found that "
        "was not enough.",
        "Comments are the views of our readers and do not necessarily reflect the views of the publisher, reads "
        "the banner.",
        "Comments from users do not represent the positions of the company, the policy states, but moderators "
        "still read them.",
        "\u201cComments from readers do not represent the views of the portal.\u201d That was the notice under "
        "every story.",
    ]:
        body = "\n".join([*prose, line, *after])
        assert clean_body(body).text == body, line
    # the site's own disclaimer, its sentence ending with the site's name, still opens the section
    section = ["The following are comments from the readers. In no way do they represent the view of "
               "NWHerald.com or Shaw Newspapers.", "Do not post:", "* Comments unrelated to the story."]
    assert clean_body("\n".join([*prose, *section])).text == "\n".join(prose)
    section[0] = ("Comments from readers do not represent the views of the Harbour Post, which may remove any "
                  "comment without notice.")
    assert clean_body("\n".join([*prose, *section])).text == "\n".join(prose)


def test_soft_hyphens_and_zero_width_spaces_do_not_hide_chrome():
    assert chrome_reason("An\u00adzei\u00adge") == "ads"
    assert chrome_reason("Ad\u200b") == "ads"
    prose = "A first long paragraph of the article that has quite a lot of words in it to be prose for sure."
    # (a one-word control shown three times goes everywhere; two words or more are a repeated structure's label)
    assert clean_body("\n".join(["En\u00adlarge", prose, "Enlarge", "Enlarge"])).text == prose


def test_teasers_with_summaries_after_a_related_heading_at_the_end_are_dropped():
    prose = "A first long paragraph of the article that has quite a lot of words in it to be prose for sure."
    body = "\n".join([
        prose, "More from The Nation",
        "The Debate Was a Tedious Mess The Debate Was a Tedious Mess",
        "The two rivals clearly despise each other, but neither emerged as the obvious number two.",
        "Lawyers Argue That Their Client Is Above the Law",
        "The former president made an appearance in court as his legal team made the case.",
    ])
    assert clean_body(body).text == prose


def test_prose_after_a_related_heading_that_is_not_teasers_is_kept():
    prose = "A first long paragraph of the article that has quite a lot of words in it to be prose for sure."
    last = "The preliminary hearing is scheduled for June 26 at 9 am."
    body = "\n".join([prose, "More from NBC’s TODAY:", "Click here to read the affidavit and an analysis.",
                      "Click here to read the unsealed search warrant.", last])
    assert clean_body(body).text == "\n".join([prose, last])


def test_a_teaser_asked_as_a_question_goes_on_a_related_list():
    """A related list's teaser headlines, one of them a question ("Pushing Amphetamines to Children: A Physician Near
    You?"): the run of teasers under the heading goes on past it (it stopped there, and the rest of the list, above
    the article's prose, stayed: l3s half A). A question of more words, or one that is part of a paragraph, ends the
    run as prose does."""
    prose = "A first long paragraph of the article that has quite a lot of words in it to be prose for sure."
    other = "Another paragraph of the same article, long enough and different enough to count as its prose."
    body = "\n".join(["In This Section", "Most Read Stories", "Pushing Amphetamines to Children: A Physician Near You?",
                      "The Race Card", "Will Lewis, Anderson be back?", "Akron climbs Mid-Major poll", prose, other])
    assert clean_body(body).text == "\n".join([prose, other])
    asked = "What happens to the thousands of families who were promised a new home by the end of this year?"
    mid = "Is it over? Nobody in the village thinks so, and the mayor has called a meeting for Friday."
    for line in (asked, mid):
        body = "\n".join([prose, "You might also like", "The Race Card", line, other])
        assert clean_body(body).text == "\n".join([prose, line, other])


def test_a_question_subheading_after_a_related_link_is_the_articles():
    """A question after a related link or heading that prose answers is the article's own subheading (an explainer's
    "What is the windfall tax?", a live blog's "Who is the new finance minister?"): 78e1bac took it as a teaser, as
    it takes the questions among a list's teasers. A question goes on the run only when the run goes on after it;
    hostile input (a heading that is a question, 20,000 times, then prose) is walked once."""
    import time

    lead = ("The government announced on Monday that the windfall tax on energy companies will rise from 25 to 35 per "
            "cent in January.")
    answer = ("The windfall tax is a one-off levy on profits that the government considers unusually high, in this "
              "case caused by the war.")
    more = ("Economists at the Institute for Fiscal Studies estimate that the rise will bring in another 5 billion "
            "pounds over two years.")
    for heading, question in (("Read more", "What is the windfall tax?"),
                              ("Related", "Why was the verdict overturned?"),
                              ("Latest news", "Who is the new finance minister?"),
                              ("Lesen Sie auch", "Was ist die Übergewinnsteuer?")):
        cleaned = clean_body("\n".join([lead, heading, question, answer, more]))
        assert cleaned.text == "\n".join([lead, question, answer, more]), heading
    # questions among teasers still go, two in a row too
    body = "\n".join(["Related", "The Race Card", "Is it over?", "Will Lewis, Anderson be back?",
                      "Akron climbs Mid-Major poll", lead, answer])
    assert clean_body(body).text == "\n".join([lead, answer])
    # and so does a list of questions that ends the body (dragnet T15, half B: "More from mental_floss…" and four)
    body = "\n".join([lead, answer, "More from mental_floss…", "Why Do People Feel Phantom Cellphone Vibrations?", "*",
                      "What Is the Mystery Flavor of Dum Dums?"])
    assert clean_body(body).text == "\n".join([lead, answer])
    # a related box of teasers all asked as questions, set before the article's next paragraph (review4: 61e838f kept
    # them, as prose answered them); an explainer's question subheadings, each with its answer, stay
    body = "\n".join([lead, "Related", "Is this the end of cheap ferry tickets?", "Why are harbour fees rising again?",
                      answer, more])
    assert clean_body(body).text == "\n".join([lead, answer, more])
    body = "\n".join([lead, "Read more", "What is the windfall tax?", answer, "Who will pay it?", more])
    assert clean_body(body).text == "\n".join([lead, "What is the windfall tax?", answer, "Who will pay it?", more])
    hostile = "\n".join(["Trending now?"] * 20_000 + [lead])
    start = time.process_time()
    assert clean_body(hostile).text == lead
    assert time.process_time() - start < 5


def test_a_control_repeated_on_every_photo_is_dropped():
    prose = ["A first long paragraph of the article that has quite a lot of words in it to be prose for sure.",
             "A second long paragraph of the article that has quite a lot of words in it to be prose, too.",
             "A third long paragraph of the article that has quite a lot of words in it to be prose again."]
    body = "\n".join(["Enlarge", prose[0], "Enlarge", prose[1], "Enlarge", prose[2]])
    assert clean_body(body).text == "\n".join(prose)


def test_a_separator_line_is_no_phrase_twice_and_keeps_its_first_copy():
    """"______________________________" is no teaser heading glued to its link text ("Title Title"): shown several
    times between the parts of a deals post, it keeps its first copy (aeb half B lost the truth's separator line)."""
    prose = ["A first long paragraph of the article that has quite a lot of words in it to be prose for sure.",
             "A second long paragraph of the article that has quite a lot of words in it to be prose, too."]
    rule = "______________________________"
    assert clean_body("\n".join([prose[0], rule, prose[1], rule])).text == "\n".join([prose[0], rule, prose[1]])
    twice = "The Debate Was a Tedious Mess The Debate Was a Tedious Mess"
    assert clean_body("\n".join([prose[0], twice, prose[1]])).text == "\n".join(prose)


def test_in_this_section_goes_alone_not_with_the_subheadings_and_prose_after_it():
    """"In This Section" is a box's heading (half A): it goes, but it is no related heading whose headline-like lines
    are teasers: a report's own "In This Section" took its subheadings and the paragraph after them (issue 11
    finding 5)."""
    prose = "The council published its annual report on Monday, and the auditors found problems with the accounts."
    rest = ["Who pays for the new bridge", "How much it will cost",
            "The bridge will cost 40 million euros, of which the state pays half and the city the rest, the report "
            "says."]
    assert clean_body("\n".join([prose, "In This Section", *rest])).text == "\n".join([prose, *rest])


def test_a_related_heading_with_its_own_teaser_keeps_the_subheading_after_it():
    """An inline related link ("Lesen Sie auch: <headline>") is one line: the next short line is the article's
    subheading over its next paragraph (news-dev, half A)."""
    prose = "A first long paragraph of the article that has quite a lot of words in it to be prose for sure."
    other = "Another paragraph of the same article, long enough and different enough to count as its prose."
    heading = "Aus der deutschen Politik hat sich die Ministerin vorerst verabschiedet"
    body = "\n".join([prose, "Lesen Sie auch: Die Ministerin: Kinder, Ausbildung, Politik", heading, other])
    assert clean_body(body).text == "\n".join([prose, heading, other])
    # a heading alone still takes the teasers below it
    last = "A last paragraph of the same article, which ends it with a few more words than the others have."
    body = "\n".join([prose, "Lesen Sie auch:", "Die Ministerin im Porträt", "Wer folgt ihr nach", other, last])
    assert clean_body(body).text == "\n".join([prose, other, last])


def test_a_wrapped_line_of_prose_that_starts_like_a_related_heading_is_no_heading():
    """A hard-wrapped press release: each line a fragment without a sentence end, one starting "most popular …"
    (half B, l3s): it took every fragment after it for a teaser list."""
    prose = "A first long paragraph of the article that has quite a lot of words in it to be prose for sure."
    wrapped = ["for seamless control of today's", "most popular home entertainment devices. Only the 40 most-essential",
               "buttons appear on the remote - so", "people can find the right one quickly. Each button is",
               "The Evolution of One-Touch Control", "Using the color touch screen, people simply touch the"]
    body = "\n".join([prose, *wrapped])
    assert clean_body(body).text == body
    body = "\n".join([prose, "Most popular", "Teaser one about the budget", "Teaser two about the schools"])
    assert clean_body(body).text == prose


def test_read_more_links_are_one_vocabulary_for_cleaning_and_the_listing_verdict():
    """The text of a link to the rest of a story is the vocabulary's [related] more: the listing verdict reads the
    same patterns as the cleaning (one source), and a line of that text alone is chrome."""
    from newsproj.cleaning.patterns import vocabulary
    from newsproj.extraction.verdict import _more

    assert vocabulary().more
    for text in ("Leggi tutto »", "Seguir leyendo", "Read the full story", "[…]"):
        assert _more(text)
        assert chrome_reason(text)
    assert not _more("Read more about the plan")


ARTICLE = ["A first long paragraph of the article that has quite a lot of words in it to be prose for sure.",
           "A second long paragraph of the article that has quite a lot of words in it to be prose, too."]


def test_a_comment_thread_signed_after_each_comment_goes_from_its_heading_to_the_end():
    """Movable Type, a newspaper's blog: each comment's text, then its author and time. A comment's text is prose;
    only its place (after a comments heading, between signatures) tells it from the article."""
    thread = ["Comments", "What a marvellous opportunity for the club and the manager.",
              "Posted by Idealist on January 10, 2008 5:58 PM", "Report this comment",
              "They can have ours for free.", "Posted by: rupert at January 10, 2008 5:15 PM",
              "Why not try a season without a manager?", "Posted by: Jeremy | Jan 10, 2008 4:52:01 PM"]
    cleaned = clean_body("\n".join(ARTICLE + thread))
    assert cleaned.text == "\n".join(ARTICLE)
    assert ("They can have ours for free.", "comments") in cleaned.removed


def test_a_comment_thread_signed_before_each_comment_goes_too():
    """WordPress: "N Comments", then each comment's author ("Jane says:") and time above its text."""
    thread = ["3 Comments", "Jane says:", "October 5, 2012 at 3:14 pm", "Great post, thanks for writing it.",
              "Reply", "Bob says:", "October 6, 2012 at 9:02 am", "I disagree with most of it."]
    assert clean_body("\n".join(ARTICLE + thread)).text == "\n".join(ARTICLE)


def test_signed_lines_without_a_comments_heading_or_after_trackbacks_are_the_article():
    """An interview's answers introduced by "Smith said:" and a timeline of dated entries are the article; so are
    they after a heading that is no comments heading. Trackbacks (other blogs' excerpts) are no readers' thread."""
    body = ARTICLE + ["Smith said:", "We will win the vote, and then we will see.", "Jones said:",
                      "Nobody knows what happens next in this race."]
    assert clean_body("\n".join(body)).text == "\n".join(body)
    trackbacks = ARTICLE + ["Listed below are links to weblogs that reference this post:",
                            "» The Firestorm is Over from The View From My Feet", "Tracked on Apr 2, 2007 8:49:51 AM",
                            "» So Sad from ntschutta.com", "Tracked on Apr 6, 2007 6:56:46 PM"]
    assert "» So Sad from ntschutta.com" in clean_body("\n".join(trackbacks)).text


def test_a_thread_without_its_heading_starts_with_the_first_signed_comment():
    """Movable Type/TypePad threads whose heading the extractor left out: three comment signatures ("Posted by:",
    with the colon blog software writes under a comment) mark the thread; it starts after the last dropped line
    before the first one (here the post's own signature)."""
    thread = ["Posted by Kathy on April 6, 2007 | Permalink", "1. If I had money I'd hire you to give me suggestions.",
              "Posted by: Reed Hedges | Apr 6, 2007 1:11:01 PM", "Way to go, Kathy! Good to see you back.",
              "Posted by: Amy Gahran | Apr 6, 2007 1:21:27 PM", "PS. we LOVE to hear from you too!",
              "Posted by: ken | Apr 6, 2007 1:29:00 PM"]
    assert clean_body("\n".join(ARTICLE + thread)).text == "\n".join(ARTICLE)


def test_a_thread_signed_with_the_time_first_and_a_two_digit_year_goes():
    """A regional paper's thread: "Posted by: tom3465, farnworth on 8:21pm Tue 1 Jan 08" under each comment."""
    thread = ["Print Email this Comment", "Posted by: tom3465, farnworth on 8:21pm Tue 1 Jan 08",
              "As long as he does not take advice from his cousin.",
              "Posted by: donmarg, bolton on 9:06pm Tue 1 Jan 08",
              "Why not take the rest of the team?", "Posted by: irf, Accrington on 9:45pm Tue 1 Jan 08"]
    assert clean_body("\n".join(ARTICLE + thread)).text == "\n".join(ARTICLE)


def test_a_live_blog_signed_by_its_reporters_is_the_article():
    """A live blog's entries signed by the newsroom ("Posted by Jane Doe at 10:32 AM", no colon, no comments
    heading) are the article."""
    entries = ARTICLE + ["Posted by Jane Doe at 10:32 AM", "The minister has arrived at the summit venue.",
                         "Posted by John Roe at 10:47 AM", "Talks have started behind closed doors.",
                         "Posted by Jane Doe at 11:05 AM", "A first statement is expected within the hour."]
    assert [line for line in entries if line not in clean_body("\n".join(entries)).text.split("\n")] == [
        line for line in entries if line.startswith("Posted by")]


def test_a_teasers_summary_cut_short_goes_with_its_read_more_link_but_prose_with_an_ellipsis_stays():
    """A teaser box set into the story: its "Czytaj więcej" link above or below a summary the site cut mid-word
    ("... ze słów Donalda Tr..."). A paragraph of prose that trails off ("and then...") stays, and so does one
    that ends a sentence after a "Read more" line, or a subheading."""
    cut = ("W poniedziałek wieczorem do stolicy Pakistanu dotrze delegacja Stanów Zjednoczonych – wynika ze słów "
           "Donalda Tr...")
    for teaser in (["Czytaj więcej", cut], [cut, "Czytaj więcej"]):
        assert clean_body("\n".join([*ARTICLE[:1], *teaser, *ARTICLE[1:]])).text == "\n".join(ARTICLE)
    trailing = "He looked at the river for a long time, thought about the years he had spent there, and then..."
    body = [*ARTICLE[:1], trailing, *ARTICLE[1:]]
    assert clean_body("\n".join(body)).text == "\n".join(body)
    after = ["The talks in Islamabad will go on next week, the White House said in a statement on Sunday.",
             "Talks in Islamabad..."]
    for line in after:
        assert line in clean_body("\n".join([*ARTICLE[:1], "Read more", line, *ARTICLE[1:]])).text


def test_a_transcripts_speaker_turns_marked_by_arrows_stay():
    """Closed captions mark each change of speaker with '>>' (a TV station's transcript of an interview): three
    lines or more that start so are the story's turns, judged by their words, where one or two such lines in a
    story are a link's call to action (the Morgenpost's '>> Hier finden Sie ...')."""
    turns = [">> Good evening, I am here with the senator tonight to talk about the budget and what it means.",
             ">> Thank you for having me, it is a pleasure to be here and to talk about these things tonight.",
             ">>Let us start with the deficit, which has grown every year since the last election in this state."]
    body = [ARTICLE[0], *turns, ARTICLE[1]]
    assert clean_body("\n".join(body)).text == "\n".join(body)
    assert clean_body("\n".join([*body[:3], ">> Read more: Markets rally", *body[3:]])).text == "\n".join(body)
    teaser = ">> Sie suchen einen Immobilienkredit? Unser großer Vergleich zeigt aktuelle Konditionen."
    assert clean_body("\n".join([ARTICLE[0], teaser, turns[0], ARTICLE[1]])).text == "\n".join(ARTICLE)


def test_the_rest_of_a_sentence_broken_across_lines_is_no_label():
    """Hard-wrapped wire copy (half A, l3s: a Reuters story cut into lines of ~60 characters): a line that goes on
    with the sentence the line before broke off is a piece of prose, not a dateline ("published on Wednesday."
    matched the [dateline] label "Published on <weekday>"). One or two lowercase words there stay a label, and a
    dateline at the start of its own line still goes."""
    wrapped = ["FRANKFURT, Jan 9 (Reuters) - U.S. software group Microsoft",
               "will not launch a product that competes directly with Apple",
               "\"No, we won't do that. In the so-called smart phone business",
               "programme,\" Gates was quoted as saying in the interview",
               "published on Wednesday.",
               "\"We have partnerships with a lot of device manufacturers,",
               "updated on Monday with the figures of the last quarter, he added."]
    assert clean_body("\n".join(wrapped)).text == "\n".join(wrapped)
    broken = ["The minister said on Tuesday that the plan to cut the budget would", "advertisement",
              "cost the state more than it saves, and that it would be voted on in spring."]
    assert clean_body("\n".join(broken)).text == "\n".join([broken[0], broken[2]])
    assert clean_body("\n".join([ARTICLE[0], "Published on Wednesday", ARTICLE[1]])).text == "\n".join(ARTICLE)


def test_a_line_that_opens_with_a_wire_dateline_is_the_storys_first_sentence():
    """Hard-wrapped wire copy (half A, l3s: Xinhua): the story's first line, cut short by the wrap, named the agency
    and went as a [credits] tag. A dateline that goes on is the story; a dateline or an agency tag alone is not."""
    first = "MANILA, Nov. 24 (Xinhua) -- Philippine President"
    body = [first, "Gloria Macapagal Arroyo has ordered the evacuation of residents", *ARTICLE]
    assert clean_body("\n".join(body)).text == "\n".join(body)
    assert chrome_reason("NEW DELHI (PTI): The government on") is None
    assert chrome_reason("WASHINGTON (AP) —") == "credits"
    assert chrome_reason("Photo: Xinhua") == "credits"


def test_a_run_of_role_and_capitalised_names_lines_is_a_shoot_credits_block_but_specs_and_dialogue_stay():
    """A cover story ends with the shoot's credits, one role a line and the names in capitals (VOGUE: "Styling:
    KATE PHELAN", "Make-up: LUCY BRIDGE mit Produkten von CHARLOTTE TILBURY"): three such lines in a row or more
    go. A spec sheet has figures ("RAM: 12GB DDR5"), and one or two such lines are a dialogue's or a memo's."""
    credits = ["Styling: KATE PHELAN", "Haare: SYD HAYES", "Make-up: LUCY BRIDGE mit Produkten von CHARLOTTE TILBURY",
               "Global Visual Director: JILL CAYTAN LE MASNE"]
    cleaned = clean_body("\n".join([*ARTICLE, *credits]))
    assert cleaned.text == "\n".join(ARTICLE)
    assert [reason for _, reason in cleaned.removed] == ["credits"] * 4
    specs = ["CPU: 8 custom x86 cores at 2.3GHz", "GPU: 40 CUs at 1172MHz, 6 TFLOPS", "RAM: 12GB DDR5",
             "Memory bandwidth: 326GB/s"]
    dialogue = ["Me: YES YOU ARE.", "Him: NO I AM NOT, AND YOU KNOW IT."]
    memo = ["TO: JOHN BERG, JOE AGRESTI, PHYLLIS MASON", "RE: MILES DAVIS SESSIONS"]
    shouted = ["The union's answer: NO DEAL WITHOUT THE PENSIONS.",
               "The talks went on for a third night in the capital, and neither side would say more.",
               "The minister's reply: WE WILL SEE.", "Their verdict: NOT GUILTY."]
    for kept in (specs, dialogue, memo, shouted):
        body = [ARTICLE[0], *kept, *ARTICLE[1:]]
        assert clean_body("\n".join(body)).text == "\n".join(body), kept


def test_a_transcript_or_a_line_up_in_capitals_is_no_credits_block():
    """Three lines of "Role: NAMES" in capitals are credits; a broadcast transcript in capitals (each line a
    sentence) and a match report's line-ups (semicolons between the lines of the team) are the story's."""
    transcript = ["BLITZER: WE ARE FOLLOWING BREAKING NEWS OUT OF OHIO.",
                  "TAPPER: THAT IS RIGHT, WOLF, THE GOVERNOR IS SPEAKING NOW.",
                  "DEWINE: WE WILL GET THROUGH THIS TOGETHER!", "BLITZER: WHAT DID HE SAY ABOUT THE SCHOOLS?"]
    line_ups = ["Liverpool: ALISSON; ALEXANDER-ARNOLD, KONATE, VAN DIJK, ROBERTSON; MAC ALLISTER, JONES; SALAH",
                "Chelsea: SANCHEZ; JAMES, SILVA, COLWILL, CUCURELLA; CAICEDO, FERNANDEZ; PALMER, JACKSON",
                "Everton: PICKFORD; COLEMAN, TARKOWSKI, BRANTHWAITE, MYKOLENKO; GUEYE, ONANA; MCNEIL"]
    for kept in (transcript, line_ups):
        body = [ARTICLE[0], *kept, *ARTICLE[1:]]
        assert clean_body("\n".join(body)).text == "\n".join(body), kept


def test_a_lowercase_label_after_a_caption_is_no_broken_sentence():
    """A caption or heading without a full stop (eight words or more, its last letter lowercase) and then a
    lowercase label: the label is chrome (a site that writes it lowercase), not the rest of a sentence. The rest of
    a broken sentence ends it, or breaks off again into a line that goes on in lowercase; its first words are no
    label with a colon ("photo:", "filed under:")."""
    caption = "Protesters gather outside the parliament building in Athens on Wednesday evening"
    after = "The police said 40 people were arrested after the protest turned violent late at night."
    for chrome in ("photo: reuters/alkis konstantinidis", "source: the associated press",
                   "filed under: world news, greece", "story continues below advertisement",
                   "sign up for our daily briefing", "copyright 2024 the associated press",
                   "published on monday by staff"):
        assert clean_body("\n".join([caption, chrome, after])).text == "\n".join([caption, after]), chrome
    # the rest of a sentence, ended there or broken off again, stays (prose the vocabulary's labels must not take)
    wrapped = ["The figures, which the ministry had promised for the spring, were finally",
               "published on Wednesday by the statistics office in",
               "the capital, and they showed a deficit twice the size of the forecast.",
               "Officials said the cuts planned for next year would now have to be deeper,",
               "copyright of the data stays there."]
    assert clean_body("\n".join(wrapped)).text == "\n".join(wrapped)
    # a label that ends like a sentence ("source: the associated press.") is still a label; a heading shorter than a
    # line of prose is no sentence broken off
    for before, label in ((caption, "source: the associated press."),
                          ("The new normal in the old city", "published on Wednesday at noon.")):
        assert clean_body("\n".join([before, label, after])).text == "\n".join([before, after]), label


def test_a_credit_that_names_an_agency_in_brackets_is_no_wire_dateline():
    """c43c883's wire dateline ("MANILA, Nov. 24 (Xinhua) -- Philippine President") opens with a place: capitalised
    words ("Rio de Janeiro", "Isle of Man"), not a credit's or a label's words before the agency's name."""
    for credit in ("Photo by Jane Doe (AFP) - Getty Images", "Image courtesy of NASA (AP) - handout",
                   "Picture by staff (Reuters) - file photo", "Copyright 2024 (AP) - All rights"):
        assert chrome_reason(credit) == "credits", credit
    for first in ("RIO DE JANEIRO (Xinhua) -- Brazil's", "Rio de Janeiro, May 3 (Xinhua) -- The",
                  "Douglas, Isle of Man (Xinhua) -- The", "ST. JOHN'S, Newfoundland (Xinhua) -- A",
                  "PORT-AU-PRINCE (Xinhua) -- Haiti's", "ROME (ANSA) - Premier", "Stratford-upon-Avon (Xinhua) -- The"):
        assert chrome_reason(first) is None, first


def test_a_line_that_is_a_pictures_caption_goes():
    """``captions``: the page's picture captions (whitespace-normalised). A line that is exactly one goes; a line
    that differs in its punctuation, only contains one, or is longer than CAPTION_WORDS stays."""
    from newsproj.cleaning.chrome import CAPTION_WORDS

    prose = "A first long paragraph of the article that has quite a lot of words in it to be prose for sure."
    long_line = " ".join(["word"] * (CAPTION_WORDS + 1))
    body = "\n".join(["The old quay at low tide", prose, "The old quay, at low tide.",
                      "Seen from the old quay at low tide, the boats wait.", long_line])
    cleaned = clean_body(body, captions=frozenset({"The old quay at low tide", long_line}))
    assert cleaned.text == "\n".join(body.split("\n")[1:])
    assert cleaned.removed == [("The old quay at low tide", "caption")]
    assert clean_body(body).text == body


def test_a_line_that_is_a_media_objects_text_goes():
    """``media``: the titles, captions and descriptions of the page's JSON-LD media objects. A line that is one
    goes, alone or followed by the date and duration its player shows ("… 21.04.2024 | 3:18 min", ZDF); a line that
    only holds one, or goes on after it with words, or differs in its punctuation, stays (issue 11: msv A's
    reef-4 and robot-4 show their video's name and description as lines of the body)."""
    title = "Feuerwehrleute sollen später in Pension | wdr aktuell"
    described = "Nach dem Angriff auf Israel wurden auf dem EU-Gipfel in Brüssel schärfere Sanktionen beschlossen."
    prose = [
        "A first long paragraph of the article that has quite a lot of words in it to be prose for sure.",
        f"{described} Die Bundesregierung will nun nachziehen.",  # the text, and the story goes on
        "Bricklaying robot, the company calls it.",  # punctuation differs
        "Seen on video: Bricklaying robot at work in Perth.",  # holds one only
        f"{described} Am 21.04.2024 um 3:18 Uhr",  # a date in a sentence, not the player's stamp
    ]
    body = "\n".join([title, prose[0], "Bricklaying robot", f"{described} 18.04.2024 | 0:21 min", *prose[1:],
                      f"{described} 1:02:03"])
    cleaned = clean_body(body, media=frozenset({title, "Bricklaying robot", described}))
    assert cleaned.text == "\n".join(prose)
    assert [reason for _, reason in cleaned.removed] == ["media"] * 4


def test_media_texts_that_are_all_the_body_has_stay():
    """review6 of edc385e: a page whose story is its video (an interview, a clip's report) gives the video's
    description as its only text; dropping it as the player's left nothing (the page went as too_short). Media
    lines go only when other text stays; the player's title and its stamp beside prose still go."""
    described = "The minister explained in the interview why the state wants firefighters to work until 67."
    title = "Interview with the minister"
    assert clean_body(described, media=frozenset({title, described})).text == described
    body = f"{title}\n{described}"
    assert clean_body(body).text == body
    assert clean_body(body, media=frozenset({title, described})).text == body
    prose = "In the interview she also said the plan would be put to parliament in June, and the unions were invited."
    cleaned = clean_body(f"{body}\n{prose}", media=frozenset({title, described}))
    assert cleaned.text == prose
    assert [reason for _, reason in cleaned.removed] == ["media", "media"]


PROSE = "A first long paragraph of the article that has quite a lot of words in it to be prose for sure, really."


@pytest.mark.parametrize(
    "top",
    [
        # a series' or a stat's kicker at the top of a story: two numbers and a small word, or a name and a number;
        # the top's date rule took each as a date ("day month year" with any word for the month)
        "Part 1 of 10",
        "Day 12 of 30",
        "Only 1 in 100",
        "Top 10 for 2012",
        "3 x 1000",
        "Apollo 11, 1969",
        # (review8 of e84dc91: the small words were English only) a word between two numbers is a month only before
        # a year of four digits
        "Teil 2 von 10",
        "Page 2 sur 10",
        "Parte 3 de 12",
    ],
)
def test_a_kicker_of_numbers_at_the_top_is_no_date(top):
    assert clean_body(f"{top}\n{PROSE}").text == f"{top}\n{PROSE}"


@pytest.mark.parametrize(
    "top",
    ["23 July 2012", "Monday, 23 July 2012", "October 28, 2012", "Monday, October 22, 2012 3:29 PM", "23 Jan. 2012",
     "Sept. 3, 2012", "Nov 12 2012", "29 December, 2007", "23 juillet 2012", "23 lipca 2012", "1/18/2008",
     "2012-07-23 10:30", "23. Juli 2012", "5 mai 2012, 10:30", "18.01.08", "5 Jan 1999",
     # (probe17) Indic month names hold vowel signs and viramas, which \w is not; a label and a colon before the date
     "प्रकाशित: 09 मार्च 2024", "06 பிப்ரவரி 2024", "Τρίτη 12 Μαρτίου 2024, 11:40", "Updated: 12 March 2024"],
)
def test_a_date_at_the_top_still_goes(top):
    assert clean_body(f"{top}\n{PROSE}").removed == [(top, "dateline")]


def test_the_credit_pattern_tests_its_words_before_its_thirteen_determiners():
    """The credit pattern ("Top image by Jane Doe", not "A picture by Banksy ...") asks for "photo |image |picture "
    before its 13 lookbehinds: the lookbehinds first were tested at every character of every short line, ~7x the
    cost of the pattern before them (62 -> 9 ms over the dev truth bodies' short lines); the same matches."""
    from newsproj.cleaning.patterns import vocabulary

    credit = next(rx for _, rx in vocabulary().short if "(?<!\\btheir )" in rx.pattern)
    assert credit.pattern.startswith("\\b(?=photo |image |picture )")
    assert credit.search("Top image by Jane Doe") and not credit.search("The photo by her brother went viral.")
    assert credit.search("the photo by " * 8000 + "x" * 50_000) is None  # (154k characters, linear)


def test_the_byline_and_date_under_a_lead_are_still_the_top():
    """A lead (or deck) set above the byline and the date: the top's byline and date rule reads the short lines
    right after the first paragraph of prose too (l3s "<lead>", "1/9/2008"; AnadoluAjansi "<lead>", "<author>",
    "<date>"), not past the next paragraph of prose nor past TOP_AFTER_LEAD lines."""
    story = "The second paragraph of the article, which has quite a lot of words in it to be prose as well, surely."
    cleaned = clean_body(f"{PROSE}\nJane Doe\n1/9/2008\n{story}", authors=["Jane Doe"])
    assert cleaned.text == f"{PROSE}\n{story}"
    assert cleaned.removed == [("Jane Doe", "byline"), ("1/9/2008", "dateline")]
    # prose that must survive: the same lines further down are the story's own (a name in a list, a date's row)
    later = f"{PROSE}\n{story}\nJane Doe\n1/9/2008\nThe end of it."
    assert clean_body(later, authors=["Jane Doe"]).text == later
    far = f"{PROSE}\nKicker one\nKicker two\nKicker three\n1/9/2008\n{story}"
    assert clean_body(far).text == far
    # a short line that is no name of the record's authors, nor a date, stays where it is
    named = f"{PROSE}\nJohn Roe\nPart 1 of 10\n{story}"
    assert clean_body(named, authors=["Jane Doe"]).text == named


def test_a_byline_that_credits_the_authors_for_the_words_or_pictures_is_the_top():
    """"Words by Ruth Kendal", "Text and photos: Ruth Kendal" at the top of the body, where the record's authors
    are those names (an old feature page, tests/old_layouts.py): a byline with a lead of a few words before "by" or
    a colon, then the names and nothing else."""
    story = "The second paragraph of the article, which has quite a lot of words in it to be prose as well, surely."
    for line in ("Words by Ruth Kendal", "Text and photos: Ruth Kendal", "Story and pictures by Ruth Kendal and Tom "
                 "Hale", "Text von Tom Hale"):
        cleaned = clean_body(f"{line}\n{PROSE}\n{story}", authors=["Ruth Kendal", "Tom Hale"])
        assert cleaned.text == f"{PROSE}\n{story}", line
        assert cleaned.removed == [(line, "byline")]
    # prose that must survive: a heading or a short line that is no such byline, a name that is no author's, the
    # same byline in the story's middle
    for line in ("Killed by lightning", "Ruth Kendal has climbed the stairs", "Interview: Ruth Kendal talks",
                 "Words by Jane Roe"):
        body = f"{line}\n{PROSE}\n{story}"
        assert clean_body(body, authors=["Ruth Kendal"]).text == body, line
    later = f"{PROSE}\n{story}\nWords by Ruth Kendal\nThe end of it."
    assert clean_body(later, authors=["Ruth Kendal"]).text == later


def test_a_byline_with_the_records_time_of_day_at_the_top_goes():
    """"1:25pm PT by Ryan Parker" above a story the record dates 13:25 (a trade magazine's byline: the time of day,
    "by" and the author, msv-chaos half A): the record's own time and author, the byline, as "Monday 21 March 2016,
    by Jim Harrow" is with the record's day. Read as a 12-hour clock with am/pm, as a 24-hour one without."""
    story = "The second paragraph of the article, which has quite a lot of words in it to be prose as well, surely."
    for line, published in (("1:25pm PT by Ryan Parker", "2017-03-13T13:25:57"),
                            ("6:30 a.m. ET by Ryan Parker", "2017-03-28T06:30:00-04:00"),
                            ("18:05 CET by Ryan Parker", "2024-05-02T18:05:00+01:00")):
        cleaned = clean_body(f"{line}\n{PROSE}\n{story}", authors=["Ryan Parker"], dates=(published,))
        assert cleaned.text == f"{PROSE}\n{story}", line
        assert cleaned.removed == [(line, "byline")]
    # prose that must survive: another time than the record's, another person, a record without a time of day, the
    # same line in the story's middle
    for line, published, author in (("2:25pm PT by Ryan Parker", "2017-03-13T13:25:57", "Ryan Parker"),
                                    ("1:25pm PT by Jane Roe", "2017-03-13T13:25:57", "Ryan Parker"),
                                    ("1:25 by Ryan Parker", "2017-03-13", "Ryan Parker"),
                                    ("13:25 pm by Ryan Parker", "2017-03-13T13:25:00", "Ryan Parker")):
        body = f"{line}\n{PROSE}\n{story}"
        assert clean_body(body, authors=[author], dates=(published,)).text == body, line
    later = f"{PROSE}\n{story}\n1:25pm PT by Ryan Parker\nThe end of it."
    assert clean_body(later, authors=["Ryan Parker"], dates=("2017-03-13T13:25:57",)).text == later


@pytest.mark.parametrize(("top", "author"), [
    ("โดย สมชาย ใจดี 16 มีนาคม 2567 เวลา 10:30 น.", "สมชาย ใจดี"),  # (Thai "By", with the date)
    ("מאת נועה לוי 03.06.24", "נועה לוי"),  # (Hebrew "By")
    ("By Tom Barry 2 December 2024", "Tom Barry"),
])
def test_a_byline_of_the_authors_at_the_top_goes_in_other_scripts_too(top, author):
    text = ("กรุงเทพมหานครเปิดให้บริการสวนสาธารณะแห่งใหม่ริมแม่น้ำเจ้าพระยาเมื่อวันเสาร์ที่ผ่านมา "
            "โดยมีประชาชนหลายพันคนเดินทางมาร่วมงานตั้งแต่ช่วงเช้า")
    assert clean_body(f"{top}\n{text}\n{PROSE}", authors=[author]).text == f"{text}\n{PROSE}"


def test_a_list_of_findings_that_open_with_reporting_by_is_prose():
    """[credits] took a reporting credit written as a list item ("- With reporting by GILLIAN TELLING"), and with it
    every short bullet of a story's list that opens with "Reporting by" (review24: a survey's findings went). A
    bulleted credit names someone; the bullets of prose stay, the credit after them goes."""
    findings = ["- Reporting by women rose 40% last year", "- Reporting by phone replaced most paper forms",
                "- Reporting by teenagers remained rare"]
    body = "\n".join([
        "The survey of 4,000 households was published on Tuesday by the statistics office in the capital.",
        "Its main findings were these, the office said in a statement released to reporters:",
        *findings,
        "The office said it would publish the full tables next month, after a review by the national auditor.",
        "- With reporting by GILLIAN TELLING",
    ])
    cleaned = clean_body(body)
    assert all(line in cleaned.text.split("\n") for line in findings), cleaned.removed
    assert cleaned.removed == [("- With reporting by GILLIAN TELLING", "credits")]


def test_a_sentence_at_the_top_with_the_records_minute_and_its_author_is_prose():
    """The time-of-day byline ("1:25pm PT by Ryan Parker") took any short top line that held the record's minute
    and "by" the author anywhere (review24): a one-sentence lead with a price or a clock time. "by" follows the time
    (its zone between at most) and the author(s) end the line."""
    story = "The second paragraph of the article, which has quite a lot of words in it to be prose as well, surely."
    published = "2017-03-13T13:25:57"
    for line in ("Shares closed at 13.25 after a bid by Ryan Parker", "At 1:25 p.m. a motion by Ryan Parker passed",
                 "At 1:25 pm by Ryan Parker's watch the vote ended"):
        body = f"{line}\n{PROSE}\n{story}"
        assert clean_body(body, authors=["Ryan Parker"], dates=(published,)).text == body, line
    for line in ("1:25 p.m. PT by Ryan Parker and Jane Roe", "13:25 CET, by Ryan Parker."):
        cleaned = clean_body(f"{line}\n{PROSE}\n{story}", authors=["Ryan Parker", "Jane Roe"], dates=(published,))
        assert cleaned.removed == [(line, "byline")]
