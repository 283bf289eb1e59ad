import { defaultSyncState, SyncState } from '../model/sync';
import { load, syncStateItem, type Loaded } from './storage';

/** Sync's state; one that does not parse turns sync off (kept as a backup with `heal`): this browser's settings stay. */
export const loadSyncState = (heal = false) =>
  load('sync', syncStateItem, (raw): Loaded<SyncState> => {
    if (raw === null || raw === undefined) return { value: defaultSyncState(), valid: true, readable: true };
    const parsed = SyncState.safeParse(raw);
    return parsed.success ? { value: parsed.data, valid: true, readable: true } : { value: defaultSyncState(), valid: false, readable: true };
  }, heal);
