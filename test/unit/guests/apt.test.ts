// The guest lab's reading of Debian's package tools: apt-cache show stanzas, the kernel behind a
// meta-package, apt-get download's file names, and what dpkg must be told.
import { describe, it, expect } from "vitest";
import { addArchitectureAdvice, debFileName, kernelBehind, missingArchitectures, parseShow } from "../../../cli/guests/apt.js";

// `apt-cache show --no-all-versions linux-image-armmp:armhf busybox-static:arm64` on Debian 12
// (amd64 host with armhf and arm64 added), as printed.
const SHOW = `Package: linux-image-armmp
Source: linux
Version: 6.1.192-3
Installed-Size: 13
Maintainer: Debian Kernel Team <debian-kernel@lists.debian.org>
Architecture: armhf
Provides: linux-image-generic, linux-latest-modules-6.1.0-57-armmp, wireguard-modules (= 1.0.0)
Depends: linux-image-6.1.0-57-armmp (= 6.1.192-3)
Description: Linux for ARMv7 multiplatform compatible SoCs (meta-package)
Description-md5: 6e23c7da79075220d673bf3c62982c44
Homepage: https://www.kernel.org/
Section: kernel
Priority: optional
Filename: pool/updates/main/l/linux/linux-image-armmp_6.1.192-3_armhf.deb
Size: 1480
SHA256: a68cedbd0e3450ff7d5280ed454c47307617a5d13e886fd7ce794af5d12d8f77

Package: busybox-static
Source: busybox (1:1.35.0-4+deb12u1)
Version: 1:1.35.0-4+deb12u1+b1
Installed-Size: 1892
Maintainer: Debian Install System Team <debian-boot@lists.debian.org>
Architecture: arm64
Replaces: busybox
Provides: busybox
Conflicts: busybox
Description: Standalone rescue shell with tons of builtin utilities
Description-md5: 1ccce12e08e4aa13a2e6bdd5ffb85b65
Homepage: http://www.busybox.net
Built-Using: glibc (= 2.36-9+deb12u14)
Tag: admin::recovery, interface::shell, role::program, scope::utility,
 use::login, works-with::file
Section: shells
Priority: optional
Filename: pool/main/b/busybox/busybox-static_1.35.0-4+deb12u1+b1_arm64.deb
Size: 822236
MD5sum: 49b1dbf1d63fbb662fb329033600c6ca
SHA256: 732c9135564fc71337e0e05fb4da4d11e6c28c1834bce3e405e575afef2a52f5

`;

describe("apt-cache show", () => {
  const found = parseShow(SHOW);

  it("keys each stanza by name:arch with its candidate version, size and SHA256", () => {
    expect([...found.keys()]).toEqual(["linux-image-armmp:armhf", "busybox-static:arm64"]);
    expect(found.get("busybox-static:arm64")).toEqual({
      version: "1:1.35.0-4+deb12u1+b1", size: 822236,
      sha256: "732c9135564fc71337e0e05fb4da4d11e6c28c1834bce3e405e575afef2a52f5", depends: undefined,
    });
  });

  it("finds the versioned kernel behind a meta-package, in the meta's architecture", () => {
    expect(kernelBehind("linux-image-armmp:armhf", found.get("linux-image-armmp:armhf"))).toBe("linux-image-6.1.0-57-armmp:armhf");
  });

  it("takes the first kernel dependency, of alternatives the last (apt-cache depends' plain line)", () => {
    const c = { version: "1", depends: "linux-base, linux-image-5.10.0-9-arm64 | linux-image-6.1.0-57-arm64 (= 6.1.192-3), linux-image-7.0.0-1-arm64" };
    expect(kernelBehind("linux-image-arm64:arm64", c)).toBe("linux-image-6.1.0-57-arm64:arm64");
    expect(kernelBehind("linux-image-arm64:arm64", { version: "1", depends: "linux-base, linux-image-generic" })).toBeUndefined();
    expect(kernelBehind("linux-image-arm64:arm64", undefined)).toBeUndefined();
  });

  it("skips stanzas without a version and keeps the first of duplicates", () => {
    const twice = "Package: a\nArchitecture: armhf\nVersion: 2\n\nPackage: a\nArchitecture: armhf\nVersion: 1\n\nPackage: b\nArchitecture: arm64\n";
    expect([...parseShow(twice)]).toEqual([["a:armhf", { version: "2", size: undefined, sha256: undefined, depends: undefined }]]);
    expect(parseShow("").size).toBe(0);
  });
});

describe("apt-get download and dpkg architectures", () => {
  it("names the .deb as apt-get download writes it, an epoch's colon as %3a", () => {
    expect(debFileName("busybox-static:armhf", "1:1.35.0-4+deb12u1+b1")).toBe("busybox-static_1%3a1.35.0-4+deb12u1+b1_armhf.deb");
    expect(debFileName("linux-image-6.1.0-57-arm64:arm64", "6.1.192-3")).toBe("linux-image-6.1.0-57-arm64_6.1.192-3_arm64.deb");
  });

  it("asks dpkg for the foreign architectures it lacks, never the native one, with the exact commands", () => {
    expect(missingArchitectures(["armhf", "arm64"], "amd64", ["armhf"])).toEqual(["arm64"]);
    expect(missingArchitectures(["armhf", "arm64"], "arm64", [])).toEqual(["armhf"]);
    expect(missingArchitectures(["armhf", "arm64"], "amd64", ["arm64", "armhf"])).toEqual([]);
    expect(addArchitectureAdvice(["armhf", "arm64"])).toBe("dpkg --add-architecture armhf && dpkg --add-architecture arm64 && apt-get update");
  });
});
