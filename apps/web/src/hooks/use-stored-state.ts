import { useCallback, useState } from 'react';

const PREFIX = 'textai:';

function read<T>(key: string, initial: T): T {
  try {
    const raw = window.sessionStorage.getItem(PREFIX + key);
    if (raw === null) return initial;
    const parsed: unknown = JSON.parse(raw);
    // Only a value of the same kind as the default is trusted (the storage is the user's to edit).
    return typeof parsed === typeof initial ? (parsed as T) : initial;
  } catch {
    return initial;
  }
}

/**
 * State kept in sessionStorage for this tab, so what the user typed survives a reload or a detour
 * through the login page when the session has ended.
 */
export function useStoredState(key: string, initial: string): [string, (value: string) => void];
export function useStoredState(key: string, initial: number): [number, (value: number) => void];
export function useStoredState(key: string, initial: boolean): [boolean, (value: boolean) => void];
export function useStoredState<T extends string | number | boolean>(
  key: string,
  initial: T,
): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => read(key, initial));
  const update = useCallback(
    (next: T) => {
      setValue(next);
      try {
        window.sessionStorage.setItem(PREFIX + key, JSON.stringify(next));
      } catch {
        // Storage full or disabled: the value still lives in memory.
      }
    },
    [key],
  );
  return [value, update];
}

/** Forgets every stored input of this tab (at logout, so the next person at the screen sees none). */
export function clearStoredState(): void {
  try {
    const keys: string[] = [];
    for (let i = 0; i < window.sessionStorage.length; i++) {
      const key = window.sessionStorage.key(i);
      if (key !== null && key.startsWith(PREFIX)) keys.push(key);
    }
    for (const key of keys) window.sessionStorage.removeItem(key);
  } catch {
    // Storage disabled: nothing was stored.
  }
}
