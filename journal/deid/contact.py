"""Phone numbers, email addresses, web addresses and IP addresses."""

import ipaddress
import re

from journal.deid.finding import Finding, flag

# Words that announce a phone number, in English, Spanish, French and Portuguese (verbs of calling included).
_PHONE_CUE = (
    r"phone|mobile|cell|tel|call|called|calling|text|texted|sms|whatsapp|contact|ring|rang|dial(?:l?ed)?"
    r"|tel[eé]fono|telefone|t[eé]l[eé]phone|t[eé]l|telem[oó]vel|celular|cel|m[oó]vil|portable|fixe"
    r"|llam[eéóo]|llamar|llamamos|llamaron|llamada|appel(?:er|[ée]|le|ez|ons)?|ligar|liguei|ligou|ligue|ligamos"
    r"|contato|contacto"
)
_POSSESSIVE = r"his|her|my|their|your|our|son|sa|ses|mon|leur|votre|notre|su|mi|tu|sus|seu|sua|meu|minha"
# Relatives whose number an intern writes down, in English, Spanish, French and Portuguese.
_RELATIVE = (
    r"mother|father|son|daughter|husband|wife|brother|sister|aunt|uncle|family|mum|dad|madre|padre|hij[oa]|espos[oa]"
    r"|marido|mujer|herman[oa]|t[ií][oa]|familia|mam[aá]|pap[aá]|m[èe]re|p[èe]re|fils|fille|mari|femme|fr[èe]re"
    r"|s(?:œ|oe)ur|tante|oncle|famille|maman|papa|m[ãa]e|pai|filh[oa]|irm[ãa]o?|fam[ií]lia|mam[ãa]"
)
_PHONES = [
    re.compile(r"(?<![\w+])(?P<num>\+\d{1,3}(?:[\s.-]?\(?\d{1,5}\)?){2,6})"),
    re.compile(r"(?<![\w/.-])(?P<num>\(?0\d{1,4}\)?(?:[\s.-]?\d{2,5}){1,4})(?![\w/-])"),
    re.compile(r"(?<![\w+/.-])(?P<num>[6-9]\d{9})(?![\w/-])"),
    # North American numbering (the Caribbean included): "809-555-0143", "(809) 555 0143"
    re.compile(r"(?<![\w+/.-])(?P<num>(?:\([2-9]\d\d\)\s?|[2-9]\d\d[-.\s])[2-9]\d\d[-.\s]\d{4})(?![\w/-]|[.,]\d)"),
]
# Digits grouped the local way ("984 312 577", "77 418 26 09"): a phone only after a phone cue. Found from the
# digits, which are rare, looking back for the cue (searching for the cue words everywhere would be slow).
# The run is taken whole (possessive), and ``_grouping`` trims it, so a long run of digits is scanned once.
_LOCAL_GROUPING = re.compile(r"\d[\d\s.-]*+")
# The cue: a phone word up to a few words before, with no capitalised label in between (an id, not a phone,
# follows "called the NHIF office about card 12345678"); or someone's number ("his number is", "son numéro, le",
# "su número,", "le numéro de sa fille :"), where the person keeps record numbers ("NHIF number 33184025") out.
_PHONE_CUE_BEFORE = re.compile(
    rf"(?:(?i:\b(?:{_PHONE_CUE})\b)(?:(?![A-Z]{{2}})[^\d+\n]){{0,20}}"
    rf"|(?i:\b(?:{_POSSESSIVE})\s+(?:(?:phone|mobile|cell)\s+)?(?:number|n[uú]mero|num[ée]ro)\b"
    rf"|\b(?:number|n[uú]mero|num[ée]ro)\s+(?:of|de|da|do|du|d'|d’)\s*(?:(?:{_POSSESSIVE}|the|la|le|el|a|o)\s+)?"
    rf"(?:{_RELATIVE})\b)[\s,:]*(?:(?:is|was|es|era|é|est|le|el|o)\s+)?)$"
)


def find_phones(text: str) -> list[Finding]:
    """Phone numbers: international (+254 ...), local with a leading 0, North American, or digits after a phone
    cue or someone's "number"; 9-15 digits."""
    found = {m.span("num") for rx in _PHONES for m in rx.finditer(text)}
    for m in _LOCAL_GROUPING.finditer(text):
        end = m.start() + len(m.group().rstrip(" \t\n.-"))
        cut = text[end : end + 1]
        if end - m.start() >= 9 and cut not in ("-", "/") and not (cut.isalnum() or cut == "_"):
            if _PHONE_CUE_BEFORE.search(text, max(0, m.start() - 60), m.start()):
                found.add((m.start(), end))
    return [flag("phone", s, e) for s, e in sorted(found) if 9 <= len(re.sub(r"\D", "", text[s:e])) <= 15]


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
_URL = re.compile(
    r"\b(?:https?|ftp)://[^\s<>\"']+|\bwww\.[^\s<>\"']+"
    rf"|(?<![@\w.-])(?:[a-z0-9-]+\.)+(?:(?:{_SECOND_LEVEL}|{_TLD})\b(?![.-]\w)(?:/[^\s<>\"']*)?"
    rf"|(?:{_TLD_WORDS})/[^\s<>\"']*)"
)
# Public reference sites named as sources, not identifiers: governments and international bodies by their
# domains, and a short list of public health bodies and publishers.
_PUBLIC_HOST = re.compile(
    r"(?:^|\.)(?:int|gov|mil|(?:gov|go|gob|gouv|govt|nhs|nic)\.[a-z]{2}|europa\.eu"
    r"|msf\.org|unicef\.org|unaids\.org|unfpa\.org|unhcr\.org|paho\.org|africacdc\.org|gavi\.org"
    r"|theglobalfund\.org|icrc\.org|ifrc\.org|nice\.org\.uk|bnf\.org|bmj\.com|thelancet\.com|nejm\.org"
    r"|cochrane\.org|cochranelibrary\.com|uptodate\.com|medscape\.com|msdmanuals\.com|wikipedia\.org|doi\.org"
    r"|plos\.org|nature\.com|ghdx\.healthdata\.org|path\.org|worldbank\.org)$"
)
# A path to a person's page, album, folder or record makes even a public site's address an identifier.
_PERSONAL_PATH = re.compile(
    r"(?i:patient|record|profile|user|member|album|folder|photo|share|drive|people|person|[?&]id=|(?:^|/)[up]/)"
)


def _public_reference(url: str) -> bool:
    """True for an address on a public reference site that does not point at a person or a record."""
    rest = re.sub(r"^(?:https?|ftp)://", "", url, flags=re.IGNORECASE)
    host, _, path = rest.partition("/")
    host = host.split(":")[0].lower()
    return bool(_PUBLIC_HOST.search(host)) and not _PERSONAL_PATH.search(path)


def find_urls(text: str) -> list[Finding]:
    """Web addresses, with or without a scheme, except public reference sites; trailing punctuation is left out."""
    found = []
    for m in _URL.finditer(text):
        url = m.group().rstrip(".,;:!?)]'\"")
        bare = not re.match(r"(?i:https?|ftp)://|www\.", url)
        if (bare and not re.search("[a-z]", url.split(".")[0])) or _public_reference(url):
            continue  # a bare address starts with a word ("10.2.mg/..." is not one); public references are named
        found.append(flag("url", m.start(), m.start() + len(url)))
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
        found.append(flag("ip", m.start(), m.end()))
    return found
