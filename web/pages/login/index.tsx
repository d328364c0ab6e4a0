import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useEffect } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../../api/client';
import { loginBody } from '../../api/auth';
import type { Me } from '../../api/types';
import { LangSwitch } from '../../components/lang-switch';
import { FullPageSpin } from '../../components/result-pages';
import { errorText } from '../../lib/feedback';
import { useI18n } from '../../lib/i18n';
import { isEmail, isMobile } from '../../lib/validation';
import { ME_QUERY_KEY, resetSigningOut, useMe } from '../../lib/session';

interface Values {
  account: string;
  password: string;
}

/** Only same-site paths are followed after signing in. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function LoginPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const me = useMe();
  useEffect(resetSigningOut, []);

  const login = useMutation({
    mutationFn: (v: Values) => api.post<Me>('/auth/login', loginBody(v.account, v.password)),
    meta: { silent: true },
    onSuccess: (data) => {
      queryClient.setQueryData(ME_QUERY_KEY, data);
      navigate(safeNext(params.get('next')), { replace: true });
    },
  });

  if (me.isPending) return <FullPageSpin />;
  if (me.data && !login.isPending) return <Navigate to={safeNext(params.get('next'))} replace />;

  const error = login.error;
  const fieldErrors = error instanceof ApiError ? (error.problem.errors ?? []) : [];

  return (
    <div className="keqiao-login">
      <Card className="keqiao-login-card" data-testid="login-card">
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('common.appName')}
          </Typography.Title>
          <LangSwitch type="default" />
        </Flex>
        <Typography.Paragraph type="secondary">{t('common.platformName')}</Typography.Paragraph>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('auth.login.title')}
        </Typography.Title>
        {error && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="login-error"
            title={errorText(error, i18n)}
            description={fieldErrors.length > 0 ? <div style={{ whiteSpace: 'pre-line' }}>{fieldErrors.map((f) => f.message).join('\n')}</div> : undefined}
          />
        )}
        <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => login.mutate(v)} size="large">
          <Form.Item
            name="account"
            label={t('auth.login.account')}
            rules={[
              { required: true, whitespace: true, message: t('auth.login.accountRequired') },
              {
                validator: (_, value: string | undefined) => {
                  const v = (value ?? '').trim();
                  if (!v || (v.includes('@') ? isEmail(v) : isMobile(v))) return Promise.resolve();
                  return Promise.reject(new Error(t('auth.login.accountInvalid')));
                },
              },
            ]}
          >
            <Input autoComplete="username" placeholder={t('auth.login.accountPlaceholder')} data-testid="login-account" inputMode="email" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.login.password')} rules={[{ required: true, message: t('auth.login.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" placeholder={t('auth.login.passwordPlaceholder')} data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t('auth.login.submit')}
          </Button>
        </Form>
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 16 }}>
        {t('auth.login.footer')}
      </Typography.Text>
    </div>
  );
}
