import { defineExtensionMessaging } from '@webext-core/messaging';
import { browser } from 'wxt/browser';
import type { ProtocolMap } from './requests';
import { allowedSenders, classifySender, pageAnswers, type RequestName, type SenderKind, type SenderInfo } from './senders';

/**
 * The protocol's shell: sending and receiving the requests of utils/protocol/requests.ts, and who
 * sent one. Imports the requests' types only, not their schemas: the content scripts send
 * requests and carry no zod; the background checks each one it receives (utils/background/accept.ts).
 */
export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();

/** classifySender against this extension's own id and origin. */
export function senderKind(sender: SenderInfo): SenderKind {
  return classifySender(sender, browser.runtime.id, browser.runtime.getURL('/').replace(/\/$/, ''));
}

/** Whether this sender may make this request of the background (the allowlist in senders.ts). */
export function mayReceive(type: RequestName, sender: SenderInfo): boolean {
  return (allowedSenders[type] as readonly SenderKind[]).includes(senderKind(sender));
}

/** The same, for a request a content script answers: its script carries only its part of the list. */
export function pageMayReceive(type: keyof typeof pageAnswers, sender: SenderInfo): boolean {
  return (pageAnswers[type] as readonly SenderKind[]).includes(senderKind(sender));
}
