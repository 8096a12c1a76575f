// -qmp / -monitor socket syntax as QEMU writes it: unix:PATH,server[,wait=off] and
// tcp:HOST:PORT,server, with QEMU's older spellings (server=on, nowait) and its ",," escape.
import { describe, it, expect } from "vitest";
import { parseSocketSpec } from "../../../machines/qmp/socket-spec.js";
import { ArmletError } from "../../../machines/errors.js";

const parse = (t: string) => parseSocketSpec("--qmp", t);
function refuses(t: string, msg: RegExp): void {
  let err: unknown;
  try { parse(t); } catch (e) { err = e; }
  expect(err, t).toBeInstanceOf(ArmletError);
  expect((err as ArmletError).kind, t).toBe("usage");
  expect((err as Error).message, t).toMatch(msg);
  expect((err as Error).message, t).toMatch(/^--qmp/);
}

describe("parseSocketSpec", () => {
  it("unix sockets: wait is on unless turned off, in each of QEMU's spellings", () => {
    expect(parse("unix:/tmp/q.sock,server")).toEqual({ kind: "unix", path: "/tmp/q.sock", wait: true, text: "unix:/tmp/q.sock,server" });
    for (const t of ["unix:q.sock,server,wait=off", "unix:q.sock,server=on,wait=off", "unix:q.sock,server,nowait", "unix:q.sock,wait=off,server"]) {
      expect(parse(t), t).toMatchObject({ kind: "unix", path: "q.sock", wait: false });
    }
    expect(parse("unix:q.sock,server,wait=on").wait).toBe(true);
    expect(parse("unix:q.sock,server,wait").wait).toBe(true);
  });

  it("a path may hold a colon, and a comma written twice (QEMU's escape)", () => {
    expect(parse("unix:/tmp/a:b.sock,server")).toMatchObject({ path: "/tmp/a:b.sock" });
    expect(parse("unix:/tmp/a,,b.sock,server,wait=off")).toMatchObject({ path: "/tmp/a,b.sock", wait: false });
  });

  it("tcp: host and port; no host listens on every address; [v6] brackets come off; port 0 picks one", () => {
    expect(parse("tcp:127.0.0.1:4444,server,wait=off")).toEqual({ kind: "tcp", host: "127.0.0.1", port: 4444, wait: false, text: "tcp:127.0.0.1:4444,server,wait=off" });
    expect(parse("tcp::4444,server")).toMatchObject({ host: "0.0.0.0", port: 4444 });
    expect(parse("tcp:[::1]:5555,server")).toMatchObject({ host: "::1", port: 5555 });
    expect(parse("tcp:localhost:0,server")).toMatchObject({ host: "localhost", port: 0 });
  });

  it("refuses what armlet cannot do, in one usage line each", () => {
    refuses("unix:/tmp/q.sock", /add ',server'/);
    refuses("unix:/tmp/q.sock,server=off", /add ',server'/);
    refuses("unix:,server", /needs a socket path/);
    refuses("tcp:127.0.0.1,server", /needs HOST:PORT/);
    refuses("tcp:127.0.0.1:70000,server", /needs HOST:PORT/);
    refuses("tcp:127.0.0.1:http,server", /needs HOST:PORT/);
    refuses("udp:1.2.3.4:5,server", /listens on unix:PATH,server or tcp:HOST:PORT,server/);
    refuses("stdio", /listens on unix/);
    refuses("unix:q.sock,server,wait=maybe", /wait=maybe: expected on or off/);
    refuses("unix:q.sock,server,telnet", /unknown option 'telnet'/);
  });
});
