import type { AuditEntry, Credential, Document, InsurancePolicy, License } from '@mm/db';
import { toIsoDate } from '@mm/eligibility';
import {
  fromGlobalId,
  type GraphQLContext,
  referenceLoader,
  requireViewer,
  toGlobalId,
} from '@mm/graphql-kit';
import type {
  ApplicationsRepository,
  ApplicationView,
  ApplicationWithItems,
  ItemList,
} from './application.repository.ts';
import { actorOf, canSee, refOf } from './application.rules.ts';
import type { ApplicationsService } from './application.service.ts';
import { type ApplicationAction, availableActions } from './application.state-machine.ts';
import { availabilityExceptionsOf, weeklyAvailabilityOf } from './availability.ts';
import type { VettingService } from './vetting.service.ts';

/** GraphQL enum value ↔ state machine action. */
const ACTIONS: Record<string, ApplicationAction> = {
  SUBMIT: 'submit',
  RESUBMIT: 'resubmit',
  CLAIM: 'claim',
  APPROVE: 'approve',
  REJECT: 'reject',
  NEEDS_INFO: 'needsInfo',
  SUSPEND: 'suspend',
  REINSTATE: 'reinstate',
};
const ACTION_ENUM = Object.fromEntries(Object.entries(ACTIONS).map(([k, v]) => [v, k])) as Record<
  ApplicationAction,
  string
>;

const userRef = (uuid: string) => ({ __typename: 'User', id: toGlobalId('User', uuid) });
const day = (d: Date | null) => (d ? toIsoDate(d) : null);

type Input<T = Record<string, unknown>> = { input: T };

type DocumentQuery = { obj: { documentId?: string | null; photoDocumentId?: string | null } };
type ApplicationQuery = { obj: ApplicationView };

const userIdOf = (ref: { id: string }) => {
  try {
    return fromGlobalId('User', ref.id);
  } catch {
    return null;
  }
};

/**
 * An application's rows, items and documents, each in one statement per request whatever the page size or
 * number of references. An application is read as its row only; its items and nearest expiry are loaded
 * when the query asks for them (a mutation's payload carries its items already).
 */
export function applicationsLoaders(
  service: ApplicationsService,
  repo: ApplicationsRepository,
  loadDocuments: (ids: (string | null)[]) => Promise<(Document | null)[]>,
) {
  const by = (key: 'documentId' | 'photoDocumentId') => (queries: DocumentQuery[]) =>
    loadDocuments(queries.map((q) => q.obj[key] ?? null));
  const items =
    <L extends ItemList>(list: L) =>
    async (queries: ApplicationQuery[]) => {
      const missing = queries.filter((q) => !q.obj[list]).map((q) => q.obj.id);
      const loaded = missing.length > 0 ? await repo.itemsOf(list, missing) : new Map();
      return queries.map((q) => q.obj[list] ?? loaded.get(q.obj.id) ?? []);
    };
  return {
    User: {
      therapistApplication: async (queries: { obj: { id: string } }[], context: object) =>
        service.forTherapists(
          (context as GraphQLContext).viewer,
          queries.map((q) => userIdOf(q.obj)),
        ),
    },
    TherapistApplication: {
      // Federation's references: one query for all of a request's, null where the viewer may not see.
      __resolveReference: referenceLoader(
        'TherapistApplication',
        async (ids) => (await repo.findRowsBy('id', ids)).filter((a) => a !== null),
        (app, ctx) => canSee(ctx.viewer, app),
      ),
      photo: by('photoDocumentId'),
      licenses: items('licenses'),
      insurancePolicies: items('insurances'),
      credentials: items('credentials'),
      nextExpiry: async (queries: ApplicationQuery[]) => {
        const expiries = await repo.nextExpiries(
          queries.map((q) => q.obj.id),
          service.today(),
        );
        return queries.map((q) => expiries.get(q.obj.id) ?? null);
      },
    },
    License: { document: by('documentId') },
    InsurancePolicy: { document: by('documentId') },
    Credential: { document: by('documentId') },
  };
}

const payload = (application: ApplicationWithItems) => ({ application });
const dated = {
  issuedOn: (i: { issuedOn: Date | null }) => day(i.issuedOn),
  expiresOn: (i: { expiresOn: Date }) => day(i.expiresOn),
};

export function applicationsResolvers(service: ApplicationsService, vetting: VettingService) {
  return {
    Query: {
      therapistApplication: async (_: unknown, { id }: { id: string }, ctx: GraphQLContext) =>
        service.getVisible(requireViewer(ctx.viewer), fromGlobalId('TherapistApplication', id)),
    },
    Mutation: { ...editMutations(service), ...vettingMutations(vetting) },
    ...applicationTypes(service),
  };
}

