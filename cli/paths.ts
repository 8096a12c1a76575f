// Where the package's own files are, from the sources (cli/) or the build (dist/cli/).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, "package.json"))) return dir;
    dir = dirname(dir);
  }
  throw new Error("armlet package root not found");
}

/** The built-in demo guest for a board: roms/bin/demo.elf is virt's, demo-NAME.elf another board's. */
export function defaultGuestPath(board = "virt"): string {
  return join(packageRoot(), "roms", "bin", board === "virt" ? "demo.elf" : `demo-${board}.elf`);
}
