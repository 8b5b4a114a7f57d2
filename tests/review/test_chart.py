"""The dashboard's weekly chart: stacked bars placed by ``weekly_chart``, drawn by the macro with
a title, a description and the figures of every week in words."""

from datetime import date, timedelta

from flask import render_template_string

from journal.review.chart import weekly_chart
from tests.html import attributes, one, text_of, texts

MONDAY = date(2026, 3, 2)


def week(n: int, clinical: int = 0, cultural: int = 0, ethics: int = 0) -> tuple[date, dict[str, int]]:
    return MONDAY + timedelta(weeks=n), {"clinical": clinical, "cultural": cultural, "ethics": ethics}


def drawn(app, weeks, today: date) -> str:
    """The SVG the macro draws for ``weeks``."""
    with app.test_request_context():
        return render_template_string(
            '{% from "macros/charts.html" import weekly_chart %}{{ weekly_chart(chart) }}',
            chart=weekly_chart(weeks, today),
        )


def test_the_chart_is_an_image_with_a_text_alternative(app):
    svg = drawn(app, [week(0, 2, 1), week(1, 3, 0, 1), week(2, 1)], today=MONDAY + timedelta(days=15))
    assert one(svg, "svg")["role"] == "img" and one(svg, "svg")["aria-labelledby"] == "weekly-title weekly-desc"
    assert text_of(svg, "#weekly-title") == "Entries per week, by kind"
    assert text_of(svg, "#weekly-desc") == (
        "8 entries in 3 weeks; the busiest was the week of 9 Mar, with 4. The table below gives every week."
    )
    assert texts(svg, "g > title") == [
        "Week of 2 Mar: 2 clinical, 1 cultural, 0 ethics (3 entries)",
        "Week of 9 Mar: 3 clinical, 0 cultural, 1 ethics (4 entries)",
        "Week of 16 Mar: 1 clinical, 0 cultural, 0 ethics (1 entry, so far)",
    ]


def test_bars_stack_from_the_bottom_on_a_scale_of_whole_entries(app):
    svg = drawn(app, [week(0, 2, 1, 1)], today=MONDAY)
    assert texts(svg, "text.chart-label")[:5] == ["0", "1", "2", "3", "4"]
    assert attributes(svg, "rect.bar", "class") == [
        ["bar", "bar-clinical"],
        ["bar", "bar-cultural"],
        ["bar", "bar-ethics"],
    ]
    assert attributes(svg, "rect.bar", "y") == ["70.0", "40.0", "10.0"]  # the plot is 120 high, from y=10
    assert attributes(svg, "rect.bar", "height") == ["60.0", "30.0", "30.0"]


def test_an_empty_placement_names_no_busiest_week(app):
    svg = drawn(app, [week(0), week(1)], today=MONDAY)
    assert text_of(svg, "#weekly-desc") == "0 entries in 2 weeks. The table below gives every week."
    assert not one(svg, "svg").select("rect.bar") and len(one(svg, "svg").select("rect.bar-target")) == 2


def test_a_long_placement_writes_a_date_under_some_bars_only(app):
    chart = weekly_chart([week(n, 1) for n in range(40)], today=MONDAY)
    assert chart.slot == 9 and [bar.label_x is not None for bar in chart.bars[:6]] == [True] + [False] * 4 + [True]
    svg = drawn(app, [week(n, 1) for n in range(40)], today=MONDAY)
    assert texts(svg, 'text[text-anchor="middle"]')[:2] == ["2 Mar", "6 Apr"]
