// shell-resume.test.ts for the arm64 guest: the lab's arm64 shell image on -M virt --cpu
// cortex-a57 with armlet's DTB, GICv3 (its on) --smp 4 and GICv2 --smp 2, saved at its prompt
// (test/helpers/shell-snapshot.ts) and resumed by a new armlet process from the file alone:
// the shell answers what is typed (the UART's receive interrupt reaches it through the restored
// GIC) and the guest powers off with exit 0.
import { expect, it } from "vitest";
import { describeWithGuestLab } from "../boot/lab/describe-with-lab.js";
import { ARMLET_BOOT_TIMEOUT } from "../boot/lab/settings.js";
import { resumeAndAsk, shellSnapshot, type ShellConfig } from "../helpers/shell-snapshot.js";

const CONFIGS: ShellConfig[] = [
  { machine: "virt", cpu: "cortex-a57", gic: 3, smp: 4, nsPerInsn: 1 },
  { machine: "virt", cpu: "cortex-a57", gic: 2, smp: 2, nsPerInsn: 1 },
];

describeWithGuestLab("arm64 Linux: save at the shell prompt, resume in a new process", (g) => {
  for (const c of CONFIGS) {
    it(`virt --cpu cortex-a57 GICv${c.gic} --smp ${c.smp}: the resumed shell answers and powers off`, async () => {
      const { file, bootSeconds } = await shellSnapshot(g, c, ARMLET_BOOT_TIMEOUT);
      const r = await resumeAndAsk(c, file);
      console.log(`a64 shell GICv${c.gic} --smp ${c.smp}: boot+save ${bootSeconds.toFixed(1)} s, resume to answer ${r.seconds.toFixed(1)} s`);
      expect(r.out, r.err).toContain("42-typed");
      expect(r.out).not.toContain("Booting Linux");
      expect(r.code, `${r.err}\n${r.out.slice(-1000)}`).toBe(0);
    }, (ARMLET_BOOT_TIMEOUT + 360) * 1000);
  }
});
