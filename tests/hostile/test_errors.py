"""When something does fail, the person still gets the friendly 500 page, not a bare server error."""

from sqlalchemy import text

from journal.extensions import db
from tests.hostile import harness


def test_a_statement_the_database_refuses_still_gets_the_friendly_page(app, make):
    """PostgreSQL leaves the transaction unusable after a refused statement, and the error page
    itself needs the database (it loads the logged-in person): the handler must roll back first."""

    @app.get("/hostile-test/refused-statement")
    def refused_statement():
        db.session.execute(text("SELECT * FROM no_such_table"))
        return "not reached"

    client = harness.client_as(app, make.user())
    with harness.error_log() as log:
        response = client.get("/hostile-test/refused-statement")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.get_data(as_text=True)
    assert "Unhandled error" in log.text()
