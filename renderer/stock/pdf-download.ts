import type { PdfFile } from '../../common/stock/stock-results';

/** The bytes of base64 text (a PDF from the services). */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Hands a PDF from the services to the browser as a download (a save dialog in the desktop app).
 * renderer/files/download-file.ts sends text; a PDF is bytes, so it gets its own Blob here.
 */
export function downloadPdf(file: PdfFile): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(file.content)], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
