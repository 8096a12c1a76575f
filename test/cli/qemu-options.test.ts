// QEMU's command-line forms on `armlet run`: -M NAME,PROP=VALUE (merged when repeated), -M help
// and -M NAME,help in QEMU's format, the options kvm-unit-tests passes (--nodefaults, --display
// none, --serial stdio, --accel tcg), and the hostile-input audit: every bad input file gets one
// wording and the exit code of its class, every bad command line 64.
import { describe, it, expect, beforeAll } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXIT, exitTableMarkdown } from "../../cli/exit-codes.js";
import { machineListHelp, machinePropsHelp, machinePropsSummary } from "../../machines/machine-props.js";
import { BOARD_DEFS } from "../../machines/boards/index.js";
import { QEMU_SYSTEM_ARM, qemuArgv } from "../helpers/qemu.js";
import { lacksCommand } from "../helpers/requirements.js";

const ROOT = join(__dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli", "main.js");
const dir = mkdtempSync(join(tmpdir(), "armlet-qemu-opts-"));

function armlet(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, "run", ...args], { encoding: "utf8", timeout: 60_000, input: "" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function file(name: string, bytes: Uint8Array | string): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}
/** One line on stderr, exit `code`, the message matching `what`. */
function fails(r: ReturnType<typeof armlet>, code: number, what: RegExp): void {
  expect(r.err.trimEnd()).toMatch(what);
  expect(r.err.trim().split("\n"), r.err).toHaveLength(1);
  expect(r.err).not.toMatch(/ at .*\.js:\d+/); // no stack trace
  expect(r.code, r.err).toBe(code);
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error("dist/cli/main.js missing: run `npm run build` before the tests");
});

