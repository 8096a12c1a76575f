// Kernel modules for the guest: the armmp kernel has virtio-mmio, virtio-blk, virtio-rng... as
// modules, which the lab's initramfs images do not carry. This takes them from the kernel .deb
// the fetch script keeps in <lab>/.debs (dpkg-deb), puts them into a second newc cpio under
// /modules and appends it to an initramfs (the kernel unpacks concatenated archives in order).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { gzipSync } from "node:zlib";

/** The armmp kernel package in the lab, or undefined. */
export function kernelDeb(labDir: string): string | undefined {
  const dir = join(labDir, ".debs");
  if (!existsSync(dir)) return undefined;
  const deb = readdirSync(dir).find((f) => /^linux-image-.*-armmp_.*_armhf\.deb$/.test(f));
  return deb && join(dir, deb);
}

export function haveDpkgDeb(): boolean {
  return spawnSync("dpkg-deb", ["--version"]).status === 0;
}

/** newc cpio of regular files (name -> bytes) and the directories they need, with a trailer. */
export function newcCpio(files: Record<string, Uint8Array>): Uint8Array {
  const parts: Buffer[] = [];
  let ino = 1;
  const entry = (name: string, mode: number, data: Uint8Array) => {
    const nameBytes = Buffer.from(`${name}\0`, "latin1");
    const fields = [ino++, mode, 0, 0, 1, 0, data.length, 0, 0, 0, 0, nameBytes.length, 0];
    const header = "070701" + fields.map((v) => v.toString(16).padStart(8, "0")).join("");
    const pad = (n: number) => Buffer.alloc((4 - (n % 4)) % 4);
    parts.push(Buffer.from(header, "latin1"), nameBytes, pad(110 + nameBytes.length), Buffer.from(data), pad(data.length));
  };
  const dirs = new Set<string>();
  for (const name of Object.keys(files)) {
    const segs = name.split("/");
    for (let i = 1; i < segs.length; i++) dirs.add(segs.slice(0, i).join("/"));
  }
  for (const d of [...dirs].sort()) entry(d, 0o40755, new Uint8Array(0));
  for (const [name, data] of Object.entries(files)) entry(name, 0o100644, data);
  entry("TRAILER!!!", 0, new Uint8Array(0));
  return Buffer.concat(parts);
}

/**
 * `initrd` with the named modules (file names such as "virtio_mmio.ko") appended under /modules;
 * returns the new image's path (in a temporary directory).
 */
export function initrdWithModules(initrd: string, deb: string, modules: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "armlet-modules-"));
  const tar = execFileSync("dpkg-deb", ["--fsys-tarfile", deb], { maxBuffer: 1 << 30 });
  writeFileSync(join(dir, "data.tar"), tar);
  const list = execFileSync("tar", ["-tf", join(dir, "data.tar")], { maxBuffer: 1 << 28, encoding: "latin1" }).split("\n");
  const files: Record<string, Uint8Array> = {};
  for (const mod of modules) {
    const path = list.find((p) => p.includes("/kernel/") && basename(p) === mod);
    if (!path) throw new Error(`${deb}: no module ${mod}`);
    execFileSync("tar", ["-xf", join(dir, "data.tar"), "-C", dir, path]);
    files[`modules/${mod}`] = readFileSync(join(dir, path));
  }
  const out = join(dir, "initrd-modules.cpio.gz");
  writeFileSync(out, Buffer.concat([readFileSync(initrd), gzipSync(newcCpio(files))]));
  return out;
}
