import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import type { Database } from '../db/database.js';
import type { Executor } from '../db/executor.js';
import { recordEvents } from '../events/record-events.js';
import { anonymousPerson, type UsageEvent } from '../events/usage-event.js';
import { type Actor, actorForSecret } from '../server/actor.js';
import { badRequest, type FieldIssue, HttpError } from '../server/http-error.js';
import { withItemsCheckedApart } from '../server/read-json.js';
import { defineRoute, type RouteSpec } from '../server/route.js';
import { readTrackingSettings } from '../settings/workspace-settings.js';
import { applyGroup, applyIdentify, type IdentityCall } from './apply-identity.js';
import { ingestWriterFor } from './ingest-writer.js';
import { type ParsedMessage, parseSegmentMessage, parseSegmentTime, sentAtProblem } from './segment-message.js';

// Segment's HTTP Tracking API (segment.com/docs/connections/sources/catalog/libraries/server/http-api): the same
// paths, the write key as the Basic-auth user name, 32 KB a call and 500 KB a batch. Point a Segment library's
// host at Pacer and it works unchanged.
//
// analytics.js, Segment's browser library, calls the same API from the product's pages: by the short paths
// (/v1/t, /v1/p, /v1/i, /v1/g, /v1/s, /v1/b), with the write key in the body as well as (lately) in Basic auth,
// as text/plain, from another origin (CORS, src/server/app.ts). It first fetches its settings from its CDN:
// given Pacer's address as its cdnURL, it gets them from /v1/projects/:writeKey/settings, which sends its events
// here.

const CALL_LIMIT = 32 * 1024;
const BATCH_LIMIT = 500 * 1024;
const UNAUDITED =
  'usage data from the product, counted into rollups, not a change made by a person; what identify/group change in accounts and contacts is audited, with the key as actor';

const message = z.looseObject({
  userId: z.unknown().optional(),
  anonymousId: z.unknown().optional(),
  messageId: z.unknown().optional(),
  timestamp: z.unknown().optional(),
  context: z.unknown().optional(),
  properties: z.unknown().optional(),
  traits: z.unknown().optional(),
});
// Each message is checked for unstorable text by parseSegmentMessage, so one bad message is refused alone.
const batchBody = withItemsCheckedApart(
  z.looseObject({
    batch: z.array(z.unknown(), { error: 'must be an array of messages' }),
    sentAt: z.unknown().optional(),
    context: z.unknown().optional(),
  }),
  'batch',
);
const accepted = z.object({
  success: z.literal(true),
  accepted: z.number().describe('Messages stored (or recognised as already stored).'),
  duplicates: z.number().describe('Events whose messageId was stored before: not counted again.'),
  rejected: z
    .array(z.object({ index: z.number(), messageId: z.string().nullable(), field: z.string(), message: z.string() }))
    .describe('Messages dropped, each with the reason; the others were kept.'),
  ignored: z
    .array(z.object({ index: z.number(), field: z.string(), message: z.string() }))
    .describe(
      'Traits of identify/group messages that were accepted but not applied, each with the reason (a browser key changes no stored field; the account fields tracking.mayUpdate does not list).',
    ),
});

interface MessageIssue {
  index: number;
  messageId: string | null;
  field: string;
  message: string;
}

interface Outcome {
  accepted: number;
  duplicates: number;
  rejected: MessageIssue[];
  ignored: Omit<MessageIssue, 'messageId'>[];
}

/** Who is calling, for identify/group: the key's kind and the workspace's tracking settings decide what may change. */
interface Sender {
  actor: Actor;
  userIsAccount: boolean;
}

/**
 * Applies parsed messages atomically: a batch of events alone is one statement; with identify/group calls (applied
 * first, so the events can find their account) or B2C accounts to make, one transaction.
 */
