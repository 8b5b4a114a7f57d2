"""The identifier detector's speed: milliseconds to check one entry of 2,000 characters (goal: under 5 ms).

Three kinds of entry, each cut to 2,000 characters from paragraphs written for this benchmark: a reflective
entry with no identifier, a clinical note dense with identifiers (names, dates, numbers, addresses), and one in
Spanish, French and Portuguese. Each figure is the median time of checking a batch of entries, per entry.
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
    return figures
