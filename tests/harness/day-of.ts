import { passingDayOfCheck } from '@mm/testing';
import type { Stack } from './stack.ts';

const RECORD = /* GraphQL */ `
  mutation Record($input: RecordDayOfCheckInput!) {
    recordDayOfCheck(input: $input) { check { id passing modifications { key } } }
  }
`;
const ACKNOWLEDGE = /* GraphQL */ `
  mutation Acknowledge($input: AcknowledgeDayOfModificationsInput!) {
    acknowledgeDayOfModifications(input: $input) { check { id } }
  }
`;

/** The therapist records a passing day-of check at the door and acknowledges its modifications. */
export async function passDayOfCheck(stack: Stack, therapistToken: string, bookingId: string): Promise<void> {
  const res = await stack.gql<{
    recordDayOfCheck: { check: { id: string; passing: boolean; modifications: { key: string }[] } };
  }>(RECORD, { input: passingDayOfCheck(bookingId) }, { token: therapistToken });
  const check = res.data?.recordDayOfCheck.check;
  if (res.errors || !check?.passing) throw new Error(`day-of check did not pass: ${res.raw}`);
  const ack = await stack.gql(
    ACKNOWLEDGE,
    { input: { checkId: check.id, modificationKeys: check.modifications.map((m) => m.key) } },
    { token: therapistToken },
  );
  if (ack.errors) throw new Error(`acknowledging the day-of modifications failed: ${ack.raw}`);
}
