import { useState } from 'react';
import { useMutation, useQuery } from '../api/hooks.tsx';
import { CaseWork, SAFETY_CASES } from '../components/CaseWork.tsx';
import { ErrorBox, Loading, ReasonAction, Section, StatusBadge } from '../components/ui.tsx';
import { graphql } from '../generated/gql.ts';
import { formatDateTime } from '../lib/format.ts';
import { Link } from '../lib/router.tsx';

// Three queues from three services, asked for separately so one failing hides none of the others.
const SAFETY_ALERTS = graphql(`
  query SafetyAlerts($unresolvedOnly: Boolean) {
    safetyAlerts(first: 50, unresolvedOnly: $unresolvedOnly) {
      edges { node { id bookingId therapistId kind message raisedAt resolvedAt } }
    }
  }
`);
const INCIDENTS = graphql(`
  query OverPressureIncidents($status: IncidentStatus) {
    overPressureIncidents(status: $status, first: 50) {
      edges { node { id bookingId clientId therapistId agreedCap reportedMax status createdAt resolvedAt resolution } }
    }
  }
`);
const CARE_ALERTS = graphql(`
  query CareAlerts($status: CareAlertStatus) {
    careAlerts(status: $status, first: 50) {
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
  const alerts = useQuery(SAFETY_ALERTS, { unresolvedOnly: openOnly });
  const incidents = useQuery(INCIDENTS, { status: openOnly ? 'OPEN' : null });
  const care = useQuery(CARE_ALERTS, { status: openOnly ? 'OPEN' : null });
  const resolveAlert = useMutation(RESOLVE_ALERT);
  const resolveIncident = useMutation(RESOLVE_INCIDENT);
  const ackCare = useMutation(ACK_CARE);
  const ids = [
    ...(incidents.data?.overPressureIncidents.edges.map((e) => e.node.id) ?? []),
    ...(alerts.data?.safetyAlerts.edges.map((e) => e.node.id) ?? []),
    ...(care.data?.careAlerts.edges.map((e) => e.node.id) ?? []),
  ];
  const cases = useQuery(SAFETY_CASES, { ids }, { skip: ids.length === 0 });
  const caseOf = new Map(cases.data?.safetyCases.map((c) => [c.subjectId, c]) ?? []);
  const work = (subjectId: string) => (
    <CaseWork subjectId={subjectId} view={caseOf.get(subjectId)} zone={zone} onChange={cases.reload} />
  );
  const booking = (id: string) => <Link to={`/bookings?id=${encodeURIComponent(id)}`}>booking</Link>;
  return (
    <>
      <h1>Trust and safety</h1>
      <label className="check">
        <input type="checkbox" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} /> Open
        items only
      </label>
      <ErrorBox error={resolveAlert.error ?? resolveIncident.error ?? ackCare.error} />
      <ErrorBox error={cases.error} onRetry={cases.reload} />
      <Section title="Over-pressure incidents">
        <ErrorBox error={incidents.error} onRetry={incidents.reload} />
        {incidents.loading && !incidents.data && <Loading what="incidents" />}
        <ul className="list">
          {incidents.data?.overPressureIncidents.edges.map(({ node: i }) => (
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
                    if (await resolveIncident.run({ input: { incidentId: i.id, resolution } }))
                      incidents.reload();
                  }}
                />
              )}
              {work(i.id)}
            </li>
          ))}
          {incidents.data?.overPressureIncidents.edges.length === 0 && (
            <li className="muted">No incidents.</li>
          )}
        </ul>
      </Section>
      <Section title="Check-in and check-out alerts">
        <ErrorBox error={alerts.error} onRetry={alerts.reload} />
        {alerts.loading && !alerts.data && <Loading what="alerts" />}
        <ul className="list">
          {alerts.data?.safetyAlerts.edges.map(({ node: s }) => (
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
                    if (await resolveAlert.run({ input: { alertId: s.id } })) alerts.reload();
                  }}
                >
                  Mark resolved
                </button>
              )}
              {work(s.id)}
            </li>
          ))}
          {alerts.data?.safetyAlerts.edges.length === 0 && <li className="muted">No alerts.</li>}
        </ul>
      </Section>
      <Section title="Red-flag alerts from care">
        <ErrorBox error={care.error} onRetry={care.reload} />
        {care.loading && !care.data && <Loading what="red-flag alerts" />}
        <ul className="list">
          {care.data?.careAlerts.edges.map(({ node: c }) => (
            <li key={c.id}>
              <StatusBadge status={c.severity} /> {c.reason}{' '}
              {c.symptoms.length > 0 && `(${c.symptoms.join(', ')})`} · {formatDateTime(c.createdAt, zone)}
              {c.status === 'OPEN' ? (
                <button
                  type="button"
                  disabled={ackCare.pending}
                  onClick={async () => {
                    if (await ackCare.run({ input: { alertId: c.id } })) care.reload();
                  }}
                >
                  Acknowledge
                </button>
              ) : (
                <span className="muted"> · acknowledged {formatDateTime(c.acknowledgedAt, zone)}</span>
              )}
              {work(c.id)}
            </li>
          ))}
          {care.data?.careAlerts.edges.length === 0 && <li className="muted">No red-flag alerts.</li>}
        </ul>
      </Section>
    </>
  );
}
