import { type FormEvent, useId, useState } from 'react';
import { useMutation, useSessionState } from '../api/hooks.tsx';
import { graphql } from '../generated/gql.ts';
import { formatDateTime } from '../lib/format.ts';
import { ErrorBox } from './ui.tsx';

export const SAFETY_CASES = graphql(`
  query SafetyCases($ids: [ID!]!) {
    safetyCases(subjectIds: $ids) { subjectId assigneeId assignedAt notes { id authorId body at } }
  }
`);
const ASSIGN = graphql(`
  mutation AssignSafetyCase($input: AssignSafetyCaseInput!) { assignSafetyCase(input: $input) { case { subjectId } } }
`);
const NOTE = graphql(`
  mutation AddSafetyCaseNote($input: AddSafetyCaseNoteInput!) { addSafetyCaseNote(input: $input) { case { subjectId } } }
`);

export interface CaseView {
  assigneeId?: string | null;
  assignedAt?: string | null;
  notes: { id: string; authorId: string; body: string; at: string }[];
}

/** Who handles one alert or incident, and its notes: assign to yourself, hand back, write a note. */
export function CaseWork({
  subjectId,
  view,
  zone,
  onChange,
}: {
  subjectId: string;
  view: CaseView | undefined;
  zone: string;
  onChange: () => void;
}) {
  const me = useSessionState();
  const assign = useMutation(ASSIGN);
  const note = useMutation(NOTE);
  const [body, setBody] = useState('');
  const id = useId();
  const who = (userId: string) => (userId === me?.user.id ? 'you' : `admin ${userId.slice(-6)}`);
  const mine = view?.assigneeId === me?.user.id;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    if (await note.run({ input: { subjectId, body } })) {
      setBody('');
      onChange();
    }
  };
  return (
    <div className="case">
      <p className="small">
        {view?.assigneeId
          ? `Assigned to ${who(view.assigneeId)} since ${formatDateTime(view.assignedAt, zone)}`
          : 'Unassigned'}{' '}
        <button
          type="button"
          disabled={assign.pending}
          onClick={async () => {
            if (await assign.run({ input: { subjectId, assigneeId: mine ? null : (me?.user.id ?? null) } }))
              onChange();
          }}
        >
          {mine ? 'Unassign' : 'Assign to me'}
        </button>
      </p>
      {view && view.notes.length > 0 && (
        <ul className="small notes">
          {view.notes.map((n) => (
            <li key={n.id}>
              {formatDateTime(n.at, zone)}, {who(n.authorId)}: {n.body}
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={submit}>
        <label htmlFor={id} className="visually-hidden">
          Note
        </label>
        <input
          id={id}
          placeholder="Add a note"
          value={body}
          onChange={(e) => setBody(e.target.value)}
          maxLength={2000}
        />
        <button type="submit" disabled={note.pending || !body.trim()}>
          Add note
        </button>
      </form>
      <ErrorBox error={assign.error ?? note.error} />
    </div>
  );
}
