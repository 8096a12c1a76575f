// `armlet snapshot info`: real snapshots of roms/bin/arith.elf on virt (one CPU with a --snapshot
// disk, and --smp 2, where the secondary stays powered off), looked at in text and --json. What it
// reports is compared with the stream read here directly (readStream with armlet's CPU
// declaration), not with its own code: the section list, power states, core registers and the
// register list by name. Broken files give one line and the documented exit code; QEMU's own
// stream is shown with its unknown sections marked.
import { describe, it, expect, beforeAll } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXIT } from "../../cli/exit-codes.js";
import { findVmdesc, readStream } from "../../machines/snapshot/stream.js";
import { CPU_DECL, emptyCpuState } from "../../machines/snapshot/cpu/layout.js";
import { cpregName } from "../../machines/snapshot/cpu/names.js";
import { QEMU_SYSTEM_ARM } from "../helpers/qemu.js";
import { qemuStream } from "../helpers/qemu-stream.js";
import { lacksCommand } from "../helpers/requirements.js";

const ROOT = join(__dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli", "main.js");
const ARITH = join(ROOT, "roms", "bin", "arith.elf");
const dir = mkdtempSync(join(tmpdir(), "armlet-snapinfo-"));
const DET = ["--semihosting", "--icount", "shift=0"];

function armlet(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", timeout: 60_000, input: "" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Save arith.elf's run once it prints its first PASS line. */
function save(name: string, ...extra: string[]): string {
  const file = join(dir, name);
  const r = armlet("run", "--kernel", ARITH, ...DET, ...extra, "--savevm-on-output", `^PASS adcs =.*=${file}`);
  if (r.code !== 0 || !existsSync(file)) throw new Error(`saving ${name} failed (${r.code}): ${r.err}`);
  return file;
}

/** The stream as read here: every section's idstr/instance, and each CPU's decoded `cpu` state. */
function readDirect(file: string) {
  const bytes = readFileSync(file);
  const p = readStream(bytes, (idstr) => (idstr === "cpu" ? { decl: CPU_DECL, state: emptyCpuState() } : undefined));
  const cpus = p.sections.filter((s) => s.idstr === "cpu").map((s) => s.state);
  return { p, cpus, devices: findVmdesc(bytes)!.desc.devices };
}

const hex = (v: bigint) => { const u = BigInt.asUintN(64, v); return `0x${u.toString(16).padStart(u >> 32n ? 16 : 8, "0")}`; };

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error("dist/cli/main.js missing: run `npm run build` before the tests");
});

