import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PauseScreen, timesTodayText, type PauseScreenProps } from '@/components/screen/PauseScreen';

let root: HTMLElement;
const props = (overrides: Partial<PauseScreenProps> = {}): PauseScreenProps => ({
  alias: 'S.',
  kind: 'thread',
  questions: ['Are they willing to listen and compromise?'],
  reminder: 'When it is time to move on, it is time to move on.',
  countdownSeconds: 3,
  typedPhrase: '',
  supportPerson: null,
  onLeave: vi.fn(),
  onContinue: vi.fn(),
  ...overrides,
});
const button = (name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === name)!;
let visibility: DocumentVisibilityState = 'visible';

describe('the pause screen component', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    visibility = 'visible';
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
    root = document.createElement('div');
    document.body.append(root);
  });
  afterEach(() => {
    render(null, root);
    root.remove();
    vi.useRealTimers();
  });

  it('names only the alias and the moment, and shows the questions and reminder', () => {
    act(() => render(<PauseScreen {...props()} />, root));
    expect(root.textContent).toContain('You are about to open your conversation with S.');
    // The alias ends with a full stop, and so does the sentence: one, not two (issue 25).
    expect(root.textContent).not.toContain('S..');
    expect(root.textContent).toContain('Are they willing to listen and compromise?');
    expect(root.textContent).toContain('When it is time to move on');
    expect(root.querySelector('img')).toBeNull();
  });

  it('on one of their stories, says it is a story and that they will see who watched', () => {
    act(() => render(<PauseScreen {...props({ story: true })} />, root));
    expect(root.textContent).toContain('You are about to watch S.’s story.');
    expect(root.textContent).toContain('If you open it, they will see that you watched.');
    act(() => render(<PauseScreen {...props()} />, root));
    expect(root.textContent).not.toContain('they will see that you watched');
  });

  it('counts down only while the tab is visible', () => {
    act(() => render(<PauseScreen {...props()} />, root));
    expect(button('Continue anyway').disabled).toBe(true);
    visibility = 'hidden';
    act(() => void vi.advanceTimersByTime(10_000));
    expect(button('Continue anyway').disabled).toBe(true);
    expect(root.textContent).toContain('Continue is available in 3 seconds');
    visibility = 'visible';
    act(() => void vi.advanceTimersByTime(3_000));
    expect(button('Continue anyway').disabled).toBe(false);
  });

  it('ignores scripted clicks and Escape', () => {
    const onLeave = vi.fn();
    const onContinue = vi.fn();
    act(() => render(<PauseScreen {...props({ onLeave, onContinue, countdownSeconds: 3 })} />, root));
    act(() => void vi.advanceTimersByTime(3_000));
    // happy-dom's events are untrusted, like a page script's.
    act(() => button('Leave').click());
    act(() => button('Continue anyway').click());
    const escape = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    act(() => void root.querySelector('[role="dialog"]')!.dispatchEvent(escape));
    expect(escape.defaultPrevented).toBe(true);
    expect(onLeave).not.toHaveBeenCalled();
    expect(onContinue).not.toHaveBeenCalled();
    expect(root.querySelector('[role="dialog"]')).not.toBeNull();
  });

  it('goes on from the time already waited when a longer countdown arrives (the background answered late)', () => {
    act(() => render(<PauseScreen {...props({ countdownSeconds: 10 })} />, root));
    act(() => void vi.advanceTimersByTime(4_000));
    act(() => render(<PauseScreen {...props({ countdownSeconds: 30, timesToday: 3 })} />, root));
    expect(root.textContent).toContain('Continue is available in 26 seconds');
    act(() => void vi.advanceTimersByTime(26_000));
    expect(button('Continue anyway').disabled).toBe(false);
  });

  it('says kindly which time today this is, once known', () => {
    act(() => render(<PauseScreen {...props()} />, root));
    expect(root.textContent).not.toContain('time today');
    act(() => render(<PauseScreen {...props({ timesToday: 3 })} />, root));
    expect(root.textContent).toContain('This is the third time today. That is all right: each pause counts.');
    expect(timesTodayText(1)).toBe('This is the first time today. Pausing here is already a choice.');
    expect([11, 12, 13, 21, 22, 23, 101].map((n) => timesTodayText(n).split(' ')[3])).toEqual(['11th', '12th', '13th', '21st', '22nd', '23rd', '101st']);
  });

  it('shows the support person’s link', () => {
    act(() => render(<PauseScreen {...props({ supportPerson: { name: 'Sam', link: 'sms:+15550100' } })} />, root));
    const link = root.querySelector('a.support')!;
    expect(link.textContent).toBe('Call Sam instead');
    expect(link.getAttribute('href')).toBe('sms:+15550100');
  });
});
