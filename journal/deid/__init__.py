"""Spot patient identifiers in what an intern writes, so the journal can warn before an entry is saved or shared.

``find_identifiers(text)`` is a pure function: it returns ``Finding`` spans for the HIPAA Safe Harbor
identifiers that free text can carry (names, dates more precise than a year, ages over 89, phone numbers,
emails, record and card numbers, street addresses and postcodes, URLs, IP addresses). It uses regular
expressions per kind and, for names, context cues (titles, relatives, "named ...") plus a capitalised-word
heuristic filtered by small generic word lists. It warns; it never rewrites text, and it can miss things.
Given the names of the intern's colleagues (``colleagues``), it tells their names apart from patients'.
"""

from bisect import bisect_left
from collections.abc import Iterable

from journal.deid.addresses import find_addresses
from journal.deid.ages import find_ages
from journal.deid.colleagues import with_colleagues
from journal.deid.contact import find_emails, find_ips, find_phones, find_urls
from journal.deid.dates import find_dates
from journal.deid.finding import Finding
from journal.deid.names import find_names
from journal.deid.records import find_ids

__all__ = ["DETECTORS", "Finding", "find_identifiers"]

DETECTORS = (find_emails, find_urls, find_ips, find_dates, find_ids, find_phones, find_addresses, find_ages, find_names)


def find_identifiers(text: str, colleagues: Iterable[str] = ()) -> list[Finding]:
    """Every suspected identifier in ``text``, sorted by start, without overlaps.

    Where two findings overlap, the longer one wins; on a tie, the detector listed first in ``DETECTORS`` wins.
    ``colleagues`` (full names, as in a cohort's roster) are people the intern works with: a name finding
    that is one of them gets the colleague reason, and their names the rules missed are flagged too
    (``journal.deid.colleagues``). Without them, only the rules decide.
    """
    candidates = [(f, rank) for rank, detect in enumerate(DETECTORS) for f in detect(text) if f.end > f.start]
    candidates.sort(key=lambda c: (c[0].start - c[0].end, c[1], c[0].start))
    kept: list[Finding] = []  # sorted by start, without overlaps: a new finding is checked against its neighbours
    for f, _ in candidates:
        at = bisect_left(kept, f.start, key=lambda k: k.start)
        if (at == 0 or kept[at - 1].end <= f.start) and (at == len(kept) or f.end <= kept[at].start):
            kept.insert(at, f)
    return with_colleagues(text, kept, colleagues) if colleagues else kept
