import type { SiteAdapter } from '@/utils/sites/types';

/**
 * A built-in site's content script options: on its pages, before their own scripts, carrying that
 * site's adapter only. Every entrypoints/<site>.content.ts is
 * `defineContentScript({ ...siteScript(adapter), main: (ctx) => watchPage(ctx, adapter) })`; `main`
 * stays in the entrypoint itself, so WXT, which evaluates an entrypoint at build time to read its
 * options, drops it and all it imports. A unit test (tests/unit/sites.test.ts) fails on an adapter
 * without its script, which would leave its veil registered and nothing on the page to lift it.
 */
export function siteScript(adapter: SiteAdapter) {
  return {
    matches: adapter.matches,
    runAt: 'document_start',
    // The pause screen's CSS is bundled (pause.tsx), not fetched: the screen mounts in the
    // same task that found the person, and no extension file is exposed to the page.
    cssInjectionMode: 'manual',
    // WXT tells an older copy of this script to stop by an event in this world; its extra
    // window.postMessage would tell the page too (and cost a structured clone before deciding).
    noScriptStartedPostMessage: true,
  } as const;
}
