// The lab's .deb files: kept in <lab>/.debs, downloaded with apt-get when missing or not the
// candidate, and the few files the lab needs taken out of them (dpkg-deb's data tar, through tar).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, unlinkSync } from "node:fs";
import { join, relative } from "node:path";
import { aptGetDownload, debFileName, type Candidate } from "./apt.js";
import { LabError, output, unavailable } from "./host.js";

export interface DebWanted { pkg: string; candidate: Candidate }

/** Whether a kept .deb is the candidate: its SHA256 when the archive gives one, else its Version. */
async function isCandidate(file: string, c: Candidate): Promise<boolean> {
  if (!existsSync(file) || lstatSync(file).size === 0) return false;
  if (c.sha256) return createHash("sha256").update(readFileSync(file)).digest("hex") === c.sha256;
  const v = await output("dpkg-deb", ["-f", file, "Version"], `dpkg-deb -f ${file}`).catch(() => Buffer.alloc(0));
  return v.toString("utf8").trim() === c.version;
}

/**
 * Every wanted .deb in `dir` (downloading the missing ones in one apt-get call); their paths.
 * Other .debs there (versions the archive has moved on from) are removed.
 */
export async function ensureDebs(dir: string, wanted: readonly DebWanted[], log: (s: string) => void): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const paths = wanted.map((w) => join(dir, debFileName(w.pkg, w.candidate.version)));
  const missing: DebWanted[] = [];
  for (const [i, w] of wanted.entries()) {
    if (await isCandidate(paths[i], w.candidate)) { log(`have ${w.pkg} ${w.candidate.version}`); continue; }
    // A bad file is removed, not overwritten: it may be a hard link into another lab's .debs.
    if (existsSync(paths[i])) unlinkSync(paths[i]);
    missing.push(w);
  }
  if (missing.length > 0) {
    const mib = missing.reduce((n, w) => n + (w.candidate.size ?? 0), 0) / 2 ** 20;
    log(`downloading ${missing.map((w) => `${w.pkg} ${w.candidate.version}`).join(", ")}${mib ? ` (${mib.toFixed(0)} MiB)` : ""}`);
    await aptGetDownload(dir, missing.map((w) => `${w.pkg}=${w.candidate.version}`));
    for (const w of missing) {
      const p = paths[wanted.indexOf(w)];
      if (!(await isCandidate(p, w.candidate))) throw unavailable(`apt-get download did not produce ${p} as the archive lists it`);
    }
  }
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".deb") && !paths.includes(join(dir, n)))) {
    log(`removing ${f} (not the candidate any more)`);
    unlinkSync(join(dir, f));
  }
  return paths;
}

/** A tar member pattern ("./boot/vmlinuz-*") as a RegExp over extracted paths; `*` stays within a segment. */
export function memberPattern(member: string): RegExp {
  const body = member.replace(/^\.\//, "").split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]*");
  return new RegExp(`^${body}$`);
}

/**
 * The files of `deb` that match `members` (tar patterns), each of which must match exactly one
 * regular file: pattern -> contents. Unpacks only those members, into `into`.
 */
export async function takeMembers(deb: string, members: readonly string[], into: string): Promise<Map<string, Buffer>> {
  mkdirSync(into, { recursive: true });
  await untar(deb, members, into);
  const found = walk(into);
  const taken = new Map<string, Buffer>();
  for (const m of members) {
    const re = memberPattern(m);
    const hits = found.filter((p) => re.test(p));
    if (hits.length !== 1) {
      throw new LabError("BAD_INPUT", `${deb}: ${hits.length === 0 ? "no file" : `${hits.length} files (${hits.join(", ")})`} matching ${m}`);
    }
    taken.set(m, readFileSync(join(into, hits[0])));
  }
  return taken;
}

/** `dpkg-deb --fsys-tarfile deb | tar -x -C into --wildcards members...` */
function untar(deb: string, members: readonly string[], into: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const dpkg = spawn("dpkg-deb", ["--fsys-tarfile", deb], { stdio: ["ignore", "pipe", "pipe"] });
    const tar = spawn("tar", ["-x", "-C", into, "--wildcards", ...members], { stdio: ["pipe", "ignore", "pipe"] });
    let errors = "";
    dpkg.stderr.on("data", (b) => { errors += b; });
    tar.stderr.on("data", (b) => { errors += b; });
    dpkg.stdout.pipe(tar.stdin);
    // tar may stop reading early (an error): a broken pipe is then dpkg-deb's fate, not ours.
    tar.stdin.on("error", () => {});
    let pending = 2, failed = "";
    const done = (who: string) => (code: number | null) => {
      if (code !== 0) failed ||= who;
      if (--pending > 0) return;
      if (!failed) { resolve(); return; }
      // tar's closing "Exiting with failure status" line says nothing: give the lines before it.
      const why = errors.split("\n").filter((l) => l.trim() && !/Exiting with failure status/.test(l)).join("; ");
      reject(new LabError("BAD_INPUT", `cannot unpack ${deb} (${failed}): ${why || "no reason given"}`));
    };
    dpkg.on("close", done("dpkg-deb --fsys-tarfile"));
    tar.on("close", done("tar"));
    dpkg.on("error", (e) => reject(unavailable(`cannot run dpkg-deb: ${e.message}`)));
    tar.on("error", (e) => reject(unavailable(`cannot run tar: ${e.message}`)));
  });
}

/** Regular files under `dir`, as paths relative to it. */
function walk(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.isFile()) out.push(relative(dir, p));
    }
  };
  visit(dir);
  return out;
}
