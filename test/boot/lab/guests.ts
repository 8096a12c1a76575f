// Where the guest lab is (`armlet guests fetch` puts it there) and what its MANIFEST expects.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultGuestDir } from "../../../cli/guests/fetch.js";
import { STRICT } from "../../helpers/strict.js";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

export interface GuestLab {
  dir: string;
  zImage: string;
  dtb: string;
  /** The ready image: GUEST-READY, the workload, GUEST-DONE, poweroff. */
  initrd: string;
  /** The shell image: GUEST-READY, then a shell on the console ('exit' powers off). */
  shellInitrd: string;
  /** MANIFEST's `expect NAME VALUE` lines. */
  expect: Record<string, string>;
}

/** Candidate directories: $ARMLET_GUESTS alone when set, else `armlet guests fetch`'s default, else ../guests. */
export function guestDirCandidates(env = process.env): string[] {
  if (env.ARMLET_GUESTS) return [resolve(env.ARMLET_GUESTS)];
  return [defaultGuestDir(env), resolve(repo, "..", "guests")];
}

export function parseManifest(text: string): Record<string, string> {
  const expect: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^expect\s+(\S+)\s+(\S+)\s*$/.exec(line);
    if (m) expect[m[1]] = m[2];
  }
  return expect;
}

/**
 * The guest lab, or the reason there is none (no guests directory: the boot tests skip, except
 * under CI where that is an error).
 * A directory that exists but lacks files is an error, not a skip.
 */
export function locateGuests(): { lab: GuestLab } | { lab: undefined; why: string } {
  const dirs = guestDirCandidates();
  const dir = dirs.find((d) => existsSync(d));
  if (!dir) {
    const why = `no guests directory (looked in ${dirs.join(", ")}): ` +
      "run `node dist/cli/main.js guests fetch`, or set ARMLET_GUESTS to a fetched guest lab";
    // Under CI (.ci/run fetches the lab) a missing lab fails the boot tests instead of skipping them.
    if (STRICT) throw new Error(why);
    return { lab: undefined, why };
  }
  const lab: GuestLab = {
    dir,
    zImage: join(dir, "armhf", "zImage"),
    dtb: join(dir, "armhf", "vexpress-v2p-ca15-tc1.dtb"),
    initrd: join(dir, "armhf", "initramfs.cpio.gz"),
    shellInitrd: join(dir, "armhf", "initramfs-shell.cpio.gz"),
    expect: {},
  };
  const manifest = join(dir, "MANIFEST");
  for (const f of [manifest, lab.zImage, lab.dtb, lab.initrd, lab.shellInitrd]) {
    if (!existsSync(f)) throw new Error(`guest lab ${dir} is incomplete: ${f} is missing (rerun 'node dist/cli/main.js guests fetch')`);
  }
  lab.expect = parseManifest(readFileSync(manifest, "utf8"));
  if (!lab.expect["sha256-4MiB"] || !lab.expect["awk-sum-50000"]) {
    throw new Error(`${manifest} has no 'expect sha256-4MiB' / 'expect awk-sum-50000' lines`);
  }
  return { lab };
}

/** The ready image's workload sizes (kernel command line GUEST_MB / GUEST_AWK; defaults 4 and 50000). */
export interface Workload { mb: number; awk: number }
export const DEFAULT_WORKLOAD: Workload = { mb: 4, awk: 50000 };

/** The command-line words that select a workload size (none for the defaults). */
export function workloadAppend(w: Workload): string {
  return w.mb === DEFAULT_WORKLOAD.mb && w.awk === DEFAULT_WORKLOAD.awk ? "" : ` GUEST_MB=${w.mb} GUEST_AWK=${w.awk}`;
}

/** What the workload prints, computed here (the same sums the fetch script writes into MANIFEST). */
export function computeWorkload(w: Workload): { sha256: string; awkSum: string } {
  const h = createHash("sha256");
  const mib = Buffer.alloc(1 << 20);
  for (let i = 0; i < w.mb; i++) h.update(mib);
  let s = 0;
  for (let i = 0; i < w.awk; i++) s = (s * 31 + i) % 1000003;
  return { sha256: h.digest("hex"), awkSum: String(s) };
}

/** Expected output: MANIFEST's `expect` lines where it has them, computed otherwise. */
export function expectedWorkload(expect: Record<string, string>, w: Workload = DEFAULT_WORKLOAD): { sha256: string; awkSum: string } {
  const c = computeWorkload(w);
  return { sha256: expect[`sha256-${w.mb}MiB`] ?? c.sha256, awkSum: expect[`awk-sum-${w.awk}`] ?? c.awkSum };
}

/**
 * Problems with the ready image's console output against MANIFEST (empty: all good):
 * GUEST-READY, nproc, the sha256 of the zeros, the awk sum, GUEST-DONE, in that order.
 */
export function workloadProblems(log: string, expect: Record<string, string>, cpus: number, w: Workload = DEFAULT_WORKLOAD): string[] {
  const text = log.replace(/\r/g, "");
  const { sha256, awkSum } = expectedWorkload(expect, w);
  const wanted: [string, RegExp][] = [
    ["GUEST-READY", /^GUEST-READY$/m],
    [`nproc=${cpus}`, new RegExp(`^guest: 6\\*7=42 nproc=${cpus}$`, "m")],
    [`sha256 ${sha256}`, new RegExp(`^${sha256}\\s+-$`, "m")],
    [`awk-sum ${awkSum}`, new RegExp(`^awk-sum ${awkSum}$`, "m")],
    ["GUEST-DONE", /^GUEST-DONE$/m],
  ];
  const problems: string[] = [];
  let from = 0;
  for (const [what, re] of wanted) {
    const m = re.exec(text.slice(from));
    if (!m) { problems.push(`missing (in order) '${what}'`); continue; }
    from += m.index + m[0].length;
  }
  return problems;
}

/** A file of the guest lab (e.g. "armhf/vexpress-v2p-ca15-tc1.dtb"), where locateGuests would look. */
export function guestFile(rel: string): string {
  const dirs = guestDirCandidates();
  const dir = dirs.find((d) => existsSync(join(d, rel))) ?? dirs[0];
  return join(dir, rel);
}
