// A describe block that needs the guest lab: given the lab, or one failing test saying what is
// wrong with it, or (outside CI, where locateGuests throws instead) a skip saying where it looked.
import { describe, it } from "vitest";
import { locateGuests, type GuestLab } from "./guests.js";

export function describeWithGuestLab(title: string, body: (lab: GuestLab) => void): void {
  let found: ReturnType<typeof locateGuests> | undefined;
  let error: Error | undefined;
  try { found = locateGuests(); } catch (e) { error = e as Error; }
  describe(title, () => {
    if (error || !found) { it("finds a complete guest lab", () => { throw error; }); return; }
    if (!found.lab) { it.skip(`skipped: ${found.why}`, () => {}); return; }
    body(found.lab);
  });
}