async function applyMessages(database: Database, parsed: ParsedMessage[], sender: Sender): Promise<Outcome> {
  const { userIsAccount } = sender;
  const onlyEvents = parsed.every((item) => !item.ok || item.message.kind === 'event');
  if (onlyEvents) {
    const outcome: Outcome = { accepted: 0, duplicates: 0, rejected: [], ignored: [] };
    const events: UsageEvent[] = [];
    for (const [index, item] of parsed.entries()) {
      if (item.ok && item.message.kind === 'event') events.push(item.message.event);
      else if (!item.ok) outcome.rejected.push({ index, messageId: item.messageId ?? null, ...item.issue });
    }
    const result = await ingestWriterFor(database).write(events, userIsAccount);
    return { ...outcome, accepted: events.length, duplicates: result.duplicates };
  }
  return database.db.transaction().execute((trx) => applyInOrder(trx, parsed, sender));
}

async function identityCall(db: Executor, actor: Actor): Promise<IdentityCall> {
  return {
    actor: actor.label,
    audit: [],
    // A browser key changes no stored field whatever the settings say: they are read for server keys only.
    policy: actor.browser
      ? { kind: 'browser', mayUpdate: [] }
      : { kind: 'server', mayUpdate: (await readTrackingSettings(db)).mayUpdate },
  };
}

async function applyInOrder(db: Executor, parsed: ParsedMessage[], sender: Sender): Promise<Outcome> {
  const { userIsAccount } = sender;
  const outcome: Outcome = { accepted: 0, duplicates: 0, rejected: [], ignored: [] };
  const call = await identityCall(db, sender.actor);
  const events: UsageEvent[] = [];
  // Visitors this batch identifies: their anonymous events in it are the user's too, as the ones stored before are.
  const identified = new Map<string, string>();
  for (const [index, item] of parsed.entries()) {
    if (!item.ok) {
      outcome.rejected.push({ index, messageId: item.messageId ?? null, ...item.issue });
      continue;
    }
    const { message: m } = item;
    let ignored: { field: string; message: string }[];
    if (m.kind === 'identify') {
      ignored = await applyIdentify(db, m.userId, m.traits, call, { userIsAccount, anonymousId: m.anonymousId });
      if (m.anonymousId !== null) identified.set(anonymousPerson(m.anonymousId), m.userId);
    } else if (m.kind === 'group') ignored = await applyGroup(db, m.groupId, m.traits, m.userId, call);
    else {
      events.push(m.event);
      continue;
    }
    outcome.ignored.push(...ignored.map((issue) => ({ index, ...issue })));
    outcome.accepted++;
  }
  await recordAudit(db, call.audit);
  for (const event of events) {
    const user = event.accountExternalId === null && event.userId !== null ? identified.get(event.userId) : undefined;
    if (user !== undefined) event.userId = user;
  }
  const result = await recordEvents(db, events, { userIsAccount });
  outcome.accepted += events.length;
  outcome.duplicates = result.duplicates;
  return outcome;
}

function withBatchContext(raw: unknown, context: unknown): unknown {
  if (typeof context !== 'object' || context === null || typeof raw !== 'object' || raw === null) return raw;
  const own = (raw as { context?: unknown }).context;
  return { ...raw, context: { ...context, ...(typeof own === 'object' && own !== null ? own : {}) } };
}

/** The sender's clock at sending, which corrects every event's time: a request with an unreadable one is refused. */
function readSentAt(value: unknown): Date | null {
  const problem = sentAtProblem(value);
  if (problem) throw badRequest([{ field: 'sentAt', message: problem }]);
  return parseSegmentTime(value) ?? null;
}

type CallType = 'track' | 'page' | 'screen' | 'identify' | 'group' | 'alias';

function singleCall(type: CallType, path = `/v1/${type}`): RouteSpec {
  return defineRoute({
    method: 'post',
    path,
    access: 'ingest',
    tag: 'Tracking (Segment-compatible)',
    summary:
      type === 'alias'
        ? 'Segment alias call, as analytics.js sends it: refused with the reason (Pacer knows a person by userId)'
        : path === `/v1/${type}`
          ? `Segment ${type} call`
          : `Segment ${type} call, as analytics.js sends it`,
    body: message,
    response: accepted,
    maxBodyBytes: CALL_LIMIT,
    unaudited: UNAUDITED,
    transaction: 'handler',
    writeKeyInBody: true,
    async handler({ database, body, actor }) {
      const receivedAt = new Date();
      const sentAt = readSentAt((body as { sentAt?: unknown }).sentAt);
      const parsed = parseSegmentMessage(body, receivedAt, sentAt, type);
      if (!parsed.ok) throw badRequest([parsed.issue]);
      const outcome = await applyMessages(database, [parsed], { actor, userIsAccount: actor.userIsAccount ?? false });
      return { body: { success: true, ...outcome } };
    },
  });
}

