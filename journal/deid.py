"""Spot patient identifiers in what an intern writes, so the journal can warn before an entry is saved or shared.

``find_identifiers(text)`` is a pure function: it returns ``Finding`` spans for the HIPAA Safe Harbor
identifiers that free text can carry (names, dates more precise than a year, ages over 89, phone numbers,
emails, record and card numbers, street addresses and postcodes, URLs, IP addresses). It uses regular
expressions per kind and, for names, context cues (titles, relatives, "named ...") plus a capitalised-word
heuristic filtered by small generic word lists. It warns; it never rewrites text, and it can miss things.
"""

import ipaddress
import re
from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True)
class Finding:
    """One suspected identifier: ``text[start:end]`` is the identifier, ``reason`` is shown to the intern."""

    kind: str
    start: int
    end: int
    reason: str


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Word lists for names and dates. They are generic (English function words, clinical vocabulary, places and
# languages of usual placement countries), never names taken from test material; extend them, do not tune them.
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
SPANISH_MONTH = r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|se?ptiembre|octubre|noviembre|diciembre)"
# Honorifics and forms of address (English, Swahili, Spanish, Twi, Nepali, Hindi): the next word is a name.
TITLES = _words(
    "Mr Mrs Ms Miss Mx Dr Prof Professor Sister Sr Nurse Matron Midwife Baby Mama Bibi Babu Mzee Bwana Mwalimu Dada "
    "Kaka Auntie Aunty Uncle Señor Señora Señorita Sra Srta Don Doña Madam Madame Mme Master Rev Reverend Pastor "
    "Father Fr Imam Sheikh Chief Nana Maame Didi Dai Bhai Aama Shri Shree Smt Kumari Sir Dame Lady Hon"
)
# Words that are never part of a name and end a run of capitalised words (sentence openers included).
FUNCTION = _words(
    "a about above after again against all almost also although always am among an and another any anything are "
    "around as at away back be because been before being below besides between both but by can cannot could did do "
    "does doing done down during each either else enough even ever every everyone everything few first for from "
    "further had has have having he her here hers herself him himself his how however i if in instead into is it "
    "its itself just last later least less let like many may maybe me meanwhile might more most much must my myself "
    "near neither never next no none nor not nothing now of off often on once one only onto or other others "
    "otherwise our out over own perhaps please quite rather really same several she should since so some someone "
    "something sometimes soon still such than that the their them then there therefore these they this those though "
    "through throughout thus to today tomorrow tonight too toward towards under unless until up upon us very was we "
    "well were what when where whereas whether which while who whom whose why will with within without would yes "
    "yesterday yet you your ok okay thanks hello dear sadly luckily unfortunately fortunately finally eventually "
    "afterwards overall initially later again saw see met went came gave took told asked spent learned learnt "
    "helped watched noticed followed visited started stopped felt found called made kept left brought checked "
    "reviewed admitted discharged referred examined assessed presented diagnosed treated continued planned noted "
    "discussed explained consented counselled observed assisted performed attended shadowed joined wrote worked "
    "tried thought realised morning afternoon evening night week weekend day days month year hour minute time"
)
CALENDAR = _words(
    "january february march april june july august september october november december monday tuesday wednesday "
    "thursday friday saturday sunday christmas easter ramadan eid diwali dashain tihar holi inti raymi carnival"
)
# Roles, departments, diseases, eponyms, drugs, organisms, abbreviations: capitalised often, names never.
CLINICAL = _words(
    "patient patients doctor doctors nurse nurses midwife registrar consultant intern interns resident student "
    "students supervisor team staff ward wards bed clinic theatre outpatient inpatient emergency casualty triage "
    "maternity labour delivery paediatrics pediatrics paediatric pediatric surgery surgical medicine medical "
    "obstetrics gynaecology orthopaedics psychiatry radiology pathology pharmacy laboratory lab anaesthesia "
    "anesthesia oncology cardiology neurology dermatology ophthalmology internal general family community public "
    "global health care primary acute chronic severe mild moderate stable critical normal positive negative left "
    "right history examination diagnosis plan impression assessment management treatment therapy review discharge "
    "admission referral consent ethics reflection case note notes placement elective rotation round rounds handover "
    "shift malaria tuberculosis pneumonia sepsis meningitis typhoid cholera dengue measles polio tetanus rabies "
    "ebola covid influenza hepatitis diabetes hypertension asthma anaemia anemia malnutrition kwashiorkor marasmus "
    "diarrhoea diarrhea dehydration cancer stroke epilepsy eclampsia haemorrhage hemorrhage fracture burns trauma "
    "fever cough pain jaundice shock chagas boy girl twin man woman lady infant child baby mother father newborn "
    "leprosy scabies zika chikungunya lassa marburg x-ray syphilis down parkinson alzheimer crohn hodgkin burkitt "
    "kaposi bell cushing addison graves hashimoto kawasaki apgar glasgow gram paracetamol acetaminophen ibuprofen "
    "insulin metformin morphine tramadol diazepam oxytocin misoprostol magnesium zinc iron folic vitamin quinine "
    "artemether lumefantrine coartem artesunate praziquantel ivermectin rifampicin ethambutol dolutegravir "
    "tenofovir lamivudine efavirenz prednisolone dexamethasone salbutamol adrenaline atropine ketamine lidocaine "
    "plasmodium falciparum vivax mycobacterium staphylococcus streptococcus salmonella shigella klebsiella "
    "pseudomonas candida cryptococcus pneumocystis schistosoma giardia entamoeba helicobacter haemophilus oxygen "
    "saline dextrose ringer hartmann heparin warfarin aspirin panadol augmentin lasix hb hct plt na cl cr ca mg "
    "temp sats sat resp pulse obs hx dx rx tx sx pt ix mx fx afb covid sars"
)
# Countries, regions, cities, languages, peoples, faiths and tools that notes mention in general.
PLACES = _words(
    "africa asia europe america americas andes himalaya himalayas sahara amazon nile everest kilimanjaro kenya "
    "tanzania uganda rwanda burundi ethiopia somalia sudan malawi zambia zimbabwe mozambique botswana namibia "
    "lesotho eswatini madagascar ghana nigeria togo benin senegal gambia guinea sierra leone liberia mali niger "
    "chad cameroon gabon congo angola egypt morocco tunisia nepal india bhutan bangladesh pakistan sri lanka "
    "myanmar cambodia laos vietnam thailand malaysia indonesia philippines china japan peru bolivia ecuador "
    "colombia venezuela brazil chile argentina paraguay uruguay mexico guatemala honduras nicaragua haiti cuba "
    "jamaica usa uk england scotland wales ireland australia canada germany france spain italy portugal nairobi "
    "mombasa kisumu eldoret nakuru kampala kigali dar salaam dodoma arusha moshi mwanza zanzibar addis ababa "
    "lilongwe blantyre lusaka harare maputo accra kumasi tamale cape coast lagos abuja kano ibadan freetown "
    "monrovia dakar kathmandu pokhara lalitpur patan bhaktapur chitwan dharan biratnagar delhi mumbai kolkata "
    "chennai bangalore bengaluru hyderabad pune vellore jaipur lucknow dhaka karachi lahore lima cusco cuzco "
    "arequipa iquitos puno trujillo piura huancayo quito guayaquil la paz bogota london swahili kiswahili nepali "
    "hindi urdu bengali tamil telugu spanish quechua aymara twi akan ewe hausa yoruba igbo amharic luganda "
    "kinyarwanda chichewa zulu xhosa english french portuguese arabic kenyan tanzanian ugandan ghanaian nigerian "
    "ethiopian nepalese indian peruvian maasai masai kikuyu luo christian muslim hindu buddhist catholic protestant "
    "god allah jesus sherpa newar chagga sukuma ashanti asante british american european african asian western "
    "google whatsapp zoom excel translate"
)
# A run of capitalised words holding one of these names an institution, a street, a programme or a test.
BLOCK = _words(
    "hospital hospitals clinic clinics centre center university college school institute ministry department "
    "service services trust foundation mission church mosque temple road street avenue lane drive way district "
    "county province region state city town village valley river lake mount mountain park market station airport "
    "project programme program society association council board unit wing national regional referral teaching "
    "memorial syndrome disease sign score scale criteria test reflex protocol cape coast care checklist initiative "
    "campaign guideline guidelines handbook goals training festival committee office organisation organization "
    "agency fund network alliance posta salud centro instituto nacional universidad clínica clinica hôpital "
    "hospitali zahanati dispensary"
)
# Lowercase words inside names ("María de la Cruz", "Ali bin Said"); the cue words before or after a name.
PARTICLES = _words("de del da das do dos van von der den la le di du bin binti bint ibn al el wa y")
RELATION = _words(
    "mother father mum mom dad son daughter wife husband brother sister aunt uncle grandmother grandfather grandma "
    "grandpa granny niece nephew cousin friend neighbour neighbor child baby boy girl guardian caregiver carer "
    "partner fiancé fiance twin patient named called name nicknamed interpreter translator driver colleague teacher "
    "healer elder"
)
HUMAN_VERBS = _words(
    "said says told tells asked asks cried smiled laughed walked explained replied answered complained refused "
    "agreed insisted wanted thanked shouted whispered lives lived works worked greeted translated introduced "
    "delivered walked sat slept ate drank prayed hoped travelled traveled arrived returned paid declined"
)
SKIP_BEFORE = _words(
    "in at from to near into around outside across towards toward via through within the a an on given started "
    "prescribed taking took of dose course speak spoke speaks speaking"
)
EPONYM_FOLLOW = _words(
    "syndrome disease sign score scale criteria test stain manoeuvre maneuver reflex classification catheter tube "
    "procedure operation repair lymphoma sarcoma palsy ulcer fracture formula protocol regimen vaccine virus fever "
    "guidelines method technique splint traction tablets syrup solution"
)
_MED_SUFFIX = re.compile(
    r"(?:cillin|mycin|micin|floxacin|azole|idine|olol|pril|sartan|statin|dipine|vir|mab|itis|osis|iasis"
    r"|a?emia|pathy|ectomy|otomy|ostomy|plasty|scopy|graphy|algia|ology|ologist|iatric|iatrics)$"
)


