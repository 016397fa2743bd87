import { entities, type EntityName, type FieldDefinition } from '../entities';

/**
 * The fields that hold a Yjs document: the bytes fields of a `crdt` entity (notes' `ydoc`). They
 * merge (common/notes/note-document.ts); the entity's other fields, and its tombstone, stay last
 * writer wins per field.
 */
export function documentFields(entity: EntityName): string[] {
  if (entities[entity].merge !== 'crdt') return [];
  const fields: Record<string, FieldDefinition> = entities[entity].fields;
  return Object.entries(fields).flatMap(([name, field]) => (field.type === 'bytea' ? [name] : []));
}

export function isDocumentField(entity: EntityName, name: string): boolean {
  return documentFields(entity).includes(name);
}
