import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { isSigningOut, SessionProvider, useMe } from '../lib/session';
import { FullPageSpin, RouteErrorPage } from './result-pages';

/** Lets signed-in people through (with their session in context); sends everyone else to /login. */
export function RequireAuth() {
  const location = useLocation();
  const me = useMe();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) return <RouteErrorPage />;
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    const plain = next === '/' || isSigningOut();
    return <Navigate to={plain ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <SessionProvider me={me.data}>
      <Outlet />
    </SessionProvider>
  );
}
