// Snapshots as a user reaches them from `armlet run`: --savevm-on-output saves when the console
// prints a line and exits (or continues), --loadvm / --incoming resume in a new process without
// the boot images and print the rest of the output; every option error, a machine that differs,
// a missing, garbled or truncated file, and a save that cannot be written give one line and the
// documented exit code. The programs are roms/bin's bare-metal tests, in deterministic time.
import { describe, it, expect, beforeAll } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXIT } from "../../cli/exit-codes.js";

const ROOT = join(__dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli", "main.js");
const ARITH = join(ROOT, "roms", "bin", "arith.elf");
const dir = mkdtempSync(join(tmpdir(), "armlet-snaprun-"));

function armlet(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "latin1", timeout: 60_000, input: "" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const DET = ["--semihosting", "--icount", "shift=0"];

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error("dist/cli/main.js missing: run `npm run build` before the tests");
});

describe("--savevm-on-output, then --loadvm / --incoming", () => {
  let full = "";
  let first = { code: null as number | null, out: "", err: "" };
  const snap = join(dir, "arith.snap");

  beforeAll(() => {
    full = armlet("run", "--kernel", ARITH, ...DET).out;
    first = armlet("run", "--kernel", ARITH, ...DET, "--savevm-on-output", `^PASS adcs =.*=${snap}`);
  });

  it("saves once the console prints a matching line, says so on stderr, and exits 0 (--savevm-then exit, the default)", () => {
    expect(first.code, first.err).toBe(0);
    expect(existsSync(snap)).toBe(true);
    expect(first.err).toMatch(/saved .*arith\.snap \(\d+\.\d MiB\) after the console printed "PASS adcs = 0x/);
    // It stopped early: the rest of the program's output is not there.
    expect(full.startsWith(first.out)).toBe(true);
    expect(first.out).toContain("PASS adcs");
    expect(first.out).not.toContain("RESULT:");
    // No temporary file is left beside it.
    expect(readdirSync(dir).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });

  it("--loadvm in a new process, without --kernel, prints exactly the rest of the run and exits as it would", () => {
    const r = armlet("run", ...DET, "--loadvm", snap);
    expect(r.code, r.err).toBe(0);
    expect(first.out + r.out).toBe(full);
    expect(r.out).toMatch(/RESULT: PASS \(0 failed\)/);
  });

  it("--incoming \"exec:cat FILE\" and --incoming file:FILE resume the same way", () => {
    for (const uri of [`exec:cat ${snap}`, `file:${snap}`]) {
      const r = armlet("run", ...DET, "--incoming", uri);
      expect(r.code, `${uri}: ${r.err}`).toBe(0);
      expect(first.out + r.out, uri).toBe(full);
    }
  });

  it("--savevm-then continue keeps running to the end; several patterns save several files", () => {
    const a = join(dir, "early.snap"), b = join(dir, "late.snap");
    const r = armlet("run", "--kernel", ARITH, ...DET, "--savevm-then", "continue",
      "--savevm-on-output", `PASS sbcs=${a}`, "--savevm-on-output", `PASS umull=${b}`);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(full);
    expect(existsSync(a) && existsSync(b)).toBe(true);
    const late = armlet("run", ...DET, "--loadvm", b);
    expect(late.code, late.err).toBe(0);
    expect(full.endsWith(late.out)).toBe(true);
    expect(late.out.length).toBeLessThan(armlet("run", ...DET, "--loadvm", a).out.length);
  });

  it("a pattern that never matches: the run ends with exit 75 and says which file was not written", () => {
    const f = join(dir, "never.snap");
    const r = armlet("run", "--kernel", ARITH, ...DET, "--savevm-on-output", `no such line=${f}`);
    expect(r.code).toBe(EXIT.NOT_SAVED.code);
    expect(r.err).toMatch(/no console line matched \/no such line\/ .*never\.snap was not written/);
    expect(existsSync(f)).toBe(false);
  });

  it("a save that cannot be written ends the run with exit 74 and one line naming the file", () => {
    const f = join(dir, "no-such-dir", "x.snap");
    const r = armlet("run", "--kernel", ARITH, ...DET, "--savevm-on-output", `PASS adds=${f}`);
    expect(r.code).toBe(EXIT.OUTPUT.code);
    expect(r.err).toMatch(/armlet: error: .*x\.snap/);
  });

  it("a command line that describes another machine is a usage error listing each difference (exit 64)", () => {
    const r = armlet("run", ...DET, "-m", "256M", "--smp", "2", "--loadvm", snap);
    expect(r.code).toBe(EXIT.USAGE.code);
    expect(r.err).toMatch(/does not fit this machine/);
    expect(r.err).toMatch(/RAM block mach-virt\.ram: 128 MiB in the snapshot, 256 MiB here \(-m\)/);
    expect(r.err).toMatch(/CPUs: 1 in the snapshot, 2 here \(--smp\)/);
    const other = armlet("run", "-M", "vexpress-a15", ...DET, "--loadvm", snap);
    expect(other.code).toBe(EXIT.USAGE.code);
    expect(other.err).toMatch(/machine: the snapshot is of virt-7\.2, this is vexpress-a15/);
    const time = armlet("run", "--semihosting", "--loadvm", snap);
    expect(time.code).toBe(EXIT.USAGE.code);
    expect(time.err).toMatch(/taken with --icount shift=0; resume with the same/);
  });

  it("a missing file exits 66, a garbled or truncated one 65 with one line naming the offset", () => {
    const missing = armlet("run", ...DET, "--loadvm", join(dir, "nope.snap"));
    expect(missing.code).toBe(EXIT.NO_INPUT.code);
    expect(missing.err).toMatch(/nope\.snap.*no such file/);
    const junk = join(dir, "junk.snap");
    writeFileSync(junk, Buffer.from("not a snapshot at all"));
    const garbled = armlet("run", ...DET, "--loadvm", junk);
    expect(garbled.code).toBe(EXIT.BAD_INPUT.code);
    expect(garbled.err).toMatch(/junk\.snap: offset 0x0: not a QEMU migration stream/);
    const bytes = readFileSync(snap);
    const cut = join(dir, "cut.snap");
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.9)));
    const truncated = armlet("run", ...DET, "--loadvm", cut);
    expect(truncated.code).toBe(EXIT.BAD_INPUT.code);
    expect(truncated.err).toMatch(/cut\.snap: offset 0x[0-9a-f]+: /);
    expect(truncated.err.trim().split("\n")).toHaveLength(1);
    const empty = armlet("run", ...DET, "--incoming", "exec:true");
    expect(empty.code).toBe(EXIT.BAD_INPUT.code);
    const failing = armlet("run", ...DET, "--incoming", `exec:cat ${join(dir, "nope.snap")}`);
    expect(failing.code).toBe(EXIT.NO_INPUT.code);
    expect(failing.err).toMatch(/exited with status 1: .*No such file/);
  });
});

