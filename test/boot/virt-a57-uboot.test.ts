// AArch64 firmware through --bios: Debian's U-Boot for qemu_arm64 (package u-boot-qemu) runs from
// virt's flash at 0 on the Cortex-A57, finds its RAM, console and the board's DTB, and its
// command line answers. The lines both emulators print must be equal where armlet models the
// hardware; QEMU's CFI flash and fw_cfg are not modelled, so U-Boot's "Flash:" line and its
// fw_cfg autoboot attempt differ (named below).
import { afterEach, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { spawn } from "node:child_process";
import { startArmlet, type ArmletProcess } from "../helpers/armlet-process.js";
import { QEMU_SYSTEM_AARCH64, qemuArgv } from "../helpers/qemu.js";
import { lacks, lacksCommand } from "../helpers/requirements.js";

const UBOOT = "/usr/lib/u-boot/qemu_arm64/u-boot.bin";
/** U-Boot's start-up lines that depend only on what armlet models (RAM, console, DTB, CPU). */
const MODELLED = [/^U-Boot \d{4}\.\d\d/, /^DRAM: /, /^In: /, /^Out: /, /^Err: /];

function startupLines(out: string): string[] {
  return out.split(/\r?\n/).map((l) => l.trim()).filter((l) => MODELLED.some((re) => re.test(l)));
}

/** QEMU's console up to its autoboot countdown (it then tries devices armlet has not). */
function qemuStartup(): Promise<string> {
  return new Promise((resolve, reject) => {
    const q = spawn(QEMU_SYSTEM_AARCH64, qemuArgv(["-M", "virt", "-cpu", "cortex-a57", "-m", "256M", "-nographic", "-monitor", "none", "-bios", UBOOT]));
    let out = "";
    const timer = setTimeout(() => { q.kill("SIGKILL"); reject(new Error(`QEMU printed no autoboot prompt:\n${out}`)); }, 30_000);
    q.stdout.on("data", (b: Buffer) => {
      out += b.toString("latin1");
      if (out.includes("Hit any key to stop autoboot")) { clearTimeout(timer); q.kill("SIGKILL"); resolve(out); }
    });
    q.on("error", reject);
  });
}

describe.skipIf(lacks("u-boot-qemu's qemu_arm64/u-boot.bin", existsSync(UBOOT)) || lacksCommand(QEMU_SYSTEM_AARCH64))(
  "--bios u-boot.bin on virt --cpu cortex-a57", () => {
    let a: ArmletProcess | undefined;
    afterEach(() => a?.kill());

    it("U-Boot starts as on QEMU 7.2 and its command line answers", async () => {
      a = startArmlet(["run", "-M", "virt", "--cpu", "cortex-a57", "-m", "256M", "--bios", UBOOT]);
      // Stop the autoboot countdown, then ask for the version and the board's memory.
      const at = await a.waitFor("Hit any key to stop autoboot");
      a.p.stdin.write(" ");
      let from = await a.waitFor("=> ", { from: at });
      a.p.stdin.write("version\n");
      from = await a.waitFor(/U-Boot \d{4}\.\d\d[^\n]*\n[^]*=> /, { from });
      a.p.stdin.write("bdinfo\n");
      await a.waitFor(/DRAM bank\s+= 0x0+\r?\n-> start\s+= 0x0*40000000\r?\n-> size\s+= 0x0*10000000/, { from });

      const q = await qemuStartup();
      expect(startupLines(a.out().slice(0, at))).toEqual(startupLines(q));
      expect(startupLines(q)).toHaveLength(MODELLED.length);
    }, 90_000);
  });
