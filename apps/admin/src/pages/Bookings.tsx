import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from '../api/hooks.tsx';
import { ErrorBox, Loading, Pager, Section, StatusBadge } from '../components/ui.tsx';
import { graphql } from '../generated/gql.ts';
import { formatDateTime, formatMoney, parseRefundAmount, refundCap } from '../lib/format.ts';
import { Link, navigate } from '../lib/router.tsx';

const RECENT = graphql(`
  query RecentBookings($after: String) {
    myBookings(first: 20, after: $after) {
      edges { node { id state clientId therapistId startsAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const SEARCH = graphql(`
  query SearchBookings($clientId: ID, $therapistId: ID, $after: String) {
    searchBookings(clientId: $clientId, therapistId: $therapistId, first: 20, after: $after) {
      edges { node { id state clientId therapistId startsAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const BOOKING = graphql(`
  query BookingMoney($id: ID!) {
    booking(id: $id) {
      id state clientId therapistId requestedTherapistId startsAt endsAt durationMinutes modalities
      confirmedAt enRouteAt arrivedAt sessionStartedAt completedAt
      screening { outcome urgent guidance modifications { code text } }
      cancellation { actor reason window fee { amount currency } explanation }
      quote { total { amount currency } }
    }
  }
`);

// Money is asked for on its own: a payment can be looked at even when the booking read fails.
const MONEY = graphql(`
  query BookingPaymentAndLedger($id: ID!) {
    bookingPayment(bookingId: $id) {
      bookingId status failureReason
      held { amount currency } charged { amount currency } refunded { amount currency } tip { amount currency }
      platformFee { amount currency } therapistAmount { amount currency } transferred { amount currency }
      refunds { id amount { amount currency } reason status createdAt }
    }
    bookingLedger(bookingId: $id) {
      settled
      balances { account balance { amount currency } }
      entries { reference kind description occurredAt postings { account amount { amount currency } } }
    }
  }
`);

// Reading the full decision is audited, so it is fetched only when the admin asks.
const EXPLAIN = graphql(`
  query ExplainScreening($id: ID!) {
    bookingScreening(bookingId: $id) {
      decisionId outcome ruleSetVersion screenedAt urgent guidance pressureCap selfCareCap
      rules { id title outcome reason condition }
      modifications { key text }
    }
  }
`);

function ScreeningExplain({ id, zone }: { id: string; zone: string }) {
  const [asked, setAsked] = useState(false);
  const q = useQuery(EXPLAIN, { id }, { skip: !asked });
  if (!asked) {
    return (
      <button type="button" onClick={() => setAsked(true)}>
        Show the full screening decision (audited)
      </button>
    );
  }
  if (q.loading) return <Loading what="the screening decision" />;
  const d = q.data?.bookingScreening;
  return (
    <>
      <ErrorBox error={q.error} onRetry={q.reload} />
      {d && (
        <div className="small">
          <p>
            {d.outcome} · rule set {d.ruleSetVersion} · screened {formatDateTime(d.screenedAt, zone)} ·
            pressure cap {d.pressureCap}, self-care cap {d.selfCareCap}
          </p>
          <ul>
            {d.rules.map((r) => (
              <li key={r.id}>
                <strong>{r.title}</strong> ({r.outcome}): {r.reason}
                {r.condition ? ` · ${r.condition}` : ''}
              </li>
            ))}
            {d.rules.length === 0 && <li className="muted">No rule fired.</li>}
          </ul>
        </div>
      )}
    </>
  );
}

const REFUND = graphql(`
  mutation Refund($input: RefundPaymentInput!) {
    refundPayment(input: $input) { refund { id amount { amount currency } status } payment { bookingId refunded { amount currency } } }
  }
`);

const RECONCILIATION = graphql(`
  query Reconciliation { reconciliationReport { id startedAt finishedAt checked differences { bookingId check ledger stripe detail } } }
`);
const RUN_RECONCILIATION = graphql(`
  mutation RunReconciliation { runReconciliation { report { id checked } } }
`);

export function Bookings({ zone, search }: { zone: string; search: string }) {
  const params = new URLSearchParams(search);
  const id = params.get('id') ?? '';
  const clientId = params.get('client') ?? '';
  const therapistId = params.get('therapist') ?? '';
  const cursors = params.getAll('after');
  const find = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const next = new URLSearchParams();
    for (const [field, key] of [
      ['bookingId', 'id'],
      ['clientId', 'client'],
      ['therapistId', 'therapist'],
    ] as const) {
      const value = String(f.get(field) ?? '').trim();
      if (value) next.set(key, value);
    }
    navigate(`/bookings${next.size ? `?${next}` : ''}`);
  };
  return (
    <>
      <h1>Bookings and money</h1>
      <form className="filters" onSubmit={find} aria-label="Find a booking">
        <label>
          Booking ID
          <input name="bookingId" defaultValue={id} size={40} />
        </label>
        <label>
          or client ID
          <input name="clientId" defaultValue={clientId} size={30} />
        </label>
        <label>
          or therapist ID
          <input name="therapistId" defaultValue={therapistId} size={30} />
        </label>
        <button type="submit">Find booking</button>
      </form>
      {id ? (
        <BookingDetail id={id} zone={zone} />
      ) : (
        <Recent zone={zone} cursors={cursors} clientId={clientId} therapistId={therapistId} />
      )}
      <ReconciliationPanel zone={zone} />
    </>
  );
}

function Recent({
  zone,
  cursors,
  clientId,
  therapistId,
}: {
  zone: string;
  cursors: string[];
  clientId: string;
  therapistId: string;
}) {
  const searching = Boolean(clientId || therapistId);
  const after = cursors.at(-1) ?? null;
  const recent = useQuery(RECENT, { after }, { skip: searching });
  const found = useQuery(
    SEARCH,
    { clientId: clientId || null, therapistId: therapistId || null, after },
    { skip: !searching },
  );
  const q = searching
    ? { ...found, data: found.data ? { myBookings: found.data.searchBookings } : null }
    : recent;
  const go = (next: string[]) => {
    const p = new URLSearchParams();
    if (clientId) p.set('client', clientId);
    if (therapistId) p.set('therapist', therapistId);
    for (const c of next) p.append('after', c);
    navigate(`/bookings${p.size ? `?${p}` : ''}`);
  };
  return (
    <Section title={searching ? 'Bookings found' : 'Recent bookings'}>
      <ErrorBox error={q.error} onRetry={q.reload} />
      {q.loading && !q.data ? (
        <Loading what="bookings" />
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Starts</th>
                <th scope="col">State</th>
                <th scope="col">Client</th>
                <th scope="col">Therapist</th>
              </tr>
            </thead>
            <tbody>
              {q.data?.myBookings.edges.map(({ node: b }) => (
                <tr key={b.id}>
                  <td>
                    <Link to={`/bookings?id=${encodeURIComponent(b.id)}`}>
                      {formatDateTime(b.startsAt, zone)}
                    </Link>
                  </td>
                  <td>
                    <StatusBadge status={b.state} />
                  </td>
                  <td className="mono small">{b.clientId}</td>
                  <td className="mono small">{b.therapistId ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        page={cursors.length + 1}
        hasPrevious={cursors.length > 0}
        hasNext={Boolean(q.data?.myBookings.pageInfo.hasNextPage)}
        onPrevious={() => go(cursors.slice(0, -1))}
        onNext={() => {
          const end = q.data?.myBookings.pageInfo.endCursor;
          if (end) go([...cursors, end]);
        }}
      />
    </Section>
  );
}

function BookingDetail({ id, zone }: { id: string; zone: string }) {
  const bq = useQuery(BOOKING, { id });
  const q = useQuery(MONEY, { id });
  const refund = useMutation(REFUND);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  if (q.loading && !q.data) return <Loading what="the booking" />;
  if (!q.data) return <ErrorBox error={q.error} onRetry={q.reload} />;
  const { bookingPayment: p, bookingLedger: l } = q.data;
  const b = bq.data?.booking;
  const cap = refundCap(p);
  const history = b
    ? ([
        ['Confirmed', b.confirmedAt],
        ['En route', b.enRouteAt],
        ['Arrived (check-in)', b.arrivedAt],
        ['Session started', b.sessionStartedAt],
        ['Completed (check-out)', b.completedAt],
      ] as const)
    : [];
  const submitRefund = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseRefundAmount(amount, cap);
    if ('error' in parsed) return setFormError(parsed.error);
    if (!reason.trim()) return setFormError('Give a reason for the refund.');
    setFormError(null);
    if (await refund.run({ input: { bookingId: id, amount: parsed.amount, reason: reason.trim() } })) {
      setAmount('');
      setReason('');
      q.reload();
    }
  };
  return (
    <>
      <ErrorBox error={q.error ?? refund.error} onRetry={q.reload} />
      <ErrorBox error={bq.error} onRetry={bq.reload} />
      {b && (
        <Section title="Booking">
          <p>
            <StatusBadge status={b.state} /> {formatDateTime(b.startsAt, zone)} –{' '}
            {formatDateTime(b.endsAt, zone)} · {b.durationMinutes} min · {b.modalities.join(', ')} · quoted{' '}
            {formatMoney(b.quote.total)}
          </p>
          <p className="small mono">
            Client {b.clientId} · Therapist {b.therapistId ?? '—'}
          </p>
          <h3>State history</h3>
          <ol className="small">
            {history
              .filter(([, at]) => at)
              .map(([label, at]) => (
                <li key={label}>
                  {label}: {formatDateTime(at, zone)}
                </li>
              ))}
            {b.cancellation && (
              <li>
                Cancelled by {b.cancellation.actor} ({b.cancellation.window}): {b.cancellation.reason}, fee{' '}
                {formatMoney(b.cancellation.fee)}
              </li>
            )}
          </ol>
          <h3>Screening decision</h3>
          {b.screening ? (
            <p className="small">
              {b.screening.outcome}
              {b.screening.urgent ? ' (urgent)' : ''}: {b.screening.guidance}
              {b.screening.modifications.length > 0 &&
                ` · ${b.screening.modifications.map((m) => m.text).join('; ')}`}
            </p>
          ) : (
            <p className="muted">Not screened.</p>
          )}
          {b.screening && <ScreeningExplain id={id} zone={zone} />}
        </Section>
      )}
      <Section title="Payment">
        <dl className="facts">
          <dt>Status</dt>
          <dd>
            <StatusBadge status={p.status} /> {p.failureReason}
          </dd>
          <dt>Held</dt>
          <dd>{formatMoney(p.held)}</dd>
          <dt>Charged</dt>
          <dd>{formatMoney(p.charged)}</dd>
          <dt>Tip</dt>
          <dd>{formatMoney(p.tip)}</dd>
          <dt>Refunded</dt>
          <dd data-testid="refunded">{formatMoney(p.refunded)}</dd>
          <dt>Platform fee</dt>
          <dd>{formatMoney(p.platformFee)}</dd>
          <dt>Therapist amount / transferred</dt>
          <dd>
            {formatMoney(p.therapistAmount)} / {formatMoney(p.transferred)}
          </dd>
        </dl>
        <h3>Refunds</h3>
        <ul className="small">
          {p.refunds.map((r) => (
            <li key={r.id}>
              {formatMoney(r.amount)} · {r.status} · {r.reason} · {formatDateTime(r.createdAt, zone)}
            </li>
          ))}
          {p.refunds.length === 0 && <li className="muted">None.</li>}
        </ul>
        {cap > 0 && (
          <form className="inline-form" onSubmit={submitRefund} aria-label="Refund">
            <label>
              Amount ({p.charged.currency}, at most {(cap / 100).toFixed(2)})
              <input
                name="amount"
                inputMode="decimal"
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
                required
              />
            </label>
            <label>
              Reason
              <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} required />
            </label>
            <button type="submit" className="danger" disabled={refund.pending}>
              Refund
            </button>
            {formError && (
              <p className="error" role="alert">
                {formError}
              </p>
            )}
          </form>
        )}
      </Section>
      <Section title={`Ledger ${l.settled ? '(settled)' : '(open)'}`}>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Entry</th>
                <th scope="col">Postings</th>
              </tr>
            </thead>
            <tbody>
              {l.entries.map((e) => (
                <tr key={e.reference}>
                  <td>{formatDateTime(e.occurredAt, zone)}</td>
                  <td>
                    {e.kind}: {e.description}
                  </td>
                  <td className="small mono">
                    {e.postings.map((x) => `${x.account} ${formatMoney(x.amount)}`).join(' · ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="small">
          Balances: {l.balances.map((x) => `${x.account} ${formatMoney(x.balance)}`).join(' · ') || 'none'}
        </p>
      </Section>
    </>
  );
}

function ReconciliationPanel({ zone }: { zone: string }) {
  const q = useQuery(RECONCILIATION, {});
  const run = useMutation(RUN_RECONCILIATION);
  const r = q.data?.reconciliationReport;
  return (
    <Section
      title="Reconciliation with Stripe"
      actions={
        <button
          type="button"
          disabled={run.pending}
          onClick={async () => {
            if (await run.run({})) q.reload();
          }}
        >
          {run.pending ? 'Reconciling…' : 'Run reconciliation now'}
        </button>
      }
    >
      <ErrorBox error={q.error ?? run.error} onRetry={q.reload} />
      {r ? (
        <>
          <p>
            Checked {r.checked} bookings · finished {formatDateTime(r.finishedAt, zone)} ·{' '}
            {r.differences.length === 0 ? (
              <strong className="ok">no differences</strong>
            ) : (
              <strong className="bad">{r.differences.length} differences</strong>
            )}
          </p>
          <ul className="small">
            {r.differences.map((d) => (
              <li key={`${d.bookingId}-${d.check}`}>
                {d.check} {d.bookingId ?? ''}: ledger {d.ledger ?? '—'} vs Stripe {d.stripe ?? '—'} ·{' '}
                {d.detail}
              </li>
            ))}
          </ul>
        </>
      ) : (
        !q.loading && <p className="muted">No reconciliation has run yet.</p>
      )}
    </Section>
  );
}
