import { randomUUID } from 'node:crypto';
import { fromGlobalId, toGlobalId } from '@mm/graphql-kit';
import { emitEvent } from '@mm/queue';
import { eventually, type Stack, type TestUser } from '../harness/index.ts';

export const gid = (type: string, id: string) => toGlobalId(type, id);
/** The raw uuid of a signed-up user (events carry raw ids). */
export const uid = (user: Pick<TestUser, 'id'>) => fromGlobalId('User', user.id);

/** Publishes booking's events for a session, exactly as booking would, and waits for care's projection. */
export async function completeSession(
  stack: Stack,
  opts: {
    client: Pick<TestUser, 'id'>;
    therapist: Pick<TestUser, 'id'>;
    startsAt: Date;
    completedAt?: Date;
    selfCareCap?: number;
  },
): Promise<string> {
  const bookingId = randomUUID();
  const completedAt = opts.completedAt ?? new Date(opts.startsAt.getTime() + 60 * 60_000);
  const base = {
    bookingId,
    clientId: uid(opts.client),
    therapistId: uid(opts.therapist),
    kind: 'SESSION' as const,
  };
  await stack.prisma.$transaction(async (tx) => {
    await emitEvent(tx, {
      type: 'booking.confirmed',
      aggregateType: 'Booking',
      aggregateId: bookingId,
      payload: { ...base, startsAt: opts.startsAt.toISOString() },
    });
    await emitEvent(tx, {
      type: 'booking.completed',
      aggregateType: 'Booking',
      aggregateId: bookingId,
      payload: {
        ...base,
        startsAt: opts.startsAt.toISOString(),
        completedAt: completedAt.toISOString(),
        durationMinutes: 60,
        selfCareCap: opts.selfCareCap ?? 5,
      },
    });
  });
  await eventually(
    async () => (await stack.prisma.careBooking.findUnique({ where: { bookingId } }))?.status === 'COMPLETED',
    'the completed session in care',
  );
  return bookingId;
}

/** identity emits this when a client changes timezone. */
export async function changeTimezone(stack: Stack, userId: string, timezone: string): Promise<void> {
  await stack.prisma.$transaction((tx) =>
    emitEvent(tx, {
      type: 'user.profile_updated',
      aggregateType: 'User',
      aggregateId: userId,
      payload: { userId, timezone },
    }),
  );
  await eventually(
    async () => (await stack.prisma.careClient.findUnique({ where: { userId } }))?.timezone === timezone,
    'the timezone in care',
  );
}

export const CREATE_PLAN = /* GraphQL */ `
  mutation($input: CreateHomeworkPlanInput!) {
    createHomeworkPlan(input: $input) {
      plan {
        id status painCap sessionCap description
        items { itemId title painCap times limits }
        upcomingReminders(first: 50) { id itemId fireAt localDate localTime timeZone adjustments status }
      }
    }
  }
`;

export const PLAN = /* GraphQL */ `
  query($id: ID!) {
    homeworkPlan(id: $id) {
      id status statusReason painCap
      upcomingReminders(first: 50) { id itemId fireAt localDate localTime timeZone adjustments status }
      adherence { done skipped missed pending percent }
    }
  }
`;

export interface ReminderOut {
  id: string;
  itemId: string;
  fireAt: string;
  localDate: string;
  localTime: string;
  timeZone: string;
  adjustments: string[];
  status: string;
}

export interface PlanOut {
  id: string;
  status: string;
  statusReason?: string | null;
  painCap: number;
  sessionCap?: number | null;
  description?: string;
  items?: { itemId: string; title: string; painCap: number | null; times: string[]; limits: string[] }[];
  upcomingReminders: ReminderOut[];
  adherence?: { done: number; skipped: number; missed: number; pending: number; percent: number | null };
}

export async function createPlan(
  stack: Stack,
  therapist: TestUser,
  input: Record<string, unknown>,
): Promise<PlanOut> {
  const res = await stack.gql<{ createHomeworkPlan: { plan: PlanOut } }>(
    CREATE_PLAN,
    { input },
    { token: therapist.accessToken },
  );
  if (!res.data) throw new Error(`createHomeworkPlan failed: ${res.raw}`);
  return res.data.createHomeworkPlan.plan;
}

export const ACKNOWLEDGE_CARE_ALERT = /* GraphQL */ `
  mutation($input: AcknowledgeCareAlertInput!) { acknowledgeCareAlert(input: $input) { alert { status } } }
`;

/** The open care alerts as `admin` sees them, each with `fields`. */
export async function openCareAlerts<T extends { id: string }>(
  stack: Stack,
  admin: TestUser,
  fields: string,
): Promise<T[]> {
  const res = await stack.gql<{ careAlerts: { edges: { node: T }[] } }>(
    `query { careAlerts(status: OPEN) { edges { node { ${fields} } } } }`,
    {},
    { token: admin.accessToken },
  );
  if (!res.data || res.errors) throw new Error(`careAlerts failed: ${res.raw}`);
  return res.data.careAlerts.edges.map((e) => e.node);
}

/** Acknowledges every open care alert, so what a test expects next starts from none. */
export async function acknowledgeCareAlerts(stack: Stack, admin: TestUser): Promise<void> {
  for (const alert of await openCareAlerts(stack, admin, 'id')) {
    const res = await stack.gql(
      ACKNOWLEDGE_CARE_ALERT,
      { input: { alertId: alert.id } },
      { token: admin.accessToken },
    );
    if (res.errors) throw new Error(`acknowledgeCareAlert failed: ${res.raw}`);
  }
}
