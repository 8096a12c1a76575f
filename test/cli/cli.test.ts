// The command line as a user meets it: help, errors with one-line messages and the documented
// exit codes, semihosting exit codes passing through, timeouts and guest crashes.
import { describe, it, expect, beforeAll } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXIT } from "../../cli/exit-codes.js";

const CLI = join(__dirname, "..", "..", "dist", "cli", "main.js");
const dir = mkdtempSync(join(tmpdir(), "armlet-cli-"));

function armlet(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function raw(name: string, words: number[]): string {
  const b = Buffer.alloc(words.length * 4);
  words.forEach((w, i) => b.writeUInt32LE(w >>> 0, i * 4));
  const p = join(dir, name);
  writeFileSync(p, b);
  return p;
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error("dist/cli/main.js missing: run `npm run build` before the tests");
});

describe("armlet CLI", () => {
  it("README's first command: `npm start` boots the built-in demo guest, which exits 0", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8"));
    expect(pkg.scripts.start).toBe("node dist/cli/main.js run");
    const r = armlet("run");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/armlet demo: ARMv7-A Cortex-A15 bare-metal guest/);
    expect(r.out).toMatch(/goodbye/);
  });

  it("--help documents every run option and the exit codes", () => {
    const top = armlet("--help");
    expect(top.code).toBe(0);
    expect(top.out).toMatch(/Exit codes:/);
    const run = armlet("run", "--help");
    expect(run.code).toBe(0);
    for (const opt of ["--machine", "-M", "--cpu", "-m", "--kernel", "--append", "--semihosting", "--semihosting-root", "--timeout", "--icount"]) {
      expect(run.out, opt).toContain(opt);
    }
    for (const e of Object.values(EXIT)) expect(run.out).toContain(String(e.code));
  });

  it("rejects an unknown option, machine, CPU or memory size with exit 64 and one line", () => {
    for (const [args, what] of [
      [["run", "--frobnicate"], /unknown option '--frobnicate'/],
      [["run", "-M", "pc", "--kernel", "x"], /unknown machine 'pc'/],
      [["run", "--cpu", "cortex-a9", "--kernel", "x"], /unknown CPU 'cortex-a9'/],
      [["run", "-m", "lots", "--kernel", "x"], /invalid memory size 'lots'/],
      [["run", "-m", "8G", "--kernel", "x"], /exceeds/],
      [["run", "--timeout", "-1", "--kernel", "x"], /invalid timeout/],
    ] as const) {
      const r = armlet(...args);
      expect(r.code, args.join(" ")).toBe(EXIT.USAGE.code);
      expect(r.err).toMatch(what);
      expect(r.err.trim().split("\n")).toHaveLength(1);
    }
  });

  it("a missing kernel file exits 66, a garbled one 65, each naming the file", () => {
    const missing = armlet("run", "--kernel", join(dir, "nope.elf"));
    expect(missing.code).toBe(EXIT.NO_INPUT.code);
    expect(missing.err).toMatch(/nope\.elf.*no such file/);
    const bad = join(dir, "bad.elf");
    writeFileSync(bad, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0, 0, 0]));
    const garbled = armlet("run", "--kernel", bad);
    expect(garbled.code).toBe(EXIT.BAD_INPUT.code);
    expect(garbled.err).toMatch(/bad\.elf: not a usable ARM ELF image/);
  });

  it("passes the guest's semihosting exit code through (EXIT_EXTENDED 42)", () => {
    const img = raw("exit42.bin", [0xe3a00020, 0xe28f1004, 0xef123456, 0xeafffffe, 0x00020026, 42]);
    const r = armlet("run", "--kernel", img, "--semihosting", "--timeout", "20");
    expect(r.err).toBe("");
    expect(r.code).toBe(42);
  });

  it("without --semihosting the trap is a plain SVC (the vector runs the empty flash), and the user is told", () => {
    const img = raw("exit42b.bin", [0xe3a00020, 0xe28f1004, 0xef123456, 0xeafffffe, 0x00020026, 42]);
    const r = armlet("run", "--kernel", img, "--timeout", "2");
    expect(r.code).toBe(EXIT.TIMEOUT.code);
    expect(r.err).toMatch(/semihosting call \(instruction 0xef123456 at 0x40010008\) but semihosting is off.*--semihosting/);
  });

  it("a guest that never exits stops at --timeout with 124", () => {
    const img = raw("loop.bin", [0xeafffffe]);
    const t0 = Date.now();
    const r = armlet("run", "--kernel", img, "--timeout", "1");
    expect(r.code).toBe(EXIT.TIMEOUT.code);
    expect(r.err).toMatch(/timed out after 1 s/);
    expect(Date.now() - t0).toBeLessThan(15_000);
  });

  it("an exception loop with no handler is reported as a guest crash (125)", () => {
    // VBAR = the image's base, whose undefined-instruction vector (+4) is itself a UDF: the
    // handler faults forever without retiring anything.
    const img = raw("crash.bin", [0xea000001 /* b +12 */, 0xe7f000f0 /* udf: the vector */, 0xe7f000f0,
      0xe24f0014 /* sub r0, pc, #20 */, 0xee0c0f10 /* mcr p15,0,r0,c12,c0,0 (VBAR=r0) */, 0xe7f000f0 /* udf */]);
    const r = armlet("run", "--kernel", img, "--timeout", "20");
    expect(r.code).toBe(EXIT.GUEST_CRASH.code);
    expect(r.err).toMatch(/guest crashed/);
  });
});
