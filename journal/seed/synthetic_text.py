"""Generated journal text for ``seed-synthetic``: titles, Markdown bodies, tags and comments.

Written in the voice of the demo entries (``journal/demo_entries.py``): the kind's headings,
sentences about wards, clinics and villages abroad, and no patient identifiers (no names,
no exact dates, no record numbers). Bodies are assembled from sentence templates with
fillers, so no two long entries are alike, and vary in length as real ones do: a few lines
on a tired evening, a page after a hard day.

Two words are placed on purpose, for the search benchmark: ``COMMON_WORD`` is in most
bodies, ``RARE_WORD`` in about one entry in ``RARE_EVERY``.
"""

import random
import re

COMMON_WORD = "patients"
RARE_WORD = "leptospirosis"
RARE_EVERY = 200

HEADINGS = {
    "clinical": ("What happened", "My role", "What I learned", "What I will do next"),
    "cultural": (
        "What I noticed",
        "How it differs from what I know",
        "What it means for patients",
        "What I will do differently",
    ),
    "ethics": ("The situation", "The principles at stake", "What was done", "What I think", "Whom I discussed it with"),
}
FILLERS = {
    "condition": (
        "malaria",
        "pneumonia",
        "severe anaemia",
        "diarrhoea with dehydration",
        "tuberculosis",
        "a sickle cell crisis",
        "pre-eclampsia",
        "burns",
        "meningitis",
        "typhoid",
        "asthma",
        "severe malnutrition",
        "postpartum haemorrhage",
        "cellulitis",
        "a snakebite",
        "heart failure",
        "diabetic ketoacidosis",
        "an open fracture",
    ),
    "place": (
        "the paediatric ward",
        "the emergency unit",
        "the antenatal clinic",
        "theatre",
        "the district health centre",
        "the outreach clinic",
        "the maternity ward",
        "the HIV clinic",
        "the medical ward",
        "a village two hours away",
    ),
    "who": (
        "the registrar",
        "the clinical officer",
        "the midwife",
        "the nurse in charge",
        "my supervisor",
        "the pharmacist",
        "the consultant",
        "a community health worker",
        "the intern on call",
        "the ward sister",
    ),
    "drug": (
        "artesunate",
        "amoxicillin",
        "ceftriaxone",
        "oral rehydration salts",
        "magnesium sulphate",
        "oxytocin",
        "insulin",
        "ready-to-use therapeutic food",
        "antiretrovirals",
        "paracetamol",
    ),
    "time": (
        "before the morning round",
        "during the night shift",
        "after handover",
        "late in the afternoon",
        "on the outreach day",
        "at the weekly teaching session",
        "over lunch",
    ),
    "count": ("two", "three", "four", "five", "a dozen", "twenty", "thirty", "forty"),
}
SENTENCES = {
    "What happened": (
        "The round on {place} started {time} with more {COMMON} than beds.",
        "Most of the {COMMON} had {condition}; {who} checked every chart against the weight.",
        "We saw {count} children with {condition} before noon, and {who} triaged them by the door.",
        "A young mother arrived with {condition} and the team moved fast.",
        "The power went off {time}, so we worked by torchlight for an hour.",
        "{who} asked me to follow one of the {COMMON} with {condition} from admission to discharge.",
        "The queue outside {place} was long and the {COMMON} had walked for hours.",
    ),
    "My role": (
        "I took the history through an interpreter and presented it to {who}.",
        "Under supervision I put in a cannula and started {drug}.",
        "I observed, then calculated the {drug} dose with {who}.",
        "I wrote the plans in the exercise books that families keep at the bedside.",
        "I assisted {who} and recorded the observations every hour.",
        "I examined {count} of the {COMMON} and discussed each one with {who}.",
    ),
    "What I learned": (
        "Without routine tests, the history and a careful examination carry the whole assessment.",
        "The local guideline for {condition} differs from the one at home, and for good reasons.",
        "Stock-outs of {drug} change the plan more often than the diagnosis does.",
        "{who} showed me how to weigh the {COMMON} who need oxygen most when there is one concentrator.",
        "Families answer more openly when nobody is rushed.",
        "Watching {who} explain {condition} to a family taught me more than the textbook.",
        "Checking the dose twice takes a minute and has saved lives here.",
    ),
    "What I will do next": (
        "Learn the local dosing table for {drug} by heart.",
        "Ask {who} to watch me examine the next child with {condition}.",
        "Read the national guideline on {condition} before the next shift.",
        "Practise the steps on the skills mannequin {time}.",
        "Write down what I would do at home and compare it with what was done here.",
    ),
    "What I noticed": (
        "On {place} the nurse always greets the eldest relative before the patient.",
        "Families bring food and stay at the bedside day and night.",
        "Many of our {COMMON} see a traditional healer before they come to hospital.",
        "Decisions about surgery are taken by the family, not the patient alone.",
        "Clinics start when the staff and {COMMON} are there, not at the time on the door.",
        "{who} speaks to the {COMMON} in three languages within one morning.",
    ),
    "How it differs from what I know": (
        "At home I go straight to the presenting complaint; here that comes across as rude.",
        "At home we would order a scan; here the plan rests on watching and examining again.",
        "I had expected a conflict between the two systems, but the nurses talk about it without judgement.",
        "Task sharing is much wider than at home: {who} diagnoses and prescribes.",
        "Bad news is given to the family first, and the patient may not be told directly.",
    ),
    "What it means for patients": (
        "Our {COMMON} trust the team more when the greeting is done properly.",
        "Delays in care can be dangerous, but shaming families makes them hide what they tried.",
        "Some {COMMON} do not know how ill they are.",
        "Care is close to home and mostly safe, even without a doctor on site.",
        "The {COMMON} walk for hours; a fixed appointment time would not help them.",
    ),
    "What I will do differently": (
        "Learn the full greeting in the local language and take the extra minute.",
        "Ask what was tried before, openly and without judging.",
        "Ask {COMMON} early how they want information shared.",
        "Respect the experience of {who} and ask more questions.",
    ),
    "The situation": (
        "A woman needed an operation and her husband translated; the conversation was much shorter in his words.",
        "Two children needed oxygen and only one concentrator was working.",
        "A family could not pay for a test that would have changed management of {condition}.",
        "A visiting student wanted photos of an unusual rash for social media.",
        "At night I was asked to do a procedure I had only seen once.",
        "{who} had to decide which of the {COMMON} would get the last bed.",
    ),
    "The principles at stake": (
        "Informed consent and autonomy: was she hearing what we said?",
        "Justice in sharing a scarce resource, and doing good for each of the {COMMON}.",
        "Confidentiality and dignity.",
        "Avoiding harm, and honesty about what I can do.",
    ),
    "What was done": (
        "{who} stepped in and explained everything again.",
        "The decision was taken by saturation and response to {drug}, and maintenance was called.",
        "The social worker found partial funding; the family paid the rest over weeks.",
        "I said I was not yet competent, and {who} came to supervise.",
        "The nurse in charge said no, and explained the hospital policy.",
    ),
    "What I think": (
        "A relative is not a neutral interpreter, however well meaning.",
        "The decision was fair, but it should not fall on one tired doctor at night.",
        "I felt helpless and angry, and I still do not know what would have been right.",
        "Saying no felt awkward but was right.",
        "Consent must be real consent, not a nod from someone who feels they cannot refuse.",
    ),
    "Whom I discussed it with": (
        "My supervisor, who suggested we always ask a staff member to interpret for consent.",
        "The ward team at morning handover.",
        "{who}, over tea after the shift.",
        "The other interns at the weekly teaching session.",
    ),
}
BULLETS = (
    "check the weight before every prescription",
    "greet the eldest relative first",
    "ask a staff member, not family, to interpret for consent",
    "write the plan where the family can read it",
    "review the fluid balance at the evening round",
    "keep the dosing table in my coat pocket",
    "ask what was tried before coming to hospital",
)
RARE_SENTENCES = (
    "{who} suspected " + RARE_WORD + " after the floods, and we started antibiotics before the test came back.",
    "A farmer with fever and red eyes turned out to have " + RARE_WORD + ", which I had only read about.",
)
TOPICS = {
    "clinical": (
        "Ward round on {place}",
        "Night shift in the emergency unit",
        "A child with {condition}",
        "Antenatal clinic",
        "Outreach day",
        "Theatre list",
        "Managing {condition}",
        "First cannula on a child",
    ),
    "cultural": (
        "Greeting the elders first",
        "Family at the bedside",
        "Traditional healer before the hospital",
        "Time and punctuality",
        "Language at triage",
        "Nurses run the health centre",
        "Market day and health education",
    ),
    "ethics": (
        "Consent through a relative",
        "Who gets the last concentrator",
        "Paying for the scan",
        "A photo request on the ward",
        "Limits of my competence",
        "The last bed",
    ),
}
TAGS = {
    "clinical": ("ward-round", "paediatrics", "malaria", "emergency", "obstetrics", "procedures", "night-shift", "hiv"),
    "cultural": ("communication", "family", "interpreters", "traditional-medicine", "wellbeing", "teamwork"),
    "ethics": ("consent", "scarce-resources", "confidentiality", "professionalism", "costs"),
}
SPECIALTIES = ("paediatrics", "obstetrics", "internal medicine", "surgery", "public health", "emergency medicine")
COMMENTS = (
    "Good observation. Next time, write down what you would have done at home and compare.",
    "Well reasoned. Bring this one to Thursday's teaching session, please.",
    "Agreed: ask the pharmacist for the dosing table and keep a copy in your coat.",
    "Thoughtful. What would you do differently if it happened again tomorrow?",
    "Clear and honest. Let's talk about it at our next one-to-one.",
    "This is exactly the kind of reflection the portfolio needs.",
)
REPLIES = ("Thank you, I will.", "Yes, I will bring it on Thursday.", "Good idea, I will ask tomorrow.")
# How many sentences each heading gets, by length: a quick note, an ordinary entry, a long one,
# and how often each length is written (cumulative shares).
LENGTHS = (("short", 0.25, (1, 2)), ("medium", 0.80, (1, 3)), ("long", 1.0, (3, 6)))
_FILLER = re.compile(r"\{(\w+)\}")


