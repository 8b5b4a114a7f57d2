"""What is not a personal name, though capitalised or in a name's place: look-alikes of names (places, peoples,
festivals, eponyms, institutions, products, placeholders, sentence openers) and the words the name rules must leave
alone.

Every sentence here was written for this suite; the names, places and numbers are invented or generic.
"""

import pytest

from journal.deid.names import find_names
from tests.deid import flagged_by

names = flagged_by(find_names)

CLEAN = [
    # a place after "in"/"at" whose next word is a person's verb: the verb is the subject's before it
    "The registrar in Gulu phoned us about the referral.",
    "A midwife at Kiwoko texted the on-call team.",
    "Le médecin en Casamance a appelé pour le transfert.",
    # national days and institutions' adjectives
    "Pendant la fête de l'Indépendance, le bloc a tourné toute la nuit.",
    "On Independence Day the ward was half empty.",
    "Le Centre hospitalier Mère-Enfant de la ville manque de couveuses.",
    "O Hospital Universitário Lauro Wanderley tem uma fila enorme.",
    # a product's name with no role after it
    "Fanta and biscuits were all the shop had left.",
    # sentence openers that are capitalised common words, contractions and elisions
    "I'm on nights all week and I've stopped counting the admissions.",
    "I'd rather ask twice than guess, and I'll keep doing that.",
    "J'ai posé ma première perfusion ce matin, et c'était difficile.",
    "D'après la sage-femme, le travail avance bien.",
    "L'hôpital régional reçoit les urgences de toute la province.",
    "Durante la noche llegaron tres partos y una cesárea.",
    "Hoy la consulta externa se llenó antes de las siete.",
    "Mañana empiezo en la sala de pediatría.",
    "Ontem a enfermaria estava cheia de crianças com diarreia.",
    "Aujourd'hui, la garde était calme.",
    "Cette nuit, deux bébés sont nés par césarienne.",
    "Honestly, the ward was calmer than I expected.",
    "Nació prematuro y pesó apenas 1800 gramos.",
    # given names that are everyday words, without a cue
    "Hope is what keeps the mothers coming back every week.",
    "Patience matters more than speed in this clinic.",
    "Grace under pressure is what the senior midwife taught me.",
    "Will power alone does not control diabetes.",
    # hospitals and institutions named after people
    "Hôpital Principal de Dakar has a new dialysis unit.",
    "Au CHU Campus, les internes font des gardes de 24 heures.",
    "Les patients ont été transférés à l'hôpital Abass Ndao.",
    "O Hospital Dr. João Landim recebe os casos graves da região.",
    "Mulago Hospital's emergency unit was overflowing on Monday.",
    "Patan Hospital runs a rural outreach every month.",
    # places: towns, regions, saints' places
    "The road between Nyahururu and Nanyuki was closed by the rain.",
    "Many referrals come from Huancavelica and Ayacucho.",
    "A equipa foi vacinar no interior da Zambézia.",
    "Le camion de la Croix-Rouge est reparti vers Saint-Louis.",
    "En Santa Cruz los casos de dengue se duplicaron.",
    "Chegámos a São Tomé depois de seis horas de voo.",
    # festivals, holy figures, weather, organisations, products, peoples
    "Tabaski meant the pharmacy closed early.",
    "During Dashain the ward emptied in two days.",
    "Pendant la Tabaski, les urgences étaient pleines.",
    "Las lluvias de La Niña cortaron la carretera.",
    "The offering was for Pachamama, as every August.",
    "Two Tamang porters carried the stretcher down the trail.",
    "Mama Killa is honoured at the full moon in the highlands.",
    "MSF and UNICEF ran the cholera treatment centre together.",
    "GeneXpert results came back in two hours.",
    "The family paid with M-Pesa from the village.",
    "We watched a YouTube video on neonatal resuscitation.",
    "She speaks only Kaqchikel and a little Spanish.",
    "Médecins Sans Frontières runs the TB unit.",
    "Nossa Senhora da Conceição is the patron of the town.",
    # eponyms in Spanish, French, Portuguese
    "El signo de Murphy fue negativo.",
    "Le score d'Apgar était de 8 à une minute.",
    "Pela escala de Glasgow ele tinha 9.",
    # placeholders
    "I will call her Mrs Y in this reflection.",
    "Fulano de Tal is how the form refers to an unknown patient.",
    "La llamaré Mengana en este diario.",
    # local words for foreigners or roles
    "Mzungu, the children shouted as we walked past the school.",
    "Gringa, the vendors call me, and then they give me a discount.",
    # dotted abbreviations
    "B.P. was 90/60 and the pulse was thready.",
    "B.P. Koirala Institute has a large snakebite unit.",
    "He studied in the U.S. before coming home to practise.",
    "Clinic starts at 8 a.m. and runs until 4 p.m.",
    # lower-case words that are not names
    "The fisherman's son carried him up from the boat.",
    "Each other's notes were hard to read after a night shift.",
    "I saved the teaching photo as rash_day3.jpg with no face in it.",
    # Title Case file names, and lower-case words that look like given names but are not after a cue
    "The slides are in Teaching_Malaria_Update.pptx on the shared drive.",
    "We had a little time left, so we read the guidelines.",
    "I spoke with the engineer, who fixed the oxygen concentrator.",
    # possessives of places, eponyms and days; records without a possessor
    "Nairobi's national referral hospital was full.",
    "Allen's test was normal on both sides.",
    "Kernig's and Brudzinski's signs were negative.",
    "Today's review was short because of theatre.",
    # festivals of South Asia, Brazil, West Africa and Southeast Asia
    "Durga Puja closed the district offices for a week.",
    "After Kali Puja the clinic was busy again.",
    "Durante o Círio de Nazaré, a emergência encheu.",
    "Raksha Bandhan brought the brothers home.",
    "Pohela Boishakh fell on a clinic day.",
    "During Loy Krathong the ward emptied early.",
    "Sallah meant the lab closed at noon.",
    # double eponyms, named storms, companies, ID cards, products after a title
    "By Holliday-Segar the fluids were 1,200 ml a day.",
    "Cyclone Freddy cut the road for two weeks.",
    "Typhoon Odette destroyed the health post.",
    "Britam Insurance refused the claim.",
    "Equity Bank opened a branch next to the clinic.",
    "Her Ghana Card was in her handbag.",
    "His South African ID was expired.",
    "Dr Google is what we call the printouts families bring.",
    # mixed-case tests and brands
    "A positive CrAg changed the plan.",
    "PhilHealth covered half of the bill.",
    # placeholder letters after a title, without a dot
    "Mr A and Mrs B are the names the exam vignettes use.",
    # streets without a house number
    "La farmacia de la Avenida Bolívar abre de noche.",
    # compass words before a people or a place
    "Many West African families travel for the holidays.",
    # eponyms after their noun in Spanish, French and Portuguese, or opening the run
    "El signo de Chvostek fue positivo.",
    "Le signe de Murphy était négatif.",
    "O sinal de Blumberg foi positivo.",
    "Hicimos la maniobra de Leopold al ingreso.",
    "La manœuvre de Heimlich a sauvé l'enfant.",
    "La prueba de Coombs salió positiva.",
    "Le test d'Allen était normal.",
    "La maladie de Hirschsprung était suspectée.",
    "Doença de Hansen ainda é comum aqui.",
    "Escala de Glasgow de 9 na chegada.",
    "Classification de Wagner grade 3 au pied gauche.",
    # an eponymous sign and its finding
    "Chvostek absent, Trousseau negative.",
    "Rovsing positivo y Blumberg negativo.",
    # places whose first word ends runs, and an article before a region
    "We flew to Buenos Aires for the conference.",
    "Llegó desde La Guajira con fiebre.",
    "La Libertad tiene pocos médicos rurales.",
    # plural institutions, festivals named by everyday words, homes named with a number
    "Les Cliniques Universitaires de Kinshasa ont un scanner.",
    "Los Centros de Salud Familiar cierran a las cinco.",
    "During Boun Pi Mai the ward emptied.",
    "Boun Bang Fai rockets injured three boys.",
    "Phi Ta Khon masks were sold outside the clinic.",
    "Matthew 25 House takes patients with nowhere to go.",
    # a sex marker after a patient word; a measure before "is" and a number; people or things from a place
    "Pt F, 34, with abdominal pain since Tuesday.",
    "Pte H, 52 ans, douleur thoracique.",
    "Temperature is 39 and rising.",
    "Greetings from Kigali came in the group chat.",
    "Doctors from Cuba came to help in the outbreak.",
    "Evidence from Uganda shows the same benefit.",
    # the letters of an abbreviation with spaces; file names of teaching material; a title in a file name
    "B. P. was 90/60 on arrival.",
    "Photos: mbale_outreach_photos.jpg and teaching_session_slides.pptx.",
    # an era after a year, in the calendars of placement countries
    "She was born on 7 Jestha 2079 B.S. in a hill village.",
    "The clinic opened in 2015 E.C. with one nurse.",
    "Her brother died in 1443 A.H. during the floods.",
    "The well dates from 200 B.C.E., the guide said.",
    "The mission was founded in 1890 A.D. by the coast.",
    "Coins from 150 C.E. were found near the school.",
    "Le temple date de 2540 B.E. selon le moine.",
    # compound adjectives made on a people or a place, French plurals of peoples, plural articles
    "The Swahili-speaking mothers were quicker to ask questions.",
    "A Lusaka-based charity paid for the drugs.",
    "Les Peules du marché viennent le mardi.",
    "Los Chipaya del altiplano llegaron en camión.",
    "Un Béninois et un Togolais partagent la chambre 4.",
    # health systems and administrations
    "O Sistema Único de Saúde cobre a hemodiálise, mas a fila é longa.",
    "Chaque lundi, la Direction nous envoie un nouveau formulaire.",
    # eponymous diseases, stains and tools without their noun, or before one
    "A girl with Osgood-Schlatter was sent to physio.",
    "The smear needs a Ziehl-Neelsen before noon.",
    "The Ambu mask cracked during the resuscitation.",
    "A Wilms tumour and a Meckel diverticulum in the same week.",
    "Virchow's triad is worth remembering on the surgical ward.",
    # festivals of Madagascar, insurance schemes, a letter standing for someone unnamed
    "Pendant l'Alahamady Be, le service était vide.",
    "El Seguro Social no cubre la diálisis.",
    # a city after a word for a name
    "El nombre de Cusco viene del quechua.",
    "Bed C and bed D were empty this morning.",
    "Le lit A et le lit B sont vides.",
    # an adjective given name that is no subject, a noun one before a verb at a sentence's start, a town
    "Precious little time was left before theatre.",
    "They lost Hope when the rains failed.",
    "The rain made Kisumu flood again.",
    "We compared the results of Mbarara and Gulu.",
    "Supplies from the capital arrived late.",
    # a country that is also a given name, where someone comes from: the verb after it is the person's
    "A nurse from Kenya taught us to use the bubble CPAP.",
    # a town before an age that is a time, a place before an appositive that names no person
    "Bukavu, 3 ans après la guerre, manque toujours de sages-femmes.",
    "Kindu, le chef-lieu du Maniema, a un seul chirurgien.",
    "Bukavu (10 ans après) reste fragile.",
    "Goma a accueilli des milliers de déplacés.",
    # sentences opening in lower case: adverbs, lists, things that come and go
    "overnight, the mother stayed with him.",
    "sadly, the baby, born at 28 weeks, died.",
    "To bring: gauze, the big scissors, two pairs of gloves.",
    "rice came late today, so the mothers cooked outside.",
    # file names: plurals, towns and teaching words
    "I saved it as radio_thorax_answers.jpg on the desktop.",
    "I saved it as radio_thorax_mbale.jpg on the desktop.",
    "The quiz is in teaching_malaria_quiz.pdf for the students.",
    # the place an office holder is of
    "Le gouverneur de Gitega est passé voir la maternité.",
    "The mayor of Tamale donated two incubators.",
    # units and wards named after a person, and an emergency room's acronym
    "The Beatrice Mwale children's ward reopened after the floods.",
    "We rotated through the Anna Kowalski eye unit for a week.",
    "Sihanouk Hospital ER was full by noon.",
    # the faithful of a holy figure
    "Two Jehovah's Witnesses on the ward declined blood today.",
    # a unit's letter after a number, a product's letter before a dash and a number
    "Gave 1 L Hartmann's over an hour.",
    "Começámos F-100 ontem à noite.",
    # nationalities in the plural, kits handed out by programmes, cities abroad, highways
    "The Germans built the old ward in 1905.",
    "Every mother gets a Mama Kit at the antenatal visit.",
    "Querem mandá-lo para Lisboa para a cirurgia.",
    "El bus se volcó en la Interamericana anoche.",
    # public services named by their common noun, and what a wound is from
    "Le colis est arrivé par la Poste ce matin.",
    "Ingresó con una herida de bala en el muslo.",
    # a name-like word before "the" and a role, as an imperative, and a place before a comma and a disease
    "Reach the mother on the ward phone.",
    "Remember the mother said no.",
    "Nsambya, malaria everywhere this month.",
    # lower-case abbreviations with a number after them
    "Take e.g. 3 years of follow-up data.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_leaves_non_name_alone(text):
    assert names(text) == []
