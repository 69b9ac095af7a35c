"""phonenumbers without its place names, carriers and time zones (20 MB of data): the
app only finds and checks numbers (facilitator/core/hints/phones.py). Replaces the
hook of pyinstaller-hooks-contrib, which collects every submodule."""

from PyInstaller.utils.hooks import collect_submodules

UNUSED = (
    "phonenumbers.geocoder",
    "phonenumbers.geodata",
    "phonenumbers.carrier",
    "phonenumbers.carrierdata",
    "phonenumbers.timezone",
    "phonenumbers.tzdata",
)

hiddenimports = collect_submodules("phonenumbers", filter=lambda name: not name.startswith(UNUSED))
