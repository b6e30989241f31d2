/** Reads what an examiner typed as points: "7", "7.5" or "7,5"; empty clears; anything else is invalid. */
export const parsePoints = (
  text: string,
  max: number,
): { ok: true; points: number | undefined } | { ok: false } => {
  const t = text.trim().replace(',', '.');
  if (t === '') return { ok: true, points: undefined };
  if (!/^\d+(\.\d+)?$/.test(t)) return { ok: false };
  const points = Number(t);
  return points <= max ? { ok: true, points } : { ok: false };
};

export const formatPoints = (points: number | undefined, language: string): string =>
  points === undefined ? '' : language === 'nb' ? String(points).replace('.', ',') : String(points);

/** Keyboard-first entry: Enter and ArrowDown move to the next points field, ArrowUp to the previous one. */
export const movePointsFocus = (from: HTMLElement, step: 1 | -1): boolean => {
  const all = [...document.querySelectorAll<HTMLInputElement>('input[data-points]')];
  const next = all[all.indexOf(from as HTMLInputElement) + step];
  if (next === undefined) return false;
  next.focus();
  next.select();
  return true;
};
