// A32 media instructions.
import { type Row } from "../formats";

export const a32Media: Row[] = [
];
