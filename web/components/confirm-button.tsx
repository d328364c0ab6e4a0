import { Button, type ButtonProps, Popconfirm } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n';

export interface ConfirmButtonProps {
  /** The button's text, and the confirmation's title unless `title` is given. */
  label: ReactNode;
  title?: ReactNode;
  /** What confirming means, in a sentence or two. */
  description: ReactNode;
  onConfirm: () => void;
  loading?: boolean;
  type?: ButtonProps['type'];
  danger?: boolean;
  size?: ButtonProps['size'];
  style?: ButtonProps['style'];
  /** data-testid of the button; the confirmation's OK button gets `confirmTestId` or `<testId>-confirm`. */
  testId?: string;
  confirmTestId?: string;
  /** Width of the description; default 320. */
  descriptionWidth?: number;
}

/**
 * A button whose action asks first (Popconfirm): for steps that write to the ledger or cannot be undone.
 *
 *   <ConfirmButton label={t('x.approve')} description={t('x.approveConfirm')} onConfirm={() => approve.mutate()} loading={approve.isPending} testId="x-approve" />
 */
export function ConfirmButton({ label, title, description, onConfirm, loading, type = 'primary', danger, size, style, testId, confirmTestId, descriptionWidth = 320 }: ConfirmButtonProps) {
  const { t } = useI18n();
  return (
    <Popconfirm
      title={title ?? label}
      description={<div style={{ maxWidth: descriptionWidth }}>{description}</div>}
      okText={t('common.actions.confirm')}
      cancelText={t('common.actions.cancel')}
      okButtonProps={{ 'data-testid': confirmTestId ?? (testId ? `${testId}-confirm` : undefined) } as ButtonProps}
      onConfirm={onConfirm}
    >
      <Button type={type} danger={danger} size={size} style={style} loading={loading} data-testid={testId}>
        {label}
      </Button>
    </Popconfirm>
  );
}
