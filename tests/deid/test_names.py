"""Personal names: the cues that make a word a name (the look-alikes that are not names are in
``test_name_look_alikes``).

Every sentence here was written for this suite; the names, places and numbers are invented or generic.
"""

import pytest

from journal.deid.names import find_names
from tests.deid import flagged_by

names = flagged_by(find_names)


FLAGGED = [
    # a single name opening a sentence, with an appositive
    ("Makena, the night cleaner, found the drip bag on the floor.", "Makena"),
    ("Ousmane, my co-intern from Thiès, drew the blood for me.", "Ousmane"),
    ("Fanja, la sage-femme du matin, a refait le pansement.", "Fanja"),
    ("Rivaldo, l'infirmier de garde, m'a montré la salle.", "Rivaldo"),
    ("Nayra, a four-year-old with burns, laughed at the puppet.", "Nayra"),
    ("Esperanza, the youngest of five, came in with croup.", "Esperanza"),
    ("Elu, una niña de ocho años, tenía neumonía.", "Elu"),
    # ... even when the name is also a product's
    ("Sprite, the youngest porter, carried the cylinder up.", "Sprite"),
    ("Fanta, la sage-femme de nuit, a recousu la déchirure.", "Fanta"),
    # a given name that is also a town or an everyday word, opening a two-word name
    ("Ama Boatemaa was in labour for thirty hours.", "Ama Boatemaa"),
    # ... with an age
    ("Kalinda, 23, was admitted with a retained placenta.", "Kalinda"),
    ("Tsiory (7) had a sickle cell crisis on the ward.", "Tsiory"),
    # ... with a verb only people do
    ("Thandeka texted me a photo of the rash.", "Thandeka"),
    ("Bolanle brought her twins for their vaccines.", "Bolanle"),
    ("Keoni rang the ward twice before midnight.", "Keoni"),
    ("Wilfrid habite derrière le marché central.", "Wilfrid"),
    ("Yupanqui dijo que el dolor empezó ayer.", "Yupanqui"),
    ("Nhlanhla messaged the group about the blood results.", "Nhlanhla"),
    ("Idrissa a 14 ans et fait sa troisième crise.", "Idrissa"),
    # ... with a postposed honorific
    ("Kamala didi checked every partograph before handover.", "Kamala"),
    ("Suresh bhaiya carried the oxygen cylinder up the stairs.", "Suresh"),
    ("Mohan ji sat with the family all night.", "Mohan"),
    # ... that is a known given name
    ("Ibrahim is waiting for his second dose.", "Ibrahim"),
    # a possessive before a relative, a body word or a record
    ("Dembe's grandmother stayed on the ward for a week.", "Dembe"),
    ("Nkechi's NHIS card had expired in March.", "Nkechi"),
    # after prepositions: a call from, belonged to, Spanish personal "a", a relative's "de"
    ("Missed call from Wekesa while I was scrubbed in.", "Wekesa"),
    ("The slippers under the bed belonged to Abebe, the boy in bed 3.", "Abebe"),
    ("Ayer examiné a Killari, una niña de cinco años con fiebre.", "Killari"),
    ("La tía de Shirley trajo la cédula al día siguiente.", "Shirley"),
    ("Le père de Koffi attend devant la salle de travail.", "Koffi"),
    ("A mãe do Sizwe ficou a noite toda na enfermaria.", "Sizwe"),
    # a surname before the group it names
    ("The Tembo twins went home on the same day.", "Tembo"),
    # names typed in lower case
    ("Called amina's mum about the culture result.", "amina"),
    ("chipo's leg was splinted before the transfer.", "chipo"),
    ("La madre de gabriela firmó el consentimiento.", "gabriela"),
    ("O pedro da cama 2 teve febre durante a noite.", "pedro"),
    ("Saw mama fatuma again in the diabetic clinic.", "fatuma"),
    # names inside file names
    ("I saved the wound photo as ulcer_marcos_day3.jpg by mistake.", "marcos"),
    ("tendai's scan is still on the desktop as tendai_us_02.png.", "tendai"),
    # initials
    ("Patient K.W., a trader from the market, had a fish bone stuck.", "K.W."),
    ("The twins of R.N.M. were both under the lights.", "R.N.M."),
    # titles and forms of address of more languages (the title is not part of the name)
    ("Nanay Rosalinda carried her grandson on her back.", "Rosalinda"),
    ("Ibu Wulan asked whether the tablets were halal.", "Wulan"),
    ("Ato Tesfaye refused to stay for the night.", "Tesfaye"),
    ("Woizero Almaz brought injera for the nurses.", "Almaz"),
    ("Ông Tuấn had a stroke on the bus.", "Tuấn"),
    ("Manman Roselène wanted a second opinion.", "Roselène"),
    ("A Dona Benedita tem diabetes há vinte anos.", "Benedita"),
    ("Seu Raimundo não quis tirar o chapéu.", "Raimundo"),
    ("La enfermera Quispe me enseñó a canalizar.", "Quispe"),
    ("A enfermeira Braga mediu a tensão outra vez.", "Braga"),
    ("Mlle Diouf a apporté le dossier.", "Diouf"),
    ("Grandfather Sovann slept on a mat beside the bed.", "Sovann"),
    # a town's name after a person cue is still a name
    ("Dr Nairobi is not a real person but Dr Tavira is.", "Tavira"),
    # a possessive before a record, a test, a sample or an appointment, or before an ID label
    ("Olumide's national ID was photocopied at the desk.", "Olumide"),
    ("Kagiso's birth certificate was in the plastic bag.", "Kagiso"),
    ("Wambui's NIDA number was missing from the form.", "Wambui"),
    ("Ruthie's sputum sample went to the lab at noon.", "Ruthie"),
    ("Nokuthula's appointment was moved to Thursday.", "Nokuthula"),
    ("Tawanda's review is after the ward round.", "Tawanda"),
    ("Took thabo's sputum pot to the lab.", "thabo"),
    # lower-case given names after a word for a small person, a relative pronoun, or a Romance "de/da" of a record
    ("Gave the syrup to little samuel before midnight.", "samuel"),
    ("Ce matin, la petite amelie a enfin souri.", "amelie"),
    ("I sat with tinashe, who is nine and hates the drip.", "tinashe"),
    ("Apaguei a foto da ferida da beatriz do telemóvel.", "beatriz"),
    ("Borré la foto de la herida de camila del celular.", "camila"),
    # a capitalised word in a file name otherwise in lower case
    ("The scan is saved as Sibusiso_cxr_day2.png on the ward PC.", "Sibusiso"),
    # initials: a single one after a title, one before a surname, dotted initials spelling an acronym
    ("Mr K. from bed 4 wanted his rosary.", "K"),
    ("Mrs T. Banda was waiting at the door.", "T. Banda"),
    ("O paciente U.N.O., de 50 anos, tem tuberculose.", "U.N.O."),
    # a name opening a sentence, before a verb of care or of coming and going
    ("Makonnen was discharged with a week of antibiotics.", "Makonnen"),
    ("Chiamaka was admitted overnight with a fever.", "Chiamaka"),
    ("Aujourd'hui, Mariétou est revenue pour son pansement.", "Mariétou"),
    ("Hoy, Yessenia fue dada de alta con su bebé.", "Yessenia"),
    ("Joaquina foi internada com pneumonia.", "Joaquina"),
    # kinship words used as titles in Spanish, Portuguese and French (the title is not part of the name)
    ("O avô Anselmo chegou de barco.", "Anselmo"),
    ("La abuela Eustaquia trajo chicha para las enfermeras.", "Eustaquia"),
    ("Le grand-père Ousseynou dort à côté du lit.", "Ousseynou"),
    ("A avó Domingas veio a pé desde a aldeia.", "Domingas"),
    # forms of address by region, the title not part of the name
    ("Daw Aye Aye sold tea outside the clinic.", "Aye Aye"),
    ("Khun Somchai asked for his tablets in Thai.", "Somchai"),
    ("Bhauju Kamala held the lamp for us.", "Kamala"),
    ("Tita Lorna stayed with the baby all night.", "Lorna"),
    ("Sekuru Tafadzwa came on a scotch cart.", "Tafadzwa"),
    ("Ambuya Rudo refused the blood test.", "Rudo"),
    ("Manmi Jesula brought rice for the nurses.", "Jesula"),
    ("Kak Nurul knows every family on the ward.", "Nurul"),
    # a command verb opening the sentence is not part of the name
    ("Call Thembeka if the fever comes back.", "Thembeka"),
    ("Ask Oyelaran's wife for the referral letter.", "Oyelaran"),
    # a given name and a surname typed in lower case at a clause start, with a cue after them
    ("ibrahim sesay came back for the second dressing.", "ibrahim sesay"),
    ("Busy night. lucia mamani was admitted at two.", "lucia mamani"),
    ("chanda bwalya's scan showed a subdural.", "chanda bwalya"),
    # a lower-case name after a title, whatever its case; Myanmar titles before a Myanmar name
    ("Dona francisca trouxe a neta outra vez.", "francisca"),
    ("met daw khin at the TB clinic again.", "khin"),
    ("u kyaw brought his wife on the motorbike.", "kyaw"),
    # a single name opening a sentence: from a place and a verb, an age, a clitic and a verb, a bare role
    ("Tesfahun from Dessie came back with the same cough.", "Tesfahun"),
    ("Nthabiseng is 15 and booked for her first scan.", "Nthabiseng"),
    ("Marisol me contó que no había dormido.", "Marisol"),
    ("Yannick m'a dit que la douleur était revenue.", "Yannick"),
    ("Josilene me disse que o bebé não mamava.", "Josilene"),
    ("Mariam, sage-femme au centre de santé, a fait la suture.", "Mariam"),
    ("Yurani, enfermera del turno de noche, me enseñó.", "Yurani"),
    ("Kojo, porter at the district hospital, carried him up.", "Kojo"),
    # dotted initials with a space, before an age or a verb
    ("T. K., 16, came with her aunt.", "T. K."),
    ("R. T. was reviewed after the ward round.", "R. T."),
    # dotted initials after a year that spell no era
    ("After 2016 K.W. came back every month.", "K.W."),
    ("Desde 2021 M.J. viene sola a la consulta.", "M.J."),
    # two name parts of a file name, medical image and document extensions
    ("The scan is saved as mulenga_chileshe_ct_head.dcm on the PACS.", "mulenga_chileshe"),
    ("I exported amara_okafor_echo.dicom by mistake.", "amara_okafor"),
    # a name opening a sentence, with an age in Spanish, French or Portuguese, or a trade as its appositive
    ("Tshilanda, 6 ans, tousse depuis deux semaines.", "Tshilanda"),
    ("Wayra, 4 años, llegó con diarrea y fiebre.", "Wayra"),
    ("Tchissola, 11 anos, voltou para o curativo.", "Tchissola"),
    ("Kavira, la vendeuse de beignets, m'a apporté du thé.", "Kavira"),
    ("Tomasa, la curandera del pueblo, vino a ver al niño.", "Tomasa"),
    ("Nhlapo, o maqueiro, empurrou a maca sozinho.", "Nhlapo"),
    ("Zenaida, a enfermeira-chefe, organizou as vacinas.", "Zenaida"),
    # ... an age or an appositive in brackets, a French past of a verb people do
    ("Tshibola (7 ans) tousse depuis hier.", "Tshibola"),
    ("Kavira (the girl in bed 3) smiled at the nurses.", "Kavira"),
    ("Ramatoulaye a pleuré toute la nuit.", "Ramatoulaye"),
    # a name after a relative, a role or a record and "de", "do", "da"; after "named" in es/fr/pt
    ("O primo do Edmilson trouxe os exames.", "Edmilson"),
    ("La sobrina de Eusebia pagó la cuenta.", "Eusebia"),
    ("Le neveu de Kambale a signé la décharge.", "Kambale"),
    ("J'ai rangé le dossier de Kavugho Mumbere dans l'armoire.", "Kavugho Mumbere"),
    ("O bebê recebeu o nome de Anselmo, como o avô.", "Anselmo"),
    ("El niño se llama Wilber y tiene tos.", "Wilber"),
    ("Sa fille, prénommée Bijou, dort à côté.", "Bijou"),
    # a hyphenated given name, not a compound adjective
    ("Anne-Marie, the night nurse, stayed late.", "Anne-Marie"),
    # a given name that is also an everyday word or a town's: a verb after it mid-sentence, an adjective opening
    # a sentence before a verb, a verb that takes a person before it, a verb of care after an adverb
    ("Later that day Blessing took her first steps.", "Blessing"),
    ("After lunch Comfort sang for the whole ward.", "Comfort"),
    ("Lucky missed two doses of his ARVs last week.", "Lucky"),
    ("The joke made Pedro laugh for the first time.", "Pedro"),
    ("This morning I thanked Grace for staying late.", "Grace"),
    ("Precious was finally discharged after a month.", "Precious"),
    # a possessive before a lesion or a part that eponyms name too: someone's, unless a naming noun follows
    ("We reviewed Odongo's fracture today.", "Odongo"),
    ("Nakato's hernia was repaired on Tuesday.", "Nakato"),
    # ... or from a place, then a verb only people do
    ("Pedro from the lake villages told me he walks three hours.", "Pedro"),
    ("Chipo from Chitungwiza village turned up late again.", "Chipo"),
    # a name typed in lower case opening a sentence, before a verb only people do, an appositive or "from"
    ("precious smiled for the first time today.", "precious"),
    ("Busy night. grace cried when the cannula went in.", "grace"),
    ("kudzai, the boy with the broken arm, came back.", "kudzai"),
    ("esperanza, la niña de la cama 3, ya come sola.", "esperanza"),
    ("jomar from sitio Malipayon texted me at dawn.", "jomar"),
    # ... and the given names after one ("maría josé")
    ("La mamá de maría josé firmó el consentimiento.", "maría josé"),
    ("O pai do joão vitor ligou duas vezes.", "joão vitor"),
    # the one word of no list among the everyday and clinical words of a file name
    ("I saved it as radio_thorax_kavira.jpg on the desktop.", "kavira"),
    ("The ECG is in ecg_tshibola_face.pdf for now.", "tshibola"),
    # a single unknown word with a bed, a phone number in brackets, a role and a verb, or a diagnosis after it
    ("Mukamana, la de la cama 4, pidió agua toda la noche.", "Mukamana"),
    ("Sortants : Nshimirimana (lit 12) et sa mère.", "Nshimirimana"),
    ("Okwonga in bed 7 needs his drain out.", "Okwonga"),
    ("Anyango (0712 448 190) called about her results.", "Anyango"),
    ("Then Tesfamariam the cleaner brought us chai.", "Tesfamariam"),
    ("Ward list: Nakato, pneumonia, on oxygen since morning.", "Nakato"),
    # a given name that is also a function word, right after a title
    ("Hoy vino doña Segunda Quispe con su nieto.", "Segunda Quispe"),
    # a name typed in lower case where it is capitalised elsewhere in the note
    ("Wanjiku's scan was clear. I showed wanjiku the images.", "wanjiku"),
    # initials in lower case with an age after them
    ("a.m.k., 9 anos, queimadura de segundo grau.", "a.m.k."),
    # a person who works, in Spanish, Portuguese and French
    ("Dayanara trabaja de noche en el mercado.", "Dayanara"),
]


