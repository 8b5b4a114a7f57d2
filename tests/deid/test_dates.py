"""Dates more precise than a year: languages, calendars and cues that make a date, and the fractions, scores
and street names that only look like one.

Every sentence here was written for this suite; the names, places and numbers are invented or generic.
"""

import pytest

from journal.deid.dates import find_dates
from tests.deid import flagged_by

dates = flagged_by(find_dates)


FLAGGED = [
    # a local calendar's day after a word that introduces a date, whatever word follows it
    ("The child was born on Jestha 9 according to his card.", "Jestha 9"),
    ("The letter was dated Tahsas 21 during the holidays.", "Tahsas 21"),
    # French and Portuguese month names, with a day and sometimes a year
    ("Elle a accouché le 14 février avec une hémorragie.", "14 février"),
    ("Il est revenu le 1er mars pour enlever les fils.", "1er mars"),
    ("Opérée le 30 septembre 2023 au bloc central.", "30 septembre 2023"),
    ("Operada no dia 12 de outubro de 2023 no hospital distrital.", "12 de outubro de 2023"),
    ("A consulta ficou marcada para 3 de Dezembro.", "3 de Dezembro"),
    ("Ingresó el 27 de septiembre del 2024 con fiebre.", "27 de septiembre del 2024"),
    # a Romance month with its year
    ("Le bébé est né en mars 2023, en pleine saison des pluies.", "mars 2023"),
    ("Desde junio de 2022 no ha ido a su control.", "junio de 2022"),
    # a day and month after "le", "el", "no dia"
    ("Nous l'avons revue le 9/11 pour le contrôle.", "9/11"),
    ("Vino el 15/3 para la curación.", "15/3"),
    ("Voltou no dia 7/4 com febre alta.", "7/4"),
    # a zero-padded day and month, without a cue
    ("Her next review is written as 07/02 on the card.", "07/02"),
    ("Revisão marcada para 15/04 na ficha dela.", "15/04"),
    # a day and month after a word of appointments and plans
    ("Her review is booked for 14/9, after the school holidays.", "14/9"),
    ("Clinic review 4/8 with the results.", "4/8"),
    ("The next injection is due 21/6.", "21/6"),
    ("She stays on the ward until 3/10.", "3/10"),
    ("Cita 6/11 para el control.", "6/11"),
    ("Retorno 7/8 na unidade.", "7/8"),
    # year first, with slashes or dots
    ("The card says 2022/08/17 for the last dose.", "2022/08/17"),
    ("The vaccine card reads 2021.03.09 in pencil.", "2021.03.09"),
    # an ordinal after a plan moved or booked "to the"
    ("The operation was postponed to the 18th, after the holiday.", "18th"),
    ("They moved her clinic visit to the 9th.", "9th"),
    # an ordinal day alone, after "on the", "by the" or a weekday
    ("His sister died on the 21st, just before the rains.", "on the 21st"),
    ("We'll see him again by the 3rd.", "by the 3rd"),
    ("Tuesday the 5th was the last time he came.", "5th"),
    # local calendars: Nepali Bikram Sambat, Ethiopian, Islamic
    ("The baby was born on Baisakh 15, 2080 at home.", "Baisakh 15, 2080"),
    ("She came in on 12 Mangsir with a fever.", "12 Mangsir"),
    ("Chaitra 28 is the date on her vaccination card.", "Chaitra 28"),
    ("He was admitted on Hidar 20, 2016 by the Ethiopian calendar.", "Hidar 20, 2016"),
    ("The card says Yekatit 3 for the last visit.", "Yekatit 3"),
    ("The surgery was on 27 Ramadan, before Eid.", "27 Ramadan"),
    ("Her husband left on 3 Shawwal 1445.", "3 Shawwal 1445"),
    # obstetric dates by their abbreviations, in four languages
    ("EDD 14/11 by the early scan.", "14/11"),
    ("LMP: 2/3, so she is twelve weeks.", "2/3"),
    ("FUR 7/2, embarazo de 10 semanas.", "7/2"),
    ("DPA 21/9 selon l'échographie.", "21/9"),
    ("DUM 3/6, gestação de 8 semanas.", "3/6"),
    # Portuguese "em" after an event
    ("O bebé nasceu em 4/7 no posto de saúde.", "4/7"),
    ("Foi internada em 12/4 com pneumonia.", "12/4"),
    ("Desde 3/5 que não come bem.", "3/5"),
    # an ordinal day after "On the", capitalised, with a pronoun after it
    ("On the 12th they finally found a bed for her.", "On the 12th"),
    ("By the 3rd we had the culture result.", "By the 3rd"),
    # a weekday before a date belongs to it; in Spanish, French and Portuguese a weekday and a day are a date
    ("Elle est revenue le mardi 7 mai pour le pansement.", "le mardi 7 mai"),
    ("La próxima cita es el jueves 14 en la mañana.", "el jueves 14"),
    ("Il repasse le vendredi 3, si la route est ouverte.", "le vendredi 3"),
    ("Ela volta na sexta-feira 18 para tirar os pontos.", "na sexta-feira 18"),
    ("He came back on Tuesday 14 May with the results.", "on Tuesday 14 May"),
    # day and month with a dot after each, after a date cue
    ("The referral letter is dated 04.11. and signed by the DMO.", "04.11."),
    ("Son vaccin est noté le 23.6. sur la carte.", "23.6."),
]


