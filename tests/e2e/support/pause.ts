import { expect, type CDPSession, type Page } from '@playwright/test';

/**
 * The pause screen lives in a closed shadow root, out of reach of page scripts and of
 * Playwright's selectors alike. Tests see it as a screen reader does (the accessibility
 * tree, over CDP) and press it as a person does (trusted mouse and keyboard input at the
 * element's box).
 */
export interface AxNode {
  role: string;
  name: string;
  disabled: boolean;
  focused: boolean;
  backendNodeId?: number;
}

const sessions = new WeakMap<Page, CDPSession>();
async function cdp(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = await page.context().newCDPSession(page);
    await session.send('DOM.enable');
    await session.send('Accessibility.enable');
    sessions.set(page, session);
  }
  return session;
}

interface RawAxNode {
  ignored?: boolean;
  role?: { value?: string };
  name?: { value?: string };
  properties?: { name: string; value: { value?: unknown } }[];
  backendDOMNodeId?: number;
}

/** The page's accessibility tree, flattened. */
export async function axNodes(page: Page): Promise<AxNode[]> {
  const session = await cdp(page);
  const { nodes } = (await session.send('Accessibility.getFullAXTree')) as { nodes: RawAxNode[] };
  return nodes
    .filter((node) => !node.ignored)
    .map((node) => {
      const property = (name: string) => node.properties?.find((p) => p.name === name)?.value.value;
      return {
        role: node.role?.value ?? '',
        name: node.name?.value ?? '',
        disabled: property('disabled') === true,
        focused: property('focused') === true,
        backendNodeId: node.backendDOMNodeId,
      };
    });
}

export async function pauseDialog(page: Page): Promise<AxNode | undefined> {
  return (await axNodes(page)).find((node) => node.role === 'dialog' && node.name === 'Take a breath');
}

export async function pauseButton(page: Page, name: 'Leave' | 'Continue anyway'): Promise<AxNode | undefined> {
  return (await axNodes(page)).find((node) => node.role === 'button' && node.name === name);
}

/** All text the pause screen shows, in order (static text nodes of the accessibility tree). */
export async function pauseText(page: Page): Promise<string> {
  const nodes = await axNodes(page);
  return nodes.filter((n) => n.role === 'StaticText').map((n) => n.name).join('\n');
}

/** The centre of a node's box in the page, as CDP gives it (reaching into closed shadow roots). */
export async function nodeCentre(page: Page, node: AxNode): Promise<{ x: number; y: number }> {
  const session = await cdp(page);
  const { model } = (await session.send('DOM.getBoxModel', { backendNodeId: node.backendNodeId })) as { model: { content: number[] } };
  const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
  return { x: (x1 + x3) / 2, y: (y1 + y3) / 2 };
}

/** Clicks an element with a real (trusted) mouse click at the centre of its box. */
export async function clickNode(page: Page, node: AxNode): Promise<void> {
  const session = await cdp(page);
  // The screen can be taller than the window (it scrolls): a person scrolls to the button first.
  await session.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: node.backendNodeId });
  const { x, y } = await nodeCentre(page, node);
  await page.mouse.click(x, y);
}

export async function focusNode(page: Page, node: AxNode): Promise<void> {
  const session = await cdp(page);
  await session.send('DOM.focus', { backendNodeId: node.backendNodeId });
}

/** Fails unless the pause screen's dialog is in the accessibility tree within `timeout`. */
export const expectPaused = (page: Page, timeout = 10_000) => untilPause(page, true, timeout);
/** Fails unless the pause screen's dialog is gone from the accessibility tree within `timeout`. */
export const expectNotPaused = (page: Page, timeout = 10_000) => untilPause(page, false, timeout);

async function untilPause(page: Page, shown: boolean, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const present = Boolean(await pauseDialog(page));
    if (present === shown) return;
    if (Date.now() > deadline) {
      // What the page was doing, for the failure's report: where it is, and whether the host is there at all.
      const state = await page
        .evaluate(() => ({
          url: location.href,
          readyState: document.readyState,
          host: document.querySelector('[popover]') !== null,
          veiled: getComputedStyle(document.documentElement).visibility,
        }))
        .catch((error: unknown) => String(error));
      throw new Error(`pause screen ${shown ? 'did not appear' : 'did not go away'} (${JSON.stringify(state)})`);
    }
    await page.waitForTimeout(100);
  }
}

