"""The HTTP API as an OpenAPI 3.1 document, served at ``GET /api/openapi.json``.

Every body in it is generated from the protocol's structs (``msgspec.json.schema``,
JSON Schema 2020-12, which OpenAPI 3.1 takes as it is), wrapped in the envelope the
host really sends and accepts: change a struct and the document changes with it.
The paths and status codes are the ones the handlers and the server's middleware
answer (``participant_api.py``, ``moderator_api.py``, ``server.py``, ``refusals.py``);
``tests/e2e/test_openapi.py`` checks them against a running host with schemathesis.

The document holds no secret and no address: the moderator's paths carry the secret
as the path parameter ``{secret}``, and clients resolve the paths against the URL
they fetched the document from.
"""

from __future__ import annotations

import functools
import hashlib
import operator
from typing import Annotated, Any, Literal, get_args

import msgspec
from aiohttp import web

from facilitator import __version__
from facilitator.core.record.formats import RecordFormat
from facilitator.core.rules import MAX_LOGO_BYTES
from facilitator.host.replies import not_modified
from facilitator.protocol.commands import Command
from facilitator.protocol.envelope import (
    MAX_MESSAGE_BYTES,
    PROTOCOL_VERSION,
    Error,
    Ref,
)
from facilitator.protocol.moderator import Done, LogoAdded, Snapshot
from facilitator.protocol.phone import (
    AgreementRecorded,
    ConfessionReceived,
    ConfessionWithdrawn,
    Join,
    Joined,
    PublicSession,
    ReplyReceived,
    SetAgreement,
    SubmitConfession,
    SubmitReply,
    WithdrawConfession,
)
from facilitator.protocol.projector import ProjectorState

OPENAPI_PATH = "/api/openapi.json"
MODERATOR_API = "/moderator/{secret}/api"
PROJECTOR_API = "/projector/{secret}/api"
BEARER = "participantToken"
# The document changes only with the code: a client may keep it for a while, and ask
# again cheaply (``If-None-Match``) after that.
CACHE_CONTROL = "public, max-age=600"

_REF_TEMPLATE = "#/components/schemas/{name}"
_JSON = "application/json"

_DESCRIPTION = f"""\
The HTTP API of a Confessional session host: what phones, the moderator page, the
console and other tools can ask over HTTP. The prose, with every error code, is
`docs/protocol.md`.

Every body, in both directions, is one JSON envelope `{{"type", "version", "payload"}}`
of at most {MAX_MESSAGE_BYTES // 1024} KiB (but the organiser's logo: an image file up,
PNG or JPEG down); a refusal is an `error` envelope whose `payload.code` is stable.
The host answers only to its own names (`Host`), refuses `POST`s from other sites'
pages (`Origin`), and takes moderator commands only as `application/json`.

Not described here, because OpenAPI cannot describe them: the two WebSockets,
`GET /ws` (phones: `hello`, then the session's changes; `confession.submit` and
`agreement.set` as over HTTP) and `GET /moderator/{{secret}}/ws` (moderators: a
`moderator.snapshot`, then every change in order; `moderate` and `moderator.resync`).
They carry the same envelopes and payloads: see `docs/protocol.md`.

The moderator's paths start with `/moderator/{{secret}}/`, the long random secret of
the moderator link (the console shows it; the host's record `host.json` holds it);
a wrong or missing secret is answered 403 with an empty body. The projector page's
paths start likewise with `/projector/{{secret}}/`, a secret of its own (read-only: the
big screen's state)."""

_REFUSAL_CODES = {
    400: "the envelope or its payload does not fit (`bad_json`, `body_timeout`, `bad_envelope`, "
    "`unsupported_version`, `unknown_type`, `invalid_payload`, `<field>_too_long`) or the "
    "text breaks a rule (`text_too_long`, `text_empty`, `text_invisible`, "
    "`text_forbidden_characters`, `client_id_invalid`, ...)",
    401: "`unknown_participant`: the token names nobody in this session (join again)",
    403: "`host_not_allowed` (a `Host` that is not the laptop's) or `origin_not_allowed` "
    "(a `POST` from another site's page)",
    404: "`unknown_confession`",
    409: "the session's state refuses it (`session_ended`; `not_shown` for an agreement "
    "with a confession that is not, or was never, on the screen; for commands "
    "`cannot_approve`, `queue_changed`, `stale_version`, `session_open`, `unknown_address`, ...)",
    413: f"`too_large`: the body is over {MAX_MESSAGE_BYTES} bytes",
    415: "`not_json`: commands are sent as `Content-Type: application/json`",
    429: "`rate_limited`: wait for `Retry-After` seconds",
    500: "`transcript_not_written`: ending failed; the session stays open",
    503: "`not_saved`: the laptop cannot save right now; nothing changed, try again later",
}


