"""Dates and numbers typed by hand, as people write them in their language.

The entry forms use ``<input type=date>``, and browsers with a date picker send ISO dates (2026-12-05).
A browser without one sends what was typed: "05/12/2026", "5.12.26", "5 dic 2026", "5 de dezembro de 2026".
Those are read day, month, year, the order in which the app writes dates in every language (so in English
too: 05/12/2026 is 5 December), with the month's name in the current language or in English.

Numbers (hours) are typed in a text box, and shown back in one the way they were typed, or, when they come
from the database, the way people write them in their language: 2.5 hours read "2.5" ("2,5" in French,
Spanish or Portuguese), never "2.50"; 3 hours read "3".
"""

import re
from datetime import date
from decimal import Decimal

from babel import Locale
from babel.dates import get_month_names, parse_date
from babel.numbers import NumberFormatError, format_decimal, parse_decimal
from flask_babel import get_locale
from wtforms import DateField, DecimalField
from wtforms.widgets import TextInput

from journal import i18n

_NUMBERS = re.compile(r"\d+")
_WORDS = re.compile(r"[^\W\d_]+")


def _month_numbers(locale: Locale) -> dict[str, int]:
    """Every name of every month, wide and abbreviated, lower case and without a final dot: in English,
    then in ``locale`` (which wins where the two differ)."""
    names: dict[str, int] = {}
    for language in (Locale.parse(i18n.DEFAULT), locale):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, language).items():
                    names[name.lower().rstrip(".")] = number
    return names


def _named_month(text: str, locale: Locale) -> int | None:
    """The month ``text`` names in words, if it names exactly one."""
    names = _month_numbers(locale)
    found = {names[word] for word in _WORDS.findall(text.lower()) if word in names}
    return found.pop() if len(found) == 1 else None


def typed_date(text: str) -> date | None:
    """The date in ``text`` as people type it in the current language (see the module), or None.

    Numbers alone are read day, month, year ("05/12/2026", "5-12-26"), or year, month, day when the year
    comes first with its four digits ("2026/12/05"); a month in words takes the day and the year from the
    numbers around it ("5 dic 2026", "December 5, 2026"). Babel checks the date and completes a two-digit year.
    """
    locale = get_locale() or Locale.parse(i18n.DEFAULT)
    numbers = _NUMBERS.findall(text)
    month = _named_month(text, locale)
    try:
        if month is not None:
            if len(numbers) != 2:
                return None
            day, year = numbers if len(numbers[0]) < 4 else reversed(numbers)
            return parse_date(f"{day} {month} {year}", locale=locale, format="d M y")
        if len(numbers) != 3:
            return None
        order = "y M d" if len(numbers[0]) == 4 else "d M y"
        return parse_date(" ".join(numbers), locale=locale, format=order)
    except ValueError:  # babel's ParseError too: no such day
        return None


class TypedDateField(DateField):
    """A ``DateField`` (``<input type=date>``, ISO from a date picker) that also reads a date typed by hand
    in the current language (``typed_date``)."""

    def process_formdata(self, valuelist):
        """The ISO date sent, else the typed one; raises WTForms' own "Not a valid date value." otherwise."""
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = typed_date(" ".join(valuelist))
            if self.data is None:
                raise


def typed_number(value: Decimal) -> str:
    """A number as people type it in the current language: its decimal sign, no thousands separator, no
    trailing zeros, at most two decimals (2.5, 2,5, 3, 0.25)."""
    return format_decimal(value, format="0.##", locale=get_locale() or i18n.DEFAULT)


class TypedDecimalField(DecimalField):
    """A ``DecimalField`` that reads a number typed by hand the current language's way: ``1,5`` and ``1.000``
    in Spanish or Portuguese, ``1 000,5`` in French; a decimal comma is read in English too, since nobody
    types hours by the thousand. Its box is a text input (a number input holds no "2,5"), and shows the
    number as typed, else as ``typed_number`` writes it."""

    widget = TextInput()

    def _value(self) -> str:
        """What the box shows: what was sent (a refused form, a restored draft), else the number as the
        reader writes it (2.50 from the database shows "2.5", or "2,5"), else nothing."""
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        try:
            return typed_number(Decimal(self.data))
        except ArithmeticError:  # not a finite number: shown as it is
            return str(self.data)

    def process_formdata(self, valuelist):
        text = valuelist[0].strip() if valuelist else ""
        if text:
            try:
                self.data = parse_decimal(text, locale=get_locale() or i18n.DEFAULT, strict=True)
                self._exact()
                return
            except NumberFormatError:
                if "," in text and "." not in text:
                    valuelist = [text.replace(",", ".", 1)]
        super().process_formdata(valuelist)
        self._exact()

    def _exact(self) -> None:
        """Keep the number only if the field's decimal places hold it exactly: ``0.2500000000000000000000001``
        or ``1e-999999999`` are refused rather than rounded, and an exponent no database column takes
        (``0e999999999``) is written plainly (``0.00``)."""
        if self.data is None or self.places is None or not self.data.is_finite():
            return
        if abs(self.data.adjusted()) > 12:
            rounded = None if self.data else self.data.quantize(Decimal(1).scaleb(-self.places))
        else:
            rounded = self.data.quantize(Decimal(1).scaleb(-self.places))
        if rounded is None or rounded != self.data:
            self.data = None
            raise ValueError(self.gettext("Not a valid decimal value."))
        self.data = rounded
