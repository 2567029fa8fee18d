"""Sign-up, sign-in, profile, roles and preferences."""
from __future__ import annotations

import uuid

from domain import commands, events
from domain.errors import AuthenticationFailed, Conflict, NotFound, ValidationError
from domain.model import Permission, Preferences, Role, User
from domain.model import _checks
from ports.clock import Clock
from ports.password_hasher import PasswordHasher
from ports.preferences import PreferencesStore
from ports.unit_of_work import UnitOfWork

MIN_PASSWORD, MAX_PASSWORD = 8, 256


def _check_password(password: str) -> str:
    if not isinstance(password, str) or not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise ValidationError.for_field("password", f"must be {MIN_PASSWORD} to {MAX_PASSWORD} characters")
    if len(set(password)) < 4:
        raise ValidationError.for_field("password", "is too weak: use at least 4 different characters")
    return password


def register_user(cmd: commands.RegisterUser, uow: "UnitOfWork", clock: "Clock", hasher: "PasswordHasher") -> User:
    _check_password(cmd.password)
    email = _checks.email("email", cmd.email)
    with uow:
        if uow.users.get_by_email(email) is not None:
            raise Conflict("an account with this email already exists", {"email": ["already registered"]})
        user = User(
            id=uuid.uuid4(), email=email, password_hash=hasher.hash(cmd.password), created_at=clock.now(),
            display_name=cmd.display_name or email.split("@")[0], timezone=cmd.timezone, role=Role(cmd.role),
        )
        user.events.append(events.UserRegistered(user_id=user.id))
        uow.users.add(user)
        uow.commit()
    return user


def authenticate(cmd: commands.Authenticate, uow: "UnitOfWork", hasher: "PasswordHasher") -> User:
    """The same work whether or not the account exists, so timing does not reveal accounts."""
    with uow:
        user = uow.users.get_by_email(cmd.email) if isinstance(cmd.email, str) else None
        if user is None:
            hasher.verify(hasher.dummy_hash(), cmd.password or "")
            raise AuthenticationFailed("wrong email or password")
        if not hasher.verify(user.password_hash, cmd.password or "") or not user.is_active:
            raise AuthenticationFailed("wrong email or password")
        if hasher.needs_rehash(user.password_hash):
            user.password_hash = hasher.hash(cmd.password)
            uow.commit()
    return user


def _actor(uow: "UnitOfWork", actor_id: uuid.UUID) -> User:
    user = uow.users.get(actor_id)
    if user is None or not user.is_active:
        raise AuthenticationFailed("the account no longer exists")
    return user


def update_profile(cmd: commands.UpdateProfile, uow: "UnitOfWork", preferences: "PreferencesStore") -> User:
    with uow:
        user = _actor(uow, cmd.actor_id)
        user.update_profile(display_name=cmd.display_name, timezone=cmd.timezone)
        stored = preferences.get(user.id)
        if cmd.timezone is not None and stored is not None and stored.timezone != user.timezone:
            stored.timezone = user.timezone
            uow.put_preferences(user.id, stored)
            uow.record(events.PreferencesChanged(user_id=user.id, fields=("timezone",)))
        uow.commit()
    return user


def change_role(cmd: commands.ChangeRole, uow: "UnitOfWork") -> User:
    with uow:
        _actor(uow, cmd.actor_id).require(Permission.MANAGE_USERS)
        target = uow.users.get(cmd.user_id)
        if target is None:
            raise NotFound("no such user")
        if target.id == cmd.actor_id and cmd.role != Role.ADMIN.value:
            raise Conflict("an admin cannot remove their own admin role")
        target.change_role(cmd.role)
        uow.commit()
    return target


def save_preferences(cmd: commands.SavePreferences, uow: "UnitOfWork", preferences: "PreferencesStore") -> Preferences:
    with uow:
        user = _actor(uow, cmd.actor_id)
        values = {"timezone": user.timezone} | dict(cmd.values)
        prefs = Preferences.from_dict(values)
        before = (preferences.get(user.id) or Preferences(timezone=user.timezone)).to_dict()
        changed = tuple(name for name, value in prefs.to_dict().items() if before.get(name) != value)
        uow.put_preferences(user.id, prefs)  # written with the event below, or not at all
        if user.timezone != prefs.timezone:
            user.update_profile(timezone=prefs.timezone)
        uow.record(events.PreferencesChanged(user_id=user.id, fields=changed))
        uow.commit()
    return prefs
