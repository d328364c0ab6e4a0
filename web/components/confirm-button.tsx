import { Button, Popconfirm } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n';

export interface ConfirmButtonProps {
  /** The question asked before the change. */
  title: ReactNode;
  /** The confirming button's text; default the button's own label. */
  okText?: ReactNode;
  /** The change; the confirmation spins while it runs. */
  onConfirm: () => unknown | Promise<unknown>;
  /** A destructive change: red button and red confirmation. Default true. */
  danger?: boolean;
  /** data-testid of the button. */
  testId?: string;
  /** The button's label. */
  children: ReactNode;
}

/**
 * A small link button in a table row that asks before it acts (remove, revoke, deactivate):
 *
 *   <ConfirmButton title={t('x.removeConfirm', { name })} onConfirm={() => remove.mutateAsync(id)} testId={`x-remove-${id}`}>
 *     {t('common.actions.remove')}
 *   </ConfirmButton>
 */
export function ConfirmButton({ title, okText, onConfirm, danger = true, testId, children }: ConfirmButtonProps) {
  const { t } = useI18n();
  return (
    <Popconfirm title={title} okText={okText ?? children} cancelText={t('common.actions.cancel')} okButtonProps={{ danger }} onConfirm={() => onConfirm()}>
      <Button type="link" size="small" danger={danger} data-testid={testId}>
        {children}
      </Button>
    </Popconfirm>
  );
}
