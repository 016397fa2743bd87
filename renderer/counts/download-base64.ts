/** Base64 text (a PDF from the services, say) back to its bytes, a slice at a time. */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Hands bytes sent as base64 to the browser as a download named `fileName` (renderer/files/
 * download-file.ts does the same for text; a PDF must not be re-encoded as UTF-8 text).
 */
export function downloadBase64(fileName: string, mimeType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(content)], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
