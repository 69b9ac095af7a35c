#!/bin/sh
# Install Confessional from this unpacked archive, for you alone (default) or for
# everyone (sudo ./install.sh --prefix /usr/local). Uninstall with --uninstall and
# the same --prefix.
#
#   PREFIX/lib/confessional/            the app (this folder's confessional and _internal)
#   PREFIX/bin/confessional             a link to it
#   PREFIX/share/applications/          the menu entry
#   PREFIX/share/icons/hicolor/         its icons
#   PREFIX/share/metainfo/              the AppStream description (software centres)
set -eu

APP_ID=io.github.confessional.Confessional
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX="${HOME}/.local"
UNINSTALL=no

while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX=$2; shift 2 ;;
    --prefix=*) PREFIX=${1#--prefix=}; shift ;;
    --uninstall) UNINSTALL=yes; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument: $1 (try --help)" >&2; exit 64 ;;
  esac
done

refresh_caches() {
  command -v update-desktop-database >/dev/null 2>&1 \
    && update-desktop-database -q "$PREFIX/share/applications" 2>/dev/null || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 \
    && gtk-update-icon-cache -q -t "$PREFIX/share/icons/hicolor" 2>/dev/null || true
}

if [ "$UNINSTALL" = yes ]; then
  rm -rf "$PREFIX/lib/confessional"
  rm -f "$PREFIX/bin/confessional" \
    "$PREFIX/share/applications/$APP_ID.desktop" \
    "$PREFIX/share/metainfo/$APP_ID.metainfo.xml"
  find "$PREFIX/share/icons/hicolor" -name "$APP_ID.*" -type f -delete 2>/dev/null || true
  refresh_caches
  echo "Removed Confessional from $PREFIX (sessions and transcripts in your data folder stay)."
  exit 0
fi

mkdir -p "$PREFIX/lib" "$PREFIX/bin" "$PREFIX/share/applications" "$PREFIX/share/metainfo"
rm -rf "$PREFIX/lib/confessional.new"
mkdir "$PREFIX/lib/confessional.new"
# cp -R keeps the bundle's symbolic links as links.
cp -R "$HERE/confessional" "$HERE/_internal" "$PREFIX/lib/confessional.new/"
rm -rf "$PREFIX/lib/confessional"
mv "$PREFIX/lib/confessional.new" "$PREFIX/lib/confessional"
ln -sf "$PREFIX/lib/confessional/confessional" "$PREFIX/bin/confessional"

# The menu entry starts the installed app by its full path (PREFIX/bin may not be on PATH).
sed "s|^Exec=confessional|Exec=$PREFIX/lib/confessional/confessional|" \
  "$HERE/share/applications/$APP_ID.desktop" > "$PREFIX/share/applications/$APP_ID.desktop"
cp "$HERE/share/metainfo/$APP_ID.metainfo.xml" "$PREFIX/share/metainfo/"
(cd "$HERE/share/icons" && find hicolor -type f) | while read -r icon; do
  mkdir -p "$PREFIX/share/icons/$(dirname "$icon")"
  cp "$HERE/share/icons/$icon" "$PREFIX/share/icons/$icon"
done
refresh_caches

echo "Installed Confessional in $PREFIX: find it in your applications menu, or run $PREFIX/bin/confessional"
