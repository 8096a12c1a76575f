// `armlet snapshot info FILE [--json]`: what a snapshot holds, without a machine. The stream is
// validated whole as loading would validate it; a broken one is one line naming the offset and
// section (exit 65), a missing file exit 66.
import type { Command } from "commander";
import { readSnapshotFile, snapshotError } from "../../machines/snapshot/loadvm.js";
import { inspectSnapshot, type SnapshotInfo } from "../../machines/snapshot/inspect.js";
import { ArmletError } from "../../machines/errors.js";
import { EXIT, exitCodeFor } from "../exit-codes.js";
import { errorLine } from "../format.js";
import { snapshotInfoText } from "../snapshot-info-text.js";

export function registerSnapshot(program: Command): void {
  const snapshot = program.command("snapshot").description("look into snapshots (QEMU 7.2 migration streams, armlet's or QEMU's)");
  snapshot
    .command("info")
    .description("validate a snapshot and show its machine, sections, vCPUs, GIC, disks and what it does not carry")
    .argument("<file>", "a snapshot: --savevm-on-output's file, QMP/HMP migrate's file, or QEMU's own stream")
    .option("--json", "print one JSON object (a stable layout for scripts) instead of text")
    .allowExcessArguments(false)
    .action((file: string, flags: { json?: boolean }) => {
      process.exitCode = snapshotInfo(file, flags.json ?? false);
    });
}

function snapshotInfo(file: string, json: boolean): number {
  let info: SnapshotInfo;
  try {
    const bytes = readSnapshotFile(file);
    try { info = inspectSnapshot(file, bytes); } catch (e) { throw snapshotError(file, e); }
  } catch (e) {
    if (!(e instanceof ArmletError)) throw e;
    console.error(errorLine(e.message));
    return exitCodeFor(e.kind);
  }
  process.stdout.write(json ? `${JSON.stringify(info, null, 2)}\n` : snapshotInfoText(info));
  return EXIT.OK.code;
}
