// The arm64 shell initramfs with the lab's armhf static busybox added as /bin/busybox32, so a
// 32-bit ARM program runs at EL0 under the arm64 kernel (CONFIG_COMPAT: AArch32 at EL0 on the
// Cortex-A57). The lab's arm64 images carry only the arm64 busybox; the armhf one is taken from
// the armhf initramfs and appended as a second newc archive (the kernel unpacks both in order).
import { readFileSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import { newcArchive } from "../../../cli/guests/cpio-newc.js";

/** A file's bytes from a newc cpio archive, or undefined. */
export function cpioFile(archive: Uint8Array, path: string): Uint8Array | undefined {
  const text = (o: number, n: number) => Buffer.from(archive.subarray(o, o + n)).toString("latin1");
  const align4 = (n: number) => (n + 3) & ~3;
  let at = 0;
  while (at + 110 <= archive.length && text(at, 6) === "070701") {
    const field = (i: number) => parseInt(text(at + 6 + 8 * i, 8), 16);
    const size = field(6), nameSize = field(11);
    const name = text(at + 110, nameSize - 1);
    const dataAt = align4(at + 110 + nameSize);
    if (name === "TRAILER!!!") return undefined;
    if (name.replace(/^\.?\//, "") === path) return archive.slice(dataAt, dataAt + size);
    at = align4(dataAt + size);
  }
  return undefined;
}

/** arm64 shell initramfs + /bin/busybox32 (armhf) as one initrd. */
export function compatShellInitrd(arm64ShellInitrd: string, armhfInitrd: string): Uint8Array {
  const busybox32 = cpioFile(gunzipSync(readFileSync(armhfInitrd)), "bin/busybox");
  if (!busybox32) throw new Error(`${armhfInitrd} has no bin/busybox`);
  const extra = gzipSync(newcArchive([{ name: "bin/busybox32", mode: 0o100755, data: busybox32 }]));
  return Buffer.concat([readFileSync(arm64ShellInitrd), extra]);
}
