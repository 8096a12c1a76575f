// The PMU in a machine: the cycle counter in host time against the generic timer's count, and the
// overflow request's wiring to the GIC (virt: PPI 23; vexpress-a15: not wired, as QEMU's
// a15mpcore), compared with QEMU 7.2. The programs are test/machines/programs/pmu-tests.S,
// assembled (arm-none-eabi-as -march=armv7-a; objcopy -O binary) into the words below.
import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Machine } from "../../machines/machine.js";
import { BOARD_DEFS } from "../../machines/boards/index.js";
import { writeElf32 } from "../../machines/elf-writer.js";
import { QEMU_SYSTEM_ARM, qemuArgv } from "../helpers/qemu.js";
import { lacksCommand } from "../helpers/requirements.js";

const WORDS = [
  0xe3a00102, 0xee090f3c, 0xe3a00005, 0xee090f1c, 0xe28f4074, 0xe3a05010, 0xec510f0e, 0xee192f1d,
  0xe8a40007, 0xe3043e20, 0xe2533001, 0x1afffffd, 0xe2555001, 0x1afffff7, 0xe3a01000, 0xea000009,
  0xe3a00001, 0xee090f1c, 0xe3a00102, 0xee090f3e, 0xee090f7e, 0xf57ff06f, 0xe59f0020, 0xe5901200,
  0xe7e01bd1, 0xeaffffff, 0xe28f2014, 0xe5821004, 0xe1a01002, 0xe3a00020, 0xef123456, 0xeafffffe,
  0x08000000, 0x00020026, 0x00000000,
];
/** Entry offsets (arm-none-eabi-nm), the word holding the GIC distributor base, the samples. */
const ENTRY = { hostTime: 0x00, ppi: 0x40 } as const;
const GICD_WORD = 0x80 / 4;
const SAMPLES = 0x8c;

const BOARDS = {
  virt: { ram: 0x4000_0000, gicd: 0x0800_0000 },
  "vexpress-a15": { ram: 0x8000_0000, gicd: 0x2c00_1000 },
} as const;
type BoardName = keyof typeof BOARDS;

function image(board: BoardName, entry: number): Uint8Array {
  const { ram, gicd } = BOARDS[board];
  const words = WORDS.slice();
  words[GICD_WORD] = gicd;
  const code = new Uint8Array(Uint32Array.from(words).buffer);
  return writeElf32(ram + entry, [{ addr: ram, data: code, memsz: SAMPLES + 16 * 12 }]);
}

async function runArmlet(board: BoardName, entry: number) {
  const m = new Machine({ machine: board, kernel: image(board, entry), semihosting: true, timeoutSec: 20 });
  try {
    const r = await m.run();
    const host = m.core.virtToHost(BOARDS[board].ram + SAMPLES) >>> 0;
    return { ...r, samples: new DataView(m.core.memory.buffer.slice(host, host + 16 * 12)) };
  } finally { m.dispose(); }
}

describe("PMU cycle counter in host time", () => {
  it("increases monotonically and tracks guest time (16 x the generic timer's count)", async () => {
    const r = await runArmlet("virt", ENTRY.hostTime);
    expect(r.reason, r.message).toBe("exit");
    const s = Array.from({ length: 16 }, (_, i) => ({
      cntpct: r.samples.getUint32(12 * i, true) + r.samples.getUint32(12 * i + 4, true) * 2 ** 32,
      pmccntr: r.samples.getUint32(12 * i + 8, true),
    }));
    for (let i = 1; i < s.length; i++) expect(s[i].pmccntr, `sample ${i}`).toBeGreaterThan(s[i - 1].pmccntr);
    const cycles = s[15].pmccntr - s[0].pmccntr;
    const ns = (s[15].cntpct - s[0].cntpct) * 16;
    expect(cycles).toBeGreaterThan(100_000); // 15 x 40000 instructions take well over 100 us
    // Both read the guest clock; the cycle counter is read just after CNTPCT each time.
    expect(Math.abs(cycles - ns)).toBeLessThan(0.05 * ns + 50_000);
  });
});

describe("PMU interrupt wiring", () => {
  it("virt wires the request to PPI 23 (QEMU's VIRTUAL_PMU_IRQ), vexpress-a15 does not", () => {
    expect(BOARD_DEFS.virt.boot.pmuPpi).toBe(23);
    expect(BOARD_DEFS["vexpress-a15"].boot.pmuPpi).toBeUndefined();
  });

  for (const board of Object.keys(BOARDS) as BoardName[]) {
    it(`${board}: the PMU PPI is pending at the distributor ${board === "virt" ? "" : "never "}(exit code = GICD_ISPENDR0 bit 23)`, async () => {
      const r = await runArmlet(board, ENTRY.ppi);
      expect(r.reason, r.message).toBe("exit");
      expect(r.exitCode).toBe(board === "virt" ? 1 : 0);
    });
  }

  it.skipIf(lacksCommand(QEMU_SYSTEM_ARM))("QEMU 7.2 gives the same exit codes", () => {
    const dir = mkdtempSync(join(tmpdir(), "armlet-pmu-"));
    try {
      for (const board of Object.keys(BOARDS) as BoardName[]) {
        const elf = join(dir, `${board}.elf`);
        writeFileSync(elf, image(board, ENTRY.ppi));
        const q = spawnSync(QEMU_SYSTEM_ARM, qemuArgv(["-M", board, "-cpu", "cortex-a15", "-m", "128M", "-nographic",
          "-semihosting", "-kernel", elf]), { timeout: 30_000 });
        expect(q.status, `${board}: ${q.stderr}`).toBe(board === "virt" ? 1 : 0);
      }
    } finally { rmSync(dir, { recursive: true, force: true }); }
  }, 60_000);
});
