import { useEffect, useState } from 'react';

const KEY = 'mm-admin-zone';

/** The admin's time zone: chosen in the header, else the browser's. */
export function useZone(): [string, (z: string) => void] {
  const [zone, setZone] = useState(
    () => localStorage.getItem(KEY) ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC',
  );
  useEffect(() => localStorage.setItem(KEY, zone), [zone]);
  return [zone, setZone];
}

export const COMMON_ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Phoenix',
  'Pacific/Honolulu',
  'Europe/London',
  'UTC',
];
