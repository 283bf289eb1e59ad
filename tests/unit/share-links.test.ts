import { describe, expect, it } from 'vitest';
import { telegram } from '@/utils/sites/telegram';
import { whatsapp } from '@/utils/sites/whatsapp';
import type { SiteAdapter, Sighting } from '@/utils/sites/types';

// Share links name a person on a host the content script never runs on (t.me, wa.me): the
// adapters list them as `linkHosts`, and fromUrl reads them for links pasted in options.
const thread = (kind: 'handle' | 'phone', value: string): Sighting => ({ kind: 'thread', identifiers: [{ kind, value }] });

const cases: Array<[SiteAdapter, string, Sighting | null]> = [
  [telegram, 'https://t.me/sam_lee', thread('handle', 'sam_lee')],
  [telegram, 'https://t.me/Sam_Lee/', thread('handle', 'Sam_Lee')],
  [telegram, 'https://telegram.me/sam_lee', thread('handle', 'sam_lee')],
  [telegram, 'https://t.me/+447700900123', thread('phone', '447700900123')],
  [telegram, 'https://t.me/+AbCdEfGhIjK12345', null],
  [telegram, 'https://t.me/joinchat/AbCdEfGhIjK', null],
  [telegram, 'https://t.me/s/samleephoto', null],
  [telegram, 'https://t.me/samleephoto/42', null],
  [telegram, 'https://t.me/c/1234567890/42', null],
  [telegram, 'https://t.me/addstickers/SomePack', null],
  [telegram, 'https://t.me/', null],
  [whatsapp, 'https://wa.me/447700900123', thread('phone', '447700900123')],
  [whatsapp, 'https://wa.me/+447700900123', thread('phone', '447700900123')],
  [whatsapp, 'https://api.whatsapp.com/send?phone=447700900123&text=hi', thread('phone', '447700900123')],
  [whatsapp, 'https://wa.me/message/ABCDEFGHIJK1', null],
  [whatsapp, 'https://wa.me/', null],
];

describe('share links read by fromUrl', () => {
  it.each(cases.map(([adapter, url, sighting]) => [adapter.id, url, sighting, adapter] as const))('%s reads %s', (_, url, sighting, adapter) => {
    expect(adapter.fromUrl(new URL(url))).toEqual(sighting);
  });
});

describe('pasting a share link in options', () => {
  it('gives the identifier on the site it belongs to', async () => {
    const { identifiersFromInput } = await import('@/utils/model/identity');
    expect(identifiersFromInput('https://t.me/sam_lee', 'instagram', 'auto')).toEqual({
      ok: true,
      from: 'Telegram Web',
      identifiers: [{ kind: 'handle', value: 'sam_lee', site: 'telegram' }],
    });
    expect(identifiersFromInput('wa.me/447700900123', '*', 'auto')).toEqual({
      ok: true,
      from: 'WhatsApp Web',
      identifiers: [{ kind: 'phone', value: '447700900123', site: 'whatsapp' }],
    });
  });

  it('never makes share-link hosts places the content script runs', async () => {
    const { allMatches } = await import('@/utils/sites');
    expect(allMatches.filter((m) => /t\.me|telegram\.(me|dog)|wa\.me|api\.whatsapp/.test(m))).toEqual([]);
  });
});
