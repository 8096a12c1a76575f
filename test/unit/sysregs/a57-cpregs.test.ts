// The Cortex-A57's cpreg list (QEMU 7.2's migration list of `-M virt -cpu cortex-a57`), built
// from the one system-register table (keys.ts ids, machines/snapshot/cpu/cpreg-list.ts entries),
// against QEMU's own (../snapshot/golden/virt-cortex-a57-cpu{0,1}.txt, captured from a stream as
// the A15's are): the same 258 ids in the same order, and at reset the values QEMU saves,
// constants included. The capture is re-checked when qemu-system-aarch64 is installed.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildCpregList } from "../../../machines/snapshot/cpu/index.js";
import { ALL_SYSREGS, aa64OnlyRegisters } from "../../../core/sysregs/defs/index.js";
import { qemuCpregIds, aa64OnlyCpregIds } from "../../../core/sysregs/keys.js";
import { readStream } from "../../../machines/snapshot/stream.js";
import { QEMU_SYSTEM_AARCH64 } from "../../helpers/qemu.js";
import { qemuStream } from "../../helpers/qemu-stream.js";
import { lacksCommand } from "../../helpers/requirements.js";
import { makeHarness, CPU_A57 } from "../../helpers/core-harness.js";
import { STATE, S_CPU_INDEX } from "../../../core/state/layout.js";

const here = dirname(fileURLToPath(import.meta.url));
const hex = (v: bigint) => v.toString(16).padStart(16, "0");
function golden(cpu: number): [bigint, bigint][] {
  return readFileSync(join(here, "..", "snapshot", "golden", `virt-cortex-a57-cpu${cpu}.txt`), "utf8").trim().split("\n")
    .map((l) => l.split(" ").map((x) => BigInt(`0x${x}`)) as [bigint, bigint]);
}

describe("the Cortex-A57 cpreg list against QEMU 7.2's", () => {
  it("keys.ts gives QEMU's 258 ids: 146 AArch64, 112 AArch32 (71 cp15, 32 cp14, 7 64-bit, 2 Secure)", () => {
    const ids = [...ALL_SYSREGS.flatMap((d) => qemuCpregIds(d, { model: "a57" })), ...aa64OnlyRegisters.flatMap((d) => aa64OnlyCpregIds(d, { model: "a57" }))]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(ids.map(hex)).toEqual(golden(0).map(([id]) => hex(id)));
    const kind = (id: bigint) => (id >> 56n === 0x60n ? "aa64" : id >> 52n === 0x403n ? "aa32-64" : (id & (1n << 29n)) === 0n ? "secure" : (id >> 16n) & 0xfffn ? `cp${(id >> 16n) & 0xfffn}` : "?");
    const count = (k: string) => ids.filter((id) => kind(id) === k).length;
    expect([count("aa64"), count("cp15"), count("cp14"), count("aa32-64"), count("secure")]).toEqual([146, 71, 32, 7, 2]);
  });

  it("the list the snapshot code builds has the same ids, ascending, none twice", () => {
    const list = buildCpregList({ model: "a57" });
    expect(list.map((e) => hex(e.id))).toEqual(golden(0).map(([id]) => hex(id)));
    expect(new Set(list.map((e) => e.name)).size).toBe(list.length);
  });

  it("each CPU of a 2-CPU machine saves QEMU's values at reset (constants included)", () => {
    for (const cpu of [0, 1]) {
      const h = makeHarness(undefined, undefined, CPU_A57);
      h.core.setNumCpus(2);
      new DataView(h.core.memory.buffer).setUint32(STATE + S_CPU_INDEX, cpu, true);
      h.core.cpuEnterAArch64();
      const list = buildCpregList({ model: "a57" });
      const diff: string[] = [];
      golden(cpu).forEach(([id, v], i) => {
        const ours = BigInt.asUintN(64, list[i].read(h.core));
        if (ours !== v) diff.push(`${list[i].name} ${hex(id)}: QEMU ${hex(v)}, ours ${hex(ours)}`);
      });
      expect(diff, `cpu ${cpu}`).toEqual([]);
      // the values are not all zero: the ID registers and the resets QEMU reports are there
      const constants = list.filter((e) => e.constant);
      expect(constants.length).toBeGreaterThan(100);
      expect(constants.filter((e) => e.read(h.core) !== 0n).length).toBeGreaterThan(25);
    }
  });

  it("a constant keeps its value whatever a raw write does (the loader compares, as QEMU's)", () => {
    const h = makeHarness(undefined, undefined, CPU_A57);
    const byName = new Map(buildCpregList({ model: "a57" }).map((e) => [e.name, e]));
    const mvfr0 = byName.get("MVFR0_EL1")!;
    mvfr0.write(h.core, 0n);
    expect(mvfr0.read(h.core)).toBe(0x10110222n);
    // FPCR/FPSR are state (views of FPSCR) that a raw write sets
    const fpcr = byName.get("FPCR")!, fpsr = byName.get("FPSR")!;
    fpcr.write(h.core, 0x03c00000n);
    fpsr.write(h.core, 0x8000001fn);
    expect([fpcr.read(h.core), fpsr.read(h.core)]).toEqual([0x03c00000n, 0x8000001fn]);
  });
});

describe.skipIf(lacksCommand(QEMU_SYSTEM_AARCH64))("the A57 golden lists are what QEMU 7.2 writes", () => {
  it("virt -cpu cortex-a57 --smp 2, paused at reset", async () => {
    const p = readStream(await qemuStream(["-M", "virt", "-cpu", "cortex-a57", "-smp", "2", "-m", "128M"], { binary: QEMU_SYSTEM_AARCH64 }), () => undefined);
    const cpus = p.sections.filter((s) => s.idstr === "cpu");
    expect(cpus.length).toBe(2);
    for (const s of cpus) {
      const v = s.values as Record<string, unknown[]>;
      const lines = v.cpreg_vmstate_indexes.map((id, i) => `${hex(BigInt.asUintN(64, BigInt(id as bigint)))} ${hex(BigInt.asUintN(64, BigInt(v.cpreg_vmstate_values[i] as bigint)))}`);
      expect(lines).toEqual(golden(s.instanceId).map(([id, x]) => `${hex(id)} ${hex(x)}`));
    }
  }, 60_000);
});
