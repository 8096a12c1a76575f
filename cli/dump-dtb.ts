// --dump-dtb FILE (or -M ...,dumpdtb=FILE, as QEMU's): write the device tree the machine would
// boot with and exit 0 without running. With --kernel it is what the loader places (initrd
// range, bootargs); without, virt's generated tree with --append as bootargs.
import { usageError } from "../machines/errors.js";
import { machineSize, type SmpTopology } from "../machines/options.js";
import { loadImages } from "../machines/boot-images.js";
import { loadLinux } from "../machines/boot/linux-loader.js";
import { VIRT_AARCH64_MODELS, buildVirtDtb, virtLinuxDtb } from "../machines/boards/virt-dtb.js";
import { virtDtbGic } from "../machines/boards/virt.js";
import { readInputFile, writeOutputFile } from "../machines/host-files.js";
import type { MachineChoice } from "../machines/machine-props.js";
import { noteLine } from "./format.js";

export interface DumpDtbFlags { kernel?: string; initrd?: string; dtb?: string; append?: string; m?: string; cpu?: string; verbose?: boolean }

export function dumpDtb(flags: DumpDtbFlags, choice: MachineChoice, smp: SmpTopology | undefined, file: string): void {
  const { def } = choice;
  const board = def.info;
  const cpu = flags.cpu ?? board.defaultCpu;
  if (!board.cpus.includes(cpu)) throw usageError(`unknown CPU '${cpu}' for machine ${board.name} (available: ${board.cpus.join(", ")})`);
  const { ramBytes, numCpus, topology } = machineSize(board, flags.m, smp, def.gic !== undefined);
  // The board's tree for this CPU, GIC and topology (virt's linuxDtb knows its gic-version).
  const own = { ramBytes, numCpus, cpu, topology, gic: virtDtbGic(def.gic) };
  let bytes: Uint8Array | undefined;
  if (board.name === "virt" && !flags.dtb) {
    // The board's own tree (machines/boards/virt-dtb.ts); with a kernel, through the Linux loader
    // so /chosen gets the initrd range where the kernel boot puts it.
    if (flags.kernel && VIRT_AARCH64_MODELS.has(cpu)) {
      // An arm64 kernel: the loader the machine boots with (Image header, initrd after the kernel).
      const boot = loadImages({
        kernel: flags.kernel, initrd: flags.initrd, append: flags.append, def, ramBytes, numCpus, cpu, topology,
        bareMetal: false, arch: "aarch64",
      });
      bytes = boot.blobs.find((b) => b.name === "dtb")?.bytes ?? buildVirtDtb({ ...own, cmdline: flags.append });
    } else if (flags.kernel) {
      const r = loadLinux({
        kernel: { name: flags.kernel, bytes: readInputFile("kernel", flags.kernel) },
        initrd: flags.initrd === undefined ? undefined : { name: flags.initrd, bytes: readInputFile("initrd", flags.initrd) },
        cmdline: flags.append, boot: def.boot, ramBytes, numCpus, ...virtLinuxDtb(own),
      });
      // (Images the loader does not treat as Linux get no DTB in RAM: dump the board's tree.)
      bytes = r.blobs.find((b) => b.name === "dtb")?.bytes ?? buildVirtDtb({ ...own, cmdline: flags.append });
    } else {
      bytes = buildVirtDtb({ ...own, cmdline: flags.append });
    }
  } else if (flags.kernel) {
    const boot = loadImages({
      kernel: flags.kernel, initrd: flags.initrd, dtb: flags.dtb, append: flags.append, def, ramBytes, numCpus, bareMetal: false, arch: "aarch32",
    });
    bytes = boot.blobs.find((b) => b.name === "dtb")?.bytes;
  }
  if (!bytes) throw usageError(`--dump-dtb: no device tree to dump for ${board.name} (give --kernel and --dtb)`);
  writeOutputFile("device tree", file, bytes);
  if (flags.verbose) console.error(noteLine(`device tree written to ${file}`));
}