describe("-M in QEMU's syntax", () => {
  it("-M help / -M '?' print the machine list, exit 0", () => {
    for (const h of ["help", "?"]) {
      const r = armlet("-M", h);
      expect(r.code).toBe(0);
      expect(r.err).toBe("");
      expect(r.out).toBe(machineListHelp());
    }
  });

  it("-M NAME,help prints the board's properties; a later -M help asks about the type given before", () => {
    expect(armlet("-M", "virt,help").out).toBe(machinePropsHelp(BOARD_DEFS.virt));
    expect(armlet("-M", "vexpress-a15", "-M", "help").out).toBe(machinePropsHelp(BOARD_DEFS["vexpress-a15"]));
    expect(armlet("-M", "vexpress-a15,?").code).toBe(0);
  });

  it("kvm-unit-tests' command line for 32-bit ARM runs (here with the demo guest)", () => {
    // arm/run: -nodefaults -machine virt,highmem=off -accel tcg -cpu cortex-a15 ... -display none
    // -serial stdio -kernel X -smp 2 -append ... -machine gic-version=2, with -name turned into --name.
    const r = armlet("--nodefaults", "--machine", "virt,highmem=off", "--accel", "tcg", "--cpu", "cortex-a15",
      "--display", "none", "--serial", "stdio", "--smp", "2", "--machine", "gic-version=2");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^armlet demo: /);
    expect(armlet("--accel", "tcg,thread=single", "-M", "virt,its=off,secure=off,virtualization=off").code).toBe(0);
  });

  it("QEMU's one-dash spelling (-nodefaults -machine virt -smp 2 ...) runs as the two-dash one", () => {
    // kvm-unit-tests' run_tests.sh passes QEMU's spelling; only a wrapper adding `run` is needed.
    const r = armlet("-nodefaults", "-machine", "virt,highmem=off", "-accel", "tcg", "-cpu", "cortex-a15",
      "-display", "none", "-serial", "stdio", "-smp", "2", "-machine", "gic-version=2", "-append", "-x");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^armlet demo: /);
    expect(armlet("-machine", "?").out).toBe(machineListHelp());
    fails(armlet("-frob"), EXIT.USAGE.code, /unknown option '-frob'/);
  });

  it("a second -M without a type keeps the first type; a later type wins", () => {
    fails(armlet("-M", "vexpress-a15", "-M", "gic-version=2"), EXIT.USAGE.code, /^armlet: error: machine vexpress-a15 has no property 'gic-version'/);
    expect(armlet("-M", "virt", "-M", "vexpress-a15").out).toMatch(/^armlet demo: /);
  });

  it("every -M error is one line and exit 64", () => {
    for (const [m, what] of [
      ["virt,frob=1", /machine virt has no property 'frob' that armlet implements \(it accepts: dumpdtb, dtb-randomness, gic-version, highmem, its, secure, virtualization; -M virt,help describes them\)/],
      ["virt,highmem=maybe", /machine virt: highmem expects on or off, not 'maybe'/],
      ["virt,highmem", /-M 'virt,highmem': expected '=' after 'highmem'/],
      // Accepted by -M; the GICv3's AArch32 CPU interface (for the default cortex-a15) is not modelled.
      ["virt,gic-version=3", /machine virt: a GICv3 needs --cpu cortex-a57 here/],
      ["virt,gic-version=max", /machine virt: a GICv3 needs --cpu cortex-a57 here/],
      ["virt,gic-version=host", /gic-version=host is not supported \(QEMU 7.2 under TCG: 4 requires virtualization, host requires KVM\)/],
      ["virt,gic-version=4", /gic-version=4 is not supported/],
      ["virt,gic-version=9", /machine virt: invalid gic-version '9' \(valid: 2, 3, 4, host, max\)/],
      ["virt,secure=on", /machine virt: secure=on is not supported \(armlet's virt has no EL3\)/],
      ["virt,virtualization=on", /virtualization=on is not supported \(armlet's Cortex-A15 has no EL2\)/],
      ["vexpress-a15,virtualization=on", /machine vexpress-a15: virtualization=on is not supported/],
      ["vexpress-a15,highmem=off", /machine vexpress-a15 has no property 'highmem'/],
      ["pc", /unknown machine 'pc' \(available: virt, vexpress-a15; -M help lists them\)/],
      [",virt", /-M ',virt': a property without a name/],
    ] as const) {
      fails(armlet("-M", m), EXIT.USAGE.code, what);
    }
  });

  it("virt highmem=off: RAM must end below 4 GiB (QEMU: 'Addressing limited to 32 bits')", () => {
    fails(armlet("-M", "virt,highmem=off", "-m", "3073M"), EXIT.USAGE.code,
      /memory size 3073 MiB exceeds the 3072 MiB virt has below 4 GiB with highmem=off \(RAM starts at 1 GiB\)/);
    fails(armlet("-M", "virt", "-m", "4G"), EXIT.USAGE.code, /exceeds the 3072 MiB armlet supports for virt$/m);
  });

  it("the QEMU options armlet accepts refuse what it does not do", () => {
    fails(armlet("--display", "gtk"), EXIT.USAGE.code, /--display 'gtk' is not supported \(only 'none': armlet has no display\)/);
    fails(armlet("--serial", "pty"), EXIT.USAGE.code, /--serial 'pty' is not supported \(only 'stdio'/);
    fails(armlet("--serial", "stdio", "--serial", "stdio"), EXIT.USAGE.code, /--serial given 2 times/);
    fails(armlet("--accel", "kvm"), EXIT.USAGE.code, /--accel 'kvm' is not supported \(only 'tcg' or 'tcg,thread=single'/);
    fails(armlet("--accel", "tcg,thread=multi"), EXIT.USAGE.code, /--accel 'tcg,thread=multi' is not supported/);
  });

  it("--help lists -M's syntax, every board's properties and the QEMU options", () => {
    const r = armlet("--help");
    expect(r.out).toContain(machinePropsSummary());
    expect(machinePropsSummary()).toContain("  virt: dumpdtb=<string>, dtb-randomness=off, gic-version=2|3|max, highmem=on|off, its=on|off, secure=off, virtualization=off");
    for (const o of ["-M, --machine <name[,prop=value...]>", "-M help", "--nodefaults", "--display <type>", "--serial <dev>", "--accel <type>"]) {
      expect(r.out, o).toContain(o);
    }
  });
});

describe.skipIf(lacksCommand(QEMU_SYSTEM_ARM))("-M help against QEMU 7.2", () => {
  const qemu = (m: string) => spawnSync(QEMU_SYSTEM_ARM, qemuArgv(["-M", m]), { encoding: "utf8" }).stdout;

  it("the machine list uses QEMU's names and descriptions", () => {
    const theirs = qemu("help").split("\n");
    for (const line of machineListHelp().split("\n").slice(1, -1)) {
      // QEMU: "virt ... Machine (alias of virt-7.2)"; armlet marks its default instead.
      const ours = line.replace(/ \(default\)$/, "");
      expect(theirs.some((l) => l.replace(/ \(alias of [^)]*\)$/, "") === ours), line).toBe(true);
    }
  });

  it("each property line is QEMU's, up to armlet's note", () => {
    for (const name of Object.keys(BOARD_DEFS)) {
      const theirs = qemu(`${name},help`).split("\n");
      const ours = machinePropsHelp(BOARD_DEFS[name]).split("\n").filter(Boolean);
      expect(ours[0]).toBe(theirs[0]);
      for (const line of ours.slice(1)) expect(theirs, line).toContain(line.replace(/ \[[^\]]*\]$/, ""));
    }
  });
});

describe("the demo guest boots on every board", () => {
  for (const name of Object.keys(BOARD_DEFS)) {
    it(`armlet run -M ${name}`, () => {
      const r = armlet("-M", name);
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^armlet demo: ARMv7-A Cortex-A15 bare-metal guest\n[^]*goodbye\n$/);
    });
  }

  it("an ELF that is not in RAM: one message for every board", () => {
    // virt's demo on vexpress-a15 and the other way round.
    const virtDemo = join(ROOT, "roms", "bin", "demo.elf"), vexDemo = join(ROOT, "roms", "bin", "demo-vexpress-a15.elf");
    fails(armlet("-M", "vexpress-a15", "--kernel", virtDemo), EXIT.BAD_INPUT.code,
      /demo\.elf segment 0: 0x40000000\.\.0x[0-9a-f]{8} \(\d+ bytes\) is not in RAM \(RAM is 0x80000000\.\.0x87ffffff\)$/m);
    fails(armlet("-M", "virt", "--kernel", vexDemo), EXIT.BAD_INPUT.code,
      /demo-vexpress-a15\.elf segment 0: 0x80000000\.\.0x[0-9a-f]{8} \(\d+ bytes\) is not in RAM \(RAM is 0x40000000\.\.0x47ffffff\)$/m);
  });
});

describe("hostile input: one wording, one exit code per class", () => {
  it("a directory as an input file is unreadable (66) whatever the option", () => {
    const d = join(dir, "a-directory");
    mkdirSync(d, { recursive: true });
    const k = file("k.bin", Buffer.from([0xfe, 0xff, 0xff, 0xea]));
    for (const [args, what] of [
      [["--kernel", d], "kernel"],
      [["--kernel", k, "--initrd", d], "initrd"],
      [["--kernel", k, "--dtb", d], "device tree"],
      [["--bios", d], "firmware"],
      [["--drive", `file=${d}`], "drive"],
    ] as const) {
      fails(armlet(...args), EXIT.NO_INPUT.code, new RegExp(`^armlet: error: could not (read|open) ${what} '${d}': is a directory$`));
    }
  });

  it("a missing input file is 66 with the same wording; a device is not a file", () => {
    fails(armlet("--kernel", join(dir, "nope")), EXIT.NO_INPUT.code, /^armlet: error: could not open kernel '.*nope': no such file or directory$/);
    fails(armlet("--drive", `file=${join(dir, "nope")}`), EXIT.NO_INPUT.code, /^armlet: error: could not open drive '.*nope': no such file or directory$/);
    fails(armlet("--kernel", "/dev/zero"), EXIT.NO_INPUT.code, /^armlet: error: could not open kernel '\/dev\/zero': not a regular file$/);
  });

  it("--semihosting-root must be a directory (64)", () => {
    fails(armlet("--semihosting-root", file("plain", "x")), EXIT.USAGE.code, /^armlet: error: could not use semihosting root '.*plain': not a directory$/);
    fails(armlet("--semihosting-root", join(dir, "nope")), EXIT.USAGE.code, /could not use semihosting root '.*nope': no such file or directory$/);
  });

  it("options vexpress-a15 does not take are command-line errors (64)", () => {
    fails(armlet("-M", "vexpress-a15", "--bios", file("fw.bin", "x")), EXIT.USAGE.code, /--bios: machine vexpress-a15 has no flash for firmware/);
    // QEMU 7.2: "-drive if=virtio: No 'PCI' bus found for device 'virtio-blk-pci'"
    fails(armlet("-M", "vexpress-a15", "--drive", `file=${file("disk.img", new Uint8Array(4096))}`), EXIT.USAGE.code,
      /--drive: machine vexpress-a15 has no virtio backends \(QEMU 7\.2 refuses -drive if=virtio there too/);
  });

  it("a stray argument is a command-line error, not ignored", () => {
    fails(armlet("zImage"), EXIT.USAGE.code, /^armlet: error: unexpected argument 'zImage' \(armlet run takes options only: a kernel is given with --kernel FILE\)$/);
    fails(armlet("--kernel", "k", "extra"), EXIT.USAGE.code, /unexpected argument 'extra'/);
  });

  it("a truncated zImage is a bad image (65) naming the file and both sizes (QEMU 7.2 boots it and hangs)", () => {
    const k = new Uint8Array(0x4000);
    const dv = new DataView(k.buffer);
    dv.setUint32(0x00, 0xeafffffe, true); // b .
    dv.setUint32(0x24, 0x016f2818, true);
    dv.setUint32(0x28, 0, true);
    dv.setUint32(0x2c, 0x10000, true);
    const p = file("cut.zImage", k);
    fails(armlet("--kernel", p, "-M", "vexpress-a15"), EXIT.BAD_INPUT.code,
      /^armlet: error: .*cut\.zImage: not a usable kernel image: a truncated zImage: its header \(end - start at 0x2c\/0x28\) says 65536 bytes, the file has 16384$/);
    // Complete (or longer, e.g. an appended DTB): accepted.
    const whole = new Uint8Array(0x10000 + 64);
    whole.set(k);
    expect(armlet("--kernel", file("whole.zImage", whole), "-M", "vexpress-a15", "--timeout", "1").code).toBe(EXIT.TIMEOUT.code);
  });
});

describe("the exit-code table", () => {
  it("README shows exactly cli/exit-codes.ts's table", () => {
    expect(readFileSync(join(ROOT, "README.md"), "utf8")).toContain(exitTableMarkdown());
  });
});
