import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate, type Params, useParams } from 'react-router-dom';
import { mayOpen, PLACEHOLDER_MODULES, type RouteAccess, ROUTES, type RoutePath } from './access';
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
const DistributionPage = lazy(() => import('./pages/distribution'));
const DistributionDetailPage = lazy(() => import('./pages/distribution/detail'));
const DistributionNoticePage = lazy(() => import('./pages/distribution/notice'));
const MyRewardsPage = lazy(() => import('./pages/distribution/mine'));
const DistributionPolicyPage = lazy(() => import('./pages/distribution/policy'));
const DistributionPayrollPage = lazy(() => import('./pages/distribution/payroll'));
const DistributionEquityPage = lazy(() => import('./pages/distribution/equity'));
const RightsPage = lazy(() => import('./pages/rights'));
const GrantDetailPage = lazy(() => import('./pages/rights/grant-detail'));
const ProjectListPage = lazy(() => import('./pages/projects'));
const ProjectDetailPage = lazy(() => import('./pages/projects/detail'));
const EvaluationListPage = lazy(() => import('./pages/evaluation'));
const EvaluationPage = lazy(() => import('./pages/evaluation/achievement'));
const DealsPage = lazy(() => import('./pages/deals'));
const DealRoomPage = lazy(() => import('./pages/deals/room'));
const DealAchievementPage = lazy(() => import('./pages/deals/achievement'));
const AuctionsPage = lazy(() => import('./pages/auctions'));
const AuctionPage = lazy(() => import('./pages/auctions/detail'));

/** /orgs/own: an organisation administrator's own organisation. */
function OwnOrgRedirect() {
  const { active } = useSession();
  return active ? <Navigate to={`/orgs/${active.organisationId}`} replace /> : <ForbiddenPage />;
}

type PathParams = Readonly<Params<string>>;

/**
 * The page of each route in ROUTES (web/access.ts), given the path's parameters. Pages keyed by
 * their record id start afresh when the id changes. A route in ROUTES without a page here fails tsc.
 */
const PAGES: Record<RoutePath, (params: PathParams) => ReactNode> = {
  orgs: () => <OrgListPage />,
  'orgs/own': () => <OwnOrgRedirect />,
  'orgs/:orgId': (p) => <OrgDetailPage key={p.orgId} orgId={p.orgId ?? ''} />,
  contracts: () => <ContractListPage />,
  'contracts/:contractId': (p) => <ContractDetailPage key={p.contractId} contractId={p.contractId ?? ''} />,
  rights: () => <RightsPage />,
  'rights/grants/:grantId': (p) => <GrantDetailPage key={p.grantId} grantId={p.grantId ?? ''} />,
  market: () => <MarketPage />,
  'market/listings/:id': () => <MarketListingPage />,
  'market/demands/new': () => <MarketDemandFormPage key="new" />,
  'market/demands/:id': () => <MarketDemandPage />,
  'market/demands/:id/edit': () => <MarketDemandFormPage key="edit" />,
  'market/my-demands': () => <MarketMyDemandsPage />,
  'market/synonyms': () => <MarketSynonymsPage />,
  distribution: () => <DistributionPage />,
  'distribution/mine': () => <MyRewardsPage />,
  'distribution/policy': () => <DistributionPolicyPage />,
  'distribution/payroll': () => <DistributionPayrollPage />,
  'distribution/equity': () => <DistributionEquityPage />,
  'distribution/:distributionId': (p) => <DistributionDetailPage key={p.distributionId} distributionId={p.distributionId ?? ''} />,
  'distribution/:distributionId/notice': (p) => <DistributionNoticePage key={p.distributionId} distributionId={p.distributionId ?? ''} />,
  projects: () => <ProjectListPage />,
  'projects/:projectId': (p) => <ProjectDetailPage key={p.projectId} projectId={p.projectId ?? ''} />,
  evaluation: () => <EvaluationListPage />,
  'evaluation/achievements/:achievementId': () => <EvaluationPage />,
  deals: () => <DealsPage />,
  'deals/achievement/:achievementId': (p) => <DealAchievementPage key={p.achievementId} achievementId={p.achievementId ?? ''} />,
  'deals/:roomId': (p) => <DealRoomPage key={p.roomId} roomId={p.roomId ?? ''} />,
  auctions: () => <AuctionsPage />,
  'auctions/:auctionId': (p) => <AuctionPage key={p.auctionId} auctionId={p.auctionId ?? ''} />,
  achievements: () => <AchievementsPage />,
  'achievements/new': () => <DisclosurePage key="new" />,
  'achievements/:id': () => <AchievementDetailPage />,
  'achievements/:id/edit': () => <DisclosurePage key="edit" />,
  users: () => <UsersPage />,
  tokens: () => <TokensPage />,
  audit: () => <AuditPage />,
  calendar: () => <CalendarPage />,
  ledger: () => <LedgerPage />,
};

/** Renders a route's page only when the active role may open it (ROUTES); the server checks again. */
function Guarded({ access, page }: { access: RouteAccess; page: (params: PathParams) => ReactNode }) {
  const params = useParams();
  const { role, active } = useSession();
  return mayOpen(access, role, params, active?.organisationId) ? page(params) : <ForbiddenPage />;
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
          // Modules without pages of their own show their placeholder.
          ...PLACEHOLDER_MODULES.map((m) => ({
            path: m.key,
            element: <Guarded access={{ menu: m.key }} page={() => <ModulePage module={m.key} measure={m.measure} />} />,
          })),
          ...ROUTES.map((r) => ({ path: r.path, element: <Guarded access={r.access} page={PAGES[r.path]} /> })),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
