import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { scrollBoxIntoView, type ScrollView } from './use-virtual-rows';

/** The cells to render, [rowStart, rowEnd) × [columnStart, columnEnd), as grid indexes from 0. */
export interface GridWindow {
  rowStart: number;
  rowEnd: number;
  columnStart: number;
  columnEnd: number;
}

export interface GridMetrics {
  rowCount: number;
  columnCount: number;
  cellHeight: number;
  cellWidth: number;
  /** Room taken by the sticky headers above and left of the cells. */
  headerHeight: number;
  headerWidth: number;
}

/** Scrolls the grid, when needed, so the box is in view (see `scrollBoxIntoView`). */
export type KeepInView = (box: { top: number; height: number; left: number; width: number }, sticky: { top: number; left: number }, margin: number) => void;

/**
 * Renders only the cells of a large grid that are in (or near) view, in both directions, so a
 * 5,000-plot field, or one long row of plots, draws a few hundred cells at a time.
 */
export function useVirtualGrid(scrollerRef: RefObject<HTMLElement | null>, metrics: GridMetrics, overscan = 3): GridWindow & { keepInView: KeepInView } {
  const [view, setView] = useState({ top: 0, left: 0, height: 800, width: 1200 });
  // Where the scroller is, kept at every scroll and resize (the drawn window follows a frame later):
  // what keeping the selection in view checks first, without reading the page's layout.
  const known = useRef<ScrollView | null>(null);

  useEffect(() => {
    const element = scrollerRef.current;
    if (!element) return undefined;
    const measure = (): void => {
      const next = { top: element.scrollTop, left: element.scrollLeft, height: element.clientHeight, width: element.clientWidth };
      known.current = next;
      setView((old) => (old.top === next.top && old.left === next.left && old.height === next.height && old.width === next.width ? old : next));
    };
    let frame = 0;
    const onScroll = (): void => {
      known.current = {
        top: element.scrollTop,
        left: element.scrollLeft,
        height: known.current?.height ?? element.clientHeight,
        width: known.current?.width ?? element.clientWidth,
      };
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
  }, [scrollerRef]);

  const { rowCount, columnCount, cellHeight, cellWidth, headerHeight, headerWidth } = metrics;
  const span = (offset: number, size: number, header: number, cell: number, count: number): [number, number] => {
    const start = Math.max(0, Math.floor((offset - header) / cell) - overscan);
    const end = Math.min(count, Math.ceil((offset + size - header) / cell) + overscan);
    return [Math.min(start, count), Math.max(Math.min(start, count), end)];
  };
  const [rowStart, rowEnd] = span(view.top, view.height, headerHeight, cellHeight, rowCount);
  const [columnStart, columnEnd] = span(view.left, view.width, headerWidth, cellWidth, columnCount);
  const keepInView = useCallback<KeepInView>(
    (box, sticky, margin) => {
      const element = scrollerRef.current;
      if (element) known.current = scrollBoxIntoView(element, box, sticky, margin, known.current);
    },
    [scrollerRef],
  );
  return { rowStart, rowEnd, columnStart, columnEnd, keepInView };
}
