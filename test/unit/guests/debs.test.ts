// The lab's .debs: kept ones re-used when they are the candidate, others removed; files taken
// out of a package by tar pattern, exactly one per pattern (on a small .deb made here with
// dpkg-deb --build).
import { describe, it, expect, afterAll } from "vitest";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureDebs, memberPattern, takeMembers } from "../../../cli/guests/debs.js";
import { lacksCommand } from "../../helpers/requirements.js";

const tmp = mkdtempSync(join(tmpdir(), "armlet-debs-"));
const sha256 = (b: string | Buffer) => createHash("sha256").update(b).digest("hex");
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("kept .debs", () => {
  it("re-uses a .deb whose SHA256 is the candidate's and removes the others, downloading nothing", async () => {
    const dir = join(tmp, "kept");
    mkdirSync(dir);
    writeFileSync(join(dir, "busybox-static_1%3a1.35.0-4_armhf.deb"), "the candidate");
    writeFileSync(join(dir, "linux-image-6.1.0-56-armmp_6.1.190-1_armhf.deb"), "an older kernel");
    const log: string[] = [];
    const paths = await ensureDebs(dir, [{ pkg: "busybox-static:armhf", candidate: { version: "1:1.35.0-4", sha256: sha256("the candidate") } }], (l) => log.push(l));
    expect(paths).toEqual([join(dir, "busybox-static_1%3a1.35.0-4_armhf.deb")]);
    expect(readdirSync(dir)).toEqual(["busybox-static_1%3a1.35.0-4_armhf.deb"]);
    expect(log).toEqual(["have busybox-static:armhf 1:1.35.0-4", "removing linux-image-6.1.0-56-armmp_6.1.190-1_armhf.deb (not the candidate any more)"]);
  });
});

describe("tar member patterns", () => {
  it("match within one path segment, after the leading ./", () => {
    const re = memberPattern("./usr/lib/linux-image-*/vexpress-v2p-ca15-tc1.dtb");
    expect(re.test("usr/lib/linux-image-6.1.0-57-armmp/vexpress-v2p-ca15-tc1.dtb")).toBe(true);
    expect(re.test("usr/lib/linux-image-6.1.0-57-armmp/arm/vexpress-v2p-ca15-tc1.dtb")).toBe(false);
    expect(memberPattern("./boot/vmlinuz-*").test("boot/vmlinuz-6.1.0-57-armmp")).toBe(true);
    expect(memberPattern("./boot/vmlinuz-*").test("boot/vmlinuz.old")).toBe(false);
  });
});

describe.skipIf(lacksCommand("dpkg-deb", "Debian's dpkg"))("files taken out of a .deb", () => {
  const root = join(tmp, "pkg");
  mkdirSync(join(root, "DEBIAN"), { recursive: true });
  mkdirSync(join(root, "boot"));
  writeFileSync(join(root, "DEBIAN", "control"), "Package: armlet-test\nVersion: 1\nArchitecture: all\nMaintainer: armlet <armlet@invalid>\nDescription: test\n");
  writeFileSync(join(root, "boot", "vmlinuz-1"), "kernel");
  writeFileSync(join(root, "boot", "config-1"), "config 1");
  writeFileSync(join(root, "boot", "config-2"), "config 2");
  const deb = join(tmp, "armlet-test_1_all.deb");
  execFileSync("dpkg-deb", ["--build", "--root-owner-group", root, deb], { stdio: "ignore" });

  it("gives the one file each pattern matches", async () => {
    const got = await takeMembers(deb, ["./boot/vmlinuz-*"], join(tmp, "x1"));
    expect(got.get("./boot/vmlinuz-*")?.toString()).toBe("kernel");
  });

  it("refuses a pattern that matches two files, naming them", async () => {
    await expect(takeMembers(deb, ["./boot/config-*"], join(tmp, "x2"))).rejects.toThrow(/2 files \(boot\/config-1, boot\/config-2\) matching \.\/boot\/config-\*/);
  });

  it("refuses a pattern that matches nothing, with tar's reason", async () => {
    await expect(takeMembers(deb, ["./bin/busybox"], join(tmp, "x3"))).rejects.toThrow(/cannot unpack .*armlet-test_1_all\.deb \(tar\): .*Not found in archive/);
  });
});
