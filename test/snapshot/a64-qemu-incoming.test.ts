// QEMU 7.2 takes armlet's AArch64 `cpu` section: the timer program runs in armlet on a Cortex-A57
// and is saved mid-run; QEMU's own stream of the same machine (paused at reset, same -kernel) has
// its `cpu` section replaced by armlet's bytes, and `qemu-system-aarch64 -incoming "exec:cat FILE"`
// must load it (QEMU's post_load writes every register of the list and fails on any read-back
// that differs, constants included) and show, in `info registers`, armlet's PC, X0-X30, SP,
// PSTATE and V registers. (Full cross-migration of every device is issue 13.)
import { describe, it, expect } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Machine } from "../../machines/machine.js";
import { saveSnapshot } from "../../machines/snapshot/savevm.js";
import { readStream } from "../../machines/snapshot/stream.js";
import { CPU_DECL_A64, emptyCpuState } from "../../machines/snapshot/cpu/layout.js";
import { QEMU_SYSTEM_AARCH64, qemuArgv } from "../helpers/qemu.js";
import { qemuStream } from "../helpers/qemu-stream.js";
import { lacksCommand } from "../helpers/requirements.js";

const ELF = join(__dirname, "..", "..", "roms", "bin", "a64", "timer.elf");
const dir = mkdtempSync(join(tmpdir(), "armlet-a64-incoming-"));
const MACHINE = ["-M", "virt", "-cpu", "cortex-a57", "-m", "128M"];
const h16 = (v: unknown) => BigInt.asUintN(64, BigInt(v as bigint)).toString(16).padStart(16, "0");

/** QEMU loads `file` paused (-S); its monitor's `info registers` once the load is over (the
 *  run state stays "prelaunch" under -S, so the PC leaving 0 tells). */
async function qemuRegisters(file: string): Promise<{ text: string; err: string }> {
  const p = spawn(QEMU_SYSTEM_AARCH64, qemuArgv([...MACHINE, "-display", "none", "-serial", "null", "-monitor", "stdio", "-S",
    "-incoming", `exec:cat ${file}`]), { stdio: ["pipe", "pipe", "pipe"] });
  let text = "", err = "";
  p.stdout.on("data", (b: Buffer) => { text += b.toString(); });
  p.stderr.on("data", (b: Buffer) => { err += b.toString(); });
  const closed = new Promise((r) => p.on("close", r));
  const clean = () => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");
  const t0 = Date.now();
  let regs = "";
  while (Date.now() - t0 < 20_000 && p.exitCode === null) {
    text = "";
    p.stdin.write("info registers\n");
    await new Promise((r) => setTimeout(r, 500));
    regs = clean();
    if (/PC=(?!0{16})[0-9a-f]{16}/.test(regs)) break;
  }
  p.stdin.write("quit\n");
  await closed;
  return { text: regs, err };
}

describe.skipIf(lacksCommand(QEMU_SYSTEM_AARCH64))("qemu-system-aarch64 7.2 loads armlet's Cortex-A57 cpu section", () => {
  it("the spliced stream loads, and QEMU shows armlet's registers", async () => {
    const ours = join(dir, "ours.snap");
    const m = new Machine({ machine: "virt", cpu: "cortex-a57", memory: "128M", kernel: ELF, semihosting: true, nsPerInsn: 1, icountSleep: false, onConsole: () => {} });
    void m.whenRetired(100_000, () => { saveSnapshot(m, ours); m.quit(); });
    await m.run().finally(() => m.dispose());
    const o = new Uint8Array(readFileSync(ours));
    const q = await qemuStream([...MACHINE, "-kernel", ELF, "-semihosting"], { binary: QEMU_SYSTEM_AARCH64 });
    const oc = readStream(o, (id) => (id === "cpu" ? { decl: CPU_DECL_A64, state: emptyCpuState() } : undefined)).sections.find((s) => s.idstr === "cpu")!;
    const qc = readStream(q, () => undefined).sections.find((s) => s.idstr === "cpu")!;
    expect(oc.end - oc.offset, "the same section size").toBe(qc.end - qc.offset);
    const spliced = join(dir, "spliced.bin");
    writeFileSync(spliced, Buffer.concat([q.subarray(0, qc.offset), o.subarray(oc.offset, oc.end), q.subarray(qc.end)]));

    const { text, err } = await qemuRegisters(spliced);
    expect(err).not.toMatch(/fail|error/i);
    const st = oc.state;
    expect(text).toContain(`PC=${h16(st["env.pc"])}`);
    for (let i = 0; i < 31; i++) expect(text, `X${i}`).toContain(`X${String(i).padStart(2, "0")}=${h16(st["env.xregs"][i])}`);
    expect(text).toContain(`SP=${h16(st["env.xregs"][31])}`);
    expect(text).toContain(`PSTATE=${(Number(st.cpsr) >>> 0).toString(16).padStart(8, "0")}`);
    for (let i = 0; i < 32; i++) {
      const [lo, hi] = st[`env.vfp.zregs[${i}].d`];
      expect(text, `Q${i}`).toContain(`Q${String(i).padStart(2, "0")}=${h16(hi)}:${h16(lo)}`);
    }
    expect(BigInt(st["env.pc"])).not.toBe(0n);
  }, 120_000);
});
