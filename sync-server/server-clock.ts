import { randomUUID } from 'node:crypto';
import { decodeClock, encodeClock, receive, tick, type ClockState } from '../common/hybrid-clock';

/** Remote clocks further ahead than this are not adopted: one device with a wrong clock must not drag the server's along. */
const maxAdoptedSkewMs = 5 * 60_000;

/** The server's hybrid clock, for changes it makes itself (admin, enrolment) and for `serverClock`. */
export class ServerClock {
  private state: ClockState = { wallMs: 0, counter: 0 };

  constructor(readonly nodeId: string = randomUUID()) {}

  next(): string {
    this.state = tick(this.state, Date.now());
    return encodeClock(this.state, this.nodeId);
  }

  observe(hlc: string): void {
    const remote = decodeClock(hlc);
    const now = Date.now();
    if (remote.wallMs > now + maxAdoptedSkewMs) return;
    this.state = receive(this.state, remote, now);
  }
}
