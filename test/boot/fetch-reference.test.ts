// `armlet guests fetch` makes the same guest lab as the workspace's reference script,
// ../shared/guests/fetch-debian-guests.sh: the shared script runs into a temporary directory on
// the .debs already downloaded (hard-linked, so nothing is fetched twice) and the two MANIFESTs
// agree on every line but the first, which names their maker: package versions, expected
// workload output, and the sha256 of every output, initramfs images included.
// Ours is the guest lab the tests use when armlet made it and it is current (as under .ci/run),
// else a fresh fetch into a temporary directory.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkLab, fetchGuests, type LabCheck } from "../../cli/guests/fetch.js";
import { OUTPUTS } from "../../cli/guests/recipe.js";
import { lacks, lacksCommand } from "../helpers/requirements.js";
import { guestDirCandidates } from "./lab/guests.js";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SHARED_SCRIPT = resolve(repo, "..", "shared", "guests", "fetch-debian-guests.sh");

const skip = lacks("../shared/guests/fetch-debian-guests.sh", existsSync(SHARED_SCRIPT), "the workspace's shared checkout beside the repository")
  || ["apt-get", "apt-cache", "dpkg-deb", "cpio"].some((c) => lacksCommand(c, "Debian's apt, dpkg and cpio"));

/** Hard-link (or, across file systems, copy) every .deb of `from` into `to`. */
function shareDebs(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  if (!existsSync(from)) return;
  for (const f of readdirSync(from).filter((n) => n.endsWith(".deb"))) {
    try { linkSync(join(from, f), join(to, f)); } catch { copyFileSync(join(from, f), join(to, f)); }
  }
}

const seconds = (t0: number) => ((Date.now() - t0) / 1000).toFixed(1);

describe.skipIf(skip)("the guest lab against the shared fetch script", () => {
  const tmp = mkdtempSync(join(tmpdir(), "armlet-guests-"));
  let ours = "";
  let oursCheck: LabCheck | undefined;
  const reference = join(tmp, "reference");

  beforeAll(async () => {
    const lab = guestDirCandidates().find((d) => existsSync(d));
    const check = lab ? await checkLab(lab) : undefined;
    if (check?.upToDate && check.kept?.identity === check.manifest.identity) {
      ours = check.dir;
      oursCheck = check;
    } else {
      ours = join(tmp, "ours");
      if (lab) shareDebs(join(lab, ".debs"), join(ours, ".debs"));
      const t0 = Date.now();
      await fetchGuests(ours);
      console.log(`armlet guests fetch (on kept .debs where there were any): ${seconds(t0)} s`);
    }
    shareDebs(join(ours, ".debs"), join(reference, ".debs"));
    const t0 = Date.now();
    execFileSync("sh", [SHARED_SCRIPT, reference], { stdio: ["ignore", "ignore", "pipe"], timeout: 900_000 });
    console.log(`${SHARED_SCRIPT.replace(/^.*\/shared\//, "shared/")} on the same .debs: ${seconds(t0)} s`);
  }, 1_200_000);

  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("the MANIFESTs agree on every line but the maker's", () => {
    const mine = readFileSync(join(ours, "MANIFEST"), "utf8").split("\n");
    const theirs = readFileSync(join(reference, "MANIFEST"), "utf8").split("\n");
    expect(mine[0]).toMatch(/^lab-format 1 armlet [0-9a-f]{64}$/);
    expect(theirs[0]).toMatch(/^lab-format 1 script /);
    expect(mine.slice(1)).toEqual(theirs.slice(1));
    expect(mine.filter((l) => l.startsWith("sha256 ")).length).toBe(OUTPUTS.length);
  });

  it("every output holds what our MANIFEST says", () => {
    for (const line of readFileSync(join(ours, "MANIFEST"), "utf8").split("\n")) {
      const m = /^sha256 (\S+) {2}(\S+)$/.exec(line);
      if (m) expect(createHash("sha256").update(readFileSync(join(ours, m[2]))).digest("hex"), m[2]).toBe(m[1]);
    }
  });

  it("a rerun finds the lab up to date and would change nothing", async () => {
    const check = oursCheck ?? await checkLab(ours);
    expect(check.upToDate).toBe(true);
    expect(check.kept?.identity).toBe(check.manifest.identity);
  });
});