@pytest.mark.parametrize(("text", "name"), FLAGGED)
def test_flags_name(text, name):
    assert name in names(text)


TITLE_NOT_IN_NAME = [
    ("Nanay Rosalinda carried her grandson on her back.", "Nanay"),
    ("Ato Tesfaye refused to stay for the night.", "Ato"),
    ("La enfermera Quispe me enseñó a canalizar.", "enfermera"),
    ("Daw Aye Aye sold tea outside the clinic.", "Daw"),
    ("Call Thembeka if the fever comes back.", "Call"),
    ("O avô Anselmo chegou de barco.", "avô"),
    ("Dona francisca trouxe a neta outra vez.", "Dona"),
    ("The photo is saved as dona_benedita_perna.jpg.", "dona"),
    ("met daw khin at the TB clinic again.", "daw"),
]


# Two names joined by a conjunction are two names.
TWO_NAMES = [
    ("Dos pacientes: Yolanda Mamani y Yesenia Mamani.", ["Yolanda Mamani", "Yesenia Mamani"]),
    ("Elles s'appellent Aminata Sow et Awa Sow.", ["Aminata Sow", "Awa Sow"]),
    ("As gêmeas são Tainá Lopes e Tainara Lopes.", ["Tainá Lopes", "Tainara Lopes"]),
]


