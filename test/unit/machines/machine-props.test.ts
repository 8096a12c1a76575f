// The -M parser (machines/machine-props.ts): QEMU 7.2's keyval syntax and merging of repeated
// -machine options, the board property tables, their help output, and every error. The QEMU
// behaviour each case follows was checked with qemu-system-arm 7.2 (noted per case).
import { describe, it, expect } from "vitest";
import {
  applyProps, chooseMachine, machineHelp, machineListHelp, machinePropsHelp, parseMachineArgs, resolveMachine,
} from "../../../machines/machine-props.js";
import { BOARD_DEFS } from "../../../machines/boards/index.js";
import { ArmletError } from "../../../machines/errors.js";
import { Machine } from "../../../machines/machine.js";

const resolve = (...values: string[]) => resolveMachine(parseMachineArgs(values));

function usage(fn: () => unknown, message: RegExp): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ArmletError);
    expect((e as ArmletError).kind).toBe("usage");
    expect((e as ArmletError).message).toMatch(message);
    return;
  }
  throw new Error(`no error, expected ${message}`);
}

describe("-M syntax (QEMU keyval)", () => {
  it("the first item without '=' is the type; type=NAME says it explicitly", () => {
    expect(parseMachineArgs(["virt,highmem=off"])).toEqual({ type: "virt", props: new Map([["highmem", "off"]]), help: false });
    expect(parseMachineArgs(["type=vexpress-a15,secure=off"]).type).toBe("vexpress-a15");
    expect(parseMachineArgs([]).type).toBeUndefined();
  });

  it("',,' is a comma inside a value (QEMU: dumpdtb=a,,b.dtb writes 'a,b.dtb')", () => {
    expect(parseMachineArgs(["virt,dumpdtb=a,,b.dtb"]).props.get("dumpdtb")).toBe("a,b.dtb");
  });

  it("merges repeated -M as QEMU merges -machine: later values win, a -M without a type keeps the type", () => {
    // kvm-unit-tests: -machine virt,highmem=off ... -machine gic-version=2
    const a = parseMachineArgs(["virt,highmem=off", "gic-version=2"]);
    expect(a.type).toBe("virt");
    expect([...a.props]).toEqual([["highmem", "off"], ["gic-version", "2"]]);
    expect(parseMachineArgs(["virt,highmem=off", "highmem=on"]).props.get("highmem")).toBe("on");
    expect(parseMachineArgs(["virt", "vexpress-a15"]).type).toBe("vexpress-a15"); // QEMU: -M virt -M vexpress-a15 runs vexpress-a15
    expect(parseMachineArgs(["virt,gic-version=2,gic-version=3"]).props.get("gic-version")).toBe("3");
  });

  it("help and ? ask for help, at the -M that says it (QEMU answers there and exits)", () => {
    for (const h of ["help", "?"]) {
      expect(parseMachineArgs([h])).toEqual({ help: true, props: new Map() });
      expect(parseMachineArgs([`virt,${h}`])).toMatchObject({ help: true, type: "virt" });
    }
    expect(parseMachineArgs(["virt,highmem=off,help"])).toMatchObject({ help: true, type: "virt" });
    expect(parseMachineArgs(["vexpress-a15", "help"])).toMatchObject({ help: true, type: "vexpress-a15" });
    expect(parseMachineArgs(["help", "vexpress-a15"]).type).toBeUndefined();
  });

  it("syntax errors (QEMU: \"Expected '=' after parameter\", \"Invalid parameter ''\")", () => {
    usage(() => parseMachineArgs(["virt,highmem"]), /^-M 'virt,highmem': expected '=' after 'highmem' \(properties are NAME=VALUE\)$/);
    usage(() => parseMachineArgs(["virt,virt"]), /expected '=' after 'virt'/);
    usage(() => parseMachineArgs(["help,virt"]), /expected '=' after 'virt'/);
    usage(() => parseMachineArgs([",virt"]), /^-M ',virt': a property without a name$/);
    usage(() => parseMachineArgs(["virt,=x"]), /a property without a name/);
    // ",," escapes a comma in a value only; "virt,," is "virt", then an empty item (QEMU: "Invalid parameter ''").
    usage(() => parseMachineArgs(["virt,,"]), /^-M 'virt,,': a property without a name$/);
    usage(() => parseMachineArgs([""]), /a property without a name/);
  });

  it("a trailing comma ends the list, as in QEMU", () => {
    expect(parseMachineArgs(["virt,highmem=off,"])).toEqual({ type: "virt", props: new Map([["highmem", "off"]]), help: false });
    expect(parseMachineArgs(["virt,"]).type).toBe("virt");
  });
});

