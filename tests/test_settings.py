"""Settings: typed defaults, a forgiving reader, an atomic writer."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import replace
from pathlib import Path

import pytest

from facilitator.join.wifi import RoomWifi, Security
from facilitator.settings import (
    VERSION,
    Settings,
    load_settings,
    save_settings,
    settings_path,
)


def write(data_dir: Path, document: object) -> None:
    settings_path(data_dir).write_text(json.dumps(document), encoding="utf-8")


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def test_no_file_means_the_defaults(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    assert load_settings(tmp_path) == Settings()
    assert Settings().projector_screen is None  # automatic
    assert load_settings(tmp_path / "not-created-yet") == Settings()
    assert warnings(caplog) == []


def test_saved_settings_come_back(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    chosen = Settings(projector_screen="HDMI-1#PROJ9")
    save_settings(tmp_path, chosen)
    assert load_settings(tmp_path) == chosen
    document = json.loads(settings_path(tmp_path).read_text(encoding="utf-8"))
    assert document == {"version": 1, "projector_screen": "HDMI-1#PROJ9"}
    save_settings(tmp_path, Settings())
    assert json.loads(settings_path(tmp_path).read_text(encoding="utf-8")) == {
        "version": VERSION,
        "projector_screen": None,
    }
    assert load_settings(tmp_path) == Settings()
    assert warnings(caplog) == []


def test_names_that_are_not_ascii_round_trip(tmp_path: Path) -> None:
    chosen = Settings(projector_screen="Écran intégré Retina#ÄÖ-12")
    save_settings(tmp_path, chosen)
    assert load_settings(tmp_path) == chosen


def test_saving_creates_the_data_folder(tmp_path: Path) -> None:
    data_dir = tmp_path / "new" / "folder"
    save_settings(data_dir, Settings(projector_screen="DP-2"))
    assert load_settings(data_dir).projector_screen == "DP-2"


def test_saving_leaves_no_temporary_file(tmp_path: Path) -> None:
    for key in ("DP-2", None, "HDMI-1"):
        save_settings(tmp_path, Settings(projector_screen=key))
    assert sorted(path.name for path in tmp_path.iterdir()) == ["settings.json"]


def test_a_failed_save_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_settings(tmp_path, Settings(projector_screen="DP-2"))
    before = settings_path(tmp_path).read_bytes()

    def failing_replace(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space left"):
        save_settings(tmp_path, Settings(projector_screen="HDMI-1"))
    monkeypatch.undo()
    assert settings_path(tmp_path).read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["settings.json"]


@pytest.mark.parametrize(
    "content",
    [
        '{"version": 1, "projector_screen": "HDMI-1"',  # cut short
        "",
        "not json at all",
        "[1, 2, 3]",
        '"HDMI-1"',
        "null",
    ],
)
def test_a_malformed_file_means_the_defaults_and_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, content: str
) -> None:
    settings_path(tmp_path).write_text(content, encoding="utf-8")
    assert load_settings(tmp_path) == Settings()
    assert len(warnings(caplog)) == 1


def test_a_file_that_is_not_utf8_means_the_defaults(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings_path(tmp_path).write_bytes(b'{"projector_screen": "\xff\xfe"}')
    assert load_settings(tmp_path) == Settings()
    assert len(warnings(caplog)) == 1


def test_an_unreadable_file_means_the_defaults(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings_path(tmp_path).mkdir()  # a folder where the file should be
    assert load_settings(tmp_path) == Settings()
    assert len(warnings(caplog)) == 1


@pytest.mark.parametrize("value", [42, 1.5, True, ["HDMI-1"], {"name": "HDMI-1"}])
def test_a_value_of_the_wrong_type_means_the_default(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, value: object
) -> None:
    write(tmp_path, {"version": 1, "projector_screen": value})
    assert load_settings(tmp_path) == Settings()
    [warning] = warnings(caplog)
    assert "projector_screen should be a string or null" in warning


def test_a_newer_file_keeps_what_this_version_does_not_know(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write(tmp_path, {"version": 7, "projector_screen": "DP-2", "theme": "dark"})
    assert load_settings(tmp_path) == Settings(projector_screen="DP-2")
    save_settings(tmp_path, Settings(projector_screen="HDMI-1"))
    assert json.loads(settings_path(tmp_path).read_text(encoding="utf-8")) == {
        "version": 7,
        "projector_screen": "HDMI-1",
        "theme": "dark",
    }
    assert warnings(caplog) == []


def test_saving_over_a_malformed_file_starts_afresh(tmp_path: Path) -> None:
    settings_path(tmp_path).write_text("not json", encoding="utf-8")
    save_settings(tmp_path, Settings(projector_screen="DP-2"))
    assert json.loads(settings_path(tmp_path).read_text(encoding="utf-8")) == {
        "version": VERSION,
        "projector_screen": "DP-2",
    }


# The Wi-Fi phones join (shown on the join slide)

WIFI = RoomWifi("Café Guest; 2nd floor", 'pa"ss:word,\\', Security.WPA, hidden=True)


def test_the_wifi_comes_back(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    chosen = Settings(projector_screen="DP-2", wifi=WIFI)
    save_settings(tmp_path, chosen)
    assert load_settings(tmp_path) == chosen
    document = json.loads(settings_path(tmp_path).read_text(encoding="utf-8"))
    assert document["wifi"] == {
        "ssid": "Café Guest; 2nd floor",
        "password": 'pa"ss:word,\\',
        "security": "WPA",
        "hidden": True,
        "show_password": False,
    }
    open_network = Settings(wifi=RoomWifi("Free", security=Security.NONE, show_password=False))
    save_settings(tmp_path, open_network)
    assert load_settings(tmp_path) == open_network
    assert warnings(caplog) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_file_with_the_password_is_the_users_alone(tmp_path: Path) -> None:
    save_settings(tmp_path, Settings(wifi=WIFI))
    assert settings_path(tmp_path).stat().st_mode & 0o777 == 0o600


def test_removing_the_wifi_removes_it_from_the_file(tmp_path: Path) -> None:
    save_settings(tmp_path, Settings(wifi=WIFI))
    save_settings(tmp_path, Settings(projector_screen="DP-2"))
    document = json.loads(settings_path(tmp_path).read_text(encoding="utf-8"))
    assert document == {"version": VERSION, "projector_screen": "DP-2"}
    assert load_settings(tmp_path).wifi is None


def test_a_saved_screen_keeps_the_wifi_and_other_keys(tmp_path: Path) -> None:
    write(tmp_path, {"version": 1, "theme": "dark", "wifi": {"ssid": "Hall", "password": "x" * 8}})
    settings = load_settings(tmp_path)
    assert settings.wifi == RoomWifi("Hall", "x" * 8)  # defaults for what is missing
    save_settings(tmp_path, replace(settings, projector_screen="HDMI-1"))
    document = json.loads(settings_path(tmp_path).read_text(encoding="utf-8"))
    assert document["theme"] == "dark"
    assert load_settings(tmp_path) == Settings(projector_screen="HDMI-1", wifi=settings.wifi)


@pytest.mark.parametrize(
    ("value", "warned"),
    [
        ("Hall", "wifi should be an object or null"),
        (["Hall"], "wifi should be an object or null"),
        ({"password": "x" * 8}, "the wifi entry is malformed"),
        ({"ssid": 42}, "the wifi entry is malformed"),
        ({"ssid": "Hall", "password": "x" * 8, "security": "WPA4"}, "the wifi entry is malformed"),
        ({"ssid": "Hall", "password": "x" * 8, "hidden": "yes"}, "the wifi entry is malformed"),
        ({"ssid": "Hall", "password": "x" * 8, "show_password": 1}, "malformed"),
        ({"ssid": "Hall", "password": "short"}, "the wifi entry is not usable (A WPA password"),
        ({"ssid": "x" * 40, "password": "x" * 8}, "not usable (The network name takes 40 bytes"),
    ],
)
def test_a_wifi_entry_that_cannot_be_used_means_none_and_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, value: object, warned: str
) -> None:
    write(tmp_path, {"version": 1, "projector_screen": "DP-2", "wifi": value})
    assert load_settings(tmp_path) == Settings(projector_screen="DP-2")
    [warning] = warnings(caplog)
    assert warned in warning
    assert "x" * 8 not in warning  # never the password in the log


def test_a_null_wifi_is_no_wifi(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    write(tmp_path, {"version": 1, "wifi": None})
    assert load_settings(tmp_path) == Settings()
    assert warnings(caplog) == []


# The first-run guide (shown once on a laptop)


def test_the_first_run_guide_is_remembered_with_the_rest(tmp_path: Path) -> None:
    write(tmp_path, {"version": 1, "theme": "dark", "projector_screen": "DP-2"})
    settings = load_settings(tmp_path)
    assert settings.first_run_guide_seen is False
    save_settings(tmp_path, replace(settings, first_run_guide_seen=True))
    document = json.loads(settings_path(tmp_path).read_text(encoding="utf-8"))
    assert document["first_run_guide_seen"] is True
    assert (document["theme"], document["projector_screen"]) == ("dark", "DP-2")
    assert load_settings(tmp_path) == Settings(projector_screen="DP-2", first_run_guide_seen=True)


@pytest.mark.parametrize("value", ["yes", 1, None, {}])
def test_a_guide_flag_of_the_wrong_type_means_not_seen(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, value: object
) -> None:
    write(tmp_path, {"version": 1, "projector_screen": "DP-2", "first_run_guide_seen": value})
    assert load_settings(tmp_path) == Settings(projector_screen="DP-2")
    [warning] = warnings(caplog)
    assert "first_run_guide_seen should be true or false" in warning
