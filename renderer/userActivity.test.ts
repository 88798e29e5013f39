import { afterEach, describe, expect, it, vi } from 'vitest';
import { UserActivity } from './userActivity';

afterEach(() => {
  vi.useRealTimers();
});

describe('UserActivity', () => {
  it('waits until the person has paused for the given time, counting from their last input', async () => {
    vi.useFakeTimers();
    const target = new EventTarget();
    const activity = new UserActivity(target, () => Date.now());
    let idle = false;
    // no input yet: idle at once
    await activity.idleFor(1_000);

    target.dispatchEvent(new Event('keydown'));
    void activity.idleFor(1_000).then(() => (idle = true));
    await vi.advanceTimersByTimeAsync(600);
    expect(idle).toBe(false);
    target.dispatchEvent(new Event('input')); // typing on: the wait starts again from here
    await vi.advanceTimersByTimeAsync(600);
    expect(idle).toBe(false);
    target.dispatchEvent(new Event('pointerdown'));
    await vi.advanceTimersByTimeAsync(999);
    expect(idle).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(idle).toBe(true);
  });

  it('events other than input do not count', async () => {
    vi.useFakeTimers();
    const target = new EventTarget();
    const activity = new UserActivity(target, () => Date.now());
    target.dispatchEvent(new Event('focus'));
    target.dispatchEvent(new Event('scroll'));
    let idle = false;
    void activity.idleFor(500).then(() => (idle = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(idle).toBe(true);
  });

  it('a wait ends with the abort of its signal', async () => {
    vi.useFakeTimers();
    const target = new EventTarget();
    const activity = new UserActivity(target, () => Date.now());
    target.dispatchEvent(new Event('wheel'));
    const controller = new AbortController();
    const waiting = activity.idleFor(60_000, controller.signal);
    controller.abort(new Error('written meanwhile'));
    await expect(waiting).rejects.toThrow('written meanwhile');
  });
});
