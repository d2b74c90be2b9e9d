/** The first day of the quarter containing `day` (YYYY-MM-DD). */
export function quarterStart(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
}

/** The first day after the quarter starting `start`. */
export function quarterEnd(start: string): string {
  const [y, m] = start.split('-').map(Number);
  return m === 10 ? `${y + 1}-01-01` : `${y}-${String(m + 3).padStart(2, '0')}-01`;
}

/** "2026Q4" */
export function quarterLabel(start: string): string {
  return `${start.slice(0, 4)}Q${Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1}`;
}
