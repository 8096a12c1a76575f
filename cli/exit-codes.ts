// The one table of armlet's exit codes. README.md and `armlet --help` print it from here.
// A guest's own exit code (semihosting SYS_EXIT/EXIT_EXTENDED, later PSCI SYSTEM_OFF = 0)
// passes through unchanged; armlet's own outcomes use codes a guest is unlikely to pick
// (the sysexits.h ones and those of timeout(1)).
import type { ErrorKind } from "../machines/errors.js";

export const EXIT = {
  OK: { code: 0, meaning: "the guest exited successfully or powered off (a guest's own exit code, 1-255, passes through)" },
  USAGE: { code: 64, meaning: "bad command line: unknown option, machine, CPU or value" },
  BAD_INPUT: { code: 65, meaning: "bad input file: a kernel image, device tree or snapshot that cannot be used" },
  NO_INPUT: { code: 66, meaning: "an input file is missing or unreadable (no such file, a directory, no permission)" },
  UNAVAILABLE: { code: 69, meaning: "a tool or service a command needs is missing or failed (guests fetch: apt, dpkg, Debian's archive)" },
  INTERNAL: { code: 70, meaning: "internal emulator error (a bug in armlet: please report it)" },
  OUTPUT: { code: 74, meaning: "an output failed: the console (stdout closed by its reader, e.g. head, or a full disk) or a --dump-dtb file" },
  NOT_SAVED: { code: 75, meaning: "--savevm-on-output: the run ended before a pattern matched, so its snapshot was not written" },
  TIMEOUT: { code: 124, meaning: "the --timeout or instruction limit expired before the guest exited" },
  GUEST_CRASH: { code: 125, meaning: "the guest crashed: an exception loop with no handler making progress" },
} as const;

export type ExitName = keyof typeof EXIT;

/** The exit code for a typed error's kind (machines/errors.ts). */
export function exitCodeFor(kind: ErrorKind): number {
  switch (kind) {
    case "usage": return EXIT.USAGE.code;
    case "input": return EXIT.NO_INPUT.code;
    case "image": case "dtb": case "snapshot": return EXIT.BAD_INPUT.code;
    case "output": return EXIT.OUTPUT.code;
    case "internal": return EXIT.INTERNAL.code;
  }
}

export function exitTable(): string {
  return Object.values(EXIT).map((e) => `  ${String(e.code).padStart(3)}  ${e.meaning}`).join("\n");
}

/** The same table as README.md shows it (a test keeps the two equal). */
export function exitTableMarkdown(): string {
  return ["| code | meaning |", "|---|---|", ...Object.values(EXIT).map((e) => `| ${e.code} | ${e.meaning.replace(/\|/g, "\\|")} |`)].join("\n");
}
