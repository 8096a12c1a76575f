// What a test needs from the machine (a command .ci/run installs, the guest lab) and what
// happens when it is missing: on a developer's machine the tests that need it skip with one
// warning; under CI (.ci/run exports ARMLET_CI=1) nothing may skip, so they run and fail, and
// a test named after the missing piece says what to install.
import { spawnSync } from "node:child_process";
import { it } from "vitest";

import { STRICT } from "./strict.js";
/** Under .ci/run: every test must run. */
export { STRICT };

const found = new Map<string, boolean>();

/** Whether `cmd` is on PATH (cached). */
export function hasCommand(cmd: string): boolean {
  let ok = found.get(cmd);
  if (ok === undefined) {
    ok = spawnSync("sh", ["-c", `command -v '${cmd.replace(/'/g, "")}'`], { stdio: "ignore" }).status === 0;
    found.set(cmd, ok);
  }
  return ok;
}

const reported = new Set<string>();

/**
 * True when the tests that need `what` should skip: only off CI, and only when it is missing.
 * Under CI a missing requirement registers a failing test naming it and returns false, so the
 * dependent tests run (and fail) instead of vanishing from the count.
 */
export function lacks(what: string, available: boolean, hint = "bash .ci/run installs it"): boolean {
  if (available) return false;
  if (!reported.has(what)) {
    reported.add(what);
    if (STRICT) {
      it(`needs ${what}`, () => { throw new Error(`${what} is missing (${hint})`); });
    } else {
      console.warn(`skipping the tests that need ${what}: it is missing (${hint})`);
    }
  }
  return !STRICT;
}

/** lacks() for a command on PATH. */
export function lacksCommand(cmd: string, hint?: string): boolean {
  return lacks(cmd, hasCommand(cmd), hint);
}
