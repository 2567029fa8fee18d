"""The outbound ports' contract, each run on its in-memory twin and its real adapter: e-mail (memory,
SMTP to an aiosmtpd server), webhooks (memory, HTTP to a local receiver), event publishing (memory,
kombu), fine-tuning (memory, the OpenAI SDK against the fake OpenAI server), password hashing (memory,
Argon2)."""
from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone

import pytest
from kombu import Connection

from adapters.argon2.hasher import Argon2PasswordHasher
from adapters.memory.outbound import (MemoryEmailSender, MemoryEventPublisher, MemoryFineTuner,
                                      MemoryPasswordHasher, MemoryWebhookSender)
from adapters.openai.fine_tuning import OpenAIFineTuner
from adapters.rabbitmq.publisher import KombuPublisher
from adapters.rabbitmq.topology import work_queue
from adapters.smtp.sender import SmtpEmailSender
from adapters.webhook.sender import HttpWebhookSender
from domain.errors import ValidationError
from ports.notifications import DeliveryFailed
from ports.outbox import OutboxMessage
from tests.integration.test_smtp_sender import RecordingHandler, free_port
from tests.integration.test_webhook_sender import Receiver


# -- e-mail ------------------------------------------------------------------------------------
@pytest.fixture(params=["memory", "smtp"])
def mailer(request):
    """(sender, inbox()) where inbox lists (to, subject, text) of what arrived."""
    if request.param == "memory":
        sender = MemoryEmailSender()
        yield sender, lambda: [(m.to, m.subject, m.text) for m in sender.sent]
        return
    from aiosmtpd.controller import Controller

    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    sender = SmtpEmailSender("127.0.0.1", controller.port, None, None, "none", "Planloom <planloom@localhost>")
    yield sender, lambda: [(r.rcpt_tos[0], r.message["Subject"], r.message.get_body(("plain",)).get_content().strip())
                           for r in handler.received]
    controller.stop()


def test_an_email_arrives_with_its_subject_and_text(mailer):
    sender, inbox = mailer
    sender.send("ada@example.com", "Deadline at risk", "The report is late.")
    assert inbox() == [("ada@example.com", "Deadline at risk", "The report is late.")]


@pytest.mark.parametrize("address", ["not-an-address", "ada@example.com\r\nBcc: eve@example.com", ""])
def test_a_bad_address_fails_permanently_and_sends_nothing(mailer, address):
    sender, inbox = mailer
    with pytest.raises(DeliveryFailed) as failed:
        sender.send(address, "hello", "text")
    assert failed.value.permanent and inbox() == []


# -- webhooks ----------------------------------------------------------------------------------
@pytest.fixture(params=["memory", "http"])
def hooks(request):
    """(sender, url, received()) where received lists the JSON events that arrived."""
    if request.param == "memory":
        sender = MemoryWebhookSender()
        yield sender, "https://hooks.example.com/planloom", lambda: [d.event for d in sender.delivered]
        return
    receiver = Receiver()
    yield (HttpWebhookSender(allow_private=True), receiver.url(),
           lambda: [json.loads(r.body) for r in receiver.requests])
    receiver.stop()


def test_a_webhook_event_arrives_as_json(hooks):
    sender, url, received = hooks
    event = {"type": "task_overdue", "id": str(uuid.uuid4()), "title": "Pay rent ✓"}
    sender.deliver(url, "s3cret", event)
    assert received() == [event]


@pytest.mark.parametrize("url, secret", [("ftp://hooks.example.com/x", "s"), ("not a url", "s"), (None, "s")])
def test_a_bad_webhook_target_fails_permanently(hooks, url, secret):
    sender, good_url, received = hooks
    with pytest.raises(DeliveryFailed) as failed:
        sender.deliver(url, secret, {"type": "x"})
    assert failed.value.permanent and received() == []


def test_a_webhook_without_a_secret_is_refused(hooks):
    sender, url, received = hooks
    with pytest.raises(DeliveryFailed) as failed:
        sender.deliver(url, "", {"type": "x"})
    assert failed.value.permanent and received() == []


# -- event publishing --------------------------------------------------------------------------
@pytest.fixture(params=["memory", "kombu"])
def publishing(request):
    """(publisher, published()) where published lists what a consumer bound to TaskCreated receives."""
    if request.param == "memory":
        publisher = MemoryEventPublisher()
        yield publisher, lambda: list(publisher.published)
        return
    name = f"contract-{uuid.uuid4().hex[:8]}"
    publisher = KombuPublisher("memory://", consumers={name: ["TaskCreated"]})

    def published():
        out = []
        with Connection("memory://") as conn:
            queue = work_queue(name, ["TaskCreated"])(conn.channel())
            while (message := queue.get(no_ack=True)) is not None:
                out.append((message.properties["message_id"], message.properties["type"], message.payload))
        return [OutboxMessage(uuid.UUID(i), t, p, NOW) for i, t, p in out]

    yield publisher, published
    publisher.close()


NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def test_published_messages_arrive_in_order_with_their_id_name_and_payload(publishing):
    publisher, published = publishing
    messages = [OutboxMessage(uuid.uuid4(), "TaskCreated", {"user_id": str(uuid.uuid4()), "n": i}, NOW)
                for i in range(5)]
    publisher.publish(messages[:2])
    publisher.publish(messages[2:])
    publisher.publish([])
    got = published()
    assert [(m.id, m.name, m.payload) for m in got] == [(m.id, m.name, m.payload) for m in messages]


# -- fine-tuning -------------------------------------------------------------------------------
TRAINING = b'{"messages": [{"role": "user", "content": "tea 3pm"}, {"role": "assistant", "content": "{}"}]}\n'


@pytest.fixture(params=["memory", "openai"])
def tuner(request):
    if request.param == "memory":
        return MemoryFineTuner()
    return OpenAIFineTuner(api_key="sk-test", base_url=request.getfixturevalue("fake_openai").base_url)


def test_a_started_job_can_be_read_back(tuner):
    job = tuner.start(TRAINING, "gpt-4o-mini-2024-07-18", "planloom")
    assert job.id and job.base_model == "gpt-4o-mini-2024-07-18" and job.fine_tuned_model is None
    assert job.status in ("validating_files", "queued", "running")
    again = tuner.status(job.id)
    assert (again.id, again.base_model) == (job.id, job.base_model)


def test_an_empty_training_file_is_refused(tuner):
    with pytest.raises(ValidationError):
        tuner.start(b"  \n", "gpt-4o-mini-2024-07-18", "planloom")


# -- password hashing --------------------------------------------------------------------------
@pytest.fixture(params=["memory", "argon2"])
def hasher(request):
    return MemoryPasswordHasher() if request.param == "memory" else Argon2PasswordHasher(
        time_cost=1, memory_cost=1024, parallelism=1)


def test_a_hash_verifies_its_password_only(hasher):
    hashed = hasher.hash("correct horse")
    assert "correct horse" not in hashed
    assert hasher.verify(hashed, "correct horse")
    assert not hasher.verify(hashed, "correct horsE")


def test_the_same_password_hashes_differently_each_time(hasher):
    assert hasher.hash("same-pass") != hasher.hash("same-pass")


@pytest.mark.parametrize("garbage", ["", "not-a-hash", "$argon2id$v=19$broken", "memory$x"])
def test_verify_answers_false_never_raises_on_a_garbage_hash(hasher, garbage):
    assert hasher.verify(garbage, "anything") is False
    assert hasher.needs_rehash(hasher.hash("fresh-pass")) is False
