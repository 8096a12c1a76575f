// --cpu cortex-a57 on the command line: an ELF64 program runs (semihosting exit code), and
// images for the other architecture, files that are no arm64 kernel and unknown combinations
// are refused with a message naming the problem.
import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXIT } from "../../cli/exit-codes.js";
import { writeElf64 } from "../../machines/elf-writer.js";

const CLI = join(__dirname, "..", "..", "dist", "cli", "main.js");
const ROMS = join(__dirname, "..", "..", "roms", "bin");
const dir = mkdtempSync(join(tmpdir(), "armlet-a57-"));

function armlet(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** movz w0, #0x18 (SYS_EXIT); adr x1, block; hlt #0xf000; b .; block: ADP_Stopped_ApplicationExit, 5. */
function exitElf(): string {
  const words = [0x52800300, 0x10000061, 0xd45e0000, 0x14000000, 0x20026, 0, 5, 0];
  const b = Buffer.alloc(words.length * 4);
  words.forEach((w, i) => b.writeUInt32LE(w >>> 0, i * 4));
  const p = join(dir, "exit5.elf");
  writeFileSync(p, writeElf64(0x40000000, [{ addr: 0x40000000, data: b }]));
  return p;
}

describe("--cpu cortex-a57", () => {
  it("runs an ELF64 program at EL1: semihosting SYS_EXIT's subcode is the exit status", () => {
    const r = armlet("run", "-M", "virt", "--cpu", "cortex-a57", "--semihosting", "--kernel", exitElf());
    expect(r.err).toBe("");
    expect(r.code).toBe(5);
  });
  it("refuses an ELF64 on the Cortex-A15 and an ELF32 on the A57 (exit 65)", () => {
    let r = armlet("run", "-M", "virt", "--kernel", exitElf());
    expect(r.code).toBe(EXIT.BAD_INPUT.code);
    expect(r.err).toMatch(/AArch64 \(ELF64\) program needs an AArch64 CPU \(--cpu cortex-a57\)/);
    r = armlet("run", "-M", "virt", "--cpu", "cortex-a57", "--kernel", join(ROMS, "demo.elf"));
    expect(r.code).toBe(EXIT.BAD_INPUT.code);
    expect(r.err).toMatch(/32-bit ARM program cannot start on an AArch64 CPU/);
  });
  it("refuses the A57 on vexpress-a15 (exit 64)", () => {
    const r = armlet("run", "-M", "vexpress-a15", "--cpu", "cortex-a57", "--kernel", exitElf());
    expect(r.code).toBe(EXIT.USAGE.code);
    expect(r.err).toMatch(/unknown CPU 'cortex-a57' for machine vexpress-a15/);
  });
  it("refuses files that are no arm64 kernel: a zImage, a corrupt gzip, a cpio archive (exit 65)", () => {
    const zImage = Buffer.alloc(0x40);
    zImage.writeUInt32LE(0x016f2818, 0x24);
    const cases: [string, Buffer, RegExp][] = [
      ["zImage", zImage, /zImage: not a usable arm64 kernel image: a 32-bit ARM zImage/],
      ["Image.gz", Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]), /Image\.gz: a gzip file that does not decompress/],
      ["initrd.cpio", Buffer.from("070701" + "0".repeat(104)), /initrd\.cpio: not a usable arm64 kernel image: a cpio archive/],
    ];
    for (const [name, bytes, msg] of cases) {
      const p = join(dir, name);
      writeFileSync(p, bytes);
      const r = armlet("run", "-M", "virt", "--cpu", "cortex-a57", "--kernel", p);
      expect(r.code, `${name}: ${r.err}`).toBe(EXIT.BAD_INPUT.code);
      expect(r.err).toMatch(msg);
    }
  });
});
