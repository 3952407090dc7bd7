/**
 * Blind double entry (Kiesraad's Abacus works the same way): until a pile is compared (both of its
 * passes complete), what a pass holds is read by the members who typed it and nobody else, the head
 * included (a head may type a pass too): the second entry must not copy the first. Once compared,
 * the differences are shown and every member may read both passes. This holds for every route that
 * shows ballot contents: the pass itself, and the audit log.
 */
export function mayReadPass(input: { readerId: string; typists: readonly string[]; compared: boolean }): boolean {
  return input.compared || input.typists.every((typist) => typist === input.readerId);
}
