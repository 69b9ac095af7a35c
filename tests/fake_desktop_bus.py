"""A fake screen saver and a fake logind on test D-Bus daemons, in a process of their own.

``python -m tests.fake_desktop_bus LOG [--screen-saver ADDRESS] [--login1 ADDRESS]``
owns ``org.freedesktop.ScreenSaver`` on the first bus and ``org.freedesktop.login1`` on
the second, and appends one JSON line to LOG for each call (and ``{"ready": true}``
once both names are owned). As the real ones do, the screen saver drops the inhibitors
of a connection that leaves the bus (logged as ``ScreenSaver.dropped``), and logind's
``Inhibit`` hands out the write end of a pipe and logs ``login1.released`` when every
copy of it is closed.

A process rather than a thread: a thread running Python in the test process could
collect Qt objects off the main thread.
"""

from __future__ import annotations

import argparse
import json
import os
import select
from itertools import count
from pathlib import Path
from typing import Any

from jeepney import HeaderFields, MatchRule, MessageType, new_error, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, Proxy, open_dbus_connection

SCREEN_SAVER = "org.freedesktop.ScreenSaver"
LOGIN1 = "org.freedesktop.login1"
LOGIN1_MANAGER = "org.freedesktop.login1.Manager"


class Services:
    def __init__(self, log: Path) -> None:
        self.log = log
        self.cookies = count(4242)
        self.held: dict[int, str] = {}  # read end of a pipe → who held it
        self.inhibitors: dict[str, list[int]] = {}  # connection → its screen saver cookies

    def write(self, entry: dict[str, Any]) -> None:
        with self.log.open("a", encoding="utf-8") as file:
            file.write(json.dumps(entry) + "\n")

    def answer(self, connection: DBusConnection, message: Any) -> None:
        header = message.header
        if header.message_type is MessageType.signal:
            self.on_signal(message)
            return
        if header.message_type is not MessageType.method_call:
            return
        interface = header.fields.get(HeaderFields.interface)
        member = header.fields.get(HeaderFields.member)
        sender = header.fields.get(HeaderFields.sender)
        call = {"interface": interface, "member": member, "args": list(message.body)}
        if (interface, member) == (SCREEN_SAVER, "Inhibit"):
            cookie = next(self.cookies)
            self.inhibitors.setdefault(str(sender), []).append(cookie)
            self.write({**call, "cookie": cookie, "sender": sender})
            connection.send(new_method_return(message, "u", (cookie,)))
        elif (interface, member) == (SCREEN_SAVER, "UnInhibit"):
            cookies = self.inhibitors.get(str(sender), [])
            if message.body[0] in cookies:
                cookies.remove(message.body[0])
            self.write({**call, "sender": sender})
            connection.send(new_method_return(message))
        elif (interface, member) == (LOGIN1_MANAGER, "Inhibit"):
            read_end, write_end = os.pipe()
            self.held[read_end] = str(message.body[1])
            self.write(call)
            connection.send(new_method_return(message, "h", (write_end,)))
            os.close(write_end)  # the caller holds the only copy now
        else:
            self.write({**call, "unknown": True})
            error = "org.freedesktop.DBus.Error.UnknownMethod"
            connection.send(new_error(message, error, "s", (f"no {member} here",)))

    def on_signal(self, message: Any) -> None:
        """``NameOwnerChanged``: a connection that held inhibitors left the bus."""
        if message.header.fields.get(HeaderFields.member) != "NameOwnerChanged":
            return
        name, _, new_owner = message.body
        if not new_owner and self.inhibitors.get(name):
            for cookie in self.inhibitors.pop(name):
                self.write({"member": "ScreenSaver.dropped", "cookie": cookie})

    def check_released(self) -> None:
        """A pipe whose write end is closed everywhere reads as end-of-file."""
        if not self.held:
            return
        readable, _, _ = select.select(list(self.held), [], [], 0)
        for read_end in readable:
            if os.read(read_end, 1) == b"":
                who = self.held.pop(read_end)
                os.close(read_end)
                self.write({"member": "login1.released", "who": who})


def own(address: str, name: str) -> DBusConnection:
    connection = open_dbus_connection(address, enable_fds=True)
    reply = Proxy(message_bus, connection, timeout=5).RequestName(name)
    assert reply == (1,), reply  # primary owner
    return connection


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("log", type=Path)
    parser.add_argument("--screen-saver")
    parser.add_argument("--login1")
    options = parser.parse_args()
    services = Services(options.log)
    connections = []
    if options.screen_saver:
        screen_saver = own(options.screen_saver, SCREEN_SAVER)
        rule = MatchRule(type="signal", interface="org.freedesktop.DBus", member="NameOwnerChanged")
        Proxy(message_bus, screen_saver, timeout=5).AddMatch(rule)
        connections.append(screen_saver)
    if options.login1:
        connections.append(own(options.login1, LOGIN1))
    services.write({"ready": True})
    while True:  # until the test terminates this process
        for connection in connections:
            try:
                message = connection.receive(timeout=0.02)
            except TimeoutError:
                continue
            except ConnectionResetError:
                return  # the bus went away
            services.answer(connection, message)
        services.check_released()


if __name__ == "__main__":
    main()
