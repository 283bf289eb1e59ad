import type { Person } from '@/utils/model/schema';

/**
 * Sam as a user saves them for Telegram: their t.me/sam_lee username and the name the user gave
 * them there. Telegram A's header shows the name (and in 2024–26 builds the peer id), never the
 * username; its address only the user id (utils/sites/telegram.ts).
 */
export const samOnTelegram: Person = {
  id: 'p-sam',
  alias: 'S.',
  identifiers: [
    { kind: 'handle', value: 'sam_lee', site: 'telegram' },
    { kind: 'name', value: 'Sam Lee', site: 'telegram' },
  ],
  addedAt: 1,
};
