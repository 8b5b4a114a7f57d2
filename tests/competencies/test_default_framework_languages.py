"""The default framework in four languages: its words are translated for display only (the database keeps the
English), and only its own; an imported framework reads as it was written."""

import pytest
from sqlalchemy import select

from journal.competencies import frameworks
from journal.competencies.framework_import import parse_framework_data
from journal.extensions import db
from journal.framework_words import display
from journal.framework_words.default_framework import DEFAULT_FRAMEWORK
from journal.framework_words.translations import CANMEDS_ROLES, COMPETENCIES, DOMAINS, FRAMEWORK
from journal.models import Cohort, Competency, User
from tests.conftest import log_in_as
from tests.html import texts

LANGUAGES = ("es", "fr", "pt")
DEFAULT_COMPETENCIES = [c for d in DEFAULT_FRAMEWORK["domains"] for c in d["competencies"]]


def test_every_code_has_a_title_and_a_description_in_each_language():
    assert set(COMPETENCIES) == {c["code"] for c in DEFAULT_COMPETENCIES}
    for competency in DEFAULT_COMPETENCIES:
        translations = COMPETENCIES[competency["code"]]
        assert set(translations) == set(LANGUAGES), competency["code"]
        for language in LANGUAGES:
            title, description = translations[language]
            assert title.strip() == title and description.strip() == description
            assert 0 < len(title) <= 200 and len(description) > 40, (competency["code"], language)
            assert description != competency["description"], (competency["code"], language)


def test_every_domain_role_and_the_framework_itself_are_translated():
    assert set(DOMAINS) == {d["title"] for d in DEFAULT_FRAMEWORK["domains"]}
    assert all(set(words) == set(LANGUAGES) and all(words.values()) for words in DOMAINS.values())
    assert {d["canmeds_role"] for d in DEFAULT_FRAMEWORK["domains"]} <= set(CANMEDS_ROLES)
    assert all(set(words) == set(LANGUAGES) for words in CANMEDS_ROLES.values())
    official = {"es": "Experto médico", "fr": "Expert médical", "pt": "Especialista médico"}
    assert CANMEDS_ROLES["Medical Expert"] == official
    assert set(FRAMEWORK) == set(LANGUAGES) and all(name and text for name, text in FRAMEWORK.values())


def test_the_database_keeps_the_english(app):
    with app.app_context():
        frameworks.default_framework()
        db.session.commit()
        titles = {c.code: c.title for c in db.session.scalars(select(Competency))}
    assert titles == {c["code"]: c["title"] for c in DEFAULT_COMPETENCIES}


@pytest.fixture
def intern_on(make, query):
    """An intern reading in a language, in a cohort using a framework (the default one unless given)."""

    def build(language: str, framework_id: int | None = None):
        cohort = make.cohort()
        intern = make.member(cohort, "intern", name="Inés Intern")

        def assign(session):
            found = framework_id or frameworks.default_framework().id
            session.get(Cohort, cohort.id).framework_id = found
            session.get(User, intern.id).locale = language
            session.commit()

        query(assign)
        return cohort, intern

    return build


def checklist_text(client, cohort, intern) -> str:
    """The text of the checklist's domains (the credit requirements above them are another feature's)."""
    log_in_as(client, intern)
    response = client.get(f"/competencies/{cohort.id}/")
    assert response.status_code == 200
    return " ".join(texts(response.get_data(as_text=True), "details.checklist-domain"))


def test_the_checklist_in_spanish_shows_the_spanish_words(client, intern_on):
    cohort, intern = intern_on("es")
    page = checklist_text(client, cohort, intern)
    assert "CS1 Anamnesis y evaluación con intérprete" in page
    assert "Realiza una anamnesis dirigida y evalúa al paciente" in page
    assert "Habilidades clínicas" in page and "Experto médico" in page and "Promotor de la salud" in page
    assert "History and assessment through an interpreter" not in page
    assert "Clinical skills" not in page


@pytest.mark.parametrize(
    ("language", "title"),
    [("fr", "Anamnèse et évaluation avec un interprète"), ("pt", "Anamnese e avaliação com intérprete")],
)
def test_the_checklist_in_french_and_portuguese(client, intern_on, language, title):
    cohort, intern = intern_on(language)
    assert f"CS1 {title}" in checklist_text(client, cohort, intern)


def test_the_checklist_in_english_shows_the_stored_words(client, intern_on):
    cohort, intern = intern_on("en")
    page = checklist_text(client, cohort, intern)
    assert "CS1 History and assessment through an interpreter" in page and "Clinical skills" in page


def test_an_imported_framework_is_shown_as_written(client, intern_on, query):
    document = {
        "domains": [
            {
                "title": "Habilidades de comunicación",
                "canmeds_role": "Comunicador",
                "competencies": [
                    {
                        "code": "CS1",
                        "title": "Entrevista clínica en quechua",
                        "description": "Realiza la entrevista clínica en quechua con apoyo del equipo local de salud.",
                        "required_level": 3,
                    }
                ],
            }
        ]
    }

    def imported(session):
        framework = frameworks.import_framework("Marco andino", "", parse_framework_data(document), None)
        session.commit()
        return framework.id

    cohort, intern = intern_on("fr", query(imported))
    page = checklist_text(client, cohort, intern)
    assert "CS1 Entrevista clínica en quechua" in page
    assert "Habilidades de comunicación" in page and "Comunicador" in page
    assert "Anamnèse" not in page


def test_a_coordinators_own_version_of_the_default_keeps_its_changed_words(client, intern_on, query):
    document = {
        "domains": [
            {
                "title": "Clinical skills",
                "canmeds_role": "Medical Expert",
                "competencies": [
                    {
                        "code": "CS1",
                        "title": "History taking with a trained interpreter",
                        "description": DEFAULT_COMPETENCIES[0]["description"],
                        "required_level": 3,
                    }
                ],
            }
        ]
    }

    def second_version(session):
        frameworks.default_framework()
        framework = frameworks.import_framework(DEFAULT_FRAMEWORK["name"], "", parse_framework_data(document), None)
        session.commit()
        return framework.id

    cohort, intern = intern_on("es", query(second_version))
    page = checklist_text(client, cohort, intern)
    assert "CS1 History taking with a trained interpreter" in page  # changed: as written
    assert "Realiza una anamnesis dirigida" in page  # unchanged: still the default's words, translated
    assert "Habilidades clínicas" in page


def test_frozen_documents_are_translated_from_their_framework_name(app):
    english = DEFAULT_COMPETENCIES[0]
    with app.test_request_context(headers={"Accept-Language": "pt"}):
        assert (
            display.default_competency_text(DEFAULT_FRAMEWORK["name"], "CS1", english["title"], english["description"])
            == COMPETENCIES["CS1"]["pt"]
        )
        assert display.default_competency_text("Another framework", "CS1", english["title"]) == (english["title"], "")
        assert display.default_domain_title(DEFAULT_FRAMEWORK["name"], "Wellbeing") == "Bem-estar"
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert display.default_domain_title(DEFAULT_FRAMEWORK["name"], "Wellbeing") == "Wellbeing"