def _compile(template: str) -> tuple:
    """A template as pieces: literal strings, and tuples of the options a filler takes (capitalised
    where the sentence starts with one), so filling it is a join of quick random picks."""
    pieces: list = []
    for n, part in enumerate(_FILLER.split(template)):
        if n % 2 == 0:
            pieces.append(part)
        elif part == "COMMON":
            pieces.append(COMMON_WORD)
        else:
            options = FILLERS[part]
            pieces.append(tuple(o[0].upper() + o[1:] for o in options) if n == 1 and not pieces[0] else options)
    if isinstance(pieces[0], str) and pieces[0]:
        pieces[0] = pieces[0][0].upper() + pieces[0][1:]
    return tuple(piece for piece in pieces if piece)


def _compile_all(templates) -> tuple:
    return tuple(_compile(template) for template in templates)


_SENTENCES = {heading: _compile_all(templates) for heading, templates in SENTENCES.items()}
_TOPICS = {kind: _compile_all(templates) for kind, templates in TOPICS.items()}
_RARE = _compile_all(RARE_SENTENCES)


def _fill(rng: random.Random, pieces: tuple) -> str:
    """One sentence from compiled pieces, each filler chosen at random."""
    draw = rng.random
    return "".join(piece if isinstance(piece, str) else piece[int(draw() * len(piece))] for piece in pieces)


