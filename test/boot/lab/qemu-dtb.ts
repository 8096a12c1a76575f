// QEMU's own virt device tree for a Cortex-A57 guest (qemu-system-aarch64 -M virt,dumpdtb=...),
// made bootable by armlet: the nodes of hardware armlet does not model go (the same list the
// board's DTB generator leaves out), so do /chosen's random seeds (runs must be reproducible),
// and the blob is written compact. QEMU's dump has a 1 MiB totalsize; as a -dtb file QEMU
// (and armlet, which sizes it the same way) pads it to (size + 10000) * 2, past the 2 MiB
// arm64 Linux accepts ("invalid device tree blob"), so the raw dump boots neither.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deleteProp, findNode, parseFdt, removeNode, serializeFdt, type Fdt } from "../../../machines/boot/fdt.js";
import { VIRT_DTB_NOT_MODELLED } from "../../../machines/boards/virt-dtb.js";

/** Drop what armlet does not model and the random seeds; returns the compact blob. */
export function armletReadyDtb(qemuDump: Uint8Array): Uint8Array {
  const fdt: Fdt = parseFdt(qemuDump, "QEMU's virt DTB");
  for (const path of VIRT_DTB_NOT_MODELLED) {
    const slash = path.lastIndexOf("/");
    const parent = slash === 0 ? fdt.root : findNode(fdt, path.slice(0, slash));
    const node = findNode(fdt, path);
    if (parent && node) removeNode(parent, node);
  }
  const chosen = findNode(fdt, "/chosen");
  if (chosen) for (const p of ["rng-seed", "kaslr-seed"]) deleteProp(chosen, p);
  return serializeFdt(fdt);
}

/** Dump QEMU's virt DTB for a Cortex-A57 (GICv2) guest, or undefined without qemu-system-aarch64. */
export function dumpQemuA57Dtb(smp: number, memory = "256M"): Uint8Array | undefined {
  const dir = mkdtempSync(join(tmpdir(), "armlet-dtb-"));
  try {
    const file = join(dir, "virt.dtb");
    const r = spawnSync("qemu-system-aarch64", ["-nic", "none", "-M", `virt,dumpdtb=${file}`, "-cpu", "cortex-a57",
      "-m", memory, "-smp", String(smp), "-display", "none"], { encoding: "utf8", timeout: 30_000 });
    if (r.error || r.status !== 0) return undefined;
    return new Uint8Array(readFileSync(file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
