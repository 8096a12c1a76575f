// A32 load-store instructions.
import { type Row } from "../formats";

export const a32LoadStore: Row[] = [
];
