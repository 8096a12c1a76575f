// What QEMU's boot edits touch in a DTB, as plain data: the root's child order, the root's
// memory and virtio nodes and /chosen (properties in order as name=hex).
import { findNode, type Fdt } from "../../../machines/boot/fdt.js";

export interface DtbSummary {
  rootChildren: string[];
  nodes: Record<string, string[]>;
}

export function summarizeBootDtb(f: Fdt): DtbSummary {
  const nodes: Record<string, string[]> = {};
  const hex = (v: Uint8Array) => Buffer.from(v).toString("hex");
  for (const c of f.root.children) {
    if (c.name === "chosen" || c.name === "memory" || c.name.startsWith("memory@") || c.name === "memoryx" || c.name.startsWith("virtio_mmio"))
      nodes[`/${c.name}`] = c.props.map((p) => `${p.name}=${hex(p.value)}`);
  }
  const cpuMem = findNode(f, "/cpus/memory@0");
  if (cpuMem) nodes["/cpus/memory@0"] = cpuMem.props.map((p) => `${p.name}=${hex(p.value)}`);
  return { rootChildren: f.root.children.map((c) => c.name), nodes };
}
