import { useRef, type Ref } from 'react';

interface FilePickerButtonProps {
  label: string;
  /** The input's accept list: extensions and media types. */
  accept: string;
  className: string;
  title?: string;
  onFile(file: File): void;
  testId?: string;
  buttonRef?: Ref<HTMLButtonElement>;
}

/** A button that opens the system's file picker (a hidden `<input type=file>` beside it) and hands on the file chosen. */
export function FilePickerButton({ label, accept, className, title, onFile, testId, buttonRef }: FilePickerButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button ref={buttonRef} type="button" className={className} title={title} onClick={() => input.current?.click()} data-testid={testId}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        accept={accept}
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared at once, so choosing the same file again (after fixing it) counts as a new choice.
          event.target.value = '';
          if (file) onFile(file);
        }}
        data-testid={testId ? `${testId}-input` : undefined}
      />
    </>
  );
}