def _members(union: Any) -> tuple[Any, ...]:
    """The structs of a union, through the type aliases it is made of."""
    value = getattr(union, "__value__", union)
    members = get_args(value)
    if not members:
        return (value,)
    return tuple(struct for member in members for struct in _members(member))


def _envelope(payload: Any, *, incoming: bool, name: str | None = None) -> type[msgspec.Struct]:
    """A struct for the envelope of ``payload`` (a message type, or a tagged union of
    them, all with one ``TYPE``, then with a ``name``), as the host reads it
    (``incoming``) or sends it."""
    structs = _members(payload)
    [message_type] = {struct.TYPE for struct in structs}
    fields: list[tuple[str, Any] | tuple[str, Any, Any]] = [
        ("version", Literal[PROTOCOL_VERSION]),
        ("payload", functools.reduce(operator.or_, structs)),
    ]
    if incoming:
        described = Annotated[
            Ref | None,
            msgspec.Meta(description="Chosen by the client; accepted and ignored over HTTP."),
        ]
        fields.append(("ref", described, None))
    return msgspec.defstruct(
        f"{name or structs[0].__name__}Envelope",
        fields,
        tag_field="type",
        tag=message_type,
        forbid_unknown_fields=True,
        frozen=True,
        namespace={"__doc__": f"The `{message_type}` envelope."},
    )


_REQUESTS = {
    "join": _envelope(Join, incoming=True),
    "submit": _envelope(SubmitConfession, incoming=True),
    "agree": _envelope(SetAgreement, incoming=True),
    "withdraw": _envelope(WithdrawConfession, incoming=True),
    "reply": _envelope(SubmitReply, incoming=True),
    "command": _envelope(Command, incoming=True, name="Command"),
}
_RESPONSES = {
    "joined": _envelope(Joined, incoming=False),
    "session": _envelope(PublicSession, incoming=False),
    "received": _envelope(ConfessionReceived, incoming=False),
    "recorded": _envelope(AgreementRecorded, incoming=False),
    "withdrawn": _envelope(ConfessionWithdrawn, incoming=False),
    "replied": _envelope(ReplyReceived, incoming=False),
    "snapshot": _envelope(Snapshot, incoming=False),
    "projector": _envelope(ProjectorState, incoming=False),
    "done": _envelope(Done, incoming=False),
    "logo": _envelope(LogoAdded, incoming=False),
    "error": _envelope(Error, incoming=False),
}


def _schemas() -> tuple[dict[str, Any], dict[str, Any]]:
    """The body schemas by their short name here, and every component they use."""
    names = list(_REQUESTS) + list(_RESPONSES) + ["message", "answer"]
    types: list[Any] = [*_REQUESTS.values(), *_RESPONSES.values()]
    types.append(
        _REQUESTS["submit"] | _REQUESTS["reply"] | _REQUESTS["withdraw"] | _REQUESTS["agree"]
    )
    types.append(
        _RESPONSES["received"]
        | _RESPONSES["replied"]
        | _RESPONSES["withdrawn"]
        | _RESPONSES["recorded"]
    )
    refs, components = msgspec.json.schema_components(types, ref_template=_REF_TEMPLATE)
    return dict(zip(names, refs, strict=True)), components


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {_JSON: {"schema": schema}}


def _answer(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": _json(schema)}


def _refusals(error: dict[str, Any], *statuses: int) -> dict[str, Any]:
    responses: dict[str, Any] = {}
    for status in statuses:
        response = _answer(error, f"Refused: {_REFUSAL_CODES[status]}.")
        if status == 429:
            response["headers"] = {
                "Retry-After": {
                    "description": "Seconds to wait before asking again.",
                    "required": True,
                    "schema": {"type": "integer", "minimum": 0},
                }
            }
        responses[str(status)] = response
    return responses


def _secret(link: str = "moderator") -> dict[str, Any]:
    return {
        "name": "secret",
        "in": "path",
        "required": True,
        "description": f"The secret of the {link} link (never in this document).",
        "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]+$"},
    }


_RECORD_SCHEMAS: dict[RecordFormat, dict[str, Any]] = {
    RecordFormat.MARKDOWN: {"type": "string"},
    RecordFormat.HTML: {"type": "string"},
    RecordFormat.CSV: {"type": "string"},
    RecordFormat.JSON: {
        "type": "object",
        "description": "The record's JSON document: docs/transcript-schema.json.",
        "required": ["format", "version", "fingerprint"],
    },
}


