"""The repository and unit-of-work contract, run on memory, SQLite and PostgreSQL."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest

from domain import events
from domain.errors import StaleVersion
from domain.model import TaskQuery, TaskStatus, TimeBlock
from tests.factories import NOW, a_category, a_tag, a_task, a_user


def _saved_user(make_uow, **overrides):
    user = a_user(**overrides)
    with make_uow() as uow:
        uow.users.add(user)
        uow.commit()
    return user


def _saved_task(make_uow, user, **values):
    task = a_task(user, **values)
    with make_uow() as uow:
        for name in task.tags:
            if not uow.tags.get_by_names(user.id, [name]):
                uow.tags.add(a_tag(user, name))
        uow.tasks.add(task)
        uow.commit()
    return task


def test_user_round_trip_and_lookup_by_email(make_uow):
    user = _saved_user(make_uow)
    with make_uow() as uow:
        assert uow.users.get(user.id) == user
        assert uow.users.get_by_email(user.email.upper()) == user


def test_nothing_is_stored_without_commit(make_uow):
    user = a_user()
    with make_uow() as uow:
        uow.users.add(user)
    with make_uow() as uow:
        assert uow.users.get(user.id) is None


def test_task_round_trip_keeps_every_field(make_uow):
    user = _saved_user(make_uow)
    dep = _saved_task(make_uow, user)
    due = datetime(2026, 3, 6, 17, 0, tzinfo=timezone(timedelta(hours=1)))
    task = _saved_task(make_uow, user, notes="see doc", duration_minutes=180, due=due,
                       earliest_start=NOW, priority=1, tags=["work", "q3", "report"], splittable=True,
                       min_chunk_minutes=45, depends_on=[dep.id], recurrence="FREQ=WEEKLY;BYDAY=MO")
    with make_uow() as uow:
        loaded = uow.tasks.get(user.id, task.id)
    assert loaded == task
    assert loaded.tags == ("work", "q3", "report")
    assert loaded.due == due and loaded.due.utcoffset() == timedelta(0)


def test_update_persists_and_bumps_version(make_uow):
    user = _saved_user(make_uow)
    task = _saved_task(make_uow, user)
    with make_uow() as uow:
        loaded = uow.tasks.get(user.id, task.id)
        loaded.update({"title": "renamed", "status": "done"}, NOW + timedelta(hours=1))
        uow.commit()
    with make_uow() as uow:
        again = uow.tasks.get(user.id, task.id)
    assert (again.title, again.status, again.version) == ("renamed", TaskStatus.DONE, 2)
    assert again.completed_at == NOW + timedelta(hours=1)


def test_concurrent_updates_lose_nothing_silently(make_uow):
    user = _saved_user(make_uow)
    task = _saved_task(make_uow, user)
    first, second = make_uow(), make_uow()
    with first, second:
        a = first.tasks.get(user.id, task.id)
        b = second.tasks.get(user.id, task.id)
        a.update({"title": "from A"}, NOW)
        first.commit()
        b.update({"title": "from B"}, NOW)
        with pytest.raises(StaleVersion):
            second.commit()
    with make_uow() as uow:
        assert uow.tasks.get(user.id, task.id).title == "from A"


def test_another_users_task_is_invisible(make_uow):
    alice, bob = _saved_user(make_uow), _saved_user(make_uow)
    task = _saved_task(make_uow, alice, tags=["secret"])
    with make_uow() as uow:
        assert uow.tasks.get(bob.id, task.id) is None
        assert uow.tasks.list(bob.id, TaskQuery()) == ([], 0)
        assert uow.tasks.existing_ids(bob.id, [task.id]) == set()
        assert uow.tags.get_by_names(bob.id, ["secret"]) == []


def test_list_filters_sorts_and_pages(make_uow):
    user = _saved_user(make_uow)
    cat = a_category(user, "Work")
    with make_uow() as uow:
        uow.categories.add(cat)
        uow.commit()
    base = datetime(2026, 3, 10, 12, tzinfo=timezone.utc)
    made = [
        _saved_task(make_uow, user, title="Write 100% report", due=base, priority=1, category_id=cat.id, tags=["a"]),
        _saved_task(make_uow, user, title="Call plumber", due=base + timedelta(days=1), priority=2, tags=["a", "b"]),
        _saved_task(make_uow, user, title="read_me notes", notes="about the REPORT", priority=3),
        _saved_task(make_uow, user, title="Done thing", status="done", due=base - timedelta(days=1)),
    ]
    with make_uow() as uow:
        def titles(**kw):
            items, total = uow.tasks.list(user.id, TaskQuery(**kw))
            return [t.title for t in items], total

        assert titles(status=(TaskStatus.TODO,), sort="priority") == (
            ["Write 100% report", "Call plumber", "read_me notes"], 3)
        assert titles(category_id=cat.id) == (["Write 100% report"], 1)
        assert titles(tag="b") == (["Call plumber"], 1)
        assert titles(q="report", sort="title")[1] == 2
        assert titles(q="100%") == (["Write 100% report"], 1)
        assert titles(q="re_d") == ([], 0)  # underscore is literal, not a wildcard
        assert titles(due_before=base + timedelta(hours=1), due_after=base - timedelta(hours=1)) == (
            ["Write 100% report"], 1)
        assert titles(sort="-due")[0] == ["Call plumber", "Write 100% report", "Done thing", "read_me notes"]
        assert titles(sort="due")[0] == ["Done thing", "Write 100% report", "Call plumber", "read_me notes"]
        page, total = uow.tasks.list(user.id, TaskQuery(sort="priority", offset=1, limit=2))
        assert total == 4 and [t.priority for t in page] == [2, 3]
        assert uow.tasks.list(user.id, TaskQuery(offset=10, limit=5)) == ([], 4)
    assert {t.id for t in made}


def test_list_filters_routines_by_their_recurrence_rule(make_uow):
    user = _saved_user(make_uow)
    _saved_task(make_uow, user, title="Stand-up", recurrence="FREQ=DAILY")
    _saved_task(make_uow, user, title="Weekly review", recurrence="FREQ=WEEKLY;BYDAY=FR")
    _saved_task(make_uow, user, title="Once")
    with make_uow() as uow:
        def titles(**kw):
            items, total = uow.tasks.list(user.id, TaskQuery(sort="title", **kw))
            return [t.title for t in items], total

        assert titles(recurring=True) == (["Stand-up", "Weekly review"], 2)
        assert titles(recurring=False) == (["Once"], 1)
        assert titles()[1] == 3
        assert titles(recurring=True, q="review") == (["Weekly review"], 1)


def test_delete_task_unlinks_dependants_and_blocks(make_uow):
    user = _saved_user(make_uow)
    first = _saved_task(make_uow, user)
    second = _saved_task(make_uow, user, depends_on=[first.id])
    block = TimeBlock(id=__import__("uuid").uuid4(), user_id=user.id, task_id=first.id,
                      start=NOW, end=NOW + timedelta(hours=1))
    with make_uow() as uow:
        uow.blocks.save(block)
        uow.commit()
    with make_uow() as uow:
        assert uow.tasks.dependency_graph(user.id) == {second.id: frozenset({first.id})}
        uow.tasks.delete(uow.tasks.get(user.id, first.id))
        uow.commit()
    with make_uow() as uow:
        assert uow.tasks.get(user.id, first.id) is None
        assert uow.tasks.get(user.id, second.id).depends_on == frozenset()
        assert uow.blocks.list(user.id) == []


def test_category_delete_and_tag_rename_reach_tasks(make_uow):
    user = _saved_user(make_uow)
    cat = a_category(user, "Home")
    with make_uow() as uow:
        uow.categories.add(cat)
        uow.commit()
    task = _saved_task(make_uow, user, category_id=cat.id, tags=["errand", "keep"])
    with make_uow() as uow:
        assert uow.categories.get_by_name(user.id, "HOME").id == cat.id
        tag = uow.tags.get_by_names(user.id, ["errand"])[0]
        tag.rename("shopping")
        uow.tags.add(tag)
        uow.categories.delete(cat)
        uow.commit()
    with make_uow() as uow:
        loaded = uow.tasks.get(user.id, task.id)
        assert loaded.category_id is None
        assert loaded.tags == ("shopping", "keep")
        assert [t.tags for t in uow.tasks.list(user.id, TaskQuery())[0]] == [("shopping", "keep")]
        assert [t.id for t in uow.tasks.list(user.id, TaskQuery(tag="shopping"))[0]] == [task.id]
        uow.tags.delete(uow.tags.get_by_names(user.id, ["keep"])[0])
        uow.commit()
    with make_uow() as uow:
        assert uow.tasks.get(user.id, task.id).tags == ("shopping",)
        assert [t.tags for t in uow.tasks.list(user.id, TaskQuery())[0]] == [("shopping",)]
        assert [t.name for t in uow.tags.list(user.id)] == ["shopping"]


def test_events_of_touched_aggregates_are_collected_once(make_uow):
    user = _saved_user(make_uow)
    task = a_task(user)
    uow = make_uow()
    with uow:
        uow.tasks.add(task)
        uow.commit()
    collected = list(uow.collect_new_events())
    assert collected == [events.TaskCreated(user_id=user.id, task_id=task.id)]
    assert list(uow.collect_new_events()) == []


def test_blocks_by_range(make_uow):
    user = _saved_user(make_uow)
    task = _saved_task(make_uow, user)
    import uuid

    blocks = [TimeBlock(id=uuid.uuid4(), user_id=user.id, task_id=task.id, start=NOW + timedelta(hours=h),
                        end=NOW + timedelta(hours=h, minutes=30)) for h in (0, 2, 4)]
    with make_uow() as uow:
        uow.blocks.replace(user.id, blocks)
        uow.commit()
    with make_uow() as uow:
        found = uow.blocks.list(user.id, NOW + timedelta(hours=1), NOW + timedelta(hours=5))
        assert [b.start for b in found] == [NOW + timedelta(hours=2), NOW + timedelta(hours=4)]
        moved = found[0]
        moved.pinned = True
        uow.blocks.save(moved)
        uow.commit()
    with make_uow() as uow:
        assert uow.blocks.get(user.id, moved.id).pinned is True
        assert uow.blocks.get(a_user().id, moved.id) is None


def test_users_are_listed_in_creation_order(make_uow):
    first = _saved_user(make_uow, created_at=NOW - timedelta(days=2))
    second = _saved_user(make_uow, created_at=NOW - timedelta(days=1))
    with make_uow() as uow:
        users, total = uow.users.list(0, 10_000)
    ids = [u.id for u in users]
    assert total >= 2 and ids.index(first.id) < ids.index(second.id)


def test_count_open_counts_only_this_users_open_tasks(make_uow):
    user, other = _saved_user(make_uow), _saved_user(make_uow)
    for status in (TaskStatus.TODO, TaskStatus.TODO, TaskStatus.DONE, TaskStatus.CANCELLED):  # two open
        _saved_task(make_uow, user, status=status)
    _saved_task(make_uow, other)
    with make_uow() as uow:
        assert uow.tasks.count_open(user.id) == 2
        assert uow.tasks.count_open(other.id) == 1


def test_open_tasks_among_gives_only_the_users_open_tasks_asked_for(make_uow):
    user, other = _saved_user(make_uow), _saved_user(make_uow)
    wanted, also, unasked = (_saved_task(make_uow, user) for _ in range(3))
    closed = _saved_task(make_uow, user, status=TaskStatus.DONE)
    theirs = _saved_task(make_uow, other)
    with make_uow() as uow:
        found = uow.tasks.open_tasks_among(user.id, [wanted.id, also.id, closed.id, theirs.id, uuid.uuid4()])
        assert uow.tasks.open_tasks_among(user.id, []) == []
    assert sorted(t.id for t in found) == sorted([wanted.id, also.id]) and wanted in found
    assert unasked.id not in {t.id for t in found}


def test_open_tasks_among_without_dependencies_leaves_depends_on_empty(make_uow):
    user = _saved_user(make_uow)
    first = _saved_task(make_uow, user)
    second = _saved_task(make_uow, user, depends_on=frozenset({first.id}))
    with make_uow() as uow:
        full = {t.id: t for t in uow.tasks.open_tasks_among(user.id, [first.id, second.id])}
        bare = {t.id: t for t in uow.tasks.open_tasks_among(user.id, [first.id, second.id], dependencies=False)}
    assert full[second.id].depends_on == {first.id}
    assert set(bare) == {first.id, second.id} and bare[second.id].depends_on == frozenset()
    assert bare[second.id].title == second.title and bare[second.id].version == full[second.id].version
