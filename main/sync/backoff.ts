/**
 * Exponential backoff with full jitter (AWS architecture blog's "full jitter"): after the n-th
 * consecutive failure wait a random time up to min(cap, base · 2^n), so many devices coming back
 * online at once do not hammer the server in step.
 */
export function backoffDelay(failures: number, random: () => number, baseMs = 1_000, capMs = 60_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(failures, 16));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
