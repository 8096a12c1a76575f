// From --drive specs to virtio-blk devices: open the image (missing or unreadable: exit 66),
// read-only when asked or under --snapshot (writes then go to an in-memory overlay).
import { accessSync, constants, statSync } from "node:fs";
import { imageError } from "../../errors.js";
import type { DriveSpec } from "../../options.js";
import { VirtioBlk, fileBackend, snapshotOverlay } from "../virtio-blk.js";

export function openDrive(spec: DriveSpec, snapshot = false): VirtioBlk {
  const writable = !spec.readonly && !snapshot;
  try {
    if (!statSync(spec.file).isFile()) throw imageError(`cannot open drive '${spec.file}': not a regular file`);
    accessSync(spec.file, writable ? constants.R_OK | constants.W_OK : constants.R_OK);
    const base = fileBackend(spec.file, writable);
    return new VirtioBlk(snapshot && !spec.readonly ? snapshotOverlay(base) : base, { readonly: spec.readonly });
  } catch (e) {
    if (e instanceof Error && e.name === "ArmletError") throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw imageError(`cannot open drive '${spec.file}': ${code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
}
