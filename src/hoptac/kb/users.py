"""Accounts of the people who curate the knowledge base: created by an admin (`hoptac user add`),
passwords hashed with argon2. Reading needs no account."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, func, insert, select, update

from hoptac.kb import schema as s

_hasher = PasswordHasher()
# Verified when the name is unknown, so a wrong name costs as long as a wrong password.
_UNKNOWN_USER_HASH = _hasher.hash(secrets.token_urlsafe(16))
MIN_PASSWORD = 10


@dataclass(frozen=True)
class User:
    id: int
    username: str
    is_admin: bool


class AccountError(ValueError):
    pass


def add_user(engine: Engine, username: str, password: str, *, admin: bool = False) -> User:
    username = username.strip()
    if not username or len(username) > 80 or any(c.isspace() for c in username):
        raise AccountError("a user name is 1 to 80 characters without spaces")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password has at least {MIN_PASSWORD} characters")
    with engine.begin() as conn:
        if conn.execute(select(s.app_user.c.id).where(func.lower(s.app_user.c.username) == username.lower())).first():
            raise AccountError(f"the user {username!r} exists already")
        user_id = conn.execute(insert(s.app_user).values(
            username=username, password_hash=_hasher.hash(password), is_admin=admin, created_at=datetime.now())
        ).inserted_primary_key[0]
    return User(user_id, username, admin)


def set_password(engine: Engine, username: str, password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password has at least {MIN_PASSWORD} characters")
    with engine.begin() as conn:
        done = conn.execute(update(s.app_user).where(s.app_user.c.username == username)
                            .values(password_hash=_hasher.hash(password))).rowcount
    if not done:
        raise AccountError(f"no user {username!r}")


def authenticate(engine: Engine, username: str, password: str) -> User | None:
    """The user when the name and the password match, else None (which of the two was wrong is not told)."""
    u = s.app_user.c
    with engine.connect() as conn:
        row = conn.execute(select(u.id, u.username, u.password_hash, u.is_admin)
                           .where(u.username == username.strip())).first()
    try:
        _hasher.verify(row[2] if row else _UNKNOWN_USER_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    return User(row[0], row[1], row[3]) if row else None


def get_user(engine: Engine, user_id: int) -> User | None:
    u = s.app_user.c
    with engine.connect() as conn:
        row = conn.execute(select(u.id, u.username, u.is_admin).where(u.id == user_id)).first()
    return User(*row) if row else None


def list_users(engine: Engine) -> list[User]:
    u = s.app_user.c
    with engine.connect() as conn:
        return [User(*row) for row in conn.execute(select(u.id, u.username, u.is_admin).order_by(u.username))]


def secret_key(engine: Engine) -> str:
    """The key that signs session cookies: made once per knowledge base, so restarts keep sign-ins."""
    st = s.app_setting.c
    with engine.begin() as conn:
        row = conn.execute(select(st.value).where(st.name == "session_secret")).first()
        if row:
            return row[0]
        key = secrets.token_urlsafe(48)
        conn.execute(insert(s.app_setting).values(name="session_secret", value=key))
        return key
