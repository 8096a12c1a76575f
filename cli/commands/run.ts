// `armlet run`: boot a guest on a machine, console on stdio, exit code per cli/exit-codes.ts.
import { existsSync } from "node:fs";
import { Machine, type RunResult } from "../../machines/machine.js";
import { ArmletError, usageError } from "../../machines/errors.js";
import { parseDrive, parseIcount, parseJit, parseSeconds, parseSmp, type IcountSpec } from "../../machines/options.js";
import { jitStatsText } from "../jit-stats-text.js";
import { checkInputFile } from "../../machines/host-files.js";
import type { MachineChoice } from "../../machines/machine-props.js";
import { EXIT, exitCodeFor } from "../exit-codes.js";
import { errorLine, noteLine } from "../format.js";
import { defaultGuestPath } from "../paths.js";
import { attachConsoleInput } from "../console-input.js";
import { ConsoleOutput } from "../console-output.js";
import { machineFromFlags } from "../machine-option.js";
import { checkQemuCompat, type QemuCompatFlags } from "../qemu-compat.js";
import { dumpDtb } from "../dump-dtb.js";
import { helpRequest, parseDevice } from "../../machines/devices/device-specs.js";
import { chardevHelp, parseChardev } from "../../machines/chardev/chardev.js";
import { loaderOptions, parseSnapshotFlags, type SnapshotFlags, type SnapshotPlan } from "../snapshot-options.js";
import { SnapshotSession } from "../snapshot-session.js";

export interface RunFlags extends QemuCompatFlags, SnapshotFlags {
  /** Each -M value, in order (merged as QEMU merges -machine options). */
  machine?: string[];
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
  device?: string[];
  chardev?: string[];
  jit?: string;
  jitThreshold?: string;
  jitCache?: string;
  jitStats?: boolean;
  traceSlices?: string;
}

export async function runCommand(flags: RunFlags, args: readonly string[] = []): Promise<number> {
  let choice: MachineChoice;
  let plan: SnapshotPlan;
  try {
    if (args.length) throw usageError(`unexpected argument '${args[0]}' (armlet run takes options only: a kernel is given with --kernel FILE)`);
    // `--device help`, `--chardev ?`, `--device virtconsole,help`: print the listing, as QEMU.
    for (const [opt, values] of [["--device", flags.device], ["--chardev", flags.chardev]] as const) {
      for (const v of values ?? []) {
        const text = helpRequest(opt, v, chardevHelp);
        if (text !== null) { process.stdout.write(text); return EXIT.OK.code; }
      }
    }
    checkQemuCompat(flags);
    plan = parseSnapshotFlags(flags);
    const m = machineFromFlags(flags.machine);
    if ("help" in m) { process.stdout.write(m.help); return EXIT.OK.code; }
    choice = m;
    const dumpTo = flags.dumpDtb ?? choice.props.dumpdtb;
    if (typeof dumpTo === "string") { dumpDtb(flags, choice, parseSmp(flags.smp), dumpTo); return EXIT.OK.code; }
  } catch (e) {
    return reportError(e);
  }
  let kernel = flags.kernel;
  let semihosting = flags.semihosting ?? false;
  if (!kernel && !flags.bios && !plan.resume) {
    kernel = defaultGuestPath(choice.name);
    semihosting = true;
    if (!existsSync(kernel)) { console.error(errorLine(`the default guest ${kernel} is missing (run npm run build)`)); return EXIT.NO_INPUT.code; }
    if (process.stderr.isTTY) console.error(noteLine("no --kernel given: booting the built-in demo guest"));
  }
  let machine: Machine | undefined;
  // A console that fails (closed pipe, full disk) ends the run: exit EXIT.OUTPUT.
  const out = new ConsoleOutput(() => machine?.quit());
  const session = new SnapshotSession(plan, flags.verbose === true, out);
  let timeoutSec: number | undefined;
  let nsPerInsn = 0;
  try {
    timeoutSec = flags.timeout ? parseSeconds(flags.timeout) : undefined;
    let icount: IcountSpec | undefined;
    if (flags.icount !== undefined) {
      icount = parseIcount(flags.icount);
      nsPerInsn = 2 ** icount.shift;
    }
    const smp = parseSmp(flags.smp);
    const jit = parseJit(flags.jit, flags.jitThreshold, flags.jitCache);
    for (const [what, file] of [["initrd", flags.initrd], ["device tree", flags.dtb], ["firmware", flags.bios]] as const) {
      if (file !== undefined) checkInputFile(what, file);
    }
    const drives = (flags.drive ?? []).map(parseDrive);
    const devices = (flags.device ?? []).map(parseDevice);
    const chardevs = (flags.chardev ?? []).map(parseChardev);
    machine = new Machine({
      machine: choice.name, machineProps: choice.props, cpu: flags.cpu, memory: flags.m, kernel, semihosting, smp,
      bios: flags.bios, drives, snapshot: flags.snapshot, devices, chardevs,
      initrd: flags.initrd, dtb: flags.dtb, noReboot: flags.reboot === false,
      semihostingRoot: flags.semihostingRoot, append: flags.append, timeoutSec, nsPerInsn,
      icountSleep: icount?.sleep, record: icount?.rr?.mode === "record" ? icount.rr.file : undefined,
      replay: icount?.rr?.mode === "replay" ? icount.rr.file : undefined,
      jit: jit.on, jitThreshold: jit.threshold, jitCacheBytes: jit.cacheBytes, traceSlices: flags.traceSlices,
      onConsole: session.consoleSink(out.stdout),
      ...loaderOptions(plan),
      onStderr: out.stderr,
      log: flags.verbose ? (msg) => console.error(noteLine(msg)) : undefined,
      warn: (msg) => console.error(noteLine(msg)),
    });
  } catch (e) {
    out.dispose();
    return reportError(e);
  }
  let result: RunResult | undefined;
  let detach = () => {};
  let override: number | undefined;
  try {
    await session.start(machine);
    detach = attachConsoleInput(machine, process.stdin, out.line, session.monitor);
    result = await machine.run();
    await out.flush();
  } catch (e) {
    await session.abort();
    return reportError(e);
  } finally {
    detach();
    const stats = machine.jitStats();
    if (flags.jitStats && result) process.stderr.write(stats ? jitStatsText(stats, result.instructions) : "JIT statistics: the JIT was off\n");
    machine.dispose();
    if (result) override = await session.finish(result);
    out.dispose();
  }
  if (out.failure) {
    console.error(errorLine(out.failure));
    return EXIT.OUTPUT.code;
  }
  if (override !== undefined) return override;
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
    return exitCodeFor(e.kind);
  }
  console.error(errorLine(`internal error: ${(e as Error).stack ?? e}`));
  return EXIT.INTERNAL.code;
}
