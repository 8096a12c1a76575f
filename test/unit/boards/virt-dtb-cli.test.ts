// `armlet run -M virt --dump-dtb FILE`: writes the DTB the machine would boot with and exits 0
// without running; decompiled, it equals QEMU 7.2's dumpdtb less the unmodelled devices.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { QEMU_SYSTEM_ARM, qemuArgv } from "../../helpers/qemu.js";
import { lacks, lacksCommand } from "../../helpers/requirements.js";
import { guestFile } from "../../boot/lab/guests.js";
import { findNode, parseFdt, removeNode, serializeFdt } from "../../../machines/boot/fdt.js";
import { VIRT_DTB_NOT_MODELLED } from "../../../machines/boards/virt-dtb.js";
import { EXIT } from "../../../cli/exit-codes.js";

const CLI = join(__dirname, "..", "..", "..", "dist", "cli", "main.js");
const QEMU = QEMU_SYSTEM_ARM;
const DTC = "dtc";
const dir = mkdtempSync(join(tmpdir(), "armlet-dump-dtb-"));
let seq = 0;

function armlet(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, "run", ...args], { encoding: "utf8", timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function dts(bytes: Uint8Array): string {
  const f = join(dir, `d${seq++}.dtb`);
  writeFileSync(f, bytes);
  return execFileSync(DTC, ["-q", "-I", "dtb", "-O", "dts", f], { encoding: "utf8" });
}
function qemuDts(args: string[]): string {
  const out = join(dir, `q${seq++}.dtb`);
  execFileSync(QEMU, qemuArgv(["-M", `virt,dumpdtb=${out},dtb-randomness=off`, "-cpu", "cortex-a15", "-nographic", "-nodefaults", ...args]), { stdio: "pipe" });
  const f = parseFdt(readFileSync(out));
  for (const p of VIRT_DTB_NOT_MODELLED) {
    const cut = p.lastIndexOf("/");
    removeNode(findNode(f, cut === 0 ? "/" : p.slice(0, cut))!, findNode(f, p)!);
  }
  return dts(serializeFdt(f));
}
function file(name: string, bytes: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error("dist/cli/main.js missing: run `npm run build` before the tests");
});

describe.skipIf(lacksCommand(QEMU) || lacksCommand(DTC))("--dump-dtb", () => {
  it("no kernel: the board's tree for -smp/-m, equal to QEMU's", () => {
    const out = join(dir, "a.dtb");
    const r = armlet("-M", "virt", "--smp", "2", "-m", "512M", "--dump-dtb", out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe("");
    expect(dts(readFileSync(out))).toBe(qemuDts(["-smp", "2", "-m", "512M"]));
  });

  it("with a kernel, initrd and --append: bootargs and the initrd range where QEMU puts them", () => {
    const k = new Uint8Array(2 * 2 ** 20 + 77);
    const dv = new DataView(k.buffer);
    dv.setUint32(0x24, 0x016f2818, true);
    dv.setUint32(0x2c, k.length, true);
    const kernel = file("zImage", k), initrd = file("initrd", new Uint8Array(300_003).fill(0x5a));
    const out = join(dir, "b.dtb");
    const r = armlet("-M", "virt", "--smp", "4", "-m", "256M", "--kernel", kernel, "--initrd", initrd, "--append", "console=ttyAMA0 quiet", "--dump-dtb", out);
    expect(r.code, r.err).toBe(0);
    const ours = dts(readFileSync(out));
    expect(ours).toMatch(/linux,initrd-start/);
    expect(ours).toBe(qemuDts(["-smp", "4", "-m", "256M", "-kernel", kernel, "-initrd", initrd, "-append", "console=ttyAMA0 quiet"]));
  });

  it("bad requests: exit codes", () => {
    expect(armlet("-M", "nosuch", "--dump-dtb", join(dir, "x.dtb")).code).toBe(EXIT.USAGE.code);
    expect(armlet("-M", "virt", "--smp", "9", "--dump-dtb", join(dir, "x.dtb")).code).toBe(EXIT.USAGE.code);
    expect(armlet("-M", "vexpress-a15", "--dump-dtb", join(dir, "x.dtb")).code).toBe(EXIT.USAGE.code);
    const unwritable = armlet("-M", "virt", "--dump-dtb", join(dir, "no", "such", "dir.dtb"));
    expect(unwritable.code).toBe(EXIT.OUTPUT.code);
    expect(unwritable.err).toMatch(/^armlet: error: could not write device tree '.*dir\.dtb': no such file or directory\n$/);
    expect(armlet("-M", "virt", "--dump-dtb", "/dev/full").err).toMatch(/could not write device tree '\/dev\/full': no space left on device/);
  });

  it("-M virt,dumpdtb=FILE is --dump-dtb (QEMU's spelling)", () => {
    const a = join(dir, "m1.dtb"), b = join(dir, "m2.dtb");
    expect(armlet("-M", `virt,dumpdtb=${a}`, "--smp", "2").code).toBe(0);
    expect(armlet("-M", "virt", "--smp", "2", "--dump-dtb", b).code).toBe(0);
    expect(readFileSync(a)).toEqual(readFileSync(b));
  });

  // What each property armlet accepts on virt does to the tree: the same as in QEMU (highmem=off
  // moves only the PCIe ECAM and windows, which armlet leaves out; GICv2 has no ITS).
  for (const props of ["highmem=off", "highmem=on", "gic-version=2", "its=off", "secure=off", "virtualization=off", "dtb-randomness=off",
    "highmem=off,its=off,gic-version=2"]) {
    it(`-M virt,${props}: QEMU's tree`, () => {
      const out = join(dir, `p${seq++}.dtb`);
      const r = armlet("-M", `virt,${props},dumpdtb=${out}`, "-m", "256M");
      expect(r.code, r.err).toBe(0);
      expect(dts(readFileSync(out))).toBe(qemuDts(["-M", props, "-m", "256M"]));
    });
  }
});

const VEXPRESS_DTB = guestFile("armhf/vexpress-v2p-ca15-tc1.dtb");
describe.skipIf(lacks("the guest lab's vexpress DTB", existsSync(VEXPRESS_DTB), "node dist/cli/main.js guests fetch") || lacksCommand(DTC))("--dump-dtb on vexpress-a15", () => {
  it("dumps the --dtb file as the loader edits it", () => {
    const k = new Uint8Array(1 * 2 ** 20);
    const dv = new DataView(k.buffer);
    dv.setUint32(0x24, 0x016f2818, true);
    dv.setUint32(0x2c, k.length, true);
    const out = join(dir, "v.dtb");
    const r = armlet("-M", "vexpress-a15", "-m", "256M", "--kernel", file("zImage-v", k), "--dtb", VEXPRESS_DTB, "--append", "console=ttyAMA0", "--dump-dtb", out);
    expect(r.code, r.err).toBe(0);
    const text = dts(readFileSync(out));
    expect(text).toContain('bootargs = "console=ttyAMA0";');
    expect(text).toContain("reg = <0x00 0x80000000 0x00 0x10000000>;");
  });
});
