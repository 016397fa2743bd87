import { useLocalChoice } from '../hooks/use-local-choice';

/**
 * Where Enter goes once it has saved a value: stay (Enter again moves on, so a value can be checked
 * first), straight to the next plot along the walk, or to the next trait of the same plot (then the
 * next plot's first trait). Kept on this computer.
 */
export const afterSaveModes = ['stay', 'next-plot', 'next-variable'] as const;
export type AfterSave = (typeof afterSaveModes)[number];

export const afterSaveLabels: Record<AfterSave, string> = {
  stay: 'Stay (Enter again moves on)',
  'next-plot': 'Go to the next plot',
  'next-variable': 'Go to the next trait',
};

export const afterSaveHints: Record<AfterSave, string> = {
  stay: 'save; again for the next plot',
  'next-plot': 'save and go to the next plot',
  'next-variable': 'save and go to the next trait',
};

export function useAfterSave(): [AfterSave, (mode: AfterSave) => void] {
  return useLocalChoice('fieldstation.afterSave', afterSaveModes, 'stay');
}

/** The cell to go to after a save at (row, variable), or null to stay. */
export function cellAfterSave(mode: AfterSave, rowIndex: number, rowCount: number, variableIndex: number, variableCount: number): { row: number; variable: number } | null {
  if (mode === 'stay') return null;
  if (mode === 'next-variable' && variableIndex + 1 < variableCount) return { row: rowIndex, variable: variableIndex + 1 };
  if (rowIndex + 1 >= rowCount) return null;
  return { row: rowIndex + 1, variable: mode === 'next-variable' ? 0 : variableIndex };
}
