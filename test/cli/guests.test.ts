// `armlet guests fetch` as a user meets it: help, and the one-line errors with exit 69 when a
// tool is missing, the directory cannot be made or a download fails (the fetch itself:
// test/boot/fetch-reference.test.ts).
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXIT } from "../../cli/exit-codes.js";
import { lacksCommand } from "../helpers/requirements.js";

const CLI = join(__dirname, "..", "..", "dist", "cli", "main.js");
const dir = mkdtempSync(join(tmpdir(), "armlet-guests-cli-"));

function armlet(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", timeout: 60_000, env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error("dist/cli/main.js missing: run `npm run build` before the tests");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("armlet guests fetch", () => {
  it("is listed in the help, with its default directory and what it needs", () => {
    expect(armlet(["--help"]).out).toMatch(/guests/);
    const help = armlet(["guests", "fetch", "--help"], { ...process.env, ARMLET_GUESTS: join(dir, "lab-here") });
    expect(help.code).toBe(0);
    expect(help.out).toContain(join(dir, "lab-here"));
    expect(help.out).toMatch(/apt-get, apt-cache, dpkg, dpkg-deb, tar and gzip/);
    expect(help.out).toMatch(/--force/);
  });

  it("without apt or dpkg on PATH: one line naming them, exit 69, nothing on stdout", () => {
    const empty = mkdtempSync(join(dir, "no-tools-"));
    const r = armlet(["guests", "fetch", join(dir, "lab")], { PATH: empty, HOME: dir });
    expect(r.code).toBe(EXIT.UNAVAILABLE.code);
    expect(r.out).toBe("");
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/guests fetch: needs apt-get, apt-cache, dpkg, dpkg-deb, tar, gzip on PATH/);
  });

  it("a directory that cannot be made: one line naming it, exit 69", () => {
    const file = join(dir, "a-file");
    writeFileSync(file, "");
    const r = armlet(["guests", "fetch", join(file, "lab")]);
    expect(r.code).toBe(EXIT.UNAVAILABLE.code);
    expect(r.out).toBe("");
    expect(r.err).toMatch(new RegExp(`cannot create the guest lab directory ${join(file, "lab")}`));
    expect(r.err.trim().split("\n")).toHaveLength(1);
  });

  it.skipIf(["apt-get", "apt-cache", "dpkg", "dpkg-deb"].some((c) => lacksCommand(c, "Debian's apt and dpkg")))(
    "a download that fails: apt's own error in one line, exit 69, no lab left behind", () => {
      // The real tools, but an apt-get whose downloads fail as they do without a network.
      const bin = mkdtempSync(join(dir, "bin-"));
      for (const t of ["apt-cache", "dpkg", "dpkg-deb", "tar", "gzip"]) symlinkSync(which(t), join(bin, t));
      writeFileSync(join(bin, "apt-get"), `#!/bin/sh\nfor a; do [ "$a" = download ] && { echo "E: Failed to fetch http://archive.invalid/x.deb  Temporary failure resolving 'archive.invalid'" >&2; exit 100; }; done\nexec '${which("apt-get")}' "$@"\n`);
      chmodSync(join(bin, "apt-get"), 0o755);
      const lab = join(dir, "lab-no-network");
      const r = armlet(["guests", "fetch", lab], { ...process.env, PATH: bin });
      expect(r.code).toBe(EXIT.UNAVAILABLE.code);
      expect(r.out).toBe("");
      const errors = r.err.split("\n").filter((l) => l.includes("error"));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/apt-get download linux-image-\S+:armhf=\S+ .* failed: E: Failed to fetch .*Temporary failure resolving/);
      expect(readdirSync(lab).sort()).toEqual([".debs"]);
    });
});

/** The absolute path of a command on PATH. */
function which(cmd: string): string {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" }).stdout.trim();
}
