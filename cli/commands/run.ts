// `armlet run`: boot a guest on a machine, console on stdio, exit code per cli/exit-codes.ts.
import { existsSync } from "node:fs";
import { Machine, type RunResult } from "../../machines/machine.js";
import { ArmletError } from "../../machines/errors.js";
import { parseSeconds } from "../../machines/options.js";
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
}

export async function runCommand(flags: RunFlags): Promise<number> {
  let kernel = flags.kernel;
  let semihosting = flags.semihosting ?? false;
  if (!kernel) {
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
    if (flags.icount !== undefined) {
      const shift = Number(flags.icount);
      if (!Number.isInteger(shift) || shift < 0 || shift > 10) throw new ArmletError("usage", `invalid --icount '${flags.icount}' (shift 0..10: 2^shift ns per instruction)`);
      nsPerInsn = 2 ** shift;
    }
    let smp: number | undefined;
    if (flags.smp !== undefined) {
      smp = Number(flags.smp);
      if (!Number.isInteger(smp) || smp < 1) throw new ArmletError("usage", `invalid --smp '${flags.smp}' (a number of CPUs, 1 or more)`);
    }
    for (const [opt, file] of [["--initrd", flags.initrd], ["--dtb", flags.dtb]] as const) {
      if (file !== undefined && !existsSync(file)) throw new ArmletError("image", `cannot read ${opt.slice(2)} '${file}': no such file`);
    }
    machine = new Machine({
      machine: flags.machine, cpu: flags.cpu, memory: flags.m, kernel, semihosting, smp,
      initrd: flags.initrd, dtb: flags.dtb, noReboot: flags.reboot === false,
      semihostingRoot: flags.semihostingRoot, append: flags.append, timeoutSec, nsPerInsn,
      onConsole: (b) => process.stdout.write(b),
      onStderr: (b) => process.stderr.write(b),
      log: flags.verbose ? (msg) => console.error(noteLine(msg)) : undefined,
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
    if (/^cannot read /.test(e.message)) return EXIT.NO_INPUT.code;
    return EXIT.BAD_INPUT.code;
  }
  console.error(errorLine(`internal error: ${(e as Error).stack ?? e}`));
  return EXIT.INTERNAL.code;
}