describe("armlet snapshot info on armlet's snapshots", () => {
  let one = "", smp = "", disk = "";
  beforeAll(() => {
    const img = join(dir, "disk.img");
    writeFileSync(img, new Uint8Array(1 << 20));
    one = save("one.snap", "--drive", `file=${img},format=raw`, "--snapshot");
    smp = save("smp2.snap", "--smp", "2");
    disk = img;
  }, 120_000);

  it("--json lists every section of the stream in order, ram first, each marked ours or QEMU's", () => {
    for (const file of [one, smp]) {
      const r = armlet("snapshot", "info", "--json", file);
      expect(r.code, r.err).toBe(0);
      const info = JSON.parse(r.out);
      const { p, devices } = readDirect(file);
      expect(info.layout).toBe(1);
      expect(info.sections.map((s: any) => `${s.idstr}#${s.instance}`)).toEqual(["ram#0", ...devices.map((d) => `${d.name}#${d.instance_id}`)]);
      for (const [i, s] of p.sections.entries()) {
        const got = info.sections[i + 1];
        expect(got.version).toBe(s.version);
        expect(got.offset).toBe(s.offset);
        expect(got.size).toBe(s.end - s.offset);
        // armlet's own sections are the armlet-* ones; everything else in armlet's stream is QEMU's.
        expect(got.armlet, s.idstr).toBe(/(^|\/)armlet-/.test(s.idstr) ? "ours" : "qemu");
      }
      expect(info.machine).toMatchObject({ type: "virt-7.2", board: "virt", targetPageSize: 4096, icountShift: 0 });
      expect(info.machine.ram).toEqual([expect.objectContaining({ name: "mach-virt.ram", size: 128 << 20, armlet: true })]);
    }
  });

  it("--smp 2: CPU 0 is on, CPU 1 (never started through PSCI) is off, in QEMU's field and armlet's", () => {
    const info = JSON.parse(armlet("snapshot", "info", "--json", smp).out);
    const { cpus } = readDirect(smp);
    expect(info.machine.cpus).toBe(2);
    expect(info.cpus.map((c: any) => [c.index, c.power, c.poweredOff, c.armletPower])).toEqual([[0, "on", false, "on"], [1, "off", true, "off"]]);
    expect(cpus.map((c) => Number(c.power_state))).toEqual([0, 1]);
    const text = armlet("snapshot", "info", smp).out;
    expect(text).toMatch(/^cpu 0 +on \(powered_off 0, armlet's state on\)/m);
    expect(text).toMatch(/^cpu 1 +off \(powered_off 1, armlet's state off\)/m);
    expect(text).toMatch(/^machine +virt-7\.2 \(armlet's virt\), 2 CPUs, target page size 4096$/m);
  });

  it("core registers and the named register list equal the stream's values", () => {
    for (const file of [one, smp]) {
      const info = JSON.parse(armlet("snapshot", "info", "--json", file).out);
      const { cpus } = readDirect(file);
      expect(info.cpus).toHaveLength(cpus.length);
      for (const [i, c] of info.cpus.entries()) {
        const s = cpus[i];
        expect(Object.values(c.regs)).toEqual(s["env.regs"].map((v: number) => v >>> 0));
        expect(Object.keys(c.regs)).toEqual(Array.from({ length: 16 }, (_, k) => `r${k}`));
        expect(c.cpsr).toBe(s.cpsr >>> 0);
        expect(c.mode).toBe("svc");
        const n = Number(s.cpreg_vmstate_array_len);
        expect(c.cpregs).toHaveLength(n);
        expect(n).toBeGreaterThan(100);
        for (let k = 0; k < n; k++) {
          expect(BigInt(c.cpregs[k].id)).toBe(s.cpreg_vmstate_indexes[k]);
          expect(c.cpregs[k].value).toBe(hex(s.cpreg_vmstate_values[k]));
          expect(c.cpregs[k].name.startsWith(cpregName(s.cpreg_vmstate_indexes[k]))).toBe(true);
        }
        // The registers people look for first are there by name; arith.elf set VBAR, the MMU is off.
        const byName = new Map(c.cpregs.map((r: any) => [r.name, r.value]));
        expect(byName.get("SCTLR_EL1")).toMatch(/^0x00c5[0-9a-f]{4}$/);
        expect(byName.get("TTBR0_EL1")).toBe("0x00000000");
        if (c.power === "on") expect(byName.get("VBAR_EL1")).not.toBe("0x00000000");
      }
    }
  });

  it("text: machine, sections with armlet's verdict, registers, a compact register table, GIC, disk, not saved; no colour off a terminal", () => {
    const r = armlet("snapshot", "info", one);
    expect(r.code, r.err).toBe(0);
    expect(r.out).not.toContain("\x1b[");
    const info = JSON.parse(armlet("snapshot", "info", "--json", one).out);
    for (const s of info.sections) {
      const verdict = s.armlet === "ours" ? "ours" : "QEMU's, mapped";
      expect(r.out, s.idstr).toMatch(new RegExp(`^  ${s.idstr.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} +${s.instance} +${s.version} +${s.size} +0x${s.offset.toString(16)} +${verdict}$`, "m"));
    }
    const c = info.cpus[0];
    expect(r.out).toContain(`r15 0x${c.regs.r15.toString(16).padStart(8, "0")}`);
    expect(r.out).toContain(`cpsr 0x${c.cpsr.toString(16).padStart(8, "0")}: svc,`);
    const sctlr = c.cpregs.find((x: any) => x.name === "SCTLR_EL1");
    expect(r.out).toMatch(new RegExp(`SCTLR_EL1 +${sctlr.value}`));
    // Zero registers are named in one list, not given a row each.
    expect(r.out).toMatch(/zero: .*TTBR0 \(Secure\)/);
    const table = r.out.split("\n").filter((l) => l.startsWith("          "));
    expect(table.length).toBeGreaterThan(20);
    expect(table.filter((l) => l.length > 100)).toEqual([]);
    expect(r.out).toMatch(/^gic +distributor (enabled|disabled) \(GICD_CTLR 0x[0-9a-f]{8}\); cpu interfaces: 0 (enabled|disabled)$/m);
    expect(r.out).toContain(`${disk}: 1048576 bytes, writable, --snapshot overlay: 0 sectors saved`);
    expect(info.disks).toEqual([{ transport: "virtio-mmio@000000000a003e00", path: disk, size: 1 << 20, readonly: false, snapshot: true, overlaySectors: 0 }]);
    expect(r.out).toMatch(/not saved\n {2}- host files opened through semihosting: never saved/);
    expect(info.notSaved[0]).toMatch(/semihosting: never saved/);
  });

  it("a missing file exits 66; garbage, a truncated file and a broken section footer exit 65 with one line naming the offset", () => {
    const missing = armlet("snapshot", "info", join(dir, "nope.snap"));
    expect(missing.code).toBe(EXIT.NO_INPUT.code);
    expect(missing.err).toMatch(/^armlet: error: could not open snapshot '.*nope\.snap': no such file or directory\n$/);
    expect(missing.out).toBe("");

    const junk = join(dir, "junk.snap");
    writeFileSync(junk, "not a snapshot at all");
    const garbled = armlet("snapshot", "info", junk);
    expect(garbled.code).toBe(EXIT.BAD_INPUT.code);
    expect(garbled.err).toMatch(/^armlet: error: .*junk\.snap: offset 0x0: not a QEMU migration stream.*\n$/);

    const bytes = readFileSync(one);
    const cut = join(dir, "cut.snap");
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.9)));
    const truncated = armlet("snapshot", "info", "--json", cut);
    expect(truncated.code).toBe(EXIT.BAD_INPUT.code);
    expect(truncated.err).toMatch(/^armlet: error: .*cut\.snap: offset 0x[0-9a-f]+: section 'ram': .*\n$/);
    expect(truncated.out).toBe("");

    // The byte after the cpu section's payload is its footer marker: break it.
    const cpu = JSON.parse(armlet("snapshot", "info", "--json", one).out).sections.find((s: any) => s.idstr === "cpu");
    const broken = Buffer.from(bytes);
    broken[cpu.offset + cpu.size] ^= 0xff;
    const bad = join(dir, "bad-footer.snap");
    writeFileSync(bad, broken);
    const r = armlet("snapshot", "info", bad);
    expect(r.code).toBe(EXIT.BAD_INPUT.code);
    expect(r.err).toBe(`armlet: error: ${bad}: offset 0x${(cpu.offset + cpu.size).toString(16)}: section 'cpu' instance 0: no section footer where the payload should end (a layout mismatch)\n`);
  });

  it("usage: no file, two files or an unknown option is exit 64", () => {
    const r = armlet("snapshot", "info");
    expect(r.code).toBe(EXIT.USAGE.code);
    expect(r.err).toMatch(/missing required argument 'file'/);
    const two = armlet("snapshot", "info", one, smp);
    expect(two.code).toBe(EXIT.USAGE.code);
    expect(two.err).toMatch(/too many arguments/);
    expect(two.out).toBe("");
    expect(armlet("snapshot", "info", "--bogus", one).code).toBe(EXIT.USAGE.code);
  });
});

describe.skipIf(lacksCommand(QEMU_SYSTEM_ARM))("armlet snapshot info on QEMU 7.2's own stream", () => {
  let file = "";
  beforeAll(async () => {
    file = join(dir, "qemu-virt.snap");
    writeFileSync(file, await qemuStream(["-M", "virt", "-cpu", "cortex-a15", "-m", "128M", "-kernel", ARITH]));
  }, 90_000);

  it("is read whole: QEMU's sections armlet models are mapped, the others marked as skipped, RAM blocks armlet lacks too", () => {
    const r = armlet("snapshot", "info", "--json", file);
    expect(r.code, r.err).toBe(0);
    const info = JSON.parse(r.out);
    const { devices } = readDirect(file);
    expect(info.sections.map((s: any) => `${s.idstr}#${s.instance}`)).toEqual(["ram#0", ...devices.map((d) => `${d.name}#${d.instance_id}`)]);
    const verdict = Object.fromEntries(info.sections.map((s: any) => [s.idstr, s.armlet]));
    for (const n of ["timer", "cpu_common", "cpu", "arm_gic", "pl011", "pl031", "pl061", "gpio-key", "globalstate"]) expect(verdict[n], n).toBe("qemu");
    for (const n of ["pflash_cfi01", "fw_cfg", "PCIHost", "PCIBUS", "virt_acpi_build"]) expect(verdict[n], n).toBe("unknown");
    expect(info.sections.some((s: any) => s.armlet === "ours")).toBe(false);
    expect(info.cpus).toEqual([expect.objectContaining({ index: 0, power: "on", poweredOff: false, armletPower: null, mode: "svc" })]);
    expect(info.machine).toMatchObject({ type: "virt-7.2", board: "virt", runState: "prelaunch", icountShift: null, instructionsRetired: null });
    expect(info.machine.ram.find((b: any) => b.name === "virt.flash1").armlet).toBe(false);

    const text = armlet("snapshot", "info", file).out;
    expect(text).toMatch(/^ {2}fw_cfg +0 +2 +\d+ +0x[0-9a-f]+ +unknown: would be skipped$/m);
    expect(text).toMatch(/^sections +\d+, \d+ armlet does not know/m);
    expect(text).toMatch(/^cpu 0 +on \(powered_off 0, no armlet-cpu section\)/m);
  });
});
