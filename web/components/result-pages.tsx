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

export function ForbiddenPage() {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title={t('common.pages.forbiddenTitle')}
      subTitle={t('common.pages.forbiddenText')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.pages.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('common.pages.notFoundTitle')}
      subTitle={t('common.pages.notFoundText')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.pages.backHome')}</Button>
        </Link>
      }
    />
  );
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
