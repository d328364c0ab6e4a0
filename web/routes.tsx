import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate, useParams } from 'react-router-dom';
import { canSee, canViewOrg, MODULES, type MenuKey } from './access';
import { RequireAuth } from './components/require-auth';
import { FullPageSpin, ForbiddenPage, NotFoundPage, RouteErrorPage } from './components/result-pages';
import { Shell } from './components/shell';
import { useSession } from './lib/session';

// Every page is its own chunk, loaded on first visit.
const LoginPage = lazy(() => import('./pages/login'));
const HomePage = lazy(() => import('./pages/home'));
const ModulePage = lazy(() => import('./pages/module'));
const OrgListPage = lazy(() => import('./pages/orgs'));
const OrgDetailPage = lazy(() => import('./pages/orgs/detail'));
const UsersPage = lazy(() => import('./pages/users'));
const TokensPage = lazy(() => import('./pages/tokens'));
const AuditPage = lazy(() => import('./pages/audit'));
const CalendarPage = lazy(() => import('./pages/calendar'));
const LedgerPage = lazy(() => import('./pages/ledger'));
const AchievementsPage = lazy(() => import('./pages/achievements'));
const AchievementDetailPage = lazy(() => import('./pages/achievements/detail'));
const DisclosurePage = lazy(() => import('./pages/achievements/disclosure'));
const ContractListPage = lazy(() => import('./pages/contracts'));
const ContractDetailPage = lazy(() => import('./pages/contracts/detail'));
const MarketPage = lazy(() => import('./pages/market'));
const MarketListingPage = lazy(() => import('./pages/market/listing'));
const MarketDemandFormPage = lazy(() => import('./pages/market/demand-form'));
const MarketDemandPage = lazy(() => import('./pages/market/demand'));
const MarketMyDemandsPage = lazy(() => import('./pages/market/my-demands'));
const MarketSynonymsPage = lazy(() => import('./pages/market/synonyms'));
const DealsPage = lazy(() => import('./pages/deals'));
const DealRoomPage = lazy(() => import('./pages/deals/room'));
const DealAchievementPage = lazy(() => import('./pages/deals/achievement'));
const AuctionsPage = lazy(() => import('./pages/auctions'));
const AuctionPage = lazy(() => import('./pages/auctions/detail'));

/** Renders the page only when the active role has the menu entry; the server checks again. */
function Guard({ menu, children }: { menu: MenuKey; children: ReactNode }) {
  const { role } = useSession();
  return canSee(role, menu) ? children : <ForbiddenPage />;
}

/** /orgs/own: an organisation administrator's own organisation. */
function OwnOrgRedirect() {
  const { active } = useSession();
  return active ? <Navigate to={`/orgs/${active.organisationId}`} replace /> : <ForbiddenPage />;
}

function ContractDetailRoute() {
  const { contractId = '' } = useParams();
  return (
    <Guard menu="contracts">
      <ContractDetailPage key={contractId} contractId={contractId} />
    </Guard>
  );
}

/** Deal rooms: firms and holders' offices (the server narrows each room to its two parties). */
const DEAL_ROLES = ['enterprise', 'tto_officer', 'org_admin', 'operator', 'admin'];
function DealGuard({ children }: { children: ReactNode }) {
  const { role } = useSession();
  return role && DEAL_ROLES.includes(role) ? children : <ForbiddenPage />;
}
function DealRoomRoute() {
  const { roomId = '' } = useParams();
  return (
    <DealGuard>
      <DealRoomPage key={roomId} roomId={roomId} />
    </DealGuard>
  );
}
function DealAchievementRoute() {
  const { achievementId = '' } = useParams();
  return <DealAchievementPage key={achievementId} achievementId={achievementId} />;
}
function AuctionRoute() {
  const { auctionId = '' } = useParams();
  return <AuctionPage key={auctionId} auctionId={auctionId} />;
}

function OrgDetailRoute() {
  const { orgId = '' } = useParams();
  const { role, active } = useSession();
  return canViewOrg(role, orgId, active?.organisationId) ? <OrgDetailPage orgId={orgId} /> : <ForbiddenPage />;
}

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <LoginPage />
      </Suspense>
    ),
    errorElement: <RouteErrorPage />,
  },
  {
    element: <RequireAuth />,
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <Shell />,
        children: [
          { index: true, element: <HomePage /> },
          // Modules with their own pages are routed below; the rest show their placeholder.
          ...MODULES.filter((m) => m.key !== 'contracts' && m.key !== 'achievements' && m.key !== 'market').map((m) => ({
            path: m.key,
            element: (
              <Guard menu={m.key}>
                <ModulePage module={m.key} measure={m.measure} />
              </Guard>
            ),
          })),
          {
            path: 'orgs',
            element: (
              <Guard menu="organisations">
                <OrgListPage />
              </Guard>
            ),
          },
          {
            path: 'orgs/own',
            element: (
              <Guard menu="ownOrganisation">
                <OwnOrgRedirect />
              </Guard>
            ),
          },
          { path: 'orgs/:orgId', element: <OrgDetailRoute /> },
          {
            path: 'contracts',
            element: (
              <Guard menu="contracts">
                <ContractListPage />
              </Guard>
            ),
          },
          { path: 'contracts/:contractId', element: <ContractDetailRoute /> },
          {
            path: 'deals',
            element: (
              <DealGuard>
                <DealsPage />
              </DealGuard>
            ),
          },
          { path: 'deals/achievement/:achievementId', element: <DealAchievementRoute /> },
          { path: 'deals/:roomId', element: <DealRoomRoute /> },
          { path: 'auctions', element: <AuctionsPage /> },
          { path: 'auctions/:auctionId', element: <AuctionRoute /> },
          ...(
            [
              ['achievements', <AchievementsPage key="achievements" />],
              ['achievements/new', <DisclosurePage key="achievements-new" />],
              ['achievements/:id', <AchievementDetailPage key="achievements-detail" />],
              ['achievements/:id/edit', <DisclosurePage key="achievements-edit" />],
            ] as const
          ).map(([path, page]) => ({ path, element: <Guard menu="achievements">{page}</Guard> })),
          ...(
            [
              ['market', <MarketPage key="market" />],
              ['market/listings/:id', <MarketListingPage key="market-listing" />],
              ['market/demands/new', <MarketDemandFormPage key="market-demand-new" />],
              ['market/demands/:id', <MarketDemandPage key="market-demand" />],
              ['market/demands/:id/edit', <MarketDemandFormPage key="market-demand-edit" />],
              ['market/my-demands', <MarketMyDemandsPage key="market-my-demands" />],
              ['market/synonyms', <MarketSynonymsPage key="market-synonyms" />],
            ] as const
          ).map(([path, page]) => ({ path, element: <Guard menu="market">{page}</Guard> })),
          ...(
            [
              ['users', <UsersPage key="users" />],
              ['tokens', <TokensPage key="tokens" />],
              ['audit', <AuditPage key="audit" />],
              ['calendar', <CalendarPage key="calendar" />],
              ['ledger', <LedgerPage key="ledger" />],
            ] as const
          ).map(([key, page]) => ({ path: key, element: <Guard menu={key}>{page}</Guard> })),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
