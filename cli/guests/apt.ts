// Debian's package tools as the guest lab uses them: dpkg's architectures, apt-cache to resolve
// the meta-packages and read candidate versions, apt-get to download (never install) .debs.
// The parsers are pure functions of the tools' text output (unit-tested on recorded output).
import { isRoot, output, run, detail, unavailable } from "./host.js";

/** Candidate version of a package and what the archive says of it (size, SHA256, Depends). */
export interface Candidate { version: string; size?: number; sha256?: string; depends?: string }

/**
 * The versioned kernel a kernel meta-package's candidate depends on: the first dependency on
 * linux-image-<digit>..., as `apt-cache depends` lists them (of "a | b" the last alternative,
 * which it prints as the plain Depends: line). Names without an architecture are the meta's.
 */
export function kernelBehind(meta: string, candidate: Candidate | undefined): string | undefined {
  const arch = meta.split(":")[1];
  for (const group of (candidate?.depends ?? "").split(",")) {
    const name = group.split("|").pop()!.trim().split(/[\s(]/)[0];
    if (/^linux-image-\d/.test(name)) return name.includes(":") ? name : `${name}:${arch}`;
  }
  return undefined;
}

/** `apt-cache show --no-all-versions` stanzas by "name:arch" (the first stanza of each). */
export function parseShow(showText: string): Map<string, Candidate> {
  const found = new Map<string, Candidate>();
  for (const stanza of showText.split(/\n\s*\n/)) {
    const field = (f: string) => new RegExp(`^${f}: *(.*)$`, "m").exec(stanza)?.[1].trim();
    const name = field("Package"), arch = field("Architecture"), version = field("Version");
    if (!name || !arch || !version) continue;
    const key = `${name}:${arch}`;
    if (found.has(key)) continue;
    const size = field("Size");
    found.set(key, { version, size: size === undefined ? undefined : Number(size), sha256: field("SHA256"), depends: field("Depends") });
  }
  return found;
}

/** The file name `apt-get download name:arch=version` writes (an epoch's ':' as %3a). */
export function debFileName(pkg: string, version: string): string {
  const [name, arch] = pkg.split(":");
  return `${name}_${version.replace(/:/g, "%3a")}_${arch}.deb`;
}

/** The architectures of `wanted` that dpkg must be told of: neither native nor foreign yet. */
export function missingArchitectures(wanted: readonly string[], native: string, foreign: readonly string[]): string[] {
  return wanted.filter((a) => a !== native && !foreign.includes(a));
}

/** The exact commands a user who is not root runs for them. */
export function addArchitectureAdvice(missing: readonly string[]): string {
  return [...missing.map((a) => `dpkg --add-architecture ${a}`), "apt-get update"].join(" && ");
}

// --- the tools ---------------------------------------------------------------------------

const NETWORK_TIMEOUT_MS = 900_000;
const lines = (b: Buffer) => b.toString("utf8").split("\n").map((l) => l.trim()).filter(Boolean);

export async function dpkgArchitectures(): Promise<{ native: string; foreign: string[] }> {
  const native = lines(await output("dpkg", ["--print-architecture"], "dpkg --print-architecture"))[0];
  const foreign = lines(await output("dpkg", ["--print-foreign-architectures"], "dpkg --print-foreign-architectures"));
  return { native, foreign };
}

/**
 * Make dpkg know the architectures in `wanted` (download only: nothing of them is installed).
 * Returns whether it added any (then the caller runs apt-get update).
 */
export async function ensureArchitectures(wanted: readonly string[], log: (s: string) => void): Promise<{ native: string; added: boolean }> {
  const { native, foreign } = await dpkgArchitectures();
  const missing = missingArchitectures(wanted, native, foreign);
  if (missing.length === 0) return { native, added: false };
  if (!isRoot()) {
    throw unavailable(`dpkg does not know the architecture${missing.length > 1 ? "s" : ""} ${missing.join(", ")}; ` +
      `run as root: ${addArchitectureAdvice(missing)}`);
  }
  for (const a of missing) {
    log(`adding dpkg architecture ${a} (to download its packages; nothing of it is installed)`);
    await output("dpkg", ["--add-architecture", a], `dpkg --add-architecture ${a}`);
  }
  return { native, added: true };
}

export async function aptGetUpdate(log: (s: string) => void): Promise<void> {
  log("apt-get update");
  const r = await run("apt-get", ["update", "-qq"], { timeoutMs: NETWORK_TIMEOUT_MS });
  if (r.code !== 0) log(`apt-get update reported errors${detail(r)}; trying on`);
}

/**
 * Candidates of the named packages (one apt-cache call: each costs seconds where apt keeps no
 * binary cache). Names apt does not know are left out of the answer, not an error.
 */
export async function aptCacheShow(pkgs: readonly string[]): Promise<Map<string, Candidate>> {
  return parseShow((await run("apt-cache", ["show", "--no-all-versions", ...pkgs])).stdout.toString("utf8"));
}

/**
 * `apt-get download name:arch=version ...` into `dir`, apt's lines on our stderr. As root apt
 * would hand the download to its _apt user, who may not write to `dir`: the sandbox user is root.
 */
export async function aptGetDownload(dir: string, specs: readonly string[]): Promise<void> {
  const r = await run("apt-get", ["-q", "-o", "APT::Sandbox::User=root", "download", ...specs],
    { cwd: dir, stdoutToStderr: true, timeoutMs: NETWORK_TIMEOUT_MS });
  if (r.code !== 0) {
    throw unavailable(`apt-get download ${specs.join(" ")} failed${detail(r)} (network to Debian's archive? apt-get update?)`);
  }
}
