#!/bin/sh
# AppImage recipe: dist/confessional (make bundle) → build/Confessional.AppDir →
# dist/Confessional-VERSION-ARCH.AppImage.
#
#   sh packaging/linux/make_appimage.sh
#
# Needs appimagetool on PATH (the AppImage project's release binary; not in Debian or
# PyPI, so not available where this project is built and tested). Without it the script
# stops after the AppDir, which can be tried as it is: build/Confessional.AppDir/AppRun.
# Not yet built or tried as an AppImage: see packaging/README.md.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
APP_ID=io.github.confessional.Confessional
BUNDLE="$ROOT/dist/confessional"
APPDIR="$ROOT/build/Confessional.AppDir"
ARCH=$(uname -m)

[ -x "$BUNDLE/confessional" ] || { echo "No bundle in $BUNDLE: run make bundle first." >&2; exit 1; }
VERSION=$("$BUNDLE/confessional" --version | sed -n 's/^confessional //p')

rm -rf "$APPDIR"
mkdir -p "$APPDIR/usr/lib" "$APPDIR/usr/share/applications" "$APPDIR/usr/share/metainfo"
cp -R "$BUNDLE" "$APPDIR/usr/lib/confessional"  # keeps the bundle's links
# AppRun is the bundle's executable itself; the PyInstaller bootloader finds _internal/
# beside its real path, and the desktop app starts the host from that same path.
ln -s usr/lib/confessional/confessional "$APPDIR/AppRun"

cp "$ROOT/packaging/linux/$APP_ID.desktop" "$APPDIR/$APP_ID.desktop"
cp "$ROOT/packaging/linux/$APP_ID.desktop" "$APPDIR/usr/share/applications/"
cp "$ROOT/packaging/linux/$APP_ID.metainfo.xml" "$APPDIR/usr/share/metainfo/$APP_ID.appdata.xml"
for size in 16 24 32 48 64 128 256 512; do
  mkdir -p "$APPDIR/usr/share/icons/hicolor/${size}x${size}/apps"
  cp "$ROOT/resources/icons/confessional-$size.png" \
    "$APPDIR/usr/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
cp "$ROOT/resources/icons/confessional-256.png" "$APPDIR/$APP_ID.png"
ln -s "$APP_ID.png" "$APPDIR/.DirIcon"

if ! command -v appimagetool >/dev/null 2>&1; then
  echo "AppDir ready: $APPDIR (try $APPDIR/AppRun --version)."
  echo "appimagetool is not on PATH: no AppImage made."
  exit 0
fi
ARCH="$ARCH" appimagetool "$APPDIR" "$ROOT/dist/Confessional-$VERSION-$ARCH.AppImage"
echo "Made dist/Confessional-$VERSION-$ARCH.AppImage"
