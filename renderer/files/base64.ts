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
