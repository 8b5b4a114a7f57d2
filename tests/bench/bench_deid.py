"""The identifier detector's speed: milliseconds to check one entry of 2,000 characters (goal: under 5 ms).

Three kinds of entry, each cut to 2,000 characters from paragraphs written for this benchmark: a reflective
entry with no identifier, a clinical note dense with identifiers (names, dates, numbers, addresses), and one in
Spanish, French and Portuguese; the dense note again with a cohort's roster of 30 colleagues. Each figure is the
median time of checking a batch of entries, per entry.

Then the worst cases: texts of ADVERSARIAL_LENGTH characters that repeat one short unit ("a.", "1 ", "AB-"...),
each a shape that once made a pattern walk the text again from every character (the check route accepts 60,000
characters). Their figures are the time of one check; ``tests/deid/test_linear.py`` holds them to linear growth.
"""

from journal.deid import find_identifiers
from tests.bench import harness
from tests.bench.harness import Figure

TITLE = "identifier check"
LENGTH = 2000
BATCH = 50
REPEAT = 7
GOAL_MS = 5.0

PARAGRAPHS = {
    "reflective, clean": (
        "The ward round started late again because the consultant was called to theatre. I used the time to "
        "read the charts of the children admitted overnight and to think about how I talk to parents who have "
        "waited all night. The nurses here carry the ward: they know which mother has not eaten, which father "
        "is angry because he cannot pay, and which child will not take tablets unless they are crushed into "
        "porridge. Today I watched a senior nurse explain a lumbar puncture with a drawing on the back of a "
        "form, and the mother nodded for the first time this week. I want to learn to do that. "
    ),
    "clinical, many identifiers": (
        "Mrs Achieng Odhiambo (MRN 5531208), DOB 12/04/1931, was reviewed on 3 March 2024 with Dr. Basnet. Her "
        "son Tashi, 0722 611 932, lives at Plot 18, Kasarani; he gave his email tashi.o@example.com. Aadhaar "
        "4321 8765 1234 was on the referral from https://referrals.example.org/case/8812. She is 94 and walked "
        "in from the village of Nyakach with her grandson Kiprotich, who said the lab server 10.2.3.4 was down. "
    ),
    "es, fr, pt": (
        "Hoy atendí a Doña Rosa Quispe, de 93 años, que vive en Jr. Huallaga 512; su DNI es 45123876 y su hija "
        "dejó el número 984 221 760. Le petit Ibrahima est arrivé le 5 mai avec sa mère, qui habite à Pikine "
        "Est, villa 214; sa CNI n° 2201456789. A Dona Benedita tem 92 anos e mora na Rua das Flores, 88, CEP "
        "04521-030; o CPF dela é 123.456.789-09 e foi internada no dia 14 de junho. "
    ),
}

# A cohort's roster: the colleagues' full names, as ``find_identifiers(text, colleagues=...)`` receives them.
ROSTER = [
    f"{given} {family}"
    for given, family in zip(
        "Amara Bishnu Carmen Dawit Esi Farida Gustavo Hana Ifeoma Jorge Kwame Lucia Mthunzi Nadia Oumar".split() * 2,
        "Okafor Thapa Rojas Bekele Mensah Haidari Souza Tanaka Eze Quispe Boateng Ferreira Dlamini Rahman Diallo "
        "Mwangi Gurung Vargas Tesfaye Owusu Karimi Lima Sato Obi Mamani Asante Pereira Nkosi Hossain Traore".split(),
        strict=True,
    )
]
ADVERSARIAL_LENGTH = 20000
ADVERSARIAL_REPEAT = 3
# Units repeated to make a worst case, each for the patterns it once made slow: dots and dashes between letters
# (web addresses, file names), digits with every separator (ids, phones, dates), capitals and dotted capitals
# (ids, initials), cue words (labels, titles, particles of names), signs of emails, web addresses and IPs.
ADVERSARIAL = [
    "a.", "ab.c", "a1.", "a.b", "a-", "a.jpg", "A/", "AB-", "A-A-", "A.", "A. ", "Aa ", "Aa Bb ", "aA",
    "1", "0", "1 ", "1.", "1-", "1/", "1:", "1,", "1 1 ", "111 ", "1234 ", "12345 ", "111.a", "111.A", "1.A",
    "1/1 ", "12345A", "no. ", "Mr ", "de ", "on 1 ", "MRN 111 ", "+1 ", "@a.", "a@", "a.b@", "http://", "www. ",
    "::", "(", "é", "Ana, ", "93 ", "is 9", "Plot 1 ",
]  # fmt: skip


def adversarial_text(unit: str, length: int) -> str:
    """``unit`` repeated to ``length`` characters; "clinical" is the dense clinical paragraph repeated."""
    unit = PARAGRAPHS["clinical, many identifiers"] if unit == "clinical" else unit
    return (unit * (length // len(unit) + 1))[:length]


def _entry(paragraph: str) -> str:
    """``paragraph`` repeated and cut to LENGTH characters, at a word boundary."""
    text = paragraph * (LENGTH // len(paragraph) + 2)
    return text[:LENGTH].rsplit(" ", 1)[0]


def run(_app, options: harness.Options) -> list[Figure]:
    """Time BATCH checks of each kind of entry and report the median per entry."""
    figures = []
    for name, paragraph in PARAGRAPHS.items():
        text = _entry(paragraph)
        timing = harness.timed(
            lambda t=text: [find_identifiers(t) for _ in range(BATCH)], repeat=options.repeat or REPEAT
        )
        per_entry_ms = timing.median / BATCH * 1000
        found = len(find_identifiers(text))
        figures.append(
            Figure(
                TITLE,
                f"{TITLE}: one {len(text):,}-character entry, {name} ({found} findings)",
                per_entry_ms,
                "ms",
                note=f"goal < {GOAL_MS:g} ms",
                detail={"runs": timing.runs, "batch": BATCH, "characters": len(text), "findings": found},
            )
        )
    figures.append(_roster_figure(options))
    figures += [_worst_case_figure(unit, options) for unit in [*ADVERSARIAL, "clinical"]]
    return figures


def _roster_figure(options: harness.Options) -> Figure:
    """The dense clinical entry checked with a roster of 30 colleagues."""
    text = _entry(PARAGRAPHS["clinical, many identifiers"])
    timing = harness.timed(
        lambda: [find_identifiers(text, colleagues=ROSTER) for _ in range(BATCH)], repeat=options.repeat or REPEAT
    )
    return Figure(
        TITLE,
        f"{TITLE}: one {len(text):,}-character entry, clinical, with a roster of {len(ROSTER)} colleagues",
        timing.median / BATCH * 1000,
        "ms",
        note=f"goal < {GOAL_MS:g} ms",
        detail={"runs": timing.runs, "batch": BATCH, "characters": len(text), "colleagues": len(ROSTER)},
    )


def _worst_case_figure(unit: str, options: harness.Options) -> Figure:
    """One check of a worst-case text of ADVERSARIAL_LENGTH characters made of ``unit``."""
    text = adversarial_text(unit, ADVERSARIAL_LENGTH)
    timing = harness.timed(lambda: find_identifiers(text), repeat=options.repeat or ADVERSARIAL_REPEAT)
    return Figure(
        TITLE,
        f"{TITLE}: worst case, {len(text):,} characters of {unit!r}",
        timing.median * 1000,
        "ms",
        detail={"runs": timing.runs, "characters": len(text)},
    )
