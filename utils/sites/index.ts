import { MatchPattern } from '@webext-core/match-patterns';
import { instagram } from './instagram';
import type { SiteAdapter } from './types';

/** Every built-in site. An adapter not listed here does not exist (tests/unit/sites.test.ts checks). */
export const adapters: readonly SiteAdapter[] = [instagram];

const patterns = adapters.map((adapter) => ({
  adapter,
  patterns: adapter.matches.map((match) => new MatchPattern(match)),
}));

/** The adapter whose match patterns include this URL, if any. */
export function adapterForUrl(url: URL | string): SiteAdapter | undefined {
  return patterns.find(({ patterns }) => patterns.some((pattern) => pattern.includes(url)))?.adapter;
}

export function adapterById(id: string): SiteAdapter | undefined {
  return adapters.find((adapter) => adapter.id === id);
}

/** Every host the content script runs on. */
export const allMatches: string[] = adapters.flatMap((adapter) => adapter.matches);
