// armlet's side of the boot lab: the same boot as qemu.ts, in process, with the console
// streamed (GUEST-READY time, scripted input) and a failure report that says how far it got.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Machine, type MachineOptions } from "../../../machines/machine.js";
import { ConsoleWatch, runProcess, type BootResult, type BootSpec } from "./qemu.js";
import { tail } from "./boot-log.js";

export interface ArmletBootSpec extends BootSpec {
  /** Deterministic virtual time: ns per instruction (0 or undefined: host time). */
  nsPerInsn?: number;
  /** Also pass the console on as it comes (debugging: watch a boot live). */
  echo?: (text: string) => void;
  /** More machine options (virtio drives...). */
  extra?: Partial<MachineOptions>;
  /** Called with the machine once it is created (e.g. to press its power button later). */
  onMachine?: (m: Machine) => void;
  /** More command-line options (runArmletCli only), e.g. --jit off. */
  cliArgs?: string[];
}

export interface ArmletBootResult extends BootResult {
  instructions: number;
  /** Where each CPU stopped: pc, mode, cpsr. */
  where?: string;
}

const MODES: Record<number, string> = { 0x10: "usr", 0x11: "fiq", 0x12: "irq", 0x13: "svc", 0x16: "mon", 0x17: "abt", 0x1a: "hyp", 0x1b: "und", 0x1f: "sys" };

/** Each CPU's pc and mode after a run (diagnostics for a boot that did not finish). */
function cpuStates(m: Machine): string {
  try {
    const out: string[] = [];
    for (let c = 0; c < m.numCpus; c++) {
      m.cpus.switchTo(c);
      const pc = m.core.getReg(15) >>> 0, cpsr = m.core.getCpsr() >>> 0;
      out.push(`CPU${c} pc=0x${pc.toString(16).padStart(8, "0")} ${MODES[cpsr & 0x1f] ?? "?"} cpsr=0x${cpsr.toString(16)}` +
        ` lr=0x${(m.core.getReg(14) >>> 0).toString(16)}`);
    }
    return out.join("; ");
  } catch (e) {
    return `(CPU state unavailable: ${(e as Error).message})`;
  }
}

/** The machine options for a vexpress-a15 direct Linux boot (as QEMU's command line in qemu.ts). */
export function armletOptions(spec: ArmletBootSpec): MachineOptions & Record<string, unknown> {
  return {
    machine: spec.machine ?? "vexpress-a15",
    cpu: spec.cpu ?? "cortex-a15",
    memory: spec.memory ?? "256M",
    smp: spec.smp,
    kernel: spec.kernel,
    dtb: spec.dtb,
    initrd: spec.initrd,
    append: spec.append ?? "console=ttyAMA0",
    nsPerInsn: spec.nsPerInsn ?? 0,
    // Batch runs: idle guest time is skipped, not slept through (QEMU -icount sleep=off).
    icountSleep: false,
    noReboot: !spec.reboot,
    timeoutSec: spec.timeoutSec,
    ...spec.extra,
  };
}

/** The built command line (npm run build). */
export const ARMLET_CLI = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "dist", "cli", "main.js");

/** `armlet run` with QEMU's options for the same boot; deterministic time through --icount. */
export function armletCliArgs(spec: ArmletBootSpec): string[] {
  const args = [ARMLET_CLI, "run", "-M", spec.machine ?? "vexpress-a15", ...(spec.cpu ? ["--cpu", spec.cpu] : []), "--smp", String(spec.smp), "-m", spec.memory ?? "256M",
    "--kernel", spec.kernel, ...(spec.dtb ? ["--dtb", spec.dtb] : []), "--initrd", spec.initrd,
    "--append", spec.append ?? "console=ttyAMA0", ...(spec.reboot ? [] : ["--no-reboot"]), "--timeout", String(spec.timeoutSec)];
  if (spec.nsPerInsn) args.push("--icount", `shift=${Math.round(Math.log2(spec.nsPerInsn))},sleep=off`);
  args.push(...(spec.cliArgs ?? []));
  return args;
}

/** The same boot through the command line, console on stdio (stdin piped for the dialogue). */
export function runArmletCli(spec: ArmletBootSpec): Promise<BootResult> {
  return runProcess(process.execPath, armletCliArgs(spec), { ...spec, timeoutSec: spec.timeoutSec + 30 });
}

/** A clean end: the guest powered off (armlet: "poweroff"; QEMU -no-reboot: the process exits 0). */
export function poweredOff(r: Pick<BootResult, "reason" | "exitCode">): boolean {
  return (r.reason === "poweroff" || r.reason === "exit") && r.exitCode === 0;
}

export async function runArmlet(spec: ArmletBootSpec): Promise<ArmletBootResult> {
  const t0 = process.hrtime.bigint();
  const pending: string[] = [];
  let send: ((b: Uint8Array) => void) | undefined;
  const watch = new ConsoleWatch(t0, spec.input ?? [], (s) => {
    if (send) send(Buffer.from(s, "latin1")); else pending.push(s);
  });
  const echo = spec.echo;
  const onBytes = (b: Uint8Array) => {
    const text = Buffer.from(b).toString("latin1");
    watch.feed(text);
    echo?.(text);
  };
  let m: Machine;
  try {
    m = new Machine({ ...armletOptions(spec), onConsole: onBytes, onStderr: onBytes } as MachineOptions);
  } catch (e) {
    return { console: "", reason: "setup", exitCode: -1, message: `machine setup failed: ${(e as Error).message}`,
      seconds: 0, instructions: 0 };
  }
  const machine = m;
  spec.onMachine?.(machine);
  send = (b) => machine.input(b);
  for (const s of pending.splice(0)) send(Buffer.from(s, "latin1"));
  try {
    const r = await m.run();
    return {
      console: watch.text, reason: r.reason, exitCode: r.exitCode, message: r.message,
      seconds: Number(process.hrtime.bigint() - t0) / 1e9, readySeconds: watch.readySeconds,
      instructions: r.instructions, where: poweredOff(r) ? undefined : cpuStates(m),
    };
  } catch (e) {
    return {
      console: watch.text, reason: "error", exitCode: -1, message: `run threw: ${(e as Error).stack ?? e}`,
      seconds: Number(process.hrtime.bigint() - t0) / 1e9, readySeconds: watch.readySeconds, instructions: 0,
    };
  } finally {
    m.dispose();
  }
}

/** How far a boot got: stop reason, message, and the last console lines. */
export function bootReport(r: BootResult & { instructions?: number; where?: string }, what: string, lines = 30): string {
  const insns = r.instructions ? `, ${r.instructions} instructions` : "";
  return `${what}: stopped with reason '${r.reason}' exit code ${r.exitCode} after ${r.seconds.toFixed(1)} s${insns}` +
    (r.message ? `\n  ${r.message.split("\n").join("\n  ")}` : "") +
    (r.where ? `\n  ${r.where}` : "") +
    `\n--- last ${lines} console lines ---\n${tail(r.console, lines) || "(no console output)"}\n---`;
}
