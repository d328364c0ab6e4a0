import { Button, Result, Spin } from 'antd';
import { Link, useRouteError } from 'react-router-dom';
import { useI18n } from '../lib/i18n';

export function FullPageSpin() {
  return (
    <div style={{ minHeight: '60vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/** A page that cannot be shown to this person (403) or does not exist (404), with the way home. */
function RefusedPage({ status }: { status: '403' | '404' }) {
  const { t } = useI18n();
  const key = status === '403' ? 'forbidden' : 'notFound';
  return (
    <Result
      status={status}
      title={t(`common.pages.${key}Title`)}
      subTitle={t(`common.pages.${key}Text`)}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.pages.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function ForbiddenPage() {
  return <RefusedPage status="403" />;
}

export function NotFoundPage() {
  return <RefusedPage status="404" />;
}

/** Shown when a page fails to render or its chunk fails to load (e.g. after a deployment). */
export function RouteErrorPage() {
  const { t } = useI18n();
  const error = useRouteError();
  return (
    <Result
      status="error"
      title={t('common.pages.errorTitle')}
      subTitle={t('common.pages.errorText')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.pages.reload')}
        </Button>
      }
    >
      {import.meta.env.DEV && error instanceof Error ? <pre className="keqiao-json">{error.stack}</pre> : null}
    </Result>
  );
}
