// `armlet guests fetch`: obtain the guest lab (recipe.ts) from Debian's archive with apt into a
// directory. Cheap when up to date: it stops once the MANIFEST's stamp matches the current
// candidates and this recipe, and the downloaded .debs are kept in <dir>/.debs.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { aptCacheShow, aptGetUpdate, ensureArchitectures, kernelBehind, type Candidate } from "./apt.js";
import { ensureDebs, takeMembers } from "./debs.js";
import { LabError, gzip, isRoot, onPath, unavailable } from "./host.js";
import { buildInitramfs } from "./initramfs.js";
import { formatManifest, identityLine, parseManifest, stampLines, type Manifest, type VmlinuzForm } from "./manifest.js";
import { INITRAMFS_NAME, LAB_FORMAT, OUTPUTS, PACKAGES, expectedWorkload, initScript, recipeId, type Role } from "./recipe.js";

const TOOLS = ["apt-get", "apt-cache", "dpkg", "dpkg-deb", "tar", "gzip"];

/** Where the lab goes by default (and where the tests look): $ARMLET_GUESTS, else the user's cache. */
export function defaultGuestDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ARMLET_GUESTS) return resolve(env.ARMLET_GUESTS);
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), ".cache"), "armlet", "guests");
}

export interface FetchOptions {
  /** Rebuild even when the MANIFEST says the lab is up to date. */
  force?: boolean;
  /** Progress for people, one line at a time. */
  log?: (line: string) => void;
}

export interface FetchResult { dir: string; rebuilt: boolean; manifest: Manifest }

export interface Resolved { role: Role; pkg: string; candidate: Candidate }

/** What a lab directory holds against what Debian's archive offers now. */
export interface LabCheck {
  dir: string;
  resolved: Resolved[];
  /** The MANIFEST a build now would write, its stamp filled in (identity, packages). */
  manifest: Manifest;
  /** The MANIFEST in the directory, when there is a readable one. */
  kept?: Manifest;
  /** The kept MANIFEST has the same stamp and every output is there. */
  upToDate: boolean;
}

/**
 * Resolve the packages and compare with the directory's MANIFEST (the directory is made if need
 * be, nothing in it changes). As root, dpkg may learn the armhf/arm64 architectures and apt
 * update its lists first.
 */
export async function checkLab(dirArg: string, log: (line: string) => void = () => {}): Promise<LabCheck> {
  const dir = makeDir(dirArg);
  const absent = TOOLS.filter((t) => !onPath(t));
  if (absent.length > 0) {
    throw unavailable(`needs ${absent.join(", ")} on PATH (Debian: apt-get install apt dpkg tar gzip)`);
  }
  const arch = await ensureArchitectures(["armhf", "arm64"], log);
  if (arch.added) await aptGetUpdate(log);
  const kept = keptManifest(dir);
  const resolved = await resolvePackages(kept?.packages.map((p) => p.pkg) ?? [], log, !arch.added && isRoot());
  const manifest: Manifest = {
    identity: identityLine(LAB_FORMAT, "armlet", recipeId()),
    packages: resolved.map((r) => ({ pkg: r.pkg, version: r.candidate.version })),
    vmlinuzForm: "raw", expect: {}, sha256: [],
  };
  const upToDate = !!kept && stampLines(kept).join("\n") === stampLines(manifest).join("\n") && complete(dir);
  return { dir, resolved, manifest, kept, upToDate };
}

export async function fetchGuests(dirArg: string, opts: FetchOptions = {}): Promise<FetchResult> {
  const log = opts.log ?? (() => {});
  const started = Date.now();
  const { dir, resolved, manifest, kept, upToDate } = await checkLab(dirArg, log);
  if (!opts.force && upToDate) {
    log(`up to date in ${dir} (--force rebuilds)`);
    return { dir, rebuilt: false, manifest: kept! };
  }

  const debs = await ensureDebs(join(dir, ".debs"), resolved, log);
  const work = mkdtempSync(join(dir, ".build."));
  const interrupted = () => { rmSync(work, { recursive: true, force: true }); process.exit(130); };
  process.once("SIGINT", interrupted).once("SIGTERM", interrupted);
  try {
    log(`unpacking ${resolved.length} packages`);
    const t0 = Date.now();
    const taken = await Promise.all(PACKAGES.map((p, i) => takeMembers(debs[i], p.members, join(work, p.role))));
    const file = (role: Role, member: string) => taken[PACKAGES.findIndex((p) => p.role === role)].get(member)!;
    log(`unpacked in ${seconds(Date.now() - t0)}; making the images`);
    const { files, vmlinuzForm } = await buildOutputs(file);
    manifest.vmlinuzForm = vmlinuzForm;
    manifest.expect = expectedWorkload();
    manifest.sha256 = OUTPUTS.map((o) => [o, createHash("sha256").update(files.get(o)!).digest("hex")]);
    // Each file is renamed into place, MANIFEST last: a reader never sees a half-written file,
    // and a run stopped halfway keeps the old MANIFEST: another stamp makes the next run
    // rebuild, the same stamp means the same bytes.
    for (const o of OUTPUTS) {
      mkdirSync(join(work, "out", dirname(o)), { recursive: true });
      writeFileSync(join(work, "out", o), files.get(o)!);
      mkdirSync(join(dir, dirname(o)), { recursive: true });
      renameSync(join(work, "out", o), join(dir, o));
    }
    writeFileSync(join(work, "MANIFEST"), formatManifest(manifest));
    renameSync(join(work, "MANIFEST"), join(dir, "MANIFEST"));
  } finally {
    process.off("SIGINT", interrupted).off("SIGTERM", interrupted);
    rmSync(work, { recursive: true, force: true });
  }
  log(`done in ${seconds(Date.now() - started)}: ${dir}`);
  return { dir, rebuilt: true, manifest };
}

