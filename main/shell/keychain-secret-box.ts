import { safeStorage } from 'electron';
import { plainSecretBox, type SecretBox } from '../sync/secret-box';

/**
 * Seals the sync token with the OS keychain (Keychain, DPAPI, libsecret/kwallet) through
 * Electron's safeStorage. Where no keychain is available the token is kept as is, and the
 * connection screen says so (SecretBox.kind).
 */
export function keychainSecretBox(): SecretBox {
  if (!safeStorage.isEncryptionAvailable()) return plainSecretBox;
  return {
    kind: 'keychain',
    seal: (secret) => safeStorage.encryptString(secret).toString('base64'),
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
