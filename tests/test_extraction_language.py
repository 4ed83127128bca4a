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
