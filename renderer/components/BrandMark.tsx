/** The app's mark: a sprouting seedling in a plot square, drawn inline so no file or font is fetched. */
export function BrandMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
      <rect x="1" y="1" width="30" height="30" rx="7" className="brand-mark-tile" />
      <path d="M16 26V15" className="brand-mark-stem" />
      <path d="M16 17c0-5 3.5-8 9-8 0 5.5-3.5 8-9 8z" className="brand-mark-leaf" />
      <path d="M16 20c0-4-3-6.5-7.5-6.5 0 4.5 3 6.5 7.5 6.5z" className="brand-mark-leaf" />
      <path d="M8 26h16" className="brand-mark-soil" />
    </svg>
  );
}
