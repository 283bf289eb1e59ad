import { requests } from '../protocol/requests';
import { mayReceive, senderKind } from '../protocol/messaging';
import type { SenderInfo } from '../protocol/senders';

/**
 * The background's check on every request it receives: who sent it (the allowlist in
 * utils/protocol/senders.ts, Dark Reader's) and that it parses. Throws, back to the sender, otherwise.
 */
export function accept<K extends keyof typeof requests>(type: K, data: unknown, sender: SenderInfo) {
  if (!mayReceive(type, sender)) throw new Error(`${type} is not accepted from ${senderKind(sender)}`);
  return requests[type].parse(data) as ReturnType<(typeof requests)[K]['parse']>;
}
