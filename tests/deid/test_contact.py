"""Phone numbers without a leading 0 or + (national groupings after a cue), and web addresses: short links and
other domains, and the public reference sites and organisations' home pages that are not identifiers.

Every sentence here was written for this suite; the names, places and numbers are invented or generic.
"""

import pytest

from journal.deid.contact import find_ips, find_phones, find_urls
from tests.deid import flagged_by

phones = flagged_by(find_phones)
urls = flagged_by(find_urls)
ips = flagged_by(find_ips)


PHONES = [
    # North American numbering
    ("Her brother's number is (868) 555 0199 in Trinidad.", "(868) 555 0199"),
    ("He called from 876-555-0142 last night.", "876-555-0142"),
    ("Message the family on 242.555.0178 tomorrow.", "242.555.0178"),
    # local groupings after a phone cue in Spanish, French, Portuguese
    ("Llamé al 987 654 321 para avisar del resultado.", "987 654 321"),
    ("Appelez le 70 12 34 56 78 en cas de souci.", "70 12 34 56 78"),
    ("Liguei para o 923 456 789 mas ninguém atendeu.", "923 456 789"),
    ("O celular dela é 84 123 4567.", "84 123 4567"),
    # national groupings after a phone cue a few words before: 2-3-4, (2) 5-4, 1-2-2-2-2, 5-5
    ("Ligamos para o filho dele pelo 82 441 7093 e ele veio logo.", "82 441 7093"),
    ("O telefone do marido é (11) 97733-2018, só à tarde.", "(11) 97733-2018"),
    ("Sa fille répond au 6 91 22 47 18 le matin.", "6 91 22 47 18"),
    ("Please message the father on 98450 31277 when the result is back.", "98450 31277"),
    # eight digits, solid or 4-4, after a cue
    ("Dejó el número 76123490 para cualquier novedad.", "76123490"),
    ("Llamen a su esposa al 7712-4409 si empeora.", "7712-4409"),
    # someone's number
    ("Su número, 998 877 665, estaba en la historia.", "998 877 665"),
    ("Le numéro de sa fille : 76 512 33 08.", "76 512 33 08"),
    ("His wife gave her number as 77 301 4482 at admission.", "77 301 4482"),
    ("Le numéro de sa fille : 76 512 33 08.", "76 512 33 08"),
    # French-speaking Africa: eight digits in pairs, after a cue; a second number that continues the list
    ("Son numéro : 77 45 28 19, à appeler le soir.", "77 45 28 19"),
    ("Son numéro : 66 20 14 37 et celui de son fils 90 11 52 48.", "90 11 52 48"),
    ("Her phone is 0712 455 902 and her brother's 0733 118 460.", "0733 118 460"),
    # seven digits grouped as on small islands, after a cue
    ("We phoned the niece on 222 3187 to come and fetch him.", "222 3187"),
    ("Ligámos à filha para o 991 27 45.", "991 27 45"),
    # call verbs of European Portuguese, Spanish and French
    ("Telefonámos-lhe para o 913 402 877 às oito.", "913 402 877"),
    ("Contactámos o marido pelo 926 118 430.", "926 118 430"),
    ("Hay que llamarla al 987 654 321 mañana.", "987 654 321"),
    ("On a rappelé la tante au 77 812 44 09.", "77 812 44 09"),
    # someone's number in brackets
    ("He left his number (97 412 88 31) with the nurse.", "97 412 88 31"),
]


@pytest.mark.parametrize(("text", "span"), PHONES)
def test_flags_the_phone(text, span):
    assert span in phones(text)