@pytest.mark.parametrize(("text", "span"), FLAGGED)
def test_flags_the_date(text, span):
    assert span in dates(text)


CLEAN = [
    # fractions, ratios, scores and blood pressures
    "Power 4/5 in both legs and GCS 13/15.",
    "Fever for 5/7, cough for 2/52, G2P1 at 36/40.",
    "BP 90/60 and then 100/70 after the bolus.",
    "Fuerza 4/5 en el brazo derecho, Glasgow 13/15.",
    "The baby is 10/12 old and crawling.",
    "Pain score 08/10 on admission, 03/10 after morphine.",
    "VA 6/9 on the right and 6/12 on the left.",
    # durations written as fractions after a word of plans: months, weeks, days
    "TCA 2/52 for a wound check.",
    "Review 3/12 in the surgical clinic.",
    "Booked for 5/7 of antibiotics, then review.",
    # an ordinal that counts something else
    "The baby was on the 3rd day of phototherapy.",
    "She is on the 2nd line regimen now.",
    "We met on the 4th floor of the maternity block.",
    "He was moved on to the 2nd-line regimen.",
    "She was moved to the 3rd floor.",
    "The review was booked for the 2nd week of May.",
    # years and ranges that only look like year-first dates
    "The 2019/20/21 budget was cut.",
    "Ratio 2023/45 of the cohort.",
    "He was moved on to the 2nd-line regimen.",
    # month names as words, months and festivals without a day
    "In March the road to the health post floods.",
    "Ramadan started and the fasting diabetics were counselled.",
    "The Magh festival brings families down from the hills.",
    "Push 10 units of oxytocin after the delivery.",
    "During Ramadan 12 patients on insulin fasted against advice.",
    # streets, squares and schools named after a date
    "A clínica fica na Rua 7 de Setembro, perto do mercado.",
    "On a pris la Rue du 8 Mai pour aller à l'hôpital.",
    "La farmacia de la Avenida 10 de Agosto tenía el antibiótico.",
    "La Plaza 25 de Mayo estaba llena de gente.",
    "Le lycée du 18 Novembre accueille les élèves du quartier.",
    # years alone
    "In 2019 the district opened a second theatre.",
    "The EDD was uncertain because she did not know her LMP.",
    "Melhorou em 3/7 dias com antibiótico.",
    "On the 9th floor there is a new ward.",
    "O lote foi enviado em 3/7 caixas para o centro.",
    # a weekday before a number of things or hours, and dotted numbers that are doses or versions
    "El sábado 21 pacientes esperaban en el patio.",
    "Le samedi 3 infirmières seulement étaient de garde.",
    "Na segunda-feira 2 h de espera na triagem.",
    "Hb 12.3. then 11.8 the next morning.",
    "The tablet software is 10.12. and needs an update.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_leaves_the_sentence_clean(text):
    assert dates(text) == []
