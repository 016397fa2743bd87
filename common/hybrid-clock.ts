/**
 * Hybrid logical clock (Kulkarni et al.): wall time in ms plus a counter, tagged with the node id.
 * Encoded as a fixed-width string so that string order equals clock order.
 */
export interface ClockState {
  wallMs: number;
  counter: number;
}

const wallWidth = 13;
const counterWidth = 6;

export function encodeClock(state: ClockState, nodeId: string): string {
  return `${state.wallMs.toString().padStart(wallWidth, '0')}:${state.counter
    .toString()
    .padStart(counterWidth, '0')}:${nodeId}`;
}

export function decodeClock(encoded: string): ClockState & { nodeId: string } {
  const [wall, counter, ...node] = encoded.split(':');
  const wallMs = Number(wall);
  const count = Number(counter);
  if (!Number.isSafeInteger(wallMs) || !Number.isSafeInteger(count) || node.length === 0) {
    throw new Error(`Not a hybrid clock value: ${encoded}`);
  }
  return { wallMs, counter: count, nodeId: node.join(':') };
}

/** The next clock value for a local event. */
export function tick(previous: ClockState, nowMs: number): ClockState {
  if (nowMs > previous.wallMs) return { wallMs: nowMs, counter: 0 };
  return { wallMs: previous.wallMs, counter: previous.counter + 1 };
}

/** The next clock value after receiving a remote clock. */
export function receive(previous: ClockState, remote: ClockState, nowMs: number): ClockState {
  const wallMs = Math.max(previous.wallMs, remote.wallMs, nowMs);
  if (wallMs === previous.wallMs && wallMs === remote.wallMs) {
    return { wallMs, counter: Math.max(previous.counter, remote.counter) + 1 };
  }
  if (wallMs === previous.wallMs) return { wallMs, counter: previous.counter + 1 };
  if (wallMs === remote.wallMs) return { wallMs, counter: remote.counter + 1 };
  return { wallMs, counter: 0 };
}
