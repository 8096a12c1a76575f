#!/bin/busybox sh
# Guest lab /init: busybox-static from Debian, nothing else.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
[ -c /dev/console ] && exec </dev/console >/dev/console 2>&1
up() { read -r u _ </proc/uptime; echo "$u"; }
