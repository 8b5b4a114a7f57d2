"""Running work in several threads released at the same instant, as two schedulers or two senders would."""

import threading
from collections.abc import Callable, Sequence

from journal.extensions import db


def at_the_same_moment(app, works: Sequence[Callable[[], object]], timeout: float = 60) -> None:
    """Run each of ``works`` in a thread of its own, inside an app context of its own (its own database
    session), all released together by a barrier; wait for them, and fail if one raised or did not end."""
    start, errors = threading.Barrier(len(works)), []

    def run(work) -> None:
        try:
            with app.app_context():
                start.wait()
                work()
                db.session.remove()
        except Exception as error:  # reported below, in the test's own thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(work,)) for work in works]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "a thread did not end"
    assert errors == []
