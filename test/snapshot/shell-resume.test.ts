// The first acceptance case: the shell guest on vexpress-a15 and virt with --smp 2,
// saved at its prompt (once per run, test/helpers/shell-snapshot.ts), resumed by a new armlet
// process from the file alone (no kernel, initrd or append on its command line): the shell
// answers what is typed and the guest powers off cleanly.
import { expect, it } from "vitest";
import { describeWithGuestLab } from "../boot/lab/describe-with-lab.js";
import { ARMLET_BOOT_TIMEOUT } from "../boot/lab/settings.js";
import { resumeAndAsk, shellSnapshot, type ShellConfig } from "../helpers/shell-snapshot.js";

describeWithGuestLab("save at the shell prompt, resume in a new process (--smp 2)", (g) => {
  for (const machine of ["vexpress-a15", "virt"] as const) {
    it(`${machine}: the resumed shell answers and powers off`, async () => {
      const c: ShellConfig = { machine, smp: 2, nsPerInsn: 1 };
      const { file } = await shellSnapshot(g, c, ARMLET_BOOT_TIMEOUT);
      const r = await resumeAndAsk(c, file);
      expect(r.out, r.err).toContain("42-typed");
      expect(r.out).not.toContain("Booting Linux");
      expect(r.code, `${r.err}\n${r.out.slice(-1000)}`).toBe(0);
    }, (ARMLET_BOOT_TIMEOUT + 360) * 1000);
  }
});
