import { type FormEvent, useState } from 'react';
import { useMutation, useQuery, useSession, useSessionState } from '../api/hooks.tsx';
import { ApiError } from '../api/session.ts';
import { CredentialReview } from '../components/CredentialReview.tsx';
import { ErrorBox, Loading, Pager, ReasonAction, Section, StatusBadge } from '../components/ui.tsx';
import { graphql } from '../generated/gql.ts';
import { dateInZone, formatDateTime, summarizeWeek } from '../lib/format.ts';
import { Link } from '../lib/router.tsx';
import { RELEASE, TRANSITION } from './Queue.tsx';

export const APPLICATION = graphql(`
  query ApplicationDetail($id: ID!) {
    therapistApplication(id: $id) {
      id
      status
      legalName
      phone
      gender
      timezone
      therapist { id email }
      licenses {
        id number type jurisdiction issuedOn expiresOn status reviewReason reviewedAt
        document { id kind contentType sizeBytes signedUrl }
      }
      insurancePolicies {
        id carrier policyNumber issuedOn expiresOn status reviewReason reviewedAt
        document { id kind contentType sizeBytes signedUrl }
      }
      credentials {
        id kind jurisdiction issuer issuedOn expiresOn status reviewReason reviewedAt
        document { id kind contentType sizeBytes signedUrl }
      }
      migraineExperience { years approximateClients }
      serviceArea { latitude longitude radiusKm }
      weeklyAvailability { day startMinute endMinute }
      availabilityExceptions { date windows { startMinute endMinute } }
      backgroundCheck { status provider reference updatedAt }
      claimedBy { id email }
      claimedAt
      suspendedReason
      lastDecisionReason
      submittedAt
      nextExpiry
      availableActions
    }
  }
`);

