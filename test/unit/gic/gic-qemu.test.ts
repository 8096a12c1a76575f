// The probe script of qemu/ (GIC register accesses, timer and UART line changes) run on our
// GicV2 and compared value by value with what QEMU 7.2's -M virt GIC returned.
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { GicV2 } from "../../../machines/gic/gicv2.js";

const dir = fileURLToPath(new URL("./qemu/", import.meta.url));

interface Op { kind: string; n: number[]; line: number; text: string }

/** The script; `untilSpi` stops before the UART section (whose IDs are virt's). */
function parseScript(untilSpi = false): Op[] {
  const ops: Op[] = [];
  let text = readFileSync(dir + "script.txt", "utf8");
  if (untilSpi) text = text.slice(0, text.indexOf("# --- SPI from the UART line"));
  text.split("\n").forEach((raw, i) => {
    const f = raw.split("#")[0].trim().split(/\s+/).filter(Boolean);
    if (f.length) ops.push({ kind: f[0], n: f.slice(1).map((x) => Number(x)), line: i + 1, text: raw.trim() });
  });
  return ops;
}

function run(numCpus: number, board: "virt" | "vexpress-a15"): string[] {
  let lines = 0;
  const vexpress = board === "vexpress-a15";
  const gic = new GicV2({
    numCpus, numIrqs: vexpress ? 160 : 288, securityExtensions: vexpress, isSecure: () => true,
    outputs: (cpu, irq, fiq) => { if (cpu === 0) lines = (irq ? 0x80 : 0) | (fiq ? 0x40 : 0); },
  });
  const got: string[] = [];
  const hex = (v: number) => (v >>> 0).toString(16).padStart(8, "0");
  for (const o of parseScript(vexpress)) {
    const [a, b, c] = o.n;
    switch (o.kind) {
      case "dr": got.push(hex(gic.distributor.read(a, b ?? 4, 0))); break;
      case "dw": gic.distributor.write(a, c ?? 4, b, 0); break;
      case "cr": got.push(hex(gic.cpuInterface.read(a, 4, 0))); break;
      case "cw": gic.cpuInterface.write(a, 4, b, 0); break;
      case "isr": got.push(hex(lines)); break;
      case "ppi27": gic.setPpi(0, 27, a !== 0); break;
      case "spi33": gic.setSpi(33, a !== 0); break;
      default: throw new Error(`script line ${o.line}: ${o.text}`);
    }
  }
  return got;
}

function readsWithSource(untilSpi: boolean): string[] {
  return parseScript(untilSpi).filter((o) => ["dr", "cr", "isr"].includes(o.kind)).map((o) => `${o.line}: ${o.text}`);
}

// virt: no security extensions, 288 IDs. vexpress-a15: security extensions, 160 IDs, the
// program runs in Secure SVC (as the Linux kernel does there), UART section left out. (With
// -smp 2 QEMU starts every vexpress CPU at a bare-metal ELF's entry, so only -smp 1 is usable.)
describe("GICv2 vs QEMU 7.2 (probe script)", () => {
  for (const [board, n] of [["virt", 1], ["virt", 2], ["vexpress-a15", 1]] as const) {
    it(`gives QEMU's values on ${board} with ${n} CPU${n > 1 ? "s" : ""}`, () => {
      const want = readFileSync(dir + `${board}-smp${n}.txt`, "utf8").trim().split("\n");
      const got = run(n, board);
      const src = readsWithSource(board === "vexpress-a15");
      expect(got.length).toBe(want.length);
      const bad = want.flatMap((w, i) => (w === got[i] ? [] : [`${src[i]} -> QEMU ${w}, we ${got[i]}`]));
      expect(bad).toEqual([]);
    });
  }
});
