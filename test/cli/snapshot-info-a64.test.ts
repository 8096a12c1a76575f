// `armlet snapshot info` on a Cortex-A57 snapshot: the AArch64 state by name (X0-X30, SP, PC,
// the EL1 banks, PSTATE as "AArch64 EL1h") and the register list under its AArch64 names, the
// same values as the stream's `cpu` section holds.
import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Machine } from "../../machines/machine.js";
import { saveSnapshot } from "../../machines/snapshot/savevm.js";
import { readStream } from "../../machines/snapshot/stream.js";
import { CPU_DECL_A64, emptyCpuState } from "../../machines/snapshot/cpu/layout.js";

const CLI = join(__dirname, "..", "..", "dist", "cli", "main.js");
const ELF = join(__dirname, "..", "..", "roms", "bin", "a64", "mmu.elf");

describe("snapshot info on an AArch64 CPU", () => {
  it("shows X registers, PC, PSTATE and AArch64 register names", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "armlet-info-a64-")), "mmu.snap");
    const m = new Machine({ machine: "virt", cpu: "cortex-a57", kernel: ELF, semihosting: true, nsPerInsn: 1, icountSleep: false, onConsole: () => {} });
    void m.whenRetired(200_000, () => { saveSnapshot(m, file); m.quit(); });
    await m.run().finally(() => m.dispose());
    const cpu = readStream(new Uint8Array(readFileSync(file)), (id) => (id === "cpu" ? { decl: CPU_DECL_A64, state: emptyCpuState() } : undefined))
      .sections.find((s) => s.idstr === "cpu")!.state;
    const pc = `0x${BigInt(cpu["env.pc"]).toString(16).padStart(8, "0")}`;
    const x30 = `0x${BigInt.asUintN(64, BigInt(cpu["env.xregs"][30])).toString(16).padStart(8, "0")}`;

    const text = spawnSync(process.execPath, [CLI, "snapshot", "info", file], { encoding: "utf8" });
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^cpu 0 +on \(powered_off 0, armlet's state on\), EL1h mode$/m);
    expect(text.stdout).toMatch(new RegExp(`\\bpc +${pc}\\b`));
    expect(text.stdout).toMatch(new RegExp(`\\bx30 +${x30}\\b`));
    expect(text.stdout).toMatch(/\bsp_el1 +0x[0-9a-f]{8}/);
    expect(text.stdout).toMatch(/pstate 0x[0-9a-f]{8}: AArch64 EL1h, [nN][zZ][cC][vV], /);
    for (const name of ["SCTLR_EL1", "TCR_EL1", "MAIR_EL1", "MVFR0_EL1", "ID_AA64MMFR0_EL1", "CNTFRQ_EL0"]) expect(text.stdout, name).toMatch(new RegExp(`\\b${name}\\b`));

    const json = JSON.parse(spawnSync(process.execPath, [CLI, "snapshot", "info", "--json", file], { encoding: "utf8" }).stdout);
    expect(json.cpus[0].aarch64).toBe(true);
    expect(json.cpus[0].xregs.pc).toBe(pc);
    expect(json.cpus[0].mode).toBe("EL1h");
  }, 120_000);
});
