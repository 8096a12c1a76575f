// `armlet run`: boot a guest on a machine, console on stdio, exit code per cli/exit-codes.ts.
import { existsSync, writeFileSync } from "node:fs";
import { Machine, type RunResult } from "../../machines/machine.js";
import { ArmletError } from "../../machines/errors.js";
import { parseDrive, parseIcount, parseMemorySize, parseSeconds, type IcountSpec } from "../../machines/options.js";
import { BOARD_DEFS } from "../../machines/boards/index.js";
import { loadImages, readInput } from "../../machines/boot-images.js";
import { loadLinux } from "../../machines/boot/linux-loader.js";
import { buildVirtDtb, virtLinuxDtb } from "../../machines/boards/virt-dtb.js";
import { EXIT } from "../exit-codes.js";
import { errorLine, noteLine } from "../format.js";
import { defaultGuestPath } from "../paths.js";
import { attachConsoleInput } from "../console-input.js";

export interface RunFlags {
  machine: string;
  cpu?: string;
  m?: string;
  kernel?: string;
  semihosting?: boolean;
  semihostingRoot?: string;
  append?: string;
  timeout?: string;
  icount?: string;
  smp?: string;
  initrd?: string;
  dtb?: string;
  reboot?: boolean;
  verbose?: boolean;
  dumpDtb?: string;
  bios?: string;
  drive?: string[];
  snapshot?: boolean;
}

export async function runCommand(flags: RunFlags): Promise<number> {
  if (flags.dumpDtb !== undefined) {
    try { return dumpDtb(flags, flags.dumpDtb); } catch (e) { return reportError(e); }
  }
  let kernel = flags.kernel;
  let semihosting = flags.semihosting ?? false;
  if (!kernel && !flags.bios) {
    kernel = defaultGuestPath();
    semihosting = true;
    if (!existsSync(kernel)) { console.error(errorLine(`the default guest ${kernel} is missing (run npm run build)`)); return EXIT.NO_INPUT.code; }
    if (process.stderr.isTTY) console.error(noteLine("no --kernel given: booting the built-in demo guest"));
  }
  if (flags.semihostingRoot && !existsSync(flags.semihostingRoot)) {
    console.error(errorLine(`--semihosting-root: no such directory '${flags.semihostingRoot}'`));
    return EXIT.USAGE.code;
  }
  let machine: Machine;
  let timeoutSec: number | undefined;
  let nsPerInsn = 0;
  try {
    timeoutSec = flags.timeout ? parseSeconds(flags.timeout) : undefined;
    let icount: IcountSpec | undefined;
    if (flags.icount !== undefined) {
      icount = parseIcount(flags.icount);
      nsPerInsn = 2 ** icount.shift;
    }
    let smp: number | undefined;
    if (flags.smp !== undefined) {
      smp = Number(flags.smp);
      if (!Number.isInteger(smp) || smp < 1) throw new ArmletError("usage", `invalid --smp '${flags.smp}' (a number of CPUs, 1 or more)`);
    }
    for (const [opt, file] of [["--initrd", flags.initrd], ["--dtb", flags.dtb], ["--bios", flags.bios]] as const) {
      if (file !== undefined && !existsSync(file)) throw new ArmletError("image", `cannot read ${opt.slice(2)} '${file}': no such file`);
    }
    const drives = (flags.drive ?? []).map(parseDrive);
    machine = new Machine({
      machine: flags.machine, cpu: flags.cpu, memory: flags.m, kernel, semihosting, smp,
      bios: flags.bios, drives, snapshot: flags.snapshot,
      initrd: flags.initrd, dtb: flags.dtb, noReboot: flags.reboot === false,
      semihostingRoot: flags.semihostingRoot, append: flags.append, timeoutSec, nsPerInsn,
      icountSleep: icount?.sleep, record: icount?.rr?.mode === "record" ? icount.rr.file : undefined,
      replay: icount?.rr?.mode === "replay" ? icount.rr.file : undefined,
      onConsole: (b) => process.stdout.write(b),
      onStderr: (b) => process.stderr.write(b),
      log: flags.verbose ? (msg) => console.error(noteLine(msg)) : undefined,
      warn: (msg) => console.error(noteLine(msg)),
    });
  } catch (e) {
    return reportError(e);
  }
  let result: RunResult;
  const detach = attachConsoleInput(machine);
  try {
    result = await machine.run();
  } catch (e) {
    return reportError(e);
  } finally {
    detach();
    machine.dispose();
  }
  switch (result.reason) {
    case "exit": return result.exitCode & 0xff;
    case "poweroff":
    case "reboot":
    case "quit":
      if (flags.verbose) console.error(noteLine(result.message));
      return EXIT.OK.code;
    case "timeout":
    case "insn-limit":
      console.error(errorLine(result.message));
      return EXIT.TIMEOUT.code;
    case "crash":
      console.error(errorLine(result.message));
      return EXIT.GUEST_CRASH.code;
  }
}

