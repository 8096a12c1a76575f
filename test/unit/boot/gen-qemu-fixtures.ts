// Regenerate fixtures/qemu-boot.json: run each QEMU_CASES entry under qemu-system-arm 7.2
// (-M vexpress-a15), dump its edited DTB (dumpdtb) and read the boot stub and SMP pen from
// guest memory with the monitor. Usage: npx tsx test/unit/boot/gen-qemu-fixtures.ts
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseFdt, serializeFdt } from "../../../machines/boot/fdt.js";
import { GUEST_DTB, QEMU_CASES } from "./qemu-cases.js";
import { summarizeBootDtb } from "./summarize.js";
import { QEMU_SYSTEM_ARM, qemuArgv } from "../../helpers/qemu.js";

const dir = mkdtempSync(join(tmpdir(), "armlet-qemu-boot-"));
const out: Record<string, unknown> = {};
for (const c of QEMU_CASES) {
  const k = join(dir, `${c.name}.kernel`), i = join(dir, `${c.name}.initrd`), d = join(dir, `${c.name}.dtb`), dump = join(dir, `${c.name}.out.dtb`);
  writeFileSync(k, c.kernel());
  if (c.initrd) writeFileSync(i, c.initrd());
  const fdt = parseFdt(readFileSync(GUEST_DTB));
  c.dtbVariant?.(fdt);
  writeFileSync(d, serializeFdt(fdt));
  const args = ["-display", "none", "-serial", "null", "-m", `${c.ramMiB}M`, "-smp", String(c.smp), "-kernel", k, "-dtb", d];
  if (c.initrd) args.push("-initrd", i);
  if (c.cmdline) args.push("-append", c.cmdline);
  execFileSync(QEMU_SYSTEM_ARM, qemuArgv(["-M", `vexpress-a15,dumpdtb=${dump}`, ...args]), { stdio: "ignore" });
  const mon = execFileSync(QEMU_SYSTEM_ARM, qemuArgv(["-M", "vexpress-a15", ...args, "-S", "-monitor", "stdio"]),
    { input: "xp /7wx 0x80000000\nxp /14wx 0x14000000\ninfo registers\nquit\n", encoding: "utf8", stdio: ["pipe", "pipe", "ignore"] });
  const dumpLines = [...mon.matchAll(/^([0-9a-f]{16}): (.*)$/gm)];
  const words = (lo: number, hi: number) => dumpLines.filter((m) => Number(`0x${m[1]}`) >= lo && Number(`0x${m[1]}`) < hi)
    .flatMap((m) => m[2].trim().split(/\s+/).map((w) => Number(w)));
  const pc = /R15=([0-9a-f]{8})/.exec(mon)![1];
  const dumped = readFileSync(dump);
  out[c.name] = { dtb: summarizeBootDtb(parseFdt(dumped)), dtbSize: dumped.length, stub: words(0x80000000, 0x80000100), pen: c.smp > 1 ? words(0x14000000, 0x14000100) : [], pc: Number(`0x${pc}`) };
}
writeFileSync(new URL("./fixtures/qemu-boot.json", import.meta.url), JSON.stringify(out, null, 1).replace(/\[\s+([^\[\]{}]*?)\s+\]/g, (_, x: string) => `[${x.replace(/\s*\n\s*/g, " ")}]`) + "\n");
console.log(`wrote ${Object.keys(out).length} cases`);