class _Token(NamedTuple):
    start: int
    end: int
    text: str
    possessive: bool


_WORD = re.compile(r"(?<![\w/])[^\W\d_]+(?:['’-][^\W\d_]+)*(?![\w/])")


def _tokens(text: str) -> list[_Token]:
    """Word tokens (no digits), with a trailing possessive 's cut off and remembered."""
    out = []
    for m in _WORD.finditer(text):
        word, end = m.group(), m.end()
        possessive = len(word) > 2 and word[-2] in "'’" and word[-1] == "s"
        if possessive:
            word, end = word[:-2], end - 2
        out.append(_Token(m.start(), end, word, possessive))
    return out


_BREAKERS = FUNCTION | CALENDAR | {w + "s" for w in CALENDAR}
_NOT_IN_NAME = CLINICAL | BLOCK


def _is_part_of_run(tok: _Token) -> bool:
    """Capitalised, not an acronym, and not a function word, month, weekday or title."""
    word = tok.text
    return (
        word[0].isupper()
        and not (len(word) > 1 and word.removesuffix("s").isupper())
        and word.lower() not in _BREAKERS
        and word not in TITLES
    )


def _known(tok: _Token) -> bool:
    """A capitalised word that is common in clinical notes without naming anyone."""
    low = tok.text.lower()
    return low in _NOT_IN_NAME or low in PLACES or bool(_MED_SUFFIX.search(low))


