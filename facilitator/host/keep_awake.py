"""Keep the laptop awake while a session is live: no sleep, no screen saver, no blank projector.

The host holds it, not the console: a console that crashes does not let the laptop
sleep, and a host that dies takes it with it (the bus drops the screen saver's
inhibitor when the connection goes, the kernel closes logind's descriptor,
``caffeinate -w`` ends with the process it watches, Windows forgets a dead thread's state).

- Linux: ``org.freedesktop.ScreenSaver.Inhibit`` on the session bus (a cookie, given back
  with ``UnInhibit``) and ``org.freedesktop.login1.Manager.Inhibit("sleep:idle", …,
  "block")`` on the system bus (a file descriptor, held until closed): whichever answer.
- macOS: ``caffeinate -d -i -w <host pid>`` (display and idle sleep), ended at release.
- Windows: ``SetThreadExecutionState`` (system and display required) on the loop's
  thread, cleared at release.

It fails soft: with no bus, no service or no tool, the session runs all the same and
the detail says why (the console and the moderator page show it, through the host
status of the moderator stream). The host wants it while its session is open and lets
go when the session ends or the host stops (:meth:`KeepAwake.follow`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from typing import Any, Protocol, assert_never

from facilitator.core.events import (
    AgreementCountChanged,
    Event,
    EventBus,
    ItemAdded,
    ItemChanged,
    ItemWithdrawn,
    ProjectionChanged,
    RoomChanged,
    SessionChanged,
    SessionEnded,
    SessionStarted,
    StoreHealthChanged,
    UndoChanged,
    WordListsChanged,
)

log = logging.getLogger(__name__)

APP_NAME = "Confessional"
REASON = "Confessional is running a live session (phones and the projector)"
# The session bus may start the screen saver service on demand: the call is awaited,
# never blocking the loop. The system bus is asked on the loop's thread (receiving
# logind's file descriptor needs jeepney's blocking connection): logind answers in
# milliseconds, and never later than this.
SESSION_BUS_TIMEOUT = 3.0
SYSTEM_BUS_TIMEOUT = 1.0

Report = Callable[[bool, str], None]  # (keeping the laptop awake, how or why not)


class Unavailable(Exception):
    """This way of keeping awake does not work here; the message says why (a clause)."""


class Hold(Protocol):
    """One way of keeping awake, in force until released."""

    @property
    def detail(self) -> str:
        """What it does, as a clause ("sleep is blocked through logind")."""
        ...

    async def release(self) -> None: ...


class Backend(Protocol):
    async def hold(self) -> Hold:
        """Keep awake this way, or raise :class:`Unavailable`."""
        ...


def platform_backends() -> tuple[Backend, ...]:
    """The ways of keeping this operating system awake, tried in order, all held."""
    if sys.platform == "linux":
        backends: tuple[Backend, ...] = (ScreenSaverInhibit(), SleepInhibit())
    elif sys.platform == "darwin":
        backends = (Caffeinate(),)
    elif sys.platform == "win32":
        backends = (ExecutionState(),)
    else:
        backends = (Unsupported(sys.platform),)
    return backends


def session_live_after(event: Event) -> bool | None:
    """Whether a session is live after ``event``; ``None`` when the event does not say."""
    match event:
        case SessionStarted():
            return True
        case SessionEnded():
            return False
        case (
            ItemAdded()
            | ItemChanged()
            | ItemWithdrawn()
            | ProjectionChanged()
            | AgreementCountChanged()
            | SessionChanged()
            | StoreHealthChanged()
            | UndoChanged()
            | WordListsChanged()
            | RoomChanged()
        ):
            return None
        case _:
            assert_never(event)


class KeepAwake:
    """Holds every backend that works while wanted, and reports each change.

    :meth:`want` may be called at any time (from a bus listener too): the holding and
    releasing happen in a task of their own, one at a time and in order, and a quick
    end-then-start collapses. ``report(keeping_awake, detail)`` is called after each
    change: ``(True, how)``, ``(False, why not)``, or ``(False, "")`` once let go.
    """

    def __init__(self, report: Report, backends: Sequence[Backend] | None = None) -> None:
        self._report = report
        self._backends = platform_backends() if backends is None else tuple(backends)
        self._loop = asyncio.get_running_loop()
        self._holds: list[Hold] = []
        self._wanted = False
        self._engaged = False  # tried to hold, whether or not anything held
        self._work: asyncio.Task[None] | None = None
        self._unsubscribe: Callable[[], None] | None = None

    @property
    def keeping_awake(self) -> bool:
        return bool(self._holds)

    def want(self, awake: bool) -> None:
        """Keep the laptop awake from now on, or let it go."""
        self._wanted = awake
        if self._work is None or self._work.done():
            self._work = self._loop.create_task(self._follow_wish())

    async def settle(self) -> None:
        """Return once what was last wanted is done (held, or let go)."""
        while self._work is not None and not self._work.done():
            await asyncio.shield(self._work)  # a cancelled caller leaves the work to finish

    def follow(self, bus: EventBus) -> None:
        """Let go when the session ends and hold again when the next one starts."""

        def on_event(event: Event) -> None:
            live = session_live_after(event)
            if live is not None:
                self.want(live)

        self._unsubscribe = bus.subscribe(on_event)

    async def close(self) -> None:
        """Stop following the session and let go (the host stops)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self.want(False)
        await self.settle()

    async def _follow_wish(self) -> None:
        while self._engaged != self._wanted:
            if self._wanted:
                await self._hold_all()
            else:
                await self._release_all()

    async def _hold_all(self) -> None:
        problems: list[str] = []
        for backend in self._backends:
            try:
                self._holds.append(await backend.hold())
            except Unavailable as why:
                problems.append(str(why))
            except Exception as error:  # fail soft: the session matters more
                log.warning("Keeping awake failed unexpectedly", exc_info=True)
                problems.append(f"{type(error).__name__}: {error}")
        self._engaged = True
        if self._holds:
            detail = "; ".join([hold.detail for hold in self._holds] + problems)
            log.info("Keeping the laptop awake: %s", detail)
            self._report(True, detail)
        else:
            detail = "; ".join(problems) or "no way to keep it awake"
            log.warning("The laptop may sleep: %s", detail)
            self._report(False, detail)

    async def _release_all(self) -> None:
        holds, self._holds = self._holds, []
        for hold in reversed(holds):
            try:
                await hold.release()
            except Exception:
                log.warning("Could not release %s", hold.detail, exc_info=True)
        self._engaged = False
        if holds:
            log.info("The laptop may sleep again")
        self._report(False, "")


