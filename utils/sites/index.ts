import { MatchPattern } from '@webext-core/match-patterns';
import { instagram } from './instagram';
import { facebook } from './facebook';
import { messenger } from './messenger';
import { whatsapp } from './whatsapp';
import { telegram } from './telegram';
import { x } from './x';
import { linkedin } from './linkedin';
import { discord } from './discord';
import { tiktok } from './tiktok';
import { reddit } from './reddit';
import { threads } from './threads';
import { bluesky } from './bluesky';
import { snapchat } from './snapchat';
import { gmail } from './gmail';
import { outlook } from './outlook';
import type { SiteAdapter } from './types';

/** Every built-in site. An adapter not listed here does not exist (tests/unit/sites.test.ts checks). */
export const adapters: readonly SiteAdapter[] = [instagram, facebook, messenger, whatsapp, telegram, x, linkedin, discord, tiktok, reddit, threads, bluesky, snapchat, gmail, outlook];

const patterns = adapters.map((adapter) => ({
  adapter,
  patterns: adapter.matches.map((match) => new MatchPattern(match)),
  linkPatterns: (adapter.linkHosts ?? []).map((match) => new MatchPattern(match)),
}));

/** The adapter whose match patterns include this URL, if any. */
export function adapterForUrl(url: URL | string): SiteAdapter | undefined {
  return patterns.find(({ patterns }) => patterns.some((pattern) => pattern.includes(url)))?.adapter;
}

/**
 * The adapter that can read a pasted link: one whose pages it is, a share link it knows, or
 * one of `customSites` (the user's own sites, as adapters) whose pages it is.
 */
export function adapterForLink(url: URL | string, customSites: readonly SiteAdapter[] = []): SiteAdapter | undefined {
  return (
    adapterForUrl(url) ??
    patterns.find(({ linkPatterns }) => linkPatterns.some((pattern) => pattern.includes(url)))?.adapter ??
    adapterAmong(customSites, url)
  );
}

/** The first of `list` whose match patterns include this URL (custom sites, compiled per use). */
export function adapterAmong(list: readonly SiteAdapter[], url: URL | string): SiteAdapter | undefined {
  return list.find((adapter) => adapter.matches.some((match) => new MatchPattern(match).includes(url)));
}

export function adapterById(id: string): SiteAdapter | undefined {
  return adapters.find((adapter) => adapter.id === id);
}

/** Every host the content script runs on. */
export const allMatches: string[] = adapters.flatMap((adapter) => adapter.matches);
