// A32 system instructions.
import { type Row } from "../formats";

export const a32System: Row[] = [
];