def _joined(text: str, a: _Token, b: _Token) -> bool:
    """True when b continues a's name: only a space between, or a is an initial ("J. Mwangi")."""
    gap = text[a.end : b.start]
    return not a.possessive and (gap == " " or (len(a.text) == 1 and gap == ". "))


def _segments(text: str, toks: list[_Token]):
    """Yield (first, last) indexes of runs of capitalised words, joined by spaces and particles ("de la")."""
    i = 0
    while i < len(toks):
        if not _is_part_of_run(toks[i]):
            i += 1
            continue
        j = i
        while True:
            k = j + 1
            while k < len(toks) and toks[k].text in PARTICLES and _joined(text, toks[k - 1], toks[k]):
                k += 1
            if k < len(toks) and _joined(text, toks[k - 1], toks[k]) and _is_part_of_run(toks[k]):
                j = k
            else:
                break
        yield i, j
        i = j + 1


_AGE_AFTER = re.compile(r",\s*(?:aged?\s+)?\d{1,3}\s*(?:,|\)|y|years)|\s*\(\d{1,3}\)|\s+(?:is|was)\s+an?\s+\d{1,3}[- ]")


def _name_span(text: str, toks: list[_Token], i: int, j: int) -> tuple[int, int] | None:
    """Decide whether the run toks[i..j] is a person's name; return its span or None.

    In order: institutions are never names; a title makes a name; runs of known words are not names; a cue
    (relative, "named", possessive + relative, ", 54,", a verb only people do) makes a name; after a place
    preposition, an article or a drug verb it is not; otherwise two or more unknown capitalised words, or one
    that does not start a sentence, are taken for a name.
    """
    seg = toks[i : j + 1]
    prev = toks[i - 1] if i > 0 else None
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    before = text[prev.end : seg[0].start] if prev else text[: seg[0].start]
    next_word = nxt.text.lower() if nxt and re.fullmatch(r"(?:['’]s)?\s+", text[seg[-1].end : nxt.start]) else ""
    if any(t.text.lower() in BLOCK for t in seg):
        return None  # an institution, street or eponym: "Kenyatta National Hospital", "Glasgow Coma Scale"
    if prev and prev.text in TITLES and re.fullmatch(r"\.?\s+", before):
        names = [t for t in seg if t.text.lower() not in CLINICAL]
        return (names[0].start, names[-1].end) if names else None
    if all(_known(t) for t in seg):
        return None
    if (
        (prev and prev.text.lower() in RELATION and re.fullmatch(r",?\s+|:\s+", before))
        or (seg[-1].possessive and next_word in RELATION)
        or _AGE_AFTER.match(text, seg[-1].end)
        or next_word in HUMAN_VERBS
    ):
        return seg[0].start, seg[-1].end
    if (prev and prev.text.lower() in SKIP_BEFORE and before.isspace()) or next_word in EPONYM_FOLLOW:
        return None  # "in Pokhara", "on Coartem", "Kernig sign"
    at_start = not prev or bool(re.search(r"[.!?:;(\"“\n]", before))
    if at_start and len(seg) > 1 and (_known(seg[0]) or re.search(r"(?:ing|ed|ly)$", seg[0].text)):
        seg, at_start = seg[1:], False
    if len(seg) > 1 or (not at_start and not _known(seg[0]) and len(seg[0].text) > 1):
        return seg[0].start, seg[-1].end
    return None


