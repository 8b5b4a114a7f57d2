"""Ages over 89: units and words in four languages, "is 96" (or "ninety-six") with a person as subject, "puts
her at 96", "a woman of 99", and the measurements, time spans and institutions that read the same way.

Every sentence here was written for this suite; the names, places and numbers are invented or generic.
"""

import pytest

from journal.deid.ages import find_ages
from tests.deid import flagged_by

ages = flagged_by(find_ages)


FLAGGED = [
    # "is 96" with a person as subject: a name, a pronoun, "who", a person noun
    ("Kofi is 92 and still farms his own plot.", "92"),
    ("The patient is 94 and lives alone.", "94"),
    ("She's 97, she told me proudly.", "97"),
    ("Nobody believes he is nearly 100, but his card says so.", "100"),
    ("Grandpa Tenzin, who is 101, walked down to the clinic.", "101"),
    ("The woman in bed 7 is 93 and sings to the nurses.", "93"),
    # a document or a guess that gives someone an age
    ("Her voter card puts her at 96, but she says she is younger.", "96"),
    ("The baptism record makes him 93.", "93"),
    # in English words, without "years old"
    ("Our oldest patient is ninety-four and still jokes with the nurses.", "ninety-four"),
    ("Grandpa Sione is a hundred and one, the family says.", "a hundred and one"),
    # a person "of" a number, in four languages
    ("An old woman of 99 walked in with her stick.", "99"),
    ("Una anciana de 93 llegó sola a la emergencia.", "93"),
    ("Un vieillard de 97 attendait devant la porte.", "97"),
    ("Uma idosa de 96 foi trazida pela neta.", "96"),
    # Spanish, French, Portuguese years, the number with its unit
    ("Don Faustino tiene 96 años y camina con bastón.", "96 años"),
    ("Una señora de 98 años llegó con fractura de cadera.", "98 años"),
    ("Su abuelo tiene 91 años de edad.", "91 años"),
    ("Mme Diallo a 93 ans et vit seule.", "93 ans"),
    ("Elle est âgée de 95 ans.", "95 ans"),
    ("O senhor Joaquim tem 91 anos.", "91 anos"),
    # ages in words
    ("Uma senhora com noventa e quatro anos foi internada.", "noventa e quatro anos"),
    ("La abuela, de noventa y dos años, no quería la sonda.", "noventa y dos años"),
    ("Il a quatre-vingt-quinze ans et conduit encore.", "quatre-vingt-quinze ans"),
    ("Un paciente nonagenario con neumonía.", "nonagenario"),
    ("Une patiente centenaire a été opérée de la hanche.", "centenaire"),
    ("A doente centenária recusou a cirurgia.", "centenária"),
    # a number set off by commas after a person: a name in lower case after a title, a person noun, people in the
    # plural with a list of ages, Spanish and Portuguese "de" after a name
    ("Saw daw khin, 93, on the morning round.", "93"),
    ("The widow, 94, lives with her nephew.", "94"),
    ("Mr and Mrs Banda, 92 and 90, share the same bed at home.", "92"),
    ("Two brothers, 91 and 96, were brought by the same grandson.", "96"),
    ("Las hermanas, 93 y 95, llegaron juntas.", "93"),
    ("Vimos a don eusebio, de 94, en la consulta.", "94"),
    ("A dona benedita, de 97, chegou de barco.", "97"),
    # shorthands of years, and an age with its sex
    ("Pt 93y with hip pain since the fall.", "93y"),
    ("F, 96 y, confused since yesterday.", "96"),
    ("Homem, 92a, com retenção urinária.", "92a"),
    ("Mujer de 95a con disnea.", "95a"),
    ("94F with a cough for two weeks.", "94F"),
    ("92/M, known hypertensive, missed clinic.", "92/M"),
    ("M 97, fall at home, no head injury.", "97"),
    ("En la sala estaba doña Rosario de 93.", "93"),
    # "is 91" after a name and an honorific written after it
    ("Rahul bhai is 91 and still drives.", "91"),
    ("Sita didi was 95 when she came.", "95"),
    # a number in brackets after a name, or after "older than"
    ("Seen today: Akosua Mensah (94), Kwame (61).", "94"),
    ("The family thinks she is older than 96, but nobody knows.", "96"),
]


@pytest.mark.parametrize(("text", "span"), FLAGGED)
def test_flags_the_age(text, span):
    assert span in ages(text)


CLEAN = [
    # a measurement in brackets, something older than a number of years
    "Pulse (96) and saturation (92) on air.",
    "The mission house is older than 100 years.",
    # measurements after "is" or "was"
    "Her pulse is 96 and regular.",
    "SpO2 was 94% on room air.",
    "The score is 92 out of 100.",
    "Weight 95 kg, height 160 cm.",
    "The Pulse was 96 at triage.",
    "He was 95 kg when admitted.",
    "Kwame was 96 percent adherent this month.",
    "Maria was 91 kg at booking.",
    "The bus took 95 minutes.",
    "The plan puts him at 95% risk.",
    "Her pulse is ninety and regular.",
    "The ward is ninety percent full.",
    "She is one hundred percent sure.",
    "The patient in bed 12 is 95% on air.",
    "The patient's pulse is 96 and regular.",
    "A man of 95 kg needs a bigger dose.",
    "Una mujer de 95 kilos con diabetes.",
    "A woman of 89 with diabetes was admitted.",
    "A man of 45 with chest pain came in.",
    # ages of 89 and under
    "Una señora de 87 años con neumonía.",
    "Une femme de 85 ans attend son opération.",
    "Mi abuelo tiene 85 años.",
    # time spans, weights and institutions
    "Il y a 90 ans, l'hôpital n'était qu'un dispensaire.",
    "El hospital celebró 95 años de historia con una misa.",
    "Hace 92 años se fundó la misión.",
    "Há 90 anos que a aldeia não tinha médico.",
    "Tiene 93 kilos y mide 1,60.",
    "The hospital is 95 years old this year.",
    "The clinic turned 100 last year.",
    # a centenary is not a centenarian
    "Le centenaire de l'hôpital sera fêté en mai.",
    "O centenário do hospital foi celebrado com uma missa.",
    "El Estadio Centenario está cerca del hospital.",
    # measurements, counts and ranges set off by commas or written short
    "The sats were low, 92, so we started oxygen.",
    "Pulse, 96, regular; temperature normal.",
    "Two wards, 95 and 98 beds, share one nurse.",
    "Two patients, 95 and 98 kg, need the big bed.",
    "La glucemia de 95 en ayunas es normal.",
    "Entre 90 y 95 pacientes al mes.",
    "Temp 101F overnight, settled with paracetamol.",
    "Fever of 102 F on the second night.",
    "He lives in flat 91a near the market.",
    "Mora na casa 93a da rua principal.",
    "Ward F 92 is closed for cleaning.",
    "The grant was $95M over five years.",
    "F91 conduct disorder was in the referral letter.",
    "HR, 96, regular; BP normal.",
    "Saturación de 92.",
    "Ram ji is 90 minutes away by bus.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_leaves_the_sentence_clean(text):
    assert ages(text) == []
