"""Article and listing pages in scripts and shapes no earlier probe covered (issue 11, "probe", third round): Thai
(no spaces between words, a Buddhist-era date), Hindi, Bengali and Tamil (Indic scripts, combining marks), Arabic,
Persian and Hebrew (``dir="rtl"``), Korean (the byline and the copyright line after the text), Vietnamese (the
author's name in a last right-aligned paragraph), Greek and Turkish; and modern shapes: a live blog, a news-in-brief
page, a photo gallery with captions only, a paywalled teaser, an AMP page, a page whose ``<title>`` is the site's
name, a headline in an ``<h2>`` under a section ``<h1>``, a long quote and a table of figures, a corrections
footer, a video with two short paragraphs, a body given only in JSON-LD ``articleBody`` over a skeleton page; and
listings that must not become articles (tag pages of one-line teasers in these scripts, an author page, a "most
read" page). All text is written for these tests.

What the ambiguous shapes should give (the decision this probe makes, and tests):

- the live blog: one record, its entries newest first (the page's own text; it grows, a later crawl updates it);
- the news-in-brief page (five items, each a heading and a sentence or two, none linking a story of its own): one
  record of all the items, the headings kept: that text exists on no other page;
- the photo gallery: one record of its captions (the only text the page has, each a sentence of its own);
- the paywalled article: a record of the visible lead, without the "Subscribe to read" box;
- the video with two short paragraphs: a record of the two paragraphs (an article with a video, the page says so).

:func:`site` gives ``path → (Content-Type, bytes)``; :data:`ARTICLES` and :data:`LISTINGS` say what each page is;
:func:`truth_lines` writes a ``truth.jsonl`` that ``../shared/tools/score.py`` reads."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape

SITE = "Meridian Wire"


@dataclass
class Page:
    path: str
    html: str
    headline: str = ""
    lines: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    language: str = "en"
    date: str | None = None
    shape: str = ""

    @property
    def body(self) -> bytes:
        return self.html.encode("utf-8")


ARTICLES: list[Page] = []
LISTINGS: dict[str, str] = {}


def _add(page: Page) -> Page:
    ARTICLES.append(page)
    return page


def _ps(lines: list[str]) -> str:
    return "".join(f"<p>{escape(t)}</p>\n" for t in lines)


def _jsonld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def _news(headline: str, date: str, author: str | None = None, **extra: object) -> str:
    data: dict[str, object] = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline,
                               "datePublished": date}
    if author:
        data["author"] = {"@type": "Person", "name": author}
    data.update(extra)
    return _jsonld(data)


NAV = {
    "en": ("Home", "World", "Business", "Sport", "Opinion"),
    "th": ("หน้าแรก", "การเมือง", "เศรษฐกิจ", "กีฬา", "บันเทิง"),
    "hi": ("होम", "देश", "राज्य", "खेल", "मनोरंजन"),
    "bn": ("প্রচ্ছদ", "বাংলাদেশ", "আন্তর্জাতিক", "খেলা", "বিনোদন"),
    "ta": ("முகப்பு", "தமிழகம்", "இந்தியா", "விளையாட்டு", "சினிமா"),
    "ar": ("الرئيسية", "محليات", "اقتصاد", "رياضة", "ثقافة"),
    "fa": ("صفحه اصلی", "سیاسی", "اقتصادی", "ورزشی", "فرهنگی"),
    "he": ("ראשי", "חדשות", "כלכלה", "ספורט", "תרבות"),
    "ko": ("홈", "정치", "경제", "사회", "스포츠"),
    "vi": ("Trang chủ", "Thời sự", "Kinh doanh", "Thể thao", "Giải trí"),
    "el": ("Αρχική", "Ελλάδα", "Οικονομία", "Αθλητισμός", "Πολιτισμός"),
    "tr": ("Ana Sayfa", "Gündem", "Ekonomi", "Spor", "Kültür"),
}
RTL = {"ar", "fa", "he"}
RELATED = {"en": "Related stories", "th": "ข่าวที่เกี่ยวข้อง", "hi": "संबंधित खबरें", "bn": "আরও পড়ুন",
           "ta": "தொடர்புடைய செய்திகள்", "ar": "اقرأ أيضاً", "fa": "مطالب مرتبط", "he": "כתבות נוספות",
           "ko": "관련 기사", "vi": "Tin liên quan", "el": "Σχετικά άρθρα", "tr": "İlgili haberler"}
FOOT = {"en": f"© 2024 {SITE}. All rights reserved.", "th": "สงวนลิขสิทธิ์ © 2567", "hi": "© 2024 सर्वाधिकार सुरक्षित",
        "bn": "স্বত্ব © ২০২৪", "ta": "© 2024 அனைத்து உரிமைகளும் பாதுகாக்கப்பட்டவை", "ar": "جميع الحقوق محفوظة © 2024",
        "fa": "تمامی حقوق محفوظ است", "he": "כל הזכויות שמורות © 2024", "ko": "Copyright © 2024 All rights reserved.",
        "vi": "© 2024 Bản quyền thuộc về tòa soạn", "el": "© 2024 Με την επιφύλαξη παντός δικαιώματος",
        "tr": "© 2024 Tüm hakları saklıdır."}


def _head(lang: str, title: str, extra: str = "", html_attrs: str = "") -> str:
    rtl = ' dir="rtl"' if lang in RTL else ""
    return (f'<!DOCTYPE html><html lang="{lang}"{rtl}{html_attrs}><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width, initial-scale=1"><title>{escape(title)}</title>{extra}</head>\n')


def _nav(lang: str) -> str:
    home, *sections = NAV[lang]
    return ('<header class="site-header"><a class="logo" href="/">' + SITE + '</a><nav><a href="/">' + escape(home)
            + "</a>" + "".join(f'<a href="/{lang}/section/{i}/">{escape(s)}</a>' for i, s in enumerate(sections))
            + '</nav><button class="menu">☰</button></header>\n')


def _related(lang: str, links: list[tuple[str, str]]) -> str:
    return (f'<aside class="related"><h3>{escape(RELATED[lang])}</h3><ul>'
            + "".join(f'<li><a href="{escape(p)}">{escape(t)}</a></li>' for p, t in links) + "</ul></aside>\n")


def _foot(lang: str) -> str:
    return f'<footer class="site-footer"><p>{escape(FOOT[lang])}</p><a href="/about/">About</a></footer>'


def _page(lang: str, title: str, inner: str, head: str = "", related: list[tuple[str, str]] | None = None,
          html_attrs: str = "") -> str:
    return (_head(lang, title, head, html_attrs) + f"<body>{_nav(lang)}<main>{inner}</main>\n"
            + (_related(lang, related) if related else "") + _foot(lang) + "</body></html>")


# ------------------------------------------------------------------------------------------- scripts
TH = ["กรุงเทพมหานครเปิดให้บริการสวนสาธารณะแห่งใหม่ริมแม่น้ำเจ้าพระยาเมื่อวันเสาร์ที่ผ่านมา "
      "โดยมีประชาชนหลายพันคนเดินทางมาร่วมงานตั้งแต่ช่วงเช้า",
      "สวนแห่งนี้มีพื้นที่ประมาณสี่สิบไร่ ประกอบด้วยทางเดินริมน้ำ ลานกีฬา และพื้นที่ปลูกต้นไม้พื้นเมืองกว่าสามพันต้น "
      "ซึ่งเดิมเป็นที่ตั้งของโกดังสินค้าเก่าที่ถูกทิ้งร้างมานานหลายปี",
      "ผู้ว่าราชการกรุงเทพมหานครกล่าวว่า โครงการนี้เป็นส่วนหนึ่งของแผนเพิ่มพื้นที่สีเขียวให้ได้ไม่น้อยกว่าสิบตารางเมตรต่อคน"
      "ภายในอีกหกปีข้างหน้า",
      "สวนจะเปิดให้บริการทุกวันตั้งแต่เวลาห้านาฬิกาถึงยี่สิบเอ็ดนาฬิกา และไม่เก็บค่าเข้าชม"]
TH_HEAD = "กทม. เปิดสวนสาธารณะริมเจ้าพระยาแห่งใหม่"
_add(Page(
    "/th/news/2024/03/16/riverside-park", shape="Thai, no spaces between words; the date only in the Buddhist era",
    headline=TH_HEAD, lines=TH, authors=["สมชาย ใจดี"], language="th", date="2024-03-16",
    html=_page("th", f"{TH_HEAD} - {SITE}",
               f'<article><p class="kicker">ข่าวเด่น</p><h1>{TH_HEAD}</h1><div class="meta"><span class="author">'
               'โดย สมชาย ใจดี</span> <span class="date">16 มีนาคม 2567 เวลา 10:30 น.</span></div>'
               f'<div class="content">{_ps(TH)}</div><div class="tags">แท็ก: <a href="/th/tag/park/">สวนสาธารณะ</a>'
               ' <a href="/th/tag/bangkok/">กรุงเทพฯ</a></div></article>',
               "<meta property='og:type' content='article'>",
               related=[("/th/news/2024/03/14/canal-boats", "เรือไฟฟ้าในคลองแสนแสบเพิ่มเที่ยววิ่ง"),
                        ("/th/news/2024/03/10/heat-warning", "กรมอุตุฯ เตือนอากาศร้อนจัดทั่วประเทศ")])))

TH2 = ["เรือโดยสารไฟฟ้าในคลองแสนแสบจะเพิ่มจำนวนเที่ยววิ่งในช่วงเวลาเร่งด่วนตั้งแต่สัปดาห์หน้า "
       "หลังจากมีผู้โดยสารใช้บริการเพิ่มขึ้นอย่างต่อเนื่องตลอดสามเดือนที่ผ่านมา",
       "ผู้บริหารบริษัทผู้เดินเรือระบุว่า ในช่วงเช้าจะมีเรือออกจากท่าทุกห้านาที จากเดิมทุกสิบนาที "
       "และจะนำเรือลำใหม่อีกหกลำเข้ามาให้บริการ",
       "ผู้โดยสารจำนวนมากกล่าวว่าการเดินทางทางเรือช่วยประหยัดเวลาได้มาก เมื่อเทียบกับการเดินทางด้วยรถยนต์บนถนนที่การจราจรติดขัด",
       "ค่าโดยสารยังคงอยู่ที่สิบถึงยี่สิบบาทตามระยะทาง และสามารถชำระด้วยบัตรโดยสารร่วมได้"]
TH2_HEAD = "เรือไฟฟ้าในคลองแสนแสบเพิ่มเที่ยววิ่ง"
_add(Page(
    "/th/news/2024/03/14/canal-boats", shape="Thai, a byline line under the headline, published time in a meta",
    headline=TH2_HEAD, lines=TH2, authors=["วิภา ศรีสุข"], language="th", date="2024-03-14",
    html=_page("th", f"{TH2_HEAD} | {SITE}",
               f'<article><h1>{TH2_HEAD}</h1><p class="byline">ผู้เขียน: วิภา ศรีสุข</p>{_ps(TH2)}'
               '<p class="source">ที่มา: กองบรรณาธิการ</p></article>',
               "<meta property='article:published_time' content='2024-03-14T08:00:00+07:00'>"
               "<meta name='author' content='วิภา ศรีสุข'>")))

HI = ["राजस्थान के एक छोटे से गांव के सरकारी स्कूल में सोमवार को पहला कंप्यूटर कक्ष खोला गया, जिसमें बीस कंप्यूटर और "
      "एक प्रोजेक्टर लगाया गया है।",
      "स्कूल के प्रधानाचार्य ने बताया कि अब तक बच्चों को कंप्यूटर सीखने के लिए पंद्रह किलोमीटर दूर ज़िला मुख्यालय जाना "
      "पड़ता था, जिसके कारण कई छात्राएं यह पढ़ाई बीच में ही छोड़ देती थीं।",
      "कक्ष का खर्च गांव के लोगों और एक स्थानीय सहकारी संस्था ने मिलकर उठाया है। पंचायत ने बिजली का बिल अगले तीन साल "
      "तक भरने का वादा किया है।",
      "शिक्षा विभाग के अधिकारियों ने कहा कि यदि यह प्रयोग सफल रहा तो ज़िले के अन्य स्कूलों में भी ऐसे कक्ष खोले जाएंगे।"]
HI_HEAD = "गांव के स्कूल में खुला पहला कंप्यूटर कक्ष"
_add(Page(
    "/hi/news/rajasthan-school-computer-room-20240311", shape="Hindi (Devanagari), a 'यह भी पढ़ें' link between "
    "paragraphs", headline=HI_HEAD, lines=HI, authors=["रीना शर्मा"], language="hi", date="2024-03-11",
    html=_page("hi", f"{HI_HEAD} - {SITE} हिंदी",
               f'<article><h1>{HI_HEAD}</h1><div class="byline">रीना शर्मा, जयपुर | 11 मार्च 2024</div>'
               f'{_ps(HI[:2])}<p class="also-read"><strong>यह भी पढ़ें:</strong> <a href="/hi/news/'
               'monsoon-forecast-20240309">मानसून इस बार समय से पहले आने की संभावना</a></p>'
               f'{_ps(HI[2:])}</article>',
               _news(HI_HEAD, "2024-03-11T09:15:00+05:30", "रीना शर्मा"))))

HI2 = ["मौसम विभाग ने बुधवार को कहा कि इस साल दक्षिण-पश्चिम मानसून के केरल तट पर सामान्य तिथि से लगभग एक सप्ताह पहले "
       "पहुंचने की संभावना है।",
       "विभाग के अनुसार प्रशांत महासागर में बन रही परिस्थितियां इस बार अच्छी बारिश के पक्ष में हैं, और देश के अधिकांश "
       "हिस्सों में औसत से अधिक वर्षा हो सकती है।",
       "किसान संगठनों ने इस पूर्वानुमान का स्वागत किया है, क्योंकि पिछले दो वर्षों में कई राज्यों में कम बारिश के कारण "
       "खरीफ की फसल को भारी नुकसान हुआ था।"]
HI2_HEAD = "मानसून इस बार समय से पहले आने की संभावना"
_add(Page(
    "/hi/news/monsoon-forecast-20240309", shape="Hindi, the date line in Devanagari month names only",
    headline=HI2_HEAD, lines=HI2, language="hi", date="2024-03-09",
    html=_page("hi", f"{HI2_HEAD} | {SITE}",
               f'<div class="story"><h1 class="story-title">{HI2_HEAD}</h1><p class="dateline">प्रकाशित: 09 मार्च '
               f'2024</p><div class="story-body">{_ps(HI2)}</div></div>',
               "<meta property='og:type' content='article'>"
               "<meta property='article:published_time' content='2024-03-09T18:40:00+05:30'>")))

BN = ["গত এক সপ্তাহে পদ্মার তীব্র ভাঙনে জেলার দুটি ইউনিয়নের অন্তত তিনশো পরিবার তাদের ঘরবাড়ি হারিয়েছে বলে জানিয়েছে "
      "স্থানীয় প্রশাসন।",
      "ক্ষতিগ্রস্ত পরিবারগুলো এখন পাশের একটি স্কুল মাঠে অস্থায়ী তাঁবুতে আশ্রয় নিয়েছে। সেখানে বিশুদ্ধ পানি ও শৌচাগারের "
      "তীব্র সংকট দেখা দিয়েছে।",
      "পানি উন্নয়ন বোর্ডের একজন প্রকৌশলী বলেন, ভাঙন ঠেকাতে জরুরি ভিত্তিতে বালুভর্তি জিও ব্যাগ ফেলার কাজ শুরু হয়েছে।",
      "এলাকাবাসীর দাবি, নদীর এই অংশে স্থায়ী বাঁধ নির্মাণ না হলে আগামী বর্ষায় আরও বহু গ্রাম নদীতে বিলীন হয়ে যাবে।"]
BN_HEAD = "নদীর ভাঙনে ঘর হারাল তিনশো পরিবার"
_add(Page(
    "/bn/bangladesh/article/2024/07/22/river-erosion", shape="Bengali, 'staff correspondent' byline (no name)",
    headline=BN_HEAD, lines=BN, language="bn", date="2024-07-22",
    html=_page("bn", f"{BN_HEAD} | {SITE}",
               f'<article><h1>{BN_HEAD}</h1><div class="author">নিজস্ব প্রতিবেদক, রাজশাহী</div><time datetime="'
               f'2024-07-22T11:00:00+06:00">২২ জুলাই ২০২৪</time>{_ps(BN)}</article>',
               _news(BN_HEAD, "2024-07-22T11:00:00+06:00"))))

TA = ["சென்னை மாநகரில் நூறு புதிய மின்சார பேருந்துகள் செவ்வாய்க்கிழமை முதல் இயக்கப்படுகின்றன என்று போக்குவரத்துக் "
      "கழகம் அறிவித்துள்ளது.",
      "இந்தப் பேருந்துகள் ஒருமுறை மின்னேற்றம் செய்தால் சுமார் இருநூறு கிலோமீட்டர் தூரம் வரை ஓடக்கூடியவை. பயணிகளின் "
      "வசதிக்காக ஒவ்வொரு பேருந்திலும் குளிர்சாதன வசதியும் கண்காணிப்பு கேமராக்களும் பொருத்தப்பட்டுள்ளன.",
      "முதல் கட்டமாக விமான நிலையம், தாம்பரம் மற்றும் பிராட்வே வழித்தடங்களில் இவை இயக்கப்படும் என்று அதிகாரிகள் "
      "தெரிவித்தனர்.",
      "டீசல் பேருந்துகளுடன் ஒப்பிடும்போது இயக்கச் செலவு கிட்டத்தட்ட பாதியாகக் குறையும் என்று எதிர்பார்க்கப்படுகிறது."]
TA_HEAD = "சென்னையில் புதிய மின்சார பேருந்துகள் இயக்கம்"
_add(Page(
    "/ta/news/tamilnadu/electric-buses-chennai-1042877.html", shape="Tamil, author in a meta only",
    headline=TA_HEAD, lines=TA, authors=["க. முருகன்"], language="ta", date="2024-02-06",
    html=_page("ta", f"{TA_HEAD} | {SITE} தமிழ்",
               f'<div class="article"><h1>{TA_HEAD}</h1><div class="date">Updated: 06 Feb 2024 07:45 AM</div>'
               f'<div class="article-body">{_ps(TA)}</div></div>',
               "<meta name='author' content='க. முருகன்'>"
               "<meta property='article:published_time' content='2024-02-06T07:45:00+05:30'>")))

AR = ["افتتحت الحكومة يوم الأحد محطة جديدة لتحلية مياه البحر على الساحل الشمالي، بطاقة إنتاجية تبلغ ثلاثمئة ألف متر "
      "مكعب يومياً.",
      "وقال وزير المياه في كلمة خلال حفل الافتتاح إن المحطة ستوفر مياه الشرب لأكثر من مليون نسمة في المدن الساحلية "
      "والقرى المجاورة لها.",
      "وتعمل المحطة جزئياً بالطاقة الشمسية، إذ أُقيمت بجوارها حقول من الألواح تغطي نحو ثلث احتياجاتها من الكهرباء.",
      "ومن المتوقع أن تبدأ المرحلة الثانية من المشروع مطلع العام المقبل بعد استكمال مد خطوط النقل إلى المناطق "
      "الداخلية."]
AR_HEAD = "افتتاح أكبر محطة لتحلية المياه في المنطقة"
_add(Page(
    "/ar/local/2024/05/19/desalination-plant", shape="Arabic, dir=rtl, a related box 'اقرأ أيضاً' after the text",
    headline=AR_HEAD, lines=AR, authors=["أحمد السيد"], language="ar", date="2024-05-19",
    html=_page("ar", f"{AR_HEAD} | {SITE}",
               f'<article><h1>{AR_HEAD}</h1><div class="byline">بقلم: أحمد السيد</div><time datetime="2024-05-19">'
               f'الأحد 19 مايو 2024</time><div class="text">{_ps(AR)}</div><div class="share">شارك: '
               '<a href="https://facebook.com/sharer">فيسبوك</a> <a href="https://x.com/share">إكس</a></div></article>',
               _news(AR_HEAD, "2024-05-19T13:20:00+03:00", "أحمد السيد"),
               related=[("/ar/opinion/2024/05/17/old-souq", "السوق القديم بين الذاكرة والتجارة"),
                        ("/ar/local/2024/05/12/water-prices", "أسعار المياه تبقى دون تغيير هذا الصيف")])))

AR2 = ["في كل زيارة إلى السوق القديم أشعر أن المدينة تحكي قصتها بصوت خافت، بين دكاكين العطارين وورش النحاس التي "
       "صمدت أمام مراكز التسوق الحديثة.",
       "لكن هذا الصمود له ثمن، فكثير من أصحاب المحلات يشكون من ارتفاع الإيجارات وتراجع أعداد الزبائن منذ افتتاح الطريق "
       "الدائري الجديد.",
       "أعتقد أن إنقاذ السوق لا يكون بترميم الجدران وحدها، بل بدعم الحرفيين الذين يمنحونه روحه، وتخصيص أيام للأسواق "
       "الشعبية تجذب العائلات والزوار.",
       "إن خسرنا هذا المكان، فلن نخسر مبنى قديماً فحسب، بل جزءاً من ذاكرة المدينة لا يمكن استعادته."]
AR2_HEAD = "السوق القديم بين الذاكرة والتجارة"
_add(Page(
    "/ar/opinion/2024/05/17/old-souq", shape="Arabic opinion column, the author's name above the headline",
    headline=AR2_HEAD, lines=AR2, authors=["ليلى حداد"], language="ar", date="2024-05-17",
    html=_page("ar", f"{AR2_HEAD} - مقالات - {SITE}",
               f'<article class="opinion"><div class="columnist"><img src="/img/l-haddad.jpg" alt="ليلى حداد">'
               f'<span class="name">ليلى حداد</span></div><h1>{AR2_HEAD}</h1>{_ps(AR2)}'
               '<p class="disclaimer">المقالات المنشورة تعبر عن آراء كتابها.</p></article>',
               _jsonld({"@context": "https://schema.org", "@type": "OpinionNewsArticle", "headline": AR2_HEAD,
                        "datePublished": "2024-05-17T20:00:00+03:00",
                        "author": [{"@type": "Person", "name": "ليلى حداد"}]}))))

FA = ["کتابخانه مرکزی شهر پس از دو سال بازسازی، روز دوشنبه با حضور مسئولان و گروهی از اهالی دوباره درهای خود را به روی "
      "مردم گشود.",
      "در این بازسازی، سقف ساختمان قدیمی تقویت شد و یک سالن مطالعه تازه با ظرفیت دویست نفر به آن افزوده شد.",
      "مدیر کتابخانه گفت که بیش از هشتاد هزار جلد کتاب در این مدت دوباره فهرست‌نویسی شده و اکنون می‌توان آن‌ها را از "
      "طریق سامانه اینترنتی جستجو کرد.",
      "کتابخانه از این پس هر روز به جز جمعه‌ها از ساعت هشت صبح تا ده شب باز خواهد بود."]
FA_HEAD = "کتابخانه مرکزی شهر پس از بازسازی بازگشایی شد"
_add(Page(
    "/fa/culture/news/4417", shape="Persian (ZWNJ inside words), dir=rtl, Persian digits in the visible date",
    headline=FA_HEAD, lines=FA, authors=["مریم احمدی"], language="fa", date="2024-04-08",
    html=_page("fa", f"{SITE} | {FA_HEAD}",
               f'<div class="news"><h1>{FA_HEAD}</h1><div class="info"><span>نویسنده: مریم احمدی</span> '
               f'<span>۲۰ فروردین ۱۴۰۳</span></div><div class="body">{_ps(FA)}</div><div class="code">کد خبر: 4417'
               '</div></div>',
               _news(FA_HEAD, "2024-04-08T10:00:00+03:30", "مریم احمدی"))))

HE = ["עיריית העיר הודיעה היום כי קו רכבת קלה חדש יחבר בין שכונות הצפון למרכז העיר, והעבודות על הקו יחלו כבר בקיץ "
      "הקרוב.",
      "אורך הקו המתוכנן הוא כשנים עשר קילומטרים, ולאורכו ייבנו שש עשרה תחנות. לפי התוכנית, הנסיעה מקצה לקצה תימשך "
      "פחות מחצי שעה.",
      "תושבים בשכונות הצפון בירכו על ההחלטה, אך חלקם הביעו דאגה מפני הפקקים הצפויים בתקופת העבודות.",
      "עלות הפרויקט מוערכת בכשלושה מיליארד שקלים, והוא צפוי להיפתח לנוסעים בתוך חמש שנים."]
HE_HEAD = "רכבת קלה חדשה תחבר בין שכונות הצפון למרכז העיר"
_add(Page(
    "/he/news/article/r1xk2p9a", shape="Hebrew, dir=rtl, a sub-headline under the headline",
    headline=HE_HEAD, lines=HE, authors=["נועה לוי"], language="he", date="2024-06-03",
    html=_page("he", f"{HE_HEAD} | {SITE}",
               f'<article><h1>{HE_HEAD}</h1><h2 class="subtitle">העבודות יתחילו בקיץ, והקו ייפתח בעוד חמש שנים'
               f'</h2><div class="authors">נועה לוי</div><time datetime="2024-06-03T16:05:00+03:00">03.06.24 | 16:05'
               f'</time>{_ps(HE)}</article>',
               _news(HE_HEAD, "2024-06-03T16:05:00+03:00", "נועה לוי"))))

KO = ["서울시는 한강을 오가는 수상버스를 내년 봄부터 정식 운항한다고 12일 밝혔다.",
      "수상버스는 마곡에서 잠실까지 일곱 개 선착장을 오가며, 출퇴근 시간에는 십오 분 간격으로 운항할 예정이다. "
      "시는 이를 위해 선착장 주변에 자전거 거치대와 버스 정류장을 새로 설치한다.",
      "시는 배 여덟 척을 새로 건조하고 있으며, 모든 선박은 전기와 경유를 함께 쓰는 하이브리드 방식으로 만들어진다.",
      "요금은 지하철과 같은 수준으로 정해질 예정이며, 교통카드로 환승 할인도 받을 수 있다."]
KO_HEAD = "서울시, 한강 수상버스 내년 봄 운항 시작"
_add(Page(
    "/ko/news/articleView.html?idxno=310425", shape="Korean (Hangul, spaced), '기자' byline with e-mail and a "
    "'무단전재 및 재배포 금지' line after the text", headline=KO_HEAD, lines=KO, authors=["김민수"], language="ko",
    date="2024-03-12",
    html=_page("ko", f"{KO_HEAD} - {SITE}",
               f'<article><header><h1 class="heading">{KO_HEAD}</h1><ul class="info"><li>김민수 기자</li>'
               f'<li>입력 2024.03.12 14:20</li></ul></header><div id="article-view-content-div">{_ps(KO)}'
               '<p>김민수 기자 minsu@meridianwire.example</p></div><p class="copyright">저작권자 © 메리디안와이어 '
               '무단전재 및 재배포 금지</p></article>',
               "<meta property='og:type' content='article'>"
               "<meta property='article:published_time' content='2024-03-12T14:20:00+09:00'>")))

KO2 = ["올해 김장철 배추 가격이 지난해보다 삼십 퍼센트가량 내릴 것으로 보인다고 농림축산식품부가 밝혔다.",
       "여름철 폭염이 일찍 끝나면서 고랭지 배추의 작황이 좋아졌고, 재배 면적도 소폭 늘었기 때문이다. "
       "정부는 가격이 지나치게 떨어지지 않도록 일부 물량을 비축할 계획이다.",
       "반면 고춧가루와 마늘 값은 지난해와 비슷한 수준을 유지할 것으로 예상돼, 전체 김장 비용은 사 인 가족 기준으로 "
       "약 십 퍼센트 줄어들 전망이다.",
       "대형 마트들은 다음 달 초부터 절임 배추 사전 예약 판매를 시작한다."]
KO2_HEAD = "올해 김장 배추값 지난해보다 30% 내린다"
_add(Page(
    "/ko/economy/2024/10/28/kimchi-cabbage", shape="Korean, JSON-LD author and a reporter box after the text",
    headline=KO2_HEAD, lines=KO2, authors=["이지은"], language="ko", date="2024-10-28",
    html=_page("ko", f"{KO2_HEAD} | 경제 | {SITE}",
               f'<div class="article-head"><h1>{KO2_HEAD}</h1><span class="date">2024-10-28 09:00</span></div>'
               f'<div class="article-body">{_ps(KO2)}</div><div class="reporter-box"><strong>이지은 기자</strong>'
               '<a href="/ko/reporter/jieun/">기자의 다른 기사 보기</a></div>',
               _news(KO2_HEAD, "2024-10-28T09:00:00+09:00", "이지은"))))

VI = ["Từ ngày 1 tháng 4, hành khách đi lại giữa trung tâm Hà Nội và sân bay Nội Bài sẽ có thêm một tuyến xe buýt "
      "điện mới, với tần suất mười lăm phút một chuyến.",
      "Theo Sở Giao thông vận tải, tuyến xe dài khoảng ba mươi hai kilômét, đi qua cầu Nhật Tân và dừng tại mười hai "
      "điểm đón trả khách.",
      "Giá vé được giữ ở mức bốn mươi lăm nghìn đồng một lượt, bằng với các tuyến xe buýt nhanh hiện có.",
      "Đơn vị vận hành cho biết toàn bộ xe đều được trang bị wifi miễn phí và cổng sạc điện thoại cho hành khách."]
VI_HEAD = "Hà Nội mở thêm tuyến xe buýt điện nối sân bay Nội Bài"
_add(Page(
    "/vi/thoi-su/ha-noi-mo-them-tuyen-xe-buyt-dien-4721093.html", shape="Vietnamese, the date only as 'Thứ ba, "
    "12/3/2024' and the author's name in a last right-aligned paragraph", headline=VI_HEAD, lines=VI,
    authors=["Minh Anh"], language="vi", date="2024-03-12",
    html=_page("vi", f"{VI_HEAD} - {SITE}",
               '<div class="sidebar-1"><span class="date">Thứ ba, 12/3/2024, 08:30 (GMT+7)</span>'
               f'<h1 class="title-detail">'
               f'{VI_HEAD}</h1><p class="description">Tuyến xe buýt điện mới chạy mười lăm phút một chuyến, giá vé '
               'không đổi.</p><article class="fck_detail">'
               + "".join(f'<p class="Normal">{escape(t)}</p>' for t in VI)
               + '<p class="Normal" style="text-align:right;"><strong>Minh Anh</strong></p></article></div>')))

EL = ["Η κατασκευή ενός νέου σταθμού για κρουαζιερόπλοια στο λιμάνι της Θεσσαλονίκης θα ξεκινήσει τον Σεπτέμβριο, "
      "ανακοίνωσε την Τρίτη η διοίκηση του οργανισμού λιμένος.",
      "Ο σταθμός θα μπορεί να εξυπηρετεί ταυτόχρονα δύο μεγάλα πλοία και περισσότερους από οκτώ χιλιάδες επιβάτες "
      "την ημέρα.",
      "Οι επαγγελματίες της πόλης χαιρέτισαν την απόφαση, καθώς περιμένουν αύξηση της τουριστικής κίνησης και εκτός "
      "καλοκαιριού.",
      "Το έργο έχει προϋπολογισμό σαράντα εκατομμύρια ευρώ και αναμένεται να ολοκληρωθεί σε δύο χρόνια."]
EL_HEAD = "Νέος σταθμός κρουαζιέρας στο λιμάνι της Θεσσαλονίκης"
_add(Page(
    "/el/oikonomia/neos-stathmos-krouazieras-thessaloniki", shape="Greek, headline in a <h1> with an <em> word, date "
    "as 'Τρίτη 12 Μαρτίου 2024'", headline=EL_HEAD, lines=EL, authors=["Γιώργος Παπαδόπουλος"], language="el",
    date="2024-03-12",
    html=_page("el", f"{EL_HEAD} | {SITE}",
               f'<article><h1>Νέος σταθμός κρουαζιέρας στο λιμάνι της <em>Θεσσαλονίκης</em></h1><div class="meta">'
               '<a href="/el/author/papadopoulos/" rel="author">Γιώργος Παπαδόπουλος</a> · Τρίτη 12 Μαρτίου 2024, '
               f'11:40</div>{_ps(EL)}</article>',
               "<meta property='og:type' content='article'>"
               "<meta property='article:published_time' content='2024-03-12T11:40:00+02:00'>")))

TR = ["İstanbul'un Anadolu yakasında inşaatı beş yıl süren yeni metro hattı, cumartesi günü düzenlenen törenle "
      "yolcu taşımaya başladı.",
      "On dört istasyondan oluşan hat, günde yaklaşık dört yüz bin yolcuya hizmet verecek ve iki ilçe arasındaki "
      "yolculuk süresini kırk dakikadan on sekiz dakikaya indirecek.",
      "Belediye yetkilileri, ilk hafta boyunca yolculuğun ücretsiz olacağını açıkladı. Işıklı tabelalar ve "
      "asansörler engelli yolcular düşünülerek yeniden tasarlandı.",
      "Hattın ikinci etabının ise gelecek yılın sonunda tamamlanması planlanıyor."]
TR_HEAD = "İstanbul'da yeni metro hattı hizmete girdi"
_add(Page(
    "/tr/gundem/istanbulda-yeni-metro-hatti-hizmete-girdi-41822", shape="Turkish (dotted İ, ı); <title> is the site "
    "name only, the headline is the <h1>", headline=TR_HEAD, lines=TR, authors=["Ayşe Yılmaz"], language="tr",
    date="2024-09-21",
    html=_page("tr", SITE,
               f'<article><h1>{escape(TR_HEAD)}</h1><div class="byline">Ayşe Yılmaz | 21.09.2024 - 15:10</div>'
               f'{_ps(TR)}</article>',
               "<meta property='article:published_time' content='2024-09-21T15:10:00+03:00'>"
               "<meta name='author' content='Ayşe Yılmaz'>")))

# ------------------------------------------------------------------------------------------- shapes (English)
LIVE = [("15:42", "The coastguard says all three crew members of the fishing boat that lost power off Carrow Point "
                  "have been lifted to safety by helicopter and taken to hospital as a precaution."),
        ("15:10", "Power has now been cut to about 18,000 homes across the west of the county, according to the "
                  "network operator, which says engineers cannot climb poles until the gusts drop."),
        ("14:31", "The main road bridge into Portharrow has been closed in both directions after a lorry was blown "
                  "onto its side. Police are asking drivers to avoid the area for the rest of the afternoon."),
        ("13:55", "A gust of 94mph has been recorded at the lighthouse at Carrow Point, the highest reading of the "
                  "day so far and close to the record for the station, which was set in 1990."),
        ("13:20", "Good afternoon and welcome to our live coverage of Storm Ellen, which is moving in from the "
                  "Atlantic faster than forecasters expected this morning.")]
LIVE_HEAD = "Storm Ellen live: gusts of 94mph and thousands without power"
_add(Page(
    "/news/live/2024/10/04/storm-ellen-live", shape="live blog, timestamped entries newest first",
    headline=LIVE_HEAD, lines=[t for _, t in LIVE], authors=["Owen Price"], date="2024-10-04",
    html=_page("en", f"{LIVE_HEAD} | {SITE}",
               f'<div class="live"><span class="live-badge">LIVE</span><h1>{LIVE_HEAD}</h1><p class="byline">By Owen '
               'Price</p><div class="live-updates">' + "".join(
                   f'<div class="live-entry"><time datetime="2024-10-04T{t}:00+01:00">{t}</time><p>{escape(x)}</p>'
                   '</div>' for t, x in LIVE) + "</div></div>",
               _jsonld({"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": LIVE_HEAD,
                        "datePublished": "2024-10-04T13:20:00+01:00", "author": {"@type": "Person",
                                                                                 "name": "Owen Price"},
                        "coverageStartTime": "2024-10-04T13:20:00+01:00"}))))

BRIEFS = [("Library hours", "The central library will open until 8pm on Thursdays from next month, after a "
                            "survey of users asked for later evenings."),
          ("Roadworks on Mill Lane", "Mill Lane will be closed between the station and the school for two weeks "
                                     "from Monday while a water main is replaced."),
          ("Choir wins award", "St Anne's community choir took first prize at the regional festival in Carlow on "
                               "Saturday, its third win in five years."),
          ("Bin collections", "Collections delayed by the bank holiday will take place one day later than usual "
                              "all next week."),
          ("Lost dog found", "Biscuit, the terrier missing from Hill Farm since June, has been found safe twelve "
                             "miles away and returned to her owners.")]
_add(Page(
    "/news/in-brief/2024/06/18", shape="news in brief: five short items, each a heading and a sentence, no links",
    headline="News in brief: Tuesday 18 June", lines=[x for item in BRIEFS for x in item], date="2024-06-18",
    html=_page("en", f"News in brief: Tuesday 18 June | {SITE}",
               '<article class="briefs"><h1>News in brief: Tuesday 18 June</h1>' + "".join(
                   f"<section><h2>{escape(h)}</h2><p>{escape(t)}</p></section>" for h, t in BRIEFS) + "</article>",
               "<meta property='og:type' content='article'>"
               "<meta property='article:published_time' content='2024-06-18T07:00:00+01:00'>")))

GALLERY = ["Dragon boat crews from eleven towns lined up at the harbour wall for the first heat on Saturday morning.",
           "The Portharrow Ladies crew celebrate after beating the holders by less than a length in the semi-final.",
           "Children from Hill Street primary school lead the lantern parade along the quay as the sun goes down.",
           "A volunteer hands out ice creams from the lifeboat station, which raised almost four thousand pounds.",
           "Fireworks over the old lighthouse close the festival shortly after ten o'clock on Saturday night."]
GAL_HEAD = "In pictures: the Portharrow harbour festival"
_add(Page(
    "/news/pictures/2024/08/11/harbour-festival", shape="photo gallery, captions only",
    headline=GAL_HEAD, lines=GALLERY, authors=["Kate Morgan"], date="2024-08-11",
    html=_page("en", f"{GAL_HEAD} | {SITE}",
               f'<div class="gallery"><h1>{GAL_HEAD}</h1><p class="credit">Photographs by Kate Morgan</p>' + "".join(
                   f'<figure><img src="/img/festival-{i}.jpg" alt="Harbour festival photo {i + 1}"><figcaption>'
                   f'{escape(c)}</figcaption></figure>' for i, c in enumerate(GALLERY)) + "</div>",
               _jsonld({"@context": "https://schema.org", "@type": "ImageGallery", "headline": GAL_HEAD,
                        "datePublished": "2024-08-11T19:00:00+01:00",
                        "author": {"@type": "Person", "name": "Kate Morgan"}}))))

PAYWALL = ["The owners of the Carrow Point steelworks have told staff that the blast furnace will close by the end "
           "of next year, putting about 1,400 jobs at risk.",
           "In a letter seen by this newspaper, the company says it will replace the furnace with a smaller electric "
           "one that needs a fraction of the workforce."]
PAY_HEAD = "Steelworks to close blast furnace with 1,400 jobs at risk"
_add(Page(
    "/business/2024/11/05/steelworks-blast-furnace", shape="paywall: a two-paragraph lead and a 'Subscribe to read' "
    "box", headline=PAY_HEAD, lines=PAYWALL, authors=["Rhys Evans"], date="2024-11-05",
    html=_page("en", f"{PAY_HEAD} | {SITE}",
               f'<article><h1>{PAY_HEAD}</h1><p class="byline">By Rhys Evans, Business Editor</p>'
               f'<div class="article-body">{_ps(PAYWALL)}</div><div class="paywall"><h3>Subscribe to read the full '
               'story</h3><p>Get unlimited access to Meridian Wire journalism for £1 a week for the first three '
               'months.</p><a class="button" href="/subscribe/">Subscribe now</a><p>Already a subscriber? '
               '<a href="/login/">Log in</a></p></div></article>',
               _news(PAY_HEAD, "2024-11-05T06:00:00+00:00", "Rhys Evans", isAccessibleForFree=False))))

AMP = ["A rare white-tailed eagle has been seen over the Carrow estuary for the first time in more than a century, "
       "bird watchers say.",
       "The young female, which carries a numbered tag, was released on the Isle of Wight two years ago as part of "
       "a project to bring the species back to southern England.",
       "Volunteers have counted her over the mudflats on four days this week, feeding mostly on grey mullet.",
       "The reserve has asked visitors not to fly drones near the estuary while she remains in the area."]
AMP_HEAD = "White-tailed eagle returns to the Carrow estuary"
_add(Page(
    "/amp/news/2024/02/27/white-tailed-eagle", shape="AMP page (<html amp>, amp-img, amp-ad, amp-social-share)",
    headline=AMP_HEAD, lines=AMP, authors=["Nia Rowlands"], date="2024-02-27",
    html=_head("en", f"{AMP_HEAD} | {SITE}",
               '<link rel="canonical" href="/amp/news/2024/02/27/white-tailed-eagle">'
               '<script async src="https://cdn.ampproject.org/v0.js"></script><style amp-boilerplate>body{'
               'visibility:hidden}</style><style amp-custom>.byline{color:#666}</style>'
               + _news(AMP_HEAD, "2024-02-27T10:30:00+00:00", "Nia Rowlands"), " amp")
    + f'<body><header class="amp-header"><a href="/">{SITE}</a></header><article><h1>{AMP_HEAD}</h1>'
    '<p class="byline">Nia Rowlands</p><amp-img src="/img/eagle.jpg" width="1200" height="675" layout="responsive" '
    'alt="An eagle over mudflats"></amp-img>' + _ps(AMP[:2]) + '<amp-ad width="300" height="250" type="doubleclick" '
    'data-slot="/1234/news"></amp-ad>' + _ps(AMP[2:]) + '<amp-social-share type="twitter"></amp-social-share>'
    '<amp-social-share type="facebook"></amp-social-share></article><footer>' + FOOT["en"] + "</footer></body></html>"))

H2 = ["Shares in Harlow Foods rose by almost a fifth on Wednesday after the grocer said its profits for the year "
      "would beat the City's forecasts.",
      "The company said sales of its own-label ready meals had grown by 14 per cent in the autumn, helped by a cold "
      "October and a new range of vegetarian dishes.",
      "Analysts had expected a weaker quarter after two of its rivals cut prices in September."]
H2_HEAD = "Harlow Foods shares jump on profit upgrade"
_add(Page(
    "/business/markets/harlow-foods-profit-upgrade-a82731", shape="section name in the <h1>, the headline in an <h2>",
    headline=H2_HEAD, lines=H2, authors=["Dan Kerr"], date="2024-11-20",
    html=_page("en", f"Markets | Business | {SITE}",
               f'<h1 class="section-title">Business</h1><article><h2 class="headline">{H2_HEAD}</h2><div class="meta">'
               f'Dan Kerr · 20 November 2024</div>{_ps(H2)}</article>',
               "<meta property='og:type' content='article'>"
               "<meta property='article:published_time' content='2024-11-20T12:00:00+00:00'>"
               "<meta name='author' content='Dan Kerr'>")))

QUOTE_INTRO = ["The county's schools recorded their best reading results for a decade this summer, figures "
               "published on Thursday show, with the biggest gains in the towns that lost most teaching during the "
               "pandemic."]
QUOTE = ["We did not do anything clever. We gave every child twenty minutes of reading aloud to an adult, every "
         "day, and we did not let anything else take that time away.",
         "Some of our pupils had never read a whole book to the end before. By Easter, most of them had read six."]
QUOTE_OUTRO = ["Head teachers elsewhere in the county say they will copy the scheme from September, although some "
               "warned that it depends on volunteers who are hard to find in rural areas."]
TABLE = [("Town", "2019", "2024"), ("Portharrow", "61%", "74%"), ("Carlow", "58%", "70%"), ("Hill Cross", "66%", "72%")]
_add(Page(
    "/education/2024/09/12/reading-results", shape="a long blockquote of two paragraphs and a table of figures",
    headline="Reading results best for a decade", authors=["Sara Lindqvist"], date="2024-09-12",
    lines=[*QUOTE_INTRO, *QUOTE, *(" ".join(row) for row in TABLE), *QUOTE_OUTRO],
    html=_page("en", f"Reading results best for a decade | {SITE}",
               '<article><h1>Reading results best for a decade</h1><p class="byline">By Sara Lindqvist</p>'
               + _ps(QUOTE_INTRO) + f"<blockquote>{_ps(QUOTE)}</blockquote><table class='figures'><caption>Pupils "
               "reaching the expected standard</caption>" + "".join(
                   "<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in TABLE) + "</table>"
               + _ps(QUOTE_OUTRO) + "</article>",
               _news("Reading results best for a decade", "2024-09-12T11:00:00+01:00", "Sara Lindqvist"))))

CORR = ["Work to replace the footbridge over the railway at Carlow station will begin in January, Network South "
        "has confirmed.",
        "The new bridge will have lifts at both ends, ending a long campaign by wheelchair users and parents with "
        "pushchairs who have had to use a crossing half a mile away.",
        "The station will stay open throughout, with a temporary bridge put up beside the old one.",
        "Correction, 3 December: an earlier version of this article said the bridge would cost £3m. The figure "
        "is £3.8m."]
_add(Page(
    "/news/2024/12/02/carlow-footbridge", shape="a corrections footer under the text",
    headline="Carlow station footbridge to be replaced with lifts", lines=CORR, authors=["Tom Barry"],
    date="2024-12-02",
    html=_page("en", f"Carlow station footbridge to be replaced with lifts | {SITE}",
               '<article><h1>Carlow station footbridge to be replaced with lifts</h1><p class="byline">By Tom Barry'
               f'</p>{_ps(CORR[:3])}<div class="corrections"><p><em>{escape(CORR[3])}</em></p></div></article>',
               _news("Carlow station footbridge to be replaced with lifts", "2024-12-02T17:00:00+00:00",
                     "Tom Barry"))))

VIDEO = ["Firefighters were called to the old bus depot on Quay Road just after midnight, and the blaze was under "
         "control by four in the morning.",
         "No one was hurt. Police are treating the fire as suspicious and have asked anyone who saw people near the "
         "depot on Monday night to contact them."]
_add(Page(
    "/news/video/2024/04/16/bus-depot-fire", shape="a video embed and two short paragraphs",
    headline="Watch: fire destroys empty bus depot", lines=VIDEO, date="2024-04-16",
    html=_page("en", f"Watch: fire destroys empty bus depot | {SITE}",
               '<article><h1>Watch: fire destroys empty bus depot</h1><div class="video"><iframe width="640" '
               'height="360" src="https://www.youtube.com/embed/abcdefghijk" allowfullscreen></iframe></div>'
               f"{_ps(VIDEO)}</article>",
               _jsonld({"@context": "https://schema.org", "@graph": [
                   {"@type": "NewsArticle", "headline": "Watch: fire destroys empty bus depot",
                    "datePublished": "2024-04-16T08:10:00+01:00"},
                   {"@type": "VideoObject", "name": "Fire at Quay Road bus depot",
                    "uploadDate": "2024-04-16T08:00:00+01:00", "thumbnailUrl": "/img/depot.jpg",
                    "description": "Footage of the fire"}]}))))

SKELETON = ["The ferry link between Portharrow and the island of Enys will run all year from April, after the "
            "council agreed to pay for a winter timetable for the first time.",
            "Until now the last sailing of the season has left in October, leaving the island's three hundred "
            "residents to rely on a weekly supply boat.",
            "The operator will use a smaller vessel between November and March, sailing twice a day."]
SK_HEAD = "Enys ferry to run through the winter"
_add(Page(
    "/news/2024/01/30/enys-ferry-winter", shape="skeleton HTML (a script app); the text only in JSON-LD articleBody",
    headline=SK_HEAD, lines=SKELETON, authors=["Mari Jones"], date="2024-01-30",
    html=_head("en", f"{SK_HEAD} | {SITE}",
               f'<meta property="og:title" content="{SK_HEAD}"><meta property="og:type" content="article">'
               + _news(SK_HEAD, "2024-01-30T09:00:00+00:00", "Mari Jones", articleBody="\n\n".join(SKELETON))
               + '<script defer src="/static/app.3f9c2.js"></script>')
    + '<body><div id="root"><div class="loading">Loading…</div></div><noscript>You need to enable JavaScript to '
    "run this app.</noscript></body></html>"))


# ------------------------------------------------------------------------------------------- listings
def _teaser_list(lang: str, title: str, items: list[tuple[str, str, str]], head: str = "") -> str:
    return _page(lang, f"{title} - {SITE}", f'<h1>{escape(title)}</h1><ul class="teasers">' + "".join(
        f'<li><a href="{escape(p)}">{escape(t)}</a><p>{escape(s)}</p></li>' for p, t, s in items) + "</ul>"
        '<div class="pager"><a href="?page=2">»</a></div>', head)


def _first(lines: list[str], n: int = 60) -> str:
    return lines[0][:n].rsplit(" ", 1)[0] + "…"


TH_ALL = [p for p in ARTICLES if p.language == "th"]
LISTINGS["/th/tag/bangkok/"] = _teaser_list("th", "กรุงเทพฯ", [
    *((p.path, p.headline, _first(p.lines)) for p in TH_ALL),
    ("/th/news/2024/03/10/heat-warning", "กรมอุตุฯ เตือนอากาศร้อนจัดทั่วประเทศ", "อุณหภูมิสูงสุดอาจแตะสี่สิบสององศา…"),
    ("/th/news/2024/03/08/night-market", "ตลาดนัดกลางคืนแห่งใหม่ย่านบางนา", "เปิดทุกวันศุกร์ถึงอาทิตย์…")])
LISTINGS["/ar/tag/water/"] = _teaser_list("ar", "المياه", [
    *((p.path, p.headline, _first(p.lines)) for p in ARTICLES if p.language == "ar"),
    ("/ar/local/2024/05/12/water-prices", "أسعار المياه تبقى دون تغيير هذا الصيف", "قررت الهيئة تثبيت الأسعار…"),
    ("/ar/local/2024/05/02/dam-level", "منسوب السد يرتفع بعد أمطار الربيع", "ارتفع منسوب المياه…")])
LISTINGS["/ko/tag/seoul/"] = _teaser_list("ko", "서울", [
    *((p.path, p.headline, _first(p.lines, 40)) for p in ARTICLES if p.language == "ko"),
    ("/ko/news/articleView.html?idxno=310401", "서울 지하철 심야 운행 연장 검토", "서울시는 지하철 막차 시간을…"),
    ("/ko/news/articleView.html?idxno=310377", "한강 공원 야시장 다음 달 개장", "매주 금요일과 토요일…")])
LISTINGS["/hi/tag/education/"] = _teaser_list("hi", "शिक्षा", [
    *((p.path, p.headline, _first(p.lines)) for p in ARTICLES if p.language == "hi"),
    ("/hi/news/board-results-20240301", "बोर्ड परीक्षा के नतीजे अगले सप्ताह", "माध्यमिक शिक्षा बोर्ड ने कहा…"),
    ("/hi/news/teacher-hiring-20240226", "राज्य में दस हज़ार शिक्षकों की भर्ती", "सरकार ने भर्ती प्रक्रिया…")])
AR_MORE = [("/ar/local/2024/05/12/water-prices", "أسعار المياه تبقى دون تغيير هذا الصيف",
            "قررت هيئة المياه تثبيت أسعار الاستهلاك المنزلي حتى نهاية أيلول. وقالت الهيئة إن الدعم الحكومي سيغطي "
            "الفارق."),
           ("/ar/local/2024/05/02/dam-level", "منسوب السد يرتفع بعد أمطار الربيع",
            "ارتفع منسوب المياه في السد الرئيسي إلى أعلى مستوى منذ خمس سنوات. ويتوقع المهندسون موسماً زراعياً جيداً."),
           ("/ar/local/2024/04/28/school-buses", "حافلات مدرسية جديدة في القرى الجبلية",
            "تسلمت مديرية التربية عشرين حافلة جديدة لنقل الطلاب في القرى الجبلية. وستبدأ الخدمة مع العام الدراسي "
            "المقبل.")]
LISTINGS["/ar/section/0/"] = _page("ar", f"محليات | {SITE}", '<h1>محليات</h1>' + "".join(
    f'<div class="card"><h3><a href="{escape(p)}">{escape(t)}</a></h3><p>{escape(x)}</p><span class="time">'
    "منذ ساعتين</span></div>" for p, t, x in [*((a.path, a.headline, " ".join(a.lines[:2])) for a in ARTICLES
                                                if a.language == "ar"), *AR_MORE]))
LISTINGS["/ko/section/3/"] = _page("ko", f"많이 본 뉴스 | {SITE}", '<h1>많이 본 뉴스</h1><ol class="ranking">'
                                   + "".join(
    f'<li><em>{i + 1}</em><a href="{escape(p)}">{escape(t)}</a><span class="views">조회 {9000 - 700 * i:,}</span></li>'
    for i, (p, t) in enumerate([*((a.path, a.headline) for a in ARTICLES if a.language == "ko"),
                                ("/ko/news/articleView.html?idxno=310401", "서울 지하철 심야 운행 연장 검토"),
                                ("/ko/news/articleView.html?idxno=310377", "한강 공원 야시장 다음 달 개장")]))
                                   + "</ol>")
LISTINGS["/hi/author/reena-sharma/"] = _page(
    "hi", f"रीना शर्मा | {SITE}",
    '<div class="author"><h1>रीना शर्मा</h1><p>रीना शर्मा जयपुर में हमारी संवाददाता हैं और पिछले आठ वर्षों से शिक्षा, '
    'ग्रामीण विकास और '
    'पंचायत से जुड़ी खबरें लिखती हैं।</p></div><ul class="stories">' + "".join(
        f'<li><a href="{escape(p.path)}">{escape(p.headline)}</a><p>{escape(_first(p.lines, 80))}</p></li>'
        for p in ARTICLES if p.language == "hi")
    + '<li><a href="/hi/news/board-results-20240301">बोर्ड परीक्षा के नतीजे अगले सप्ताह</a><p>माध्यमिक शिक्षा बोर्ड ने कहा…'
    "</p></li></ul>")
_EN = [p for p in ARTICLES if p.language == "en"]
LISTINGS["/author/owen-price/"] = _page(
    "en", f"Owen Price | {SITE}",
    '<div class="author-profile"><img src="/img/owen.jpg" alt="Owen Price"><h1>Owen Price</h1><p class="bio">Owen '
    "Price is our West Country correspondent. He has covered weather, transport and the coast for Meridian Wire "
    "since 2016, and before that reported for local papers in Devon and Cornwall.</p></div><h2>Latest from Owen "
    'Price</h2><ul class="teasers">' + "".join(
        f'<li><a href="{escape(p.path)}">{escape(p.headline)}</a><p>{escape(_first(p.lines, 90))}</p>'
        f'<time>{p.date}</time></li>' for p in _EN[:6]) + "</ul>",
    _jsonld({"@context": "https://schema.org", "@type": "ProfilePage",
             "mainEntity": {"@type": "Person", "name": "Owen Price"}}))
LISTINGS["/most-read/"] = _page(
    "en", f"Most read | {SITE}",
    '<h1>Most read</h1><ol class="most-read">' + "".join(
        f'<li><span class="rank">{i + 1}</span><a href="{escape(p.path)}">{escape(p.headline)}</a></li>'
        for i, p in enumerate(ARTICLES[:10])) + "</ol>")
_SCRIPTS = [p for p in ARTICLES if p.language != "en"]
LISTINGS["/"] = _page(
    "en", f"{SITE} — news in every language",
    f'<h1 class="visually-hidden">{SITE}</h1><section class="top"><h2>Top stories</h2>' + "".join(
        f'<div class="card"><a href="{escape(p.path)}"><h3>{escape(p.headline)}</h3></a></div>' for p in _EN)
    + '</section><section class="world"><h2>World</h2><ul>' + "".join(
        f'<li lang="{p.language}"><a href="{escape(p.path)}">{escape(p.headline)}</a></li>' for p in _SCRIPTS)
    + '</ul></section><p><a href="/most-read/">Most read</a> · <a href="/author/owen-price/">Owen Price</a> · '
    '<a href="/th/tag/bangkok/">กรุงเทพฯ</a> · <a href="/ar/tag/water/">المياه</a> · <a href="/ko/tag/seoul/">서울</a>'
    ' · <a href="/hi/tag/education/">शिक्षा</a> · <a href="/hi/author/reena-sharma/">रीना शर्मा</a></p>',
    _jsonld({"@context": "https://schema.org", "@type": "WebSite", "name": SITE}))


def site() -> dict[str, tuple[str, bytes]]:
    """``path → (Content-Type, body bytes)`` of every page, with robots.txt and a sitemap of the articles."""
    html = "text/html; charset=utf-8"
    pages: dict[str, tuple[str, bytes]] = {p.path: (html, p.body) for p in ARTICLES}
    for path, text in LISTINGS.items():
        pages[path] = (html, text.encode("utf-8"))
    pages["/robots.txt"] = ("text/plain", b"User-agent: *\nDisallow: /subscribe/\nSitemap: {{BASE}}/sitemap.xml\n")
    pages["/sitemap.xml"] = ("application/xml", (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f"<url><loc>{{{{BASE}}}}{escape(p.path)}</loc></url>" for p in ARTICLES) + "</urlset>").encode())
    return pages


def truth_lines(base: str = "http://probe.invalid") -> list[str]:
    """``truth.jsonl`` rows (score.py's fields) of the articles."""
    return [json.dumps({"id": p.path, "url": base + p.path, "title": p.headline, "body": "\n".join(p.lines),
                        "authors": p.authors, "language": p.language, "published": p.date}, ensure_ascii=False)
            for p in ARTICLES]
