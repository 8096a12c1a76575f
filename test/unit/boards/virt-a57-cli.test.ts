// `armlet run -M virt[,gic-version=3[,its=off]] --cpu cortex-a57 --dump-dtb FILE`: QEMU 7.2's
// -M virt properties and -smp syntax for the A57, the dumped tree against
// `qemu-system-aarch64 -M virt,...,dumpdtb=FILE -cpu cortex-a57` (less the unmodelled devices),
// the errors (exit 64) for what QEMU refuses or armlet does not implement, and -M virt,help.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { QEMU_SYSTEM_AARCH64, qemuArgv } from "../../helpers/qemu.js";
import { lacksCommand } from "../../helpers/requirements.js";
import { findNode, parseFdt, removeNode, serializeFdt } from "../../../machines/boot/fdt.js";
import { virtDtbNotModelled, type VirtDtbGic } from "../../../machines/boards/virt-dtb.js";
import { EXIT } from "../../../cli/exit-codes.js";

const CLI = join(__dirname, "..", "..", "..", "dist", "cli", "main.js");
const QEMU = QEMU_SYSTEM_AARCH64;
const DTC = "dtc";
const dir = mkdtempSync(join(tmpdir(), "armlet-a57-dump-dtb-"));
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
function qemu(args: string[]) {
  return spawnSync(QEMU, qemuArgv(["-cpu", "cortex-a57", "-nographic", "-nodefaults", ...args]), { encoding: "utf8" });
}
/** QEMU's tree for `-M virt,PROPS` and the other args, without the unmodelled devices. */
function qemuDts(props: string, gic: VirtDtbGic, args: string[]): string {
  const out = join(dir, `q${seq++}.dtb`);
  const r = qemu(["-M", `virt${props ? `,${props}` : ""},dumpdtb=${out},dtb-randomness=off`, ...args]);
  expect(r.status, r.stderr).toBe(0);
  const f = parseFdt(readFileSync(out));
  for (const p of virtDtbNotModelled(gic)) {
    const cut = p.lastIndexOf("/");
    removeNode(findNode(f, cut === 0 ? "/" : p.slice(0, cut))!, findNode(f, p)!);
  }
  return dts(serializeFdt(f));
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error("dist/cli/main.js missing: run `npm run build` before the tests");
});

const V2: VirtDtbGic = { version: 2 };
const V3: VirtDtbGic = { version: 3, its: true };
const V3_NO_ITS: VirtDtbGic = { version: 3, its: false };

