#!/bin/sh
# Installs Xuequ from this folder (the unpacked xuequ-*-linux-amd64.tar.xz):
#   ./install.sh              for you alone, into ~/.local (no root needed)
#   sudo ./install.sh         for every user, into /usr/local
#   ./install.sh --uninstall  removes it again (sudo for /usr/local)
# PREFIX=/opt/xuequ ./install.sh installs elsewhere.
# Puts xuequ (desktop app) and xuequ-cli (command line, no GUI libraries
# needed) in PREFIX/bin, the menu entry, the icon, and the file type of
# *.xuequ.gpkg so that double-clicking a project opens it in Xuequ.
set -eu
cd "$(dirname "$0")"
if [ -z "${PREFIX:-}" ]; then
	if [ "$(id -u)" = 0 ]; then PREFIX=/usr/local; else PREFIX="$HOME/.local"; fi
fi
ID=cn.xuequ.app
BIN="$PREFIX/bin"
APPS="$PREFIX/share/applications"
ICONS="$PREFIX/share/icons/hicolor"
MIME="$PREFIX/share/mime"

refresh() {
	command -v update-mime-database >/dev/null && update-mime-database "$MIME" || true
	command -v update-desktop-database >/dev/null && update-desktop-database -q "$APPS" || true
	command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$ICONS" 2>/dev/null || true
}

if [ "${1:-}" = "--uninstall" ]; then
	rm -f "$BIN/xuequ" "$BIN/xuequ-cli" "$APPS/$ID.desktop" "$ICONS/256x256/apps/$ID.png" "$MIME/packages/$ID.xml"
	refresh
	echo "Xuequ removed from $PREFIX"
	exit 0
fi

install -Dm755 xuequ "$BIN/xuequ"
install -Dm755 xuequ-cli "$BIN/xuequ-cli"
install -Dm644 "$ID.png" "$ICONS/256x256/apps/$ID.png"
install -Dm644 "$ID.xml" "$MIME/packages/$ID.xml"
mkdir -p "$APPS"
# The menu entry names the program by its full path: ~/.local/bin is not
# on every desktop session's PATH.
sed "s|^Exec=xuequ |Exec=$BIN/xuequ |" "$ID.desktop" >"$APPS/$ID.desktop"
chmod 644 "$APPS/$ID.desktop"
refresh
# Make Xuequ the default for its project files (per user; harmless as root).
command -v xdg-mime >/dev/null && xdg-mime default "$ID.desktop" application/x-xuequ-project 2>/dev/null || true
echo "Xuequ installed in $PREFIX: menu 学区规划 Xuequ, or run $BIN/xuequ; command line: $BIN/xuequ-cli -h"
