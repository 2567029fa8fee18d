"""A user's categories and tags."""
from __future__ import annotations

import uuid

from domain import commands, events
from domain.errors import Conflict, NotFound, ValidationError
from domain.model import Category, Tag
from ports.clock import Clock
from ports.unit_of_work import UnitOfWork


def _unique_category(uow: "UnitOfWork", user_id: uuid.UUID, name: str, own_id: uuid.UUID | None = None) -> None:
    other = uow.categories.get_by_name(user_id, name)
    if other is not None and other.id != own_id:
        raise Conflict(f"a category named {name!r} already exists", {"name": ["already exists"]})


def create_category(cmd: commands.CreateCategory, uow: "UnitOfWork", clock: "Clock") -> Category:
    with uow:
        category = Category(id=uuid.uuid4(), user_id=cmd.actor_id, name=cmd.name, color=cmd.color, created_at=clock.now())
        _unique_category(uow, cmd.actor_id, category.name)
        uow.categories.add(category)
        uow.commit()
    return category


def update_category(cmd: commands.UpdateCategory, uow: "UnitOfWork") -> Category:
    unknown = set(cmd.changes) - {"name", "color"}
    if unknown:
        raise ValidationError("unknown category fields", {name: ["unknown field"] for name in sorted(unknown)})
    with uow:
        category = uow.categories.get(cmd.actor_id, cmd.category_id)
        if category is None:
            raise NotFound("no such category")
        if "name" in cmd.changes:
            category.rename(cmd.changes["name"])
            _unique_category(uow, cmd.actor_id, category.name, category.id)
        if "color" in cmd.changes:
            category.recolor(cmd.changes["color"])
        uow.categories.add(category)
        uow.commit()
    return category


def delete_category(cmd: commands.DeleteCategory, uow: "UnitOfWork") -> None:
    with uow:
        category = uow.categories.get(cmd.actor_id, cmd.category_id)
        if category is None:
            raise NotFound("no such category")
        uow.categories.delete(category)
        uow.record(events.CatalogChanged(user_id=cmd.actor_id))  # its tasks lose their category
        uow.commit()


def create_tag(cmd: commands.CreateTag, uow: "UnitOfWork", clock: "Clock") -> Tag:
    with uow:
        tag = Tag(id=uuid.uuid4(), user_id=cmd.actor_id, name=cmd.name, created_at=clock.now())
        if uow.tags.get_by_names(cmd.actor_id, [tag.name]):
            raise Conflict(f"a tag named {tag.name!r} already exists", {"name": ["already exists"]})
        uow.tags.add(tag)
        uow.commit()
    return tag


def rename_tag(cmd: commands.RenameTag, uow: "UnitOfWork") -> Tag:
    with uow:
        tag = uow.tags.get(cmd.actor_id, cmd.tag_id)
        if tag is None:
            raise NotFound("no such tag")
        tag.rename(cmd.name)
        clash = uow.tags.get_by_names(cmd.actor_id, [tag.name])
        if clash and clash[0].id != tag.id:
            raise Conflict(f"a tag named {tag.name!r} already exists", {"name": ["already exists"]})
        uow.tags.add(tag)
        uow.record(events.CatalogChanged(user_id=cmd.actor_id))  # its tasks carry the new name
        uow.commit()
    return tag


def delete_tag(cmd: commands.DeleteTag, uow: "UnitOfWork") -> None:
    with uow:
        tag = uow.tags.get(cmd.actor_id, cmd.tag_id)
        if tag is None:
            raise NotFound("no such tag")
        uow.tags.delete(tag)
        uow.record(events.CatalogChanged(user_id=cmd.actor_id))
        uow.commit()
