// Hooks of the other system registers (cache and TLB maintenance, IDs computed at run time...).
