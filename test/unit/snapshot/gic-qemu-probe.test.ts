// The same guest program on QEMU 7.2 and on armlet, then both GICs saved: the arm_gic sections
// are equal field for field. The program (test/unit/gic/qemu/state-probe.S) leaves an SGI
// active, SGIs pending from a source, a timer PPI and a UART SPI pending by their high lines
// (latches clear), a level SPI and an edge SPI latched by GICD_ISPENDR: so QEMU's own stream
// shows the meaning of each bit (latch vs level), and ours must say the same. QEMU's section
// then loads into a fresh armlet machine, which reads back as the one that ran the program.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Machine } from "../../../machines/machine.js";
import { ByteReader } from "../../../machines/snapshot/bytes.js";
import { decodeByDescription } from "../../../machines/snapshot/codec.js";
import { findVmdesc, readStream } from "../../../machines/snapshot/stream.js";
import { QEMU_SYSTEM_ARM } from "../../helpers/qemu.js";
import { qemuStream } from "../../helpers/qemu-stream.js";
import { lacksCommand } from "../../helpers/requirements.js";
import { GICC, GICD, gicMmio, gicSectionBytes, idleMachine, loadGicSectionOnly, type BoardName } from "../gic/snapshot-helpers.js";

/** state-probe.S, assembled (arm-none-eabi-as -march=armv7-a; objcopy -O binary). */
const PROBE = [
  0xee9f0f10, 0xe3001000, 0xe3401800, 0xe1500001, 0x1a000005, 0xe1a04001, 0xe3005000, 0xe3405801,
  0xe3006000, 0xe3406900, 0xea000003, 0xe2804a01, 0xe2805a02, 0xe3006000, 0xe3416c09, 0xe3a00001,
  0xe5840000, 0xe5850000, 0xe3a000f0, 0xe5850004, 0xe3a00040, 0xe5c40403, 0xe3a00050, 0xe5c40405,
  0xe3a00080, 0xe5c4041b, 0xe3a000a0, 0xe5c40421, 0xe3a00090, 0xe5c4042c, 0xe3a00098, 0xe5c4042d,
  0xe3a00001, 0xe5c40821, 0xe5c4082c, 0xe5c4082d, 0xe3a00302, 0xe5840c08, 0xe3a00302, 0xe5840100,
  0xe3030002, 0xe5840104, 0xe3a00000, 0xec400f3e, 0xe3a00001, 0xee0e0f33, 0xf57ff06f, 0xe3a0000a,
  0xe5860000, 0xe3a00020, 0xe5860038, 0xe3030000, 0xe5840204, 0xe3000003, 0xe3400200, 0xe5840f00,
  0xe3a00001, 0xe5c40f25, 0xe595700c, 0xeafffffe,
];
const SOURCE = fileURLToPath(new URL("../gic/qemu/state-probe.S", import.meta.url));

function probeBytes(): Uint8Array {
  const b = Buffer.alloc(PROBE.length * 4);
  PROBE.forEach((w, i) => b.writeUInt32LE(w >>> 0, 4 * i));
  return new Uint8Array(b);
}

/** The section's fields as plain values (through the stream's JSON), for a readable diff. */
function fields(payload: Uint8Array, json: any): Record<string, unknown> {
  const v = decodeByDescription(new ByteReader(payload), json);
  return JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x)));
}

/** `uart`: the UART's interrupt ID (virt SPI 1; vexpress-a15 SPI 5, where ID 33 has no line). */
const CASES: { board: BoardName; smp: number; args: string[]; uart: number }[] = [
  { board: "virt", smp: 2, args: ["-M", "virt", "-cpu", "cortex-a15", "-smp", "2", "-m", "128M"], uart: 33 },
  { board: "vexpress-a15", smp: 1, args: ["-M", "vexpress-a15", "-smp", "1", "-m", "128M"], uart: 37 },
];

describe.skipIf(lacksCommand(QEMU_SYSTEM_ARM))("arm_gic after the same guest program on QEMU 7.2 and armlet", () => {
  it.skipIf(lacksCommand("arm-none-eabi-as"))("the embedded program is state-probe.S assembled", () => {
    const dir = mkdtempSync(join(tmpdir(), "armlet-gic-probe-"));
    try {
      const o = join(dir, "p.o"), bin = join(dir, "p.bin");
      expect(spawnSync("arm-none-eabi-as", ["-march=armv7-a", "-o", o, SOURCE]).status).toBe(0);
      expect(spawnSync("arm-none-eabi-objcopy", ["-O", "binary", o, bin]).status).toBe(0);
      expect(Buffer.from(readFileSync(bin)).equals(Buffer.from(probeBytes()))).toBe(true);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  for (const c of CASES) {
    it(`${c.board} --smp ${c.smp}: QEMU's section equals ours, and loads into a fresh machine`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "armlet-gic-probe-"));
      let stream: Uint8Array;
      try {
        const kernel = join(dir, "probe.bin");
        writeFileSync(kernel, probeBytes());
        stream = await qemuStream([...c.args, "-kernel", kernel], { runSeconds: 1 });
      } finally { rmSync(dir, { recursive: true, force: true }); }
      const json = findVmdesc(stream)!.desc.devices.find((d) => d.name === "arm_gic")!;
      const sec = readStream(stream, () => undefined).sections.find((s) => s.idstr === "arm_gic")!;
      const theirs = stream.subarray(sec.offset, sec.end);

      const m = new Machine({ machine: c.board, smp: c.smp, memory: "128M", kernel: probeBytes(), nsPerInsn: 1, maxInsns: 20_000, icountSleep: false });
      await m.run();
      const ours = gicSectionBytes(m.gic!);
      expect(fields(ours, json)).toEqual(fields(theirs, json));
      expect(Buffer.from(ours).equals(Buffer.from(theirs))).toBe(true);

      // QEMU's meaning, which is ours: the latch is the pending bit, the line is `level`
      const s = m.gic!.s;
      expect([s.pending[c.uart], s.level[c.uart], s.pending[44], s.level[44], s.pending[45]]).toEqual([0, 0xff, 1, 0, 1]);
      expect([s.pending[27] & 1, s.level[27] & 1, s.active[3] & 1, s.sgiPending[5 * 8]]).toEqual([0, 1, 1, 1]);

      // QEMU's section into a fresh machine: it reads as the machine that ran the program
      const b = idleMachine(c.board, c.smp);
      const { report } = loadGicSectionOnly(b, stream);
      expect(report.decisions).toEqual([]);
      const ga = gicMmio(m.gic!), gb = gicMmio(b.gic!);
      for (const off of [GICD.ISPENDR, GICD.ISPENDR + 4, GICD.ISACTIVER, GICD.SPENDSGIR, GICD.SPENDSGIR + 4]) expect(gb.dr(off)).toBe(ga.dr(off));
      expect([gb.cr(GICC.RPR), gb.cr(GICC.HPPIR)]).toEqual([0x40, 5]);
      expect(b.cpus.irqLines(0) & 3).toBe(0); // SGI 5 (0x50) does not preempt SGI 3 (0x40)
      gb.cw(GICC.EOIR, 3);
      expect(b.cpus.irqLines(0) & 1).toBe(1);
      expect(gb.cr(GICC.IAR)).toBe(5);
      gb.cw(GICC.EOIR, 5);
      expect(gb.cr(GICC.HPPIR)).toBe(27); // then the timer's PPI, pending by its line
    }, 60_000);
  }
});
