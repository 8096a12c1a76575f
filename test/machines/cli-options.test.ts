// The multi-CPU / Linux-boot options of `armlet run`: --smp, --initrd, --dtb, --no-reboot and
// their errors (missing files 66, a bad DTB 65, bad values 64).
import { describe, it, expect, beforeAll } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXIT } from "../../cli/exit-codes.js";

const CLI = join(__dirname, "..", "..", "dist", "cli", "main.js");
const dir = mkdtempSync(join(tmpdir(), "armlet-smp-cli-"));

function armlet(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", timeout: 60_000, input: "" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function file(name: string, bytes: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}
/** A raw "kernel": the boot stub jumps to it; it loops forever (b .). */
const kernel = () => file("loop.bin", Buffer.from([0xfe, 0xff, 0xff, 0xea]));

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error("dist/cli/main.js missing: run `npm run build` before the tests");
});

describe("armlet run: SMP and Linux boot options", () => {
  it("--help lists the options", () => {
    const r = armlet("run", "--help");
    for (const o of ["--smp", "--initrd", "--dtb", "--no-reboot"]) expect(r.out).toContain(o);
  });

  it("a missing --initrd or --dtb file is exit 66 with one line naming it", () => {
    for (const opt of ["--initrd", "--dtb"]) {
      const r = armlet("run", "-M", "vexpress-a15", "--kernel", kernel(), opt, join(dir, "nope"));
      expect(r.code).toBe(EXIT.NO_INPUT.code);
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(r.err).toContain("nope");
    }
  });

  it("a file that is not a DTB is exit 65", () => {
    const r = armlet("run", "-M", "vexpress-a15", "--kernel", kernel(), "--dtb", file("x.dtb", Buffer.from("not a device tree at all, really")));
    expect(r.code).toBe(EXIT.BAD_INPUT.code);
    expect(r.err).toMatch(/device tree/);
  });

  it("--smp outside 1..board maximum is exit 64", () => {
    expect(armlet("run", "-M", "vexpress-a15", "--kernel", kernel(), "--smp", "5").code).toBe(EXIT.USAGE.code);
    expect(armlet("run", "-M", "vexpress-a15", "--kernel", kernel(), "--smp", "0").code).toBe(EXIT.USAGE.code);
    expect(armlet("run", "-M", "virt", "--kernel", kernel(), "--smp", "9").code).toBe(EXIT.USAGE.code);
  });

  it("boots a raw kernel on vexpress-a15 with 4 CPUs until the timeout (124)", () => {
    const r = armlet("run", "-M", "vexpress-a15", "--smp", "4", "--kernel", kernel(), "--timeout", "1", "--icount", "3");
    expect(r.code).toBe(EXIT.TIMEOUT.code);
  });
});
