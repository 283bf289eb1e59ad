/** Who sent a message: one of the extension's own pages, its content script, or neither. */
export type SenderKind = 'extension-page' | 'content-script' | 'unknown';

export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
}

/** Who sent a message, from what the browser says of its sender and this extension's own id and origin (pure). */
export function classifySender(sender: SenderInfo, extensionId: string, extensionOrigin: string): SenderKind {
  if (sender.id !== extensionId) return 'unknown';
  // By prefix: URL.origin is "null" for extension schemes in some engines.
  const url = sender.origin ?? sender.url ?? '';
  if (url === extensionOrigin || url.startsWith(`${extensionOrigin}/`)) return 'extension-page';
  if (sender.tab?.id !== undefined && /^https?:\/\//.test(url)) return 'content-script';
  return 'unknown';
}

/**
 * Which senders may make each request (Dark Reader's allowlist), in two parts by who answers: the
 * content scripts carry only their own part (`pageAnswers`), the background checks the whole.
 */
export const pageAnswers = {
  readPage: ['extension-page'],
} as const satisfies Record<string, readonly SenderKind[]>;

const backgroundAnswers = {
  // The pause page (entrypoints/pause) records its attempts as a content script does.
  attemptStarted: ['content-script', 'extension-page'],
  attemptResolved: ['content-script', 'extension-page'],
  attemptAbandoned: ['content-script', 'extension-page'],
  keepDraft: ['content-script'],
  change: ['extension-page'],
  importBackup: ['extension-page'],
  cancelPending: ['extension-page'],
  applyPendingNow: ['extension-page'],
  setFriendCode: ['extension-page'],
  checkCode: ['content-script', 'extension-page'],
  deleteJournalEntry: ['extension-page'],
  rebuildSummary: ['extension-page'],
  learnThread: ['content-script'],
  unreadThread: ['content-script'],
  turnedUp: ['content-script'],
  setSync: ['extension-page'],
  publishWatch: ['content-script'],
  openStop: ['extension-page'],
  passStop: ['extension-page'],
} as const satisfies Record<string, readonly SenderKind[]>;

export const allowedSenders = { ...backgroundAnswers, ...pageAnswers };

export type RequestName = keyof typeof allowedSenders;
