"""Phone numbers, email addresses, web addresses and IP addresses."""

import ipaddress
import re

from journal.deid.finding import Finding, flag
from journal.deid.text import LETTERS, either_case, word_cue_before
from journal.deid.words import folded

# Words that announce a phone number, in English, Spanish, French and Portuguese, folded (lower case, no accents):
# phones, and the verbs of calling, phoning, contacting, messaging and answering in their common forms (European
# Portuguese "ligámos", "telefonámos", "contactámos" and Spanish forms with a pronoun, "llamarla", included).
_PHONE_WORDS = frozenset(
    "phone phones phoned phoning mobile cell tel call calls called calling text texted texting sms whatsapp "
    "contact contacted contacting ring rang dial dialled dialed message messaged messaging reach reached flash "
    "flashed "
    "telefono celular cel movil llame llamo llamar llamamos llamaron llamada llamen llamaran llamaba llamando "
    "llamarla llamarlo llamarlas llamarlos mensaje telefonee telefoneo telefonear telefoneamos telefonearon "
    "telefonearla telefonearlo contacte contacto contactar contactamos contactaron contactarla contactarlo "
    "telephone portable fixe appel appeler appele appelee appeles appelees appelle appellent appelez appelons "
    "appelait rappele rappelee rappeler rappelle rappelez rappelons telephonee telephoner telephonez telephonons "
    "contactee contacter contactez contactons repond repondre repondent joindre joignable joignons "
    "telefone telemovel ligar liguei ligou ligue liguem ligamos ligaram ligando telefonar telefonei telefonou "
    "telefonamos telefonaram contactei contactou contactaram contatar contatei contatou contatamos "
    "contataram mensagem contato".split()
)
_POSSESSIVE = r"his|her|my|their|your|our|son|sa|ses|mon|leur|votre|notre|su|mi|tu|sus|seu|sua|meu|minha"
# Relatives whose number an intern writes down, in English, Spanish, French and Portuguese.
_RELATIVE = (
    r"mother|father|son|daughter|husband|wife|brother|sister|aunt|uncle|family|mum|dad|madre|padre|hij[oa]|espos[oa]"
    r"|marido|mujer|herman[oa]|t[ií][oa]|familia|mam[aá]|pap[aá]|m[èe]re|p[èe]re|fils|fille|mari|femme|fr[èe]re"
    r"|s(?:œ|oe)ur|tante|oncle|famille|maman|papa|m[ãa]e|pai|filh[oa]|irm[ãa]o?|fam[ií]lia|mam[ãa]"
)
_NUMBER = r"number|n[uú]mero|num[ée]ro"


_PHONES = [
    # International: "+254 733 902 118"
    re.compile(r"(?P<num>\+(?<![\w+]\+)\d{1,3}(?:[\s.-]?\(?\d{1,5}\)?){2,6})"),
    # Local, with a leading 0: "0722 600 418", "(021) 555 0143"
    re.compile(r"(?P<num>[(0](?<![\w/.-][(0])(?:(?<=\()0|(?<=0))\d{1,4}\)?(?:[\s.-]?\d{2,5}){1,4})(?![\w/-])"),
    # Indian mobiles: "9843123456"
    re.compile(r"(?P<num>[6-9](?<![\w+/.-][6-9])\d{9})(?![\w/-])"),
    # North American numbering (the Caribbean included): "809-555-0143", "(809) 555 0143"
    re.compile(
        r"(?P<num>[(2-9](?<![\w+/.-][(2-9])(?:(?<=\()[2-9]\d\d\)\s?|(?<=[2-9])\d\d[-.\s])[2-9]\d\d[-.\s]\d{4})"
        r"(?![\w/-]|[.,]\d)"
    ),
]
# Digits grouped the local way ("984 312 577", "77 418 26 09", "(11) 97733-2018"): a phone only after a phone
# cue. Found from the digits, which are rare, looking back for the cue (searching for the cue words everywhere
# would be slow). The run is taken whole (possessive), and ``find_phones`` trims it, so a long run of digits is
# scanned once.
_LOCAL_GROUPING = re.compile(r"[(\d](?:(?<=\()\d{2,4}\)\s?\d|(?<=\d))[\d\s.-]*+")
# After a cue, eight digits make a phone when written solid, 4-4 or in pairs ("76123490", "7612-3490", "70 45 22
# 18"), as in the Andes, Central America and French-speaking Africa, and seven digits when written 3-4 or 3-2-2
# ("990 4521", "991 23 45"), as on small islands (São Tomé, Cabo Verde, the Pacific); other groupings need nine or
# more.
_SHORT_NUMBER = re.compile(r"\d{8}|\d{4}[\s-]\d{4}|\d\d(?:[\s.]\d\d){3}|\d{3}[\s-]\d{4}|\d{3}([\s.])\d\d\1\d\d")
# The cue: a phone word (``_PHONE_WORDS``) up to 40 characters before, in the same sentence, with no digit, "+"
# or capitalised label in between (an id, not a phone, follows "called the NHIF office about card 12345678"): the
# words of that stretch are looked up (``_phone_word_before``), which is faster than searching for a long list of
# words. Or someone's number ("his number is", "son numéro, le", "su número,", "el número", "gave her number as",
# "le numéro de sa fille :", "his number (98510 23456)"), where the person keeps record numbers ("NHIF number
# 33184025") out: these patterns start with a word, so that a search skips ahead to the words' first letters
# (``text.word_cue_before``).
_NOT_AFTER_PHONE_WORD = re.compile(r"[\d+\n;!?]|[A-Z]{2}|\.\s+[A-Z]")
_THEN_VERB = r"[\s,:]*(?:(?:is|was|es|era|é|est|le|el|o|as|on|at|au|al)\s+)?\(?$"
_NUMBER_CUES_BEFORE = (
    re.compile(
        rf"(?:{either_case(_POSSESSIVE + '|the|el|le|o')})\s+(?:(?:phone|mobile|cell)\s+)?(?:{_NUMBER})\b{_THEN_VERB}"
    ),
    re.compile(
        rf"(?:{either_case(_NUMBER)})\s+(?:of|de|da|do|du|d'|d’)\s*(?:(?:{_POSSESSIVE}|the|la|le|el|a|o)\s+)?"
        rf"(?:{_RELATIVE})\b{_THEN_VERB}"
    ),
)


