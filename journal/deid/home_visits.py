"""Home visits: the cues that name the village or neighbourhood a doctor visited with a community health worker.

"home visit to X", "went with the CHW to X", "visitamos X" when the sentence names a community health worker:
the place is where a patient lives (``localities`` decides whether the name is a village's).
"""

import re

from journal.deid.place_words import ARTICLE, gate

# Community health workers in the words of several countries: a place they take a doctor to is where a patient
# lives.
_HEALTH_WORKER = (
    r"(?:(?-i:CHWs?|CHVs?|CHAs?|VHTs?|HEWs?|ASHAs?|LHWs?|ACS|APEs?|ASCs?)"
    r"|community\s+health\s+(?:workers?|volunteers?|agents?|assistants?)|health\s+extension\s+workers?"
    r"|village\s+health\s+(?:workers?|volunteers?|team)|lady\s+health\s+workers?|promotor(?:a|es|as)?(?:\s+de\s+salud)?"
    r"|agentes?\s+(?:comunit[áa]ri[oa]s?|de\s+sa[úu]de)(?:\s+de\s+sa[úu]de)?|relais(?:\s+communautaires?)?"
    r"|agents?\s+de\s+sant[ée](?:\s+communautaires?)?)"
)
_WITH_HEALTH_WORKER = re.compile(rf"\b(?i:{_HEALTH_WORKER})\b")
# "visited X", a home visit when the sentence names a community health worker ("the CHW and I visited X").
VISITED = re.compile(
    r"(?i:\b(?:visited|visiting|visitamos|visit[ée]|visit[óo]|visitei|visitou|visitaram|visit[áa]mos)"
    r"(?:\s+(?:à|a|au|en|em))?)\s+(?=[A-ZÀ-Þ])"
)

# A home visit, a walk with a community health worker: "home visit to X", "went with the CHW to X".
_HOME_VISIT = (
    gate(
        "home house household visit visits visita visitas visite visites went go goes going walked walking drove "
        "rode cycled hiked trekked travelled traveled headed fui fuimos fue fueron caminamos caminé camine "
        "subimos bajamos allé allée allés allées alle allee alles allees parti partie partis parties fomos foi "
        "foram caminhei caminhamos"
    ),
    re.compile(  # a home visit, a walk with a community health worker: "home visit to X", "went with the CHW to X"
        r"(?i:\b(?:(?:home|house|household)\s+visits?|visitas?\s+domiciliari[oa]s?|visitas?\s+domiciliar(?:es)?"
        r"|visites?\s+(?:à|a)\s+domicile)\s+(?:to|in|at|en|a|al|em|no|na|ao|à|au|aux|dans)"
        r"|\b(?:went|go|goes|going|walked|walking|drove|rode|cycled|hiked|trekked|travell?ed|headed|fui|fuimos|fue"
        r"|fueron|caminamos|camin[ée]|subimos|bajamos|all[ée]e?s?|partie?s?|fomos|foi|foram|caminhei|caminhamos)"
        r"\s+(?:out\s+)?(?:with|con|avec|com)\s+(?:(?:the|our|a|my|el|la|los|las|nuestr[oa]s?|l['’]|le|les|notre|nos"
        rf"|o|os|as|nossa|nosso)\s*)?{_HEALTH_WORKER}\s+(?:to|into|out\s+to|up\s+to|a|al|hasta|à|au|aux|jusqu['’]à"
        r"|ao|para|até))\s+"
        rf"{ARTICLE}?(?=[A-ZÀ-Þ])"
    ),
)
# The home-visit cues as (opening words, cue); after ``VISITED`` the sentence must name a health worker.
VISIT_CUES = [
    _HOME_VISIT,
    (gate("visited visiting visitamos visité visite visitó visito visitei visitou visitaram visitámos"), VISITED),
]


def with_health_worker(text: str, at: int) -> bool:
    """True when the sentence around ``at`` names a community health worker ("the CHW and I visited X")."""
    start = max(text.rfind(stop, 0, at) for stop in ".;!?\n") + 1
    ends = [e for e in (text.find(stop, at) for stop in ".;!?\n") if e >= 0]
    return bool(_WITH_HEALTH_WORKER.search(text, start, min(ends, default=len(text))))
