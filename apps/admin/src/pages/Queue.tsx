import { useState } from 'react';
import { useMutation, useQuery, useSessionState } from '../api/hooks.tsx';
import { ErrorBox, Loading, Pager, ReasonAction, Section, StatusBadge } from '../components/ui.tsx';
import { graphql } from '../generated/gql.ts';
import { dateInZone, daysBetween, formatDateTime } from '../lib/format.ts';
import {
  nextPage,
  parseQueueParams,
  previousPage,
  type QueueParams,
  queueFilter,
  queueSearch,
  STATUSES,
  withFilter,
} from '../lib/queue-params.ts';
import { Link, navigate } from '../lib/router.tsx';

export const QUEUE = graphql(`
  query VettingQueue($filter: TherapistApplicationFilter, $first: Int, $after: String) {
    therapistApplicationCounts { status count }
    therapistApplications(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          status
          legalName
          therapist { id email }
          licenses { id jurisdiction }
          submittedAt
          nextExpiry
          claimedBy { id email }
          claimedAt
          availableActions
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const TRANSITION = graphql(`
  mutation Transition($input: TransitionTherapistApplicationInput!) {
    transitionTherapistApplication(input: $input) { application { id status claimedBy { id } } }
  }
`);

export const RELEASE = graphql(`
  mutation ReleaseClaim($input: ReleaseTherapistApplicationClaimInput!) {
    releaseTherapistApplicationClaim(input: $input) { application { id status claimedBy { id } } }
  }
`);

const PAGE_SIZE = 20;

export function Queue({ zone, search }: { zone: string; search: string }) {
  const params = parseQueueParams(search);
  const me = useSessionState();
  // "Age" is measured from when the page was opened, not re-read on every render.
  const [openedAt] = useState(() => new Date());
  const q = useQuery(QUEUE, {
    filter: queueFilter(params, openedAt),
    first: PAGE_SIZE,
    after: params.cursors.at(-1) ?? null,
  });
  const transition = useMutation(TRANSITION);
  const release = useMutation(RELEASE);
  const go = (next: QueueParams) => navigate(`/${queueSearch(next)}`);
  const today = dateInZone(openedAt, zone);
  const counts = new Map(q.data?.therapistApplicationCounts.map((c) => [c.status, c.count]) ?? []);

  return (
    <>
      <h1>Vetting queue</h1>
      <nav aria-label="Application states" className="tabs">
        {STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={params.status === s}
            className={params.status === s ? 'active' : ''}
            onClick={() => go(withFilter(params, { status: s }))}
          >
            {s.replaceAll('_', ' ')} <span className="count">{counts.get(s) ?? 0}</span>
          </button>
        ))}
      </nav>
      <form
        className="filters"
        aria-label="Filters"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const num = (k: string) => (f.get(k) ? Number(f.get(k)) || null : null);
          go(
            withFilter(params, {
              jurisdiction: String(f.get('jurisdiction') ?? '')
                .trim()
                .toUpperCase(),
              minAgeDays: num('minAge'),
              expiringWithinDays: num('expiring'),
            }),
          );
        }}
      >
        <label>
          Jurisdiction
          <input name="jurisdiction" placeholder="US-NY" defaultValue={params.jurisdiction} size={7} />
        </label>
        <label>
          Waiting at least (days)
          <input name="minAge" type="number" min={1} defaultValue={params.minAgeDays ?? ''} />
        </label>
        <label>
          Document expiring within (days)
          <input name="expiring" type="number" min={1} defaultValue={params.expiringWithinDays ?? ''} />
        </label>
        <button type="submit">Apply filters</button>
      </form>
      <ErrorBox error={q.error ?? transition.error ?? release.error} onRetry={q.reload} />
      <Section title={`${params.status.replaceAll('_', ' ')} applications`}>
        {q.loading && !q.data ? (
          <Loading what="applications" />
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Therapist</th>
                  <th scope="col">Status</th>
                  <th scope="col">Jurisdictions</th>
                  <th scope="col">Submitted</th>
                  <th scope="col">Next expiry</th>
                  <th scope="col">Claimed by</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {q.data?.therapistApplications.edges.length === 0 && (
                  <tr>
                    <td colSpan={7} className="muted">
                      Nothing here with these filters.
                    </td>
                  </tr>
                )}
                {q.data?.therapistApplications.edges.map(({ node: a }) => {
                  const name = a.legalName ?? a.therapist.email ?? a.id;
                  const mine = a.claimedBy?.id === me?.user.id;
                  return (
                    <tr key={a.id}>
                      <td>
                        <Link to={`/applications/${encodeURIComponent(a.id)}`}>{name}</Link>
                        <div className="muted small">{a.therapist.email}</div>
                      </td>
                      <td>
                        <StatusBadge status={a.status} />
                      </td>
                      <td>{[...new Set(a.licenses.map((l) => l.jurisdiction))].join(', ') || '—'}</td>
                      <td>{formatDateTime(a.submittedAt, zone)}</td>
                      <td>
                        {a.nextExpiry ? `${a.nextExpiry} (${daysBetween(today, a.nextExpiry)} d)` : '—'}
                      </td>
                      <td>{a.claimedBy ? (mine ? 'You' : a.claimedBy.email) : '—'}</td>
                      <td className="actions">
                        {a.availableActions.includes('CLAIM') && (
                          <button
                            type="button"
                            className="primary"
                            aria-label={`Claim ${name}`}
                            disabled={transition.pending}
                            onClick={async () => {
                              const r = await transition.run({
                                input: { applicationId: a.id, action: 'CLAIM' },
                              });
                              if (r) navigate(`/applications/${encodeURIComponent(a.id)}`);
                            }}
                          >
                            Claim
                          </button>
                        )}
                        {a.status === 'IN_REVIEW' && (
                          <ReasonAction
                            label={mine ? 'Release' : 'Release stuck claim'}
                            reasonRequired={!mine}
                            pending={release.pending}
                            onSubmit={async (reason) => {
                              const r = await release.run({
                                input: { applicationId: a.id, reason: reason || null },
                              });
                              if (r) q.reload();
                            }}
                          />
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <Pager
          page={params.cursors.length + 1}
          hasPrevious={params.cursors.length > 0}
          hasNext={Boolean(q.data?.therapistApplications.pageInfo.hasNextPage)}
          onPrevious={() => go(previousPage(params))}
          onNext={() => {
            const end = q.data?.therapistApplications.pageInfo.endCursor;
            if (end) go(nextPage(params, end));
          }}
        />
      </Section>
    </>
  );
}
