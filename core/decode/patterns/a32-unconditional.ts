// A32 unconditional instructions.
import { type Row } from "../formats";

export const a32Unconditional: Row[] = [
];
