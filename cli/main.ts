#!/usr/bin/env node
// armlet's command line. Option names follow QEMU's (-M/--machine, --cpu, -m, --kernel ...).
import { Command, CommanderError } from "commander";
import { runCommand } from "./commands/run.js";
import { registerGuests } from "./commands/guests.js";
import { registerSnapshot } from "./commands/snapshot.js";
import { EXIT, exitTable } from "./exit-codes.js";
import { machineOption } from "./machine-option.js";
import { machinePropsSummary } from "../machines/machine-props.js";
import { addQemuCompatOptions } from "./qemu-compat.js";
import { qemuSingleDash } from "./qemu-single-dash.js";
import { addSnapshotOptions } from "./snapshot-options.js";
import { errorLine } from "./format.js";
import { ioReason } from "../machines/host-files.js";

const program = new Command();
program
  .name("armlet")
  .description("ARMv7/ARMv8 system emulator (QEMU-compatible machines, in Node.js)")
  .version("0.1.0")
  .addHelpText("after", `\nExit codes:\n${exitTable()}\n`)
  .exitOverride()
  .configureOutput({ outputError: (str, write) => write(errorLine(str.replace(/^error: /, ""))) });

const run = program
  .command("run")
  .description("boot a guest (the built-in demo when no --kernel is given)")
  .addOption(machineOption())
  .option("--cpu <model>", "CPU model (cortex-a15; cortex-a57 on virt)")
  .option("-m, --m <size>", "RAM size: 256, 256M, 1G (plain numbers are MiB)")
  .option("--smp <n[,cpus=,maxcpus=,sockets=,clusters=,cores=,threads=]>", "CPUs, QEMU's -smp syntax (1..the board's maximum: vexpress-a15 4, virt 8, virt with gic-version=3 32 (QEMU: 123))")
  .option("--kernel <file>", "kernel or bare-metal program: ELF (entered directly), uImage, or a zImage/Image/raw image (boot stub, then RAM+0x10000; on --cpu cortex-a57 an arm64 Image or Image.gz at its text_offset)")
  .option("--initrd <file>", "initial ramdisk for a Linux kernel")
  .option("--dtb <file>", "device tree blob for a Linux kernel (armlet fills /memory and /chosen)")
  .option("--append <cmdline>", "kernel command line (semihosting GET_CMDLINE sees it too)")
  .option("--no-reboot", "exit (code 0) when the guest reboots instead of resetting the machine")
  .option("--semihosting", "enable ARM semihosting (SVC 0x123456 / HLT 0xF000)")
  .option("--semihosting-root <dir>", "directory semihosting file calls may use (default: the current one)")
  .option("--timeout <seconds>", "stop with exit code 124 after this many seconds")
  .option("--icount <spec>", "deterministic virtual time, QEMU's -icount: N or shift=N[,sleep=on|off][,rr=record|replay,rrfile=FILE]: " +
    "2^N ns per instruction; sleep=off races through idle time; rr records or replays console input")
  .option("--bios <file>", "firmware for the flash at address 0 (virt): CPU 0 starts there, the board's DTB at the start of RAM")
  .option("--drive <spec>", "virtio-blk disk: file=IMG,format=raw[,readonly=on] (repeatable)", (v: string, acc: string[] = []) => [...acc, v])
  .option("--snapshot", "drive writes go to memory and are dropped at exit")
  .option("--device <spec>", "add a device, QEMU syntax: virtio-serial-device, virtconsole,chardev=ID[,nr=N][,name=NAME] (repeatable; `help` lists them)", (v: string, acc: string[] = []) => [...acc, v])
  .option("--chardev <spec>", "add a character backend, QEMU syntax: testdev|stdio|null,id=ID (repeatable; `help` lists them)", (v: string, acc: string[] = []) => [...acc, v])
  .option("--dump-dtb <file>", "write the device tree blob the machine would boot with to FILE and exit (as QEMU's dumpdtb)")
  .option("--jit <on|off>", "translate hot guest code to WebAssembly (default on)")
  .option("--jit-threshold <n>", "times a block starts before it is translated (default 200)")
  .option("--jit-cache <size>", "code-cache limit; past it every translation is dropped (default 256M)")
  .option("--jit-stats", "print what the JIT did at exit (stderr)")
  .option("--trace-slices <file>", "write a digest of the CPU state after every slice (and of RAM now and then) to FILE: " +
    "two --icount runs that must agree step for step, e.g. --jit on and off, write the same file")
  .option("-v, --verbose", "log unassigned device accesses and other debug events")
  .addHelpText("after", `\nMachine properties (-M NAME,PROP=VALUE; -M NAME,help describes them):\n${machinePropsSummary()}`)
  .addHelpText("after", `\nExit codes:\n${exitTable()}\n`)
  .action(async (flags, cmd: Command) => {
    process.exitCode = await runCommand(flags, cmd.args);
  });
addQemuCompatOptions(run);
addSnapshotOptions(run);

registerSnapshot(program);
registerGuests(program);

// Output other than a guest console (help, listings, `guests fetch`'s directory) whose reader went
// away (`| head`, `| grep -q`): end quietly as other command-line tools do; a failing stdout (a
// full disk) is exit 74 with one line. `run` handles its console itself (cli/console-output.ts).
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (process.stdout.listenerCount("error") > 1) return;
  if (e.code !== "EPIPE") console.error(errorLine(`could not write to stdout: ${ioReason(e)}`));
  process.exit(e.code === "EPIPE" ? EXIT.OK.code : EXIT.OUTPUT.code);
});

try {
  const argv = process.argv[2] === "run" ? [...process.argv.slice(0, 3), ...qemuSingleDash(run, process.argv.slice(3))] : process.argv;
  await program.parseAsync(argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : EXIT.USAGE.code;
  } else {
    console.error(errorLine(`internal error: ${(e as Error).stack ?? e}`));
    process.exitCode = EXIT.INTERNAL.code;
  }
}
