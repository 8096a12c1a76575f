// From --drive specs to virtio-blk devices: open the image (missing or unreadable: exit 66,
// machines/host-files.ts), read-only when asked or under --snapshot (writes then go to an
// in-memory overlay).
import { checkInputFile, fileMessage, ioReason } from "../../host-files.js";
import { ArmletError, inputError } from "../../errors.js";
import type { DriveSpec } from "../../options.js";
import { VirtioBlk, fileBackend, snapshotOverlay, type BlockBackend } from "../virtio-blk.js";

export function openDrive(spec: DriveSpec, snapshot = false): VirtioBlk {
  const writable = !spec.readonly && !snapshot;
  let base: BlockBackend;
  try {
    checkInputFile("drive", spec.file, { verb: "open", write: writable });
    base = fileBackend(spec.file, writable);
  } catch (e) {
    const reason = e instanceof ArmletError ? e.message : fileMessage("open", "drive", spec.file, ioReason(e));
    // A read-only image opened for writing: say how to open it read-only.
    const hint = writable && /permission denied|read-only file system/.test(reason) ? " (it is opened read-write: add readonly=on, or --snapshot)" : "";
    throw inputError(reason + hint);
  }
  const overlay = snapshot && !spec.readonly;
  return new VirtioBlk(overlay ? snapshotOverlay(base) : base, { readonly: spec.readonly, drive: { path: spec.file, snapshot: overlay } });
}