const AUDIT = graphql(`
  query ApplicationAudit($id: ID!, $after: String) {
    therapistApplication(id: $id) {
      id
      auditTrail(first: 25, after: $after) {
        edges { cursor node { id at action actorRole actor { id email } before after } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);

const BACKGROUND = graphql(`
  mutation RecordBackgroundCheck($input: RecordBackgroundCheckInput!) {
    recordBackgroundCheck(input: $input) { application { id backgroundCheck { status } } }
  }
`);

const ELIGIBILITY = graphql(`
  query Eligibility($input: TherapistEligibilityInput!) {
    therapistEligibility(input: $input) { eligible reasons { code message } }
  }
`);

const ACTION_LABEL: Record<string, { label: string; tone: 'primary' | 'danger' | 'normal' }> = {
  APPROVE: { label: 'Approve application', tone: 'primary' },
  REJECT: { label: 'Reject application', tone: 'danger' },
  NEEDS_INFO: { label: 'Ask for more information', tone: 'normal' },
  SUSPEND: { label: 'Suspend', tone: 'danger' },
  REINSTATE: { label: 'Reinstate', tone: 'primary' },
};

export function ApplicationDetail({ id, zone }: { id: string; zone: string }) {
  const me = useSessionState();
  const q = useQuery(APPLICATION, { id });
  const transition = useMutation(TRANSITION);
  const release = useMutation(RELEASE);
  const background = useMutation(BACKGROUND);
  const error = q.error ?? transition.error ?? release.error ?? background.error;

  if (q.loading && !q.data) return <Loading what="the application" />;
  const a = q.data?.therapistApplication;
  if (!a)
    return (
      <ErrorBox
        error={q.error ?? new ApiError('NOT_FOUND', 'The application was not found.')}
        onRetry={q.reload}
      />
    );
  const mine = a.claimedBy?.id === me?.user.id;
  const canReview = a.status === 'IN_REVIEW' && mine;
  const name = a.legalName ?? a.therapist.email ?? a.id;

  const act = async (action: string, reason: string | null) => {
    const r = await transition.run({
      input: { applicationId: a.id, action: action as 'CLAIM', ...(reason ? { reason } : {}) },
    });
    if (r) q.reload();
  };

  return (
    <>
      <p>
        <Link to="/">← Back to the queue</Link>
      </p>
      <h1>
        {name} <StatusBadge status={a.status} />
      </h1>
      <ErrorBox error={error} />
      <Section
        title="Review"
        actions={
          <div className="row">
            {a.availableActions.includes('CLAIM') && (
              <button
                type="button"
                className="primary"
                onClick={() => act('CLAIM', null)}
                disabled={transition.pending}
              >
                Claim for review
              </button>
            )}
            {a.status === 'IN_REVIEW' && (
              <ReasonAction
                label={mine ? 'Release' : 'Release stuck claim'}
                reasonRequired={!mine}
                onSubmit={async (reason) => {
                  if (await release.run({ input: { applicationId: a.id, reason: reason || null } }))
                    q.reload();
                }}
              />
            )}
          </div>
        }
      >
        <dl className="facts">
          <dt>Email</dt>
          <dd>{a.therapist.email}</dd>
          <dt>Phone</dt>
          <dd>{a.phone ?? '—'}</dd>
          <dt>Gender</dt>
          <dd>{a.gender ?? '—'}</dd>
          <dt>Submitted</dt>
          <dd>{formatDateTime(a.submittedAt, zone)}</dd>
          <dt>Claimed by</dt>
          <dd>
            {a.claimedBy
              ? `${mine ? 'You' : a.claimedBy.email} since ${formatDateTime(a.claimedAt, zone)}`
              : '—'}
          </dd>
          <dt>Migraine experience</dt>
          <dd>
            {a.migraineExperience
              ? `${a.migraineExperience.years} years, about ${a.migraineExperience.approximateClients ?? '?'} clients`
              : '—'}
          </dd>
          <dt>Last decision</dt>
          <dd>{a.lastDecisionReason ?? '—'}</dd>
          {a.suspendedReason && (
            <>
              <dt>Suspended because</dt>
              <dd>{a.suspendedReason}</dd>
            </>
          )}
        </dl>
        {a.status === 'IN_REVIEW' && !mine && (
          <p className="muted">
            Another admin holds this review. Release the claim (with a reason) to take it over.
          </p>
        )}
        <div className="row">
          {a.availableActions
            .filter((x) => ACTION_LABEL[x] && (a.status !== 'IN_REVIEW' || mine))
            .map((x) => (
              <ReasonAction
                key={x}
                label={ACTION_LABEL[x]?.label ?? x}
                tone={ACTION_LABEL[x]?.tone ?? 'normal'}
                pending={transition.pending}
                onSubmit={(reason) => act(x, reason)}
              />
            ))}
        </div>
      </Section>

      <CredentialReview application={a} mine={mine} zone={zone} onChanged={q.reload} />

      <Section title="Background check">
        <p>
          <StatusBadge status={a.backgroundCheck.status} /> via {a.backgroundCheck.provider}
          {a.backgroundCheck.reference ? `, reference ${a.backgroundCheck.reference}` : ''} · updated{' '}
          {formatDateTime(a.backgroundCheck.updatedAt, zone)}
        </p>
        {canReview && (
          <BackgroundForm
            pending={background.pending}
            onSubmit={async (input) => {
              if (await background.run({ input: { applicationId: a.id, ...input } })) q.reload();
            }}
          />
        )}
      </Section>

      <Section title="Availability and service area">
        <p>
          Time zone {a.timezone}.{' '}
          {a.serviceArea
            ? `Serves ${a.serviceArea.radiusKm} km around ${a.serviceArea.latitude.toFixed(3)}, ${a.serviceArea.longitude.toFixed(3)}.`
            : 'No service area yet.'}
        </p>
        <ul className="small">
          {summarizeWeek(a.weeklyAvailability).map((line) => (
            <li key={line}>{line}</li>
          ))}
          {a.weeklyAvailability.length === 0 && <li className="muted">No weekly availability.</li>}
        </ul>
        {a.availabilityExceptions.length > 0 && (
          <p className="small">
            Exceptions:{' '}
            {a.availabilityExceptions
              .map((e) => `${e.date}${e.windows.length === 0 ? ' (off)' : ''}`)
              .join(', ')}
          </p>
        )}
        <Bookable
          therapistId={a.therapist.id}
          jurisdictions={[...new Set(a.licenses.map((l) => l.jurisdiction))]}
          zone={zone}
        />
      </Section>

      <AuditTrail id={a.id} zone={zone} version={JSON.stringify(a)} />
    </>
  );
}

function BackgroundForm({
  onSubmit,
  pending,
}: {
  onSubmit: (input: {
    status: 'CLEAR' | 'CONSIDER' | 'SUSPENDED';
    reference: string | null;
    reason: string;
  }) => Promise<void>;
  pending: boolean;
}) {
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    await onSubmit({
      status: String(f.get('status')) as 'CLEAR',
      reference: String(f.get('reference') ?? '').trim() || null,
      reason: String(f.get('reason') ?? '').trim(),
    });
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Record background check">
      <label>
        Result
        <select name="status" defaultValue="CLEAR">
          <option value="CLEAR">Clear</option>
          <option value="CONSIDER">Consider</option>
          <option value="SUSPENDED">Suspended</option>
        </select>
      </label>
      <label>
        Reference
        <input name="reference" />
      </label>
      <label>
        Reason (required)
        <input name="reason" required />
      </label>
      <button type="submit" disabled={pending}>
        Record background check
      </button>
    </form>
  );
}

const MODALITIES = [
  'SWEDISH',
  'CRANIOSACRAL',
  'TRIGGER_POINT',
  'MYOFASCIAL_RELEASE',
  'NEUROMUSCULAR',
  'DEEP_TISSUE',
];

/** Asks screening whether the therapist may take a session now: the same check booking makes. */
function Bookable({
  therapistId,
  jurisdictions,
  zone,
}: {
  therapistId: string;
  jurisdictions: string[];
  zone: string;
}) {
  const session = useSession();
  const [result, setResult] = useState<{
    eligible: boolean;
    reasons: { code: string; message: string }[];
  } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  if (jurisdictions.length === 0) return null;
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setError(null);
    try {
      const r = await session.request(ELIGIBILITY, {
        input: {
          therapistId,
          jurisdiction: String(f.get('jurisdiction')),
          date: String(f.get('date')),
          modality: String(f.get('modality')),
        },
      });
      setResult(r.therapistEligibility);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('NETWORK', 'The server could not be reached.'));
    }
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Bookable check">
      <label>
        Jurisdiction
        <select name="jurisdiction">
          {jurisdictions.map((j) => (
            <option key={j}>{j}</option>
          ))}
        </select>
      </label>
      <label>
        Session date
        <input name="date" type="date" required defaultValue={dateInZone(new Date(), zone)} />
      </label>
      <label>
        Modality
        <select name="modality">
          {MODALITIES.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
      </label>
      <button type="submit">Check bookable</button>
      <output aria-live="polite" className="bookable">
        {result &&
          (result.eligible ? (
            <strong className="ok">Bookable</strong>
          ) : (
            <span>
              <strong className="bad">Not bookable:</strong> {result.reasons.map((r) => r.message).join('; ')}
            </span>
          ))}
      </output>
      <ErrorBox error={error} />
    </form>
  );
}

function AuditTrail({ id, zone, version }: { id: string; zone: string; version: string }) {
  const [cursors, setCursors] = useState<string[]>([]);
  const q = useQuery(AUDIT, { id, after: cursors.at(-1) ?? null }, { refreshKey: version });
  const trail = q.data?.therapistApplication?.auditTrail;
  return (
    <Section title="Audit trail">
      <ErrorBox error={q.error} onRetry={q.reload} />
      {q.loading && !trail ? (
        <Loading what="the audit trail" />
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Who</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {trail?.edges.map(({ node: e }) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.at, zone)}</td>
                  <td>{e.action}</td>
                  <td>{e.actor?.email ?? (e.actorRole === 'SYSTEM' ? 'System' : e.actorRole)}</td>
                  <td className="small mono">{e.after ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        page={cursors.length + 1}
        hasPrevious={cursors.length > 0}
        hasNext={Boolean(trail?.pageInfo.hasNextPage)}
        onPrevious={() => setCursors((c) => c.slice(0, -1))}
        onNext={() => {
          const end = trail?.pageInfo.endCursor;
          if (end) setCursors((c) => [...c, end]);
        }}
      />
    </Section>
  );
}
