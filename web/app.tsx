import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/en';
import 'dayjs/locale/zh-cn';
import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router-dom';
import type { Locale } from '../common/locale';
import { ApiError, setUnauthenticatedHandler } from './api/client';
import { feedback, showError } from './lib/feedback';
import { I18nProvider, useI18n } from './lib/i18n';
import { ME_QUERY_KEY } from './lib/session';
import { router } from './routes';

const FONT_STACK = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", -apple-system, BlinkMacSystemFont, "Segoe UI", "Helvetica Neue", Arial, sans-serif';

const THEME: ThemeConfig = { token: { fontFamily: FONT_STACK, colorPrimary: '#1565a8', borderRadius: 6 } };

const ANTD_LOCALES = { 'zh-CN': zhCNAntd, 'en-US': enUSAntd } as const;
const DAYJS_LOCALES: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };

function isSilent(meta: Record<string, unknown> | undefined): boolean {
  return meta?.silent === true;
}

/** One client for the app: API errors are shown once, centrally; 4xx answers are not retried. */
function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (!isSilent(query.meta) && !(error instanceof ApiError && error.status === 401)) showError(error);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _vars, _ctx, mutation) => {
        if (!isSilent(mutation.meta) && !(error instanceof ApiError && error.status === 401)) showError(error);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 2,
      },
    },
  });
}

/** Binds antd's message and notification to the ConfigProvider, for code outside components. */
function FeedbackBridge() {
  const { message, notification } = AntdApp.useApp();
  const i18n = useI18n();
  feedback.message = message;
  feedback.notification = notification;
  feedback.i18n = i18n;
  return null;
}

function LocalisedApp() {
  const { locale, t } = useI18n();
  useEffect(() => {
    dayjs.locale(DAYJS_LOCALES[locale]);
    document.documentElement.lang = locale;
    document.title = t('common.fullTitle');
  }, [locale, t]);
  return (
    <ConfigProvider locale={ANTD_LOCALES[locale]} theme={THEME}>
      <AntdApp>
        <FeedbackBridge />
        <RouterProvider router={router} />
      </AntdApp>
    </ConfigProvider>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  useEffect(() => {
    // An expired session anywhere: forget the person; the auth gate sends them to /login.
    setUnauthenticatedHandler(() => {
      if (queryClient.getQueryData(ME_QUERY_KEY)) {
        const i18n = feedback.i18n;
        if (i18n) feedback.message?.warning(i18n.t('auth.sessionExpired'));
      }
      queryClient.setQueryData(ME_QUERY_KEY, null);
    });
    return () => setUnauthenticatedHandler(null);
  }, [queryClient]);
  return (
    <QueryClientProvider client={queryClient}>
      {/* Server texts (notifications, error details) follow Accept-Language: refetch them in the new language. */}
      <I18nProvider onChange={() => void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== ME_QUERY_KEY[0] })}>
        <LocalisedApp />
      </I18nProvider>
    </QueryClientProvider>
  );
}
