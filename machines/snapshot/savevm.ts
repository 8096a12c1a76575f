// Saving a machine: every registered section at a step boundary, written as QEMU's stream to a
// temporary file beside the target, synced, then renamed over it, so a crash or a kill at any
// moment leaves either the old file or the complete new one, never half of one.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { writeStream, type StreamContent } from "./stream.js";
import type { RamBlock } from "./ram.js";
import type { SectionRegistry } from "./section.js";
import { outputError } from "../errors.js";
import { fileMessage, ioReason } from "../host-files.js";

/** What a machine gives the snapshot code. */
export interface SnapshotMachine {
  readonly snapshot: SectionRegistry;
  /** QEMU's versioned machine type (virt-7.2, vexpress-a15) and target page bits. */
  readonly migration: { machineType: string; pageBits: number };
  /** RAM blocks by QEMU's names, as live views of guest memory. */
  ramBlocks(): RamBlock[];
}

export interface SaveOptions {
  /** Leave out armlet's own sections (a stream for QEMU to resume). */
  forQemu?: boolean;
}

/** The stream content of the machine now (sections' preSave hooks run first). */
export function snapshotContent(m: SnapshotMachine, opts: SaveOptions = {}): StreamContent {
  const sections = m.snapshot.all().filter((s) => !(opts.forQemu && s.armletOnly));
  for (const s of sections) s.preSave?.();
  return {
    machineType: m.migration.machineType,
    pageBits: m.migration.pageBits,
    ram: m.ramBlocks(),
    sections: sections.map((s) => ({ idstr: s.idstr, instanceId: s.instanceId, decl: s.decl, state: s.state() })),
  };
}

/** Save to `path` atomically; returns the file size. */
export function saveSnapshot(m: SnapshotMachine, path: string, opts: SaveOptions = {}): number {
  const content = snapshotContent(m, opts);
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now().toString(36)}`);
  let fd: number | undefined;
  let size = 0;
  try {
    fd = openSync(tmp, "w", 0o644);
    const out = fd;
    writeStream(content, (chunk) => {
      for (let off = 0; off < chunk.length;) off += writeSync(out, chunk, off);
      size += chunk.length;
    });
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
    syncDirectory(dirname(path));
  } catch (e) {
    if (fd !== undefined) { try { closeSync(fd); } catch { /* already failing */ } }
    rmSync(tmp, { force: true });
    throw outputError(fileMessage("write", "snapshot", path, ioReason(e)));
  }
  return size;
}

/** Make the rename durable (best effort: not every file system lets a directory be opened). */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try { fsyncSync(fd); } finally { closeSync(fd); }
  } catch { /* not supported here */ }
}
