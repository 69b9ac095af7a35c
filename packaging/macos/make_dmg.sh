#!/bin/sh
# macOS recipe: dist/Confessional.app (make bundle, on a Mac) → dist/Confessional-VERSION-macos-ARCH.dmg
#
#   sh packaging/macos/make_dmg.sh
#
# The app is signed ad hoc by PyInstaller only: Gatekeeper asks before its first start
# (Control-click → Open). Signing with a Developer ID and notarising need an Apple
# developer account: codesign --deep --options runtime, then xcrun notarytool submit.
# Not yet built or tried on a Mac: see packaging/README.md.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
APP="$ROOT/dist/Confessional.app"
[ -d "$APP" ] || { echo "No $APP: run make bundle on a Mac first." >&2; exit 1; }

# The keys macOS 15 needs to let the app use the local network and mDNS.
for key in NSLocalNetworkUsageDescription NSBonjourServices; do
  /usr/libexec/PlistBuddy -c "Print :$key" "$APP/Contents/Info.plist" >/dev/null \
    || { echo "Info.plist lacks $key" >&2; exit 1; }
done

VERSION=$(/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$APP/Contents/Info.plist")
DMG="$ROOT/dist/Confessional-$VERSION-macos-$(uname -m).dmg"
STAGE="$ROOT/build/dmg"
rm -rf "$STAGE" "$DMG"
mkdir -p "$STAGE"
ditto "$APP" "$STAGE/Confessional.app"  # keeps links, extended attributes and signatures
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname Confessional -srcfolder "$STAGE" -ov -format UDZO "$DMG"
echo "Made $DMG"
