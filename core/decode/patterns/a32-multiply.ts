// A32 multiply instructions.
import { type Row } from "../formats";

export const a32Multiply: Row[] = [
];
