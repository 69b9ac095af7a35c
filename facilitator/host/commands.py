"""Carry out a moderator's command: the core's commands, and the host's own."""

from __future__ import annotations

from collections.abc import Callable
from typing import assert_never

from facilitator.core.errors import DomainError
from facilitator.core.session import SessionService
from facilitator.host.feed import ModeratorFeed
from facilitator.host.links import JoinLinks
from facilitator.host.rehearsal import Rehearsal
from facilitator.host.shared_addresses import SharedAddresses
from facilitator.protocol.commands import (
    AddWarmUp,
    ApplySetup,
    Approve,
    ApproveMany,
    Blank,
    Command,
    CountShared,
    DeleteSession,
    Edit,
    EndSession,
    KeepRehearsal,
    Merge,
    Move,
    MoveToTop,
    NewSession,
    Project,
    ProjectNext,
    Remove,
    Restore,
    SetAside,
    SetAsideMany,
    SetBatching,
    SetClosingNote,
    SetContentNote,
    SetOrganisersRecord,
    SetPhoneLanguage,
    SetProjector,
    SetUnshownRecord,
    SetWordLists,
    ShowSlide,
    StartRehearsal,
    StopHost,
    StopRehearsal,
    Undo,
    UpdateDetails,
    UseAddress,
)
from facilitator.protocol.moderator import Done


class HostCommands:
    def __init__(
        self,
        service: SessionService,
        links: JoinLinks,
        feed: ModeratorFeed,
        shared_addresses: SharedAddresses,
        *,
        on_stop: Callable[[], None],
        rehearsal: Rehearsal | None = None,
    ) -> None:
        self._service = service
        self._links = links
        self._feed = feed
        self._shared_addresses = shared_addresses
        self._on_stop = on_stop
        self._rehearsal = rehearsal  # None: this host cannot start an audience

    def execute(self, command: Command) -> Done:
        """Carry out ``command`` or raise a refusal (``host/refusals.py``).

        When this returns, the command is committed and the stream carries its effect
        up to the returned ``seq``.
        """
        match command:
            case UseAddress(ip):
                self._links.use(ip)
            case NewSession():
                self._service.start_next()
            case DeleteSession(session_id):
                self._service.delete_past_session(session_id)
            case StopHost():
                self._on_stop()
            case SetWordLists(local_names, watch_words):
                self._service.set_word_lists(local_names, watch_words)
            case StartRehearsal(phones):
                if self._rehearsal is None:
                    raise DomainError(
                        "rehearsal_not_started", "This host cannot start a simulated audience."
                    )
                self._rehearsal.start(phones)
            case StopRehearsal():
                if self._rehearsal is not None:
                    self._rehearsal.stop()
            case KeepRehearsal():
                self._service.keep_rehearsal()
            case CountShared(counted):
                self._service.execute(command)  # the phones flagged so far, in the store
                self._shared_addresses.count(self._service.session.id, counted)  # and later
            case (
                Approve()
                | SetAside()
                | Restore()
                | Project()
                | ProjectNext()
                | Blank()
                | EndSession()
                | UpdateDetails()
                | Edit()
                | Remove()
                | Undo()
                | Move()
                | MoveToTop()
                | ApproveMany()
                | SetAsideMany()
                | Merge()
                | SetOrganisersRecord()
                | SetBatching()
                | SetPhoneLanguage()
                | SetUnshownRecord()
                | SetClosingNote()
                | ApplySetup()
                | AddWarmUp()
                | ShowSlide()
                | SetContentNote()
                | SetProjector()
            ):
                self._service.execute(command)
            case _:
                assert_never(command)
        return Done(self._feed.seq)
