import { describe, expect, it } from 'vitest';
import { screenStep, type ScreenEffect, type ScreenEvent, type ScreenPhase } from '@/entrypoints/watch.content/screen-life';

const cases: [name: string, phase: ScreenPhase, event: ScreenEvent, next: ScreenPhase, effects: ScreenEffect[]][] = [
  ['a choice on the screen goes to the log', 'up', { type: 'choose' }, 'choosing', ['resolve']],
  ['a second press while the first is on its way: nothing', 'choosing', { type: 'choose' }, 'choosing', []],
  ['a choice on a screen told abandoned (back from the cache) still counts', 'abandoned', { type: 'choose' }, 'choosing', ['resolve']],
  ['a press on a screen already gone: nothing', 'closed', { type: 'choose' }, 'closed', []],
  ['the choice recorded: the screen goes and the shell is told', 'choosing', { type: 'chosen' }, 'closed', ['remove', 'report']],
  ['recorded after the page moved on meanwhile: nothing more', 'closed', { type: 'chosen' }, 'closed', []],
  ['into the cache: the log is told, the screen stays over the page', 'up', { type: 'suspend' }, 'abandoned', ['abandon']],
  ['into the cache again: told once', 'abandoned', { type: 'suspend' }, 'abandoned', []],
  ['into the cache with a choice on its way: the choice stands', 'choosing', { type: 'suspend' }, 'choosing', []],
  ['back from the cache: the attempt goes on under a new id', 'abandoned', { type: 'resume' }, 'up', ['restart']],
  ['back from the cache never told abandoned: nothing', 'up', { type: 'resume' }, 'up', []],
  ['back with a choice on its way: nothing', 'choosing', { type: 'resume' }, 'choosing', []],
  ['the page navigated away with the screen up: told, then taken down', 'up', { type: 'dismiss', reason: 'navigated' }, 'closed', ['abandon', 'remove']],
  ['the page unloaded with the screen up: told, then taken down', 'up', { type: 'dismiss', reason: 'unloaded' }, 'closed', ['abandon', 'remove']],
  ['the extension went away: taken down, nobody to tell', 'up', { type: 'dismiss', reason: 'invalidated' }, 'closed', ['remove']],
  ['taken down after it was told abandoned: not told twice', 'abandoned', { type: 'dismiss', reason: 'unloaded' }, 'closed', ['remove']],
  ['taken down with a choice on its way: never told abandoned', 'choosing', { type: 'dismiss', reason: 'navigated' }, 'closed', ['remove']],
  ['taken down twice: once', 'closed', { type: 'dismiss', reason: 'navigated' }, 'closed', []],
];

describe('the pause screen’s life', () => {
  it.each(cases)('%s', (_name, phase, event, next, effects) => {
    expect(screenStep(phase, event)).toEqual({ phase: next, effects });
  });
});
