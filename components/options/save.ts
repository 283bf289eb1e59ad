import type { Change, ChangeResult } from '@/utils/model/changes';

/** How a section of options asks for a change: sent to the background, with what to say once it is saved. */
export type Save = (change: Change, done: string) => Promise<ChangeResult['status']>;
