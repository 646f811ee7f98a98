import { useEffect, useRef, useState } from 'preact/hooks';

export type Loadable<T> =
  | { status: 'loading'; data: T | undefined }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: unknown; data: T | undefined };

/**
 * Runs `load` whenever `key` changes (null: do nothing) and aborts the previous request, so a slow
 * answer for an old filter can never overwrite a newer one. While reloading, the last data stays
 * available so lists do not flash empty.
 */
export function useApi<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
): Loadable<T> & { retry: () => void } {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading', data: undefined });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    if (key === null) return undefined;
    const controller = new AbortController();
    setState((previous) => ({ status: 'loading', data: previous.data }));
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState((previous) => ({ status: 'error', error, data: previous.data }));
        }
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  return { ...state, retry: () => setAttempt((n) => n + 1) };
}
