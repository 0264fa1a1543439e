import { useState } from 'react';
import { useMutation, useQuery } from '../api/hooks.tsx';
import { ErrorBox, Loading, ReasonAction, Section } from '../components/ui.tsx';
import { graphql } from '../generated/gql.ts';
import { dateInZone, daysBetween } from '../lib/format.ts';
import { Link } from '../lib/router.tsx';
import { TRANSITION } from './Queue.tsx';

const EXPIRY = graphql(`
  query ExpiryWatch($within: Int!) {
    expiring: therapistApplications(filter: { statuses: [APPROVED], expiringWithinDays: $within }, first: 100, orderBy: { field: NEXT_EXPIRY, direction: ASC }) {
      edges { node { id legalName therapist { id email } nextExpiry } }
    }
    suspended: therapistApplications(filter: { statuses: [SUSPENDED] }, first: 100, orderBy: { field: UPDATED_AT, direction: DESC }) {
      edges {
        node {
          id legalName therapist { id email } suspendedReason availableActions
          licenses { id expiresOn status }
          insurancePolicies { id expiresOn status }
        }
      }
    }
  }
`);

const WINDOWS = [30, 7, 1];

export function ExpiryWatch({ zone }: { zone: string }) {
  const [within, setWithin] = useState(30);
  const [openedAt] = useState(() => new Date());
  const today = dateInZone(openedAt, zone);
  const q = useQuery(EXPIRY, { within });
  const transition = useMutation(TRANSITION);
  return (
    <>
      <h1>Expiry watch</h1>
      <ErrorBox error={q.error ?? transition.error} onRetry={q.reload} />
      <Section
        title={`Approved therapists with a license or policy expiring within ${within} days`}
        actions={
          <fieldset className="tabs">
            <legend className="small muted">Expiring within</legend>
            {WINDOWS.map((w) => (
              <button
                key={w}
                type="button"
                aria-pressed={within === w}
                className={within === w ? 'active' : ''}
                onClick={() => setWithin(w)}
              >
                {w} {w === 1 ? 'day' : 'days'}
              </button>
            ))}
          </fieldset>
        }
      >
        {q.loading && !q.data ? (
          <Loading what="expiries" />
        ) : (
          <ul className="list">
            {q.data?.expiring.edges.map(({ node: a }) => (
              <li key={a.id}>
                <Link to={`/applications/${encodeURIComponent(a.id)}`}>
                  {a.legalName ?? a.therapist.email}
                </Link>{' '}
                — expires {a.nextExpiry} ({a.nextExpiry ? daysBetween(today, a.nextExpiry) : '?'} days)
              </li>
            ))}
            {q.data?.expiring.edges.length === 0 && (
              <li className="muted">Nothing expires within {within} days.</li>
            )}
          </ul>
        )}
      </Section>
      <Section title="Suspended">
        <ul className="list">
          {q.data?.suspended.edges.map(({ node: a }) => {
            // A renewal counts once an admin verified it and it is still valid.
            const renewed = [...a.licenses, ...a.insurancePolicies].some(
              (i) => i.status === 'VERIFIED' && daysBetween(today, i.expiresOn) >= 0,
            );
            const pendingRenewal = [...a.licenses, ...a.insurancePolicies].some(
              (i) => i.status === 'PENDING',
            );
            return (
              <li key={a.id}>
                <Link to={`/applications/${encodeURIComponent(a.id)}`}>
                  {a.legalName ?? a.therapist.email}
                </Link>
                : {a.suspendedReason ?? 'no reason recorded'}
                {pendingRenewal && <span className="badge badge-pending">renewal to review</span>}
                {a.availableActions.includes('REINSTATE') && renewed && (
                  <ReasonAction
                    label="Reinstate"
                    tone="primary"
                    pending={transition.pending}
                    onSubmit={async (reason) => {
                      if (
                        await transition.run({ input: { applicationId: a.id, action: 'REINSTATE', reason } })
                      )
                        q.reload();
                    }}
                  />
                )}
              </li>
            );
          })}
          {q.data?.suspended.edges.length === 0 && <li className="muted">No one is suspended.</li>}
        </ul>
      </Section>
    </>
  );
}
