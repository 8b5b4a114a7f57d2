"""Guided prompts for each kind of entry, from reflective-practice models.

Clinical observations follow Gibbs' reflective cycle in short; cultural
reflections and ethics notes follow "What? So what? Now what?". The prompts
become Markdown headings in a new entry's body, which the intern can keep,
fill or delete. They are lazy: put in the intern's language when shown, and
when a new entry's body is made from them.
"""

from flask_babel import lazy_gettext as _l

PROMPTS = {
    "clinical": [
        (_l("What happened"), _l("Describe the situation without names, dates or details that identify anyone.")),
        (_l("My role"), _l("Did you observe, assist, or perform under supervision?")),
        (_l("What I learned"), _l("Clinical knowledge, skills, and how the setting shaped the care.")),
        (_l("What I will do next"), _l("What will you read, practise or ask about?")),
    ],
    "cultural": [
        (_l("What I noticed"), _l("A custom, belief, conversation or way of working.")),
        (_l("How it differs from what I know"), _l("Compare it with practice at home, without judging.")),
        (_l("What it means for patients"), _l("How does it affect health, access and care?")),
        (_l("What I will do differently"), _l("One thing you will change in how you work.")),
    ],
    "ethics": [
        (_l("The situation"), _l("What happened, told so that nobody can be identified.")),
        (
            _l("The principles at stake"),
            _l("Autonomy, beneficence, non-maleficence, justice, confidentiality, consent."),
        ),
        (_l("What was done"), _l("Who decided what, and how.")),
        (_l("What I think"), _l("Your view, and what made it hard.")),
        (_l("Whom I discussed it with"), _l("A supervisor, a colleague, a mentor?")),
    ],
}


def starter_body(kind: str) -> str:
    """The Markdown a new entry of this kind starts with: one heading per prompt."""
    return "\n\n".join(f"## {heading}\n\n" for heading, _hint in PROMPTS[kind]).rstrip() + "\n\n"
