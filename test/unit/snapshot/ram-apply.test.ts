// Applying a stream's RAM: zero pages are skipped only over a block known to read zero (a new
// machine nothing has written, where writing them would commit every page of host memory); over
// RAM a guest or the boot images wrote, they are written, so a load in place leaves no stale byte.
import { describe, expect, it } from "vitest";
import { Machine } from "../../../machines/machine.js";
import { applyRamImage, type RamBlock } from "../../../machines/snapshot/ram.js";
import { loadSnapshot } from "../../../machines/snapshot/loadvm.js";
import { saveBytes } from "../gic/snapshot-helpers.js";

const PAGE = 4096;
const image = { blocks: [{ name: "ram", length: 4 * PAGE }], pages: [
  { block: "ram", offset: 0, src: -1, fill: 0 },
  { block: "ram", offset: PAGE, src: 0, fill: 0 },
  { block: "ram", offset: 2 * PAGE, src: -1, fill: 0x5a },
] };
const stream = new Uint8Array(PAGE).fill(7);

describe("applyRamImage", () => {
  it("writes zero pages over memory that may hold data, data pages and non-zero fills always", () => {
    const bytes = new Uint8Array(4 * PAGE).fill(0xff);
    applyRamImage(image, stream, PAGE, (): RamBlock => ({ name: "ram", bytes, zeroed: false }));
    expect(bytes.subarray(0, PAGE).every((b) => b === 0)).toBe(true);
    expect(bytes.subarray(PAGE, 2 * PAGE).every((b) => b === 7)).toBe(true);
    expect(bytes.subarray(2 * PAGE, 3 * PAGE).every((b) => b === 0x5a)).toBe(true);
    expect(bytes.subarray(3 * PAGE).every((b) => b === 0xff)).toBe(true); // not in the stream: untouched
  });

  it("skips zero pages over a block known to read zero", () => {
    const bytes = new Uint8Array(4 * PAGE).fill(0xff); // a lie about zeroed shows what was written
    applyRamImage(image, stream, PAGE, (): RamBlock => ({ name: "ram", bytes, zeroed: true }));
    expect(bytes.subarray(0, PAGE).every((b) => b === 0xff)).toBe(true);
    expect(bytes.subarray(PAGE, 2 * PAGE).every((b) => b === 7)).toBe(true);
    expect(bytes.subarray(2 * PAGE, 3 * PAGE).every((b) => b === 0x5a)).toBe(true);
  });
});

describe("Machine RAM blocks", () => {
  const fresh = () => new Machine({ machine: "virt", memory: "16M", incoming: true, nsPerInsn: 1, icountSleep: false });

  it("are zeroed only while nothing has written them: not with boot images, not after a load", () => {
    const m = fresh();
    expect(m.ramBlocks().every((b) => b.zeroed)).toBe(true);
    const withImage = new Machine({ machine: "virt", memory: "16M", kernel: new Uint8Array(8), nsPerInsn: 1, icountSleep: false });
    expect(withImage.ramBlocks().some((b) => b.zeroed)).toBe(false);
    const donor = fresh();
    loadSnapshot(m, "donor", saveBytes(donor));
    expect(m.ramBlocks().some((b) => b.zeroed)).toBe(false);
  });

  it("a load over RAM the guest wrote leaves the stream's zeros there", () => {
    const donor = fresh();
    const bytes = saveBytes(donor);
    const m = fresh();
    loadSnapshot(m, "donor", bytes);
    const ram = m.ramBlocks()[0].bytes;
    ram.fill(0xee, 0x1000, 0x3000); // as a guest would write after the first load
    loadSnapshot(m, "donor", bytes);
    expect(ram.subarray(0x1000, 0x3000).every((b) => b === 0)).toBe(true);
  });
});
