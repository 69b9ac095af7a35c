"""Nothing that identifies a participant, and nothing never shown, reaches any export of
the record, nor stays in the data file once the session has ended.

Planted: a phone's token, the address it joined from, its browser's user agent, and the
text of a confession never shown, of a reply never approved, of an approved confession
there was no time to show and of one for the organisers only (both sections off).
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import unicodedata
from pathlib import Path

import aiohttp
import pytest

from facilitator.core.store import DATABASE_NAME
from facilitator.export_cli import main as export
from facilitator.protocol.commands import Approve, EndSession, Project, SetBatching
from tests.host.harness import envelope, running_server
from tests.http_client import connector as http_connector

ADDRESS = "127.0.0.77"
AGENT = "PlantedBrowser/9.9 (Secret-Phone-Model-ZX81)"
SHOWN = "I deployed on a Friday and switched my phone off."
NEVER_SHOWN = "NEVER-SHOWN: I leaked the payroll file to the wrong list."
NEVER_APPROVED_REPLY = "NEVER-APPROVED-REPLY: ask Jo in accounts."
APPROVED_NOT_SHOWN = "APPROVED-NOT-SHOWN: I skipped the fire drill."
FOR_ORGANISERS = "ORGANISERS-ONLY: my manager shouts at juniors."
HELPED = "A checklist on the release door."
SECRETS = (NEVER_SHOWN, NEVER_APPROVED_REPLY, APPROVED_NOT_SHOWN, FOR_ORGANISERS)


async def send(http: aiohttp.ClientSession, base: str, token: str, message: object) -> None:
    async with http.post(
        f"{base}/api/messages", json=message, headers={"Authorization": f"Bearer {token}"}
    ) as reply:
        assert reply.status == 200, await reply.text()


async def test_no_export_and_no_byte_of_the_data_file_holds_what_it_must_not(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    async with running_server(data_dir) as run:
        await run.moderate(SetBatching("off"))
        connector = http_connector(local_addr=(ADDRESS, 0))
        async with aiohttp.ClientSession(
            connector=connector, headers={"User-Agent": AGENT}
        ) as phone:
            async with phone.post(f"{run.base}/api/join", json=envelope("join", {})) as reply:
                token = (await reply.json())["payload"]["token"]
            texts = (SHOWN, NEVER_SHOWN, APPROVED_NOT_SHOWN)
            for number, text in enumerate(texts, start=1):
                payload = {"client_id": f"privacy-{number:04d}", "text": text}
                await send(phone, run.base, token, envelope("confession.submit", payload))
            organisers = {
                "client_id": "privacy-0004",
                "text": FOR_ORGANISERS,
                "for_organisers": True,
            }
            await send(phone, run.base, token, envelope("confession.submit", organisers))
            ids = {item.text: item.id for item in run.service.items()}
            await run.moderate(Approve(ids[SHOWN]))
            await run.moderate(Project(ids[SHOWN]))
            await run.moderate(Approve(ids[APPROVED_NOT_SHOWN]))
            for number, text in enumerate((HELPED, NEVER_APPROVED_REPLY), start=5):
                reply_payload = {
                    "client_id": f"privacy-{number:04d}",
                    "confession_id": ids[SHOWN],
                    "text": text,
                }
                replier = await run.join()
                await send(run.http, run.base, replier, envelope("reply.submit", reply_payload))
            [helped] = [i.id for i in run.service.items() if i.text == HELPED]
            await run.moderate(Approve(helped))
            await send(
                phone,
                run.base,
                token,
                envelope("agreement.set", {"confession_id": ids[SHOWN], "agreed": True}),
            )
        exports: dict[str, str] = {}
        for ext in ("md", "html", "csv", "json"):
            async with run.http.get(f"{run.moderator_base}/api/record.{ext}") as reply:
                exports[f"during.{ext}"] = await reply.text()
        await run.moderate(EndSession())
        for ext in ("md", "html", "csv", "json"):
            async with run.http.get(f"{run.moderator_base}/api/record.{ext}") as reply:
                exports[f"after.{ext}"] = await reply.text()
        async with run.http.get(f"{run.base}/api/lessons.html") as reply:
            exports["lessons.html"] = await reply.text()
        session_id = run.service.session.id
    for path in (data_dir / "transcripts").iterdir():
        exports[f"library/{path.name}"] = path.read_text(encoding="utf-8")
    for fmt in ("md", "html", "csv", "json", "pdf"):
        out = tmp_path / f"export.{fmt}"
        args = ["--data-dir", str(data_dir), str(session_id), "--format", fmt, "--out", str(out)]
        assert await asyncio.to_thread(export, args) == 0
        exports[f"cli.{fmt}"] = (
            pdf_text(out) if fmt == "pdf" else out.read_text(encoding="utf-8-sig")
        )
    planted = (token, ADDRESS, AGENT, "Secret-Phone-Model", *SECRETS)
    for name, content in exports.items():
        assert "switched my phone off" in content, name  # the record is there
        for secret in planted:
            assert secret not in content, (name, secret)
    assert HELPED in exports["after.json"] and HELPED in exports["lessons.html"]
    raw = b"".join(
        path.read_bytes() for path in data_dir.glob(f"{DATABASE_NAME}*") if path.is_file()
    )
    for secret in (token, ADDRESS, AGENT, *SECRETS):
        assert secret.encode() not in raw, secret
    assert SHOWN.encode() in raw  # what was shown is kept: the record's text


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (.ci/run installs it)")
    result = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    )
    return " ".join(unicodedata.normalize("NFKC", result.stdout).split())  # "ﬀ" is "ff"
