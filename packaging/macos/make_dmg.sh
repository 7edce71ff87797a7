#!/bin/sh
# Wrap dist/Reviewer.app (built by packaging/build.py on macOS) into a .dmg, signing and
# notarising when CI provides the secrets. Runs on GitHub's macOS runners only (hdiutil,
# codesign, xcrun notarytool); never run on the Linux development machine.
#
# Environment (all optional; without them the .app and .dmg are unsigned):
#   MACOS_CODESIGN_IDENTITY   "Developer ID Application: ..." already in the keychain
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD   notarytool credentials
set -eu
version="$1"
dist="${2:-dist}"
app="$dist/Reviewer.app"
dmg="$dist/reviewer-$version-macos.dmg"
test -d "$app"

if [ -n "${MACOS_CODESIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp \
    --sign "$MACOS_CODESIGN_IDENTITY" "$app"
  codesign --verify --strict --verbose=2 "$app"
fi

staging="$(mktemp -d)"
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
rm -f "$dmg"
hdiutil create -volname "Reviewer $version" -srcfolder "$staging" -fs HFS+ \
  -format UDZO -ov "$dmg"
rm -rf "$staging"

if [ -n "${MACOS_CODESIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$MACOS_CODESIGN_IDENTITY" "$dmg"
fi
if [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
  xcrun notarytool submit "$dmg" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
    --password "$APPLE_APP_PASSWORD" --wait
  xcrun stapler staple "$dmg"
fi
echo "$dmg"
