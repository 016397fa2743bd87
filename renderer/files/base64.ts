/**
 * Bytes as base64, built a slice at a time: `String.fromCharCode(...bytes)` on a whole 20 MB file
 * overflows the call stack, and one growing string per byte is slow. Each slice is a multiple of
 * three bytes long, so the slices' base64 texts join without padding in between.
 */
const sliceBytes = 3 * 16_384;

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += sliceBytes) {
    const slice = bytes.subarray(start, start + sliceBytes);
    let binary = '';
    for (let i = 0; i < slice.length; i += 4096) binary += String.fromCharCode(...slice.subarray(i, i + 4096));
    parts.push(btoa(binary));
  }
  return parts.join('');
}

/** Base64 text (a PDF from the services, say) back to its exact bytes. */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
