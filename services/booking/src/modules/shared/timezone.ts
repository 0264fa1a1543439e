import { IANAZone } from 'luxon';

// IANAZone.isValidZone builds an Intl.DateTimeFormat on every call (a fifth of a millisecond, twice per
// request); the valid names are few, so they are remembered. Invalid ones are not (the set stays bounded).
const known = new Set<string>();
const MAX_KNOWN = 2_000;

/** True when `timezone` names an IANA zone ("America/New_York"). */
export function isIanaZone(timezone: string): boolean {
  if (known.has(timezone)) return true;
  if (!IANAZone.isValidZone(timezone)) return false;
  if (known.size < MAX_KNOWN) known.add(timezone);
  return true;
}