NOT_PHONES = [
    "Her NHIF number 33184025 was valid.",
    "El número de casos fue 1 234 este mes.",
    "Llamé al laboratorio tres veces pero no contestaron.",
    "Llamé a las 10:30 y otra vez a las 14:15.",
    "Call 911 or 999 in an emergency.",
    "The contact tracing reached 123 456 people in 2020.",
    "She called the DNI office about 45871203 twice.",
    "Called the lab about the 20 000 000 shillings bill.",
    "We called the family; the bill was 12 500 000 kwacha.",
    "Reached the ward at 10 30 and saw 120 patients.",
    "Her card number 44120087 was on the NHIF list.",
    "She called the DNI office about 45871203 twice.",
    "Il a reçu 12 10 08 04 mg sur quatre jours.",
    "We called the ward twice; 120 4500 was the cost in shillings.",
    "Son poids est de 70 45 kg selon le carnet.",
    "Telefonámos ao laboratório: o NHIF 12 34 56 78 não estava ativo.",
    "The knee joint fluid had 12 345 678 cells.",
    # someone's number in brackets that is no number
    "His number (the MRN) is on the wristband.",
]


@pytest.mark.parametrize("text", NOT_PHONES)
def test_leaves_the_number_alone(text):
    assert phones(text) == []


URLS = [
    ("He shared bit.ly/3kZ9Qp with the family.", "bit.ly/3kZ9Qp"),
    ("Message me on wa.me/256701234567 please.", "wa.me/256701234567"),
    ("The clip is at youtu.be/Zp4Qw81 if you want it.", "youtu.be/Zp4Qw81"),
    ("The album is at photos.app/xYz123 for the team.", "photos.app/xYz123"),
    ("The fundraiser page is helpamara.com for now.", "helpamara.com"),
    ("Her blog at kofiandme.org/posts/surgery tells the whole story.", "kofiandme.org/posts/surgery"),
    ("Her Instagram is instagram.com/fatima.k.2001 now.", "instagram.com/fatima.k.2001"),
    # a public site's address that points at a person or a record
    ("www.who.int/people/dr-smith is her profile.", "www.who.int/people/dr-smith"),
    # guidance named before an address on a site where people keep their photos and files
    ("The guideline photos are at photos.app.goo.gl/Qm7Rt2 for her family.", "photos.app.goo.gl/Qm7Rt2"),
    ("The link health.go.ke/patient?id=3321 opens her record.", "health.go.ke/patient?id=3321"),
]


@pytest.mark.parametrize(("text", "span"), URLS)
def test_flags_the_url(text, span):
    assert span in urls(text)


NOT_URLS = [
    "See www.who.int/publications for the pocket book.",
    "The guideline at www.nice.org.uk/guidance/ng143 was useful.",
    "I checked the dose on bnf.org before prescribing.",
    "The ministry page health.go.ke/guidelines has the protocol.",
    "The MSF handbook at handbook.msf.org/en covers it.",
    "She paused.it was late and the ward was quiet.",
    "Give 0.5.mg/kg again if needed.",
    # an organisation's home page, without a path, names an institution
    "The protocols we use are on www.neonatalcarenet.org, printed for the unit.",
    "Her scholarship came through scholars.ac.ug last year.",
    "Write to the mission at x@stlukesmission.org for supplies.",
    # an address after guidance named in the same sentence
    "Les recommandations nationales sont sur www.pnlp.sn, à jour.",
    "The malaria protocol is at www.example-hospital.org/protocols/malaria.pdf for the ward.",
    "Give 0.5.mg/kg again if needed.",
]


@pytest.mark.parametrize("text", NOT_URLS)
def test_leaves_the_text_alone(text):
    assert urls(text) == []


# A software version has the shape of an IPv4 address; after a word of versions it is one.
VERSIONS = [
    "The lab system was upgraded to 4.12.0.3 last night.",
    "OpenMRS version 2.6.1.0 still crashes on the old laptop.",
    "Firmware 1.0.2.7 fixed the printer at the front desk.",
]


@pytest.mark.parametrize("text", VERSIONS)
def test_a_software_version_is_no_ip_address(text):
    assert ips(text) == []


def test_an_ip_address_is_still_flagged_next_to_a_version():
    text = "After the update to 3.1.0.2 the tablet syncs with 10.20.30.40 again."
    assert ips(text) == ["10.20.30.40"]
