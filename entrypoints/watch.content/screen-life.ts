/**
 * The pause screen's own life, one place: up, told abandoned while it stays over a page kept in the
 * back/forward cache, choosing (a choice on its way to the log), closed. What the background is
 * told follows from it: a choice once; an abandonment once, and never after a choice; a fresh start
 * when a screen abandoned into the cache is shown again. Pure: pause.tsx does what it returns.
 */
export type ScreenPhase = 'up' | 'abandoned' | 'choosing' | 'closed';

export type ScreenEvent =
  /** Leave or Continue pressed. */
  | { type: 'choose' }
  /** The choice is recorded (or Leave waited long enough for it): the screen goes. */
  | { type: 'chosen' }
  /** The page went into the back/forward cache with the screen over it. */
  | { type: 'suspend' }
  /** The page was shown again from the cache with the screen still over it. */
  | { type: 'resume' }
  /** Taken down without a choice: the page navigated or unloaded, or the extension went away. */
  | { type: 'dismiss'; reason: 'navigated' | 'unloaded' | 'invalidated' };

export type ScreenEffect =
  /** Send the choice to the log. */
  | 'resolve'
  /** Tell the log the screen's page went away (it may come back). */
  | 'abandon'
  /** Tell the log the screen is up again, under a new id (the log carries the abandoned one over). */
  | 'restart'
  /** Take the screen down and give the page back. */
  | 'remove'
  /** Tell the shell the choice (after `remove`). */
  | 'report';

export function screenStep(phase: ScreenPhase, event: ScreenEvent): { phase: ScreenPhase; effects: ScreenEffect[] } {
  const stay = { phase, effects: [] };
  switch (event.type) {
    case 'choose':
      return phase === 'up' || phase === 'abandoned' ? { phase: 'choosing', effects: ['resolve'] } : stay;
    case 'chosen':
      return phase === 'choosing' ? { phase: 'closed', effects: ['remove', 'report'] } : stay;
    case 'suspend':
      return phase === 'up' ? { phase: 'abandoned', effects: ['abandon'] } : stay;
    case 'resume':
      return phase === 'abandoned' ? { phase: 'up', effects: ['restart'] } : stay;
    case 'dismiss':
      if (phase === 'closed') return stay;
      // The extension went away: there is no log to tell. A screen told already is not told again.
      return { phase: 'closed', effects: phase === 'up' && event.reason !== 'invalidated' ? ['abandon', 'remove'] : ['remove'] };
  }
}
