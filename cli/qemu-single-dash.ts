// QEMU spells its options with one dash (-nodefaults, -kernel X, -smp 2); commander reads a
// one-dash word as bundled short flags. `armlet run` takes QEMU's spelling of the options it
// has: a one-dash word naming one of the command's long options is read as that option, so
// QEMU command lines (kvm-unit-tests' run_tests.sh) run unchanged. Option values are left alone
// (-append "-x" keeps its "-x"), and so are the real short options (-m, -M, -S, -v).
import type { Command, Option } from "commander";

const ONE_DASH_WORD = /^-[A-Za-z][A-Za-z0-9-]+$/;

/** `args` (after the command name) with QEMU's one-dash long options given two dashes. */
export function qemuSingleDash(cmd: Command, args: readonly string[]): string[] {
  const byName = new Map<string, Option>();
  for (const o of cmd.options) {
    if (o.long) byName.set(o.long, o);
    if (o.short) byName.set(o.short, o);
  }
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    let a = args[i];
    if (a === "--") { out.push(...args.slice(i)); break; }
    if (ONE_DASH_WORD.test(a) && !byName.has(a) && byName.has(`-${a}`)) a = `-${a}`;
    out.push(a);
    const opt = byName.get(a);
    if (opt && i + 1 < args.length && (opt.required || (opt.optional && !args[i + 1].startsWith("-")))) out.push(args[++i]);
  }
  return out;
}
