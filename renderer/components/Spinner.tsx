/** A small busy indicator; the text beside it says what is happening. */
export function Spinner({ size = 'small' }: { size?: 'small' | 'large' }) {
  return <span className={`spinner spinner-${size}`} aria-hidden="true" />;
}
