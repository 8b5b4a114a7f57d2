"""Tests of the identifier detector (``journal.deid``), one module per kind, and the helper they share."""


def flagged_by(detect):
    """A function that gives the flagged text of every finding of ``detect`` (one of the detectors) in a text."""

    def flagged(text):
        return [text[f.start : f.end] for f in detect(text)]

    flagged.__doc__ = f"The flagged text of every finding of {detect.__name__} in text."
    return flagged