def _one(rng: random.Random, options: tuple):
    return options[int(rng.random() * len(options))]


def title(rng: random.Random, kind: str) -> str:
    """A short title for an entry of ``kind``."""
    return _fill(rng, _one(rng, _TOPICS[kind]))


def body(rng: random.Random, kind: str) -> str:
    """A Markdown body under the kind's headings, from a few lines to about a page."""
    draw = rng.random()
    length, (low, high) = next((name, sizes) for name, share, sizes in LENGTHS if draw < share)
    headings = HEADINGS[kind]
    if length == "short":  # a quick note: one or two of the headings
        chosen = rng.sample(range(len(headings)), 1 + (rng.random() < 0.5))
        headings = tuple(headings[n] for n in sorted(chosen))
    parts = []
    for heading in headings:
        pool = _SENTENCES[heading]
        count = min(len(pool), rng.randint(low, high))
        chosen = (_one(rng, pool),) if count == 1 else rng.sample(pool, count)
        parts += ["## " + heading, " ".join(_fill(rng, sentence) for sentence in chosen)]
        if length != "short" and rng.random() < 0.15:
            parts.append("\n".join("- " + item for item in rng.sample(BULLETS, 3)))
    if length == "long" and rng.random() < 0.5:
        parts.insert(2, "*" + _fill(rng, _one(rng, _SENTENCES[headings[0]])) + "*")
    if rng.random() * RARE_EVERY < 1:
        parts.append(_fill(rng, _one(rng, _RARE)))
    return "\n\n".join(parts)


def tags(rng: random.Random, kind: str) -> list[str]:
    """Zero to three of the kind's tags, sorted."""
    return sorted(rng.sample(TAGS[kind], _one(rng, (0, 1, 1, 2, 2, 3))))


def comment(rng: random.Random) -> str:
    """A supervisor's comment."""
    return _one(rng, COMMENTS)


def reply(rng: random.Random) -> str:
    """The author's answer to a comment."""
    return _one(rng, REPLIES)
