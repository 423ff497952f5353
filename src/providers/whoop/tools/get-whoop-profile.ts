/** `get_whoop_profile`: the WHOOP member's name and email (never the user id). */
import { z } from 'zod';
import { defineWhoopSnapshotTool } from './snapshot-tool.js';
import { WHOOP } from './whoop-common.js';

export const getWhoopProfile = defineWhoopSnapshotTool({
  name: 'get_whoop_profile',
  title: 'WHOOP profile',
  description: 'The connected WHOOP member’s basic profile: first name, last name and email. The WHOOP user id is never returned.',
  resource: WHOOP.profile,
  field: 'profile',
  row: z.object({ source: z.literal('whoop'), first_name: z.string().nullable(), last_name: z.string().nullable(), email: z.string().nullable() }),
  toRow: (record) => ({
    source: 'whoop' as const,
    first_name: record.data.first_name ?? null,
    last_name: record.data.last_name ?? null,
    email: record.data.email ?? null,
  }),
});