describe("board properties", () => {
  it("defaults: virt as QEMU 7.2's virt for a 32-bit CPU, vexpress-a15 as armlet models it", () => {
    expect(resolve("virt").props).toEqual({ "dtb-randomness": false, "gic-version": "2", highmem: true, its: true, secure: false, virtualization: false });
    expect(resolve().name).toBe("virt");
    expect(resolve("vexpress-a15").props).toEqual({ secure: true, virtualization: false });
  });

  it("booleans take QEMU's spellings: on/off, yes/no, true/false, y/n", () => {
    for (const v of ["on", "yes", "true", "y"]) expect(resolve(`virt,highmem=${v}`).props.highmem).toBe(true);
    for (const v of ["off", "no", "false", "n"]) expect(resolve(`virt,highmem=${v}`).props.highmem).toBe(false);
    usage(() => resolve("virt,highmem=maybe"), /^machine virt: highmem expects on or off, not 'maybe'$/);
    usage(() => resolve("virt,highmem=ON"), /expects on or off/); // QEMU's spellings are lower case
    usage(() => resolve("virt,highmem="), /expects on or off, not ''/);
  });

  it("gic-version: 2 and 3 accepted; 4, host, max not supported yet; anything else invalid", () => {
    expect(resolve("virt,gic-version=2").props["gic-version"]).toBe("2");
    expect(resolve("virt,gic-version=3").props["gic-version"]).toBe("3");
    for (const v of ["4", "host", "max"]) {
      usage(() => resolve(`virt,gic-version=${v}`), new RegExp(`^machine virt: gic-version=${v} is not supported yet \\(armlet models GICv2 and GICv3\\)$`));
    }
    usage(() => resolve("virt,gic-version=5"), /^machine virt: invalid gic-version '5' \(valid: 2, 3, 4, host, max\)$/);
  });

  it("virt: secure, virtualization and dtb-randomness only off; its either way", () => {
    expect(resolve("virt,secure=off,virtualization=off,dtb-randomness=off,its=off").props).toMatchObject({ secure: false, its: false });
    usage(() => resolve("virt,secure=on"), /^machine virt: secure=on is not supported \(armlet's virt has no EL3\)$/);
    usage(() => resolve("virt,virtualization=yes"), /^machine virt: virtualization=on is not supported \(armlet's Cortex-A15 has no EL2\)$/);
    usage(() => resolve("virt,dtb-randomness=on"), /dtb-randomness=on is not supported/);
  });

  it("dumpdtb is a file name, and needs one", () => {
    expect(resolve("virt,dumpdtb=x.dtb").props.dumpdtb).toBe("x.dtb");
    expect(resolve("vexpress-a15,dumpdtb=y.dtb").props.dumpdtb).toBe("y.dtb");
    usage(() => resolve("virt,dumpdtb="), /^machine virt: dumpdtb needs a value$/);
  });

  it("an unknown property, or one armlet does not implement, names it, the board and the accepted ones", () => {
    usage(() => resolve("virt,frob=1"), /^machine virt has no property 'frob' that armlet implements \(it accepts: dumpdtb, dtb-randomness, gic-version, highmem, its, secure, virtualization; -M virt,help describes them\)$/);
    usage(() => resolve("virt,mte=on"), /no property 'mte'/);
    // QEMU: "Property 'vexpress-a15-machine.highmem' not found"
    usage(() => resolve("vexpress-a15,highmem=off"), /^machine vexpress-a15 has no property 'highmem' that armlet implements \(it accepts: dumpdtb, secure, virtualization; /);
    usage(() => resolve("vexpress-a15,virtualization=on"), /^machine vexpress-a15: virtualization=on is not supported \(armlet's Cortex-A15 has no EL2\)$/);
  });

  it("an unknown machine", () => {
    usage(() => resolve("pc"), /^unknown machine 'pc' \(available: virt, vexpress-a15; -M help lists them\)$/);
    usage(() => resolve("virt", "type=pc"), /unknown machine 'pc'/);
  });
});

describe("what the properties change", () => {
  it("virt highmem=off: RAM must end below 4 GiB, said as QEMU's reason", () => {
    const on = resolve("virt").def, off = resolve("virt,highmem=off").def;
    expect(off.info.maxRamBytes).toBe(3 * 2 ** 30);
    expect(off.info.maxRamWhy).toMatch(/below 4 GiB with highmem=off/);
    expect(on.info.maxRamWhy).toBeUndefined();
    expect(off.gic).toEqual(on.gic);
    usage(() => new Machine({ machine: "virt,highmem=off", memory: "4G", kernel: new Uint8Array(4) }),
      /^memory size 4096 MiB exceeds the 3072 MiB virt has below 4 GiB with highmem=off \(RAM starts at 1 GiB\)$/);
    usage(() => new Machine({ machine: "virt", memory: "4G", kernel: new Uint8Array(4) }), /exceeds the 3072 MiB armlet supports for virt$/);
  });

  it("vexpress-a15 secure=off: the GIC has no Security Extensions (QEMU's a15mpcore follows the CPU's EL3)", () => {
    expect(resolve("vexpress-a15").def.gic?.securityExtensions).toBe(true);
    expect(resolve("vexpress-a15,secure=off").def.gic?.securityExtensions).toBe(false);
    expect(resolve("vexpress-a15,secure=off").def.gic).toMatchObject({ distBase: 0x2c001000, numIrqs: 160 });
    const m = new Machine({ machine: "vexpress-a15,secure=off", kernel: new Uint8Array([0xfe, 0xff, 0xff, 0xea]) });
    try {
      expect(m.gic!.s.securityExtn).toBe(false);
      expect(m.props.secure).toBe(false);
      expect(m.gic!.distributor.read(0x004, 4, 0) & (1 << 10)).toBe(0); // GICD_TYPER.SecurityExtn
    } finally { m.dispose(); }
    const d = new Machine({ machine: "vexpress-a15", kernel: new Uint8Array([0xfe, 0xff, 0xff, 0xea]) });
    try { expect(d.gic!.distributor.read(0x004, 4, 0) & (1 << 10)).toBe(1 << 10); } finally { d.dispose(); }
  });

  it("MachineOptions: a -M string, parsed props over it, or a board definition with props", () => {
    expect(chooseMachine({ machine: "vexpress-a15,secure=off" }).props.secure).toBe(false);
    expect(chooseMachine({ machine: "vexpress-a15,secure=off", machineProps: { secure: true } }).props.secure).toBe(true);
    const custom = { ...BOARD_DEFS["vexpress-a15"], periphBase: 0x1234 };
    const c = chooseMachine({ board: custom, machineProps: { secure: "off" } });
    expect(c.def.periphBase).toBe(0x1234); // the test's board, adjusted, not the registered one
    expect(c.def.gic?.securityExtensions).toBe(false);
    usage(() => chooseMachine({ machine: "virt,help" }), /help is printed by the command line only/);
    usage(() => applyProps(BOARD_DEFS.virt, new Map([["secure", true]])), /secure=on is not supported/);
  });
});

describe("help output, in QEMU's format", () => {
  it("-M help: 'Supported machines are:' then name (20 columns) and QEMU's description", () => {
    expect(machineListHelp()).toBe(
      "Supported machines are:\n" +
      "virt                 QEMU 7.2 ARM Virtual Machine (default)\n" +
      "vexpress-a15         ARM Versatile Express for Cortex-A15\n");
    // kvm-unit-tests' arm/run: `$qemu -machine '?' | grep -q 'ARM Virtual Machine'`
    expect(machineHelp(parseMachineArgs(["?"]))).toMatch(/ARM Virtual Machine/);
    expect(machineHelp(parseMachineArgs(["nosuch,help"]))).toMatch(/^Supported machines are:/); // as QEMU
  });

  it("-M virt,help: QEMU's '<type> options:' list, sorted, '  name=<type>' padded to 24, ' - ' and the description", () => {
    const text = machinePropsHelp(BOARD_DEFS.virt);
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe("virt-7.2-machine options:");
    expect(lines.slice(1).map((l) => l.trim().split("=")[0])).toEqual(["dtb-randomness", "dumpdtb", "gic-version", "highmem", "its", "secure", "virtualization"]);
    // Lines QEMU 7.2 prints (then armlet's note in brackets).
    expect(lines).toContain("  highmem=<bool>         - Set on/off to enable/disable using physical address space above 32 bits [armlet: RAM ends below 4 GiB either way (3 GiB at most)]");
    expect(text).toContain("  gic-version=<string>   - Set GIC version. Valid values are 2, 3, 4, host and max [");
    expect(text).toContain("  dtb-randomness=<bool>  - Set off to disable passing random or non-deterministic dtb nodes to guest [");
    expect(machineHelp(parseMachineArgs(["vexpress-a15,?"]))).toMatch(/^vexpress-a15-machine options:\n  dumpdtb=<string>       - /);
  });
});
