import { useEffect, useState, type RefObject } from 'react';

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

/**
 * Renders only the cells of a large grid that are in (or near) view, in both directions, so a
 * 5,000-plot field, or one long row of plots, draws a few hundred cells at a time.
 */
export function useVirtualGrid(scroller: RefObject<HTMLElement | null>, metrics: GridMetrics, overscan = 3): GridWindow {
  const [view, setView] = useState({ top: 0, left: 0, height: 800, width: 1200 });

  useEffect(() => {
    const element = scroller.current;
    if (!element) return undefined;
    const measure = (): void =>
      setView((old) => {
        const next = { top: element.scrollTop, left: element.scrollLeft, height: element.clientHeight, width: element.clientWidth };
        return old.top === next.top && old.left === next.left && old.height === next.height && old.width === next.width ? old : next;
      });
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

  const { rowCount, columnCount, cellHeight, cellWidth, headerHeight, headerWidth } = metrics;
  const span = (offset: number, size: number, header: number, cell: number, count: number): [number, number] => {
    const start = Math.max(0, Math.floor((offset - header) / cell) - overscan);
    const end = Math.min(count, Math.ceil((offset + size - header) / cell) + overscan);
    return [Math.min(start, count), Math.max(Math.min(start, count), end)];
  };
  const [rowStart, rowEnd] = span(view.top, view.height, headerHeight, cellHeight, rowCount);
  const [columnStart, columnEnd] = span(view.left, view.width, headerWidth, cellWidth, columnCount);
  return { rowStart, rowEnd, columnStart, columnEnd };
}
