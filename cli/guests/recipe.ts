// What the guest lab is made of: which Debian packages, which of their files, and the two /init
// scripts. Everything but the /init scripts is Debian's own, so a guest that boots is a
// real-world yardstick. The lab is the same, byte for byte, as the one the workspace's
// fetch-debian-guests.sh makes (test/boot/fetch-reference.test.ts compares the two MANIFESTs).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../paths.js";

/** MANIFEST's first word's number: bump when the lab's layout changes. */
export const LAB_FORMAT = 1;
/** Bump when the way the outputs are made changes while the data below stays the same. */
const RECIPE_REVISION = 1;

export type Role = "armmp" | "armmp-lpae" | "arm64" | "busybox-armhf" | "busybox-arm64";

/**
 * The packages, in MANIFEST order. Kernels are named through Debian's meta-packages (which
 * depend on the current versioned kernel, linux-image-X.Y.Z-N-flavour); busybox by name.
 * `members` are the tar members taken from the package (`*` stays within one path segment).
 */
export const PACKAGES: readonly { role: Role; meta?: string; name?: string; members: readonly string[] }[] = [
  { role: "armmp", meta: "linux-image-armmp:armhf",
    members: ["./boot/vmlinuz-*", "./boot/config-*", "./usr/lib/linux-image-*/vexpress-v2p-ca15-tc1.dtb"] },
  { role: "armmp-lpae", meta: "linux-image-armmp-lpae:armhf", members: ["./boot/vmlinuz-*", "./boot/config-*"] },
  { role: "arm64", meta: "linux-image-arm64:arm64", members: ["./boot/vmlinuz-*", "./boot/config-*"] },
  { role: "busybox-armhf", name: "busybox-static:armhf", members: ["./bin/busybox"] },
  { role: "busybox-arm64", name: "busybox-static:arm64", members: ["./bin/busybox"] },
];

/** The lab's files, in MANIFEST order (its `sha256` lines). */
export const OUTPUTS = [
  "armhf/zImage", "armhf/zImage-lpae", "armhf/vexpress-v2p-ca15-tc1.dtb", "armhf/config",
  "armhf/config-lpae", "armhf/initramfs.cpio.gz", "armhf/initramfs-shell.cpio.gz", "arm64/Image",
  "arm64/Image.gz", "arm64/config", "arm64/initramfs.cpio.gz", "arm64/initramfs-shell.cpio.gz",
] as const;

export type InitVariant = "ready" | "shell";

/** The initramfs file of each variant: the ready image is the plain one. */
export const INITRAMFS_NAME: Record<InitVariant, string> = {
  ready: "initramfs.cpio.gz",
  shell: "initramfs-shell.cpio.gz",
};

/**
 * /init of a variant: init/prologue.sh (busybox, mounts, console) then init/<variant>.sh, copied
 * byte for byte (a comment added to those files changes every image's sha256).
 * ready: GUEST-READY, uname and cpuinfo, the workload (GUEST_MB MiB of zeros through sha256sum,
 * a GUEST_AWK-iteration awk loop: sizes from the kernel command line, defaults 4 and 50000),
 * GUEST-TIMING, GUEST-DONE, poweroff. shell: GUEST-READY, then a shell on the console.
 */
export function initScript(variant: InitVariant): string {
  const dir = join(packageRoot(), "cli", "guests", "init");
  return readFileSync(join(dir, "prologue.sh"), "latin1") + readFileSync(join(dir, `${variant}.sh`), "latin1");
}

/** The workload the ready image runs with its default sizes, as MANIFEST's `expect` lines name it. */
export function expectedWorkload(): Record<string, string> {
  const zeros = createHash("sha256");
  const mib = Buffer.alloc(1 << 20);
  for (let i = 0; i < 4; i++) zeros.update(mib);
  let s = 0;
  for (let i = 0; i < 50000; i++) s = (s * 31 + i) % 1000003;
  return { "sha256-4MiB": zeros.digest("hex"), "awk-sum-50000": String(s) };
}

/** What MANIFEST's first line names this recipe by: a rebuild follows when any of it changes. */
export function recipeId(): string {
  const h = createHash("sha256");
  h.update(JSON.stringify({ LAB_FORMAT, RECIPE_REVISION, PACKAGES, OUTPUTS }));
  for (const v of ["ready", "shell"] as const) h.update(initScript(v));
  return h.digest("hex");
}
