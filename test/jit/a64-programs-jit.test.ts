// The AArch64 bare-metal programs (roms/bin/a64) with the JIT translating A64: console and exit
// code must be what the interpreter (--jit off) gives, and translated code must really have run
// (regions compiled and entered, most instructions not interpreted). bench-crc runs with a few
// passes, float and exceptions (EL0/EL1 round trips, SVC, aborts) with eager translation so every
// block is translated before it first runs.
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runGuest } from "../../machines/run-guest.js";

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../roms/bin/a64");

const run = (name: string, jit: boolean, extra: { append?: string; jitEager?: boolean } = {}) =>
  runGuest({ machine: "virt", cpu: "cortex-a57", memory: "128M", kernel: fs.readFileSync(path.join(BIN, name)), semihosting: true, timeoutSec: 60, jit, ...extra });

describe("A64 programs through the JIT", () => {
  it("bench-crc: the interpreter's output, and the hot loop runs translated", async () => {
    const off = await run("bench-crc.elf", false, { append: "200" });
    const on = await run("bench-crc.elf", true, { append: "200" });
    expect(off.reason).toBe("exit");
    expect(off.console).toMatch(/bench-crc: passes 200 x 64 KiB, crc32 [0-9a-f]{8}/);
    expect(on.console).toBe(off.console);
    expect(on.exitCode).toBe(off.exitCode);
    expect(on.instructions).toBe(off.instructions);
    const s = on.jit!;
    expect(s.regionsCompiled).toBeGreaterThan(0);
    expect(s.regionEntries).toBeGreaterThan(1000);
    // (the interpreter runs on while the first modules compile, off the run loop)
    expect(s.interpretedInsns).toBeLessThan(on.instructions / 3);
  }, 60_000);

  for (const name of ["float.elf", "exceptions.elf"]) {
    it(`${name}, every block translated: the interpreter's output and exit code`, async () => {
      const off = await run(name, false);
      const on = await run(name, true, { jitEager: true });
      expect(off.reason).toBe("exit");
      expect(on.console).toBe(off.console);
      expect(on.exitCode).toBe(off.exitCode);
      expect(on.instructions).toBe(off.instructions);
      expect(on.jit!.regionsCompiled).toBeGreaterThan(50);
    }, 60_000);
  }
});
