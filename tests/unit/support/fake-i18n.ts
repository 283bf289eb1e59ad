import english from '@/public/_locales/en/messages.json';
import { messageFrom, type MessageEntry } from './chrome-messages';

export { messageFrom, type MessageEntry };

export const englishMessage = (name: string, substitutions?: string | string[]) =>
  messageFrom(english as Record<string, MessageEntry>, name, substitutions);
