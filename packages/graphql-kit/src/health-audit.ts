import {
  defaultFieldResolver,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isObjectType,
} from 'graphql';
import type { Viewer } from './auth.ts';

/**
 * Types whose values are health data (answers, decisions, checks, notes,
 * logs, diary, outcomes, questionnaires, cadence, alerts). Any field of any
 * subgraph that returns one of them, directly, in a list or as a
 * connection's nodes, is audited: no resolver has to remember to.
 */
export const HEALTH_DATA_TYPES: ReadonlySet<string> = new Set([
  'MigraineIntake',
  'BookingScreening',
  'ScreeningExplanation',
  'DayOfCheck',
  'SessionPressureReport',
  'OverPressureIncident',
  'SafetyAlert',
  'SessionNote',
  'SessionNoteVersion',
  'HomeworkPlan',
  'HomeworkAdherence',
  'HomeworkLog',
  'DiaryEntry',
  'CareOutcomes',
  'QuestionnaireResult',
  'CadencePlan',
  'CareAlert',
  // choose (issue 18): what client and therapist write to each other
  'BookingMessage',
]);

export interface HealthDataRead {
  actorId: string;
  actorRole: string;
  entityType: string;
  entityId: string;
  /** The client whose data it is, when the value says. */
  subjectId: string | null;
  field: string;
}

export type HealthDataAuditWriter = (reads: HealthDataRead[]) => Promise<void>;

/** The health type a field returns (itself, in a list, or as a connection's node), or null. */
export function healthTypeOf(type: GraphQLNamedType): { name: string; connection: boolean } | null {
  if (HEALTH_DATA_TYPES.has(type.name)) return { name: type.name, connection: false };
  if (isObjectType(type) && type.name.endsWith('Connection')) {
    const edges = type.getFields().edges;
    const edge = edges && getNamedType(edges.type);
    const node = edge && isObjectType(edge) ? edge.getFields().node : undefined;
    const nodeType = node && getNamedType(node.type);
    if (nodeType && HEALTH_DATA_TYPES.has(nodeType.name)) return { name: nodeType.name, connection: true };
  }
  return null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A value's id: `id`, or the decision a screening explanation explains. */
function idOf(v: Record<string, unknown>): string {
  for (const key of ['id', 'decisionId']) if (typeof v[key] === 'string') return v[key] as string;
  return 'unknown';
}
function subjectOf(v: Record<string, unknown>, args: Record<string, unknown>): string | null {
  for (const key of ['clientId', 'clientUserId', 'userId']) {
    const x = v[key];
    if (typeof x === 'string' && UUID.test(x)) return x;
  }
  const fromArg = args.clientId;
  if (typeof fromArg === 'string') {
    try {
      const raw = Buffer.from(fromArg, 'base64url').toString('utf8');
      const id = raw.slice(raw.indexOf(':') + 1);
      if (UUID.test(id)) return id;
    } catch {
      // not a global id
    }
  }
  return null;
}

interface AuditContext {
  viewer?: Viewer | null;
  healthAuditSeen?: Set<string>;
}

function values(result: unknown, connection: boolean): Record<string, unknown>[] {
  if (result === null || result === undefined || typeof result !== 'object') return [];
  if (connection) {
    const edges = (result as { edges?: { node?: unknown }[] }).edges ?? [];
    return edges
      .map((e) => e?.node)
      .filter((n): n is Record<string, unknown> => !!n && typeof n === 'object');
  }
  if (Array.isArray(result)) return result.filter((r) => r && typeof r === 'object');
  return [result as Record<string, unknown>];
}

/**
 * Wraps every field of `schema` that returns health data so that a read by
 * anyone but the client (a therapist or an admin: a client can only ever
 * read their own) writes an audit row before the value is returned. If the
 * audit cannot be written, the read fails: no unaudited access. Returns the
 * audited field coordinates (`Type.field`), which a test checks against the
 * composed schema.
 */
export function auditHealthDataReads(schema: GraphQLSchema, write: HealthDataAuditWriter): Set<string> {
  const audited = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, AuditContext>[]) {
      const health = healthTypeOf(getNamedType(field.type));
      if (!health) continue;
      const coordinate = `${type.name}.${field.name}`;
      const resolve: GraphQLFieldResolver<unknown, AuditContext> = field.resolve ?? defaultFieldResolver;
      field.resolve = async (parent, args, ctx, info) => {
        const result = await resolve(parent, args, ctx, info);
        await audit(result, health, coordinate, args, ctx, write);
        return result;
      };
      audited.add(coordinate);
    }
    // Entities fetched by the gateway for another subgraph's field.
    const entity = type as unknown as { resolveReference?: GraphQLFieldResolver<unknown, AuditContext> };
    if (HEALTH_DATA_TYPES.has(type.name) && entity.resolveReference) {
      const resolveReference = entity.resolveReference;
      const coordinate = `${type.name}.__resolveReference`;
      entity.resolveReference = async (ref, args, ctx, info) => {
        const result = await resolveReference(ref, args, ctx, info);
        await audit(result, { name: type.name, connection: false }, coordinate, {}, ctx, write);
        return result;
      };
      audited.add(coordinate);
    }
  }
  return audited;
}

async function audit(
  result: unknown,
  health: { name: string; connection: boolean },
  field: string,
  args: Record<string, unknown>,
  ctx: AuditContext,
  write: HealthDataAuditWriter,
): Promise<void> {
  const viewer = ctx?.viewer;
  if (!viewer || viewer.role === 'CLIENT') return;
  ctx.healthAuditSeen ??= new Set();
  const reads: HealthDataRead[] = [];
  for (const v of values(result, health.connection)) {
    const key = `${health.name}:${idOf(v)}`;
    if (ctx.healthAuditSeen.has(key)) continue;
    ctx.healthAuditSeen.add(key);
    reads.push({
      actorId: viewer.userId,
      actorRole: viewer.role,
      entityType: health.name,
      entityId: idOf(v),
      subjectId: subjectOf(v, args),
      field,
    });
  }
  if (reads.length > 0) await write(reads);
}