/** The therapist editing their own application. */
function editMutations(service: ApplicationsService) {
  return {
    updateTherapistApplication: async (_: unknown, { input }: Input, ctx: GraphQLContext) =>
      payload(await service.updateDetails(requireViewer(ctx.viewer), input)),
    updateServiceArea: async (_: unknown, { input }: Input, ctx: GraphQLContext) =>
      payload(await service.updateServiceArea(requireViewer(ctx.viewer), input)),
    setAvailability: async (_: unknown, { input }: Input, ctx: GraphQLContext) =>
      payload(await service.setAvailability(requireViewer(ctx.viewer), input)),
    addLicense: async (_: unknown, { input }: Input, ctx: GraphQLContext) => ({
      license: await service.addLicense(requireViewer(ctx.viewer), input),
    }),
    addInsurancePolicy: async (_: unknown, { input }: Input, ctx: GraphQLContext) => ({
      insurancePolicy: await service.addInsurancePolicy(requireViewer(ctx.viewer), input),
    }),
    addCredential: async (_: unknown, { input }: Input, ctx: GraphQLContext) => ({
      credential: await service.addCredential(requireViewer(ctx.viewer), input),
    }),
    removeApplicationItem: async (_: unknown, { input }: Input<{ itemId: string }>, ctx: GraphQLContext) =>
      payload(await service.removeItem(requireViewer(ctx.viewer), input.itemId)),
  };
}

/** Admins moving an application through vetting. */
function vettingMutations(vetting: VettingService) {
  return {
    transitionTherapistApplication: async (
      _: unknown,
      { input }: Input<{ applicationId: string; action: string; reason?: string | null }>,
      ctx: GraphQLContext,
    ) => {
      const viewer = requireViewer(ctx.viewer);
      const id = fromGlobalId('TherapistApplication', input.applicationId, 'applicationId');
      const action = ACTIONS[input.action];
      if (!action) throw new Error(`unmapped action ${input.action}`);
      return payload(await vetting.transition(viewer, id, action, input.reason));
    },
    reviewApplicationItem: async (
      _: unknown,
      { input }: Input<{ itemId: string; decision: 'VERIFIED' | 'REJECTED'; reason: string }>,
      ctx: GraphQLContext,
    ) =>
      payload(
        await vetting.reviewItem(requireViewer(ctx.viewer), input.itemId, input.decision, input.reason),
      ),
    recordBackgroundCheck: async (
      _: unknown,
      {
        input,
      }: Input<{
        applicationId: string;
        status: 'PENDING' | 'CLEAR' | 'CONSIDER' | 'SUSPENDED' | 'EXPIRED';
        reference?: string | null;
        reason: string;
      }>,
      ctx: GraphQLContext,
    ) =>
      payload(
        await vetting.recordBackgroundCheck(
          requireViewer(ctx.viewer),
          fromGlobalId('TherapistApplication', input.applicationId, 'applicationId'),
          input,
        ),
      ),
  };
}

/** How an application and its items read. */
function applicationTypes(service: ApplicationsService) {
  return {
    TherapistApplication: {
      id: (a: ApplicationView) => toGlobalId('TherapistApplication', a.id),
      therapist: (a: ApplicationView) => userRef(a.therapistId),
      migraineExperience: (a: ApplicationView) =>
        a.migraineExperienceYears === null
          ? null
          : { years: a.migraineExperienceYears, approximateClients: a.migraineClientsApprox },
      serviceArea: (a: ApplicationView) =>
        a.serviceLatitude === null || a.serviceLongitude === null || a.serviceRadiusKm === null
          ? null
          : { latitude: a.serviceLatitude, longitude: a.serviceLongitude, radiusKm: a.serviceRadiusKm },
      weeklyAvailability: (a: ApplicationView) => weeklyAvailabilityOf(a.weeklyAvailability),
      availabilityExceptions: (a: ApplicationView) => availabilityExceptionsOf(a.availabilityExceptions),
      backgroundCheck: (a: ApplicationView) => ({
        status: a.backgroundCheckStatus,
        provider: a.backgroundCheckProvider,
        reference: a.backgroundCheckReference,
        updatedAt: a.backgroundCheckUpdatedAt,
      }),
      claimedBy: (a: ApplicationView) => (a.claimedById ? userRef(a.claimedById) : null),
      availableActions: (a: ApplicationView, _: unknown, ctx: GraphQLContext) =>
        ctx.viewer
          ? availableActions(refOf(a), actorOf(ctx.viewer)).map((action) => ACTION_ENUM[action])
          : [],
      auditTrail: (a: ApplicationView, args: { first?: number; after?: string }, ctx: GraphQLContext) =>
        service.auditTrail(ctx.viewer, a.id, args),
    },
    License: { id: (l: License) => toGlobalId('License', l.id), ...dated },
    InsurancePolicy: { id: (p: InsurancePolicy) => toGlobalId('InsurancePolicy', p.id), ...dated },
    Credential: {
      id: (c: Credential) => toGlobalId('Credential', c.id),
      issuedOn: (c: Credential) => day(c.issuedOn),
      expiresOn: (c: Credential) => day(c.expiresOn),
    },
    ApplicationAuditEntry: {
      id: (e: AuditEntry) => toGlobalId('AuditEntry', e.id),
      actor: (e: AuditEntry) => (e.actorId ? userRef(e.actorId) : null),
      actorRole: (e: AuditEntry) => e.actorRole ?? 'SYSTEM',
      before: (e: AuditEntry) => (e.before === null ? null : JSON.stringify(e.before)),
      after: (e: AuditEntry) => (e.after === null ? null : JSON.stringify(e.after)),
    },
  };
}
