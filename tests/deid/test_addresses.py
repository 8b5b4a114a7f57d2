"""Addresses: villages, settlements, neighbourhoods and wards after residence cues, local address formats of
English, Spanish, French and Portuguese notes, and the places that are not addresses.

Every sentence was written for this suite; none comes from the development set.
"""

import pytest

from journal.deid import find_identifiers
from journal.deid.addresses import find_addresses
from tests.deid import flagged_by

addresses = flagged_by(find_addresses)


FLAGGED = [
    # a digital address (Ghana Post GPS) is where someone lives, not a record number
    ("Her digital address is GE-231-4477, near the lorry park.", "GE-231-4477"),
    # a village or neighbourhood after a movement or origin: "brought from X", "the girl from X", "X-born"
    ("The girl from Korogocho had measles.", "Korogocho"),
    ("Her uncle carried him for two hours from Nyamasheke on his back.", "Nyamasheke"),
    ("Joseph, 12, from Bwaise, had a femur fracture.", "Bwaise"),
    ("The baby, 3 weeks old, from Kawempe, was jaundiced.", "Kawempe"),
    ("She is originally from Kangemi.", "Kangemi"),
    ("A Mukuru-born nurse runs the clinic.", "Mukuru"),
    # residence cues in four languages
    ("She lives in Manzese and sells vitumbua by the road.", "Manzese"),
    ("Don Julián vive en el caserío Shitamalca, a tres horas de Cajamarca.", "caserío Shitamalca"),
    ("Doña Rosa vive en la comunidad de Chacán y teje para vender.", "comunidad de Chacán"),
    ("La niña llegó desde Quispicanchi con su abuela.", "Quispicanchi"),
    ("La famille vit dans la cité Keur Gorgui.", "cité Keur Gorgui"),
    ("Ele veio da aldeia Macuácua com febre alta.", "aldeia Macuácua"),
    # settlement nouns before or after the name
    ("A 7-year-old from the village of Lukwamba came with a snake bite.", "village of Lukwamba"),
    ("They brought him from Phum Trapeang village by tuk-tuk.", "Phum Trapeang village"),
    ("They walked in from Kanyama compound at dawn.", "Kanyama compound"),
    ("The CHW found her in Mtendere Compound.", "Mtendere Compound"),
    # settlement prefixes that are part of the name
    ("They live in Barangay Bagong Silang, Purok 6.", "Barangay Bagong Silang, Purok 6"),
    ("A família vive no Jardim Ângela, em São Paulo.", "Jardim Ângela"),
    ("Vive en Mz. K Lt. 7, A.H. Los Girasoles, cerca del mercado.", "Mz. K Lt. 7, A.H. Los Girasoles"),
    # a town with a ward, section or house number
    ("The family lives in Tokha-7.", "Tokha-7"),
    ("He was born in Butwal-9 and moved later.", "Butwal-9"),
    ("Elle habite à Carrefour-Feuilles 12 avec ses enfants.", "Carrefour-Feuilles 12"),
    ("He lives in ward 9 of Lekhnath with his parents.", "ward 9 of Lekhnath"),
    ("Elle habite au quartier Médina, lot 112.", "quartier Médina, lot 112"),
    # numbered parts that continue an address
    ("Il habite Guédiawaye Nord, Unité 7, villa 48.", "Guédiawaye Nord, Unité 7, villa 48"),
    ("Ela mora no bairro de Hulene, quarteirão 3, casa 12.", "bairro de Hulene, quarteirão 3, casa 12"),
    ("His house is Plot 12, Block C, Kiwatule.", "Plot 12, Block C, Kiwatule"),
    ("Flat 4C, Block 2, Jericho Estate, above the kiosk.", "Flat 4C, Block 2, Jericho Estate"),
    ("Stand 1187, Kanyama Compound is where the CHW found her.", "Stand 1187, Kanyama Compound"),
    # streets with a house number in es/pt/fr, and Colombian grid addresses
    ("Su dirección es Psje. Los Pinos 245, Urb. Santa Rosa.", "Psje. Los Pinos 245, Urb. Santa Rosa"),
    ("Vive en la Av. 28 de Julio 1520 con su hermana.", "Av. 28 de Julio 1520"),
    ("Mora na Rua Tomé Portes, 88, perto da feira.", "Rua Tomé Portes, 88"),
    ("The address was 23 rue des Manguiers, near the mosque.", "23 rue des Manguiers"),
    ("La dirección era Calle 45 # 12-34 en el barrio.", "Calle 45 # 12-34"),
    # boxes, postcodes, digital addresses
    ("Her box is BP 3412 in Bamako.", "BP 3412"),
    ("The address on file was P.O. Box 118-60200.", "P.O. Box 118-60200"),
    ("O CEP dela é 60000-123, segundo a ficha.", "60000-123"),
    ("The GhanaPost GPS address AK-039-5028 helped the driver.", "AK-039-5028"),
    ("He stays in Kebele 05 near the market.", "Kebele 05"),
    # settlement nouns of more regions, before the name, with "of" or the local "de"
    ("The nurse walked up from the aldea of Chuitinamit with the vaccines.", "aldea of Chuitinamit"),
    ("Elle arrive du hameau de Kouniana chaque lundi.", "hameau de Kouniana"),
    ("Vive en la vereda El Retiro, a dos horas de Rionegro.", "vereda El Retiro"),
    ("Viene del corregimiento de Bocas de Satinga con su hija.", "corregimiento de Bocas de Satinga"),
    ("Ela veio do povoado de Caraíbas com o filho.", "povoado de Caraíbas"),
    ("The family lives in mohalla Qasaban behind the bazaar.", "mohalla Qasaban"),
    ("Her grandmother came from kampung Sungai Merab by boat.", "kampung Sungai Merab"),
    # settlement prefixes of the Philippines, the Caribbean, South and South-East Asia
    ("We drove the mother back to Sitio Kabulihan after the delivery.", "Sitio Kabulihan"),
    ("The boy lives in Batey Cinco Casas with his uncle.", "Batey Cinco Casas"),
    ("Her family has farmed in Phum Prey Kduoch for generations.", "Phum Prey Kduoch"),
    ("A truck brought him from Dusun Tanjung Batu at night.", "Dusun Tanjung Batu"),
    ("She was referred from Mohalla Pir Khel with anaemia.", "Mohalla Pir Khel"),
    ("Vive en el Barrio La Floresta desde niña.", "Barrio La Floresta"),
    # settlement nouns after the name in Nepal and India
    ("They live in Thamel Tole near the stupa.", "Thamel Tole"),
    ("The child came from Gandhi basti with diarrhoea.", "Gandhi basti"),
    # municipal wards with their local body or a residence cue
    ("She comes from Ward No. 6 of the rural municipality, two days away.", "Ward No. 6"),
    ("They live in Ward 11 of this gaunpalika.", "Ward 11"),
    ("The grandfather lives in ward 8 with his sons.", "ward 8"),
    # house numbers in a numbered part of a township, after a place, with Indian slashes, with "No."
    ("Her sister lives at 2231 Extension 5, Soshanguve, near the taxi rank.", "2231 Extension 5, Soshanguve"),
    ("He gave his address as Kalingalinga, house 771, near the church.", "Kalingalinga, house 771"),
    ("Elle habite Sicap Liberté, maison 34.", "Sicap Liberté, maison 34"),
    ("The son stays at H.No. 12-5/7A, Malkajgiri, with his wife.", "H.No. 12-5/7A, Malkajgiri"),
    ("She lives at Door No. 18/204, Gandhi Street.", "Door No. 18/204, Gandhi Street"),
    ("They rent at No. 15, Olowu Crescent, behind the school.", "No. 15, Olowu Crescent"),
    ("Vive en Jr. Puno 233, puerta 4, con su madre.", "Jr. Puno 233, puerta 4"),
    # postcodes after a known town
    ("Her card gives Tambaram, Chennai 600045, as her home.", "600045"),
    ("The letter was sent to P.O. Box 440, Nakuru 20100.", "P.O. Box 440, Nakuru 20100"),
    ("Enviaram a receita para Fortaleza, 60150-160.", "60150-160"),
    # a house number after a landmark, a residence cue, or with its label, without a street
    ("Vive detrás de la iglesia evangélica, casa 88, con su abuela.", "casa 88"),
    ("They stay opposite the borehole, house 312, near the school.", "house 312"),
    ("Elle habite derrière la gare routière, maison n° 41.", "maison n° 41"),
    ("A família mora perto do mercado, casa n.º 19.", "casa n.º 19"),
    ("El señor vive en la casa 27 al fondo del pasaje.", "casa 27"),
    ("A avó mora na casa num. 5 do quintal.", "casa num. 5"),
    # numbered sectors, communes and zones of a town, after a town, with "of the capital" or a residence cue
    ("Il habite à Koudougou, secteur 8, près du marché.", "Koudougou, secteur 8"),
    ("Ils viennent du quartier Dassasgho, secteur 29.", "quartier Dassasgho, secteur 29"),
    ("La señora vive en la comuna 8 de Cali.", "comuna 8 de Cali"),
    ("El paciente vive en la zona 6 de la capital.", "zona 6"),
    ("A família mora no setor 12 de Ceilândia.", "setor 12 de Ceilândia"),
    ("She lives in sector 9 with her aunt.", "sector 9"),
    # neighbourhood names that open with a place-type word, and English names that end with one
    ("A doente mora no Bairro Ferroviário com os netos.", "Bairro Ferroviário"),
    ("O bebé veio da Achada Grande Trás com a tia.", "Achada Grande Trás"),
    ("O menino vem da Ponta Belmiro de manhã.", "Ponta Belmiro"),
    ("The boy from Monte Pueblito had a burn.", "Monte Pueblito"),
    ("Llegaron de Potrero Hondo a pie.", "Potrero Hondo"),
    ("She came in from Kolleh Bay with her twins.", "Kolleh Bay"),
    ("Her mother lives in Moyiba Town near the quarry.", "Moyiba Town"),
    ("Il vient de Tombo Point avec son oncle.", "Tombo Point"),
    # a home visit, or a walk with a community health worker, names where a patient lives
    ("I walked with the CHW to Kamakwie Junction to see the newborn.", "Kamakwie Junction"),
    ("We made a home visit to Nyamirambo Kicukiro after the clinic.", "Nyamirambo Kicukiro"),
    ("Hicimos una visita domiciliaria en Cerro Colorado Alto con la enfermera.", "Cerro Colorado Alto"),
    ("Nous avons fait une visite à domicile à Kalaban Coro.", "Kalaban Coro"),
    ("Fomos com o agente comunitário ao Chamissava ver o bebé.", "Chamissava"),
    ("Fuimos con la promotora de salud a Piedra Ancha a ver a la niña.", "Piedra Ancha"),
    ("The VHT and I visited Kasubi Kawaala to check the wound.", "Kasubi Kawaala"),
    # Peruvian blocks and lots typed in lower case, then the settlement; a section number with a letter
    ("vive en manzana K, lote 3, Los Olivos de Pro, con su abuela.", "manzana K, lote 3, Los Olivos de Pro"),
    ("They live in Majengo 2B near the mosque.", "Majengo 2B"),
    # a numbered section of a camp or a settlement, before its name
    ("Her tent is in Block 9, Nyarugusu, near the water point.", "Block 9, Nyarugusu"),
    ("The refugee family gave their address as Zone 4, Kalobeyei.", "Zone 4, Kalobeyei"),
    # where a person comes from: after a name or a health worker, or between commas after a name
    ("Kioko from Kware came back with the same cough.", "Kware"),
    ("The CHV from Githurai walked us to the house.", "Githurai"),
    ("Rosa, de Huaycán, trajo a su nieto.", "Huaycán"),
    ("The boy from sitio Maligaya walked two hours to the clinic.", "sitio Maligaya"),
    # the settlement noun belongs to the address, before or after the name, capitalised or not; the hills
    # ("colline") and villages ("umudugudu") of Burundi and Rwanda
    ("Elle vient de la colline Rugazi, à deux heures de marche.", "colline Rugazi"),
    ("The CHW lives in umudugudu Nyarutarama with her sister.", "umudugudu Nyarutarama"),
    ("They carried him from Misisi compound on a door.", "Misisi compound"),
    ("A família mora no bairro de Chamanculo, perto da linha.", "bairro de Chamanculo"),
    # ... or after a Portuguese or French article, which cities do not take: then a town's name too
    ("Dona Albertina, do Cazenga, chegou cedo.", "Cazenga"),
    ("Mariama Baldé, de la Gueule Tapée, a accouché hier.", "Gueule Tapée"),
    ("Seu Tião chegou correndo da Maré com o filho no colo.", "Maré"),
    ("Ela mora na Maré com os três filhos.", "Maré"),
]