def _phone_word_before(text: str, start: int) -> bool:
    """True when a phone word ends within the 40 characters before ``start``, with nothing in between that stops
    a cue (``_NOT_AFTER_PHONE_WORD``)."""
    low = cut = max(0, start - 45)
    for stop in _NOT_AFTER_PHONE_WORD.finditer(text, low, start):
        cut = stop.end()
    words = LETTERS.findall(text, cut, start)
    if words and cut == low and low > 0 and text[low - 1].isalnum():
        del words[0]  # the end of a word cut by the window
    return any(folded(word) in _PHONE_WORDS for word in words)


def _cue_before(text: str, start: int) -> bool:
    """True when a phone cue that starts a word ends right before ``start``."""
    return _phone_word_before(text, start) or bool(word_cue_before(_NUMBER_CUES_BEFORE, text, start, 70))


# Between two numbers of a list a few words, with no digit, no capitalised label and no end of sentence: "et celui
# de son mari", "and her husband's", "o da filha é".
_BETWEEN_PHONES = re.compile(r"(?:(?![A-Z]{2})[^\d+\n.;!?]){1,40}")


def _after_phone(text: str, start: int, ends: list[int]) -> bool:
    """True when the digits at ``start`` continue a list of phone numbers: a phone ends a few words before them."""
    last = max((e for e in ends if e <= start), default=None)
    return last is not None and bool(_BETWEEN_PHONES.fullmatch(text, last, start))


