"""The project's own annotated notes, and the figures the detector must keep on them (issue #14).

Three sets of journal lines, in the format and with the conventions of the development set that
``../shared/tools/score_spans.py`` reads: ``{"text", "identifiers", "spans": [{"kind", "text"}], "lang"}``. Never
edit a line of the notes to make the detector pass.

``data/notes.jsonl`` holds 310 journal lines written for this suite by someone who had not seen the rules
(their misses were later taken on as classes, each rule tested with other sentences, so these notes now
measure regressions rather than how the rules do on unseen text): 213 in English, 35 in Spanish, 32 in
French, 30 in Portuguese; 137 of them clean. They come from
placements across Africa, South and Southeast Asia, the Andes, Central America, the Caribbean and Brazil, and
they lean on the hard cases (lone first names, names in lower case or in file names, initials, titles in many
languages, ages over 89, local calendars and ID labels, villages and house numbers) and on the look-alikes
(hospitals and streets named after people or dates, festivals, products, peoples, eponyms, placeholders,
clinical numbers).

``data/notes_blind.jsonl`` holds 240 more lines, copied unchanged from a blind set written by someone who never saw
the rules (nor the first notes): 144 in English, 32 each in Spanish, French and Portuguese; 107 of them clean. Its
misses and false alarms were taken on as classes in a second round of rules (informal settlements after origin and
residence cues, numbered sections of camps, "manzana F, lote 12", slashed record numbers after "numéro" or "OPD",
a second code of an identifier's shape, lone and lower-case names before an appositive or a verb, names that are
everyday words used as a subject, names inside file names; and peoples, eponyms, festivals, insurance schemes,
placeholder letters and cited guidance as false alarms), each rule tested with other sentences in the other test
files; so it too now measures regressions.

``data/notes_blind2.jsonl`` holds 200 more lines, copied unchanged from a second blind set written by someone who never
saw the rules: 120 in English, 27 in Spanish, 27 in French, 26 in Portuguese; 90 of them clean. Its misses and false
alarms were taken on as classes in a third round of rules, each tested with other sentences in the other test files:
the settlement noun as part of the address ("Kanyama compound", "colline Mubone", "bairro de Bandim"); "on the 9th",
a weekday before a date and a weekday with a day alone ("le lundi 4 mars", "el sábado 21"), dotted days ("dated
12.03."); identity labels with whose they are and a colon or a bracket before the code ("CNI du père : ...",
"Cédula de la madre: ...", "NIN on the form (...)"), and "processo n.º"; ages in brackets after a name and after
"older than"; a single unknown word with a bed, a phone number in brackets, "the" and a role and a verb, or a
diagnosis as a list entry; given names that are function words after a title ("don Segundo"); names typed in lower
case that are flagged elsewhere in the note; lower-case initials with an age; and as false alarms, software versions
of an IP address's shape, nationalities in the plural, places of an office holder ("le préfet de Kaya"), units named
after people ("the Mercy James paediatric surgery unit", "Kantha Bopha ER"), the faithful of a holy figure ("Jehovah's
Witness"), a unit's or a product's letter by a number ("2 L Ringer's", "F-75"), kits, cities abroad, highways, public
services and what a wound is from ("herida de bala").

The figures are computed the way that scorer computes them. An annotated span is placed at the k-th
occurrence of its text that is not inside a longer word (for the k-th span with that text); it is found when
one finding covers at least half of its characters, whatever the finding's kind. Precision is the share of
findings, on annotated and clean lines alike, that overlap an annotated span. The false-alarm rate is the
share of clean lines with any finding.

notes.jsonl, measured when the notes were written, before any rule was written against them: span recall 0.793
(188/237), span precision 0.931 (190/204), clean-line false-alarm rate 0.080 (11/137). After the round of rules that
took their misses as classes: span recall 0.987 (234/237), precision 1.000 (234/234), false-alarm rate 0.000
(0/137); after the second round, recall 0.992 (235/237), precision 1.000 (235/235), false-alarm rate 0.000.

notes_blind.jsonl, measured when it was added, before any rule was written against it: span recall 0.845
(197/233), span precision 0.952 (199/209), clean-line false-alarm rate 0.075 (8/107); by language, span recall
0.852 en, 0.938 es, 0.812 fr, 0.765 pt, false-alarm rate 0.214 in French. After the second round: span recall
0.996 (232/233), precision 1.000 (232/232), false-alarm rate 0.000 (0/107); span recall 1.000 en, es and fr,
0.971 pt, no false alarm in any language.

notes_blind2.jsonl, measured when it was added, before any rule was written against it: span recall 0.826
(181/219), span precision 0.922 (188/204), clean-line false-alarm rate 0.078 (7/90); by language, span recall
0.829 en, 0.774 es, 0.867 fr, 0.828 pt, false-alarm rate 0.074 en and 0.083 in each of es, fr and pt. After the third
round: span recall 0.945 (207/219), precision 0.986 (206/209), false-alarm rate 0.000 (0/90); span recall 0.930 en,
0.935 es, 1.000 fr, 0.966 pt, no false alarm in any language.

The limits below leave 0.03 of room (recall and precision rounded down, the false-alarm rate rounded up), so a
regression fails and an improvement does not; raise them as the rules get better.
"""

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from journal.deid import find_identifiers

DATA = Path(__file__).parent / "data"
KINDS = {"name", "date", "age", "phone", "email", "id", "address", "url", "ip"}
LANGS = {"en", "es", "fr", "pt"}