@pytest.mark.parametrize(("text", "found"), TWO_NAMES)
def test_two_names_joined_by_a_conjunction(text, found):
    assert names(text) == found


# A name of a run next to a look-alike is still flagged.
STILL_A_NAME = [
    ("Juma positive for HIV, started ART.", "Juma"),
    ("Help from Bongani came just in time.", "Bongani"),
    ("Pt Wanjiru, 34, with abdominal pain.", "Wanjiru"),
    ("The photo is saved as dona_benedita_perna.jpg.", "benedita"),
]


@pytest.mark.parametrize(("text", "name"), STILL_A_NAME)
def test_name_next_to_a_look_alike(text, name):
    assert any(name in found for found in names(text))


@pytest.mark.parametrize(("text", "title"), TITLE_NOT_IN_NAME)
def test_title_is_not_part_of_the_name(text, title):
    found = names(text)
    assert found, "the name itself is flagged"
    assert all(title not in name for name in found)


def test_a_word_named_as_a_person_is_a_name_wherever_it_is_capitalised():
    text = "Memory was born in this ward. Today Memory came back for her vaccines."
    assert names(text) == ["Memory", "Memory"]


def test_a_lower_case_name_goes_on_over_given_names_only():
    assert names("A mãe do joão veio ontem à tarde.") == ["joão"]


def test_a_name_typed_in_lower_case_elsewhere_is_flagged_there_too():
    assert names("Imani's mother came. Later imani ate well.") == ["Imani", "imani"]
    assert names("Grace's mother came. We said grace before lunch.") == ["Grace"]


def test_a_word_named_as_a_person_is_no_name_in_lower_case():
    assert names("Nurse Joy sang for the babies. The joy of the ward was obvious.") == ["Joy"]
