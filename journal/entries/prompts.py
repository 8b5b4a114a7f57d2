"""Guided prompts for each kind of entry, from reflective-practice models.

Clinical observations follow Gibbs' reflective cycle in short; cultural
reflections and ethics notes follow "What? So what? Now what?". The prompts
become Markdown headings in a new entry's body, which the intern can keep,
fill or delete.
"""

PROMPTS = {
    "clinical": [
        ("What happened", "Describe the situation without names, dates or details that identify anyone."),
        ("My role", "Did you observe, assist, or perform under supervision?"),
        ("What I learned", "Clinical knowledge, skills, and how the setting shaped the care."),
        ("What I will do next", "What will you read, practise or ask about?"),
    ],
    "cultural": [
        ("What I noticed", "A custom, belief, conversation or way of working."),
        ("How it differs from what I know", "Compare it with practice at home, without judging."),
        ("What it means for patients", "How does it affect health, access and care?"),
        ("What I will do differently", "One thing you will change in how you work."),
    ],
    "ethics": [
        ("The situation", "What happened, told so that nobody can be identified."),
        ("The principles at stake", "Autonomy, beneficence, non-maleficence, justice, confidentiality, consent."),
        ("What was done", "Who decided what, and how."),
        ("What I think", "Your view, and what made it hard."),
        ("Whom I discussed it with", "A supervisor, a colleague, a mentor?"),
    ],
}


def starter_body(kind: str) -> str:
    """The Markdown a new entry of this kind starts with: one heading per prompt."""
    return "\n\n".join(f"## {heading}\n\n" for heading, _ in PROMPTS[kind]).rstrip() + "\n\n"
