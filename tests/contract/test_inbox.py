"""The inbox contract: a consumer claims each message once, inside the unit of work that does the work."""
from __future__ import annotations

import uuid

from tests.factories import NOW


def test_a_message_is_claimed_once_per_consumer_and_only_when_committed(make_uow):
    message = uuid.uuid4()
    with make_uow() as uow:
        assert uow.inbox.claim("replan", message, NOW) is True
        # not committed: the claim is rolled back with the work
    with make_uow() as uow:
        assert uow.inbox.claim("replan", message, NOW) is True
        assert uow.inbox.claim("replan", message, NOW) is False
        uow.commit()
    with make_uow() as uow:
        assert uow.inbox.claim("replan", message, NOW) is False
        assert uow.inbox.claim("notify", message, NOW) is True
        uow.commit()
