// Device snapshots in tests: a device's sections in a registry, written as a whole QEMU stream
// (container, footers, JSON description), and loaded back into another registry through the
// machine's loader (validate everything, reset, load, post-load) — the path a real resume takes.
import { SectionRegistry } from "../../../machines/snapshot/section.js";
import { snapshotContent } from "../../../machines/snapshot/savevm.js";
import { writeStream, findVmdesc, type DeviceJson } from "../../../machines/snapshot/stream.js";
import { loadSnapshot, type LoadResult } from "../../../machines/snapshot/loadvm.js";
import type { RamBlock } from "../../../machines/snapshot/ram.js";

export interface TestMachine {
  snapshot: SectionRegistry;
  /** What a machine's resetForLoad does for these devices. */
  reset?: () => void;
  ram?: RamBlock[];
}

const MIGRATION = { machineType: "armlet-test", pageBits: 12 };

/** The stream of `m` now (every section's preSave runs). */
export function streamOf(m: TestMachine): Uint8Array {
  const chunks: Uint8Array[] = [];
  writeStream(snapshotContent({ snapshot: m.snapshot, migration: MIGRATION, ramBlocks: () => m.ram ?? [] }), (c) => chunks.push(c));
  return Buffer.concat(chunks);
}

/** The JSON description of each section of a stream. */
export function describe(bytes: Uint8Array): DeviceJson[] {
  return findVmdesc(bytes)!.desc.devices;
}

/** Load `bytes` into `m` as `armlet run --loadvm` would. */
export function loadInto(m: TestMachine, bytes: Uint8Array): LoadResult {
  return loadSnapshot({
    snapshot: m.snapshot, migration: MIGRATION, ramBlocks: () => m.ram ?? [],
    resetForLoad: () => m.reset?.(), afterLoad: () => {},
  }, "test.snap", bytes);
}

/** Save `from` and load the stream into `to`; returns the stream. */
export function transfer(from: TestMachine, to: TestMachine): Uint8Array {
  const bytes = streamOf(from);
  loadInto(to, bytes);
  return bytes;
}
