// Devices whose wall clocks disagree. All replicas of a scenario live in one process, so they share
// one clock; real stations offline for weeks do not. Date.now() answers with the skew of the device
// whose work is running (an AsyncLocalStorage context, which follows every await of that work), so
// hybrid clocks meet wall times that run ahead of or behind each other, as they do in the field.
import { AsyncLocalStorage } from 'node:async_hooks';

const skew = new AsyncLocalStorage<number>();

/**
 * Makes Date.now() follow the running device's skew; returns the undo. A plain replacement rather
 * than vi.spyOn: a spy records every call, and Date.now() is called millions of times in a run.
 */
export function installDeviceClocks(): () => void {
  const realNow = Date.now;
  Date.now = () => realNow() + (skew.getStore() ?? 0);
  return () => {
    Date.now = realNow;
  };
}

/** Runs one device's work with its clock `skewMs` ahead (or behind, when negative) of real time. */
export function onDeviceClock<T>(skewMs: number, work: () => Promise<T>): Promise<T> {
  return skew.run(skewMs, work);
}
