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
 * Keeps the box [top, top+height] × [left, left+width] visible below and right of the sticky parts,
 * with `margin` pixels of context above and below it. When it has to scroll, it brings the box to
 * the middle: walking on from plot to plot then scrolls once every half screen, not at every step,
 * and the plots ahead stay in sight.
 */
export function scrollBoxIntoView(
  scroller: HTMLElement,
  box: { top: number; height: number; left: number; width: number },
  sticky: { top: number; left: number },
  margin = 0,
): void {
  const viewHeight = scroller.clientHeight - sticky.top;
  const room = Math.max(0, Math.min(margin, (viewHeight - box.height) / 2));
  const top = scroller.scrollTop;
  if (box.top < top + sticky.top + room || box.top + box.height > top + scroller.clientHeight - room) {
    scroller.scrollTop = box.top - sticky.top - Math.max(0, (viewHeight - box.height) / 2);
  }
  const viewWidth = scroller.clientWidth - sticky.left;
  const left = scroller.scrollLeft;
  if (box.left < left + sticky.left || box.left + box.width > left + scroller.clientWidth) {
    scroller.scrollLeft = box.left - sticky.left - Math.max(0, (viewWidth - box.width) / 2);
  }
}