def find_names(text: str) -> list[Finding]:
    """Personal names: after titles and relationship cues, or capitalised words that are not common words."""
    toks = _tokens(text)
    spans = (_name_span(text, toks, i, j) for i, j in _segments(text, toks))
    return [Finding("name", s, e, "Looks like a person's name") for s, e in filter(None, spans)]


def _valid_day_month(a: int, b: int) -> bool:
    return (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31)


_DATES = [
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{MONTH}(?:,?\s+(?:\d{{4}}|'\d\d))?(?!\w)"),
    re.compile(rf"\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d)(?:,?\s+\d{{4}})?\b"),
    re.compile(rf"\b{MONTH},?\s+(?:of\s+)?(?:19|20)\d\d\b"),
    re.compile(rf"\b\d{{1,2}}\s+de\s+{SPANISH_MONTH}(?:\s+del?\s+\d{{4}})?\b", re.IGNORECASE),
    re.compile(r"\b(?:19|20)\d\d-[01]?\d-[0-3]?\d\b"),
]
_NUMERIC_DATE = re.compile(r"(?<![\d./-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-]|\.\d)")
_CUED_DATE = re.compile(
    r"\b(?:on|dated|DOB|D\.O\.B\.?|born|since|until|till|birthday(?: is| was)?)\s*:?\s+(\d{1,2})/(\d{1,2})(?![/\d])"
)


def find_dates(text: str) -> list[Finding]:
    """Dates more precise than a year: day and month, month and year, numeric dates that are valid."""
    found = [(m.start(), m.end()) for rx in _DATES for m in rx.finditer(text)]
    for m in _NUMERIC_DATE.finditer(text):
        if _valid_day_month(int(m[1]), int(m[3])):
            found.append((m.start(), m.end()))
    for m in _CUED_DATE.finditer(text):
        if _valid_day_month(int(m[1]), int(m[2])):
            found.append((m.start(1), m.end()))
    return [Finding("date", s, e, "Looks like a date more precise than a year") for s, e in found]


_AGES = re.compile(
    r"\b(?P<n>\d{2,3})(?:[-\s]?(?:years?|yrs?|yr)[-\s]?old|\s?(?:y/o|yo\b|yrs\b|years? of age)"
    r"|(?:st|nd|rd|th)(?=\s+birthday))"
    r"|\b(?:aged?|turned|turns)\s*:?\s*(?P<m>\d{2,3})\b(?!\s*(?:days?|weeks?|months?)\b)"
    r"|\b(?-i:[A-Z])[^\W\d_]+,\s(?P<k>\d{2,3})(?=,)",
    re.IGNORECASE,
)
_AGE_WORDS = re.compile(
    r"\b(?:(?:super)?centenarian|nonagenarian|in (?:his|her|their) (?:nineties|90s)"
    r"|(?:ninety|hundred)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?[- ]years?[- ]old)\b",
    re.IGNORECASE,
)


def find_ages(text: str) -> list[Finding]:
    """Ages over 89 ("93-year-old", "aged 95", "her 101st birthday", "Mr X, 94,")."""
    found = [m.span() for m in _AGE_WORDS.finditer(text)]
    for m in _AGES.finditer(text):
        group = next(g for g in "nmk" if m[g])
        if 89 < int(m[group]) < 130:
            found.append(m.span("k") if group == "k" else m.span())
    return [Finding("age", s, e, "Ages over 89 can identify a patient") for s, e in found]


_PHONES = [
    re.compile(r"(?<![\w+])(?P<num>\+\d{1,3}(?:[\s.-]?\(?\d{1,5}\)?){2,6})"),
    re.compile(r"(?<![\w/.-])(?P<num>\(?0\d{1,4}\)?(?:[\s.-]?\d{2,5}){1,4})(?![\w/-])"),
    re.compile(r"(?<![\w+/.-])(?P<num>[6-9]\d{9})(?![\w/-])"),
    re.compile(
        r"(?i:\b(?:phone|mobile|cell|tel|call|text|sms|whatsapp|contact)\b)[^\d+\n]{0,20}?(?P<num>\d[\d\s.-]{7,}\d)"
    ),
]


def find_phones(text: str) -> list[Finding]:
    """Phone numbers: international (+254 ...), local with a leading 0, or digits after a phone cue; 9-15 digits."""
    found = [m.span("num") for rx in _PHONES for m in rx.finditer(text)]
    return [
        Finding("phone", s, e, "Looks like a phone number")
        for s, e in found
        if 9 <= len(re.sub(r"\D", "", text[s:e])) <= 15
    ]


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def find_emails(text: str) -> list[Finding]:
    """Email addresses."""
    return [Finding("email", m.start(), m.end(), "Looks like an email address") for m in _EMAIL.finditer(text)]


_URL = re.compile(
    r"\b(?:https?|ftp)://[^\s<>\"']+|\bwww\.[^\s<>\"']+"
    r"|(?<![@\w.-])(?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov|info|io|co|uk|ke|tz|ug|np|pe|gh|in|ng|za|local)\b(?:/[^\s<>\"']*)?"
)


def find_urls(text: str) -> list[Finding]:
    """Web addresses, with or without a scheme; trailing punctuation is left out."""
    found = []
    for m in _URL.finditer(text):
        url = m.group().rstrip(".,;:!?)]'\"")
        found.append(Finding("url", m.start(), m.start() + len(url), "Looks like a web address"))
    return found


_IP_CANDIDATE = re.compile(
    r"(?<![\w.:])(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?![\w.:])"
)


def find_ips(text: str) -> list[Finding]:
    """IPv4 and IPv6 addresses (validated, so times like 14:30:00 do not count)."""
    found = []
    for m in _IP_CANDIDATE.finditer(text):
        try:
            ipaddress.ip_address(m.group())
        except ValueError:
            continue
        found.append(Finding("ip", m.start(), m.end(), "Looks like an IP address"))
    return found


_ID_VALUE = (  # a code with 3+ digits that is not a quantity ("sample of 1500 ml") or a bare year
    r"(?P<id>(?=[A-Za-z0-9/-]*\d{3})(?!(?:19|20)\d\d(?![\w/-]))"
    r"[A-Za-z0-9](?:[A-Za-z0-9/-]*[A-Za-z0-9])?(?: \d{4}(?![\w/-]))*)(?![\w/-])"
    r"(?!\s?(?:%|(?i:mg|mcg|ml|g|kg|l|mmol|iu|cells|copies|h|hrs?|hours|days|weeks)\b))"
)
_ID_CUED = re.compile(
    r"(?:\b(?:MRN|UHID|NHIF|NHIS|NIN|DNI|SIS|Aadhaa?r|PAN|SSN|IMEI|EMR|ID)\b"
    r"|(?i:\b(?:medical|hospital|health|patient|record|file|folder|chart|case|account|acct|card|insurance|policy"
    r"|member(?:ship)?|registration|reg|passport|licen[cs]e|serial|accession|lab|specimen|sample|ticket|receipt"
    r"|invoice|voter|national|claim|admission|inpatient|outpatient)\b))"
    r"(?:[\s:#().-]*(?i:no|number|num|nr|id|is|was|of)\b\.?)*[\s:#(-]*" + _ID_VALUE
)
_ID_PLATE = re.compile(
    r"(?i:\b(?:number|registration|licen[cs]e)\s+plate\b)\W{0,4}(?P<id>[A-Z]{1,4} ?\d{2,4} ?[A-Z]{0,3})\b"
)
_ID_SHAPED = re.compile(r"\b(?P<id>[A-Z]{1,5}(?:[-/][A-Z0-9]{1,5})*[-/]?\d{3,}(?:[-/][A-Z0-9]{2,})*)\b")


def find_ids(text: str) -> list[Finding]:
    """Record, account, card, licence, passport and similar numbers: after a cue word, or letter-digit codes."""
    found = []
    for rx in (_ID_CUED, _ID_PLATE, _ID_SHAPED):
        for m in rx.finditer(text):
            digits = len(re.sub(r"\D", "", m["id"]))
            if digits >= {_ID_CUED: 4, _ID_PLATE: 2, _ID_SHAPED: 6}[rx]:
                found.append(Finding("id", m.start("id"), m.end("id"), "Looks like a record or card number"))
    return found


_STREET = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Close|Crescent|Way|Boulevard|Blvd|Highway|Hwy|Place|Court"
    r"|Terrace|Gardens|Square|Hill|Grove|Marg|Nagar|Colony|Estate|Parade|Walk|Mews|Circle)\b\.?"
)
_CAP = r"[A-ZÀ-Ý][\w'’-]*\.?"
_ADDRESSES = [
    re.compile(rf"\b\d{{1,5}}[A-Za-z]?,?\s+(?:{_CAP}\s+){{1,4}}{_STREET}"),
    re.compile(r"\b(?:Calle|Avenida|Av\.|Avda\.|Jr\.|Jirón|Pasaje|Carrera|Rua|Rue)\s+(?:[\w'’-]+\s+){0,4}?\d{1,5}\b"),
    re.compile(
        r"\b(?:Plot|House|Flat|Apt\.?|Apartment|P\.?\s?O\.?\s+Box|Door|Sector|Stand|Gali)\s+(?:No\.?\s*)?\d+\w?\b"
    ),
    re.compile(  # a street without a number, after a cue: "lives on Ring Road"
        r"(?i:\b(?:lives|living|live|stays|staying|resides|residing|home|house|address)\b)\s+(?:is\s+|are\s+)?"
        rf"(?:(?:on|at|in|off|near)\s+)?(?:the\s+)?(?P<part>(?:{_CAP}\s+){{1,4}}{_STREET})"
    ),
    re.compile(
        r"(?i:\b(?:post\s?code|zip(?:\s?code)?|postal code|pin code)\b)\W{0,3}(?:(?:is|was)\s+)?(?P<part>\d{4,6}\b)"
        r"|\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b"  # a UK-style postcode: "SW1A 2AA"
    ),
]
_ADDRESS_TAIL = re.compile(rf"(?:,\s*{_CAP}(?:\s+{_CAP}){{0,2}})*(?:,?\s+\d{{4,6}}\b)?")


def find_addresses(text: str) -> list[Finding]:
    """Street addresses (number and street, plot or house numbers, Spanish-style streets) and postcodes."""
    spans = []
    for rx in _ADDRESSES:
        for m in rx.finditer(text):
            start = m.start("part") if "part" in rx.groupindex and m["part"] else m.start()
            spans.append([start, _ADDRESS_TAIL.match(text, m.end()).end()])
    spans.sort()
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and re.fullmatch(r"[\s,]*", text[merged[-1][1] : s]):  # touching or overlapping
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [
        Finding("address", s, s + len(text[s:e].rstrip(".")), "Looks like a street address or postcode")
        for s, e in merged
    ]


DETECTORS = (find_emails, find_urls, find_ips, find_dates, find_ids, find_phones, find_addresses, find_ages, find_names)


def find_identifiers(text: str) -> list[Finding]:
    """Every suspected identifier in ``text``, sorted by start, without overlaps.

    Where two findings overlap, the longer one wins; on a tie, the detector listed first in ``DETECTORS`` wins.
    """
    candidates = [(f, rank) for rank, detect in enumerate(DETECTORS) for f in detect(text) if f.end > f.start]
    candidates.sort(key=lambda c: (c[0].start - c[0].end, c[1], c[0].start))
    kept: list[Finding] = []
    for f, _ in candidates:
        if all(f.end <= k.start or f.start >= k.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)