_LOGO_PARAMETERS = [
    {
        "name": "version",
        "in": "path",
        "required": True,
        "description": "The logo's version, as `logo.version` in the session says.",
        "schema": {"type": "string"},
    },
    {
        "name": "size",
        "in": "path",
        "required": True,
        "description": "`screen` (at most 1200 x 600 px) or `phone` (at most 480 x 120 px).",
        "schema": {"type": "string"},
    },
]
_LOGO_IMAGE = {
    "description": "The image; cached for good (a version never changes meaning).",
    "headers": {"ETag": {"schema": {"type": "string"}}},
    "content": {
        media_type: {"schema": {"type": "string", "contentMediaType": media_type}}
        for media_type in ("image/png", "image/jpeg")
    },
}


def _logo_paths(error: dict[str, Any], added: dict[str, Any]) -> dict[str, Any]:
    no_logo = _answer(
        error, "`no_logo`: not this session's logo (nor a waiting one), or no such size."
    )
    image = {
        "200": _LOGO_IMAGE,
        "304": {"description": "Not modified (`If-None-Match` named its `ETag`)."},
        "404": no_logo,
    }
    return {
        "/api/logo/{version}/{size}": {
            "parameters": _LOGO_PARAMETERS,
            "get": {
                "operationId": "getLogo",
                "tags": ["phones"],
                "summary": "The organiser's logo, as the session names it",
                "responses": {**image, **_refusals(error, 403)},
            },
        },
        f"{MODERATOR_API}/logo": {
            "parameters": [_secret()],
            "post": {
                "operationId": "addLogo",
                "tags": ["moderators"],
                "summary": "Upload a logo for a set-up to name",
                "description": (
                    "The image file itself as the body (PNG, JPEG, WebP or GIF; up to "
                    f"{MAX_LOGO_BYTES // (1024 * 1024)} MB). The host makes its renditions and "
                    "answers its version; nothing changes until `apply_setup` names it."
                ),
                "requestBody": {
                    "required": True,
                    "content": {"application/octet-stream": {"schema": {"type": "string"}}},
                },
                "responses": {
                    "200": _answer(added, "The logo, waiting for a set-up."),
                    "400": _answer(
                        error,
                        "Not a logo (`logo_empty`, `logo_not_image`, `logo_svg`, "
                        "`logo_damaged`, `logo_too_many_pixels`, `logo_too_detailed`), or a "
                        "body that could not be read (`bad_json`, `body_timeout`).",
                    ),
                    "409": _answer(error, "`session_ended`."),
                    "413": _answer(
                        error,
                        f"`logo_too_large`: over {MAX_LOGO_BYTES // (1024 * 1024)} MB.",
                    ),
                    **_refusals(error, 403),
                },
            },
        },
        f"{MODERATOR_API}/logo/{{version}}/{{size}}": {
            "parameters": [_secret(), *_LOGO_PARAMETERS],
            "get": {
                "operationId": "getWaitingLogo",
                "tags": ["moderators"],
                "summary": "The session's logo or one uploaded and waiting (a preview)",
                "responses": {**image, **_refusals(error, 403)},
            },
        },
    }


