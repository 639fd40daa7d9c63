/** Runs a {@link Session} for as long as the app is mounted. */
import { useEffect } from 'react';
import type { DataAction } from '../app/actions.js';
import type { TuiServices } from '../services.js';
import { Session, type SessionOptions } from './session.js';

/** Starts loading and evaluating on mount; stops watching on unmount. */
export function useSession(services: TuiServices, options: SessionOptions, dispatch: (a: DataAction) => void): void {
  useEffect(() => {
    const session = new Session(services, dispatch, options);
    session.start().catch(() => {
      // Every failure is already reported as an action; nothing else to do here.
    });
    return () => session.stop();
    // The services and options are fixed for the app's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}