# Linux: D-Bus through jeepney (pure Python, no stubs: its values are Any here).


SCREEN_SAVER = ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver")
LOGIN1 = ("/org/freedesktop/login1", "org.freedesktop.login1")
SERVICE_UNKNOWN = "org.freedesktop.DBus.Error.ServiceUnknown"


def _error_name(error: Exception) -> str:
    return str(getattr(error, "name", None) or type(error).__name__)


def _os_reason(error: OSError) -> str:
    return (error.strerror or type(error).__name__).lower()


class ScreenSaverInhibit:
    """``org.freedesktop.ScreenSaver`` on the session bus (GNOME, KDE, Xfce…): the screen
    stays on and the desktop does not suspend when idle. The connection stays open while
    held: the service drops an inhibitor whose connection goes away."""

    async def hold(self) -> Hold:
        from jeepney import DBusAddress, new_method_call  # type: ignore[import-untyped]
        from jeepney.io.asyncio import (  # type: ignore[import-untyped]
            DBusRouter,
            open_dbus_connection,
        )
        from jeepney.wrappers import DBusErrorResponse, unwrap_msg  # type: ignore[import-untyped]

        if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            raise Unavailable("no session D-Bus")
        try:
            connection = await asyncio.wait_for(
                open_dbus_connection("SESSION"), SESSION_BUS_TIMEOUT
            )
        except TimeoutError as error:
            raise Unavailable("the session D-Bus did not answer") from error
        except OSError as error:
            raise Unavailable(
                f"the session D-Bus cannot be reached ({_os_reason(error)})"
            ) from error
        except (EOFError, RuntimeError, ValueError) as error:  # closed, or an address not for us
            raise Unavailable(f"the session D-Bus cannot be used ({error})") from error
        router = DBusRouter(connection)
        path, name = SCREEN_SAVER
        address = DBusAddress(path, bus_name=name, interface=name)
        inhibit = new_method_call(address, "Inhibit", "ss", (APP_NAME, REASON))
        try:
            reply = await asyncio.wait_for(router.send_and_get_reply(inhibit), SESSION_BUS_TIMEOUT)
            cookie = int(unwrap_msg(reply)[0])
        except BaseException as error:
            await _close_router(router, connection)
            if isinstance(error, DBusErrorResponse):
                if _error_name(error) == SERVICE_UNKNOWN:
                    raise Unavailable("no screen saver service on the session D-Bus") from error
                raise Unavailable(f"the screen saver refused ({_error_name(error)})") from error
            if isinstance(error, TimeoutError):
                raise Unavailable("the screen saver service did not answer") from error
            raise
        return _ScreenSaverHold(router, connection, address, cookie)


async def _close_router(router: Any, connection: Any) -> None:
    with contextlib.suppress(Exception):
        await router.__aexit__(None, None, None)
    with contextlib.suppress(Exception):
        await connection.close()