/** Waits out the pause screen's countdown and presses Continue anyway, as a person would. */
export async function continueThrough(page: Page): Promise<void> {
  await expectPaused(page);
  await expect.poll(async () => (await pauseButton(page, 'Continue anyway'))?.disabled, { timeout: 8_000 }).toBe(false);
  await clickNode(page, (await pauseButton(page, 'Continue anyway'))!);
  await expectNotPaused(page);
}

/**
 * How the screen's backdrop is drawn: its computed style and its box, read through CDP (which
 * reaches into closed shadow roots). Shows the screen's own stylesheet is applied, and that the
 * page's styles did not reach it.
 */
export async function pauseBackdrop(page: Page): Promise<{ position: string; background: string; width: number; height: number } | undefined> {
  const session = await cdp(page);
  await session.send('CSS.enable');
  const { root } = (await session.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const host = findNode(root, (node) => node.localName === 'div' && (node.attributes ?? []).includes('popover'));
  const shadow = host?.shadowRoots?.[0];
  const backdrop = shadow && findNode(shadow, (node) => (node.attributes ?? []).some((a, i, all) => i % 2 === 0 && a === 'class' && all[i + 1]?.split(' ').includes('backdrop')));
  if (!backdrop) return undefined;
  const { computedStyle } = (await session.send('CSS.getComputedStyleForNode', { nodeId: backdrop.nodeId })) as {
    computedStyle: { name: string; value: string }[];
  };
  const style = (name: string) => computedStyle.find((p) => p.name === name)?.value ?? '';
  const { model } = (await session.send('DOM.getBoxModel', { nodeId: backdrop.nodeId })) as { model: { width: number; height: number } };
  return { position: style('position'), background: style('background-color'), width: model.width, height: model.height };
}

interface DomNode {
  nodeId: number;
  localName?: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

function findNode(node: DomNode, test: (node: DomNode) => boolean): DomNode | undefined {
  if (test(node)) return node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) {
    const found = findNode(child, test);
    if (found) return found;
  }
  return undefined;
}

/**
 * The app re-rendering part of its page: the element at `selector` taken out for three frames
 * (each one looked at by the content script), then put back where it was, and three frames more.
 */
export async function rerender(page: Page, selector: string): Promise<void> {
  await page.evaluate(async (selector) => {
    const frame = () => new Promise<void>((done) => requestAnimationFrame(() => done()));
    const element = document.querySelector(selector)!;
    const parent = element.parentNode!;
    const next = element.nextSibling;
    element.remove();
    for (let i = 0; i < 3; i++) await frame();
    parent.insertBefore(element, next);
    for (let i = 0; i < 3; i++) await frame();
  }, selector);
}

/** Counts, in the page, every time the screen's host leaves it from now on; read with `screenRemovals`. */
export async function countScreenRemovals(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __removals: number };
    w.__removals = 0;
    new MutationObserver((records) => {
      for (const record of records) for (const node of record.removedNodes) if ((node as Element).hasAttribute?.('popover')) w.__removals++;
    }).observe(document.documentElement, { childList: true });
  });
}

export const screenRemovals = (page: Page) => page.evaluate(() => (window as unknown as { __removals: number }).__removals);

/**
 * For each element matching `selector`, in document order: whether a softening cover is on it
 * (entrypoints/watch.content/soften.ts: a child <div> whose inline z-index is the cover's; a page can
 * tell, docs/protection.md) and, with `attribute`, that attribute's value (or a descendant's).
 */
export function coveredItems(page: Page, selector: string, attribute?: string): Promise<(boolean | [string | null, boolean])[]> {
  return page.evaluate(
    ([selector, attribute]) =>
      [...document.querySelectorAll(selector!)].map((item) => {
        const covered = [...item.children].some((child) => child instanceof HTMLDivElement && child.style.zIndex === '2147483646');
        if (!attribute) return covered;
        return [item.getAttribute(attribute) ?? item.querySelector(`[${attribute}]`)?.getAttribute(attribute) ?? null, covered] as [string | null, boolean];
      }),
    [selector, attribute] as const,
  );
}

