import { useEffect, useState, type RefObject } from 'react';

export interface VirtualRows {
  /** The rows to render: [start, end). */
  start: number;
  end: number;
  /** Heights of the empty space standing in for the rows above and below. */
  before: number;
  after: number;
}

/**
 * Renders only the rows of a long table that are in (or near) view, so a 5,000-plot study scrolls
 * and re-renders as quickly as a 50-plot one. Rows must all be `rowHeight` pixels high.
 */
export function useVirtualRows(scroller: RefObject<HTMLElement | null>, rowCount: number, rowHeight: number, overscan = 12): VirtualRows {
  const [view, setView] = useState({ top: 0, height: 800 });

  useEffect(() => {
    const element = scroller.current;
    if (!element) return undefined;
    const measure = (): void =>
      setView((old) =>
        old.top === element.scrollTop && old.height === element.clientHeight ? old : { top: element.scrollTop, height: element.clientHeight },
      );
    let frame = 0;
    const onScroll = (): void => {
      if (frame === 0) {
        frame = requestAnimationFrame(() => {
          frame = 0;
          measure();
        });
      }
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    const resize = new ResizeObserver(measure);
    resize.observe(element);
    return () => {
      cancelAnimationFrame(frame);
      element.removeEventListener('scroll', onScroll);
      resize.disconnect();
    };
  }, [scroller]);

  const start = Math.max(0, Math.floor(view.top / rowHeight) - overscan);
  const end = Math.min(rowCount, Math.ceil((view.top + view.height) / rowHeight) + overscan);
  return { start, end: Math.max(start, end), before: start * rowHeight, after: Math.max(0, rowCount - Math.max(start, end)) * rowHeight };
}

/**
 * Scrolls `scroller` just enough that the box [top, top+height] × [left, left+width] is visible
 * below and right of the sticky parts, with `margin` pixels of context above and below it.
 */
export function scrollBoxIntoView(
  scroller: HTMLElement,
  box: { top: number; height: number; left: number; width: number },
  sticky: { top: number; left: number },
  margin = 0,
): void {
  const room = Math.max(0, Math.min(margin, (scroller.clientHeight - sticky.top - box.height) / 2));
  const viewTop = scroller.scrollTop + sticky.top + room;
  const viewBottom = scroller.scrollTop + scroller.clientHeight - room;
  if (box.top < viewTop) scroller.scrollTop = box.top - sticky.top - room;
  else if (box.top + box.height > viewBottom) scroller.scrollTop = box.top + box.height + room - scroller.clientHeight;
  const viewLeft = scroller.scrollLeft + sticky.left;
  const viewRight = scroller.scrollLeft + scroller.clientWidth;
  if (box.left < viewLeft) scroller.scrollLeft = box.left - sticky.left;
  else if (box.left + box.width > viewRight) scroller.scrollLeft = box.left + box.width - scroller.clientWidth;
}
