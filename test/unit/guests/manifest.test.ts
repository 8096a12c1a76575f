// MANIFEST: written and read back, the shared fetch script's own form understood, the stamp
// that decides whether a lab is up to date, and the recipe's expected workload output.
import { describe, it, expect } from "vitest";
import { formatManifest, identityLine, parseManifest, stampLines, type Manifest } from "../../../cli/guests/manifest.js";
import { OUTPUTS, expectedWorkload, initScript, recipeId } from "../../../cli/guests/recipe.js";
import { computeWorkload } from "../../boot/lab/guests.js";

// The MANIFEST fetch-debian-guests.sh wrote on Debian 12 (its sha256 lines cut to three).
const SHARED = `lab-format 1 script 7f1a942b96d665955e11e3b0888729771f535e7e6baf41ea189b07d17838979c
package linux-image-6.1.0-57-armmp:armhf 6.1.192-3
package linux-image-6.1.0-57-armmp-lpae:armhf 6.1.192-3
package linux-image-6.1.0-57-arm64:arm64 6.1.192-3
package busybox-static:armhf 1:1.35.0-4+deb12u1+b1
package busybox-static:arm64 1:1.35.0-4+deb12u1+b1
arm64-vmlinuz-as-shipped raw
expect sha256-4MiB bb9f8df61474d25e71fa00722318cd387396ca1736605e1248821cc0de3d3af8
expect awk-sum-50000 496409
sha256 41ae0a8ffadcdbecce5b129e12f1751e0ccaf42fdf0604ab74c414b95789d481  armhf/zImage
sha256 cd3c55f94acaf8a6547e10e468e174e69c3ae9a2ddc6b9e41983e916f2db8671  armhf/initramfs.cpio.gz
sha256 0c9509f29ba6872423482954ef135db50f0e70ebdbbcaf4a81526590b18a1c45  arm64/Image
`;

describe("MANIFEST", () => {
  it("reads the shared script's MANIFEST and writes it back line for line", () => {
    const m = parseManifest(SHARED);
    expect(m.identity).toMatch(/^lab-format 1 script 7f1a/);
    expect(m.packages[4]).toEqual({ pkg: "busybox-static:arm64", version: "1:1.35.0-4+deb12u1+b1" });
    expect(m.vmlinuzForm).toBe("raw");
    expect(m.expect["awk-sum-50000"]).toBe("496409");
    expect(m.sha256[1]).toEqual(["armhf/initramfs.cpio.gz", "cd3c55f94acaf8a6547e10e468e174e69c3ae9a2ddc6b9e41983e916f2db8671"]);
    expect(formatManifest(m)).toBe(SHARED);
  });

  it("stamp: the lab-format and package lines, in order", () => {
    const m = parseManifest(SHARED);
    expect(stampLines(m)).toEqual(SHARED.split("\n").slice(0, 6));
    const ours: Manifest = { ...m, identity: identityLine(1, "armlet", "ab12") };
    expect(stampLines(ours)[0]).toBe("lab-format 1 armlet ab12");
    expect(stampLines(ours).slice(1)).toEqual(stampLines(m).slice(1));
  });

  it("refuses a line it does not understand, naming it", () => {
    expect(() => parseManifest(`${SHARED}sha256 nothex  armhf/zImage\n`)).toThrow(/line 13 .*'sha256 nothex/);
    expect(() => parseManifest("package a 1\n")).toThrow(/no lab-format line/);
  });
});

describe("recipe", () => {
  it("expects the workload output the shared script records and the boot tests compute", () => {
    const w = expectedWorkload();
    expect(w).toEqual({ "sha256-4MiB": parseManifest(SHARED).expect["sha256-4MiB"], "awk-sum-50000": "496409" });
    const c = computeWorkload({ mb: 4, awk: 50000 });
    expect([c.sha256, c.awkSum]).toEqual([w["sha256-4MiB"], w["awk-sum-50000"]]);
  });

  it("/init: the ready image runs the workload between GUEST-READY and GUEST-DONE, the shell image a shell", () => {
    const ready = initScript("ready"), shell = initScript("shell");
    for (const s of [ready, shell]) expect(s.startsWith("#!/bin/busybox sh\n")).toBe(true);
    expect(ready).toMatch(/echo GUEST-READY\n[^]*sha256sum[^]*awk-sum[^]*echo GUEST-DONE\npoweroff -f\n$/);
    expect(shell).toMatch(/echo GUEST-READY\n[^]*setsid cttyhack sh\npoweroff -f\n$/);
  });

  it("names itself by a hash of what it makes, and lists every output once", () => {
    expect(recipeId()).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(OUTPUTS).size).toBe(OUTPUTS.length);
  });
});