/**
 * The versioned kernels behind the meta-packages and every package's candidate. One apt-cache
 * call when the kernels are still those `kept` names (the usual rerun), two when they moved on.
 * Root may run apt-get update once when the lists know nothing of the packages.
 */
async function resolvePackages(kept: readonly string[], log: (s: string) => void, mayUpdate: boolean): Promise<Resolved[]> {
  const direct = PACKAGES.map((p) => p.meta ?? p.name!);
  const asked = [...new Set([...direct, ...kept])];
  let found = await aptCacheShow(asked);
  if (mayUpdate && direct.some((n) => !found.has(n))) {
    await aptGetUpdate(log);
    found = await aptCacheShow(asked);
  }
  const names = PACKAGES.map((p) => {
    if (!p.meta) return p.name!;
    const k = kernelBehind(p.meta, found.get(p.meta));
    if (!k) {
      throw unavailable(`apt-cache knows no kernel behind ${p.meta} (is 'apt-get update' done since ` +
        `'dpkg --add-architecture ${p.meta.split(":")[1]}'?)`);
    }
    return k;
  });
  const unseen = names.filter((n) => !found.has(n));
  if (unseen.length > 0) for (const [k, c] of await aptCacheShow(unseen)) if (!found.has(k)) found.set(k, c);
  return PACKAGES.map((p, i) => {
    const candidate = found.get(names[i]);
    if (!candidate) throw unavailable(`apt-cache has no candidate version of ${names[i]} (apt-get update?)`);
    return { role: p.role, pkg: names[i], candidate };
  });
}

/** The lab's files from the packages' files: kernels and configs as shipped, arm64 in both forms, the initramfs images. */
async function buildOutputs(file: (role: Role, member: string) => Buffer): Promise<{ files: Map<string, Buffer>; vmlinuzForm: VmlinuzForm }> {
  const files = new Map<string, Buffer>();
  files.set("armhf/zImage", checkZImage(file("armmp", "./boot/vmlinuz-*"), "armmp"));
  files.set("armhf/config", file("armmp", "./boot/config-*"));
  files.set("armhf/vexpress-v2p-ca15-tc1.dtb", file("armmp", "./usr/lib/linux-image-*/vexpress-v2p-ca15-tc1.dtb"));
  files.set("armhf/zImage-lpae", checkZImage(file("armmp-lpae", "./boot/vmlinuz-*"), "armmp-lpae"));
  files.set("armhf/config-lpae", file("armmp-lpae", "./boot/config-*"));
  files.set("arm64/config", file("arm64", "./boot/config-*"));

  // Debian has shipped the arm64 vmlinuz both raw and gzip'd: the lab has both forms either way.
  const vmlinuz = file("arm64", "./boot/vmlinuz-*");
  const vmlinuzForm: VmlinuzForm = vmlinuz[0] === 0x1f && vmlinuz[1] === 0x8b ? "gzip" : "raw";
  const images: Promise<unknown>[] = [];
  if (vmlinuzForm === "gzip") {
    files.set("arm64/Image", gunzipSync(vmlinuz));
    files.set("arm64/Image.gz", vmlinuz);
  } else {
    files.set("arm64/Image", vmlinuz);
    images.push(gzip(vmlinuz, 6).then((gz) => files.set("arm64/Image.gz", gz)));
  }
  checkArm64Image(files.get("arm64/Image")!);

  for (const arch of ["armhf", "arm64"] as const) {
    const busybox = file(`busybox-${arch}`, "./bin/busybox");
    for (const variant of ["ready", "shell"] as const) {
      images.push(buildInitramfs(busybox, initScript(variant)).then((img) => files.set(`${arch}/${INITRAMFS_NAME[variant]}`, img)));
    }
  }
  await Promise.all(images);
  return { files, vmlinuzForm };
}

/** A zImage carries 0x016f2818 at offset 0x24. */
function checkZImage(b: Buffer, what: string): Buffer {
  if (b.length < 0x28 || b.readUInt32LE(0x24) !== 0x016f2818) throw new LabError("BAD_INPUT", `the ${what} vmlinuz has no zImage magic at offset 0x24`);
  return b;
}

/** An arm64 Image carries "ARM\x64" at offset 56. */
function checkArm64Image(b: Buffer): void {
  if (b.length < 60 || b.toString("latin1", 56, 60) !== "ARM\x64") throw new LabError("BAD_INPUT", "arm64/Image has no ARM64 Image magic at offset 56");
}

function makeDir(dirArg: string): string {
  try {
    mkdirSync(dirArg, { recursive: true });
    return realpathSync(dirArg);
  } catch (e) {
    throw unavailable(`cannot create the guest lab directory ${dirArg}: ${(e as Error).message}`);
  }
}

function complete(dir: string): boolean {
  return OUTPUTS.every((o) => existsSync(join(dir, o)) && statSync(join(dir, o)).size > 0);
}

/** The MANIFEST in `dir`, or undefined when there is none or it cannot be read. */
function keptManifest(dir: string): Manifest | undefined {
  try { return parseManifest(readFileSync(join(dir, "MANIFEST"), "utf8")); } catch { return undefined; }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
