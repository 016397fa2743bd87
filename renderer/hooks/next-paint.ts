/**
 * Resolves once the browser has painted the next frame (or after `fallbackMs`, when it paints none:
 * a hidden window draws no frames). Work that can wait a frame goes after it, so what the person
 * just asked for is drawn first.
 */
export function nextPaint(fallbackMs = 100): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(fallback);
      resolve();
    };
    const fallback = setTimeout(finish, fallbackMs);
    requestAnimationFrame(() => setTimeout(finish, 0));
  });
}
