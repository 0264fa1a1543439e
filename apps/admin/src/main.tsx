import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { SessionProvider } from './api/hooks.tsx';
import { Session } from './api/session.ts';
import './styles.css';

// The console talks only to the public gateway, on the origin that served it.
const session = new Session('/graphql', (url, init) => fetch(url, init), sessionStorage);

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <SessionProvider session={session}>
      <App />
    </SessionProvider>
  </StrictMode>,
);
