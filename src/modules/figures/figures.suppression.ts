/*
 * Small-cell suppression for callers above communities (docs/figures.md). A count of households or
 * persons from 1 to k − 1 is withheld; 0 is shown (it names nobody). Where the withheld value
 * could be recovered by subtraction — from a total shown beside it (a column of the breakdown and
 * its total row; the parts of a row and the row's whole; the months of one quarter in a series) —
 * a second cell of the same group is withheld too: the smallest one left, or the total itself.
 */

export interface Cell {
  value: number | null;
  suppressed: boolean;
}

/** The raw value and whether it must be hidden. */
export interface Raw {
  value: number | null;
  /** The count of households or persons the value is about (for a rate or a sum of money: its base). */
  base: number;
  /** Whether the value is about households or persons at all (counts of compounds are not). */
  personal: boolean;
  hide: boolean;
}

export function raw(value: number | null, base: number, personal = true): Raw {
  return { value, base, personal, hide: false };
}

/** A count of households or persons: its own base. */
export function count(value: number): Raw {
  return raw(value, value);
}

export function isSmall(base: number, k: number): boolean {
  return base > 0 && base < k;
}

/** Marks small cells. */
export function markSmall(cells: Raw[], k: number): void {
  for (const c of cells) if (c.personal && isSmall(c.base, k)) c.hide = true;
}

/**
 * Complementary suppression in one additive group: `parts` add up to `total` (which is shown
 * unless hidden). If exactly one part is hidden and the total is shown, the smallest other part
 * with a value (above 0) is hidden as well; if there is none, the total is.
 */
export function complement(parts: Raw[], total: Raw | null): void {
  if (!total || total.hide) return;
  // Loops without arrays: this runs for every column of every group on every pass.
  let hidden = 0;
  for (const p of parts) if (p.hide && ++hidden > 1) return;
  if (hidden !== 1) return;
  // The first (in order) of the smallest bases above 0, as a stable sort by base would give.
  let pick: Raw | null = null;
  for (const p of parts) if (!p.hide && p.personal && p.base > 0 && (pick === null || p.base < pick.base)) pick = p;
  if (pick) pick.hide = true;
  else total.hide = true;
}

export function cell(r: Raw): Cell {
  return r.hide ? { value: null, suppressed: true } : { value: r.value, suppressed: false };
}

/**
 * An additive group whose whole may be withheld as well (a quarter and its months, each withheld
 * in its own answer): never exactly one withheld cell among the whole and its parts. One withheld
 * part beside a shown whole takes a second as `complement` does; a withheld whole beside shown
 * parts (their sum) takes the smallest part above 0.
 */
export function link(parts: Raw[], whole: Raw): void {
  let hidden = whole.hide ? 1 : 0;
  for (const p of parts) if (p.hide && ++hidden > 1) return;
  if (hidden !== 1) return;
  if (!whole.hide) return complement(parts, whole);
  let pick: Raw | null = null;
  for (const p of parts) if (p.personal && p.base > 0 && (pick === null || p.base < pick.base)) pick = p;
  if (pick) pick.hide = true;
}
