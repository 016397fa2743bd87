import { v7 } from 'uuid';

/** Client-generated, time-ordered ids (UUID v7): rows created offline never collide and sort by creation. */
export function newId(): string {
  return v7();
}

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