def build() -> dict[str, Any]:
    """The OpenAPI document, as a JSON-ready dict."""
    body, components = _schemas()
    error = body["error"]

    def request(schema: dict[str, Any]) -> dict[str, Any]:
        return {"required": True, "content": _json(schema)}

    paths: dict[str, Any] = {
        OPENAPI_PATH: {
            "get": {
                "operationId": "getOpenApi",
                "tags": ["meta"],
                "summary": "This document",
                "responses": {
                    "200": _answer({"type": "object"}, "The OpenAPI document."),
                    "304": {"description": "Not modified (`If-None-Match` named its `ETag`)."},
                    **_refusals(error, 403),
                },
            }
        },
        "/api/session": {
            "get": {
                "operationId": "getSession",
                "tags": ["phones"],
                "summary": "The public state of the session: what any phone may see",
                "responses": {
                    "200": _answer(body["session"], "The session."),
                    **_refusals(error, 403),
                },
            }
        },
        "/api/join": {
            "post": {
                "operationId": "join",
                "tags": ["phones"],
                "summary": "Join the session: a new participant token",
                "description": "The laptop itself (loopback) is not rate-limited.",
                "requestBody": request(body["join"]),
                "responses": {
                    "200": _answer(body["joined"], "A new participant token."),
                    **_refusals(error, 400, 403, 409, 413, 429, 503),
                },
            }
        },
        "/api/messages": {
            "post": {
                "operationId": "sendMessage",
                "tags": ["phones"],
                "summary": "Submit or withdraw a confession or a reply, or set an agreement",
                "description": (
                    "`confession.submit` is answered once the confession is saved; the same "
                    "`client_id` again is answered `duplicate: true`. `reply.submit` adds one "
                    "short line on what helped under a shown confession (409 `not_shown`; one "
                    "per phone per confession: 409 `already_replied`). `confession.withdraw` "
                    "deletes this phone's confession with that `client_id` unless it has "
                    "been shown (409 `already_shown`), or its reply until approved (409 "
                    "`already_approved`). `agreement.set` sets (not toggles) this phone's "
                    "agreement with a shown confession or an approved reply to one."
                ),
                "security": [{BEARER: []}],
                "requestBody": request(body["message"]),
                "responses": {
                    "200": _answer(body["answer"], "Saved."),
                    **_refusals(error, 400, 401, 403, 409, 413, 429, 503),
                },
            }
        },
        "/api/lessons.html": {
            "get": {
                "operationId": "getLessons",
                "tags": ["phones"],
                "summary": "Once the session has ended: what was shown and what people learned",
                "description": "An HTML page to read or save: the shown confessions' edited "
                "text and lessons, nothing else.",
                "responses": {
                    "200": {
                        "description": "The lessons.",
                        "content": {"text/html": {"schema": {"type": "string"}}},
                    },
                    **_refusals(error, 403, 409),
                },
            }
        },
        f"{MODERATOR_API}/record.{{ext}}": {
            "parameters": [
                _secret(),
                {
                    "name": "ext",
                    "in": "path",
                    "required": True,
                    "description": "The record's format (PDF is made by the console).",
                    "schema": {"type": "string", "enum": [f.value for f in RecordFormat]},
                },
            ],
            "get": {
                "operationId": "getRecord",
                "tags": ["moderators"],
                "summary": "The session's record as a download",
                "description": "During the session as it stands; after the end as written.",
                "responses": {
                    "200": {
                        "description": "The record, as an attachment.",
                        "content": {
                            f.media_type.split(";")[0]: {"schema": _RECORD_SCHEMAS[f]}
                            for f in RecordFormat
                        },
                    },
                    "404": {"description": "Not one of the formats."},
                    **_refusals(error, 403),
                },
            },
        },
        f"{MODERATOR_API}/state": {
            "parameters": [_secret()],
            "get": {
                "operationId": "getModeratorState",
                "tags": ["moderators"],
                "summary": "Everything moderators see: a `moderator.snapshot`",
                "responses": {
                    "200": _answer(body["snapshot"], "The snapshot."),
                    **_refusals(error, 403),
                },
            },
        },
        f"{PROJECTOR_API}/state": {
            "parameters": [_secret("projector")],
            "get": {
                "operationId": "getProjectorState",
                "tags": ["projector"],
                "summary": "What the big screen shows: a `projector` state (read-only)",
                "responses": {
                    "200": _answer(body["projector"], "The big screen's state."),
                    **_refusals(error, 403),
                },
            },
        },
        f"{MODERATOR_API}/commands": {
            "parameters": [_secret()],
            "post": {
                "operationId": "moderate",
                "tags": ["moderators"],
                "summary": "Carry out a moderation command",
                "description": (
                    "Answered `moderator.done` once the command is committed (the moderator "
                    "stream up to its `seq` shows the effect). `stop_host` stops the host "
                    "after answering."
                ),
                "requestBody": request(body["command"]),
                "responses": {
                    "200": _answer(body["done"], "Done and committed."),
                    **_refusals(error, 400, 403, 404, 409, 413, 415, 500, 503),
                },
            },
        },
        **_logo_paths(error, body["logo"]),
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Confessional session host",
            "version": __version__,
            "description": _DESCRIPTION,
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "tags": [
            {"name": "phones", "description": "What a participant's phone asks."},
            {"name": "moderators", "description": "Behind the moderator link's secret."},
            {"name": "projector", "description": "Behind the projector link's secret."},
            {"name": "meta", "description": "About the API itself."},
        ],
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {
                BEARER: {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "The token `POST /api/join` issued to this phone.",
                }
            },
        },
    }


@functools.cache
def _served() -> tuple[bytes, str]:
    document = msgspec.json.encode(build())
    return document, f'"{hashlib.sha256(document).hexdigest()[:32]}"'


async def serve(request: web.Request) -> web.Response:
    """``GET /api/openapi.json``: the document, cacheable, with an ``ETag``."""
    document, etag = _served()
    headers = {"Cache-Control": CACHE_CONTROL, "ETag": etag}
    if not_modified(request, etag):
        return web.Response(status=304, headers=headers)
    return web.Response(body=document, content_type=_JSON, headers=headers)
