"""Learning from corrections: training pairs, learned durations, a per-user fine-tuned model."""
from __future__ import annotations

import json

from domain import commands
from tests.conftest import random_email
from tests.e2e.conftest import PASSWORD, Api, assert_problem, sign_up


def _quick_add_and_fix(user, text, **fix):
    task = user.post("/api/v1/tasks/quick-add", json={"text": text}).get_json()["tasks"][0]
    if fix:
        assert user.patch(f"/api/v1/tasks/{task['id']}", json=fix).status_code == 200
    return task


def test_edits_right_after_quick_add_become_training_pairs(alice):
    _quick_add_and_fix(alice, "buy milk tomorrow", title="buy oat milk", priority=2)
    _quick_add_and_fix(alice, "call bob")  # not corrected: not a training pair
    response = alice.get("/api/v1/ai/training-data")
    assert response.status_code == 200 and response.mimetype == "application/jsonl"
    lines = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    assert len(lines) == 1
    roles = [m["role"] for m in lines[0]["messages"]]
    assert roles == ["system", "user", "assistant"]
    assert json.loads(lines[0]["messages"][1]["content"])["text"] == "buy milk tomorrow"
    corrected = json.loads(lines[0]["messages"][2]["content"])["tasks"][0]
    assert corrected["title"] == "buy oat milk" and corrected["priority"] == 2


def test_durations_are_learned_from_finished_tasks(alice):
    for minutes in (90, 120, 100):
        task = alice.post("/api/v1/tasks", json={"title": "gym", "tags": ["gym"], "duration_minutes": minutes}).get_json()
        alice.patch(f"/api/v1/tasks/{task['id']}", json={"status": "done"})
    learned = alice.post("/api/v1/tasks/quick-add", json={"text": "leg day @gym"}).get_json()["tasks"][0]
    assert learned["duration_minutes"] == 100
    plain = alice.post("/api/v1/tasks/quick-add", json={"text": "water plants"}).get_json()["tasks"][0]
    assert plain["duration_minutes"] == 30


def test_fine_tuning_needs_a_server_and_enough_pairs(make_app):
    alice = sign_up(make_app("sqlite").test_client())  # no fine-tuning server configured (memory has a twin)
    assert_problem(alice.post("/api/v1/ai/fine-tunes", json={}), 409)
    assert_problem(alice.get("/api/v1/ai/fine-tunes"), 404)


def _openai_app(make_app, fake_openai, **settings):
    return make_app("sqlite", openai_model="gpt-test", openai_api_key="sk-test", openai_base_url=fake_openai.base_url,
                    **settings)


def _admin(app):
    email = random_email()
    app.container.bus().handle(commands.RegisterUser(email=email, password=PASSWORD, role="admin"))
    client = app.test_client()
    tokens = client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD}).get_json()
    return Api(client, email, tokens, tokens["user"])


def _train(user, fake_openai, pairs=10):
    for i in range(pairs):
        fake_openai.answer({"tasks": [{"title": f"thing {i}"}]})
        _quick_add_and_fix(user, f"thing {i}", title=f"fixed thing {i}")


def test_fine_tuning_is_for_admins_by_default(make_app, fake_openai):
    app = _openai_app(make_app, fake_openai, fine_tune_models=["gpt-base"])
    user = sign_up(app.test_client())
    _train(user, fake_openai)
    assert_problem(user.post("/api/v1/ai/fine-tunes", json={"base_model": "gpt-base"}), 403)
    assert fake_openai.uploaded == {}  # nothing paid for


def test_fine_tuning_takes_base_models_from_the_allow_list_only(make_app, fake_openai):
    app = _openai_app(make_app, fake_openai, fine_tune_models=["gpt-base", "gpt-other"])
    admin = _admin(app)
    _train(admin, fake_openai)
    refused = assert_problem(admin.post("/api/v1/ai/fine-tunes", json={"base_model": "gpt-4-very-expensive"}),
                             422, "base_model")
    assert "gpt-base" in str(refused["errors"]["base_model"])
    assert fake_openai.uploaded == {}
    assert admin.post("/api/v1/ai/fine-tunes", json={"base_model": "gpt-other"}).status_code == 202


def test_a_monthly_quota_opens_fine_tuning_to_users(make_app, fake_openai):
    app = _openai_app(make_app, fake_openai, fine_tune_models=["gpt-base"], fine_tune_user_monthly_quota=1)
    user = sign_up(app.test_client())
    _train(user, fake_openai)
    job = user.post("/api/v1/ai/fine-tunes", json={}).get_json()  # the first allowed model by default
    assert job["base_model"] == "gpt-base"
    fake_openai.finish_job(job["job_id"])
    assert user.get("/api/v1/ai/fine-tunes").get_json()["status"] == "succeeded"
    again = assert_problem(user.post("/api/v1/ai/fine-tunes", json={}), 409)
    assert "quota" in again["detail"]
    assert len(fake_openai.uploaded) == 1


def test_the_openapi_document_tells_the_rules(client):
    operation = client.get("/api/v1/openapi.json").get_json()["paths"]["/api/v1/ai/fine-tunes"]["post"]
    assert "admin" in operation["description"] and "PLANLOOM_FINE_TUNE_MODELS" in operation["description"]
    assert {"403", "409", "422"} <= set(operation["responses"])


def test_fine_tune_then_parse_with_the_users_model(make_app, fake_openai):
    app = _openai_app(make_app, fake_openai, fine_tune_models=["gpt-base"])
    user = _admin(app)
    assert_problem(user.post("/api/v1/ai/fine-tunes", json={}), 422, "training_data")
    _train(user, fake_openai)
    started = user.post("/api/v1/ai/fine-tunes", json={"base_model": "gpt-base"})
    assert started.status_code == 202, started.get_json()
    job = started.get_json()
    assert job["base_model"] == "gpt-base" and job["fine_tuned_model"] is None
    uploaded = [entry["content"] for entry in fake_openai.uploaded.values()]
    assert len(uploaded) == 1 and uploaded[0].count(b"\n") == 10
    fake_openai.finish_job(job["job_id"])
    refreshed = user.get("/api/v1/ai/fine-tunes").get_json()
    assert refreshed["status"] == "succeeded" and refreshed["fine_tuned_model"]
    fake_openai.answer({"tasks": [{"title": "from my model"}]})
    parsed = user.post("/api/v1/ai/parse", json={"text": "something"}).get_json()
    assert parsed["engine"] == "openai" and parsed["tasks"][0]["title"] == "from my model"
    assert fake_openai.chat_requests[-1].json["model"] == refreshed["fine_tuned_model"]