def _cued_phones(text: str, found: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Runs of digits grouped the local way, after a phone cue or after another phone (``found``): 9-15 digits, or
    7-8 grouped as local numbers are (``_SHORT_NUMBER``)."""
    ends = [e for _, e in found]
    cued = set()
    for m in _LOCAL_GROUPING.finditer(text):
        end = m.start() + len(m.group().rstrip(" \t\n.-"))
        cut = text[end : end + 1]
        if end - m.start() < 8 or cut in ("-", "/") or cut.isalnum() or cut == "_":
            continue
        digits = sum(c.isdigit() for c in text[m.start() : end])
        if (m.start(), end) in found or not (9 <= digits <= 15 or _SHORT_NUMBER.fullmatch(text, m.start(), end)):
            continue
        if _cue_before(text, m.start()) or _after_phone(text, m.start(), ends):
            cued.add((m.start(), end))
            ends.append(end)
    return cued


def find_phones(text: str) -> list[Finding]:
    """Phone numbers: international (+254 ...), local with a leading 0, North American, or digits after a phone
    cue, someone's "number" or another phone."""
    found = {m.span("num") for rx in _PHONES for m in rx.finditer(text)}
    found = {(s, e) for s, e in found if 9 <= len(re.sub(r"\D", "", text[s:e])) <= 15}
    found |= _cued_phones(text, found)
    return [flag("phone", s, e) for s, e in sorted(found)]


_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def find_emails(text: str) -> list[Finding]:
    """Email addresses."""
    if "@" not in text:  # the pattern would try every word of a text without one
        return []
    return [flag("email", m.start(), m.end()) for m in _EMAIL.finditer(text)]


# Top-level domains a bare address ends in (one without "http" or "www"). Those that are also short words ("to",
# "me", "do", "it"...) count only with a path ("youtu.be/...", "wa.me/..."), so a missing space ("ward.it") is not
# an address; the rest count alone ("gofundme.com", "bit.ly").
_TLD = (
    r"com|org|net|edu|gov|int|info|biz|io|co|app|dev|page|site|online|link|health|care|blog|news|xyz|ly|gl|tv|ai"
    r"|cc|uk|ke|tz|ug|rw|et|mw|zm|zw|mz|ao|cv|bw|ls|sz|za|ng|gh|sl|lr|sn|ci|bf|cm|cd|cg|ga|td|bj|tg|gm|gn|sd|eg|tn"
    r"|np|bd|pk|lk|bt|mm|kh|la|vn|th|ph|sg|cn|jp|kr|pe|bo|ec|br|cl|ar|py|uy|mx|gt|hn|ni|sv|cr|pa|cu|ht|jm|fr|pt"
    r"|ch|nl|ie|eu|au|nz|local"
)
_TLD_WORDS = r"be|me|to|do|it|is|in|no|my|so|as|at|by|de|es|id|us|ca|ma|mg|ml|ne|na|am|an|ms|fm|gg|sh|im|tk"
# A second level that makes any country code a domain: "knust.edu.gh", "health.go.ke", "gov.in".
_SECOND_LEVEL = r"(?:com|org|net|gov|gob|go|ac|edu|nic|or|gouv|govt|mil|sch|nhs)\.[a-z]{2}"
# An address with a scheme or "www." (``find_urls`` checks that it starts a word), and a bare one ("bit.ly/x",
# "knust.edu.gh"), which is found from its dots, which are rarer than letters: ``_bare_urls``.
_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"']+")
_DOT_LETTER = re.compile(r"[a-z0-9-]\.[a-z]")
_BARE_URL = re.compile(
    rf"(?:[a-z0-9-]+\.)+(?:(?:{_SECOND_LEVEL}|{_TLD})\b(?![.-]\w)(?:/[^\s<>\"']*)?|(?:{_TLD_WORDS})/[^\s<>\"']*)"
)
_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.-")
# Public reference sites named as sources, not identifiers: governments and international bodies by their
# domains, and a short list of public health bodies and publishers.
_PUBLIC_HOST = re.compile(
    r"(?:^|\.)(?:int|gov|mil|(?:gov|go|gob|gouv|govt|nhs|nic)\.[a-z]{2}|europa\.eu"
    r"|msf\.org|unicef\.org|unaids\.org|unfpa\.org|unhcr\.org|paho\.org|africacdc\.org|gavi\.org"
    r"|theglobalfund\.org|icrc\.org|ifrc\.org|nice\.org\.uk|bnf\.org|bmj\.com|thelancet\.com|nejm\.org"
    r"|cochrane\.org|cochranelibrary\.com|uptodate\.com|medscape\.com|msdmanuals\.com|wikipedia\.org|doi\.org"
    r"|plos\.org|nature\.com|ghdx\.healthdata\.org|path\.org|worldbank\.org)$"
)
# The home page of an organisation, a university or a government (no path after the host) names an institution.
_INSTITUTION_HOST = re.compile(r"\.(?:org|edu|int|gov|(?:org|edu|ac|gov|go|gob|gouv)\.[a-z]{2})$")
# A path to a person's page, album, folder or record makes even a public site's address an identifier.
_PERSONAL_PATH = re.compile(
    r"(?i:patient|record|profile|user|member|album|folder|photo|share|drive|people|person|[?&]id=|(?:^|/)[up]/)"
)


def _public_reference(url: str) -> bool:
    """True for an address on a public reference site that does not point at a person or a record."""
    rest = re.sub(r"^(?:https?|ftp)://", "", url, flags=re.IGNORECASE)
    host, _, path = rest.partition("/")
    host = host.split(":")[0].lower()
    if not path.strip("/") and _INSTITUTION_HOST.search(host):
        return True  # an organisation's home page names an institution, not a person
    return bool(_PUBLIC_HOST.search(host)) and not _PERSONAL_PATH.search(path)