@dataclass(frozen=True)
class Floors:
    """The figures a set of notes must keep: least span recall and precision, most clean-line false alarms."""

    span_recall: float
    span_precision: float
    clean_alarm_rate: float


CORPORA = {
    "notes.jsonl": Floors(span_recall=0.95, span_precision=0.97, clean_alarm_rate=0.03),
    "notes_blind.jsonl": Floors(span_recall=0.96, span_precision=0.97, clean_alarm_rate=0.03),
    "notes_blind2.jsonl": Floors(span_recall=0.91, span_precision=0.95, clean_alarm_rate=0.03),
}


def read_notes(name):
    """Every non-blank line of the corpus ``name`` (a file of data/), parsed, in file order."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def whole_word(text, start, end):
    """True when text[start:end] is not part of a longer word (punctuation and underscores are boundaries)."""
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


def place(text, spans):
    """(kind, start, end) of every annotated span, placed as the scorer places them.

    Raises ValueError when a span's text does not occur in the line as often as the annotation needs.
    """
    placed, seen = [], Counter()
    for span in spans:
        sub = span["text"]
        every = [m.start() for m in re.finditer(re.escape(sub), text)]
        whole = [s for s in every if whole_word(text, s, s + len(sub))] or every
        k = seen[sub]
        seen[sub] += 1
        if k >= len(whole):
            raise ValueError(f"{sub!r} does not occur {k + 1} time(s) in: {text}")
        placed.append((span["kind"], whole[k], whole[k] + len(sub)))
    return placed


def overlap(a_start, a_end, b_start, b_end):
    """How many characters two spans share."""
    return max(0, min(a_end, b_end) - max(a_start, b_start))


@dataclass
class Score:
    """What the detector found on the notes: counts for the three figures, and the cases behind them."""

    spans: int = 0
    findings: int = 0
    true_findings: int = 0
    clean_lines: int = 0
    alarmed_lines: int = 0
    missed: list = field(default_factory=list)
    false: list = field(default_factory=list)
    alarms: list = field(default_factory=list)

    def recall(self):
        """Share of annotated spans that one finding covers at least half of."""
        return 1 - len(self.missed) / self.spans

    def precision(self):
        """Share of findings that overlap an annotated span."""
        return self.true_findings / self.findings

    def alarm_rate(self):
        """Share of clean lines with any finding."""
        return self.alarmed_lines / self.clean_lines


def score(notes):
    """Run the detector over every note and count what it found and what it missed."""
    result = Score()
    for note in notes:
        text = note["text"]
        gold = place(text, note["spans"])
        found = [(f.kind, f.start, f.end) for f in find_identifiers(text)]
        if not gold:
            result.clean_lines += 1
            result.alarmed_lines += bool(found)
            result.alarms.extend(f"[{kind}] {text[start:end]!r} in: {text}" for kind, start, end in found)
        for kind, start, end in gold:
            result.spans += 1
            if not any(2 * overlap(start, end, fs, fe) >= end - start for _, fs, fe in found):
                result.missed.append(f"[{kind}] {text[start:end]!r} in: {text}")
        for kind, start, end in found:
            result.findings += 1
            if any(overlap(start, end, s, e) for _, s, e in gold):
                result.true_findings += 1
            else:
                result.false.append(f"[{kind}] {text[start:end]!r} in: {text}")
    return result


def listing(title, cases):
    """A failure message: the title, then one case a line."""
    return "\n".join([title, *(f"  {case}" for case in cases)])


@pytest.fixture(scope="module", params=sorted(CORPORA))
def corpus(request):
    """The name of a corpus of data/, and the detector's score on it, computed once for the module."""
    return request.param, score(read_notes(request.param))


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_notes_are_well_formed(name):
    problems = []
    for number, line in enumerate((DATA / name).read_text(encoding="utf-8").splitlines(), start=1):
        try:
            note = json.loads(line)
            kinds = {span["kind"] for span in note["spans"]}
            if not isinstance(note["text"], str) or note["lang"] not in LANGS:
                problems.append(f"line {number}: text or lang is wrong")
            if not kinds <= KINDS or set(note["identifiers"]) != kinds:
                problems.append(f"line {number}: identifiers {note['identifiers']} and span kinds {kinds} disagree")
            place(note["text"], note["spans"])
        except (ValueError, KeyError, TypeError) as err:
            problems.append(f"line {number}: {err!r}")
    assert not problems, listing(f"Malformed lines in {name}:", problems)


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_notes_cover_every_kind_and_language(name):
    notes = read_notes(name)
    kinds = {span["kind"] for note in notes for span in note["spans"]}
    assert len(notes) >= 200
    assert kinds == KINDS
    assert {note["lang"] for note in notes} == LANGS


def test_span_recall_holds(corpus):
    name, result = corpus
    recall, floor = result.recall(), CORPORA[name].span_recall
    title = f"{name}: span recall {recall:.3f} < {floor}; missed spans:"
    assert recall >= floor, listing(title, result.missed)


def test_span_precision_holds(corpus):
    name, result = corpus
    precision, floor = result.precision(), CORPORA[name].span_precision
    title = f"{name}: span precision {precision:.3f} < {floor}; findings that overlap no annotated span:"
    assert precision >= floor, listing(title, result.false)


def test_clean_line_false_alarms_stay_rare(corpus):
    name, result = corpus
    rate, ceiling = result.alarm_rate(), CORPORA[name].clean_alarm_rate
    title = f"{name}: clean-line false-alarm rate {rate:.3f} > {ceiling}; findings on clean lines:"
    assert rate <= ceiling, listing(title, result.alarms)
