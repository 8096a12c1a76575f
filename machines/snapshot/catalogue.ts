// Every section armlet's machines write or read, by idstr, without building a machine: whether it
// is armlet's own or QEMU's (armlet maps QEMU's fields onto its state), and the declaration to
// decode it with when that needs no machine configuration. `armlet snapshot info` reads a stream
// through this table; a test keeps it equal to what the boards register.
import { TIMER_DECL, GLOBALSTATE_DECL, ARMLET_MACHINE_DECL } from "./machine-sections.js";
import { ARMLET_CPU_DECL, CPU_COMMON_DECL, CPU_DECL, CPU_DECL_A64, emptyArmletCpuState, emptyCpuState } from "./cpu/layout.js";
import type { DeviceJson } from "./stream.js";
import type { VmsdDecl } from "./vmstate.js";
import { ARM_GIC_DECL, armGicView } from "../gic/gicv2-vmstate.js";
import { GicState } from "../gic/gic-state.js";
import { ARM_GICV3_DECL } from "../gic/gicv3/vmstate.js";
import { newGicV3State } from "../gic/gicv3/state.js";
import { ARM_GICV3_ITS_DECL } from "../gic/gicv3/its-vmstate.js";
import { PL011_VMSD } from "../devices/pl011.js";
import { PL031_ALARM_VMSD, PL031_VMSD } from "../devices/pl031.js";
import { GPIO_KEY_VMSD, PL061_VMSD } from "../devices/pl061.js";
import { ARM_TIMER_VMSD, SP804_VMSD } from "../devices/sp804.js";
import { CA15_CLOCKS, sysctlVmsd } from "../devices/vexpress-sysreg.js";
import { DRIVE_VMSD } from "../devices/virtio/drive-vmstate.js";
import { ARMLET_SERIAL_VMSD } from "../devices/virtio/serial-vmstate.js";
import { ARMLET_RNG_VMSD } from "../devices/virtio-rng.js";

/** "ours": a section only armlet writes; "qemu": QEMU's section, which armlet reads and writes. */
export type SectionOrigin = "ours" | "qemu";

export interface KnownSection {
  /** The idstr, or its shape (virtio devices carry their transport's address). */
  idstr: string | RegExp;
  origin: SectionOrigin;
  /** Decoded through this declaration (checked against the stream's JSON); else through the JSON alone. */
  decl?: VmsdDecl;
  /** The same section as other configurations declare it (the AArch64 CPU's `cpu` has other
   *  subsections); `decl` knows every subsection they send, so it decodes them all. */
  variants?: readonly VmsdDecl[];
  /** A state object to decode into, when a plain {} will not do (arrays the declaration views);
   *  desc is the stream's description of the section, for arrays sized by the configuration. */
  staging?: (desc?: DeviceJson) => any;
}

const VIRTIO = (name: string) => new RegExp(`^virtio-mmio@[0-9a-f]{16}/${name}$`);

/** The virtio devices' own sections carry a custom "virtio" field whose layout depends on the device's configuration. */
export const VIRTIO_DEVICE_VMSDS = ["virtio-blk", "virtio-rng", "virtio-console"] as const;

export const KNOWN_SECTIONS: readonly KnownSection[] = [
  { idstr: "timer", origin: "qemu", decl: TIMER_DECL },
  { idstr: "cpu_common", origin: "qemu", decl: CPU_COMMON_DECL },
  { idstr: "cpu", origin: "qemu", decl: CPU_DECL, variants: [CPU_DECL_A64], staging: () => emptyCpuState() },
  { idstr: "armlet-cpu", origin: "ours", decl: ARMLET_CPU_DECL, staging: emptyArmletCpuState },
  // The view's arrays have QEMU's maximum sizes whatever the GIC's configuration.
  { idstr: "arm_gic", origin: "qemu", decl: ARM_GIC_DECL,
    staging: () => armGicView(new GicState({ numCpus: 1, numIrqs: 32, securityExtensions: false, virtExtensions: true })) },
  // One `cpu` element per CPU: the description lists each (none: one CPU).
  { idstr: "arm_gicv3", origin: "qemu", decl: ARM_GICV3_DECL,
    staging: (desc) => newGicV3State(Math.max(1, desc?.fields.filter((f) => f.name === "cpu").length ?? 1)) },
  { idstr: "arm_gicv3_its", origin: "qemu", decl: ARM_GICV3_ITS_DECL },
  { idstr: "realview_sysctl", origin: "qemu", decl: sysctlVmsd(CA15_CLOCKS.length) },
  { idstr: "pl011", origin: "qemu", decl: PL011_VMSD },
  { idstr: "arm_timer", origin: "qemu", decl: ARM_TIMER_VMSD },
  { idstr: "sp804", origin: "qemu", decl: SP804_VMSD },
  { idstr: "pl031", origin: "qemu", decl: PL031_VMSD },
  { idstr: "armlet-pl031-alarm", origin: "ours", decl: PL031_ALARM_VMSD },
  { idstr: "pl061", origin: "qemu", decl: PL061_VMSD },
  { idstr: "gpio-key", origin: "qemu", decl: GPIO_KEY_VMSD },
  { idstr: VIRTIO(`(${VIRTIO_DEVICE_VMSDS.join("|")})`), origin: "qemu" },
  { idstr: VIRTIO("armlet-drive"), origin: "ours", decl: DRIVE_VMSD },
  { idstr: VIRTIO("armlet-virtio-serial"), origin: "ours", decl: ARMLET_SERIAL_VMSD },
  { idstr: VIRTIO("armlet-virtio-rng"), origin: "ours", decl: ARMLET_RNG_VMSD },
  { idstr: "armlet-machine", origin: "ours", decl: ARMLET_MACHINE_DECL },
  { idstr: "globalstate", origin: "qemu", decl: GLOBALSTATE_DECL },
];

/** The catalogue's row for an idstr, if armlet has such a section. */
export function knownSection(idstr: string): KnownSection | undefined {
  return KNOWN_SECTIONS.find((k) => (typeof k.idstr === "string" ? k.idstr === idstr : k.idstr.test(idstr)));
}
