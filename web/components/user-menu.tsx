import { useMutation } from '@tanstack/react-query';
import { Button, Dropdown, type MenuProps, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { feedback } from '../lib/feedback';
import { useI18n } from '../lib/i18n';
import { membershipKey, useClearSession, useSession } from '../lib/session';
import { ChangePasswordModal } from './change-password-modal';
import { UserIcon } from './icons';

/** The signed-in person: current organisation and role, switching membership, password, sign-out. */
export function UserMenu({ compact }: { compact: boolean }) {
  const { t } = useI18n();
  const { me, active, setActive } = useSession();
  const navigate = useNavigate();
  const clearSession = useClearSession();
  const [passwordOpen, setPasswordOpen] = useState(false);

  const logout = useMutation({
    mutationFn: () => api.post('/auth/logout'),
    // Signed out locally even when the server call fails; the auth gate then opens /login.
    onSettled: () => {
      clearSession(true);
      feedback.message?.success(t('auth.loggedOut'));
    },
    meta: { silent: true },
  });

  const roleLabel = active ? t(`roles.role.${active.role}`) : '';
  const items: MenuProps['items'] = [
    {
      key: 'who',
      type: 'group',
      label: (
        <div data-testid="user-menu-context" style={{ maxWidth: 280 }}>
          <div>{t('auth.userMenu.currentOrganisation', { org: active?.organisationName ?? t('common.states.none') })}</div>
          <div>{t('auth.userMenu.currentRole', { role: roleLabel || t('common.states.none') })}</div>
        </div>
      ),
    },
    ...(me.memberships.length > 1
      ? [
          {
            key: 'switch',
            label: <span data-testid="switch-membership">{t('auth.userMenu.switchMembership')}</span>,
            children: me.memberships.map((m) => ({
              key: `m:${membershipKey(m)}`,
              disabled: active ? membershipKey(m) === membershipKey(active) : false,
              label: t('auth.userMenu.membership', { org: m.organisationName, role: t(`roles.role.${m.role}`) }),
              onClick: () => {
                setActive(m);
                feedback.message?.success(t('auth.userMenu.switched', { org: m.organisationName, role: t(`roles.role.${m.role}`) }));
                navigate('/');
              },
            })),
          },
        ]
      : []),
    { type: 'divider' },
    {
      key: 'password',
      label: <span data-testid="change-password">{t('auth.userMenu.changePassword')}</span>,
      onClick: () => setPasswordOpen(true),
    },
    {
      key: 'logout',
      danger: true,
      label: <span data-testid="logout">{t('auth.userMenu.logout')}</span>,
      onClick: () => logout.mutate(),
    },
  ];

  return (
    <>
      {/* Rendered inside the sticky header, so the menu stays attached to it while the page scrolls. */}
      <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight" getPopupContainer={(trigger) => trigger.parentElement ?? document.body}>
        <Button type="text" data-testid="user-menu" icon={<UserIcon />} loading={logout.isPending}>
          {!compact && (
            <Typography.Text style={{ color: 'inherit', maxWidth: 220 }} ellipsis>
              {roleLabel ? t('auth.userMenu.membership', { org: me.name, role: roleLabel }) : me.name}
            </Typography.Text>
          )}
        </Button>
      </Dropdown>
      <ChangePasswordModal open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </>
  );
}
