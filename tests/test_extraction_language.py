from newsproj.extraction.language import contradicts, detect_language

XHOSA = (
    "Urhulumente wephondo uthe uza kwakha izikolo ezintsha ezilishumi kulo nyaka, ngokutsho kwesithethi sakhe. "
    "Abazali abaninzi bebekhalaza ngokuba abantwana babo kufuneka bahambe umgama omde ukuya esikolweni. "
    "Umphathiswa wemfundo uthe imali yolu phuhliso sele ibekiwe ecaleni kwaye umsebenzi uza kuqala kwinyanga "
    "ezayo. Iinkokheli zasekuhlaleni zamkele esi sibhengezo kodwa zathi zifuna ukubona umsebenzi uqhubeka. "
    "Uluntu lwasezilalini luthe lulinde ixesha elide ukuze lufumane izikolo ezikumgangatho ofanelekileyo."
)
ENGLISH = (
    "The provincial government said it would build ten new schools this year, according to its spokesperson. "
    "Many parents had complained that their children had to walk long distances to reach school every day. "
    "The education minister said the money for the project had already been set aside and that work would start "
    "next month. Community leaders welcomed the announcement but said they wanted to see the work progressing. "
    "People in rural areas said they had waited a long time for schools of a proper standard to be built nearby."
)


def test_detects_the_body_language():
    assert detect_language(ENGLISH) == "en"
    assert detect_language("too short") is None


def test_a_template_default_that_the_body_contradicts_is_overridden():
    assert contradicts("en-US", XHOSA + " " + XHOSA) == "xh"


def test_a_statement_the_body_agrees_with_stands():
    assert contradicts("en-GB", ENGLISH) is None
    assert contradicts("en", "short text") is None


# (written for these tests: a news brief of 95 characters, one sentence of 47)
CHINESE_BRIEF = ("本报讯 记者从市体育局获悉，第十届全民健身运动会将于下月在市体育中心开幕，"
                 "共设十八个比赛项目，预计有五千多名运动员参加。\n"
                 "本届运动会首次增设广场舞和徒步两个群众项目，市民可以在社区报名参加。")
CHINESE_SENTENCE = ("据介绍，这条公交线路全长十八公里，沿途设二十四个站点，"
                    "首班车早上六点发车，末班车晚上十点发车。")


def test_a_short_chinese_text_is_long_enough_by_its_characters():
    # fewer than MIN_CHARS characters, but each of them says as much as three Latin letters (about two make a word)
    assert len(CHINESE_BRIEF) < 120 and len(CHINESE_SENTENCE) < 60
    assert detect_language(CHINESE_BRIEF) == "zh"
    assert detect_language(CHINESE_SENTENCE) == "zh"
    # a Latin text of the same length is still too short to tell
    assert detect_language(ENGLISH[:95]) is None


def test_chinese_split_between_its_varieties_is_chinese():
    # the model gives this text zh 0.78 and Wu Chinese (wuu) 0.22: unsure of each, sure of the macrolanguage
    assert detect_language(CHINESE_BRIEF * 2) == "zh"
    # a template's default language that a Chinese body contradicts is overridden by "zh", not by a variety
    assert contradicts("en-US", CHINESE_BRIEF * 8) == "zh"
    assert contradicts("zh-CN", CHINESE_BRIEF * 8) is None


CANTONESE = ("今日天文台話，聽日會有一場大雨，市民出門記得帶遮。政府亦都呼籲大家留喺屋企，唔好去海邊。"
             "佢哋話呢場雨會落到禮拜五，啲學校可能要停課。記者喺中環見到好多人排隊買嘢，佢哋都好擔心。")


def test_a_variety_of_the_stated_macrolanguage_is_no_contradiction():
    """(attack17) A Hong Kong page that says ``zh-HK``, written in Cantonese: the model is sure it is ``yue`` (0.9998),
    a variety of zh. The record said ``yue``, dropping the page's own region; it keeps ``zh-HK`` (and a template's
    "en-US" on the same text is still overridden)."""
    assert detect_language(CANTONESE * 8) == "yue"
    assert contradicts("zh-HK", CANTONESE * 8) is None
    assert contradicts("en-US", CANTONESE * 8) == "yue"


def test_short_texts_are_weighed_in_bounded_time():
    import time

    started = time.process_time()
    for text in ("字" * 1_000_000, "a" * 119, "字" * 39 + "a", "字 " * 500_000, "ab" * 59):
        detect_language(text)
        contradicts("en", text)
    assert time.process_time() - started < 3
    assert detect_language("字" * 39) is None  # (39 characters weigh 117: too short)
