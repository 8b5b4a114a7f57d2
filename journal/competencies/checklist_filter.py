"""What a checklist page shows: a filter by domain and by state, and which domains are open.

A framework has dozens of competencies, so the checklist pages (the intern's own and the supervisor's
intern page) show each domain collapsed behind one line of figures and let the reader narrow the list.
The filter is read from the query string: a GET form with a visible Apply button works without
JavaScript, and a filtered list keeps its own address. A value that is not one of the choices is
ignored and the form says why; it is never a server error. Filtering works on the checklist already
loaded, so it adds no query.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField
from wtforms.validators import Optional

from journal.competencies.checklist import STATE_LABELS, Checklist, Item
from journal.framework_words.display import domain_title
from journal.models import Domain
from journal.params import database_id

ALL = ""  # the value of "all domains" and "every state"


class ChecklistFilterForm(FlaskForm):
    """The checklist's filters (GET, no CSRF): one domain and one state; the empty choice means all."""

    class Meta:
        csrf = False

    domain = SelectField(
        _l("Domain"),
        validators=[Optional()],
        invalid_choice_message=_l("That domain is not in this framework: every domain is shown."),
    )
    state = SelectField(
        _l("State"),
        validators=[Optional()],
        invalid_choice_message=_l("That state does not exist: every state is shown."),
    )


@dataclass
class DomainGroup:
    """One domain as the page shows it: the competencies the filter keeps, figures over all of them, open or not."""

    domain: Domain
    items: list[Item]  # the competencies shown (all of them when nothing is filtered)
    total: int  # every competency of the domain
    met: int  # signed off at or above the required level
    states: dict[str, int] = field(default_factory=dict)  # count per state, in STATE_LABELS order, none at zero
    open: bool = False

    def state_figures(self, *skipped: str) -> list[tuple[str, str, int]]:
        """(state, its words, how many) for each state present but ``skipped``, in the checklist's order."""
        return [(state, str(STATE_LABELS[state]), n) for state, n in self.states.items() if state not in skipped]


@dataclass
class ChecklistPage:
    """The checklist as one page shows it: the filter form, and the domains that hold a competency shown."""

    form: ChecklistFilterForm
    groups: list[DomainGroup]
    filtered: bool  # a valid domain or state narrows the list

    @property
    def shown_count(self) -> int:
        """How many competencies are listed."""
        return sum(len(group.items) for group in self.groups)


def filter_form(checklist: Checklist, args: Mapping) -> ChecklistFilterForm:
    """The filter form read from the query string, its choices the checklist's domains and the states.

    Validated here: a value that is not a choice carries an error and counts as not given.
    """
    form = ChecklistFilterForm(formdata=args)
    form.domain.choices = [SelectChoice(ALL, _l("All domains"))] + [
        SelectChoice(str(domain.id), domain_title(domain)) for domain, _ in checklist.domains
    ]
    form.state.choices = [SelectChoice(ALL, _l("Every state"))] + [
        SelectChoice(state, label) for state, label in STATE_LABELS.items()
    ]
    form.validate()
    return form


def _chosen(form_field: SelectField) -> str | None:
    """The field's value when it is a valid choice other than "all", else None."""
    return form_field.data if form_field.data and not form_field.errors else None


def _open_id(args: Mapping) -> int | None:
    """The competency named by ``?open=`` (the one a link points at), or None when absent or not an id."""
    try:
        return database_id(args.get("open", ""))
    except ValueError:
        return None


def checklist_page(checklist: Checklist, args: Mapping, open_states: Iterable[str] = ()) -> ChecklistPage:
    """The domains to show for the query string ``args`` (``domain``, ``state``, ``open``).

    A domain is listed when it holds a competency the filter keeps. It is open when a filter is in force,
    when it holds the competency ``?open=`` names, when it holds one in ``open_states`` (what waits for the
    reader), or when it is the framework's only domain; otherwise only its line of figures shows.
    """
    form = filter_form(checklist, args)
    domain_id, state = _chosen(form.domain), _chosen(form.state)
    filtered = domain_id is not None or state is not None
    open_id, open_states = _open_id(args), set(open_states)
    groups = []
    for domain, items in checklist.domains:
        if domain_id is not None and str(domain.id) != domain_id:
            continue
        shown = [item for item in items if state is None or item.state == state]
        if not shown:
            continue
        counts = {name: sum(item.state == name for item in items) for name in STATE_LABELS}
        wanted = any(item.competency.id == open_id or item.state in open_states for item in items)
        groups.append(
            DomainGroup(
                domain=domain,
                items=shown,
                total=len(items),
                met=sum(item.met for item in items),
                states={name: count for name, count in counts.items() if count},
                open=filtered or wanted or len(checklist.domains) == 1,
            )
        )
    return ChecklistPage(form=form, groups=groups, filtered=filtered)
