// `armlet guests fetch [DIR]`: the guest lab (Debian's kernels, DTB, busybox initramfs images)
// for booting Linux and for the boot tests. Progress on stderr, the directory on stdout.
import type { Command } from "commander";
import { EXIT } from "../exit-codes.js";
import { errorLine, noteLine } from "../format.js";
import { defaultGuestDir, fetchGuests } from "../guests/fetch.js";
import { LabError } from "../guests/host.js";

export function registerGuests(program: Command): void {
  const guests = program.command("guests").description("the guest lab: Debian's kernels, DTB and initramfs images for Linux boots");
  guests
    .command("fetch")
    .description("download Debian's packages with apt (never installing them) and build the lab in DIR; print DIR")
    .argument("[dir]", `where the lab goes (default: $ARMLET_GUESTS, else \${XDG_CACHE_HOME:-~/.cache}/armlet/guests: ${defaultGuestDir()})`)
    .option("--force", "rebuild even when the MANIFEST says the lab is up to date")
    .addHelpText("after", "\nNeeds apt-get, apt-cache, dpkg, dpkg-deb, tar and gzip, and dpkg's foreign architectures\n" +
      "armhf and arm64 (as root it adds them and runs apt-get update itself). Downloads ~150 MB once;\n" +
      "the .debs stay in DIR/.debs, and a rerun only checks the candidates against DIR/MANIFEST.\n")
    .action(async (dir: string | undefined, flags: { force?: boolean }) => {
      process.exitCode = await guestsFetch(dir ?? defaultGuestDir(), flags.force ?? false);
    });
}

async function guestsFetch(dir: string, force: boolean): Promise<number> {
  try {
    const r = await fetchGuests(dir, { force, log: (line) => console.error(noteLine(`guests: ${line}`)) });
    process.stdout.write(`${r.dir}\n`);
    return EXIT.OK.code;
  } catch (e) {
    if (!(e instanceof LabError)) throw e;
    console.error(errorLine(`guests fetch: ${e.message}`));
    return EXIT[e.exit].code;
  }
}
