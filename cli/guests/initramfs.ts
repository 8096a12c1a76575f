// The lab's initramfs images: Debian's static busybox and our /init, nothing else. The tree is
// what the shared fetch-debian-guests.sh stages (bin/busybox, init, empty mount points), every
// entry owned by root with mtime 0, directories 0755, files 0755, in byte order of their paths
// (`find | LC_ALL=C sort`), as newc cpio compressed by `gzip -9 -n`. Fixed inputs give fixed
// bytes, whatever the host's umask, clock or file system.
import { newcArchive, type CpioEntry } from "./cpio-newc.js";
import { gzip } from "./host.js";

const MOUNT_POINTS = ["dev", "etc", "proc", "root", "sys", "tmp"];
const DIR = 0o40755;
const EXECUTABLE = 0o100755;

export function initramfsEntries(busybox: Uint8Array, init: string): CpioEntry[] {
  const files: CpioEntry[] = [
    { name: "bin/busybox", mode: EXECUTABLE, data: busybox },
    { name: "init", mode: EXECUTABLE, data: Buffer.from(init, "latin1") },
  ];
  const dirNames = new Set(MOUNT_POINTS);
  for (const f of files) {
    const segs = f.name.split("/");
    for (let i = 1; i < segs.length; i++) dirNames.add(segs.slice(0, i).join("/"));
  }
  // A directory's link count is 2 ('.' and its name) plus one per subdirectory ('..').
  const subdirs = (d: string) => [...dirNames].filter((o) => o.startsWith(`${d}/`) && !o.slice(d.length + 1).includes("/")).length;
  const dirs: CpioEntry[] = [...dirNames].map((name) => ({ name, mode: DIR, nlink: 2 + subdirs(name) }));
  return [...dirs, ...files].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
}

export function buildInitramfs(busybox: Uint8Array, init: string): Promise<Buffer> {
  return gzip(newcArchive(initramfsEntries(busybox, init)), 9);
}
