// When the person last used the keyboard, mouse or wheel: background work that runs on the page's
// thread (the daily backup's reading and compressing) waits for a pause in their work, so that
// no keystroke of a search or a triage decision queues behind it.

const INPUT_EVENTS = ['keydown', 'pointerdown', 'wheel', 'input'] as const;

export class UserActivity {
  private lastInputAt = Number.NEGATIVE_INFINITY;

  constructor(
    target: Pick<EventTarget, 'addEventListener'>,
    private readonly now: () => number = () => performance.now(),
  ) {
    const seen = () => {
      this.lastInputAt = this.now();
    };
    for (const type of INPUT_EVENTS) target.addEventListener(type, seen, { capture: true, passive: true });
  }

  /** Resolves once there has been no input for `quietMs` (at once if there has been none). */
  idleFor(quietMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const aborted = () => {
        clearTimeout(timer);
        reject(signal!.reason);
      };
      const check = () => {
        if (signal?.aborted) return aborted();
        const quiet = this.now() - this.lastInputAt;
        if (quiet >= quietMs) {
          signal?.removeEventListener('abort', aborted);
          resolve();
        } else timer = setTimeout(check, quietMs - quiet);
      };
      signal?.addEventListener('abort', aborted, { once: true });
      check();
    });
  }
}

let shared: UserActivity | null = null;

/** The window's activity, watched from the first call (the app calls it on start). */
export function userActivity(): UserActivity {
  shared ??= new UserActivity(window);
  return shared;
}
