#!/bin/sh
# fetch-guests.sh: fetch (or re-use) Debian's guest lab for the boot tests and benchmarks.
#
# Runs ../shared/guests/fetch-debian-guests.sh (next to this repository) into a cache
# directory, so reruns are cheap: the shared script stops at once when its MANIFEST
# matches. Prints the guests directory on stdout (last line), everything else on stderr.
#
#   ARMLET_GUESTS     where the guests go (default ${XDG_CACHE_HOME:-$HOME/.cache}/armlet/guests)
#   ARMLET_FETCH_SCRIPT  the shared script (default <repo>/../shared/guests/fetch-debian-guests.sh)
#
# Use:  export ARMLET_GUESTS="$(scripts/fetch-guests.sh)" && npm test
# Needs apt-get/dpkg (the shared script adds the armhf/arm64 dpkg architectures and runs
# apt-get update itself when run as root; otherwise do that first, see its header).
set -eu

me=fetch-guests
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
script=${ARMLET_FETCH_SCRIPT:-$repo/../shared/guests/fetch-debian-guests.sh}
cache=${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}
out=${ARMLET_GUESTS:-$cache/armlet/guests}

if [ ! -f "$script" ]; then
    echo "$me: error: the shared guest script is missing: $script" >&2
    echo "$me: (it lives in the shared checkout next to this repository; set ARMLET_FETCH_SCRIPT to use another copy)" >&2
    exit 2
fi

mkdir -p "$out" || { echo "$me: error: cannot create $out" >&2; exit 1; }
out=$(cd "$out" && pwd)
echo "$me: guests in $out (from $script)" >&2
if ! sh "$script" "$out" >&2; then
    echo "$me: error: $script failed; the guests in $out are incomplete" >&2
    exit 1
fi
for f in MANIFEST armhf/zImage armhf/vexpress-v2p-ca15-tc1.dtb armhf/initramfs.cpio.gz armhf/initramfs-shell.cpio.gz; do
    [ -s "$out/$f" ] || { echo "$me: error: $out/$f is missing after the fetch" >&2; exit 1; }
done
echo "$out"
