import { useState } from 'react';
import { useMutation } from '../api/hooks.tsx';
import { graphql } from '../generated/gql.ts';
import { canReviewItems, credentialFacts, credentialLabel } from '../lib/credentials.ts';
import { formatDateTime } from '../lib/format.ts';
import { ErrorBox, ReasonAction, Section, StatusBadge } from './ui.tsx';

const REVIEW = graphql(`
  mutation ReviewItem($input: ReviewApplicationItemInput!) {
    reviewApplicationItem(input: $input) { application { id status } }
  }
`);

type Doc =
  | {
      id: string;
      kind: string;
      contentType?: string | null;
      sizeBytes?: number | null;
      signedUrl?: string | null;
    }
  | null
  | undefined;

function DocumentView({ doc, label }: { doc: Doc; label: string }) {
  const [shown, setShown] = useState(false);
  if (!doc?.signedUrl) return <p className="muted">No document uploaded.</p>;
  const isImage = doc.contentType?.startsWith('image/');
  return (
    <div className="doc">
      <button type="button" onClick={() => setShown((s) => !s)} aria-expanded={shown}>
        {shown ? 'Hide document' : `Open document (${label})`}
      </button>
      <span className="muted small">
        {doc.contentType} · {doc.sizeBytes ? `${Math.ceil(doc.sizeBytes / 1024)} KB` : ''} · link valid 5
        minutes, opens are audited
      </span>
      {shown &&
        (isImage ? (
          <img src={doc.signedUrl} alt={`${label} document`} className="doc-frame" />
        ) : (
          <iframe src={doc.signedUrl} title={`${label} document`} className="doc-frame" />
        ))}
    </div>
  );
}

interface ItemRow {
  id: string;
  title: string;
  facts: string[];
  status: string;
  reviewReason?: string | null;
  reviewedAt?: string | null;
  document: Doc;
}

interface Reviewed {
  status: string;
  reviewReason?: string | null;
  reviewedAt?: string | null;
  document: Doc;
}

/** What the panel reads of an application (the ApplicationDetail query's licenses, policies, credentials). */
export interface ReviewedApplication {
  status: string;
  licenses: (Reviewed & {
    id: string;
    type: string;
    number: string;
    jurisdiction: string;
    issuedOn: string;
    expiresOn: string;
  })[];
  insurancePolicies: (Reviewed & {
    id: string;
    carrier: string;
    policyNumber: string;
    issuedOn?: string | null;
    expiresOn: string;
  })[];
  credentials: (Reviewed & Parameters<typeof credentialFacts>[0] & { id: string; kind: string })[];
}

/** One row per license, insurance policy and credential, in that order. */
function itemRows(a: ReviewedApplication): ItemRow[] {
  return [
    ...a.licenses.map((l) => ({
      id: l.id,
      title: `License ${l.type} ${l.number}`,
      facts: [`Jurisdiction ${l.jurisdiction}`, `Issued ${l.issuedOn}`, `Expires ${l.expiresOn}`],
      status: l.status,
      reviewReason: l.reviewReason,
      reviewedAt: l.reviewedAt,
      document: l.document,
    })),
    ...a.insurancePolicies.map((p) => ({
      id: p.id,
      title: `Insurance ${p.carrier} ${p.policyNumber}`,
      facts: [p.issuedOn ? `Issued ${p.issuedOn}` : 'Issue date not given', `Expires ${p.expiresOn}`],
      status: p.status,
      reviewReason: p.reviewReason,
      reviewedAt: p.reviewedAt,
      document: p.document,
    })),
    ...a.credentials.map((c) => ({
      id: c.id,
      title: `Credential ${credentialLabel(c.kind)}`,
      facts: credentialFacts(c),
      status: c.status,
      reviewReason: c.reviewReason,
      reviewedAt: c.reviewedAt,
      document: c.document,
    })),
  ];
}

/**
 * The credential review: every license, policy and credential with its document, and Verify / Reject on
 * each pending one while the admin holds the review (or on a live application's later credentials).
 */
export function CredentialReview({
  application,
  mine,
  zone,
  onChanged,
}: {
  application: ReviewedApplication;
  mine: boolean;
  zone: string;
  onChanged: () => void;
}) {
  const review = useMutation(REVIEW);
  const items = itemRows(application);
  const decide = async (itemId: string, decision: 'VERIFIED' | 'REJECTED', reason: string) => {
    if (await review.run({ input: { itemId, decision, reason } })) onChanged();
  };
  return (
    <>
      <ErrorBox error={review.error} />
      <Section title="Licenses, insurance and credentials">
        <ul className="items">
          {items.map((item) => (
            <li key={item.id} className="item" aria-label={item.title}>
              <div className="item-head">
                <h3>{item.title}</h3>
                <StatusBadge status={item.status} />
              </div>
              <p className="small">{item.facts.join(' · ')}</p>
              {item.reviewReason && (
                <p className="small">
                  Decision: {item.reviewReason} ({formatDateTime(item.reviewedAt, zone)})
                </p>
              )}
              <DocumentView doc={item.document} label={item.title} />
              {canReviewItems(application.status, mine) && item.status === 'PENDING' && (
                <div className="row">
                  <ReasonAction
                    label="Verify"
                    tone="primary"
                    pending={review.pending}
                    onSubmit={(r) => decide(item.id, 'VERIFIED', r)}
                  />
                  <ReasonAction
                    label="Reject"
                    tone="danger"
                    pending={review.pending}
                    onSubmit={(r) => decide(item.id, 'REJECTED', r)}
                  />
                </div>
              )}
            </li>
          ))}
          {items.length === 0 && <li className="muted">Nothing uploaded yet.</li>}
        </ul>
      </Section>
    </>
  );
}
