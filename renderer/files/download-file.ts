import { base64ToBytes } from './base64';

/** Hands a Blob to the browser as a download: a save dialog in the desktop app, the downloads folder in a browser. */
function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once the click is handled; a minute is ample.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Text (CSV, JSON) from the services as a download named `fileName`. */
export function downloadFile(fileName: string, mimeType: string, content: string): void {
  downloadBlob(fileName, new Blob([content], { type: `${mimeType};charset=utf-8` }));
}

/** Bytes the services sent as base64 (a PDF) as a download: decoded, never re-encoded as text. */
export function downloadBase64(fileName: string, mimeType: string, content: string): void {
  downloadBlob(fileName, new Blob([base64ToBytes(content)], { type: mimeType }));
}
