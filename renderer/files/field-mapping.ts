import type { FieldFilePreview, FieldMapping } from '../../common/api-contract';

/** The roles a field file's column can play, in the order the preview lists them. */
export type FieldRole = keyof FieldMapping;

/** Which column plays each role as the person has it now; null: not in the file (the unique id: not chosen yet). */
export type MappingChoice = Record<FieldRole, string | null>;

export const fieldRoles = [
  { role: 'uniqueId', label: 'Unique id', hint: 'Required: one per plot, as Field Book names each plot.' },
  { role: 'plotNumber', label: 'Plot number', hint: 'Without one, plots are numbered in the order of the file.' },
  { role: 'row', label: 'Row', hint: null },
  { role: 'column', label: 'Column', hint: null },
  { role: 'replicate', label: 'Replicate', hint: null },
  { role: 'block', label: 'Block', hint: null },
  { role: 'germplasmName', label: 'Germplasm', hint: 'Names the station does not know yet are added.' },
  { role: 'entryNumber', label: 'Entry', hint: null },
  { role: 'barcode', label: 'Barcode', hint: 'Without one, the unique id is the barcode to scan.' },
] as const satisfies readonly { role: FieldRole; label: string; hint: string | null }[];

const roleOrder: readonly FieldRole[] = fieldRoles.map((r) => r.role);

/** The mapping the preview used, or else the columns it suggests. */
export function initialChoice(preview: FieldFilePreview): MappingChoice {
  const from = preview.mapping ?? preview.suggestedMapping;
  return {
    uniqueId: from.uniqueId ?? null,
    plotNumber: from.plotNumber ?? null,
    row: from.row ?? null,
    column: from.column ?? null,
    replicate: from.replicate ?? null,
    block: from.block ?? null,
    germplasmName: from.germplasmName ?? null,
    entryNumber: from.entryNumber ?? null,
    barcode: from.barcode ?? null,
  };
}

/** The mapping to send, or null while no unique-id column is chosen. */
export function toFieldMapping(choice: MappingChoice): FieldMapping | null {
  return choice.uniqueId === null ? null : { ...choice, uniqueId: choice.uniqueId };
}

/** A stable key for a mapping, to tell whether a preview answers the mapping shown. */
export function mappingKey(choice: MappingChoice): string {
  return JSON.stringify(roleOrder.map((role) => choice[role]));
}

/** The file's columns that no role takes: they are kept as plot attributes (geo_coordinates becomes the plot's position). */
export function otherColumns(headers: readonly string[], choice: MappingChoice): { attributes: string[]; position: string | null } {
  const taken = new Set(roleOrder.map((role) => choice[role]));
  const free = headers.filter((h) => !taken.has(h));
  const isPosition = (h: string): boolean => h.toLowerCase().replace(/[^a-z0-9]/g, '') === 'geocoordinates';
  return { attributes: free.filter((h) => !isPosition(h)), position: free.find(isPosition) ?? null };
}
