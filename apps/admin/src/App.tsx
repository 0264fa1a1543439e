import type { ReactElement } from 'react';
import { useSession, useSessionState } from './api/hooks.tsx';
import { Link, useLocation } from './lib/router.tsx';
import { COMMON_ZONES, useZone } from './lib/zone.ts';
import { ApplicationDetail } from './pages/ApplicationDetail.tsx';
import { Bookings } from './pages/Bookings.tsx';
import { ExpiryWatch } from './pages/ExpiryWatch.tsx';
import { Queue } from './pages/Queue.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { TrustSafety } from './pages/TrustSafety.tsx';

const NAV = [
  { to: '/', label: 'Vetting queue', match: (p: string) => p === '/' || p.startsWith('/applications') },
  { to: '/expiry', label: 'Expiry watch', match: (p: string) => p.startsWith('/expiry') },
  { to: '/safety', label: 'Trust & safety', match: (p: string) => p.startsWith('/safety') },
  { to: '/bookings', label: 'Bookings & money', match: (p: string) => p.startsWith('/bookings') },
];

export function App() {
  const state = useSessionState();
  const session = useSession();
  const { path, search } = useLocation();
  const [zone, setZone] = useZone();
  if (!state) return <SignIn />;
  const zones = COMMON_ZONES.includes(zone) ? COMMON_ZONES : [zone, ...COMMON_ZONES];
  const appMatch = /^\/applications\/([^/]+)$/.exec(path);
  let page: ReactElement;
  if (appMatch?.[1]) page = <ApplicationDetail id={decodeURIComponent(appMatch[1])} zone={zone} />;
  else if (path.startsWith('/expiry')) page = <ExpiryWatch zone={zone} />;
  else if (path.startsWith('/safety')) page = <TrustSafety zone={zone} />;
  else if (path.startsWith('/bookings')) page = <Bookings zone={zone} search={search} />;
  else page = <Queue zone={zone} search={search} />;
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <strong className="brand">Admin console</strong>
        <nav aria-label="Main">
          <ul>
            {NAV.map((n) => (
              <li key={n.to}>
                <Link to={n.to} className={n.match(path) ? 'active' : ''}>
                  {n.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <label htmlFor="zone">Time zone</label>
          <select id="zone" value={zone} onChange={(e) => setZone(e.target.value)}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
          <span className="muted">{state.user.email}</span>
          <button type="button" onClick={() => void session.signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </div>
  );
}
