import { BrandMark } from './BrandMark';

/** Web mode without a valid launch token (a stale tab after a restart, or a typed address). */
export function SignedOutScreen() {
  return (
    <div className="signed-out">
      <div className="signed-out-card" role="alert">
        <BrandMark />
        <h1>This page is not signed in to Field Station</h1>
        <p>
          Each time Field Station starts in web mode it prints a new address ending in <code>#token=…</code>. Open that
          address to continue. If Field Station was stopped, start it again first. Nothing you saved is lost.
        </p>
      </div>
    </div>
  );
}
