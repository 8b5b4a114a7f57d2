"""Fixtures for scheduled work: a real SMTP server on loopback that can go down and come back."""

import pytest
from aiosmtpd.controller import Controller

from tests.cohorts.conftest import Inbox, free_port


class MailServer:
    """An aiosmtpd server on one port, keeping what it receives across a stop and a start."""

    def __init__(self):
        self.inbox, self.port = Inbox(), free_port()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def mail_server():
    server = MailServer()
    server.start()
    yield server
    server.stop()