function reportError(e: unknown): number {
  if (e instanceof ArmletError) {
    console.error(errorLine(e.message));
    if (e.kind === "usage") return EXIT.USAGE.code;
    if (/^cannot (read|open) /.test(e.message) && !/not a regular file/.test(e.message)) return EXIT.NO_INPUT.code;
    return EXIT.BAD_INPUT.code;
  }
  console.error(errorLine(`internal error: ${(e as Error).stack ?? e}`));
  return EXIT.INTERNAL.code;
}

/**
 * --dump-dtb FILE: write the DTB the machine would boot with and exit 0 without running (QEMU's
 * -M ...,dumpdtb=FILE). With --kernel it is what the loader places (initrd range, bootargs);
 * without, virt's generated tree with --append as bootargs.
 */
function dumpDtb(flags: RunFlags, file: string): number {
  const def = BOARD_DEFS[flags.machine];
  if (!def) throw new ArmletError("usage", `unknown machine '${flags.machine}' (available: ${Object.keys(BOARD_DEFS).join(", ")})`);
  const board = def.info;
  const ramBytes = flags.m === undefined ? board.defaultRamBytes : parseMemorySize(flags.m);
  if (ramBytes > board.maxRamBytes) throw new ArmletError("usage", `memory size ${ramBytes / 2 ** 20} MiB exceeds the ${board.maxRamBytes / 2 ** 20} MiB armlet supports for ${board.name}`);
  const numCpus = flags.smp === undefined ? 1 : Number(flags.smp);
  const maxCpus = board.maxCpus ?? (def.gic ? 4 : 1);
  if (!Number.isInteger(numCpus) || numCpus < 1 || numCpus > maxCpus) throw new ArmletError("usage", `invalid CPU count ${flags.smp} for machine ${board.name} (1..${maxCpus})`);
  let bytes: Uint8Array | undefined;
  if (board.name === "virt" && !flags.dtb) {
    // The board's own tree (machines/boards/virt-dtb.ts); with a kernel, through the Linux loader
    // so /chosen gets the initrd range where the kernel boot puts it.
    if (flags.kernel) {
      const r = loadLinux({
        kernel: { name: flags.kernel, bytes: readInput("kernel", flags.kernel) },
        initrd: flags.initrd === undefined ? undefined : { name: flags.initrd, bytes: readInput("initrd", flags.initrd) },
        cmdline: flags.append, boot: def.boot, ramBytes, numCpus, ...virtLinuxDtb({ ramBytes, numCpus }),
      });
      // (Images the loader does not treat as Linux get no DTB in RAM: dump the board's tree.)
      bytes = r.blobs.find((b) => b.name === "dtb")?.bytes ?? buildVirtDtb({ ramBytes, numCpus, cmdline: flags.append });
    } else {
      bytes = buildVirtDtb({ ramBytes, numCpus, cmdline: flags.append });
    }
  } else if (flags.kernel) {
    const boot = loadImages({
      kernel: flags.kernel, initrd: flags.initrd, dtb: flags.dtb, append: flags.append, def, ramBytes, numCpus, bareMetal: false,
    });
    bytes = boot.blobs.find((b) => b.name === "dtb")?.bytes;
  }
  if (!bytes) throw new ArmletError("usage", `--dump-dtb: no device tree to dump for ${board.name} (give --kernel and --dtb)`);
  try { writeFileSync(file, bytes); } catch (e) {
    throw new ArmletError("usage", `--dump-dtb: cannot write '${file}': ${(e as Error).message}`);
  }
  if (flags.verbose) console.error(noteLine(`dtb dumped to ${file}`));
  return EXIT.OK.code;
}
