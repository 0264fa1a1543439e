import { useState } from 'react';
import { useMutation, useQuery } from '../api/hooks.tsx';
import { ErrorBox, Loading, ReasonAction, Section, StatusBadge } from '../components/ui.tsx';
import { graphql } from '../generated/gql.ts';
import { formatDateTime } from '../lib/format.ts';
import { Link } from '../lib/router.tsx';

const SAFETY = graphql(`
  query TrustSafety($unresolvedOnly: Boolean, $incidentStatus: IncidentStatus, $careStatus: CareAlertStatus) {
    safetyAlerts(first: 50, unresolvedOnly: $unresolvedOnly) {
      edges { node { id bookingId therapistId kind message raisedAt resolvedAt } }
    }
    overPressureIncidents(status: $incidentStatus, first: 50) {
      edges { node { id bookingId clientId therapistId agreedCap reportedMax status createdAt resolvedAt resolution } }
    }
    careAlerts(status: $careStatus, first: 50) {
      edges { node { id kind severity status clientId therapistId reason symptoms createdAt acknowledgedAt } }
    }
  }
`);

const RESOLVE_ALERT = graphql(`
  mutation ResolveSafetyAlert($input: ResolveSafetyAlertInput!) { resolveSafetyAlert(input: $input) { alert { id resolvedAt } } }
`);
const RESOLVE_INCIDENT = graphql(`
  mutation ResolveIncident($input: ResolveOverPressureIncidentInput!) {
    resolveOverPressureIncident(input: $input) { incident { id status resolution } }
  }
`);
const ACK_CARE = graphql(`
  mutation AcknowledgeCareAlert($input: AcknowledgeCareAlertInput!) { acknowledgeCareAlert(input: $input) { alert { id status } } }
`);

export function TrustSafety({ zone }: { zone: string }) {
  const [openOnly, setOpenOnly] = useState(true);
  const q = useQuery(SAFETY, {
    unresolvedOnly: openOnly,
    incidentStatus: openOnly ? 'OPEN' : null,
    careStatus: openOnly ? 'OPEN' : null,
  });
  const resolveAlert = useMutation(RESOLVE_ALERT);
  const resolveIncident = useMutation(RESOLVE_INCIDENT);
  const ackCare = useMutation(ACK_CARE);
  const booking = (id: string) => <Link to={`/bookings?id=${encodeURIComponent(id)}`}>booking</Link>;
  return (
    <>
      <h1>Trust and safety</h1>
      <label className="check">
        <input type="checkbox" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} /> Open
        items only
      </label>
      <ErrorBox
        error={q.error ?? resolveAlert.error ?? resolveIncident.error ?? ackCare.error}
        onRetry={q.reload}
      />
      {q.loading && !q.data && <Loading what="the safety queues" />}
      <Section title="Over-pressure incidents">
        <ul className="list">
          {q.data?.overPressureIncidents.edges.map(({ node: i }) => (
            <li key={i.id} aria-label={`Incident ${i.id}`}>
              <StatusBadge status={i.status} /> Reported {i.reportedMax}/10 against an agreed cap of{' '}
              {i.agreedCap} · {formatDateTime(i.createdAt, zone)} · {booking(i.bookingId)}
              {i.resolution && <p className="small">Resolution: {i.resolution}</p>}
              {i.status === 'OPEN' && (
                <ReasonAction
                  label="Resolve incident"
                  reasonLabel="Resolution notes"
                  pending={resolveIncident.pending}
                  onSubmit={async (resolution) => {
                    if (await resolveIncident.run({ input: { incidentId: i.id, resolution } })) q.reload();
                  }}
                />
              )}
            </li>
          ))}
          {q.data?.overPressureIncidents.edges.length === 0 && <li className="muted">No incidents.</li>}
        </ul>
      </Section>
      <Section title="Check-in and check-out alerts">
        <ul className="list">
          {q.data?.safetyAlerts.edges.map(({ node: s }) => (
            <li key={s.id}>
              <strong>{s.kind.replaceAll('_', ' ')}</strong>: {s.message} · {formatDateTime(s.raisedAt, zone)}{' '}
              · {booking(s.bookingId)}
              {s.resolvedAt ? (
                <span className="muted"> · resolved {formatDateTime(s.resolvedAt, zone)}</span>
              ) : (
                <button
                  type="button"
                  disabled={resolveAlert.pending}
                  onClick={async () => {
                    if (await resolveAlert.run({ input: { alertId: s.id } })) q.reload();
                  }}
                >
                  Mark resolved
                </button>
              )}
            </li>
          ))}
          {q.data?.safetyAlerts.edges.length === 0 && <li className="muted">No alerts.</li>}
        </ul>
      </Section>
      <Section title="Red-flag alerts from care">
        <ul className="list">
          {q.data?.careAlerts.edges.map(({ node: c }) => (
            <li key={c.id}>
              <StatusBadge status={c.severity} /> {c.reason}{' '}
              {c.symptoms.length > 0 && `(${c.symptoms.join(', ')})`} · {formatDateTime(c.createdAt, zone)}
              {c.status === 'OPEN' ? (
                <button
                  type="button"
                  disabled={ackCare.pending}
                  onClick={async () => {
                    if (await ackCare.run({ input: { alertId: c.id } })) q.reload();
                  }}
                >
                  Acknowledge
                </button>
              ) : (
                <span className="muted"> · acknowledged {formatDateTime(c.acknowledgedAt, zone)}</span>
              )}
            </li>
          ))}
          {q.data?.careAlerts.edges.length === 0 && <li className="muted">No red-flag alerts.</li>}
        </ul>
      </Section>
    </>
  );
}
