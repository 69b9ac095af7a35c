"""The OpenAPI document against the real host: served, valid, complete, and true.

A real ``confessional --headless`` serves ``GET /api/openapi.json``. schemathesis loads
it (which validates it as OpenAPI 3.1) and sends every operation generated requests,
those that fit the document and hostile ones that do not. Every answer must be no
server error, with a documented status code, content type and headers, and a body
that fits the document. The run is short and the same every time: derandomized, and
:data:`MAX_EXAMPLES` requests per operation that takes a body.

Each operation is a Hypothesis test over schemathesis's strategies for it, checked with
``Case.call_and_validate``: schemathesis's own lazy pytest integration
(``schemathesis.pytest.from_fixture``, the way to test a host started by a fixture)
sets ``Function._nodeid``, which pytest 9.2 no longer has.

The room is set up first (three confessions, two approved, one on the screen), so that
agreements, commands and the moderator's snapshot meet real items, not only unknown
ids. The moderator's operations get the real secret for ``{secret}``; each request
that needs a token gets a phone that joined just now.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import Case, GenerationMode
from schemathesis.specs.openapi.schemas import OpenApiSchema

from facilitator.core.rules import MAX_CLIENT_ID_CHARS
from facilitator.host.openapi import OPENAPI_PATH, build
from facilitator.host.record import read_record
from tests.e2e.process import HeadlessApp, start_headless
from tests.host.harness import envelope, running_server

pytestmark = [pytest.mark.slow]

MAX_EXAMPLES = 100  # requests per operation that takes a body
FEW_EXAMPLES = 5  # for those that take no input
TIMEOUT_SECONDS = 10.0  # for one request
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
)
# The confessions the room starts with (and starts again with, when a generated command
# has ended the session): the first on the screen, the second approved, the third
# incoming; details that may identify someone give the snapshot hints.
CONFESSIONS = (
    "I emailed jo@example.org the wrong file.",
    "I deployed on a Friday and gave out my number, 07700 900123.",
    "I merged without review.",
)
# Some fitting requests are moved into the room: their ids name the room's items, and
# confessions carry a ``client_id`` the rules accept (the document says what the wire
# format takes, a string of up to 64 characters; the rules then take only 8 to 64 of
# ``[A-Za-z0-9_-]``, or answer 400 ``client_id_invalid``), so that commands and
# agreements change real items and texts get as far as the rules and the store.
IN_THE_ROOM = st.integers(0, len(CONFESSIONS) - 1)  # which of the room's items
ID_FIELDS = frozenset({"item_id", "expected_item_id", "confession_id"})
CLIENT_IDS = st.from_regex(rf"[A-Za-z0-9_-]{{8,{MAX_CLIENT_ID_CHARS}}}", fullmatch=True)


@dataclass
class Host:
    app: HeadlessApp
    base: str
    secret: str
    rehearsal_secret: str  # the test's own phones join as a rehearsal audience
    room: list[int] = field(default_factory=list)  # the ids of the room's items
    projector_secret: str = ""  # the projector link's own

    def secret_of(self, path: str) -> str:
        return self.projector_secret if path.startswith("/projector/") else self.secret

    @property
    def commands(self) -> str:
        return f"{self.base}/moderator/{self.secret}/api/commands"


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Host]:
    data_dir = tmp_path_factory.mktemp("openapi")
    app = start_headless(data_dir, "--port", "0")
    try:
        secret = urlsplit(app.moderator_url).path.split("/")[2]
        record = read_record(data_dir)
        assert record is not None
        running = Host(app, f"http://127.0.0.1:{app.port}", secret, record.rehearsal_secret)
        _set_up_the_room(running)
        yield running
    finally:
        assert app.terminate() == 0  # it was still running: no request stopped it


def _set_up_the_room(host: Host) -> None:
    """A confession from each of three phones, then the first on the screen and the
    second approved."""
    for number, text in enumerate(CONFESSIONS, start=1):
        payload = {"client_id": f"seeded-{number}", "text": text, "learned": "Look twice."}
        reply = requests.post(
            f"{host.base}/api/messages",
            json=envelope("confession.submit", payload),
            headers={"Authorization": f"Bearer {_phone(host)}"},
            timeout=TIMEOUT_SECONDS,
        )
        assert reply.status_code == 200, reply.text
    state = requests.get(
        f"{host.base}/moderator/{host.secret}/api/state", timeout=TIMEOUT_SECONDS
    ).json()
    host.room = sorted(item["id"] for item in state["payload"]["items"])
    host.projector_secret = state["payload"]["session"]["projector_path"].split("/")[2]
    assert len(host.room) == len(CONFESSIONS)
    _moderate(host, {"command": "approve", "item_id": host.room[0]})
    _moderate(host, {"command": "approve", "item_id": host.room[1]})
    _moderate(host, {"command": "project", "item_id": host.room[0]})


def _moderate(host: Host, payload: dict[str, Any]) -> None:
    reply = requests.post(
        host.commands, json=envelope("moderate", payload), timeout=TIMEOUT_SECONDS
    )
    assert reply.status_code == 200, reply.text


def _phone(host: Host) -> str:
    """A phone that joined just now: one token's requests would soon be rate-limited,
    and a new session (a generated command may start one) needs new phones. They join
    as a rehearsal audience, which no per-address limit holds back."""
    reply = requests.post(
        f"{host.base}/api/join",
        json=envelope("join", {"rehearsal": host.rehearsal_secret}),
        timeout=TIMEOUT_SECONDS,
    )
    if reply.status_code != 200:
        return "no-session-to-join"  # the session has ended: any token is refused
    token: str = reply.json()["payload"]["token"]
    return token


@pytest.fixture(scope="module")
def api(host: Host) -> OpenApiSchema:
    config = schemathesis.Config.from_dict(
        {
            "base-url": host.base,
            "checks": {"enabled": False, **{check: {"enabled": True} for check in CHECKS}},
        }
    )
    schema = schemathesis.openapi.from_url(f"{host.base}{OPENAPI_PATH}", config=config)
    schema.validate()  # a valid OpenAPI 3.1 document, or this raises
    return schema


def test_the_document_is_served_cacheable_and_without_the_secret(host: Host) -> None:
    reply = requests.get(f"{host.base}{OPENAPI_PATH}", timeout=TIMEOUT_SECONDS)
    assert reply.status_code == 200
    assert reply.headers["Content-Type"] == "application/json"
    assert reply.headers["Cache-Control"] == "public, max-age=600"
    assert reply.headers["X-Content-Type-Options"] == "nosniff"
    assert host.secret not in reply.text
    assert reply.json() == json.loads(json.dumps(build()))
    assert reply.json()["openapi"].startswith("3.1.")
    again = requests.get(
        f"{host.base}{OPENAPI_PATH}",
        headers={"If-None-Match": reply.headers["ETag"]},
        timeout=TIMEOUT_SECONDS,
    )
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["ETag"] == reply.headers["ETag"]


async def test_the_document_has_every_http_route_of_the_apis(tmp_path: Path) -> None:
    """Every HTTP route under ``/api/`` (the moderator's with its secret) is an operation
    of the document, and every operation a route; the WebSockets and pages are not."""
    async with running_server(tmp_path) as run:
        secret = run.service.session.moderator_secret
        projector = run.service.session.projector_secret
        routes = {
            (
                route.method.lower(),
                route.resource.canonical.replace(secret, "{secret}").replace(projector, "{secret}"),
            )
            for route in run.server.app.router.routes()
            if route.resource is not None
            and "/api/" in route.resource.canonical
            and route.method != "HEAD"
        }
    assert routes == {(method, path) for path, method, _ in _operations()}


def _operations() -> list[tuple[str, str, str]]:
    """``(path, method, operationId)`` of every operation in the document."""
    return [
        (path, method, operation["operationId"])
        for path, item in build()["paths"].items()
        for method, operation in item.items()
        if method in {"get", "post"}
    ]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("operation_id", [operation_id for _, _, operation_id in _operations()])
def test_every_answer_is_documented(api: OpenApiSchema, host: Host, operation_id: str) -> None:
    """Fitting and hostile requests alike: no server error, every answer as documented."""
    operation = api.find_operation_by_id(operation_id)
    path = operation.path
    secret = {"secret": host.secret_of(path)} if "{secret}" in path else None
    fitting = operation.as_strategy(GenerationMode.POSITIVE, path_parameters=secret)
    hostile = operation.as_strategy(GenerationMode.NEGATIVE, path_parameters=secret)
    in_the_room = st.tuples(fitting, IN_THE_ROOM, CLIENT_IDS).map(partial(_in_the_room, host))
    # A fitting request comes from a phone that has joined; a hostile one keeps the
    # token it was generated with, if any (none, empty, malformed: 400 or 401).
    cases = st.one_of(
        st.tuples(fitting, st.just(True)),
        st.tuples(hostile, st.just(False)),
        st.tuples(in_the_room, st.just(True)),
    )
    needs_token = bool(operation.definition.raw.get("security"))
    takes_body = bool(operation.definition.raw.get("requestBody"))

    @settings(
        max_examples=MAX_EXAMPLES if takes_body else FEW_EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(drawn=cases)
    def answered_as_documented(drawn: tuple[Case, bool]) -> None:
        case, joined = drawn
        if _stops_the_host(case):
            return  # the rest of the run needs the host
        if needs_token and joined:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {_phone(host)}"}
        response = case.call_and_validate(timeout=TIMEOUT_SECONDS)
        if _command(case) == "end_session" and response.status_code == 200:
            _moderate(host, {"command": "new_session"})  # the rest of the run needs a room
            _set_up_the_room(host)

    answered_as_documented()


def _in_the_room(host: Host, drawn: tuple[Case, int, str]) -> Case:
    """A fitting request whose ids name one of the room's items, and whose confession
    has a ``client_id`` the rules accept."""
    case, index, client_id = drawn
    item_id = host.room[index]
    body: Any = case.body
    if isinstance(body, dict) and isinstance(body.get("payload"), dict):
        payload = {
            key: item_id if key in ID_FIELDS else value for key, value in body["payload"].items()
        }
        if body.get("type") == "confession.submit":
            payload["client_id"] = client_id
        case.body = {**body, "payload": payload}
    return case


def _stops_the_host(case: Case) -> bool:
    """Stopping the host, or starting a rehearsal's audience (a process of its own, which
    would join the room for the rest of the run: ``tests/host/test_rehearsal.py``)."""
    return _command(case) in {"stop_host", "start_rehearsal"}


def _command(case: Case) -> str | None:
    """The command a request to the moderators' commands would carry out, if any."""
    body: Any = case.body
    if isinstance(body, dict) and isinstance(body.get("payload"), dict):
        command = body["payload"].get("command")
        return command if isinstance(command, str) else None
    return None
