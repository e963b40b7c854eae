"""Signing in: sessions in signed cookies (Starlette's SessionMiddleware, itsdangerous), a CSRF token
per session checked on every form, and failed sign-ins slowed down per account and per address."""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque

from fastapi import HTTPException, Request

from hoptac.kb import users
from hoptac.kb.users import User

SESSION_COOKIE = "hoptac_session"
SESSION_HOURS = 12
# After this many failed sign-ins within the window, an account (or an address) waits before the next try,
# twice as long after every further failure, up to the whole window.
FREE_FAILURES = 5
WINDOW_SECONDS = 15 * 60
FIRST_WAIT_SECONDS = 30


def current_user(request: Request) -> User | None:
    user_id = request.session.get("user_id")
    if not user_id:
        return None
    if not hasattr(request.state, "user"):
        request.state.user = users.get_user(request.app.state.kb.engine, user_id)
    return request.state.user


def require_user(request: Request) -> User:
    user = current_user(request)
    if user is None:
        raise HTTPException(403, "Cần đăng nhập để sửa dữ liệu.")
    return user


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return token


def check_csrf(request: Request, submitted: str | None) -> None:
    expected = request.session.get("csrf")
    if not expected or not submitted or not secrets.compare_digest(expected, submitted):
        raise HTTPException(403, "Phiên làm việc không hợp lệ (thiếu mã CSRF). Hãy tải lại trang và thử lại.")


def sign_in(request: Request, user: User) -> None:
    request.session.clear()  # a new session: nothing from before signing in carries over
    request.session["user_id"] = user.id
    request.session["csrf"] = secrets.token_urlsafe(32)


def sign_out(request: Request) -> None:
    request.session.clear()


class Throttle:
    """Failed sign-ins per key (an account name, a client address) within a sliding window."""

    def __init__(self) -> None:
        self.failures: dict[str, deque[float]] = {}
        self.lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self.failures.setdefault(key, deque())
        while times and now - times[0] > WINDOW_SECONDS:
            times.popleft()
        return times

    def wait_seconds(self, keys: list[str]) -> int:
        """How long these keys must wait before the next try (0: go ahead)."""
        now = time.monotonic()
        with self.lock:
            wait = 0.0
            for key in keys:
                times = self._recent(key, now)
                extra = len(times) - FREE_FAILURES
                if extra >= 0:
                    pause = min(WINDOW_SECONDS, FIRST_WAIT_SECONDS * 2 ** extra)
                    wait = max(wait, times[-1] + pause - now)
            return max(0, int(wait + 0.999))

    def failed(self, keys: list[str]) -> None:
        now = time.monotonic()
        with self.lock:
            for key in keys:
                self._recent(key, now).append(now)

    def succeeded(self, keys: list[str]) -> None:
        with self.lock:
            for key in keys:
                self.failures.pop(key, None)
