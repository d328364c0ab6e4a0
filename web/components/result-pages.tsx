import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Link, useRouteError } from 'react-router-dom';
import { useI18n } from '../lib/i18n';

export function FullPageSpin() {
  return (
    <div style={{ minHeight: '60vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/**
 * A whole page that cannot be shown: refused (403), missing (404) or broken (error), with its
 * title and text from `common.pages.<texts>Title|Text` and one way on (home, or reloading).
 */
function BlockedPage({ status, texts, children }: { status: '403' | '404' | 'error'; texts: 'forbidden' | 'notFound' | 'error'; children?: ReactNode }) {
  const { t } = useI18n();
  const reload = status === 'error';
  const button = (
    <Button type="primary" onClick={reload ? () => window.location.reload() : undefined}>
      {reload ? t('common.pages.reload') : t('common.pages.backHome')}
    </Button>
  );
  return (
    <Result status={status} title={t(`common.pages.${texts}Title`)} subTitle={t(`common.pages.${texts}Text`)} extra={reload ? button : <Link to="/">{button}</Link>}>
      {children}
    </Result>
  );
}

export function ForbiddenPage() {
  return <BlockedPage status="403" texts="forbidden" />;
}

export function NotFoundPage() {
  return <BlockedPage status="404" texts="notFound" />;
}

/** Shown when a page fails to render or its chunk fails to load (e.g. after a deployment). */
export function RouteErrorPage() {
  const error = useRouteError();
  return (
    <BlockedPage status="error" texts="error">
      {import.meta.env.DEV && error instanceof Error ? <pre className="keqiao-json">{error.stack}</pre> : null}
    </BlockedPage>
  );
}
