import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import type { Role } from '../../common/roles';
import { ApiError, request } from '../api/client';
import type { Me, Membership } from '../api/types';

export const ME_QUERY_KEY = ['me'] as const;
const ACTIVE_MEMBERSHIP_KEY = 'keqiao.activeMembership';

/** Who is signed in, or null. A 401 is an answer here, not an error. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await request<Me>('GET', '/me', { expect401: true });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function membershipKey(m: Pick<Membership, 'organisationId' | 'role'>): string {
  return `${m.organisationId}|${m.role}`;
}

function readActiveKey(): string | null {
  try {
    return localStorage.getItem(ACTIVE_MEMBERSHIP_KEY);
  } catch {
    return null;
  }
}

export interface Session {
  me: Me;
  /** The membership the person acts through; navigation follows its role. */
  active: Membership | null;
  role: Role | null;
  setActive(membership: Membership): void;
}

const SessionContext = createContext<Session | null>(null);

/** Provides the signed-in person and the active membership (remembered in localStorage). */
export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  const [activeKey, setActiveKey] = useState<string | null>(readActiveKey);
  const active = useMemo(() => me.memberships.find((m) => membershipKey(m) === activeKey) ?? me.memberships[0] ?? null, [me, activeKey]);
  const setActive = useCallback((m: Membership) => {
    const key = membershipKey(m);
    try {
      localStorage.setItem(ACTIVE_MEMBERSHIP_KEY, key);
    } catch {
      // Kept for this tab only.
    }
    setActiveKey(key);
  }, []);
  const value = useMemo<Session>(() => ({ me, active, role: active?.role ?? null, setActive }), [me, active, setActive]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

export function useMe() {
  return useQuery({ queryKey: ME_QUERY_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false, meta: { silent: true } });
}

let signingOut = false;

/** Whether the person signed out on purpose: then /login carries no `next` back to the last page. */
export function isSigningOut(): boolean {
  return signingOut;
}

export function resetSigningOut() {
  signingOut = false;
}

/**
 * Forgets everything about the previous person; the auth gate then sends the browser to /login.
 * `deliberate` is true for "log out", false for an expired session (which comes back to the page).
 */
export function useClearSession() {
  const queryClient = useQueryClient();
  return useCallback(
    (deliberate: boolean) => {
      signingOut = deliberate;
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_QUERY_KEY[0] });
      queryClient.setQueryData(ME_QUERY_KEY, null);
    },
    [queryClient],
  );
}
