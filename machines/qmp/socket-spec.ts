// QEMU's listening-socket syntax for -qmp and -monitor: `unix:PATH,server[,wait=off]` and
// `tcp:HOST:PORT,server[,wait=off]` (also the older `server=on`, `nowait` spellings). armlet only
// listens; without `server` QEMU would connect out as a client, which armlet does not do.
import { usageError } from "../errors.js";

export type SocketSpec =
  | { kind: "unix"; path: string; wait: boolean; text: string }
  | { kind: "tcp"; host: string; port: number; wait: boolean; text: string };

const onOff = (opt: string, v: string, name: string): boolean => {
  if (v === "on" || v === "") return true;
  if (v === "off") return false;
  throw usageError(`${opt}: ${name}=${v}: expected on or off`);
};

/** Split at single commas: ",," is a literal comma in a value (QEMU's option syntax), so a socket path may hold one. */
function splitOptions(text: string): string[] {
  const parts = [""];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== ",") parts[parts.length - 1] += text[i];
    else if (text[i + 1] === ",") { parts[parts.length - 1] += ","; i++; }
    else parts.push("");
  }
  return parts;
}

export function parseSocketSpec(opt: string, text: string): SocketSpec {
  const [addr, ...options] = splitOptions(text);
  let server = false, wait = true;
  for (const o of options) {
    const eq = o.indexOf("=");
    const name = eq < 0 ? o : o.slice(0, eq), v = eq < 0 ? "" : o.slice(eq + 1);
    if (name === "server") server = onOff(opt, v, name);
    else if (name === "wait") wait = onOff(opt, v, name);
    else if (name === "nowait" && v === "") wait = false;
    else throw usageError(`${opt} '${text}': unknown option '${name}' (armlet takes server and wait=on|off)`);
  }
  const scheme = addr.slice(0, addr.indexOf(":") + 1);
  if (scheme !== "unix:" && scheme !== "tcp:") {
    throw usageError(`${opt} '${text}': armlet listens on unix:PATH,server or tcp:HOST:PORT,server`);
  }
  if (!server) throw usageError(`${opt} '${text}': add ',server' (armlet listens for clients; it does not connect out)`);
  const rest = addr.slice(scheme.length);
  if (scheme === "unix:") {
    if (!rest) throw usageError(`${opt} '${text}': unix: needs a socket path`);
    return { kind: "unix", path: rest, wait, text };
  }
  const colon = rest.lastIndexOf(":");
  const port = Number(rest.slice(colon + 1));
  if (colon < 0 || !/^\d+$/.test(rest.slice(colon + 1)) || port > 65535) throw usageError(`${opt} '${text}': tcp: needs HOST:PORT`);
  const host = rest.slice(0, colon).replace(/^\[(.*)\]$/, "$1");
  return { kind: "tcp", host: host || "0.0.0.0", port, wait, text };
}
