import { defineExtensionMessaging } from '@webext-core/messaging';
import { browser } from 'wxt/browser';
import type { ProtocolMap } from './requests';

/**
 * The protocol's shell: sending and receiving the requests of utils/protocol/requests.ts, and who sent
 * one. Imports the requests' types only, not their schemas: the content scripts send requests
 * and carry no zod (issue 12); the background checks each one it receives (utils/background/accept.ts).
 */
export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();

/** Who sent a message: one of the extension's own pages, its content script, or neither. */
export type SenderKind = 'extension-page' | 'content-script' | 'unknown';

export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
}

export function classifySender(sender: SenderInfo, extensionId: string, extensionOrigin: string): SenderKind {
  if (sender.id !== extensionId) return 'unknown';
  // By prefix: URL.origin is "null" for extension schemes in some engines.
  const url = sender.origin ?? sender.url ?? '';
  if (url === extensionOrigin || url.startsWith(`${extensionOrigin}/`)) return 'extension-page';
  if (sender.tab?.id !== undefined && /^https?:\/\//.test(url)) return 'content-script';
  return 'unknown';
}

/** classifySender against this extension's own id and origin. */
export function senderKind(sender: SenderInfo): SenderKind {
  return classifySender(sender, browser.runtime.id, browser.runtime.getURL('/').replace(/\/$/, ''));
}