@pytest.mark.parametrize(("text", "span"), FLAGGED)
def test_flags_the_address_with_its_span(text, span):
    assert span in addresses(text)


NOT_ADDRESSES = [
    # an apple, a stay counted in days, a hospital's block and ward, a document's section
    "Comió una manzana 2 veces al día.",
    "She stays in Naivasha 2 days a week.",
    "He was moved to Block 3, Ward 5 overnight.",
    "See Section 4, Paragraph 2 of the policy.",
    # cities named with an article, institutions and cities between commas, things that come from places
    "Dona Albertina, do Huambo, chegou cedo.",
    "Seu Tião chegou correndo do Porto.",
    "Ela mora no Recife desde criança.",
    "El doctor Quispe, del Hospital Regional, vino a vernos.",
    "Carla, de la Fundación Esperanza, nos trajo leche.",
    "Maria, de Lima, ya no trabaja aquí.",
    "Evidence from Kibera shows the same trend.",
    "Greetings from Kisumu came in the group chat.",
    # towns, cities, regions, districts and countries after the same cues
    "The family travelled from Mwanza by bus.",
    "She walked from Gulu with her baby on her back.",
    "The girl from Oaxaca had a cleft palate repair.",
    "Two students from Sweden arrived on the same flight.",
    "A nurse from Texas joined us for the week.",
    "The child from Sindhupalchok had a fracture.",
    "The twins came from North Kivu with their aunt.",
    "A farmer from Upper West walked for two days.",
    "The Nepal earthquake survivors came from Gorkha district.",
    "He lives in Nairobi with his sister.",
    "Mi tía vive en Alemania desde hace diez años.",
    "Il habite en Côte d'Ivoire.",
    "Ela mora no Rio de Janeiro com a filha.",
    "Vino desde Huancayo en bus.",
    "Il vient de Thiès pour le suivi.",
    # big districts named after saints or "Villa", without a house number
    "They live in San Juan de Lurigancho, near the market.",
    "She lives in Villa El Salvador.",
    # people, institutions, hospital units, schools and companies after "from"
    "We got a call from Wanjiru about the lab results.",
    "The message from Kofi said the bus was late.",
    "I heard from Amina that the baby went home.",
    "She came from Kisii County Referral Hospital on a stretcher.",
    "Patients from Kibera Health Centre are referred here.",
    "A team from Partners In Health visited the district hospital.",
    "The woman from Médecins Sans Frontières talked about triage.",
    "The baby came from Recovery with a low temperature.",
    "The boy was referred from Paeds to Ortho.",
    "The kids from Grade 4 visited the ward.",
    "The man from Equity Bank came for his mother.",
    "Patients come from Monday to Friday.",
    "Desde Enero no toma sus pastillas.",
    # peoples before "village", hospital wards and beds, blood pressure
    "A Tamang village sits above the river.",
    "The Maasai village had no clinic.",
    "Bed 14 in Ward 7 is empty.",
    "BP 120/80, pulse 88.",
    # streets named after a date or a person, without a house number
    "La Calle 5 de Mayo estaba cerrada por la procesión.",
    "The pharmacy on Rua 25 de Março sells everything.",
    "A Avenida 25 de Setembro estava cheia de chapas.",
    "L'avenue du 28 Septembre était fermée.",
    "Les mamans du quartier apportent du riz.",
    "La farmacia de la Avenida 9 de Octubre abre tarde.",
    # settlement words that name no place here, hospital wards, numbers after towns that are no postcodes
    "A colony of Klebsiella grew on the plate.",
    "The village health committee met on the hill.",
    "Vive en la comunidad desde hace veinte años.",
    "He was moved to Ward No. 5 of the hospital after the scan.",
    "The patient is from ward 4, bed 2.",
    "She stays in ward 6 until the drain comes out.",
    "We enrolled 40 Phase 3 patients, Pfizer sponsored.",
    "The bus from Nairobi 25000 shillings was too dear.",
    "In Chennai 600045 people were screened last year.",
    "The house 12 metres from the river flooded.",
    # "casa"/"maison"/"house" before a duration or a count, no house number
    "Estuvo en casa, 3 días con fiebre.",
    "Elle est restée à la maison, 3 jours sans manger.",
    "La casa 3 de 10 no tenía letrina.",
    "After discharge, house 2 times a week for dressings.",
    # a hospital's or a building's zones and sectors, numbers after a sector that are no place
    "La zona 2 del hospital estaba llena.",
    "The patient in zone 3 of triage waited two hours.",
    "Elle travaille au secteur 5 de la maternité.",
    "O setor 3 da pediatria fechou para obras.",
    "The sector 4 nurses went on strike.",
    # towns that open or end with a place-type word, or the centre of a known town
    "Ela mora em Ponta Grossa com o marido.",
    "He lives in Cape Town with his sister.",
    "She walked from Walvis Bay to the clinic.",
    "The family lives in Kisumu Town near the bus park.",
    "El niño vive en Lomas de Zamora.",
    # a home visit to a person or a known town, a visit without a health worker
    "We did a home visit to Amina after lunch.",
    "The home visit to Mrs Mwale went well.",
    "I went with the CHW to Lusaka for the training.",
    "We visited Bwalya on the ward this morning.",
    "The CHW visited Chanda yesterday.",
]


@pytest.mark.parametrize("text", NOT_ADDRESSES)
def test_leaves_places_that_are_not_addresses(text):
    assert addresses(text) == []


def test_an_address_overlapping_a_name_wins_when_longer():
    text = "Ils habitent Thiaroye Gare, Unité 3, villa 19, avec leurs enfants."
    flagged = [(f.kind, text[f.start : f.end]) for f in find_identifiers(text)]
    assert ("address", "Thiaroye Gare, Unité 3, villa 19") in flagged


def test_a_digital_address_is_an_address_not_a_record_number():
    text = "Her GhanaPost address, GE-231-4477, was the only way the driver found the house."
    flagged = [(f.kind, text[f.start : f.end]) for f in find_identifiers(text)]
    assert flagged == [("address", "GE-231-4477")]