function batchCall(path: string): RouteSpec {
  return defineRoute({
    method: 'post',
    path,
    access: 'ingest',
    tag: 'Tracking (Segment-compatible)',
    summary:
      'Segment batch: many track/page/screen/identify/group messages in one call; bad ones are listed, good ones kept',
    body: batchBody,
    response: accepted,
    maxBodyBytes: BATCH_LIMIT,
    unaudited: UNAUDITED,
    transaction: 'handler',
    writeKeyInBody: true,
    async handler({ database, body, actor }) {
      const receivedAt = new Date();
      const sentAt = readSentAt(body.sentAt);
      const parsed = body.batch.map((raw) =>
        parseSegmentMessage(withBatchContext(raw, body.context), receivedAt, sentAt),
      );
      if (parsed.length > 0 && parsed.every((item) => !item.ok)) {
        throw badRequest(
          parsed.flatMap((item, index): FieldIssue[] =>
            item.ok ? [] : [{ field: `batch.${index}.${item.issue.field}`, message: item.issue.message }],
          ),
        );
      }
      const outcome = await applyMessages(database, parsed, { actor, userIsAccount: actor.userIsAccount ?? false });
      return { body: { success: true, ...outcome } };
    },
  });
}

/**
 * What analytics.js reads from Segment's CDN before it sends anything, for an ingest key: its events go to this
 * server (Segment.io's apiHost), and it sends Segment no metrics. No tracking plan and no device-mode
 * destinations, so it loads no further code from the CDN.
 *
 * apiHost is PACER_PUBLIC_URL when set; otherwise this request's host (which the server's Host allowlist has
 * checked). Either way the answer is never stored by a cache: one keyed without the Host would hand the address
 * one request named to every later visitor, and a revoked key must stop working at once.
 */
const projectSettings = defineRoute({
  method: 'get',
  path: '/v1/projects/:writeKey/settings',
  access: 'anonymous',
  tag: 'Tracking (Segment-compatible)',
  summary: "analytics.js's settings for a write key: set its cdnURL to Pacer's address and it sends events here",
  params: z.object({ writeKey: z.string().min(1).max(255) }),
  response: z.looseObject({ integrations: z.record(z.string(), z.unknown()) }),
  async handler({ params, database, publicUrl }) {
    const actor = await actorForSecret(database.db, params.writeKey);
    // Only an ingest key: whatever a page holds, every visitor can read.
    if (actor?.scope !== 'ingest') {
      throw new HttpError(404, 'not_found', 'no ingest key has this write key, or it was revoked');
    }
    const url = new URL(publicUrl());
    return {
      headers: { 'cache-control': 'no-store', vary: 'Host, X-Forwarded-Proto' },
      body: {
        integrations: {
          'Segment.io': {
            apiKey: params.writeKey,
            apiHost: `${url.host}${url.pathname.replace(/\/+$/, '')}/v1`,
            protocol: url.protocol.slice(0, -1),
            unbundledIntegrations: [],
            addBundledMetadata: false,
          },
        },
        metrics: { sampleRate: 0 },
        remotePlugins: [],
        middlewareSettings: {},
        enabledMiddleware: {},
        edgeFunction: {},
        analyticsNextEnabled: true,
        legacyVideoPluginsEnabled: false,
      },
    };
  },
});

export const segmentRoutes: RouteSpec[] = [
  singleCall('track'),
  singleCall('page'),
  singleCall('screen'),
  singleCall('identify'),
  singleCall('group'),
  batchCall('/v1/batch'),
  batchCall('/v1/import'),
  // analytics.js's paths.
  singleCall('track', '/v1/t'),
  singleCall('page', '/v1/p'),
  singleCall('screen', '/v1/s'),
  singleCall('identify', '/v1/i'),
  singleCall('group', '/v1/g'),
  singleCall('alias', '/v1/a'),
  batchCall('/v1/b'),
  projectSettings,
];
