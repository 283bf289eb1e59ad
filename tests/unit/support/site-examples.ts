import type { SiteAdapter, UrlExample } from '@/utils/sites/types';

// Each adapter's file exports its example URLs beside it (`examples`), outside the adapter
// object so the content scripts, which never use them, do not carry them (issue 12).
const modules = import.meta.glob<{ examples?: UrlExample[] } & Record<string, unknown>>('../../../utils/sites/*.ts', { eager: true });

const byId = new Map<string, UrlExample[]>();
for (const module of Object.values(modules)) {
  for (const value of Object.values(module)) {
    if (typeof value === 'object' && value !== null && 'fromUrl' in value && module.examples) byId.set((value as SiteAdapter).id, module.examples);
  }
}

/** The example URLs kept beside this adapter; none when its file has none. */
export function examplesOf(adapter: SiteAdapter): UrlExample[] {
  return byId.get(adapter.id) ?? [];
}
