import { useEffect, useState } from 'preact/hooks';
import type { MessageKey } from '../i18n';
import { currentLocation } from './router';

/**
 * A message for the page the app has just moved to ("You are signed out."), shown until the next
 * navigation.
 */
interface Flash {
  key: MessageKey;
  locationKey: number;
}

let current: Flash | null = null;
const listeners = new Set<(flash: Flash | null) => void>();

/** Call after `navigate`: the message belongs to the page now shown. */
export function flash(key: MessageKey): void {
  current = { key, locationKey: currentLocation().key };
  for (const listener of listeners) listener(current);
}

export function useFlash(locationKey: number): MessageKey | null {
  const [value, setValue] = useState(current);
  useEffect(() => {
    listeners.add(setValue);
    setValue(current);
    return () => {
      listeners.delete(setValue);
    };
  }, []);
  return value && value.locationKey === locationKey ? value.key : null;
}
