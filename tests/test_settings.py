"""Settings: typed defaults, a forgiving reader, an atomic writer."""

from __future__ import annotations

import json
import logging
import os
import typing
from pathlib import Path

import pytest

from facilitator import settings as settings_module
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
def test_a_value_of_the_wrong_type_means_its_default(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, value: object
) -> None:
    write(tmp_path, {"version": 1, "projector_screen": value})
    assert load_settings(tmp_path) == Settings()
    [warning] = warnings(caplog)
    assert "projector_screen should be str or null" in warning


def test_unknown_keys_are_ignored_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write(tmp_path, {"version": 1, "projector_screen": "DP-2", "theme": "dark"})
    assert load_settings(tmp_path) == Settings(projector_screen="DP-2")
    [warning] = warnings(caplog)
    assert "'theme'" in warning


def test_a_file_without_a_version_is_version_1(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write(tmp_path, {"projector_screen": "DP-2"})
    assert load_settings(tmp_path) == Settings(projector_screen="DP-2")
    assert warnings(caplog) == []


@pytest.mark.parametrize("version", ["1", 0, -3, True, None, 1.0])
def test_an_invalid_version_is_read_as_version_1(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, version: object
) -> None:
    write(tmp_path, {"version": version, "projector_screen": "DP-2"})
    assert load_settings(tmp_path) == Settings(projector_screen="DP-2")
    [warning] = warnings(caplog)
    assert "invalid version" in warning


def test_a_newer_file_is_read_as_far_as_it_is_understood(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write(tmp_path, {"version": VERSION + 1, "projector_screen": "DP-2", "new_thing": 3})
    assert load_settings(tmp_path) == Settings(projector_screen="DP-2")
    found = warnings(caplog)
    assert len(found) == 2
    assert "newer Confessional" in found[0]
    assert "'new_thing'" in found[1]


def test_upgrade_steps_run_from_the_file_s_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def rename_projector(document: dict[str, object]) -> dict[str, object]:
        document["projector_screen"] = document.pop("projector", None)
        return document

    # As if version 2 had renamed "projector" (version 1) to "projector_screen".
    monkeypatch.setattr(settings_module, "UPGRADES", (rename_projector,))
    monkeypatch.setattr(settings_module, "VERSION", 2)
    write(tmp_path, {"version": 1, "projector": "DP-2"})
    assert load_settings(tmp_path) == Settings(projector_screen="DP-2")
    write(tmp_path, {"version": 2, "projector_screen": "HDMI-1"})
    assert load_settings(tmp_path) == Settings(projector_screen="HDMI-1")
    save_settings(tmp_path, Settings())
    assert json.loads(settings_path(tmp_path).read_text(encoding="utf-8"))["version"] == 2


@pytest.mark.parametrize(
    ("value", "hint", "expected"),
    [
        ("DP-2", str, "DP-2"),
        (None, str | None, None),
        ("DP-2", str | None, "DP-2"),
        (3, int, 3),
        (3.0, int, 3),  # converted to the default's type
        (3, float, 3.0),
        (2.5, float, 2.5),
        (True, bool, True),
        (None, int | None, None),
    ],
)
def test_values_are_converted_to_the_default_s_type(
    value: object, hint: object, expected: object
) -> None:
    converted = settings_module._convert(value, hint)
    assert converted == expected
    assert type(converted) is type(expected)


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        (3, str),
        (None, str),
        (True, int),
        (2.5, int),
        (float("nan"), int),
        (float("inf"), float),
        ("3", int),
        (1, bool),
        ("true", bool),
        (False, float),
    ],
)
def test_values_that_cannot_be_converted_are_the_wrong_type(value: object, hint: object) -> None:
    with pytest.raises(settings_module._WrongType):
        settings_module._convert(value, hint)


def test_every_setting_has_a_supported_type() -> None:
    # A new field of an unsupported type fails here rather than at a facilitator's start.
    for name, hint in typing.get_type_hints(Settings).items():
        settings_module._convert(getattr(Settings(), name), hint)
