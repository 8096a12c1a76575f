// Loading a snapshot into a machine: parse and validate the whole stream into staging state
// (every section decoded, every footer checked, the machine's configuration compared), let
// each section check its staged state, and only then apply RAM and every section, then the
// post-load hooks. A stream that fails anywhere leaves the machine as it was.
import { readFileSync } from "node:fs";
import { ArmletError, usageError } from "../errors.js";
import { fileMessage, ioReason } from "../host-files.js";
import { StreamError } from "./bytes.js";
import { applyRamImage } from "./ram.js";
import { readStream, type ParsedStream } from "./stream.js";
import type { LoadReport, SnapshotSection } from "./section.js";
import type { SnapshotMachine } from "./savevm.js";

export interface LoadHost extends SnapshotMachine {
  /** Put the machine in its reset state (before applying a stream to a machine that ran). */
  resetForLoad(): void;
  /** After applying: drop cached translations and decodes, recompute timers and lines. */
  afterLoad(): void;
}

export interface LoadResult { report: LoadReport; stream: ParsedStream }

/** A stream error as the user sees it: "FILE: offset 0x1a2b: section 'pl011' instance 0: ...". */
export function snapshotError(file: string, e: unknown): ArmletError {
  if (e instanceof StreamError) return new ArmletError("snapshot", `${file}: offset 0x${e.offset.toString(16)}: ${e.message}`);
  if (e instanceof ArmletError) return e;
  return new ArmletError("snapshot", `${file}: ${(e as Error).message}`);
}

export function readSnapshotFile(file: string): Uint8Array {
  try { return readFileSync(file); } catch (e) {
    throw new ArmletError("input", fileMessage("open", "snapshot", file, ioReason(e)));
  }
}

/** Parse and validate `bytes` against the machine; nothing is applied. */
export function stageSnapshot(m: SnapshotMachine, file: string, bytes: Uint8Array): { parsed: ParsedStream; staged: Map<SnapshotSection, any>; report: LoadReport } {
  const report: LoadReport = { decisions: [], notes: [] };
  const staged = new Map<SnapshotSection, any>();
  let parsed: ParsedStream;
  try {
    parsed = readStream(bytes, (idstr, instanceId) => {
      const s = m.snapshot.find(idstr, instanceId);
      if (!s) return undefined;
      const st = s.staging();
      staged.set(s, st);
      return { decl: s.decl, state: st };
    });
  } catch (e) { throw snapshotError(file, e); }

  const diffs: string[] = [];
  if (parsed.machineType !== m.migration.machineType) diffs.push(`machine: the snapshot is of ${parsed.machineType}, this is ${m.migration.machineType}`);
  if (parsed.pageBits !== m.migration.pageBits) diffs.push(`target page size: ${1 << parsed.pageBits} bytes in the snapshot, ${1 << m.migration.pageBits} here`);
  const ours = new Map(m.ramBlocks().map((b) => [b.name, b.bytes.length]));
  for (const b of parsed.ram.blocks) {
    const len = ours.get(b.name);
    if (len === undefined) report.notes.push(`RAM block ${b.name} (${b.length} bytes) is not part of this machine: skipped`);
    else if (len !== b.length) diffs.push(`RAM block ${b.name}: ${mib(b.length)} in the snapshot, ${mib(len)} here${b.name.endsWith(".ram") || b.name.endsWith("highmem") ? " (-m)" : ""}`);
  }
  for (const [name] of ours) {
    if (!parsed.ram.blocks.some((b) => b.name === name)) report.notes.push(`RAM block ${name} is not in the snapshot: it keeps its contents`);
  }
  const cpusThere = parsed.sections.filter((s) => s.idstr === "cpu").length;
  const cpusHere = m.snapshot.all().filter((s) => s.idstr === "cpu").length;
  if (cpusThere !== cpusHere) diffs.push(`CPUs: ${cpusThere} in the snapshot, ${cpusHere} here (--smp)`);
  for (const s of parsed.sections) {
    if (!s.state) report.notes.push(`section ${s.idstr} instance ${s.instanceId} is for a device armlet does not model: skipped (a guest using it sees it reset)`);
  }
  for (const s of m.snapshot.all()) {
    if (!staged.has(s)) {
      if (s.idstr === "cpu" || s.idstr === "cpu_common") diffs.push(`${s.idstr} ${s.instanceId}: not in the snapshot`);
      else report.notes.push(`${s.idstr} instance ${s.instanceId} has no state in the snapshot: it starts from reset`);
    }
  }
  if (diffs.length) {
    throw usageError(`${file} does not fit this machine; the command line must describe the same machine:\n  ${diffs.join("\n  ")}`);
  }
  for (const [s, st] of staged) {
    try { s.check?.(st, report); } catch (e) { throw e instanceof ArmletError ? e : snapshotError(file, e); }
  }
  return { parsed, staged, report };
}

function mib(n: number): string { return n % (1 << 20) === 0 ? `${n / (1 << 20)} MiB` : `${n} bytes`; }

/** Load `file` into the machine: validate everything, then apply. */
export function loadSnapshot(m: LoadHost, file: string, bytes = readSnapshotFile(file)): LoadResult {
  const { parsed, staged, report } = stageSnapshot(m, file, bytes);
  m.resetForLoad();
  const blocks = new Map(m.ramBlocks().map((b) => [b.name, b]));
  applyRamImage({ blocks: parsed.ram.blocks.filter((b) => blocks.has(b.name)), pages: parsed.ram.pages.filter((p) => blocks.has(p.block)) },
    bytes, 1 << parsed.pageBits, (name) => blocks.get(name)!);
  for (const [s, st] of staged) s.load(st);
  for (const s of m.snapshot.all()) if (staged.has(s)) s.postLoad?.();
  m.afterLoad();
  return { report, stream: parsed };
}
