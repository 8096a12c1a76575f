// armlet's `armlet-drive` section for a virtio-blk disk: which image the guest's disk is (its
// path and size, read-only or not) — the image's bytes stay in the image, so a resume with
// another image, or the same path grown or shrunk, is refused naming both — and, under
// --snapshot, the overlay's written sectors, which exist nowhere else.
import { resolve } from "node:path";
import { usageError } from "../../errors.js";
import type { DeviceVmstate } from "../../snapshot/section.js";
import { bool, buffer, struct, u32, u64, vmsd } from "../../snapshot/vmstate.js";
import type { BlockBackend, SnapshotOverlay } from "../virtio-blk.js";

const SECTOR = 512;

/** The image behind a disk as --drive named it. */
export interface DriveIdentity {
  /** As given on the command line (made absolute for the snapshot). */
  path: string;
  /** --snapshot: writes go to the in-memory overlay. */
  snapshot: boolean;
}

export const DRIVE_VMSD = vmsd("armlet-drive", 1, [
  u32("path_len"), buffer("path", { field: "path_len" }), u64("size"), bool("readonly"), bool("snapshot"),
  u32("nr_sectors"),
  struct("overlay", vmsd("armlet-drive/sector", 1, [u64("sector"), buffer("data", SECTOR)]), { field: "nr_sectors" }),
]);

interface DriveState {
  path_len: number; path: Uint8Array; size: bigint; readonly: boolean; snapshot: boolean;
  nr_sectors: number; overlay: { sector: bigint; data: Uint8Array }[];
}

const isOverlay = (b: BlockBackend): b is SnapshotOverlay => typeof (b as Partial<SnapshotOverlay>).sectors === "function";

export function driveVmstate(blk: { backend: BlockBackend; readonly: boolean }, id?: DriveIdentity): DeviceVmstate {
  const path = id ? resolve(id.path) : "";
  const st: DriveState = { path_len: 0, path: new Uint8Array(0), size: 0n, readonly: false, snapshot: false, nr_sectors: 0, overlay: [] };
  const describe = (p: string, size: bigint | number) => `${p || "an image given by the program"} (${size} bytes)`;
  return {
    decl: DRIVE_VMSD, state: st,
    preSave: () => {
      st.path = new Uint8Array(Buffer.from(path, "utf8"));
      st.path_len = st.path.length;
      st.size = BigInt(blk.backend.size);
      st.readonly = blk.readonly;
      st.snapshot = id?.snapshot ?? false;
      st.overlay = isOverlay(blk.backend) ? blk.backend.sectors().map(([n, d]) => ({ sector: BigInt(n), data: d })) : [];
      st.nr_sectors = st.overlay.length;
    },
    check: (s: DriveState) => {
      const theirs = Buffer.from(s.path.subarray(0, s.path_len)).toString("utf8");
      if (theirs !== path || s.size !== BigInt(blk.backend.size)) {
        throw usageError(`--drive: the snapshot's disk is ${describe(theirs, s.size)}, this machine's is ${describe(path, blk.backend.size)}: resume with the image the snapshot was taken with`);
      }
      if (Boolean(s.readonly) !== blk.readonly) {
        throw usageError(`--drive ${path}: the snapshot's disk is ${s.readonly ? "read-only" : "writable"}, this one ${blk.readonly ? "read-only" : "writable"} (readonly=on must match)`);
      }
      if (s.nr_sectors > 0 && !isOverlay(blk.backend)) {
        throw usageError(`--drive ${path}: the snapshot was taken with --snapshot and holds ${s.nr_sectors} written sectors of it; resume with --snapshot`);
      }
      const sectors = Math.floor(blk.backend.size / SECTOR);
      for (const o of s.overlay) {
        if (o.sector >= BigInt(sectors)) throw usageError(`--drive ${path}: the snapshot's overlay has sector ${o.sector}, the disk ${sectors}`);
      }
    },
    // The overlay before anything else reads the disk (in-flight requests are restarted later).
    postLoad: () => {
      if (isOverlay(blk.backend)) blk.backend.replace(st.overlay.map((o) => [Number(o.sector), o.data]));
    },
  };
}
