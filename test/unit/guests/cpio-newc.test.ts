// The initramfs writer: newc headers and padding as the kernel reads them, and the same bytes as
// GNU cpio (-H newc -R 0:0 --reproducible) and `| gzip -9 -n` give for the tree the shared fetch
// script stages (when cpio is installed; .ci/run installs it).
import { describe, it, expect } from "vitest";
import { execFileSync, execSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { newcArchive } from "../../../cli/guests/cpio-newc.js";
import { buildInitramfs, initramfsEntries } from "../../../cli/guests/initramfs.js";
import { initScript } from "../../../cli/guests/recipe.js";
import { lacksCommand } from "../../helpers/requirements.js";

/** The newc entries of an archive: header fields by name, the name, the data. */
function readNewc(a: Buffer) {
  const names = ["ino", "mode", "uid", "gid", "nlink", "mtime", "filesize", "devmajor", "devminor", "rdevmajor", "rdevminor", "namesize", "check"];
  const out: { name: string; data: Buffer; f: Record<string, number> }[] = [];
  let o = 0;
  for (;;) {
    expect(a.toString("latin1", o, o + 6)).toBe("070701");
    const f: Record<string, number> = {};
    names.forEach((n, i) => { f[n] = parseInt(a.toString("latin1", o + 6 + 8 * i, o + 14 + 8 * i), 16); });
    const name = a.toString("latin1", o + 110, o + 110 + f.namesize - 1);
    o = (o + 110 + f.namesize + 3) & ~3;
    out.push({ name, data: a.subarray(o, o + f.filesize), f });
    o = (o + f.filesize + 3) & ~3;
    if (name === "TRAILER!!!") return { entries: out, end: o };
  }
}

// A stand-in for busybox: 5 bytes past a 4-byte boundary, so the data padding shows.
const BUSYBOX = Buffer.from("\x7fELF-not-really-busybox", "latin1");

describe("newc cpio", () => {
  it("writes 110-byte headers in upper-case hex, 4-byte aligned names and data, a trailer, 512-byte blocks", () => {
    const a = newcArchive([{ name: "d", mode: 0o40755, nlink: 2 }, { name: "d/f", mode: 0o100644, data: Buffer.from("hello"), mtime: 0x5f }]);
    expect(a.length % 512).toBe(0);
    expect(a.toString("latin1", 0, 110)).toBe("070701" + ["0", "41ED", "0", "0", "2", "0", "0", "0", "0", "0", "0", "2", "0"].map((v) => v.padStart(8, "0")).join(""));
    const { entries, end } = readNewc(a);
    expect(entries.map((e) => [e.name, e.f.ino, e.f.nlink, e.f.mtime, e.data.toString()])).toEqual([
      ["d", 0, 2, 0, ""], ["d/f", 1, 1, 0x5f, "hello"], ["TRAILER!!!", 0, 1, 0, ""],
    ]);
    expect(a.subarray(end).every((b) => b === 0)).toBe(true);
  });

  it("lays out the lab's tree: mount points and bin as 0755 directories, busybox and init executable, sorted, mtime 0, root", () => {
    const { entries } = readNewc(newcArchive(initramfsEntries(BUSYBOX, initScript("ready"))));
    expect(entries.map((e) => `${e.name} ${e.f.mode.toString(8)} ${e.f.nlink}`)).toEqual([
      "bin 40755 2", "bin/busybox 100755 1", "dev 40755 2", "etc 40755 2", "init 100755 1",
      "proc 40755 2", "root 40755 2", "sys 40755 2", "tmp 40755 2", "TRAILER!!! 0 1",
    ]);
    expect(entries.every((e) => e.f.mtime === 0 && e.f.uid === 0 && e.f.gid === 0)).toBe(true);
    expect(entries[4].data.toString("latin1")).toBe(initScript("ready"));
  });

  it("refuses a field that does not fit 8 hex digits", () => {
    expect(() => newcArchive([{ name: "x", mode: 0o100644, mtime: 2 ** 32 }])).toThrow(/out of range/);
  });
});

describe.skipIf(lacksCommand("cpio"))("the same bytes as GNU cpio and gzip", () => {
  it("for the tree the shared fetch script stages (find | LC_ALL=C sort | cpio -o -H newc -R 0:0 --reproducible | gzip -9 -n)", async () => {
    const stage = mkdtempSync(join(tmpdir(), "armlet-initramfs-"));
    for (const d of ["bin", "proc", "sys", "dev", "tmp", "root", "etc"]) mkdirSync(join(stage, d));
    writeFileSync(join(stage, "bin", "busybox"), BUSYBOX);
    writeFileSync(join(stage, "init"), initScript("shell"), "latin1");
    for (const p of ["bin", "proc", "sys", "dev", "tmp", "root", "etc", "bin/busybox", "init"]) chmodSync(join(stage, p), 0o755);
    execSync("find . -mindepth 1 -exec touch -h -d @0 {} +", { cwd: stage });
    const cpio = execSync("find . -mindepth 1 | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0 --reproducible", { cwd: stage });
    const ours = newcArchive(initramfsEntries(BUSYBOX, initScript("shell")));
    expect(ours.equals(cpio)).toBe(true);
    const gz = execFileSync("gzip", ["-9", "-n"], { input: cpio });
    expect((await buildInitramfs(BUSYBOX, initScript("shell"))).equals(gz)).toBe(true);
    rmSync(stage, { recursive: true, force: true });
  });
});
