// The guest lab's MANIFEST: what it was made from and what it holds, one fact a line.
//
//   lab-format 1 armlet <recipe sha256>      who made it (the shared script writes `script <sha256>`)
//   package linux-image-6.1.0-57-armmp:armhf 6.1.192-3       one line per package, in recipe order
//   arm64-vmlinuz-as-shipped raw                              raw or gzip: how Debian shipped it
//   expect sha256-4MiB <hex>                                  what the ready image's workload prints
//   expect awk-sum-50000 <n>
//   sha256 <hex>  armhf/zImage                                one line per output (sha256sum's form)
//
// The lab-format and package lines are the stamp: a lab whose stamp matches is up to date.

export type VmlinuzForm = "raw" | "gzip";

export interface Manifest {
  /** The `lab-format ...` line. */
  identity: string;
  packages: { pkg: string; version: string }[];
  vmlinuzForm: VmlinuzForm;
  expect: Record<string, string>;
  /** Output path -> sha256 (hex), in MANIFEST order. */
  sha256: [string, string][];
}

export function identityLine(labFormat: number, maker: string, id: string): string {
  return `lab-format ${labFormat} ${maker} ${id}`;
}

/** The lines that decide whether a lab is up to date. */
export function stampLines(m: Pick<Manifest, "identity" | "packages">): string[] {
  return [m.identity, ...m.packages.map((p) => `package ${p.pkg} ${p.version}`)];
}

export function formatManifest(m: Manifest): string {
  return [
    ...stampLines(m),
    `arm64-vmlinuz-as-shipped ${m.vmlinuzForm}`,
    ...Object.entries(m.expect).map(([k, v]) => `expect ${k} ${v}`),
    ...m.sha256.map(([path, hex]) => `sha256 ${hex}  ${path}`),
  ].join("\n") + "\n";
}

/** A MANIFEST's text, read back; a line that fits no form is an error naming it. */
export function parseManifest(text: string): Manifest {
  const m: Manifest = { identity: "", packages: [], vmlinuzForm: "raw", expect: {}, sha256: [] };
  text.split("\n").forEach((line, i) => {
    if (line === "") return;
    let r: RegExpExecArray | null;
    if (line.startsWith("lab-format ")) m.identity = line;
    else if ((r = /^package (\S+) (\S+)$/.exec(line))) m.packages.push({ pkg: r[1], version: r[2] });
    else if ((r = /^arm64-vmlinuz-as-shipped (raw|gzip)$/.exec(line))) m.vmlinuzForm = r[1] as VmlinuzForm;
    else if ((r = /^expect (\S+) (\S+)$/.exec(line))) m.expect[r[1]] = r[2];
    else if ((r = /^sha256 ([0-9a-f]{64}) {2}(\S+)$/.exec(line))) m.sha256.push([r[2], r[1]]);
    else throw new Error(`MANIFEST line ${i + 1} is not understood: '${line}'`);
  });
  if (!m.identity) throw new Error("MANIFEST has no lab-format line");
  return m;
}
