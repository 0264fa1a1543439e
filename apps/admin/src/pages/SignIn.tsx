import { type FormEvent, useState } from 'react';
import { useSession } from '../api/hooks.tsx';
import { ApiError } from '../api/session.ts';

export function SignIn() {
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      await session.signIn(email, password);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('NETWORK', 'The server could not be reached.'));
    } finally {
      setPending(false);
    }
  };
  return (
    <main className="signin">
      <h1>Admin console</h1>
      <p className="muted">Migraine Massage operations: vetting, expiries, safety and money.</p>
      <form onSubmit={submit} aria-describedby={error ? 'signin-error' : undefined}>
        <label htmlFor="email">Email</label>
        <input
          id="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <label htmlFor="password">Password</label>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="primary" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
        {error && (
          <div id="signin-error" className="error" role="alert">
            {error.code === 'NOT_AN_ADMIN' ? (
              <strong>{error.message}</strong>
            ) : (
              <>
                <strong>Sign-in failed:</strong> {error.message}
              </>
            )}
          </div>
        )}
      </form>
    </main>
  );
}
