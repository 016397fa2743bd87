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

/** Where a scroller is scrolled to, and the size of what it shows. */
export interface ScrollView {
  top: number;
  left: number;
  height: number;
  width: number;
}

interface Box {
  top: number;
  height: number;
  left: number;
  width: number;
}

/**
 * The scroll position that keeps `box` visible below and right of the sticky parts, with `margin`
 * pixels of context above and below it; `view` itself when it already is. When it has to scroll,
 * it brings the box to the middle: walking on from plot to plot then scrolls once every half
 * screen, not at every step, and the plots ahead stay in sight.
 */
export function viewShowing(view: ScrollView, box: Box, sticky: { top: number; left: number }, margin = 0): ScrollView {
  const viewHeight = view.height - sticky.top;
  const room = Math.max(0, Math.min(margin, (viewHeight - box.height) / 2));
  const outVertically = box.top < view.top + sticky.top + room || box.top + box.height > view.top + view.height - room;
  const viewWidth = view.width - sticky.left;
  const outHorizontally = box.left < view.left + sticky.left || box.left + box.width > view.left + view.width;
  if (!outVertically && !outHorizontally) return view;
  return {
    ...view,
    top: outVertically ? Math.max(0, box.top - sticky.top - Math.max(0, (viewHeight - box.height) / 2)) : view.top,
    left: outHorizontally ? Math.max(0, box.left - sticky.left - Math.max(0, (viewWidth - box.width) / 2)) : view.left,
  };
}

/**
 * Scrolls `scroller` so the box is visible (see `viewShowing`). With `known`, where the scroller is
 * known to be (kept current by its scroll and resize events), a box already in view costs no read
 * of the page's layout. Returns where the scroller is, or null once it was told to scroll (the
 * browser may stop short of the position asked for, at an end).
 */
export function scrollBoxIntoView(scroller: HTMLElement, box: Box, sticky: { top: number; left: number }, margin = 0, known: ScrollView | null = null): ScrollView | null {
  if (known && viewShowing(known, box, sticky, margin) === known) return known;
  const view = { top: scroller.scrollTop, left: scroller.scrollLeft, height: scroller.clientHeight, width: scroller.clientWidth };
  const next = viewShowing(view, box, sticky, margin);
  if (next === view) return view;
  if (next.top !== view.top) scroller.scrollTop = next.top;
  if (next.left !== view.left) scroller.scrollLeft = next.left;
  return null;
}
