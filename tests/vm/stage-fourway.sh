#!/bin/sh
# stage-fourway.sh FOURWAY DEST: the real fourway binary and every shared
# library it loads (ldd) into DEST and DEST/lib, for the VM to run from
# /share/fw with LD_LIBRARY_PATH=/share/fw/lib.  A libtool wrapper script
# would not run there: refuse one.
set -eu
fw=$1 dest=$2
head -c 4 "$fw" | grep -q 'ELF' || { echo "stage-fourway.sh: $fw is not an ELF binary (a libtool wrapper?)" >&2; exit 1; }
rm -rf "$dest"
mkdir -p "$dest/lib"
cp "$fw" "$dest/fourway"
ldd "$fw" | awk '/=> \// { print $3 }' | while read -r l; do cp -L "$l" "$dest/lib/"; done
