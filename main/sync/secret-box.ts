/**
 * Seals the device token at rest. The desktop shell provides one backed by the OS keychain
 * (Electron safeStorage); where none is offered (web mode, tests) the token is stored as is, in
 * the station's own database, and the connection screen says so.
 */
export interface SecretBox {
  kind: 'keychain' | 'plain';
  seal(secret: string): string;
  open(sealed: string): string;
}

export const plainSecretBox: SecretBox = {
  kind: 'plain',
  seal: (secret) => secret,
  open: (sealed) => sealed,
};