def _bare_urls(text: str, taken: list[tuple[int, int]]) -> list[re.Match]:
    """Addresses without a scheme or "www.", outside the spans ``taken`` (sorted): from each dot followed by a
    letter, back to the start of its host name, which no "@", word character, dot or dash may come before. Each
    host name is tried once: the walk back stops at the last dot looked at, whose host name it is in (so a long
    run of dots, "a.a.a.a...", is walked once, not once per dot)."""
    found, end, ahead = [], 0, iter(taken)
    span = next(ahead, None)
    last_dot = host = -1
    for dot in _DOT_LETTER.finditer(text):
        start = dot.start()
        while span and span[1] <= start:
            span = next(ahead, None)
        if start < end or (span and span[0] <= start):
            continue
        while start > 0 and text[start - 1] in _HOST_CHARS and start != last_dot:
            start -= 1
        start, last_dot = (host if start == last_dot else start), dot.start()
        if start == host:
            continue  # the host name of the last dot, already tried
        host = start
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "@_.-"):
            continue
        if url := _BARE_URL.match(text, start):
            found.append(url)
            end = url.end()
    return found


# Words that name guidance before a web address in the same sentence ("Les recommandations sont sur https://...",
# "the protocol is at ..."): the address is a public source, unless it points at a person or a record. Looked for
# in lower case, as word starts ("protocol" in "protocolo"); a flat alternation of literals is searched fast.
_GUIDANCE_WORDS = re.compile(
    r"guideline|guidance|recommendation|recommandation|recomendaci|recomendaç|recomendac|protocol|diretriz"
    r"|directive|directrice|algorithm|handbook|manuel|manual"
)
# Sites where people keep their own pages, photos and files: an address there points at someone.
_PERSONAL_HOST = re.compile(
    r"(?i:photos|drive|docs|dropbox|onedrive|icloud|facebook|fb\.|instagram|tiktok|youtu|twitter|x\.com|wa\.me"
    r"|whatsapp|t\.me|linkedin|gofundme|mchanga|bit\.ly)"
)
_SCHEME = re.compile(r"^(?:https?|ftp)://", re.IGNORECASE)


def _cited_guidance(text: str, start: int, url: str) -> bool:
    """True when the sentence before the address at ``start`` names guidance, and the address points at no one."""
    path = _SCHEME.sub("", url).partition("/")[2]
    if _PERSONAL_PATH.search(path) or _PERSONAL_HOST.search(url):
        return False
    sentence = max(text.rfind(stop, max(0, start - 160), start) for stop in ".;!?\n") + 1
    window = text[max(sentence, start - 160) : start].lower()
    return any(m.start() == 0 or not window[m.start() - 1].isalpha() for m in _GUIDANCE_WORDS.finditer(window))


def find_urls(text: str) -> list[Finding]:
    """Web addresses, with or without a scheme, except public reference sites and guidance cited as such; trailing
    punctuation is left out."""
    schemed = [m for m in _URL.finditer(text) if m.start() == 0 or not text[m.start() - 1].isalnum()]
    found = []
    for m in schemed + _bare_urls(text, [m.span() for m in schemed]):
        url = m.group().rstrip(".,;:!?)]'\"")
        bare = m.re is _BARE_URL
        if (bare and not re.search("[a-z]", url.split(".")[0])) or _public_reference(url):
            continue  # a bare address starts with a word ("10.2.mg/..." is not one); public references are named
        if _cited_guidance(text, m.start(), url):
            continue
        found.append(flag("url", m.start(), m.start() + len(url)))
    return sorted(found, key=lambda f: f.start)


_IP_CANDIDATE = re.compile(
    r"(?<![\w.:])(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?![\w.:])"
)


# A software version has the shape of an IPv4 address: after "version", "updated to", "v" it is one ("the app
# updated to 2.39.1.1", "DHIS2 version 2.40.3.1").
_VERSION_BEFORE = re.compile(
    r"(?i:\b(?:version|versión|versão|vers|release|build|update|updated|upgrade|upgraded|firmware|patch)"
    r"(?:\s+(?:to|a|à|para|de|is|es|é|est))?\s*:?\s*|\bv\.?\s?)$"
)


def find_ips(text: str) -> list[Finding]:
    """IPv4 and IPv6 addresses (validated, so times like 14:30:00 do not count), not software versions."""
    found = []
    for m in _IP_CANDIDATE.finditer(text):
        if _VERSION_BEFORE.search(text, max(0, m.start() - 20), m.start()):
            continue
        try:
            ipaddress.ip_address(m.group())
        except ValueError:
            continue
        found.append(flag("ip", m.start(), m.end()))
    return found