describe.skipIf(lacksCommand(QEMU) || lacksCommand(DTC))("--dump-dtb --cpu cortex-a57", () => {
  const cases: { props: string; gic: VirtDtbGic; smp: string; m: string }[] = [
    { props: "", gic: V2, smp: "2", m: "512M" },
    { props: "gic-version=2,its=on", gic: V2, smp: "8", m: "1G" },
    { props: "gic-version=3", gic: V3, smp: "4", m: "256M" },
    { props: "gic-version=max", gic: V3, smp: "16", m: "2G" }, // max = 3 under TCG without virtualization
    { props: "gic-version=3,its=off", gic: V3_NO_ITS, smp: "1", m: "128M" },
    { props: "gic-version=3,its=off,highmem=off", gic: V3_NO_ITS, smp: "16", m: "3G" },
    { props: "gic-version=3,secure=off,virtualization=off", gic: V3, smp: "sockets=2,cores=2,threads=2", m: "256M" },
    { props: "", gic: V2, smp: "cpus=2,maxcpus=8,clusters=2", m: "128M" },
  ];
  for (const c of cases) {
    it(`-M virt${c.props ? `,${c.props}` : ""} -smp ${c.smp} -m ${c.m}: QEMU's tree`, () => {
      const out = join(dir, `o${seq++}.dtb`);
      const r = armlet("-M", `virt${c.props ? `,${c.props}` : ""}`, "--cpu", "cortex-a57", "--smp", c.smp, "-m", c.m, "--dump-dtb", out);
      expect(r.code, r.err).toBe(0);
      expect(dts(readFileSync(out))).toBe(qemuDts(c.props, c.gic, ["-smp", c.smp, "-m", c.m]));
    });
  }

  it("with --kernel (an arm64 Image), --initrd and --append: the tree the loader places, as QEMU dumps it", () => {
    // A minimal arm64 Image: the header (text_offset 0x80000, image_size 2 MiB) and a branch.
    const image = new Uint8Array(0x1000);
    const dv = new DataView(image.buffer);
    dv.setUint32(0, 0x14000000, true); // b .
    dv.setBigUint64(8, 0x80000n, true);
    dv.setBigUint64(16, 0x200000n, true);
    dv.setUint32(0x38, 0x644d5241, true); // "ARM\x64"
    const kernel = join(dir, "Image"), initrd = join(dir, "initrd");
    writeFileSync(kernel, image);
    writeFileSync(initrd, new Uint8Array(300_000).fill(7));
    const boot = ["-smp", "2", "-m", "256M", "-kernel", kernel, "-initrd", initrd, "-append", "console=ttyAMA0 quiet"];
    const out = join(dir, `o${seq++}.dtb`);
    const r = armlet("-M", "virt,gic-version=3", "--cpu", "cortex-a57", "--smp", "2", "-m", "256M", "--kernel", kernel,
      "--initrd", initrd, "--append", "console=ttyAMA0 quiet", "--dump-dtb", out);
    expect(r.code, r.err).toBe(0);
    const ours = dts(readFileSync(out));
    expect(ours).toMatch(/linux,initrd-start = <0x4[0-9a-f]+>/);
    expect(ours).toBe(qemuDts("gic-version=3", V3, boot));
  });

  it("what QEMU refuses, armlet refuses with exit 64 (and a message)", () => {
    const x = join(dir, "x.dtb");
    const refused: [string[], RegExp][] = [
      [["-M", "virt", "--smp", "9"], /1\.\.8.*GICv2/],
      [["-M", "virt,gic-version=3", "--smp", "124"], /1\.\.123/],
      [["-M", "virt,gic-version=4"], /gic-version=4 is not supported.*requires virtualization/],
      [["-M", "virt,gic-version=host"], /gic-version=host is not supported.*KVM/],
      [["-M", "virt,gic-version=5"], /invalid gic-version '5'/],
      [["-M", "virt,its=maybe"], /its expects on or off/],
      [["-M", "virt,secure=on"], /secure=on is not supported/],
      [["-M", "virt,virtualization=on"], /virtualization=on is not supported/],
      [["-M", "virt,iommu=smmuv3"], /no property 'iommu'/],
      [["--smp", "4,dies=2"], /dies are not supported/],
      [["--smp", "4,sockets=3"], /product of the hierarchy must match maxcpus: sockets \(3\) \* clusters \(1\) \* cores \(1\) \* threads \(1\) != maxcpus \(4\)/],
      [["--smp", "4,maxcpus=2"], /maxcpus must be equal to or greater than/],
      [["--smp", "4,books=2"], /unknown parameter 'books'/],
      [["--smp", "0"], /must be 1 or more/],
      [["--smp", "cpus=4,maxcpus=9"], /maxcpus=9 exceeds the 8 CPUs/],
      [["-M", "vexpress-a15", "--smp", "2,clusters=2"], /clusters are not supported by vexpress-a15/],
    ];
    for (const [args, why] of refused) {
      const r = armlet(...args, ...(args.includes("vexpress-a15") ? [] : ["--cpu", "cortex-a57"]), "--dump-dtb", x);
      expect(r.code, args.join(" ")).toBe(EXIT.USAGE.code);
      expect(r.err, args.join(" ")).toMatch(why);
    }
    // QEMU refuses the same (its checks: gic-version, the -smp topology, the CPU limit).
    for (const args of [["-M", "virt,gic-version=4"], ["-smp", "9"], ["-smp", "4,dies=2"], ["-smp", "4,sockets=3"], ["-smp", "4,maxcpus=2"], ["-smp", "4,books=2"]]) {
      expect(qemu([...args.slice(0, 1), args[0] === "-M" ? `${args[1]},dumpdtb=${x}` : args[1], ...(args[0] === "-M" ? [] : ["-M", `virt,dumpdtb=${x}`])]).status, args.join(" ")).not.toBe(0);
    }
  });

  it("gic-version=3 with the Cortex-A15 is refused: its AArch32 GICv3 CPU interface is not modelled (exit 64, clear message)", () => {
    const r = armlet("-M", "virt,gic-version=3", "--cpu", "cortex-a15", "--kernel", join(dir, "none.elf"));
    expect(r.code).toBe(EXIT.USAGE.code);
    expect(r.err).toMatch(/a GICv3 needs --cpu cortex-a57 here/);
  });
});

describe("-M virt,help", () => {
  it("lists QEMU's properties armlet implements, as -M virt,gic-version=3,help does; each line is QEMU's", () => {
    const plain = armlet("-M", "virt,help");
    expect(plain.code).toBe(0);
    expect(armlet("-M", "virt,gic-version=3,help").out).toBe(plain.out);
    const lines = plain.out.trimEnd().split("\n");
    expect(lines[0]).toBe("virt-7.2-machine options:");
    expect(lines.slice(1).map((l) => l.trim().split("=")[0])).toEqual(["dtb-randomness", "dumpdtb", "gic-version", "highmem", "its", "secure", "virtualization"]);
    expect(plain.out).toMatch(/gic-version=<string> {3}- Set GIC version\. Valid values are 2, 3, 4, host and max \[armlet: 2, 3, max/);
    if (lacksCommand(QEMU)) return;
    const q = qemu(["-M", "virt,help"]).stdout.split("\n");
    for (const l of lines.slice(1)) expect(q, l).toContain(l.replace(/ \[[^\]]*\]$/, ""));
  });
});
