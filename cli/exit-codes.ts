// The one table of armlet's exit codes. README.md and `armlet --help` print it from here.
// A guest's own exit code (semihosting SYS_EXIT/EXIT_EXTENDED, later PSCI SYSTEM_OFF = 0)
// passes through unchanged; armlet's own outcomes use codes a guest is unlikely to pick
// (the sysexits.h ones and those of timeout(1)).
export const EXIT = {
  OK: { code: 0, meaning: "the guest exited successfully (or with its own code, passed through)" },
  USAGE: { code: 64, meaning: "bad command line: unknown option, machine, CPU or value" },
  BAD_INPUT: { code: 65, meaning: "bad input file: a kernel image, DTB or snapshot that cannot be used" },
  NO_INPUT: { code: 66, meaning: "an input file is missing or unreadable" },
  UNAVAILABLE: { code: 69, meaning: "a tool or service a command needs is missing or failed (guests fetch: apt, dpkg, Debian's archive)" },
  INTERNAL: { code: 70, meaning: "internal emulator error (a bug in armlet: please report it)" },
  TIMEOUT: { code: 124, meaning: "the --timeout or instruction limit expired before the guest exited" },
  GUEST_CRASH: { code: 125, meaning: "the guest crashed: an exception loop with no handler making progress" },
} as const;

export type ExitName = keyof typeof EXIT;

export function exitTable(): string {
  return Object.values(EXIT).map((e) => `  ${String(e.code).padStart(3)}  ${e.meaning}`).join("\n");
}
