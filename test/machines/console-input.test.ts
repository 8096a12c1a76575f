// Console input in deterministic time (--icount), through `armlet run` with stdin piped as a CI
// script would: roms/probes/echo.c sleeps in WFI with a 100 Hz timer tick and prints every byte
// it receives with the tick and counter value it arrived at. With sleep=on (the default) an
// idle guest sleeps instead of spinning and its time follows host time; with sleep=off it races
// through idle time; input reaches it either way; rr=record then rr=replay repeats a run
// exactly, without the input.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../../cli/exit-codes.js";
import { cpuSeconds } from "../helpers/process-cpu.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CLI = join(ROOT, "dist", "cli", "main.js");
const ECHO = join(ROOT, "roms", "bin", "probes", "echo-virt.bin");
const dir = mkdtempSync(join(tmpdir(), "armlet-input-"));


interface Typed { afterMs: number; text: string }
interface Session { out: string; err: string; code: number | null; cpuBeforeLast: number; wallBeforeLast: number }

/** Run the echo probe with `icount`, typing each text after its delay (from the previous one). */
function session(icount: string[], typed: Typed[]): Promise<Session> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [CLI, "run", "-M", "virt", "-m", "128M", "--semihosting", "--kernel", ECHO,
      "--timeout", "60", ...icount], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "", err = "", cpuBeforeLast = 0, wallBeforeLast = 0;
    const t0 = Date.now();
    p.stdout.on("data", (b: Buffer) => { out += b.toString("latin1"); });
    p.stderr.on("data", (b: Buffer) => { err += b.toString(); });
    p.on("error", reject);
    p.on("close", (code) => resolve({ out, err, code, cpuBeforeLast, wallBeforeLast }));
    let k = 0;
    const next = () => {
      if (k >= typed.length) { p.stdin.end(); return; }
      const t = typed[k++];
      setTimeout(() => {
        if (k === typed.length) { cpuBeforeLast = cpuSeconds(p.pid!); wallBeforeLast = (Date.now() - t0) / 1000; }
        p.stdin.write(t.text);
        next();
      }, t.afterMs);
    };
    // Start typing once the guest is up (its first line), so start-up time does not count.
    const ready = () => { if (out.includes("echo: ready")) { p.stdout.off("data", ready); next(); } };
    p.stdout.on("data", ready);
  });
}

/** The received bytes and their ticks ("rx 97 tick 16 cnt 10142567"), and the final tick count. */
function parse(out: string): { rx: { c: number; tick: number; cnt: number }[]; ticks: number } {
  const rx = [...out.matchAll(/^rx (\d+) tick (\d+) cnt (\d+)$/gm)].map((m) => ({ c: +m[1], tick: +m[2], cnt: +m[3] }));
  const ticks = Number(/^echo: ticks (\d+)$/m.exec(out)?.[1] ?? NaN);
  return { rx, ticks };
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error("dist/cli/main.js missing: run `npm run build` before the tests");
});

describe("console input with deterministic time (--icount)", () => {
  it("sleep=on (default): the idle guest sleeps (little CPU), its time follows host time, input arrives", async () => {
    const s = await session(["--icount", "3"], [{ afterMs: 1500, text: "ab" }, { afterMs: 1500, text: "q" }]);
    expect(s.code, s.err).toBe(0);
    const { rx, ticks } = parse(s.out);
    expect(rx.map((r) => r.c)).toEqual([97, 98, 113]);
    // 3 s waiting in WFI: a spinning emulator would use a whole core.
    expect(s.cpuBeforeLast / s.wallBeforeLast, `${s.cpuBeforeLast} s CPU in ${s.wallBeforeLast} s`).toBeLessThan(0.6);
    // Guest time followed host time: about 100 ticks a second (less, as waking costs time).
    expect(ticks).toBeGreaterThan(150);
    expect(ticks).toBeLessThan(100 * (s.wallBeforeLast + 1));
  }, 60_000);

  it("sleep=off: guest time races through idle periods, and input still arrives", async () => {
    const s = await session(["--icount", "shift=3,sleep=off"], [{ afterMs: 500, text: "x" }, { afterMs: 500, text: "q" }]);
    expect(s.code, s.err).toBe(0);
    const { rx, ticks } = parse(s.out);
    expect(rx.map((r) => r.c)).toEqual([120, 113]);
    expect(ticks).toBeGreaterThan(1000); // far more than 1 s of ticks in about 1 s
  }, 60_000);

  it("rr=record then rr=replay: the same console byte for byte, with no input given", async () => {
    const log = join(dir, "echo.rr");
    const rec = await session(["--icount", `shift=2,rr=record,rrfile=${log}`],
      [{ afterMs: 300, text: "he" }, { afterMs: 200, text: "llo" }, { afterMs: 400, text: "q" }]);
    expect(rec.code, rec.err).toBe(0);
    expect(parse(rec.out).rx.map((r) => String.fromCharCode(r.c)).join("")).toBe("helloq");
    const rep = spawnSync(process.execPath, [CLI, "run", "-M", "virt", "-m", "128M", "--semihosting", "--kernel", ECHO,
      "--timeout", "60", "--icount", `shift=2,rr=replay,rrfile=${log}`], { encoding: "latin1", input: "" });
    expect(rep.status, rep.stderr).toBe(0);
    expect(rep.stdout).toBe(rec.out);
  }, 60_000);

  it("a replay that no longer matches the run stops with a clear error", () => {
    const log = join(dir, "bad.rr");
    writeFileSync(log, [
      JSON.stringify({ format: "armlet-rr", version: 1, nsPerInsn: 4, sleep: true }),
      JSON.stringify({ step: 3, at: 999_999, kind: "input", bytes: "cQ==" }),
    ].join("\n"));
    const r = spawnSync(process.execPath, [CLI, "run", "-M", "virt", "--semihosting", "--kernel", ECHO, "--timeout", "30",
      "--icount", `shift=2,rr=replay,rrfile=${log}`], { encoding: "utf8", input: "" });
    expect(r.status).toBe(EXIT.BAD_INPUT.code);
    expect(r.stderr).toMatch(/replay diverged/);
    const other = spawnSync(process.execPath, [CLI, "run", "-M", "virt", "--semihosting", "--kernel", ECHO, "--timeout", "30",
      "--icount", `shift=3,rr=replay,rrfile=${log}`], { encoding: "utf8", input: "" });
    expect(other.status).toBe(EXIT.USAGE.code);
    expect(other.stderr).toMatch(/recorded with 4 ns per instruction/);
  });

  it("--icount syntax errors are usage errors naming the problem", () => {
    for (const [spec, msg] of [["shift=auto", /adaptive/], ["shift=11", /invalid shift/], ["3,sleep=maybe", /sleep must be on or off/],
      ["3,rr=record", /needs rrfile/], ["3,bogus=1", /unknown option 'bogus'/], ["3,align=on", /align=on is not supported/]] as const) {
      const r = spawnSync(process.execPath, [CLI, "run", "--icount", spec], { encoding: "utf8", input: "" });
      expect(r.status, spec).toBe(EXIT.USAGE.code);
      expect(r.stderr, spec).toMatch(msg);
    }
  });
});
