import { Button, Drawer, Grid, Layout, Menu, type MenuProps, Result } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { MENU_PATHS, type MenuKey, menuFor, MODULE_KEYS } from '../access';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { MenuIcon } from './icons';
import { LangSwitch } from './lang-switch';
import { NotificationBell } from './notification-bell';
import { FullPageSpin } from './result-pages';
import { UserMenu } from './user-menu';

const BUSINESS = new Set<MenuKey>(['home', ...MODULE_KEYS]);

/** The path a menu entry opens for this person. */
function pathOf(key: MenuKey, ownOrgId: string | undefined): string {
  return key === 'ownOrganisation' && ownOrgId ? `/orgs/${ownOrgId}` : MENU_PATHS[key];
}

/** The entry whose path is the longest prefix of the current location. */
function selectedKey(pathname: string, entries: Array<{ key: MenuKey; path: string }>): string[] {
  let best: { key: MenuKey; path: string } | undefined;
  for (const e of entries) {
    const matches = e.path === '/' ? pathname === '/' : pathname === e.path || pathname.startsWith(`${e.path}/`);
    if (matches && (!best || e.path.length > best.path.length)) best = e;
  }
  return best ? [best.key] : [];
}

/**
 * The application frame: header (platform name, language, notifications, user menu) and the
 * role's navigation, as a collapsible side menu on wide screens and a drawer on phones.
 */
export function Shell() {
  const { t } = useI18n();
  const { role, active } = useSession();
  const screens = Grid.useBreakpoint();
  // Before the first measurement useBreakpoint is empty: assume a wide screen only when told so.
  const isMobile = screens.md === false || (screens.md === undefined && typeof window !== 'undefined' && window.innerWidth < 768);
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();

  const entries = useMemo(() => (role ? menuFor(role) : ['home' as const]).map((key) => ({ key, path: pathOf(key, active?.organisationId) })), [role, active?.organisationId]);

  const items = useMemo<MenuProps['items']>(() => {
    const toItem = (e: { key: MenuKey; path: string }) => ({
      key: e.key,
      label: (
        <Link to={e.path} data-testid={`nav-${e.key}`} onClick={() => setDrawerOpen(false)}>
          {t(`menu.${e.key}`)}
        </Link>
      ),
    });
    const business = entries.filter((e) => BUSINESS.has(e.key)).map(toItem);
    const admin = entries.filter((e) => !BUSINESS.has(e.key)).map(toItem);
    return [
      { type: 'group' as const, key: 'g-business', label: t('menu.groups.business'), children: business },
      ...(admin.length > 0 ? [{ type: 'group' as const, key: 'g-admin', label: t('menu.groups.admin'), children: admin }] : []),
    ];
  }, [entries, t]);

  const menu = <Menu mode="inline" items={items} selectedKeys={selectedKey(location.pathname, entries)} style={{ borderInlineEnd: 0 }} data-testid="nav-menu" />;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="keqiao-header">
        <Button
          type="text"
          icon={<MenuIcon />}
          aria-label={t('common.openMenu')}
          aria-expanded={isMobile ? drawerOpen : !collapsed}
          data-testid="menu-toggle"
          onClick={() => (isMobile ? setDrawerOpen(true) : setCollapsed((c) => !c))}
        />
        <Link to="/" className="keqiao-brand" data-testid="brand">
          {isMobile ? t('common.appName') : t('common.fullTitle')}
        </Link>
        <div className="keqiao-header-actions">
          <LangSwitch />
          <NotificationBell />
          <UserMenu compact={isMobile} />
        </div>
      </Layout.Header>
      <Layout>
        {isMobile ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            title={t('common.appName')}
            size={260}
            styles={{ body: { padding: 0 } }}
            rootClassName="keqiao-nav-drawer"
            data-testid="nav-drawer"
          >
            {menu}
          </Drawer>
        ) : (
          <Layout.Sider theme="light" width={256} collapsible collapsed={collapsed} trigger={null} collapsedWidth={0} className="keqiao-sider">
            {menu}
          </Layout.Sider>
        )}
        <Layout.Content className="keqiao-content">
          {role ? (
            <Suspense fallback={<FullPageSpin />}>
              <Outlet />
            </Suspense>
          ) : (
            <Result status="info" title={t('auth.noMembership')} />
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