class _ScreenSaverHold:
    detail = "the screen saver is held off (org.freedesktop.ScreenSaver)"

    def __init__(self, router: Any, connection: Any, address: Any, cookie: int) -> None:
        self._router = router
        self._connection = connection
        self._address = address
        self.cookie = cookie

    async def release(self) -> None:
        from jeepney import new_method_call

        uninhibit = new_method_call(self._address, "UnInhibit", "u", (self.cookie,))
        try:
            await asyncio.wait_for(self._router.send_and_get_reply(uninhibit), SESSION_BUS_TIMEOUT)
        except Exception:  # closing the connection releases it as well
            log.info("UnInhibit went unanswered; closing the connection instead", exc_info=True)
        await _close_router(self._router, self._connection)


class SleepInhibit:
    """logind's ``Inhibit("sleep:idle", …, "block")`` on the system bus: no suspend, no
    idle action, until the descriptor it returns is closed."""

    async def hold(self) -> Hold:
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.blocking import open_dbus_connection as open_blocking  # type: ignore[import-untyped]
        from jeepney.wrappers import DBusErrorResponse, unwrap_msg

        path, name = LOGIN1
        address = DBusAddress(path, bus_name=name, interface=f"{name}.Manager")
        inhibit = new_method_call(
            address, "Inhibit", "ssss", ("sleep:idle", APP_NAME, REASON, "block")
        )
        try:
            connection = open_blocking("SYSTEM", enable_fds=True, auth_timeout=SYSTEM_BUS_TIMEOUT)
        except TimeoutError as error:
            raise Unavailable("the system D-Bus did not answer") from error
        except OSError as error:
            raise Unavailable(f"no system D-Bus ({_os_reason(error)})") from error
        except (RuntimeError, ValueError) as error:  # an address or a bus not for us
            raise Unavailable(f"the system D-Bus cannot be used ({error})") from error
        try:
            reply = connection.send_and_get_reply(inhibit, timeout=SYSTEM_BUS_TIMEOUT)
            descriptor = unwrap_msg(reply)[0]
            fd = int(descriptor.to_raw_fd())
        except DBusErrorResponse as error:
            if _error_name(error) == SERVICE_UNKNOWN:
                raise Unavailable("logind is not running") from error
            raise Unavailable(f"logind refused ({_error_name(error)})") from error
        except TimeoutError as error:
            raise Unavailable("logind did not answer") from error
        finally:
            connection.close()
        return _DescriptorHold(fd)


class _DescriptorHold:
    detail = "sleep is blocked through logind"

    def __init__(self, fd: int) -> None:
        self.fd = fd

    async def release(self) -> None:
        os.close(self.fd)


# macOS


class Caffeinate:
    """``caffeinate -d -i -w <pid>``: no display or idle sleep while this process lives."""

    def __init__(self, pid: int | None = None, program: str = "/usr/bin/caffeinate") -> None:
        self._pid = os.getpid() if pid is None else pid
        self._program = program

    async def hold(self) -> Hold:
        try:
            process = await asyncio.create_subprocess_exec(
                self._program,
                "-d",
                "-i",
                "-w",
                str(self._pid),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError as error:
            raise Unavailable(f"caffeinate cannot be started ({_os_reason(error)})") from error
        return _ProcessHold(process)


class _ProcessHold:
    detail = "caffeinate keeps the display and the system awake"

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process

    async def release(self) -> None:
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):  # it ended meanwhile
                self.process.terminate()
        try:
            await asyncio.wait_for(self.process.wait(), 1.0)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()


# Windows

ES_CONTINUOUS = 0x80000000
ES_SYSTEM_REQUIRED = 0x00000001
ES_DISPLAY_REQUIRED = 0x00000002


def _set_thread_execution_state(flags: int) -> int:
    """The previous state, 0 when Windows refused (on the calling thread: the loop's)."""
    if sys.platform == "win32":
        import ctypes

        function = ctypes.windll.kernel32.SetThreadExecutionState
        function.argtypes = [ctypes.c_uint32]
        function.restype = ctypes.c_uint32
        return int(function(flags))
    raise Unavailable(f"SetThreadExecutionState is for Windows, not {sys.platform}")


class ExecutionState:
    """``SetThreadExecutionState``: the system and the display stay on while set."""

    async def hold(self) -> Hold:
        required = ES_CONTINUOUS | ES_SYSTEM_REQUIRED | ES_DISPLAY_REQUIRED
        if _set_thread_execution_state(required) == 0:
            raise Unavailable("Windows refused to keep the system awake")
        return _ExecutionStateHold()


class _ExecutionStateHold:
    detail = "Windows keeps the display and the system on"

    async def release(self) -> None:
        _set_thread_execution_state(ES_CONTINUOUS)


class Unsupported:
    def __init__(self, platform: str) -> None:
        self._platform = platform

    async def hold(self) -> Hold:
        raise Unavailable(f"Confessional cannot keep {self._platform} awake")