describe("option errors: one line, exit 64", () => {
  it("rejects malformed snapshot, monitor and QMP options", () => {
    mkdirSync(join(dir, "opts"), { recursive: true });
    for (const [args, what] of [
      [["--savevm-on-output", "nofile"], /expected REGEX=FILE/],
      [["--savevm-on-output", "(unclosed=x.snap"], /invalid regular expression/],
      [["--savevm-on-output", "a=x.snap", "--savevm-on-output", "b=x.snap"], /named twice/],
      [["--savevm-on-output", "a=x.snap", "--savevm-then", "pause"], /expected exit or continue/],
      [["--savevm-then", "exit"], /needs --savevm-on-output/],
      [["--loadvm", "a", "--incoming", "file:b"], /give one/],
      [["--incoming", "tcp:0:4444"], /through files only/],
      [["--incoming", "ftp:x"], /unknown migration protocol: ftp:x/],
      [["--cpreg-policy", "loose"], /expected default or strict/],
      [["--kvm-counter-hz", "fast"], /expected a frequency in Hz/],
      [["--qmp", "unix:/tmp/x.sock"], /add ',server'/],
      [["--qmp", "unix:/tmp/x.sock,server,wait=maybe"], /wait=maybe: expected on or off/],
      [["--qmp", "udp:1.2.3.4:5,server"], /listens on unix:PATH,server or tcp:HOST:PORT,server/],
      [["--monitor", "vc"], /listens on unix/],
      [["-S"], /needs --monitor or --qmp/],
    ] as const) {
      const r = armlet("run", "--kernel", ARITH, ...args);
      expect(r.code, args.join(" ")).toBe(EXIT.USAGE.code);
      expect(r.err, args.join(" ")).toMatch(what);
      expect(r.err.trim().split("\n"), args.join(" ")).toHaveLength(1);
    }
  });

  it("--help lists the options and exit code 75", () => {
    const r = armlet("run", "--help");
    for (const o of ["--savevm-on-output", "--savevm-then", "--loadvm", "--incoming", "--cpreg-policy", "--kvm-counter-hz", "--monitor", "--qmp", "-S"]) {
      expect(r.out, o).toContain(o);
    }
    expect(r.out).toContain(String(EXIT.NOT_SAVED.code));
  });
});
