import { useEffect, useState } from 'react';

/**
 * `value` once it has stayed the same for `delayMs` (`initial` until then). With a delay of 0 it
 * follows `value` a render later.
 */
export function useSettled<T, I = T>(value: T, delayMs: number, initial: I): T | I {
  const [settled, setSettled] = useState<T | I>(initial);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
