#!/bin/sh
# make bundle-test (Linux, after make bundle): check the Linux archive as a user gets it.
#
#   sh packaging/linux/test_archive.sh [PYTHON]
#
# 1. the menu entry and the AppStream metainfo pass desktop-file-validate and
#    appstreamcli validate (Debian: desktop-file-utils, appstream);
# 2. the archive unpacks, and its install.sh installs into a temporary prefix;
# 3. packaging/smoke_test.py runs the installed app through its PREFIX/bin link, and
#    packaging/linux/icu_probe.py checks its trimmed ICU data against the full one;
# 4. install.sh --uninstall removes it.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PYTHON=${1:-python3}
APP_ID=io.github.confessional.Confessional

for tool in appstreamcli desktop-file-validate; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "$tool is missing: apt-get install appstream desktop-file-utils" >&2; exit 1; }
done
appstreamcli validate --no-net "$ROOT/packaging/linux/$APP_ID.metainfo.xml"
desktop-file-validate "$ROOT/packaging/linux/$APP_ID.desktop"
echo "ok   menu entry and metainfo"

set -- "$ROOT"/dist/confessional-*-linux-*.tar.gz
[ $# -eq 1 ] && [ -f "$1" ] || { echo "Expected one archive in dist/, found: $*" >&2; exit 1; }
ARCHIVE=$1
WORK=$(mktemp -d "${TMPDIR:-/tmp}/confessional-archive-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
tar -xzf "$ARCHIVE" -C "$WORK"
"$WORK"/confessional-*/install.sh --prefix "$WORK/prefix"
desktop-file-validate "$WORK/prefix/share/applications/$APP_ID.desktop"
echo "ok   $(basename "$ARCHIVE") unpacks and installs"

"$PYTHON" "$ROOT/packaging/smoke_test.py" "$WORK/prefix/bin/confessional"
# The bundle's trimmed ICU data answers Qt as the full one does (packaging/linux/trim_icu.py)
"$PYTHON" "$ROOT/packaging/linux/icu_probe.py" --compare \
  "$WORK/prefix/lib/confessional/_internal/PySide6/Qt/lib/libicudata.so.73"

"$WORK"/confessional-*/install.sh --prefix "$WORK/prefix" --uninstall
[ ! -e "$WORK/prefix/bin/confessional" ] && [ ! -e "$WORK/prefix/lib/confessional" ] || {
  echo "install.sh --uninstall left the app behind" >&2; exit 1; }
echo "ok   install.sh --uninstall"
