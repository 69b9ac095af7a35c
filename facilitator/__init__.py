"""Confessional: the facilitator's app for live confessional sessions."""

__version__ = "0.1.0"
# How desktops know the app: the .desktop file's and the AppStream metainfo's name.
APP_ID = "io.github.confessional.Confessional"
